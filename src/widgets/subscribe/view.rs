use super::logic::app_links;
use crate::i18n::strings;
use crate::model::Lang;
use leptos::prelude::*;

/// The feed's URL as selectable text, a copy button once the app runs (the Clipboard API), and
/// plain links that open the feed in podcast apps.
#[component]
pub fn Subscribe(lang: Lang, feed: String) -> impl IntoView {
    let t = strings(lang);
    // The button needs the app; without it the URL is there to select.
    let ready = RwSignal::new(false);
    let status = RwSignal::new(None::<&'static str>);
    Effect::new(move |_| ready.set(true));
    let copy = {
        let feed = feed.clone();
        move |_| {
            #[cfg(feature = "hydrate")]
            {
                let feed = feed.clone();
                leptos::task::spawn_local(async move {
                    let copied = copy_text(&feed).await;
                    status.set(Some(if copied {
                        t.subscribe_copied
                    } else {
                        t.subscribe_copy_failed
                    }));
                });
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = &feed;
        }
    };
    let apps = app_links(&feed)
        .into_iter()
        .map(|l| view! { <li><a href=l.href>{l.app}</a></li> })
        .collect_view();
    view! {
        <section class="subscribe" aria-labelledby="subscribe-title">
            <h2 id="subscribe-title">{t.subscribe_title}</h2>
            <p>{t.subscribe_intro}</p>
            <p class="subscribe-feed">
                <label for="subscribe-url">{t.subscribe_feed_label}</label>
                <input id="subscribe-url" type="text" readonly value=feed.clone()/>
                <button type="button" class="subscribe-copy" class:unready=move || !ready.get() on:click=copy>
                    {t.subscribe_copy}
                </button>
            </p>
            <p class="subscribe-status" role="status">{move || status.get()}</p>
            <p id="subscribe-apps-title">{t.subscribe_apps}</p>
            <ul class="subscribe-apps" aria-labelledby="subscribe-apps-title">{apps}</ul>
        </section>
    }
}

/// Writes `text` to the clipboard; `false` where the API is missing (an insecure context) or
/// refuses.
#[cfg(feature = "hydrate")]
async fn copy_text(text: &str) -> bool {
    use wasm_bindgen::JsCast;
    let navigator = window().navigator();
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).ok();
    let Some(clipboard) = clipboard.and_then(|c| c.dyn_into::<web_sys::Clipboard>().ok()) else {
        return false;
    };
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text))
        .await
        .is_ok()
}
