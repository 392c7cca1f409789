//! An episode's transcript on its page: every cue prerendered as a link into the audio (a media
//! fragment, so it plays from there without the app), the cue being spoken marked with
//! `aria-current` (never announced: a live region would talk over the audio), and the list
//! following the voice unless the reader scrolled it (Podlove Web Player's "follow").
//!
//! The view knows no player: it is given the position and whether the audio plays, and a cue
//! is an `a.timestamp[data-t]` link, which the player catches like the article's timestamp links.

use super::logic::clock;
use crate::escape::escape;
use crate::i18n::strings;
use crate::model::{Cue, Lang, Transcript};
#[cfg(feature = "hydrate")]
use leptos::prelude::*;
use std::fmt::Write;

/// After the reader scrolled the transcript, it stops following the voice for this long (ms).
pub const FOLLOW_PAUSE_MS: f64 = 8_000.0;

/// The transcript heading's id: search results in the transcript open the page there.
pub const TITLE_ID: &str = "transcript-title";

/// The cue being spoken at `position`: the last one started (cues are in time order), which
/// stays current through the pause after it.
pub fn current_cue(starts: &[f64], position: f64) -> Option<usize> {
    starts.partition_point(|&s| s <= position).checked_sub(1)
}

/// Whether the list keeps the current cue in view: while the audio plays, unless the reader
/// scrolled it within [`FOLLOW_PAUSE_MS`] before `now` (choosing a cue clears `scrolled_at`).
pub fn follows(playing: bool, now: f64, scrolled_at: Option<f64>) -> bool {
    playing && scrolled_at.is_none_or(|at| now - at >= FOLLOW_PAUSE_MS)
}

/// The list's new `scrollTop` to bring a cue (its top and height within the list) into view, a
/// third of the way down; `None` while it is wholly visible, so the text does not move under the
/// reader's eyes at every cue.
pub fn scroll_target(
    cue_top: f64,
    cue_height: f64,
    view_top: f64,
    view_height: f64,
    max_top: f64,
) -> Option<f64> {
    let visible = cue_top >= view_top && cue_top + cue_height <= view_top + view_height;
    (!visible).then(|| (cue_top - view_height / 3.0).clamp(0.0, max_top.max(0.0)))
}

/// The speaker to name before each cue: none when one voice speaks throughout, else where the
/// speaker changes.
pub fn speaker_labels(cues: &[Cue]) -> Vec<Option<&str>> {
    let first = cues.first().and_then(|c| c.speaker.as_deref());
    if cues.iter().all(|c| c.speaker.as_deref() == first) {
        return vec![None; cues.len()];
    }
    let mut previous = None;
    cues.iter()
        .map(|c| {
            let now = c.speaker.as_deref();
            let label = now.filter(|_| now != previous);
            previous = now;
            label
        })
        .collect()
}

/// The transcript section: its cues (from [`cues_html`]) and the WebVTT file's link, as markup
/// Leptos does not hydrate; [`attach`] makes it follow the player.
pub fn section_html(lang: Lang, audio_url: &str, transcript: &Transcript) -> String {
    let t = strings(lang);
    let starts: Vec<f64> = transcript.cues.iter().map(|c| c.start).collect();
    format!(
        "<section class=\"transcript\" aria-labelledby=\"{TITLE_ID}\"><h2 id=\"{TITLE_ID}\">{}</h2>\
         <p class=\"transcript-intro\">{}</p><ol class=\"transcript-cues\">{}</ol>\
         <p class=\"transcript-file\"><a href=\"{}\" download=\"\">{}</a></p></section>",
        escape(t.transcript_title),
        escape(t.transcript_intro),
        cues_html(audio_url, &transcript.cues, current_cue(&starts, 0.0)),
        escape(&transcript.vtt),
        escape(t.transcript_file)
    )
}

