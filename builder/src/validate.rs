//! Stage 3: rules that need more than one file: translations, unique slugs and numbers,
//! related episodes, citations, quizzes, links and images. Every rule reports all its
//! violations; nothing stops at the first.

use crate::diagnostics::Diagnostics;
use crate::load::{Content, EpisodeFile};
use crate::markdown::Rendered;
use loopje::model::{AudioTrack, Lang};
use std::collections::{BTreeMap, HashMap, HashSet};

/// An episode file with its rendered body.
pub struct Rendition<'a> {
    pub file: &'a EpisodeFile,
    pub rendered: Rendered,
    pub audio: Option<AudioTrack>,
}

pub fn front_matter(content: &Content, diags: &mut Diagnostics) {
    let ids = episode_ids(content);
    let mut seen_ids: HashMap<&str, &std::path::Path> = HashMap::new();
    for (id, dir) in &content.episode_dirs {
        if let Some(first) = seen_ids.insert(id, dir) {
            diags.error(
                dir,
                1,
                format!("episode id `{id}` is also used by {}", first.display()),
                "give each episode folder a unique name after its number",
            );
        }
        for lang in Lang::ALL {
            let path = dir.join(format!("{}.md", lang.code()));
            if !path.exists() {
                let other = dir.join(format!("{}.md", lang.other().code()));
                diags.error(
                    &other,
                    1,
                    format!("episode `{id}` has no {} translation", lang_name(lang)),
                    format!("add {}", path.display()),
                );
            }
        }
    }
    let mut slugs: HashMap<(Lang, &str), &EpisodeFile> = HashMap::new();
    let mut numbers: HashMap<(Lang, u32), &EpisodeFile> = HashMap::new();
    for ep in &content.episodes {
        let f = &ep.front;
        let fl = |field: &str| field_line(ep, field);
        if f.slug.is_empty()
            || !f
                .slug
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            diags.error(
                &ep.path,
                fl("slug"),
                format!("slug `{}` is not URL-safe", f.slug),
                "use lower-case letters, digits and hyphens, e.g. `hoofd-op-orde`",
            );
        }
        if let Some(other) = slugs.insert((ep.lang, f.slug.as_str()), ep) {
            diags.error(
                &ep.path,
                fl("slug"),
                format!("slug `{}` is also used by {}", f.slug, other.path.display()),
                "give each episode a unique slug per language",
            );
        }
        if let Some(other) = numbers.insert((ep.lang, f.number), ep) {
            diags.error(
                &ep.path,
                fl("number"),
                format!(
                    "episode number {} is also used by {}",
                    f.number,
                    other.path.display()
                ),
                "give each episode a unique number",
            );
        }
        for (field, value) in [("title", &f.title), ("summary", &f.summary)] {
            if value.trim().is_empty() {
                diags.error(
                    &ep.path,
                    fl(field),
                    format!("`{field}` is empty"),
                    format!("write the episode's {field}"),
                );
            }
        }
        if f.date.date.is_none() || f.date.time.is_some() {
            diags.error(
                &ep.path,
                fl("date"),
                format!("date `{}` is not a plain date", f.date),
                "write the date as YYYY-MM-DD without quotes",
            );
        }
        for rel in &f.related {
            if rel == &ep.id {
                diags.error(
                    &ep.path,
                    fl("related"),
                    "an episode lists itself as related",
                    format!("remove `{rel}` from `related`"),
                );
            } else if !ids.contains(rel.as_str()) {
                diags.error(
                    &ep.path,
                    fl("related"),
                    format!("related episode `{rel}` does not exist"),
                    format!(
                        "use the id of an episode folder: {}",
                        sorted(ids.iter().copied())
                    ),
                );
            }
        }
        if f.mental_health && !content.helplines.contains_key(&ep.lang) {
            diags.error(
                &ep.path,
                fl("mental_health"),
                "a mental-health page needs the help lines",
                format!("add content/helplines/{}.md", ep.lang.code()),
            );
        }
    }
    // Translations must describe the same episode.
    let mut by_id: BTreeMap<&str, Vec<&EpisodeFile>> = BTreeMap::new();
    for ep in &content.episodes {
        by_id.entry(&ep.id).or_default().push(ep);
    }
    for eps in by_id.values() {
        if let [a, b] = eps.as_slice() {
            if a.front.number != b.front.number {
                diags.error(
                    &b.path,
                    field_line(b, "number"),
                    format!(
                        "number {} differs from {} in {}",
                        b.front.number,
                        a.front.number,
                        a.path.display()
                    ),
                    "use the same number in both languages",
                );
            }
            if a.front.mental_health != b.front.mental_health {
                diags.error(
                    &b.path,
                    field_line(b, "mental_health"),
                    "`mental_health` differs between the languages",
                    "set it the same in both files",
                );
            }
            let (ra, rb): (HashSet<_>, HashSet<_>) = (
                a.front.related.iter().collect(),
                b.front.related.iter().collect(),
            );
            if ra != rb {
                diags.error(
                    &b.path,
                    field_line(b, "related"),
                    format!("`related` differs from {}", a.path.display()),
                    "list the same related episodes in both languages",
                );
            }
        }
    }
}

