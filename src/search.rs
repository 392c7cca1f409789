//! Searching the season on the device: the index (`/<lang>/search-index.json`, built by the
//! builder) is folded once to lower case without accents, and a query matches a document when
//! every word of it starts a word of the document ("loop" finds "looptherapie"; stems are not
//! guessed, so "liep" does not find "lopen").

use crate::model::{SearchDoc, SearchIndex};

/// Lower case without accents, one char for one char, so positions in the folded text are
/// positions in the original.
pub fn fold(c: char) -> char {
    let c = c.to_lowercase().next().unwrap_or(c);
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        other => other,
    }
}

fn folded(s: &str) -> Vec<char> {
    s.chars().map(fold).collect()
}

/// The words of a query, folded; punctuation separates words.
pub fn terms(query: &str) -> Vec<Vec<char>> {
    query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(folded)
        .collect()
}

/// One word of a document, by position: the index sorts these by the (folded) word they point
/// at, so the words starting with a term are one contiguous run, found by binary search.
#[derive(Clone, Copy)]
struct Word {
    doc: u32,
    /// In the title or heading rather than the text.
    head: bool,
    start: u32,
    len: u32,
}

/// An index ready to search: each document with its folded text, and every word sorted.
pub struct Searcher {
    docs: Vec<(SearchDoc, Vec<char>, Vec<char>)>,
    words: Vec<Word>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub doc: SearchDoc,
    /// Text around the first match: (before, match, after).
    pub snippet: (String, String, String),
}

/// Per document, for one term: matches in the head, in the text, and the first in the text.
#[derive(Clone, Copy, Default)]
struct Found {
    head: usize,
    text: usize,
    first: Option<usize>,
}

impl Searcher {
    pub fn new(index: SearchIndex) -> Self {
        let docs: Vec<(SearchDoc, Vec<char>, Vec<char>)> = index
            .docs
            .into_iter()
            .map(|d| {
                let head = folded(&format!(
                    "{} {}",
                    d.title,
                    d.section.as_deref().unwrap_or("")
                ));
                let text = folded(&d.text);
                (d, head, text)
            })
            .collect();
        let mut words = Vec::new();
        for (i, (_, head, text)) in docs.iter().enumerate() {
            for (is_head, chars) in [(true, head), (false, text)] {
                let mut start = None;
                for (at, c) in chars.iter().chain(std::iter::once(&' ')).enumerate() {
                    match (c.is_alphanumeric(), start) {
                        (true, None) => start = Some(at),
                        (false, Some(s)) => {
                            words.push(Word {
                                doc: i as u32,
                                head: is_head,
                                start: s as u32,
                                len: (at - s) as u32,
                            });
                            start = None;
                        }
                        _ => {}
                    }
                }
            }
        }
        let mut searcher = Searcher {
            docs,
            words: Vec::new(),
        };
        words.sort_unstable_by(|a, b| searcher.chars(a).cmp(searcher.chars(b)));
        searcher.words = words;
        searcher
    }

    fn chars(&self, w: &Word) -> &[char] {
        let (_, head, text) = &self.docs[w.doc as usize];
        let source = if w.head { head } else { text };
        &source[w.start as usize..(w.start + w.len) as usize]
    }

    /// Per document, the words starting with `term`.
    fn find(&self, term: &[char]) -> std::collections::HashMap<u32, Found> {
        let mut found: std::collections::HashMap<u32, Found> = Default::default();
        let from = self.words.partition_point(|w| self.chars(w) < term);
        for w in self.words[from..]
            .iter()
            .take_while(|w| self.chars(w).starts_with(term))
        {
            let f = found.entry(w.doc).or_default();
            if w.head {
                f.head += 1;
            } else {
                f.text += 1;
                let at = w.start as usize;
                f.first = Some(f.first.map_or(at, |p: usize| p.min(at)));
            }
        }
        found
    }

