use super::logic::{self, strength_label, strength_meaning, Phase, Progress};
use crate::i18n::{fill, strings, Strings};
use crate::model::{Lang, Question, Quiz, Verdict};
use crate::storage::Notice;
use leptos::either::Either;
use leptos::html;
use leptos::prelude::*;
use std::sync::Arc;

pub fn verdict_label(t: &Strings, v: Verdict) -> &'static str {
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

/// Focuses an element once the view has updated.
fn focus_soon<E>(node: NodeRef<E>)
where
    E: leptos::html::ElementType,
    E::Output: wasm_bindgen::JsCast + Clone + 'static,
{
    request_animation_frame(move || {
        use wasm_bindgen::JsCast;
        if let Some(el) = node.get_untracked() {
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                _ = el.focus();
            }
        }
    });
}

/// The quiz widget. It renders its first question on the server; the stored record (answers,
/// position, best score) is applied after hydration, so the prerendered HTML never depends on it.
#[component]
pub fn QuizView(lang: Lang, quiz: Quiz, #[prop(optional)] standalone: bool) -> impl IntoView {
    let t = strings(lang);
    let quiz = Arc::new(quiz);
    let progress = RwSignal::new(Progress::default());
    let notice = RwSignal::new(None::<Notice>);
    let key = logic::storage_key(&quiz.id);
    let dom_id = format!("quiz-{}", quiz.id);
    let heading = NodeRef::<html::H3>::new();
    let statement = NodeRef::<html::P>::new();

    #[cfg(feature = "hydrate")]
    {
        let (quiz, key) = (quiz.clone(), key.clone());
        // Runs once, after hydration: the prerendered HTML never depends on the device.
        Effect::new(move |_| {
            let (p, n) = logic::restore(crate::storage::read(&key).as_deref(), &quiz);
            if n.is_some() {
                // Replace what could not be used as is, so the notice shows once.
                crate::storage::save(&key, &p);
            }
            progress.set(p);
            notice.set(n);
        });
    }
    #[cfg(feature = "hydrate")]
    {
        // Another tab answered: show what it saved.
        let quiz = quiz.clone();
        crate::storage::follow(key.clone(), move |raw| {
            progress.set(logic::restore(raw.as_deref(), &quiz).0);
        });
    }
    // Every change applies to the record as stored now (another tab may have answered since),
    // is written, and is then shown; returns whether it changed anything.
    let apply = {
        let (quiz, key) = (quiz.clone(), key.clone());
        move |change: &dyn Fn(&mut Progress, &Quiz) -> bool| -> bool {
            #[cfg(feature = "hydrate")]
            {
                let here = progress.get_untracked();
                let done = crate::storage::update(
                    &key,
                    here,
                    |p| logic::reconcile(p, &quiz).0,
                    |p| change(p, &quiz),
                );
                progress.set(done.record);
                done.changed
            }
            #[cfg(not(feature = "hydrate"))]
            {
                let _ = &key;
                progress.try_update(|p| change(p, &quiz)).unwrap_or(false)
            }
        }
    };

    let answer = {
        let apply = apply.clone();
        move |v: Verdict| {
            if apply(&|p, quiz| p.answer(quiz, v).is_some()) {
                focus_soon(heading);
            }
        }
    };
    let next = {
        let apply = apply.clone();
        move || {
            apply(&|p, quiz| {
                let before = p.clone();
                p.next(quiz);
                *p != before
            });
            let done = progress.with_untracked(|p| p.finished);
            if done {
                focus_soon(heading);
            } else {
                focus_soon(statement);
            }
        }
    };
    let retake = {
        let apply = apply.clone();
        move || {
            apply(&|p, _| {
                p.retake();
                true
            });
            notice.set(None);
            focus_soon(statement);
        }
    };
    let on_key = {
        let answer = answer.clone();
        move |ev: leptos::ev::KeyboardEvent| {
            if ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
                return;
            }
            if let Some(v) = logic::shortcut(&ev.key()) {
                ev.prevent_default();
                answer(v);
            }
        }
    };

    let total = quiz.questions.len();
    let asking = {
        let quiz = quiz.clone();
        move || {
            progress.with(|p| match p.phase(&quiz) {
                Phase::Done => None,
                Phase::Asking(q) => Some((p.current, q.clone(), None)),
                Phase::Feedback { question, answer } => {
                    Some((p.current, question.clone(), Some(answer)))
                }
            })
        }
    };
    let question_view = {
        let answer = answer.clone();
        let asking = asking.clone();
        move || {
            asking().map(|(index, q, given)| {
                let buttons = Verdict::ALL
                    .into_iter()
                    .enumerate()
                    .map(|(i, v)| {
                        let answer = answer.clone();
                        let shortcut = logic::key_hint(v);
                        view! {
                            <button
                                type="button"
                                class=format!("quiz-answer verdict-{}", v.name())
                                aria-pressed=(given == Some(v)).to_string()
                                aria-keyshortcuts=shortcut
                                disabled=given.is_some()
                                on:click=move |_| answer(v)
                            >
                                <span class="key" aria-hidden="true">{i + 1}</span>
                                {verdict_label(t, v)}
                            </button>
                        }
                    })
                    .collect_view();
                view! {
                    <p class="quiz-progress">
                        {fill(t.quiz_progress, index + 1)} " " {t.quiz_of} " " {total}
                    </p>
                    <progress class="quiz-bar" max=total value=index aria-hidden="true"></progress>
                    <p class="quiz-statement" tabindex="-1" node_ref=statement>
                        {q.statement.clone()}
                    </p>
                    <div class="quiz-answers" role="group" aria-label=t.quiz_answer_group>
                        {buttons}
                    </div>
                }
            })
        }
    };
    let feedback_view = {
        let asking = asking.clone();
        move || {
            asking().and_then(|(_, q, given)| {
                let given = given?;
                Some(view! { <Feedback lang question=q given heading/> })
            })
        }
    };
    // Below the live region, so they are reached right after the feedback or the result but
    // not announced with it: the help lines (when the question or the result concerns mental
    // health), then the button that moves on.
    let helplines_view = {
        let quiz = quiz.clone();
        move || {
            progress.with(|p| {
                logic::helplines(&p.phase(&quiz), &quiz)
                    .map(|h| crate::widgets::helplines_box(None, h.to_string()))
            })
        }
    };
    let controls_view = {
        let (quiz, next, retake) = (quiz.clone(), next.clone(), retake.clone());
        move || {
            let (phase, last) = progress.with(|p| {
                let phase = match p.phase(&quiz) {
                    Phase::Asking(_) => None,
                    Phase::Feedback { .. } => Some(false),
                    Phase::Done => Some(true),
                };
                (phase, p.current + 1 == total)
            });
            let (next, retake) = (next.clone(), retake.clone());
            phase.map(|done| match done {
                false => Either::Left(view! {
                    <button type="button" class="quiz-next" on:click=move |_| next()>
                        {if last { t.quiz_finish } else { t.quiz_next }}
                    </button>
                }),
                true => Either::Right(view! {
                    <button type="button" class="quiz-retake" on:click=move |_| retake()>
                        {t.quiz_retake}
                    </button>
                }),
            })
        }
    };
    let result_view = {
        let quiz = quiz.clone();
        move || {
            progress.with(|p| {
                (p.phase(&quiz) == Phase::Done).then(|| {
                    let score = p.score(&quiz);
                    let best = p.best.unwrap_or(score);
                    let items = p
                        .review(&quiz)
                        .into_iter()
                        .map(|r| {
                            let mark = if r.correct { "✓" } else { "✗" };
                            let state = if r.correct { t.quiz_right } else { t.quiz_wrong };
                            view! {
                                <li class=if r.correct { "right" } else { "wrong" }>
                                    <p class="review-statement">{r.question.statement.clone()}</p>
                                    <p>
                                        <span class="mark" aria-hidden="true">{mark}</span>
                                        " " <strong>{state}</strong> " · " {t.quiz_you_said} ": "
                                        {r.answer.map(|a| verdict_label(t, a)).unwrap_or(t.quiz_not_answered)}
                                        " · " {t.quiz_correct_answer} ": "
                                        {verdict_label(t, r.question.verdict)}
                                    </p>
                                </li>
                            }
                        })
                        .collect_view();
                    view! {
                        <h3 class="quiz-score" tabindex="-1" node_ref=heading>
                            {fill(t.quiz_score, format!("{score} {} {total}", t.quiz_of))}
                        </h3>
                        <p class="quiz-best">{fill(t.quiz_best, format!("{best} {} {total}", t.quiz_of))}</p>
                        <h4>{t.quiz_review}</h4>
                        <ol class="quiz-review">{items}</ol>
                    }
                })
            })
        }
    };

    let title_id = format!("{dom_id}-title");
    let labelled_by = title_id.clone();
    // On its own page, every statement is in the HTML: a list to scan, and readable without JavaScript.
    let overview = standalone.then(|| {
        let items = quiz
            .questions
            .iter()
            .map(|q| view! { <li>{q.statement.clone()}</li> })
            .collect_view();
        view! {
            <details class="quiz-overview">
                <summary>{t.quiz_overview}</summary>
                <ol>{items}</ol>
            </details>
        }
    });
    let page_link = (!standalone).then(|| {
        view! {
            <p class="quiz-page-link">
                <a href=quiz.path.clone()>{t.quiz_open_page}</a>
            </p>
        }
    });
    view! {
        <section class="widget quiz" id=dom_id aria-labelledby=labelled_by on:keydown=on_key>
            // On its own page the quiz's title is already the page's h1.
            <h2 id=title_id class:visually-hidden=standalone>{quiz.title.clone()}</h2>
            <p class="quiz-help">{t.quiz_instructions}</p>
            <p class="quiz-notice" role="status">
                {move || notice.get().map(|n| match n {
                    Notice::Reset => t.quiz_notice_reset,
                    Notice::Migrated => t.quiz_notice_migrated,
                    Notice::Adjusted => t.quiz_notice_adjusted,
                })}
            </p>
            {question_view}
            <div class="quiz-live" aria-live="polite">
                {feedback_view}
                {result_view}
            </div>
            {helplines_view}
            {controls_view}
            {overview}
            {page_link}
        </section>
    }
}

