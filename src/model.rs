//! Plain data shared by the builder (which produces it) and the app (which displays it).
//! Everything here is serialisable: the builder embeds the current page as JSON and writes
//! one `page.json` per route for client-side navigation.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Nl,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Nl, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Nl => Lang::En,
            Lang::En => Lang::Nl,
        }
    }

    /// The language a path belongs to, by its first segment; Dutch when it has none.
    pub fn of_path(path: &str) -> Lang {
        path.trim_start_matches('/')
            .split('/')
            .next()
            .and_then(Lang::from_code)
            .unwrap_or(Lang::Nl)
    }

    pub fn home_path(self) -> String {
        format!("/{}/", self.code())
    }

    /// The URL segment under which episodes live in this language.
    pub fn episodes_segment(self) -> &'static str {
        match self {
            Lang::Nl => "afleveringen",
            Lang::En => "episodes",
        }
    }

    pub fn episode_path(self, slug: &str) -> String {
        format!("/{}/{}/{}/", self.code(), self.episodes_segment(), slug)
    }
}

/// The page listing the season's quizzes.
pub fn quizzes_path(lang: Lang) -> String {
    format!("/{}/quiz/", lang.code())
}

/// A quiz's own page; the season quiz has a name per language.
pub fn quiz_path(lang: Lang, id: &str) -> String {
    let segment = match (id, lang) {
        (SEASON_QUIZ, Lang::Nl) => "seizoen",
        (SEASON_QUIZ, Lang::En) => "season",
        (id, _) => id,
    };
    format!("/{}/quiz/{segment}/", lang.code())
}

/// The intensity self-test's own page.
pub fn intensity_path(lang: Lang) -> String {
    match lang {
        Lang::Nl => "/nl/intensiteitstest/".to_string(),
        Lang::En => "/en/intensity-test/".to_string(),
    }
}

/// Id of the quiz that holds every question of the season.
pub const SEASON_QUIZ: &str = "season";

/// One route of the site with everything needed to render it identically on both sides.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Page {
    pub lang: Lang,
    pub path: String,
    /// The same page in the other language (the language switch goes here).
    pub alternate: String,
    /// The document title.
    pub title: String,
    pub description: String,
    pub content: PageContent,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PageContent {
    Home {
        episodes: Vec<EpisodeCard>,
    },
    Episode(Box<Article>),
    /// One quiz on its own page (an episode's, or the whole season's).
    Quiz(Box<Quiz>),
    /// The list of the season's quizzes.
    Quizzes {
        quizzes: Vec<QuizCard>,
    },
    /// The intensity self-test and weekly log on their own page.
    IntensityTest(Box<IntensityGuide>),
    NotFound,
}

/// An episode as listed on the home page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EpisodeCard {
    pub number: u32,
    pub title: String,
    pub path: String,
    /// ISO date, `YYYY-MM-DD`.
    pub date: String,
    pub summary: String,
    pub listening_minutes: u32,
    pub reading_minutes: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EpisodeLink {
    pub number: u32,
    pub title: String,
    pub path: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Stable episode id (the content folder name without its number), e.g. `hoofd`.
    pub id: String,
    pub number: u32,
    pub title: String,
    pub date: String,
    pub summary: String,
    pub listening_minutes: u32,
    pub reading_minutes: u32,
    pub topics: Vec<String>,
    pub toc: Vec<TocEntry>,
    pub body: Vec<Block>,
    /// The sources the article cites, numbered in order of first citation.
    pub sources: Vec<SourceEntry>,
    pub helplines_html: Option<String>,
    pub audio: Option<AudioTrack>,
    pub prev: Option<EpisodeLink>,
    pub next: Option<EpisodeLink>,
    pub related: Vec<EpisodeLink>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// The article body: sanitised HTML, interrupted by interactive widgets where a directive stood.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    Html { html: String },
    Widget { widget: Widget },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "name", rename_all = "kebab-case")]
pub enum Widget {
    /// `quiz` is filled in by the builder once every quiz file is loaded.
    Quiz {
        id: String,
        #[serde(default)]
        quiz: Option<Box<Quiz>>,
    },
    /// `guide` is filled in by the builder from `content/intensity/<lang>.toml`.
    IntensityTest {
        #[serde(default)]
        guide: Option<Box<IntensityGuide>>,
    },
}

/// The texts around the intensity self-test, rendered from content.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IntensityGuide {
    /// The test's own page.
    pub path: String,
    pub caution_html: String,
    pub guideline_html: String,
    pub mixed_html: String,
    pub light: LevelGuide,
    pub moderate: LevelGuide,
    pub vigorous: LevelGuide,
    /// What the texts cite, numbered in order of first citation (anchors `int-src-<key>`).
    pub sources: Vec<SourceEntry>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LevelGuide {
    pub meaning_html: String,
    pub evidence_html: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Myth,
    Fact,
    Complicated,
}

impl Verdict {
    pub const ALL: [Verdict; 3] = [Verdict::Myth, Verdict::Fact, Verdict::Complicated];
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Strength {
    Strong,
    Moderate,
    Weak,
    Mixed,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quiz {
    /// Stable id: the quiz file name (`hoofd`), or `season` for all questions together.
    pub id: String,
    pub title: String,
    /// The quiz's own page.
    pub path: String,
    pub questions: Vec<Question>,
    /// Help lines shown with the result when a question concerns mental health.
    pub helplines_html: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub id: String,
    pub statement: String,
    pub verdict: Verdict,
    pub explanation: String,
    pub strength: Strength,
    pub strength_reason: String,
    pub sources: Vec<SourceLink>,
    pub episode: EpisodeLink,
}

/// A short citation (`Pearce 2022`) linking to the source.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SourceLink {
    pub key: String,
    pub label: String,
    pub href: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuizCard {
    pub id: String,
    pub title: String,
    pub path: String,
    pub questions: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SourceEntry {
    pub key: String,
    /// The reference formatted as sanitised HTML (authors, title, container, year, DOI link).
    pub html: String,
}

/// An episode's audio: what the player shows before the file has loaded.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AudioTrack {
    pub url: String,
    /// MIME type, e.g. `audio/mpeg`.
    pub mime: String,
    pub bytes: u64,
    /// Seconds, measured from the file at build time.
    pub duration: f64,
    pub chapters: Vec<Chapter>,
}

/// One chapter (Podcasting 2.0 JSON chapters), start in seconds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Chapter {
    pub start: f64,
    pub title: String,
    /// A page about the chapter, e.g. the article's section.
    pub url: Option<String>,
    /// `false` hides the chapter from the chapter list (the format's `toc`).
    pub toc: bool,
}
