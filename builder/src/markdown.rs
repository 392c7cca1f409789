//! Stage 2: render one article's Markdown into sanitised HTML blocks and widgets, with its table
//! of contents, citations and footnotes, recording every reference that `validate` must check.
//! All pulldown-cmark options live here, so every article is rendered the same way.

use crate::diagnostics::{Diagnostics, LineIndex};
use crate::escape::escape as attr;
use loopje::i18n::{fill, strings};
use loopje::model::{AudioTrack, Block, Lang, TocEntry, Widget};
use loopje::widgets::player::logic::clock;
use pulldown_cmark::{html, BrokenLink, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::{BTreeMap, HashSet};
use std::ops::Range;
use std::path::Path;

/// Where a rendered article refers to: checked by `validate` once every file is loaded.
#[derive(Debug, Default, PartialEq)]
pub struct References {
    /// Source keys in order of first citation, with the line of each citation.
    pub citations: Vec<(String, usize)>,
    /// `ep:<id>[#anchor]` links: (episode id, anchor, line).
    pub episode_links: Vec<(String, Option<String>, usize)>,
    /// `#anchor` links within the page.
    pub anchor_links: Vec<(String, usize)>,
    /// `/…` links to routes of the site.
    pub site_links: Vec<(String, usize)>,
    pub quizzes: Vec<(String, usize)>,
    /// Lines of `{{intensity-test}}` directives.
    pub intensity_tests: Vec<usize>,
    /// Image files relative to the episode folder.
    pub images: Vec<(String, usize)>,
    pub timestamps: Vec<(u32, usize)>,
}

#[derive(Debug, Default)]
pub struct Rendered {
    pub blocks: Vec<Block>,
    pub toc: Vec<TocEntry>,
    /// Ids that `#anchor` links may point at.
    pub anchors: HashSet<String>,
    pub words: usize,
    pub refs: References,
}

impl Rendered {
    /// The HTML blocks joined, for texts that hold no widgets (help lines, the intensity texts).
    pub fn html(&self) -> String {
        self.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Html { html } => Some(html.as_str()),
                Block::Widget { .. } => None,
            })
            .collect()
    }
}

/// What the renderer needs to know about the article's place in the site.
pub struct Context<'a> {
    pub file: &'a Path,
    /// Line of the file on which the Markdown starts.
    pub first_line: usize,
    pub lang: Lang,
    pub episode_id: &'a str,
    /// Resolves an episode id to its path in this language.
    pub episode_path: &'a dyn Fn(&str) -> Option<String>,
    /// The episode's audio, for timestamp links.
    pub audio: Option<&'a AudioTrack>,
    /// Prefix of the anchors citations link to (`src-` in articles).
    pub cite_prefix: &'a str,
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_STRIKETHROUGH
}

/// Reading speed for the computed reading time (words per minute, for screen reading).
pub const WORDS_PER_MINUTE: usize = 200;

pub fn reading_minutes(words: usize) -> u32 {
    words.div_ceil(WORDS_PER_MINUTE).max(1) as u32
}

/// Lower-case, ASCII-folded, hyphenated heading id.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    for c in text.to_lowercase().chars().flat_map(fold) {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if (c.is_whitespace() || c == '-') && !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

fn fold(c: char) -> Vec<char> {
    let base = match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' | 'ø' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ç' => 'c',
        'ñ' => 'n',
        'æ' => return vec!['a', 'e'],
        'ß' => return vec!['s', 's'],
        c => c,
    };
    vec![base]
}

/// `12:30` → 750, `1:02:03` → 3723.
pub fn parse_timestamp(s: &str) -> Option<u32> {
    let parts: Vec<&str> = s.split(':').collect();
    if !(2..=3).contains(&parts.len())
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let nums: Vec<u32> = parts
        .iter()
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    if nums[1..].iter().any(|&n| n >= 60) || parts[1..].iter().any(|p| p.len() != 2) {
        return None;
    }
    Some(nums.iter().fold(0, |acc, n| acc * 60 + n))
}

