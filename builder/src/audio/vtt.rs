//! Transcripts: WebVTT (written for generated audio, read and checked for a recording's own
//! file) and the Podcasting 2.0 JSON transcript derived from it.
//!
//! The reader covers what a transcript needs, per the W3C WebVTT format: the `WEBVTT` header,
//! `NOTE`/`STYLE`/`REGION` blocks (skipped), cues with an optional identifier, timings
//! `[hh:]mm:ss.ttt --> [hh:]mm:ss.ttt` (cue settings after them are ignored), and a payload whose
//! `<v Speaker>` voice span names the speaker; other tags are dropped from the text.

use crate::diagnostics::Diagnostics;
use loopje::model::Cue;
use std::path::Path;

/// Longest line of a cue, in characters (the issue's ~65; Apple's guidance for transcripts).
pub const LINE: usize = 65;
/// Lines per cue: a longer sentence is split into several cues.
pub const LINES: usize = 2;
/// Allowance for a cue ending just after the measured end (encoder padding).
const END_SLACK: f64 = 0.5;

const FORMAT_URL: &str = "https://www.w3.org/TR/webvtt1/";

/// The JSON transcript's file name beside `<name>.vtt`.
pub fn json_name(vtt_name: &str) -> String {
    format!(
        "{}.transcript.json",
        vtt_name.strip_suffix(".vtt").unwrap_or(vtt_name)
    )
}

/// Seconds rounded to the millisecond, the precision of a WebVTT timestamp.
pub fn millis(secs: f64) -> f64 {
    (secs * 1000.0).round() / 1000.0
}

/// `hh:mm:ss.ttt`.
pub fn timestamp(secs: f64) -> String {
    let ms = (secs.max(0.0) * 1000.0).round() as u64;
    format!(
        "{:02}:{:02}:{:02}.{:03}",
        ms / 3_600_000,
        ms / 60_000 % 60,
        ms / 1000 % 60,
        ms % 1000
    )
}

/// Words on lines of at most `width` characters (a longer word gets a line of its own).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

// Cue text knows only a few character references (`&amp;`, `&lt;`, `&gt;`, …), so the site's HTML
// escape (which also writes `&quot;`) is not used here.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", "\u{a0}")
        .replace("&lrm;", "\u{200e}")
        .replace("&rlm;", "\u{200f}")
        .replace("&amp;", "&")
}

/// A WebVTT file of `cues`, each wrapped at [`LINE`], the speaker in a voice span.
pub fn write(cues: &[Cue]) -> String {
    let mut out = String::from("WEBVTT\n");
    for c in cues {
        out.push_str(&format!(
            "\n{} --> {}\n",
            timestamp(c.start),
            timestamp(c.end)
        ));
        if let Some(s) = &c.speaker {
            out.push_str(&format!("<v {}>", escape(s)));
        }
        out.push_str(&escape(&wrap(&c.text, LINE).join("\n")));
        out.push('\n');
    }
    out
}

/// The Podcasting 2.0 JSON transcript of `cues` (`version` 1.0.0, `segments` with `speaker`,
/// `startTime`, `endTime` and `body`).
pub fn json(cues: &[Cue]) -> String {
    let segments: Vec<serde_json::Value> = cues
        .iter()
        .map(|c| {
            let mut v = serde_json::json!({
                "startTime": c.start,
                "endTime": c.end,
                "body": c.text,
            });
            if let Some(s) = &c.speaker {
                v["speaker"] = s.as_str().into();
            }
            v
        })
        .collect();
    let doc = serde_json::json!({ "version": "1.0.0", "segments": segments });
    serde_json::to_string_pretty(&doc).expect("json") + "\n"
}

/// `[hh:]mm:ss.ttt` in seconds.
fn parse_timestamp(s: &str) -> Option<f64> {
    let (clock, ms) = s.split_once('.')?;
    if ms.len() != 3 || !ms.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let parts: Vec<&str> = clock.split(':').collect();
    let (h, m, sec) = match parts.as_slice() {
        [m, s] => ("0", *m, *s),
        [h, m, s] if h.len() >= 2 => (*h, *m, *s),
        _ => return None,
    };
    let number = |p: &str, two: bool| -> Option<u64> {
        let digits = !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
        if digits && (!two || p.len() == 2) {
            p.parse().ok()
        } else {
            None
        }
    };
    let (h, m, sec, ms) = (
        number(h, false)?,
        number(m, true)?,
        number(sec, true)?,
        number(ms, false)?,
    );
    // Whole milliseconds over 1000, as `millis` makes them, so a time read back is the same f64.
    (m < 60 && sec < 60).then(|| ((h * 3600 + m * 60 + sec) * 1000 + ms) as f64 / 1000.0)
}

