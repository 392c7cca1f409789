use crate::escape::escape;
use crate::i18n::{fill, strings};
use crate::model::{Lang, Quiz, QuizCard, Widget};
use leptos::prelude::*;
use std::fmt::Write;

/// A quiz on its own page: markup Leptos does not hydrate, the quiz attached once it is shown.
#[component]
pub fn QuizPage(lang: Lang, quiz: Quiz) -> impl IntoView {
    let t = strings(lang);
    let html = format!(
        "<p class=\"episode-number\"><a href=\"{}\">{}</a></p><h1 tabindex=\"-1\">{}</h1>{}",
        escape(&crate::model::quizzes_path(lang)),
        escape(t.quizzes_title),
        escape(&quiz.title),
        crate::widgets::quiz::section_html(lang, &quiz, true)
    );
    let widget = Widget::Quiz {
        id: quiz.id.clone(),
        quiz: Some(Box::new(quiz)),
    };
    super::widget_page("quiz-page", html, lang, widget)
}

/// Every quiz of the season, the season quiz (all questions of the newest episodes) last.
#[component]
pub fn Quizzes(lang: Lang, quizzes: Vec<QuizCard>) -> impl IntoView {
    let t = strings(lang);
    let mut html = format!(
        "<h1 tabindex=\"-1\">{}</h1><p class=\"lead\">{}</p><ul class=\"quiz-list\">",
        escape(t.quizzes_title),
        escape(t.quizzes_intro)
    );
    for q in &quizzes {
        _ = write!(
            html,
            "<li><a href=\"{}\">{}</a> · {}</li>",
            escape(&q.path),
            escape(&q.title),
            escape(&fill(t.questions_count, q.questions))
        );
    }
    html.push_str("</ul>");
    view! { <div class="quizzes" inner_html=html></div> }
}
