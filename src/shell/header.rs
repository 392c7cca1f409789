//! The site header, as static markup: the same string on the server and in the browser, so the
//! app hydrates nothing inside it (`inner_html`), which keeps ~25 elements' hydration code out of
//! the wasm. What changes after the first paint is done on the DOM by plain functions: the
//! language link follows the page shown (`set_alternate`), the theme switches (`theme::start`)
//! and the phone menu's Escape key (`start`).
//!
//! One row on a phone: the brand, search, the other language (its code) and a disclosure
//! (`<details>`: it works before the app runs and without JavaScript) holding the other links and
//! the theme; wider screens show those in the row instead and hide the disclosure.

use super::theme;
use crate::escape::escape;
use crate::i18n::strings;
use crate::model::{intensity_path, quizzes_path, search_path, Lang};

pub fn header_html(lang: Lang, alternate: &str) -> String {
    let t = strings(lang);
    let home = lang.home_path();
    let other = lang.other().code();
    let (quizzes, intensity, search) =
        (quizzes_path(lang), intensity_path(lang), search_path(lang));
    let e = escape;
    format!(
        "<nav class=\"site-nav\" aria-label=\"{label}\">\
         <a class=\"brand\" href=\"{home}\"><span class=\"brand-mark\" aria-hidden=\"true\"></span>\
         <span class=\"brand-name\">{name}</span>\
         <span class=\"brand-short\" aria-hidden=\"true\">{short}</span></a>\
         <a class=\"nav-home nav-wide\" href=\"{home}\">{nav_home}</a>\
         <a class=\"nav-quiz nav-wide\" href=\"{quizzes}\">{nav_quiz}</a>\
         <a class=\"nav-intensity nav-wide\" href=\"{intensity}\">{nav_intensity}</a>\
         <a class=\"nav-search\" href=\"{search}\">{nav_search}</a>\
         <a class=\"lang-switch\" href=\"{alternate}\" hreflang=\"{other}\" lang=\"{other}\" title=\"{hint}\">\
         <span class=\"lang-short\">{other_upper}</span><span class=\"lang-name\">{other_name}</span></a>\
         <div class=\"nav-wide\">{switch}</div>\
         <details class=\"nav-menu\"><summary>{menu}</summary><div class=\"nav-menu-items\">\
         <a href=\"{home}\">{nav_home}</a><a href=\"{quizzes}\">{nav_quiz}</a>\
         <a href=\"{intensity}\">{nav_intensity}</a>{switch}</div></details></nav>",
        label = e(t.nav_label),
        home = e(&home),
        name = e(t.site_name),
        short = e(t.site_short_name),
        nav_home = e(t.nav_home),
        quizzes = e(&quizzes),
        nav_quiz = e(t.nav_quiz),
        intensity = e(&intensity),
        nav_intensity = e(t.nav_intensity),
        search = e(&search),
        nav_search = e(t.nav_search),
        alternate = e(alternate),
        hint = e(t.other_language_hint),
        other_upper = other.to_ascii_uppercase(),
        other_name = e(t.other_language_name),
        switch = theme::switch_html(lang),
        menu = e(t.nav_menu),
    )
}

#[cfg(feature = "hydrate")]
mod client {
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;

    /// The language link goes to the other language's version of the page shown.
    pub fn set_alternate(alternate: &str) {
        if let Some(a) = document().query_selector("a.lang-switch").ok().flatten() {
            _ = a.set_attribute("href", alternate);
        }
    }

    /// Closes the open phone menu (a link in it was followed, or Escape); `focus`: back to its
    /// button, as for other disclosures.
    pub fn close_menu(focus: bool) {
        let Some(menu) = document()
            .query_selector("details.nav-menu[open]")
            .ok()
            .flatten()
        else {
            return;
        };
        _ = menu.remove_attribute("open");
        if focus {
            if let Some(summary) = menu
                .query_selector("summary")
                .ok()
                .flatten()
                .and_then(|s| s.dyn_into::<web_sys::HtmlElement>().ok())
            {
                _ = summary.focus();
            }
        }
    }

    pub fn start() {
        let keys = window_event_listener(leptos::ev::keydown, |ev| {
            if ev.key() == "Escape" {
                close_menu(true);
            }
        });
        // For the app's whole life.
        std::mem::forget(keys);
    }
}

#[cfg(feature = "hydrate")]
pub use client::{close_menu, set_alternate, start};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_links_every_part_of_the_site_in_its_language() {
        for lang in Lang::ALL {
            let h = header_html(lang, "/x/\"y");
            for path in [quizzes_path(lang), intensity_path(lang), search_path(lang)] {
                // In the row and in the phone menu (search: the row only).
                assert!(h.contains(&format!("href=\"{path}\"")), "{path}");
            }
            assert!(
                h.contains("href=\"/x/&quot;y\""),
                "attribute values are escaped"
            );
            assert_eq!(
                h.matches("<select").count(),
                2,
                "a theme switch in the row and the menu"
            );
            assert!(h.contains(strings(lang).nav_menu));
        }
    }
}
