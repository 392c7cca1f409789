//! The audio player's rules in plain Rust: clock and spoken times, chapters, skipping, keyboard
//! shortcuts and the listening position kept on the device.

use crate::i18n::Strings;
use crate::model::Chapter;
use crate::storage::Record;
use serde::Serialize;

/// Seconds the back and forward buttons (and J / L) skip, as in common podcast apps.
pub const BACK: f64 = 15.0;
pub const FORWARD: f64 = 30.0;
pub const SPEEDS: [f64; 6] = [0.75, 1.0, 1.25, 1.5, 1.75, 2.0];
/// Seconds into a chapter after which "previous" restarts it instead of going back one.
const RESTART_WINDOW: f64 = 3.0;
/// A stored position this close to either end is not worth offering.
const RESUME_MARGIN: f64 = 5.0;

/// `5` → "0:05", `845` → "14:05", `3723` → "1:02:03". Negative or NaN counts as zero.
pub fn clock(secs: f64) -> String {
    let s = whole(secs);
    let (h, m, s) = (s / 3600, s / 60 % 60, s % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// `845` → "14 minutes 5 seconds": what a screen reader says for a time.
pub fn spoken(secs: f64, t: &Strings) -> String {
    let s = whole(secs);
    let (h, m, s) = (s / 3600, s / 60 % 60, s % 60);
    let unit = |n: u64, i: usize| {
        let word = t.player_units[i * 2 + usize::from(n != 1)];
        format!("{n} {word}")
    };
    let mut parts = Vec::new();
    if h > 0 {
        parts.push(unit(h, 0));
    }
    if m > 0 {
        parts.push(unit(m, 1));
    }
    if s > 0 || parts.is_empty() {
        parts.push(unit(s, 2));
    }
    parts.join(" ")
}

/// The seek slider's value text: "14 minutes 5 seconds of 32 minutes".
pub fn value_text(position: f64, duration: f64, t: &Strings) -> String {
    format!(
        "{} {} {}",
        spoken(position, t),
        t.player_of,
        spoken(duration, t)
    )
}

fn whole(secs: f64) -> u64 {
    if secs.is_finite() && secs > 0.0 {
        secs.floor() as u64
    } else {
        0
    }
}

/// Index of the chapter playing at `position`: the last one that has started.
pub fn current_chapter(chapters: &[Chapter], position: f64) -> Option<usize> {
    // A seek lands a hair before the requested time; count that as the chapter asked for.
    chapters.iter().rposition(|c| c.start <= position + 0.25)
}

/// Where "previous chapter" goes: the start of this chapter, or of the one before when the
/// reader is within its first seconds (as track buttons do).
pub fn previous_chapter_start(chapters: &[Chapter], position: f64) -> f64 {
    match current_chapter(chapters, position) {
        Some(i) if position - chapters[i].start > RESTART_WINDOW || i == 0 => chapters[i].start,
        Some(i) => chapters[i - 1].start,
        None => 0.0,
    }
}

/// Start of the next chapter, if there is one.
pub fn next_chapter_start(chapters: &[Chapter], position: f64) -> Option<f64> {
    let next = current_chapter(chapters, position).map_or(0, |i| i + 1);
    chapters.get(next).map(|c| c.start)
}

/// `position + delta`, kept within the audio.
pub fn skip(position: f64, delta: f64, duration: f64) -> f64 {
    let end = if duration.is_finite() && duration > 0.0 {
        duration
    } else {
        f64::MAX
    };
    (position + delta).clamp(0.0, end)
}

/// What the focused element is, for deciding whether a key belongs to it or to the player.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    /// A text field, select, or anything editable: every key is the reader's typing.
    Editable,
    /// A button, link, slider or summary: Space activates it, so it is not ours.
    Control,
    /// Nothing interactive (the page itself).
    Page,
}

impl Focus {
    /// Classifies an element by its tag name, `type` (for inputs) and `contenteditable`.
    pub fn of(tag: &str, input_type: &str, editable: bool) -> Focus {
        match tag.to_ascii_uppercase().as_str() {
            _ if editable => Focus::Editable,
            "TEXTAREA" | "SELECT" => Focus::Editable,
            "INPUT" => match input_type.to_ascii_lowercase().as_str() {
                "range" | "checkbox" | "radio" | "button" | "submit" | "reset" => Focus::Control,
                _ => Focus::Editable,
            },
            "BUTTON" | "A" | "SUMMARY" | "AUDIO" | "VIDEO" => Focus::Control,
            _ => Focus::Page,
        }
    }

    /// What the target of a key event is (`Page` when it is no element).
    #[cfg(feature = "hydrate")]
    pub fn of_event(ev: &web_sys::Event) -> Focus {
        use wasm_bindgen::JsCast;
        ev.target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
            .map_or(Focus::Page, |el| {
                let kind = el.get_attribute("type").unwrap_or_default();
                Focus::of(&el.tag_name(), &kind, el.is_content_editable())
            })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shortcut {
    TogglePlay,
    Back,
    Forward,
}

/// The player's keys: Space or K play/pause, J back, L forward; never while typing or with a
/// modifier held (those belong to the browser and assistive tech).
pub fn shortcut(key: &str, focus: Focus, modifier: bool) -> Option<Shortcut> {
    if modifier || focus == Focus::Editable {
        return None;
    }
    match key {
        " " | "Spacebar" if focus == Focus::Page => Some(Shortcut::TogglePlay),
        "k" | "K" => Some(Shortcut::TogglePlay),
        "j" | "J" => Some(Shortcut::Back),
        "l" | "L" => Some(Shortcut::Forward),
        _ => None,
    }
}

/// The link "share from here": the episode's page with the whole second to start at.
pub fn share_url(origin: &str, path: &str, position: f64) -> String {
    format!("{origin}{path}?t={}", whole(position))
}

/// The second a page's query asks the player to start at (`?t=754`, as [`share_url`] writes
/// it); anything else in the query is ignored, and so is a `t` that is not whole seconds.
pub fn start_param(query: &str) -> Option<f64> {
    query
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix("t="))
        .and_then(|t| t.parse::<u32>().ok())
        .map(f64::from)
}

/// What an episode page does with the shell's player when it opens.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Arrival {
    /// Leave the player as it is (the page offers "play this episode instead").
    Keep,
    /// Put this episode in the player, paused, at this second if given.
    Load(Option<f64>),
}

/// The player keeps what the reader started: a page takes it over only when nothing has been
/// played since it was loaded, or when its address asks for a second (`?t=`, a shared link)
/// and nothing plays; an episode played since it was loaded is never moved by its own page.
pub fn arrival(this_loaded: bool, touched: bool, playing: bool, start: Option<f64>) -> Arrival {
    match (this_loaded, start) {
        _ if playing => Arrival::Keep,
        // Played since: back (or forward) to this page does not move it to the link's second.
        (true, Some(_)) if touched => Arrival::Keep,
        (_, Some(at)) => Arrival::Load(Some(at)),
        (false, None) if !touched => Arrival::Load(None),
        _ => Arrival::Keep,
    }
}

/// Where the reader is in one episode's audio, kept on the device.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Listening {
    /// Seconds; 0 once the episode was finished.
    pub position: f64,
    /// Heard to the end at least once.
    pub listened: bool,
}

