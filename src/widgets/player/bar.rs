//! The shell's `<audio>` and the player bar fixed to the bottom of the screen, rendered once,
//! outside the page views: what plays, with a link back to its episode, the controls, and
//! "share from here". Hidden until the app has taken over and an episode is loaded.
//!
//! Markup written as a string, as the quiz's and the intensity test's (ARCHITECTURE.md, "Widgets
//! as markup"): Leptos hydrates none of it, and `bar_client.rs` writes each part that changes
//! from the same functions below.

use super::deck::{Deck, Track};
use super::logic;
use crate::escape::escape;
use crate::i18n::{fill, Strings};
use leptos::prelude::*;

/// What the bar shows of the deck, as plain values: the prerendered bar is written from the
/// deck's first state, and the client writes each part again when its value changes.
#[derive(Clone, Debug, PartialEq)]
pub struct Shown<'a> {
    pub track: Option<&'a Track>,
    pub at: f64,
    pub duration: f64,
    pub playing: bool,
    pub rate: f64,
    pub chapter: Option<String>,
}

pub fn player_bar(deck: Deck) -> impl IntoView {
    let html = deck.track.with_untracked(|track| {
        let chapter = deck.chapter_title(deck.chapter.get_untracked());
        dock_html(
            deck.t,
            &Shown {
                track: track.as_ref(),
                at: deck.current_time.get_untracked(),
                duration: deck.duration.get_untracked(),
                playing: deck.playing.get_untracked(),
                rate: deck.rate.get_untracked(),
                chapter,
            },
        )
    });
    #[cfg(feature = "hydrate")]
    {
        let node = NodeRef::<leptos::html::Div>::new();
        Effect::new(move |_| {
            if let Some(el) = node.get() {
                super::bar_client::start(deck, el.into());
            }
        });
        view! { <div class="player-dock" node_ref=node inner_html=html></div> }
    }
    #[cfg(not(feature = "hydrate"))]
    view! { <div class="player-dock" inner_html=html></div> }
}

/// The whole dock: the `<audio>` (its `src` set once; later episodes are put in by
/// `Deck::load`), the polite line that names a new chapter, and the bar, hidden until the app
/// runs.
pub fn dock_html(t: &Strings, s: &Shown) -> String {
    let e = escape;
    let src = s
        .track
        .map(|t| format!(" src=\"{}\"", e(&t.audio.url)))
        .unwrap_or_default();
    let href = s
        .track
        .map(|t| format!(" href=\"{}\"", e(&t.path)))
        .unwrap_or_default();
    let title = s.track.map(|t| e(&t.title)).unwrap_or_default();
    let [elapsed, remaining] = times(t, s.at, s.duration);
    let speeds: String = logic::SPEEDS
        .iter()
        .map(|&v| {
            let selected = if same_rate(v, s.rate) {
                " selected"
            } else {
                ""
            };
            let (value, label) = (crate::number::show(v), crate::i18n::decimal(t, v, 2));
            format!("<option value=\"{value}\"{selected}>{label}×</option>")
        })
        .collect();
    format!(
        "<audio preload=\"none\"{src}></audio>\
         <p class=\"visually-hidden\" aria-live=\"polite\" aria-atomic=\"true\"></p>\
         <div class=\"player-bar\" role=\"region\" aria-label=\"{bar}\" hidden>\
         <button type=\"button\" class=\"player-play\" data-do=\"toggle\" aria-label=\"{play}\">{icon}</button>\
         <button type=\"button\" class=\"player-skip\" data-do=\"back\" aria-label=\"{back}\"><span aria-hidden=\"true\">−15</span></button>\
         <button type=\"button\" class=\"player-skip\" data-do=\"forward\" aria-label=\"{forward}\"><span aria-hidden=\"true\">+30</span></button>\
         <div class=\"player-track\">\
         <p class=\"player-now\"><a class=\"player-episode\"{href}>{title}</a><span class=\"player-chapter\">{chapter}</span></p>\
         <input type=\"range\" class=\"player-seek\" min=\"0\" step=\"1\" max=\"{max}\" value=\"{value}\" aria-label=\"{seek}\" aria-valuetext=\"{valuetext}\">\
         <p class=\"player-times\" aria-hidden=\"true\"><span>{elapsed}</span><span>{remaining}</span></p>\
         </div>\
         <label class=\"player-speed\"><span>{speed}</span><select aria-label=\"{speed}\">{speeds}</select></label>\
         <button type=\"button\" class=\"player-share\" data-do=\"share\" aria-label=\"{share}\">{SHARE_ICON}</button>\
         <p class=\"player-line\" role=\"status\"></p>\
         <p class=\"player-error\" role=\"alert\"></p>\
         </div>",
        bar = e(t.player_bar_label),
        play = e(play_label(t, s.playing)),
        icon = play_icon(s.playing),
        back = e(t.player_back),
        forward = e(t.player_forward),
        chapter = e(s.chapter.as_deref().unwrap_or_default()),
        max = seconds(s.duration),
        value = seconds(s.at),
        seek = e(t.player_seek),
        valuetext = e(&logic::value_text(s.at, s.duration, t)),
        elapsed = e(&elapsed),
        remaining = e(&remaining),
        speed = e(t.player_speed),
        share = e(&share_label(t, s.at)),
    )
}

/// The play button's name: what pressing it does.
pub fn play_label(t: &Strings, playing: bool) -> &'static str {
    if playing {
        t.player_pause
    } else {
        t.player_play
    }
}

