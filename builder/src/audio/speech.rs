//! Spoken summaries for testing the player without studio recordings: `<stem>.speech.md` in an
//! episode folder (`## Chapter title {#section-id}` headings over plain paragraphs) is read
//! aloud by espeak-ng sentence by sentence (a sentence too long for one cue, phrase by phrase),
//! joined and encoded to MP3 with lame, with a Podcasting 2.0 chapters file and a WebVTT
//! transcript whose times come from the samples espeak-ng wrote for each piece.
//! Results are cached by a hash of everything that shapes them.

use super::vtt;
use crate::diagnostics::{Diagnostics, LineIndex};
use loopje::model::{Cue, Lang};
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
/// Silence between chapters, in seconds, at least: each chapter starts on a whole second, so
/// that an article's `[m:ss]` timestamp is exactly its start.
const GAP: f64 = 0.6;
/// Silence between the sentences (and phrases) of a chapter, in seconds.
const PAUSE: f64 = 0.2;
/// Changes whenever the way the script becomes audio changes (so the cache is not reused).
const FORMAT: &str = "sentences; chapters on whole seconds";

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

/// The generated audio, its chapters file and its transcript.
pub struct Generated {
    pub mp3: PathBuf,
    pub chapters: PathBuf,
    pub vtt: PathBuf,
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

/// Speaks `script` into `<out_dir>/<stem>.mp3`, `<stem>.chapters.json` and `<stem>.vtt`, unless
/// the cache there already holds the result for exactly these inputs.
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
    let speaker = podcast_name(ep.lang);
    let mut hash = Sha256::new();
    let pause = PAUSE.to_string();
    for part in [
        espeak_version.as_str(),
        voice,
        SPEED,
        ep.title,
        ep.page_url,
        FORMAT,
        &pause,
        speaker,
    ] {
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
        vtt: out_dir.join(format!("{}.vtt", ep.stem)),
    };
    let key_file = out_dir.join(format!("{}.key", ep.stem));
    if fs::read_to_string(&key_file).is_ok_and(|k| k == key)
        && [&out.mp3, &out.chapters, &out.vtt]
            .iter()
            .all(|f| f.is_file())
    {
        return Ok(out);
    }
    fs::create_dir_all(out_dir).map_err(|e| format!("{}: {e}", out_dir.display()))?;

    let mut samples: Vec<i16> = Vec::new();
    let mut spec: Option<hound::WavSpec> = None;
    let mut starts = Vec::new();
    let mut cues = Vec::new();
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
    let rate = |spec: Option<hound::WavSpec>| f64::from(spec.map_or(22050, |s| s.sample_rate));
    for (i, c) in script.iter().enumerate() {
        if i > 0 {
            let next = (samples.len() as f64 / rate(spec) + GAP).ceil();
            samples.resize((next * rate(spec)) as usize, 0);
        }
        starts.push(samples.len() as f64 / rate(spec));
        for (j, (said, shown)) in spoken(c).into_iter().enumerate() {
            if j > 0 {
                let pause = (PAUSE * rate(spec)) as usize;
                samples.extend(std::iter::repeat_n(0, pause));
            }
            let start = samples.len() as f64 / rate(spec);
            speak(voice, &said, &part)?;
            let mut reader =
                hound::WavReader::open(&part).map_err(|e| format!("espeak-ng's output: {e}"))?;
            let s = reader.spec();
            if spec.is_some_and(|old| old != s) {
                return Err("espeak-ng changed its output format between sentences".into());
            }
            spec = Some(s);
            for sample in reader.samples::<i16>() {
                samples.push(sample.map_err(|e| format!("espeak-ng's output: {e}"))?);
            }
            cues.push(Cue {
                start: vtt::millis(start),
                end: vtt::millis(samples.len() as f64 / rate(spec)),
                text: shown,
                speaker: Some(speaker.to_string()),
            });
        }
    }
    let spec = spec.ok_or("nothing to speak")?;
    let joined = tmp("wav");
    let (mp3, chapters_file, vtt_file) = (tmp("mp3"), tmp("json"), tmp("vtt"));
    let mut writer = hound::WavWriter::create(&joined, spec).map_err(|e| e.to_string())?;
    for s in &samples {
        writer.write_sample(*s).map_err(|e| e.to_string())?;
    }
    writer.finalize().map_err(|e| e.to_string())?;
    let status = Command::new("lame")
        .args(LAME_ARGS)
        .args(["--tt", ep.title, "--ta", speaker])
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
    let transcript = vtt::write(&cues);
    check_transcript(&transcript, &cues, samples.len() as f64 / rate(Some(spec)))?;
    fs::write(&vtt_file, transcript).map_err(|e| e.to_string())?;
    for f in [&part, &joined] {
        _ = fs::remove_file(f);
    }
    let key_tmp = tmp("key");
    fs::write(&key_tmp, key).map_err(|e| e.to_string())?;
    for (from, to) in [
        (&mp3, &out.mp3),
        (&chapters_file, &out.chapters),
        (&vtt_file, &out.vtt),
        (&key_tmp, &key_file),
    ] {
        fs::rename(from, to).map_err(|e| format!("{}: {e}", to.display()))?;
    }
    Ok(out)
}

