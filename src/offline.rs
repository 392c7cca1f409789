//! The page's side of offline support: registers `/sw.js`, offers a waiting release
//! ("new version — reload"), and says whether the reader is offline and whether the season is
//! cached. The worker itself is `public/sw.js`; its precache list comes from the builder.

use crate::escape::escape;
use crate::i18n::strings;
use crate::model::Lang;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct OfflineState {
    pub online: RwSignal<bool>,
    /// A new release is installed and waiting for the reader's consent.
    pub update_ready: RwSignal<bool>,
    /// A worker is active: every file of this release is cached.
    pub cached: RwSignal<bool>,
}

impl OfflineState {
    pub fn new() -> Self {
        // The same values the prerendered HTML was made with; the browser's come after hydration.
        OfflineState {
            online: RwSignal::new(true),
            update_ready: RwSignal::new(false),
            cached: RwSignal::new(false),
        }
    }
}

impl Default for OfflineState {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(feature = "hydrate")]
mod client {
    use super::OfflineState;
    use leptos::prelude::*;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

    fn container() -> Option<ServiceWorkerContainer> {
        let navigator = window().navigator();
        // Browsers without service workers (or with them disabled) simply stay online-only.
        js_sys::Reflect::has(&navigator, &"serviceWorker".into())
            .unwrap_or(false)
            .then(|| navigator.service_worker())
    }

    pub fn start(state: OfflineState) {
        state.online.set(window().navigator().on_line());
        let on = window_event_listener(leptos::ev::online, move |_| state.online.set(true));
        let off = window_event_listener(leptos::ev::offline, move |_| state.online.set(false));
        std::mem::forget((on, off));
        let Some(sw) = container() else { return };
        // A page that already had a worker reloads when another one takes over (the reader
        // accepted the update, here or in another tab), so it never runs on a mix of releases.
        // A first worker claiming the page is no reason to reload.
        let controlled = std::rc::Rc::new(std::cell::Cell::new(sw.controller().is_some()));
        let was_controlled = controlled.clone();
        let on_controller_change = Closure::<dyn FnMut()>::new(move || {
            if was_controlled.replace(true) {
                _ = window().location().reload();
            }
        });
        sw.set_oncontrollerchange(Some(on_controller_change.as_ref().unchecked_ref()));
        on_controller_change.forget();
        let registering = sw.register("/sw.js");
        leptos::task::spawn_local(async move {
            let Ok(reg) = JsFuture::from(registering).await else {
                return;
            };
            // Checked: an embedding that blocks workers (a test browser) may resolve without one.
            let Ok(reg) = reg.dyn_into::<ServiceWorkerRegistration>() else {
                return;
            };
            watch_updates(&reg, state, controlled);
            if let Ok(ready) = sw.ready() {
                if JsFuture::from(ready).await.is_ok() {
                    state.cached.set(true);
                }
            }
        });
    }

    /// A worker that installs while a release is running is an update, waiting for consent.
    fn watch_updates(
        reg: &ServiceWorkerRegistration,
        state: OfflineState,
        controlled: std::rc::Rc<std::cell::Cell<bool>>,
    ) {
        if reg.waiting().is_some() && controlled.get() {
            state.update_ready.set(true);
        }
        let found_reg = reg.clone();
        let on_update_found = Closure::<dyn FnMut()>::new(move || {
            let Some(installing) = found_reg.installing() else {
                return;
            };
            let worker = installing.clone();
            let controlled = controlled.clone();
            let on_state = Closure::<dyn FnMut()>::new(move || {
                if worker.state() == ServiceWorkerState::Installed && controlled.get() {
                    state.update_ready.set(true);
                }
            });
            installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
            on_state.forget();
        });
        reg.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
        on_update_found.forget();
    }

    /// Lets the waiting release take over; `controllerchange` then reloads the page.
    pub fn accept_update() {
        let Some(sw) = container() else { return };
        leptos::task::spawn_local(async move {
            let Ok(reg) = JsFuture::from(sw.get_registration()).await else {
                return;
            };
            // Checked: an embedding that blocks workers (a test browser) may resolve without one.
            let Ok(reg) = reg.dyn_into::<ServiceWorkerRegistration>() else {
                return;
            };
            if let Some(waiting) = reg.waiting() {
                _ = waiting.post_message(&JsValue::from_str("skip-waiting"));
            }
        });
    }
}

/// Starts the worker's page side; call once, after hydration.
pub fn start(_state: OfflineState) {
    #[cfg(feature = "hydrate")]
    client::start(_state);
}

/// The banner at the top of every page: the update prompt and the offline status, for the state
/// the app is in (empty in the prerendered page, which is made online with nothing waiting).
pub fn banner_html(lang: Lang, update_ready: bool, online: bool, cached: bool) -> String {
    let t = strings(lang);
    let mut out = String::new();
    if update_ready {
        out.push_str(&format!(
            "<p class=\"update-prompt\">{} <button type=\"button\">{}</button></p>",
            escape(t.update_available),
            escape(t.update_reload)
        ));
    }
    if !online {
        let note = if cached {
            t.offline_cached
        } else {
            t.offline_uncached
        };
        out.push_str(&format!("<p class=\"offline-note\">{}</p>", escape(note)));
    }
    out
}

/// Keeps the banner (`.offline-banner`) and the footer's line (`.offline-ready`) in step with
/// `state`; the prompt's button lets the waiting release take over.
#[cfg(feature = "hydrate")]
pub fn attach(
    lang: Lang,
    state: OfflineState,
    banner: web_sys::Element,
    ready: Option<web_sys::Element>,
) {
    crate::widgets::dom::on(&banner, "click", |ev| {
        if crate::widgets::dom::clicked_button(&ev).is_some() {
            client::accept_update();
        }
    });
    Effect::new(move |shown: Option<String>| {
        let html = banner_html(
            lang,
            state.update_ready.get(),
            state.online.get(),
            state.cached.get(),
        );
        // Rewritten only when it changes, so a focused button is not replaced under the reader.
        if shown.as_deref() != Some(html.as_str()) {
            banner.set_inner_html(&html);
        }
        html
    });
    if let Some(ready) = ready {
        Effect::new(move |_| {
            let text = state.cached.get().then(|| ready_text(lang));
            ready.set_text_content(text.as_deref());
        });
    }
}

/// "The whole season…", or, when the service worker keeps only the newest episodes (the builder
/// marks the page with `data-offline-newest`), says how many.
#[cfg(feature = "hydrate")]
fn ready_text(lang: Lang) -> String {
    let t = strings(lang);
    if let Some(n) = leptos::prelude::document()
        .document_element()
        .and_then(|html| html.get_attribute("data-offline-newest"))
    {
        return crate::i18n::fill(t.offline_ready_newest, n);
    }
    t.offline_ready.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_banner_offers_a_waiting_release_and_says_what_is_kept_offline() {
        let t = strings(Lang::Nl);
        assert_eq!(
            banner_html(Lang::Nl, false, true, true),
            "",
            "online, nothing waiting"
        );
        let prompt = banner_html(Lang::Nl, true, true, true);
        assert!(prompt.contains(t.update_available) && prompt.contains("<button type=\"button\">"));
        assert!(!prompt.contains("offline-note"));
        assert!(banner_html(Lang::Nl, false, false, true).contains(t.offline_cached));
        let both = banner_html(Lang::En, true, false, false);
        assert!(
            both.contains(strings(Lang::En).offline_uncached) && both.contains("update-prompt")
        );
    }
}
