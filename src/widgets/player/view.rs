use super::logic::{self, Listening};
use crate::i18n::{fill, strings};
use crate::model::{AudioTrack, Chapter, Lang};
use leptos::either::Either;
use leptos::html;
use leptos::prelude::*;

/// What any control (button, key, timestamp link, lock screen) asks of the player.
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))] // the lock screen exists only in the app
pub enum Command {
    Toggle,
    Play,
    Pause,
    Back,
    Forward,
    SeekTo(f64),
    PreviousChapter,
    NextChapter,
}

/// The episode's audio player. The prerendered page has the chapter list and timestamp links
/// as media-fragment links (`file.mp3#t=750`) and a download link, which work without the app;
/// the control bar, fixed to the bottom of the screen, appears once the app has taken over.
/// `position` (seconds) and `playing` are the player's, shared with the page's transcript.
#[component]
pub fn Player(
    lang: Lang,
    episode_id: String,
    title: String,
    audio: AudioTrack,
    position: RwSignal<f64>,
    playing: RwSignal<bool>,
) -> impl IntoView {
    let t = strings(lang);
    let AudioTrack {
        url,
        bytes,
        duration: built_duration,
        chapters,
        ..
    } = audio;
    let chapters = StoredValue::new(chapters);
    let duration = RwSignal::new(built_duration);
    let rate = RwSignal::new(1.0_f64);
    let error = RwSignal::new(None::<&'static str>);
    let notice = RwSignal::new(None::<&'static str>);
    let resume = RwSignal::new(None::<f64>);
    let listened = RwSignal::new(false);
    let ready = RwSignal::new(false);
    let announce = RwSignal::new(String::new());
    let last_saved = StoredValue::new(0.0_f64);
    // Nothing is stored for a page the reader only looked at.
    let touched = StoredValue::new(false);
    let key = StoredValue::new(Listening::key(lang.code(), &episode_id));
    let artwork = crate::model::artwork_path(lang, &episode_id);
    let audio_ref = NodeRef::<html::Audio>::new();
    let current =
        Memo::new(move |_| chapters.with_value(|c| logic::current_chapter(c, position.get())));

    // Stores where the reader is; `ended` marks the episode as listened.
    let save = move |ended: bool| {
        #[cfg(feature = "hydrate")]
        if touched.get_value() {
            key.with_value(|k| {
                let done = crate::storage::update(
                    k,
                    Listening::default(),
                    |r| r,
                    |r| {
                        r.reached(position.get_untracked(), duration.get_untracked(), ended);
                        true
                    },
                );
                listened.set(done.record.listened);
                last_saved.set_value(position.get_untracked());
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ended, key, last_saved, touched);
    };

    let run = move |cmd: Command| {
        let Some(el) = audio_ref.get_untracked() else {
            return;
        };
        let at = el.current_time();
        let seek = |to: f64| {
            el.set_current_time(to);
            position.set(to);
            resume.set(None);
        };
        match cmd {
            Command::Toggle if el.paused() => start(&el, error),
            Command::Toggle | Command::Pause => _ = el.pause(),
            Command::Play => start(&el, error),
            Command::Back => seek(logic::skip(at, -logic::BACK, duration.get_untracked())),
            Command::Forward => seek(logic::skip(at, logic::FORWARD, duration.get_untracked())),
            Command::SeekTo(to) => seek(logic::skip(to, 0.0, duration.get_untracked())),
            Command::PreviousChapter => {
                seek(chapters.with_value(|c| logic::previous_chapter_start(c, at)))
            }
            Command::NextChapter => {
                if let Some(to) = chapters.with_value(|c| logic::next_chapter_start(c, at)) {
                    seek(to)
                }
            }
        }
    };

    #[cfg(feature = "hydrate")]
    {
        let (title, site, artwork) = (title.clone(), t.site_name, artwork.clone());
        Effect::new(move |_| {
            let (record, n) = key.with_value(|k| crate::storage::load::<Listening>(k));
            listened.set(record.listened);
            resume.set(record.resume_at(duration.get_untracked()));
            notice.set(n.map(|_| t.player_notice_reset));
            ready.set(true);
        });
        // Listened in another tab: where to resume follows, unless this page is playing.
        crate::storage::follow(key.get_value(), move |raw| {
            if !playing.get_untracked() {
                let record = crate::storage::decode::<Listening>(raw.as_deref()).0;
                listened.set(record.listened);
                resume.set(record.resume_at(duration.get_untracked()));
            }
        });
        // Announce a new chapter politely, and keep the lock screen's chapter current.
        Effect::new(move |previous: Option<Option<usize>>| {
            let now = current.get();
            if previous.is_some_and(|p| p != now) && playing.get_untracked() {
                if let Some(c) = now.and_then(|i| chapters.with_value(|c| c.get(i).cloned())) {
                    announce.set(fill(t.player_chapter_now, &c.title));
                }
            }
            if playing.get_untracked() {
                let chapter = now.and_then(|i| chapters.with_value(|c| c.get(i).cloned()));
                super::session::metadata(
                    &title,
                    site,
                    chapter.as_ref().map(|c| c.title.as_str()),
                    &artwork,
                );
            }
            now
        });
        let listeners = listeners(run, save);
        on_cleanup(move || {
            save(false);
            for remove in listeners {
                remove();
            }
            super::session::clear();
        });
    }

    let on_play = {
        let (title, artwork) = (title.clone(), artwork.clone());
        move |_| {
            // The lock-screen buttons are wired on the first play only (each wiring leaves its
            // closures with the browser until the player goes away).
            if !touched.get_value() {
                super::session::handlers(run);
            }
            touched.set_value(true);
            playing.set(true);
            error.set(None);
            resume.set(None);
            let chapter = current
                .get_untracked()
                .and_then(|i| chapters.with_value(|c| c.get(i).map(|c| c.title.clone())));
            super::session::metadata(&title, t.site_name, chapter.as_deref(), &artwork);
            super::session::playing(true);
        }
    };
    let on_time = move |_| {
        if let Some(el) = audio_ref.get_untracked() {
            let p = el.current_time();
            position.set(p);
            if (p - last_saved.get_value()).abs() >= 5.0 {
                save(false);
            }
            super::session::position(duration.get_untracked(), el.playback_rate(), p);
        }
    };
    let on_metadata = move |_| {
        if let Some(el) = audio_ref.get_untracked() {
            let d = el.duration();
            if d.is_finite() && d > 0.0 {
                duration.set(d);
            }
        }
    };
    let on_error = move |_| {
        playing.set(false);
        error.set(Some(if is_online() {
            t.player_error
        } else {
            t.player_error_offline
        }));
    };

    let chapter_list = chapters.with_value(|all| {
        all.iter()
            .enumerate()
            .filter(|(_, c)| c.toc)
            .map(|(i, c)| chapter_item(i, c, &url, current))
            .collect_view()
    });
    let src = url.clone();
    let megabytes = format!("{:.1}", bytes as f64 / 1_000_000.0);
    let speeds = logic::SPEEDS
        .iter()
        .map(|&s| {
            view! {
                <option value=s.to_string() selected=move || (rate.get() - s).abs() < 1e-6>
                    {format!("{s}×")}
                </option>
            }
        })
        .collect_view();
    view! {
        <section class="player" aria-labelledby="player-title">
            <h2 id="player-title">{t.player_label}</h2>
            <audio
                node_ref=audio_ref
                preload="none"
                src=src
                on:play=on_play
                on:pause=move |_| {
                    playing.set(false);
                    super::session::playing(false);
                    save(false);
                }
                on:ended=move |_| {
                    playing.set(false);
                    save(true);
                }
                on:timeupdate=on_time
                on:loadedmetadata=on_metadata
                on:durationchange=on_metadata
                on:ratechange=move |_| {
                    if let Some(el) = audio_ref.get_untracked() {
                        rate.set(el.playback_rate());
                    }
                }
                on:error=on_error
            ></audio>
            <p class="player-status">
                {move || listened.get().then(|| view! { <span class="player-listened">"✓ "{t.player_listened}</span> })}
                {move || resume.get().map(|at| view! {
                    <button type="button" class="player-resume" on:click=move |_| {
                        run(Command::SeekTo(at));
                        run(Command::Play);
                    }>{fill(t.player_continue, logic::clock(at))}</button>
                })}
            </p>
            {move || notice.get().map(|n| view! { <p class="notice" role="status">{n}</p> })}
            <p class="player-error" role="alert">{move || error.get()}</p>
            <nav class="player-chapters" aria-labelledby="chapters-title">
                <h3 id="chapters-title">{t.player_chapters}</h3>
                <ol>{chapter_list}</ol>
            </nav>
            <p class="player-meta">
                <a href=url.clone() download="">{fill(t.player_download, megabytes)}</a>
                <span class="player-keys" hidden=move || !ready.get()>{t.player_keys}</span>
            </p>
            <p class="visually-hidden" aria-live="polite" aria-atomic="true">{move || announce.get()}</p>
            <div class="player-bar" role="group" aria-label=t.player_label hidden=move || !ready.get()>
                <button
                    type="button"
                    class="player-play"
                    aria-label=move || if playing.get() { t.player_pause } else { t.player_play }
                    on:click=move |_| run(Command::Toggle)
                >
                    {move || if playing.get() { Either::Left(pause_icon()) } else { Either::Right(play_icon()) }}
                </button>
                <button type="button" class="player-skip" aria-label=t.player_back on:click=move |_| run(Command::Back)>
                    <span aria-hidden="true">"−15"</span>
                </button>
                <button type="button" class="player-skip" aria-label=t.player_forward on:click=move |_| run(Command::Forward)>
                    <span aria-hidden="true">"+30"</span>
                </button>
                <div class="player-track">
                    <p class="player-now">
                        {move || current.get().and_then(|i| chapters.with_value(|c| c.get(i).map(|c| c.title.clone())))}
                    </p>
                    <input
                        type="range"
                        class="player-seek"
                        min="0"
                        step="1"
                        max=move || duration.get().floor().to_string()
                        prop:value=move || position.get().floor().to_string()
                        aria-label=t.player_seek
                        aria-valuetext=move || logic::value_text(position.get(), duration.get(), t)
                        on:input=move |ev| {
                            if let Ok(to) = event_target_value(&ev).parse::<f64>() {
                                run(Command::SeekTo(to));
                            }
                        }
                    />
                    <p class="player-times" aria-hidden="true">
                        <span>{move || logic::clock(position.get())}</span>
                        <span>{move || fill(t.player_remaining, logic::clock(duration.get() - position.get()))}</span>
                    </p>
                </div>
                <label class="player-speed">
                    <span>{t.player_speed}</span>
                    <select on:change=move |ev| {
                        if let (Ok(s), Some(el)) = (event_target_value(&ev).parse::<f64>(), audio_ref.get_untracked()) {
                            el.set_playback_rate(s);
                        }
                    }>{speeds}</select>
                </label>
            </div>
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

fn play_icon() -> impl IntoView {
    view! {
        <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
            <path d="M7 4.5v15l13-7.5z" fill="currentColor"></path>
        </svg>
    }
}

fn pause_icon() -> impl IntoView {
    view! {
        <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
            <path d="M6 4h4.5v16H6zM13.5 4H18v16h-4.5z" fill="currentColor"></path>
        </svg>
    }
}

/// Starts playback; a file that cannot play reports through the element's `error` event, and a
/// refusal to autoplay (no user gesture) is simply nothing happening.
fn start(el: &web_sys::HtmlAudioElement, error: RwSignal<Option<&'static str>>) {
    if error.get_untracked().is_some() || el.error().is_some() {
        // After a failure (e.g. offline), try the network again.
        error.set(None);
        el.load();
    }
    #[cfg(feature = "hydrate")]
    if let Ok(promise) = el.play() {
        leptos::task::spawn_local(async move {
            _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        });
    }
}

/// Keyboard shortcuts, timestamp links in the article, and saving when the page goes away.
#[cfg(feature = "hydrate")]
fn listeners(
    run: impl Fn(Command) + Copy + 'static,
    save: impl Fn(bool) + Copy + 'static,
) -> Vec<Remover> {
    use super::logic::{Focus, Shortcut};
    use wasm_bindgen::JsCast;
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        let focus = Focus::of_event(&ev);
        let modifier = ev.ctrl_key() || ev.meta_key() || ev.alt_key();
        let Some(shortcut) = logic::shortcut(&ev.key(), focus, modifier) else {
            return;
        };
        ev.prevent_default();
        run(match shortcut {
            Shortcut::TogglePlay => Command::Toggle,
            Shortcut::Back => Command::Back,
            Shortcut::Forward => Command::Forward,
        });
    });
    // In the capture phase, so navigation never sees a timestamp link as a page to navigate to.
    let clicks = capture_click(move |ev| {
        if ev.default_prevented() || ev.button() != 0 || ev.ctrl_key() || ev.meta_key() {
            return;
        }
        let link = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a.timestamp[data-t]").ok().flatten());
        let Some(at) = link
            .and_then(|l| l.get_attribute("data-t"))
            .and_then(|t| t.parse::<f64>().ok())
        else {
            return;
        };
        ev.prevent_default();
        run(Command::SeekTo(at));
        run(Command::Play);
    });
    let hide = window_event_listener(leptos::ev::pagehide, move |_| save(false));
    vec![
        Box::new(move || keys.remove()),
        clicks,
        Box::new(move || hide.remove()),
    ]
}

#[cfg(feature = "hydrate")]
type Remover = Box<dyn FnOnce() + Send + Sync>;

/// A click listener on the window in the capture phase; returns what removes it.
#[cfg(feature = "hydrate")]
fn capture_click(handler: impl Fn(web_sys::MouseEvent) + 'static) -> Remover {
    use wasm_bindgen::prelude::*;
    let Some(window) = web_sys::window() else {
        return Box::new(|| ());
    };
    let closure = Closure::<dyn Fn(web_sys::MouseEvent)>::new(handler).into_js_value();
    _ = window.add_event_listener_with_callback_and_bool("click", closure.unchecked_ref(), true);
    let closure = send_wrapper::SendWrapper::new(closure);
    Box::new(move || {
        if let Some(w) = web_sys::window() {
            _ = w.remove_event_listener_with_callback_and_bool(
                "click",
                closure.unchecked_ref(),
                true,
            );
        }
    })
}

fn is_online() -> bool {
    #[cfg(feature = "hydrate")]
    return web_sys::window().is_none_or(|w| w.navigator().on_line());
    #[cfg(not(feature = "hydrate"))]
    true
}
