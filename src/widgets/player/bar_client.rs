//! The player bar in the browser, as plain DOM code over `bar.rs`'s markup: the `<audio>`'s
//! events feed the deck, one handler on its controls drives it, and one effect
//! per part writes that part again when the deck's value behind it changes.

use super::bar::{play_icon, play_label, same_rate, seconds, share_label, times};
use super::deck::{Command, Deck};
use super::logic;
use crate::widgets::dom::{clicked_button, find, on};
use leptos::prelude::*;
use leptos::tachys::html::node_ref::NodeRefContainer;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlInputElement, HtmlSelectElement};

/// Once the dock is on the page. It stays for the document's life, and so does the owner that
/// keeps its listeners (`dom::on`).
pub fn start(deck: Deck, dock: Element) {
    let Some(audio) = find(&dock, "audio") else {
        return;
    };
    deck.audio.load(&audio);
    for name in [
        "play",
        "pause",
        "ended",
        "timeupdate",
        "loadedmetadata",
        "durationchange",
        "ratechange",
        "error",
    ] {
        on(&audio, name, move |ev| audio_event(deck, &ev.type_()));
    }
    // On each control, not delegated from the dock: a listener on an ancestor of the episode
    // link (which has no `href` while nothing is loaded) makes it an uncrawlable anchor to
    // Lighthouse.
    for (selector, name) in [
        ("[data-do]", "click"),
        (".player-seek", "input"),
        (".player-speed select", "change"),
    ] {
        let Ok(controls) = dock.query_selector_all(selector) else {
            continue;
        };
        for i in 0..controls.length() {
            if let Some(control) = controls.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                on(&control, name, move |ev| dock_event(deck, &ev));
            }
        }
    }
    show(deck, &dock);
}

fn audio_event(deck: Deck, name: &str) {
    let Some(el) = deck.audio.get_untracked() else {
        return;
    };
    match name {
        "play" => deck.played(),
        "pause" => {
            deck.playing.set(false);
            super::session::playing(false);
            deck.save(false);
        }
        "ended" => {
            deck.playing.set(false);
            deck.save(true);
        }
        "timeupdate" => deck.moved(el.current_time(), el.playback_rate()),
        "loadedmetadata" | "durationchange" => {
            let d = el.duration();
            if d.is_finite() && d > 0.0 {
                deck.duration.set(d);
            }
        }
        "ratechange" => deck.rate.set(el.playback_rate()),
        // Emptying the player is no failure.
        "error" if deck.track.with_untracked(Option::is_some) => {
            deck.playing.set(false);
            let t = deck.t;
            let online = web_sys::window().is_none_or(|w| w.navigator().on_line());
            deck.error.set(Some(if online {
                t.player_error
            } else {
                t.player_error_offline
            }));
        }
        _ => {}
    }
}

fn dock_event(deck: Deck, ev: &Event) {
    let target = ev.target();
    match ev.type_().as_str() {
        "click" => {
            let action = clicked_button(ev).and_then(|b| b.get_attribute("data-do"));
            match action.as_deref() {
                Some("toggle") => deck.run(Command::Toggle),
                Some("back") => deck.run(Command::Back),
                Some("forward") => deck.run(Command::Forward),
                Some("share") => super::bar::share(deck),
                _ => {}
            }
        }
        "input" => {
            let to = target
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
                .and_then(|i| crate::number::parse(&i.value()));
            if let Some(to) = to {
                deck.run(Command::SeekTo(to));
            }
        }
        "change" => {
            let speed = target
                .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
                .and_then(|s| crate::number::parse(&s.value()));
            if let (Some(s), Some(el)) = (speed, deck.audio.get_untracked()) {
                // The default too: loading another episode resets the rate to it.
                el.set_default_playback_rate(s);
                el.set_playback_rate(s);
            }
        }
        _ => {}
    }
}

/// One effect per part of the bar, each reading only the deck's values it shows.
fn show(deck: Deck, dock: &Element) {
    let t = deck.t;
    let part = |selector: &str| find(dock, selector);
    let text = |el: &Option<Element>, s: &str| {
        if let Some(el) = el {
            if el.text_content().as_deref() != Some(s) {
                el.set_text_content(Some(s));
            }
        }
    };
    let attr = |el: &Option<Element>, name: &str, value: &str| {
        if let Some(el) = el {
            _ = el.set_attribute(name, value);
        }
    };
    let (bar, live) = (part(".player-bar"), part("[aria-live]"));
    let (line, error) = (part(".player-line"), part(".player-error"));
    let (episode, chapter) = (part(".player-episode"), part(".player-chapter"));
    let (play, share) = (part(".player-play"), part(".player-share"));
    let (seek, spans) = (
        part(".player-seek"),
        dock.query_selector_all(".player-times span").ok(),
    );
    let select = part(".player-speed select").and_then(|s| s.dyn_into::<HtmlSelectElement>().ok());

    Effect::new(move |_| {
        let hidden = !deck.ready.get() || deck.track.with(Option::is_none);
        if let Some(bar) = &bar {
            _ = bar.toggle_attribute_with_force("hidden", hidden);
        }
    });
    Effect::new(move |_| text(&live, &deck.announce.get()));
    Effect::new(move |_| text(&line, deck.status.get().as_deref().unwrap_or_default()));
    Effect::new(move |_| text(&error, deck.error.get().unwrap_or_default()));
    Effect::new(move |_| {
        deck.track.with(|track| {
            if let (Some(track), Some(a)) = (track, &episode) {
                _ = a.set_attribute("href", &track.path);
            }
            text(&episode, track.as_ref().map_or("", |t| &t.title));
        })
    });
    Effect::new(move |_| {
        text(
            &chapter,
            &deck.chapter_title(deck.chapter.get()).unwrap_or_default(),
        )
    });
    Effect::new(move |previous: Option<bool>| {
        let playing = deck.playing.get();
        if previous != Some(playing) {
            attr(&play, "aria-label", play_label(t, playing));
            if let Some(b) = &play {
                b.set_inner_html(play_icon(playing));
            }
        }
        playing
    });
    Effect::new(move |_| {
        let (at, duration) = (deck.current_time.get(), deck.duration.get());
        attr(&seek, "max", &seconds(duration));
        attr(&seek, "aria-valuetext", &logic::value_text(at, duration, t));
        if let Some(input) = seek
            .clone()
            .and_then(|s| s.dyn_into::<HtmlInputElement>().ok())
        {
            input.set_value(&seconds(at));
        }
        if let Some(spans) = &spans {
            for (i, s) in times(t, at, duration).iter().enumerate() {
                let el = spans
                    .item(i as u32)
                    .and_then(|n| n.dyn_into::<Element>().ok());
                text(&el, s);
            }
        }
        attr(&share, "aria-label", &share_label(t, at));
    });
    Effect::new(move |_| {
        let rate = deck.rate.get();
        if let Some(select) = &select {
            let i = logic::SPEEDS.iter().position(|&s| same_rate(s, rate));
            select.set_selected_index(i.map_or(-1, |i| i as i32));
        }
    });
}
