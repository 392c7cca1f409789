use super::logic::{
    self, Answers, Class, Date, Decider, InputError, Intensity, Log, Outcome, Status, Talk, Week,
};
use crate::i18n::{fill, format_date, strings, Strings};
use crate::model::{IntensityGuide, Lang};
use crate::storage::Notice;
use leptos::either::Either;
use leptos::html;
use leptos::prelude::*;
use std::sync::Arc;

fn intensity_name(t: &Strings, i: Intensity) -> &'static str {
    match i {
        Intensity::Light => t.int_light,
        Intensity::Moderate => t.int_moderate,
        Intensity::Vigorous => t.int_vigorous,
    }
}

fn class_name(t: &Strings, c: Class) -> &'static str {
    t.class_names[c as usize]
}

fn talk_label(t: &Strings, talk: Talk) -> &'static str {
    match talk {
        Talk::Sing => t.talk_sing,
        Talk::Converse => t.talk_converse,
        Talk::FewWords => t.talk_few_words,
    }
}

fn input_error(t: &Strings, e: InputError) -> String {
    match e {
        InputError::Missing => t.err_missing.to_string(),
        InputError::NotANumber => t.err_nan.to_string(),
        InputError::OutOfRange { min, max } => {
            fill(t.err_range, format!("{min} {} {max}", t.err_range_join))
        }
    }
}

/// Today in the reader's local time zone (the browser knows the offset, daylight saving included).
fn today() -> Option<Date> {
    #[cfg(feature = "hydrate")]
    {
        let now = js_sys::Date::new_0();
        // getTimezoneOffset is minutes *behind* UTC.
        Some(Date::local(
            now.get_time() as i64,
            -(now.get_timezone_offset() as i32),
        ))
    }
    #[cfg(not(feature = "hydrate"))]
    None
}

#[derive(Clone, Default, PartialEq)]
struct FormErrors {
    talk: Option<String>,
    age: Option<String>,
    heart: Option<String>,
}

fn focus<E>(node: NodeRef<E>)
where
    E: leptos::html::ElementType,
    E::Output: wasm_bindgen::JsCast + Clone + 'static,
{
    request_animation_frame(move || {
        use wasm_bindgen::JsCast;
        if let Some(el) = node
            .get_untracked()
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        {
            _ = el.focus();
        }
    });
}

