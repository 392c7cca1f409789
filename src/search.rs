//! Searching the season on the device. The builder splits the index per language (see
//! `model::SearchDocs`): the list of documents, one term shard per first character of a word,
//! and one text file per episode. A query needs `docs.json` and the shards of its words' first
//! characters; the text files are fetched only for the snippets of the results shown.
//!
//! How a query word meets the text, best first: the same word; the same Snowball stem ("liep"
//! and "lopen" do not share one, "studies" and "studie" do); the start of a longer word
//! ("loop" in "looptherapie"); the end of a compound ("slag" in "hartslag", from the
//! builder's list of compound ends); and, only for a word that meets none of these, the
//! first word of a compound the text writes apart ("heartrate": "heart") and, from five
//! letters, a word one edit away (two from nine letters), which the page then names
//! ("showing results for"). Accents, case, and hyphens or apostrophes inside a word do not
//! count ("e-bike" = "ebike", "baby's" = "babys"); two query words written apart also meet
//! the word they make together ("hart slag" = "hartslag"). Documents with every query word
//! come first, then those with most; within that, BM25 (term frequency saturated, length
//! normalised, title and heading words five times). The builder and the app fold, split and
//! stem with the functions here, so both sides agree on what a word is.

use crate::model::{
    Lang, SearchDoc, SearchDocs, SearchPage, SearchPageTexts, SearchShard, SearchTexts, SearchWord,
};
use std::collections::BTreeMap;

/// Lower case without accents, one char for one char, so positions in the folded text are
/// positions in the original (so `æ` and `ß` stay themselves). The site's one folding table:
/// the builder's heading ids use it too.
pub fn fold(c: char) -> char {
    match lower(c) {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        other => other,
    }
}

/// The lower case of a letter of the Latin (Basic, Latin-1, Extended-A), modern Greek or basic
/// Cyrillic alphabets, as `char::to_lowercase` gives it (its first char); other chars are themselves.
/// Written out because `to_lowercase` brings the whole of Unicode's case tables into the wasm
/// (about 7 KB brotli, ARCHITECTURE.md "Wasm size") for a site written in Dutch and English.
pub fn lower(c: char) -> char {
    let n = c as u32;
    let to = match n {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE | 0x391..=0x3A1 | 0x3A3..=0x3AB | 0x410..=0x42F => {
            n + 0x20
        }
        0x100..=0x12F | 0x132..=0x137 | 0x14A..=0x177 if n.is_multiple_of(2) => n + 1,
        0x139..=0x148 | 0x179..=0x17E if !n.is_multiple_of(2) => n + 1,
        0x130 => 'i' as u32,
        0x178 => 0xFF,
        0x386 => 0x3AC,
        0x388..=0x38A => n + 0x25,
        0x38C => 0x3CC,
        0x38E | 0x38F => n + 0x3F,
        0x400..=0x40F => n + 0x50,
        _ => n,
    };
    char::from_u32(to).unwrap_or(c)
}

/// The words of a text, folded, each with its position in chars; anything not alphanumeric
/// (after folding) separates words.
pub fn words(text: &str) -> Vec<(usize, String)> {
    tokens(text)
        .into_iter()
        .filter(|t| !t.joined)
        .map(|t| (t.at, t.word))
        .collect()
}

/// The words of a query, folded.
pub fn terms(query: &str) -> Vec<String> {
    words(query).into_iter().map(|(_, w)| w).collect()
}

/// A word of a text: where it starts and how many chars it spans, in the original text.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    pub at: usize,
    pub len: usize,
    pub word: String,
    /// Parts linked by hyphens or apostrophes, written as one word ("e-bike" → "ebike"); its
    /// parts are tokens too.
    pub joined: bool,
}

/// Hyphens and apostrophes that link two parts of one word.
fn links(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | '‐' | '‑')
}

/// Every word of a text, folded, in order, each linked group ("runner's", "e-bike") followed
/// by its joined form.
pub fn tokens(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().map(fold).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_alphanumeric() {
            i += 1;
            continue;
        }
        let group_start = i;
        let mut parts = 0;
        let mut joined = String::new();
        loop {
            let start = i;
            while i < chars.len() && chars[i].is_alphanumeric() {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            joined.push_str(&word);
            out.push(Token {
                at: start,
                len: i - start,
                word,
                joined: false,
            });
            parts += 1;
            if i + 1 < chars.len() && links(chars[i]) && chars[i + 1].is_alphanumeric() {
                i += 1;
            } else {
                break;
            }
        }
        if parts > 1 {
            out.push(Token {
                at: group_start,
                len: i - group_start,
                word: joined,
                joined: true,
            });
        }
    }
    out
}

/// The Snowball stem of a folded word, in the language of the index: the one stemmer the
/// builder and the app share.
pub fn stem(lang: Lang, word: &str) -> String {
    use rust_stemmers::{Algorithm, Stemmer};
    let algorithm = match lang {
        Lang::Nl => Algorithm::Dutch,
        Lang::En => Algorithm::English,
    };
    let stemmer = Stemmer::create(algorithm);
    let stemmed = stemmer.stem(word);
    if lang == Lang::En {
        return stemmed.into_owned();
    }
    // The classic Dutch algorithm keeps the plural "s" after a vowel ("studies", "zones",
    // "baby's") and a doubled consonant other than kk, dd, tt ("pillen" → "pill"): both
    // would keep a plural from its singular.
    let mut stem = match word.strip_suffix('s') {
        Some(rest) if stemmed == word && rest.chars().count() >= 3 && rest.ends_with(VOWELS) => {
            stemmer.stem(rest).into_owned()
        }
        _ => stemmed.into_owned(),
    };
    let mut last = stem.chars().rev();
    if let (Some(a), Some(b)) = (last.next(), last.next()) {
        if a == b && a.is_alphabetic() && !VOWELS.contains(&a) {
            stem.pop();
        }
    }
    stem
}

const VOWELS: [char; 6] = ['a', 'e', 'i', 'o', 'u', 'y'];

/// Words that say little about what a reader looks for; left out of a query unless it has
/// nothing else. Folded.
fn stop_words(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Nl => &[
            "aan", "al", "als", "bij", "ben", "dan", "dat", "de", "die", "dit", "door", "een",
            "en", "er", "heb", "heeft", "het", "hoe", "ik", "in", "is", "je", "jij", "kan", "kun",
            "maar", "me", "met", "mij", "mijn", "moet", "na", "naar", "niet", "nog", "of", "om",
            "ook", "op", "over", "te", "tot", "u", "uit", "van", "voor", "wat", "we", "wel",
            "welke", "wie", "wij", "word", "wordt", "ze", "zich", "zijn", "zo",
        ],
        Lang::En => &[
            "a", "about", "am", "an", "and", "are", "as", "at", "be", "by", "can", "could", "do",
            "does", "for", "from", "had", "has", "have", "how", "i", "if", "in", "is", "it", "its",
            "me", "my", "of", "on", "or", "should", "so", "that", "the", "their", "there", "this",
            "to", "was", "we", "what", "when", "which", "who", "why", "will", "with", "would",
            "you", "your",
        ],
    }
}

