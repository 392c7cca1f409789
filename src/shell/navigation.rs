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

/// Which way an arrow key moves between episodes, if it should: not with a modifier and not
/// while the reader is typing or choosing in a form field.
pub fn episode_step(key: &str, modified: bool, target_tag: &str, editable: bool) -> Option<i8> {
    if modified || editable || matches!(target_tag, "INPUT" | "TEXTAREA" | "SELECT") {
        return None;
    }
    match key {
        "ArrowLeft" => Some(-1),
        "ArrowRight" => Some(1),
        _ => None,
    }
}

/// ← and → move to the previous and next episode.
#[cfg(feature = "hydrate")]
pub fn arrow_keys(site: super::Site) {
    use crate::model::PageContent;
    use leptos::prelude::*;
    use leptos_router::hooks::use_navigate;
    use wasm_bindgen::JsCast;

    let navigate = use_navigate();
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        let target = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok());
        let tag = target.as_ref().map(|t| t.tag_name()).unwrap_or_default();
        let editable = target.as_ref().is_some_and(|t| t.is_content_editable());
        let modified = ev.alt_key() || ev.ctrl_key() || ev.meta_key() || ev.shift_key();
        let Some(step) = episode_step(&ev.key(), modified, &tag, editable) else {
            return;
        };
        let to = site.current.with_untracked(|p| match &p.content {
            PageContent::Episode(a) if step < 0 => a.prev.as_ref().map(|l| l.path.clone()),
            PageContent::Episode(a) => a.next.as_ref().map(|l| l.path.clone()),
            _ => None,
        });
        if let Some(path) = to {
            ev.prevent_default();
            navigate(&path, Default::default());
        }
    });
    std::mem::forget(handle);
}

#[cfg(test)]
mod tests {
    use super::episode_step;

    #[test]
    fn arrows_move_between_episodes_but_not_while_typing() {
        assert_eq!(episode_step("ArrowRight", false, "BODY", false), Some(1));
        assert_eq!(episode_step("ArrowLeft", false, "A", false), Some(-1));
        assert_eq!(episode_step("ArrowRight", false, "INPUT", false), None);
        assert_eq!(episode_step("ArrowRight", false, "SELECT", false), None);
        assert_eq!(episode_step("ArrowRight", false, "DIV", true), None);
        assert_eq!(episode_step("ArrowRight", true, "BODY", false), None);
        assert_eq!(episode_step("ArrowUp", false, "BODY", false), None);
    }
}
