//! The quiz in the browser, as plain DOM code over the markup of `markup.rs`: every change is
//! applied to the record kept on the device, and each part whose markup changed is put in place
//! (an unchanged live region is left alone, so nothing is announced twice). One delegated
//! `click` and `keydown` handler each, on the quiz's `<section>` (set in `view.rs`).

use super::logic::{self, Progress};
use super::markup::{self, Parts};
use crate::i18n::{strings, Strings};
use crate::model::{Lang, Quiz, Verdict};
use crate::storage::Notice;
use crate::widgets::dom::{clicked_button, find, focus};
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::{Element, Event, KeyboardEvent};

pub struct State {
    lang: Lang,
    quiz: Quiz,
    key: String,
    root: Option<Element>,
    progress: Progress,
    /// What is on the page now.
    shown: Parts,
}

pub type Widget = Rc<RefCell<State>>;

pub fn new(lang: Lang, quiz: Quiz) -> Widget {
    let key = logic::storage_key(&quiz.id);
    let shown = markup::parts(lang, &quiz, &Progress::default());
    Rc::new(RefCell::new(State {
        lang,
        quiz,
        key,
        root: None,
        progress: Progress::default(),
        shown,
    }))
}

/// Once the quiz is on the page: what the reader kept on the device (with a notice if it could
/// not be used as is), and what another tab answers from then on.
pub fn start(w: &Widget, root: Element) {
    let key = w.borrow().key.clone();
    let (progress, notice) =
        logic::restore(crate::storage::read(&key).as_deref(), &w.borrow().quiz);
    if notice.is_some() {
        // Replace what could not be used as is, so the notice shows once.
        crate::storage::save(&key, &progress);
    }
    if let (Some(n), Some(p)) = (notice, find(&root, ".quiz-notice")) {
        p.set_text_content(Some(notice_text(strings(w.borrow().lang), n)));
    }
    w.borrow_mut().root = Some(root);
    show(w, progress);
    let w = w.clone();
    crate::storage::follow(key, move |raw| {
        let progress = logic::restore(raw.as_deref(), &w.borrow().quiz).0;
        show(&w, progress);
    });
}

fn notice_text(t: &Strings, n: Notice) -> &'static str {
    match n {
        Notice::Reset => t.quiz_notice_reset,
        Notice::Migrated => t.quiz_notice_migrated,
        Notice::Adjusted => t.quiz_notice_adjusted,
    }
}

/// Puts the progress on the page: each part whose markup changed.
fn show(w: &Widget, progress: Progress) {
    let mut s = w.borrow_mut();
    let parts = markup::parts(s.lang, &s.quiz, &progress);
    s.progress = progress;
    let Some(root) = s.root.clone() else { return };
    for (class, new, old) in [
        (".quiz-ask", &parts.ask, &s.shown.ask),
        (".quiz-live", &parts.live, &s.shown.live),
        (".quiz-after", &parts.after, &s.shown.after),
    ] {
        if new != old {
            if let Some(el) = find(&root, class) {
                el.set_inner_html(new);
            }
        }
    }
    s.shown = parts;
}

/// Applies a change to the record as stored now (another tab may have answered since), writes
/// it and shows it; returns whether it changed anything.
fn apply(w: &Widget, change: impl FnOnce(&mut Progress, &Quiz) -> bool) -> bool {
    let done = {
        let s = w.borrow();
        let quiz = &s.quiz;
        crate::storage::update(
            &s.key,
            s.progress.clone(),
            |p| logic::reconcile(p, quiz).0,
            |p| change(p, quiz),
        )
    };
    show(w, done.record);
    done.changed
}

fn focus_in(w: &Widget, selector: &str) {
    let root = w.borrow().root.clone();
    focus(root.and_then(|r| find(&r, selector)));
}

fn answer(w: &Widget, v: Verdict) {
    if apply(w, |p, quiz| p.answer(quiz, v).is_some()) {
        focus_in(w, ".quiz-live h3");
    }
}

pub fn on_click(w: &Widget, ev: Event) {
    let Some(button) = clicked_button(&ev) else {
        return;
    };
    // An answer's button names its verdict in its class (`verdict-<name>`).
    let verdict = button
        .class_name()
        .split(' ')
        .find_map(|c| c.strip_prefix("verdict-"))
        .and_then(|name| crate::json::by_name(&Verdict::ALL, Verdict::name, name));
    if let Some(v) = verdict {
        answer(w, v);
    } else if button.class_list().contains("quiz-next") {
        apply(w, |p, quiz| {
            let before = p.clone();
            p.next(quiz);
            *p != before
        });
        let done = w.borrow().progress.finished;
        focus_in(
            w,
            if done {
                ".quiz-live h3"
            } else {
                ".quiz-statement"
            },
        );
    } else if button.class_list().contains("quiz-retake") {
        apply(w, |p, _| {
            p.retake();
            true
        });
        let root = w.borrow().root.clone();
        if let Some(p) = root.and_then(|r| find(&r, ".quiz-notice")) {
            p.set_text_content(None);
        }
        focus_in(w, ".quiz-statement");
    }
}

/// 1/2/3 (or M, F, C) answer the question shown.
pub fn on_keydown(w: &Widget, ev: KeyboardEvent) {
    if ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
        return;
    }
    if let Some(v) = logic::shortcut(&ev.key()) {
        ev.prevent_default();
        answer(w, v);
    }
}
