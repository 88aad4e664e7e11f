//! The part of a source file one diagnostic's snippet shows, so that drawing a diagnostic costs
//! the size of its snippet, not of its file.
//!
//! ariadne and codespan-reporting draw from a text and byte or char offsets into it. Handed the
//! whole file, ariadne walks every line between a diagnostic's first and last label (a duplicate
//! defined 60,000 lines after the first: 60,000 lines per diagnostic), and both print a labelled
//! line whole (10,000 diagnostics on one 200 KB line: 2 GB of output). An [`Excerpt`] holds only
//! the lines a renderer shows, with stand-in lines where it would skip some, and cuts a line
//! longer than [`LONG_LINE`] chars to [`CONTEXT`] chars around each label end, marking each cut
//! with `…`. The renderers draw the excerpt; line numbers and columns are mapped back to the file
//! ([`Excerpt::source_line_col`], [`Excerpt::number`]). For lines no longer than [`LONG_LINE`]
//! the drawing is the same as from the whole file (`tests.rs` compares the two).
//!
//! The excerpt's text is already [`visible`](super::terminal): control characters and the like
//! are replaced one char for one, so char columns are kept.

use std::collections::BTreeMap;

use crate::position::LineIndex;

/// Lines up to this many chars are shown whole.
pub(super) const LONG_LINE: usize = 300;
/// Chars kept on each side of a label's start or end in a longer line.
pub(super) const CONTEXT: usize = 80;
/// A cut shorter than this is not worth its `…`.
const MIN_CUT: usize = 8;
const ELLIPSIS: char = '…';

/// The lines of one file that one diagnostic's snippet shows.
#[derive(Debug)]
pub(super) struct Excerpt {
    /// The shown text: each line with its own line end (a lone CR shown as LF, as `visible` does).
    pub(super) text: String,
    lines: Vec<Shown>,
}

/// One line of an excerpt.
#[derive(Debug)]
struct Shown {
    /// 0-based line in the file; `None` for a stand-in for lines the renderer skips.
    line: Option<usize>,
    /// The 1-based number of the line in the file (of the last skipped line, for a stand-in).
    number: usize,
    /// Where the line starts in the excerpt's text, in bytes and in chars.
    byte_start: usize,
    char_start: usize,
    /// The kept parts of the file's line: (column in the file, column in the excerpt, chars);
    /// columns are 0-based chars from the line's start.
    parts: Vec<(usize, usize, usize)>,
    /// Chars of the line without its line end, in the file and as shown.
    file_len: usize,
    shown_len: usize,
}

impl Excerpt {
    /// The excerpt of `text` (indexed by `index`) showing the lines of `points` (byte offsets)
    /// and `extra_lines` (0-based); each run of lines left out becomes `stand_ins` empty lines.
    pub(super) fn new(
        text: &str,
        index: &LineIndex,
        points: &[usize],
        extra_lines: &[usize],
        stand_ins: usize,
    ) -> Excerpt {
        // Columns of the points on each shown line.
        let mut lines: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for &p in points {
            let (line, col) = column(text, index, p);
            lines.entry(line).or_default().push(col);
        }
        for &line in extra_lines {
            if line < index.line_count() {
                lines.entry(line).or_default();
            }
        }
        let mut excerpt = Excerpt {
            text: String::new(),
            lines: Vec::with_capacity(lines.len()),
        };
        let mut previous: Option<usize> = None;
        for (line, cols) in lines {
            if previous.is_some_and(|p| line > p + 1) {
                for _ in 0..stand_ins {
                    excerpt.lines.push(Shown {
                        line: None,
                        number: line,
                        byte_start: excerpt.text.len(),
                        char_start: excerpt.char_len(),
                        parts: Vec::new(),
                        file_len: 0,
                        shown_len: 0,
                    });
                    excerpt.text.push('\n');
                }
            }
            previous = Some(line);
            excerpt.push_line(text, index, line, &cols);
        }
        excerpt
    }

    fn char_len(&self) -> usize {
        self.lines.last().map_or(0, |l| {
            let end = self.text.len();
            l.char_start + self.text[l.byte_start..end].chars().count()
        })
    }

