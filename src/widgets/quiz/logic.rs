//! The quiz as plain data: answering, moving on, scoring, and the record kept on the device.
//! No Leptos here, so every rule is unit-tested natively.

use crate::i18n::Strings;
use crate::model::{Question, Quiz, Strength, Verdict};
use crate::storage::{self, Notice, Record};
use serde::Serialize;
use std::collections::BTreeMap;

/// Where the reader is in a quiz. Everything else (the phase, the score) is derived from it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Progress {
    /// Answers by question id: ids survive questions being reordered or removed.
    pub answers: BTreeMap<String, Verdict>,
    /// Index of the question being shown.
    pub current: usize,
    pub finished: bool,
    /// Best score of any finished attempt.
    pub best: Option<usize>,
    /// Finished attempts.
    pub attempts: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Phase<'a> {
    /// Waiting for an answer to this question.
    Asking(&'a Question),
    /// The reader answered this question; show the evidence.
    Feedback {
        question: &'a Question,
        answer: Verdict,
    },
    Done,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ReviewItem<'a> {
    pub question: &'a Question,
    pub answer: Option<Verdict>,
    pub correct: bool,
}

impl Progress {
    pub fn phase<'a>(&self, quiz: &'a Quiz) -> Phase<'a> {
        if self.finished {
            return Phase::Done;
        }
        match quiz.questions.get(self.current) {
            None => Phase::Done,
            Some(q) => match self.answers.get(&q.id) {
                Some(&answer) => Phase::Feedback {
                    question: q,
                    answer,
                },
                None => Phase::Asking(q),
            },
        }
    }

    /// Records an answer to the current question; returns whether it was right.
    /// A question already answered keeps its first answer.
    pub fn answer(&mut self, quiz: &Quiz, verdict: Verdict) -> Option<bool> {
        let Phase::Asking(q) = self.phase(quiz) else {
            return None;
        };
        self.answers.insert(q.id.clone(), verdict);
        Some(q.verdict == verdict)
    }

    /// Goes to the next question, or finishes the quiz after the last one.
    pub fn next(&mut self, quiz: &Quiz) {
        if !matches!(self.phase(quiz), Phase::Feedback { .. }) {
            return;
        }
        self.current += 1;
        if self.current >= quiz.questions.len() {
            self.finished = true;
            self.attempts += 1;
            let score = self.score(quiz);
            self.best = Some(self.best.map_or(score, |b| b.max(score)));
        }
    }

    pub fn retake(&mut self) {
        *self = Progress {
            best: self.best,
            attempts: self.attempts,
            ..Progress::default()
        };
    }

    pub fn score(&self, quiz: &Quiz) -> usize {
        quiz.questions
            .iter()
            .filter(|q| self.answers.get(&q.id) == Some(&q.verdict))
            .count()
    }

    pub fn review<'a>(&self, quiz: &'a Quiz) -> Vec<ReviewItem<'a>> {
        quiz.questions
            .iter()
            .map(|q| {
                let answer = self.answers.get(&q.id).copied();
                ReviewItem {
                    question: q,
                    answer,
                    correct: answer == Some(q.verdict),
                }
            })
            .collect()
    }
}

/// The help lines to show below the quiz as it is now: under the feedback of a question that
/// concerns mental health, and with the result of a quiz that has any such question.
pub fn helplines<'a>(phase: &Phase, quiz: &'a Quiz) -> Option<&'a str> {
    let shown = match phase {
        Phase::Asking(_) => false,
        Phase::Feedback { question, .. } => question.mental_health,
        Phase::Done => true,
    };
    quiz.helplines_html.as_deref().filter(|_| shown)
}

pub fn strength_label(t: &Strings, s: Strength) -> &'static str {
    match s {
        Strength::Strong => t.strength_strong,
        Strength::Moderate => t.strength_moderate,
        Strength::Weak => t.strength_weak,
        Strength::Mixed => t.strength_mixed,
    }
}

