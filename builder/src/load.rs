//! Stage 1: read `content/` into plain data, keeping the file and line of everything so later
//! stages can point at it. Only syntax is checked here; meaning is checked in `validate`.

use crate::diagnostics::{Diagnostics, LineIndex};
use loopje::model::{Lang, Strength, Verdict};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub number: u32,
    pub title: String,
    pub slug: String,
    pub date: toml::value::Datetime,
    pub summary: String,
    /// Only for episodes without `audio`; otherwise measured from the file.
    pub listening_minutes: Option<u32>,
    #[serde(default)]
    pub topics: Vec<String>,
    #[serde(default)]
    pub related: Vec<String>,
    #[serde(default)]
    pub mental_health: bool,
    pub audio: Option<String>,
    pub chapters: Option<String>,
    pub transcript: Option<String>,
    /// The season the episode belongs to; else `[podcast] season` in site.toml.
    pub season: Option<u32>,
    /// People heard in the episode (host, guests), for `podcast:person` in the feed.
    #[serde(default)]
    pub people: Vec<Person>,
}

/// Someone heard in an episode (Podcasting 2.0 `podcast:person`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub name: String,
    /// A role of the Podcast Taxonomy Project, e.g. `host` or `guest`; the namespace assumes
    /// `host` when it is left out.
    pub role: Option<String>,
    /// A page about the person.
    pub href: Option<String>,
}

