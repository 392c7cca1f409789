//! One module per kind of route. Each receives its data as plain props.

pub mod episode;
pub mod home;
pub mod intensity;
pub mod not_found;
pub mod quiz;
pub mod search;

use crate::escape::escape;
use crate::i18n::{fill, format_date, strings};
use crate::model::Lang;
use leptos::prelude::*;

/// "12 januari 2026 · 34 min luisteren · 7 min lezen", on cards and article headers alike.
pub fn meta_line(lang: Lang, date: String, listening: u32, reading: u32) -> impl IntoView {
    view! { <p class="meta" inner_html=meta_inner(lang, &date, listening, reading)></p> }
}

/// [`meta_line`] as markup.
pub fn meta_html(lang: Lang, date: &str, listening: u32, reading: u32) -> String {
    format!(
        "<p class=\"meta\">{}</p>",
        meta_inner(lang, date, listening, reading)
    )
}

fn meta_inner(lang: Lang, date: &str, listening: u32, reading: u32) -> String {
    let t = strings(lang);
    format!(
        "<time datetime=\"{}\">{}</time> · {} · {}",
        escape(date),
        escape(&format_date(lang, date)),
        escape(&fill(t.listening_time, listening)),
        escape(&fill(t.reading_time, reading))
    )
}

/// A page that is one element of markup with one widget in it (found by `selector`), which
/// `attach` brings to life once the page is shown.
pub fn widget_page<T: Send + Sync + 'static>(
    class: &'static str,
    html: String,
    selector: &'static str,
    data: T,
    attach: impl Fn(T, web_sys::Element) + 'static,
) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    {
        let node = NodeRef::<leptos::html::Div>::new();
        let data = StoredValue::new(Some(data));
        Effect::new(move |_| {
            let Some(el) = node.get() else { return };
            let section = crate::widgets::dom::find(&el, selector);
            if let (Some(data), Some(section)) =
                (data.try_update_value(Option::take).flatten(), section)
            {
                attach(data, section);
            }
        });
        view! { <div class=class node_ref=node inner_html=html></div> }
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (selector, data, attach);
        view! { <div class=class inner_html=html></div> }
    }
}
