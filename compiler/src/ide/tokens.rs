//! Tokens for highlighting: item keywords, clause keys, names by what they name, numbers, dates,
//! comparators, quotes and comments. Names, numbers and dates come from the checked model, so a
//! department is coloured as a department only when it is one; keywords, keys and comments are
//! found in the text with the [vocabulary](super::vocabulary).

use serde::Serialize;

use super::index::SymbolKind;
use super::literals::{literals, Literal};
use super::vocabulary::vocabulary;
use super::Analysis;
use crate::ast::{Amount, TargetValue};
use crate::diagnostic::Span;
use crate::syntax::Directive;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenKind {
    Keyword,
    ClauseKey,
    Name(SymbolKind),
    /// A name that resolves to nothing.
    Unresolved,
    Number,
    Date,
    Comparator,
    Quote,
    Comment,
    /// A diagnostic code in a suppression comment.
    Code,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
    /// A name where the thing it names is defined.
    pub definition: bool,
}

impl Serialize for SymbolKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.word())
    }
}

pub(crate) fn tokens(a: &Analysis, file: usize) -> Vec<Token> {
    let text = a.text(file);
    let mut out: Vec<Token> = Vec::new();
    let mut push = |span: Span, kind: TokenKind, definition: bool| {
        if !span.is_empty() {
            out.push(Token {
                span,
                kind,
                definition,
            });
        }
    };
    for o in a.index().by_file.get(file).into_iter().flatten() {
        let kind = if o.resolved {
            TokenKind::Name(o.kind)
        } else {
            TokenKind::Unresolved
        };
        push(o.span, kind, o.definition);
    }
    let doc = &a.output().files[file].document;
    for l in literals(doc) {
        match l {
            Literal::Date(d, _) => push(d.span, TokenKind::Date, false),
            Literal::Quantity(q) => push(q.span, TokenKind::Number, false),
            Literal::Breakdown(..) | Literal::Total(..) => {}
        }
    }
    for q in crate::check::quotes(doc) {
        push(q.span, TokenKind::Quote, false);
    }
    comparators(doc, &mut push);
    statement_words(text, &mut push);
    zhengce_runtime::sort::sort_by_key(&mut out, |t| (t.span.start, std::cmp::Reverse(t.span.end)));
    // Comments: `//` after white space or at a line's start, outside every token found so far
    // (a 原文 or a 「」 name may hold `//`).
    let directives = &a.output().files[file].directives;
    for c in comments(text, &out) {
        directive_parts(text, c, directives, &mut out);
    }
    zhengce_runtime::sort::sort_by_key(&mut out, |t| (t.span.start, std::cmp::Reverse(t.span.end)));
    // No overlaps: the first (outermost) token at a place wins.
    let mut kept: Vec<Token> = Vec::with_capacity(out.len());
    for t in out {
        if kept.last().is_none_or(|k| k.span.end <= t.span.start) {
            kept.push(t);
        }
    }
    kept
}

/// Comparator words that have a span of their own (不低于 in 不低于75%).
fn comparators(doc: &crate::ast::Document, push: &mut impl FnMut(Span, TokenKind, bool)) {
    fn amount(a: &Amount, push: &mut impl FnMut(Span, TokenKind, bool)) {
        if let Amount::Bounded {
            comparator_span: Some(span),
            ..
        } = a
        {
            push(*span, TokenKind::Comparator, false);
        }
    }
    for t in crate::check::targets(doc) {
        if let Some(TargetValue::Amount(a)) = &t.target.value {
            amount(a, push);
        }
    }
    for s in crate::check::standards(doc) {
        if let Some(a) = &s.amount {
            amount(a, push);
        }
    }
}

/// The places a statement may start: the file's start, after a line end, `；`, `{` or `}`.
fn statement_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(0).chain(text.char_indices().filter_map(|(i, c)| {
        matches!(c, '\n' | '\r' | '；' | ';' | '{' | '｛' | '}' | '｝' | '。')
            .then_some(i + c.len_utf8())
    }))
}

