//! The widget's markup as strings: the same function writes the prerendered page and, in the
//! browser, each part the reader changes (`client.rs` puts it in place). Leptos hydrates none of
//! it, which keeps a monomorphised build, hydrate and rebuild path per element out of the wasm
//! (ARCHITECTURE.md, "Wasm size": 39.6 KB brotli for this widget as a Leptos view).

use super::logic::{self, Class, Date, Decider, InputError, Intensity, Log, Outcome, Talk, Week};
use crate::escape::escape;
use crate::i18n::{fill, format_date, strings, Strings};
use crate::model::{IntensityGuide, Lang};
use std::fmt::Write;

pub fn intensity_name(t: &Strings, i: Intensity) -> &'static str {
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

pub fn input_error(t: &Strings, e: InputError) -> String {
    match e {
        InputError::Missing => t.err_missing.to_string(),
        InputError::NotANumber => t.err_nan.to_string(),
        InputError::OutOfRange { min, max } => {
            fill(t.err_range, format!("{min} {} {max}", t.err_range_join))
        }
    }
}

/// A labelled text field; its error message (filled in by the client) is tied to it for screen
/// readers (`client::show_error`), as is its hint.
fn field(out: &mut String, id: &str, label: &str, hint: Option<&str>, kind: &str, mode: &str) {
    let described = hint.map_or(String::new(), |_| {
        format!(" aria-describedby=\"{id}-hint\"")
    });
    _ = write!(
        out,
        "<div class=\"field\"><label for=\"{id}\">{}</label>",
        escape(label)
    );
    if let Some(h) = hint {
        _ = write!(out, "<p class=\"hint\" id=\"{id}-hint\">{}</p>", escape(h));
    }
    _ = write!(
        out,
        "<input id=\"{id}\" type=\"{kind}\" inputmode=\"{mode}\" aria-invalid=\"false\"{described}>\
         <p class=\"field-error\" id=\"{id}-error\"></p></div>"
    );
}

