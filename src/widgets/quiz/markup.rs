//! The quiz's markup as strings: the same functions write the prerendered page and, in the
//! browser, each part that changes (`client.rs` puts it in place). Leptos hydrates none of it
//! (ARCHITECTURE.md, "Wasm size": 21.6 KB brotli for the quiz as a Leptos view).

use super::logic::{self, strength_label, strength_meaning, Phase, Progress};
use crate::escape::escape;
use crate::i18n::{fill, strings, Strings};
use crate::model::{Lang, Question, Quiz, Verdict};
use std::fmt::Write;

fn verdict_label(t: &Strings, v: Verdict) -> &'static str {
    match v {
        Verdict::Myth => t.verdict_myth,
        Verdict::Fact => t.verdict_fact,
        Verdict::Complicated => t.verdict_complicated,
    }
}

fn verdict_sentence(t: &Strings, v: Verdict) -> &'static str {
    match v {
        Verdict::Myth => t.verdict_is_myth,
        Verdict::Fact => t.verdict_is_fact,
        Verdict::Complicated => t.verdict_is_complicated,
    }
}

/// The parts of the quiz that change, each the content of its own container: the question being
/// asked (`.quiz-ask`), what the live region says (`.quiz-live`: the feedback or the result),
/// and what follows it without being announced (`.quiz-after`: the help lines, when the question
/// or the result concerns mental health, then the button that moves on).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parts {
    pub ask: String,
    pub live: String,
    pub after: String,
}

pub fn parts(lang: Lang, quiz: &Quiz, p: &Progress) -> Parts {
    let t = strings(lang);
    let e = escape;
    let total = quiz.questions.len();
    let phase = p.phase(quiz);
    let mut out = Parts::default();
    let (question, given) = match phase {
        Phase::Asking(q) => (Some(q), None),
        Phase::Feedback { question, answer } => (Some(question), Some(answer)),
        Phase::Done => (None, None),
    };
    if let Some(q) = question {
        _ = write!(
            out.ask,
            "<p class=\"quiz-progress\">{} {} {total}</p>\
             <progress class=\"quiz-bar\" max=\"{total}\" value=\"{}\" aria-hidden=\"true\"></progress>\
             <p class=\"quiz-statement\" tabindex=\"-1\">{}</p>\
             <div class=\"quiz-answers\" role=\"group\" aria-label=\"{}\">",
            e(&fill(t.quiz_progress, p.current + 1)),
            e(t.quiz_of),
            p.current,
            e(&q.statement),
            e(t.quiz_answer_group)
        );
        for (i, v) in Verdict::ALL.into_iter().enumerate() {
            _ = write!(
                out.ask,
                "<button type=\"button\" class=\"quiz-answer verdict-{}\" \
                 aria-pressed=\"{}\" aria-keyshortcuts=\"{}\"{}><span class=\"key\" \
                 aria-hidden=\"true\">{}</span>{}</button>",
                v.name(),
                given == Some(v),
                logic::key_hint(v),
                if given.is_some() { " disabled" } else { "" },
                i + 1,
                e(verdict_label(t, v))
            );
        }
        out.ask.push_str("</div>");
    }
    match (question, given) {
        (Some(q), Some(given)) => feedback(&mut out.live, t, q, given),
        (None, _) => result(&mut out.live, t, quiz, p),
        _ => {}
    }
    if let Some(h) = logic::helplines(&phase, quiz) {
        out.after.push_str(&crate::widgets::helplines_html(None, h));
    }
    match (question, given) {
        (Some(_), Some(_)) => {
            let last = p.current + 1 == total;
            let label = if last { t.quiz_finish } else { t.quiz_next };
            _ = write!(
                out.after,
                "<button type=\"button\" class=\"quiz-next\">{}</button>",
                e(label)
            );
        }
        (None, _) => {
            _ = write!(
                out.after,
                "<button type=\"button\" class=\"quiz-retake\">{}</button>",
                e(t.quiz_retake)
            );
        }
        _ => {}
    }
    out
}

