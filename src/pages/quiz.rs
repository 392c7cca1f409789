use crate::i18n::{fill, strings};
use crate::model::{Lang, Quiz, QuizCard};
use crate::widgets::quiz::QuizView;
use leptos::prelude::*;

/// A quiz on its own page.
#[component]
pub fn QuizPage(lang: Lang, quiz: Quiz) -> impl IntoView {
    let t = strings(lang);
    view! {
        <div class="quiz-page">
            <p class="episode-number">
                <a href=crate::model::quizzes_path(lang)>{t.quizzes_title}</a>
            </p>
            <h1 tabindex="-1">{quiz.title.clone()}</h1>
            <QuizView lang quiz standalone=true/>
        </div>
    }
}

/// Every quiz of the season, the season quiz (all questions of the newest episodes) last.
#[component]
pub fn Quizzes(lang: Lang, quizzes: Vec<QuizCard>) -> impl IntoView {
    let t = strings(lang);
    let cards = quizzes
        .into_iter()
        .map(|q| {
            view! {
                <li>
                    <a href=q.path>{q.title}</a>
                    " · "
                    {fill(t.questions_count, q.questions)}
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="quizzes">
            <h1 tabindex="-1">{t.quizzes_title}</h1>
            <p class="lead">{t.quizzes_intro}</p>
            <ul class="quiz-list">{cards}</ul>
        </div>
    }
}