/// Item keywords and clause keys at the start of statements, and 又称.
fn statement_words(text: &str, push: &mut impl FnMut(Span, TokenKind, bool)) {
    let v = vocabulary();
    let keywords = v.keyword_spellings();
    let keys = v.key_spellings();
    for start in statement_starts(text) {
        let rest = &text[start..];
        let trimmed = rest.trim_start_matches([' ', '\t', '\u{3000}', '\u{FEFF}']);
        let at = start + (rest.len() - trimmed.len());
        // A clause key: the key, then optional white space and a colon.
        if let Some(k) = keys.iter().find(|k| {
            trimmed.strip_prefix(**k).is_some_and(|r| {
                r.trim_start_matches([' ', '\t', '\u{3000}'])
                    .starts_with(['：', ':'])
            })
        }) {
            push(Span::new(at, at + k.len()), TokenKind::ClauseKey, false);
            continue;
        }
        let Some(k) = keywords.iter().find(|k| {
            trimmed
                .strip_prefix(**k)
                .is_some_and(|r| r.starts_with([' ', '\t', '\u{3000}', '「', '《', '（', '(']))
        }) else {
            continue;
        };
        push(Span::new(at, at + k.len()), TokenKind::Keyword, false);
        // 部门 甲 又称 乙: the alias word on the same line.
        if matches!(*k, "部门" | "部门类") {
            let line_end = trimmed.find(['\n', '\r']).unwrap_or(trimmed.len());
            let line = &trimmed[..line_end];
            for alias in &v.alias_words {
                if let Some(i) = line.find(alias) {
                    let s = at + i;
                    push(Span::new(s, s + alias.len()), TokenKind::Keyword, false);
                }
            }
        }
    }
}

/// A comment's token; a suppression comment's split into the comment, its word `allow` and the
/// codes it names.
fn directive_parts(text: &str, comment: Token, directives: &[Directive], out: &mut Vec<Token>) {
    if !directives.iter().any(|d| d.span == comment.span) {
        out.push(comment);
        return;
    }
    let body = &text[comment.span.start..comment.span.end];
    let mut plain_from = comment.span.start;
    let mut words = Vec::new();
    let mut run: Option<usize> = None;
    for (i, c) in body
        .char_indices()
        .chain(std::iter::once((body.len(), ' ')))
    {
        match (c.is_ascii_alphanumeric(), run) {
            (true, None) => run = Some(i),
            (false, Some(s)) => {
                words.push((s, i));
                run = None;
            }
            _ => {}
        }
    }
    for (s, e) in words {
        let word = &body[s..e];
        let kind = if word == "allow" {
            TokenKind::Keyword
        } else if word.starts_with("ZC")
            && matches!(word.len(), 4 | 6)
            && word[2..].bytes().all(|b| b.is_ascii_digit())
        {
            TokenKind::Code
        } else {
            continue;
        };
        let (s, e) = (comment.span.start + s, comment.span.start + e);
        let mut push = |span: Span, kind| {
            if !span.is_empty() {
                out.push(Token {
                    span,
                    kind,
                    definition: false,
                });
            }
        };
        push(Span::new(plain_from, s), TokenKind::Comment);
        push(Span::new(s, e), kind);
        plain_from = e;
    }
    if plain_from < comment.span.end {
        out.push(Token {
            span: Span::new(plain_from, comment.span.end),
            kind: TokenKind::Comment,
            definition: false,
        });
    }
}

fn comments(text: &str, found: &[Token]) -> Vec<Token> {
    let mut out = Vec::new();
    let inside = |at: usize| {
        let k = found.partition_point(|t| t.span.start <= at);
        found[..k].iter().rev().take(8).any(|t| t.span.end > at)
    };
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let mut search = 0;
        while let Some(i) = body[search..].find("//") {
            let at = search + i;
            let after_space = at == 0
                || body[..at]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_whitespace());
            if after_space && !inside(offset + at) {
                out.push(Token {
                    span: Span::new(offset + at, offset + body.len()),
                    kind: TokenKind::Comment,
                    definition: false,
                });
                break;
            }
            search = at + 2;
        }
        offset += line.len();
    }
    out
}