/// The words of a query as it is searched: folded, a linked group as one word ("e-bike" →
/// "ebike"), stop words left out unless there is nothing else.
pub fn query_terms(lang: Lang, query: &str) -> Vec<String> {
    let all: Vec<String> = {
        let tokens = tokens(query);
        // A linked group stands for its parts: keep the joined form only.
        let mut keep = Vec::new();
        for (i, t) in tokens.iter().enumerate() {
            let inside_group = tokens[i + 1..]
                .iter()
                .find(|n| n.joined)
                .is_some_and(|g| g.at <= t.at && t.at < g.at + g.len);
            if t.joined || !inside_group {
                keep.push(t.word.clone());
            }
        }
        keep
    };
    let stop = stop_words(lang);
    let content: Vec<String> = all
        .iter()
        .filter(|w| !stop.contains(&w.as_str()))
        .cloned()
        .collect();
    if content.is_empty() {
        all
    } else {
        content
    }
}

/// Every shard key, in the order the builder writes them.
pub const SHARD_KEYS: &str = "abcdefghijklmnopqrstuvwxyz0123456789_";

/// The shard holding the words that start with `first` (a folded character): a–z and 0–9
/// have one each, everything else shares `_`.
pub fn shard_key(first: char) -> char {
    match first {
        'a'..='z' | '0'..='9' => first,
        _ => '_',
    }
}

fn term_key(term: &str) -> char {
    shard_key(term.chars().next().unwrap_or('_'))
}

/// Something fetched on demand.
pub enum Fetched<T> {
    Loading,
    Ready(T),
    Failed,
}

/// A shard as the app searches it: its words and compound ends with their stems, computed
/// once when it arrives (the files carry no stems: they would cost bytes the stemmer,
/// which the query needs anyway, can save).
pub struct Lexicon {
    shard: SearchShard,
    /// (stem, whether a compound end, index), sorted.
    stems: Vec<(String, bool, u32)>,
}

impl Lexicon {
    pub fn new(lang: Lang, shard: SearchShard) -> Self {
        let mut stems: Vec<(String, bool, u32)> = Vec::new();
        for (part, list) in [(false, &shard.words), (true, &shard.parts)] {
            for (i, w) in list.iter().enumerate() {
                stems.push((stem(lang, &w.word), part, i as u32));
            }
        }
        stems.sort();
        Lexicon { shard, stems }
    }

    fn entry(&self, part: bool, i: u32) -> &SearchWord {
        let list = if part {
            &self.shard.parts
        } else {
            &self.shard.words
        };
        &list[i as usize]
    }
}

/// The term shards fetched so far, kept for the page's lifetime. A list, not a map: there are
/// at most 37, and a map type of its own would add to the wasm.
pub struct Shards {
    lang: Lang,
    list: Vec<(char, Fetched<Lexicon>)>,
}

impl Shards {
    pub fn new(lang: Lang) -> Self {
        Shards {
            lang,
            list: Vec::new(),
        }
    }

    fn get(&self, key: char) -> Option<&Fetched<Lexicon>> {
        self.list.iter().find(|(k, _)| *k == key).map(|(_, f)| f)
    }

    /// The shards `query` needs that are neither here nor on their way, now marked as on their
    /// way. One that failed is asked for again: the network may be back.
    pub fn want(&mut self, query: &str) -> Vec<char> {
        let mut keys = Vec::new();
        for key in query_terms(self.lang, query).iter().map(|t| term_key(t)) {
            if matches!(self.get(key), None | Some(Fetched::Failed)) {
                self.insert_fetched(key, Fetched::Loading);
                keys.push(key);
            }
        }
        keys
    }

    /// A shard arrived, or (`None`) could not be fetched.
    pub fn insert(&mut self, key: char, shard: Option<SearchShard>) {
        let lang = self.lang;
        self.insert_fetched(
            key,
            shard.map_or(Fetched::Failed, |s| Fetched::Ready(Lexicon::new(lang, s))),
        );
    }

    fn insert_fetched(&mut self, key: char, fetched: Fetched<Lexicon>) {
        match self.list.iter_mut().find(|(k, _)| *k == key) {
            Some((_, f)) => *f = fetched,
            None => self.list.push((key, fetched)),
        }
    }
}

/// How a query word met a word of the index, and what that is worth.
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
enum Meeting {
    Typo,
    Head,
    Part,
    Prefix,
    Stem,
    Same,
}

impl Meeting {
    fn weight(self) -> f32 {
        match self {
            Meeting::Same => 1.0,
            Meeting::Stem => 0.9,
            Meeting::Prefix | Meeting::Part => 0.5,
            Meeting::Typo => 0.4,
            Meeting::Head => 0.3,
        }
    }
}

