//! The quiz as plain data: answering, moving on, scoring, and the record kept on the device.
//! No Leptos here, so every rule is unit-tested natively.

use crate::model::{Question, Quiz, Verdict};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Where the reader is in a quiz. Everything else (the phase, the score) is derived from it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// Answers by question id: ids survive questions being reordered or removed.
    pub answers: BTreeMap<String, Verdict>,
    /// Index of the question being shown.
    pub current: usize,
    pub finished: bool,
    /// Best score of any finished attempt.
    pub best: Option<usize>,
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
            let score = self.score(quiz);
            self.best = Some(self.best.map_or(score, |b| b.max(score)));
        }
    }

    pub fn retake(&mut self) {
        *self = Progress {
            best: self.best,
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

/// Maps a key press to an answer: 1/2/3, or the first letters of myth, fact, complicated.
pub fn shortcut(key: &str) -> Option<Verdict> {
    match key {
        "1" | "m" | "M" => Some(Verdict::Myth),
        "2" | "f" | "F" => Some(Verdict::Fact),
        "3" | "c" | "C" => Some(Verdict::Complicated),
        _ => None,
    }
}

// --- Kept on the device -------------------------------------------------------------------

/// Version of the stored record. Bump it when `Stored` changes, and teach `decode` the old one.
pub const STORAGE_VERSION: u32 = 1;

pub fn storage_key(quiz_id: &str) -> String {
    format!("loopje.quiz.{quiz_id}")
}

#[derive(Serialize, Deserialize)]
struct Stored {
    v: u32,
    #[serde(flatten)]
    progress: Progress,
}

/// What the reader is told, in one calm line, when the stored record could not be used as is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notice {
    /// Unreadable, foreign, or from a newer version of the site: started afresh.
    Reset,
    /// The quiz changed since: answers to questions that no longer exist were dropped.
    Adjusted,
}

pub fn encode(progress: &Progress) -> String {
    serde_json::to_string(&Stored {
        v: STORAGE_VERSION,
        progress: progress.clone(),
    })
    .expect("progress serialises")
}

/// Reads a stored record for `quiz`, repairing what can be repaired. Never fails.
pub fn decode(raw: Option<&str>, quiz: &Quiz) -> (Progress, Option<Notice>) {
    let Some(raw) = raw else {
        return (Progress::default(), None);
    };
    let stored = match serde_json::from_str::<Stored>(raw) {
        Ok(s) if s.v == STORAGE_VERSION => s,
        _ => return (Progress::default(), Some(Notice::Reset)),
    };
    let mut p = stored.progress;
    let before = p.answers.len();
    p.answers
        .retain(|id, _| quiz.questions.iter().any(|q| &q.id == id));
    let mut notice = (p.answers.len() != before).then_some(Notice::Adjusted);
    if p.best.is_some_and(|b| b > quiz.questions.len()) {
        p.best = Some(quiz.questions.len());
        notice = Some(Notice::Adjusted);
    }
    if p.current > quiz.questions.len() || (p.current == quiz.questions.len() && !p.finished) {
        p.current = quiz.questions.len().saturating_sub(1);
        notice = Some(Notice::Adjusted);
    }
    // A finished attempt whose questions changed resumes at the first unanswered one.
    if p.finished
        && quiz
            .questions
            .iter()
            .any(|q| !p.answers.contains_key(&q.id))
    {
        p.finished = false;
        p.current = quiz
            .questions
            .iter()
            .position(|q| !p.answers.contains_key(&q.id))
            .unwrap_or(0);
        notice = Some(Notice::Adjusted);
    }
    (p, notice)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EpisodeLink, Strength};

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
    fn shortcuts() {
        assert_eq!(shortcut("1"), Some(Verdict::Myth));
        assert_eq!(shortcut("F"), Some(Verdict::Fact));
        assert_eq!(shortcut("c"), Some(Verdict::Complicated));
        assert_eq!(shortcut("x"), None);
    }

    #[test]
    fn storage_round_trip_resumes() {
        let q = three();
        let mut p = Progress::default();
        p.answer(&q, Verdict::Myth);
        p.next(&q);
        let (back, notice) = decode(Some(&encode(&p)), &q);
        assert_eq!((back, notice), (p, None));
        assert_eq!(decode(None, &q), (Progress::default(), None));
    }

    #[test]
    fn corrupt_foreign_or_newer_records_reset_with_a_notice() {
        let q = three();
        for raw in [
            "{not json",
            "42",
            "{\"answers\":{}}",
            "{\"v\":99,\"answers\":{},\"current\":0,\"finished\":false}",
            "{\"v\":1,\"answers\":{\"a\":\"maybe\"},\"current\":0,\"finished\":false}",
        ] {
            assert_eq!(
                decode(Some(raw), &q),
                (Progress::default(), Some(Notice::Reset)),
                "{raw}"
            );
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
        let (back, notice) = decode(Some(&encode(&p)), &new);
        assert_eq!(notice, Some(Notice::Adjusted));
        assert!(!back.answers.contains_key("gone"));
        assert!(!back.finished, "question b is new: the attempt resumes");
        assert_eq!(back.current, 1);
        assert!(matches!(back.phase(&new), Phase::Asking(x) if x.id == "b"));
    }

    #[test]
    fn out_of_range_position_is_clamped() {
        let q = three();
        let raw = r#"{"v":1,"answers":{},"current":7,"finished":false,"best":9}"#;
        let (p, notice) = decode(Some(raw), &q);
        assert_eq!(notice, Some(Notice::Adjusted));
        assert_eq!((p.current, p.best), (2, Some(3)));
    }
}
