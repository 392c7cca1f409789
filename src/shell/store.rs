use crate::model::{Lang, Page, PageContent};
use leptos::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Where a client-side navigation stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoadState {
    Idle,
    Loading,
}

/// The page being shown and the pages already fetched (a `BTreeMap`: its code is in the wasm
/// anyway, a `HashMap` would add its own). The prerendered page is the first
/// entry, so hydration renders exactly what the builder rendered.
#[derive(Clone, Copy)]
pub struct Site {
    pub current: RwSignal<Arc<Page>>,
    pub state: RwSignal<LoadState>,
    /// The path of the last page asked for (see `navigation::go`).
    pub wanted: StoredValue<String>,
    cache: StoredValue<BTreeMap<String, Arc<Page>>>,
}

impl Site {
    pub fn new(initial: Page) -> Self {
        let initial = Arc::new(initial);
        let mut cache = BTreeMap::new();
        cache.insert(initial.path.clone(), initial.clone());
        Site {
            wanted: StoredValue::new(initial.path.clone()),
            current: RwSignal::new(initial),
            state: RwSignal::new(LoadState::Idle),
            cache: StoredValue::new(cache),
        }
    }

    pub fn lang(&self) -> Lang {
        self.current.with(|p| p.lang)
    }

    pub fn cached(&self, path: &str) -> Option<Arc<Page>> {
        self.cache.with_value(|c| c.get(path).cloned())
    }

    pub fn show(&self, page: Arc<Page>) {
        self.cache
            .update_value(|c| _ = c.insert(page.path.clone(), page.clone()));
        self.current.set(page);
        self.state.set(LoadState::Idle);
    }

    /// A page for a path the site does not have, in the language its path suggests.
    pub fn not_found(path: &str) -> Page {
        let lang = Lang::of_path(path);
        Page {
            lang,
            path: path.to_string(),
            alternate: lang.other().home_path(),
            title: crate::i18n::strings(lang).not_found_title.to_string(),
            description: String::new(),
            content: PageContent::NotFound,
        }
    }
}
