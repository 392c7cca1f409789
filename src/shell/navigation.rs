//! Client-side navigation: when the router's location changes, show the page for it,
//! fetching its `page.json` if it is not in memory. Only compiled into the wasm.

#[cfg(feature = "hydrate")]
pub fn follow_location(site: super::Site) {
    use super::store::LoadState;
    use crate::model::Page;
    use leptos::prelude::*;
    use leptos_router::hooks::use_location;
    use std::sync::Arc;

    let location = use_location();
    let router = use_context::<leptos_router::location::BrowserUrl>();
    let first = StoredValue::new(true);
    Effect::new(move |_| {
        let path = location.pathname.get();
        // The first run is the prerendered page itself (which may be the 404 page shown
        // for any unknown URL): nothing to load.
        if first.get_value() {
            first.set_value(false);
            return;
        }
        if site.current.with_untracked(|p| p.path == path) {
            return;
        }
        if let Some(page) = site.cached(&path) {
            site.show(page);
            after_navigation(&site, router.as_ref());
            return;
        }
        site.state.set(LoadState::Loading);
        let router = router.clone();
        leptos::task::spawn_local(async move {
            let url = crate::page_data_url(&path);
            let result = match gloo_net::http::Request::get(&url).send().await {
                Ok(resp) if resp.ok() => resp.json::<Page>().await.map_err(|_| ()),
                Ok(resp) if resp.status() == 404 => Ok(super::Site::not_found(&path)),
                _ => Err(()),
            };
            // The reader may have moved on while this was loading.
            if location.pathname.get_untracked() != path {
                return;
            }
            match result {
                Ok(page) => {
                    site.show(Arc::new(page));
                    after_navigation(&site, router.as_ref());
                }
                // Let the browser try: the server (or the offline cache) may answer a full
                // page load where the data request failed.
                Err(()) => _ = window().location().assign(&path),
            }
        });
    });
}

/// What a full page load would have done: title, language, scroll position and focus.
#[cfg(feature = "hydrate")]
fn after_navigation(site: &super::Site, router: Option<&leptos_router::location::BrowserUrl>) {
    use leptos::prelude::*;
    use leptos_router::location::LocationProvider;
    // Without <Routes>, the router waits for us to say the new page is ready before it
    // updates the address bar and history.
    if let Some(router) = router {
        router.ready_to_complete();
    }
    let page = site.current.get_untracked();
    let doc = document();
    doc.set_title(&page.title);
    if let Some(html) = doc.document_element() {
        _ = html.set_attribute("lang", page.lang.code());
    }
    let hash = window().location().hash().unwrap_or_default();
    // Let the new view render before moving focus or scrolling to an anchor.
    request_animation_frame(move || {
        let doc = document();
        let target = hash
            .strip_prefix('#')
            .filter(|h| !h.is_empty())
            .and_then(|id| doc.get_element_by_id(id));
        match target {
            Some(el) => el.scroll_into_view(),
            None => {
                window().scroll_to_with_x_and_y(0.0, 0.0);
                // Screen readers start reading the new page at its title.
                use wasm_bindgen::JsCast;
                let h1 = doc.query_selector("main h1").ok().flatten();
                if let Some(h1) = h1.and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok()) {
                    _ = h1.focus();
                }
            }
        }
    });
}
