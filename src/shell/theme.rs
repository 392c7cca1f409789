//! Light, dark, or whatever the device prefers: chosen in the header, kept on the device, and
//! applied before the first paint by `public/theme.js`, which reads the same record. That script
//! is inlined into every page (the CSP allows it by its hash), so it is kept to a few lines: an
//! unreadable record, or no storage, leaves the device's setting in charge.

use crate::escape::escape;
use crate::i18n::strings;
use crate::model::Lang;
use crate::storage::Record;
#[cfg(feature = "hydrate")]
use leptos::prelude::*;
use serde::Serialize;

pub const KEY: &str = "loopje.theme";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

impl crate::json::FromJson for Theme {
    fn from_json(json: crate::json::Json) -> Option<Self> {
        crate::json::named(json, &Theme::ALL, Theme::value)
    }
}

impl Record for Theme {
    const VERSION: u32 = 1;

    fn migrate(_from: u32, _stored: crate::json::Json) -> Option<Self> {
        None
    }
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    /// The value of `<html data-theme>`; none lets the CSS follow the device.
    pub fn attribute(self) -> Option<&'static str> {
        match self {
            Theme::System => None,
            Theme::Light => Some("light"),
            Theme::Dark => Some("dark"),
        }
    }

    pub fn value(self) -> &'static str {
        self.attribute().unwrap_or("system")
    }

    pub fn from_value(v: &str) -> Theme {
        crate::json::by_name(&Theme::ALL, Theme::value, v).unwrap_or_default()
    }

    fn label(self, lang: Lang) -> &'static str {
        let t = strings(lang);
        match self {
            Theme::System => t.theme_system,
            Theme::Light => t.theme_light,
            Theme::Dark => t.theme_dark,
        }
    }
}

#[cfg(feature = "hydrate")]
fn apply(theme: Theme) {
    if let Some(html) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        _ = match theme.attribute() {
            Some(v) => html.set_attribute("data-theme", v),
            None => html.remove_attribute("data-theme"),
        };
    }
}

/// A theme switch, as markup (the static header has two: in the row and in the phone menu).
/// Prerendered as "same as device"; [`start`] shows the stored choice once the app runs (the page
/// itself already wears it, thanks to theme.js).
pub fn switch_html(lang: Lang) -> String {
    let options: String = Theme::ALL
        .into_iter()
        .map(|th| {
            let selected = if th == Theme::System { " selected" } else { "" };
            format!(
                "<option value=\"{}\"{selected}>{}</option>",
                th.value(),
                escape(th.label(lang))
            )
        })
        .collect();
    format!(
        "<label class=\"theme-switch\"><span>{}</span><select class=\"theme-choice\">{options}</select></label>",
        escape(strings(lang).theme_label)
    )
}

/// After hydration: every switch shows the stored choice; a choice in any of them is applied,
/// kept and shown by all; a choice made in another tab is followed.
#[cfg(feature = "hydrate")]
pub fn start() {
    use wasm_bindgen::JsCast;
    show(crate::storage::load::<Theme>(KEY).0);
    let changes = window_event_listener(leptos::ev::change, |ev| {
        let Some(select) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
            .filter(|s| s.matches(".theme-choice").unwrap_or(false))
        else {
            return;
        };
        let chosen = Theme::from_value(&select.value());
        apply(chosen);
        crate::storage::save(KEY, &chosen);
        show(chosen);
    });
    // For the app's whole life.
    std::mem::forget(changes);
    crate::storage::follow(KEY.to_string(), |raw| {
        let chosen = crate::storage::decode::<Theme>(raw.as_deref()).0;
        apply(chosen);
        show(chosen);
    });
}

#[cfg(feature = "hydrate")]
fn show(theme: Theme) {
    use wasm_bindgen::JsCast;
    let Ok(selects) = document().query_selector_all("select.theme-choice") else {
        return;
    };
    for i in 0..selects.length() {
        if let Some(s) = selects
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::HtmlSelectElement>().ok())
        {
            s.set_value(theme.value());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::{decode, encode, Notice};

    #[test]
    fn stored_as_theme_js_reads_it() {
        assert_eq!(encode(&Theme::Dark), r#"{"v":1,"data":"dark"}"#);
        assert_eq!(encode(&Theme::System), r#"{"v":1,"data":"system"}"#);
        assert_eq!(
            decode::<Theme>(Some(r#"{"v":1,"data":"light"}"#)),
            (Theme::Light, None)
        );
        let js = include_str!("../../public/theme.js");
        assert!(js.contains("'loopje.theme'") && KEY == "loopje.theme");
        assert!(js.contains("r.v === 1") && Theme::VERSION == 1);
        crate::json::assert_names_are_serdes(&Theme::ALL, Theme::value);
    }

    #[test]
    fn garbage_means_the_device_decides() {
        for raw in [
            "dark",
            r#"{"v":1,"data":"purple"}"#,
            r#"{"v":7,"data":"dark"}"#,
        ] {
            assert_eq!(
                decode::<Theme>(Some(raw)),
                (Theme::System, Some(Notice::Reset)),
                "{raw}"
            );
        }
        assert_eq!(Theme::from_value("nonsense"), Theme::System);
        assert_eq!(Theme::from_value("dark").attribute(), Some("dark"));
    }
}