/// The whole widget as the page first shows it: the form, an empty result and the week frame
/// (which week is shown depends on the device's date, so the client fills it in).
pub fn widget_html(lang: Lang, guide: &IntensityGuide) -> String {
    let t = strings(lang);
    let e = escape;
    let mut o = String::with_capacity(8192);
    _ = write!(
        o,
        "<h2 id=\"it-title\">{}</h2><p>{}</p><form class=\"it-form\" novalidate>\
         <div class=\"field\"><label for=\"it-activity\">{}</label><input id=\"it-activity\" \
         type=\"text\" list=\"it-activities\" autocomplete=\"off\"><datalist id=\"it-activities\">",
        e(t.intensity_title),
        e(t.intensity_intro),
        e(t.it_activity_label)
    );
    for a in t.activities {
        _ = write!(o, "<option value=\"{}\"></option>", e(a));
    }
    _ = write!(
        o,
        "</datalist></div><fieldset class=\"it-talk\"><legend>{}</legend>",
        e(t.it_talk_legend)
    );
    for option in Talk::ALL {
        let id = format!("it-talk-{}", option.intensity().name());
        _ = write!(
            o,
            "<div class=\"choice\"><input type=\"radio\" name=\"it-talk\" id=\"{id}\">\
             <label for=\"{id}\">{}</label></div>",
            e(talk_label(t, option))
        );
    }
    _ = write!(
        o,
        "<p class=\"field-error\" id=\"it-talk-error\"></p></fieldset><fieldset class=\"it-refine\">\
         <legend>{}</legend><div class=\"field\"><label for=\"it-borg\">{}</label>\
         <select id=\"it-borg\"><option value=\"\" selected>{}</option>",
        e(t.it_refine_legend),
        e(t.it_borg_label),
        e(t.it_borg_none)
    );
    for (n, anchor) in (6u8..=20).zip(t.borg_anchors) {
        _ = write!(o, "<option value=\"{n}\">{}</option>", e(anchor));
    }
    o.push_str("</select></div>");
    field(&mut o, "it-age", t.it_age_label, None, "text", "numeric");
    field(
        &mut o,
        "it-hr",
        t.it_hr_label,
        Some(t.it_hr_hint),
        "text",
        "numeric",
    );
    _ = write!(
        o,
        "</fieldset><button type=\"submit\" class=\"primary\">{}</button></form>\
         <div class=\"it-result\" aria-live=\"polite\"></div>",
        e(t.it_submit)
    );
    // The help lines and the log's form follow the result once there is one (`after_result`).
    // The week's own buttons are told apart by place (`client::action`): the episode with the
    // test is at its HTML budget.
    _ = write!(
        o,
        "<section class=\"week\" aria-labelledby=\"week-title\"><h3 id=\"week-title\" tabindex=\"-1\">{title}</h3>\
         <p>{}</p><p class=\"log-notice\" role=\"status\"></p><div class=\"week-nav\">\
         <button type=\"button\" disabled>← {}</button>\
         <p class=\"week-heading\" aria-live=\"polite\">{title}</p>\
         <button type=\"button\" disabled>{} →</button></div>\
         <div class=\"week-body\"></div><p class=\"week-strength\">{}</p>\
         <button type=\"button\" class=\"danger\">{}</button></section>\
         <h3>{}</h3><div class=\"prose\" id=\"{}\">{}</div><h3>{}</h3><ol class=\"it-sources\">",
        e(t.log_intro),
        e(t.log_prev_week),
        e(t.log_next_week),
        e(t.log_strength),
        e(t.log_erase),
        e(t.it_guideline_title),
        crate::INTENSITY_GUIDELINE_ID,
        guide.guideline_html,
        e(t.it_sources_title),
        title = e(t.log_title),
    );
    for s in &guide.sources {
        _ = write!(o, "<li id=\"int-src-{}\">{}</li>", e(&s.key), s.html);
    }
    o.push_str("</ol>");
    o
}

/// The result of the test: what decided it, each signal, what the level means and what the
/// evidence says (mixed evidence called mixed), and the caution.
pub fn result_html(t: &Strings, guide: &IntensityGuide, o: &Outcome, talk: Talk) -> String {
    let e = escape;
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
    let mut out = format!(
        "<h3 tabindex=\"-1\" class=\"it-result-title level-{}\">{}: <strong>{}</strong></h3>\
         <p class=\"it-decided\">{} {}</p><ul class=\"it-signals\"><li>{}: {}</li>",
        o.intensity.name(),
        e(t.it_result_is),
        e(intensity_name(t, o.intensity)),
        e(decided),
        e(t.it_rule),
        e(t.it_signal_talk),
        e(intensity_name(t, talk.intensity())),
    );
    if let Some(c) = o.borg {
        _ = write!(
            out,
            "<li>{}: {}</li>",
            e(t.it_signal_borg),
            e(class_name(t, c))
        );
    }
    if let Some((pct, c)) = o.heart {
        _ = write!(
            out,
            "<li>{}: {} ({})</li>",
            e(t.it_signal_hr),
            e(class_name(t, c)),
            e(&fill(t.it_hr_percent, crate::number::decimals(pct, 0)))
        );
    }
    out.push_str("</ul>");
    if let Some(m) = o.max_heart_rate {
        let estimate = fill(t.it_hr_estimate, crate::number::decimals(m, 0));
        _ = write!(out, "<p class=\"it-estimate\">{}</p>", e(&estimate));
    }
    _ = write!(
        out,
        "<div class=\"prose\">{}</div><h4>{}</h4><div class=\"prose\">{}</div><h4>{}</h4>\
         <div class=\"prose\">{}</div><div class=\"prose it-caution\">{}</div>",
        level.meaning_html,
        e(t.it_evidence_title),
        level.evidence_html,
        e(t.it_mixed_title),
        guide.mixed_html,
        guide.caution_html
    );
    out
}