/// What a strength label means, in one fixed sentence per label.
pub fn strength_meaning(t: &Strings, s: Strength) -> &'static str {
    match s {
        Strength::Strong => t.strength_means_strong,
        Strength::Moderate => t.strength_means_moderate,
        Strength::Weak => t.strength_means_weak,
        Strength::Mixed => t.strength_means_mixed,
    }
}

/// Maps a key press to an answer: 1/2/3, or the first letters of myth, fact, complicated.
pub fn shortcut(key: &str) -> Option<Verdict> {
    KEYS.iter()
        .find(|(_, digit, letter)| key == *digit || key.eq_ignore_ascii_case(letter))
        .map(|(v, _, _)| *v)
}

/// The keys that answer, the same in both languages: a digit (shown on the button) and a letter.
const KEYS: [(Verdict, &str, &str); 3] = [
    (Verdict::Myth, "1", "M"),
    (Verdict::Fact, "2", "F"),
    (Verdict::Complicated, "3", "C"),
];

/// `aria-keyshortcuts` for a verdict's button: exactly the keys [`shortcut`] accepts.
pub fn key_hint(v: Verdict) -> String {
    KEYS.iter()
        .find(|(k, _, _)| *k == v)
        .map(|(_, digit, letter)| format!("{digit} {letter}"))
        .unwrap_or_default()
}

// --- Kept on the device -------------------------------------------------------------------

pub fn storage_key(quiz_id: &str) -> String {
    format!("loopje.quiz.{quiz_id}")
}

crate::from_json_struct!(Progress {
    answers,
    current,
    finished,
    best,
    attempts
});

impl Record for Progress {
    const VERSION: u32 = 2;

    fn migrate(from: u32, stored: crate::json::Json) -> Option<Self> {
        match from {
            // Version 1 (before attempts were counted) stored the progress fields next to `v`.
            1 => {
                let mut old = stored.into_obj()?;
                let best: Option<usize> = old.field("best")?;
                Some(Progress {
                    // A best score means at least one finished attempt.
                    attempts: u32::from(best.is_some()),
                    answers: old.field("answers")?,
                    current: old.field("current")?,
                    finished: old.field("finished")?,
                    best,
                })
            }
            _ => None,
        }
    }
}

/// Fits a stored record to the quiz as it is now: answers to removed questions are dropped and
/// positions clamped. Returns whether anything had to change.
pub fn reconcile(mut p: Progress, quiz: &Quiz) -> (Progress, bool) {
    let original = p.clone();
    let n = quiz.questions.len();
    p.answers
        .retain(|id, _| quiz.questions.iter().any(|q| &q.id == id));
    p.best = p.best.map(|b| b.min(n));
    if !p.finished {
        p.current = p.current.min(n.saturating_sub(1));
    }
    // A finished attempt whose questions changed resumes at the first unanswered one.
    if p.finished {
        if let Some(i) = quiz
            .questions
            .iter()
            .position(|q| !p.answers.contains_key(&q.id))
        {
            p.finished = false;
            p.current = i;
        }
    }
    let changed = p != original;
    (p, changed)
}