/// The transcript in `section` follows `position` (seconds) and `playing`, for as long as the
/// page lives: one effect moves `aria-current` to the cue being spoken and keeps it in view.
#[cfg(feature = "hydrate")]
pub fn attach(
    section: &web_sys::Element,
    starts: Vec<f64>,
    position: Signal<f64>,
    playing: Signal<bool>,
) {
    use crate::widgets::dom::{find, on};
    use wasm_bindgen::JsCast;
    let Some(list) = find(section, ".transcript-cues") else {
        return;
    };
    let current = Memo::new(move |_| current_cue(&starts, position.get()));
    // When the reader last scrolled the list, and where the list last scrolled itself.
    let scrolled_at = StoredValue::new(None::<f64>);
    let scrolled_to = StoredValue::new(None::<f64>);
    let cues = list.clone();
    Effect::new(move |previous: Option<Option<usize>>| {
        let list = &cues;
        let now = current.get();
        let link = |i: usize| {
            list.children()
                .item(i as u32)
                .and_then(|li| li.first_element_child())
        };
        if previous != Some(now) {
            // The first time, whatever the markup marked (the cue at 0:00) may not be current.
            let old = match previous {
                Some(p) => p.and_then(link),
                None => list.query_selector("[aria-current]").ok().flatten(),
            };
            if let Some(a) = old {
                _ = a.remove_attribute("aria-current");
            }
            if let Some(a) = now.and_then(link) {
                _ = a.set_attribute("aria-current", "true");
            }
        }
        let Some(i) = now else { return now };
        if !follows(
            playing.get_untracked(),
            js_sys::Date::now(),
            scrolled_at.get_value(),
        ) {
            return now;
        }
        let Some(item) = list
            .children()
            .item(i as u32)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            return now;
        };
        let height = f64::from(list.client_height());
        if let Some(top) = scroll_target(
            f64::from(item.offset_top()),
            f64::from(item.offset_height()),
            list.scroll_top(),
            height,
            f64::from(list.scroll_height()) - height,
        ) {
            // At once, not smoothly: a smooth scroll's steps would look like the reader's.
            list.set_scroll_top(top as _);
            scrolled_to.set_value(Some(list.scroll_top()));
        }
        now
    });
    // A scroll the list did not make itself is the reader's.
    let scrolled = list.clone();
    on(&list, "scroll", move |_| {
        let top = scrolled.scroll_top();
        if scrolled_to
            .get_value()
            .is_none_or(|ours| (ours - top).abs() > 2.0)
        {
            scrolled_at.set_value(Some(js_sys::Date::now()));
        }
    });
    // Choosing a cue is following it: the list follows again at once.
    on(&list, "click", move |_| scrolled_at.set_value(None));
}

/// The cues as list items: each a link into the audio at its start (a media fragment, so it
/// plays without the app; the player catches `a.timestamp[data-t]` to play it in the bar), the
/// speaker named where the voice changes, and `current` marked as being spoken.
pub fn cues_html(audio_url: &str, cues: &[Cue], current: Option<usize>) -> String {
    // Every byte of a cue's markup repeats some twenty times on a page within its size budget.
    let url = escape(audio_url);
    let mut out = String::new();
    for (i, (c, label)) in cues.iter().zip(speaker_labels(cues)).enumerate() {
        let start = crate::number::show(c.start);
        let mark = if current == Some(i) {
            " aria-current=\"true\""
        } else {
            ""
        };
        let label = label
            .map(|l| format!("<b>{}: </b>", escape(l)))
            .unwrap_or_default();
        _ = write!(
            out,
            "<li><a class=\"timestamp\" href=\"{url}#t={start}\" data-t=\"{start}\"{mark}>\
             <span class=\"cue-time\">{}</span> {label}<span class=\"cue-text\">{}</span></a></li>",
            clock(c.start),
            escape(&c.text)
        );
    }
    out
}