fn escape(s: &str) -> String {
    let mut out = String::new();
    html::push_html(&mut out, std::iter::once(Event::Text(CowStr::Borrowed(s))));
    out
}

/// Renders inline events to HTML (used for headings and footnote bodies).
fn events_html(events: Vec<Event<'_>>) -> String {
    let mut out = String::new();
    html::push_html(&mut out, events.into_iter());
    out
}

fn plain_text<'a, 'e: 'a>(events: impl IntoIterator<Item = &'a Event<'e>>) -> String {
    let mut s = String::new();
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s
}

const CITE: &str = "cite:";
const TIMESTAMP: &str = "timestamp:";

pub fn render(markdown: &str, cx: &Context, diags: &mut Diagnostics) -> Rendered {
    render_numbered(markdown, cx, &mut BTreeMap::new(), diags)
}

/// Like [`render`], continuing the citation numbering in `cite_numbers` (for texts rendered
/// in several pieces that share one sources list).
pub fn render_numbered(
    markdown: &str,
    cx: &Context,
    cite_numbers: &mut BTreeMap<String, usize>,
    diags: &mut Diagnostics,
) -> Rendered {
    let lines = LineIndex::new(markdown.as_bytes());
    let line = |offset: usize| cx.first_line + lines.line(offset) - 1;
    let t = strings(cx.lang);

    // `[@key]` and `[12:30]` are not links in Markdown; turn them into links we recognise below.
    let mut callback = |link: BrokenLink<'_>| -> Option<(CowStr<'_>, CowStr<'_>)> {
        let r = link.reference.trim();
        if r.starts_with('@') {
            Some((format!("{CITE}{r}").into(), "".into()))
        } else if parse_timestamp(r).is_some() {
            Some((format!("{TIMESTAMP}{r}").into(), "".into()))
        } else {
            None
        }
    };
    let events: Vec<(Event, Range<usize>)> =
        Parser::new_with_broken_link_callback(markdown, options(), Some(&mut callback))
            .into_offset_iter()
            .collect();

    let mut out = Rendered::default();
    let mut html_buf = String::new();
    let mut pending: Vec<Event> = Vec::new();
    let mut used_ids: HashSet<String> = HashSet::new();
    let mut footnote_numbers: BTreeMap<String, usize> = BTreeMap::new();
    let mut footnote_defs: BTreeMap<String, (String, usize)> = BTreeMap::new();
    let mut i = 0;

    macro_rules! flush_inline {
        () => {
            if !pending.is_empty() {
                html::push_html(&mut html_buf, pending.drain(..));
            }
        };
    }

    while i < events.len() {
        let (event, range) = &events[i];
        let ln = line(range.start);
        match event {
            Event::Start(Tag::Heading {
                level, id, classes, ..
            }) => {
                let end = find_end(&events, i, |e| matches!(e, Event::End(TagEnd::Heading(_))));
                let text = plain_text(events[i + 1..end].iter().map(|(e, _)| e));
                out.words += count_words(&text);
                if *level == HeadingLevel::H1 {
                    diags.error(
                        cx.file,
                        ln,
                        format!("`# {text}` is a level-1 heading"),
                        "the title is the page's only h1: start sections at `##`",
                    );
                }
                let base = id
                    .as_ref()
                    .map(|s| s.to_string())
                    .unwrap_or_else(|| slugify(&text));
                let base = if base.is_empty() {
                    "section".to_string()
                } else {
                    base
                };
                let mut hid = base.clone();
                let mut n = 2;
                while used_ids.contains(&hid) {
                    if id.is_some() {
                        diags.error(
                            cx.file,
                            ln,
                            format!("heading id `{hid}` is used twice"),
                            "give each heading a unique `{#id}`",
                        );
                        break;
                    }
                    hid = format!("{base}-{n}");
                    n += 1;
                }
                used_ids.insert(hid.clone());
                out.anchors.insert(hid.clone());
                let lvl = *level as u8;
                if (2..=3).contains(&lvl) {
                    out.toc.push(TocEntry {
                        level: lvl,
                        id: hid.clone(),
                        text: text.trim().to_string(),
                    });
                }
                flush_inline!();
                let class = if classes.is_empty() {
                    String::new()
                } else {
                    format!(" class=\"{}\"", attr(&classes.join(" ")))
                };
                let inner_html = render_inline(
                    &events[i + 1..end],
                    cx,
                    &line,
                    &mut out,
                    cite_numbers,
                    &mut footnote_numbers,
                    diags,
                );
                html_buf.push_str(&format!(
                    "<h{lvl} id=\"{}\"{class}>{inner_html}</h{lvl}>\n",
                    attr(&hid)
                ));
                i = end + 1;
                continue;
            }
            Event::Start(Tag::Paragraph) => {
                let end = find_end(&events, i, |e| matches!(e, Event::End(TagEnd::Paragraph)));
                let inner = &events[i + 1..end];
                let text = plain_text(inner.iter().map(|(e, _)| e));
                let trimmed = text.trim();
                if trimmed.starts_with("{{")
                    && trimmed.ends_with("}}")
                    && !trimmed[2..].contains("{{")
                {
                    flush_inline!();
                    directive(
                        &trimmed[2..trimmed.len() - 2],
                        ln,
                        cx,
                        &mut out,
                        &mut html_buf,
                        diags,
                    );
                    i = end + 1;
                    continue;
                }
                if text.contains("{{") {
                    diags.error(
                        cx.file,
                        ln,
                        "a `{{…}}` directive is mixed with other text",
                        "put the directive alone on its own line, with blank lines around it",
                    );
                }
                out.words += count_words(&text);
                flush_inline!();
                let inner_html = render_inline(
                    inner,
                    cx,
                    &line,
                    &mut out,
                    cite_numbers,
                    &mut footnote_numbers,
                    diags,
                );
                html_buf.push_str(&format!("<p>{inner_html}</p>\n"));
                i = end + 1;
                continue;
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let end = find_end(&events, i, |e| {
                    matches!(e, Event::End(TagEnd::FootnoteDefinition))
                });
                let mut body = String::new();
                let mut j = i + 1;
                while j < end {
                    if let Event::Start(Tag::Paragraph) = events[j].0 {
                        let pend =
                            find_end(&events, j, |e| matches!(e, Event::End(TagEnd::Paragraph)));
                        let inner_html = inline_span(
                            &events[j + 1..pend],
                            cx,
                            &line,
                            &mut out,
                            cite_numbers,
                            &mut footnote_numbers,
                            diags,
                        );
                        body.push_str(&format!("<p>{inner_html}</p>"));
                        j = pend + 1;
                    } else {
                        j += 1;
                    }
                }
                if footnote_defs
                    .insert(label.to_string(), (body, ln))
                    .is_some()
                {
                    diags.error(
                        cx.file,
                        ln,
                        format!("footnote `[^{label}]` is defined twice"),
                        "keep one definition",
                    );
                }
                i = end + 1;
                continue;
            }
            Event::Start(Tag::Table(_)) => {
                flush_inline!();
                // A table may scroll sideways on a phone: its wrapper is a named region that
                // the keyboard can reach and scroll (WCAG 2.1.1), named by its column headings.
                let head = table_head(&events, i);
                if head.iter().any(String::is_empty) {
                    diags.error(
                        cx.file,
                        ln,
                        "a table header cell is empty",
                        "name every column (screen readers read the header with each cell)",
                    );
                }
                let label = crate::escape::escape(&head.join(", "));
                html_buf.push_str(&format!(
                    "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{label}\">"
                ));
                pending.push(event.clone());
            }
            Event::End(TagEnd::Table) => {
                pending.push(event.clone());
                flush_inline!();
                html_buf.push_str("</div>\n");
            }
            Event::Start(Tag::TableCell) => {
                // Stays in the pending stream: pulldown-cmark's writer tracks table state.
                let end = find_end(&events, i, |e| matches!(e, Event::End(TagEnd::TableCell)));
                let inner_html = inline_span(
                    &events[i + 1..end],
                    cx,
                    &line,
                    &mut out,
                    cite_numbers,
                    &mut footnote_numbers,
                    diags,
                );
                pending.push(event.clone());
                pending.push(Event::InlineHtml(inner_html.into()));
                pending.push(events[end].0.clone());
                i = end + 1;
                continue;
            }
            Event::Start(Tag::Item) => {
                // Tight list items hold inline content directly.
                pending.push(event.clone());
                let end = find_end(&events, i, |e| matches!(e, Event::End(TagEnd::Item)));
                let tight = !events[i + 1..end].iter().any(|(e, _)| {
                    matches!(e, Event::Start(Tag::Paragraph) | Event::Start(Tag::List(_)))
                });
                if tight {
                    let inner_html = inline_span(
                        &events[i + 1..end],
                        cx,
                        &line,
                        &mut out,
                        cite_numbers,
                        &mut footnote_numbers,
                        diags,
                    );
                    pending.push(Event::InlineHtml(inner_html.into()));
                    pending.push(events[end].0.clone());
                    i = end + 1;
                    continue;
                }
            }
            other => pending.push(other.clone()),
        }
        i += 1;
    }
    flush_inline!();

    // Footnotes: numbered by first reference, listed at the end of the article.
    for (label, &(_, ln)) in &footnote_defs {
        if !footnote_numbers.contains_key(label) {
            diags.error(
                cx.file,
                ln,
                format!("footnote `[^{label}]` is never referenced"),
                format!("refer to it with `[^{label}]` in the text, or remove it"),
            );
        }
    }
    if !footnote_numbers.is_empty() {
        let mut ordered: Vec<(&String, &usize)> = footnote_numbers.iter().collect();
        ordered.sort_by_key(|(_, n)| **n);
        html_buf.push_str(&format!(
            "<section class=\"footnotes\" aria-labelledby=\"footnotes-title\"><h2 id=\"footnotes-title\">{}</h2><ol>",
            escape(t.footnotes_title)
        ));
        for (label, _) in ordered {
            let body = footnote_defs
                .get(label)
                .map(|(b, _)| b.as_str())
                .unwrap_or("");
            let id = slugify(label);
            html_buf.push_str(&format!(
                "<li id=\"fn-{id}\">{body}<p><a class=\"fn-back\" href=\"#fnref-{id}\">↩ {}</a></p></li>",
                escape(t.back_to_text)
            ));
        }
        html_buf.push_str("</ol></section>\n");
        out.anchors.insert("footnotes-title".into());
    }
    if !html_buf.trim().is_empty() {
        out.blocks.push(Block::Html {
            html: sanitize(&html_buf),
        });
    }
    out
}

