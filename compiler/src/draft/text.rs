//! Text segmentation: the source's lines, the sentences and clauses inside them (byte spans into
//! the source, so every 原文 the draft writes is a verbatim slice), and the heading markers
//! (一、（一）1.（1）① 第一条) that make the outline.
//!
//! A sentence ends after 。！？ (and their half-width forms) outside brackets and quotation
//! marks, at the end of its line, and at an invisible or control character, which no policy file
//! may contain (docs/language.md §5.3): the character is left out and the text on either side
//! becomes two sentences.

use crate::syntax::forbidden_char;

/// A byte range of the source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Range {
    pub start: usize,
    pub end: usize,
}

impl Range {
    /// The text of the range; empty for a range that is not one of `src` (a fault of the
    /// drafter, which the tests and fuzzing look for, rather than a panic for the user).
    pub fn of<'s>(&self, src: &'s str) -> &'s str {
        src.get(self.start..self.end).unwrap_or_default()
    }
}

/// White space a line or sentence is trimmed of (the grammar's white space and the line-break
/// characters that are not newlines).
fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{feff}'
}

/// Characters that end a line: LF, CR and the Unicode line and paragraph separators.
fn breaks_line(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}' | '\u{b}' | '\u{c}'
    )
}

/// The non-blank lines of `src`, trimmed.
pub(super) fn lines(src: &str) -> Vec<Range> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in src.char_indices() {
        if breaks_line(c) {
            push_trimmed(src, start, i, &mut out);
            start = i + c.len_utf8();
        }
    }
    push_trimmed(src, start, src.len(), &mut out);
    out
}

fn push_trimmed(src: &str, start: usize, end: usize, out: &mut Vec<Range>) {
    if let Some(r) = trim(src, Range { start, end }) {
        out.push(r);
    }
}

/// `r` without white space at either end; `None` when nothing is left.
#[inline(never)]
pub(super) fn trim(src: &str, r: Range) -> Option<Range> {
    let text = &src[r.start..r.end];
    let lead = text.len() - text.trim_start_matches(is_space).len();
    let body = text.trim_matches(is_space);
    (!body.is_empty()).then(|| Range {
        start: r.start + lead,
        end: r.start + lead + body.len(),
    })
}

fn opens(c: char) -> bool {
    matches!(
        c,
        '“' | '「' | '《' | '（' | '(' | '【' | '〔' | '[' | '『' | '‘'
    )
}

fn closes(c: char) -> bool {
    matches!(
        c,
        '”' | '」' | '》' | '）' | ')' | '】' | '〕' | ']' | '』' | '’'
    )
}

fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?')
}

/// The sentences of one line (see the module comment for where they end).
#[inline(never)]
pub(super) fn sentences(src: &str, line: Range) -> Vec<Range> {
    split_at_depth_zero(src, line, ends_sentence)
}

/// The clauses of a sentence: split after ，,；; outside brackets; a clause does not end with
/// the comma or semicolon that separates it from the next.
#[inline(never)]
pub(super) fn clauses(src: &str, sentence: Range) -> Vec<Range> {
    split_at_depth_zero(src, sentence, |c| {
        matches!(c, '，' | ',' | '；' | ';' | '。' | '！' | '？' | '!' | '?')
    })
    .into_iter()
    .filter_map(|r| {
        let t = r.of(src).trim_end_matches(&['，', ',', '；', ';'][..]);
        (!t.is_empty()).then(|| Range {
            start: r.start,
            end: r.start + t.len(),
        })
    })
    .collect()
}

fn split_at_depth_zero(src: &str, r: Range, ends: impl Fn(char) -> bool) -> Vec<Range> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = r.start;
    for (i, c) in src[r.start..r.end].char_indices() {
        let at = r.start + i;
        if forbidden_char(c).is_some() || breaks_line(c) {
            if let Some(t) = trim(src, Range { start, end: at }) {
                out.push(t);
            }
            start = at + c.len_utf8();
            continue;
        }
        if opens(c) {
            depth += 1;
        } else if closes(c) {
            depth = depth.saturating_sub(1);
        } else if depth == 0 && ends(c) {
            let end = at + c.len_utf8();
            if let Some(t) = trim(src, Range { start, end }) {
                out.push(t);
            }
            start = end;
        }
    }
    if let Some(t) = trim(src, Range { start, end: r.end }) {
        out.push(t);
    }
    out
}

/// The start of `s` while `keep` holds (one function for every caller: the browser's wasm
/// holds it once, where each `take_while(…).collect()` would be compiled anew).
#[inline(never)]
pub(super) fn prefix_while(s: &str, keep: fn(char) -> bool) -> &str {
    let end = s
        .char_indices()
        .find(|&(_, c)| !keep(c))
        .map_or(s.len(), |(i, _)| i);
    &s[..end]
}