/// What the evidence says about the question just answered.
fn feedback(o: &mut String, t: &Strings, q: &Question, given: Verdict) {
    let e = escape;
    let right = given == q.verdict;
    _ = write!(
        o,
        "<div class=\"quiz-feedback {}\"><h3 tabindex=\"-1\"><span class=\"mark\" aria-hidden=\"true\">{}</span>{}</h3>\
         <p class=\"quiz-verdict\"><strong>{}</strong>",
        if right { "right" } else { "wrong" },
        if right { "✓ " } else { "✗ " },
        e(if right { t.quiz_right } else { t.quiz_wrong }),
        e(verdict_sentence(t, q.verdict))
    );
    if !right {
        _ = write!(
            o,
            " ({}: {})",
            e(t.quiz_you_said),
            e(verdict_label(t, given))
        );
    }
    _ = write!(
        o,
        "</p><p>{}</p><p class=\"quiz-strength\"><strong>{}</strong> {}: \
         <span class=\"strength-meaning\">{}</span> {}</p><p class=\"quiz-sources\"><strong>{}</strong>: ",
        e(&q.explanation),
        e(t.evidence_label),
        e(strength_label(t, q.strength)),
        e(strength_meaning(t, q.strength)),
        e(&q.strength_reason),
        e(t.quiz_sources)
    );
    for (i, s) in q.sources.iter().enumerate() {
        let comma = if i > 0 { ", " } else { "" };
        _ = write!(o, "{comma}<a href=\"{}\">{}</a>", e(&s.href), e(&s.label));
    }
    _ = write!(
        o,
        "</p><p class=\"quiz-episode\">{} <a href=\"{}\">{}: {}</a></p></div>",
        e(t.quiz_more_in),
        e(&q.episode.path),
        e(&fill(t.episode_label, q.episode.number)),
        e(&q.episode.title)
    );
}

/// The score, the best score, and each statement with the reader's answer and the right one.
fn result(o: &mut String, t: &Strings, quiz: &Quiz, p: &Progress) {
    let e = escape;
    let total = quiz.questions.len();
    let score = p.score(quiz);
    let best = p.best.unwrap_or(score);
    _ =
        write!(
        o,
        "<h3 class=\"quiz-score\" tabindex=\"-1\">{}</h3><p class=\"quiz-best\">{}</p><h4>{}</h4>\
         <ol class=\"quiz-review\">",
        e(&fill(t.quiz_score, format!("{score} {} {total}", t.quiz_of))),
        e(&fill(t.quiz_best, format!("{best} {} {total}", t.quiz_of))),
        e(t.quiz_review)
    );
    for r in p.review(quiz) {
        let answer = r
            .answer
            .map_or(t.quiz_not_answered, |a| verdict_label(t, a));
        _ = write!(
            o,
            "<li class=\"{}\"><p class=\"review-statement\">{}</p><p><span class=\"mark\" \
             aria-hidden=\"true\">{}</span> <strong>{}</strong> · {}: {} · {}: {}</p></li>",
            if r.correct { "right" } else { "wrong" },
            e(&r.question.statement),
            if r.correct { "✓" } else { "✗" },
            e(if r.correct {
                t.quiz_right
            } else {
                t.quiz_wrong
            }),
            e(t.quiz_you_said),
            e(answer),
            e(t.quiz_correct_answer),
            e(verdict_label(t, r.question.verdict))
        );
    }
    o.push_str("</ol>");
}

