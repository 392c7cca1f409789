use crate::escape::escape;
use crate::i18n::strings;
use crate::model::{IntensityGuide, Lang, Widget};

/// The intensity self-test and weekly log on their own page, the widget attached once it is
/// shown.
pub fn intensity_page(lang: Lang, guide: IntensityGuide) -> super::Markup {
    let html = format!(
        "<h1 tabindex=\"-1\">{}</h1>{}",
        escape(strings(lang).intensity_title),
        crate::widgets::intensity::section_html(lang, &guide)
    );
    let widget = Widget::IntensityTest {
        guide: Some(Box::new(guide)),
    };
    super::Markup::new("intensity-page", html).with_widget(lang, widget)
}
