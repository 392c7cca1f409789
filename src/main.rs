//! wasm entry: read the page data the builder embedded and hydrate the prerendered body.

#[cfg(feature = "hydrate")]
fn main() {
    use leptos::prelude::*;
    use loopje::{model::Page, App, PAGE_DATA_ID};

    console_error_panic_hook::set_once();
    let initial: Page = leptos::prelude::document()
        .get_element_by_id(PAGE_DATA_ID)
        .and_then(|el| el.text_content())
        .and_then(|json| serde_json::from_str(&json).ok())
        .expect("prerendered page data is missing or invalid");
    leptos::mount::hydrate_body(move || view! { <App initial/> });
    // Lets tests (and curious readers) see that the app has taken over.
    if let Some(html) = document().document_element() {
        _ = html.set_attribute("data-hydrated", "true");
    }
}

#[cfg(not(feature = "hydrate"))]
fn main() {
    eprintln!("the app binary is the wasm entry point: build it with trunk (features = hydrate)");
}
