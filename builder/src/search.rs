//! The search index: every article section and quiz question of a language as plain text,
//! written to `/<lang>/search-index.json` and searched on the device (offline too).

use crate::validate::Rendition;
use loopje::model::{Lang, Page, PageContent, SearchDoc, SearchIndex};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

/// (anchor, heading, text) per section of an article's Markdown; the part before the first
/// heading has neither anchor nor heading. `anchors` are the TOC's ids, in order.
pub fn sections(
    markdown: &str,
    anchors: &[String],
) -> Vec<(Option<String>, Option<String>, String)> {
    let mut out: Vec<(Option<String>, Option<String>, String)> = vec![(None, None, String::new())];
    let mut anchors = anchors.iter();
    let mut in_heading = false;
    for event in Parser::new_ext(markdown, crate::markdown::options()) {
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2 | HeadingLevel::H3,
                ..
            }) => {
                in_heading = true;
                out.push((anchors.next().cloned(), Some(String::new()), String::new()));
            }
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Text(t) | Event::Code(t) => {
                let last = out.last_mut().expect("starts with one");
                let target = match (&mut last.1, in_heading) {
                    (Some(h), true) => h,
                    _ => &mut last.2,
                };
                target.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak | Event::End(_) => {
                let last = out.last_mut().expect("starts with one");
                if !in_heading && !last.2.ends_with(' ') {
                    last.2.push(' ');
                }
            }
            _ => {}
        }
    }
    out.into_iter()
        .map(|(a, h, t)| (a, h.map(|h| clean(&h)), clean(&t)))
        .filter(|(_, h, t)| !t.is_empty() || h.is_some())
        .collect()
}

/// Drops what is markup rather than prose: citations `[@key]`, timestamps `[12:30]`,
/// directives `{{…}}` and heading ids `{#id}`; collapses whitespace.
fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(['[', '{']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let close = if tail.starts_with("{{") {
            "}}"
        } else if tail.starts_with('{') {
            "}"
        } else {
            "]"
        };
        let skip = tail.starts_with("[@")
            || tail.starts_with("{{")
            || tail.starts_with("{#")
            || tail[1..]
                .split(']')
                .next()
                .is_some_and(|t| crate::markdown::parse_timestamp(t).is_some());
        match (skip, tail.find(close)) {
            (true, Some(end)) => rest = &tail[end + close.len()..],
            _ => {
                out.push_str(&tail[..1]);
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn index(pages: &[Page], renditions: &[Rendition], lang: Lang) -> SearchIndex {
    let mut docs = Vec::new();
    for page in pages.iter().filter(|p| p.lang == lang) {
        match &page.content {
            PageContent::Episode(article) => {
                let Some(r) = renditions
                    .iter()
                    .find(|r| r.file.lang == lang && r.file.id == article.id)
                else {
                    continue;
                };
                let anchors: Vec<String> = r.rendered.toc.iter().map(|t| t.id.clone()).collect();
                for (anchor, heading, text) in sections(&r.file.body, &anchors) {
                    docs.push(SearchDoc {
                        title: article.title.clone(),
                        url: match &anchor {
                            Some(a) => format!("{}#{a}", page.path),
                            None => page.path.clone(),
                        },
                        section: heading,
                        quiz: false,
                        text,
                    });
                }
            }
            PageContent::Quiz(quiz)
                if page.path != loopje::model::quiz_path(lang, loopje::model::SEASON_QUIZ) =>
            {
                for q in &quiz.questions {
                    docs.push(SearchDoc {
                        title: quiz.title.clone(),
                        section: Some(q.statement.clone()),
                        url: page.path.clone(),
                        quiz: true,
                        text: clean(&q.explanation),
                    });
                }
            }
            _ => {}
        }
    }
    SearchIndex { docs }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_are_plain_text() {
        let md = "Intro with a source [@smith2020] and a note[^n].\n\n## First {#first}\n\n*Listen: [0:34]*\n\nText **bold** `code`.\n\n{{quiz een}}\n\n### Sub\n\n| a | b |\n|---|---|\n| c | d |\n\n[^n]: The note.\n";
        let got = sections(md, &["first".into(), "sub".into()]);
        assert_eq!(
            got,
            vec![
                (None, None, "Intro with a source and a note.".into()),
                (
                    Some("first".into()),
                    Some("First".into()),
                    "Listen: Text bold code.".into()
                ),
                (
                    Some("sub".into()),
                    Some("Sub".into()),
                    "a b c d The note.".into()
                ),
            ]
        );
    }

    #[test]
    fn cleaning_keeps_ordinary_brackets() {
        assert_eq!(clean("a [b] {c} [@x; @y] [1:02:03] {#id} d"), "a [b] {c} d");
    }
}
