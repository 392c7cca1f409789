//! The show as podcast apps and directories see it: `[podcast]` in site.toml and the episodes'
//! `season` and `people`, checked (Apple refuses a feed without a title, description, category
//! or explicit flag) and gathered into plain data for the feed (`feeds::rss`).
//!
//! Requirements as written in Apple's "A Podcaster's Guide to RSS" (the podcast namespace
//! keeps an archived copy as `itunes_reference.md`) and the Podcasting 2.0 namespace's tag
//! pages (`docs/tags/*.md` in Podcastindex-org/podcast-namespace).

use crate::diagnostics::{Diagnostics, LineIndex};
use crate::load::{Content, PodcastConfig, ShowType};
use crate::validate::field_line;
use loopje::model::Lang;
use std::collections::HashMap;
use uuid::Uuid;

/// The "podcast" namespace UUID of `podcast:guid`.
const GUID_NAMESPACE: Uuid = uuid::uuid!("ead4c236-bf58-58c6-a2c6-a6b28d128cb6");

/// `podcast:guid`: a UUIDv5 of the feed URL with its scheme and trailing slashes stripped. It
/// must never change once published, so it is derived from the configured URL.
pub fn guid(feed_url: &str) -> String {
    let name = feed_url
        .split_once("://")
        .map_or(feed_url, |(_, rest)| rest)
        .trim_end_matches('/');
    Uuid::new_v5(&GUID_NAMESPACE, name.as_bytes()).to_string()
}

/// Apple Podcasts' top-level categories (podcasters.apple.com/support/1691). Subcategories
/// are not checked: lists of them differ between copies.
pub const APPLE_CATEGORIES: [&str; 19] = [
    "Arts",
    "Business",
    "Comedy",
    "Education",
    "Fiction",
    "Government",
    "Health & Fitness",
    "History",
    "Kids & Family",
    "Leisure",
    "Music",
    "News",
    "Religion & Spirituality",
    "Science",
    "Society & Culture",
    "Sports",
    "Technology",
    "True Crime",
    "TV & Film",
];

/// Everything the feeds say about the show and its episodes beyond the pages.
#[derive(Clone, Debug, Default)]
pub struct Podcast {
    pub shows: HashMap<Lang, Show>,
    /// Per (episode id, language).
    pub episodes: HashMap<(String, Lang), EpisodeExtras>,
}

/// The channel of one language's feed.
#[derive(Clone, Debug)]
pub struct Show {
    pub title: String,
    pub description: String,
    pub author: Option<String>,
    /// Each `[category]` or `[category, subcategory]`, primary first.
    pub categories: Vec<Vec<String>>,
    pub explicit: bool,
    pub show_type: &'static str,
    pub locked: bool,
    /// (name, e-mail)
    pub owner: Option<(String, String)>,
}

