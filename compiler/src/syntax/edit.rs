//! Parsing an edited file again by its top-level statements: only the statements the edit
//! touches are parsed and lowered; the others keep their items and diagnostics, moved by the
//! length the edit added or removed. The result is what [`super::parse`] gives for the new text
//! (the property test in `tests/incremental.rs` compares them over random edits).
//!
//! Why parsing the statements around the edit alone gives the whole file's parse: a file is
//! `statement*` with blanks and comments between; a statement ends with `}` or a consumed line end
//! or `；`, so parsing it never looks past its end, and what lies between two statements (blanks,
//! comments) parses alike wherever a parse starts. So when the old text parsed in one go, the new
//! text is the old statements before the edit, the statements parsed from the edited stretch
//! (from the end of the last untouched statement before it to the start of the first untouched one
//! after it), and the old statements after it. The fast path is taken only when that reasoning
//! holds; anything else (a syntax error before or after the edit, a statement of the stretch
//! ending at the end of the stretch without a terminator, two 文件头, an input limit, `zhengce:`
//! comments) parses the whole text again.

use super::lower::{Lowerer, TopStatement};
use super::{check_characters, check_nesting, limits, parse_file, parse_slice, Parsed};
use crate::ast::{Document, Item};
use crate::diagnostic::{Diagnostic, Span};
use crate::spans::EachSpan;

/// A file's parse, kept for the next edit.
#[derive(Debug)]
pub(crate) struct FileParse {
    pub(crate) parsed: Parsed,
    /// The top-level statements, when the whole file parsed in one go.
    pub(super) editable: Option<Editable>,
}

#[derive(Clone, Debug)]
pub(super) struct Editable {
    /// In order; each one's items are consecutive in the document.
    pub(super) statements: Vec<StatementRecord>,
    /// Whether the text has no invisible or control character to report.
    pub(super) char_free: bool,
}

/// What one top-level statement gave, its items aside (they are in the document).
#[derive(Clone, Debug)]
pub(super) struct StatementRecord {
    span: Span,
    /// How many items of the document it lowered to.
    pub(super) items: usize,
    items_within: usize,
    diags: Vec<Diagnostic>,
    header: bool,
}

impl StatementRecord {
    pub(super) fn of(s: &TopStatement) -> StatementRecord {
        StatementRecord {
            span: s.span,
            items: s.items.len(),
            items_within: s.items_within,
            diags: s.diags.clone(),
            header: s.items.iter().any(|i| matches!(i, Item::Header(_))),
        }
    }
}

impl FileParse {
    /// A parse that an edit cannot reuse.
    pub(super) fn whole(parsed: Parsed) -> FileParse {
        FileParse {
            parsed,
            editable: None,
        }
    }

    /// The parse of an empty file (a placeholder while a parse is replaced).
    pub(crate) fn empty() -> FileParse {
        FileParse::whole(Parsed {
            document: Document {
                items: Vec::new(),
                span: Span::default(),
            },
            diagnostics: Vec::new(),
            directives: Vec::new(),
        })
    }

    /// Parses `text` (file name `file`) with the default limits.
    pub(crate) fn new(text: &str, file: &str) -> FileParse {
        parse_file(text, file, &limits::Limits::DEFAULT)
    }

    /// The parse of `new`, this being the parse of `old`: the statements the edit touches
    /// parsed again, or the whole text when that cannot be done.
    pub(crate) fn edit(self, old: &str, new: &str, file: &str) -> FileParse {
        if old == new {
            return self;
        }
        match self.edit_statements(old, new, file) {
            Some(parse) => parse,
            None => FileParse::new(new, file),
        }
    }

