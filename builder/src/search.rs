//! The search index: every article section and quiz question of a language as plain text,
//! split by `loopje::search::IndexBuilder` into the files under `/<lang>/search/` (the list of
//! documents, term shards, one text file per episode) and searched on the device (offline too).
//! Nothing here reads Markdown: an article's sections are the plain texts its renderer gave
//! (`markdown::Section`), so search sees exactly what the page shows.

use crate::validate::Rendition;
use loopje::model::{Lang, Page, PageContent, SearchPage};
use loopje::search::{Index, IndexBuilder};

pub fn index(pages: &[Page], renditions: &[Rendition], lang: Lang) -> Index {
    let mut index = IndexBuilder::default();
    for page in pages.iter().filter(|p| p.lang == lang) {
        match &page.content {
            PageContent::Episode(article) => {
                let Some(r) = renditions
                    .iter()
                    .find(|r| r.file.lang == lang && r.file.id == article.id)
                else {
                    continue;
                };
                let mut docs: Vec<(Option<String>, Option<String>, String)> = r
                    .rendered
                    .sections
                    .iter()
                    .enumerate()
                    .map(|(i, s)| {
                        // The summary stands under the title, before the first section.
                        let text = match i {
                            0 => format!("{} {}", article.summary, s.text),
                            _ => s.text.clone(),
                        };
                        (s.anchor.clone(), s.heading.clone(), text)
                    })
                    .collect();
                docs.extend(transcript_passages(lang, article));
                index.add(
                    SearchPage {
                        title: article.title.clone(),
                        path: page.path.clone(),
                        group: article.id.clone(),
                        quiz: false,
                    },
                    docs,
                );
            }
            PageContent::Quiz(quiz)
                if page.path != loopje::model::quiz_path(lang, loopje::model::SEASON_QUIZ) =>
            {
                index.add(
                    SearchPage {
                        title: quiz.title.clone(),
                        path: page.path.clone(),
                        group: quiz.id.clone(),
                        quiz: true,
                    },
                    quiz.questions
                        .iter()
                        .map(|q| (None, Some(q.statement.clone()), one_line(&q.explanation)))
                        .collect(),
                );
            }
            _ => {}
        }
    }
    index.finish()
}

/// What is said, as documents of their own: one per chapter (a passage of a few cues, not a
/// document per cue, which would swell `docs.json`), each opening the page with the player at
/// its first cue (`?t=`) and the transcript in view.
fn transcript_passages(
    lang: Lang,
    article: &loopje::model::Article,
) -> Vec<(Option<String>, Option<String>, String)> {
    use loopje::widgets::player::logic::{clock, share_url};
    use loopje::widgets::player::transcript::TITLE_ID;
    let Some(audio) = &article.audio else {
        return Vec::new();
    };
    let Some(transcript) = &audio.transcript else {
        return Vec::new();
    };
    let starts: Vec<f64> = audio.chapters.iter().map(|c| c.start).collect();
    // (chapter, first cue's start, texts)
    let mut passages: Vec<(usize, f64, Vec<&str>)> = Vec::new();
    for cue in &transcript.cues {
        let chapter = starts.partition_point(|s| *s <= cue.start);
        match passages.last_mut() {
            Some((c, _, texts)) if *c == chapter => texts.push(&cue.text),
            _ => passages.push((chapter, cue.start, vec![&cue.text])),
        }
    }
    let t = loopje::i18n::strings(lang);
    passages
        .into_iter()
        .map(|(_, start, texts)| {
            let at = share_url("", "", start);
            (
                Some(format!("{at}#{TITLE_ID}")),
                Some(loopje::i18n::fill(t.search_transcript, clock(start))),
                texts.join(" "),
            )
        })
        .collect()
}

