use super::deck::{Deck, Track};
use super::logic;
use crate::escape::escape;
use crate::i18n::{fill, strings, Strings};
use crate::model::Chapter;
#[cfg(feature = "hydrate")]
pub use client::attach;
use leptos::prelude::*;
use std::fmt::Write;

/// The episode's player in its article: the chapter list and timestamp links as media-fragment
/// links (`file.mp3#t=750`) and a download link, which work without the app; where the reader
/// stopped, and whether they heard it all. The audio and its controls are the shell's
/// ([`Deck`], the bar): on opening, the page puts its episode there unless the reader is
/// listening to another, which this player then offers to replace.
///
/// Markup Leptos does not hydrate; once on the page, [`attach`]'s effects write the status line
/// ([`status_html`]) and move the current chapter's mark.
pub fn section_html(deck: &Deck, track: &Track) -> String {
    let current = deck
        .has_untracked(&track.path)
        .then(|| deck.chapter.get_untracked())
        .flatten();
    format!(
        "<section class=\"player\" aria-labelledby=\"player-title\">{}</section>",
        player_html(strings(track.lang), track, current)
    )
}

/// The section's content; `current` is the chapter playing, marked `aria-current`.
pub fn player_html(t: &Strings, track: &Track, current: Option<usize>) -> String {
    let e = escape;
    let url = e(&track.audio.url);
    let mut chapters = String::new();
    for (i, c) in track
        .audio
        .chapters
        .iter()
        .enumerate()
        .filter(|(_, c)| c.toc)
    {
        _ = write!(
            chapters,
            "<li><a class=\"timestamp\" href=\"{url}#t={start}\" data-t=\"{start}\"{mark}>\
             <span class=\"chapter-time\">{}</span> <span class=\"chapter-title\">{}</span></a></li>",
            logic::clock(c.start),
            e(&c.title),
            start = crate::number::show(c.start),
            mark = if current == Some(i) {
                " aria-current=\"true\""
            } else {
                ""
            },
        );
    }
    let megabytes = crate::i18n::decimal(t, track.audio.bytes as f64 / 1_000_000.0, 1);
    format!(
        "<h2 id=\"player-title\">{}</h2><p class=\"player-status\"></p>\
         <nav class=\"player-chapters\" aria-labelledby=\"chapters-title\">\
         <h3 id=\"chapters-title\">{}</h3><ol>{chapters}</ol></nav>\
         <p class=\"player-meta\"><a href=\"{url}\" download=\"\">{}</a>\
         <span class=\"player-keys unready\">{}</span></p>",
        e(t.player_label),
        e(t.player_chapters),
        e(&fill(t.player_download, megabytes)),
        e(t.player_keys),
    )
}

/// What the status line offers.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))] // the app writes it, the prerendering does not
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Status {
    /// Heard to the end.
    pub listened: bool,
    /// Another episode is in the player: play this one instead.
    pub instead: bool,
    /// Where to resume, unless this episode is the one playing.
    pub resume: Option<f64>,
}

#[cfg_attr(not(feature = "hydrate"), allow(dead_code))] // the app writes it, the prerendering does not
pub fn status_html(t: &Strings, s: Status) -> String {
    let mut out = String::new();
    if s.listened {
        _ = write!(
            out,
            "<span class=\"player-listened\">✓ {}</span>",
            escape(t.player_listened)
        );
    }
    if s.instead {
        _ = write!(
            out,
            "<button type=\"button\" class=\"player-instead\">{}</button>",
            escape(t.player_play_instead)
        );
    }
    if let Some(at) = s.resume {
        _ = write!(
            out,
            "<button type=\"button\" class=\"player-resume\">{}</button>",
            escape(&fill(t.player_continue, logic::clock(at)))
        );
    }
    out
}

/// The chapter whose link carries the mark: the `toc` chapter playing (a hidden chapter marks
/// none).
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))] // the app writes it, the prerendering does not
pub fn marked_chapter(chapters: &[Chapter], current: Option<usize>) -> Option<&Chapter> {
    current.and_then(|i| chapters.get(i)).filter(|c| c.toc)
}

#[cfg(feature = "hydrate")]
mod client {
    use super::super::deck::{Deck, Track};
    use super::super::logic::{self, Arrival, Listening};
    use super::{marked_chapter, status_html, Status};
    use crate::i18n::strings;
    use crate::widgets::dom::{clicked_button, find, on};
    use leptos::prelude::*;

