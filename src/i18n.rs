//! Interface text in Dutch and English. Article, quiz and help-line text lives in `content/`;
//! this table holds only the chrome around it. Both languages are the same struct, so the
//! compiler refuses a missing entry and `tests::complete` refuses an empty one.

use crate::model::Lang;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct Strings {
    pub site_name: &'static str,
    pub site_tagline: &'static str,
    pub skip_to_content: &'static str,
    pub nav_label: &'static str,
    pub nav_home: &'static str,
    /// Name of the *other* language, written in that language.
    pub other_language_name: &'static str,
    pub other_language_hint: &'static str,
    pub home_title: &'static str,
    pub home_intro: &'static str,
    pub episode_label: &'static str,
    pub listening_time: &'static str,
    pub reading_time: &'static str,
    pub toc_title: &'static str,
    pub sources_title: &'static str,
    pub sources_intro: &'static str,
    pub footnotes_title: &'static str,
    pub citation_label: &'static str,
    pub back_to_text: &'static str,
    pub pagination_label: &'static str,
    pub prev_episode: &'static str,
    pub next_episode: &'static str,
    pub related_title: &'static str,
    pub topics_label: &'static str,
    pub quiz_title: &'static str,
    pub nav_quiz: &'static str,
    pub quizzes_title: &'static str,
    pub quizzes_intro: &'static str,
    pub season_quiz_title: &'static str,
    pub questions_count: &'static str,
    pub quiz_instructions: &'static str,
    pub quiz_progress: &'static str,
    pub quiz_of: &'static str,
    pub quiz_answer_group: &'static str,
    pub verdict_myth: &'static str,
    pub verdict_fact: &'static str,
    pub verdict_complicated: &'static str,
    pub verdict_is_myth: &'static str,
    pub verdict_is_fact: &'static str,
    pub verdict_is_complicated: &'static str,
    pub quiz_right: &'static str,
    pub quiz_wrong: &'static str,
    pub quiz_you_said: &'static str,
    pub quiz_correct_answer: &'static str,
    pub evidence_label: &'static str,
    pub strength_strong: &'static str,
    pub strength_moderate: &'static str,
    pub strength_weak: &'static str,
    pub strength_mixed: &'static str,
    pub quiz_sources: &'static str,
    pub quiz_more_in: &'static str,
    pub quiz_next: &'static str,
    pub quiz_finish: &'static str,
    pub quiz_score: &'static str,
    pub quiz_best: &'static str,
    pub quiz_review: &'static str,
    pub quiz_retake: &'static str,
    pub quiz_not_answered: &'static str,
    pub quiz_notice_reset: &'static str,
    pub quiz_notice_adjusted: &'static str,
    pub quiz_open_page: &'static str,
    pub intensity_title: &'static str,
    pub intensity_pending: &'static str,
    pub loading: &'static str,
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub not_found_home: &'static str,
    pub footer_about: &'static str,
    pub footer_no_advice: &'static str,
    pub months: [&'static str; 12],
}

pub const NL: Strings = Strings {
    site_name: "Loopje met de wetenschap",
    site_tagline: "Hardlopen, getoetst aan het onderzoek",
    skip_to_content: "Naar de inhoud",
    nav_label: "Hoofdmenu",
    nav_home: "Alle afleveringen",
    other_language_name: "English",
    other_language_hint: "Lees deze pagina in het Engels",
    home_title: "Alle afleveringen",
    home_intro: "Elke aflevering legt een hardnekkig idee over lopen naast het onderzoek. Lees het artikel met de bronnen, test je kennis en ontdek hoe hard je eigenlijk gaat.",
    episode_label: "Aflevering {n}",
    listening_time: "{n} min luisteren",
    reading_time: "{n} min lezen",
    toc_title: "In dit artikel",
    sources_title: "Bronnen",
    sources_intro: "De studies en documenten waarop dit artikel steunt, in de volgorde waarin ze geciteerd worden.",
    footnotes_title: "Voetnoten",
    citation_label: "bron {n}",
    back_to_text: "terug naar de tekst",
    pagination_label: "Andere afleveringen",
    prev_episode: "Vorige aflevering",
    next_episode: "Volgende aflevering",
    related_title: "Lees ook",
    topics_label: "Onderwerpen",
    quiz_title: "Quiz: mythe of feit?",
    nav_quiz: "Quiz",
    quizzes_title: "Test je kennis",
    quizzes_intro: "Mythe, feit of complexer? Bij elke aflevering hoort een quiz. Je antwoorden blijven op dit toestel bewaard.",
    season_quiz_title: "Alle vragen van het seizoen",
    questions_count: "{n} vragen",
    quiz_instructions: "Lees de stelling en kies: mythe, feit of complexer. Sneltoetsen: 1, 2, 3 (of M, F, C).",
    quiz_progress: "Vraag {n}",
    quiz_of: "van",
    quiz_answer_group: "Jouw antwoord",
    verdict_myth: "Mythe",
    verdict_fact: "Feit",
    verdict_complicated: "Het is complexer",
    verdict_is_myth: "Dit is een mythe.",
    verdict_is_fact: "Dit is een feit.",
    verdict_is_complicated: "Het is complexer dan mythe of feit.",
    quiz_right: "Juist!",
    quiz_wrong: "Niet juist",
    quiz_you_said: "Jouw antwoord",
    quiz_correct_answer: "Juiste antwoord",
    evidence_label: "Hoe sterk is het bewijs?",
    strength_strong: "Sterk",
    strength_moderate: "Matig",
    strength_weak: "Zwak",
    strength_mixed: "Gemengd",
    quiz_sources: "Bronnen",
    quiz_more_in: "Meer hierover in",
    quiz_next: "Volgende vraag",
    quiz_finish: "Bekijk je score",
    quiz_score: "Je score: {n}",
    quiz_best: "Je beste score: {n}",
    quiz_review: "Overzicht van je antwoorden",
    quiz_retake: "Opnieuw proberen",
    quiz_not_answered: "niet beantwoord",
    quiz_notice_reset: "Je bewaarde quizantwoorden waren onleesbaar en zijn gewist; je begint opnieuw.",
    quiz_notice_adjusted: "Deze quiz is intussen aangepast; je antwoorden op vragen die niet meer bestaan, zijn weggelaten.",
    quiz_open_page: "Open deze quiz op een eigen pagina",
    intensity_title: "Hoe hard ga jij?",
    intensity_pending: "De intensiteitstest verschijnt hier binnenkort.",
    loading: "Even laden…",
    not_found_title: "Pagina niet gevonden",
    not_found_text: "Deze pagina bestaat niet (meer). Misschien is de link verouderd of zit er een tikfout in.",
    not_found_home: "Naar alle afleveringen",
    footer_about: "Een begeleidende site bij de podcast Loopje met de wetenschap.",
    footer_no_advice: "Deze site geeft geen medisch advies. Twijfel je? Praat erover met je huisarts.",
    months: [
        "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
        "oktober", "november", "december",
    ],
};

pub const EN: Strings = Strings {
    site_name: "Loopje met de wetenschap",
    site_tagline: "A run with science: running, tested against the research",
    skip_to_content: "Skip to content",
    nav_label: "Main menu",
    nav_home: "All episodes",
    other_language_name: "Nederlands",
    other_language_hint: "Read this page in Dutch",
    home_title: "All episodes",
    home_intro: "Each episode puts a stubborn idea about running next to the research. Read the article with its sources, test what you know and find out how hard you really go.",
    episode_label: "Episode {n}",
    listening_time: "{n} min listen",
    reading_time: "{n} min read",
    toc_title: "In this article",
    sources_title: "Sources",
    sources_intro: "The studies and documents this article rests on, in the order they are cited.",
    footnotes_title: "Notes",
    citation_label: "source {n}",
    back_to_text: "back to the text",
    pagination_label: "More episodes",
    prev_episode: "Previous episode",
    next_episode: "Next episode",
    related_title: "Read next",
    topics_label: "Topics",
    quiz_title: "Quiz: myth or fact?",
    nav_quiz: "Quiz",
    quizzes_title: "Test what you know",
    quizzes_intro: "Myth, fact or more complicated? Every episode has a quiz. Your answers are kept on this device.",
    season_quiz_title: "All of the season's questions",
    questions_count: "{n} questions",
    quiz_instructions: "Read the statement and choose: myth, fact or more complicated. Shortcuts: 1, 2, 3 (or M, F, C).",
    quiz_progress: "Question {n}",
    quiz_of: "of",
    quiz_answer_group: "Your answer",
    verdict_myth: "Myth",
    verdict_fact: "Fact",
    verdict_complicated: "It's more complicated",
    verdict_is_myth: "This is a myth.",
    verdict_is_fact: "This is a fact.",
    verdict_is_complicated: "It's more complicated than myth or fact.",
    quiz_right: "Right!",
    quiz_wrong: "Not quite",
    quiz_you_said: "Your answer",
    quiz_correct_answer: "Correct answer",
    evidence_label: "How strong is the evidence?",
    strength_strong: "Strong",
    strength_moderate: "Moderate",
    strength_weak: "Weak",
    strength_mixed: "Mixed",
    quiz_sources: "Sources",
    quiz_more_in: "More on this in",
    quiz_next: "Next question",
    quiz_finish: "See your score",
    quiz_score: "Your score: {n}",
    quiz_best: "Your best score: {n}",
    quiz_review: "Your answers",
    quiz_retake: "Try again",
    quiz_not_answered: "not answered",
    quiz_notice_reset: "Your saved quiz answers could not be read and were cleared; you are starting afresh.",
    quiz_notice_adjusted: "This quiz has changed since; your answers to questions that no longer exist were left out.",
    quiz_open_page: "Open this quiz on its own page",
    intensity_title: "How hard do you go?",
    intensity_pending: "The intensity self-test will appear here soon.",
    loading: "Loading…",
    not_found_title: "Page not found",
    not_found_text: "This page does not exist (any more). The link may be out of date or contain a typo.",
    not_found_home: "Go to all episodes",
    footer_about: "A companion site to the podcast Loopje met de wetenschap.",
    footer_no_advice: "This site gives no medical advice. In doubt? Talk to your GP.",
    months: [
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
    ],
};

pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
    }
}

