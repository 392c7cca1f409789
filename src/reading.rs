//! Reading progress per episode, kept on the device: how far down the article the reader got,
//! the section they were in (for "continue reading"), and whether they read it to the end.
//! Progress is per episode, not per language: the two languages are the same article.

use crate::storage::Record;
use serde::Serialize;
use std::collections::BTreeMap;

pub const KEY: &str = "loopje.reading";
/// Scrolled this far through the article body counts as read.
const READ_AT: f64 = 0.95;
/// Less than this is a glance, not a start.
const STARTED_AT: f64 = 0.05;

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Reading {
    /// 0–1: the share of the article body that has been on screen.
    pub progress: f64,
    /// Id of the section heading the reader was last in.
    pub anchor: Option<String>,
    /// Read to the end at least once.
    pub read: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ReadingLog {
    pub episodes: BTreeMap<String, Reading>,
}

crate::from_json_struct! {
    Reading { progress, anchor, read }
    ReadingLog { episodes }
}

impl Record for ReadingLog {
    const VERSION: u32 = 1;

    fn migrate(_from: u32, _stored: crate::json::Json) -> Option<Self> {
        None
    }
}

/// How an episode shows on the home page.
#[derive(Clone, Debug, PartialEq)]
pub enum Mark {
    Unread,
    /// Percentage read, and the section to continue at.
    Started(u32, Option<String>),
    Read,
}

/// The share of the article body that has come into view: `top` and `height` are the body's
/// position relative to the viewport, `viewport` the window's height.
pub fn fraction(top: f64, height: f64, viewport: f64) -> f64 {
    if height.is_nan() || height <= 0.0 {
        return 0.0;
    }
    ((viewport - top) / height).clamp(0.0, 1.0)
}

impl ReadingLog {
    /// Records where the reader is now (scrolling back up keeps the place they are at, so
    /// "continue" goes where they actually were).
    pub fn record(&mut self, id: &str, progress: f64, anchor: Option<String>) -> bool {
        let entry = self.episodes.entry(id.to_string()).or_default();
        let before = entry.clone();
        entry.progress = progress.clamp(0.0, 1.0);
        if progress >= READ_AT {
            entry.read = true;
        }
        if anchor.is_some() || progress < STARTED_AT {
            entry.anchor = anchor;
        }
        *entry != before
    }

    pub fn mark(&self, id: &str) -> Mark {
        match self.episodes.get(id) {
            Some(r) if r.read => Mark::Read,
            Some(r) if r.progress >= STARTED_AT => {
                Mark::Started((r.progress * 100.0).round() as u32, r.anchor.clone())
            }
            _ => Mark::Unread,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::{decode, encode, Notice};

    #[test]
    fn fraction_of_the_body_seen() {
        assert_eq!(
            fraction(800.0, 4000.0, 800.0),
            0.0,
            "body starts below the fold"
        );
        assert_eq!(fraction(-1200.0, 4000.0, 800.0), 0.5);
        assert_eq!(fraction(-5000.0, 4000.0, 800.0), 1.0);
        assert_eq!(fraction(0.0, 0.0, 800.0), 0.0);
        assert_eq!(fraction(0.0, f64::NAN, 800.0), 0.0);
    }

    #[test]
    fn marks_follow_progress() {
        let mut log = ReadingLog::default();
        assert_eq!(log.mark("hoofd"), Mark::Unread);
        assert!(log.record("hoofd", 0.02, None));
        assert_eq!(log.mark("hoofd"), Mark::Unread, "a glance is not a start");
        log.record("hoofd", 0.43, Some("motar".into()));
        assert_eq!(log.mark("hoofd"), Mark::Started(43, Some("motar".into())));
        log.record("hoofd", 0.5, None);
        assert_eq!(
            log.mark("hoofd"),
            Mark::Started(50, Some("motar".into())),
            "between headings the last section is kept"
        );
        log.record("hoofd", 0.97, Some("tot-slot".into()));
        assert_eq!(log.mark("hoofd"), Mark::Read);
        log.record("hoofd", 0.1, Some("therapie".into()));
        assert_eq!(log.mark("hoofd"), Mark::Read, "read stays read");
        assert!(
            !log.record("hoofd", 0.1, Some("therapie".into())),
            "no change"
        );
        assert_eq!(log.mark("smog"), Mark::Unread);
    }

    #[test]
    fn stored_and_recovered() {
        let mut log = ReadingLog::default();
        log.record("smog", 0.6, Some("lopen".into()));
        assert_eq!(decode::<ReadingLog>(Some(&encode(&log))), (log, None));
        let (back, notice) = decode::<ReadingLog>(Some(r#"{"v":1,"data":{"episodes":7}}"#));
        assert_eq!((back, notice), (ReadingLog::default(), Some(Notice::Reset)));
    }
}
