//! Stage 3: rules that need more than one file: translations, unique slugs and numbers,
//! related episodes, citations, quizzes (one claim, one verdict), links and images, help
//! lines wherever mental health comes up, and sources a reader can find. Every rule reports all its
//! violations; nothing stops at the first.

use crate::diagnostics::Diagnostics;
use crate::load::{Content, EpisodeFile, LoadedQuiz, QuestionFile};
use crate::markdown::Rendered;
use loopje::model::{AudioTrack, Lang, Verdict};
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
                    if o.strength.get_ref() != question.strength.get_ref() {
                        diags.error(
                            &lq.path,
                            lq.line(&question.strength),
                            format!(
                                "question `{qid}` has a different strength than in {}",
                                other.path.display()
                            ),
                            "rate the evidence the same in both languages",
                        );
                    }
                    if o.mental_health != question.mental_health {
                        diags.error(
                            &lq.path,
                            line,
                            format!(
                                "question `{qid}`: `mental_health` differs from {}",
                                other.path.display()
                            ),
                            "set it the same in both languages",
                        );
                    }
                    let negates =
                        |q: &QuestionFile| q.negation_of.as_ref().map(|n| n.get_ref().clone());
                    if negates(o) != negates(question) {
                        diags.error(
                            &lq.path,
                            line,
                            format!(
                                "question `{qid}`: `negation_of` differs from {}",
                                other.path.display()
                            ),
                            "set it the same in both languages",
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

// --- One claim, one verdict -------------------------------------------------------------

/// The verdict of a question that states the negation of a claim with verdict `v`: a myth's
/// negation is a fact and the other way round; what is more complicated stays so.
pub fn negated(v: Verdict) -> Verdict {
    match v {
        Verdict::Myth => Verdict::Fact,
        Verdict::Fact => Verdict::Myth,
        Verdict::Complicated => Verdict::Complicated,
    }
}

/// A question id stands for one claim across the season: wherever it is asked (the season
/// quiz shows them all), it has the same statement, verdict and strength. A question that
/// states the negation of another (`negation_of`) has the opposite verdict and the same
/// strength.
pub fn shared_questions(content: &Content, diags: &mut Diagnostics) {
    for lang in Lang::ALL {
        // Every question of this language, in quiz order, with the file it is in.
        let asked: Vec<(&LoadedQuiz, &QuestionFile)> = content
            .quizzes
            .iter()
            .filter(|((_, l), _)| *l == lang)
            .flat_map(|(_, lq)| lq.data.questions.iter().map(move |q| (lq, q)))
            .collect();
        let at = |lq: &LoadedQuiz, s: &toml::Spanned<String>| {
            format!("{}:{}", lq.path.display(), lq.line(s))
        };
        let mut first: HashMap<&str, (&LoadedQuiz, &QuestionFile)> = HashMap::new();
        for &(lq, q) in &asked {
            let qid = q.id.get_ref().as_str();
            let Some(&(flq, fq)) = first.get(qid) else {
                first.insert(qid, (lq, q));
                continue;
            };
            if std::ptr::eq(flq, lq) {
                continue; // the same quiz: reported as a duplicate id
            }
            let there = at(flq, &fq.id);
            if fq.verdict.get_ref() != q.verdict.get_ref() {
                diags.error(
                    &lq.path,
                    lq.line(&q.verdict),
                    format!(
                        "question `{qid}` has verdict `{}` here but `{}` in {there}",
                        q.verdict.get_ref().name(),
                        fq.verdict.get_ref().name()
                    ),
                    "one id is one claim: give it one verdict in every quiz, or give a different claim its own id",
                );
            }
            if fq.strength.get_ref() != q.strength.get_ref() {
                diags.error(
                    &lq.path,
                    lq.line(&q.strength),
                    format!(
                        "question `{qid}` has strength `{}` here but `{}` in {there}",
                        q.strength.get_ref().name(),
                        fq.strength.get_ref().name()
                    ),
                    "one id is one claim: rate its evidence the same in every quiz",
                );
            }
            if fq.statement.get_ref().trim() != q.statement.get_ref().trim() {
                diags.error(
                    &lq.path,
                    lq.line(&q.statement),
                    format!("question `{qid}` is stated differently in {there}"),
                    "one id is one claim: state it in the same words in every quiz, or give a different claim its own id",
                );
            }
        }
        for &(lq, q) in &asked {
            let Some(target) = &q.negation_of else {
                continue;
            };
            let qid = q.id.get_ref();
            let tid = target.get_ref();
            // A negation is a different claim, so it has an id of its own.
            let negated_question = (tid != qid)
                .then(|| asked.iter().find(|(_, o)| o.id.get_ref() == tid))
                .flatten();
            let Some(&(olq, o)) = negated_question else {
                diags.error(
                    &lq.path,
                    lq.line(target),
                    format!("`negation_of = \"{tid}\"`, but no other question has that id"),
                    "name the id of the question whose statement this one negates",
                );
                continue;
            };
            let there = at(olq, &o.id);
            let expected = negated(*o.verdict.get_ref());
            if *q.verdict.get_ref() != expected {
                diags.error(
                    &lq.path,
                    lq.line(&q.verdict),
                    format!(
                        "question `{qid}` negates `{tid}` ({there}, verdict `{}`) but has verdict `{}`",
                        o.verdict.get_ref().name(),
                        q.verdict.get_ref().name()
                    ),
                    format!(
                        "a negation has the opposite verdict: make it a `{}` (myth ↔ fact; complicated stays complicated)",
                        expected.name()
                    ),
                );
            }
            if o.strength.get_ref() != q.strength.get_ref() {
                diags.error(
                    &lq.path,
                    lq.line(&q.strength),
                    format!(
                        "question `{qid}` negates `{tid}` ({there}) but rates its evidence `{}`, not `{}`",
                        q.strength.get_ref().name(),
                        o.strength.get_ref().name()
                    ),
                    "a claim and its negation rest on the same evidence: use the same strength",
                );
            }
        }
    }
}

// --- Help lines follow the content --------------------------------------------------------

/// Which of `terms` (folded with [`loopje::search::fold`]) first starts a word of `text`,
/// case and accents aside: `angst` finds "Angststoornis", `suïcide` finds "suicide", but
/// `angst` does not find "bangst".
pub fn mental_health_term(text: &str, terms: &[Vec<char>]) -> Option<usize> {
    let folded: Vec<char> = text.chars().map(loopje::search::fold).collect();
    (0..folded.len())
        .filter(|&i| folded[i].is_alphanumeric() && (i == 0 || !folded[i - 1].is_alphanumeric()))
        .find_map(|i| {
            terms
                .iter()
                .position(|t| !t.is_empty() && folded[i..].starts_with(t))
        })
}

/// The configured terms, as written and folded.
fn configured_terms(content: &Content) -> (Vec<&str>, Vec<Vec<char>>) {
    content
        .config
        .iter()
        .flat_map(|c| &c.mental_health_terms)
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
        .map(|t| {
            (
                t,
                t.chars().map(loopje::search::fold).collect::<Vec<char>>(),
            )
        })
        .unzip()
}

/// A page or quiz question that uses a mental-health term (`mental_health_terms` in
/// `content/site.toml`) must show the help lines: an article needs `mental_health = true`,
/// a quiz question its own `mental_health = true` (its feedback and the quiz's result then
/// carry them). Anything that shows them needs `content/helplines/<lang>.md`.
pub fn mental_health(content: &Content, diags: &mut Diagnostics) {
    let (words, terms) = configured_terms(content);
    let word = |i: usize| words[i];
    let terms_file = "content/site.toml, `mental_health_terms`";
    for ep in &content.episodes {
        if ep.front.mental_health {
            continue;
        }
        let hit = ep
            .text
            .lines()
            .enumerate()
            .find_map(|(i, l)| mental_health_term(l, &terms).map(|t| (i + 1, t)));
        if let Some((line, term)) = hit {
            diags.error(
                &ep.path,
                line,
                format!(
                    "mentions “{}”, a mental-health term ({terms_file}), but shows no help lines",
                    word(term)
                ),
                "set `mental_health = true` in the front matter (in both languages)",
            );
        }
    }
    for ((_, lang), lq) in &content.quizzes {
        let has_helplines = content.helplines.contains_key(lang);
        for q in &lq.data.questions {
            let qid = q.id.get_ref();
            if q.mental_health {
                if !has_helplines {
                    diags.error(
                        &lq.path,
                        lq.line(&q.id),
                        format!("question `{qid}` concerns mental health, but there are no help lines to show"),
                        format!("add content/helplines/{}.md", lang.code()),
                    );
                }
                continue;
            }
            let hit = [&q.statement, &q.explanation, &q.strength_reason]
                .into_iter()
                .find_map(|f| mental_health_term(f.get_ref(), &terms).map(|t| (lq.line(f), t)));
            if let Some((line, term)) = hit {
                diags.error(
                    &lq.path,
                    line,
                    format!(
                        "question `{qid}` mentions “{}”, a mental-health term ({terms_file}), but shows no help lines",
                        word(term)
                    ),
                    "add `mental_health = true` to the question (in both languages)",
                );
            }
        }
    }
    for (lang, loaded) in &content.intensity {
        if !content.helplines.contains_key(lang) {
            diags.error(
                &loaded.path,
                1,
                "the intensity test's results discuss mental health, but there are no help lines to show",
                format!("add content/helplines/{}.md", lang.code()),
            );
        }
    }
}

// --- Every source can be found ------------------------------------------------------------

/// Whether a URL is a search (a query for the work) rather than the work itself.
pub fn is_search_url(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let (before, query) = lower.split_once('?').unwrap_or((&lower, ""));
    let after_host = before
        .split_once("://")
        .map_or(before, |(_, rest)| rest)
        .split_once('/')
        .map_or("", |(_, path)| path);
    let search_param = query.split(['&', '#']).any(|kv| {
        matches!(
            kv.split('=').next(),
            Some("term" | "q" | "query" | "search" | "searchterm" | "keywords")
        )
    });
    search_param
        || after_host
            .split('/')
            .any(|segment| segment == "search" || segment == "results")
}

/// Line of `[key]` in a TOML file, and of `field = …` inside that table.
fn table_lines(text: &str, key: &str, field: &str) -> (usize, usize) {
    let header = format!("[{key}]");
    let Some(start) = text.lines().position(|l| l.trim() == header) else {
        return (1, 1);
    };
    let field_at = text
        .lines()
        .enumerate()
        .skip(start + 1)
        .take_while(|(_, l)| !l.trim_start().starts_with('['))
        .find(|(_, l)| {
            l.trim_start()
                .strip_prefix(field)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map_or(start, |(i, _)| i);
    (start + 1, field_at + 1)
}

/// Every source in `content/sources.toml` names how a reader finds it (`doi`, `pmid`,
/// `isbn` or `url`), and a `url` that is only a search needs a `note` saying why the work has
/// no identifier.
pub fn source_identifiers(content: &Content, diags: &mut Diagnostics) {
    let (path, text) = &content.sources_file;
    for (key, src) in &content.sources {
        let (line, url_line) = table_lines(text, key, "url");
        let identified = src.doi.is_some() || src.pmid.is_some() || src.isbn.is_some();
        if !identified && src.url.is_none() {
            diags.error(
                path,
                line,
                format!("source `{key}` has no doi, pmid, isbn or url"),
                "add the identifier a reader can find the work by (see content/README.md)",
            );
        }
        if let Some(url) = src.url.as_deref().filter(|u| is_search_url(u)) {
            if src.note.is_none() {
                diags.error(
                    path,
                    url_line,
                    format!("source `{key}` links to a search page ({url}), not to the work"),
                    "give its doi or pmid (checked against its record), or a `note` saying why no identifier exists",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(list: &[&str]) -> Vec<Vec<char>> {
        list.iter()
            .map(|t| t.chars().map(loopje::search::fold).collect())
            .collect()
    }

    #[test]
    fn terms_match_word_starts_case_and_accents_aside() {
        let t = terms(&["depressie", "angst", "burn-out", "suïcid"]);
        assert_eq!(
            mental_health_term("Over DEPRESSIEVE klachten.", &t),
            Some(0)
        );
        assert_eq!(mental_health_term("een angststoornis", &t), Some(1));
        assert_eq!(mental_health_term("na een burn-out", &t), Some(2));
        assert_eq!(mental_health_term("Suicide prevention", &t), Some(3));
        assert_eq!(mental_health_term("(suïcidaal)", &t), Some(3));
        assert_eq!(
            mental_health_term("bangst, burnout", &t),
            None,
            "inside a word, or spelt otherwise"
        );
        assert_eq!(mental_health_term("", &t), None);
        assert_eq!(mental_health_term("angst", &[]), None);
        // The first occurrence in the text decides, not the order of the list.
        assert_eq!(mental_health_term("angst en depressie", &t), Some(1));
    }

    #[test]
    fn search_pages_are_told_from_works() {
        for url in [
            "https://pubmed.ncbi.nlm.nih.gov/?term=Hippocampal+atrophy",
            "https://www.google.com/search?q=x",
            "https://scholar.google.com/scholar?q=x",
            "https://example.test/search/talk-test",
            "https://example.test/results?query=x",
        ] {
            assert!(is_search_url(url), "{url}");
        }
        for url in [
            "https://pubmed.ncbi.nlm.nih.gov/15354048/",
            "https://zorg-en-gezondheid.be/bewegen-op-verwijzing",
            "https://www.113.nl",
            "https://thencvoice.com/health/exercise-shows-comparable-benefits",
            "https://example.test/research?id=4",
        ] {
            assert!(!is_search_url(url), "{url}");
        }
    }

    #[test]
    fn a_negation_has_the_opposite_verdict() {
        assert_eq!(negated(Verdict::Myth), Verdict::Fact);
        assert_eq!(negated(Verdict::Fact), Verdict::Myth);
        assert_eq!(negated(Verdict::Complicated), Verdict::Complicated);
    }

    #[test]
    fn table_lines_point_at_the_entry_and_its_field() {
        let text = "# c\n[a]\ntitle = \"x\"\nurl = \"u\"\n\n[b]\ntitle = \"y\"\n";
        assert_eq!(table_lines(text, "a", "url"), (2, 4));
        assert_eq!(
            table_lines(text, "b", "url"),
            (6, 6),
            "no field: the entry's line"
        );
    }
}