/// Fills the `{n}` placeholder of a template.
pub fn fill(template: &str, n: impl std::fmt::Display) -> String {
    template.replace("{n}", &n.to_string())
}

/// `2026-01-12` → "12 januari 2026" / "12 January 2026". Unparseable input is shown as is.
pub fn format_date(lang: Lang, iso: &str) -> String {
    let mut parts = iso.splitn(3, '-').map(str::parse::<u32>);
    match (parts.next(), parts.next(), parts.next()) {
        (Some(Ok(y)), Some(Ok(m @ 1..=12)), Some(Ok(d))) => {
            format!("{d} {} {y}", strings(lang).months[m as usize - 1])
        }
        _ => iso.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(lang: Lang) -> Vec<(String, String)> {
        let value = serde_json::to_value(strings(lang)).unwrap();
        let mut out = Vec::new();
        for (k, v) in value.as_object().unwrap() {
            match v {
                serde_json::Value::String(s) => out.push((k.clone(), s.clone())),
                serde_json::Value::Array(items) => {
                    for (i, s) in items.iter().enumerate() {
                        out.push((format!("{k}[{i}]"), s.as_str().unwrap().to_string()));
                    }
                }
                other => panic!("unexpected entry {k}: {other}"),
            }
        }
        out
    }

    #[test]
    fn complete() {
        for lang in Lang::ALL {
            for (key, text) in entries(lang) {
                assert!(!text.trim().is_empty(), "{lang:?}: `{key}` is empty");
            }
        }
    }

    #[test]
    fn placeholders_match_between_languages() {
        let nl = entries(Lang::Nl);
        let en = entries(Lang::En);
        assert_eq!(nl.len(), en.len());
        for ((key, a), (_, b)) in nl.iter().zip(&en) {
            assert_eq!(
                a.contains("{n}"),
                b.contains("{n}"),
                "`{key}`: placeholder differs"
            );
        }
    }

    #[test]
    fn dates() {
        assert_eq!(format_date(Lang::Nl, "2026-01-12"), "12 januari 2026");
        assert_eq!(format_date(Lang::En, "2026-12-01"), "1 December 2026");
        assert_eq!(format_date(Lang::En, "2026-13-01"), "2026-13-01");
    }

    #[test]
    fn paths() {
        assert_eq!(Lang::of_path("/en/episodes/x/"), Lang::En);
        assert_eq!(Lang::of_path("/nope"), Lang::Nl);
        assert_eq!(Lang::Nl.episode_path("x"), "/nl/afleveringen/x/");
    }
}
