//! The [`Renderer`]: one article, one pass over its events, all state in one place. This file
//! holds the block level (headings, paragraphs, tables, list items) and the blocks' assembly;
//! the other concerns are `impl Renderer` blocks in their own modules.

use super::events::Events;
use super::text::SectionText;
use super::{count_words, sanitize, slugify, Context, Rendered};
use crate::diagnostics::{Diagnostics, LineIndex};
use crate::escape::escape as attr;
use loopje::model::{Block, TocEntry};
use pulldown_cmark::{html, Event, HeadingLevel, Tag, TagEnd};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

/// A footnote's definition: its HTML, line and plain text.
pub(super) struct Footnote {
    pub html: String,
    pub line: usize,
    pub text: String,
}

pub(super) struct Renderer<'c, 'm> {
    pub cx: &'c Context<'c>,
    pub events: Events<'m>,
    lines: LineIndex,
    pub diags: &'c mut Diagnostics,
    /// Citation numbers, by source key, in order of first citation.
    pub cites: &'c mut BTreeMap<String, usize>,
    pub out: Rendered,
    /// HTML of the block being built (the blocks are split by widgets).
    pub html: String,
    /// Block-level events waiting for pulldown-cmark's writer (which tracks list and table
    /// state), with the site's inline markup already rendered into them.
    pending: Vec<Event<'m>>,
    ids: HeadingIds,
    /// Footnote numbers, by label, in order of first reference.
    pub footnote_numbers: BTreeMap<String, usize>,
    pub footnotes: BTreeMap<String, Footnote>,
    pub text: SectionText,
}

impl<'c, 'm> Renderer<'c, 'm> {
    pub fn new(
        markdown: &'m str,
        cx: &'c Context<'c>,
        cites: &'c mut BTreeMap<String, usize>,
        diags: &'c mut Diagnostics,
    ) -> Self {
        Renderer {
            cx,
            events: Events::parse(markdown),
            lines: LineIndex::new(markdown.as_bytes()),
            diags,
            cites,
            out: Rendered::default(),
            html: String::new(),
            pending: Vec::new(),
            ids: HeadingIds::default(),
            footnote_numbers: BTreeMap::new(),
            footnotes: BTreeMap::new(),
            text: SectionText::default(),
        }
    }

    pub fn run(mut self) -> Rendered {
        let mut i = 0;
        while i < self.events.len() {
            i = self.block(i);
        }
        self.flush_pending();
        let notes = self.footnote_list();
        self.push_html_block();
        self.out.sections = self.text.finish(notes);
        self.out
    }

    /// Line in the file of event `i`.
    pub fn line(&self, i: usize) -> usize {
        self.cx.first_line + self.lines.line(self.events.offset(i)) - 1
    }

    pub fn error(&mut self, line: usize, problem: impl Into<String>, fix: impl Into<String>) {
        self.diags.error(self.cx.file, line, problem, fix);
    }

    pub fn flush_pending(&mut self) {
        if !self.pending.is_empty() {
            html::push_html(&mut self.html, self.pending.drain(..));
        }
    }

    /// Ends the current HTML block (before a widget, and at the end).
    pub fn push_html_block(&mut self) {
        if !self.html.trim().is_empty() {
            self.out.blocks.push(Block::Html {
                html: sanitize(&self.html),
            });
        }
        self.html.clear();
    }

    /// Renders the element or event at `i`; returns the index of the next one.
    fn block(&mut self, i: usize) -> usize {
        let event = self.events.event(i).clone();
        let end = self.events.end(i);
        match event {
            Event::Start(Tag::Heading {
                level, id, classes, ..
            }) => self.heading(i, level, id.as_deref(), &classes),
            Event::Start(Tag::Paragraph) => {
                let inner = i + 1..end;
                let text = self.events.plain_text(inner.clone());
                let trimmed = text.trim();
                if trimmed.starts_with("{{")
                    && trimmed.ends_with("}}")
                    && !trimmed[2..].contains("{{")
                {
                    self.flush_pending();
                    self.directive(&trimmed[2..trimmed.len() - 2], self.line(i));
                    return end + 1;
                }
                if text.contains("{{") {
                    self.error(
                        self.line(i),
                        "a `{{…}}` directive is mixed with other text",
                        "put the directive alone on its own line, with blank lines around it",
                    );
                }
                self.out.words += count_words(&text);
                self.flush_pending();
                let inner_html = self.inline(inner);
                self.text.gap();
                self.html.push_str(&format!("<p>{inner_html}</p>\n"));
                end + 1
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                self.footnote_definition(i, &label);
                end + 1
            }
            Event::Start(Tag::Table(_)) => {
                self.flush_pending();
                // A table may scroll sideways on a phone: its wrapper is a named region that
                // the keyboard can reach and scroll (WCAG 2.1.1), named by its column headings.
                let head = self.events.table_head(i);
                if head.iter().any(String::is_empty) {
                    self.error(
                        self.line(i),
                        "a table header cell is empty",
                        "name every column (screen readers read the header with each cell)",
                    );
                }
                let label = attr(&head.join(", "));
                self.html.push_str(&format!(
                    "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{label}\">"
                ));
                self.pending.push(event);
                i + 1
            }
            Event::End(TagEnd::Table) => {
                self.pending.push(event);
                self.flush_pending();
                self.html.push_str("</div>\n");
                i + 1
            }
            // Table cells and tight list items hold inline content directly: rendered here,
            // while the start and end stay in the pending stream for the writer.
            Event::Start(Tag::TableCell) => self.inline_element(i, event),
            Event::Start(Tag::Item) if !self.events.contains_block(i) => {
                self.inline_element(i, event)
            }
            other => {
                match &other {
                    Event::Text(t) | Event::Code(t) => self.text.push(t),
                    Event::SoftBreak | Event::HardBreak | Event::End(_) => self.text.gap(),
                    _ => {}
                }
                self.pending.push(other);
                i + 1
            }
        }
    }

