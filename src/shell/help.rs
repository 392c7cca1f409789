//! The keyboard shortcuts, listed in a dialog opened with `?` (or the footer's button).

use crate::escape::escape;
use crate::i18n::strings;
use crate::model::Lang;
#[cfg(feature = "hydrate")]
use leptos::prelude::*;

/// `?` opens the help unless the reader is typing.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))] // only the app listens for keys
pub fn opens_help(key: &str, editable: bool, ctrl_or_meta: bool) -> bool {
    key == "?" && !editable && !ctrl_or_meta
}

/// The footer's button and the dialog it opens, as markup.
pub fn help_html(lang: Lang) -> String {
    let t = strings(lang);
    let e = escape;
    let rows: String = t
        .shortcut_keys
        .iter()
        .zip(t.shortcut_actions.iter())
        .map(|(k, a)| format!("<dt><kbd>{}</kbd></dt><dd>{}</dd>", e(k), e(a)))
        .collect();
    format!(
        "<button type=\"button\" class=\"shortcuts-open\" aria-haspopup=\"dialog\">{} (?)</button>\
         <dialog class=\"shortcuts\" aria-labelledby=\"shortcuts-title\">\
         <h2 id=\"shortcuts-title\">{}</h2><dl>{rows}</dl>\
         <form method=\"dialog\"><button type=\"submit\">{}</button></form></dialog>",
        e(t.shortcuts_open),
        e(t.shortcuts_title),
        e(t.shortcuts_close),
    )
}

/// Opens the dialog from the button and from `?` anywhere on the page.
#[cfg(feature = "hydrate")]
pub fn attach(footer: &web_sys::Element) {
    use crate::widgets::dom::{find, on};
    use crate::widgets::player::logic::Focus;
    use wasm_bindgen::JsCast;
    let Some(dialog) = find(footer, "dialog.shortcuts")
        .and_then(|d| d.dyn_into::<web_sys::HtmlDialogElement>().ok())
    else {
        return;
    };
    let open = move || {
        if !dialog.open() {
            _ = dialog.show_modal();
        }
    };
    if let Some(button) = find(footer, ".shortcuts-open") {
        let open = open.clone();
        on(&button, "click", move |_| open());
    }
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        let editable = Focus::of_event(&ev) == Focus::Editable;
        if opens_help(&ev.key(), editable, ev.ctrl_key() || ev.meta_key()) {
            ev.prevent_default();
            open();
        }
    });
    on_cleanup(move || handle.remove());
}

#[cfg(test)]
mod tests {
    use super::opens_help;

    #[test]
    fn question_mark_opens_help_unless_typing() {
        assert!(opens_help("?", false, false));
        assert!(!opens_help("?", true, false), "typing a question mark");
        assert!(!opens_help("?", false, true));
        assert!(!opens_help("/", false, false));
    }
}