fn count_words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// The plain text of each cell of a table's header row (`start`: the table's start event).
fn table_head(events: &[(Event, Range<usize>)], start: usize) -> Vec<String> {
    let mut cells = Vec::new();
    for (e, _) in &events[start..] {
        match e {
            Event::Start(Tag::TableCell) => cells.push(String::new()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(cell) = cells.last_mut() {
                    cell.push_str(t);
                }
            }
            Event::End(TagEnd::TableHead) => break,
            _ => {}
        }
    }
    cells.iter().map(|c| c.trim().to_string()).collect()
}

fn find_end(
    events: &[(Event, Range<usize>)],
    start: usize,
    is_end: impl Fn(&Event) -> bool,
) -> usize {
    let mut depth = 0usize;
    for (j, (e, _)) in events.iter().enumerate().skip(start) {
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 && is_end(e) {
                    return j;
                }
            }
            _ => {}
        }
    }
    events.len() - 1
}

/// Renders a run of inline events and counts its words toward the reading time.
fn inline_span(
    events: &[(Event, Range<usize>)],
    cx: &Context,
    line: &dyn Fn(usize) -> usize,
    out: &mut Rendered,
    cites: &mut BTreeMap<String, usize>,
    footnotes: &mut BTreeMap<String, usize>,
    diags: &mut Diagnostics,
) -> String {
    out.words += count_words(&plain_text(events.iter().map(|(e, _)| e)));
    render_inline(events, cx, line, out, cites, footnotes, diags)
}

