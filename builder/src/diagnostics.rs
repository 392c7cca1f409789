//! Build errors that name the file and line, say what is wrong and how to fix it.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    pub file: PathBuf,
    /// 1-based line number in `file`.
    pub line: usize,
    /// 1-based column, for problems within a line (a byte that is not UTF-8).
    pub column: Option<usize>,
    pub problem: String,
    pub fix: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file.display(), self.line)?;
        if let Some(column) = self.column {
            write!(f, ":{column}")?;
        }
        write!(f, ": {} — {}", self.problem, self.fix)
    }
}

/// Collects every problem of a build so the author sees them all at once.
#[derive(Default, Debug)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    pub fn error(
        &mut self,
        file: &Path,
        line: usize,
        problem: impl Into<String>,
        fix: impl Into<String>,
    ) {
        self.0.push(Diagnostic {
            file: file.to_path_buf(),
            line: line.max(1),
            column: None,
            problem: problem.into(),
            fix: fix.into(),
        });
    }

    /// A problem at one place within a line: reported as `file:line:column: problem — fix`.
    pub fn error_at(
        &mut self,
        file: &Path,
        (line, column): (usize, usize),
        problem: impl Into<String>,
        fix: impl Into<String>,
    ) {
        self.error(file, line, problem, fix);
        if let Some(last) = self.0.last_mut() {
            last.column = Some(column.max(1));
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.0.sort();
        self.0.dedup();
        self.0
    }
}

/// Where each line of a text starts, found once so that every position is then looked up by
/// binary search: a diagnostic's line costs O(log n), not a scan from the start of the file.
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    /// Byte offset of the start of each line; the first is 0.
    starts: Vec<usize>,
}

impl LineIndex {
    /// Lines end at `\n` (texts are normalised to it when they are read: `load::read_text`).
    pub fn new(text: &[u8]) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.iter()
                .enumerate()
                .filter(|(_, &b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }

    /// 1-based line of a byte offset (past the end: the last line).
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
    }

    /// Byte offset at which the 1-based `line` starts.
    pub fn start(&self, line: usize) -> usize {
        self.starts[line.clamp(1, self.starts.len()) - 1]
    }

    /// 1-based line and column (in characters, as an editor counts) of a byte offset in `text`,
    /// the text this index was built from. Bytes that are not UTF-8 count one column each.
    pub fn line_column(&self, text: &[u8], offset: usize) -> (usize, usize) {
        let line = self.line(offset);
        let before = &text[self.start(line)..offset.min(text.len())];
        let column = String::from_utf8_lossy(before).chars().count() + 1;
        (line, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_file_line_problem_fix() {
        let mut d = Diagnostics::default();
        d.error(Path::new("content/a.md"), 3, "bad thing", "do this");
        assert_eq!(
            d.into_sorted()[0].to_string(),
            "content/a.md:3: bad thing — do this"
        );
        let mut d = Diagnostics::default();
        d.error_at(Path::new("content/a.md"), (3, 7), "bad byte", "save it");
        assert_eq!(
            d.into_sorted()[0].to_string(),
            "content/a.md:3:7: bad byte — save it"
        );
    }

    #[test]
    fn lines_and_columns() {
        let text = "a\nbé\n\nc";
        let index = LineIndex::new(text.as_bytes());
        let lines: Vec<usize> = (0..=text.len() + 5).map(|i| index.line(i)).collect();
        assert_eq!(lines, [1, 1, 2, 2, 2, 2, 3, 4, 4, 4, 4, 4, 4, 4]);
        assert_eq!(
            index.line_column(text.as_bytes(), 5),
            (2, 3),
            "é is one column"
        );
        assert_eq!(index.line_column(text.as_bytes(), 7), (4, 1));
        assert_eq!(LineIndex::new(b"").line(0), 1);
    }
}
