//! What the widgets written as markup (`client.rs` of the quiz and the intensity test) do on the
//! DOM alike.

use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlElement};

pub fn find(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).ok().flatten()
}

/// The button a delegated click landed in, if any.
pub fn clicked_button(ev: &Event) -> Option<Element> {
    ev.target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|e| e.closest("button").ok().flatten())
}

pub fn focus(el: Option<Element>) {
    if let Some(el) = el.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
        _ = el.focus();
    }
}