/// The transcript as written must say what was synthesised, when it was: read back, its cues
/// are exactly the pieces spoken, at the sample offsets where each began and ended.
fn check_transcript(written: &str, spoken: &[Cue], duration: f64) -> Result<(), String> {
    let mut diags = Diagnostics::default();
    let read = vtt::parse(written, Path::new("generated.vtt"), duration, &mut diags);
    if let Some(problem) = diags.into_sorted().first() {
        return Err(format!("the generated transcript is not valid: {problem}"));
    }
    match read.iter().zip(spoken).position(|(r, s)| r != s) {
        None if read.len() == spoken.len() => Ok(()),
        at => Err(format!(
            "the generated transcript differs from what was spoken (cue {})",
            at.unwrap_or(read.len().min(spoken.len())) + 1
        )),
    }
}

/// What a chapter says, piece by piece: (text given to espeak-ng, text of the cue). The title
/// comes first, spoken as a sentence of its own.
fn spoken(c: &ScriptChapter) -> Vec<(String, String)> {
    let title = c.title.trim().to_string();
    let said = if title.ends_with(['.', '!', '?', '…']) {
        title.clone()
    } else {
        format!("{title}.")
    };
    std::iter::once((said, title))
        .chain(
            sentences(&c.text)
                .iter()
                .flat_map(|s| pieces(s))
                .map(|p| (p.clone(), p)),
        )
        .collect()
}

/// Words after which a full stop does not end the sentence (lower case, without the stop).
/// Single letters (initials) and words with a stop inside (`o.a.`, `e.g.`) count too.
const ABBREVIATIONS: [&str; 20] = [
    "dr", "drs", "prof", "mr", "mrs", "ms", "mevr", "dhr", "ir", "ing", "st", "nr", "vs", "ca",
    "bijv", "vgl", "fig", "resp", "incl", "jr",
];

/// A chapter's text as sentences: a paragraph ends one, and so does `.`, `!`, `?` or `…`
/// (before any closing quote or bracket) when the next word does not start in lower case and
/// the stop does not end an abbreviation. Whitespace is collapsed; numbers such as `2,5` or
/// `2.5` stay whole, having no space after their separator.
pub fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for paragraph in text.split("\n\n") {
        let words: Vec<&str> = paragraph.split_whitespace().collect();
        let mut sentence: Vec<&str> = Vec::new();
        for (i, word) in words.iter().enumerate() {
            sentence.push(word);
            let next_lower = words
                .get(i + 1)
                .and_then(|w| w.chars().find(|c| c.is_alphanumeric()))
                .is_some_and(char::is_lowercase);
            if ends_sentence(word) && !next_lower {
                out.push(sentence.join(" "));
                sentence.clear();
            }
        }
        if !sentence.is_empty() {
            out.push(sentence.join(" "));
        }
    }
    out
}

fn ends_sentence(word: &str) -> bool {
    let bare = word.trim_end_matches(['"', '\'', '”', '’', '»', ')', ']']);
    if bare.ends_with(['!', '?', '…']) {
        return true;
    }
    let Some(stem) = bare.strip_suffix('.') else {
        return false;
    };
    if stem.ends_with("..") {
        return true;
    }
    let stem = stem.trim_start_matches(['"', '\'', '“', '‘', '«', '(', '[']);
    let abbreviation = stem.chars().count() == 1 && stem.chars().all(char::is_alphabetic)
        || stem.contains('.')
        || ABBREVIATIONS.contains(&stem.to_lowercase().as_str());
    !abbreviation
}

