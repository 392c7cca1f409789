use super::logic::app_links;
use crate::escape::escape;
use crate::i18n::strings;
use crate::model::Lang;

/// The feed's URL as selectable text, a copy button once the app runs (the Clipboard API), and
/// plain links that open the feed in podcast apps: markup Leptos does not hydrate; [`attach`]
/// readies the button and says what copying did.
pub fn section_html(lang: Lang, feed: &str) -> String {
    format!(
        "<section class=\"subscribe\" aria-labelledby=\"subscribe-title\">{}</section>",
        subscribe_html(lang, feed)
    )
}

/// The block in `section` takes over, for as long as the page lives.
#[cfg(feature = "hydrate")]
pub fn attach(lang: Lang, feed: String, section: web_sys::Element) {
    use crate::widgets::dom::{clicked_button, find, on};
    let t = strings(lang);
    // The button needs the app; without it the URL is there to select.
    if let Some(button) = find(&section, ".subscribe-copy") {
        _ = button.class_list().remove_1("unready");
    }
    let status = find(&section, ".subscribe-status");
    on(&section, "click", move |ev| {
        let copy = clicked_button(&ev).filter(|b| b.class_list().contains("subscribe-copy"));
        let (Some(_), Some(status)) = (copy, status.clone()) else {
            return;
        };
        let feed = feed.clone();
        leptos::task::spawn_local(async move {
            let copied = copy_text(&feed).await;
            status.set_text_content(Some(if copied {
                t.subscribe_copied
            } else {
                t.subscribe_copy_failed
            }));
        });
    });
}

/// The block's content: the copy button starts `unready` (hidden by the stylesheet) until the
/// app runs.
pub fn subscribe_html(lang: Lang, feed: &str) -> String {
    let t = strings(lang);
    let e = escape;
    let apps: String = app_links(feed)
        .into_iter()
        .map(|l| format!("<li><a href=\"{}\">{}</a></li>", e(&l.href), e(l.app)))
        .collect();
    format!(
        "<h2 id=\"subscribe-title\">{}</h2><p>{}</p>\
         <p class=\"subscribe-feed\"><label for=\"subscribe-url\">{}</label>\
         <input id=\"subscribe-url\" type=\"text\" readonly value=\"{}\">\
         <button type=\"button\" class=\"subscribe-copy unready\">{}</button></p>\
         <p class=\"subscribe-status\" role=\"status\"></p>\
         <p id=\"subscribe-apps-title\">{}</p>\
         <ul class=\"subscribe-apps\" aria-labelledby=\"subscribe-apps-title\">{apps}</ul>",
        e(t.subscribe_title),
        e(t.subscribe_intro),
        e(t.subscribe_feed_label),
        e(feed),
        e(t.subscribe_copy),
        e(t.subscribe_apps),
    )
}

/// Writes `text` to the clipboard; `false` where the API is missing (an insecure context) or
/// refuses.
#[cfg(feature = "hydrate")]
async fn copy_text(text: &str) -> bool {
    use wasm_bindgen::JsCast;
    let navigator = leptos::prelude::window().navigator();
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).ok();
    let Some(clipboard) = clipboard.and_then(|c| c.dyn_into::<web_sys::Clipboard>().ok()) else {
        return false;
    };
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text))
        .await
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_feed_is_selectable_text_and_the_button_waits_for_the_app() {
        let html = subscribe_html(Lang::Nl, "https://example.org/feed.xml?a=1&b=\"2\"");
        assert!(html.contains("value=\"https://example.org/feed.xml?a=1&amp;b=&quot;2&quot;\""));
        assert!(html.contains("class=\"subscribe-copy unready\""));
        assert!(html.contains(
            "<a href=\"podcast://example.org/feed.xml?a=1&amp;b=&quot;2&quot;\">Apple Podcasts</a>"
        ));
        assert!(html.contains("<p class=\"subscribe-status\" role=\"status\"></p>"));
    }
}
