//! Interactive widgets placed in articles by directives, one folder each: `logic.rs` in plain
//! Rust (unit-tested natively); the markup as strings (`markup.rs`, and `view.rs`'s
//! `section_html`), which Leptos does not hydrate; `client.rs` and `view.rs`'s `attach` bring it
//! to life once it is on the page (ARCHITECTURE.md, "Widgets as markup"). The builder fills each
//! widget's data in (a quiz, the intensity texts) so the browser has what the page shows.

#[cfg(feature = "hydrate")]
pub mod dom;
pub mod intensity;
pub mod player;
pub mod quiz;
pub mod subscribe;

use crate::model::{Lang, Widget};

/// A widget's `<section>` as the page shows it; the builder always fills widgets in, so an empty
/// one is never prerendered.
pub fn widget_html(lang: Lang, widget: &Widget) -> String {
    match widget {
        Widget::Quiz {
            quiz: Some(quiz), ..
        } => quiz::section_html(lang, quiz, false),
        Widget::IntensityTest { guide: Some(guide) } => intensity::section_html(lang, guide),
        Widget::Quiz { quiz: None, .. } | Widget::IntensityTest { guide: None } => String::new(),
    }
}

/// Brings each of a page's widgets to life once its markup is under `root`.
#[cfg(feature = "hydrate")]
pub fn attach(root: &web_sys::Element, lang: Lang, widgets: Vec<Widget>) {
    for widget in widgets {
        match widget {
            Widget::Quiz {
                quiz: Some(quiz), ..
            } => {
                if let Some(el) = dom::find(root, &format!("[id=\"quiz-{}\"]", quiz.id)) {
                    quiz::attach(lang, *quiz, el);
                }
            }
            Widget::IntensityTest { guide: Some(guide) } => {
                if let Some(el) = dom::find(root, ".widget.intensity-test") {
                    intensity::attach(lang, *guide, el);
                }
            }
            _ => {}
        }
    }
}

/// The help-lines box (`content/helplines/<lang>.md`, rendered by the builder), the same markup
/// wherever it is shown: under an article, under a mental-health quiz question's feedback and
/// its quiz's result, and under the intensity test's result. Never inside a live region: it
/// is read when the reader reaches it, not announced on every answer.
/// The article's box has the id [`crate::HELPLINES_ID`] (the page data leaves its text out and
/// the client reads it back); the widgets' boxes have none, as a page can show several.
pub fn helplines_html(id: Option<&str>, html: &str) -> String {
    let id = id.map(|id| format!(" id=\"{id}\"")).unwrap_or_default();
    format!("<aside{id} class=\"{HELPLINES_CLASS}\">{html}</aside>")
}

const HELPLINES_CLASS: &str = "helplines prose";
