//! The search page. The index is split (see `crate::search`): `docs.json` is fetched when the
//! page opens, the term shards a query needs as the reader types, and the text files of the
//! results shown, for their snippets. What was fetched is kept while the page is open; the
//! service worker keeps the files for offline use (see ARCHITECTURE.md, "Offline and updates").

use crate::i18n::{fill, strings};
use crate::model::{search_path, Lang};
use crate::search::{search, Answer, Catalog, Fetched, Hit, Shards, Texts};
use leptos::prelude::*;

const LIMIT: usize = 50;
/// Results shown at first and added by each "more results": snippets (and the text files they
/// come from) are fetched only for the results on screen, so a common word in a long season
/// costs a few text files, not fifty.
const PAGE: usize = 10;

#[component]
pub fn SearchPage(lang: Lang) -> impl IntoView {
    let t = strings(lang);
    let query = RwSignal::new(String::new());
    let catalog: RwSignal<Fetched<Catalog>> = RwSignal::new(Fetched::Loading);
    let shards = RwSignal::new(Shards::default());
    let texts = RwSignal::new(Texts::default());
    let shown = RwSignal::new(PAGE);
    let answer = Memo::new(move |_| {
        let q = query.get();
        if q.trim().is_empty() {
            return None;
        }
        Some(catalog.with(|c| match c {
            Fetched::Ready(c) => shards.with(|s| search(c, s, &q, LIMIT)),
            Fetched::Loading => Answer::Loading,
            Fetched::Failed => Answer::Unavailable,
        }))
    });
    #[cfg(feature = "hydrate")]
    {
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
                let loaded = fetch_json(&crate::model::search_docs_path(lang)).await;
                catalog.set(loaded.map_or(Fetched::Failed, |d| Fetched::Ready(Catalog::new(d))));
            });
        });
        // The shards of the query's words, each fetched once.
        Effect::new(move |_| {
            let q = query.get();
            for key in shards.try_update(|s| s.want(&q)).unwrap_or_default() {
                leptos::task::spawn_local(async move {
                    let shard = fetch_json(&crate::model::search_shard_path(lang, key)).await;
                    shards.update(|s| s.insert(key, shard));
                });
            }
        });
        // The text files of the results, for their snippets.
        Effect::new(move |_| {
            let wanted = answer.with(|a| match a {
                Some(Answer::Hits(hits)) => {
                    let on_screen = &hits[..hits.len().min(shown.get())];
                    texts.try_update(|t| t.want(on_screen))
                }
                _ => None,
            });
            for group in wanted.unwrap_or_default() {
                leptos::task::spawn_local(async move {
                    let file = fetch_json(&crate::model::search_text_path(lang, &group)).await;
                    texts.update(|t| t.insert(group, file));
                });
            }
        });
    }
    let status = move || {
        answer.with(|a| match a {
            None => String::new(),
            Some(Answer::Loading) => t.search_loading.to_string(),
            Some(Answer::Unavailable) => t.search_unavailable.to_string(),
            Some(Answer::Hits(h)) if h.is_empty() => t.search_none.to_string(),
            Some(Answer::Hits(h)) if h.len() == 1 => t.search_one_result.to_string(),
            Some(Answer::Hits(h)) => fill(t.search_results, h.len()),
        })
    };
    let results = move || {
        // Only the results on screen are cloned and drawn.
        let hits: Vec<Hit> = answer.with(|a| match a {
            Some(Answer::Hits(h)) => h.iter().take(shown.get()).cloned().collect(),
            _ => Vec::new(),
        });
        let q = query.get();
        texts.with(|texts| {
            hits.into_iter()
                .map(|hit| {
                    let snippet = texts.snippet(&hit, &q);
                    result(lang, hit, snippet)
                })
                .collect_view()
        })
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
                    on:input=move |ev| {
                        shown.set(PAGE);
                        query.set(event_target_value(&ev));
                    }
                />
            </form>
            <p class="search-status" role="status">{status}</p>
            <ol class="search-results">{results}</ol>
            {move || {
                let hidden = answer.with(|a| match a {
                    Some(Answer::Hits(h)) => h.len().saturating_sub(shown.get()),
                    _ => 0,
                });
                (hidden > 0).then(|| view! {
                    <button type="button" class="search-more" on:click=move |_| shown.update(|n| *n += PAGE)>
                        {fill(t.search_more, hidden.min(PAGE))}
                    </button>
                })
            }}
        </div>
    }
}

/// One fetch for the three kinds of file, only the parsing per type: a generic fetch would be
/// compiled once per type into the wasm.
#[cfg(feature = "hydrate")]
async fn fetch_json<T: serde::de::DeserializeOwned>(url: &str) -> Option<T> {
    serde_json::from_str(&fetch_text(url).await?).ok()
}

#[cfg(feature = "hydrate")]
async fn fetch_text(url: &str) -> Option<String> {
    match gloo_net::http::Request::get(url).send().await {
        Ok(resp) if resp.ok() => resp.text().await.ok(),
        _ => None,
    }
}

/// A result: its title and section at once, the snippet once its text file is here (never,
/// if that file cannot be fetched).
fn result(lang: Lang, hit: Hit, snippet: Option<(String, String, String)>) -> impl IntoView {
    let t = strings(lang);
    view! {
        <li>
            <a href=hit.url>
                {hit.quiz.then(|| view! { <span class="result-kind">{t.search_quiz}": "</span> })}
                <span class="result-title">{hit.title}</span>
                {hit.section.map(|s| view! { <span class="result-section">" — "{s}</span> })}
            </a>
            {snippet.map(|(before, found, after)| view! {
                <p class="snippet">
                    {before}
                    {(!found.is_empty()).then(|| view! { <mark>{found}</mark> })}
                    {after}
                </p>
            })}
        </li>
    }
}
