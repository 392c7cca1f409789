//! Stage 1b: each episode's audio. Resolves the file the front matter names (a recording in the
//! episode folder, or else a spoken summary generated from `<stem>.speech.md`), measures its
//! length from the file, and reads and checks its chapters and its transcript (the recording's
//! own WebVTT file, or the one generated with the summary), from which the JSON transcript is
//! derived.

pub mod chapters;
pub mod probe;
pub mod speech;
pub mod vtt;

use crate::diagnostics::Diagnostics;
use crate::load::{Content, EpisodeFile};
use crate::validate::field_line;
use loopje::model::{AudioTrack, Lang, Transcript};
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

/// An episode's audio, ready for the page and for copying into the site.
#[derive(Clone, Debug)]
pub struct Prepared {
    pub track: AudioTrack,
    /// (file to copy, its name under `media/<episode>/`) for the audio, its chapters and its
    /// transcripts.
    pub files: Vec<(PathBuf, String)>,
}

pub type AudioByEpisode = HashMap<(String, Lang), Prepared>;

pub fn prepare(content: &Content, cache: &Path, diags: &mut Diagnostics) -> AudioByEpisode {
    let base = content
        .config
        .as_ref()
        .map(|c| c.url.trim_end_matches('/').to_string())
        .unwrap_or_default();
    let mut out = HashMap::new();
    for ep in &content.episodes {
        let fl = |field: &str| field_line(ep, field);
        let f = &ep.front;
        match (&f.audio, f.listening_minutes) {
            (Some(_), Some(_)) => diags.error(
                &ep.path,
                fl("listening_minutes"),
                "`listening_minutes` is measured from the audio file",
                "remove `listening_minutes`",
            ),
            (None, None) => diags.error(
                &ep.path,
                1,
                "the episode has neither `audio` nor `listening_minutes`",
                "add `audio = \"<file>.mp3\"`, or `listening_minutes` if the audio is elsewhere",
            ),
            _ => {}
        }
        let Some(name) = &f.audio else { continue };
        if let Some(p) = prepare_one(ep, name, &base, cache, diags) {
            out.insert((ep.id.clone(), ep.lang), p);
        }
    }
    out
}

fn prepare_one(
    ep: &EpisodeFile,
    name: &str,
    base: &str,
    cache: &Path,
    diags: &mut Diagnostics,
) -> Option<Prepared> {
    let line = field_line(ep, "audio");
    let Some(stem) = name
        .strip_suffix(".mp3")
        .filter(|s| !s.is_empty() && !s.contains(['/', '\\']))
    else {
        diags.error(
            &ep.path,
            line,
            format!("audio `{name}` is not an MP3 file in the episode folder"),
            "name an `.mp3` file next to the article, e.g. `audio = \"nl.mp3\"`",
        );
        return None;
    };
    let recorded = ep.dir.join(name);
    let script = ep.dir.join(format!("{stem}.speech.md"));
    let (mut generated_chapters, mut generated_vtt) = (None, None);
    let source = if recorded.is_file() {
        recorded
    } else if script.is_file() {
        let text = crate::load::read_text(&script, diags)?;
        let before = diags.len();
        let chapters = speech::parse_script(&text, &script, diags);
        if diags.len() > before {
            return None;
        }
        let page_url = format!("{base}{}", ep.lang.episode_path(&ep.front.slug));
        let episode = speech::Episode {
            lang: ep.lang,
            title: &ep.front.title,
            page_url: &page_url,
            stem,
        };
        match speech::generate(&chapters, &episode, &cache.join(&ep.id)) {
            Ok(made) => {
                generated_chapters = Some(made.chapters);
                generated_vtt = Some(made.vtt);
                made.mp3
            }
            Err(e) => {
                diags.error(
                    &script,
                    1,
                    format!("the spoken summary could not be generated: {e}"),
                    "run `./x setup` (it installs espeak-ng and lame), or add a recorded MP3",
                );
                return None;
            }
        }
    } else {
        diags.error(
            &ep.path,
            line,
            format!("audio file `{name}` does not exist"),
            format!(
                "add it to {}, or write `{stem}.speech.md` there to generate a spoken summary",
                ep.dir.display()
            ),
        );
        return None;
    };
    let duration = match probe::duration(&source) {
        Ok(d) => d,
        Err(e) => {
            diags.error(
                &ep.path,
                line,
                format!("audio file `{name}` cannot be used: {e}"),
                "export the episode as an MP3 file",
            );
            return None;
        }
    };
    let mut files = vec![(source.clone(), name.to_string())];
    let mut chapters = Vec::new();
    if let Some(cname) = &ep.front.chapters {
        let own = ep.dir.join(cname);
        let path = if own.is_file() {
            Some(own)
        } else {
            // A generated summary brings its own chapters, under the stem's name.
            generated_chapters.filter(|_| cname == &format!("{stem}.chapters.json"))
        };
        match path {
            Some(path) => {
                if let Some(text) = crate::load::read_text(&path, diags) {
                    chapters = chapters::parse(&text, &path, duration, diags);
                }
                files.push((path, cname.clone()));
            }
            None => diags.error(
                &ep.path,
                field_line(ep, "chapters"),
                format!("chapters file `{cname}` does not exist"),
                format!("add it to {}, or remove `chapters`", ep.dir.display()),
            ),
        }
    }
    let transcript = ep.front.transcript.as_ref().and_then(|tname| {
        transcript(
            ep,
            tname,
            generated_vtt.filter(|_| tname == &format!("{stem}.vtt")),
            duration,
            cache,
            &mut files,
            diags,
        )
    });
    let bytes = fs::metadata(&source).map(|m| m.len()).unwrap_or(0);
    Some(Prepared {
        track: AudioTrack {
            url: format!("/media/{}/{name}", ep.id),
            mime: "audio/mpeg".into(),
            bytes,
            duration,
            chapters,
            transcript,
        },
        files,
    })
}