    /// The episode's player in `section` (as [`super::section_html`] wrote it) takes over, for as
    /// long as the page lives: the reader's record and the deck drive the status line and the
    /// chapter mark.
    pub fn attach(deck: Deck, track: Track, section: web_sys::Element) {
        let t = strings(track.lang);
        let resume = RwSignal::new(None::<f64>);
        let listened = RwSignal::new(false);
        let path = StoredValue::new(track.path.clone());
        let loaded = Memo::new(move |_| path.with_value(|p| deck.has(p)));
        let current = Memo::new(move |_| loaded.get().then(|| deck.chapter.get()).flatten());
        let (key, duration) = (track.key(), track.audio.duration);
        let chapters = StoredValue::new(track.audio.chapters.clone());
        let track = StoredValue::new(track);
        let play_here = move |at: f64| deck.play_episode(track.get_value(), at);

        let shown = move |record: Listening| {
            listened.set(record.listened);
            resume.set(record.resume_at(duration));
        };
        let stored = key.clone();
        let status_el = section.clone();
        Effect::new(move |_| {
            let (record, notice) = crate::storage::load::<Listening>(&stored);
            shown(record);
            if let (Some(_), Some(line)) = (notice, find(&status_el, ".player-status")) {
                _ = line.insert_adjacent_html(
                    "afterend",
                    &format!(
                        "<p class=\"notice\" role=\"status\">{}</p>",
                        crate::escape::escape(t.player_notice_reset)
                    ),
                );
            }
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

        // Once this episode has been played here, the live state is the deck's.
        let mine = move || loaded.get() && deck.touched.get();
        let status = Memo::new(move |_| Status {
            listened: listened.get() || loaded.get() && deck.listened.get(),
            instead: !loaded.get() && deck.touched.get(),
            resume: resume.get().filter(|_| !mine()),
        });
        let line = find(&section, ".player-status");
        Effect::new(move |_| {
            let html = status_html(t, status.get());
            if let Some(line) = &line {
                line.set_inner_html(&html);
            }
        });
        let el = section.clone();
        Effect::new(move |_| {
            let start = chapters.with_value(|c| marked_chapter(c, current.get()).map(|c| c.start));
            if let Some(old) = find(&el, ".player-chapters [aria-current]") {
                _ = old.remove_attribute("aria-current");
            }
            if let Some(link) = start.and_then(|s| {
                let s = crate::number::show(s);
                find(&el, &format!(".player-chapters a[data-t=\"{s}\"]"))
            }) {
                _ = link.set_attribute("aria-current", "true");
            }
        });
        let keys = find(&section, ".player-keys");
        Effect::new(move |_| {
            if let (true, Some(keys)) = (deck.ready.get(), &keys) {
                _ = keys.class_list().remove_1("unready");
            }
        });
        on(&section, "click", move |ev| {
            let class = clicked_button(&ev)
                .map(|b| b.class_name())
                .unwrap_or_default();
            match class.as_str() {
                "player-instead" => play_here(resume.get_untracked().unwrap_or(0.0)),
                "player-resume" => {
                    if let Some(at) = resume.get_untracked() {
                        play_here(at);
                    }
                }
                _ => {}
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AudioTrack, Lang};

    fn chapter(start: f64, title: &str, toc: bool) -> Chapter {
        Chapter {
            start,
            title: title.into(),
            toc,
        }
    }

    #[test]
    fn chapters_are_media_fragment_links_and_the_current_one_is_marked() {
        let track = Track {
            lang: Lang::Nl,
            episode_id: "x".into(),
            title: "X".into(),
            path: "/nl/x/".into(),
            audio: AudioTrack {
                url: "/media/x.mp3".into(),
                mime: "audio/mpeg".into(),
                bytes: 12_340_000,
                duration: 100.0,
                chapters: vec![
                    chapter(0.0, "Intro", true),
                    chapter(30.0, "Hidden", false),
                    chapter(62.5, "Smog & <lungs>", true),
                ],
                transcript: None,
            },
        };
        let t = strings(Lang::Nl);
        let html = player_html(t, &track, Some(2));
        assert!(html.contains(
            "<li><a class=\"timestamp\" href=\"/media/x.mp3#t=62.5\" data-t=\"62.5\" aria-current=\"true\">\
             <span class=\"chapter-time\">1:02</span> <span class=\"chapter-title\">Smog &amp; &lt;lungs&gt;</span></a></li>"
        ));
        assert!(!html.contains("Hidden"));
        assert_eq!(html.matches("aria-current").count(), 1);
        // A decimal comma in Dutch, a point in English.
        assert!(html.contains(&fill(t.player_download, "12,3")));
        let en = strings(Lang::En);
        assert!(player_html(en, &track, None).contains(&fill(en.player_download, "12.3")));
        assert!(html.contains("player-keys unready"));
        assert_eq!(
            marked_chapter(&track.audio.chapters, Some(1)),
            None,
            "hidden"
        );
        assert_eq!(
            marked_chapter(&track.audio.chapters, Some(0)).map(|c| c.start),
            Some(0.0)
        );
    }

    #[test]
    fn the_status_line_offers_what_applies() {
        let t = strings(Lang::En);
        assert_eq!(status_html(t, Status::default()), "");
        let all = status_html(
            t,
            Status {
                listened: true,
                instead: true,
                resume: Some(75.0),
            },
        );
        assert!(all.starts_with(&format!(
            "<span class=\"player-listened\">✓ {}</span>",
            t.player_listened
        )));
        assert!(all.contains("class=\"player-instead\""));
        assert!(all.ends_with(&format!(
            "<button type=\"button\" class=\"player-resume\">{}</button>",
            fill(t.player_continue, "1:15")
        )));
    }
}
