//! Footnotes: numbered by first reference, listed at the end of the article with links back,
//! their text a section of its own in the search index.

use super::inline::escape;
use super::renderer::{Footnote, Renderer};
use super::slugify;
use loopje::i18n::strings;
use pulldown_cmark::{Event, Tag};

/// Id of the footnote list's heading.
const TITLE_ID: &str = "footnotes-title";

impl Renderer<'_, '_> {
    /// Renders the definition that starts at event `i` (its paragraphs) for the list.
    pub fn footnote_definition(&mut self, i: usize, label: &str) {
        let ln = self.line(i);
        let end = self.events.end(i);
        let mut html = String::new();
        self.text.start_capture();
        let mut j = i + 1;
        while j < end {
            if let Event::Start(Tag::Paragraph) = self.events.event(j) {
                let paragraph_end = self.events.end(j);
                let inner_html = self.inline_counted(j + 1..paragraph_end);
                self.text.gap();
                html.push_str(&format!("<p>{inner_html}</p>"));
                j = paragraph_end + 1;
            } else {
                j += 1;
            }
        }
        let note = Footnote {
            html,
            line: ln,
            text: self.text.end_capture(),
        };
        if self.footnotes.insert(label.to_string(), note).is_some() {
            self.error(
                ln,
                format!("footnote `[^{label}]` is defined twice"),
                "keep one definition",
            );
        }
    }

    /// Appends the list of footnotes; returns its heading's id and text and the footnotes'
    /// texts in order, for the section text.
    pub fn footnote_list(&mut self) -> Option<(&'static str, &'static str, Vec<String>)> {
        let t = strings(self.cx.lang);
        let unreferenced: Vec<(String, usize)> = self
            .footnotes
            .iter()
            .filter(|(label, _)| !self.footnote_numbers.contains_key(*label))
            .map(|(label, note)| (label.clone(), note.line))
            .collect();
        for (label, ln) in unreferenced {
            self.error(
                ln,
                format!("footnote `[^{label}]` is never referenced"),
                format!("refer to it with `[^{label}]` in the text, or remove it"),
            );
        }
        if self.footnote_numbers.is_empty() {
            return None;
        }
        let mut ordered: Vec<(&String, &usize)> = self.footnote_numbers.iter().collect();
        ordered.sort_by_key(|(_, n)| **n);
        let mut html = format!(
            "<section class=\"footnotes\" aria-labelledby=\"{TITLE_ID}\"><h2 id=\"{TITLE_ID}\">{}</h2><ol>",
            escape(t.footnotes_title)
        );
        let mut texts = Vec::new();
        for (label, _) in ordered {
            let note = self.footnotes.get(label);
            let id = slugify(label);
            html.push_str(&format!(
                "<li id=\"fn-{id}\">{}<p><a class=\"fn-back\" href=\"#fnref-{id}\">↩ {}</a></p></li>",
                note.map_or("", |n| n.html.as_str()),
                escape(t.back_to_text)
            ));
            texts.extend(note.map(|n| n.text.clone()));
        }
        html.push_str("</ol></section>\n");
        self.html.push_str(&html);
        self.out.anchors.insert(TITLE_ID.into());
        Some((TITLE_ID, t.footnotes_title, texts))
    }
}
