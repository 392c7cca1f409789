//! Spoken summaries for testing the player without studio recordings: `<stem>.speech.md` in an
//! episode folder (`## Chapter title {#section-id}` headings over plain paragraphs) is read
//! aloud by espeak-ng, chapter by chapter, joined and encoded to MP3 with lame, with a
//! Podcasting 2.0 chapters file whose times come from the generated audio itself.
//! Results are cached by a hash of everything that shapes them.

use crate::diagnostics::{Diagnostics, LineIndex};
use loopje::model::Lang;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use sha2::{Digest, Sha256};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Words per minute: a little slower than espeak-ng's default, easier to follow.
const SPEED: &str = "160";
/// Mono 24 kbit/s at espeak-ng's 22.05 kHz: clear speech at about 3 KB a second.
const LAME_ARGS: [&str; 5] = ["--quiet", "-m", "m", "-b", "24"];
/// Silence between chapters, in seconds.
const GAP: f64 = 0.6;

#[derive(Debug, PartialEq)]
pub struct ScriptChapter {
    pub title: String,
    /// The article section the chapter is about (`{#id}` on its heading).
    pub anchor: Option<String>,
    pub text: String,
    pub line: usize,
}

/// Reads a speech script; problems are reported against `file`.
pub fn parse_script(text: &str, file: &Path, diags: &mut Diagnostics) -> Vec<ScriptChapter> {
    let mut chapters: Vec<ScriptChapter> = Vec::new();
    let mut in_heading = false;
    let parser = Parser::new_ext(text, Options::ENABLE_HEADING_ATTRIBUTES);
    let lines = LineIndex::new(text.as_bytes());
    for (event, range) in parser.into_offset_iter() {
        let line = lines.line(range.start);
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                if level != HeadingLevel::H2 {
                    diags.error(
                        file,
                        line,
                        "a speech script's headings are chapters and must be `##`",
                        "write each chapter title as `## Title {#section-id}`",
                    );
                }
                in_heading = true;
                chapters.push(ScriptChapter {
                    title: String::new(),
                    anchor: id.map(|s| s.to_string()),
                    text: String::new(),
                    line,
                });
            }
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Text(t) | Event::Code(t) => match chapters.last_mut() {
                Some(c) if in_heading => c.title.push_str(&t),
                Some(c) => c.text.push_str(&t),
                None if t.trim().is_empty() => {}
                None => diags.error(
                    file,
                    line,
                    "text before the first chapter heading",
                    "start the script with `## Title {#section-id}`",
                ),
            },
            Event::SoftBreak | Event::HardBreak => {
                if let Some(c) = chapters.last_mut() {
                    c.text.push(' ');
                }
            }
            Event::End(TagEnd::Paragraph) => {
                if let Some(c) = chapters.last_mut() {
                    c.text.push_str("\n\n");
                }
            }
            _ => {}
        }
    }
    for c in &chapters {
        if c.title.trim().is_empty() || c.text.trim().is_empty() {
            diags.error(
                file,
                c.line,
                "a chapter needs a title and some text to speak",
                "write a title after `##` and at least one paragraph below it",
            );
        }
    }
    if chapters.is_empty() {
        diags.error(
            file,
            1,
            "the speech script has no chapters",
            "write at least one `## Title {#section-id}` with a paragraph",
        );
    }
    chapters
}

/// The generated audio and its chapters file.
pub struct Generated {
    pub mp3: PathBuf,
    pub chapters: PathBuf,
}

/// Everything `generate` needs to know about the episode.
pub struct Episode<'a> {
    pub lang: Lang,
    pub title: &'a str,
    /// Absolute URL of the episode's page, for each chapter's `url`.
    pub page_url: &'a str,
    /// File stem of the audio (`nl` for `nl.mp3`).
    pub stem: &'a str,
}