/// Renders a run of inline events, turning citations, timestamps, footnote references,
/// episode links and images into the site's markup.
#[allow(clippy::too_many_arguments)]
fn render_inline(
    events: &[(Event, Range<usize>)],
    cx: &Context,
    line: &dyn Fn(usize) -> usize,
    out: &mut Rendered,
    cites: &mut BTreeMap<String, usize>,
    footnotes: &mut BTreeMap<String, usize>,
    diags: &mut Diagnostics,
) -> String {
    let t = strings(cx.lang);
    let mut buf: Vec<Event> = Vec::new();
    let mut i = 0;
    while i < events.len() {
        let (event, range) = &events[i];
        let ln = line(range.start);
        match event {
            Event::Start(Tag::Link { dest_url, .. }) if dest_url.starts_with(CITE) => {
                let end = find_end(events, i, |e| matches!(e, Event::End(TagEnd::Link)));
                let mut links = Vec::new();
                for key in dest_url[CITE.len()..]
                    .split(';')
                    .map(|k| k.trim().trim_start_matches('@').trim())
                {
                    if key.is_empty() || key.contains(char::is_whitespace) {
                        diags.error(
                            cx.file,
                            ln,
                            format!("malformed citation `[{}]`", &dest_url[CITE.len()..]),
                            "write `[@key]` or `[@key1; @key2]`",
                        );
                        continue;
                    }
                    let next = cites.len() + 1;
                    let n = *cites.entry(key.to_string()).or_insert(next);
                    out.refs.citations.push((key.to_string(), ln));
                    links.push(format!(
                        "<a href=\"#{}{}\" aria-label=\"{}\">{n}</a>",
                        cx.cite_prefix,
                        attr(key),
                        attr(&fill(t.citation_label, n))
                    ));
                }
                buf.push(Event::InlineHtml(
                    format!("<sup class=\"cite\">[{}]</sup>", links.join(", ")).into(),
                ));
                i = end + 1;
                continue;
            }
            Event::Start(Tag::Link { dest_url, .. }) if dest_url.starts_with(TIMESTAMP) => {
                let end = find_end(events, i, |e| matches!(e, Event::End(TagEnd::Link)));
                let label = &dest_url[TIMESTAMP.len()..];
                let secs = parse_timestamp(label).unwrap_or(0);
                out.refs.timestamps.push((secs, ln));
                let href = match cx.audio {
                    Some(audio) => {
                        if f64::from(secs) >= audio.duration {
                            diags.error(
                                cx.file,
                                ln,
                                format!(
                                    "timestamp `[{label}]` is past the end of the audio ({})",
                                    clock(audio.duration)
                                ),
                                "use a time inside the episode's audio",
                            );
                        }
                        // A media fragment: without the app, the browser plays from there.
                        format!("{}#t={secs}", audio.url)
                    }
                    None => {
                        diags.error(
                            cx.file,
                            ln,
                            format!("timestamp `[{label}]` but the episode has no audio"),
                            "set `audio` in the front matter, or remove the timestamp",
                        );
                        String::new()
                    }
                };
                buf.push(Event::InlineHtml(
                    format!(
                        "<a class=\"timestamp\" href=\"{}\" data-t=\"{secs}\" aria-label=\"{}\">{}</a>",
                        attr(&href),
                        attr(&fill(strings(cx.lang).player_listen_from, clock(f64::from(secs)))),
                        escape(label)
                    )
                    .into(),
                ));
                i = end + 1;
                continue;
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let url = dest_url.to_string();
                let resolved = if let Some(target) = url.strip_prefix("ep:") {
                    let (eid, anchor) = match target.split_once('#') {
                        Some((e, a)) => (e.to_string(), Some(a.to_string())),
                        None => (target.to_string(), None),
                    };
                    out.refs
                        .episode_links
                        .push((eid.clone(), anchor.clone(), ln));
                    let base = (cx.episode_path)(&eid).unwrap_or_default();
                    match anchor {
                        Some(a) => format!("{base}#{a}"),
                        None => base,
                    }
                } else if let Some(anchor) = url.strip_prefix('#') {
                    out.refs.anchor_links.push((anchor.to_string(), ln));
                    url.clone()
                } else if url.starts_with('/') {
                    out.refs.site_links.push((url.clone(), ln));
                    url.clone()
                } else if ["https://", "http://", "mailto:", "tel:"]
                    .iter()
                    .any(|p| url.starts_with(p))
                {
                    url.clone()
                } else {
                    diags.error(
                        cx.file,
                        ln,
                        format!("link target `{url}` is not one the site can check"),
                        "link episodes with `ep:<id>`, headings with `#id`, pages with `/…`, or the web with `https://…`",
                    );
                    url.clone()
                };
                buf.push(Event::Start(Tag::Link {
                    link_type: *link_type,
                    dest_url: resolved.into(),
                    title: title.clone(),
                    id: id.clone(),
                }));
            }
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                let end = find_end(events, i, |e| matches!(e, Event::End(TagEnd::Image)));
                let alt = plain_text(events[i + 1..end].iter().map(|(e, _)| e));
                let src = dest_url.to_string();
                if alt.trim().is_empty() {
                    diags.error(
                        cx.file,
                        ln,
                        format!("image `{src}` has no alt text"),
                        "describe what the image shows: `![what it shows](file)`",
                    );
                }
                let url = if src.contains("://") || src.starts_with('/') || src.contains("..") {
                    diags.error(
                        cx.file,
                        ln,
                        format!("image `{src}` is not a file in the episode folder"),
                        "put the image in the episode's folder and refer to it by file name",
                    );
                    String::new()
                } else {
                    out.refs.images.push((src.clone(), ln));
                    format!("/media/{}/{}", cx.episode_id, src)
                };
                let title_attr = if title.is_empty() {
                    String::new()
                } else {
                    format!(" title=\"{}\"", attr(title))
                };
                buf.push(Event::InlineHtml(
                    format!(
                        "<img src=\"{}\" alt=\"{}\"{title_attr} loading=\"lazy\">",
                        attr(&url),
                        attr(alt.trim())
                    )
                    .into(),
                ));
                i = end + 1;
                continue;
            }
            Event::FootnoteReference(label) => {
                let next = footnotes.len() + 1;
                let n = *footnotes.entry(label.to_string()).or_insert(next);
                let id = slugify(label);
                let id_attr = if n == next {
                    format!(" id=\"fnref-{id}\"")
                } else {
                    String::new()
                };
                buf.push(Event::InlineHtml(
                    format!("<sup class=\"fnref\"{id_attr}><a href=\"#fn-{id}\">{n}</a></sup>")
                        .into(),
                ));
            }
            // pulldown-cmark leaves `[^label]` without a definition as the texts `[`, `^label`, `]`.
            Event::Text(open) if open.as_ref() == "[" => {
                if let Some((Event::Text(label), _)) = events.get(i + 1) {
                    if let Some(label) = label.strip_prefix('^') {
                        diags.error(
                            cx.file,
                            ln,
                            format!("footnote `[^{label}]` has no definition"),
                            format!("add `[^{label}]: the note` below the paragraph"),
                        );
                    }
                }
                buf.push(event.clone());
            }
            other => buf.push(other.clone()),
        }
        i += 1;
    }
    events_html(buf)
}