/// The whole quiz as the page first shows it (its first question: what the reader kept on the
/// device is applied by the client). On its own page (`standalone`) the title is the page's h1
/// already, and every statement is listed, to scan and to read without JavaScript.
pub fn quiz_html(lang: Lang, quiz: &Quiz, standalone: bool) -> String {
    let t = strings(lang);
    let e = escape;
    let p = parts(lang, quiz, &Progress::default());
    let mut o = format!(
        "<h2 id=\"quiz-{}-title\"{}>{}</h2><p class=\"quiz-help\">{}</p>\
         <p class=\"quiz-notice\" role=\"status\"></p><div class=\"quiz-ask\">{}</div>\
         <div class=\"quiz-live\" aria-live=\"polite\">{}</div><div class=\"quiz-after\">{}</div>",
        e(&quiz.id),
        if standalone {
            " class=\"visually-hidden\""
        } else {
            ""
        },
        e(&quiz.title),
        e(t.quiz_instructions),
        p.ask,
        p.live,
        p.after
    );
    if standalone {
        _ = write!(
            o,
            "<details class=\"quiz-overview\"><summary>{}</summary><ol>",
            e(t.quiz_overview)
        );
        for q in &quiz.questions {
            _ = write!(o, "<li>{}</li>", e(&q.statement));
        }
        o.push_str("</ol></details>");
    } else {
        _ = write!(
            o,
            "<p class=\"quiz-page-link\"><a href=\"{}\">{}</a></p>",
            e(&quiz.path),
            e(t.quiz_open_page)
        );
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EpisodeLink, SourceLink, Strength};

    fn quiz() -> Quiz {
        let q = |id: &str, verdict, mental_health| Question {
            id: id.into(),
            statement: format!("Statement <{id}> & more"),
            verdict,
            explanation: "Because.".into(),
            strength: Strength::Mixed,
            strength_reason: "Few trials.".into(),
            sources: vec![
                SourceLink {
                    key: "a".into(),
                    label: "A 2020".into(),
                    href: "https://doi.org/a".into(),
                },
                SourceLink {
                    key: "b".into(),
                    label: "B 2021".into(),
                    href: "#src-b".into(),
                },
            ],
            episode: EpisodeLink {
                number: 1,
                title: "Head".into(),
                path: "/en/episodes/head/".into(),
            },
            mental_health,
        };
        Quiz {
            id: "head".into(),
            title: "Running & your head".into(),
            path: "/en/quiz/head/".into(),
            questions: vec![
                q("one", Verdict::Myth, true),
                q("two", Verdict::Fact, false),
            ],
            helplines_html: Some("<p>1813</p>".into()),
        }
    }

    #[test]
    fn the_first_screen_asks_the_first_statement_and_lists_all_on_the_quiz_page() {
        let quiz = quiz();
        let h = quiz_html(Lang::En, &quiz, true);
        assert!(h.contains("Statement &lt;one&gt; &amp; more"), "{h}");
        assert!(
            h.contains("id=\"quiz-head-title\" class=\"visually-hidden\">Running &amp; your head")
        );
        assert_eq!(h.matches("aria-pressed=\"false\"").count(), 3);
        assert!(!h.contains(" disabled"));
        assert!(h.contains("aria-keyshortcuts=\"1 M\""));
        assert!(h.contains("<div class=\"quiz-live\" aria-live=\"polite\"></div>"));
        assert!(
            h.contains("<div class=\"quiz-after\"></div>"),
            "no help lines before an answer"
        );
        assert!(
            h.contains("Statement &lt;two&gt;"),
            "the overview lists every statement"
        );
        let in_article = quiz_html(Lang::En, &quiz, false);
        assert!(
            in_article.contains("href=\"/en/quiz/head/\"") && !in_article.contains("quiz-overview")
        );
    }

    #[test]
    fn feedback_then_result_with_help_lines_where_mental_health_comes_up() {
        let quiz = quiz();
        let t = strings(Lang::En);
        let mut p = Progress::default();
        p.answer(&quiz, Verdict::Fact);
        let f = parts(Lang::En, &quiz, &p);
        assert!(
            f.ask.contains("verdict-fact\" aria-pressed=\"true\""),
            "{}",
            f.ask
        );
        assert_eq!(f.ask.matches(" disabled>").count(), 3);
        assert!(f.live.contains("quiz-feedback wrong") && f.live.contains(t.strength_means_mixed));
        assert!(f
            .live
            .contains("<a href=\"https://doi.org/a\">A 2020</a>, <a href=\"#src-b\">B 2021</a>"));
        assert!(f
            .after
            .starts_with("<aside class=\"helplines prose\"><p>1813</p></aside>"));
        assert!(f.after.contains(&format!(">{}</button>", t.quiz_next)));
        p.next(&quiz);
        p.answer(&quiz, Verdict::Fact);
        let second = parts(Lang::En, &quiz, &p);
        assert!(
            !second.after.contains("helplines"),
            "not a mental-health question"
        );
        assert!(second.after.contains(t.quiz_finish));
        p.next(&quiz);
        let done = parts(Lang::En, &quiz, &p);
        assert!(done.ask.is_empty());
        assert!(done.live.contains("quiz-score") && done.live.matches("<li class=").count() == 2);
        assert!(done.after.contains("helplines") && done.after.contains("quiz-retake"));
    }
}
