//! One module per kind of route. Each receives its data as plain props.

pub mod episode;
pub mod home;
pub mod intensity;
pub mod not_found;
pub mod quiz;
pub mod search;

use crate::escape::escape;
use crate::i18n::{fill, format_date, strings};
use crate::model::{Lang, Widget};
use leptos::prelude::*;

/// "12 januari 2026 · 34 min luisteren · 7 min lezen", on cards and article headers alike.
pub fn meta_html(lang: Lang, date: &str, listening: u32, reading: u32) -> String {
    let t = strings(lang);
    format!(
        "<p class=\"meta\"><time datetime=\"{}\">{}</time> · {} · {}</p>",
        escape(date),
        escape(&format_date(lang, date)),
        escape(&fill(t.listening_time, listening)),
        escape(&fill(t.reading_time, reading))
    )
}

/// A page that is one element of markup with one widget in it, which [`crate::widgets::attach`]
/// brings to life once the page is shown.
pub fn widget_page(class: &'static str, html: String, lang: Lang, widget: Widget) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    {
        let node = NodeRef::<leptos::html::Div>::new();
        let widget = StoredValue::new(Some(widget));
        Effect::new(move |_| {
            let Some(el) = node.get() else { return };
            if let Some(widget) = widget.try_update_value(Option::take).flatten() {
                crate::widgets::attach(&el.into(), lang, vec![widget]);
            }
        });
        view! { <div class=class node_ref=node inner_html=html></div> }
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (lang, widget);
        view! { <div class=class inner_html=html></div> }
    }
}
