use crate::escape::escape;
use crate::i18n::{fill, strings};
use crate::model::{Lang, Quiz, QuizCard, Widget};
use std::fmt::Write;

/// A quiz on its own page, the quiz attached once it is shown.
pub fn quiz_page(lang: Lang, quiz: Quiz) -> super::Markup {
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
    super::Markup::new("quiz-page", html).with_widget(lang, widget)
}

/// Every quiz of the season, the season quiz (all questions of the newest episodes) last.
pub fn quizzes(lang: Lang, quizzes: &[QuizCard]) -> super::Markup {
    let t = strings(lang);
    let mut html = format!(
        "<h1 tabindex=\"-1\">{}</h1><p class=\"lead\">{}</p><ul class=\"quiz-list\">",
        escape(t.quizzes_title),
        escape(t.quizzes_intro)
    );
    for q in quizzes {
        _ = write!(
            html,
            "<li><a href=\"{}\">{}</a> · {}</li>",
            escape(&q.path),
            escape(&q.title),
            escape(&fill(t.questions_count, q.questions))
        );
    }
    html.push_str("</ul>");
    super::Markup::new("quizzes", html)
}
