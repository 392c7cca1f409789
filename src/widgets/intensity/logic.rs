//! The intensity self-test and weekly log as plain data: classification, the rule that combines
//! the three signals, the heart-rate estimate, input checks, week arithmetic and the stored log.
//! Thresholds: ACSM (Garber et al. 2011, the table in ACSM's Guidelines, 10th ed.).
//! Maximum heart rate: Tanaka et al. 2001, 208 − 0.7 × age.

use crate::json::FromJson;
use crate::storage::Record;
use serde::Serialize;

/// The three levels the WHO guideline counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Intensity {
    Light,
    Moderate,
    Vigorous,
}

impl Intensity {
    pub const ALL: [Intensity; 3] = [Intensity::Light, Intensity::Moderate, Intensity::Vigorous];

    /// Its name in stored records, form values and class names (serde's, tested).
    pub fn name(self) -> &'static str {
        match self {
            Intensity::Light => "light",
            Intensity::Moderate => "moderate",
            Intensity::Vigorous => "vigorous",
        }
    }
}

/// The ACSM's finer classes; very light counts as light and near-maximal as vigorous.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Class {
    VeryLight,
    Light,
    Moderate,
    Vigorous,
    NearMaximal,
}

impl Class {
    pub fn intensity(self) -> Intensity {
        match self {
            Class::VeryLight | Class::Light => Intensity::Light,
            Class::Moderate => Intensity::Moderate,
            Class::Vigorous | Class::NearMaximal => Intensity::Vigorous,
        }
    }
}

/// The talk test: what could you still do with your voice during the activity?
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Talk {
    /// Could sing: light.
    Sing,
    /// Could hold a normal conversation: moderate.
    Converse,
    /// Only a few words at a time: vigorous.
    FewWords,
}

impl Talk {
    pub const ALL: [Talk; 3] = [Talk::Sing, Talk::Converse, Talk::FewWords];

    pub fn intensity(self) -> Intensity {
        match self {
            Talk::Sing => Intensity::Light,
            Talk::Converse => Intensity::Moderate,
            Talk::FewWords => Intensity::Vigorous,
        }
    }
}

/// Borg's perceived exertion (6–20) → ACSM class.
pub fn borg_class(rpe: u8) -> Class {
    match rpe {
        0..=8 => Class::VeryLight,
        9..=11 => Class::Light,
        12..=13 => Class::Moderate,
        14..=17 => Class::Vigorous,
        _ => Class::NearMaximal,
    }
}

/// Age-predicted maximum heart rate (Tanaka 2001). An estimate: individuals differ by
/// ten or more beats per minute.
pub fn max_heart_rate(age: u8) -> f64 {
    208.0 - 0.7 * f64::from(age)
}

/// Heart rate as a percentage of the estimated maximum.
pub fn heart_rate_percent(bpm: u16, age: u8) -> f64 {
    100.0 * f64::from(bpm) / max_heart_rate(age)
}

