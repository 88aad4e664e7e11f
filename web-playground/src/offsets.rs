//! UTF-8 byte offsets (what the compiler's spans are) → UTF-16 offsets, lines and columns (what a
//! JavaScript editor counts in).
//!
//! JavaScript strings, and so CodeMirror positions, count UTF-16 code units: a CJK character is
//! one unit (three bytes in UTF-8), a character outside the Basic Multilingual Plane such as
//! `𠀀` is two units (a surrogate pair; four bytes in UTF-8). An offset from the start of the file
//! counts every unit, a byte-order mark included (the editor keeps it as a character); a column
//! follows `zhengce_compiler::position::utf16_col`, where a byte-order mark is not a column.

use zhengce_compiler::position::{ends_line, utf16_col};

/// Where a byte offset is, in the units a JavaScript editor uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Utf16Position {
    /// UTF-16 code units from the start of the text.
    pub offset: usize,
    /// 1-based line (lines end at `\n` and at a `\r` that no `\n` follows, as in CodeMirror and
    /// `zhengce_compiler::position`).
    pub line: usize,
    /// 1-based column in UTF-16 code units.
    pub column: usize,
}

/// Line starts of one text, so that each lookup only scans its own line.
pub struct Utf16Index<'a> {
    text: &'a str,
    /// Byte offset of each line's start, and the UTF-16 offset of the same place.
    lines: Vec<(usize, usize)>,
}

impl<'a> Utf16Index<'a> {
    pub fn new(text: &'a str) -> Utf16Index<'a> {
        let mut lines = vec![(0, 0)];
        let mut units = 0;
        let bytes = text.as_bytes();
        for (i, c) in text.char_indices() {
            units += c.len_utf16();
            if ends_line(bytes, i) {
                lines.push((i + 1, units));
            }
        }
        Utf16Index { text, lines }
    }

    /// The position of `byte`: clamped to the text, and moved back to the start of the char it
    /// falls inside, so no span panics.
    pub fn position(&self, byte: usize) -> Utf16Position {
        self.at(floor_boundary(self.text, byte))
    }

    /// Like [`position`](Self::position), but an offset inside a char moves forward to the
    /// char's end: for the end of a span, so that a bad span still covers the whole char.
    pub fn end_position(&self, byte: usize) -> Utf16Position {
        self.at(ceil_boundary(self.text, byte))
    }

    fn at(&self, byte: usize) -> Utf16Position {
        let line = self.lines.partition_point(|&(start, _)| start <= byte) - 1;
        let (line_byte, line_units) = self.lines[line];
        let offset = line_units + self.text[line_byte..byte].encode_utf16().count();
        Utf16Position {
            offset,
            line: line + 1,
            column: utf16_col(self.text, byte),
        }
    }
}

impl Utf16Index<'_> {
    /// The byte offset of a UTF-16 offset from the start of the text (CodeMirror's position):
    /// clamped to the text; inside a surrogate pair, the character's start.
    pub fn byte_of(&self, offset: usize) -> usize {
        let line = self.lines.partition_point(|&(_, units)| units <= offset) - 1;
        let (line_byte, mut units) = self.lines[line];
        for (i, c) in self.text[line_byte..].char_indices() {
            let next = units + c.len_utf16();
            if next > offset {
                return line_byte + i;
            }
            units = next;
        }
        self.text.len()
    }
}

fn floor_boundary(text: &str, byte: usize) -> usize {
    let mut byte = byte.min(text.len());
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    byte
}

fn ceil_boundary(text: &str, byte: usize) -> usize {
    let mut byte = byte.min(text.len());
    while !text.is_char_boundary(byte) {
        byte += 1;
    }
    byte
}

#[cfg(test)]
mod tests {
    use super::*;
    use zhengce_compiler::position::line_col;

    /// The UTF-16 slice `[from, to)` of `text`, as JavaScript's `text.slice(from, to)` gives it.
    fn js_slice(text: &str, from: usize, to: usize) -> String {
        let units: Vec<u16> = text.encode_utf16().collect();
        String::from_utf16(&units[from..to]).unwrap()
    }

    fn span_of(text: &str, needle: &str) -> (usize, usize) {
        let start = text.find(needle).unwrap();
        (start, start + needle.len())
    }

