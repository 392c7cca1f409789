use super::help::ShortcutsHelp;
use super::store::{LoadState, Site};
use super::theme::ThemeSwitch;
use crate::i18n::strings;
use crate::model::{intensity_path, quizzes_path, search_path, Page, PageContent};
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
    let lang = Signal::derive(move || site.lang());

    let t = move || strings(site.lang());
    let home = move || site.lang().home_path();
    let other = move || site.lang().other();
    view! {
        <a class="skip-link" href="#main">{move || t().skip_to_content}</a>
        <header class="site-header">
            <nav class="site-nav" aria-label=move || t().nav_label>
                <a class="brand" href=home>
                    <span class="brand-mark" aria-hidden="true"></span>
                    <span class="brand-name">{move || t().site_name}</span>
                </a>
                <a class="nav-home" href=home>{move || t().nav_home}</a>
                <a class="nav-quiz" href=move || quizzes_path(site.lang())>{move || t().nav_quiz}</a>
                <a class="nav-intensity" href=move || intensity_path(site.lang())>{move || t().nav_intensity}</a>
                <a class="nav-search" href=move || search_path(site.lang())>{move || t().nav_search}</a>
                <a
                    class="lang-switch"
                    href=move || site.current.with(|p| p.alternate.clone())
                    hreflang=move || other().code()
                    lang=move || other().code()
                    title=move || t().other_language_hint
                >
                    {move || t().other_language_name}
                </a>
                <ThemeSwitch lang/>
            </nav>
        </header>
        <OfflineBanner lang state=offline/>
        <main id="main" tabindex="-1">
            <Status site/>
            {move || page_view(site.current.get())}
        </main>
        <footer class="site-footer">
            <p>{move || t().footer_about}</p>
            <p>{move || t().footer_no_advice}</p>
            <OfflineReady lang state=offline/>
            <ShortcutsHelp lang/>
        </footer>
    }
}

/// Announces a slow client-side navigation; the previous page stays readable meanwhile.
#[component]
fn Status(site: Site) -> impl IntoView {
    let t = move || strings(site.lang());
    view! {
        <p class="nav-status" role="status" aria-live="polite">
            {move || match site.state.get() {
                LoadState::Idle => "",
                LoadState::Loading => t().loading,
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
        PageContent::Home { episodes } => V::A(pages::home::Home(pages::home::HomeProps {
            lang,
            episodes: episodes.clone(),
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
