//! What the parts written as markup (the widgets' `client.rs`, the pages' clients) do on the DOM
//! alike.

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

/// Listens to `event` on `el` for as long as the current reactive owner lives (a page, whose
/// elements go with it; the shell, for the player bar): the closure is kept in the owner's arena
/// and dropped with it.
pub fn on(el: &Element, event: &str, f: impl Fn(Event) + 'static) {
    use leptos::prelude::StoredValue;
    use wasm_bindgen::closure::Closure;
    let closure = Closure::<dyn Fn(Event)>::new(f);
    _ = el.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    _ = StoredValue::new_local(closure);
}