/// Speaks `script` into `<out_dir>/<stem>.mp3` and `<stem>.chapters.json`, unless the cache there
/// already holds the result for exactly these inputs.
pub fn generate(
    script: &[ScriptChapter],
    ep: &Episode,
    out_dir: &Path,
) -> Result<Generated, String> {
    let voice = match ep.lang {
        Lang::Nl => "nl",
        Lang::En => "en-gb",
    };
    let espeak_version = run_version("espeak-ng")?;
    run_version("lame")?;
    let mut hash = Sha256::new();
    for part in [espeak_version.as_str(), voice, SPEED, ep.title, ep.page_url] {
        hash.update(part.as_bytes());
        hash.update([0]);
    }
    hash.update(LAME_ARGS.join(" ").as_bytes());
    for c in script {
        for part in [
            c.title.as_str(),
            c.text.as_str(),
            c.anchor.as_deref().unwrap_or(""),
        ] {
            hash.update(part.as_bytes());
            hash.update([0]);
        }
    }
    let key = format!("{:x}", hash.finalize());
    let out = Generated {
        mp3: out_dir.join(format!("{}.mp3", ep.stem)),
        chapters: out_dir.join(format!("{}.chapters.json", ep.stem)),
    };
    let key_file = out_dir.join(format!("{}.key", ep.stem));
    if fs::read_to_string(&key_file).is_ok_and(|k| k == key)
        && out.mp3.is_file()
        && out.chapters.is_file()
    {
        return Ok(out);
    }
    fs::create_dir_all(out_dir).map_err(|e| format!("{}: {e}", out_dir.display()))?;

    let mut samples: Vec<i16> = Vec::new();
    let mut spec = None;
    let mut starts = Vec::new();
    // Builds (and tests) may generate the same summary at once: every intermediate file is
    // private to this call, and each result appears whole, by rename.
    let tmp = |what: &str| {
        out_dir.join(format!(
            "{}.{}-{:?}.{what}",
            ep.stem,
            std::process::id(),
            std::thread::current().id()
        ))
    };
    let part = tmp("part.wav");
    for (i, c) in script.iter().enumerate() {
        if i > 0 {
            let rate = spec.map_or(22050, |s: hound::WavSpec| s.sample_rate);
            samples.extend(std::iter::repeat_n(0, (GAP * f64::from(rate)) as usize));
        }
        let rate = spec.map_or(22050, |s: hound::WavSpec| s.sample_rate);
        starts.push(samples.len() as f64 / f64::from(rate));
        speak(
            voice,
            &format!("{}.\n\n{}", c.title.trim(), c.text.trim()),
            &part,
        )?;
        let mut reader =
            hound::WavReader::open(&part).map_err(|e| format!("espeak-ng's output: {e}"))?;
        let s = reader.spec();
        if spec.is_some_and(|old| old != s) {
            return Err("espeak-ng changed its output format between chapters".into());
        }
        spec = Some(s);
        for sample in reader.samples::<i16>() {
            samples.push(sample.map_err(|e| format!("espeak-ng's output: {e}"))?);
        }
    }
    let spec = spec.ok_or("nothing to speak")?;
    let joined = tmp("wav");
    let (mp3, chapters_file) = (tmp("mp3"), tmp("json"));
    let mut writer = hound::WavWriter::create(&joined, spec).map_err(|e| e.to_string())?;
    for s in &samples {
        writer.write_sample(*s).map_err(|e| e.to_string())?;
    }
    writer.finalize().map_err(|e| e.to_string())?;
    let status = Command::new("lame")
        .args(LAME_ARGS)
        .args(["--tt", ep.title, "--ta", podcast_name(ep.lang)])
        .arg(&joined)
        .arg(&mp3)
        .status()
        .map_err(|e| format!("lame: {e}"))?;
    if !status.success() {
        return Err(format!("lame failed ({status})"));
    }
    let chapters: Vec<serde_json::Value> = script
        .iter()
        .zip(&starts)
        .map(|(c, start)| {
            let mut v = serde_json::json!({
                "startTime": (start * 100.0).round() / 100.0,
                "title": c.title.trim(),
            });
            if let Some(anchor) = &c.anchor {
                v["url"] = format!("{}#{anchor}", ep.page_url).into();
            }
            v
        })
        .collect();
    let json = serde_json::json!({ "version": "1.2.0", "chapters": chapters });
    fs::write(
        &chapters_file,
        serde_json::to_string_pretty(&json).expect("json") + "\n",
    )
    .map_err(|e| e.to_string())?;
    for f in [&part, &joined] {
        _ = fs::remove_file(f);
    }
    let key_tmp = tmp("key");
    fs::write(&key_tmp, key).map_err(|e| e.to_string())?;
    for (from, to) in [
        (&mp3, &out.mp3),
        (&chapters_file, &out.chapters),
        (&key_tmp, &key_file),
    ] {
        fs::rename(from, to).map_err(|e| format!("{}: {e}", to.display()))?;
    }
    Ok(out)
}