fn directive(
    text: &str,
    ln: usize,
    cx: &Context,
    out: &mut Rendered,
    html_buf: &mut String,
    diags: &mut Diagnostics,
) {
    let text = text.trim();
    let (name, arg) = text
        .split_once(char::is_whitespace)
        .map(|(n, a)| (n, a.trim()))
        .unwrap_or((text, ""));
    let mut widget = |w: Widget, html_buf: &mut String| {
        if !html_buf.trim().is_empty() {
            out.blocks.push(Block::Html {
                html: sanitize(html_buf),
            });
        }
        html_buf.clear();
        out.blocks.push(Block::Widget { widget: w });
    };
    match (name, arg) {
        ("quiz", id) if !id.is_empty() && !id.contains(char::is_whitespace) => {
            out.refs.quizzes.push((id.to_string(), ln));
            widget(
                Widget::Quiz {
                    id: id.to_string(),
                    quiz: None,
                },
                html_buf,
            );
        }
        ("quiz", _) => diags.error(
            cx.file,
            ln,
            "`{{quiz}}` needs one quiz id",
            "write `{{quiz <id>}}` for content/quizzes/<id>.<lang>.toml",
        ),
        ("intensity-test", "") => {
            out.refs.intensity_tests.push(ln);
            widget(Widget::IntensityTest { guide: None }, html_buf);
        }
        ("intensity-test", _) => diags.error(
            cx.file,
            ln,
            "`{{intensity-test}}` takes no arguments",
            "write `{{intensity-test}}`",
        ),
        ("pullquote", quote) if !quote.is_empty() => {
            html_buf.push_str(&format!(
                "<figure class=\"pullquote\"><blockquote><p>{}</p></blockquote></figure>\n",
                escape(quote)
            ));
        }
        ("pullquote", _) => diags.error(
            cx.file,
            ln,
            "`{{pullquote}}` has no text",
            "write `{{pullquote The sentence to highlight.}}`",
        ),
        (other, _) => diags.error(
            cx.file,
            ln,
            format!("unknown widget `{other}`"),
            "use one of `{{quiz <id>}}`, `{{intensity-test}}`, `{{pullquote <text>}}`",
        ),
    }
}