/// % of maximum heart rate → ACSM class (< 57, 57–63, 64–76, 77–95, ≥ 96).
pub fn heart_rate_class(percent: f64) -> Class {
    if percent < 57.0 {
        Class::VeryLight
    } else if percent < 64.0 {
        Class::Light
    } else if percent < 77.0 {
        Class::Moderate
    } else if percent < 96.0 {
        Class::Vigorous
    } else {
        Class::NearMaximal
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decider {
    /// Only the talk test was given, or the refinements agree with it.
    TalkTest,
    /// The talk test decided although a refinement disagreed.
    TalkTestOverOne,
    /// Perceived exertion and heart rate agreed with each other against the talk test.
    Refinements,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Answers {
    pub talk: Talk,
    pub borg: Option<u8>,
    /// Heart rate during the activity and the reader's age, both needed for the estimate.
    pub heart: Option<(u16, u8)>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Outcome {
    pub intensity: Intensity,
    pub decided_by: Decider,
    pub borg: Option<Class>,
    /// Percentage of the estimated maximum, and its class.
    pub heart: Option<(f64, Class)>,
    pub max_heart_rate: Option<f64>,
}

/// Combines the signals. The rule: **the talk test decides, unless perceived exertion and heart
/// rate both disagree with it and agree with each other; then those two decide.** The talk test
/// is the most direct signal (it tracks the ventilatory threshold in each person and needs no
/// formula); a single disagreeing refinement is more likely an estimate's error (the heart-rate
/// maximum) or a misreading of the scale than a wrong talk test, but two independent signals
/// pointing the same other way outweigh it.
pub fn classify(a: Answers) -> Outcome {
    let talk = a.talk.intensity();
    let borg = a.borg.map(borg_class);
    let heart = a.heart.map(|(bpm, age)| {
        let pct = heart_rate_percent(bpm, age);
        (pct, heart_rate_class(pct))
    });
    let refinements: Vec<Intensity> = borg
        .iter()
        .map(|c| c.intensity())
        .chain(heart.map(|(_, c)| c.intensity()))
        .collect();
    let (intensity, decided_by) = match refinements.as_slice() {
        [b, h] if b == h && *b != talk => (*b, Decider::Refinements),
        r if r.iter().any(|i| *i != talk) => (talk, Decider::TalkTestOverOne),
        _ => (talk, Decider::TalkTest),
    };
    Outcome {
        intensity,
        decided_by,
        borg,
        heart,
        max_heart_rate: a.heart.map(|(_, age)| max_heart_rate(age)),
    }
}

// --- Input checks ------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputError {
    Missing,
    NotANumber,
    OutOfRange { min: u32, max: u32 },
}

pub const AGE: (u32, u32) = (12, 100);
pub const HEART_RATE: (u32, u32) = (40, 230);
pub const MINUTES: (u32, u32) = (1, 600);

/// Parses a whole number in `[min, max]`; accepts surrounding spaces, nothing else.
pub fn parse_in_range(input: &str, (min, max): (u32, u32)) -> Result<u32, InputError> {
    let s = input.trim();
    if s.is_empty() {
        return Err(InputError::Missing);
    }
    let n: u32 = s.parse().map_err(|_| InputError::NotANumber)?;
    if (min..=max).contains(&n) {
        Ok(n)
    } else {
        Err(InputError::OutOfRange { min, max })
    }
}

/// What is wrong with the test's answers, field by field.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AnswerErrors {
    pub talk_missing: bool,
    pub age: Option<InputError>,
    pub heart: Option<InputError>,
}

/// The test's answers as typed: the talk test is needed; the heart rate is optional, but given,
/// it needs a valid age too; an age alone must be valid as well. The Borg score is a choice.
pub fn read_answers(
    talk: Option<Talk>,
    borg: &str,
    age: &str,
    heart: &str,
) -> Result<Answers, AnswerErrors> {
    let mut errors = AnswerErrors {
        talk_missing: talk.is_none(),
        ..AnswerErrors::default()
    };
    let heart = if heart.trim().is_empty() {
        if !age.trim().is_empty() {
            errors.age = parse_in_range(age, AGE).err();
        }
        None
    } else {
        let (hr, a) = (parse_in_range(heart, HEART_RATE), parse_in_range(age, AGE));
        (errors.heart, errors.age) = (hr.err(), a.err());
        hr.ok().zip(a.ok()).map(|(hr, a)| (hr as u16, a as u8))
    };
    match talk {
        Some(talk) if errors == AnswerErrors::default() => Ok(Answers {
            talk,
            borg: borg.parse().ok(),
            heart,
        }),
        _ => Err(errors),
    }
}

/// A log entry's minutes and date as typed (no date: today, if the device knows it); each is
/// checked, so both problems show at once.
pub fn read_entry(
    minutes: &str,
    date: &str,
    today: Option<Date>,
) -> Result<(u32, Date), (Option<InputError>, bool)> {
    let minutes = parse_in_range(minutes, MINUTES);
    let date = if date.trim().is_empty() {
        today
    } else {
        date.parse().ok()
    };
    match (minutes, date) {
        (Ok(m), Some(d)) => Ok((m, d)),
        (m, d) => Err((m.err(), d.is_none())),
    }
}

// --- Dates and weeks ---------------------------------------------------------------------

/// A calendar date in the reader's local time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(into = "String")]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// Days since 1970-01-01 (Howard Hinnant's civil-from-days, inverted).
    pub fn days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn from_days(z: i64) -> Date {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday.
        (self.days() + 3).rem_euclid(7) as u32
    }

    /// The Monday that starts this date's week.
    pub fn week_start(self) -> Date {
        Date::from_days(self.days() - i64::from(self.weekday()))
    }

    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.days() + n)
    }

    /// The local date of an instant, given the local UTC offset at that instant (in minutes
    /// east of UTC, e.g. +60 in Brussels in winter, +120 in summer). The offset must be the one
    /// in force at that instant: the browser's `Date` gives it, daylight saving included.
    pub fn local(utc_millis: i64, offset_minutes: i32) -> Date {
        let local_millis = utc_millis + i64::from(offset_minutes) * 60_000;
        Date::from_days(local_millis.div_euclid(86_400_000))
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl TryFrom<String> for Date {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        s.parse()
    }
}

