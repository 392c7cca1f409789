//! The shell's `<audio>` and the player bar fixed to the bottom of the screen, rendered once,
//! outside the page views: what plays, with a link back to its episode, the controls, and
//! "share from here". Hidden until the app has taken over and an episode is loaded.

use super::deck::{Command, Deck};
use super::logic;
use crate::i18n::fill;
use leptos::either::Either;
use leptos::prelude::*;

pub fn player_bar(deck: Deck) -> impl IntoView {
    let t = deck.t;
    let Deck {
        track,
        current_time,
        duration,
        playing,
        rate,
        ..
    } = deck;
    // Set once: later episodes are put in by `Deck::load`, on the element itself (a reactive
    // attribute would set it again, which restarts the audio).
    let src = track.with_untracked(|t| t.as_ref().map(|t| t.audio.url.clone()));
    let on_metadata = move |_| {
        if let Some(el) = deck.audio.get_untracked() {
            let d = el.duration();
            if d.is_finite() && d > 0.0 {
                duration.set(d);
            }
        }
    };
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
    let field =
        move |f: fn(&super::deck::Track) -> String| move || track.with(|t| t.as_ref().map(f));
    view! {
        <div class="player-dock">
            <audio
                node_ref=deck.audio
                preload="none"
                src=src
                on:play=move |_| deck.played()
                on:pause=move |_| {
                    playing.set(false);
                    super::session::playing(false);
                    deck.save(false);
                }
                on:ended=move |_| {
                    playing.set(false);
                    deck.save(true);
                }
                on:timeupdate=move |_| {
                    if let Some(el) = deck.audio.get_untracked() {
                        deck.moved(el.current_time(), el.playback_rate());
                    }
                }
                on:loadedmetadata=on_metadata
                on:durationchange=on_metadata
                on:ratechange=move |_| {
                    if let Some(el) = deck.audio.get_untracked() {
                        rate.set(el.playback_rate());
                    }
                }
                on:error=move |_| {
                    // Emptying the player is no failure.
                    if track.with_untracked(Option::is_some) {
                        playing.set(false);
                        deck.error.set(Some(if is_online() { t.player_error } else { t.player_error_offline }));
                    }
                }
            ></audio>
            <p class="visually-hidden" aria-live="polite" aria-atomic="true">{move || deck.announce.get()}</p>
            <div
                class="player-bar"
                role="region"
                aria-label=t.player_bar_label
                hidden=move || !deck.ready.get() || track.with(Option::is_none)
            >
                <button
                    type="button"
                    class="player-play"
                    aria-label=move || if playing.get() { t.player_pause } else { t.player_play }
                    on:click=move |_| deck.run(Command::Toggle)
                >
                    {move || if playing.get() { Either::Left(pause_icon()) } else { Either::Right(play_icon()) }}
                </button>
                <button type="button" class="player-skip" aria-label=t.player_back on:click=move |_| deck.run(Command::Back)>
                    <span aria-hidden="true">"−15"</span>
                </button>
                <button type="button" class="player-skip" aria-label=t.player_forward on:click=move |_| deck.run(Command::Forward)>
                    <span aria-hidden="true">"+30"</span>
                </button>
                <div class="player-track">
                    <p class="player-now">
                        <a class="player-episode" href=field(|t| t.path.clone())>{field(|t| t.title.clone())}</a>
                        <span class="player-chapter">{move || deck.chapter_title(deck.chapter.get())}</span>
                    </p>
                    <input
                        type="range"
                        class="player-seek"
                        min="0"
                        step="1"
                        max=move || duration.get().floor().to_string()
                        prop:value=move || current_time.get().floor().to_string()
                        aria-label=t.player_seek
                        aria-valuetext=move || logic::value_text(current_time.get(), duration.get(), t)
                        on:input=move |ev| {
                            if let Ok(to) = event_target_value(&ev).parse::<f64>() {
                                deck.run(Command::SeekTo(to));
                            }
                        }
                    />
                    <p class="player-times" aria-hidden="true">
                        <span>{move || logic::clock(current_time.get())}</span>
                        <span>{move || fill(t.player_remaining, logic::clock(duration.get() - current_time.get()))}</span>
                    </p>
                </div>
                <label class="player-speed">
                    <span>{t.player_speed}</span>
                    // Named by its own label too: on a phone the stylesheet hides the text.
                    <select aria-label=t.player_speed on:change=move |ev| {
                        if let (Ok(s), Some(el)) = (event_target_value(&ev).parse::<f64>(), deck.audio.get_untracked()) {
                            // The default too: loading another episode resets the rate to it.
                            el.set_default_playback_rate(s);
                            el.set_playback_rate(s);
                        }
                    }>{speeds}</select>
                </label>
                <button
                    type="button"
                    class="player-share"
                    aria-label=move || fill(t.player_share, logic::clock(current_time.get()))
                    on:click=move |_| share(deck)
                >
                    {share_icon()}
                </button>
                <p class="player-line" role="status">{move || deck.status.get()}</p>
                <p class="player-error" role="alert">{move || deck.error.get()}</p>
            </div>
        </div>
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

fn share_icon() -> impl IntoView {
    view! {
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
            <path
                d="M18 16a3 3 0 0 0-2.3 1.1l-7-3.6a3 3 0 0 0 0-3l7-3.6A3 3 0 1 0 15 5l-7 3.6a3 3 0 1 0 0 6.8l7 3.6A3 3 0 1 0 18 16z"
                fill="currentColor"
            ></path>
        </svg>
    }
}

/// "Share from 12:34": the system's share sheet where there is one, else the clipboard, of a
/// link to the episode's page at that second (`logic::share_url`).
fn share(deck: Deck) {
    #[cfg(feature = "hydrate")]
    {
        use js_sys::{Function, Object, Promise, Reflect};
        use wasm_bindgen::{JsCast, JsValue};
        let Some((path, title)) = deck
            .track
            .with_untracked(|t| t.as_ref().map(|t| (t.path.clone(), t.title.clone())))
        else {
            return;
        };
        let origin = window().location().origin().unwrap_or_default();
        let url = logic::share_url(&origin, &path, deck.current_time.get_untracked());
        // Through `Reflect`: `navigator.share` is missing in some browsers (Chromium on Linux)
        // and web-sys has it only among its unstable APIs.
        let call = |target: &JsValue, name: &str, arg: &JsValue| -> Option<Promise> {
            let f = Reflect::get(target, &name.into())
                .ok()?
                .dyn_into::<Function>()
                .ok()?;
            f.call1(target, arg).ok()?.dyn_into::<Promise>().ok()
        };
        let nav: JsValue = window().navigator().into();
        let data = Object::new();
        _ = Reflect::set(&data, &"title".into(), &title.into());
        _ = Reflect::set(&data, &"url".into(), &url.as_str().into());
        let shared = call(&nav, "share", &data);
        let clipboard = Reflect::get(&nav, &"clipboard".into()).unwrap_or_default();
        let t = deck.t;
        deck.status.set(None);
        leptos::task::spawn_local(async move {
            use wasm_bindgen_futures::JsFuture;
            if let Some(p) = shared {
                match JsFuture::from(p).await {
                    Ok(_) => return,
                    // The reader closed the share sheet: nothing to say.
                    Err(e)
                        if Reflect::get(&e, &"name".into())
                            .ok()
                            .and_then(|n| n.as_string())
                            .as_deref()
                            == Some("AbortError") =>
                    {
                        return
                    }
                    Err(_) => {}
                }
            }
            let copied = match call(&clipboard, "writeText", &url.as_str().into()) {
                Some(p) => JsFuture::from(p).await.is_ok(),
                None => false,
            };
            deck.status.set(Some(if copied {
                t.player_share_copied.to_string()
            } else {
                fill(t.player_share_failed, url)
            }));
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = deck;
}

fn is_online() -> bool {
    #[cfg(feature = "hydrate")]
    return web_sys::window().is_none_or(|w| w.navigator().on_line());
    #[cfg(not(feature = "hydrate"))]
    true
}
