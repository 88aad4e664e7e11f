//! Byte offsets ↔ LSP positions (0-based line, and a column counted in the negotiated encoding:
//! UTF-16 code units by default, or UTF-8 bytes when the client offers them).
//!
//! Lines end where the compiler ends them (`position::line_starts`: `\n`, and a `\r` that no `\n`
//! follows), which is where LSP ends them too. Unlike the compiler's columns for people, a
//! byte-order mark counts here: it is a character of the editor's text.

use lsp_types::Position;
use zhengce_compiler::position::line_starts;

/// How columns are counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf16,
    Utf8,
}

/// The line starts of one text.
#[derive(Clone, Debug)]
pub struct Lines {
    starts: Vec<usize>,
    encoding: Encoding,
}

impl Lines {
    pub fn new(text: &str, encoding: Encoding) -> Lines {
        Lines {
            starts: line_starts(text).collect(),
            encoding,
        }
    }

    /// The position of `offset` (clamped to the text, moved back to a char boundary).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let column = match self.encoding {
            Encoding::Utf8 => offset - start,
            Encoding::Utf16 => text[start..offset].encode_utf16().count(),
        };
        Position::new(to_u32(line), to_u32(column))
    }

    /// The offset of `position`: a line past the end is the end of the text, a column past the
    /// line's end is the line's end, a column inside a character is the character's start.
    pub fn offset(&self, text: &str, position: Position) -> usize {
        let line = position.line as usize;
        let Some(&start) = self.starts.get(line) else {
            return text.len();
        };
        let end = self.starts.get(line + 1).copied().unwrap_or(text.len());
        // The line's content, without its line end.
        let content = text[start..end].trim_end_matches(['\n', '\r']);
        let want = position.character as usize;
        let mut units = 0;
        for (i, c) in content.char_indices() {
            if units >= want {
                return start + i;
            }
            units += match self.encoding {
                Encoding::Utf8 => c.len_utf8(),
                Encoding::Utf16 => c.len_utf16(),
            };
            if units > want {
                return start + i;
            }
        }
        start + content.len()
    }

    /// The range of a byte span.
    pub fn range(&self, text: &str, start: usize, end: usize) -> lsp_types::Range {
        lsp_types::Range::new(
            self.position(text, start),
            self.position(text, end.max(start)),
        )
    }

    /// The byte offset where line `line` starts.
    pub fn start(&self, line: usize) -> usize {
        self.starts[line.min(self.starts.len() - 1)]
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_units_and_round_trip() {
        let text = "目标 甲\r\n𠀀值：1人\r乙\n";
        let lines = Lines::new(text, Encoding::Utf16);
        let value = text.find('值').unwrap();
        assert_eq!(lines.position(text, value), Position::new(1, 2));
        assert_eq!(lines.offset(text, Position::new(1, 2)), value);
        // Inside the surrogate pair: the character's start.
        assert_eq!(lines.offset(text, Position::new(1, 1)), value - 4);
        // A lone CR ends a line.
        assert_eq!(
            lines.position(text, text.find('乙').unwrap()),
            Position::new(2, 0)
        );
        // Past the line's end, past the last line.
        assert_eq!(lines.offset(text, Position::new(0, 99)), "目标 甲".len());
        assert_eq!(lines.offset(text, Position::new(99, 0)), text.len());
        let utf8 = Lines::new(text, Encoding::Utf8);
        assert_eq!(utf8.position(text, value), Position::new(1, 4));
        assert_eq!(utf8.offset(text, Position::new(1, 4)), value);
    }
}