/// Puts back the cue texts the embedded page data leaves out (they are in the prerendered
/// transcript, `.transcript .cue-text`, in order); `false`, changing nothing, if they do not fit.
pub fn restore_cue_texts(
    transcript: &mut Transcript,
    texts: impl IntoIterator<Item = String>,
) -> bool {
    let texts: Vec<String> = texts.into_iter().collect();
    if texts.len() != transcript.cues.len() {
        return false;
    }
    for (cue, text) in transcript.cues.iter_mut().zip(texts) {
        cue.text = text;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cue(start: f64, speaker: Option<&str>) -> Cue {
        Cue {
            start,
            end: start + 1.0,
            text: format!("at {start}"),
            speaker: speaker.map(str::to_string),
        }
    }

    #[test]
    fn the_current_cue_is_the_last_started() {
        let starts = [0.0, 2.5, 2.5, 7.0];
        assert_eq!(current_cue(&[], 3.0), None);
        assert_eq!(current_cue(&[1.0], 0.5), None, "before the first");
        assert_eq!(current_cue(&starts, 0.0), Some(0));
        assert_eq!(current_cue(&starts, 2.49), Some(0));
        assert_eq!(
            current_cue(&starts, 2.5),
            Some(2),
            "the later of two at once"
        );
        assert_eq!(
            current_cue(&starts, 6.9),
            Some(2),
            "through the pause after it"
        );
        assert_eq!(current_cue(&starts, 700.0), Some(3));
    }

    #[test]
    fn follows_while_playing_unless_the_reader_scrolled_lately() {
        assert!(follows(true, 50_000.0, None));
        assert!(
            !follows(false, 50_000.0, None),
            "paused: the reader is in charge"
        );
        assert!(!follows(true, 50_000.0, Some(45_000.0)));
        assert!(follows(true, 50_000.0, Some(50_000.0 - FOLLOW_PAUSE_MS)));
    }

    #[test]
    fn scrolls_only_a_cue_out_of_view_and_within_the_list() {
        // The list shows 300..600 of 2000.
        assert_eq!(scroll_target(320.0, 40.0, 300.0, 300.0, 1700.0), None);
        assert_eq!(
            scroll_target(580.0, 40.0, 300.0, 300.0, 1700.0),
            Some(480.0)
        );
        assert_eq!(scroll_target(100.0, 40.0, 300.0, 300.0, 1700.0), Some(0.0));
        assert_eq!(
            scroll_target(1960.0, 40.0, 0.0, 300.0, 1700.0),
            Some(1700.0)
        );
        assert_eq!(scroll_target(400.0, 40.0, 0.0, 300.0, -5.0), Some(0.0));
    }

    #[test]
    fn speakers_are_named_where_several_take_turns() {
        let one = [cue(0.0, Some("Loopje")), cue(1.0, Some("Loopje"))];
        assert_eq!(speaker_labels(&one), [None, None]);
        let two = [
            cue(0.0, Some("Ann")),
            cue(1.0, Some("Ann")),
            cue(2.0, Some("Bram")),
            cue(3.0, None),
            cue(4.0, Some("Ann")),
        ];
        assert_eq!(
            speaker_labels(&two),
            [Some("Ann"), None, Some("Bram"), None, Some("Ann")]
        );
    }

    #[test]
    fn cues_are_links_into_the_audio_with_speakers_and_the_current_one_marked() {
        let mut cues = [cue(0.0, Some("Ann")), cue(12.5, Some("Bram <B>"))];
        cues[1].text = "5 & \"6\" <km>".into();
        let html = cues_html("/media/a&b.mp3", &cues, Some(1));
        assert_eq!(
            html,
            "<li><a class=\"timestamp\" href=\"/media/a&amp;b.mp3#t=0\" data-t=\"0\">\
             <span class=\"cue-time\">0:00</span> <b>Ann: </b><span class=\"cue-text\">at 0</span></a></li>\
             <li><a class=\"timestamp\" href=\"/media/a&amp;b.mp3#t=12.5\" data-t=\"12.5\" aria-current=\"true\">\
             <span class=\"cue-time\">0:12</span> <b>Bram &lt;B&gt;: </b><span class=\"cue-text\">5 &amp; &quot;6&quot; &lt;km&gt;</span></a></li>"
        );
        let one_voice = cues_html("/a.mp3", &[cue(0.0, Some("Ann"))], None);
        assert!(!one_voice.contains("<b>") && !one_voice.contains("aria-current"));
    }

    #[test]
    fn cue_texts_come_back_in_order() {
        let mut t = Transcript {
            vtt: "/media/x/nl.vtt".into(),
            json: "/media/x/nl.transcript.json".into(),
            cues: vec![cue(0.0, None), cue(1.0, None)],
        };
        let full = t.clone();
        for c in &mut t.cues {
            c.text.clear();
        }
        let lean = t.clone();
        assert!(!restore_cue_texts(&mut t, ["at 0".to_string()]));
        assert_eq!(t, lean);
        assert!(restore_cue_texts(&mut t, ["at 0".into(), "at 1".into()]));
        assert_eq!(t, full);
    }
}