    fn push_line(&mut self, text: &str, index: &LineIndex, line: usize, cols: &[usize]) {
        let start = index.line_start(text, line);
        let next = index.line_start(text, line + 1).max(start);
        let ending = line_ending(&text[start..next]);
        let content_end = next - ending.len();
        let content = &text[start..content_end];
        // A line of a few hundred bytes is counted directly; a longer one through the index.
        let (chars_at_start, file_len) = if content.len() <= LONG_LINE {
            (0, content.chars().count())
        } else {
            let at_start = index.chars_before(text, start);
            (at_start, index.chars_before(text, content_end) - at_start)
        };

        let mut shown = Shown {
            line: Some(line),
            number: line + 1,
            byte_start: self.text.len(),
            char_start: self.char_len(),
            parts: Vec::new(),
            file_len,
            shown_len: 0,
        };
        let mut col_shown = 0;
        let mut kept_to = 0;
        for (a, b) in kept_parts(file_len, cols) {
            if a > kept_to {
                self.text.push(ELLIPSIS);
                col_shown += 1;
            }
            let (from, to) = if (a, b) == (0, file_len) {
                (start, content_end)
            } else {
                (
                    index.byte_of_char(text, chars_at_start + a),
                    index.byte_of_char(text, chars_at_start + b),
                )
            };
            self.text
                .extend(text[from..to].chars().map(super::terminal::shown_char));
            shown.parts.push((a, col_shown, b - a));
            col_shown += b - a;
            kept_to = b;
        }
        if kept_to < file_len {
            self.text.push(ELLIPSIS);
            col_shown += 1;
        }
        shown.shown_len = col_shown;
        // A CRLF stays (ariadne counts it as one line end of two chars), a lone CR becomes LF.
        self.text
            .push_str(if ending == "\r" { "\n" } else { ending });
        self.lines.push(shown);
    }

    /// Where byte `offset` of the file (on a line of the excerpt) is in the excerpt's text:
    /// (char offset, byte offset).
    pub(super) fn locate(&self, text: &str, index: &LineIndex, offset: usize) -> (usize, usize) {
        let (line, col) = column(text, index, offset);
        // Numbers never decrease along the excerpt, and only a shown line has its own.
        let k = self.lines.partition_point(|l| l.number <= line);
        let Some(shown) = self.lines.get(k).filter(|l| l.line == Some(line)) else {
            return (self.char_len(), self.text.len());
        };
        let col = if col >= shown.file_len {
            shown.shown_len + (col - shown.file_len)
        } else {
            shown
                .parts
                .iter()
                .find(|&&(a, _, n)| col < a + n)
                .map_or(shown.shown_len, |&(a, x, _)| x + col.saturating_sub(a))
        };
        let byte = self.text[shown.byte_start..]
            .char_indices()
            .nth(col)
            .map_or(self.text.len(), |(i, _)| shown.byte_start + i);
        (shown.char_start + col, byte)
    }

    /// The 1-based number in the file of excerpt line `k` (0-based).
    pub(super) fn number(&self, k: usize) -> usize {
        self.lines.get(k).map_or(0, |l| l.number)
    }

    /// The 0-based excerpt line holding char offset `chars` of the excerpt's text.
    pub(super) fn line_at_char(&self, chars: usize) -> usize {
        self.lines
            .partition_point(|l| l.char_start <= chars)
            .saturating_sub(1)
    }

    /// The 0-based excerpt line holding byte offset `byte` of the excerpt's text.
    pub(super) fn line_at_byte(&self, byte: usize) -> usize {
        self.lines
            .partition_point(|l| l.byte_start <= byte)
            .saturating_sub(1)
    }

    /// How many lines the excerpt has.
    pub(super) fn line_count(&self) -> usize {
        self.lines.len()
    }

    /// The byte range of excerpt line `k` in the excerpt's text, with its line end.
    pub(super) fn line_range(&self, k: usize) -> std::ops::Range<usize> {
        let start = self.lines.get(k).map_or(self.text.len(), |l| l.byte_start);
        let end = self
            .lines
            .get(k + 1)
            .map_or(self.text.len(), |l| l.byte_start);
        start..end
    }

    /// The 1-based line and column in the file of 0-based char column `col` of excerpt line `k`.
    pub(super) fn source_line_col(&self, k: usize, col: usize) -> (usize, usize) {
        let Some(shown) = self.lines.get(k) else {
            return (0, col + 1);
        };
        let file_col = if col >= shown.shown_len {
            shown.file_len + (col - shown.shown_len)
        } else {
            shown
                .parts
                .iter()
                .find(|&&(_, x, n)| col < x + n)
                .map_or(shown.file_len, |&(a, x, _)| a + col.saturating_sub(x))
        };
        (shown.number, file_col + 1)
    }
}

