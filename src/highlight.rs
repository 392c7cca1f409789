//! The words a search found, highlighted on the page a result opens. The search page offers the
//! words of the answer on screen; navigation takes them when it follows a link in the results,
//! and once the new page has rendered, the article's text and the transcript's cues show them
//! in `<mark>`. (Kept in memory rather than in each link: a `data-` attribute per result cost
//! the wasm more.) Which words and where is `search::Marks::spans`, tested natively;
//! this file only walks the DOM.

#[cfg(feature = "hydrate")]
mod client {
    use crate::search::Marks;
    use std::cell::RefCell;
    use wasm_bindgen::JsCast;

    thread_local! {
        /// The search page's words on offer, and those taken for the page being opened.
        static OFFERED: RefCell<Option<Marks>> = const { RefCell::new(None) };
        static PENDING: RefCell<Option<Marks>> = const { RefCell::new(None) };
    }

    /// The words of the answer the search page shows.
    pub fn offer(marks: Marks) {
        OFFERED.set(Some(marks));
    }

    /// A link is being followed: a search result takes the words on offer along.
    pub fn follow(link: &web_sys::Element) {
        let result = link.closest(".search-results").ok().flatten().is_some();
        PENDING.set(if result { OFFERED.take() } else { None });
    }

    /// Marks the words taken along in the article's text, once.
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
pub use client::{apply, follow, offer};