/// A labelled text field with its error message tied to it for screen readers.
#[component]
fn Field(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(default = "numeric")] inputmode: &'static str,
    #[prop(default = "text")] kind: &'static str,
) -> impl IntoView {
    let err_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described = {
        let (err_id, hint_id) = (err_id.clone(), hint_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error.with(Option::is_some) {
                ids.push(err_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field" class:invalid=move || error.with(Option::is_some)>
            <label for=id>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            <input
                id=id
                type=kind
                inputmode=inputmode
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
                aria-invalid=move || error.with(Option::is_some).to_string()
                aria-describedby=described
            />
            <p class="field-error" id=err_id>{move || error.get()}</p>
        </div>
    }
}

#[component]
pub fn IntensityTest(lang: Lang, guide: IntensityGuide) -> impl IntoView {
    let t = strings(lang);
    let helplines = guide.helplines_html.clone();
    let guide = Arc::new(guide);

    let activity = RwSignal::new(String::new());
    let talk = RwSignal::new(None::<Talk>);
    let borg = RwSignal::new(None::<u8>);
    let age = RwSignal::new(String::new());
    let heart = RwSignal::new(String::new());
    let errors = RwSignal::new(FormErrors::default());
    let outcome = RwSignal::new(None::<Outcome>);
    let result_heading = NodeRef::<html::H3>::new();

    let log = RwSignal::new(Log::default());
    let today_sig = RwSignal::new(None::<Date>);
    let shown_week = RwSignal::new(None::<Date>);
    let log_notice = RwSignal::new(None::<&'static str>);

    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        // After hydration: the prerendered page never depends on the device or the date.
        let (stored, notice) = crate::storage::load::<Log>(logic::LOG_KEY);
        log.set(stored);
        log_notice.set(notice.map(|n| match n {
            Notice::Reset | Notice::Adjusted => t.log_notice_reset,
            Notice::Migrated => t.log_notice_migrated,
        }));
        let today = today();
        today_sig.set(today);
        shown_week.set(today.map(Date::week_start));
    });
    // Another tab logged, changed or erased an entry: show its log.
    #[cfg(feature = "hydrate")]
    crate::storage::follow(logic::LOG_KEY.to_string(), move |raw| {
        log.set(crate::storage::decode::<Log>(raw.as_deref()).0);
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (Notice::Reset, today);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut errs = FormErrors::default();
        let talk_v = talk.get_untracked();
        if talk_v.is_none() {
            errs.talk = Some(t.err_talk.to_string());
        }
        let (age_s, hr_s) = (age.get_untracked(), heart.get_untracked());
        // Heart rate is optional; given, it needs a valid age too.
        let heart_v = if hr_s.trim().is_empty() {
            if !age_s.trim().is_empty() {
                if let Err(e) = logic::parse_in_range(&age_s, logic::AGE) {
                    errs.age = Some(input_error(t, e));
                }
            }
            None
        } else {
            let hr = logic::parse_in_range(&hr_s, logic::HEART_RATE)
                .map_err(|e| errs.heart = Some(input_error(t, e)));
            let a = logic::parse_in_range(&age_s, logic::AGE)
                .map_err(|e| errs.age = Some(input_error(t, e)));
            match (hr, a) {
                (Ok(hr), Ok(a)) => Some((hr as u16, a as u8)),
                _ => None,
            }
        };
        let valid = errs == FormErrors::default();
        errors.set(errs);
        if !valid {
            return;
        }
        let Some(talk_v) = talk_v else { return };
        outcome.set(Some(logic::classify(Answers {
            talk: talk_v,
            borg: borg.get_untracked(),
            heart: heart_v,
        })));
        focus(result_heading);
    };

    let talk_options = Talk::ALL
        .into_iter()
        .map(|option| {
            let id = format!("it-talk-{}", option.intensity().name());
            view! {
                <div class="choice">
                    <input
                        type="radio"
                        name="it-talk"
                        id=id.clone()
                        prop:checked=move || talk.get() == Some(option)
                        on:change=move |_| talk.set(Some(option))
                        aria-describedby=move || errors.with(|e| e.talk.is_some()).then_some("it-talk-error")
                    />
                    <label for=id>{talk_label(t, option)}</label>
                </div>
            }
        })
        .collect_view();
    let borg_options = (6u8..=20)
        .map(
            |n| view! { <option value=n.to_string()>{t.borg_anchors[usize::from(n - 6)]}</option> },
        )
        .collect_view();
    let suggestions = t
        .activities
        .iter()
        .map(|a| view! { <option value=*a></option> })
        .collect_view();

    let result = {
        let guide = guide.clone();
        move || {
            outcome.get().map(|o| {
                let level = match o.intensity {
                    Intensity::Light => &guide.light,
                    Intensity::Moderate => &guide.moderate,
                    Intensity::Vigorous => &guide.vigorous,
                };
                let decided = match o.decided_by {
                    Decider::TalkTest => t.it_decided_talk,
                    Decider::TalkTestOverOne => t.it_decided_talk_over_one,
                    Decider::Refinements => t.it_decided_refinements,
                };
                let talk_now = talk.get_untracked();
                view! {
                    <h3 tabindex="-1" node_ref=result_heading class=format!("it-result-title level-{}", o.intensity.name())>
                        {t.it_result_is} ": " <strong>{intensity_name(t, o.intensity)}</strong>
                    </h3>
                    <p class="it-decided">{decided} " " {t.it_rule}</p>
                    <ul class="it-signals">
                        {talk_now.map(|tv| view! { <li>{t.it_signal_talk} ": " {intensity_name(t, tv.intensity())}</li> })}
                        {o.borg.map(|c| view! { <li>{t.it_signal_borg} ": " {class_name(t, c)}</li> })}
                        {o.heart.map(|(pct, c)| view! {
                            <li>{t.it_signal_hr} ": " {class_name(t, c)} " (" {fill(t.it_hr_percent, format!("{pct:.0}"))} ")"</li>
                        })}
                    </ul>
                    {o.max_heart_rate.map(|m| view! { <p class="it-estimate">{fill(t.it_hr_estimate, format!("{m:.0}"))}</p> })}
                    <div class="prose" inner_html=level.meaning_html.clone()></div>
                    <h4>{t.it_evidence_title}</h4>
                    <div class="prose" inner_html=level.evidence_html.clone()></div>
                    <h4>{t.it_mixed_title}</h4>
                    <div class="prose" inner_html=guide.mixed_html.clone()></div>
                    <div class="prose it-caution" inner_html=guide.caution_html.clone()></div>
                }
            })
        }
    };

    // --- the log ---------------------------------------------------------------------
    let minutes = RwSignal::new(String::new());
    let minutes_error = RwSignal::new(None::<String>);
    let date_text = RwSignal::new(String::new());
    let date_error = RwSignal::new(None::<String>);
    let added = RwSignal::new(false);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(o) = outcome.get_untracked() else {
            return;
        };
        let m = logic::parse_in_range(&minutes.get_untracked(), logic::MINUTES);
        minutes_error.set(m.err().map(|e| input_error(t, e)));
        let text = date_text.get_untracked();
        let date = if text.trim().is_empty() {
            today_sig.get_untracked().ok_or(())
        } else {
            text.parse::<Date>().map_err(|_| ())
        };
        date_error.set(date.is_err().then(|| t.err_date.to_string()));
        let (Ok(m), Ok(date)) = (m, date) else { return };
        let name = activity.get_untracked();
        let name = if name.trim().is_empty() {
            t.it_activity_default.to_string()
        } else {
            name
        };
        change_log(log, log_notice, t, |l| {
            l.add(date, &name, m, o.intensity);
            true
        });
        shown_week.set(Some(date.week_start()));
        minutes.set(String::new());
        added.set(true);
    };
    let log_form = move || {
        outcome.with(Option::is_some).then(|| {
            view! {
                <form class="it-add" on:submit=add novalidate>
                    <Field id="it-minutes" label=t.log_minutes_label value=minutes error=minutes_error.into()/>
                    <Field id="it-date" label=t.log_date_label value=date_text error=date_error.into() kind="date" inputmode="none"/>
                    <button type="submit">{t.log_add}</button>
                    <p class="it-added" role="status">{move || added.get().then_some(t.log_added)}</p>
                </form>
            }
        })
    };

    view! {
        <section class="widget intensity-test" aria-labelledby="it-title">
            <h2 id="it-title">{t.intensity_title}</h2>
            <p>{t.intensity_intro}</p>
            <form class="it-form" on:submit=submit novalidate>
                <div class="field">
                    <label for="it-activity">{t.it_activity_label}</label>
                    <input
                        id="it-activity"
                        type="text"
                        list="it-activities"
                        autocomplete="off"
                        prop:value=move || activity.get()
                        on:input=move |ev| activity.set(event_target_value(&ev))
                    />
                    <datalist id="it-activities">{suggestions}</datalist>
                </div>
                <fieldset class="it-talk" class:invalid=move || errors.with(|e| e.talk.is_some())>
                    <legend>{t.it_talk_legend}</legend>
                    {talk_options}
                    <p class="field-error" id="it-talk-error">{move || errors.with(|e| e.talk.clone())}</p>
                </fieldset>
                <fieldset class="it-refine">
                    <legend>{t.it_refine_legend}</legend>
                    <div class="field">
                        <label for="it-borg">{t.it_borg_label}</label>
                        <select id="it-borg" on:change=move |ev| borg.set(event_target_value(&ev).parse().ok())>
                            <option value="" selected=move || borg.get().is_none()>{t.it_borg_none}</option>
                            {borg_options}
                        </select>
                    </div>
                    <Field id="it-age" label=t.it_age_label value=age error=Signal::derive(move || errors.with(|e| e.age.clone()))/>
                    <Field
                        id="it-hr"
                        label=t.it_hr_label
                        hint=t.it_hr_hint
                        value=heart
                        error=Signal::derive(move || errors.with(|e| e.heart.clone()))
                    />
                </fieldset>
                <button type="submit" class="primary">{t.it_submit}</button>
            </form>
            <div class="it-result" aria-live="polite">{result}</div>
            // Under the result, outside its live region: the results discuss mood.
            {move || outcome.with(Option::is_some).then(|| helplines.clone()).flatten().map(|h| crate::widgets::helplines_box(None, h))}
            {log_form}
            <WeekView lang log today=today_sig shown=shown_week notice=log_notice/>
            <h3>{t.it_guideline_title}</h3>
            <div class="prose" inner_html=guide.guideline_html.clone()></div>
            <h3>{t.it_sources_title}</h3>
            <ol class="it-sources">
                {guide
                    .sources
                    .iter()
                    .map(|s| view! { <li id=format!("int-src-{}", s.key) inner_html=s.html.clone()></li> })
                    .collect_view()}
            </ol>
        </section>
    }
}

/// Applies a change to the weekly log as stored now (another tab may have logged since), writes
/// it and shows it; a full or blocked storage keeps the change on the page and says so.
fn change_log(
    log: RwSignal<Log>,
    notice: RwSignal<Option<&'static str>>,
    t: &'static Strings,
    change: impl FnOnce(&mut Log) -> bool,
) {
    #[cfg(feature = "hydrate")]
    {
        let done = crate::storage::update(logic::LOG_KEY, log.get_untracked(), |l| l, change);
        log.set(done.record);
        if !done.saved {
            notice.set(Some(t.log_save_failed));
        }
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (notice, t);
        log.update(|l| _ = change(l));
    }
}

#[component]
fn WeekView(
    lang: Lang,
    log: RwSignal<Log>,
    today: RwSignal<Option<Date>>,
    shown: RwSignal<Option<Date>>,
    notice: RwSignal<Option<&'static str>>,
) -> impl IntoView {
    let t = strings(lang);
    let editing = RwSignal::new(None::<u64>);
    let week = move || shown.get().map(|monday| log.with(|l| Week::of(l, monday)));
    let heading = move || match shown.get() {
        Some(monday) => fill(t.log_week_of, format_date(lang, &monday.to_string())),
        None => t.log_title.to_string(),
    };
    let step = move |days: i64| shown.update(|w| *w = w.map(|d| d.add_days(days)));
    let erase = move |_| {
        #[cfg(feature = "hydrate")]
        {
            let ok = window()
                .confirm_with_message(t.log_erase_confirm)
                .unwrap_or(false);
            if ok {
                crate::storage::remove(logic::LOG_KEY);
                log.set(Log::default());
                notice.set(Some(t.log_erased));
            }
        }
    };
    let summary = move || {
        week().map(|w| {
            let status = match w.status() {
                Status::Below => fill(t.log_status_below, logic::TARGET_MIN - w.equivalent()),
                Status::Met => t.log_status_met.to_string(),
                Status::Beyond => t.log_status_beyond.to_string(),
            };
            let met = w.status() != Status::Below;
            view! {
                <p class="week-total">{fill(t.log_total, w.equivalent())}</p>
                {(w.light > 0).then(|| view! { <p class="week-light">{fill(t.log_light_note, w.light)}</p> })}
                <p class="week-status" class:met=met>
                    <span aria-hidden="true">{if met { "✓ " } else { "… " }}</span>
                    {status}
                </p>
                <WeekChart lang week=w.clone()/>
            }
        })
    };
    let entries = move || {
        shown.get().map(|monday| {
            let items: Vec<_> = log.with(|l| l.week(monday).into_iter().cloned().collect());
            if items.is_empty() {
                return Either::Left(view! { <p class="week-empty">{t.log_empty}</p> });
            }
            let rows = items
                .into_iter()
                .map(|e| view! { <EntryRow lang entry=e log editing notice/> })
                .collect_view();
            Either::Right(view! {
                <h4>{t.log_entries_title}</h4>
                <ul class="week-entries">{rows}</ul>
            })
        })
    };
    view! {
        <section class="week" aria-labelledby="week-title">
            <h3 id="week-title">{t.log_title}</h3>
            <p>{t.log_intro}</p>
            <p class="log-notice" role="status">{move || notice.get()}</p>
            <div class="week-nav">
                <button type="button" on:click=move |_| step(-7) disabled=move || shown.get().is_none()>
                    "← " {t.log_prev_week}
                </button>
                <p class="week-heading" aria-live="polite">{heading}</p>
                <button
                    type="button"
                    on:click=move |_| step(7)
                    disabled=move || { let current = today.get().map(Date::week_start); shown.get().is_none() || shown.get() >= current }
                >
                    {t.log_next_week} " →"
                </button>
            </div>
            {summary}
            {entries}
            <p class="week-strength">{t.log_strength}</p>
            <button type="button" class="danger" on:click=erase>{t.log_erase}</button>
        </section>
    }
}

/// Bars per day (moderate-equivalent stacked under light, `Week::bars`), with the data as a
/// table beside it.
#[component]
fn WeekChart(lang: Lang, week: Week) -> impl IntoView {
    let t = strings(lang);
    let bars = week
        .bars()
        .into_iter()
        .zip(t.weekdays_short)
        .map(|(b, day)| {
            view! {
                <rect class="bar-eq" x=b.x y=b.equivalent_y width=b.width height=b.equivalent_height></rect>
                <rect class="bar-light" x=b.x y=b.light_y width=b.width height=b.light_height></rect>
                <text x=b.label_x y=logic::CHART_LABEL_BASELINE text-anchor="middle">{day}</text>
            }
        })
        .collect_view();
    let rows = week
        .days
        .iter()
        .enumerate()
        .map(|(i, (eq, light))| view! { <tr><th scope="row">{t.weekdays[i]}</th><td>{*eq}</td><td>{*light}</td></tr> })
        .collect_view();
    view! {
        <figure class="week-chart">
            <svg viewBox=format!("0 0 {} {}", logic::CHART_WIDTH, logic::CHART_HEIGHT) role="img" aria-label=t.log_chart_label>
                {bars}
            </svg>
            <figcaption>
                <span class="key-eq">{t.log_equiv_col}</span> " · " <span class="key-light">{t.log_light_col}</span>
            </figcaption>
            <details>
                <summary>{t.log_table_toggle}</summary>
                <table>
                    <thead><tr><th scope="col">{t.log_day}</th><th scope="col">{t.log_equiv_col}</th><th scope="col">{t.log_light_col}</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </details>
        </figure>
    }
}

#[component]
fn EntryRow(
    lang: Lang,
    entry: logic::Entry,
    log: RwSignal<Log>,
    editing: RwSignal<Option<u64>>,
    notice: RwSignal<Option<&'static str>>,
) -> impl IntoView {
    let t = strings(lang);
    let id = entry.id;
    let minutes = RwSignal::new(entry.minutes.to_string());
    let name = RwSignal::new(entry.activity.clone());
    let level = RwSignal::new(entry.intensity);
    let error = RwSignal::new(None::<String>);
    let day = t.weekdays[entry.date.weekday() as usize];
    let date = format_date(lang, &entry.date.to_string());
    let summary = format!(
        "{day} {date} · {} · {} min · {}",
        entry.activity,
        entry.minutes,
        intensity_name(t, entry.intensity)
    );
    let commit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match logic::parse_in_range(&minutes.get_untracked(), logic::MINUTES) {
            Ok(m) => {
                change_log(log, notice, t, |l| {
                    l.update(id, m, level.get_untracked(), &name.get_untracked())
                });
                editing.set(None);
            }
            Err(e) => error.set(Some(input_error(t, e))),
        }
    };
    let field_id = move |what: &str| format!("entry-{id}-{what}");
    view! {
            <li class="week-entry">
                {move || {
                    if editing.get() == Some(id) {
                        Either::Left(view! {
                            <form class="entry-edit" on:submit=commit novalidate>
                        <label for=field_id("name")>{t.it_activity_label}</label>
                        <input id=field_id("name") type="text" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                        <label for=field_id("minutes")>{t.log_minutes_label}</label>
                        <input
                            id=field_id("minutes")
                            type="text"
                            inputmode="numeric"
                            prop:value=move || minutes.get()
                            on:input=move |ev| minutes.set(event_target_value(&ev))
                            aria-invalid=move || error.with(Option::is_some).to_string()
                            aria-describedby=field_id("error")
                        />
                        <label for=field_id("level")>{t.log_intensity_label}</label>
                        <select id=field_id("level") on:change=move |ev| {
                            let value = event_target_value(&ev);
                            level.set(crate::json::by_name(&Intensity::ALL, Intensity::name, &value).unwrap_or(Intensity::Moderate))
                        }>
                            {Intensity::ALL
                                .into_iter()
                                .map(|i| view! { <option value=i.name() selected=move || level.get() == i>{intensity_name(t, i)}</option> })
                                .collect_view()}
                        </select>
                        <p class="field-error" id=field_id("error")>{move || error.get()}</p>
                        <button type="submit" class="small">{t.log_save}</button>
                        <button type="button" class="small" on:click=move |_| editing.set(None)>{t.log_cancel}</button>
                    </form>
                        })
                    } else {
                        let summary = summary.clone();
                        Either::Right(view! {
                            <span class="entry-text">{summary.clone()}</span>
                            <button type="button" class="small" on:click=move |_| editing.set(Some(id))>{t.log_edit}</button>
                            <button type="button" class="small danger" on:click=move |_| {
                                change_log(log, notice, t, |l| l.remove(id));
                            }>{t.log_delete}</button>
    })
                    }
                }}
            </li>
        }
}
