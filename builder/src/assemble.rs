//! Stage 4: turn validated content into one [`Page`] per route, the data both the prerenderer
//! and the app render from.

use crate::load::{Content, EpisodeFile, Source};
use crate::markdown::{self, reading_minutes};
use crate::validate::Rendition;
use loopje::i18n::{fill, strings};
use loopje::model::{
    archive_path, intensity_path, quiz_path, quizzes_path, search_path, Article, Block,
    EpisodeCard, EpisodeLink, IntensityGuide, Lang, Page, PageContent, Question, Quiz, QuizCard,
    SourceEntry, SourceLink, Widget, NEWEST_EPISODES, SEASON_QUIZ,
};
use std::collections::HashMap;

pub fn pages(
    content: &Content,
    renditions: &[Rendition],
    helplines: &HashMap<Lang, String>,
    guides: &HashMap<Lang, IntensityGuide>,
) -> Vec<Page> {
    let mut pages = Vec::new();
    let base = content
        .config
        .as_ref()
        .map(|c| c.base_url())
        .unwrap_or_default();
    for lang in Lang::ALL {
        let t = strings(lang);
        let feed = crate::feeds::feed_url(&base, lang);
        let mut eps: Vec<&Rendition> = renditions.iter().filter(|r| r.file.lang == lang).collect();
        eps.sort_by_key(|r| r.file.front.number);
        let alt_path = |id: &str| {
            renditions
                .iter()
                .find(|r| r.file.id == id && r.file.lang == lang.other())
                .map(|r| lang.other().episode_path(&r.file.front.slug))
                .unwrap_or_else(|| lang.other().home_path())
        };
        let cards: Vec<EpisodeCard> = eps
            .iter()
            .rev()
            .map(|r| EpisodeCard {
                id: r.file.id.clone(),
                number: r.file.front.number,
                title: r.file.front.title.clone(),
                path: lang.episode_path(&r.file.front.slug),
                date: r.file.front.date.to_string(),
                summary: r.file.front.summary.clone(),
                listening_minutes: listening_minutes(r),
                reading_minutes: reading_minutes(r.rendered.words),
            })
            .collect();
        pages.push(Page {
            lang,
            path: lang.home_path(),
            alternate: lang.other().home_path(),
            title: format!("{} — {}", t.site_name, t.site_tagline),
            description: t.home_intro.to_string(),
            content: PageContent::Home {
                episodes: cards.iter().take(NEWEST_EPISODES).cloned().collect(),
                total: cards.len(),
                feed: feed.clone(),
            },
        });
        if cards.len() > NEWEST_EPISODES {
            let compact = cards
                .into_iter()
                .map(|c| EpisodeCard {
                    summary: String::new(),
                    ..c
                })
                .collect();
            pages.push(fixed_page(
                lang,
                archive_path,
                t.home_title,
                t.home_intro,
                PageContent::Archive { episodes: compact },
            ));
        }
        for (i, r) in eps.iter().enumerate() {
            let f: &EpisodeFile = r.file;
            let mut sources = Vec::new();
            for (key, _) in &r.rendered.refs.citations {
                if sources.iter().any(|s: &SourceEntry| &s.key == key) {
                    continue;
                }
                if let Some(src) = content.sources.get(key) {
                    sources.push(SourceEntry {
                        key: key.clone(),
                        html: format_source(src, lang),
                    });
                }
            }
            let by_id = |id: &String| eps.iter().find(|e| &e.file.id == id).map(|e| link_to(e));
            let article = Article {
                id: f.id.clone(),
                number: f.front.number,
                title: f.front.title.clone(),
                date: f.front.date.to_string(),
                summary: f.front.summary.clone(),
                listening_minutes: listening_minutes(r),
                reading_minutes: reading_minutes(r.rendered.words),
                topics: f.front.topics.clone(),
                toc: r.rendered.toc.clone(),
                body: r
                    .rendered
                    .blocks
                    .iter()
                    .map(|b| match b {
                        Block::Widget {
                            widget: Widget::Quiz { id, .. },
                        } => Block::Widget {
                            widget: Widget::Quiz {
                                id: id.clone(),
                                quiz: quiz(content, renditions, helplines, id, lang).map(Box::new),
                            },
                        },
                        Block::Widget {
                            widget: Widget::IntensityTest { .. },
                        } => Block::Widget {
                            widget: Widget::IntensityTest {
                                guide: guides.get(&lang).cloned().map(Box::new),
                            },
                        },
                        other => other.clone(),
                    })
                    .collect(),
                sources,
                audio: r.audio.clone(),
                helplines_html: f
                    .front
                    .mental_health
                    .then(|| helplines.get(&lang).cloned())
                    .flatten(),
                prev: i.checked_sub(1).map(|p| link_to(eps[p])),
                next: eps.get(i + 1).map(|n| link_to(n)),
                related: f.front.related.iter().filter_map(by_id).collect(),
                feed: feed.clone(),
            };
            pages.push(Page {
                lang,
                path: lang.episode_path(&f.front.slug),
                alternate: alt_path(&f.id),
                title: format!("{} — {}", f.front.title, t.site_name),
                description: f.front.summary.clone(),
                content: PageContent::Episode(Box::new(article)),
            });
        }
        pages.extend(quiz_pages(content, renditions, helplines, lang));
        if let Some(guide) = guides.get(&lang) {
            pages.push(Page {
                lang,
                path: guide.path.clone(),
                alternate: intensity_path(lang.other()),
                title: format!("{} — {}", t.intensity_title, t.site_name),
                description: t.intensity_intro.to_string(),
                content: PageContent::IntensityTest(Box::new(guide.clone())),
            });
        }
        pages.push(fixed_page(
            lang,
            search_path,
            t.search_title,
            t.search_intro,
            PageContent::Search,
        ));
    }
    pages
}

