use super::header::header_html;
use super::help::ShortcutsHelp;
use super::store::{LoadState, Site};
use crate::i18n::strings;
use crate::model::{Lang, Page, PageContent};
use crate::offline::{OfflineBanner, OfflineReady, OfflineState};
use crate::pages;
use crate::widgets::player::{player_bar, Deck};
use leptos::prelude::*;

/// The whole body of every page. `initial` is the page the builder prerendered.
#[component]
pub fn App(initial: Page) -> impl IntoView {
    let site = Site::new(initial);
    provide_context(site);
    // From the prerendered page, so the player's markup is the server's.
    let deck = site.current.with_untracked(|p| Deck::new(p));
    provide_context(deck);
    view! { <Shell site deck/> }
}

#[component]
fn Shell(site: Site, deck: Deck) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    {
        super::navigation::follow_links(site);
        super::navigation::arrow_keys(site);
        deck.listen(site);
    }
    let offline = OfflineState::new();
    Effect::new(move |_| crate::offline::start(offline));
    // Fixed for the document's life: a link to the other language is a full page load
    // (`navigation::handles`), so the shell's text is static rather than one reactive node per
    // string (which cost the wasm about 4 KB brotli).
    let lang = site.current.with_untracked(|p| p.lang);
    let t = strings(lang);
    let alternate = site.current.with_untracked(|p| p.alternate.clone());
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        super::theme::start();
        super::header::start();
    });
    view! {
        <a class="skip-link" href="#main">{t.skip_to_content}</a>
        // Static markup: the app hydrates nothing inside it (see `header.rs`).
        <header class="site-header" inner_html=header_html(lang, &alternate)></header>
        <OfflineBanner lang state=offline/>
        <main id="main" tabindex="-1">
            <Status site lang/>
            {move || page_view(site.current.get())}
        </main>
        // Outside the page views, so what plays keeps playing from page to page.
        {player_bar(deck)}
        <footer class="site-footer">
            <p>{t.footer_about}</p>
            <p>{t.footer_no_advice}</p>
            <OfflineReady lang state=offline/>
            <ShortcutsHelp lang/>
        </footer>
    }
}

/// Announces a slow client-side navigation; the previous page stays readable meanwhile.
#[component]
fn Status(site: Site, lang: Lang) -> impl IntoView {
    let loading = strings(lang).loading;
    view! {
        <p class="nav-status" role="status" aria-live="polite">
            {move || match site.state.get() {
                LoadState::Idle => "",
                LoadState::Loading => loading,
            }}
        </p>
    }
}

// Every page is a `Markup`: one view type, so one hydration path, whichever page is shown.
fn page_view(page: std::sync::Arc<Page>) -> impl IntoView {
    let lang = page.lang;
    let markup = match &page.content {
        PageContent::Home {
            episodes,
            total,
            feed,
        } => pages::home::home(lang, episodes.clone(), *total, false, Some(feed.clone())),
        PageContent::Archive { episodes } => {
            pages::home::home(lang, episodes.clone(), episodes.len(), true, None)
        }
        PageContent::Episode(article) => {
            pages::episode::episode(lang, page.path.clone(), (**article).clone())
        }
        PageContent::Quiz(quiz) => pages::quiz::quiz_page(lang, (**quiz).clone()),
        PageContent::Quizzes { quizzes } => pages::quiz::quizzes(lang, quizzes),
        PageContent::IntensityTest(guide) => {
            pages::intensity::intensity_page(lang, (**guide).clone())
        }
        PageContent::Search => pages::search::search_page(lang),
        PageContent::NotFound => pages::not_found::not_found(),
    };
    markup.view()
}
