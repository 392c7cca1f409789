//! The widget in the browser, as plain DOM code over the markup of `markup.rs`: the form's values
//! are read from its fields when it is sent, and what changes (a field's error, the result, the
//! week) is written back as markup. One delegated `submit` and `click` handler each, on the
//! widget's `<section>` (set in `view.rs`).

use super::logic::{self, Date, Intensity, Log, Outcome, Talk};
use super::markup::{self, input_error};
use crate::i18n::strings;
use crate::model::{IntensityGuide, Lang};
use crate::storage::Notice;
use crate::widgets::dom::{clicked_button, find, focus};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlInputElement, HtmlSelectElement};

pub struct State {
    lang: Lang,
    guide: IntensityGuide,
    root: Option<Element>,
    /// The last result and the talk-test answer it came from.
    outcome: Option<(Outcome, Talk)>,
    log: Log,
    today: Option<Date>,
    /// The Monday of the week shown.
    shown: Option<Date>,
    /// The entry whose form is open.
    editing: Option<u64>,
}

pub type Widget = Rc<RefCell<State>>;

pub fn new(lang: Lang, guide: IntensityGuide) -> Widget {
    Rc::new(RefCell::new(State {
        lang,
        guide,
        root: None,
        outcome: None,
        log: Log::default(),
        today: None,
        shown: None,
        editing: None,
    }))
}

/// Today in the reader's local time zone (the browser knows the offset, daylight saving included).
fn today() -> Date {
    let now = js_sys::Date::new_0();
    // getTimezoneOffset is minutes *behind* UTC.
    Date::local(now.get_time() as i64, -(now.get_timezone_offset() as i32))
}

/// Once the widget is on the page: the stored log (and why it was reset, if it was), this week,
/// and the log of another tab whenever it changes.
pub fn start(w: &Widget, root: Element) {
    let t = strings(w.borrow().lang);
    let (log, notice) = crate::storage::load::<Log>(logic::LOG_KEY);
    let today = today();
    {
        let mut s = w.borrow_mut();
        s.root = Some(root);
        s.log = log;
        s.today = Some(today);
        s.shown = Some(today.week_start());
    }
    if let Some(n) = notice {
        set_notice(
            w,
            match n {
                Notice::Reset | Notice::Adjusted => t.log_notice_reset,
                Notice::Migrated => t.log_notice_migrated,
            },
        );
    }
    render_week(w);
    let w = w.clone();
    crate::storage::follow(logic::LOG_KEY.to_string(), move |raw| {
        w.borrow_mut().log = crate::storage::decode::<Log>(raw.as_deref()).0;
        render_week(&w);
    });
}

fn by_id(id: &str) -> Option<Element> {
    leptos::prelude::document().get_element_by_id(id)
}

fn value(id: &str) -> String {
    let el = by_id(id);
    if let Some(input) = el.as_ref().and_then(|e| e.dyn_ref::<HtmlInputElement>()) {
        return input.value();
    }
    el.and_then(|e| e.dyn_into::<HtmlSelectElement>().ok())
        .map(|s| s.value())
        .unwrap_or_default()
}

/// Shows or clears a field's error: its message, `aria-invalid`, and the message among what
/// describes the field (after its hint, if it has one).
fn show_error(id: &str, error: Option<String>) {
    let error_id = format!("{id}-error");
    if let Some(p) = by_id(&error_id) {
        p.set_text_content(error.as_deref());
    }
    let Some(input) = by_id(id) else { return };
    _ = input.set_attribute(
        "aria-invalid",
        if error.is_some() { "true" } else { "false" },
    );
    let hint = format!("{id}-hint");
    let hint = by_id(&hint).is_some().then_some(hint);
    let described: Vec<_> = hint
        .into_iter()
        .chain(error.is_some().then_some(error_id))
        .collect();
    _ = match described.is_empty() {
        true => input.remove_attribute("aria-describedby"),
        false => input.set_attribute("aria-describedby", &described.join(" ")),
    };
    if let Some(field) = input.closest(".field").ok().flatten() {
        _ = field
            .class_list()
            .toggle_with_force("invalid", error.is_some());
    }
}

fn set_notice(w: &Widget, text: &str) {
    if let Some(p) = w
        .borrow()
        .root
        .as_ref()
        .and_then(|r| find(r, ".log-notice"))
    {
        p.set_text_content(Some(text));
    }
}