pub fn references(content: &Content, renditions: &[Rendition], diags: &mut Diagnostics) {
    let anchors: HashMap<(&str, Lang), &HashSet<String>> = renditions
        .iter()
        .map(|r| ((r.file.id.as_str(), r.file.lang), &r.rendered.anchors))
        .collect();
    let routes: HashSet<String> = routes(renditions);
    for r in renditions {
        let ep = r.file;
        let refs = &r.rendered.refs;
        unknown_sources(content, &ep.path, &refs.citations, diags);
        for (id, ln) in &refs.quizzes {
            if !content.quiz_files.contains_key(&(id.clone(), ep.lang)) {
                diags.error(
                    &ep.path,
                    *ln,
                    format!("quiz `{id}` has no file for this language"),
                    format!("add content/quizzes/{id}.{}.toml", ep.lang.code()),
                );
            }
        }
        for ln in &refs.intensity_tests {
            if !content.intensity.contains_key(&ep.lang) {
                diags.error(
                    &ep.path,
                    *ln,
                    "the intensity test has no texts in this language",
                    format!("add content/intensity/{}.toml", ep.lang.code()),
                );
            }
        }
        for (id, anchor, ln) in &refs.episode_links {
            match (anchors.get(&(id.as_str(), ep.lang)), anchor) {
                // A folder whose file failed to load has its own error already.
                (None, _) if content.episode_dirs.iter().any(|(d, _)| d == id) => {}
                (None, _) => diags.error(
                    &ep.path,
                    *ln,
                    format!("link to unknown episode `ep:{id}`"),
                    "use the id of an episode folder (its name without the number)",
                ),
                (Some(ids), Some(a)) if !ids.contains(a) => diags.error(
                    &ep.path,
                    *ln,
                    format!("episode `{id}` has no heading `#{a}`"),
                    "link to an existing heading id of that episode",
                ),
                _ => {}
            }
        }
        for (a, ln) in &refs.anchor_links {
            if !r.rendered.anchors.contains(a) {
                diags.error(
                    &ep.path,
                    *ln,
                    format!("link to `#{a}`, but this page has no such heading"),
                    format!(
                        "use one of: {}",
                        sorted(r.rendered.anchors.iter().map(String::as_str))
                    ),
                );
            }
        }
        for (url, ln) in &refs.site_links {
            let path = url.split(['#', '?']).next().unwrap_or("");
            if !routes.contains(path) {
                diags.error(
                    &ep.path,
                    *ln,
                    format!("link to `{url}`, which is not a page of the site"),
                    "link episodes with `ep:<id>` or fix the path",
                );
            }
        }
        for (file, ln) in &refs.images {
            if !ep.dir.join(file).is_file() {
                diags.error(
                    &ep.path,
                    *ln,
                    format!("image `{file}` does not exist"),
                    format!("add it to {}", ep.dir.display()),
                );
            }
        }
    }
}

/// Every path the site serves (used to check `/…` links).
fn routes(renditions: &[Rendition]) -> HashSet<String> {
    let mut out: HashSet<String> = Lang::ALL.iter().map(|l| l.home_path()).collect();
    out.insert("/".into());
    for r in renditions {
        out.insert(r.file.lang.episode_path(&r.file.front.slug));
    }
    out
}

/// Line of `field = …` in the file's front matter (front matter starts on line 2).
pub fn field_line(ep: &EpisodeFile, field: &str) -> usize {
    ep.text
        .lines()
        .position(|l| {
            l.trim_start()
                .strip_prefix(field)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map(|i| i + 1)
        .unwrap_or(1)
}

fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Nl => "Dutch",
        Lang::En => "English",
    }
}

