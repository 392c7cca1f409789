//! Interactive widgets placed in articles by directives, one folder each: `logic.rs` in plain
//! Rust (unit-tested natively) and `view.rs` in Leptos. The builder fills each widget's data in
//! (a quiz, the intensity texts) so hydration renders exactly what was prerendered.

pub mod intensity;
pub mod player;
pub mod quiz;

use crate::model::{Lang, Widget};
use leptos::prelude::*;

#[component]
pub fn WidgetView(lang: Lang, widget: Widget) -> impl IntoView {
    match widget {
        Widget::Quiz {
            quiz: Some(quiz), ..
        } => view! { <quiz::QuizView lang quiz=*quiz/> }.into_any(),
        // The builder always fills the quiz in; an empty one is never prerendered.
        Widget::Quiz { quiz: None, .. } => ().into_any(),
        Widget::IntensityTest { guide: Some(guide) } => {
            view! { <intensity::IntensityTest lang guide=*guide/> }.into_any()
        }
        // The builder always fills these in; an empty one is never prerendered.
        Widget::IntensityTest { guide: None } => ().into_any(),
    }
}