/// A page that exists once per language at a fixed path (search, the quiz list).
fn fixed_page(
    lang: Lang,
    path: fn(Lang) -> String,
    title: &str,
    description: &str,
    content: PageContent,
) -> Page {
    Page {
        lang,
        path: path(lang),
        alternate: path(lang.other()),
        title: format!("{title} — {}", strings(lang).site_name),
        description: description.to_string(),
        content,
    }
}

/// The link to an episode, in its own language.
fn link_to(r: &Rendition) -> EpisodeLink {
    EpisodeLink {
        number: r.file.front.number,
        title: r.file.front.title.clone(),
        path: r.file.lang.episode_path(&r.file.front.slug),
    }
}

/// The link to episode `id` in `lang`, whether it concerns mental health, and the sources its
/// article cites.
fn episode_link<'r>(
    renditions: &'r [Rendition],
    id: &str,
    lang: Lang,
) -> Option<(EpisodeLink, bool, &'r Rendition<'r>)> {
    renditions
        .iter()
        .find(|r| r.file.id == id && r.file.lang == lang)
        .map(|r| (link_to(r), r.file.front.mental_health, r))
}

/// Where a quiz's link to a source goes. A source with a caveat (`note`, e.g. "the link is a
/// news report of the review") is linked through its entry in the episode's source list, where
/// the caveat is read next to the link; otherwise, and when the article does not cite it, to
/// the source itself.
pub fn quiz_source_href(src: &Source, key: &str, episode_path: &str, cited: bool) -> String {
    let entry = || format!("{episode_path}#src-{key}");
    match source_href(src) {
        Some(href) if src.note.is_none() || !cited => href,
        _ => entry(),
    }
}

