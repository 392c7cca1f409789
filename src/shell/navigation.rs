//! Client-side navigation without a router crate: a click on a link to one of the site's pages
//! (or ← / →, or the browser's back button) fetches that page's `page.json` (unless it is in
//! memory), shows it, and only then updates the address bar, as a full load would.
//! Only the wasm listens; the prerendered pages are plain links.
//!
//! Each history entry keeps where the reader was on it ([`Place`]): taken when the reader
//! leaves it (a link, back or forward: at `popstate` the old page is still on screen) and kept
//! in memory by entry, and in `history.state` when the document unloads, where `theme.js` finds
//! it on a reload before the first paint (the browser's own restoration, measured, landed 51 px
//! off: it runs before the page's layout is final). Back and forward bring it back once the page
//! view has rendered.

/// Where the reader was on a history entry: the scroll position and the link that had focus.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// Which entry (history entries have no identity of their own).
    pub entry: u64,
    /// CSS pixels, whole: integers keep float formatting and parsing out of the wasm.
    pub x: i32,
    pub y: i32,
    /// The `href` of the focused link, to focus it again (e.g. the episode card followed).
    pub focus: Option<String>,
}

const PLACE_TAG: &str = "loopje-place";

impl Place {
    /// The text kept in `history.state`.
    pub fn encode(&self) -> String {
        let focus = self.focus.as_deref().unwrap_or("");
        format!("{PLACE_TAG} {} {} {} {focus}", self.entry, self.x, self.y)
    }

    /// `None` for anything this app did not write.
    pub fn decode(state: &str) -> Option<Place> {
        let mut parts = state.splitn(5, ' ');
        if parts.next()? != PLACE_TAG {
            return None;
        }
        let entry: u64 = parts.next()?.parse().ok()?;
        let x: i32 = parts.next()?.parse().ok()?;
        let y: i32 = parts.next()?.parse().ok()?;
        let focus = parts.next().filter(|f| !f.is_empty()).map(str::to_string);
        Some(Place { entry, x, y, focus })
    }
}

/// Where a page view lands once it has rendered.
#[derive(Debug, PartialEq)]
pub enum Landing {
    /// Back or forward to an entry that kept its place.
    Restore(Place),
    /// The element with this id.
    Anchor(String),
    /// The top, focus on the page's title.
    Top,
}

/// A followed link (`push`) goes to its `#fragment` or the top; back and forward go where the
/// reader was on that entry, or where a load of its URL would go.
pub fn landing(push: bool, saved: Option<Place>, hash: &str) -> Landing {
    let anchor = hash.strip_prefix('#').filter(|h| !h.is_empty());
    match (push, saved, anchor) {
        (false, Some(place), _) => Landing::Restore(place),
        (_, _, Some(id)) => Landing::Anchor(id.to_string()),
        _ => Landing::Top,
    }
}

