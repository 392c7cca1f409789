//! Stage 4: turn validated content into one [`Page`] per route, the data both the prerenderer
//! and the app render from.

use crate::load::{Content, EpisodeFile, Source};
use crate::markdown::{self, reading_minutes};
use crate::validate::Rendition;
use loopje::i18n::strings;
use loopje::model::{Article, EpisodeCard, EpisodeLink, Lang, Page, PageContent, SourceEntry};
use std::collections::HashMap;

pub fn pages(
    content: &Content,
    renditions: &[Rendition],
    helplines: &HashMap<Lang, String>,
) -> Vec<Page> {
    let mut pages = Vec::new();
    for lang in Lang::ALL {
        let t = strings(lang);
        let mut eps: Vec<&Rendition> = renditions.iter().filter(|r| r.file.lang == lang).collect();
        eps.sort_by_key(|r| r.file.front.number);
        let alt_path = |id: &str| {
            renditions
                .iter()
                .find(|r| r.file.id == id && r.file.lang == lang.other())
                .map(|r| lang.other().episode_path(&r.file.front.slug))
                .unwrap_or_else(|| lang.other().home_path())
        };
        let link = |r: &Rendition| EpisodeLink {
            number: r.file.front.number,
            title: r.file.front.title.clone(),
            path: lang.episode_path(&r.file.front.slug),
        };
        let cards = eps
            .iter()
            .rev()
            .map(|r| EpisodeCard {
                number: r.file.front.number,
                title: r.file.front.title.clone(),
                path: lang.episode_path(&r.file.front.slug),
                date: r.file.front.date.to_string(),
                summary: r.file.front.summary.clone(),
                listening_minutes: r.file.front.listening_minutes,
                reading_minutes: reading_minutes(r.rendered.words),
            })
            .collect();
        pages.push(Page {
            lang,
            path: lang.home_path(),
            alternate: lang.other().home_path(),
            title: format!("{} — {}", t.site_name, t.site_tagline),
            description: t.home_intro.to_string(),
            content: PageContent::Home { episodes: cards },
        });
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
            let by_id = |id: &String| eps.iter().find(|e| &e.file.id == id).map(|e| link(e));
            let article = Article {
                id: f.id.clone(),
                number: f.front.number,
                title: f.front.title.clone(),
                date: f.front.date.to_string(),
                summary: f.front.summary.clone(),
                listening_minutes: f.front.listening_minutes,
                reading_minutes: reading_minutes(r.rendered.words),
                topics: f.front.topics.clone(),
                toc: r.rendered.toc.clone(),
                body: r.rendered.blocks.clone(),
                sources,
                helplines_html: f
                    .front
                    .mental_health
                    .then(|| helplines.get(&lang).cloned())
                    .flatten(),
                prev: i.checked_sub(1).map(|p| link(eps[p])),
                next: eps.get(i + 1).map(|n| link(n)),
                related: f.front.related.iter().filter_map(by_id).collect(),
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
    }
    pages
}

/// `Authors. Title. Container. Year;details. doi:…` with the link and the caveat in the reader's language.
pub fn format_source(src: &Source, lang: Lang) -> String {
    let esc = escape_text;
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

fn escape_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
