//! Byte offset → line and column, in the units each output format wants.
//!
//! Every renderer, machine-readable format and the IR's `Origin` convert positions here, so they
//! all agree. Not behind the `render` feature: the IR build needs it in the browser too.
//! Lines end at `\n`, or at a `\r` that no `\n` follows (a `\r` before `\n` belongs to the
//! line): where the grammar's NEWLINE ends them, and where editors do. A lone CR is an error of
//! its own (ZC0001), but the other diagnostics of such a file are on the lines the reader sees.
//! Lines are numbered from 1.
//! Columns are numbered from 1 and counted in Unicode scalar values (chars): a CJK character
//! is one column, although a terminal draws it two cells wide. [`utf16_col`] counts UTF-16 code
//! units instead, as GitHub annotations, SARIF and JavaScript editors expect (a non-BMP char such
//! as `𠀀` is two units). An offset past the end is clamped to the end, and an offset inside a
//! char is moved back to that char's start, so no input panics.

use std::ops::Range;

use crate::diagnostic::Span;

/// 1-based `(line, column)` of `byte_offset` in `text`; the column counts chars, so a CJK
/// character is one column.
pub fn line_col(text: &str, byte_offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, byte_offset);
    let start = line_start(text, offset);
    let bytes = text.as_bytes();
    let line = (0..start).filter(|&i| ends_line(bytes, i)).count() + 1;
    (line, text[start..offset].chars().count() + 1)
}

/// Whether byte `i` of `bytes` ends a line: a `\n`, or a `\r` that no `\n` follows (the
/// grammar's NEWLINE; editors count lines the same way). The one definition of a line end: every
/// line number, column and line start in the compiler, the CLI and the playground comes from it.
pub fn ends_line(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        b'\n' => true,
        b'\r' => bytes.get(i + 1) != Some(&b'\n'),
        _ => false,
    }
}

/// The byte offsets where lines start: 0, and after each line end ([`ends_line`]).
pub fn line_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    std::iter::once(0).chain(
        (0..bytes.len())
            .filter(|&i| ends_line(bytes, i))
            .map(|i| i + 1),
    )
}

/// 1-based column of `byte_offset` counted in UTF-16 code units, for GitHub, SARIF and browsers
/// (subtract 1 for LSP's 0-based `character`).
pub fn utf16_col(text: &str, byte_offset: usize) -> usize {
    let offset = floor_char_boundary(text, byte_offset);
    let start = line_start(text, offset);
    text[start..offset].encode_utf16().count() + 1
}

/// Byte offset where the line containing `offset` starts. A byte-order mark at the start of
/// the file is not part of line 1: editors do not show it as a column.
fn line_start(text: &str, offset: usize) -> usize {
    let bytes = text.as_bytes();
    match (0..offset).rev().find(|&i| ends_line(bytes, i)) {
        Some(i) => i + 1,
        None if text.starts_with('\u{FEFF}') && offset >= 3 => 3,
        None => 0,
    }
}

/// The largest char boundary of `text` at or before `offset` (clamped to the text's length).
pub(crate) fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The smallest char boundary of `text` at or after `offset` (clamped to the text's length).
fn ceil_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset += 1;
    }
    offset
}

/// `span` as a range that is safe to slice `text` with: inside the text, on char boundaries
/// (widened outwards if a bad span cuts a char), start ≤ end.
pub(crate) fn clamp_span(text: &str, span: Span) -> Range<usize> {
    let start = floor_char_boundary(text, span.start);
    let end = ceil_char_boundary(text, span.end).max(start);
    start..end
}

/// Line starts and char counts of one text, built once, so that looking up many positions is
/// not quadratic: [`line_col`] scans the text from its start on every call, and a renderer with
/// 10⁵ diagnostics in a 10 MB file would scan 10¹² bytes. Same results as [`line_col`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineIndex {
    /// Byte offset of each line's start: 0 and every byte after a `\n` or a lone `\r`.
    line_starts: Vec<usize>,
    /// `(byte, chars before it, UTF-16 units before it)` every `CHECKPOINT` bytes or so, on
    /// char boundaries.
    checkpoints: Vec<(usize, usize, usize)>,
    bom: bool,
}