/// The most edits a word of `len` chars may be from a query word and still be taken for it;
/// none under five letters, where one edit makes another word too often.
fn typo_budget(len: usize) -> usize {
    match len {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// What one query word found in its shard: per document its weighted term frequency, the
/// words to highlight, and the word it was taken for if it met only typos.
struct TermMatch {
    tf: Vec<f32>,
    marks: Marks,
    corrected: Option<String>,
}

fn add_postings(tf: &mut [f32], w: &SearchWord, weight: f32) {
    let mut doc = 0usize;
    for pair in w.postings.chunks_exact(2) {
        doc += pair[0] as usize;
        if let Some(s) = tf.get_mut(doc) {
            *s += weight * pair[1] as f32;
        }
    }
}

/// Every word of `lex` that `term` meets, with how (the best way, once per word).
fn meetings(lang: Lang, lex: &Lexicon, term: &str) -> Vec<(bool, u32, Meeting)> {
    let mut found: Vec<(bool, u32, Meeting)> = Vec::new();
    fn meet(found: &mut Vec<(bool, u32, Meeting)>, part: bool, i: u32, how: Meeting) {
        match found.iter_mut().find(|(p, j, _)| *p == part && *j == i) {
            Some((_, _, m)) if *m < how => *m = how,
            Some(_) => {}
            None => found.push((part, i, how)),
        }
    }
    let words = &lex.shard.words;
    let from = words.partition_point(|w| w.word.as_str() < term);
    for (i, w) in words[from..]
        .iter()
        .enumerate()
        .take_while(|(_, w)| w.word.starts_with(term))
    {
        let how = if w.word == term {
            Meeting::Same
        } else {
            Meeting::Prefix
        };
        meet(&mut found, false, (from + i) as u32, how);
    }
    let s = stem(lang, term);
    let at = lex
        .stems
        .partition_point(|(st, _, _)| st.as_str() < s.as_str());
    for (_, part, i) in lex.stems[at..].iter().take_while(|(st, _, _)| *st == s) {
        let how = if *part { Meeting::Part } else { Meeting::Stem };
        meet(&mut found, *part, *i, how);
    }
    let parts = &lex.shard.parts;
    let at = parts.partition_point(|w| w.word.as_str() < term);
    if parts.get(at).is_some_and(|w| w.word == term) {
        meet(&mut found, true, at as u32, Meeting::Part);
    }
    let alone = found
        .iter()
        .all(|(_, _, m)| *m < Meeting::Stem && *m != Meeting::Part);
    // A compound the text writes apart ("heartrate" for "heart rate"): its first word.
    let chars: Vec<char> = term.chars().collect();
    if alone {
        for k in 3..chars.len().saturating_sub(2) {
            let head: String = chars[..k].iter().collect();
            let at = words.partition_point(|w| w.word < head);
            if words.get(at).is_some_and(|w| w.word == head) {
                meet(&mut found, false, at as u32, Meeting::Head);
            }
        }
    }
    if alone {
        let len = term.chars().count();
        let budget = typo_budget(len);
        if budget > 0 {
            for (part, list) in [(false, words), (true, parts)] {
                for (i, w) in list.iter().enumerate() {
                    let wl = w.word.chars().count();
                    if wl.abs_diff(len) <= budget && strsim::osa_distance(&w.word, term) <= budget {
                        meet(&mut found, part, i as u32, Meeting::Typo);
                    }
                }
            }
        }
    }
    found
}

fn match_term(lang: Lang, lex: &Lexicon, term: &str, docs: usize) -> TermMatch {
    let found = meetings(lang, lex, term);
    let mut tf = vec![0f32; docs];
    let mut marks = Marks::default();
    for &(part, i, how) in &found {
        let w = lex.entry(part, i);
        add_postings(&mut tf, w, how.weight());
        marks.add(part, &w.word);
    }
    let only_typos = found.iter().any(|(_, _, m)| *m == Meeting::Typo)
        && found.iter().all(|(_, _, m)| *m <= Meeting::Head);
    // The word taken for the typo: the one in most documents.
    let corrected = only_typos
        .then(|| {
            found
                .iter()
                .filter(|(_, _, m)| *m == Meeting::Typo)
                .map(|&(part, i, _)| lex.entry(part, i))
                .max_by_key(|w| w.postings.len())
                .map(|w| w.word.clone())
        })
        .flatten();
    TermMatch {
        tf,
        marks,
        corrected,
    }
}

/// The words a result's text shows highlighted: the index words a query met, and compound
/// ends, which mark the words they end.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Marks {
    words: Vec<String>,
    ends: Vec<String>,
}

impl Marks {
    fn add(&mut self, end: bool, word: &str) {
        let list = if end { &mut self.ends } else { &mut self.words };
        if !list.iter().any(|w| w == word) {
            list.push(word.to_string());
        }
    }

    fn extend(&mut self, other: Marks) {
        for w in other.words {
            self.add(false, &w);
        }
        for w in other.ends {
            self.add(true, &w);
        }
    }

    fn hits(&self, word: &str) -> bool {
        self.words.iter().any(|w| w == word) || self.ends.iter().any(|e| word.ends_with(e.as_str()))
    }

    /// Where `text` shows a marked word: (char position, char length), in order, not
    /// overlapping (a linked group marked whole when its joined form is marked).
    pub fn spans(&self, text: &str) -> Vec<(usize, usize)> {
        let mut spans: Vec<(usize, usize)> = tokens(text)
            .into_iter()
            .filter(|t| self.hits(&t.word))
            .map(|t| (t.at, t.len))
            .collect();
        // Longest first at one position, then drop what overlaps an earlier span.
        spans.sort_by_key(|&(at, len)| (at, std::cmp::Reverse(len)));
        let mut out: Vec<(usize, usize)> = Vec::new();
        for (at, len) in spans {
            if out.last().is_none_or(|&(a, l)| at >= a + l) {
                out.push((at, len));
            }
        }
        out
    }
}

/// `docs.json`, ready to name results.
pub struct Catalog {
    docs: SearchDocs,
    /// Per page, the number of its first document.
    first: Vec<u32>,
    /// The mean document length, for BM25.
    mean_len: f32,
}

impl Catalog {
    pub fn new(docs: SearchDocs) -> Self {
        let mut first = vec![0; docs.pages.len()];
        for (i, d) in docs.docs.iter().enumerate().rev() {
            if let Some(f) = first.get_mut(d.page as usize) {
                *f = i as u32;
            }
        }
        let total: f32 = docs.docs.iter().map(|d| d.len as f32).sum();
        let mean_len = (total / docs.docs.len().max(1) as f32).max(1.0);
        Catalog {
            docs,
            first,
            mean_len,
        }
    }

    fn hit(&self, doc: u32, first_of_page: bool) -> Option<Hit> {
        let d = self.docs.docs.get(doc as usize)?;
        let page = self.docs.pages.get(d.page as usize)?;
        Some(Hit {
            title: page.title.clone(),
            url: match &d.anchor {
                Some(a) if a.starts_with('?') => format!("{}{a}", page.path),
                Some(a) => format!("{}#{a}", page.path),
                None => page.path.clone(),
            },
            section: d.section.clone(),
            quiz: page.quiz,
            group: page.group.clone(),
            path: page.path.clone(),
            nth: (doc - self.first[d.page as usize]) as usize,
            first_of_page,
        })
    }
}

/// One result: what the list shows at once, and where its text is for the snippet.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub title: String,
    pub url: String,
    /// The section heading, or the quiz question's statement.
    pub section: Option<String>,
    pub quiz: bool,
    /// The text file holding the document's text.
    pub group: String,
    /// The page's path, without the section.
    pub path: String,
    /// The document's place among its page's documents.
    nth: usize,
    /// The page's best section: the page's other sections follow it.
    pub first_of_page: bool,
}

/// What a query found: results grouped per page (pages in the order of their best section,
/// each page's sections best first), the words to highlight, and the query as searched if a
/// word of it was taken for another ("showing results for").
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub hits: Vec<Hit>,
    pub marks: Marks,
    pub corrected: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    /// A shard the query needs is still on its way.
    Loading,
    /// A shard the query needs could not be fetched.
    Unavailable,
    Found(Found),
}

/// BM25's usual constants: how soon repeating a word stops adding, and how much a long
/// document is discounted.
const K1: f32 = 1.2;
const B: f32 = 0.75;