/// One quiz in one language, with each question's episode and source links resolved.
pub fn quiz(
    content: &Content,
    renditions: &[Rendition],
    helplines: &HashMap<Lang, String>,
    id: &str,
    lang: Lang,
) -> Option<Quiz> {
    let lq = content.quizzes.get(&(id.to_string(), lang))?;
    let mut mental_health = false;
    let questions = lq
        .data
        .questions
        .iter()
        .filter_map(|q| {
            let ep_id = q.episode.as_ref().unwrap_or(&lq.data.episode).get_ref();
            let (episode, mh, rendition) = episode_link(renditions, ep_id, lang)?;
            mental_health |= mh || q.mental_health;
            let sources = q
                .sources
                .get_ref()
                .iter()
                .filter_map(|key| {
                    let src = content.sources.get(key)?;
                    let cited = rendition
                        .rendered
                        .refs
                        .citations
                        .iter()
                        .any(|(k, _)| k == key);
                    let href = quiz_source_href(src, key, &episode.path, cited);
                    Some(SourceLink {
                        key: key.clone(),
                        label: short_citation(src),
                        href,
                    })
                })
                .collect();
            Some(Question {
                id: q.id.get_ref().clone(),
                statement: q.statement.get_ref().clone(),
                verdict: *q.verdict.get_ref(),
                explanation: q.explanation.get_ref().clone(),
                strength: *q.strength.get_ref(),
                strength_reason: q.strength_reason.get_ref().clone(),
                sources,
                episode,
                mental_health: q.mental_health,
            })
        })
        .collect();
    Some(Quiz {
        id: id.to_string(),
        title: lq.data.title.clone(),
        path: quiz_path(lang, id),
        questions,
        helplines_html: mental_health
            .then(|| helplines.get(&lang).cloned())
            .flatten(),
    })
}

/// Each quiz's page, the season quiz (the questions of the newest [`NEWEST_EPISODES`] episodes,
/// in episode order) and the list page.
fn quiz_pages(
    content: &Content,
    renditions: &[Rendition],
    helplines: &HashMap<Lang, String>,
    lang: Lang,
) -> Vec<Page> {
    let t = strings(lang);
    let mut quizzes: Vec<Quiz> = content
        .quizzes
        .keys()
        .filter(|(_, l)| *l == lang)
        .filter_map(|(id, _)| quiz(content, renditions, helplines, id, lang))
        .collect();
    quizzes.sort_by_key(|q| q.questions.first().map(|x| x.episode.number));
    let newest = &quizzes[quizzes.len().saturating_sub(NEWEST_EPISODES)..];
    let season = Quiz {
        id: SEASON_QUIZ.to_string(),
        title: match newest.len() < quizzes.len() {
            true => fill(t.season_quiz_title_newest, NEWEST_EPISODES),
            false => t.season_quiz_title.to_string(),
        },
        path: quiz_path(lang, SEASON_QUIZ),
        questions: newest
            .iter()
            .flat_map(|q| {
                q.questions.iter().map(|x| Question {
                    id: format!("{}/{}", q.id, x.id),
                    ..x.clone()
                })
            })
            .collect(),
        helplines_html: newest.iter().find_map(|q| q.helplines_html.clone()),
    };
    // The season quiz is the last card, counted from its own questions (the newest episodes').
    let cards = quizzes
        .iter()
        .chain(std::iter::once(&season))
        .map(|q| QuizCard {
            id: q.id.clone(),
            title: q.title.clone(),
            path: q.path.clone(),
            questions: q.questions.len(),
        })
        .collect();
    let mut pages: Vec<Page> = quizzes
        .into_iter()
        .chain(std::iter::once(season))
        .map(|q| Page {
            lang,
            path: q.path.clone(),
            alternate: quiz_path(lang.other(), &q.id),
            title: format!("{} — {}", q.title, t.site_name),
            description: t.quizzes_intro.to_string(),
            content: PageContent::Quiz(Box::new(q)),
        })
        .collect();
    pages.push(fixed_page(
        lang,
        quizzes_path,
        t.quizzes_title,
        t.quizzes_intro,
        PageContent::Quizzes { quizzes: cards },
    ));
    pages
}

