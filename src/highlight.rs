//! The words a search found, highlighted on the page a result opens. The search page gives
//! each result link the words (`data-marks`, see `search::Marks::encode`); navigation keeps
//! them when it follows such a link, and once the new page has rendered, the article's text
//! and the transcript's cues show them in `<mark>`. Which words and where is `search::Marks::spans`, tested natively;
//! this file only walks the DOM.

#[cfg(feature = "hydrate")]
mod client {
    use crate::search::Marks;
    use std::cell::RefCell;
    use wasm_bindgen::JsCast;

    thread_local! {
        static PENDING: RefCell<Option<Marks>> = const { RefCell::new(None) };
    }

    /// A followed link's `data-marks`, for the page it opens.
    pub fn remember(link: &web_sys::Element) {
        let marks = link.get_attribute("data-marks").map(|m| Marks::decode(&m));
        PENDING.set(marks.filter(|m| !m.is_empty()));
    }

    /// Marks the remembered words in the article's text, once.
    pub fn apply() {
        let Some(marks) = PENDING.take() else {
            return;
        };
        let doc = leptos::prelude::document();
        let Ok(roots) = doc.query_selector_all("main .prose, main .transcript-cues .cue-text")
        else {
            return;
        };
        for i in 0..roots.length() {
            let Some(root) = roots.item(i) else { continue };
            // SHOW_TEXT; collected first, as marking splits the nodes.
            let Ok(walker) = doc.create_tree_walker_with_what_to_show(&root, 4) else {
                continue;
            };
            let mut texts = Vec::new();
            while let Ok(Some(node)) = walker.next_node() {
                if let Ok(text) = node.dyn_into::<web_sys::Text>() {
                    texts.push(text);
                }
            }
            for text in texts {
                mark(&doc, &text, &marks);
            }
        }
    }

    fn mark(doc: &web_sys::Document, text: &web_sys::Text, marks: &Marks) {
        let content = text.data();
        let spans = marks.spans(&content);
        // From the end, so that earlier offsets stay valid; the DOM counts UTF-16 units.
        let utf16: Vec<u32> = std::iter::once(0)
            .chain(content.chars().scan(0u32, |n, c| {
                *n += c.len_utf16() as u32;
                Some(*n)
            }))
            .collect();
        for &(at, len) in spans.iter().rev() {
            let (start, end) = (utf16[at], utf16[at + len]);
            let Ok(word) = text.split_text(start) else {
                continue;
            };
            if word.split_text(end - start).is_err() {
                continue;
            }
            let Ok(mark) = doc.create_element("mark") else {
                continue;
            };
            mark.set_class_name("search-mark");
            if let Some(parent) = word.parent_node() {
                _ = parent.replace_child(&mark, &word);
                _ = mark.append_child(&word);
            }
        }
    }
}

#[cfg(feature = "hydrate")]
pub use client::{apply, remember};
