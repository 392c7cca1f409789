//! The keyboard shortcuts, listed in a dialog opened with `?` (or the footer's button).

use crate::i18n::strings;
use crate::model::Lang;
use leptos::html;
use leptos::prelude::*;

/// `?` opens the help unless the reader is typing.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))] // only the app listens for keys
pub fn opens_help(key: &str, editable: bool, ctrl_or_meta: bool) -> bool {
    key == "?" && !editable && !ctrl_or_meta
}

#[component]
pub fn ShortcutsHelp(lang: Lang) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    let open = move || {
        if let Some(d) = dialog.get_untracked() {
            if !d.open() {
                _ = d.show_modal();
            }
        }
    };
    #[cfg(feature = "hydrate")]
    {
        use crate::widgets::player::logic::Focus;
        let handle = window_event_listener(leptos::ev::keydown, move |ev| {
            let editable = Focus::of_event(&ev) == Focus::Editable;
            if opens_help(&ev.key(), editable, ev.ctrl_key() || ev.meta_key()) {
                ev.prevent_default();
                open();
            }
        });
        on_cleanup(move || handle.remove());
    }
    let t = strings(lang);
    let rows = t
        .shortcut_keys
        .iter()
        .zip(t.shortcut_actions.iter())
        .map(|(k, a)| {
            view! {
                <dt><kbd>{*k}</kbd></dt>
                <dd>{*a}</dd>
            }
        })
        .collect_view();
    view! {
        <button type="button" class="shortcuts-open" aria-haspopup="dialog" on:click=move |_| open()>
            {t.shortcuts_open}" (?)"
        </button>
        <dialog node_ref=dialog class="shortcuts" aria-labelledby="shortcuts-title">
            <h2 id="shortcuts-title">{t.shortcuts_title}</h2>
            <dl>{rows}</dl>
            <form method="dialog">
                <button type="submit">{t.shortcuts_close}</button>
            </form>
        </dialog>
    }
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