/// The payload's text without tags, and the speaker of its first voice span.
fn payload(lines: &[&str]) -> (String, Option<String>) {
    let joined = lines.join(" ");
    let (mut text, mut speaker) = (String::new(), None);
    let mut rest = joined.as_str();
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            rest = "";
            break;
        };
        let tag = &rest[open + 1..open + close];
        let (name, annotation) = tag.split_once([' ', '\t']).unwrap_or((tag, ""));
        if speaker.is_none() && (name == "v" || name.starts_with("v.")) {
            let who = unescape(annotation.trim());
            speaker = (!who.is_empty()).then_some(who);
        }
        rest = &rest[open + close + 1..];
    }
    text.push_str(rest);
    let text = unescape(&text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    (text, speaker)
}

/// Reads `text` (the file at `file`) as the transcript of an audio of `duration` seconds. Every
/// problem is reported with its line; the usable cues are returned.
pub fn parse(text: &str, file: &Path, duration: f64, diags: &mut Diagnostics) -> Vec<Cue> {
    let before = diags.len();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text.lines().collect();
    let first = lines.first().copied().unwrap_or("");
    let header_ok = first
        .strip_prefix("WEBVTT")
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']));
    if !header_ok {
        diags.error(
            file,
            1,
            "a WebVTT file starts with the line `WEBVTT`",
            format!("make `WEBVTT` the first line ({FORMAT_URL})"),
        );
    }
    // Blocks are separated by blank lines: (line number of the block's first line, its lines).
    let mut blocks: Vec<(usize, Vec<&str>)> = Vec::new();
    let mut current: Option<(usize, Vec<&str>)> = None;
    for (i, &line) in lines.iter().enumerate() {
        if line.trim().is_empty() {
            blocks.extend(current.take());
        } else {
            current
                .get_or_insert_with(|| (i + 1, Vec::new()))
                .1
                .push(line);
        }
    }
    blocks.extend(current);
    let mut cues: Vec<Cue> = Vec::new();
    // The header block (its first line is `WEBVTT` or whatever stands in its place) is no cue.
    for (line, block) in blocks.into_iter().skip(usize::from(!lines.is_empty())) {
        let keyword = block[0].split([' ', '\t']).next().unwrap_or("");
        if matches!(keyword, "NOTE" | "STYLE" | "REGION") {
            continue;
        }
        // An optional identifier, then the timings.
        let Some(at) = block.iter().take(2).position(|l| l.contains("-->")) else {
            diags.error(
                file,
                line,
                "a block without cue timings",
                "start each cue with its timings, e.g. `00:01:02.500 --> 00:01:05.000`, after a blank line",
            );
            continue;
        };
        let timing_line = line + at;
        let timing = block[at];
        let (start, end) = timing.split_once("-->").unwrap_or(("", ""));
        let end = end.split_whitespace().next().unwrap_or("");
        let (Some(start), Some(end)) = (parse_timestamp(start.trim()), parse_timestamp(end)) else {
            diags.error(
                file,
                timing_line,
                format!("`{}` are not cue timings", timing.trim()),
                "write `hh:mm:ss.ttt --> hh:mm:ss.ttt` (hours optional, milliseconds with three digits), e.g. `00:01:02.500 --> 00:01:05.000`",
            );
            continue;
        };
        if end <= start {
            diags.error(
                file,
                timing_line,
                format!(
                    "the cue ends at {}, not after its start ({})",
                    timestamp(end),
                    timestamp(start)
                ),
                "make the second time later than the first",
            );
        }
        if let Some(prev) = cues.last() {
            if start < prev.start {
                diags.error(
                    file,
                    timing_line,
                    format!(
                        "the cue starts at {}, before the cue above it ({})",
                        timestamp(start),
                        timestamp(prev.start)
                    ),
                    "order the cues by their start time",
                );
            }
        }
        if end > duration + END_SLACK {
            diags.error(
                file,
                timing_line,
                format!(
                    "the cue ends at {}, but the audio is {} long",
                    timestamp(end),
                    timestamp(duration)
                ),
                "keep every cue inside the audio, or check that the transcript belongs to this recording",
            );
        }
        let (body, speaker) = payload(&block[at + 1..]);
        if body.is_empty() {
            diags.error(
                file,
                timing_line,
                format!("the cue at {} has no text", timestamp(start)),
                "write what is said on the lines under the timings, or remove the cue",
            );
            continue;
        }
        cues.push(Cue {
            start,
            end,
            text: body,
            speaker,
        });
    }
    if cues.is_empty() && diags.len() == before {
        diags.error(
            file,
            1,
            "the transcript has no cues",
            "add the cues (timings and text), or remove `transcript` from the front matter",
        );
    }
    cues
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, duration: f64) -> (Vec<Cue>, Vec<String>) {
        let mut d = Diagnostics::default();
        let cues = parse(text, Path::new("nl.vtt"), duration, &mut d);
        (
            cues,
            d.into_sorted().iter().map(|e| e.to_string()).collect(),
        )
    }

    fn cue(start: f64, end: f64, text: &str) -> Cue {
        Cue {
            start,
            end,
            text: text.into(),
            speaker: Some("Loopje met de wetenschap".into()),
        }
    }

    #[test]
    fn timestamps_and_wrapping() {
        assert_eq!(timestamp(0.0), "00:00:00.000");
        assert_eq!(timestamp(3754.0625), "01:02:34.063");
        assert_eq!(parse_timestamp("01:02:34.063"), Some(3754.063));
        assert_eq!(parse_timestamp("02:34.500"), Some(154.5));
        assert_eq!(
            parse_timestamp("1:02:34.063"),
            None,
            "hours have two digits"
        );
        assert_eq!(parse_timestamp("02:60.000"), None);
        assert_eq!(parse_timestamp("02:34,500"), None, "SRT's comma");
        assert_eq!(parse_timestamp("02:34.5"), None);
        let text = "Een grote Cochrane-review kreeg in 2026 een update, die we voorlopig alleen uit nieuwsberichten kennen.";
        let lines = wrap(text, LINE);
        assert_eq!(lines.len(), 2);
        assert!(lines.iter().all(|l| l.chars().count() <= LINE), "{lines:?}");
        assert_eq!(lines.join(" "), text);
        assert_eq!(json_name("nl.vtt"), "nl.transcript.json");
    }

    #[test]
    fn writes_what_it_reads() {
        let cues = vec![
            cue(0.0, 1.5, "Lopen & <denken>?"),
            cue(1.75, 6.125, "Een grote Cochrane-review kreeg in 2026 een update, die we voorlopig alleen uit nieuwsberichten kennen."),
        ];
        let vtt = write(&cues);
        assert!(vtt.starts_with(
            "WEBVTT\n\n00:00:00.000 --> 00:00:01.500\n<v Loopje met de wetenschap>Lopen &amp; &lt;denken&gt;?\n\n00:00:01.750 --> 00:00:06.125\n"
        ), "{vtt}");
        assert!(vtt
            .lines()
            .all(|l| l.starts_with("<v ") || l.chars().count() <= LINE));
        let (back, errs) = check(&vtt, 6.2);
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(back, cues);
        let json: serde_json::Value = serde_json::from_str(&json(&cues)).unwrap();
        assert_eq!(json["version"], "1.0.0");
        assert_eq!(
            json["segments"][1],
            serde_json::json!({
                "speaker": "Loopje met de wetenschap",
                "startTime": 1.75,
                "endTime": 6.125,
                "body": cues[1].text,
            })
        );
    }

    #[test]
    fn reads_identifiers_notes_settings_and_voices() {
        let (cues, errs) = check(
            "\u{feff}WEBVTT - een test\r\n\r\nNOTE gemaakt met de hand\r\n\r\nSTYLE\r\n::cue { color: red }\r\n\r\n1\r\n00:01.000 --> 00:02.000 align:left\r\n<v.host Ann>Hallo <i>daar</i></v>\r\n\r\n00:02.000 --> 00:03.000\r\nzonder spreker\r\n",
            5.0,
        );
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(cues.len(), 2);
        assert_eq!(
            (cues[0].text.as_str(), cues[0].speaker.as_deref()),
            ("Hallo daar", Some("Ann"))
        );
        assert_eq!((cues[1].start, cues[1].speaker.as_deref()), (2.0, None));
    }

    #[test]
    fn every_problem_on_its_line() {
        let (_, errs) = check(
            "WEBVT\n\n00:00:01.000 --> 00:00:02.000\nEen.\n\n00:00:03,000 --> 00:00:04,000\nTwee.\n\n00:00:05.000 --> 00:00:04.000\nDrie.\n\n00:00:00.500 --> 00:00:01.000\nVier.\n\n00:00:06.000 --> 00:00:20.000\nVijf.\n\n00:00:07.000 --> 00:00:08.000\n<v Ann></v>\n\nzomaar tekst\n",
            10.0,
        );
        assert_eq!(
            errs,
            vec![
                "nl.vtt:1: a WebVTT file starts with the line `WEBVTT` — make `WEBVTT` the first line (https://www.w3.org/TR/webvtt1/)",
                "nl.vtt:6: `00:00:03,000 --> 00:00:04,000` are not cue timings — write `hh:mm:ss.ttt --> hh:mm:ss.ttt` (hours optional, milliseconds with three digits), e.g. `00:01:02.500 --> 00:01:05.000`",
                "nl.vtt:9: the cue ends at 00:00:04.000, not after its start (00:00:05.000) — make the second time later than the first",
                "nl.vtt:12: the cue starts at 00:00:00.500, before the cue above it (00:00:05.000) — order the cues by their start time",
                "nl.vtt:15: the cue ends at 00:00:20.000, but the audio is 00:00:10.000 long — keep every cue inside the audio, or check that the transcript belongs to this recording",
                "nl.vtt:18: the cue at 00:00:07.000 has no text — write what is said on the lines under the timings, or remove the cue",
                "nl.vtt:21: a block without cue timings — start each cue with its timings, e.g. `00:01:02.500 --> 00:01:05.000`, after a blank line",
            ]
        );
        let (_, errs) = check("WEBVTT\n", 10.0);
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert!(errs[0].contains("no cues"));
    }
}
