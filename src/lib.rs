#![recursion_limit = "256"]
//! Loopje's app: the Leptos components that the native builder prerenders (`ssr`) and the
//! browser hydrates (`hydrate`). It never parses Markdown: it receives [`model::Page`] data.

pub mod escape;
pub mod highlight;
pub mod i18n;
pub mod json;
pub mod model;
pub mod number;
pub mod offline;
pub mod pages;
pub mod reading;
pub mod search;
pub mod shell;
pub mod startup;
pub mod storage;
pub mod widgets;

pub use shell::App;

/// Id of the `<script type="application/json">` in `<head>` that carries the current page.
pub const PAGE_DATA_ID: &str = "loopje-page";

/// Id of an article's help-lines box.
pub const HELPLINES_ID: &str = "helplines";

/// Id of the intensity test's WHO guideline text (one test per page).
pub const INTENSITY_GUIDELINE_ID: &str = "it-guideline";

/// Puts back the article HTML the builder left out of the embedded page data, from the
/// prerendered body: `html_of` yields the `.article-body > .prose` blocks' HTML in order, and
/// `element_html` the HTML of an element by id: the sources list items `#src-<key>`, the
/// intensity test's `#int-src-<key>` and its guideline [`INTENSITY_GUIDELINE_ID`], and the help lines [`HELPLINES_ID`] (which the article's
/// widgets share). Returns false if the body does not match the data (then nothing is changed).
pub fn restore_article_html(
    page: &mut model::Page,
    html_of: impl IntoIterator<Item = String>,
    element_html: impl Fn(&str) -> Option<String>,
) -> bool {
    let model::PageContent::Episode(article) = &mut page.content else {
        return true;
    };
    let fill = |list: &[model::SourceEntry], prefix: &str| -> Option<Vec<String>> {
        list.iter()
            .map(|s| match s.html.is_empty() {
                true => element_html(&format!("{prefix}{}", s.key)),
                false => Some(s.html.clone()),
            })
            .collect()
    };
    let Some(sources) = fill(&article.sources, "src-") else {
        return false;
    };
    let guides: Option<Vec<(Vec<String>, String)>> = article
        .body
        .iter()
        .filter_map(|b| match b {
            model::Block::Widget {
                widget: model::Widget::IntensityTest { guide: Some(g) },
            } => {
                let guideline = match g.guideline_html.is_empty() {
                    true => element_html(INTENSITY_GUIDELINE_ID),
                    false => Some(g.guideline_html.clone()),
                };
                Some(fill(&g.sources, "int-src-").zip(guideline))
            }
            _ => None,
        })
        .collect();
    let Some(guides) = guides else {
        return false;
    };
    let helplines = match article.helplines_html.as_deref() {
        Some("") => match element_html(HELPLINES_ID) {
            Some(html) => Some(html),
            None => return false,
        },
        other => other.map(str::to_string),
    };
    let empty: Vec<&mut String> = article
        .body
        .iter_mut()
        .filter_map(|b| match b {
            model::Block::Html { html } if html.is_empty() => Some(html),
            _ => None,
        })
        .collect();
    let found: Vec<String> = html_of.into_iter().collect();
    if found.len() != empty.len() {
        return false;
    }
    for (slot, html) in empty.into_iter().zip(found) {
        *slot = html;
    }
    for (s, html) in article.sources.iter_mut().zip(sources) {
        s.html = html;
    }
    // The widgets' help lines were left out where they are the article's.
    article.helplines_html.clone_from(&helplines);
    for block in &mut article.body {
        let slot = match block {
            model::Block::Widget {
                widget: model::Widget::IntensityTest { guide: Some(g) },
            } => &mut g.helplines_html,
            model::Block::Widget {
                widget: model::Widget::Quiz { quiz: Some(q), .. },
            } => &mut q.helplines_html,
            _ => continue,
        };
        if slot.as_deref() == Some("") {
            slot.clone_from(&helplines);
        }
    }
    let widgets = article.body.iter_mut().filter_map(|b| match b {
        model::Block::Widget {
            widget: model::Widget::IntensityTest { guide: Some(g) },
        } => Some(g),
        _ => None,
    });
    for (g, (sources, guideline)) in widgets.zip(guides) {
        for (s, html) in g.sources.iter_mut().zip(sources) {
            s.html = html;
        }
        g.guideline_html = guideline;
    }
    true
}

/// Puts back the transcript's cue texts, which the embedded page data leaves out (they are in the
/// prerendered transcript, `.transcript .cue-text`, in order); `false`, changing nothing, if
/// they do not fit.
pub fn restore_transcript(page: &mut model::Page, texts: impl IntoIterator<Item = String>) -> bool {
    let model::PageContent::Episode(article) = &mut page.content else {
        return true;
    };
    match article.audio.as_mut().and_then(|a| a.transcript.as_mut()) {
        Some(t) => widgets::player::transcript::restore_cue_texts(t, texts),
        None => true,
    }
}