crate::from_json_struct!(Listening { position, listened });

impl Record for Listening {
    const VERSION: u32 = 1;

    fn migrate(_from: u32, _stored: crate::json::Json) -> Option<Self> {
        None
    }
}

impl Listening {
    /// Storage key of an episode's record; per language, since each language has its own audio.
    pub fn key(lang_code: &str, episode_id: &str) -> String {
        format!("loopje.listening.{lang_code}.{episode_id}")
    }

    /// Records the position reached; reaching the end marks the episode as listened.
    pub fn reached(&mut self, position: f64, duration: f64, ended: bool) {
        if ended || (duration > 0.0 && position >= duration - 1.0) {
            self.listened = true;
            self.position = 0.0;
        } else if position.is_finite() && position >= 0.0 {
            self.position = position;
        }
    }

    /// The position to offer ("continue at 14:05"), if it is worth offering.
    pub fn resume_at(&self, duration: f64) -> Option<f64> {
        let p = self.position;
        (p.is_finite() && p >= RESUME_MARGIN && p < duration - RESUME_MARGIN).then_some(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{EN, NL};
    use crate::storage::{decode, encode, Notice};

    fn chapters(starts: &[f64]) -> Vec<Chapter> {
        starts
            .iter()
            .map(|&start| Chapter {
                start,
                title: format!("at {start}"),
                toc: true,
            })
            .collect()
    }

    #[test]
    fn clock_times() {
        assert_eq!(clock(0.0), "0:00");
        assert_eq!(clock(5.9), "0:05");
        assert_eq!(clock(845.0), "14:05");
        assert_eq!(clock(3723.0), "1:02:03");
        assert_eq!(clock(-3.0), "0:00");
        assert_eq!(clock(f64::NAN), "0:00");
        assert_eq!(clock(f64::INFINITY), "0:00");
    }

    #[test]
    fn spoken_times() {
        assert_eq!(spoken(845.0, &EN), "14 minutes 5 seconds");
        assert_eq!(spoken(61.0, &EN), "1 minute 1 second");
        assert_eq!(spoken(3600.0, &EN), "1 hour");
        assert_eq!(spoken(0.0, &EN), "0 seconds");
        assert_eq!(spoken(845.0, &NL), "14 minuten 5 seconden");
        assert_eq!(spoken(61.0, &NL), "1 minuut 1 seconde");
        assert_eq!(
            value_text(845.0, 1920.0, &EN),
            "14 minutes 5 seconds of 32 minutes"
        );
        assert_eq!(
            value_text(845.0, 1920.0, &NL),
            "14 minuten 5 seconden van 32 minuten"
        );
    }

    #[test]
    fn chapter_at_position() {
        let ch = chapters(&[0.0, 30.0, 75.5]);
        assert_eq!(current_chapter(&ch, 0.0), Some(0));
        assert_eq!(current_chapter(&ch, 29.0), Some(0));
        assert_eq!(
            current_chapter(&ch, 29.9),
            Some(1),
            "a seek lands just before"
        );
        assert_eq!(current_chapter(&ch, 80.0), Some(2));
        assert_eq!(current_chapter(&chapters(&[10.0]), 2.0), None);
        assert_eq!(current_chapter(&[], 2.0), None);
    }

    #[test]
    fn previous_and_next_chapter() {
        let ch = chapters(&[0.0, 30.0, 75.0]);
        assert_eq!(previous_chapter_start(&ch, 50.0), 30.0, "restart this one");
        assert_eq!(
            previous_chapter_start(&ch, 31.0),
            0.0,
            "just started: go back"
        );
        assert_eq!(previous_chapter_start(&ch, 1.0), 0.0);
        assert_eq!(next_chapter_start(&ch, 31.0), Some(75.0));
        assert_eq!(next_chapter_start(&ch, 80.0), None);
        assert_eq!(next_chapter_start(&chapters(&[10.0]), 2.0), Some(10.0));
    }

    #[test]
    fn skipping_stays_inside() {
        assert_eq!(skip(10.0, -BACK, 100.0), 0.0);
        assert_eq!(skip(90.0, FORWARD, 100.0), 100.0);
        assert_eq!(skip(40.0, FORWARD, 100.0), 70.0);
        assert_eq!(
            skip(40.0, FORWARD, f64::NAN),
            70.0,
            "duration not known yet"
        );
    }

    #[test]
    fn shortcuts_never_hijack_typing() {
        use Focus::*;
        assert_eq!(shortcut(" ", Page, false), Some(Shortcut::TogglePlay));
        assert_eq!(
            shortcut(" ", Control, false),
            None,
            "Space presses the button"
        );
        assert_eq!(shortcut("k", Control, false), Some(Shortcut::TogglePlay));
        assert_eq!(shortcut("J", Page, false), Some(Shortcut::Back));
        assert_eq!(shortcut("l", Page, false), Some(Shortcut::Forward));
        for key in [" ", "k", "j", "l"] {
            assert_eq!(shortcut(key, Editable, false), None, "{key:?} while typing");
            assert_eq!(shortcut(key, Page, true), None, "{key:?} with a modifier");
        }
        assert_eq!(shortcut("x", Page, false), None);
    }

    #[test]
    fn focus_kinds() {
        use Focus::*;
        assert_eq!(Focus::of("INPUT", "text", false), Editable);
        assert_eq!(
            Focus::of("input", "", false),
            Editable,
            "type defaults to text"
        );
        assert_eq!(Focus::of("INPUT", "number", false), Editable);
        assert_eq!(Focus::of("INPUT", "range", false), Control);
        assert_eq!(Focus::of("SELECT", "", false), Editable);
        assert_eq!(Focus::of("TEXTAREA", "", false), Editable);
        assert_eq!(Focus::of("DIV", "", true), Editable);
        assert_eq!(Focus::of("BUTTON", "", false), Control);
        assert_eq!(Focus::of("A", "", false), Control);
        assert_eq!(Focus::of("BODY", "", false), Page);
        assert_eq!(Focus::of("P", "", false), Page);
    }

    #[test]
    fn position_and_listened() {
        let mut l = Listening::default();
        l.reached(845.0, 1920.0, false);
        assert_eq!(l.resume_at(1920.0), Some(845.0));
        l.reached(2.0, 1920.0, false);
        assert_eq!(l.resume_at(1920.0), None, "too close to the start");
        l.reached(1919.5, 1920.0, false);
        assert!(l.listened);
        assert_eq!(l.resume_at(1920.0), None, "finished: nothing to continue");
        l.reached(100.0, 1920.0, false);
        assert!(l.listened, "listening again keeps the mark");
        assert_eq!(l.resume_at(1920.0), Some(100.0));
    }

    #[test]
    fn position_store_round_trip_and_garbage() {
        let l = Listening {
            position: 845.25,
            listened: true,
        };
        let (back, notice) = decode::<Listening>(Some(&encode(&l)));
        assert_eq!((back, notice), (l, None));
        for garbage in [
            "not json",
            "{\"v\":1,\"data\":{\"position\":\"soon\"}}",
            "{\"v\":9,\"data\":{}}",
            "[]",
        ] {
            let (back, notice) = decode::<Listening>(Some(garbage));
            assert_eq!(back, Listening::default(), "{garbage}");
            assert_eq!(notice, Some(Notice::Reset), "{garbage}");
        }
        assert_eq!(decode::<Listening>(None), (Listening::default(), None));
    }

    #[test]
    fn share_links_and_their_start() {
        let url = share_url(
            "https://loopje.be",
            "/nl/afleveringen/hoofd-op-orde/",
            754.9,
        );
        assert_eq!(
            url,
            "https://loopje.be/nl/afleveringen/hoofd-op-orde/?t=754"
        );
        assert_eq!(
            share_url("http://x", "/en/episodes/a/", f64::NAN),
            "http://x/en/episodes/a/?t=0"
        );
        let query = &url[url.find('?').unwrap()..];
        assert_eq!(
            start_param(query),
            Some(754.0),
            "a shared link opens where it was shared"
        );
        assert_eq!(start_param("t=42"), Some(42.0));
        assert_eq!(start_param("?utm_source=x&t=42&x=1"), Some(42.0));
        for other in [
            "", "?", "?t=", "?t=-3", "?t=1.5", "?t=12:34", "?at=42", "?t=x",
        ] {
            assert_eq!(start_param(other), None, "{other:?}");
        }
    }

    #[test]
    fn a_page_takes_the_player_only_when_the_reader_is_not_listening() {
        use Arrival::*;
        // this loaded, touched, playing, ?t=
        assert_eq!(
            arrival(false, false, false, None),
            Load(None),
            "nothing played yet"
        );
        assert_eq!(
            arrival(false, true, false, None),
            Keep,
            "another was played: offer instead"
        );
        assert_eq!(arrival(false, true, true, None), Keep, "another plays on");
        assert_eq!(
            arrival(false, true, true, Some(42.0)),
            Keep,
            "a link never stops the audio"
        );
        assert_eq!(arrival(false, true, false, Some(42.0)), Load(Some(42.0)));
        assert_eq!(
            arrival(true, false, false, Some(42.0)),
            Load(Some(42.0)),
            "opened by a link"
        );
        assert_eq!(arrival(true, false, false, None), Keep);
        assert_eq!(
            arrival(true, true, true, Some(42.0)),
            Keep,
            "back to the episode playing"
        );
        assert_eq!(
            arrival(true, true, false, Some(42.0)),
            Keep,
            "back to it, paused at 60"
        );
    }
}