#[derive(Debug)]
pub struct EpisodeFile {
    /// The episode's stable id: its folder name without the leading number.
    pub id: String,
    pub dir: PathBuf,
    pub path: PathBuf,
    pub lang: Lang,
    pub front: FrontMatter,
    pub body: String,
    /// The whole file, to point at front matter fields.
    pub text: String,
    /// Line of `path` on which `body` starts.
    pub body_line: usize,
    /// Lines of `text`.
    pub lines: LineIndex,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub authors: String,
    pub title: String,
    pub container: String,
    pub year: u32,
    pub details: Option<String>,
    pub doi: Option<String>,
    pub pmid: Option<String>,
    pub isbn: Option<String>,
    pub url: Option<String>,
    pub note: Option<BTreeMap<String, String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuizFile {
    pub title: String,
    pub episode: toml::Spanned<String>,
    #[serde(rename = "question", default)]
    pub questions: Vec<QuestionFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionFile {
    pub id: toml::Spanned<String>,
    pub statement: toml::Spanned<String>,
    pub verdict: toml::Spanned<Verdict>,
    pub explanation: toml::Spanned<String>,
    pub strength: toml::Spanned<Strength>,
    pub strength_reason: toml::Spanned<String>,
    pub sources: toml::Spanned<Vec<String>>,
    pub episode: Option<toml::Spanned<String>>,
    /// The question concerns mental health: the help lines follow its feedback and the
    /// quiz's result.
    #[serde(default)]
    pub mental_health: bool,
    /// The id of a question (in another quiz) whose statement this one negates.
    pub negation_of: Option<toml::Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IntensityFile {
    pub caution: toml::Spanned<String>,
    pub guideline: toml::Spanned<String>,
    pub mixed: toml::Spanned<String>,
    pub light: LevelFile,
    pub moderate: LevelFile,
    pub vigorous: LevelFile,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelFile {
    pub meaning: toml::Spanned<String>,
    pub evidence: toml::Spanned<String>,
}

/// A parsed TOML file with its text, to turn spans into lines.
#[derive(Debug)]
pub struct Loaded<T> {
    pub path: PathBuf,
    pub text: String,
    pub lines: LineIndex,
    pub data: T,
}

pub type LoadedQuiz = Loaded<QuizFile>;

impl<T> Loaded<T> {
    pub fn line<S>(&self, spanned: &toml::Spanned<S>) -> usize {
        self.lines.line(spanned.span().start)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// Absolute origin the site is published under, for canonical and Open Graph URLs.
    pub url: String,
    /// Words that mean a text concerns mental health: a page or quiz question that uses one
    /// must show the help lines. Each matches the start of a word, case and accents aside.
    pub mental_health_terms: Vec<String>,
    /// What the podcast feeds say about the show (`/nl/feed.xml`, `/en/feed.xml`).
    pub podcast: PodcastConfig,
}

impl SiteConfig {
    /// The configured origin without a trailing slash, to put paths after.
    pub fn base_url(&self) -> String {
        self.url.trim_end_matches('/').to_string()
    }
}

/// `[podcast]` in site.toml: the show as podcast apps and directories list it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PodcastConfig {
    /// `itunes:author`: who makes the show. Left out of the feed when not set.
    pub author: Option<toml::Spanned<String>>,
    /// `itunes:category`, primary first (Apple reads only the first): each
    /// `["Category"]` or `["Category", "Subcategory"]`.
    pub categories: toml::Spanned<Vec<toml::Spanned<Vec<String>>>>,
    /// `itunes:explicit`.
    pub explicit: bool,
    /// `itunes:type`.
    #[serde(rename = "type")]
    pub show_type: ShowType,
    /// `podcast:locked`: other hosting platforms may not import the feed.
    pub locked: bool,
    /// `itunes:season` and `podcast:season` of episodes that do not set their own.
    pub season: Option<toml::Spanned<u32>>,
    /// `itunes:owner` (and `podcast:locked`'s owner): left out when not set.
    pub owner: Option<Owner>,
    pub nl: ShowText,
    pub en: ShowText,
}

impl PodcastConfig {
    pub fn text(&self, lang: Lang) -> &ShowText {
        match lang {
            Lang::Nl => &self.nl,
            Lang::En => &self.en,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ShowType {
    Episodic,
    Serial,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Owner {
    pub name: toml::Spanned<String>,
    pub email: toml::Spanned<String>,
}

/// The show's title and description in one language.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShowText {
    pub title: toml::Spanned<String>,
    pub description: toml::Spanned<String>,
}

#[derive(Debug, Default)]
pub struct Content {
    pub config: Option<SiteConfig>,
    /// `content/site.toml` and its text, to point at a setting's line.
    pub site_file: (PathBuf, String),
    pub sources: BTreeMap<String, Source>,
    /// `content/sources.toml` and its text, to point at an entry's line.
    pub sources_file: (PathBuf, String),
    pub helplines: BTreeMap<Lang, (PathBuf, String)>,
    pub episodes: Vec<EpisodeFile>,
    /// Episode folders, to report a missing translation against.
    pub episode_dirs: Vec<(String, PathBuf)>,
    /// Quiz files present, as (quiz id, language), parsed or not.
    pub quiz_files: BTreeMap<(String, Lang), PathBuf>,
    /// Quiz files that parsed.
    pub quizzes: BTreeMap<(String, Lang), LoadedQuiz>,
    /// Texts of the intensity self-test, per language.
    pub intensity: BTreeMap<Lang, Loaded<IntensityFile>>,
}

pub fn load(root: &Path, diags: &mut Diagnostics) -> Content {
    let sources_path = root.join("sources.toml");
    let (sources, sources_text) = read_toml(&sources_path, diags)
        .map(|l| (l.data, l.text))
        .unwrap_or_default();
    let site_path = root.join("site.toml");
    let (config, site_text) = match read_toml(&site_path, diags) {
        Some(l) => (Some(l.data), l.text),
        None => (None, String::new()),
    };
    let mut content = Content {
        config,
        site_file: (site_path, site_text),
        sources,
        sources_file: (sources_path, sources_text),
        ..Default::default()
    };
    for lang in Lang::ALL {
        let path = root.join("helplines").join(format!("{}.md", lang.code()));
        if path.exists() {
            if let Some(text) = read_text(&path, diags) {
                content.helplines.insert(lang, (path, text));
            }
        }
    }
    for dir in sorted_entries(&root.join("episodes")) {
        if !dir.is_dir() {
            continue;
        }
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        let Some(id) = episode_id(&name) else {
            diags.error(
                &dir,
                1,
                format!("episode folder `{name}` has no number prefix"),
                "name episode folders `<nn>-<id>`, e.g. `03-smog`",
            );
            continue;
        };
        content.episode_dirs.push((id.clone(), dir.clone()));
        for lang in Lang::ALL {
            let path = dir.join(format!("{}.md", lang.code()));
            // A missing translation is reported by `validate::front_matter`.
            if !path.exists() {
                continue;
            }
            let Some(text) = read_text(&path, diags) else {
                continue;
            };
            if let Some(ep) = parse_episode(&id, &dir, &path, lang, &text, diags) {
                content.episodes.push(ep);
            }
        }
    }
    for lang in Lang::ALL {
        let path = root.join("intensity").join(format!("{}.toml", lang.code()));
        if path.exists() {
            if let Some(loaded) = read_toml::<IntensityFile>(&path, diags) {
                content.intensity.insert(lang, loaded);
            }
        }
    }
    for file in sorted_entries(&root.join("quizzes")) {
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        let parts: Vec<&str> = name.rsplitn(3, '.').collect();
        match parts.as_slice() {
            ["toml", lang, id] if Lang::from_code(lang).is_some() => {
                let key = (id.to_string(), Lang::from_code(lang).unwrap());
                content.quiz_files.insert(key.clone(), file.clone());
                if let Some(loaded) = read_toml::<QuizFile>(&file, diags) {
                    content.quizzes.insert(key, loaded);
                }
            }
            _ => diags.error(
                &file,
                1,
                format!("`{name}` is not a quiz file name"),
                "name quiz files `<id>.nl.toml` and `<id>.en.toml`",
            ),
        }
    }
    content
}

/// `01-hoofd` → `hoofd`.
pub fn episode_id(folder: &str) -> Option<String> {
    let (num, id) = folder.split_once('-')?;
    (!num.is_empty() && num.chars().all(|c| c.is_ascii_digit()) && !id.is_empty())
        .then(|| id.to_string())
}

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    out.sort();
    out
}

/// Reads a file of `content/` as an editor wrote it: the one way every content file is read.
/// A UTF-8 byte-order mark is dropped and CRLF or a lone CR becomes LF, so lines are counted
/// as the author's editor shows them; a file that cannot be read, is not UTF-8 or is empty is
/// reported (with the line and column of the first byte that is not UTF-8), never skipped.
pub fn read_text(path: &Path, diags: &mut Diagnostics) -> Option<String> {
    match fs::read(path) {
        Ok(bytes) => decode(path, &bytes, diags),
        Err(e) => {
            diags.error(
                path,
                1,
                format!("cannot read: {e}"),
                "create the file (see content/README.md)",
            );
            None
        }
    }
}

/// The text of `bytes`, read from `path`, as [`read_text`] reads it.
pub fn decode(path: &Path, bytes: &[u8], diags: &mut Diagnostics) -> Option<String> {
    let text = match String::from_utf8(normalise(bytes)) {
        Ok(text) => text,
        Err(e) => {
            let bytes = e.as_bytes();
            let at = e.utf8_error().valid_up_to();
            diags.error_at(
                path,
                LineIndex::new(bytes).line_column(bytes, at),
                "not UTF-8",
                "save the file as UTF-8",
            );
            return None;
        }
    };
    if text.trim().is_empty() {
        diags.error(
            path,
            1,
            "the file is empty",
            "write its content (see content/README.md), or delete the file",
        );
        return None;
    }
    Some(text)
}

/// Without a byte-order mark, with `\n` for every line ending (`\r\n`, `\r` or `\n`).
fn normalise(bytes: &[u8]) -> Vec<u8> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut out = Vec::with_capacity(bytes.len());
    let mut rest = bytes.iter().peekable();
    while let Some(&b) = rest.next() {
        if b == b'\r' {
            rest.next_if_eq(&&b'\n');
            out.push(b'\n');
        } else {
            out.push(b);
        }
    }
    out
}

fn read_toml<T: serde::de::DeserializeOwned>(
    path: &Path,
    diags: &mut Diagnostics,
) -> Option<Loaded<T>> {
    let text = read_text(path, diags)?;
    let lines = LineIndex::new(text.as_bytes());
    match toml::from_str(&text) {
        Ok(data) => Some(Loaded {
            path: path.to_path_buf(),
            text,
            lines,
            data,
        }),
        Err(e) => {
            let line = e.span().map(|s| lines.line(s.start)).unwrap_or(1);
            diags.error(
                path,
                line,
                toml_message(&e),
                "fix the TOML (see content/README.md)",
            );
            None
        }
    }
}

fn toml_message(e: &toml::de::Error) -> String {
    e.message().trim().replace('\n', " ")
}

/// An episode's file (`<folder>/<lang>.md`) from its bytes, as [`load`] reads it.
pub fn episode_from_bytes(
    id: &str,
    dir: &Path,
    lang: Lang,
    bytes: &[u8],
    diags: &mut Diagnostics,
) -> Option<EpisodeFile> {
    let path = dir.join(format!("{}.md", lang.code()));
    let text = decode(&path, bytes, diags)?;
    parse_episode(id, dir, &path, lang, &text, diags)
}

fn parse_episode(
    id: &str,
    dir: &Path,
    path: &Path,
    lang: Lang,
    text: &str,
    diags: &mut Diagnostics,
) -> Option<EpisodeFile> {
    let Some(rest) = text.strip_prefix("+++\n") else {
        diags.error(
            path,
            1,
            "the file does not start with TOML front matter",
            "start with a line `+++`, the front matter, and another line `+++`",
        );
        return None;
    };
    let Some(end) = rest
        .find("\n+++\n")
        .map(|i| i + 1)
        .or_else(|| rest.ends_with("\n+++").then(|| rest.len() - 3))
    else {
        diags.error(
            path,
            1,
            "the front matter is not closed",
            "end it with a line `+++`",
        );
        return None;
    };
    let front_text = &rest[..end];
    let body = rest.get(end + 4..).unwrap_or("");
    let lines = LineIndex::new(text.as_bytes());
    let body_line = lines.line(4 + end + 4);
    match toml::from_str::<FrontMatter>(front_text) {
        Ok(front) => Some(EpisodeFile {
            id: id.to_string(),
            dir: dir.to_path_buf(),
            path: path.to_path_buf(),
            lang,
            front,
            body: body.to_string(),
            text: text.to_string(),
            body_line,
            lines,
        }),
        Err(e) => {
            // +1: the opening `+++` line.
            // Front matter starts after the opening `+++\n`.
            let line = e.span().map(|s| lines.line(4 + s.start)).unwrap_or(1);
            diags.error(
                path,
                line,
                format!("bad front matter: {}", toml_message(&e)),
                "see the front matter fields in content/README.md",
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        assert_eq!(episode_id("01-hoofd").as_deref(), Some("hoofd"));
        assert_eq!(episode_id("12-city-smog").as_deref(), Some("city-smog"));
        assert_eq!(episode_id("hoofd"), None);
        assert_eq!(episode_id("x1-a"), None);
    }

    #[test]
    fn front_matter_and_body_line() {
        let mut d = Diagnostics::default();
        let text = "+++\nnumber = 1\ntitle = \"T\"\nslug = \"t\"\ndate = 2026-01-01\nsummary = \"S\"\nlistening_minutes = 3\n+++\n\nHello\n";
        let ep = parse_episode(
            "t",
            Path::new("x"),
            Path::new("x/nl.md"),
            Lang::Nl,
            text,
            &mut d,
        )
        .unwrap();
        assert!(d.is_empty());
        assert_eq!(ep.body_line, 9);
        assert_eq!(ep.body.trim(), "Hello");
        assert_eq!(ep.front.number, 1);
    }

    #[test]
    fn line_endings_and_byte_order_mark_are_normalised() {
        assert_eq!(
            normalise(b"\xEF\xBB\xBFa\r\nb\rc\n\r\nd\r"),
            b"a\nb\nc\n\nd\n"
        );
        assert_eq!(normalise("é\r\n".as_bytes()), "é\n".as_bytes());
        assert_eq!(normalise(b""), b"");
    }

    #[test]
    fn front_matter_error_has_line() {
        let mut d = Diagnostics::default();
        let text = "+++\nnumber = 1\ntitle = 3\n+++\n";
        assert!(parse_episode(
            "t",
            Path::new("x"),
            Path::new("x/nl.md"),
            Lang::Nl,
            text,
            &mut d
        )
        .is_none());
        let e = &d.into_sorted()[0];
        assert_eq!(e.line, 3, "{e}");
    }
}