const CHECKPOINT: usize = 4096;

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut line_starts = vec![0];
        let mut checkpoints = vec![(0, 0, 0)];
        let mut next_checkpoint = CHECKPOINT;
        let mut units = 0;
        let bytes = text.as_bytes();
        for (chars, (i, c)) in text.char_indices().enumerate() {
            if i >= next_checkpoint {
                checkpoints.push((i, chars, units));
                next_checkpoint = i + CHECKPOINT;
            }
            if ends_line(bytes, i) {
                line_starts.push(i + 1);
            }
            units += c.len_utf16();
        }
        LineIndex {
            line_starts,
            checkpoints,
            bom: text.starts_with('\u{FEFF}'),
        }
    }

    /// Chars before `byte` (a char boundary of `text`).
    pub(crate) fn chars_before(&self, text: &str, byte: usize) -> usize {
        let k = self.checkpoints.partition_point(|&(b, _, _)| b <= byte) - 1;
        let (b, n, _) = self.checkpoints[k];
        n + text[b..byte].chars().count()
    }

    /// UTF-16 code units before `byte` (a char boundary of `text`).
    fn units_before(&self, text: &str, byte: usize) -> usize {
        let k = self.checkpoints.partition_point(|&(b, _, _)| b <= byte) - 1;
        let (b, _, u) = self.checkpoints[k];
        u + text[b..byte].encode_utf16().count()
    }

    /// How many lines the text has (at least 1: an empty text is one empty line).
    #[cfg(feature = "render")]
    pub(crate) fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Byte offset where the 0-based line `k` starts (the byte-order mark is before line 1's
    /// start, as in [`line_col`]); the text's length for `k` past the last line.
    #[cfg(feature = "render")]
    pub(crate) fn line_start(&self, text: &str, k: usize) -> usize {
        match self.line_starts.get(k) {
            Some(0) if self.bom && text.len() >= 3 => 3,
            Some(&start) => start,
            None => text.len(),
        }
    }

    /// The byte offset of char number `chars` of `text` (the text's length past its end).
    #[cfg(feature = "render")]
    pub(crate) fn byte_of_char(&self, text: &str, chars: usize) -> usize {
        let k = self.checkpoints.partition_point(|&(_, n, _)| n <= chars) - 1;
        let (b, n, _) = self.checkpoints[k];
        text[b..]
            .char_indices()
            .nth(chars - n)
            .map_or(text.len(), |(i, _)| b + i)
    }

    /// 0-based line and byte start of the line containing `offset` (a char boundary).
    pub(crate) fn line_of(&self, offset: usize) -> (usize, usize) {
        let k = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let mut start = self.line_starts[k];
        if k == 0 && self.bom && offset >= 3 {
            start = 3;
        }
        (k, start)
    }

    /// [`line_col`] of `byte_offset` in `text`, the text this index was built from.
    pub fn line_col(&self, text: &str, byte_offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(text, byte_offset);
        let (k, start) = self.line_of(offset);
        // A line shorter than a checkpoint's stride is counted directly; a longer one through
        // the checkpoints, so a 1 MB line with many diagnostics is not quadratic either.
        let chars = if offset - start <= CHECKPOINT {
            text[start..offset].chars().count()
        } else {
            self.chars_before(text, offset) - self.chars_before(text, start)
        };
        (k + 1, chars + 1)
    }

    /// [`utf16_col`] of `byte_offset` in `text`, the text this index was built from.
    pub fn utf16_col(&self, text: &str, byte_offset: usize) -> usize {
        let offset = floor_char_boundary(text, byte_offset);
        let (_, start) = self.line_of(offset);
        let units = if offset - start <= CHECKPOINT {
            text[start..offset].encode_utf16().count()
        } else {
            self.units_before(text, offset) - self.units_before(text, start)
        };
        units + 1
    }

    /// The char offset of `byte_offset` (moved back to a char boundary) in `text`.
    pub fn char_offset(&self, text: &str, byte_offset: usize) -> usize {
        self.chars_before(text, floor_char_boundary(text, byte_offset))
    }
}

#[cfg(test)]
mod bom_tests {
    use super::*;

    #[test]
    fn the_index_agrees_with_line_col() {
        let mut text = "\u{FEFF}目标 甲\r\n".to_string();
        for i in 0..3000 {
            text.push_str(&format!("部门 𠀀{i}\n值：232万人 // 注\n"));
            if i % 700 == 0 {
                // An old Mac line end (a lone CR) among the others.
                text.push_str("甲\r乙");
            }
            if i % 1500 == 0 {
                // Lines longer than a checkpoint's stride take the checkpoints.
                text.push_str(&"说明 𠀀a".repeat(600));
                text.push('\n');
            }
        }
        let index = LineIndex::new(&text);
        for offset in (0..=text.len() + 2).step_by(31) {
            assert_eq!(
                index.line_col(&text, offset),
                line_col(&text, offset),
                "{offset}"
            );
            assert_eq!(
                index.utf16_col(&text, offset),
                utf16_col(&text, offset),
                "{offset}"
            );
            let o = floor_char_boundary(&text, offset);
            assert_eq!(index.char_offset(&text, offset), text[..o].chars().count());
        }
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line() {
        // Old Mac line ends: each CR ends a line, as the grammar and editors have it.
        let text = "甲\r乙丙\r\r丁\r\n戊\r";
        let index = LineIndex::new(text);
        for (needle, want) in [
            ("甲", (1, 1)),
            ("乙", (2, 1)),
            ("丙", (2, 2)),
            ("丁", (4, 1)),
        ] {
            let at = text.find(needle).unwrap();
            assert_eq!(line_col(text, at), want, "{needle}");
            assert_eq!(index.line_col(text, at), want, "{needle}");
            assert_eq!(utf16_col(text, at), want.1, "{needle}");
            assert_eq!(index.utf16_col(text, at), want.1, "{needle}");
        }
        // The CR of a CRLF belongs to its line; the LF ends it.
        let crlf = text.find("\r\n").unwrap();
        assert_eq!(line_col(text, crlf), (4, 2));
        assert_eq!(line_col(text, crlf + 1), (4, 3));
        assert_eq!(line_col(text, text.find('戊').unwrap()), (5, 1));
        assert_eq!(line_col(text, text.len()), (6, 1));
        assert_eq!(index.line_col(text, text.len()), (6, 1));
    }

    #[test]
    fn a_byte_order_mark_is_not_a_column() {
        let text = "\u{FEFF}目标 甲";
        assert_eq!(line_col(text, 3), (1, 1));
        assert_eq!(line_col(text, 3 + "目标 ".len()), (1, 4));
        assert_eq!(utf16_col(text, 3), 1);
    }
}
