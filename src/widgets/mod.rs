//! Interactive widgets placed in articles by directives, one folder each: `logic.rs` in plain
//! Rust (unit-tested natively) and `view.rs` in Leptos; the quiz and the intensity test write
//! their markup as strings (`markup.rs`) and bring it to life in `client.rs` (ARCHITECTURE.md,
//! "Widgets as markup"). The builder fills each widget's data in (a quiz, the intensity texts) so
//! the browser has what the page shows.

#[cfg(feature = "hydrate")]
mod dom;
pub mod intensity;
pub mod player;
pub mod quiz;
pub mod subscribe;

use crate::model::{Lang, Widget};
use leptos::either::EitherOf3;
use leptos::prelude::*;

#[component]
pub fn WidgetView(lang: Lang, widget: Widget) -> impl IntoView {
    match widget {
        Widget::Quiz {
            quiz: Some(quiz), ..
        } => EitherOf3::A(view! { <quiz::QuizView lang quiz=*quiz/> }),
        Widget::IntensityTest { guide: Some(guide) } => {
            EitherOf3::B(view! { <intensity::IntensityTest lang guide=*guide/> })
        }
        // The builder always fills widgets in; an empty one is never prerendered.
        Widget::Quiz { quiz: None, .. } | Widget::IntensityTest { guide: None } => EitherOf3::C(()),
    }
}

/// The help-lines box (`content/helplines/<lang>.md`, rendered by the builder), the same markup
/// wherever it is shown: under an article, under a mental-health quiz question's feedback and
/// its quiz's result, and under the intensity test's result. Never inside a live region: it
/// is read when the reader reaches it, not announced on every answer.
/// The article's box has the id [`crate::HELPLINES_ID`] (the page data leaves its text out and
/// the client reads it back); the others (`helplines_markup`, in the widgets written as markup)
/// have none, as a page can show several.
pub fn helplines_box(id: Option<&'static str>, html: String) -> impl IntoView {
    view! { <aside id=id class=HELPLINES_CLASS inner_html=html></aside> }
}

const HELPLINES_CLASS: &str = "helplines prose";

/// The help-lines box as markup, for the widgets written as strings.
pub fn helplines_markup(html: &str) -> String {
    format!("<aside class=\"{HELPLINES_CLASS}\">{html}</aside>")
}
