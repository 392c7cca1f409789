#![recursion_limit = "256"]
//! Loopje's app: the Leptos components that the native builder prerenders (`ssr`) and the
//! browser hydrates (`hydrate`). It never parses Markdown: it receives [`model::Page`] data.

pub mod i18n;
pub mod model;
pub mod offline;
pub mod pages;
pub mod shell;
pub mod storage;
pub mod widgets;

pub use shell::App;

/// Id of the `<script type="application/json">` in `<head>` that carries the current page.
pub const PAGE_DATA_ID: &str = "loopje-page";

/// The URL of the JSON a route's page data is fetched from during client-side navigation.
pub fn page_data_url(path: &str) -> String {
    let path = path.split(['?', '#']).next().unwrap_or("/");
    if path.ends_with('/') {
        format!("{path}page.json")
    } else {
        format!("{path}/page.json")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn page_data_url() {
        assert_eq!(super::page_data_url("/nl/"), "/nl/page.json");
        assert_eq!(
            super::page_data_url("/en/episodes/x"),
            "/en/episodes/x/page.json"
        );
        assert_eq!(
            super::page_data_url("/en/episodes/x/?a=1#t"),
            "/en/episodes/x/page.json"
        );
    }
}