/// The address pushed for a page shown by the app: its path, with the query (`?t=754`, read by
/// the page) and the fragment the link had.
pub fn address(path: &str, query: &str, hash: &str) -> String {
    format!("{path}{query}{hash}")
}

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
    use super::{Landing, Place};
    use crate::model::Page;
    use leptos::prelude::*;
    use std::cell::{Cell, RefCell};
    use std::sync::Arc;
    use wasm_bindgen::JsCast;

    thread_local! {
        /// The current history entry, and the places of the entries this document has left.
        static ENTRY: Cell<u64> = const { Cell::new(0) };
        // A list, not a map: a session has a few dozen entries, and a map's code costs the wasm.
        static PLACES: RefCell<Vec<Place>> = const { RefCell::new(Vec::new()) };
        static NEXT_ENTRY: Cell<u64> = const { Cell::new(0) };
    }

    fn new_entry() -> u64 {
        // Entries outlive a reload, this counter does not: start from the clock.
        if NEXT_ENTRY.get() == 0 {
            NEXT_ENTRY.set(js_sys::Date::now() as u64 * 1000);
        }
        NEXT_ENTRY.replace(NEXT_ENTRY.get() + 1)
    }

    /// The reader's place on the current entry, as it is now.
    fn here() -> Place {
        let w = window();
        let focus = document()
            .active_element()
            .and_then(|el| el.dyn_into::<web_sys::HtmlAnchorElement>().ok())
            .and_then(|a| a.get_attribute("href"));
        Place {
            entry: ENTRY.get(),
            x: w.scroll_x().unwrap_or(0.0) as i32,
            y: w.scroll_y().unwrap_or(0.0) as i32,
            focus,
        }
    }

    /// Remembers the place on the entry being left; `persist` also writes it into the entry's
    /// state, which is only possible while it is the current one (a link, `beforeunload`).
    fn leave(persist: bool) {
        let place = here();
        if persist {
            if let Ok(history) = window().history() {
                _ = history.replace_state(&place.encode().into(), "");
            }
        }
        PLACES.with_borrow_mut(|places| {
            places.retain(|p| p.entry != place.entry);
            places.push(place);
        });
    }

    fn saved_place(state: &wasm_bindgen::JsValue) -> Option<Place> {
        state.as_string().as_deref().and_then(Place::decode)
    }

    pub fn follow_links(site: Site) {
        use web_sys::ScrollRestoration;
        let history = window().history().ok();
        // The app restores places itself (below); the browser would scroll before the page view
        // has rendered.
        let manual = move || {
            if let Some(h) = &history {
                _ = h.set_scroll_restoration(ScrollRestoration::Manual);
            }
        };
        manual();
        // This document's first entry: a new one, or one that kept its place over a reload.
        let kept = window()
            .history()
            .ok()
            .and_then(|h| h.state().ok())
            .as_ref()
            .and_then(saved_place);
        ENTRY.set(kept.map_or_else(new_entry, |p| p.entry));
        // A reload or a full load elsewhere: the entry keeps its place (`beforeunload`: Chrome
        // drops `replaceState` during `pagehide`).
        let hide = window_event_listener(leptos::ev::beforeunload, move |_| leave(true));
        let show = window_event_listener(leptos::ev::pageshow, move |_| manual());
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
            let (path, query, hash) = (a.pathname(), a.search(), a.hash());
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
                crate::highlight::follow(&a);
                go(site, path, query, hash, true);
            }
        });
        let back = window_event_listener(leptos::ev::popstate, move |ev| {
            // The history has moved, the old page is still on screen: its place is known.
            leave(false);
            let target = saved_place(&ev.state());
            let entry = target.as_ref().map_or_else(new_entry, |p| p.entry);
            ENTRY.set(entry);
            // The place as the reader left it in this document, else as the entry kept it.
            let saved = PLACES
                .with_borrow(|places| places.iter().find(|p| p.entry == entry).cloned())
                .or(target);
            let here = window().location();
            visit(
                site,
                here.pathname().unwrap_or_default(),
                here.search().unwrap_or_default(),
                here.hash().unwrap_or_default(),
                false,
                saved,
            );
        });
        // For the app's whole life.
        std::mem::forget((clicks, back, hide, show));
    }

    /// Shows the page at `path`; `push` adds it to the history (a link) rather than following
    /// the history (back and forward).
    pub fn go(site: Site, path: String, query: String, hash: String, push: bool) {
        visit(site, path, query, hash, push, None);
    }

    /// `push`: a new entry; otherwise the history moved to an entry that kept `saved`.
    fn visit(
        site: Site,
        path: String,
        query: String,
        hash: String,
        push: bool,
        saved: Option<Place>,
    ) {
        // The page asked for last: a slower earlier answer must not replace it.
        site.wanted.set_value(path.clone());
        let landing = super::landing(push, saved, &hash);
        if let Some(page) = site.cached(&path) {
            let url = super::address(&path, &query, &hash);
            commit(site, page, &url, push, landing);
            return;
        }
        site.state.set(LoadState::Loading);
        leptos::task::spawn_local(async move {
            let url = crate::page_data_url(&path);
            let result = match gloo_net::http::Request::get(&url).send().await {
                Ok(resp) if resp.ok() => match resp.text().await {
                    Ok(text) => crate::json::decode::<Page>(&text).ok_or(()),
                    Err(_) => Err(()),
                },
                Ok(resp) if resp.status() == 404 => Ok(Site::not_found(&path)),
                _ => Err(()),
            };
            let address = super::address(&path, &query, &hash);
            if site.wanted.with_value(|w| w != &path) {
                return;
            }
            match result {
                Ok(page) => commit(site, Arc::new(page), &address, push, landing),
                // Let the browser try: the server (or the offline cache) may answer a full
                // page load where the data request failed.
                Err(()) => _ = window().location().assign(&address),
            }
        });
    }

    /// Shows `page`; `push` adds `address` (its path, query and fragment) to the history.
    fn commit(site: Site, page: Arc<Page>, address: &str, push: bool, landing: Landing) {
        if push {
            if let Ok(history) = window().history() {
                // The page being left keeps where the reader was, for the way back.
                leave(true);
                let entry = new_entry();
                ENTRY.set(entry);
                let fresh = Place {
                    entry,
                    x: 0,
                    y: 0,
                    focus: None,
                };
                _ = history.push_state_with_url(&fresh.encode().into(), "", Some(address));
            }
        }
        site.show(page);
        let page = site.current.get_untracked();
        let doc = document();
        // A link followed from the phone menu: the menu closes, as on a page load.
        super::super::header::close_menu(false);
        super::super::header::set_alternate(&page.alternate);
        doc.set_title(&page.title);
        if let Some(html) = doc.document_element() {
            _ = html.set_attribute("lang", page.lang.code());
        }
        land(landing);
    }

    /// What a full page load would have done once the new view has rendered: scroll to the
    /// anchor, the top or the kept place, and put focus where a screen reader starts.
    fn land(landing: Landing) {
        request_animation_frame(move || {
            // Before scrolling: marks are inline and move nothing, but they are part of the page.
            crate::highlight::apply();
            let doc = document();
            let focus = |el: web_sys::Element| {
                if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                    let options = web_sys::FocusOptions::new();
                    options.set_prevent_scroll(true);
                    _ = el.focus_with_options(&options);
                }
            };
            let title = || doc.query_selector("main h1").ok().flatten();
            match landing {
                Landing::Anchor(id) => match doc.get_element_by_id(&id) {
                    Some(el) => {
                        let options = web_sys::ScrollIntoViewOptions::new();
                        options.set_behavior(web_sys::ScrollBehavior::Instant);
                        el.scroll_into_view_with_scroll_into_view_options(&options);
                    }
                    None => land_top(title()),
                },
                Landing::Top => land_top(title()),
                Landing::Restore(place) => {
                    jump(place.x, place.y);
                    let link = place.focus.and_then(|href| {
                        let selector = format!("main a[href=\"{}\"]", href.replace('"', "\\\""));
                        doc.query_selector(&selector).ok().flatten()
                    });
                    if let Some(el) = link.or_else(title) {
                        focus(el);
                    }
                }
            }
        });
    }

    /// At once, as a page load does (the stylesheet makes in-page scrolling smooth).
    fn jump(x: i32, y: i32) {
        let options = web_sys::ScrollToOptions::new();
        options.set_left(x.into());
        options.set_top(y.into());
        options.set_behavior(web_sys::ScrollBehavior::Instant);
        window().scroll_to_with_scroll_to_options(&options);
    }

    fn land_top(title: Option<web_sys::Element>) {
        jump(0, 0);
        // Screen readers start reading the new page at its title.
        if let Some(h1) = title.and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok()) {
            _ = h1.focus();
        }
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
            go(site, path, String::new(), String::new(), true);
        }
    });
    std::mem::forget(handle);
}