/// What follows the first result, outside its live region (the results discuss mood): the help
/// lines, then the form that puts the activity in the week.
pub fn after_result_html(t: &Strings, guide: &IntensityGuide) -> String {
    let mut o = String::new();
    if let Some(h) = &guide.helplines_html {
        o.push_str(&crate::widgets::helplines_html(None, h));
    }
    o.push_str("<form class=\"it-add\" novalidate>");
    field(
        &mut o,
        "it-minutes",
        t.log_minutes_label,
        None,
        "text",
        "numeric",
    );
    field(&mut o, "it-date", t.log_date_label, None, "date", "none");
    _ = write!(
        o,
        "<button type=\"submit\">{}</button><p class=\"it-added\" role=\"status\"></p></form>",
        escape(t.log_add)
    );
    o
}

/// The heading of the week shown (none: the page before the app knows the date).
pub fn week_heading(lang: Lang, shown: Option<Date>) -> String {
    let t = strings(lang);
    match shown {
        Some(monday) => fill(t.log_week_of, format_date(lang, &monday.to_string())),
        None => t.log_title.to_string(),
    }
}

/// The week shown: its total, where it stands against the WHO target, the chart and each entry
/// (`editing`: the entry whose form is open).
pub fn week_body_html(lang: Lang, log: &Log, monday: Date, editing: Option<u64>) -> String {
    let t = strings(lang);
    let e = escape;
    let w = Week::of(log, monday);
    let status = match w.status() {
        logic::Status::Below => fill(t.log_status_below, logic::TARGET_MIN - w.equivalent()),
        logic::Status::Met => t.log_status_met.to_string(),
        logic::Status::Beyond => t.log_status_beyond.to_string(),
    };
    let met = w.status() != logic::Status::Below;
    let mut o = format!(
        "<p class=\"week-total\">{}</p>",
        e(&fill(t.log_total, w.equivalent()))
    );
    if w.light > 0 {
        let light = fill(t.log_light_note, w.light);
        _ = write!(o, "<p class=\"week-light\">{}</p>", e(&light));
    }
    _ = write!(
        o,
        "<p class=\"week-status{}\"><span aria-hidden=\"true\">{}</span>{}</p>",
        if met { " met" } else { "" },
        if met { "✓ " } else { "… " },
        e(&status)
    );
    chart_html(&mut o, t, &w);
    let items = log.week(monday);
    if items.is_empty() {
        _ = write!(o, "<p class=\"week-empty\">{}</p>", e(t.log_empty));
        return o;
    }
    _ = write!(
        o,
        "<h4>{}</h4><ul class=\"week-entries\">",
        e(t.log_entries_title)
    );
    for entry in items {
        entry_html(&mut o, lang, entry, editing == Some(entry.id));
    }
    o.push_str("</ul>");
    o
}

/// Bars per day (moderate-equivalent stacked under light, `Week::bars`), with the data as a
/// table beside it.
fn chart_html(o: &mut String, t: &Strings, w: &Week) {
    use crate::number::show;
    let e = escape;
    _ = write!(
        o,
        "<figure class=\"week-chart\"><svg viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\">",
        show(logic::CHART_WIDTH),
        show(logic::CHART_HEIGHT),
        e(t.log_chart_label)
    );
    for (b, day) in w.bars().into_iter().zip(t.weekdays_short) {
        _ = write!(
            o,
            "<rect class=\"bar-eq\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"></rect>\
             <rect class=\"bar-light\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"></rect>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            show(b.x),
            show(b.equivalent_y),
            show(b.width),
            show(b.equivalent_height),
            show(b.x),
            show(b.light_y),
            show(b.width),
            show(b.light_height),
            show(b.label_x),
            show(logic::CHART_LABEL_BASELINE),
            e(day)
        );
    }
    _ = write!(
        o,
        "</svg><figcaption><span class=\"key-eq\">{eq}</span> · <span class=\"key-light\">{light}</span>\
         </figcaption><details><summary>{}</summary><table><thead><tr><th scope=\"col\">{}</th>\
         <th scope=\"col\">{eq}</th><th scope=\"col\">{light}</th></tr></thead><tbody>",
        e(t.log_table_toggle),
        e(t.log_day),
        eq = e(t.log_equiv_col),
        light = e(t.log_light_col),
    );
    for (day, (eq, light)) in t.weekdays.iter().zip(&w.days) {
        _ = write!(
            o,
            "<tr><th scope=\"row\">{}</th><td>{eq}</td><td>{light}</td></tr>",
            e(day)
        );
    }
    o.push_str("</tbody></table></details></figure>");
}

