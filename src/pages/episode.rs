use crate::escape::escape;
use crate::i18n::{fill, strings, Strings};
use crate::model::{Article, Block, EpisodeLink, Lang, SourceEntry, TocEntry};
use crate::widgets::player::{Deck, Player, Track, TranscriptView};
use crate::widgets::subscribe::Subscribe;
use crate::widgets::WidgetView;
use leptos::either::Either;
use leptos::prelude::*;
use std::fmt::Write;

#[component]
pub fn Episode(lang: Lang, path: String, article: Article) -> impl IntoView {
    let t = strings(lang);
    let player = Track::of_article(lang, &path, &article).map(|track| view! { <Player track/> });
    // Static after the first paint: markup Leptos does not hydrate.
    let header = header_html(lang, &article);
    let toc = toc_html(t, &article.toc);
    let sources = sources_html(t, &article.sources);
    let body = article
        .body
        .into_iter()
        .map(|block| match block {
            Block::Html { html } => {
                Either::Left(view! { <div class="prose" inner_html=html></div> })
            }
            Block::Widget { widget } => Either::Right(view! { <WidgetView lang widget/> }),
        })
        .collect_view();
    let helplines = article
        .helplines_html
        .map(|html| crate::widgets::helplines_box(Some(crate::HELPLINES_ID), html));
    let pagination = (article.prev.is_some() || article.next.is_some()).then(|| {
        let html = pagination_html(lang, article.prev.as_ref(), article.next.as_ref());
        view! { <nav class="pagination" aria-label=t.pagination_label inner_html=html></nav> }
    });
    let related = (!article.related.is_empty()).then(|| {
        let html = related_html(t, &article.related);
        view! { <section class="related" aria-labelledby="related-title" inner_html=html></section> }
    });
    // The transcript follows the shell's player while it holds this page's episode.
    let transcript = article.audio.as_ref().and_then(|audio| {
        let (url, transcript) = (audio.url.clone(), audio.transcript.clone()?);
        let deck = expect_context::<Deck>();
        let id = article.id.clone();
        let mine = move || {
            deck.track.with(|t| {
                t.as_ref()
                    .is_some_and(|t| t.lang == lang && t.episode_id == id)
            })
        };
        let mine = Memo::new(move |_| mine());
        let position = Signal::derive(move || {
            if mine.get() {
                deck.current_time.get()
            } else {
                0.0
            }
        });
        let playing = Signal::derive(move || mine.get() && deck.playing.get());
        Some(view! { <TranscriptView lang audio_url=url transcript position playing/> })
    });
    let reading_bar = view! { <ReadingBar lang episode_id=article.id.clone()/> };
    view! {
        {reading_bar}
        <article class="episode">
            <header class="episode-header" inner_html=header></header>
            {player}
            <Subscribe lang feed=article.feed.clone()/>
            <nav class="toc" aria-labelledby="toc-title" inner_html=toc></nav>
            <div class="article-body">{body}</div>
            {helplines}
            {transcript}
            <section class="sources" aria-labelledby="sources-title" inner_html=sources></section>
            {pagination}
            {related}
        </article>
    }
}

/// A thin bar at the top showing how far down the article the reader is; the place is kept on
/// the device for "continue reading" and the read marks on the home page.
#[component]
fn ReadingBar(lang: Lang, episode_id: String) -> impl IntoView {
    let progress = RwSignal::new(0.0_f64);
    #[cfg(not(feature = "hydrate"))]
    let _ = episode_id;
    #[cfg(feature = "hydrate")]
    {
        use crate::reading::{fraction, ReadingLog, KEY};
        let saved = StoredValue::new(0.0_f64);
        let episode_id = StoredValue::new(episode_id);
        let measure = move || {
            let Some(body) = document().query_selector(".article-body").ok().flatten() else {
                return;
            };
            let rect = body.get_bounding_client_rect();
            let viewport = window()
                .inner_height()
                .ok()
                .and_then(|h| h.as_f64())
                .unwrap_or(0.0);
            let f = fraction(rect.top(), rect.height(), viewport);
            progress.set(f);
            if (f - saved.get_value()).abs() < 0.02 && f < 1.0 {
                return;
            }
            saved.set_value(f);
            // The section the reader is in: the last heading that has passed the top.
            let mut anchor = None;
            if let Ok(headings) = body.query_selector_all(".prose h2[id], .prose h3[id]") {
                for i in 0..headings.length() {
                    let Some(h) = headings
                        .item(i)
                        .and_then(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok())
                    else {
                        continue;
                    };
                    if h.get_bounding_client_rect().top() > viewport * 0.25 {
                        break;
                    }
                    anchor = Some(h.id());
                }
            }
            crate::storage::update(
                KEY,
                ReadingLog::default(),
                |l| l,
                |log| episode_id.with_value(|id| log.record(id, f, anchor)),
            );
        };
        let handle = window_event_listener(leptos::ev::scroll, move |_| measure());
        on_cleanup(move || handle.remove());
        // A reload may restore the scroll position without a scroll event: measure once too.
        Effect::new(move |_| request_animation_frame(measure));
    }
    view! {
        <progress
            class="reading-bar"
            max="1"
            value=move || progress.get().to_string()
            aria-label=strings(lang).reading_progress
        ></progress>
    }
}

