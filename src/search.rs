//! Searching the season on the device. The builder splits the index per language (see
//! `model::SearchDocs`): the list of documents, one term shard per first character of a word,
//! and one text file per episode. A query needs `docs.json` and the shards of its words' first
//! characters; the text files are fetched only for the snippets of the results shown.
//!
//! A query matches a document when every word of it starts a word of the document ("loop"
//! finds "looptherapie"; stems are not guessed, so "liep" does not find "lopen"), accents and
//! case aside. The builder folds and splits words with the functions here, so both sides
//! agree on what a word is.

use crate::model::{
    SearchDoc, SearchDocs, SearchPage, SearchPageTexts, SearchShard, SearchTexts, SearchWord,
};
use std::collections::BTreeMap;

/// Lower case without accents, one char for one char, so positions in the folded text are
/// positions in the original (so `æ` and `ß` stay themselves). The site's one folding table:
/// the builder's heading ids use it too.
pub fn fold(c: char) -> char {
    let c = c.to_lowercase().next().unwrap_or(c);
    match c {
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

/// The words of a text, folded, each with its position in chars; anything not alphanumeric
/// (after folding) separates words.
pub fn words(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (at, c) in text.chars().map(fold).enumerate() {
        match (c.is_alphanumeric(), &mut current) {
            (true, Some((_, w))) => w.push(c),
            (true, None) => current = Some((at, c.to_string())),
            (false, _) => out.extend(current.take()),
        }
    }
    out.extend(current);
    out
}

/// The words of a query, folded.
pub fn terms(query: &str) -> Vec<String> {
    words(query).into_iter().map(|(_, w)| w).collect()
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

/// The term shards fetched so far, kept for the page's lifetime. A list, not a map: there are
/// at most 37, and a map type of its own would add to the wasm.
#[derive(Default)]
pub struct Shards(Vec<(char, Fetched<SearchShard>)>);

impl Shards {
    fn get(&self, key: char) -> Option<&Fetched<SearchShard>> {
        self.0.iter().find(|(k, _)| *k == key).map(|(_, f)| f)
    }

    /// The shards `query` needs that are neither here nor on their way, now marked as on their
    /// way. One that failed is asked for again: the network may be back.
    pub fn want(&mut self, query: &str) -> Vec<char> {
        let mut keys = Vec::new();
        for key in terms(query).iter().map(|t| term_key(t)) {
            if matches!(self.get(key), None | Some(Fetched::Failed)) {
                self.insert_fetched(key, Fetched::Loading);
                keys.push(key);
            }
        }
        keys
    }

    /// A shard arrived, or (`None`) could not be fetched.
    pub fn insert(&mut self, key: char, shard: Option<SearchShard>) {
        self.insert_fetched(key, shard.map_or(Fetched::Failed, Fetched::Ready));
    }

    fn insert_fetched(&mut self, key: char, fetched: Fetched<SearchShard>) {
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some((_, f)) => *f = fetched,
            None => self.0.push((key, fetched)),
        }
    }
}

/// Per document, the score of the words of one shard that start with `term`.
fn scores(shard: &SearchShard, term: &str, docs: usize) -> Vec<u32> {
    let mut scores = vec![0u32; docs];
    let words = &shard.words;
    let from = words.partition_point(|w| w.word.as_str() < term);
    for w in words[from..]
        .iter()
        .take_while(|w| w.word.starts_with(term))
    {
        let mut doc = 0usize;
        for pair in w.postings.chunks_exact(2) {
            doc += pair[0] as usize;
            if let Some(s) = scores.get_mut(doc) {
                *s += pair[1];
            }
        }
    }
    scores
}

/// `docs.json`, ready to name results.
pub struct Catalog {
    docs: SearchDocs,
    /// Per page, the number of its first document.
    first: Vec<u32>,
}

impl Catalog {
    pub fn new(docs: SearchDocs) -> Self {
        let mut first = vec![0; docs.pages.len()];
        for (i, d) in docs.docs.iter().enumerate().rev() {
            if let Some(f) = first.get_mut(d.page as usize) {
                *f = i as u32;
            }
        }
        Catalog { docs, first }
    }

    fn hit(&self, doc: u32) -> Option<Hit> {
        let d = self.docs.docs.get(doc as usize)?;
        let page = self.docs.pages.get(d.page as usize)?;
        Some(Hit {
            title: page.title.clone(),
            url: match &d.anchor {
                Some(a) => format!("{}#{a}", page.path),
                None => page.path.clone(),
            },
            section: d.section.clone(),
            quiz: page.quiz,
            group: page.group.clone(),
            path: page.path.clone(),
            nth: (doc - self.first[d.page as usize]) as usize,
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
    path: String,
    /// The document's place among its page's documents.
    nth: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    /// A shard the query needs is still on its way.
    Loading,
    /// A shard the query needs could not be fetched.
    Unavailable,
    /// Best first: words in the title or heading count five times, documents in the order of
    /// the season break ties.
    Hits(Vec<Hit>),
}

pub fn search(catalog: &Catalog, shards: &Shards, query: &str, limit: usize) -> Answer {
    let terms = terms(query);
    let n = catalog.docs.docs.len();
    let mut total = vec![0u32; n];
    let mut matched = vec![true; n];
    for term in &terms {
        let shard = match shards.get(term_key(term)) {
            Some(Fetched::Ready(s)) => s,
            Some(Fetched::Failed) => return Answer::Unavailable,
            Some(Fetched::Loading) | None => return Answer::Loading,
        };
        for ((t, m), s) in total
            .iter_mut()
            .zip(&mut matched)
            .zip(scores(shard, term, n))
        {
            *t += s;
            *m &= s > 0;
        }
    }
    if terms.is_empty() {
        return Answer::Hits(Vec::new());
    }
    let mut ranked: Vec<u32> = (0..n as u32).filter(|&d| matched[d as usize]).collect();
    // Stable: equal scores stay in document order.
    ranked.sort_by_key(|&d| std::cmp::Reverse(total[d as usize]));
    Answer::Hits(
        ranked
            .into_iter()
            .take(limit)
            .filter_map(|d| catalog.hit(d))
            .collect(),
    )
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

    /// The hit's snippet for `query`, once its text is here: (before, match, after).
    pub fn snippet(&self, hit: &Hit, query: &str) -> Option<(String, String, String)> {
        let Some(Fetched::Ready(texts)) = self.get(&hit.group) else {
            return None;
        };
        let text = texts
            .pages
            .iter()
            .find(|p| p.path == hit.path)?
            .texts
            .get(hit.nth)?;
        Some(snippet(text, first_match(text, &terms(query))))
    }
}

/// Where the text shows the query: the first word starting with the first term (in query
/// order) that the text has, as (char position, term length). None when only the title or
/// heading matched.
pub fn first_match(text: &str, terms: &[String]) -> Option<(usize, usize)> {
    let words = words(text);
    terms.iter().find_map(|t| {
        words
            .iter()
            .find(|(_, w)| w.starts_with(t.as_str()))
            .map(|(at, _)| (*at, t.chars().count()))
    })
}

/// About 12 words either side of the match, cut at word boundaries.
pub fn snippet(text: &str, at: Option<(usize, usize)>) -> (String, String, String) {
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

impl IndexBuilder {
    /// A page's documents as (anchor, heading, text); a page without any is left out.
    pub fn add(&mut self, page: SearchPage, docs: Vec<(Option<String>, Option<String>, String)>) {
        if docs.is_empty() {
            return;
        }
        let number = self.docs.pages.len() as u32;
        self.docs.pages.push(page);
        for (anchor, section, text) in docs {
            self.docs.docs.push(SearchDoc {
                page: number,
                anchor,
                section,
            });
            self.texts.push(text);
        }
    }

    pub fn finish(self) -> Index {
        // word → (document, score), in document order
        let mut postings: BTreeMap<String, Vec<(u32, u32)>> = BTreeMap::new();
        for (i, (doc, text)) in self.docs.docs.iter().zip(&self.texts).enumerate() {
            let page = &self.docs.pages[doc.page as usize];
            let head = format!("{} {}", page.title, doc.section.as_deref().unwrap_or(""));
            for (weight, source) in [(5, head.as_str()), (1, text.as_str())] {
                for (_, word) in words(source) {
                    let list = postings.entry(word).or_default();
                    match list.last_mut() {
                        Some((d, score)) if *d == i as u32 => *score += weight,
                        _ => list.push((i as u32, weight)),
                    }
                }
            }
        }
        let mut shards: Vec<(char, SearchShard)> = SHARD_KEYS
            .chars()
            .map(|k| (k, SearchShard::default()))
            .collect();
        for (word, list) in postings {
            let key = shard_key(word.chars().next().expect("words are not empty"));
            let mut previous = 0;
            let mut encoded = Vec::with_capacity(list.len() * 2);
            for (doc, score) in list {
                encoded.extend([doc - previous, score]);
                previous = doc;
            }
            let shard = &mut shards
                .iter_mut()
                .find(|(k, _)| *k == key)
                .expect("every key has a shard")
                .1;
            shard.words.push(SearchWord {
                word,
                postings: encoded,
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

    /// Each document on its own page, written to JSON and read back as the app reads it.
    fn index(docs: &[Doc]) -> (Catalog, Shards, Texts) {
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
        fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(t: &T) -> T {
            serde_json::from_str(&serde_json::to_string(t).unwrap()).unwrap()
        }
        let mut shards = Shards::default();
        for (key, shard) in &index.shards {
            shards.insert(*key, Some(round_trip(shard)));
        }
        let mut texts = Texts::default();
        for (group, t) in &index.texts {
            texts.insert(group.clone(), Some(round_trip(t)));
        }
        (Catalog::new(round_trip(&index.docs)), shards, texts)
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

    fn hits(answer: Answer) -> Vec<Hit> {
        match answer {
            Answer::Hits(h) => h,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn folding_keeps_positions() {
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
    }

    #[test]
    fn every_word_must_start_a_word() {
        let (catalog, shards, _) = season();
        let titles = |q: &str| {
            hits(search(&catalog, &shards, q, 10))
                .into_iter()
                .map(|h| h.title)
                .collect::<Vec<_>>()
        };
        assert_eq!(titles("cafeine"), ["Voeding"], "accents do not matter");
        assert_eq!(titles("LOOP"), ["Hoofd"], "prefix of a word, any case");
        assert_eq!(titles("stad"), ["Smog", "Voeding"]);
        assert_eq!(titles("stad tainio"), ["Smog"], "all words");
        assert_eq!(titles("tad"), Vec::<String>::new(), "not inside a word");
        assert_eq!(titles("motar"), ["Hoofd"], "the heading counts");
        assert!(titles("").is_empty() && titles("  ,. ").is_empty());
        assert_eq!(titles("141"), ["Hoofd"], "numbers have their shard");
    }

    #[test]
    fn headings_rank_first_and_snippets_show_the_match() {
        let (catalog, shards, texts) = season();
        let found = hits(search(&catalog, &shards, "fijnstof", 10));
        assert_eq!(found[0].title, "Smog");
        assert_eq!(
            texts.snippet(&found[0], "fijnstof").unwrap().1,
            "",
            "heading only"
        );
        let hit = &hits(search(&catalog, &shards, "patienten", 10))[0];
        let snippet = texts.snippet(hit, "patienten").unwrap();
        assert_eq!(snippet.1, "patiënten", "the match in its original spelling");
        assert!(snippet.0.ends_with("bij 141 "), "{snippet:?}");
        // Five for each word in the title or heading, one in the text.
        let (catalog, shards, _) = index(&[
            ("A", "S", "stad stad stad stad"),
            ("B", "Stad", "geen"),
            ("C", "S", "stad stad stad stad stad stad"),
            ("D", "S", "stad stad stad stad stad stad"),
        ]);
        let order: Vec<String> = hits(search(&catalog, &shards, "st", 10))
            .into_iter()
            .map(|h| h.title)
            .collect();
        assert_eq!(order, ["C", "D", "B", "A"], "ties keep the season's order");

        let long = format!("{} needle {}", "word ".repeat(60), "word ".repeat(60));
        let (catalog, shards, texts) = index(&[("L", "S", &long)]);
        let hit = &hits(search(&catalog, &shards, "needle", 1))[0];
        let (before, m, after) = texts.snippet(hit, "needle").unwrap();
        assert_eq!(m, "needle");
        assert!(before.starts_with('…') && after.ends_with('…'));
        assert!(before.chars().count() <= 82 && after.chars().count() <= 82);
    }

    #[test]
    fn a_query_needs_only_the_shards_of_its_words() {
        let (catalog, ready, _) = season();
        let mut shards = Shards::default();
        assert_eq!(shards.want("stad Tainio sneller"), ['s', 't']);
        assert_eq!(
            shards.want("stad"),
            Vec::<char>::new(),
            "already on its way"
        );
        assert_eq!(shards.want("één æble 7"), ['e', '_', '7']);
        assert_eq!(search(&catalog, &shards, "stad", 10), Answer::Loading);
        let take = |k: char| {
            ready.get(k).and_then(|f| match f {
                Fetched::Ready(s) => Some(s.clone()),
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
        assert_eq!(hits(search(&catalog, &shards, "stad", 10)).len(), 2);
        assert_eq!(
            shards.want("tainio"),
            ['t'],
            "a failed shard is asked for again"
        );
        shards.insert('t', take('t'));
        assert_eq!(hits(search(&catalog, &shards, "stad tainio", 10)).len(), 1);
    }

    #[test]
    fn snippets_wait_for_their_text_file_and_do_without_it() {
        let (catalog, shards, loaded) = season();
        let found = hits(search(&catalog, &shards, "stad", 10));
        let mut texts = Texts::default();
        assert_eq!(texts.want(&found), ["smog", "voeding"]);
        assert!(texts.want(&found).is_empty(), "already on their way");
        assert_eq!(texts.snippet(&found[0], "stad"), None);
        let take = |g: &str| {
            loaded.get(g).and_then(|f| match f {
                Fetched::Ready(t) => Some(t.clone()),
                _ => None,
            })
        };
        texts.insert("smog".into(), take("smog"));
        texts.insert("voeding".into(), None);
        assert_eq!(texts.snippet(&found[0], "stad").unwrap().1, "stad");
        assert_eq!(texts.snippet(&found[1], "stad"), None, "shown without one");
        assert!(
            texts.want(&found).is_empty(),
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
            r#"{"pages":[["Smog","/nl/afleveringen/smog/","smog",false],["Smog","/nl/quiz/smog/","smog",true]],"docs":[[0,null,null],[0,"lucht","Lucht"],[1,null,"Zuurstof helpt?"]]}"#
        );
        let z = &index.shards.iter().find(|(k, _)| *k == 'z').unwrap().1;
        // Documents as differences: "zuurstof" in 0 (text) and 2 (heading); "zuur" in 1.
        assert_eq!(
            serde_json::to_string(z).unwrap(),
            r#"[["zout",[1,1]],["zuur",[1,1]],["zuurstof",[0,1,2,5]]]"#
        );
        assert_eq!(index.shards.len(), SHARD_KEYS.len(), "empty shards too");
        let (catalog, mut shards) = (Catalog::new(index.docs), Shards::default());
        for (k, s) in index.shards {
            shards.insert(k, Some(s));
        }
        let found = hits(search(&catalog, &shards, "zuurst", 10));
        assert_eq!(found[0].url, "/nl/quiz/smog/", "heading first");
        assert!(found[0].quiz);
        assert_eq!(found[1].url, "/nl/afleveringen/smog/");
        let found = hits(search(&catalog, &shards, "zout", 10));
        assert_eq!(found[0].url, "/nl/afleveringen/smog/#lucht");
        assert_eq!(found[0].section.as_deref(), Some("Lucht"));
    }
}