    #[test]
    fn utf16_offsets_go_back_to_bytes() {
        let text = "目标 甲\r\n𠀀值：1人\r乙\n";
        let index = Utf16Index::new(text);
        for (byte, _) in text.char_indices() {
            assert_eq!(index.byte_of(index.position(byte).offset), byte);
        }
        assert_eq!(index.byte_of(9999), text.len());
        // Inside the surrogate pair of 𠀀: its start.
        let pair = text.find('𠀀').unwrap();
        assert_eq!(index.byte_of(index.position(pair).offset + 1), pair);
    }

    #[test]
    fn ascii_is_unchanged() {
        let text = "ab\ncd";
        let index = Utf16Index::new(text);
        assert_eq!(
            index.position(4),
            Utf16Position {
                offset: 4,
                line: 2,
                column: 2
            }
        );
    }

    #[test]
    fn cjk_characters_are_one_unit_each() {
        let text = "目标 贫困人口脱贫 {\n  值：232万人\n  分年度：2016年50万、2017年56万\n}\n";
        let index = Utf16Index::new(text);
        let (start, end) = span_of(text, "232万人");
        let from = index.position(start);
        let to = index.end_position(end);
        // Line 2 starts after "目标 贫困人口脱贫 {\n": 12 units; "  值：" is 4 more.
        assert_eq!(
            from,
            Utf16Position {
                offset: 16,
                line: 2,
                column: 5
            }
        );
        assert_eq!(to.offset - from.offset, "232万人".chars().count());
        assert_eq!(to.column, 5 + "232万人".chars().count());
        assert_eq!(js_slice(text, from.offset, to.offset), "232万人");
    }

    #[test]
    fn non_bmp_characters_are_two_units() {
        // 𠀀 (U+20000) is four bytes in UTF-8 and a surrogate pair in UTF-16.
        let text = "部门 𠀀𠀀办\n目标 𠀀乙 {\n  值：5万人\n}";
        let index = Utf16Index::new(text);
        let (start, end) = span_of(text, "𠀀乙");
        let from = index.position(start);
        let to = index.end_position(end);
        assert_eq!(from.line, 2);
        assert_eq!(from.column, 4);
        assert_eq!(from.offset, "部门 𠀀𠀀办\n目标 ".encode_utf16().count());
        assert_eq!(from.offset, 3 + 4 + 1 + 1 + 3);
        assert_eq!(to.offset - from.offset, 3);
        assert_eq!(js_slice(text, from.offset, to.offset), "𠀀乙");
        // A later line is shifted by the surrogate pairs before it.
        let (start, end) = span_of(text, "5万人");
        let from = index.position(start);
        let to = index.end_position(end);
        assert_eq!((from.line, from.column), (3, 5));
        assert_eq!(js_slice(text, from.offset, to.offset), "5万人");
    }

    #[test]
    fn offsets_inside_a_char_snap_outwards() {
        let text = "甲𠀀乙";
        let index = Utf16Index::new(text);
        // Byte 5 is inside 𠀀 (bytes 3..7): the start moves back to 3, the end forward to 7.
        assert_eq!(index.position(5).offset, 1);
        assert_eq!(index.end_position(5).offset, 3);
        // Past the end: clamped.
        assert_eq!(index.position(1000).offset, 4);
        assert_eq!(index.end_position(1000).offset, 4);
    }

    #[test]
    fn a_byte_order_mark_counts_as_an_offset_but_not_a_column() {
        let text = "\u{FEFF}目标 甲";
        let index = Utf16Index::new(text);
        let p = index.position(3 + "目标 ".len());
        assert_eq!(p.offset, 4);
        assert_eq!((p.line, p.column), (1, 4));
    }

    #[test]
    fn every_char_boundary_agrees_with_a_direct_count() {
        let text =
            "文件《甲》{\n  成文日期：2017年11月28日\n}\r\n目标 𠀀𠀁 {值：1.5万元}\r甲\r\r\n\n";
        let index = Utf16Index::new(text);
        for (byte, _) in text.char_indices().chain([(text.len(), ' ')]) {
            let p = index.position(byte);
            assert_eq!(p.offset, text[..byte].encode_utf16().count(), "byte {byte}");
            assert_eq!(p.column, utf16_col(text, byte), "byte {byte}");
            assert_eq!(p.line, line_col(text, byte).0, "byte {byte}");
        }
    }
}