/// The 0-based line of byte `offset` (moved back to a char boundary) and its char column.
fn column(text: &str, index: &LineIndex, offset: usize) -> (usize, usize) {
    let (line, col) = index.line_col(text, offset);
    (line - 1, col - 1)
}

/// The line end at the end of `line` (a line with its end): `\r\n`, `\n`, `\r` or nothing.
fn line_ending(line: &str) -> &str {
    if line.ends_with("\r\n") {
        &line[line.len() - 2..]
    } else if line.ends_with(['\n', '\r']) {
        &line[line.len() - 1..]
    } else {
        ""
    }
}

/// The column ranges of a line of `len` chars to show: all of it when it is short, otherwise
/// [`CONTEXT`] chars around each of `cols`, merged when the cut between would be short.
fn kept_parts(len: usize, cols: &[usize]) -> Vec<(usize, usize)> {
    if len <= LONG_LINE {
        return vec![(0, len)];
    }
    let mut wanted: Vec<(usize, usize)> = cols
        .iter()
        .map(|&c| {
            let c = c.min(len);
            (c.saturating_sub(CONTEXT), (c + CONTEXT + 1).min(len))
        })
        .collect();
    if wanted.is_empty() {
        wanted.push((0, 2 * CONTEXT));
    }
    wanted.sort_unstable();
    let mut parts: Vec<(usize, usize)> = Vec::with_capacity(wanted.len());
    for (a, b) in wanted {
        match parts.last_mut() {
            Some(last) if a <= last.1 + MIN_CUT => last.1 = last.1.max(b),
            _ => parts.push((if a < MIN_CUT { 0 } else { a }, b)),
        }
    }
    if let Some(last) = parts.last_mut() {
        if len - last.1 < MIN_CUT {
            last.1 = len;
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn excerpt(text: &str, points: &[usize], stand_ins: usize) -> Excerpt {
        Excerpt::new(text, &LineIndex::new(text), points, &[], stand_ins)
    }

    #[test]
    fn only_the_lines_of_the_points_and_a_stand_in_per_gap() {
        let text = "甲\n乙\n丙\n丁\r\n戊";
        let at = |s: &str| text.find(s).unwrap();
        let x = excerpt(text, &[at("甲"), at("丁"), at("戊")], 1);
        assert_eq!(x.text, "甲\n\n丁\r\n戊");
        assert_eq!(x.number(0), 1);
        assert_eq!(x.number(2), 4);
        assert_eq!(x.number(3), 5);
        let index = LineIndex::new(text);
        let (chars, byte) = x.locate(text, &index, at("戊"));
        assert_eq!(&x.text[byte..], "戊");
        assert_eq!(chars, 6);
        assert_eq!(x.source_line_col(3, 0), (5, 1));
        // The CR of a CRLF is its line's, as in the file.
        assert_eq!(x.locate(text, &index, at("丁") + 3).0, 4);
    }

    #[test]
    fn a_long_line_is_cut_around_its_points() {
        let line = "名".repeat(1000);
        let text = format!("{line}\n");
        let at = 500 * "名".len();
        let x = excerpt(&text, &[at], 1);
        let shown = x.text.trim_end();
        assert_eq!(shown.chars().count(), 2 * CONTEXT + 1 + 2);
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
        let index = LineIndex::new(&text);
        let (chars, _) = x.locate(&text, &index, at);
        assert_eq!(chars, CONTEXT + 1);
        assert_eq!(x.source_line_col(0, chars), (1, 501));
        // A column in a cut maps to the start of the next kept part.
        assert_eq!(x.source_line_col(0, 0), (1, 501 - CONTEXT));
    }

    #[test]
    fn short_cuts_are_not_made() {
        assert_eq!(kept_parts(10, &[3]), vec![(0, 10)]);
        assert_eq!(kept_parts(400, &[5, 395]), vec![(0, 86), (315, 400)]);
        assert_eq!(kept_parts(400, &[100, 170]), vec![(20, 251)]);
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line_and_shows_as_a_line_feed() {
        let text = "甲\r乙\r丙";
        let x = excerpt(text, &[text.find('丙').unwrap()], 1);
        assert_eq!(x.text, "丙");
        assert_eq!(x.number(0), 3);
        let x = excerpt(text, &[0, text.find('乙').unwrap()], 1);
        assert_eq!(x.text, "甲\n乙\n");
    }
}