    fn inline_element(&mut self, i: usize, start: Event<'m>) -> usize {
        let end = self.events.end(i);
        let inner_html = self.inline_counted(i + 1..end);
        self.text.gap();
        self.pending.push(start);
        self.pending.push(Event::InlineHtml(inner_html.into()));
        self.pending.push(self.events.event(end).clone());
        end + 1
    }

    fn heading(
        &mut self,
        i: usize,
        level: HeadingLevel,
        id: Option<&str>,
        classes: &[pulldown_cmark::CowStr<'m>],
    ) -> usize {
        let end = self.events.end(i);
        let ln = self.line(i);
        let text = self.events.plain_text(i + 1..end);
        self.out.words += count_words(&text);
        if level == HeadingLevel::H1 {
            self.error(
                ln,
                format!("`# {text}` is a level-1 heading"),
                "the title is the page's only h1: start sections at `##`",
            );
        }
        let hid = match id {
            Some(id) => self.ids.explicit(id, ln, self.cx, self.diags),
            None => self.ids.derived(&slugify(&text)),
        };
        self.out.anchors.insert(hid.clone());
        let lvl = level as u8;
        let section = (2..=3).contains(&lvl);
        if section {
            self.out.toc.push(TocEntry {
                level: lvl,
                id: hid.clone(),
                text: text.trim().to_string(),
            });
        }
        self.flush_pending();
        let class = if classes.is_empty() {
            String::new()
        } else {
            format!(" class=\"{}\"", attr(&classes.join(" ")))
        };
        // A section's heading is its own field in the search index, not part of its text.
        let inner_html = if section {
            self.text.start_capture();
            let html = self.inline(i + 1..end);
            let heading = self.text.end_capture();
            self.text.start_section(&hid, &heading);
            html
        } else {
            let html = self.inline(i + 1..end);
            self.text.gap();
            html
        };
        self.html.push_str(&format!(
            "<h{lvl} id=\"{}\"{class}>{inner_html}</h{lvl}>\n",
            attr(&hid)
        ));
        end + 1
    }

    /// Renders a run of inline events and counts its words toward the reading time.
    pub fn inline_counted(&mut self, range: Range<usize>) -> String {
        self.out.words += count_words(&self.events.plain_text(range.clone()));
        self.inline(range)
    }
}

/// Heading ids, unique within the article: a derived id gets `-2`, `-3`, … when taken; an
/// explicit `{#id}` that is taken is an error.
#[derive(Default)]
struct HeadingIds {
    used: HashSet<String>,
    /// Per derived base, the next suffix to try: ids are never freed, so a suffix found taken
    /// stays taken, and each heading costs constant time however many share its text.
    next: HashMap<String, usize>,
}

impl HeadingIds {
    fn derived(&mut self, base: &str) -> String {
        let base = if base.is_empty() { "section" } else { base };
        let mut id = base.to_string();
        if self.used.contains(&id) {
            let n = self.next.entry(base.to_string()).or_insert(2);
            loop {
                id = format!("{base}-{n}");
                *n += 1;
                if !self.used.contains(&id) {
                    break;
                }
            }
        }
        self.used.insert(id.clone());
        id
    }

    fn explicit(&mut self, id: &str, line: usize, cx: &Context, diags: &mut Diagnostics) -> String {
        if id.is_empty() {
            return self.derived("");
        }
        if !self.used.insert(id.to_string()) {
            diags.error(
                cx.file,
                line,
                format!("heading id `{id}` is used twice"),
                "give each heading a unique `{#id}`",
            );
        }
        id.to_string()
    }
}
