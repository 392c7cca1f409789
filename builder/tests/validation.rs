//! One fixture folder per validation rule (mdBook style): `fixtures/<case>/content/` holds the
//! files that differ from `fixtures/base/content/`, `delete` lists files to remove, and
//! `expected.txt` the exact `file:line: problem — fix` lines the build must report.
//! `UPDATE_EXPECT=1 cargo test` rewrites the expectations (review the diff!). Cases named
//! `*-ok` are valid content with a test of their own.

mod common;

use common::{content_for, fixtures, options};
use loopje::model::{Block, PageContent, Widget};
use loopje_builder::pipeline;
use std::fs;
use std::path::Path;

fn errors(content: &Path) -> Vec<String> {
    match pipeline::build(content, &options()) {
        Ok(_) => vec![],
        Err(errs) => errs
            .into_iter()
            .map(|mut d| {
                d.file = d
                    .file
                    .strip_prefix(content)
                    .unwrap_or(&d.file)
                    .to_path_buf();
                d.to_string()
                    .replace(&format!("{}/", content.display()), "")
            })
            .collect(),
    }
}

#[test]
fn base_fixture_is_valid() {
    let dir = content_for("base");
    let site = pipeline::build(&dir, &options()).unwrap_or_else(|e| panic!("{e:?}"));
    fs::remove_dir_all(dir).unwrap();
    let paths: Vec<&str> = site.pages.iter().map(|p| p.path.as_str()).collect();
    for expected in [
        "/nl/",
        "/nl/afleveringen/een/",
        "/nl/afleveringen/twee/",
        "/nl/quiz/",
        "/nl/quiz/een/",
        "/nl/quiz/seizoen/",
        "/en/",
        "/en/episodes/one/",
        "/en/quiz/season/",
    ] {
        assert!(
            paths.contains(&expected),
            "{expected} missing from {paths:?}"
        );
    }
    assert_eq!(site.pages.len(), 14);

    // The quiz directive in episode one carries the whole quiz, resolved for its language.
    let page = |path: &str| site.pages.iter().find(|p| p.path == path).unwrap();
    let PageContent::Episode(article) = &page("/en/episodes/one/").content else {
        panic!()
    };
    let quiz = article
        .body
        .iter()
        .find_map(|b| match b {
            Block::Widget {
                widget: Widget::Quiz { quiz: Some(q), .. },
            } => Some(q),
            _ => None,
        })
        .expect("quiz widget filled in");
    assert_eq!(quiz.title, "Quiz one");
    assert_eq!(quiz.questions[0].statement, "A statement.");
    assert_eq!(quiz.questions[0].sources[0].label, "Smith 2020");
    assert_eq!(
        quiz.questions[0].sources[0].href,
        "https://doi.org/10.1000/test"
    );
    assert_eq!(
        quiz.questions[1].episode.path, "/en/episodes/two/",
        "question's own episode"
    );
    assert!(
        quiz.helplines_html.as_deref().unwrap().contains("1813"),
        "mental-health quiz shows help lines"
    );
    let PageContent::Quiz(season) = &page("/nl/quiz/seizoen/").content else {
        panic!()
    };
    let ids: Vec<&str> = season.questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(ids, ["een/eerste", "een/tweede"]);
    assert_eq!(page("/nl/quiz/seizoen/").alternate, "/en/quiz/season/");
}

/// The Dutch article of the fixtures' episode one.
fn episode_one(site: &pipeline::Site) -> &loopje::model::Article {
    let page = site
        .pages
        .iter()
        .find(|p| p.path == "/nl/afleveringen/een/")
        .expect("episode one");
    let PageContent::Episode(article) = &page.content else {
        panic!("not an episode: {}", page.path)
    };
    article
}