/// The week shown: its heading and steps, and its body (the entry being edited stays open).
fn render_week(w: &Widget) {
    let s = w.borrow();
    let Some(root) = &s.root else { return };
    if let Some(h) = find(root, ".week-heading") {
        h.set_text_content(Some(&markup::week_heading(s.lang, s.shown)));
    }
    let current = s.today.map(Date::week_start);
    for (act, disabled) in [
        ("prev", s.shown.is_none()),
        ("next", s.shown.is_none() || s.shown >= current),
    ] {
        let place = if act == "prev" { "first" } else { "last" };
        if let Some(b) = find(root, &format!(".week-nav > button:{place}-of-type")) {
            _ = b.toggle_attribute_with_force("disabled", disabled);
        }
    }
    if let (Some(body), Some(monday)) = (find(root, ".week-body"), s.shown) {
        body.set_inner_html(&markup::week_body_html(s.lang, &s.log, monday, s.editing));
    }
}

/// Applies a change to the weekly log as stored now (another tab may have logged since), writes
/// it and shows it; a full or blocked storage keeps the change on the page and says so.
fn change_log(w: &Widget, change: impl FnOnce(&mut Log) -> bool) {
    let here = w.borrow().log.clone();
    let done = crate::storage::update(logic::LOG_KEY, here, |l| l, change);
    w.borrow_mut().log = done.record;
    if !done.saved {
        set_notice(w, strings(w.borrow().lang).log_save_failed);
    }
}

pub fn on_submit(w: &Widget, ev: Event) {
    let Some(form) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return;
    };
    ev.prevent_default();
    let class = form.class_name();
    match class.as_str() {
        "it-form" => test(w),
        "it-add" => add(w),
        "entry-edit" => {
            if let Some(id) = form.get_attribute("data-id").and_then(|v| v.parse().ok()) {
                save_entry(w, id);
            }
        }
        _ => {}
    }
}

/// What a button does: an entry's say so (`data-act`); the week's steps are the first and last
/// of `.week-nav`, and erasing is the week's own `.danger` button.
fn action(button: &Element) -> String {
    if let Some(act) = button.get_attribute("data-act") {
        return act;
    }
    let parent = button.parent_element();
    let in_class = |class: &str| {
        parent
            .as_ref()
            .is_some_and(|p| p.class_list().contains(class))
    };
    let act = if in_class("week-nav") {
        match button.previous_element_sibling() {
            None => "prev",
            Some(_) => "next",
        }
    } else if in_class("week") && button.class_list().contains("danger") {
        "erase"
    } else {
        ""
    };
    act.to_string()
}

pub fn on_click(w: &Widget, ev: Event) {
    let Some(button) = clicked_button(&ev) else {
        return;
    };
    let act = action(&button);
    let id = button
        .get_attribute("data-id")
        .and_then(|v| v.parse::<u64>().ok());
    let t = strings(w.borrow().lang);
    match (act.as_str(), id) {
        ("prev" | "next", _) => {
            let days = if act == "prev" { -7 } else { 7 };
            {
                let mut s = w.borrow_mut();
                s.shown = s.shown.map(|d| d.add_days(days));
            }
            render_week(w);
        }
        ("erase", _) => {
            let ok = leptos::prelude::window()
                .confirm_with_message(t.log_erase_confirm)
                .unwrap_or(false);
            if ok {
                crate::storage::remove(logic::LOG_KEY);
                w.borrow_mut().log = Log::default();
                set_notice(w, t.log_erased);
                render_week(w);
            }
        }
        ("edit", Some(id)) => {
            w.borrow_mut().editing = Some(id);
            render_week(w);
            focus(by_id(&format!("entry-{id}-name")));
        }
        ("cancel", Some(id)) => close_entry(w, id),
        ("delete", Some(id)) => {
            // Focus goes to the entry that takes its place, else the one before it, else the
            // week's title: never back to the start of the page.
            let neighbour = button.closest("li").ok().flatten().and_then(|li| {
                li.next_element_sibling()
                    .or_else(|| li.previous_element_sibling())
                    .and_then(|n| find(&n, "[data-act=edit]"))
                    .and_then(|b| b.get_attribute("data-id"))
            });
            change_log(w, |l| l.remove(id));
            render_week(w);
            set_notice(w, t.log_deleted);
            let root = w.borrow().root.clone();
            let target = root.and_then(|r| {
                neighbour
                    .and_then(|n| find(&r, &format!("[data-act=edit][data-id=\"{n}\"]")))
                    .or_else(|| find(&r, "#week-title"))
            });
            focus(target);
        }
        _ => {}
    }
}

