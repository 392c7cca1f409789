use crate::escape::escape;
use crate::i18n::strings;
use crate::model::{IntensityGuide, Lang, Widget};
use leptos::prelude::*;

/// The intensity self-test and weekly log on their own page: markup Leptos does not hydrate, the
/// widget attached once it is shown.
#[component]
pub fn IntensityPage(lang: Lang, guide: IntensityGuide) -> impl IntoView {
    let html = format!(
        "<h1 tabindex=\"-1\">{}</h1>{}",
        escape(strings(lang).intensity_title),
        crate::widgets::intensity::section_html(lang, &guide)
    );
    let widget = Widget::IntensityTest {
        guide: Some(Box::new(guide)),
    };
    super::widget_page("intensity-page", html, lang, widget)
}