/// The transcript the front matter names: the episode folder's own WebVTT file, else the one a
/// generated summary brought under the audio's stem (`generated`). It is checked against the
/// audio's `duration`, and its JSON form is written into `cache`; both are added to `files`.
fn transcript(
    ep: &EpisodeFile,
    name: &str,
    generated: Option<PathBuf>,
    duration: f64,
    cache: &Path,
    files: &mut Vec<(PathBuf, String)>,
    diags: &mut Diagnostics,
) -> Option<Transcript> {
    let line = field_line(ep, "transcript");
    if !name.ends_with(".vtt") || name.len() == 4 || name.contains(['/', '\\']) {
        diags.error(
            &ep.path,
            line,
            format!("transcript `{name}` is not a WebVTT file in the episode folder"),
            "name a `.vtt` file next to the article, e.g. `transcript = \"nl.vtt\"`",
        );
        return None;
    }
    let own = ep.dir.join(name);
    let Some(path) = Some(own).filter(|p| p.is_file()).or(generated) else {
        diags.error(
            &ep.path,
            line,
            format!("transcript file `{name}` does not exist"),
            format!("add it to {}, or remove `transcript`", ep.dir.display()),
        );
        return None;
    };
    let text = fs::read_to_string(&path).unwrap_or_default();
    let before = diags.len();
    let cues = vtt::parse(&text, &path, duration, diags);
    if diags.len() > before {
        return None;
    }
    let json_name = vtt::json_name(name);
    let json = cache.join(&ep.id).join(&json_name);
    if let Err(e) = write_whole(&json, &vtt::json(&cues)) {
        diags.error(
            &path,
            1,
            format!("the JSON transcript could not be written: {e}"),
            "check that the build's cache folder is writable",
        );
        return None;
    }
    files.push((path, name.to_string()));
    files.push((json, json_name.clone()));
    Some(Transcript {
        vtt: format!("/media/{}/{name}", ep.id),
        json: format!("/media/{}/{json_name}", ep.id),
        cues,
    })
}

/// Writes `text` to `path` through a private temporary file, so that builds running at once
/// never see a half-written file.
fn write_whole(path: &Path, text: &str) -> std::io::Result<()> {
    if fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(());
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let tmp = path.with_extension(format!(
        "{}-{:?}.tmp",
        std::process::id(),
        std::thread::current().id()
    ));
    fs::write(&tmp, text)?;
    fs::rename(&tmp, path)
}

/// Listening time shown on cards and the article: whole minutes, at least one.
pub fn minutes(duration: f64) -> u32 {
    ((duration / 60.0).round() as u32).max(1)
}
