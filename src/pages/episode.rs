use crate::escape::escape;
use crate::i18n::{fill, strings, Strings};
use crate::model::{Article, Block, EpisodeLink, Lang, SourceEntry, TocEntry};
use crate::widgets::player::{Deck, Track};
use leptos::prelude::*;
use std::fmt::Write;

/// An episode's page: its markup ([`episode_html`]) and, once it is on the page, the parts that
/// act ([`attach`]): the reading bar, the player, the subscribe block, the widgets and the
/// transcript.
pub fn episode(lang: Lang, path: String, article: Article) -> super::Markup {
    let deck = expect_context::<Deck>();
    let page = super::Markup::new("episode-page", episode_html(lang, &path, &article, &deck));
    #[cfg(feature = "hydrate")]
    return page.attach(move |el| attach(&el, lang, path, article, deck));
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (path, article);
        page
    }
}

/// The whole page as markup: the reading bar, then the article.
pub fn episode_html(lang: Lang, path: &str, article: &Article, deck: &Deck) -> String {
    let t = strings(lang);
    let mut o = format!(
        "<progress class=\"reading-bar\" max=\"1\" value=\"0\" aria-label=\"{}\"></progress>\
         <article class=\"episode\"><header class=\"episode-header\">{}</header>",
        escape(t.reading_progress),
        header_html(lang, article)
    );
    if let Some(track) = Track::of_article(lang, path, article) {
        o.push_str(&crate::widgets::player::section_html(deck, &track));
    }
    o.push_str(&crate::widgets::subscribe::section_html(
        lang,
        &article.feed,
    ));
    _ = write!(
        o,
        "<nav class=\"toc\" aria-labelledby=\"toc-title\">{}</nav><div class=\"article-body\">",
        toc_html(t, &article.toc)
    );
    for block in &article.body {
        match block {
            Block::Html { html } => _ = write!(o, "<div class=\"prose\">{html}</div>"),
            Block::Widget { widget } => o.push_str(&crate::widgets::widget_html(lang, widget)),
        }
    }
    o.push_str("</div>");
    if let Some(html) = &article.helplines_html {
        o.push_str(&crate::widgets::helplines_html(
            Some(crate::HELPLINES_ID),
            html,
        ));
    }
    if let Some(audio) = &article.audio {
        if let Some(transcript) = &audio.transcript {
            o.push_str(&crate::widgets::player::transcript::section_html(
                lang, &audio.url, transcript,
            ));
        }
    }
    _ = write!(
        o,
        "<section class=\"sources\" aria-labelledby=\"sources-title\">{}</section>",
        sources_html(t, &article.sources)
    );
    if article.prev.is_some() || article.next.is_some() {
        _ = write!(
            o,
            "<nav class=\"pagination\" aria-label=\"{}\">{}</nav>",
            escape(t.pagination_label),
            pagination_html(lang, article.prev.as_ref(), article.next.as_ref())
        );
    }
    if !article.related.is_empty() {
        _ = write!(
            o,
            "<section class=\"related\" aria-labelledby=\"related-title\">{}</section>",
            related_html(t, &article.related)
        );
    }
    o.push_str("</article>");
    o
}

/// The page in `root` (as [`episode_html`] wrote it) takes over, for as long as it is shown.
#[cfg(feature = "hydrate")]
fn attach(root: &web_sys::Element, lang: Lang, path: String, article: Article, deck: Deck) {
    use crate::widgets::dom::find;
    use crate::widgets::player::{self, Track};
    if let Some(bar) = find(root, ".reading-bar") {
        reading_bar(bar, article.id.clone());
    }
    if let (Some(track), Some(section)) = (
        Track::of_article(lang, &path, &article),
        find(root, "section.player"),
    ) {
        player::attach(deck, track, section);
    }
    if let Some(section) = find(root, "section.subscribe") {
        crate::widgets::subscribe::attach(lang, article.feed.clone(), section);
    }
    // The transcript follows the shell's player while it holds this page's episode.
    let starts = article
        .audio
        .as_ref()
        .and_then(|a| a.transcript.as_ref())
        .map(|t| t.cues.iter().map(|c| c.start).collect::<Vec<f64>>());
    if let (Some(starts), Some(section)) = (starts, find(root, "section.transcript")) {
        let id = article.id.clone();
        let mine = Memo::new(move |_| {
            deck.track.with(|t| {
                t.as_ref()
                    .is_some_and(|t| t.lang == lang && t.episode_id == id)
            })
        });
        let position = Signal::derive(move || {
            if mine.get() {
                deck.current_time.get()
            } else {
                0.0
            }
        });
        let playing = Signal::derive(move || mine.get() && deck.playing.get());
        player::transcript::attach(&section, starts, position, playing);
    }
    let widgets = article
        .body
        .into_iter()
        .filter_map(|b| match b {
            Block::Widget { widget } => Some(widget),
            Block::Html { .. } => None,
        })
        .collect();
    crate::widgets::attach(root, lang, widgets);
}

/// The thin bar at the top showing how far down the article the reader is; the place is kept on
/// the device for "continue reading" and the read marks on the home page.
#[cfg(feature = "hydrate")]
fn reading_bar(bar: web_sys::Element, episode_id: String) {
    use crate::reading::{fraction, ReadingLog, KEY};
    let saved = StoredValue::new(0.0_f64);
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
        _ = bar.set_attribute("value", &crate::number::show(f));
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
            |log| log.record(&episode_id, f, anchor),
        );
    };
    let measure = std::rc::Rc::new(measure);
    let on_scroll = measure.clone();
    let handle = window_event_listener(leptos::ev::scroll, move |_| on_scroll());
    on_cleanup(move || handle.remove());
    // A reload may restore the scroll position without a scroll event: measure once too.
    request_animation_frame(move || measure());
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