#[cfg(test)]
mod tests {
    use super::{address, episode_step, handles, landing, Landing, LinkClick, Place};

    #[test]
    fn the_address_keeps_the_query_and_the_fragment() {
        let path = "/nl/afleveringen/hoofd-op-orde/";
        assert_eq!(address(path, "", ""), path);
        assert_eq!(
            address(path, "?t=42", ""),
            "/nl/afleveringen/hoofd-op-orde/?t=42",
            "a shared moment survives a client-side navigation"
        );
        assert_eq!(
            address(path, "?t=42", "#bronnen"),
            "/nl/afleveringen/hoofd-op-orde/?t=42#bronnen"
        );
    }

    #[test]
    fn a_place_survives_history_state_and_foreign_states_are_ignored() {
        let place = Place {
            entry: 17,
            x: 0,
            y: 1979,
            focus: Some("/nl/afleveringen/smog/".into()),
        };
        let back = Place::decode(&place.encode()).unwrap();
        assert_eq!((back.entry, back.y), (17, 1979));
        assert_eq!(back.focus.as_deref(), Some("/nl/afleveringen/smog/"));
        let no_focus = Place {
            focus: None,
            ..place.clone()
        };
        assert_eq!(Place::decode(&no_focus.encode()).unwrap().focus, None);
        // A link with a space in its address keeps it.
        let spaced = Place {
            focus: Some("/a b/".into()),
            ..place
        };
        assert_eq!(
            Place::decode(&spaced.encode()).unwrap().focus.as_deref(),
            Some("/a b/")
        );
        for foreign in [
            "",
            "null",
            "loopje-place",
            "loopje-place x 1",
            "other 0 0",
            "loopje-place 0 NaN",
            "loopje-place 1 x 1",
            "loopje-place 1 0 1.5",
            "other 1 0 0",
        ] {
            assert_eq!(Place::decode(foreign), None, "{foreign:?}");
        }
    }

    #[test]
    fn links_go_to_the_top_or_the_fragment_and_history_to_the_kept_place() {
        let kept = || {
            Some(Place {
                entry: 1,
                x: 0,
                y: 500,
                focus: None,
            })
        };
        assert_eq!(landing(true, None, ""), Landing::Top);
        assert_eq!(
            landing(true, None, "#bronnen"),
            Landing::Anchor("bronnen".into())
        );
        assert_eq!(
            landing(true, kept(), ""),
            Landing::Top,
            "a new visit starts at the top"
        );
        assert_eq!(
            landing(false, kept(), "#bronnen"),
            Landing::Restore(kept().unwrap())
        );
        assert_eq!(
            landing(false, None, "#bronnen"),
            Landing::Anchor("bronnen".into())
        );
        assert_eq!(landing(false, None, "#"), Landing::Top);
    }

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
