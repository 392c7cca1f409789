//! One fixture folder per validation rule (mdBook style): `fixtures/<case>/content/` holds the
//! files that differ from `fixtures/base/content/`, `delete` lists files to remove, and
//! `expected.txt` the exact `file:line: problem — fix` lines the build must report.
//! `UPDATE_EXPECT=1 cargo test` rewrites the expectations (review the diff!).

use loopje::model::{Block, PageContent, Widget};
use loopje_builder::pipeline;
use std::fs;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &dest);
        } else {
            fs::copy(entry.path(), dest).unwrap();
        }
    }
}

/// The base content with the case's changes applied, in a fresh folder.
fn content_for(case: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("loopje-fixture-{}-{case}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    copy_dir(&fixtures().join("base/content"), &dir);
    let overlay = fixtures().join(case).join("content");
    if overlay.is_dir() {
        copy_dir(&overlay, &dir);
    }
    if let Ok(list) = fs::read_to_string(fixtures().join(case).join("delete")) {
        for f in list.lines().filter(|l| !l.trim().is_empty()) {
            fs::remove_file(dir.join(f.trim())).unwrap();
        }
    }
    dir
}

fn errors(content: &Path) -> Vec<String> {
    match pipeline::build(content) {
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
    let site = pipeline::build(&dir).unwrap_or_else(|e| panic!("{e:?}"));
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
    assert_eq!(site.pages.len(), 12);

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

#[test]
fn every_case_reports_exactly_its_errors() {
    let mut cases: Vec<String> = fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n != "base")
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
