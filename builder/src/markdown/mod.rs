//! Stage 2: render one article's Markdown, in one pass of one [`Renderer`], into everything the
//! site derives from it: sanitised HTML blocks and widgets, the table of contents, citations and
//! footnotes, every reference that `validate` must check, and the plain text of each section
//! for the search index. All pulldown-cmark options live here, so every article is rendered
//! the same way.
//!
//! By concern: `events` (parsing, once), `renderer` (blocks and headings), `inline` (citations,
//! timestamps, links, images, footnote references), `directives` (`{{…}}`), `footnotes`,
//! `text` (section text for search), `sanitise` (ammonia).

mod directives;
mod events;
mod footnotes;
mod inline;
mod renderer;
mod sanitise;
mod text;

use crate::diagnostics::Diagnostics;
use loopje::model::{AudioTrack, Block, Lang, TocEntry};
use pulldown_cmark::Options;
use renderer::Renderer;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

pub use sanitise::sanitize;
pub use text::Section;

/// Where a rendered article refers to: checked by `validate` once every file is loaded.
#[derive(Debug, Default, PartialEq)]
pub struct References {
    /// Source keys in order of first citation, with the line of each citation.
    pub citations: Vec<(String, usize)>,
    /// `ep:<id>[#anchor]` links: (episode id, anchor, line).
    pub episode_links: Vec<(String, Option<String>, usize)>,
    /// `#anchor` links within the page.
    pub anchor_links: Vec<(String, usize)>,
    /// `/…` links to routes of the site.
    pub site_links: Vec<(String, usize)>,
    pub quizzes: Vec<(String, usize)>,
    /// Lines of `{{intensity-test}}` directives.
    pub intensity_tests: Vec<usize>,
    /// Image files relative to the episode folder.
    pub images: Vec<(String, usize)>,
    pub timestamps: Vec<(u32, usize)>,
}

#[derive(Debug, Default)]
pub struct Rendered {
    pub blocks: Vec<Block>,
    pub toc: Vec<TocEntry>,
    /// Ids that `#anchor` links may point at.
    pub anchors: HashSet<String>,
    pub words: usize,
    pub refs: References,
    /// The plain text of each section, for the search index.
    pub sections: Vec<Section>,
}

impl Rendered {
    /// The HTML blocks joined, for texts that hold no widgets (help lines, the intensity texts).
    pub fn html(&self) -> String {
        self.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Html { html } => Some(html.as_str()),
                Block::Widget { .. } => None,
            })
            .collect()
    }
}

/// What the renderer needs to know about the article's place in the site.
pub struct Context<'a> {
    pub file: &'a Path,
    /// Line of the file on which the Markdown starts.
    pub first_line: usize,
    pub lang: Lang,
    pub episode_id: &'a str,
    /// Resolves an episode id to its path in this language.
    pub episode_path: &'a dyn Fn(&str) -> Option<String>,
    /// The episode's audio, for timestamp links.
    pub audio: Option<&'a AudioTrack>,
    /// Prefix of the anchors citations link to (`src-` in articles).
    pub cite_prefix: &'a str,
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_STRIKETHROUGH
}

/// Reading speed for the computed reading time (words per minute, for screen reading).
pub const WORDS_PER_MINUTE: usize = 200;

pub fn reading_minutes(words: usize) -> u32 {
    words.div_ceil(WORDS_PER_MINUTE).max(1) as u32
}

/// Lower-case heading id without accents (folded as the search folds words:
/// [`loopje::search::fold`]), words joined by hyphens.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().map(loopje::search::fold) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if (c.is_whitespace() || c == '-') && !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// `12:30` → 750, `1:02:03` → 3723.
pub fn parse_timestamp(s: &str) -> Option<u32> {
    let parts: Vec<&str> = s.split(':').collect();
    if !(2..=3).contains(&parts.len())
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let nums: Vec<u32> = parts
        .iter()
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    if nums[1..].iter().any(|&n| n >= 60) || parts[1..].iter().any(|p| p.len() != 2) {
        return None;
    }
    Some(nums.iter().fold(0, |acc, n| acc * 60 + n))
}

fn count_words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

pub fn render(markdown: &str, cx: &Context, diags: &mut Diagnostics) -> Rendered {
    render_numbered(markdown, cx, &mut BTreeMap::new(), diags)
}

/// Like [`render`], continuing the citation numbering in `cite_numbers` (for texts rendered
/// in several pieces that share one sources list).
pub fn render_numbered(
    markdown: &str,
    cx: &Context,
    cite_numbers: &mut BTreeMap<String, usize>,
    diags: &mut Diagnostics,
) -> Rendered {
    Renderer::new(markdown, cx, cite_numbers, diags).run()
}

#[cfg(test)]
mod tests;
