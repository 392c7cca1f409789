//! The season's real content: Dutch and English say the same things, and every source can be
//! found by a reader.

use loopje::model::{Block, Lang, PageContent};
use loopje_builder::{diagnostics::Diagnostics, load, pipeline};
use std::collections::BTreeMap;
use std::path::Path;

fn content() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../content")
}

/// Per episode number: (section ids, cited source keys in order, number of citation marks).
type Shape = (Vec<String>, Vec<String>, usize);

#[test]
fn dutch_and_english_have_the_same_shape() {
    let site = pipeline::build(&content(), &options()).unwrap_or_else(|e| panic!("{e:#?}"));
    let mut shapes: BTreeMap<(u32, Lang), Shape> = BTreeMap::new();
    for page in &site.pages {
        let PageContent::Episode(a) = &page.content else {
            continue;
        };
        let html: String = a
            .body
            .iter()
            .filter_map(|b| match b {
                Block::Html { html } => Some(html.as_str()),
                _ => None,
            })
            .collect();
        let shape = (
            a.toc.iter().map(|t| t.id.clone()).collect(),
            a.sources.iter().map(|s| s.key.clone()).collect(),
            html.matches("class=\"cite\"").count(),
        );
        shapes.insert((a.number, page.lang), shape);
    }
    let numbers: Vec<u32> = shapes.keys().map(|(n, _)| *n).collect();
    assert!(numbers.len() >= 12, "six episodes in two languages");
    for n in numbers {
        let nl = &shapes[&(n, Lang::Nl)];
        let en = &shapes[&(n, Lang::En)];
        assert_eq!(nl.0, en.0, "episode {n}: sections differ");
        assert_eq!(nl.1, en.1, "episode {n}: cited sources differ");
        assert_eq!(nl.2, en.2, "episode {n}: number of citations differs");
    }
}

#[test]
fn every_source_can_be_found() {
    let mut diags = Diagnostics::default();
    let loaded = load::load(&content(), &mut diags);
    assert!(diags.is_empty(), "{:?}", diags.into_sorted());
    assert!(loaded.sources.len() >= 30);
    for (key, src) in &loaded.sources {
        let findable =
            src.doi.is_some() || src.pmid.is_some() || src.isbn.is_some() || src.url.is_some();
        assert!(findable, "{key}: needs a doi, pmid, isbn or url");
    }
}

/// Wherever the season discusses mental health, the page data carries the help lines: episode 2
/// (its article, its intensity test and its quiz's mental-health questions), in both languages.
#[test]
fn help_lines_travel_with_mental_health_content() {
    use loopje::model::Widget;
    let site = pipeline::build(&content(), &options()).unwrap_or_else(|e| panic!("{e:#?}"));
    for path in ["/nl/afleveringen/hoe-hard/", "/en/episodes/how-hard/"] {
        let page = site.pages.iter().find(|p| p.path == path).expect(path);
        let PageContent::Episode(a) = &page.content else {
            panic!("{path}")
        };
        assert!(
            a.helplines_html.as_deref().unwrap_or("").contains("1813"),
            "{path}: article"
        );
        let (mut quiz, mut guide) = (None, None);
        for b in &a.body {
            match b {
                Block::Widget {
                    widget: Widget::Quiz { quiz: Some(q), .. },
                } => quiz = Some(q),
                Block::Widget {
                    widget: Widget::IntensityTest { guide: Some(g) },
                } => guide = Some(g),
                _ => {}
            }
        }
        let guide = guide.expect("the intensity test");
        assert!(
            guide
                .helplines_html
                .as_deref()
                .unwrap_or("")
                .contains("113"),
            "{path}: test"
        );
        assert!(
            !guide
                .helplines_html
                .as_deref()
                .unwrap_or("")
                .contains(" id="),
            "{path}: no duplicate ids"
        );
        let quiz = quiz.expect("the quiz");
        assert!(quiz.helplines_html.is_some(), "{path}: quiz result");
        let flagged: Vec<&str> = quiz
            .questions
            .iter()
            .filter(|q| q.mental_health)
            .map(|q| q.id.as_str())
            .collect();
        assert_eq!(
            flagged,
            [
                "intensity-depression",
                "harder-anxiety",
                "some-better-than-none"
            ],
            "{path}"
        );
    }
}