/// Where a reader finds a source: its DOI, else its PubMed record, else its web address.
pub fn source_href(src: &Source) -> Option<String> {
    src.doi
        .as_ref()
        .map(|d| format!("https://doi.org/{d}"))
        .or_else(|| {
            src.pmid
                .as_ref()
                .map(|p| format!("https://pubmed.ncbi.nlm.nih.gov/{p}/"))
        })
        .or_else(|| src.url.clone())
}

/// `Pearce M, Garcia L, …` + 2022 → `Pearce 2022`; organisations keep their full name.
pub fn short_citation(src: &Source) -> String {
    let first = src.authors.split(',').next().unwrap_or("").trim();
    let mut words: Vec<&str> = first.split_whitespace().collect();
    if words.len() > 1
        && words
            .last()
            .is_some_and(|w| w.len() <= 3 && w.chars().all(|c| c.is_ascii_uppercase()))
    {
        words.pop();
    }
    let name = words.join(" ");
    let name = name.trim_end_matches(" et al.").trim_end_matches(" et al");
    format!("{name} {}", src.year)
}

/// `Authors. Title. Container. Year;details. doi:…` with the link and the caveat in the reader's language.
pub fn format_source(src: &Source, lang: Lang) -> String {
    let esc = crate::escape::escape;
    let mut out = format!(
        "{}. <cite>{}</cite>. {}, {}",
        esc(&src.authors),
        esc(src.title.trim_end_matches('.')),
        esc(&src.container),
        src.year
    );
    if let Some(d) = &src.details {
        out.push_str(&format!(";{}", esc(d)));
    }
    out.push('.');
    if let Some(isbn) = &src.isbn {
        out.push_str(&format!(" ISBN {}.", esc(isbn)));
    }
    if let Some(pmid) = &src.pmid {
        out.push_str(&format!(
            " <a href=\"https://pubmed.ncbi.nlm.nih.gov/{0}/\">PMID {0}</a>.",
            esc(pmid)
        ));
    }
    if let Some(doi) = &src.doi {
        out.push_str(&format!(
            " <a href=\"https://doi.org/{0}\">doi:{0}</a>",
            esc(doi)
        ));
    } else if let Some(url) = &src.url {
        out.push_str(&format!(" <a href=\"{0}\">{0}</a>", esc(url)));
    }
    if let Some(note) = src.note.as_ref().and_then(|n| n.get(lang.code())) {
        out.push_str(&format!(
            " <span class=\"source-note\">{}</span>",
            esc(note)
        ));
    }
    markdown::sanitize(&out)
}

fn listening_minutes(r: &Rendition) -> u32 {
    r.audio.as_ref().map_or_else(
        || r.file.front.listening_minutes.unwrap_or(0),
        |a| crate::audio::minutes(a.duration),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(note: bool) -> Source {
        Source {
            authors: "Clegg A, et al.".into(),
            title: "Exercise for depression".into(),
            container: "Cochrane Database Syst Rev".into(),
            year: 2026,
            details: None,
            doi: None,
            pmid: None,
            isbn: None,
            url: Some("https://news.example/report".into()),
            note: note.then(|| [("en".to_string(), "A news report.".to_string())].into()),
        }
    }

    #[test]
    fn a_quiz_links_a_source_with_a_caveat_through_the_entry_that_shows_it() {
        let ep = "/en/episodes/head/";
        assert_eq!(
            quiz_source_href(&source(true), "clegg2026", ep, true),
            "/en/episodes/head/#src-clegg2026"
        );
        // Without a caveat, or when the article has no entry for it: the source itself.
        assert_eq!(
            quiz_source_href(&source(false), "clegg2026", ep, true),
            "https://news.example/report"
        );
        assert_eq!(
            quiz_source_href(&source(true), "clegg2026", ep, false),
            "https://news.example/report"
        );
    }
}
