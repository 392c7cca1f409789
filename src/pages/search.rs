//! The search page. The index is split (see `crate::search`): `docs.json` is fetched when the
//! page opens, the term shards a query needs as the reader types, and the text files of the
//! results shown, for their snippets. What was fetched is kept while the page is open; the
//! service worker keeps the files for offline use (see ARCHITECTURE.md, "Offline and updates").

use crate::escape::escape;
use crate::i18n::{fill, strings};
use crate::model::{search_path, Lang};
use crate::search::Hit;
use std::fmt::Write;

/// The search page: its form and empty results as markup, and once it is shown the query, the
/// index's files and the results, kept in signals and written to the page by effects.
pub fn search_page(lang: Lang) -> super::Markup {
    let page = super::Markup::new("search-page", search_html(lang));
    #[cfg(feature = "hydrate")]
    return page.attach(move |el| client::attach(lang, el));
    #[cfg(not(feature = "hydrate"))]
    page
}

/// The heading, the form (which works without JavaScript, as a `GET` to this page), and the
/// places the status and the results go.
pub fn search_html(lang: Lang) -> String {
    let t = strings(lang);
    let e = escape;
    format!(
        "<h1 tabindex=\"-1\">{}</h1><p class=\"lead\">{}</p>\
         <form role=\"search\" action=\"{}\" method=\"get\">\
         <label for=\"search-q\">{}</label>\
         <input id=\"search-q\" type=\"search\" name=\"q\" autocomplete=\"off\">\
         </form><p class=\"search-status\" role=\"status\"></p><ol class=\"search-results\"></ol>",
        e(t.search_title),
        e(t.search_intro),
        e(&search_path(lang)),
        e(t.search_label),
    )
}

#[cfg(feature = "hydrate")]
mod client {
    use super::*;
    use crate::search::{search, Answer, Catalog, Fetched, Shards, Texts};
    const LIMIT: usize = 50;
    /// Results shown at first and added by each "more results": snippets (and the text files they
    /// come from) are fetched only for the results on screen, so a common word in a long season
    /// costs a few text files, not fifty.
    const PAGE: usize = 10;

    use crate::widgets::dom::{find, on};
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{Element, HtmlInputElement};

