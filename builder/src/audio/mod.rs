//! Stage 1b: each episode's audio. Resolves the file the front matter names (a recording in the
//! episode folder, or else a spoken summary generated from `<stem>.speech.md`), measures its
//! length from the file, and reads and checks its chapters.

pub mod chapters;
pub mod probe;
pub mod speech;

use crate::diagnostics::Diagnostics;
use crate::load::{Content, EpisodeFile};
use crate::validate::field_line;
use loopje::model::{AudioTrack, Lang};
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

/// An episode's audio, ready for the page and for copying into the site.
#[derive(Clone, Debug)]
pub struct Prepared {
    pub track: AudioTrack,
    /// (file to copy, its name under `media/<episode>/`) for the audio and its chapters.
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
    let mut generated_chapters = None;
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
    let bytes = fs::metadata(&source).map(|m| m.len()).unwrap_or(0);
    Some(Prepared {
        track: AudioTrack {
            url: format!("/media/{}/{name}", ep.id),
            mime: "audio/mpeg".into(),
            bytes,
            duration,
            chapters,
        },
        files,
    })
}

/// Listening time shown on cards and the article: whole minutes, at least one.
pub fn minutes(duration: f64) -> u32 {
    ((duration / 60.0).round() as u32).max(1)
}