pub fn search(catalog: &Catalog, shards: &Shards, query: &str, limit: usize) -> Answer {
    let lang = shards.lang;
    let terms = query_terms(lang, query);
    let n = catalog.docs.docs.len();
    let mut lexicons = Vec::with_capacity(terms.len());
    for term in &terms {
        match shards.get(term_key(term)) {
            Some(Fetched::Ready(lex)) => lexicons.push(lex),
            Some(Fetched::Failed) => return Answer::Unavailable,
            Some(Fetched::Loading) | None => return Answer::Loading,
        }
    }
    let mut matches: Vec<TermMatch> = terms
        .iter()
        .zip(&lexicons)
        .map(|(t, lex)| match_term(lang, lex, t, n))
        .collect();
    // Two words written apart that the text writes as one ("hart slag" → "hartslag") meet it
    // as both words; it sits in the first word's shard.
    for i in 1..terms.len() {
        let joined = format!("{}{}", terms[i - 1], terms[i]);
        let found = meetings(lang, lexicons[i - 1], &joined);
        for &(part, j, how) in found.iter().filter(|(_, _, m)| *m >= Meeting::Stem) {
            let w = lexicons[i - 1].entry(part, j);
            for m in [i - 1, i] {
                add_postings(&mut matches[m].tf, w, how.weight());
                matches[m].marks.add(part, &w.word);
                matches[m].corrected = None;
            }
        }
    }
    let mut score = vec![0f32; n];
    let mut met = vec![0u32; n];
    for m in &matches {
        let df = m.tf.iter().filter(|&&f| f > 0.0).count() as f32;
        let idf = (1.0 + (n as f32 - df + 0.5) / (df + 0.5)).ln();
        for (d, &f) in m.tf.iter().enumerate() {
            if f > 0.0 {
                let norm = 1.0 - B + B * catalog.docs.docs[d].len as f32 / catalog.mean_len;
                score[d] += idf * f * (K1 + 1.0) / (f + K1 * norm);
                met[d] += 1;
            }
        }
    }
    let corrected = matches.iter().any(|m| m.corrected.is_some()).then(|| {
        terms
            .iter()
            .zip(&matches)
            .map(|(t, m)| m.corrected.clone().unwrap_or_else(|| t.clone()))
            .collect::<Vec<_>>()
            .join(" ")
    });
    let mut marks = Marks::default();
    for m in matches {
        marks.extend(m.marks);
    }
    let hits = rank(catalog, &score, &met)
        .into_iter()
        .take(limit)
        .filter_map(|(d, first)| catalog.hit(d, first))
        .collect();
    Answer::Found(Found {
        hits,
        marks,
        corrected,
    })
}

/// The documents that met any query word, grouped per page. Pages: more query words met in one
/// document first, then the sum of the scores of the documents that met that many (a page
/// that answers in several sections above one that mentions it once), then the season's
/// order; within a page, documents by words met and score.
fn rank(catalog: &Catalog, score: &[f32], met: &[u32]) -> Vec<(u32, bool)> {
    let mut ranked: Vec<u32> = (0..score.len() as u32)
        .filter(|&d| met[d as usize] > 0)
        .collect();
    ranked.sort_by(|&a, &b| {
        let (a, b) = (a as usize, b as usize);
        met[b]
            .cmp(&met[a])
            .then(score[b].total_cmp(&score[a]))
            .then(a.cmp(&b))
    });
    let page = |d: u32| catalog.docs.docs[d as usize].page as usize;
    // Per page: (most words met, the sum of its documents' scores at that)
    let mut pages = vec![(0u32, 0f32); catalog.docs.pages.len()];
    for &d in &ranked {
        let (best, total) = &mut pages[page(d)];
        if met[d as usize] >= *best {
            *best = met[d as usize];
            *total += score[d as usize];
        }
    }
    let mut order: Vec<usize> = (0..pages.len()).filter(|&p| pages[p].0 > 0).collect();
    order.sort_by(|&a, &b| {
        pages[b]
            .0
            .cmp(&pages[a].0)
            .then(pages[b].1.total_cmp(&pages[a].1))
            .then(a.cmp(&b))
    });
    let mut slot = vec![0usize; pages.len()];
    for (i, &p) in order.iter().enumerate() {
        slot[p] = i;
    }
    // Stable: within a page, the documents keep their rank.
    let mut out: Vec<(u32, bool)> = ranked.into_iter().map(|d| (d, false)).collect();
    out.sort_by_key(|&(d, _)| slot[page(d)]);
    let mut previous = usize::MAX;
    for (d, first) in &mut out {
        *first = page(*d) != previous;
        previous = page(*d);
    }
    out
}

/// The text files fetched so far, kept for the page's lifetime (a list, as [`Shards`]: a
/// search shows at most 50 results).
#[derive(Default)]
pub struct Texts(Vec<(String, Fetched<SearchTexts>)>);

impl Texts {
    fn get(&self, group: &str) -> Option<&Fetched<SearchTexts>> {
        self.0.iter().find(|(g, _)| g == group).map(|(_, f)| f)
    }

    /// The text files `hits` need that are neither here nor on their way (nor failed: such a
    /// result is shown without a snippet), now marked as on their way.
    pub fn want(&mut self, hits: &[Hit]) -> Vec<String> {
        let mut groups = Vec::new();
        for hit in hits {
            if self.get(&hit.group).is_none() {
                self.0.push((hit.group.clone(), Fetched::Loading));
                groups.push(hit.group.clone());
            }
        }
        groups
    }

    /// A text file arrived, or (`None`) could not be fetched.
    pub fn insert(&mut self, group: String, texts: Option<SearchTexts>) {
        let fetched = texts.map_or(Fetched::Failed, Fetched::Ready);
        match self.0.iter_mut().find(|(g, _)| *g == group) {
            Some((_, f)) => *f = fetched,
            None => self.0.push((group, fetched)),
        }
    }

    /// The hit's snippet, once its text is here: pieces of text, marked or not.
    pub fn snippet(&self, hit: &Hit, marks: &Marks) -> Option<Vec<(String, bool)>> {
        let Some(Fetched::Ready(texts)) = self.get(&hit.group) else {
            return None;
        };
        let text = texts
            .pages
            .iter()
            .find(|p| p.path == hit.path)?
            .texts
            .get(hit.nth)?;
        // A section that is only a heading (its text is in its subsections) has nothing to show.
        (!text.trim().is_empty()).then(|| snippet(text, &marks.spans(text)))
    }
}

/// About 12 words either side of the first marked word, cut at word boundaries, with every
/// marked word in that stretch marked; the start of the text if none is (only the title or
/// heading matched).
pub fn snippet(text: &str, spans: &[(usize, usize)]) -> Vec<(String, bool)> {
    let chars: Vec<char> = text.chars().collect();
    let piece = |from: usize, to: usize| chars[from..to].iter().collect::<String>();
    let Some(&(start, len)) = spans.first() else {
        let end = cut_after(&chars, 0, 160);
        let ellipsis = if end < chars.len() { "…" } else { "" };
        return vec![(piece(0, end) + ellipsis, false)];
    };
    let from = cut_before(&chars, start, 80);
    let to = cut_after(&chars, start + len, 80).max(start + len);
    let mut out = Vec::new();
    let mut at = from;
    let mut plain = if from > 0 {
        "…".to_string()
    } else {
        String::new()
    };
    for &(s, l) in spans.iter().filter(|&&(s, l)| s >= from && s + l <= to) {
        plain.push_str(&piece(at, s));
        if !plain.is_empty() {
            out.push((std::mem::take(&mut plain), false));
        }
        out.push((piece(s, s + l), true));
        at = s + l;
    }
    plain.push_str(&piece(at, to));
    if to < chars.len() {
        plain.push('…');
    }
    if !plain.is_empty() {
        out.push((plain, false));
    }
    out
}

fn cut_before(chars: &[char], at: usize, max: usize) -> usize {
    let mut i = at.saturating_sub(max);
    while i > 0 && i < at && !chars[i - 1].is_whitespace() {
        i += 1;
    }
    i
}

fn cut_after(chars: &[char], at: usize, max: usize) -> usize {
    let mut i = (at + max).min(chars.len());
    while i < chars.len() && i > at && !chars[i].is_whitespace() {
        i -= 1;
    }
    i
}