/// The first `n` characters of `s`.
#[inline(never)]
pub(super) fn first_chars(s: &str, n: usize) -> &str {
    &s[..s.char_indices().nth(n).map_or(s.len(), |(i, _)| i)]
}

/// The last `n` characters of `s`.
#[inline(never)]
pub(super) fn last_chars(s: &str, n: usize) -> &str {
    let start = match n.checked_sub(1) {
        Some(k) => s.char_indices().rev().nth(k).map_or(0, |(i, _)| i),
        None => s.len(),
    };
    &s[start..]
}

/// The characters of `s` that `keep` keeps.
#[inline(never)]
pub(super) fn chars_where(s: &str, keep: fn(char) -> bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if keep(c) {
            out.push(c);
        }
    }
    out
}

/// Whether `s` contains one of `words` (one function for every list of words).
#[inline(never)]
pub(super) fn contains_any(s: &str, words: &[&str]) -> bool {
    words.iter().any(|w| s.contains(w))
}

/// Whether `s` starts with one of `words`.
#[inline(never)]
pub(super) fn starts_with_any(s: &str, words: &[&str]) -> bool {
    words.iter().any(|w| s.starts_with(w))
}

/// Whether `s` ends with one of `words`.
#[inline(never)]
pub(super) fn ends_with_any(s: &str, words: &[&str]) -> bool {
    words.iter().any(|w| s.ends_with(w))
}

fn numeral_char(c: char) -> bool {
    cn_numeral(c) || arabic(c)
}

/// Clauses a sentence is read in at most: the extractors compare the clauses of a sentence
/// with one another, so a sentence is read in pieces of this many clauses to keep the work
/// linear in the length of the text (real sentences have a few dozen at most).
const CLAUSES_READ_TOGETHER: usize = 48;

/// The pieces a sentence is read in (the sentence itself, unless it is very long).
pub(super) fn analysis_chunks(src: &str, sentence: Range) -> Vec<Range> {
    let clauses = clauses(src, sentence);
    if clauses.len() <= CLAUSES_READ_TOGETHER {
        return vec![sentence];
    }
    clauses
        .chunks(CLAUSES_READ_TOGETHER)
        .map(|c| Range {
            start: c[0].start,
            end: c[c.len() - 1].end,
        })
        .collect()
}

/// Whether `s` holds a CJK ideograph: a text without one is no sentence of a Chinese plan (page
/// numbers, separators, web furniture).
pub(super) fn has_ideograph(s: &str) -> bool {
    s.chars().any(is_ideograph)
}

pub(super) fn is_ideograph(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

/// The styles of heading markers, each a level of the outline where it first appears.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Style {
    /// 第一章, 第一部分, 第一篇, 第一节.
    Chapter,
    /// 第一条.
    Article,
    /// 一、 一．
    CnComma,
    /// （一）
    CnParen,
    /// 1. 1、 1．
    ArabicDot,
    /// （1）
    ArabicParen,
    /// ① ⑴ ⒈
    Circled,
    /// 一是 二是 at the start of a line.
    CnIs,
}

/// A heading marker at the start of a line: its style, its number, the marker's text and where
/// the heading's own text starts.
#[derive(Clone, Debug)]
pub(super) struct Marker {
    pub style: Style,
    pub number: u32,
    pub text: Range,
    pub rest: usize,
}

/// A page number printed into the text (`— 2 —`, `- 3 -`), which extraction from PDF leaves at
/// the start of lines: skipped when looking for a heading marker.
fn skip_page_number(s: &str) -> usize {
    let dashes = |c: char| matches!(c, '—' | '-' | '－' | '–');
    let t = s.trim_start_matches(|c: char| dashes(c) || is_space(c));
    if t.len() == s.len() {
        return 0;
    }
    let digits = t.trim_start_matches(|c: char| c.is_ascii_digit());
    if digits.len() == t.len() {
        return 0;
    }
    let after = digits.trim_start_matches(|c: char| is_space(c));
    let closed = after.trim_start_matches(|c: char| dashes(c));
    if closed.len() == after.len() {
        return 0;
    }
    s.len() - closed.trim_start_matches(is_space).len()
}

fn cn_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
            | '零'
            | '〇'
            | '两'
    )
}

