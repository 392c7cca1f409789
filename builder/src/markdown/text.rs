//! The plain text of an article, section by section, as the renderer meets it: what the search
//! index holds. Citations, timestamps and directives are markup, not prose, so the renderer
//! never hands them here; footnotes get a section of their own.

/// One part of an article: before the first heading (no anchor, no heading), or under an
/// `##`/`###` heading (its id and text).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Section {
    pub anchor: Option<String>,
    pub heading: Option<String>,
    pub text: String,
}

#[derive(Debug)]
pub struct SectionText {
    sections: Vec<Section>,
    /// While a footnote or a section's heading is rendered, its text goes here instead of
    /// the section's.
    captured: Option<String>,
}

impl Default for SectionText {
    fn default() -> Self {
        SectionText {
            sections: vec![Section::default()],
            captured: None,
        }
    }
}

impl SectionText {
    pub fn start_section(&mut self, anchor: &str, heading: &str) {
        self.sections.push(Section {
            anchor: Some(anchor.to_string()),
            heading: Some(collapse(heading)),
            text: String::new(),
        });
    }

    fn target(&mut self) -> &mut String {
        match &mut self.captured {
            Some(captured) => captured,
            None => &mut self.sections.last_mut().expect("starts with one").text,
        }
    }

    pub fn push(&mut self, text: &str) {
        self.target().push_str(text);
    }

    /// A break between words: the end of a block, or a line break.
    pub fn gap(&mut self) {
        let target = self.target();
        if !target.ends_with(' ') {
            target.push(' ');
        }
    }

    pub fn start_capture(&mut self) {
        self.captured = Some(String::new());
    }

    /// The text since [`Self::start_capture`], whitespace collapsed.
    pub fn end_capture(&mut self) -> String {
        collapse(&self.captured.take().unwrap_or_default())
    }

    /// The sections with text (or a heading), whitespace collapsed; the footnotes' texts, in
    /// their order, as a last section under their list's heading.
    pub fn finish(self, notes: Option<(&str, &str, Vec<String>)>) -> Vec<Section> {
        let mut sections = self.sections;
        if let Some((anchor, heading, texts)) = notes {
            sections.push(Section {
                anchor: Some(anchor.to_string()),
                heading: Some(heading.to_string()),
                text: texts.join(" "),
            });
        }
        sections
            .into_iter()
            .map(|s| Section {
                text: collapse(&s.text),
                ..s
            })
            .filter(|s| !s.text.is_empty() || s.heading.is_some())
            .collect()
    }
}

/// Whitespace collapsed to single spaces, and none left before closing punctuation: a citation
/// or a footnote mark leaves no text, so "rate [@key]." would read "rate ." in a snippet.
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() && !word.starts_with(['.', ',', ';', ':', '!', '?', ')']) {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}