    fn edit_statements(self, old: &str, new: &str, file: &str) -> Option<FileParse> {
        let FileParse {
            parsed:
                Parsed {
                    document,
                    diagnostics: _,
                    directives: _,
                },
            editable,
        } = self;
        let editable = editable?;
        let limits = limits::Limits::DEFAULT;
        let (start, old_end, new_end) = changed(old, new);
        // Nesting can only change where a bracket or quotation mark was typed or deleted.
        let nesting_changed =
            has_nesting_mark(&old[start..old_end]) || has_nesting_mark(&new[start..new_end]);
        if new.len() > limits.file_bytes
            || new.contains("zhengce:")
            || new.contains("zhengce：")
            || (nesting_changed && check_nesting(new, file, limits.nesting).is_some())
        {
            return None;
        }
        let statements = &editable.statements;
        // The statements the edit touches: those that end at or after its start and begin at or
        // before its end (a statement next to the edit may run into it).
        let first = statements.partition_point(|s| s.span.end < start);
        let after = statements.partition_point(|s| s.span.start <= old_end);
        let from = first.checked_sub(1).map_or(0, |i| statements[i].span.end);
        let to_old = statements.get(after).map_or(old.len(), |s| s.span.start);
        let delta = new.len() as isize - old.len() as isize;
        let to_new = to_old.checked_add_signed(delta)?;
        if from > start || to_old < old_end || to_new < new_end || to_new > new.len() {
            return None;
        }
        let stretch = new.get(from..to_new)?;
        if from > 0 && stretch.starts_with('\u{feff}') {
            return None;
        }
        let file_pair = parse_slice(stretch).ok()?.next()?;
        let mut lower = Lowerer {
            file,
            diags: Vec::new(),
        };
        let fresh = lower.top_statements(file_pair, from);
        // A statement of the stretch that ends where the stretch does must end with its own
        // terminator: one that ended on the end of the text (`&EOI`) would run on into what
        // follows in the whole file.
        if to_new < new.len() {
            if let Some(last) = fresh.last().filter(|s| s.span.end == to_new) {
                let ends = new[..last.span.end].chars().next_back();
                if !matches!(ends, Some('}' | '｝' | '\n' | '\r' | '；' | ';' | '。')) {
                    return None;
                }
            }
        }
        let kept = statements[..first].iter().chain(&statements[after..]);
        let headers = kept.clone().filter(|s| s.header).count()
            + fresh
                .iter()
                .filter(|s| s.items.iter().any(|i| matches!(i, Item::Header(_))))
                .count();
        let items_within: usize = kept.map(|s| s.items_within).sum::<usize>()
            + fresh.iter().map(|s| s.items_within).sum::<usize>();
        if headers > 1 || items_within > limits.items {
            return None;
        }

        // The document: items before the edit as they are, the stretch's, the rest moved.
        let items_before: usize = statements[..first].iter().map(|s| s.items).sum();
        let items_touched: usize = statements[first..after].iter().map(|s| s.items).sum();
        let mut items = document.items;
        let mut tail = items.split_off(items_before + items_touched);
        items.truncate(items_before);
        let mut records: Vec<StatementRecord> = statements[..first].to_vec();
        records.extend(fresh.iter().map(StatementRecord::of));
        for s in fresh {
            items.extend(s.items);
        }
        for item in &mut tail {
            item.shift_spans(delta);
        }
        items.append(&mut tail);
        for s in &statements[after..] {
            let mut s = s.clone();
            s.span.shift_spans(delta);
            for d in &mut s.diags {
                shift_diagnostic(d, delta);
            }
            records.push(s);
        }

        // Invisible and control characters are no syntax errors. The old text had none (its
        // parse kept none) and the typed text has none: the new one has none either; otherwise
        // they are found again in the whole text.
        let clean_chars = editable.char_free && !forbidden_near(new, start, new_end);
        let char_diags = if clean_chars {
            Vec::new()
        } else {
            check_characters(new, file)
        };
        let char_free = char_diags.is_empty();
        let mut diagnostics = char_diags;
        diagnostics.extend(records.iter().flat_map(|s| s.diags.iter().cloned()));
        crate::diagnostic::sort_diagnostics(&mut diagnostics);
        Some(FileParse {
            parsed: Parsed {
                document: Document {
                    items,
                    span: Span::new(0, new.len()),
                },
                diagnostics,
                // A file with `zhengce:` comments is parsed whole.
                directives: Vec::new(),
            },
            editable: Some(Editable {
                statements: records,
                char_free,
            }),
        })
    }
}

/// Where `old` and `new` differ: the start, and the end in each (`old[start..old_end]` became
/// `new[start..new_end]`), on char boundaries.
fn changed(old: &str, new: &str) -> (usize, usize, usize) {
    let mut start = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(start) || !new.is_char_boundary(start) {
        start -= 1;
    }
    let most = old.len().min(new.len()) - start;
    let mut suffix = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(most)
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix) {
        suffix -= 1;
    }
    (start, old.len() - suffix, new.len() - suffix)
}

/// Whether `text` has a mark that opens or closes a level of nesting (`check_nesting`'s).
fn has_nesting_mark(text: &str) -> bool {
    text.contains(['{', '｛', '“', '「', '《', '}', '｝', '”', '」', '》'])
}

/// Whether `text[from..to]`, or the character on either side of it, is one `check_characters`
/// reports (a lone CR may be made by deleting the LF after it; a BOM is allowed at 0 only).
fn forbidden_near(text: &str, from: usize, to: usize) -> bool {
    let from = text[..from]
        .char_indices()
        .next_back()
        .map_or(0, |(i, _)| i);
    let to = text[to..].chars().next().map_or(to, |c| to + c.len_utf8());
    let window = &text[from..to];
    let mut chars = window.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let at = from + i;
        let allowed = match c {
            '\r' => {
                chars.peek().is_some_and(|(_, n)| *n == '\n')
                    || (at + 1 == to && text[to..].starts_with('\n'))
            }
            '\u{feff}' => at == 0,
            c => super::forbidden_char(c).is_none(),
        };
        if !allowed {
            return true;
        }
    }
    false
}

/// Moves a diagnostic's spans (its labels, all in this file) by `delta`.
fn shift_diagnostic(d: &mut Diagnostic, delta: isize) {
    for label in &mut d.labels {
        label.span.shift_spans(delta);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_changed_stretch() {
        assert_eq!(changed("abcdef", "abXdef"), (2, 3, 3));
        assert_eq!(changed("abc", "abc"), (3, 3, 3));
        assert_eq!(changed("aaa", "aaaa"), (3, 3, 4));
        assert_eq!(changed("目标甲", "目标乙"), (6, 9, 9));
        // 甲 (E7 94 B2) and 由 (E7 94 B1) share two bytes: the change starts at the char.
        assert_eq!(changed("甲", "由"), (0, 3, 3));
    }

    fn parse(text: &str) -> FileParse {
        FileParse::new(text, "t.zc")
    }

    fn same(a: &Parsed, b: &Parsed) {
        assert_eq!(a.document, b.document);
        assert_eq!(a.diagnostics, b.diagnostics);
    }

    #[test]
    fn an_edit_in_one_item_parses_that_item_again() {
        let old = "部门：县扶贫办\n目标 甲 {\n  值：100人\n}\n\n// 注\n目标 乙 {\n  值：200人\n  牵头：县扶贫办\n}\n";
        let new = old.replace("100人", "1000人");
        let edited = parse(old).edit(old, &new, "t.zc");
        assert!(edited.editable.is_some());
        same(&edited.parsed, &parse(&new).parsed);
        // An edit that breaks the item: the whole text again, with the same errors.
        let broken = old.replace("100人", "100人 {");
        let edited = parse(old).edit(old, &broken, "t.zc");
        same(&edited.parsed, &parse(&broken).parsed);
        assert!(edited.editable.is_none());
    }
}