fn arabic(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn number_of(text: &str) -> Option<u32> {
    crate::lexical::parse_small(text).ok().map(u32::from)
}

/// The heading marker at the start of the line `r`, if any.
#[inline(never)]
pub(super) fn marker(src: &str, r: Range) -> Option<Marker> {
    let line = r.of(src);
    let skip = skip_page_number(line);
    let s = &line[skip..];
    let base = r.start + skip;
    let mut chars = s.char_indices().peekable();
    let (_, first) = *chars.peek()?;
    let found = |style, number: u32, len: usize| {
        let rest = s[len..].len() - s[len..].trim_start_matches(is_space).len();
        Some(Marker {
            style,
            number,
            text: Range {
                start: base,
                end: base + len,
            },
            rest: base + len + rest,
        })
    };
    // ① … ⑳, ⑴ … ⒇, ⒈ … ⒛.
    for (lo, hi) in [('①', '⑳'), ('⑴', '⒇'), ('⒈', '⒛')] {
        if (lo..=hi).contains(&first) {
            return found(
                Style::Circled,
                first as u32 - lo as u32 + 1,
                first.len_utf8(),
            );
        }
    }
    if first == '第' {
        let digits = prefix_while(&s['第'.len_utf8()..], numeral_char);
        let after = '第'.len_utf8() + digits.len();
        let n = number_of(digits)?;
        let unit = s[after..].chars().next()?;
        let style = match unit {
            '条' => Style::Article,
            '章' | '篇' | '节' => Style::Chapter,
            '部' if s[after..].starts_with("部分") => {
                return found(Style::Chapter, n, after + "部分".len());
            }
            _ => return None,
        };
        return found(style, n, after + unit.len_utf8());
    }
    if matches!(first, '（' | '(') {
        let inner_start = first.len_utf8();
        let inner = prefix_while(&s[inner_start..], numeral_char);
        let close_at = inner_start + inner.len();
        let close = s[close_at..].chars().next()?;
        if inner.is_empty() || !matches!(close, '）' | ')') || inner.chars().count() > 3 {
            return None;
        }
        let n = number_of(inner)?;
        let style = if inner.chars().all(arabic) {
            Style::ArabicParen
        } else if inner.chars().all(cn_numeral) {
            Style::CnParen
        } else {
            return None;
        };
        return found(style, n, close_at + close.len_utf8());
    }
    let digits = prefix_while(s, numeral_char);
    if digits.is_empty() || digits.chars().count() > 3 {
        return None;
    }
    let after = digits.len();
    let sep = s[after..].chars().next()?;
    let style = if digits.chars().all(arabic) {
        if !matches!(sep, '.' | '．' | '、') {
            return None;
        }
        // 1.5万 is a number, not a heading.
        if s[after + sep.len_utf8()..].starts_with(arabic) {
            return None;
        }
        Style::ArabicDot
    } else if digits.chars().all(cn_numeral) {
        if sep == '是' {
            return found(Style::CnIs, number_of(digits)?, after + sep.len_utf8());
        }
        if !matches!(sep, '、' | '．' | '.') {
            return None;
        }
        Style::CnComma
    } else {
        return None;
    };
    found(style, number_of(digits)?, after + sep.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(src: &str, rs: &[Range]) -> Vec<String> {
        rs.iter().map(|r| r.of(src).to_string()).collect()
    }

    #[test]
    fn sentences_end_outside_quotes_and_brackets() {
        let src = "坚持“目标;质量。”原则。(牵头部门:县扶贫办;整改时限:6月10日前)下一句";
        let line = lines(src)[0];
        assert_eq!(
            texts(src, &sentences(src, line)),
            [
                "坚持“目标;质量。”原则。",
                "(牵头部门:县扶贫办;整改时限:6月10日前)下一句"
            ]
        );
    }

    #[test]
    fn control_characters_separate_sentences() {
        let src = "甲乙\u{200b}丙丁。\r戊";
        let ls = lines(src);
        assert_eq!(texts(src, &ls), ["甲乙\u{200b}丙丁。", "戊"]);
        assert_eq!(texts(src, &sentences(src, ls[0])), ["甲乙", "丙丁。"]);
    }

    #[test]
    fn markers() {
        let cases = [
            ("一、指导思想", Some((Style::CnComma, 1, "指导思想"))),
            ("（十二）打好基础", Some((Style::CnParen, 12, "打好基础"))),
            ("(二)精准施策", Some((Style::CnParen, 2, "精准施策"))),
            ("10、严格退出", Some((Style::ArabicDot, 10, "严格退出"))),
            ("1.深度贫困县", Some((Style::ArabicDot, 1, "深度贫困县"))),
            ("(3)危房改造", Some((Style::ArabicParen, 3, "危房改造"))),
            ("②加强", Some((Style::Circled, 2, "加强"))),
            ("第七条考核中", Some((Style::Article, 7, "考核中"))),
            ("第一篇:方案", Some((Style::Chapter, 1, ":方案"))),
            ("— 3 — 县级项目库", None),
            ("1.5万人", None),
            ("2017年完成", None),
            ("一是加强", Some((Style::CnIs, 1, "加强"))),
            ("一是", Some((Style::CnIs, 1, ""))),
        ];
        for (line, want) in cases {
            let r = lines(line)[0];
            let got = marker(line, r).map(|m| (m.style, m.number, &line[m.rest..]));
            assert_eq!(got, want, "{line}");
        }
        let line = "— 2 — 二、整改";
        let m = marker(line, lines(line)[0]).unwrap();
        assert_eq!((m.style, m.number), (Style::CnComma, 2));
        assert_eq!(m.text.of(line), "二、");
    }
}