/// Reads the stored record for `quiz` (see [`crate::storage`]) and fits it to the quiz.
pub fn restore(raw: Option<&str>, quiz: &Quiz) -> (Progress, Option<Notice>) {
    let (p, notice) = storage::decode::<Progress>(raw);
    let (p, adjusted) = reconcile(p, quiz);
    (p, notice.or(adjusted.then_some(Notice::Adjusted)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::strings;
    use crate::model::{EpisodeLink, Lang};

    fn quiz(verdicts: &[(&str, Verdict)]) -> Quiz {
        Quiz {
            id: "t".into(),
            title: "T".into(),
            path: "/nl/quiz/t/".into(),
            helplines_html: None,
            questions: verdicts
                .iter()
                .map(|(id, v)| Question {
                    id: id.to_string(),
                    statement: format!("statement {id}"),
                    verdict: *v,
                    explanation: "e".into(),
                    strength: Strength::Moderate,
                    strength_reason: "r".into(),
                    sources: vec![],
                    episode: EpisodeLink {
                        number: 1,
                        title: "E".into(),
                        path: "/nl/".into(),
                    },
                    mental_health: false,
                })
                .collect(),
        }
    }

    fn three() -> Quiz {
        quiz(&[
            ("a", Verdict::Myth),
            ("b", Verdict::Fact),
            ("c", Verdict::Complicated),
        ])
    }

    #[test]
    fn a_full_attempt() {
        let q = three();
        let mut p = Progress::default();
        assert!(matches!(p.phase(&q), Phase::Asking(x) if x.id == "a"));
        assert_eq!(p.answer(&q, Verdict::Myth), Some(true));
        assert_eq!(p.answer(&q, Verdict::Fact), None, "first answer stands");
        assert!(matches!(
            p.phase(&q),
            Phase::Feedback {
                answer: Verdict::Myth,
                ..
            }
        ));
        p.next(&q);
        assert_eq!(p.answer(&q, Verdict::Myth), Some(false));
        p.next(&q);
        p.next(&q); // no effect: not answered yet
        assert_eq!(p.current, 2);
        assert_eq!(p.answer(&q, Verdict::Complicated), Some(true));
        p.next(&q);
        assert_eq!(p.phase(&q), Phase::Done);
        assert_eq!(p.score(&q), 2);
        assert_eq!(p.best, Some(2));
        let review: Vec<bool> = p.review(&q).iter().map(|r| r.correct).collect();
        assert_eq!(review, [true, false, true]);
    }

    #[test]
    fn retake_keeps_the_best_score() {
        let q = three();
        let mut p = Progress::default();
        for v in [Verdict::Myth, Verdict::Fact, Verdict::Complicated] {
            p.answer(&q, v);
            p.next(&q);
        }
        assert_eq!(p.best, Some(3));
        p.retake();
        assert_eq!(p.current, 0);
        assert!(p.answers.is_empty() && !p.finished);
        p.answer(&q, Verdict::Fact);
        p.next(&q);
        p.answer(&q, Verdict::Myth);
        p.next(&q);
        p.answer(&q, Verdict::Myth);
        p.next(&q);
        assert_eq!((p.score(&q), p.best), (0, Some(3)));
    }

    #[test]
    fn help_lines_follow_mental_health_questions_and_the_result() {
        let mut q = three();
        q.questions[1].mental_health = true;
        let mut p = Progress::default();
        assert_eq!(
            helplines(&p.phase(&q), &q),
            None,
            "no quiz help lines: never"
        );
        q.helplines_html = Some("<p>1813</p>".into());
        assert_eq!(helplines(&p.phase(&q), &q), None, "not while asking");
        p.answer(&q, Verdict::Myth);
        assert_eq!(
            helplines(&p.phase(&q), &q),
            None,
            "a question without the flag"
        );
        p.next(&q);
        assert_eq!(helplines(&p.phase(&q), &q), None, "asking the flagged one");
        p.answer(&q, Verdict::Myth);
        assert_eq!(
            helplines(&p.phase(&q), &q),
            Some("<p>1813</p>"),
            "under its feedback, right or wrong"
        );
        p.next(&q);
        p.answer(&q, Verdict::Complicated);
        assert_eq!(helplines(&p.phase(&q), &q), None);
        p.next(&q);
        assert_eq!(p.phase(&q), Phase::Done);
        assert_eq!(
            helplines(&p.phase(&q), &q),
            Some("<p>1813</p>"),
            "with the result"
        );
    }

    #[test]
    fn every_strength_has_its_own_plain_meaning() {
        let all = [
            Strength::Strong,
            Strength::Moderate,
            Strength::Weak,
            Strength::Mixed,
        ];
        for lang in Lang::ALL {
            let t = strings(lang);
            let meanings: Vec<&str> = all.iter().map(|s| strength_meaning(t, *s)).collect();
            for (s, m) in all.iter().zip(&meanings) {
                assert!(m.ends_with('.'), "{lang:?}: a sentence: {m}");
                assert_ne!(*m, strength_label(t, *s), "{lang:?}: explains, not repeats");
            }
            let distinct: std::collections::HashSet<&&str> = meanings.iter().collect();
            assert_eq!(distinct.len(), all.len(), "{lang:?}: one meaning per label");
        }
    }

    #[test]
    fn shortcuts() {
        assert_eq!(shortcut("1"), Some(Verdict::Myth));
        assert_eq!(shortcut("F"), Some(Verdict::Fact));
        assert_eq!(shortcut("c"), Some(Verdict::Complicated));
        assert_eq!(shortcut("x"), None);
        assert_eq!(shortcut("É"), None);
    }

    #[test]
    fn every_key_hint_names_keys_that_answer_with_its_verdict() {
        // The hint was once the label's first byte: "3 H" for Dutch "Het is complexer" (not a
        // key), and a panic for a label starting with a non-ASCII letter.
        for v in Verdict::ALL {
            let hint = key_hint(v);
            let keys: Vec<&str> = hint.split(' ').collect();
            assert_eq!(keys.len(), 2, "{hint}");
            for key in keys {
                assert_eq!(shortcut(key), Some(v), "{hint}");
            }
        }
        assert_eq!(key_hint(Verdict::Complicated), "3 C");
    }

    fn encode(p: &Progress) -> String {
        storage::encode(p)
    }

    #[test]
    fn storage_round_trip_resumes() {
        let q = three();
        let mut p = Progress::default();
        p.answer(&q, Verdict::Myth);
        p.next(&q);
        assert_eq!(restore(Some(&encode(&p)), &q), (p, None));
        assert_eq!(restore(None, &q), (Progress::default(), None));
    }

    #[test]
    fn version_one_records_migrate() {
        let q = three();
        let v1 =
            r#"{"v":1,"answers":{"a":"myth","b":"fact"},"current":2,"finished":false,"best":3}"#;
        let (p, notice) = restore(Some(v1), &q);
        assert_eq!(notice, Some(Notice::Migrated));
        assert_eq!(
            (p.current, p.best, p.attempts, p.answers.len()),
            (2, Some(3), 1, 2)
        );
        assert!(matches!(p.phase(&q), Phase::Asking(x) if x.id == "c"));
    }

    #[test]
    fn corrupt_foreign_or_newer_records_reset_with_a_notice() {
        let q = three();
        for raw in ["{not json", "42", "{\"answers\":{}}", "{\"v\":99,\"data\":{}}", "{\"v\":2,\"data\":{\"answers\":{\"a\":\"maybe\"},\"current\":0,\"finished\":false,\"best\":null,\"attempts\":0}}"] {
            assert_eq!(restore(Some(raw), &q), (Progress::default(), Some(Notice::Reset)), "{raw}");
        }
    }

    #[test]
    fn a_changed_quiz_keeps_what_still_fits() {
        let old = quiz(&[
            ("a", Verdict::Myth),
            ("gone", Verdict::Fact),
            ("c", Verdict::Fact),
        ]);
        let mut p = Progress::default();
        for v in [Verdict::Myth, Verdict::Fact, Verdict::Fact] {
            p.answer(&old, v);
            p.next(&old);
        }
        assert!(p.finished);
        let new = three();
        let (back, notice) = restore(Some(&encode(&p)), &new);
        assert_eq!(notice, Some(Notice::Adjusted));
        assert!(!back.answers.contains_key("gone"));
        assert!(!back.finished, "question b is new: the attempt resumes");
        assert_eq!(back.current, 1);
        assert!(matches!(back.phase(&new), Phase::Asking(x) if x.id == "b"));
    }

    #[test]
    fn out_of_range_position_is_clamped() {
        let q = three();
        let raw =
            r#"{"v":2,"data":{"answers":{},"current":7,"finished":false,"best":9,"attempts":2}}"#;
        let (p, notice) = restore(Some(raw), &q);
        assert_eq!(notice, Some(Notice::Adjusted));
        assert_eq!((p.current, p.best), (2, Some(3)));
    }
}