#[component]
fn Feedback(
    lang: Lang,
    question: Question,
    given: Verdict,
    heading: NodeRef<html::H3>,
) -> impl IntoView {
    let t = strings(lang);
    let right = given == question.verdict;
    let sources = question
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| {
            view! {
                {(i > 0).then_some(", ")}
                <a href=s.href.clone()>{s.label.clone()}</a>
            }
        })
        .collect_view();
    view! {
        <div class=if right { "quiz-feedback right" } else { "quiz-feedback wrong" }>
            <h3 tabindex="-1" node_ref=heading>
                <span class="mark" aria-hidden="true">{if right { "✓ " } else { "✗ " }}</span>
                {if right { t.quiz_right } else { t.quiz_wrong }}
            </h3>
            <p class="quiz-verdict">
                <strong>{verdict_sentence(t, question.verdict)}</strong>
                {(!right).then(|| view! { " (" {t.quiz_you_said} ": " {verdict_label(t, given)} ")" })}
            </p>
            <p>{question.explanation.clone()}</p>
            <p class="quiz-strength">
                <strong>{t.evidence_label}</strong> " " {strength_label(t, question.strength)} ": "
                <span class="strength-meaning">{strength_meaning(t, question.strength)}</span> " "
                {question.strength_reason.clone()}
            </p>
            <p class="quiz-sources"><strong>{t.quiz_sources}</strong> ": " {sources}</p>
            <p class="quiz-episode">
                {t.quiz_more_in} " "
                <a href=question.episode.path.clone()>
                    {fill(t.episode_label, question.episode.number)} ": " {question.episode.title.clone()}
                </a>
            </p>
        </div>
    }
}