/// The split index of one language, as the builder writes it.
pub struct Index {
    pub docs: SearchDocs,
    /// One per [`SHARD_KEYS`] character, empty ones too, so that every query finds its shard.
    pub shards: Vec<(char, SearchShard)>,
    /// Per group (episode id), its pages' texts.
    pub texts: Vec<(String, SearchTexts)>,
}

/// Splits whole documents into the index files. Encoding and decoding live in this one file so
/// that the builder and the app cannot disagree on them.
#[derive(Default)]
pub struct IndexBuilder {
    docs: SearchDocs,
    texts: Vec<String>,
}

/// The shortest word a compound is split into: shorter ones ("en", "te") would split words
/// that are no compounds.
const MIN_PART: usize = 4;

/// Where `word` splits into a start that is a word of the index (or one with a linking "s",
/// as in "gespreks|therapie") and an end of at least [`MIN_PART`] chars: the ends.
fn compound_ends<'a>(word: &'a str, known: &BTreeMap<String, Vec<(u32, u32)>>) -> Vec<&'a str> {
    let bounds: Vec<usize> = word.char_indices().map(|(i, _)| i).collect();
    let n = bounds.len();
    let mut ends = Vec::new();
    if n < 2 * MIN_PART {
        return ends;
    }
    for &at in &bounds[MIN_PART..=n - MIN_PART] {
        let (head, tail) = word.split_at(at);
        let linked = head
            .strip_suffix('s')
            .filter(|h| h.chars().count() >= MIN_PART);
        if known.contains_key(head) || linked.is_some_and(|h| known.contains_key(h)) {
            ends.push(tail);
        }
    }
    ends
}

fn encode(list: Vec<(u32, u32)>) -> Vec<u32> {
    let mut previous = 0;
    let mut encoded = Vec::with_capacity(list.len() * 2);
    for (doc, score) in list {
        encoded.extend([doc - previous, score]);
        previous = doc;
    }
    encoded
}

/// The words of a document that weigh five times: its heading, and on the page's first
/// document its title (on every document, the title would make a section without a word of the
/// query outrank the sections that have it).
fn head(title: &str, section: Option<&str>, first: bool) -> String {
    let title = if first { title } else { "" };
    format!("{title} {}", section.unwrap_or(""))
}

impl IndexBuilder {
    /// A page's documents as (anchor, heading, text); a page without any is left out.
    pub fn add(&mut self, page: SearchPage, docs: Vec<(Option<String>, Option<String>, String)>) {
        if docs.is_empty() {
            return;
        }
        let number = self.docs.pages.len() as u32;
        for (i, (anchor, section, text)) in docs.into_iter().enumerate() {
            let head = head(&page.title, section.as_deref(), i == 0);
            let len = (words(&head).len() + words(&text).len()) as u32;
            self.docs.docs.push(SearchDoc {
                page: number,
                anchor,
                section,
                len,
            });
            self.texts.push(text);
        }
        self.docs.pages.push(page);
    }