/// Every article block passes through ammonia, so raw HTML in Markdown can add markup but
/// never scripts, styles or event handlers.
pub fn sanitize(html: &str) -> String {
    use std::sync::OnceLock;
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEANER
        .get_or_init(|| {
            let mut b = ammonia::Builder::default();
            b.add_tags([
                "figure",
                "figcaption",
                "section",
                "aside",
                "sup",
                "sub",
                "mark",
                "abbr",
                "details",
                "summary",
            ])
            .add_generic_attributes([
                "class",
                "id",
                "lang",
                "title",
                "aria-label",
                "aria-labelledby",
                "aria-hidden",
            ])
            .add_tag_attributes("a", ["data-t", "hreflang"])
            .add_tag_attributes("img", ["loading", "width", "height"])
            .add_tag_attributes("td", ["style"])
            .add_tag_attributes("th", ["style"])
            .add_tag_attributes("ol", ["start", "reversed"])
            .add_tag_attributes("div", ["tabindex", "role"])
            .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
            .link_rel(None)
            .attribute_filter(|el, attr, value| {
                // pulldown-cmark aligns table cells with `style="text-align: …"`; allow only that.
                if attr == "style" && (el == "td" || el == "th") {
                    let ok = matches!(
                        value,
                        "text-align: left" | "text-align: center" | "text-align: right"
                    );
                    return ok.then(|| value.into());
                }
                Some(value.into())
            });
            b
        })
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
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
        let (r, errs) =
            render_nl("## Eerste deel\n\ntekst\n\n### Sub {#eigen}\n\n## Eerste deel\n");
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
            h.contains(
                "<li id=\"fn-smd\"><p>Uitleg.</p><p><a class=\"fn-back\" href=\"#fnref-smd\">"
            ),
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
}