/// The embedded page data leaves out what the body already holds (article HTML, sources, the
/// widgets' copies of the help lines); the client's restore puts every piece back exactly.
#[test]
fn embedded_page_data_restores_to_the_page() {
    use loopje::model::Widget;
    let site = pipeline::build(&content(), &options()).unwrap_or_else(|e| panic!("{e:#?}"));
    let mut checked = 0;
    for page in &site.pages {
        let PageContent::Episode(a) = &page.content else {
            continue;
        };
        let blocks: Vec<String> = a
            .body
            .iter()
            .filter_map(|b| match b {
                Block::Html { html } => Some(html.clone()),
                _ => None,
            })
            .collect();
        let mut by_id: BTreeMap<String, String> = a
            .sources
            .iter()
            .map(|s| (format!("src-{}", s.key), s.html.clone()))
            .collect();
        for b in &a.body {
            if let Block::Widget {
                widget: Widget::IntensityTest { guide: Some(g) },
            } = b
            {
                by_id.extend(
                    g.sources
                        .iter()
                        .map(|s| (format!("int-src-{}", s.key), s.html.clone())),
                );
                by_id.insert(
                    loopje::INTENSITY_GUIDELINE_ID.to_string(),
                    g.guideline_html.clone(),
                );
            }
        }
        if let Some(h) = &a.helplines_html {
            by_id.insert(loopje::HELPLINES_ID.to_string(), h.clone());
        }
        let cue_texts: Vec<String> = a
            .audio
            .iter()
            .flat_map(|au| &au.transcript)
            .flat_map(|t| t.cues.iter().map(|c| c.text.clone()))
            .collect();
        let mut lean = loopje_builder::prerender::without_article_html(page);
        assert_ne!(&lean, page, "{}: something is left out", page.path);
        assert!(loopje::restore_article_html(&mut lean, blocks, |id| by_id
            .get(id)
            .cloned()));
        assert!(loopje::restore_transcript(&mut lean, cue_texts));
        assert_eq!(&lean, page, "{}", page.path);
        checked += 1;
    }
    assert!(checked >= 12);
}

/// Transcripts count as content (WCAG 1.2.1, a text alternative for prerecorded audio): every
/// episode with audio has one, in Dutch and in English, inside its audio, its files in the site,
/// and each chapter starting with a cue (the summaries' chapters start with their first sentence).
#[test]
fn every_episode_with_audio_has_a_transcript_in_both_languages() {
    let site = pipeline::build(&content(), &options()).unwrap_or_else(|e| panic!("{e:#?}"));
    let mut with_audio: BTreeMap<u32, Vec<Lang>> = BTreeMap::new();
    let mut languages: BTreeMap<u32, Vec<Lang>> = BTreeMap::new();
    for page in &site.pages {
        let PageContent::Episode(a) = &page.content else {
            continue;
        };
        languages.entry(a.number).or_default().push(page.lang);
        let Some(audio) = &a.audio else { continue };
        let t = audio.transcript.as_ref().unwrap_or_else(|| {
            panic!(
                "{}: audio without a transcript: add `transcript = \"{}.vtt\"`",
                page.path,
                page.lang.code()
            )
        });
        assert!(t.cues.len() >= 3, "{}: {} cues", page.path, t.cues.len());
        assert!(
            t.cues
                .iter()
                .all(|c| !c.text.trim().is_empty() && c.start < c.end),
            "{}",
            page.path
        );
        assert!(
            t.cues.last().unwrap().end <= audio.duration + 0.5,
            "{}",
            page.path
        );
        for url in [&t.vtt, &t.json] {
            assert!(
                site.media
                    .iter()
                    .any(|(_, dest)| format!("/{dest}") == *url),
                "{url} is not in the site"
            );
        }
        for ch in &audio.chapters {
            assert!(
                t.cues.iter().any(|c| (c.start - ch.start).abs() < 0.01),
                "{}: chapter `{}` at {} starts no cue",
                page.path,
                ch.title,
                ch.start
            );
        }
        with_audio.entry(a.number).or_default().push(page.lang);
    }
    assert!(
        with_audio.len() >= 6,
        "every episode of the season has audio"
    );
    for (n, langs) in &with_audio {
        assert_eq!(
            &languages[n], langs,
            "episode {n}: a transcript in every language"
        );
        assert_eq!(langs.len(), Lang::ALL.len(), "episode {n}");
    }
}

/// Generated spoken summaries are cached across test runs, like the real build's.
fn options() -> pipeline::Options {
    pipeline::Options {
        cache: Path::new(env!("CARGO_TARGET_TMPDIR")).join("loopje-cache"),
    }
}

