use super::markup;
use crate::escape::escape;
use crate::model::{Lang, Quiz};

/// The quiz widget: markup that Leptos does not hydrate (`markup.rs`), its first question
/// prerendered, brought to life by [`attach`] once it is on the page; the record kept on the
/// device is applied then, so the prerendered HTML never depends on it.
pub fn section_html(lang: Lang, quiz: &Quiz, standalone: bool) -> String {
    let id = escape(&quiz.id);
    format!(
        "<section class=\"widget quiz\" id=\"quiz-{id}\" aria-labelledby=\"quiz-{id}-title\">{}</section>",
        markup::quiz_html(lang, quiz, standalone)
    )
}

/// The quiz in `section` (as [`section_html`] wrote it) takes over, for as long as the page lives:
/// one delegated `click` and `keydown` handler on the section.
#[cfg(feature = "hydrate")]
pub fn attach(lang: Lang, quiz: Quiz, section: web_sys::Element) {
    use super::client;
    use crate::widgets::dom::on;
    use wasm_bindgen::JsCast;
    let widget = client::new(lang, quiz);
    let (click, key) = (widget.clone(), widget.clone());
    on(&section, "click", move |ev| client::on_click(&click, ev));
    on(&section, "keydown", move |ev| {
        if let Ok(ev) = ev.dyn_into::<web_sys::KeyboardEvent>() {
            client::on_keydown(&key, ev);
        }
    });
    client::start(&widget, section);
}