impl From<Date> for String {
    fn from(d: Date) -> String {
        d.to_string()
    }
}

impl std::str::FromStr for Date {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let mut it = s.trim().splitn(3, '-');
        let (y, m, d) = (it.next(), it.next(), it.next());
        let parse = |p: Option<&str>| p.and_then(|x| x.parse::<i64>().ok());
        match (parse(y), parse(m), parse(d)) {
            (Some(year), Some(month @ 1..=12), Some(day @ 1..=31)) => {
                let date = Date {
                    year: year as i32,
                    month: month as u32,
                    day: day as u32,
                };
                // Rejects 2026-02-30 and the like: a real date survives the round trip.
                (Date::from_days(date.days()) == date)
                    .then_some(date)
                    .ok_or_else(|| format!("no such date: {s}"))
            }
            _ => Err(format!("not a date: {s}")),
        }
    }
}

// --- The weekly log ----------------------------------------------------------------------

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub id: u64,
    pub date: Date,
    pub activity: String,
    pub minutes: u32,
    pub intensity: Intensity,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Log {
    pub entries: Vec<Entry>,
    pub next_id: u64,
}

pub const LOG_KEY: &str = "loopje.activity-log";

crate::from_json_struct! {
    Entry { id, date, activity, minutes, intensity }
    Log { entries, next_id }
}

impl FromJson for Date {
    fn from_json(json: crate::json::Json) -> Option<Self> {
        Date::try_from(String::from_json(json)?).ok()
    }
}

impl FromJson for Intensity {
    fn from_json(json: crate::json::Json) -> Option<Self> {
        crate::json::named(json, &Intensity::ALL, Intensity::name)
    }
}

impl Record for Log {
    const VERSION: u32 = 1;
    fn migrate(_from: u32, _stored: crate::json::Json) -> Option<Self> {
        // Version 1 is the first; nothing older exists to read.
        None
    }
}

impl Log {
    pub fn add(&mut self, date: Date, activity: &str, minutes: u32, intensity: Intensity) -> u64 {
        let id = self
            .next_id
            .max(self.entries.iter().map(|e| e.id + 1).max().unwrap_or(0));
        self.next_id = id + 1;
        self.entries.push(Entry {
            id,
            date,
            activity: activity.trim().to_string(),
            minutes,
            intensity,
        });
        id
    }

    pub fn update(&mut self, id: u64, minutes: u32, intensity: Intensity, activity: &str) -> bool {
        match self.entries.iter_mut().find(|e| e.id == id) {
            Some(e) => {
                e.minutes = minutes;
                e.intensity = intensity;
                e.activity = activity.trim().to_string();
                true
            }
            None => false,
        }
    }

    pub fn remove(&mut self, id: u64) -> bool {
        let before = self.entries.len();
        self.entries.retain(|e| e.id != id);
        self.entries.len() != before
    }

    /// The entries of the week starting on `monday`, by date.
    pub fn week(&self, monday: Date) -> Vec<&Entry> {
        let mut v: Vec<&Entry> = self
            .entries
            .iter()
            .filter(|e| e.date.week_start() == monday)
            .collect();
        v.sort_by_key(|e| (e.date, e.id));
        v
    }
}

/// WHO 2020 (adults): 150–300 min moderate, or 75–150 vigorous, or an equivalent mix.
pub const TARGET_MIN: u32 = 150;
pub const TARGET_MAX: u32 = 300;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Week {
    pub monday: Date,
    /// Per day, Monday first: (moderate-equivalent minutes, light minutes).
    pub days: [(u32, u32); 7],
    pub light: u32,
    pub moderate: u32,
    pub vigorous: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Below,
    /// 150–300 moderate-equivalent minutes.
    Met,
    /// More than 300: the guideline says more brings additional benefit.
    Beyond,
}

