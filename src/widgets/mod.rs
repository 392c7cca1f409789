//! Interactive widgets placed in articles by directives, one folder each: `logic.rs` in plain
//! Rust (unit-tested natively) and `view.rs` in Leptos.

pub mod quiz;

use crate::i18n::strings;
use crate::model::{Lang, Widget};
use leptos::prelude::*;

#[component]
pub fn WidgetView(lang: Lang, widget: Widget) -> impl IntoView {
    let t = strings(lang);
    match widget {
        Widget::Quiz {
            quiz: Some(quiz), ..
        } => view! { <quiz::QuizView lang quiz=*quiz/> }.into_any(),
        // The builder always fills the quiz in; an empty one is never prerendered.
        Widget::Quiz { quiz: None, .. } => ().into_any(),
        Widget::IntensityTest => view! {
            <section class="widget widget-intensity">
                <h2>{t.intensity_title}</h2>
                <p>{t.intensity_pending}</p>
            </section>
        }
        .into_any(),
    }
}