/// A sentence as cues of at most [`vtt::LINES`] lines: split where a clause ends (`,` `;` `:`
/// or before a dash) nearest the middle, leaving no piece under a third of a line; else at the
/// word nearest the middle.
pub fn pieces(sentence: &str) -> Vec<String> {
    if vtt::wrap(sentence, vtt::LINE).len() <= vtt::LINES {
        return vec![sentence.to_string()];
    }
    let words: Vec<&str> = sentence.split_whitespace().collect();
    if words.len() < 2 {
        return vec![sentence.to_string()];
    }
    let total = sentence.chars().count();
    // (position of the split: words before it, characters before it, ends a clause)
    let mut splits = Vec::new();
    let mut chars = 0;
    for i in 1..words.len() {
        chars += words[i - 1].chars().count() + usize::from(i > 1);
        let clause = words[i - 1].ends_with([',', ';', ':']) || matches!(words[i], "—" | "–" | "-");
        splits.push((i, chars, clause));
    }
    let min = vtt::LINE / 3;
    let middle = |&&(_, at, _): &&(usize, usize, bool)| at.abs_diff(total / 2);
    let fair = |&&(_, at, _): &&(usize, usize, bool)| at >= min && total - at >= min;
    let best = splits
        .iter()
        .filter(|s| s.2)
        .filter(fair)
        .min_by_key(middle)
        .or_else(|| splits.iter().min_by_key(middle));
    let (at, _, _) = *best.expect("two words or more");
    let mut out = pieces(&words[..at].join(" "));
    out.extend(pieces(&words[at..].join(" ")));
    out
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

    #[test]
    fn sentences_keep_numbers_and_abbreviations_whole() {
        let text = "Volgens dr. Jansen en prof. De Vries daalde het risico met 2,5 procent. \
            Dat is o.a. in 2026. Niet veel?  Nee!\nMaar J. Smith zegt 3.5 km. wat \
            \"veel\" is.\n\nEen alinea zonder punt\n\nNog één.";
        assert_eq!(
            sentences(text),
            [
                "Volgens dr. Jansen en prof. De Vries daalde het risico met 2,5 procent.",
                "Dat is o.a. in 2026.",
                "Niet veel?",
                "Nee!",
                "Maar J. Smith zegt 3.5 km. wat \"veel\" is.",
                "Een alinea zonder punt",
                "Nog één.",
            ]
        );
        assert_eq!(
            sentences("He said \"stop.\" Then (as planned.) We ran... And so on."),
            [
                "He said \"stop.\"",
                "Then (as planned.)",
                "We ran...",
                "And so on."
            ]
        );
    }

    #[test]
    fn long_sentences_become_cues_of_two_lines() {
        let short = "Een korte zin.";
        assert_eq!(pieces(short), [short]);
        let long = "Volgens samenvattingen van één grote analyse hing tweeënhalf uur stevig \
            wandelen per week samen met ongeveer 25 procent minder risico, al hebben we dat \
            cijfer nog niet in de studie zelf nagelezen, en dat zeggen we er eerlijk bij.";
        let parts = pieces(long);
        assert_eq!(parts.join(" "), long, "nothing lost or added");
        assert!(parts.len() >= 2, "{parts:?}");
        for p in &parts {
            assert!(vtt::wrap(p, vtt::LINE).len() <= vtt::LINES, "{p}");
        }
        assert!(
            parts.iter().any(|p| p.ends_with("risico,")),
            "split at the clause: {parts:?}"
        );
        let no_commas = "woord ".repeat(40);
        let parts = pieces(no_commas.trim());
        assert!(parts
            .iter()
            .all(|p| vtt::wrap(p, vtt::LINE).len() <= vtt::LINES));
        assert_eq!(parts.join(" "), no_commas.trim());
    }

    #[test]
    fn a_chapter_speaks_its_title_then_its_sentences() {
        let (script, _) = parse("## Hoe hard moet het {#a}\n\nGemengd. Ons besluit: volhouden.\n");
        let said: Vec<(String, String)> = spoken(&script[0]);
        assert_eq!(
            said,
            [
                (
                    "Hoe hard moet het.".to_string(),
                    "Hoe hard moet het".to_string()
                ),
                ("Gemengd.".into(), "Gemengd.".into()),
                (
                    "Ons besluit: volhouden.".into(),
                    "Ons besluit: volhouden.".into()
                ),
            ]
        );
    }

    #[test]
    fn a_transcript_that_differs_from_the_speech_is_refused() {
        let cue = |start: f64, end: f64, text: &str| Cue {
            start,
            end,
            text: text.into(),
            speaker: Some("Loopje".into()),
        };
        let spoken = vec![cue(0.0, 1.25, "Een."), cue(1.45, 3.0, "Twee.")];
        assert_eq!(check_transcript(&vtt::write(&spoken), &spoken, 3.0), Ok(()));
        let shifted = vec![cue(0.0, 1.25, "Een."), cue(1.5, 3.0, "Twee.")];
        let err = check_transcript(&vtt::write(&shifted), &spoken, 3.0).unwrap_err();
        assert!(err.contains("cue 2"), "{err}");
        let err = check_transcript(&vtt::write(&spoken[..1]), &spoken, 3.0).unwrap_err();
        assert!(err.contains("cue 2"), "{err}");
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
        assert_eq!(
            ch[1].start.fract(),
            0.0,
            "a chapter starts on a whole second"
        );
        assert!(
            text.contains("\"url\": \"https://x/nl/afleveringen/t/#b\""),
            "{text}"
        );
        // A cue per title and sentence; each chapter starts with its first cue.
        let vtt_text = fs::read_to_string(&made.vtt).unwrap();
        let cues = vtt::parse(&vtt_text, &made.vtt, secs, &mut d);
        assert!(d.is_empty());
        let texts: Vec<&str> = cues.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Een",
                "Een korte zin.",
                "Twee",
                "Nog een korte zin om te testen."
            ]
        );
        assert_eq!(cues[0].start, 0.0);
        assert_eq!(cues[2].start, ch[1].start);
        assert!(cues
            .windows(2)
            .all(|w| w[0].end <= w[1].start && w[0].start < w[0].end));
        assert!(
            vtt_text.contains("\n<v Loopje met de wetenschap>Een korte zin.\n"),
            "{vtt_text}"
        );
        // A second run with the same inputs reuses the cached files.
        let before = fs::metadata(&made.mp3).unwrap().modified().unwrap();
        generate(&script, &ep, &dir).unwrap();
        assert_eq!(fs::metadata(&made.mp3).unwrap().modified().unwrap(), before);
        fs::remove_dir_all(&dir).unwrap();
    }
}
