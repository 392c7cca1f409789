//! The search page: the index is fetched once (the service worker keeps it for offline use) and
//! searched on the device as the reader types.

use crate::i18n::{fill, strings};
use crate::model::{search_path, Lang};
use crate::search::{Hit, Searcher};
use leptos::prelude::*;
use std::sync::Arc;

#[derive(Clone)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))] // only the app loads the index
enum Index {
    Loading,
    Ready(Arc<Searcher>),
    Failed,
}

const LIMIT: usize = 50;

#[component]
pub fn SearchPage(lang: Lang) -> impl IntoView {
    let t = strings(lang);
    let query = RwSignal::new(String::new());
    let index = RwSignal::new(Index::Loading);
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        // A query in the address (`?q=`, from the form without JavaScript, or a shared link).
        if let Some(q) = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .and_then(|s| web_sys::UrlSearchParams::new_with_str(&s).ok())
            .and_then(|p| p.get("q"))
        {
            query.set(q);
        }
        leptos::task::spawn_local(async move {
            let url = crate::model::search_index_path(lang);
            let loaded = match gloo_net::http::Request::get(&url).send().await {
                Ok(resp) if resp.ok() => resp.json::<crate::model::SearchIndex>().await.ok(),
                _ => None,
            };
            index.set(match loaded {
                Some(i) => Index::Ready(Arc::new(Searcher::new(i))),
                None => Index::Failed,
            });
        });
    });
    let hits = Memo::new(move |_| {
        let q = query.get();
        index.with(|i| match i {
            Index::Ready(s) if !q.trim().is_empty() => Some(s.search(&q, LIMIT)),
            _ => None,
        })
    });
    let status = move || {
        let q = query.get();
        if q.trim().is_empty() {
            return String::new();
        }
        match (index.get(), hits.get()) {
            (Index::Failed, _) => t.search_unavailable.to_string(),
            (_, Some(h)) if h.is_empty() => t.search_none.to_string(),
            (_, Some(h)) if h.len() == 1 => t.search_one_result.to_string(),
            (_, Some(h)) => fill(t.search_results, h.len()),
            _ => t.search_loading.to_string(),
        }
    };
    let results = move || {
        hits.get()
            .unwrap_or_default()
            .into_iter()
            .map(|hit| result(lang, hit))
            .collect_view()
    };
    view! {
        <div class="search-page">
            <h1 tabindex="-1">{t.search_title}</h1>
            <p class="lead">{t.search_intro}</p>
            <form role="search" action=search_path(lang) method="get" on:submit=|ev| ev.prevent_default()>
                <label for="search-q">{t.search_label}</label>
                <input
                    id="search-q"
                    type="search"
                    name="q"
                    autocomplete="off"
                    prop:value=move || query.get()
                    on:input=move |ev| query.set(event_target_value(&ev))
                />
            </form>
            <p class="search-status" role="status">{status}</p>
            <ol class="search-results">{results}</ol>
        </div>
    }
}

fn result(lang: Lang, hit: Hit) -> impl IntoView {
    let t = strings(lang);
    let Hit { doc, snippet } = hit;
    let (before, found, after) = snippet;
    view! {
        <li>
            <a href=doc.url>
                {doc.quiz.then(|| view! { <span class="result-kind">{t.search_quiz}": "</span> })}
                <span class="result-title">{doc.title}</span>
                {doc.section.map(|s| view! { <span class="result-section">" — "{s}</span> })}
            </a>
            <p class="snippet">{before}<mark>{found}</mark>{after}</p>
        </li>
    }
}
