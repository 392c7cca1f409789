use crate::i18n::{fill, strings};
use crate::model::{Article, Block, EpisodeLink, Lang, TocEntry};
use crate::widgets::player::{Deck, Player, Track, TranscriptView};
use crate::widgets::subscribe::Subscribe;
use crate::widgets::WidgetView;
use leptos::either::Either;
use leptos::prelude::*;

#[component]
pub fn Episode(lang: Lang, path: String, article: Article) -> impl IntoView {
    let t = strings(lang);
    let player = Track::of_article(lang, &path, &article).map(|track| view! { <Player track/> });
    let toc = toc_tree(&article.toc)
        .into_iter()
        .map(|(entry, children)| {
            let sub = (!children.is_empty()).then(|| {
                let items = children
                    .into_iter()
                    .map(|c| view! { <li>{toc_link(c)}</li> })
                    .collect_view();
                view! { <ol>{items}</ol> }
            });
            view! { <li>{toc_link(entry)} {sub}</li> }
        })
        .collect_view();
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
    let sources = article
        .sources
        .iter()
        .map(|s| view! { <li id=format!("src-{}", s.key) inner_html=s.html.clone()></li> })
        .collect_view();
    let helplines = article
        .helplines_html
        .map(|html| crate::widgets::helplines_box(Some(crate::HELPLINES_ID), html));
    let pagination = (article.prev.is_some() || article.next.is_some()).then(|| {
        view! {
            <nav class="pagination" aria-label=t.pagination_label>
                {article.prev.map(|l| episode_link(lang, "prev", t.prev_episode, l))}
                {article.next.map(|l| episode_link(lang, "next", t.next_episode, l))}
            </nav>
        }
    });
    let related = (!article.related.is_empty()).then(|| {
        let items = article
            .related
            .iter()
            .map(|l| {
                view! {
                    <li>
                        <a href=l.path.clone()>{l.title.clone()}</a>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="related" aria-labelledby="related-title">
                <h2 id="related-title">{t.related_title}</h2>
                <ul>{items}</ul>
            </section>
        }
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
            <header class="episode-header">
                <p class="episode-number">{fill(t.episode_label, article.number)}</p>
                <h1 id="title" tabindex="-1">{article.title}</h1>
                <p class="lead">{article.summary}</p>
                {super::meta_line(lang, article.date.clone(), article.listening_minutes, article.reading_minutes)}
            </header>
            {player}
            <Subscribe lang feed=article.feed.clone()/>
            <nav class="toc" aria-labelledby="toc-title">
                <h2 id="toc-title">{t.toc_title}</h2>
                <ol>{toc}</ol>
            </nav>
            <div class="article-body">{body}</div>
            {helplines}
            {transcript}
            <section class="sources" aria-labelledby="sources-title">
                <h2 id="sources-title">{t.sources_title}</h2>
                <p class="sources-intro">{t.sources_intro}</p>
                <ol>{sources}</ol>
            </section>
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

fn toc_link(e: TocEntry) -> impl IntoView {
    view! { <a href=format!("#{}", e.id)>{e.text}</a> }
}

fn episode_link(
    lang: Lang,
    rel: &'static str,
    label: &'static str,
    link: EpisodeLink,
) -> impl IntoView {
    view! {
        <a class=format!("page-{rel}") rel=rel href=link.path>
            <span class="page-label">{label}</span>
            <span class="page-title">
                {fill(strings(lang).episode_label, link.number)}": "{link.title}
            </span>
        </a>
    }
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