/// The play button's icon: pause while playing.
pub fn play_icon(playing: bool) -> &'static str {
    if playing {
        PAUSE_ICON
    } else {
        PLAY_ICON
    }
}

/// "0:05" and "nog 31:55" under the seek slider.
pub fn times(t: &Strings, at: f64, duration: f64) -> [String; 2] {
    [
        logic::clock(at),
        fill(t.player_remaining, logic::clock(duration - at)),
    ]
}

pub fn share_label(t: &Strings, at: f64) -> String {
    fill(t.player_share, logic::clock(at))
}

/// The slider's whole seconds (its `max` and `value`).
pub fn seconds(s: f64) -> String {
    crate::number::show(s.floor())
}

/// The speed option matching the audio's rate, if any.
pub fn same_rate(option: f64, rate: f64) -> bool {
    (rate - option).abs() < 1e-6
}

/// "Share from 12:34": the system's share sheet where there is one, else the clipboard, of a
/// link to the episode's page at that second (`logic::share_url`).
#[cfg(feature = "hydrate")]
pub fn share(deck: Deck) {
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

const PLAY_ICON: &str = "<svg viewBox=\"0 0 24 24\" width=\"24\" height=\"24\" aria-hidden=\"true\" focusable=\"false\"><path d=\"M7 4.5v15l13-7.5z\" fill=\"currentColor\"></path></svg>";
const PAUSE_ICON: &str = "<svg viewBox=\"0 0 24 24\" width=\"24\" height=\"24\" aria-hidden=\"true\" focusable=\"false\"><path d=\"M6 4h4.5v16H6zM13.5 4H18v16h-4.5z\" fill=\"currentColor\"></path></svg>";
const SHARE_ICON: &str = "<svg viewBox=\"0 0 24 24\" width=\"22\" height=\"22\" aria-hidden=\"true\" focusable=\"false\"><path d=\"M18 16a3 3 0 0 0-2.3 1.1l-7-3.6a3 3 0 0 0 0-3l7-3.6A3 3 0 1 0 15 5l-7 3.6a3 3 0 1 0 0 6.8l7 3.6A3 3 0 1 0 18 16z\" fill=\"currentColor\"></path></svg>";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::strings;
    use crate::model::{AudioTrack, Lang};

    fn track() -> Track {
        Track {
            lang: Lang::Nl,
            episode_id: "01-x".into(),
            title: "Lopen & <piekeren> \"soms\"".into(),
            path: "/nl/afleveringen/01-x/".into(),
            audio: AudioTrack {
                url: "/audio/01-x.mp3".into(),
                mime: "audio/mpeg".into(),
                bytes: 1,
                duration: 1925.4,
                chapters: vec![],
                transcript: None,
            },
        }
    }

    fn shown(track: Option<&Track>) -> Shown<'_> {
        Shown {
            track,
            at: 65.0,
            duration: 1925.4,
            playing: false,
            rate: 1.5,
            chapter: Some("Wat <zegt> het onderzoek?".into()),
        }
    }

    #[test]
    fn the_bar_is_hidden_until_the_app_runs_and_shows_the_track_escaped() {
        let t = strings(Lang::Nl);
        let track = track();
        let html = dock_html(t, &shown(Some(&track)));
        assert!(html.starts_with("<audio preload=\"none\" src=\"/audio/01-x.mp3\"></audio>"));
        assert!(html.contains("role=\"region\" aria-label=\"Audiospeler\" hidden>"));
        assert!(html.contains(
            "href=\"/nl/afleveringen/01-x/\">Lopen &amp; &lt;piekeren&gt; &quot;soms&quot;</a>"
        ));
        assert!(
            html.contains("<span class=\"player-chapter\">Wat &lt;zegt&gt; het onderzoek?</span>")
        );
        assert!(html.contains("aria-label=\"Afspelen\">") && html.contains(PLAY_ICON));
        assert!(html.contains("max=\"1925\" value=\"65\""));
        assert!(html.contains("<span>1:05</span><span>nog 31:00</span>"));
        // The value as the audio takes it, the label with a Dutch decimal comma.
        assert!(html.contains("<option value=\"1.5\" selected>1,5×</option>"));
        assert!(html.contains("<option value=\"0.75\">0,75×</option>"));
        assert_eq!(html.matches(" selected").count(), 1);
        assert!(html.contains("aria-label=\"Delen vanaf 1:05\""));
        // Nothing to say yet: the status line starts empty.
        assert!(html.contains("<p class=\"player-line\" role=\"status\"></p>"));
    }

    #[test]
    fn without_a_track_there_is_no_source_and_no_link() {
        let html = dock_html(strings(Lang::En), &shown(None));
        assert!(html.starts_with("<audio preload=\"none\"></audio>"));
        assert!(html.contains("<a class=\"player-episode\"></a>"));
        assert!(html.contains("aria-label=\"Audio player\" hidden>"));
    }

    #[test]
    fn the_play_button_names_what_it_does() {
        let t = strings(Lang::En);
        assert_eq!(
            (play_label(t, false), play_icon(false)),
            (t.player_play, PLAY_ICON)
        );
        assert_eq!(
            (play_label(t, true), play_icon(true)),
            (t.player_pause, PAUSE_ICON)
        );
        assert_eq!(
            times(t, 0.0, 61.0),
            ["0:00".to_string(), fill(t.player_remaining, "1:01")]
        );
        assert!(same_rate(1.25, 1.25 + 1e-9) && !same_rate(1.25, 1.5));
    }
}
