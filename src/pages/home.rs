use crate::i18n::{fill, strings};
use crate::model::{EpisodeCard, Lang};
use leptos::prelude::*;

#[component]
pub fn Home(lang: Lang, episodes: Vec<EpisodeCard>) -> impl IntoView {
    let t = strings(lang);
    let cards = episodes
        .into_iter()
        .map(|ep| {
            view! {
                <li class="episode-card">
                    <article>
                        <p class="episode-number">{fill(t.episode_label, ep.number)}</p>
                        <h2>
                            <a href=ep.path.clone()>{ep.title.clone()}</a>
                        </h2>
                        <p class="summary">{ep.summary.clone()}</p>
                        {super::meta_line(lang, ep.date.clone(), ep.listening_minutes, ep.reading_minutes)}
                    </article>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="home">
            <h1 tabindex="-1">{t.home_title}</h1>
            <p class="lead">{t.home_intro}</p>
            <ol class="episode-list" reversed>
                {cards}
            </ol>
        </div>
    }
}