#[test]
fn audio_is_measured_and_its_chapters_read() {
    let dir = content_for("audio-ok");
    let site = pipeline::build(&dir, &options()).unwrap_or_else(|e| panic!("{e:?}"));
    let article = episode_one(&site);
    let audio = article.audio.as_ref().expect("audio");
    assert_eq!(audio.url, "/media/een/nl.mp3");
    assert_eq!(audio.mime, "audio/mpeg");
    assert_eq!(
        audio.bytes,
        fs::metadata(dir.join("episodes/01-een/nl.mp3"))
            .unwrap()
            .len()
    );
    assert!((1.0..4.0).contains(&audio.duration), "{}", audio.duration);
    assert_eq!(
        article.listening_minutes, 1,
        "from the file, not the front matter"
    );
    let titles: Vec<(&str, bool)> = audio
        .chapters
        .iter()
        .map(|c| (c.title.as_str(), c.toc))
        .collect();
    assert_eq!(titles, [("Begin", true), ("Verder", false)]);
    let html = article
        .body
        .iter()
        .find_map(|b| match b {
            Block::Html { html } => Some(html.clone()),
            _ => None,
        })
        .unwrap();
    assert!(
        html.contains(r#"href="/media/een/nl.mp3#t=1" data-t="1""#),
        "timestamp links to a media fragment: {html}"
    );
    let media: Vec<&str> = site.media.iter().map(|(_, d)| d.as_str()).collect();
    assert!(media.contains(&"media/een/nl.mp3") && media.contains(&"media/een/nl.chapters.json"));
    // The English page has no audio: its listening time stays the front matter's.
    let en = site
        .pages
        .iter()
        .find(|p| p.path == "/en/episodes/one/")
        .unwrap();
    let PageContent::Episode(article) = &en.content else {
        panic!()
    };
    assert!(article.audio.is_none());
    assert_eq!(article.listening_minutes, 10);
    fs::remove_dir_all(dir).unwrap();
}

/// A recording's own WebVTT file is read (speakers, several lines, notes and cue settings),
/// served beside the audio, and turned into the JSON transcript.
#[test]
fn a_recording_brings_its_own_transcript() {
    let dir = content_for("vtt-ok");
    let site = pipeline::build(&dir, &options()).unwrap_or_else(|e| panic!("{e:?}"));
    let article = episode_one(&site);
    let t = article
        .audio
        .as_ref()
        .unwrap()
        .transcript
        .as_ref()
        .expect("transcript");
    assert_eq!(t.vtt, "/media/een/nl.vtt");
    assert_eq!(t.json, "/media/een/nl.transcript.json");
    let cues: Vec<(f64, f64, &str, Option<&str>)> = t
        .cues
        .iter()
        .map(|c| (c.start, c.end, c.text.as_str(), c.speaker.as_deref()))
        .collect();
    assert_eq!(
        cues,
        [
            (0.0, 0.8, "Welkom & goeiedag.", Some("Ann")),
            (0.9, 1.5, "Dag Ann. Fijn om hier te zijn.", Some("Bram")),
        ]
    );
    let json = site
        .media
        .iter()
        .find(|(_, dest)| dest == "media/een/nl.transcript.json")
        .map(|(source, _)| fs::read_to_string(source).unwrap())
        .expect("the JSON transcript is in the site");
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["version"], "1.0.0");
    assert_eq!(
        json["segments"][1],
        serde_json::json!({"speaker": "Bram", "startTime": 0.9, "endTime": 1.5, "body": "Dag Ann. Fijn om hier te zijn."})
    );
    assert!(site
        .media
        .iter()
        .any(|(source, dest)| dest == "media/een/nl.vtt" && source.starts_with(&dir)));
    fs::remove_dir_all(dir).unwrap();
}

/// Files with a byte-order mark, CRLF or lone CR line endings build the same pages as the
/// base's LF files.
#[test]
fn crlf_cr_and_bom_build_like_lf() {
    let json = |case: &str| {
        let dir = content_for(case);
        let site = pipeline::build(&dir, &options()).unwrap_or_else(|e| panic!("{case}: {e:?}"));
        fs::remove_dir_all(dir).unwrap();
        serde_json::to_string(&site.pages).unwrap()
    };
    let crlf = fs::read(fixtures().join("crlf-ok/content/episodes/01-een/nl.md")).unwrap();
    assert!(
        crlf.starts_with(b"\xEF\xBB\xBF+++\r\n"),
        "the fixture kept its bytes"
    );
    assert_eq!(json("base"), json("crlf-ok"));
}

#[test]
fn every_case_reports_exactly_its_errors() {
    let mut cases: Vec<String> = fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().to_string())
        // `base` and `*-ok` are valid content, checked by their own tests.
        .filter(|n| n != "base" && !n.ends_with("-ok"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 15, "fixture cases went missing");
    let mut failures = Vec::new();
    for case in &cases {
        let dir = content_for(case);
        let got = errors(&dir);
        fs::remove_dir_all(&dir).unwrap();
        let expected_file = fixtures().join(case).join("expected.txt");
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            fs::write(&expected_file, got.join("\n") + "\n").unwrap();
            continue;
        }
        let expected: Vec<String> = fs::read_to_string(&expected_file)
            .unwrap_or_default()
            .lines()
            .map(str::to_string)
            .collect();
        if got.is_empty() {
            failures.push(format!("{case}: the build accepted invalid content"));
        } else if got != expected {
            failures.push(format!("{case}:\n  expected {expected:#?}\n  got {got:#?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
