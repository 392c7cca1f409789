use super::help::ShortcutsHelp;
use super::store::{LoadState, Site};
use super::theme::{chosen_theme, ThemeSwitch};
use crate::i18n::strings;
use crate::model::{intensity_path, quizzes_path, search_path, Lang, Page, PageContent};
use crate::offline::{OfflineBanner, OfflineReady, OfflineState};
use crate::pages;
use leptos::prelude::*;

/// The whole body of every page. `initial` is the page the builder prerendered.
#[component]
pub fn App(initial: Page) -> impl IntoView {
    let site = Site::new(initial);
    provide_context(site);
    view! { <Shell site/> }
}

#[component]
fn Shell(site: Site) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    {
        super::navigation::follow_links(site);
        super::navigation::arrow_keys(site);
    }
    let offline = OfflineState::new();
    Effect::new(move |_| crate::offline::start(offline));
    // Fixed for the document's life: a link to the other language is a full page load
    // (`navigation::handles`), so the shell's text is static rather than one reactive node per
    // string (which cost the wasm about 4 KB brotli).
    let lang = site.current.with_untracked(|p| p.lang);
    let t = strings(lang);
    let home = lang.home_path();
    let other = lang.other().code();
    let theme = chosen_theme();
    view! {
        <a class="skip-link" href="#main">{t.skip_to_content}</a>
        <header class="site-header">
            // One row on a phone: the brand, search, the other language and a disclosure
            // (`<details>`: it works before the app runs and without JavaScript) holding the
            // other links and the theme; wider screens show those in the row instead.
            <nav class="site-nav" aria-label=t.nav_label>
                <a class="brand" href=home.clone()>
                    <span class="brand-mark" aria-hidden="true"></span>
                    <span class="brand-name">{t.site_name}</span>
                    <span class="brand-short" aria-hidden="true">{t.site_short_name}</span>
                </a>
                <a class="nav-home nav-wide" href=home.clone()>{t.nav_home}</a>
                <a class="nav-quiz nav-wide" href=quizzes_path(lang)>{t.nav_quiz}</a>
                <a class="nav-intensity nav-wide" href=intensity_path(lang)>{t.nav_intensity}</a>
                <a class="nav-search" href=search_path(lang)>{t.nav_search}</a>
                <a
                    class="lang-switch"
                    href=move || site.current.with(|p| p.alternate.clone())
                    hreflang=other
                    lang=other
                    title=t.other_language_hint
                >
                    // On a phone only the code shows; the name stays the link's name.
                    <span class="lang-short">{other.to_uppercase()}</span>
                    <span class="lang-name">{t.other_language_name}</span>
                </a>
                <div class="nav-wide">
                    <ThemeSwitch lang theme/>
                </div>
                <details class="nav-menu" on:keydown=close_menu_on_escape>
                    <summary>{t.nav_menu}</summary>
                    <div class="nav-menu-items">
                        <a href=home>{t.nav_home}</a>
                        <a href=quizzes_path(lang)>{t.nav_quiz}</a>
                        <a href=intensity_path(lang)>{t.nav_intensity}</a>
                        <ThemeSwitch lang theme/>
                    </div>
                </details>
            </nav>
        </header>
        <OfflineBanner lang state=offline/>
        <main id="main" tabindex="-1">
            <Status site lang/>
            {move || page_view(site.current.get())}
        </main>
        <footer class="site-footer">
            <p>{t.footer_about}</p>
            <p>{t.footer_no_advice}</p>
            <OfflineReady lang state=offline/>
            <ShortcutsHelp lang/>
        </footer>
    }
}

/// Escape closes the phone menu and returns focus to its button, as for other disclosures.
fn close_menu_on_escape(ev: leptos::ev::KeyboardEvent) {
    use wasm_bindgen::JsCast;
    if ev.key() != "Escape" {
        return;
    }
    let Some(menu) = ev
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    if menu.has_attribute("open") {
        _ = menu.remove_attribute("open");
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

// An enum of the page views rather than `AnyView`: type erasure would compile every view's
// async-hydration path into the wasm (about a sixth of it) for nothing.
fn page_view(page: std::sync::Arc<Page>) -> impl IntoView {
    use leptos::either::EitherOf7 as V;
    let lang = page.lang;
    match &page.content {
        PageContent::Home { episodes, total } => V::A(pages::home::Home(pages::home::HomeProps {
            lang,
            episodes: episodes.clone(),
            total: *total,
            archive: false,
        })),
        // The same list, every episode: one view (and one more variant of the enum would cost
        // the wasm another hydration path).
        PageContent::Archive { episodes } => V::A(pages::home::Home(pages::home::HomeProps {
            lang,
            episodes: episodes.clone(),
            total: episodes.len(),
            archive: true,
        })),
        PageContent::Episode(article) => {
            V::B(pages::episode::Episode(pages::episode::EpisodeProps {
                lang,
                article: (**article).clone(),
            }))
        }
        PageContent::Quiz(quiz) => V::C(pages::quiz::QuizPage(pages::quiz::QuizPageProps {
            lang,
            quiz: (**quiz).clone(),
        })),
        PageContent::Quizzes { quizzes } => V::D(pages::quiz::Quizzes(pages::quiz::QuizzesProps {
            lang,
            quizzes: quizzes.clone(),
        })),
        PageContent::IntensityTest(guide) => V::E(pages::intensity::IntensityPage(
            pages::intensity::IntensityPageProps {
                lang,
                guide: (**guide).clone(),
            },
        )),
        PageContent::Search => V::F(pages::search::SearchPage(pages::search::SearchPageProps {
            lang,
        })),
        PageContent::NotFound => V::G(pages::not_found::NotFound()),
    }
}