/// The URL of the JSON a route's page data is fetched from during client-side navigation.
pub fn page_data_url(path: &str) -> String {
    let path = path.split(['?', '#']).next().unwrap_or("/");
    if path.ends_with('/') {
        format!("{path}page.json")
    } else {
        format!("{path}/page.json")
    }
}

#[cfg(test)]
mod tests {
    use super::model::{Article, Block, Lang, Page, PageContent, SourceEntry, Widget};

    fn episode(blocks: Vec<Block>) -> Page {
        Page {
            lang: Lang::Nl,
            path: "/nl/afleveringen/x/".into(),
            alternate: "/en/episodes/x/".into(),
            title: "T".into(),
            description: "D".into(),
            content: PageContent::Episode(Box::new(Article {
                id: "x".into(),
                number: 1,
                title: "T".into(),
                date: "2026-01-01".into(),
                summary: "S".into(),
                listening_minutes: 1,
                reading_minutes: 1,
                topics: vec![],
                toc: vec![],
                body: blocks,
                sources: vec![],
                helplines_html: None,
                audio: None,
                prev: None,
                next: None,
                related: vec![],
                feed: "https://example.test/nl/feed.xml".into(),
            })),
        }
    }

    #[test]
    fn article_html_comes_back_from_the_dom_in_order() {
        let html = |s: &str| Block::Html { html: s.into() };
        let widget = Block::Widget {
            widget: Widget::IntensityTest { guide: None },
        };
        let with_source = |mut page: Page, html: &str| {
            if let PageContent::Episode(a) = &mut page.content {
                a.sources = vec![SourceEntry {
                    key: "k".into(),
                    html: html.into(),
                }];
            }
            page
        };
        let dom_source = |id: &str| (id == "src-k").then(|| "Smith 2020".to_string());
        let mut page = with_source(episode(vec![html(""), widget.clone(), html("")]), "");
        assert!(super::restore_article_html(
            &mut page,
            ["<p>a</p>".to_string(), "<p>b</p>".to_string()],
            dom_source
        ));
        assert_eq!(
            page,
            with_source(
                episode(vec![html("<p>a</p>"), widget.clone(), html("<p>b</p>")]),
                "Smith 2020"
            )
        );
        // A body that does not match changes nothing.
        let mut other = with_source(episode(vec![html(""), widget.clone(), html("")]), "");
        let before = other.clone();
        assert!(!super::restore_article_html(
            &mut other,
            ["<p>a</p>".to_string()],
            dom_source
        ));
        assert_eq!(other, before);
        // Nor does a source missing from the body.
        let mut other = with_source(episode(vec![html(""), widget, html("")]), "");
        assert!(!super::restore_article_html(
            &mut other,
            ["<p>a</p>".to_string(), "<p>b</p>".to_string()],
            |_| None
        ));
        assert_eq!(other, before);
        // Help lines left out of the data come back from the article's box, for the widgets too.
        let quiz = |h: Option<&str>| Block::Widget {
            widget: Widget::Quiz {
                id: "q".into(),
                quiz: Some(Box::new(super::model::Quiz {
                    id: "q".into(),
                    title: "Q".into(),
                    path: "/nl/quiz/q/".into(),
                    questions: vec![],
                    helplines_html: h.map(str::to_string),
                })),
            },
        };
        let with_helplines = |mut page: Page, h: &str| {
            if let PageContent::Episode(a) = &mut page.content {
                a.helplines_html = Some(h.into());
            }
            page
        };
        let lean = with_helplines(episode(vec![quiz(Some(""))]), "");
        let mut page = lean.clone();
        let dom = |id: &str| (id == super::HELPLINES_ID).then(|| "<p>113</p>".to_string());
        assert!(super::restore_article_html(&mut page, [], dom));
        assert_eq!(
            page,
            with_helplines(episode(vec![quiz(Some("<p>113</p>"))]), "<p>113</p>")
        );
        let mut page = lean.clone();
        assert!(
            !super::restore_article_html(&mut page, [], |_| None),
            "no box in the body"
        );
        assert_eq!(page, lean);
    }

    #[test]
    fn page_data_url() {
        assert_eq!(super::page_data_url("/nl/"), "/nl/page.json");
        assert_eq!(
            super::page_data_url("/en/episodes/x"),
            "/en/episodes/x/page.json"
        );
        assert_eq!(
            super::page_data_url("/en/episodes/x/?a=1#t"),
            "/en/episodes/x/page.json"
        );
    }
}