impl Week {
    pub fn of(log: &Log, monday: Date) -> Week {
        let mut w = Week {
            monday,
            days: [(0, 0); 7],
            light: 0,
            moderate: 0,
            vigorous: 0,
        };
        for e in log.week(monday) {
            let day = &mut w.days[e.date.weekday() as usize];
            match e.intensity {
                Intensity::Light => {
                    w.light += e.minutes;
                    day.1 += e.minutes;
                }
                Intensity::Moderate => {
                    w.moderate += e.minutes;
                    day.0 += e.minutes;
                }
                Intensity::Vigorous => {
                    w.vigorous += e.minutes;
                    day.0 += 2 * e.minutes;
                }
            }
        }
        w
    }

    /// Moderate minutes plus vigorous minutes counted double; light minutes do not count.
    pub fn equivalent(&self) -> u32 {
        self.moderate + 2 * self.vigorous
    }

    pub fn status(&self) -> Status {
        match self.equivalent() {
            e if e < TARGET_MIN => Status::Below,
            e if e <= TARGET_MAX => Status::Met,
            _ => Status::Beyond,
        }
    }
}

/// The week chart's drawing box (SVG user units) and the strip under the bars for day names.
pub const CHART_WIDTH: f64 = 280.0;
pub const CHART_HEIGHT: f64 = 120.0;
const CHART_LABELS: f64 = 18.0;
/// The baseline of the day names, the same under every bar.
pub const CHART_LABEL_BASELINE: f64 = CHART_HEIGHT - 4.0;
/// The scale never shrinks below this many minutes, so a short day is not drawn full height.
const CHART_MIN_SCALE: u32 = 30;

/// One day's bar in the week chart: the moderate-equivalent minutes at the bottom, the light
/// minutes stacked on top, both on one scale set by the fullest day.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bar {
    pub x: f64,
    pub width: f64,
    pub equivalent_y: f64,
    pub equivalent_height: f64,
    pub light_y: f64,
    pub light_height: f64,
    /// The centre of the day name under the bar.
    pub label_x: f64,
}