/// Reports every citation of a key that `content/sources.toml` does not define.
pub fn unknown_sources(
    content: &Content,
    file: &std::path::Path,
    citations: &[(String, usize)],
    diags: &mut Diagnostics,
) {
    for (key, ln) in citations {
        if !content.sources.contains_key(key) {
            diags.error(
                file,
                *ln,
                format!("unknown source `@{key}`"),
                format!("add `[{key}]` to content/sources.toml or fix the key"),
            );
        }
    }
}

/// The ids of all episode folders.
fn episode_ids(content: &Content) -> HashSet<&str> {
    content
        .episode_dirs
        .iter()
        .map(|(id, _)| id.as_str())
        .collect()
}

fn sorted<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let mut v: Vec<&str> = items.collect();
    v.sort();
    v.iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn quizzes(content: &Content, diags: &mut Diagnostics) {
    let episodes = episode_ids(content);
    let known_episode = |id: &str| episodes.contains(id);
    for ((id, lang), path) in &content.quiz_files {
        let other = (id.clone(), lang.other());
        if !content.quiz_files.contains_key(&other) {
            diags.error(
                path,
                1,
                format!("quiz `{id}` has no {} file", lang_name(lang.other())),
                format!("add content/quizzes/{id}.{}.toml", lang.other().code()),
            );
        }
    }
    for ((id, lang), lq) in &content.quizzes {
        let q = &lq.data;
        if !known_episode(q.episode.get_ref()) {
            diags.error(
                &lq.path,
                lq.line(&q.episode),
                format!("unknown episode `{}`", q.episode.get_ref()),
                "use the id of an episode folder (its name without the number)",
            );
        }
        if q.questions.is_empty() {
            diags.error(
                &lq.path,
                1,
                "the quiz has no questions",
                "add `[[question]]` tables (see content/README.md)",
            );
        }
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for question in &q.questions {
            let qid = question.id.get_ref().as_str();
            let line = lq.line(&question.id);
            if let Some(first) = seen.insert(qid, line) {
                diags.error(
                    &lq.path,
                    line,
                    format!("question id `{qid}` is also used on line {first}"),
                    "give each question a unique id",
                );
                continue;
            }
            if question.explanation.get_ref().trim().is_empty() {
                diags.error(
                    &lq.path,
                    lq.line(&question.explanation),
                    format!("question `{qid}` has an empty explanation"),
                    "explain in plain words what the research found",
                );
            }
            if question.sources.get_ref().is_empty() {
                diags.error(
                    &lq.path,
                    lq.line(&question.sources),
                    format!("question `{qid}` cites no source"),
                    "list at least one key from content/sources.toml",
                );
            }
            for key in question.sources.get_ref() {
                if !content.sources.contains_key(key) {
                    diags.error(
                        &lq.path,
                        lq.line(&question.sources),
                        format!("unknown source `{key}`"),
                        format!("add `[{key}]` to content/sources.toml or fix the key"),
                    );
                }
            }
            if let Some(ep) = &question.episode {
                if !known_episode(ep.get_ref()) {
                    diags.error(
                        &lq.path,
                        lq.line(ep),
                        format!("unknown episode `{}`", ep.get_ref()),
                        "use the id of an episode folder (its name without the number)",
                    );
                }
            }
            // The translation must hold the same question, with the same verdict and sources.
            let Some(other) = content.quizzes.get(&(id.clone(), lang.other())) else {
                continue;
            };
            match other
                .data
                .questions
                .iter()
                .find(|o| o.id.get_ref() == question.id.get_ref())
            {
                None => diags.error(
                    &lq.path,
                    line,
                    format!(
                        "question `{qid}` has no {} translation",
                        lang_name(lang.other())
                    ),
                    format!("add it to {}", other.path.display()),
                ),
                Some(o) if *lang == Lang::En => {
                    if o.verdict.get_ref() != question.verdict.get_ref() {
                        diags.error(
                            &lq.path,
                            lq.line(&question.verdict),
                            format!(
                                "question `{qid}` has a different verdict than in {}",
                                other.path.display()
                            ),
                            "use the same verdict in both languages",
                        );
                    }
                    if o.sources.get_ref() != question.sources.get_ref() {
                        diags.error(
                            &lq.path,
                            lq.line(&question.sources),
                            format!(
                                "question `{qid}` cites different sources than in {}",
                                other.path.display()
                            ),
                            "cite the same sources in both languages",
                        );
                    }
                }
                Some(_) => {}
            }
        }
    }
}
