//! Podcasting 2.0 JSON chapters (`version`, `chapters[]` with `startTime`, `title`, optional
//! `img`, `url`, `toc`, `endTime`), checked against the audio they belong to.

use crate::diagnostics::{Diagnostics, LineIndex};
use loopje::model::Chapter;
use loopje::widgets::player::logic::clock;
use serde::Deserialize;
use serde_json::value::RawValue;
use std::path::Path;

const FORMAT_URL: &str =
    "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/examples/chapters/jsonChapters.md";

#[derive(Deserialize)]
struct Document<'a> {
    version: Option<String>,
    #[serde(borrow)]
    chapters: Option<Vec<&'a RawValue>>,
}

// Unknown fields (`url`, `img`, `location`, extensions) are allowed, as the format allows them;
// the player shows start and title only, so the rest stays in the file (served beside the audio).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Entry {
    start_time: f64,
    title: Option<String>,
    toc: Option<bool>,
    end_time: Option<f64>,
}

/// Reads `text` (the file at `file`) and checks it against an audio of `duration` seconds.
/// Every problem is reported with its line; what is usable is returned.
pub fn parse(text: &str, file: &Path, duration: f64, diags: &mut Diagnostics) -> Vec<Chapter> {
    let doc: Document = match serde_json::from_str(text) {
        Ok(d) => d,
        Err(e) => {
            diags.error(
                file,
                e.line(),
                format!("not valid chapters JSON: {e}"),
                format!("write Podcasting 2.0 JSON chapters ({FORMAT_URL})"),
            );
            return Vec::new();
        }
    };
    if doc.version.as_deref().is_none_or(|v| v.trim().is_empty()) {
        diags.error(
            file,
            1,
            "the chapters file has no `version`",
            "add \"version\": \"1.2.0\"",
        );
    }
    let raws = doc.chapters.unwrap_or_default();
    if raws.is_empty() {
        diags.error(
            file,
            1,
            "the chapters file lists no chapters",
            "add a `chapters` array with at least one chapter, or remove `chapters` from the front matter",
        );
    }
    let mut out: Vec<Chapter> = Vec::new();
    let lines = LineIndex::new(text.as_bytes());
    for (i, raw) in raws.into_iter().enumerate() {
        let n = i + 1;
        // RawValue borrows from `text`, so its address gives the chapter's line.
        let offset = raw.get().as_ptr() as usize - text.as_ptr() as usize;
        let line = lines.line(offset);
        let entry: Entry = match serde_json::from_str(raw.get()) {
            Ok(e) => e,
            Err(e) => {
                diags.error(
                    file,
                    line + e.line().saturating_sub(1),
                    format!("chapter {n}: {e}"),
                    "give each chapter a numeric `startTime` in seconds and a `title`",
                );
                continue;
            }
        };
        let start = entry.start_time;
        let title = entry.title.unwrap_or_default();
        if title.trim().is_empty() {
            diags.error(
                file,
                line,
                format!("chapter {n} has no title"),
                "add a `title`: the player lists chapters by it",
            );
        }
        if !start.is_finite() || start < 0.0 {
            diags.error(
                file,
                line,
                format!("chapter {n} has a negative `startTime`"),
                "use seconds from the start of the audio",
            );
            continue;
        }
        if start >= duration {
            diags.error(
                file,
                line,
                format!(
                    "chapter {n} starts at {}, but the audio is {} long",
                    clock(start),
                    clock(duration)
                ),
                "use a `startTime` inside the audio, or check that the audio file is the right one",
            );
        }
        if let Some(prev) = out.last() {
            if start <= prev.start {
                diags.error(
                    file,
                    line,
                    format!(
                        "chapter {n} starts at {}, not after chapter {} ({})",
                        clock(start),
                        n - 1,
                        clock(prev.start)
                    ),
                    "sort the chapters by `startTime`, each starting after the one before",
                );
            }
        }
        if let Some(end) = entry.end_time {
            if end <= start || end > duration + 1.0 {
                diags.error(
                    file,
                    line,
                    format!(
                        "chapter {n} ends at {}, outside {}–{}",
                        clock(end),
                        clock(start),
                        clock(duration)
                    ),
                    "make `endTime` later than `startTime` and within the audio, or leave it out",
                );
            }
        }
        out.push(Chapter {
            start,
            title: title.trim().to_string(),
            toc: entry.toc.unwrap_or(true),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, duration: f64) -> (Vec<Chapter>, Vec<String>) {
        let mut d = Diagnostics::default();
        let ch = parse(text, Path::new("c.json"), duration, &mut d);
        (ch, d.into_sorted().iter().map(|e| e.to_string()).collect())
    }

    #[test]
    fn reads_the_format() {
        let (ch, errs) = check(
            r#"{"version": "1.2.0", "chapters": [
                {"startTime": 0, "title": "Intro", "url": "https://x/#a", "img": "a.jpg"},
                {"startTime": 30.5, "title": "Two", "toc": false, "endTime": 60, "location": {}}
            ]}"#,
            90.0,
        );
        assert_eq!(errs, Vec::<String>::new());
        assert_eq!(ch.len(), 2);
        assert!(ch[0].toc && !ch[1].toc);
        assert_eq!(ch[1].start, 30.5);
    }

    #[test]
    fn each_problem_on_its_line() {
        let text = "{\"version\": \"1.2.0\", \"chapters\": [\n\
            {\"startTime\": 0, \"title\": \"A\"},\n\
            {\"startTime\": 40, \"title\": \" \"},\n\
            {\"startTime\": 20, \"title\": \"C\"},\n\
            {\"startTime\": 95, \"title\": \"D\"},\n\
            {\"startTime\": \"soon\", \"title\": \"E\"},\n\
            {\"startTime\": 96, \"title\": \"F\", \"endTime\": 10}\n\
            ]}";
        let (_, errs) = check(text, 90.0);
        assert_eq!(
            errs,
            vec![
                "c.json:3: chapter 2 has no title — add a `title`: the player lists chapters by it",
                "c.json:4: chapter 3 starts at 0:20, not after chapter 2 (0:40) — sort the chapters by `startTime`, each starting after the one before",
                "c.json:5: chapter 4 starts at 1:35, but the audio is 1:30 long — use a `startTime` inside the audio, or check that the audio file is the right one",
                "c.json:6: chapter 5: invalid type: string \"soon\", expected f64 at line 1 column 20 — give each chapter a numeric `startTime` in seconds and a `title`",
                "c.json:7: chapter 6 ends at 0:10, outside 1:36–1:30 — make `endTime` later than `startTime` and within the audio, or leave it out",
                "c.json:7: chapter 6 starts at 1:36, but the audio is 1:30 long — use a `startTime` inside the audio, or check that the audio file is the right one",
            ]
        );
    }

    #[test]
    fn syntax_and_shape() {
        let (_, errs) = check(
            "{\"version\": \"1\",\n \"chapters\": [\n{\"startTime\": 0,}]}",
            9.0,
        );
        assert_eq!(errs.len(), 1);
        assert!(
            errs[0].starts_with("c.json:3: not valid chapters JSON"),
            "{}",
            errs[0]
        );
        let (_, errs) = check("{\"chapters\": []}", 9.0);
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert!(errs.iter().all(|e| e.starts_with("c.json:1:")));
    }
}
