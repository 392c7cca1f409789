//! One module per kind of route. Each receives its data as plain props.

pub mod episode;
pub mod home;
pub mod intensity;
pub mod not_found;
pub mod quiz;
pub mod search;

use crate::i18n::{fill, format_date, strings};
use crate::model::Lang;
use leptos::prelude::*;

/// "12 januari 2026 · 34 min luisteren · 7 min lezen", on cards and article headers alike.
pub fn meta_line(lang: Lang, date: String, listening: u32, reading: u32) -> impl IntoView {
    let t = strings(lang);
    view! {
        <p class="meta">
            <time datetime=date.clone()>{format_date(lang, &date)}</time>
            " · "
            {fill(t.listening_time, listening)}
            " · "
            {fill(t.reading_time, reading)}
        </p>
    }
}
