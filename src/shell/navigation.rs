//! Client-side navigation without a router crate: a click on a link to one of the site's pages
//! (or ← / →, or the browser's back button) fetches that page's `page.json` (unless it is in
//! memory), shows it, and only then updates the address bar, as a full load would.
//! Only the wasm listens; the prerendered pages are plain links.

/// What a click on a link looks like, to decide whether the app or the browser handles it.
pub struct LinkClick<'a> {
    pub same_origin: bool,
    pub path: &'a str,
    pub current_path: &'a str,
    pub has_hash: bool,
    pub download: bool,
    pub target: &'a str,
    pub rel: &'a str,
    /// Ctrl, Meta, Shift or Alt held, or not the main button: a new tab, a download…
    pub modified: bool,
}

/// Whether the app loads the link's page itself.
pub fn handles(c: &LinkClick) -> bool {
    c.same_origin
        && !c.modified
        && !c.download
        && (c.target.is_empty() || c.target == "_self")
        && !c.rel.split_whitespace().any(|r| r == "external")
        // Every page's path ends in `/`; files (audio, feeds, images) do not.
        && c.path.ends_with('/')
        // An anchor on the page being read: the browser scrolls to it.
        && !(c.has_hash && c.path == c.current_path)
        // The other language: a full load, so the shell (header, footer, dialogs) is rendered in
        // it once rather than kept reactive to the language.
        && crate::model::Lang::of_path(c.path) == crate::model::Lang::of_path(c.current_path)
}

#[cfg(feature = "hydrate")]
mod client {
    use super::super::store::LoadState;
    use super::super::Site;
    use crate::model::Page;
    use leptos::prelude::*;
    use std::sync::Arc;
    use wasm_bindgen::JsCast;

    pub fn follow_links(site: Site) {
        let clicks = window_event_listener(leptos::ev::click, move |ev| {
            if ev.default_prevented() {
                return;
            }
            let Some(a) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest("a[href]").ok().flatten())
                .and_then(|el| el.dyn_into::<web_sys::HtmlAnchorElement>().ok())
            else {
                return;
            };
            let here = window().location();
            let current = here.pathname().unwrap_or_default();
            let (path, hash) = (a.pathname(), a.hash());
            let click = super::LinkClick {
                same_origin: a.origin() == here.origin().unwrap_or_default(),
                path: &path,
                current_path: &current,
                has_hash: !hash.is_empty(),
                download: a.has_attribute("download"),
                target: &a.target(),
                rel: &a.rel(),
                modified: ev.button() != 0
                    || ev.ctrl_key()
                    || ev.meta_key()
                    || ev.shift_key()
                    || ev.alt_key(),
            };
            if super::handles(&click) {
                ev.prevent_default();
                go(site, path, hash, true);
            }
        });
        let back = window_event_listener(leptos::ev::popstate, move |_| {
            let here = window().location();
            go(
                site,
                here.pathname().unwrap_or_default(),
                here.hash().unwrap_or_default(),
                false,
            );
        });
        // For the app's whole life.
        std::mem::forget((clicks, back));
    }

    /// Shows the page at `path`; `push` adds it to the history (a link) rather than following
    /// the history (back and forward).
    pub fn go(site: Site, path: String, hash: String, push: bool) {
        // The page asked for last: a slower earlier answer must not replace it.
        site.wanted.set_value(path.clone());
        if let Some(page) = site.cached(&path) {
            commit(site, page, &path, &hash, push);
            return;
        }
        site.state.set(LoadState::Loading);
        leptos::task::spawn_local(async move {
            let url = crate::page_data_url(&path);
            let result = match gloo_net::http::Request::get(&url).send().await {
                Ok(resp) if resp.ok() => resp.json::<Page>().await.map_err(|_| ()),
                Ok(resp) if resp.status() == 404 => Ok(Site::not_found(&path)),
                _ => Err(()),
            };
            if site.wanted.with_value(|w| w != &path) {
                return;
            }
            match result {
                Ok(page) => commit(site, Arc::new(page), &path, &hash, push),
                // Let the browser try: the server (or the offline cache) may answer a full
                // page load where the data request failed.
                Err(()) => _ = window().location().assign(&format!("{path}{hash}")),
            }
        });
    }

    fn commit(site: Site, page: Arc<Page>, path: &str, hash: &str, push: bool) {
        if push {
            if let Ok(history) = window().history() {
                _ = history.push_state_with_url(
                    &wasm_bindgen::JsValue::NULL,
                    "",
                    Some(&format!("{path}{hash}")),
                );
            }
        }
        site.show(page);
        after_navigation(&site, hash.to_string());
    }

    /// What a full page load would have done: title, language, scroll position and focus.
    fn after_navigation(site: &Site, hash: String) {
        let page = site.current.get_untracked();
        let doc = document();
        doc.set_title(&page.title);
        if let Some(html) = doc.document_element() {
            _ = html.set_attribute("lang", page.lang.code());
        }
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
                    let h1 = doc.query_selector("main h1").ok().flatten();
                    if let Some(h1) = h1.and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok()) {
                        _ = h1.focus();
                    }
                }
            }
        });
    }
}

#[cfg(feature = "hydrate")]
pub use client::{follow_links, go};

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
    use wasm_bindgen::JsCast;

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
            go(site, path, String::new(), true);
        }
    });
    std::mem::forget(handle);
}

#[cfg(test)]
mod tests {
    use super::{episode_step, handles, LinkClick};

    fn click(path: &str) -> LinkClick<'_> {
        LinkClick {
            same_origin: true,
            path,
            current_path: "/nl/",
            has_hash: false,
            download: false,
            target: "",
            rel: "",
            modified: false,
        }
    }

    #[test]
    fn the_app_loads_only_its_own_pages() {
        assert!(handles(&click("/nl/afleveringen/smog/")));
        assert!(
            handles(&LinkClick {
                has_hash: true,
                ..click("/nl/afleveringen/smog/")
            }),
            "another page's section"
        );
        assert!(
            !handles(&LinkClick {
                has_hash: true,
                ..click("/nl/")
            }),
            "a section of this page"
        );
        assert!(!handles(&click("/media/hoofd/nl.mp3")), "a file");
        assert!(!handles(&click("/nl/feed.xml")));
        assert!(!handles(&LinkClick {
            same_origin: false,
            ..click("/nl/")
        }));
        assert!(
            !handles(&LinkClick {
                modified: true,
                ..click("/nl/x/")
            }),
            "new tab"
        );
        assert!(!handles(&LinkClick {
            download: true,
            ..click("/nl/x/")
        }));
        assert!(!handles(&LinkClick {
            target: "_blank",
            ..click("/nl/x/")
        }));
        assert!(handles(&LinkClick {
            target: "_self",
            ..click("/nl/x/")
        }));
        assert!(!handles(&LinkClick {
            rel: "noopener external",
            ..click("/nl/x/")
        }));
        assert!(
            !handles(&click("/en/episodes/smog/")),
            "the other language loads in full"
        );
        assert!(handles(&LinkClick {
            current_path: "/en/",
            ..click("/en/episodes/smog/")
        }));
    }

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