fn podcast_name(lang: Lang) -> &'static str {
    loopje::i18n::strings(lang).site_name
}

fn speak(voice: &str, text: &str, wav: &Path) -> Result<(), String> {
    let mut child = Command::new("espeak-ng")
        .args(["-v", voice, "-s", SPEED, "--stdin", "-w"])
        .arg(wav)
        .stdin(Stdio::piped())
        .spawn()
        .map_err(|e| format!("espeak-ng: {e}"))?;
    child
        .stdin
        .take()
        .expect("piped")
        .write_all(text.as_bytes())
        .map_err(|e| format!("espeak-ng: {e}"))?;
    let status = child.wait().map_err(|e| format!("espeak-ng: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("espeak-ng failed ({status})"))
    }
}

fn run_version(program: &str) -> Result<String, String> {
    let out = Command::new(program)
        .arg("--version")
        .output()
        .map_err(|_| format!("`{program}` is not installed"))?;
    Ok(String::from_utf8_lossy(&out.stdout)
        .lines()
        .next()
        .unwrap_or("")
        .to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Vec<ScriptChapter>, Vec<String>) {
        let mut d = Diagnostics::default();
        let ch = parse_script(text, Path::new("nl.speech.md"), &mut d);
        (ch, d.into_sorted().iter().map(|e| e.to_string()).collect())
    }

    #[test]
    fn chapters_from_headings() {
        let (ch, errs) =
            parse("## Intro {#therapie}\n\nEen zin.\nNog een.\n\n## Twee\n\nTekst `x`.\n");
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(ch.len(), 2);
        assert_eq!(ch[0].title, "Intro");
        assert_eq!(ch[0].anchor.as_deref(), Some("therapie"));
        assert_eq!(ch[0].text.trim(), "Een zin. Nog een.");
        assert_eq!((ch[1].line, ch[1].anchor.as_deref()), (6, None));
    }

    #[test]
    fn script_problems_have_lines() {
        let (_, errs) = parse("Hallo.\n\n### Klein\n\nTekst.\n\n## Leeg\n");
        assert_eq!(
            errs,
            vec![
                "nl.speech.md:1: text before the first chapter heading — start the script with `## Title {#section-id}`",
                "nl.speech.md:3: a speech script's headings are chapters and must be `##` — write each chapter title as `## Title {#section-id}`",
                "nl.speech.md:7: a chapter needs a title and some text to speak — write a title after `##` and at least one paragraph below it",
            ]
        );
        let (_, errs) = parse("");
        assert_eq!(errs.len(), 1);
    }

    /// Needs espeak-ng and lame, which `./x test` installs.
    #[test]
    fn speaks_and_times_the_chapters() {
        let (script, errs) = parse(
            "## Een {#a}\n\nEen korte zin.\n\n## Twee {#b}\n\nNog een korte zin om te testen.\n",
        );
        assert!(errs.is_empty());
        let dir = std::env::temp_dir().join(format!("loopje-speech-test-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let ep = Episode {
            lang: Lang::Nl,
            title: "Test",
            page_url: "https://x/nl/afleveringen/t/",
            stem: "nl",
        };
        let made = generate(&script, &ep, &dir).expect("espeak-ng and lame (run ./x setup)");
        let secs = super::super::probe::duration(&made.mp3).unwrap();
        let mut d = Diagnostics::default();
        let text = fs::read_to_string(&made.chapters).unwrap();
        let ch = super::super::chapters::parse(&text, &made.chapters, secs, &mut d);
        assert!(d.is_empty());
        assert_eq!(ch.len(), 2);
        assert_eq!(ch[0].start, 0.0);
        assert!(
            ch[1].start > 1.0 && ch[1].start < secs - 0.5,
            "{} of {secs}",
            ch[1].start
        );
        assert!(
            text.contains("\"url\": \"https://x/nl/afleveringen/t/#b\""),
            "{text}"
        );
        // A second run with the same inputs reuses the cached files.
        let before = fs::metadata(&made.mp3).unwrap().modified().unwrap();
        generate(&script, &ep, &dir).unwrap();
        assert_eq!(fs::metadata(&made.mp3).unwrap().modified().unwrap(), before);
        fs::remove_dir_all(&dir).unwrap();
    }
}
