use super::deck::{Deck, Track};
use super::logic;
use crate::i18n::{fill, strings};
use crate::model::Chapter;
use leptos::prelude::*;

/// The episode's player in its article: the chapter list and timestamp links as media-fragment
/// links (`file.mp3#t=750`) and a download link, which work without the app; where the reader
/// stopped, and whether they heard it all. The audio and its controls are the shell's
/// ([`Deck`], the bar): on opening, the page puts its episode there unless the reader is
/// listening to another, which this player then offers to replace.
#[component]
pub fn Player(track: Track) -> impl IntoView {
    let deck = expect_context::<Deck>();
    let t = strings(track.lang);
    let resume = RwSignal::new(None::<f64>);
    let listened = RwSignal::new(false);
    let notice = RwSignal::new(None::<&'static str>);
    let path = StoredValue::new(track.path.clone());
    let loaded = Memo::new(move |_| path.with_value(|p| deck.has(p)));
    let current = Memo::new(move |_| loaded.get().then(|| deck.chapter.get()).flatten());
    let chapter_list = track
        .audio
        .chapters
        .iter()
        .enumerate()
        .filter(|(_, c)| c.toc)
        .map(|(i, c)| chapter_item(i, c, &track.audio.url, current))
        .collect_view();
    let url = track.audio.url.clone();
    let megabytes = format!("{:.1}", track.audio.bytes as f64 / 1_000_000.0);
    #[cfg(feature = "hydrate")]
    let (key, duration) = (track.key(), track.audio.duration);
    let track = StoredValue::new(track);
    let play_here = move |at: f64| deck.play_episode(track.get_value(), at);

    #[cfg(feature = "hydrate")]
    {
        use logic::{Arrival, Listening};
        let shown = move |record: Listening| {
            listened.set(record.listened);
            resume.set(record.resume_at(duration));
        };
        let stored = key.clone();
        Effect::new(move |_| {
            let (record, n) = crate::storage::load::<Listening>(&stored);
            shown(record);
            notice.set(n.map(|_| t.player_notice_reset));
            let query = window().location().search().unwrap_or_default();
            let arrival = logic::arrival(
                loaded.get_untracked(),
                deck.touched.get_untracked(),
                deck.playing.get_untracked(),
                logic::start_param(&query),
            );
            if let Arrival::Load(at) = arrival {
                deck.load(track.get_value(), at);
            }
        });
        // Listened in another tab: where to resume follows, unless this episode is playing.
        crate::storage::follow(key, move |raw| {
            if !(loaded.get_untracked() && deck.playing.get_untracked()) {
                shown(crate::storage::decode::<Listening>(raw.as_deref()).0);
            }
        });
        // Left without playing it: the bar goes with the page, as before the player stayed.
        on_cleanup(move || {
            if loaded.get_untracked() && !deck.touched.get_untracked() {
                deck.unload();
            }
        });
    }

    // Once this episode has been played here, the live state is the deck's.
    let mine = move || loaded.get() && deck.touched.get();
    view! {
        <section class="player" aria-labelledby="player-title">
            <h2 id="player-title">{t.player_label}</h2>
            <p class="player-status">
                {move || (listened.get() || loaded.get() && deck.listened.get()).then(|| view! {
                    <span class="player-listened">"✓ "{t.player_listened}</span>
                })}
                {move || (!loaded.get() && deck.touched.get()).then(|| view! {
                    <button type="button" class="player-instead" on:click=move |_| {
                        play_here(resume.get_untracked().unwrap_or(0.0))
                    }>{t.player_play_instead}</button>
                })}
                {move || resume.get().filter(|_| !mine()).map(|at| view! {
                    <button type="button" class="player-resume" on:click=move |_| play_here(at)>
                        {fill(t.player_continue, logic::clock(at))}
                    </button>
                })}
            </p>
            {move || notice.get().map(|n| view! { <p class="notice" role="status">{n}</p> })}
            <nav class="player-chapters" aria-labelledby="chapters-title">
                <h3 id="chapters-title">{t.player_chapters}</h3>
                <ol>{chapter_list}</ol>
            </nav>
            <p class="player-meta">
                <a href=url.clone() download="">{fill(t.player_download, megabytes)}</a>
                <span class="player-keys" class:unready=move || !deck.ready.get()>{t.player_keys}</span>
            </p>
        </section>
    }
}

/// Chapter links point at the audio with a media fragment, so they play even without the app.
fn chapter_item(i: usize, c: &Chapter, url: &str, current: Memo<Option<usize>>) -> impl IntoView {
    view! {
        <li>
            <a
                class="timestamp"
                href=format!("{url}#t={}", c.start)
                data-t=c.start.to_string()
                aria-current=move || (current.get() == Some(i)).then_some("true")
            >
                <span class="chapter-time">{logic::clock(c.start)}</span>
                " "
                <span class="chapter-title">{c.title.clone()}</span>
            </a>
        </li>
    }
}
