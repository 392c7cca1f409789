use super::markup;
use crate::model::{IntensityGuide, Lang};

/// The test and the weekly log: markup that Leptos does not hydrate (`markup.rs`), brought to
/// life by [`attach`] once it is on the page.
pub fn section_html(lang: Lang, guide: &IntensityGuide) -> String {
    format!(
        "<section class=\"widget intensity-test\" aria-labelledby=\"it-title\">{}</section>",
        markup::widget_html(lang, guide)
    )
}

/// The widget in `section` takes over, for as long as the page lives: one delegated `submit` and
/// `click` handler on the section. The prerendered page never depends on the device or the date;
/// they are read now.
#[cfg(feature = "hydrate")]
pub fn attach(lang: Lang, guide: IntensityGuide, section: web_sys::Element) {
    use super::client;
    use crate::widgets::dom::on;
    let widget = client::new(lang, guide);
    let (submit, click) = (widget.clone(), widget.clone());
    on(&section, "submit", move |ev| client::on_submit(&submit, ev));
    on(&section, "click", move |ev| client::on_click(&click, ev));
    client::start(&widget, section);
}