/// A quiz's explanation is plain text (not Markdown): only its whitespace is collapsed.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Writes one language's index files (under `<out>/<lang>/search/`); returns how many.
pub fn write(index: &Index, lang: Lang, out: &std::path::Path) -> anyhow::Result<usize> {
    use anyhow::Context;
    use loopje::model::{search_docs_path, search_shard_path, search_text_path};
    let mut files: Vec<(String, String)> = vec![(
        search_docs_path(lang),
        serde_json::to_string(&index.docs).expect("index serialises"),
    )];
    for (key, shard) in &index.shards {
        files.push((
            search_shard_path(lang, *key),
            serde_json::to_string(shard).expect("index serialises"),
        ));
    }
    for (group, texts) in &index.texts {
        files.push((
            search_text_path(lang, group),
            serde_json::to_string(texts).expect("index serialises"),
        ));
    }
    for (url, json) in &files {
        let path = out.join(url.trim_start_matches('/'));
        std::fs::create_dir_all(path.parent().expect("under out"))
            .and_then(|()| std::fs::write(&path, json))
            .with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(files.len())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use loopje::json::decode;

    /// The repository's real content, built as `./x serve` builds it.
    pub(crate) fn real_site() -> (std::path::PathBuf, crate::pipeline::Site) {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let options = crate::pipeline::Options {
            cache: root.join("target/loopje-cache"),
        };
        let site = crate::pipeline::build(&root.join("content"), &options).unwrap();
        (root, site)
    }

    #[test]
    fn the_season_is_split_into_documents_shards_and_texts() {
        use loopje::model::{SearchDocs, SearchShard, SearchTexts};
        use loopje::search::{search, Answer, Catalog, Shards, Texts, SHARD_KEYS};
        let (_, site) = real_site();
        let (_, index) = site.search.iter().find(|(l, _)| *l == Lang::Nl).unwrap();
        let out = std::env::temp_dir().join(format!("loopje-search-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&out);
        let written = write(index, Lang::Nl, &out).unwrap();
        let read = |name: &str| std::fs::read_to_string(out.join("nl/search").join(name)).unwrap();
        // One text file per episode (article and quiz together), every shard, the documents.
        assert_eq!(written, 1 + SHARD_KEYS.len() + 6);
        let docs: SearchDocs = decode(&read("docs.json")).unwrap();
        assert_eq!(docs, index.docs, "read back as the app reads it");
        let smog: SearchTexts = decode(&read("t-smog.json")).unwrap();
        let text: String = smog.pages[0].texts[1].chars().take(60).collect();
        assert!(
            text.len() >= 60 && !read("docs.json").contains(&text),
            "no text"
        );
        let paths: Vec<&str> = smog.pages.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["/nl/afleveringen/smog/", "/nl/quiz/smog/"]);
        assert!(smog.pages[0].texts.iter().any(|t| t.contains("Tainio")));
        assert!(!docs.pages.iter().any(|p| p.path == "/nl/quiz/seizoen/"));

        let mut shards = Shards::new(Lang::Nl);
        for key in SHARD_KEYS.chars() {
            let shard: SearchShard = decode(&read(&format!("w-{key}.json"))).unwrap();
            assert!(
                shard.words.windows(2).all(|w| w[0].word < w[1].word),
                "{key}: sorted and distinct"
            );
            assert!(shard
                .words
                .iter()
                .all(|w| loopje::search::shard_key(w.word.chars().next().unwrap()) == key));
            assert!(shard
                .words
                .iter()
                .all(|w| w.word == loopje::search::terms(&w.word).concat()));
            shards.insert(key, Some(shard));
        }
        std::fs::remove_dir_all(&out).unwrap();
        let catalog = Catalog::new(docs);
        // "Gesprekstherapie" is said in the summary of the first episode, not written.
        let Answer::Found(found) = search(&catalog, &shards, "gesprekstherapie", 50) else {
            panic!("every shard is here");
        };
        let said = &found.hits[0];
        assert!(
            said.url.starts_with("/nl/afleveringen/hoofd-op-orde/?t=")
                && said.url.ends_with("#transcript-title"),
            "{said:?}"
        );
        assert!(
            said.section
                .as_deref()
                .unwrap()
                .starts_with("In de transcriptie, vanaf "),
            "{said:?}"
        );
        let Answer::Found(found) = search(&catalog, &shards, "tainio", 50) else {
            panic!("every shard is here");
        };
        assert!(!found.hits.is_empty());
        assert!(found.hits.iter().all(|h| h.group == "smog"));
        let mut texts = Texts::default();
        texts.insert("smog".into(), Some(smog));
        let snippet = texts.snippet(&found.hits[0], &found.marks).unwrap();
        assert!(
            snippet.contains(&("Tainio".to_string(), true)),
            "{snippet:?}"
        );
    }

    /// `tests/search/queries.json`, as readers type, each with the episode meant: at least 90%
    /// find it among the first three pages (an episode's article or quiz) in each language.
    /// `./x bench` runs the same set in the browser, beside Pagefind.
    #[test]
    fn the_query_set_finds_its_episodes() {
        use loopje::search::{search, Answer, Catalog, Shards};
        let (root, site) = real_site();
        let set: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(root.join("tests/search/queries.json")).unwrap(),
        )
        .unwrap();
        let mut report = String::new();
        for (lang, index) in &site.search {
            let catalog = Catalog::new(index.docs.clone());
            let mut shards = Shards::new(*lang);
            for (key, shard) in &index.shards {
                shards.insert(*key, Some(shard.clone()));
            }
            // An episode's slug is the last part of its article's path.
            let group_of = |slug: &str| {
                index
                    .docs
                    .pages
                    .iter()
                    .find(|p| {
                        !p.quiz && p.path.trim_end_matches('/').ends_with(&format!("/{slug}"))
                    })
                    .map(|p| p.group.clone())
                    .unwrap_or_else(|| panic!("no episode {slug}"))
            };
            let queries = set[lang.code()].as_array().unwrap();
            let (mut top1, mut top3) = (0, 0);
            for q in queries {
                let (query, slug) = (q["q"].as_str().unwrap(), q["episode"].as_str().unwrap());
                let Answer::Found(found) = search(&catalog, &shards, query, 50) else {
                    panic!("every shard is here");
                };
                let mut pages: Vec<(&str, &str)> = Vec::new();
                for h in &found.hits {
                    if !pages.iter().any(|(p, _)| *p == h.path) {
                        pages.push((&h.path, &h.group));
                    }
                }
                let want = group_of(slug);
                let rank = pages.iter().position(|(_, g)| **g == want);
                top1 += usize::from(rank == Some(0));
                top3 += usize::from(rank.is_some_and(|r| r < 3));
                if rank.is_none_or(|r| r >= 3) {
                    let got: Vec<&str> = pages.iter().take(3).map(|(p, _)| *p).collect();
                    report.push_str(&format!(
                        "  {}: {query:?} → {got:?} (want {slug})\n",
                        lang.code()
                    ));
                }
            }
            let n = queries.len();
            eprintln!("{}: top-1 {top1}/{n}, top-3 {top3}/{n}", lang.code());
            assert!(n >= 40, "at least 40 queries per language");
            assert!(
                top3 * 10 >= n * 9,
                "{}: top-3 {top3}/{n} < 90%:\n{report}",
                lang.code()
            );
        }
        eprintln!("misses:\n{report}");
    }
}