/// The entry's form closes and focus goes back to its edit button.
fn close_entry(w: &Widget, id: u64) {
    w.borrow_mut().editing = None;
    render_week(w);
    let root = w.borrow().root.clone();
    focus(root.and_then(|r| find(&r, &format!("[data-act=edit][data-id=\"{id}\"]"))));
}

/// The test: checks the answers, shows every problem at its field, or the result (focused).
fn test(w: &Widget) {
    let t = strings(w.borrow().lang);
    let talk = Talk::ALL.into_iter().find(|o| {
        by_id(&format!("it-talk-{}", o.intensity().name()))
            .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
            .is_some_and(|i| i.checked())
    });
    let answers = logic::read_answers(talk, &value("it-borg"), &value("it-age"), &value("it-hr"));
    let errors = answers.err().unwrap_or_default();
    let talk_error = errors.talk_missing.then(|| t.err_talk.to_string());
    if let Some(p) = by_id("it-talk-error") {
        p.set_text_content(talk_error.as_deref());
    }
    let root = w.borrow().root.clone();
    if let Some(set) = root.as_ref().and_then(|r| find(r, ".it-talk")) {
        _ = set
            .class_list()
            .toggle_with_force("invalid", errors.talk_missing);
    }
    for o in Talk::ALL {
        if let Some(radio) = by_id(&format!("it-talk-{}", o.intensity().name())) {
            _ = match errors.talk_missing {
                true => radio.set_attribute("aria-describedby", "it-talk-error"),
                false => radio.remove_attribute("aria-describedby"),
            };
        }
    }
    show_error("it-age", errors.age.map(|e| input_error(t, e)));
    show_error("it-hr", errors.heart.map(|e| input_error(t, e)));
    let Ok(answers) = answers else { return };
    let (outcome, talk) = (logic::classify(answers), answers.talk);
    let first = w.borrow_mut().outcome.replace((outcome, talk)).is_none();
    let Some(root) = root else { return };
    let Some(result) = find(&root, ".it-result") else {
        return;
    };
    {
        let s = w.borrow();
        result.set_inner_html(&markup::result_html(t, &s.guide, &outcome, talk));
        if first {
            _ = result.insert_adjacent_html("afterend", &markup::after_result_html(t, &s.guide));
        }
    }
    focus(find(&result, "h3"));
}

/// Puts the last result's activity in the log, on the date given or today.
fn add(w: &Widget) {
    let Some((outcome, _)) = w.borrow().outcome else {
        return;
    };
    let t = strings(w.borrow().lang);
    let today = w.borrow().today;
    let entry = logic::read_entry(&value("it-minutes"), &value("it-date"), today);
    let (minutes_error, date_error) = entry.err().unwrap_or_default();
    show_error("it-minutes", minutes_error.map(|e| input_error(t, e)));
    show_error("it-date", date_error.then(|| t.err_date.to_string()));
    let Ok((minutes, date)) = entry else { return };
    let name = value("it-activity");
    let name = if name.trim().is_empty() {
        t.it_activity_default.to_string()
    } else {
        name
    };
    change_log(w, |l| {
        l.add(date, &name, minutes, outcome.intensity);
        true
    });
    w.borrow_mut().shown = Some(date.week_start());
    render_week(w);
    if let Some(input) = by_id("it-minutes").and_then(|e| e.dyn_into::<HtmlInputElement>().ok()) {
        input.set_value("");
    }
    let root = w.borrow().root.clone();
    if let Some(p) = root.and_then(|r| find(&r, ".it-added")) {
        p.set_text_content(Some(t.log_added));
    }
}

fn save_entry(w: &Widget, id: u64) {
    let t = strings(w.borrow().lang);
    let field = |what: &str| format!("entry-{id}-{what}");
    match logic::parse_in_range(&value(&field("minutes")), logic::MINUTES) {
        Ok(minutes) => {
            let level =
                crate::json::by_name(&Intensity::ALL, Intensity::name, &value(&field("level")))
                    .unwrap_or(Intensity::Moderate);
            let name = value(&field("name"));
            change_log(w, |l| l.update(id, minutes, level, &name));
            close_entry(w, id);
        }
        Err(e) => show_error(&field("minutes"), Some(input_error(t, e))),
    }
}
