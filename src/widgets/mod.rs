//! Interactive widgets placed in articles by directives. Each widget gets its own folder
//! (`logic.rs` in plain Rust, `view.rs` in Leptos) when it lands; until then the directive
//! is parsed and validated by the builder and shows where the widget will be.

use crate::i18n::strings;
use crate::model::{Lang, Widget};
use leptos::prelude::*;

#[component]
pub fn WidgetView(lang: Lang, widget: Widget) -> impl IntoView {
    let t = strings(lang);
    let (class, title, text) = match &widget {
        Widget::Quiz { .. } => ("widget widget-quiz", t.quiz_title, t.quiz_pending),
        Widget::IntensityTest => (
            "widget widget-intensity",
            t.intensity_title,
            t.intensity_pending,
        ),
    };
    view! {
        <section class=class>
            <h2>{title}</h2>
            <p>{text}</p>
        </section>
    }
}
