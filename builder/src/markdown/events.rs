//! One article's pulldown-cmark events, parsed once with the site's options, with the end of
//! every element found in one pass (so no part of the renderer scans ahead for it).

use super::{options, parse_timestamp};
use pulldown_cmark::{BrokenLink, CowStr, Event, Parser, Tag, TagEnd};
use std::ops::Range;

/// Link targets the broken-link callback gives `[@key]` citations and `[12:30]` timestamps,
/// which are not links in Markdown, so that the renderer recognises them.
pub const CITE: &str = "cite:";
pub const TIMESTAMP: &str = "timestamp:";

pub struct Events<'m> {
    list: Vec<(Event<'m>, Range<usize>)>,
    /// For a `Start` event, the index of its `End`; for any other event, its own index.
    ends: Vec<usize>,
    /// For a `Start` event, whether a paragraph or list starts inside it.
    has_block: Vec<bool>,
}

impl<'m> Events<'m> {
    pub fn parse(markdown: &'m str) -> Self {
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
        let list: Vec<(Event, Range<usize>)> =
            Parser::new_with_broken_link_callback(markdown, options(), Some(&mut callback))
                .into_offset_iter()
                .collect();
        let mut ends: Vec<usize> = (0..list.len()).collect();
        let mut has_block = vec![false; list.len()];
        // The open elements, each with whether a block has started inside it so far.
        let mut open: Vec<(usize, bool)> = Vec::new();
        for (i, (event, _)) in list.iter().enumerate() {
            match event {
                Event::Start(tag) => {
                    if matches!(tag, Tag::Paragraph | Tag::List(_)) {
                        if let Some((_, block)) = open.last_mut() {
                            *block = true;
                        }
                    }
                    open.push((i, false));
                }
                Event::End(_) => {
                    if let Some((start, block)) = open.pop() {
                        ends[start] = i;
                        has_block[start] = block;
                        if let (true, Some((_, parent))) = (block, open.last_mut()) {
                            *parent = true;
                        }
                    }
                }
                _ => {}
            }
        }
        Events {
            list,
            ends,
            has_block,
        }
    }

    #[allow(clippy::len_without_is_empty)]
    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn event(&self, i: usize) -> &Event<'m> {
        &self.list[i].0
    }

    /// Byte offset in the Markdown where event `i` starts.
    pub fn offset(&self, i: usize) -> usize {
        self.list[i].1.start
    }

    /// Index of the `End` of the element that starts at `i`.
    pub fn end(&self, i: usize) -> usize {
        self.ends[i]
    }

    /// Whether a paragraph or list starts inside the element that starts at `i` (a list item
    /// without one is tight: it holds its inline content directly).
    pub fn contains_block(&self, i: usize) -> bool {
        self.has_block[i]
    }

    /// The text of `range`, with line breaks as spaces and no markup.
    pub fn plain_text(&self, range: Range<usize>) -> String {
        let mut s = String::new();
        for (e, _) in &self.list[range] {
            match e {
                Event::Text(t) | Event::Code(t) => s.push_str(t),
                Event::SoftBreak | Event::HardBreak => s.push(' '),
                _ => {}
            }
        }
        s
    }

    /// The plain text of each cell of the header row of the table that starts at `start`.
    pub fn table_head(&self, start: usize) -> Vec<String> {
        let mut cells = Vec::new();
        for (e, _) in &self.list[start..=self.end(start)] {
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
}
