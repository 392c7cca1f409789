//! wasm entry: read the page data the builder embedded and hydrate the prerendered body.

#[cfg(feature = "hydrate")]
fn main() {
    use leptos::prelude::*;
    use loopje::{model::Page, App, PAGE_DATA_ID};

    // No panic hook: the wasm is built with panic=immediate-abort (scripts/build.sh), so a panic
    // traps at once and no hook would run.
    let doc = leptos::prelude::document();
    let mut initial: Page = doc
        .get_element_by_id(PAGE_DATA_ID)
        .and_then(|el| el.text_content())
        .and_then(|json| loopje::json::decode(&json))
        .expect("prerendered page data is missing or invalid");
    // The article's HTML, its sources and the transcript's text are in the body, not repeated in
    // the data: read them back.
    let blocks = doc
        .query_selector_all(".article-body > .prose")
        .expect("valid selector");
    let html = (0..blocks.length())
        .filter_map(|i| blocks.item(i))
        .map(|n| {
            use wasm_bindgen::JsCast;
            n.unchecked_into::<web_sys::Element>().inner_html()
        });
    let source = |id: &str| doc.get_element_by_id(id).map(|li| li.inner_html());
    let cues = doc
        .query_selector_all(".transcript .cue-text")
        .expect("valid selector");
    let cue_texts = (0..cues.length())
        .filter_map(|i| cues.item(i))
        .filter_map(|n| n.text_content());
    if !loopje::restore_article_html(&mut initial, html, source)
        || !loopje::restore_transcript(&mut initial, cue_texts)
    {
        // Never expected; the prerendered page stays fully readable without the app.
        leptos::logging::error!("prerendered article does not match its page data: not hydrating");
        return;
    }
    // Reading the page and hydrating it are two tasks, and what hydration starts runs after them
    // (src/startup.rs).
    loopje::startup::install();
    loopje::startup::in_new_task(move || {
        leptos::mount::hydrate_body(move || view! { <App initial/> });
        // Lets tests (and curious readers) see that the app has taken over, once everything
        // that hydration started has run.
        loopje::startup::run(|| {
            if let Some(html) = document().document_element() {
                _ = html.set_attribute("data-hydrated", "true");
            }
        });
    });
}

#[cfg(not(feature = "hydrate"))]
fn main() {
    eprintln!("the app binary is the wasm entry point: build it with trunk (features = hydrate)");
}
