//! The renderer's output for small articles.

use super::*;
use loopje::model::Widget;
use std::path::PathBuf;

fn render_nl(md: &str) -> (Rendered, Vec<String>) {
    let mut d = Diagnostics::default();
    let file = PathBuf::from("ep/nl.md");
    let resolve = |id: &str| (id == "andere").then(|| "/nl/afleveringen/andere/".to_string());
    let cx = Context {
        file: &file,
        first_line: 10,
        lang: Lang::Nl,
        episode_id: "hoofd",
        episode_path: &resolve,
        audio: None,
        cite_prefix: "src-",
    };
    let r = render(md, &cx, &mut d);
    (r, d.into_sorted().iter().map(|d| d.to_string()).collect())
}

fn html(r: &Rendered) -> String {
    r.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Html { html } => Some(html.as_str()),
            _ => None,
        })
        .collect()
}

#[test]
fn slugs() {
    assert_eq!(slugify("Zo goed als therapie?"), "zo-goed-als-therapie");
    assert_eq!(slugify("Één café — daarna"), "een-cafe-daarna");
}

#[test]
fn timestamps() {
    assert_eq!(parse_timestamp("12:30"), Some(750));
    assert_eq!(parse_timestamp("1:02:03"), Some(3723));
    assert_eq!(parse_timestamp("12:3"), None);
    assert_eq!(parse_timestamp("1:60"), None);
    assert_eq!(parse_timestamp("@x"), None);
}

#[test]
fn headings_make_toc_and_ids() {
    let (r, errs) = render_nl("## Eerste deel\n\ntekst\n\n### Sub {#eigen}\n\n## Eerste deel\n");
    assert!(errs.is_empty(), "{errs:?}");
    let ids: Vec<_> = r.toc.iter().map(|e| (e.level, e.id.as_str())).collect();
    assert_eq!(
        ids,
        [(2, "eerste-deel"), (3, "eigen"), (2, "eerste-deel-2")]
    );
    assert!(html(&r).contains("<h3 id=\"eigen\">Sub</h3>"));
}

#[test]
fn citations_numbered_by_first_use() {
    let (r, errs) = render_nl("Een [@b]. Twee [@a; @b].\n");
    assert!(errs.is_empty(), "{errs:?}");
    let keys: Vec<_> = r.refs.citations.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["b", "a", "b"]);
    let h = html(&r);
    assert!(
        h.contains("<a href=\"#src-b\" aria-label=\"bron 1\">1</a>"),
        "{h}"
    );
    assert!(
        h.contains("href=\"#src-a\" aria-label=\"bron 2\">2</a>, <a href=\"#src-b\""),
        "{h}"
    );
}

#[test]
fn footnotes_listed_at_end_with_backlinks() {
    let (r, errs) = render_nl("Tekst[^smd].\n\n[^smd]: Uitleg.\n");
    assert!(errs.is_empty(), "{errs:?}");
    let h = html(&r);
    assert!(
        h.contains("<sup class=\"fnref\" id=\"fnref-smd\"><a href=\"#fn-smd\">1</a></sup>"),
        "{h}"
    );
    assert!(
        h.contains("<li id=\"fn-smd\"><p>Uitleg.</p><p><a class=\"fn-back\" href=\"#fnref-smd\">"),
        "{h}"
    );
}

#[test]
fn directives_split_blocks() {
    let (r, errs) =
        render_nl("Voor.\n\n{{quiz hoofd}}\n\nNa.\n\n{{pullquote Iets is beter dan niets.}}\n");
    assert!(errs.is_empty(), "{errs:?}");
    assert_eq!(r.blocks.len(), 3);
    assert_eq!(
        r.blocks[1],
        Block::Widget {
            widget: Widget::Quiz {
                id: "hoofd".into(),
                quiz: None
            }
        }
    );
    assert!(html(&r)
        .contains("<figure class=\"pullquote\"><blockquote><p>Iets is beter dan niets.</p>"));
    assert_eq!(r.refs.quizzes, [("hoofd".to_string(), 12)]);
}

#[test]
fn episode_and_anchor_links() {
    let (r, errs) = render_nl("Zie [dit](ep:andere#x) en [dat](#boven).\n");
    assert!(errs.is_empty(), "{errs:?}");
    assert!(html(&r).contains("href=\"/nl/afleveringen/andere/#x\""));
    assert_eq!(
        r.refs.episode_links,
        [("andere".into(), Some("x".into()), 10)]
    );
    assert_eq!(r.refs.anchor_links, [("boven".into(), 10)]);
}

#[test]
fn raw_html_is_sanitised() {
    let (r, _) = render_nl("Hallo <span onclick=\"x()\">daar</span>\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n");
    let h = html(&r);
    assert!(
        !h.contains("onclick") && !h.contains("<script") && !h.contains("onerror"),
        "{h}"
    );
    assert!(h.contains("<span>daar</span>"), "{h}");
}

#[test]
fn tables_are_wrapped_and_smart_punctuation_applies() {
    let (r, _) = render_nl("| a | b |\n|---|--:|\n| \"x\" | 1 |\n");
    let h = html(&r);
    assert!(
        h.contains("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\""),
        "{h}"
    );
    assert!(h.contains("“x”"), "{h}");
    assert!(h.contains("style=\"text-align: right\""), "{h}");
}

#[test]
fn reading_time_counts_words() {
    let (r, _) = render_nl(&"woord ".repeat(450));
    assert_eq!(r.words, 450);
    assert_eq!(reading_minutes(r.words), 3);
    assert_eq!(reading_minutes(0), 1);
}

#[test]
fn section_texts_for_search() {
    let md = "Intro with a source [@smith2020] and a note[^n]. A rate [@smith2020], (see [@x]).\n\n## First {#first}\n\n*Listen: [0:34]*\n\nText **bo**ld `code`.\n\n{{quiz een}}\n\n### Sub [@x]\n\n| a | b |\n|---|---|\n| c | d |\n\n- one\n- two\n\n[^n]: The *note*.\n";
    let (r, _) = render_nl(md);
    let got: Vec<(Option<&str>, Option<&str>, &str)> = r
        .sections
        .iter()
        .map(|s| (s.anchor.as_deref(), s.heading.as_deref(), s.text.as_str()))
        .collect();
    let notes = loopje::i18n::strings(Lang::Nl).footnotes_title;
    assert_eq!(
        got,
        [
            (None, None, "Intro with a source and a note. A rate, (see)."),
            (Some("first"), Some("First"), "Listen: Text bold code."),
            (Some("sub-x"), Some("Sub"), "a b c d one two"),
            (Some("footnotes-title"), Some(notes), "The note."),
        ]
    );
}

/// One folding table: heading ids fold letters as the search (the app's) does.
#[test]
fn slugs_fold_letters_as_search_does() {
    let letters = "é ï ø æ ß ý ÿ À Ç Ñ Ö Å ú ë";
    let slug: Vec<String> = slugify(letters).split('-').map(String::from).collect();
    assert_eq!(slug, loopje::search::terms(letters));
    assert_eq!(
        slug,
        ["e", "i", "o", "æ", "ß", "y", "y", "a", "c", "n", "o", "a", "u", "e"]
    );
}