#[derive(Clone, Debug, Default)]
pub struct EpisodeExtras {
    pub season: Option<u32>,
    pub people: Vec<Person>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Person {
    pub name: String,
    pub role: Option<String>,
    pub href: Option<String>,
}

/// Gathers the show and the episodes' extras; empty without a site.toml (already reported).
pub fn podcast(content: &Content) -> Podcast {
    let Some(config) = content.config.as_ref() else {
        return Podcast::default();
    };
    let c = &config.podcast;
    let shows = Lang::ALL
        .into_iter()
        .map(|lang| (lang, show(c, lang)))
        .collect();
    let episodes = content
        .episodes
        .iter()
        .map(|ep| {
            let extras = EpisodeExtras {
                season: ep.front.season.or(c.season.as_ref().map(|s| *s.get_ref())),
                people: ep
                    .front
                    .people
                    .iter()
                    .map(|p| Person {
                        name: p.name.trim().to_string(),
                        role: p.role.clone(),
                        href: p.href.clone(),
                    })
                    .collect(),
            };
            ((ep.id.clone(), ep.lang), extras)
        })
        .collect();
    Podcast { shows, episodes }
}

fn show(c: &PodcastConfig, lang: Lang) -> Show {
    let text = c.text(lang);
    Show {
        title: text.title.get_ref().trim().to_string(),
        description: text.description.get_ref().trim().to_string(),
        author: c.author.as_ref().map(|a| a.get_ref().trim().to_string()),
        categories: c
            .categories
            .get_ref()
            .iter()
            .map(|cat| cat.get_ref().clone())
            .collect(),
        explicit: c.explicit,
        show_type: match c.show_type {
            ShowType::Episodic => "episodic",
            ShowType::Serial => "serial",
        },
        locked: c.locked,
        owner: c.owner.as_ref().map(|o| {
            (
                o.name.get_ref().trim().to_string(),
                o.email.get_ref().trim().to_string(),
            )
        }),
    }
}

/// Checks what the feeds need: every problem at its line in site.toml or the episode.
pub fn validate(content: &Content, diags: &mut Diagnostics) {
    if let Some(config) = content.config.as_ref() {
        let (path, text) = &content.site_file;
        let lines = LineIndex::new(text.as_bytes());
        let line = |span: std::ops::Range<usize>| lines.line(span.start);
        if !(config.url.starts_with("https://") || config.url.starts_with("http://")) {
            let at = text
                .lines()
                .position(|l| l.trim_start().starts_with("url"))
                .map_or(1, |i| i + 1);
            diags.error(
                path,
                at,
                format!("`url = \"{}\"` is not an absolute web address", config.url),
                "write the origin the site is published under, e.g. `https://loopje.example`",
            );
        }
        let c = &config.podcast;
        for lang in Lang::ALL {
            let t = c.text(lang);
            for (name, value) in [("title", &t.title), ("description", &t.description)] {
                if value.get_ref().trim().is_empty() {
                    diags.error(
                        path,
                        line(value.span()),
                        format!("`[podcast.{}] {name}` is empty", lang.code()),
                        "write the show's title and description in both languages: podcast apps require them",
                    );
                }
            }
        }
        if let Some(author) = &c.author {
            if author.get_ref().trim().is_empty() {
                diags.error(
                    path,
                    line(author.span()),
                    "`author` is empty",
                    "name who makes the show, or remove the line (the feed then has no itunes:author)",
                );
            }
        }
        if c.categories.get_ref().is_empty() {
            diags.error(
                path,
                line(c.categories.span()),
                "`categories` is empty",
                "give at least one Apple Podcasts category, primary first, e.g. `[[\"Science\"]]`",
            );
        }
        for cat in c.categories.get_ref() {
            let at = line(cat.span());
            match cat.get_ref().as_slice() {
                [name] | [name, _] if APPLE_CATEGORIES.contains(&name.as_str()) => {}
                [name] | [name, _] => diags.error(
                    path,
                    at,
                    format!("`{name}` is not an Apple Podcasts category"),
                    format!("use one of: {}", APPLE_CATEGORIES.join(", ")),
                ),
                _ => diags.error(
                    path,
                    at,
                    "a category is `[\"Category\"]` or `[\"Category\", \"Subcategory\"]`",
                    "write one category, optionally with one subcategory, per entry",
                ),
            }
        }
        if let Some(season) = c.season.as_ref().filter(|s| *s.get_ref() == 0) {
            diags.error(
                path,
                line(season.span()),
                "`season = 0`: seasons are numbered from 1",
                "set `season` to 1 or more, or remove it",
            );
        }
        if let Some(owner) = &c.owner {
            if owner.name.get_ref().trim().is_empty() {
                diags.error(
                    path,
                    line(owner.name.span()),
                    "the owner's `name` is empty",
                    "name the owner, or remove `owner` (the feed then has no itunes:owner)",
                );
            }
            if !plausible_email(owner.email.get_ref()) {
                diags.error(
                    path,
                    line(owner.email.span()),
                    format!("`{}` is not an e-mail address", owner.email.get_ref()),
                    "give an address that is read, or remove `owner`",
                );
            }
        }
    }
    for ep in &content.episodes {
        if ep.front.season == Some(0) {
            diags.error(
                &ep.path,
                field_line(ep, "season"),
                "`season = 0`: seasons are numbered from 1",
                "set `season` to 1 or more, or remove it",
            );
        }
        for p in &ep.front.people {
            let name = p.name.trim();
            if name.is_empty() || name.chars().count() > 128 {
                diags.error(
                    &ep.path,
                    field_line(ep, "people"),
                    "a person's `name` is empty or longer than 128 characters",
                    "write the person's full name (apps may cut a longer one)",
                );
            }
            if let Some(href) = &p.href {
                if !href.starts_with("https://") && !href.starts_with("http://") {
                    diags.error(
                        &ep.path,
                        field_line(ep, "people"),
                        format!("`href = \"{href}\"` of {name} is not an absolute web address"),
                        "link to a page about the person, starting with https://",
                    );
                }
            }
        }
    }
}

fn plausible_email(s: &str) -> bool {
    let s = s.trim();
    matches!(s.split_once('@'), Some((user, domain)) if !user.is_empty() && domain.contains('.') && !s.contains(char::is_whitespace))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The examples of the namespace's guid page.
    #[test]
    fn guid_follows_the_namespace_rule() {
        assert_eq!(
            guid("https://mp3s.nashownotes.com/pc20rss.xml"),
            "917393e3-1b1e-5cef-ace4-edaa54e1f810"
        );
        assert_eq!(
            guid("https://podnews.net/rss"),
            "9b024349-ccf0-5f69-a609-6b82873eab3c"
        );
        // Scheme and trailing slashes do not count.
        assert_eq!(
            guid("http://podnews.net/rss//"),
            guid("https://podnews.net/rss")
        );
        assert_ne!(
            guid("https://podnews.net/rss"),
            guid("https://podnews.net/rss2")
        );
    }

    #[test]
    fn emails() {
        assert!(plausible_email("studio@loopje.example"));
        assert!(!plausible_email("studio"));
        assert!(!plausible_email("@loopje.example"));
        assert!(!plausible_email("a b@loopje.example"));
    }
}
