//! Interactive widgets placed in articles by directives, one folder each: `logic.rs` in plain
//! Rust (unit-tested natively) and `view.rs` in Leptos. The builder fills each widget's data in
//! (a quiz, the intensity texts) so hydration renders exactly what was prerendered.

pub mod intensity;
pub mod player;
pub mod quiz;

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
