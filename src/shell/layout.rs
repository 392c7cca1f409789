use super::header::header_html;
use super::store::Site;
use crate::escape::escape;
use crate::i18n::strings;
use crate::model::{Lang, Page, PageContent};
use crate::offline::OfflineState;
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
    // (`navigation::handles`), so the shell is static markup, and what changes in it is written
    // by effects (which cost the wasm less than a view with reactive nodes).
    let lang = site.current.with_untracked(|p| p.lang);
    let t = strings(lang);
    let alternate = site.current.with_untracked(|p| p.alternate.clone());
    let banner = NodeRef::<leptos::html::Div>::new();
    let status = NodeRef::<leptos::html::P>::new();
    let footer = NodeRef::<leptos::html::Footer>::new();
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        let (Some(banner), Some(status), Some(footer)) = (banner.get(), status.get(), footer.get())
        else {
            return;
        };
        super::theme::start();
        super::header::start();
        let footer: web_sys::Element = footer.into();
        let ready = crate::widgets::dom::find(&footer, ".offline-ready");
        crate::offline::attach(lang, offline, banner.into(), ready);
        super::help::attach(&footer);
        // Announces a slow client-side navigation; the previous page stays readable meanwhile.
        let loading = t.loading;
        Effect::new(move |_| {
            status.set_text_content(Some(match site.state.get() {
                super::store::LoadState::Idle => "",
                super::store::LoadState::Loading => loading,
            }));
        });
    });
    view! {
        <a class="skip-link" href="#main">{t.skip_to_content}</a>
        // Static markup: the app hydrates nothing inside it (see `header.rs`).
        <header class="site-header" inner_html=header_html(lang, &alternate)></header>
        <div class="offline-banner" role="status" node_ref=banner></div>
        <main id="main" tabindex="-1">
            <p class="nav-status" role="status" aria-live="polite" node_ref=status></p>
            {move || page_view(site.current.get())}
        </main>
        // Outside the page views, so what plays keeps playing from page to page.
        {player_bar(deck)}
        <footer class="site-footer" node_ref=footer inner_html=footer_html(lang)></footer>
    }
}

/// The footer: what the site is, that it gives no medical advice, the line that says the season
/// is kept offline (written once it is), and the shortcuts' button and dialog.
pub fn footer_html(lang: Lang) -> String {
    let t = strings(lang);
    format!(
        "<p>{}</p><p>{}</p><p class=\"offline-ready\" role=\"status\"></p>{}",
        escape(t.footer_about),
        escape(t.footer_no_advice),
        super::help::help_html(lang)
    )
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
