use crate::i18n::{fill, strings};
use crate::model::{archive_path, EpisodeCard, Lang};
use crate::reading::{Mark, ReadingLog};
use crate::widgets::subscribe::Subscribe;
use leptos::either::EitherOf3;
use leptos::prelude::*;

/// The home page (the newest episodes; `total` counts them all) or, with `archive`, the list of
/// every episode (whose cards come without summaries). `feed`: the podcast feed's URL, for the
/// subscribe block (the home page has one, the archive not).
#[component]
pub fn Home(
    lang: Lang,
    episodes: Vec<EpisodeCard>,
    total: usize,
    archive: bool,
    feed: Option<String>,
) -> impl IntoView {
    let t = strings(lang);
    let more = (!archive && total > episodes.len()).then(|| {
        view! {
            <p class="archive-link">
                <a href=archive_path(lang)>{fill(t.home_all_episodes, total)}</a>
            </p>
        }
    });
    let title = match more.is_some() {
        true => t.home_title_newest,
        false => t.home_title,
    };
    // Read after hydration: the prerendered page never depends on the device.
    let log = RwSignal::new(None::<ReadingLog>);
    #[cfg(feature = "hydrate")]
    {
        Effect::new(move |_| log.set(Some(crate::storage::load(crate::reading::KEY).0)));
        // Read in another tab: the marks follow.
        crate::storage::follow(crate::reading::KEY.to_string(), move |raw| {
            log.set(Some(crate::storage::decode(raw.as_deref()).0));
        });
    }
    let cards = episodes
        .into_iter()
        .map(|ep| {
            let (id, path, title) = (ep.id.clone(), ep.path.clone(), ep.title.clone());
            let mark = move || {
                log.with(|l| l.as_ref().map(|l| l.mark(&id)))
                    .map(|m| read_mark(lang, &path, &title, m))
            };
            view! {
                <li class="episode-card">
                    <article>
                        <p class="episode-number">{fill(t.episode_label, ep.number)}</p>
                        <h2>
                            <a href=ep.path.clone()>{ep.title.clone()}</a>
                        </h2>
                        {(!ep.summary.is_empty()).then(|| view! { <p class="summary">{ep.summary.clone()}</p> })}
                        {super::meta_line(lang, ep.date.clone(), ep.listening_minutes, ep.reading_minutes)}
                        // Its line is reserved in the prerendered page, so filling it in shifts nothing.
                        <p class="read-mark">{mark}</p>
                    </article>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="home">
            <h1 tabindex="-1">{title}</h1>
            <p class="lead">{t.home_intro}</p>
            <ol class="episode-list" reversed>
                {cards}
            </ol>
            {more}
            {feed.map(|feed| view! { <Subscribe lang feed/> })}
        </div>
    }
}

fn read_mark(lang: Lang, path: &str, title: &str, mark: Mark) -> impl IntoView {
    let t = strings(lang);
    match mark {
        Mark::Unread => EitherOf3::A(view! { <span class="unread">{t.reading_unread}</span> }),
        Mark::Read => EitherOf3::B(view! { <span class="read">{t.reading_read}</span> }),
        Mark::Started(percent, anchor) => {
            let href = match anchor {
                Some(a) => format!("{path}#{a}"),
                None => path.to_string(),
            };
            EitherOf3::C(view! {
                <span class="started">{fill(t.reading_started, percent)}</span>
                " · "
                <a class="continue" href=href aria-label=format!("{}: {title}", t.reading_continue)>
                    {t.reading_continue}
                </a>
            })
        }
    }
}