    /// Documents matching every term, best first (words in the title or heading count more).
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let terms = terms(query);
        if terms.is_empty() {
            return Vec::new();
        }
        let per_term: Vec<_> = terms.iter().map(|t| self.find(t)).collect();
        // (score, document, first match as (char position, length))
        type Scored = (usize, u32, Option<(usize, usize)>);
        let mut scored: Vec<Scored> = per_term[0]
            .keys()
            .filter_map(|&doc| {
                let mut score = 0;
                let mut first = None;
                for (term, found) in terms.iter().zip(&per_term) {
                    let f = found.get(&doc)?;
                    score += f.head * 5 + f.text;
                    if first.is_none() {
                        first = f.first.map(|a| (a, term.len()));
                    }
                }
                Some((score, doc, first))
            })
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored
            .into_iter()
            .take(limit)
            .map(|(_, doc, first)| {
                let doc = &self.docs[doc as usize].0;
                Hit {
                    doc: doc.clone(),
                    snippet: snippet(&doc.text, first),
                }
            })
            .collect()
    }
}

/// About 12 words either side of the match, cut at word boundaries.
fn snippet(text: &str, at: Option<(usize, usize)>) -> (String, String, String) {
    let chars: Vec<char> = text.chars().collect();
    let Some((start, len)) = at else {
        let end = cut_after(&chars, 0, 160);
        let ellipsis = if end < chars.len() { "…" } else { "" };
        return (
            chars[..end].iter().collect::<String>() + ellipsis,
            String::new(),
            String::new(),
        );
    };
    let from = cut_before(&chars, start, 80);
    let to = cut_after(&chars, start + len, 80);
    let before: String = chars[from..start].iter().collect();
    let after: String = chars[start + len..to].iter().collect();
    (
        format!("{}{before}", if from > 0 { "…" } else { "" }),
        chars[start..start + len].iter().collect(),
        format!("{after}{}", if to < chars.len() { "…" } else { "" }),
    )
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

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(title: &str, section: &str, text: &str) -> SearchDoc {
        SearchDoc {
            title: title.into(),
            section: Some(section.into()),
            url: format!("/{title}"),
            quiz: false,
            text: text.into(),
        }
    }

    fn searcher() -> Searcher {
        Searcher::new(SearchIndex {
            docs: vec![
                doc(
                    "Smog",
                    "Fijnstof",
                    "Lopen langs drukke wegen in de stad: het rekenmodel van Tainio.",
                ),
                doc(
                    "Hoofd",
                    "MOTAR",
                    "Looptherapie tegenover antidepressiva, bij 141 patiënten.",
                ),
                doc(
                    "Voeding",
                    "Cafeïne",
                    "Cafeïne helpt wat bij duurinspanning; de stad maakt niet uit.",
                ),
            ],
        })
    }

    #[test]
    fn folding_keeps_positions() {
        assert_eq!(folded("Cafeïne É"), folded("cafeine e"));
        assert_eq!("Cafeïne".chars().count(), folded("Cafeïne").len());
    }

    #[test]
    fn every_word_must_start_a_word() {
        let s = searcher();
        let titles = |q: &str| {
            s.search(q, 10)
                .into_iter()
                .map(|h| h.doc.title)
                .collect::<Vec<_>>()
        };
        assert_eq!(titles("cafeine"), ["Voeding"], "accents do not matter");
        assert_eq!(titles("LOOP"), ["Hoofd"], "prefix of a word, any case");
        assert_eq!(titles("stad"), ["Smog", "Voeding"]);
        assert_eq!(titles("stad tainio"), ["Smog"], "all words");
        assert_eq!(titles("tad"), Vec::<String>::new(), "not inside a word");
        assert_eq!(titles("motar"), ["Hoofd"], "the heading counts");
        assert!(titles("").is_empty() && titles("  ,. ").is_empty());
    }

    #[test]
    fn headings_rank_first_and_snippets_show_the_match() {
        let s = searcher();
        let hits = s.search("fijnstof", 10);
        assert_eq!(hits[0].doc.title, "Smog");
        let hit = &s.search("patienten", 10)[0];
        assert_eq!(
            hit.snippet.1, "patiënten",
            "the match in its original spelling"
        );
        assert!(hit.snippet.0.ends_with("bij 141 "), "{:?}", hit.snippet);
        let long = Searcher::new(SearchIndex {
            docs: vec![doc(
                "L",
                "S",
                &format!("{} needle {}", "word ".repeat(60), "word ".repeat(60)),
            )],
        });
        let (before, m, after) = long.search("needle", 1)[0].snippet.clone();
        assert_eq!(m, "needle");
        assert!(before.starts_with('…') && after.ends_with('…'));
        assert!(before.chars().count() <= 82 && after.chars().count() <= 82);
    }
}