impl Week {
    pub fn bars(&self) -> [Bar; 7] {
        let scale = self
            .days
            .iter()
            .map(|(e, l)| e + l)
            .max()
            .unwrap_or(0)
            .max(CHART_MIN_SCALE) as f64;
        let slot = CHART_WIDTH / 7.0;
        let base = CHART_HEIGHT - CHART_LABELS;
        std::array::from_fn(|i| {
            let (equivalent, light) = self.days[i];
            let x = i as f64 * slot + 6.0;
            let width = slot - 12.0;
            let equivalent_height = equivalent as f64 / scale * base;
            let light_height = light as f64 / scale * base;
            Bar {
                x,
                width,
                equivalent_y: base - equivalent_height,
                equivalent_height,
                light_y: base - equivalent_height - light_height,
                light_height,
                label_x: x + width / 2.0,
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::{self, Notice};

    #[test]
    fn answers_need_the_talk_test_and_an_age_with_a_heart_rate() {
        let ok = read_answers(Some(Talk::Converse), "15", " 40 ", "150").unwrap();
        assert_eq!(ok.borg, Some(15));
        assert_eq!(ok.heart, Some((150, 40)));
        let none = read_answers(Some(Talk::Sing), "", "", "").unwrap();
        assert_eq!((none.borg, none.heart), (None, None));
        let e = read_answers(None, "", "", "abc").unwrap_err();
        assert!(e.talk_missing);
        assert_eq!(e.heart, Some(InputError::NotANumber));
        assert_eq!(
            e.age,
            Some(InputError::Missing),
            "a heart rate needs an age"
        );
        let e = read_answers(Some(Talk::Sing), "", "7", "").unwrap_err();
        assert_eq!(
            e.age,
            Some(InputError::OutOfRange { min: 12, max: 100 }),
            "an age alone is checked too"
        );
        assert_eq!(e.heart, None);
        let e = read_answers(Some(Talk::Sing), "", "40", "300").unwrap_err();
        assert_eq!((e.talk_missing, e.age), (false, None));
        assert_eq!(e.heart, Some(InputError::OutOfRange { min: 40, max: 230 }));
    }

    #[test]
    fn an_entry_needs_minutes_and_a_date_or_today() {
        let today: Date = "2026-12-03".parse().unwrap();
        assert_eq!(read_entry("45", "", Some(today)), Ok((45, today)));
        let given: Date = "2026-11-30".parse().unwrap();
        assert_eq!(read_entry("45", "2026-11-30", Some(today)), Ok((45, given)));
        assert_eq!(
            read_entry("45", "", None),
            Err((None, true)),
            "no date and no clock"
        );
        assert_eq!(
            read_entry("9999", "30-11-2026", Some(today)),
            Err((Some(InputError::OutOfRange { min: 1, max: 600 }), true)),
            "both problems at once"
        );
    }

    #[test]
    fn intensity_names_are_serdes_and_read_back() {
        crate::json::assert_names_are_serdes(&Intensity::ALL, Intensity::name);
        assert_eq!(crate::json::decode::<Intensity>("\"hard\""), None);
    }

    #[test]
    fn chart_bars_share_one_scale_and_stack_light_on_top() {
        let mut week = Week {
            monday: d("2026-11-30"),
            days: [(0, 0); 7],
            light: 0,
            moderate: 0,
            vigorous: 0,
        };
        week.days[0] = (60, 30);
        week.days[2] = (45, 0);
        let bars = week.bars();
        let close = |a: f64, b: f64| (a - b).abs() < 1e-9;
        let base = CHART_HEIGHT - CHART_LABELS;
        // The fullest day (90 minutes) fills the height above the labels.
        assert!(close(
            bars[0].equivalent_height + bars[0].light_height,
            base
        ));
        assert!(close(bars[0].light_y, 0.0));
        assert!(close(
            bars[0].equivalent_y + bars[0].equivalent_height,
            base
        ));
        assert!(close(
            bars[0].light_y + bars[0].light_height,
            bars[0].equivalent_y
        ));
        assert!(close(bars[2].equivalent_height, base / 2.0));
        assert!(close(bars[1].equivalent_height + bars[1].light_height, 0.0));
        assert!(
            bars.windows(2).all(|p| p[0].x + p[0].width < p[1].x),
            "bars do not overlap"
        );
        assert!(bars[6].x + bars[6].width <= CHART_WIDTH);
        // A short week is not drawn full height: 10 minutes on a scale of 30.
        week.days = [(0, 0); 7];
        week.days[3] = (10, 0);
        assert!(close(week.bars()[3].equivalent_height, base / 3.0));
    }

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn talk_test_classes() {
        let only = |talk| {
            classify(Answers {
                talk,
                borg: None,
                heart: None,
            })
        };
        assert_eq!(only(Talk::Sing).intensity, Intensity::Light);
        assert_eq!(only(Talk::Converse).intensity, Intensity::Moderate);
        assert_eq!(only(Talk::FewWords).intensity, Intensity::Vigorous);
        assert_eq!(only(Talk::Converse).decided_by, Decider::TalkTest);
    }

    #[test]
    fn borg_boundaries() {
        let cases = [
            (6, Class::VeryLight),
            (8, Class::VeryLight),
            (9, Class::Light),
            (11, Class::Light),
            (12, Class::Moderate),
            (13, Class::Moderate),
            (14, Class::Vigorous),
            (17, Class::Vigorous),
            (18, Class::NearMaximal),
            (20, Class::NearMaximal),
        ];
        for (rpe, class) in cases {
            assert_eq!(borg_class(rpe), class, "RPE {rpe}");
        }
    }

    #[test]
    fn heart_rate_estimate_and_boundaries() {
        assert_eq!(max_heart_rate(40), 180.0);
        assert!((max_heart_rate(50) - 173.0).abs() < 1e-9);
        let cases = [
            (56.9, Class::VeryLight),
            (57.0, Class::Light),
            (63.9, Class::Light),
            (64.0, Class::Moderate),
            (76.9, Class::Moderate),
            (77.0, Class::Vigorous),
            (95.9, Class::Vigorous),
            (96.0, Class::NearMaximal),
        ];
        for (pct, class) in cases {
            assert_eq!(heart_rate_class(pct), class, "{pct}%");
        }
        // Age 40: max 180; 126 bpm = 70% → moderate; 144 bpm = 80% → vigorous.
        assert_eq!(
            heart_rate_class(heart_rate_percent(126, 40)),
            Class::Moderate
        );
        assert_eq!(
            heart_rate_class(heart_rate_percent(144, 40)),
            Class::Vigorous
        );
    }

    #[test]
    fn combination_rule_on_disagreeing_signals() {
        // Talk test says moderate; Borg 15 (vigorous) alone does not overrule it.
        let one = classify(Answers {
            talk: Talk::Converse,
            borg: Some(15),
            heart: None,
        });
        assert_eq!(
            (one.intensity, one.decided_by),
            (Intensity::Moderate, Decider::TalkTestOverOne)
        );
        // Borg 15 and 80% HR both say vigorous: they decide.
        let two = classify(Answers {
            talk: Talk::Converse,
            borg: Some(15),
            heart: Some((144, 40)),
        });
        assert_eq!(
            (two.intensity, two.decided_by),
            (Intensity::Vigorous, Decider::Refinements)
        );
        // Refinements that disagree with each other leave the talk test in charge.
        let split = classify(Answers {
            talk: Talk::Converse,
            borg: Some(10),
            heart: Some((144, 40)),
        });
        assert_eq!(
            (split.intensity, split.decided_by),
            (Intensity::Moderate, Decider::TalkTestOverOne)
        );
        // Agreement with the talk test.
        let agree = classify(Answers {
            talk: Talk::FewWords,
            borg: Some(16),
            heart: Some((150, 40)),
        });
        assert_eq!(
            (agree.intensity, agree.decided_by),
            (Intensity::Vigorous, Decider::TalkTest)
        );
        // Very light (Borg 7) and light HR agree as "light" against a conversation pace.
        let light = classify(Answers {
            talk: Talk::Converse,
            borg: Some(7),
            heart: Some((100, 40)),
        });
        assert_eq!(
            (light.intensity, light.decided_by),
            (Intensity::Light, Decider::Refinements)
        );
        assert_eq!(light.max_heart_rate, Some(180.0));
    }

    #[test]
    fn inputs_are_checked() {
        assert_eq!(parse_in_range(" 42 ", AGE), Ok(42));
        assert_eq!(parse_in_range("", AGE), Err(InputError::Missing));
        assert_eq!(parse_in_range("4o", AGE), Err(InputError::NotANumber));
        assert_eq!(parse_in_range("-3", MINUTES), Err(InputError::NotANumber));
        assert_eq!(
            parse_in_range("12.5", HEART_RATE),
            Err(InputError::NotANumber)
        );
        assert_eq!(
            parse_in_range("300", HEART_RATE),
            Err(InputError::OutOfRange { min: 40, max: 230 })
        );
        assert_eq!(
            parse_in_range("0", MINUTES),
            Err(InputError::OutOfRange { min: 1, max: 600 })
        );
        assert_eq!(parse_in_range("600", MINUTES), Ok(600));
    }

    #[test]
    fn dates() {
        for s in [
            "1970-01-01",
            "2000-02-29",
            "2026-03-29",
            "2026-12-31",
            "1969-12-31",
        ] {
            assert_eq!(Date::from_days(d(s).days()).to_string(), s);
        }
        assert_eq!(d("1970-01-01").days(), 0);
        assert_eq!(d("2026-11-23").weekday(), 0, "a Monday");
        assert_eq!(d("2026-11-29").weekday(), 6, "a Sunday");
        assert_eq!(d("2026-11-29").week_start(), d("2026-11-23"));
        assert_eq!(d("2026-11-30").week_start(), d("2026-11-30"));
        assert_eq!(
            d("2027-01-01").week_start(),
            d("2026-12-28"),
            "weeks cross years"
        );
        assert!("2026-02-30".parse::<Date>().is_err());
        assert!("yesterday".parse::<Date>().is_err());
    }

    #[test]
    fn week_boundaries_around_sunday_midnight_in_local_time() {
        // Brussels in winter is UTC+1. Sunday 29 Nov 2026, 23:30 local = 22:30 UTC.
        let sunday_late = 1_795_991_400_000; // 2026-11-29T22:30:00Z
        assert_eq!(Date::local(sunday_late, 60), d("2026-11-29"));
        assert_eq!(Date::local(sunday_late, 60).week_start(), d("2026-11-23"));
        // One hour later it is Monday 00:30 locally (still Sunday in UTC): a new week.
        let monday_early = sunday_late + 3_600_000;
        assert_eq!(Date::local(monday_early, 60), d("2026-11-30"));
        assert_eq!(Date::local(monday_early, 60).week_start(), d("2026-11-30"));
        assert_eq!(
            Date::local(monday_early, 0),
            d("2026-11-29"),
            "in UTC it is still Sunday"
        );
    }

    #[test]
    fn week_boundaries_across_a_daylight_saving_change() {
        // Summer time starts in Brussels on Sunday 29 March 2026 (UTC+1 → UTC+2).
        // Sunday 23:30 CEST = 21:30 UTC; the offset in force is +120.
        let sunday_late = 1_774_819_800_000; // 2026-03-29T21:30:00Z
        assert_eq!(Date::local(sunday_late, 120), d("2026-03-29"));
        assert_eq!(Date::local(sunday_late, 120).week_start(), d("2026-03-23"));
        // 00:30 Monday CEST = 22:30 UTC Sunday.
        let monday_early = sunday_late + 3_600_000;
        assert_eq!(Date::local(monday_early, 120), d("2026-03-30"));
        // With the winter offset it would still be Sunday: the offset of the instant matters.
        assert_eq!(Date::local(monday_early, 60), d("2026-03-29"));
        // A week that contains the change still has seven days, Monday to Sunday.
        assert_eq!(d("2026-03-23").add_days(6), d("2026-03-29"));
    }

    #[test]
    fn weekly_sum_counts_vigorous_double_and_leaves_light_out() {
        let mut log = Log::default();
        log.add(d("2026-11-23"), "wandelen", 40, Intensity::Light);
        log.add(d("2026-11-24"), "joggen", 30, Intensity::Moderate);
        log.add(d("2026-11-29"), "intervallen", 20, Intensity::Vigorous);
        log.add(d("2026-11-30"), "volgende week", 60, Intensity::Moderate);
        let w = Week::of(&log, d("2026-11-23"));
        assert_eq!((w.light, w.moderate, w.vigorous), (40, 30, 20));
        assert_eq!(w.equivalent(), 70);
        assert_eq!(w.days[0], (0, 40));
        assert_eq!(w.days[6], (40, 0));
        assert_eq!(w.status(), Status::Below);
        log.add(d("2026-11-25"), "fietsen", 80, Intensity::Moderate);
        assert_eq!(Week::of(&log, d("2026-11-23")).equivalent(), 150);
        assert_eq!(Week::of(&log, d("2026-11-23")).status(), Status::Met);
        log.add(d("2026-11-26"), "lange duurloop", 80, Intensity::Vigorous);
        assert_eq!(Week::of(&log, d("2026-11-23")).status(), Status::Beyond);
    }

    #[test]
    fn log_edit_delete_and_ids() {
        let mut log = Log::default();
        let a = log.add(d("2026-11-23"), " zwemmen ", 30, Intensity::Moderate);
        let b = log.add(d("2026-11-23"), "yoga", 45, Intensity::Light);
        assert_ne!(a, b);
        assert_eq!(log.entries[0].activity, "zwemmen");
        assert!(log.update(b, 50, Intensity::Moderate, "yoga flow"));
        assert_eq!(Week::of(&log, d("2026-11-23")).moderate, 80);
        assert!(log.remove(a));
        assert!(!log.remove(a));
        let c = log.add(d("2026-11-24"), "x", 5, Intensity::Light);
        assert!(c > b, "ids are never reused");
    }

    #[test]
    fn stored_log_round_trip_and_garbage_recovery() {
        let mut log = Log::default();
        log.add(d("2026-11-23"), "joggen", 30, Intensity::Moderate);
        assert_eq!(
            storage::decode::<Log>(Some(&storage::encode(&log))),
            (log, None)
        );
        for raw in [
            "garbage",
            r#"{"v":1,"data":{"entries":[{"id":1,"date":"2026-02-30","activity":"x","minutes":3,"intensity":"moderate"}],"next_id":2}}"#,
            r#"{"v":1,"data":{"entries":[{"id":1,"date":"2026-02-03","activity":"x","minutes":3,"intensity":"extreme"}],"next_id":2}}"#,
            r#"{"v":7,"data":{}}"#,
            r#"{"v":0,"entries":[]}"#,
        ] {
            assert_eq!(
                storage::decode::<Log>(Some(raw)),
                (Log::default(), Some(Notice::Reset)),
                "{raw}"
            );
        }
    }
}
