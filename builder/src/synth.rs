//! A synthetic season for benchmarks (`loopje-builder synth`): the real content, and as many
//! more episodes as asked, each a renumbered copy of a real one in both languages (about 1,000 to
//! 1,400 words with headings, footnotes, tables, citations and its own quiz). Copies carry no
//! audio (their listening time is set instead), so generating them needs no speech synthesis.

use anyhow::{bail, Context};
use std::fs;
use std::path::Path;

fn copy_dir(from: &Path, to: &Path) -> anyhow::Result<()> {
    fs::create_dir_all(to).with_context(|| format!("creating {}", to.display()))?;
    for entry in fs::read_dir(from).with_context(|| format!("reading {}", from.display()))? {
        let entry = entry.with_context(|| format!("reading {}", from.display()))?;
        let dest = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &dest)?;
        } else {
            fs::copy(entry.path(), &dest).with_context(|| format!("writing {}", dest.display()))?;
        }
    }
    Ok(())
}

/// Removes `[12:30]`-style timestamps (a copy has no audio to point into).
fn without_timestamps(text: &str) -> String {
    text.lines()
        .filter(|l| !(l.starts_with('*') && l.ends_with("]*") && l.contains(": [")))
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// The front matter of copy `k` of an episode, as episode `number`.
fn front(text: &str, number: usize, k: usize) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let field = line.split('=').next().unwrap_or("").trim();
        let value = line.split_once('=').map(|(_, v)| v.trim()).unwrap_or("");
        match field {
            "number" => out.push_str(&format!("number = {number}\n")),
            "title" => out.push_str(&format!("title = \"{} ({k})\"\n", value.trim_matches('"'))),
            "slug" => out.push_str(&format!("slug = \"{}-{k}\"\n", value.trim_matches('"'))),
            "audio" | "chapters" | "transcript" => {}
            "date" => {
                // A later year for each round of copies keeps dates plausible and valid.
                let year: usize = value[..4].parse().unwrap_or(2026);
                out.push_str(&format!("date = {}{}\n", year + k, &value[4..]));
                out.push_str("listening_minutes = 30\n");
            }
            _ => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

/// Writes a season of `episodes` (at least the real ones) into `out`, from the real `content`.
pub fn season(content: &Path, episodes: usize, out: &Path) -> anyhow::Result<()> {
    if out.exists() {
        fs::remove_dir_all(out).with_context(|| format!("removing {}", out.display()))?;
    }
    copy_dir(content, out)?;
    let episodes_dir = content.join("episodes");
    let mut real: Vec<(String, String)> = fs::read_dir(&episodes_dir)
        .with_context(|| format!("reading {}", episodes_dir.display()))?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .filter_map(|e| {
            let folder = e.file_name().to_string_lossy().to_string();
            crate::load::episode_id(&folder).map(|id| (folder, id))
        })
        .collect();
    real.sort();
    if real.is_empty() {
        bail!("{}: no episodes to copy", episodes_dir.display());
    }
    for i in real.len()..episodes {
        let (folder, id) = &real[i % real.len()];
        let k = i / real.len();
        let new_id = format!("{id}-{k}");
        let dir = out.join("episodes").join(format!("{:04}-{new_id}", i + 1));
        fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        for lang in ["nl", "en"] {
            let file = episodes_dir.join(folder).join(format!("{lang}.md"));
            let text =
                fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))?;
            let front_matter = || format!("{}: no front matter", file.display());
            let rest = text.strip_prefix("+++\n").with_context(front_matter)?;
            let (fm, body) = rest.split_once("\n+++\n").with_context(front_matter)?;
            let body = without_timestamps(body).replace(
                &format!("{{{{quiz {id}}}}}"),
                &format!("{{{{quiz {new_id}}}}}"),
            );
            let copy = dir.join(format!("{lang}.md"));
            fs::write(&copy, format!("+++\n{}+++\n{body}", front(fm, i + 1, k)))
                .with_context(|| format!("writing {}", copy.display()))?;
            let quiz = content.join("quizzes").join(format!("{id}.{lang}.toml"));
            if let Ok(q) = fs::read_to_string(&quiz) {
                let q = q.replacen(
                    &format!("episode = \"{id}\""),
                    &format!("episode = \"{new_id}\""),
                    1,
                );
                let copy = out.join("quizzes").join(format!("{new_id}.{lang}.toml"));
                fs::write(&copy, q).with_context(|| format!("writing {}", copy.display()))?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline;

    #[test]
    fn a_larger_season_is_valid_content() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let out = std::env::temp_dir().join(format!("loopje-synth-{}", std::process::id()));
        season(&root.join("content"), 14, &out).unwrap();
        let options = pipeline::Options {
            cache: root.join("target/loopje-cache"),
        };
        let site = pipeline::build(&out, &options).unwrap_or_else(|e| panic!("{e:#?}"));
        let episodes = site
            .pages
            .iter()
            .filter(|p| matches!(p.content, loopje::model::PageContent::Episode(_)))
            .count();
        assert_eq!(episodes, 28, "14 episodes in two languages");
        assert!(site
            .pages
            .iter()
            .any(|p| p.path == "/nl/afleveringen/hoofd-op-orde-1/"));
        assert!(site.pages.iter().any(|p| p.path == "/en/quiz/smog-1/"));
        fs::remove_dir_all(out).unwrap();
    }
}
