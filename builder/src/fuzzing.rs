//! The fuzz target's and the smoke test's entry: one episode file, as bytes, through the whole
//! content pipeline (load → audio → render → validate → assemble) in a small valid season,
//! with the rule every input must keep: the build never panics, and every problem it reports
//! names a file and a line.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::{load, pipeline};
use loopje::model::Lang;
use std::path::Path;

/// Inputs are cut to this size: a generated article is Markdown, and larger ones only slow the
/// search without reaching other code (`./x bench` measures size separately).
pub const MAX_INPUT: usize = 64 * 1024;

/// Builds `season` (a content folder) with `bytes` as its first episode's Dutch article;
/// returns the problems found (none: the input was valid content).
pub fn check_episode(season: &Path, bytes: &[u8], options: &pipeline::Options) -> Vec<Diagnostic> {
    let bytes = &bytes[..bytes.len().min(MAX_INPUT)];
    let mut diags = Diagnostics::default();
    let mut content = load::load(season, &mut diags);
    let Some((id, dir)) = content.episode_dirs.first().cloned() else {
        return diags.into_sorted();
    };
    content
        .episodes
        .retain(|e| !(e.id == id && e.lang == Lang::Nl));
    if let Some(ep) = load::episode_from_bytes(&id, &dir, Lang::Nl, bytes, &mut diags) {
        content.episodes.push(ep);
    }
    pipeline::build_loaded(content, diags, options)
        .err()
        .unwrap_or_default()
}

/// Whether a problem is reported as the house style wants: `file:line: problem — fix`, with
/// a file, a line from 1, and some words on both sides of the dash.
pub fn well_formed(d: &Diagnostic) -> bool {
    let shown = d.to_string();
    !d.file.as_os_str().is_empty()
        && d.line >= 1
        && d.column.is_none_or(|c| c >= 1)
        && !d.problem.trim().is_empty()
        && !d.fix.trim().is_empty()
        && shown.starts_with(&format!("{}:{}", d.file.display(), d.line))
}

/// A deterministic stream of episode files: the seeds, then mutations of them (bytes changed,
/// Markdown and TOML fragments inserted, pieces repeated, cut or spliced from another seed).
pub struct Mutator {
    seeds: Vec<Vec<u8>>,
    state: u64,
}

/// What authors and editors type, and what breaks parsers: inserted at random places.
const FRAGMENTS: &[&[u8]] = &[
    b"\n",
    b"\r\n",
    b"\r",
    b"\n\n",
    b"- ",
    b"* ",
    b"1. ",
    b"> ",
    b"## ",
    b"# ",
    b"### x {#a}\n",
    b"[@",
    b"]",
    b"[^n]",
    b"[^n]: note\n",
    b"{{",
    b"}}",
    b"{{quiz een}}",
    b"{{pullquote x}}",
    b"{{intensity-test}}",
    b"|",
    b"| a | b |\n|---|---|\n",
    b"`",
    b"```\n",
    b"*",
    b"**",
    b"_",
    b"[x](",
    b")",
    b"ep:",
    b"#",
    b"![",
    b"<",
    b"<script>",
    b"&",
    b"+++\n",
    b"+++",
    b"=",
    b"\"",
    b"[0:34]",
    b"[1:00:00]",
    b"\xEF\xBB\xBF",
    b"\xFF",
    b"\xC3",
    b"\t",
    b"    ",
    b"\\",
    b"audio = \"nl.mp3\"\n",
    b"chapters = \"x.json\"\n",
    b"depressie",
    b"\xC3\xA9",
];

impl Mutator {
    pub fn new(seeds: Vec<Vec<u8>>, seed: u64) -> Self {
        assert!(!seeds.is_empty());
        Mutator {
            seeds,
            state: seed | 1,
        }
    }

    fn next_u64(&mut self) -> u64 {
        // xorshift64*: small, fast and reproducible.
        self.state ^= self.state >> 12;
        self.state ^= self.state << 25;
        self.state ^= self.state >> 27;
        self.state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// The `n`th input: seeds first, then mutants.
    pub fn input(&mut self, n: usize) -> Vec<u8> {
        if let Some(seed) = self.seeds.get(n) {
            return seed.clone();
        }
        let pick = self.below(self.seeds.len());
        let mut data = self.seeds[pick].clone();
        for _ in 0..1 + self.below(8) {
            self.mutate(&mut data);
        }
        data.truncate(MAX_INPUT);
        data
    }

    fn mutate(&mut self, data: &mut Vec<u8>) {
        let at = self.below(data.len() + 1);
        match self.below(6) {
            0 if !data.is_empty() => {
                let i = at.min(data.len() - 1);
                data[i] = self.next_u64() as u8;
            }
            1 => {
                let fragment = FRAGMENTS[self.below(FRAGMENTS.len())];
                data.splice(at..at, fragment.iter().copied());
            }
            2 => {
                let end = (at + self.below(64)).min(data.len());
                data.drain(at..end);
            }
            3 => {
                // Repeat a piece: deep nesting and long runs.
                let end = (at + self.below(16)).min(data.len());
                let piece = data[at..end].to_vec();
                for _ in 0..self.below(100) {
                    data.splice(at..at, piece.iter().copied());
                }
            }
            4 => {
                let pick = self.below(self.seeds.len());
                let len = self.seeds[pick].len();
                let from = self.below(len);
                let to = (from + self.below(2048)).min(len);
                let piece = self.seeds[pick][from..to].to_vec();
                data.splice(at..at, piece);
            }
            _ => data.truncate(at),
        }
    }
}

/// The seeds: the real articles and the fixtures' episode files, found under `roots`.
pub fn seeds(roots: &[&Path]) -> Vec<Vec<u8>> {
    let mut files = Vec::new();
    let mut todo: Vec<std::path::PathBuf> = roots.iter().map(|r| r.to_path_buf()).collect();
    while let Some(dir) = todo.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                todo.push(path);
            } else if path.extension().is_some_and(|e| e == "md")
                && path
                    .parent()
                    .is_some_and(|p| p.parent().is_some_and(|p| p.ends_with("episodes")))
            {
                files.push(path);
            }
        }
    }
    files.sort();
    files.iter().filter_map(|f| std::fs::read(f).ok()).collect()
}