/// One entry of the week: a line with its edit and delete buttons, or its form when open.
fn entry_html(o: &mut String, lang: Lang, entry: &logic::Entry, open: bool) {
    let t = strings(lang);
    let e = escape;
    let id = entry.id;
    o.push_str("<li class=\"week-entry\">");
    if open {
        _ = write!(
            o,
            "<form class=\"entry-edit\" data-id=\"{id}\" novalidate>\
             <label for=\"entry-{id}-name\">{}</label>\
             <input id=\"entry-{id}-name\" type=\"text\" value=\"{}\">\
             <label for=\"entry-{id}-minutes\">{}</label>\
             <input id=\"entry-{id}-minutes\" type=\"text\" inputmode=\"numeric\" value=\"{}\" \
             aria-invalid=\"false\" aria-describedby=\"entry-{id}-minutes-error\">\
             <label for=\"entry-{id}-level\">{}</label><select id=\"entry-{id}-level\">",
            e(t.it_activity_label),
            e(&entry.activity),
            e(t.log_minutes_label),
            entry.minutes,
            e(t.log_intensity_label),
        );
        for i in Intensity::ALL {
            let selected = if i == entry.intensity {
                " selected"
            } else {
                ""
            };
            let name = e(intensity_name(t, i));
            _ = write!(
                o,
                "<option value=\"{}\"{selected}>{name}</option>",
                i.name()
            );
        }
        _ = write!(
            o,
            "</select><p class=\"field-error\" id=\"entry-{id}-minutes-error\"></p>\
             <button type=\"submit\" class=\"small\">{}</button>\
             <button type=\"button\" class=\"small\" data-act=\"cancel\" data-id=\"{id}\">{}</button>\
             </form>",
            e(t.log_save),
            e(t.log_cancel)
        );
    } else {
        let day = t.weekdays[entry.date.weekday() as usize];
        let date = format_date(lang, &entry.date.to_string());
        let line = format!(
            "{day} {date} · {} · {} min · {}",
            entry.activity,
            entry.minutes,
            intensity_name(t, entry.intensity)
        );
        _ = write!(
            o,
            "<span class=\"entry-text\">{}</span>\
             <button type=\"button\" class=\"small\" data-act=\"edit\" data-id=\"{id}\">{}</button>\
             <button type=\"button\" class=\"small danger\" data-act=\"delete\" data-id=\"{id}\">{}</button>",
            e(&line),
            e(t.log_edit),
            e(t.log_delete)
        );
    }
    o.push_str("</li>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{LevelGuide, SourceEntry};

    fn guide() -> IntensityGuide {
        let level = |w: &str| LevelGuide {
            meaning_html: format!("<p>{w} means</p>"),
            evidence_html: format!("<p>{w} evidence</p>"),
        };
        IntensityGuide {
            path: "/nl/intensiteitstest/".into(),
            caution_html: "<p>caution</p>".into(),
            guideline_html: "<p>guideline</p>".into(),
            mixed_html: "<p>mixed</p>".into(),
            light: level("light"),
            moderate: level("moderate"),
            vigorous: level("vigorous"),
            sources: vec![SourceEntry {
                key: "who2020".into(),
                html: "WHO <cite>guidelines</cite>".into(),
            }],
            helplines_html: Some("<p>1813</p>".into()),
        }
    }

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn the_first_screen_has_every_control_labelled_and_an_empty_result() {
        for lang in Lang::ALL {
            let t = strings(lang);
            let h = widget_html(lang, &guide());
            for id in [
                "it-activity",
                "it-talk-light",
                "it-talk-moderate",
                "it-talk-vigorous",
                "it-borg",
                "it-age",
                "it-hr",
            ] {
                assert!(h.contains(&format!("id=\"{id}\"")), "{id}");
                assert!(h.contains(&format!("for=\"{id}\"")), "{id} has a label");
            }
            assert!(h.contains("aria-describedby=\"it-hr-hint\""));
            assert!(h.contains("<div class=\"it-result\" aria-live=\"polite\"></div>"));
            for n in 6..=20 {
                assert!(
                    h.contains(&format!("<option value=\"{n}\">{n}")),
                    "Borg {n}"
                );
            }
            assert!(h.contains(&escape(t.log_erase)));
            assert!(h.contains("<li id=\"int-src-who2020\">WHO <cite>guidelines</cite></li>"));
            // Until the app knows the date: no week, both steps disabled.
            assert_eq!(h.matches("disabled>").count(), 2);
            assert!(h.contains("<div class=\"week-body\"></div>"));
        }
    }

    #[test]
    fn the_result_names_each_signal_and_the_mixed_evidence() {
        let t = strings(Lang::Nl);
        let o = logic::classify(logic::Answers {
            talk: Talk::Converse,
            borg: Some(15),
            heart: Some((150, 40)),
        });
        let h = result_html(t, &guide(), &o, Talk::Converse);
        assert!(h.contains("level-vigorous"), "{h}");
        assert!(h.contains(t.it_decided_refinements));
        assert_eq!(h.matches("<li>").count(), 3, "talk, Borg and heart rate");
        assert!(
            h.contains("83"),
            "the heart rate's share of the maximum: {h}"
        );
        assert!(h.contains("<p>vigorous evidence</p>") && h.contains("<p>mixed</p>"));
        assert!(
            !h.contains("1813"),
            "the help lines stay out of the live region"
        );
        let after = after_result_html(t, &guide());
        assert!(after.starts_with("<aside class=\"helplines prose\"><p>1813</p></aside>"));
        assert!(after.contains("id=\"it-minutes\"") && after.contains("type=\"date\""));
    }

    #[test]
    fn the_week_escapes_what_the_reader_typed_and_opens_one_entry() {
        let mut log = Log::default();
        let monday = date("2026-11-30");
        let a = log.add(
            date("2026-12-01"),
            "<b>run & \"fun\"</b>",
            80,
            Intensity::Vigorous,
        );
        let b = log.add(date("2026-12-02"), "walk", 30, Intensity::Light);
        let h = week_body_html(Lang::En, &log, monday, Some(b));
        assert!(
            h.contains("&lt;b&gt;run &amp; &quot;fun&quot;&lt;/b&gt; · 80 min"),
            "{h}"
        );
        assert!(!h.contains("<b>run"));
        assert!(h.contains(&format!("data-act=\"edit\" data-id=\"{a}\"")));
        assert!(h.contains(&format!("<form class=\"entry-edit\" data-id=\"{b}\"")));
        assert!(h.contains("value=\"walk\"") && h.contains("value=\"light\" selected"));
        assert!(
            h.contains("week-status met"),
            "160 equivalent minutes meet the target"
        );
        assert_eq!(h.matches("<rect class=\"bar-eq\"").count(), 7);
        let empty = week_body_html(Lang::Nl, &log, monday.add_days(7), None);
        assert!(empty.contains("week-empty") && !empty.contains("week-entries"));
        assert_eq!(week_heading(Lang::En, None), strings(Lang::En).log_title);
        assert!(week_heading(Lang::Nl, Some(monday)).contains("2026"));
    }
}