/// A season longer than `NEWEST_EPISODES`: the home page and the season quiz keep to the newest
/// episodes (their size does not grow with the season) and the archive lists every episode.
#[test]
fn a_long_season_keeps_its_home_page_and_season_quiz_to_the_newest_episodes() {
    use loopje::model::{archive_path, quiz_path, NEWEST_EPISODES, SEASON_QUIZ};
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("long-season");
    let total = NEWEST_EPISODES + 3;
    loopje_builder::synth::season(&content(), total, &dir).unwrap();
    let site = pipeline::build(&dir, &options()).unwrap_or_else(|e| panic!("{e:#?}"));
    let page = |path: &str| {
        site.pages
            .iter()
            .find(|p| p.path == path)
            .unwrap_or_else(|| panic!("no page {path}"))
    };
    for lang in Lang::ALL {
        let PageContent::Home {
            episodes, total: n, ..
        } = &page(&lang.home_path()).content
        else {
            panic!("home");
        };
        assert_eq!((episodes.len(), *n), (NEWEST_EPISODES, total));
        let numbers: Vec<u32> = episodes.iter().map(|e| e.number).collect();
        assert_eq!(numbers[0], total as u32, "newest first");
        assert_eq!(numbers[NEWEST_EPISODES - 1], 4);
        let PageContent::Archive { episodes: all } = &page(&archive_path(lang)).content else {
            panic!("archive");
        };
        assert_eq!(all.len(), total);
        assert!(all.iter().all(|e| e.summary.is_empty()), "compact cards");
        let PageContent::Quiz(season) = &page(&quiz_path(lang, SEASON_QUIZ)).content else {
            panic!("season quiz");
        };
        let oldest = season.questions.iter().map(|q| q.episode.number).min();
        assert_eq!(
            oldest,
            Some(4),
            "only the newest {NEWEST_EPISODES} episodes"
        );
        assert!(season.title.contains(&NEWEST_EPISODES.to_string()));
    }
    // The real season (6 episodes) has no archive: its home page lists every episode.
    let real = pipeline::build(&content(), &options()).unwrap();
    assert!(real.pages.iter().all(|p| p.path != archive_path(Lang::Nl)));
    std::fs::remove_dir_all(dir).unwrap();
}

/// The season's feeds list every episode with its audio, and say what the site's settings say.
#[test]
fn the_feeds_list_every_episode() {
    use loopje_builder::{feeds, podcast};
    let site = pipeline::build(&content(), &options()).unwrap_or_else(|e| panic!("{e:#?}"));
    for lang in Lang::ALL {
        let xml = feeds::rss(&site.pages, lang, &site.base_url, &site.podcast);
        let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
        let count = |name: &str| doc.descendants().filter(|n| n.has_tag_name(name)).count();
        assert_eq!(count("item"), 6, "{lang:?}");
        assert_eq!(count("enclosure"), 6);
        let guid = doc
            .descendants()
            .find(|n| n.tag_name().name() == "guid" && n.tag_name().namespace().is_some())
            .and_then(|n| n.text());
        let feed = feeds::feed_url(&site.base_url, lang);
        assert_eq!(guid, Some(podcast::guid(&feed).as_str()));
        let first_category = doc
            .descendants()
            .find(|n| n.tag_name().name() == "category")
            .and_then(|n| n.attribute("text"));
        assert_eq!(first_category, Some("Health & Fitness"));
    }
}

/// An episode saved with Windows line endings and a byte-order mark builds exactly like its
/// LF twin: every prerendered file (`index.html`, `page.json`, the search index, feeds, …)
/// is byte-identical. The twin is made here, as git may normalise a committed one.
#[test]
fn a_crlf_and_bom_twin_builds_byte_identical_output() {
    let work = Path::new(env!("CARGO_TARGET_TMPDIR")).join("crlf-twin");
    let _ = std::fs::remove_dir_all(&work);
    let template = "<!DOCTYPE html><html lang=\"nl\"><head></head><body></body></html>";
    let mut outputs = Vec::new();
    for twin in [false, true] {
        let dir = work.join(if twin { "crlf" } else { "lf" });
        copy_dir(&content(), &dir.join("content"));
        let article = dir.join("content/episodes/01-hoofd/nl.md");
        if twin {
            let text = std::fs::read_to_string(&article).unwrap();
            assert!(!text.contains('\r'));
            let crlf = format!("\u{feff}{}", text.replace('\n', "\r\n"));
            std::fs::write(&article, crlf).unwrap();
        }
        let site =
            pipeline::build(&dir.join("content"), &options()).unwrap_or_else(|e| panic!("{e:#?}"));
        let out = dir.join("dist");
        loopje_builder::prerender::write(&site, template, &out).unwrap();
        outputs.push(files(&out));
    }
    let (lf, crlf) = (&outputs[0], &outputs[1]);
    assert!(lf.len() > 50, "{} files", lf.len());
    assert!(lf.keys().any(|f| f.ends_with("hoofd-op-orde/page.json")));
    assert_eq!(
        lf.keys().collect::<Vec<_>>(),
        crlf.keys().collect::<Vec<_>>()
    );
    for (file, bytes) in lf {
        assert!(&crlf[file] == bytes, "{file} differs");
    }
    std::fs::remove_dir_all(work).unwrap();
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &dest);
        } else {
            std::fs::copy(entry.path(), dest).unwrap();
        }
    }
}

/// Every file under `dir`, by its path relative to `dir`.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                todo.push(path);
            } else {
                let name = path.strip_prefix(dir).unwrap().display().to_string();
                out.insert(name, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}
