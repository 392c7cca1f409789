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

/// Generated spoken summaries are cached across test runs, like the real build's.
fn options() -> pipeline::Options {
    pipeline::Options {
        cache: Path::new(env!("CARGO_TARGET_TMPDIR")).join("loopje-cache"),
    }
}