    pub fn finish(self) -> Index {
        // word → (document, score), in document order
        let mut postings: BTreeMap<String, Vec<(u32, u32)>> = BTreeMap::new();
        let docs = &self.docs.docs;
        for (i, (doc, text)) in docs.iter().zip(&self.texts).enumerate() {
            let page = &self.docs.pages[doc.page as usize];
            let first = i == 0 || docs[i - 1].page != doc.page;
            let head = head(&page.title, doc.section.as_deref(), first);
            for (weight, source) in [(5, head.as_str()), (1, text.as_str())] {
                for token in tokens(source) {
                    let list = postings.entry(token.word).or_default();
                    match list.last_mut() {
                        Some((d, score)) if *d == i as u32 => *score += weight,
                        _ => list.push((i as u32, weight)),
                    }
                }
            }
        }
        // Compound ends, with the postings of the compounds they end.
        let mut parts: BTreeMap<String, BTreeMap<u32, u32>> = BTreeMap::new();
        for (word, list) in &postings {
            for end in compound_ends(word, &postings) {
                let part = parts.entry(end.to_string()).or_default();
                for &(doc, score) in list {
                    *part.entry(doc).or_default() += score;
                }
            }
        }
        let mut shards: Vec<(char, SearchShard)> = SHARD_KEYS
            .chars()
            .map(|k| (k, SearchShard::default()))
            .collect();
        fn shard_of<'a>(shards: &'a mut [(char, SearchShard)], word: &str) -> &'a mut SearchShard {
            let key = shard_key(word.chars().next().expect("words are not empty"));
            let at = shards
                .iter()
                .position(|(k, _)| *k == key)
                .expect("every key has a shard");
            &mut shards[at].1
        }
        for (word, list) in postings {
            shard_of(&mut shards, &word).words.push(SearchWord {
                postings: encode(list),
                word,
            });
        }
        for (word, list) in parts {
            shard_of(&mut shards, &word).parts.push(SearchWord {
                postings: encode(list.into_iter().collect()),
                word,
            });
        }
        let mut texts: Vec<(String, SearchTexts)> = Vec::new();
        let mut docs = self.docs.docs.iter().zip(self.texts).peekable();
        for (number, page) in self.docs.pages.iter().enumerate() {
            let mut page_texts = Vec::new();
            while let Some((_, text)) = docs.next_if(|(d, _)| d.page as usize == number) {
                page_texts.push(text);
            }
            let entry = SearchPageTexts {
                path: page.path.clone(),
                texts: page_texts,
            };
            match texts.iter_mut().find(|(g, _)| *g == page.group) {
                Some((_, t)) => t.pages.push(entry),
                None => texts.push((page.group.clone(), SearchTexts { pages: vec![entry] })),
            }
        }
        Index {
            docs: self.docs,
            shards,
            texts,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Doc<'a> = (&'a str, &'a str, &'a str);

    #[test]
    fn lower_agrees_with_unicode_in_the_alphabets_it_covers_and_leaves_the_rest() {
        // Latin to Extended-A, modern Greek, basic Cyrillic.
        let covered = [0..=0x17F, 0x386..=0x3CE, 0x400..=0x45F];
        for n in 0..=0x10FFFF_u32 {
            let Some(c) = char::from_u32(n) else { continue };
            let unicode = c.to_lowercase().next().unwrap();
            if covered.iter().any(|r| r.contains(&n)) {
                assert_eq!(lower(c), unicode, "U+{n:04X}");
            } else {
                assert_eq!(lower(c), c, "U+{n:04X}");
            }
        }
    }

    /// Each document on its own page, written to JSON and read back as the app reads it.
    fn index_in(lang: Lang, docs: &[Doc]) -> (Catalog, Shards, Texts) {
        let mut builder = IndexBuilder::default();
        for (title, section, text) in docs {
            builder.add(
                SearchPage {
                    title: title.to_string(),
                    path: format!("/{title}"),
                    group: title.to_lowercase(),
                    quiz: false,
                },
                vec![(None, Some(section.to_string()), text.to_string())],
            );
        }
        let index = builder.finish();
        // Written as the builder writes them, read as the app reads them.
        fn round_trip<T: serde::Serialize + crate::json::FromJson>(t: &T) -> T {
            crate::json::decode(&serde_json::to_string(t).unwrap()).unwrap()
        }
        let mut shards = Shards::new(lang);
        for (key, shard) in &index.shards {
            shards.insert(*key, Some(round_trip(shard)));
        }
        let mut texts = Texts::default();
        for (group, t) in &index.texts {
            texts.insert(group.clone(), Some(round_trip(t)));
        }
        (Catalog::new(round_trip(&index.docs)), shards, texts)
    }

    fn index(docs: &[Doc]) -> (Catalog, Shards, Texts) {
        index_in(Lang::Nl, docs)
    }

    fn season() -> (Catalog, Shards, Texts) {
        index(&[
            (
                "Smog",
                "Fijnstof",
                "Lopen langs drukke wegen in de stad: het rekenmodel van Tainio.",
            ),
            (
                "Hoofd",
                "MOTAR",
                "Looptherapie tegenover antidepressiva, bij 141 patiënten.",
            ),
            (
                "Voeding",
                "Cafeïne",
                "Cafeïne helpt wat bij duurinspanning; de stad maakt niet uit.",
            ),
        ])
    }

    fn found(answer: Answer) -> Found {
        match answer {
            Answer::Found(f) => f,
            other => panic!("{other:?}"),
        }
    }

    fn titles_of(catalog: &Catalog, shards: &Shards, q: &str) -> Vec<String> {
        found(search(catalog, shards, q, 10))
            .hits
            .into_iter()
            .map(|h| h.title)
            .collect()
    }

    #[test]
    fn a_result_is_escaped_markup_with_its_words_marked() {
        let (catalog, shards, _) = index(&[("Smog & <stad>", "Fijnstof", "Lopen in de stad.")]);
        let hit = found(search(&catalog, &shards, "stad", 10)).hits.remove(0);
        let snippet = [
            ("Lopen in de ".to_string(), false),
            ("stad".to_string(), true),
        ];
        let html = crate::pages::search::result_html(Lang::Nl, &hit, Some(&snippet));
        assert!(html.starts_with("<li><a href=\""), "{html}");
        assert!(
            html.contains("<span class=\"result-title\">Smog &amp; &lt;stad&gt;</span>"),
            "{html}"
        );
        assert!(
            html.ends_with("<p class=\"snippet\">Lopen in de <mark>stad</mark></p></li>"),
            "{html}"
        );
    }

    #[test]
    fn folding_keeps_positions_and_links_join_words() {
        assert_eq!(words("Cafeïne É"), words("cafeine e"));
        assert_eq!(
            words("Het Cafeïne-gehalte"),
            [
                (0, "het".into()),
                (4, "cafeine".into()),
                (12, "gehalte".into())
            ]
        );
        assert_eq!(terms(" Loop, ÉÉN!"), ["loop", "een"]);
        let t = tokens("een e-bike, baby’s");
        let joined: Vec<(&str, usize, usize)> = t
            .iter()
            .filter(|t| t.joined)
            .map(|t| (t.word.as_str(), t.at, t.len))
            .collect();
        assert_eq!(joined, [("ebike", 4, 6), ("babys", 12, 6)]);
        assert_eq!(
            t.iter().filter(|t| !t.joined).count(),
            5,
            "the parts are words too"
        );
        assert!(
            tokens("- a -b c' 'd").iter().all(|t| !t.joined),
            "no link at an edge"
        );
    }

    #[test]
    fn queries_drop_stop_words_and_join_linked_words() {
        assert_eq!(
            query_terms(Lang::Nl, "Helpt lopen tegen een depressie?"),
            ["helpt", "lopen", "tegen", "depressie"]
        );
        assert_eq!(
            query_terms(Lang::Nl, "het"),
            ["het"],
            "unless nothing is left"
        );
        assert_eq!(
            query_terms(Lang::En, "the runner's high"),
            ["runners", "high"]
        );
        assert_eq!(
            query_terms(Lang::En, "e-bike or e bike"),
            ["ebike", "e", "bike"]
        );
    }

    #[test]
    fn stems_are_snowball_per_language() {
        let same = |lang, a: &str, b: &str| assert_eq!(stem(lang, a), stem(lang, b), "{a} {b}");
        for (a, b) in [
            ("studies", "studie"),
            ("depressies", "depressie"),
            ("zones", "zone"),
            ("babys", "baby"),
            ("pillen", "pil"),
            ("koolhydraten", "koolhydraat"),
            ("lopen", "loop"),
            ("hartslagen", "hartslag"),
        ] {
            same(Lang::Nl, a, b);
        }
        assert_ne!(stem(Lang::Nl, "sport"), stem(Lang::Nl, "spons"));
        for (a, b) in [
            ("running", "run"),
            ("studies", "study"),
            ("causes", "cause"),
        ] {
            same(Lang::En, a, b);
        }
        assert_ne!(
            stem(Lang::Nl, "running"),
            "run",
            "the Dutch stemmer for Dutch"
        );
    }

    #[test]
    fn every_word_may_start_a_word_and_stems_meet() {
        let (catalog, shards, _) = season();
        let titles = |q: &str| titles_of(&catalog, &shards, q);
        assert_eq!(titles("cafeine"), ["Voeding"], "accents do not matter");
        assert_eq!(titles("LOOPTHER"), ["Hoofd"], "prefix of a word, any case");
        assert_eq!(
            titles("loop"),
            ["Smog", "Hoofd"],
            "the stem of lopen above a prefix"
        );
        assert_eq!(
            titles("stad"),
            ["Voeding", "Smog"],
            "the shorter text first"
        );
        assert_eq!(
            titles("stad tainio"),
            ["Smog", "Voeding"],
            "all words first"
        );
        assert_eq!(titles("tad"), Vec::<String>::new(), "not inside a word");
        assert_eq!(titles("motar"), ["Hoofd"], "the heading counts");
        assert!(titles("").is_empty() && titles("  ,. ").is_empty());
        assert_eq!(titles("141"), ["Hoofd"], "numbers have their shard");
        assert_eq!(titles("patient"), ["Hoofd"], "a prefix");
        assert_eq!(
            titles("wegen stadje"),
            ["Smog"],
            "most words: stadje meets nothing"
        );
        let (catalog, shards, _) = index(&[
            ("A", "S", "Twee studies over koolhydraten."),
            ("B", "S", "Een studie over koolhydraat."),
        ]);
        assert_eq!(
            titles_of(&catalog, &shards, "studie"),
            ["B", "A"],
            "same word first"
        );
        assert_eq!(titles_of(&catalog, &shards, "koolhydraten"), ["A", "B"]);
    }

    #[test]
    fn hyphens_apostrophes_and_compounds() {
        let (catalog, shards, _) = index_in(
            Lang::En,
            &[
                ("A", "S", "An e-bike counts as exercise."),
                ("B", "S", "The runner's high, and heartbeat zones."),
                (
                    "C",
                    "S",
                    "Some runners run high up in the mountains, heart racing.",
                ),
            ],
        );
        let titles = |q: &str| titles_of(&catalog, &shards, q);
        assert_eq!(titles("ebike"), ["A"]);
        assert_eq!(titles("e-bike"), ["A"]);
        assert_eq!(titles("e bike"), ["A"]);
        assert_eq!(titles("runners high")[0], "B");
        assert_eq!(titles("runner’s high")[0], "B");
        assert_eq!(titles("beat"), ["B"], "the end of a compound");
        assert_eq!(
            titles("heart beat"),
            ["B", "C"],
            "written apart: both words"
        );
        assert_eq!(
            titles("heartracing"),
            ["C"],
            "written together: its first word"
        );
        let (catalog, shards, texts) = index(&[
            (
                "A",
                "S",
                "Je hartslag en hartslagzones, per gesprekstherapie.",
            ),
            (
                "B",
                "S",
                "Een slag om de arm, een hart van goud, een gesprek.",
            ),
        ]);
        let titles = |q: &str| titles_of(&catalog, &shards, q);
        assert_eq!(titles("zones"), ["A"], "hartslag|zones");
        assert_eq!(titles("therapie"), ["A"], "gespreks|therapie: a linking s");
        assert_eq!(
            titles("slag"),
            ["B", "A"],
            "the word itself above a compound end"
        );
        assert_eq!(titles("hart slag"), ["A", "B"], "together above apart");
        let f = found(search(&catalog, &shards, "zones", 10));
        let marked: Vec<String> = texts
            .snippet(&f.hits[0], &f.marks)
            .unwrap()
            .into_iter()
            .filter(|(_, m)| *m)
            .map(|(s, _)| s)
            .collect();
        assert_eq!(marked, ["hartslagzones"], "the compound is marked whole");
        let marks = Marks {
            words: vec!["hartslag".into(), "hart".into()],
            ends: vec!["zones".into()],
        };
        assert_eq!(
            marks.spans("De hartslag, hartslagzones en het hart."),
            [(3, 8), (13, 13), (34, 4)]
        );
    }

    #[test]
    fn typos_meet_near_words_and_say_so() {
        let (catalog, shards, _) = index(&[
            ("A", "S", "Endorfines en endocannabinoïden bij de runner."),
            ("B", "S", "Depressie en angst."),
        ]);
        let f = found(search(&catalog, &shards, "depresie", 10));
        assert_eq!(f.hits[0].title, "B");
        assert_eq!(f.corrected.as_deref(), Some("depressie"));
        let f = found(search(&catalog, &shards, "endorfienes", 10));
        assert_eq!(f.hits[0].title, "A", "two edits from nine letters on");
        assert_eq!(f.corrected.as_deref(), Some("endorfines"));
        let f = found(search(&catalog, &shards, "depressie angt", 10));
        assert_eq!(f.hits.len(), 1, "four letters: no typos");
        assert_eq!(f.corrected, None);
        let f = found(search(&catalog, &shards, "depressie angts", 10));
        assert_eq!(
            f.corrected.as_deref(),
            Some("depressie angst"),
            "a swap is one edit"
        );
        let f = found(search(&catalog, &shards, "depressie", 10));
        assert_eq!(
            f.corrected, None,
            "a word that meets itself is not corrected"
        );
        let f = found(search(&catalog, &shards, "xepressie", 10));
        assert!(f.hits.is_empty(), "only within the word's own shard");
        let f = found(search(&catalog, &shards, "endocanabinoiden", 10));
        assert_eq!(f.hits[0].title, "A");
    }

    #[test]
    fn ranking_saturates_and_normalises_length() {
        // Five for each word in the title or heading, one in the text; repetition saturates.
        let (catalog, shards, _) = index(&[
            ("A", "S", "stad stad stad stad"),
            ("B", "Stad", "geen"),
            ("C", "S", "stad stad stad stad stad stad"),
            ("D", "S", "stad stad stad stad stad stad"),
        ]);
        assert_eq!(
            titles_of(&catalog, &shards, "stad"),
            ["B", "C", "D", "A"],
            "ties keep the season's order"
        );
        let long = format!("stad {}", "woord ".repeat(200));
        let (catalog, shards, _) = index(&[("L", "S", &long), ("K", "S", "stad en woord")]);
        assert_eq!(
            titles_of(&catalog, &shards, "stad"),
            ["K", "L"],
            "shorter first"
        );
    }

    #[test]
    fn results_are_grouped_per_page() {
        let mut builder = IndexBuilder::default();
        let page = |path: &str| SearchPage {
            title: path.into(),
            path: path.into(),
            group: "g".into(),
            quiz: false,
        };
        let doc = |a: &str, text: &str| (Some(a.to_string()), None, text.to_string());
        builder.add(
            page("/p/"),
            vec![doc("a", "lucht"), doc("b", "lucht lucht lucht")],
        );
        builder.add(page("/q/"), vec![doc("c", "lucht lucht")]);
        let index = builder.finish();
        let catalog = Catalog::new(index.docs);
        let mut shards = Shards::new(Lang::Nl);
        for (k, s) in index.shards {
            shards.insert(k, Some(s));
        }
        let hits = found(search(&catalog, &shards, "lucht", 10)).hits;
        let urls: Vec<(&str, bool)> = hits
            .iter()
            .map(|h| (h.url.as_str(), h.first_of_page))
            .collect();
        assert_eq!(urls, [("/p/#b", true), ("/p/#a", false), ("/q/#c", true)]);

        // The title counts with the page's first document only: a later section with nothing
        // but a heading is not lifted by it, and shows no snippet.
        let mut builder = IndexBuilder::default();
        builder.add(
            SearchPage {
                title: "Lopen".into(),
                path: "/l/".into(),
                group: "l".into(),
                quiz: false,
            },
            vec![
                (None, None, "Intro.".into()),
                (Some("leeg".into()), Some("Leeg".into()), String::new()),
                (
                    Some("vol".into()),
                    Some("Vol".into()),
                    "Lopen helpt.".into(),
                ),
            ],
        );
        let index = builder.finish();
        let (catalog, mut shards, mut texts) = (
            Catalog::new(index.docs),
            Shards::new(Lang::Nl),
            Texts::default(),
        );
        for (k, s) in index.shards {
            shards.insert(k, Some(s));
        }
        for (g, t) in index.texts {
            texts.insert(g, Some(t));
        }
        let f = found(search(&catalog, &shards, "lopen", 10));
        let urls: Vec<&str> = f.hits.iter().map(|h| h.url.as_str()).collect();
        assert_eq!(urls, ["/l/", "/l/#vol"]);
        assert_eq!(
            texts.snippet(&f.hits[0], &f.marks).unwrap(),
            [("Intro.".into(), false)]
        );
        let leeg = found(search(&catalog, &shards, "leeg", 10)).hits;
        assert_eq!(texts.snippet(&leeg[0], &f.marks), None, "nothing to show");
    }

    #[test]
    fn a_query_needs_only_the_shards_of_its_words() {
        let (catalog, _, _) = season();
        let (_, ready, _) = season();
        let mut shards = Shards::new(Lang::Nl);
        assert_eq!(shards.want("stad Tainio sneller"), ['s', 't']);
        assert_eq!(
            shards.want("stad"),
            Vec::<char>::new(),
            "already on its way"
        );
        assert_eq!(shards.want("eerst æble 7"), ['e', '_', '7']);
        assert_eq!(shards.want("de"), ['d'], "a stop word alone is searched");
        assert_eq!(search(&catalog, &shards, "stad", 10), Answer::Loading);
        let take = |k: char| {
            ready.get(k).and_then(|f| match f {
                Fetched::Ready(l) => Some(l.shard.clone()),
                _ => None,
            })
        };
        shards.insert('s', take('s'));
        assert_eq!(
            search(&catalog, &shards, "stad tainio", 10),
            Answer::Loading
        );
        shards.insert('t', None);
        assert_eq!(
            search(&catalog, &shards, "stad tainio", 10),
            Answer::Unavailable
        );
        assert_eq!(found(search(&catalog, &shards, "stad", 10)).hits.len(), 2);
        assert_eq!(
            shards.want("tainio"),
            ['t'],
            "a failed shard is asked for again"
        );
        shards.insert('t', take('t'));
        assert_eq!(
            found(search(&catalog, &shards, "stad tainio", 10))
                .hits
                .len(),
            2
        );
    }

    #[test]
    fn snippets_mark_every_matched_word() {
        let (catalog, shards, texts) = season();
        let f = found(search(&catalog, &shards, "fijnstof", 10));
        assert_eq!(f.hits[0].title, "Smog");
        let s = texts.snippet(&f.hits[0], &f.marks).unwrap();
        assert!(s.iter().all(|(_, m)| !m), "heading only: {s:?}");
        let f = found(search(&catalog, &shards, "patienten lopen", 10));
        let s = texts.snippet(&f.hits[0], &f.marks).unwrap();
        assert_eq!(
            s,
            [
                (
                    "Looptherapie tegenover antidepressiva, bij 141 ".to_string(),
                    false
                ),
                ("patiënten".to_string(), true),
                (".".to_string(), false)
            ],
            "the match in its original spelling"
        );
        let f = found(search(&catalog, &shards, "stad", 10));
        let s = texts.snippet(&f.hits[1], &f.marks).unwrap();
        assert_eq!(s.iter().filter(|(_, m)| *m).count(), 1);
        let long = format!(
            "{} needle {} needles",
            "word ".repeat(60),
            "word ".repeat(3)
        );
        let (catalog, shards, texts) = index(&[("L", "S", &long)]);
        let f = found(search(&catalog, &shards, "needle", 1));
        let s = texts.snippet(&f.hits[0], &f.marks).unwrap();
        let marked: Vec<&str> = s
            .iter()
            .filter(|(_, m)| *m)
            .map(|(t, _)| t.as_str())
            .collect();
        assert_eq!(marked, ["needle", "needles"]);
        assert!(s[0].0.starts_with('…') && s[0].0.chars().count() <= 82);
        assert!(s.last().unwrap().0.chars().count() <= 82);
    }

    #[test]
    fn snippets_wait_for_their_text_file_and_do_without_it() {
        let (catalog, shards, loaded) = season();
        let f = found(search(&catalog, &shards, "stad", 10));
        let mut texts = Texts::default();
        assert_eq!(texts.want(&f.hits), ["voeding", "smog"]);
        assert!(texts.want(&f.hits).is_empty(), "already on their way");
        assert_eq!(texts.snippet(&f.hits[0], &f.marks), None);
        let take = |g: &str| {
            loaded.get(g).and_then(|f| match f {
                Fetched::Ready(t) => Some(t.clone()),
                _ => None,
            })
        };
        texts.insert("voeding".into(), take("voeding"));
        texts.insert("smog".into(), None);
        assert!(texts
            .snippet(&f.hits[0], &f.marks)
            .unwrap()
            .contains(&("stad".into(), true)));
        assert_eq!(
            texts.snippet(&f.hits[1], &f.marks),
            None,
            "shown without one"
        );
        assert!(
            texts.want(&f.hits).is_empty(),
            "a failed text is not asked for again"
        );
    }

    #[test]
    fn pages_share_their_episode_text_file_and_shards_are_sorted() {
        let mut builder = IndexBuilder::default();
        let page = |path: &str, quiz| SearchPage {
            title: "Smog".into(),
            path: path.into(),
            group: "smog".into(),
            quiz,
        };
        builder.add(
            page("/nl/afleveringen/smog/", false),
            vec![
                (None, None, "Intro over zuurstof.".into()),
                (
                    Some("lucht".into()),
                    Some("Lucht".into()),
                    "Zuur en zout.".into(),
                ),
            ],
        );
        builder.add(page("/nl/quiz/leeg/", true), vec![]);
        builder.add(
            page("/nl/quiz/smog/", true),
            vec![(None, Some("Zuurstof helpt?".into()), "Nee.".into())],
        );
        let index = builder.finish();
        assert_eq!(
            index.docs.pages.len(),
            2,
            "a page without documents is left out"
        );
        assert_eq!(index.texts.len(), 1);
        assert_eq!(
            serde_json::to_string(&index.texts[0].1).unwrap(),
            r#"[{"path":"/nl/afleveringen/smog/","texts":["Intro over zuurstof.","Zuur en zout."]},{"path":"/nl/quiz/smog/","texts":["Nee."]}]"#
        );
        assert_eq!(
            serde_json::to_string(&index.docs).unwrap(),
            r#"{"pages":[["Smog","/nl/afleveringen/smog/","smog",false],["Smog","/nl/quiz/smog/","smog",true]],"docs":[[0,null,null,4],[0,"lucht","Lucht",4],[1,null,"Zuurstof helpt?",4]]}"#
        );
        let z = &index.shards.iter().find(|(k, _)| *k == 'z').unwrap().1;
        // Documents as differences: "zuurstof" in 0 (text) and 2 (heading); "zuur" in 1; no
        // compound ends ("zuur" + "stof" would need "stof" of four letters after a word).
        assert_eq!(
            serde_json::to_string(z).unwrap(),
            r#"[[["zout",[1,1]],["zuur",[1,1]],["zuurstof",[0,1,2,5]]],[]]"#
        );
        let s = &index.shards.iter().find(|(k, _)| *k == 's').unwrap().1;
        assert_eq!(
            serde_json::to_string(s).unwrap(),
            r#"[[["smog",[0,5,2,5]]],[["stof",[0,1,2,5]]]]"#,
            "the title with each page's first document; zuur|stof: an end of a compound, in the \
             end's shard"
        );
        assert_eq!(index.shards.len(), SHARD_KEYS.len(), "empty shards too");
        let (catalog, mut shards) = (Catalog::new(index.docs), Shards::new(Lang::Nl));
        for (k, s) in index.shards {
            shards.insert(k, Some(s));
        }
        let hits = found(search(&catalog, &shards, "zuurst", 10)).hits;
        assert_eq!(hits[0].url, "/nl/quiz/smog/", "heading first");
        assert!(hits[0].quiz);
        assert_eq!(hits[1].url, "/nl/afleveringen/smog/");
        let hits = found(search(&catalog, &shards, "zout", 10)).hits;
        assert_eq!(hits[0].url, "/nl/afleveringen/smog/#lucht");
        assert_eq!(hits[0].section.as_deref(), Some("Lucht"));
    }
}