    pub fn attach(lang: Lang, el: Element) {
        let t = strings(lang);
        let query = RwSignal::new(String::new());
        let catalog: RwSignal<Fetched<Catalog>> = RwSignal::new(Fetched::Loading);
        let shards = RwSignal::new(Shards::new(lang));
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
        let (Some(form), Some(input), Some(status), Some(list)) = (
            find(&el, "form"),
            find(&el, "#search-q").and_then(|i| i.dyn_into::<HtmlInputElement>().ok()),
            find(&el, ".search-status"),
            find(&el, ".search-results"),
        ) else {
            return;
        };
        on(&form, "submit", |ev| ev.prevent_default());
        {
            let typed = input.clone();
            on(&input, "input", move |_| {
                shown.set(PAGE);
                query.set(typed.value());
            });
        }
        // A query in the address (`?q=`, from the form without JavaScript, or a shared link).
        if let Some(q) = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .and_then(|s| web_sys::UrlSearchParams::new_with_str(&s).ok())
            .and_then(|p| p.get("q"))
        {
            input.set_value(&q);
            query.set(q);
        }
        leptos::task::spawn_local(async move {
            let loaded = fetch_json(&crate::model::search_docs_path(lang)).await;
            catalog.set(loaded.map_or(Fetched::Failed, |d| Fetched::Ready(Catalog::new(d))));
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
                Some(Answer::Found(crate::search::Found { hits, .. })) => {
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
        Effect::new(move |_| {
            status.set_text_content(Some(&answer.with(|a| match a {
                None => String::new(),
                Some(Answer::Loading) => t.search_loading.to_string(),
                Some(Answer::Unavailable) => t.search_unavailable.to_string(),
                Some(Answer::Found(f)) => status_text(lang, f.hits.len(), f.corrected.as_deref()),
            })));
        });
        {
            let list = list.clone();
            Effect::new(move |_| {
                // Only the results on screen are cloned and drawn.
                let (hits, marks) = answer.with(|a| match a {
                    Some(Answer::Found(f)) => (
                        f.hits.iter().take(shown.get()).cloned().collect(),
                        f.marks.clone(),
                    ),
                    _ => (Vec::new(), Default::default()),
                });
                list.set_inner_html(&texts.with(|texts| {
                    hits.iter()
                        .map(|hit| result_html(lang, hit, texts.snippet(hit, &marks).as_deref()))
                        .collect::<String>()
                }));
                crate::highlight::offer(marks);
            });
        }
        // "Show 10 results more", after the list while there are more.
        let more = leptos::prelude::document()
            .create_element("button")
            .expect("a button");
        _ = more.set_attribute("type", "button");
        _ = more.set_attribute("class", "search-more");
        on(&more, "click", move |_| shown.update(|n| *n += PAGE));
        Effect::new(move |_| {
            let hidden = answer.with(|a| match a {
                Some(Answer::Found(f)) => f.hits.len().saturating_sub(shown.get()),
                _ => 0,
            });
            if hidden > 0 {
                more.set_text_content(Some(&fill(t.search_more, hidden.min(PAGE))));
                _ = list.after_with_node_1(&more);
            } else {
                more.remove();
            }
        });
    }
}

/// One fetch for the three kinds of file, only the parsing per type: a generic fetch would be
/// compiled once per type into the wasm.
#[cfg(feature = "hydrate")]
async fn fetch_json<T: crate::json::FromJson>(url: &str) -> Option<T> {
    crate::json::decode(&fetch_text(url).await?)
}

#[cfg(feature = "hydrate")]
async fn fetch_text(url: &str) -> Option<String> {
    match gloo_net::http::Request::get(url).send().await {
        Ok(resp) if resp.ok() => resp.text().await.ok(),
        _ => None,
    }
}

/// What the status line says of an answer: how many results, and the words searched
/// instead when a query word was taken for another.
pub fn status_text(lang: Lang, hits: usize, corrected: Option<&str>) -> String {
    let t = strings(lang);
    let count = match hits {
        0 => t.search_none.to_string(),
        1 => t.search_one_result.to_string(),
        n => fill(t.search_results, n),
    };
    match corrected {
        Some(words) if hits > 0 => format!("{}: {count}", fill(t.search_corrected, words)),
        _ => count,
    }
}

/// A result: its title and section at once, the snippet once its text file is here (never,
/// if that file cannot be fetched). A page's further sections follow its best one, indented
/// and named by their section alone.
pub fn result_html(lang: Lang, hit: &Hit, snippet: Option<&[(String, bool)]>) -> String {
    let t = strings(lang);
    let e = escape;
    let first = hit.first_of_page;
    let mut out = format!(
        "<li{}><a href=\"{}\">",
        if first { "" } else { " class=\"result-sub\"" },
        e(&hit.url)
    );
    if first || hit.section.is_none() {
        if hit.quiz {
            _ = write!(
                out,
                "<span class=\"result-kind\">{}: </span>",
                e(t.search_quiz)
            );
        }
        _ = write!(out, "<span class=\"result-title\">{}</span>", e(&hit.title));
    }
    if let Some(s) = &hit.section {
        let dash = if first { " — " } else { "" };
        _ = write!(out, "<span class=\"result-section\">{dash}{}</span>", e(s));
    }
    out.push_str("</a>");
    if let Some(pieces) = snippet {
        out.push_str("<p class=\"snippet\">");
        for (text, marked) in pieces {
            if *marked {
                _ = write!(out, "<mark>{}</mark>", e(text));
            } else {
                out.push_str(&e(text));
            }
        }
        out.push_str("</p>");
    }
    out.push_str("</li>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_status_names_the_words_searched_instead() {
        let found = |n, corrected| status_text(Lang::Nl, n, corrected);
        assert_eq!(found(0, None), strings(Lang::Nl).search_none);
        assert_eq!(found(3, None), "3 resultaten");
        assert_eq!(
            found(3, Some("depressie")),
            "Resultaten voor „depressie”: 3 resultaten"
        );
        assert_eq!(
            status_text(Lang::En, 1, Some("depression")),
            "Showing results for “depression”: 1 result"
        );
        assert_eq!(
            status_text(Lang::En, 0, Some("x")),
            strings(Lang::En).search_none,
            "no results: nothing to name"
        );
    }
}