/// Groups level-3 entries under the level-2 entry before them.
pub fn toc_tree(entries: &[TocEntry]) -> Vec<(TocEntry, Vec<TocEntry>)> {
    let mut tree: Vec<(TocEntry, Vec<TocEntry>)> = Vec::new();
    for e in entries {
        match tree.last_mut() {
            Some((_, children)) if e.level > 2 => children.push(e.clone()),
            _ => tree.push((e.clone(), Vec::new())),
        }
    }
    tree
}

/// The article's header: number, title (focused after a client-side navigation), lead and
/// meta line.
pub fn header_html(lang: Lang, article: &Article) -> String {
    let t = strings(lang);
    format!(
        "<p class=\"episode-number\">{}</p><h1 id=\"title\" tabindex=\"-1\">{}</h1>\
         <p class=\"lead\">{}</p>{}",
        escape(&fill(t.episode_label, article.number)),
        escape(&article.title),
        escape(&article.summary),
        super::meta_html(
            lang,
            &article.date,
            article.listening_minutes,
            article.reading_minutes
        )
    )
}

/// The table of contents, level-3 entries nested under the level-2 entry before them.
pub fn toc_html(t: &Strings, entries: &[TocEntry]) -> String {
    let link = |e: &TocEntry| format!("<a href=\"#{}\">{}</a>", escape(&e.id), escape(&e.text));
    let mut out = format!("<h2 id=\"toc-title\">{}</h2><ol>", escape(t.toc_title));
    for (entry, children) in toc_tree(entries) {
        out.push_str("<li>");
        out.push_str(&link(&entry));
        if !children.is_empty() {
            out.push_str(" <ol>");
            for c in &children {
                _ = write!(out, "<li>{}</li>", link(c));
            }
            out.push_str("</ol>");
        }
        out.push_str("</li>");
    }
    out.push_str("</ol>");
    out
}

/// The sources, each with the id its citations link to; their HTML is the builder's, sanitised.
pub fn sources_html(t: &Strings, sources: &[SourceEntry]) -> String {
    let mut out = format!(
        "<h2 id=\"sources-title\">{}</h2><p class=\"sources-intro\">{}</p><ol>",
        escape(t.sources_title),
        escape(t.sources_intro)
    );
    for s in sources {
        _ = write!(out, "<li id=\"src-{}\">{}</li>", escape(&s.key), s.html);
    }
    out.push_str("</ol>");
    out
}

/// The previous and next episodes' links.
pub fn pagination_html(
    lang: Lang,
    prev: Option<&EpisodeLink>,
    next: Option<&EpisodeLink>,
) -> String {
    let t = strings(lang);
    [("prev", t.prev_episode, prev), ("next", t.next_episode, next)]
        .into_iter()
        .filter_map(|(rel, label, link)| {
            let link = link?;
            Some(format!(
                "<a class=\"page-{rel}\" rel=\"{rel}\" href=\"{}\"><span class=\"page-label\">{}</span>\
                 <span class=\"page-title\">{}: {}</span></a>",
                escape(&link.path),
                escape(label),
                escape(&fill(t.episode_label, link.number)),
                escape(&link.title)
            ))
        })
        .collect()
}

pub fn related_html(t: &Strings, related: &[EpisodeLink]) -> String {
    let mut out = format!(
        "<h2 id=\"related-title\">{}</h2><ul>",
        escape(t.related_title)
    );
    for l in related {
        _ = write!(
            out,
            "<li><a href=\"{}\">{}</a></li>",
            escape(&l.path),
            escape(&l.title)
        );
    }
    out.push_str("</ul>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(level: u8, id: &str) -> TocEntry {
        TocEntry {
            level,
            id: id.into(),
            text: id.into(),
        }
    }

    #[test]
    fn static_parts_are_escaped_markup() {
        let t = strings(Lang::En);
        let mut a2 = e(3, "a2");
        a2.text = "Fat & <sugar>".into();
        assert_eq!(
            toc_html(t, &[e(2, "a"), e(3, "a1"), a2, e(2, "b")]),
            format!(
                "<h2 id=\"toc-title\">{}</h2><ol><li><a href=\"#a\">a</a> <ol><li><a href=\"#a1\">a1</a></li>\
                 <li><a href=\"#a2\">Fat &amp; &lt;sugar&gt;</a></li></ol></li><li><a href=\"#b\">b</a></li></ol>",
                t.toc_title
            )
        );
        let next = EpisodeLink {
            number: 2,
            title: "Smog \"&\" you".into(),
            path: "/en/episodes/02-smog/".into(),
        };
        let html = pagination_html(Lang::En, None, Some(&next));
        assert!(
            html.starts_with("<a class=\"page-next\" rel=\"next\" href=\"/en/episodes/02-smog/\">")
        );
        assert!(html.ends_with(": Smog &quot;&amp;&quot; you</span></a>"));
        assert!(!html.contains("page-prev"));
    }

    #[test]
    fn toc_nests_level_three_under_level_two() {
        let tree = toc_tree(&[e(3, "orphan"), e(2, "a"), e(3, "a1"), e(3, "a2"), e(2, "b")]);
        let shape: Vec<(String, usize)> =
            tree.iter().map(|(p, c)| (p.id.clone(), c.len())).collect();
        assert_eq!(
            shape,
            [("orphan".into(), 0), ("a".into(), 2), ("b".into(), 0)]
        );
    }
}
