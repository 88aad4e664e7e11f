//! Comments addressed to the checker: `// zhengce: allow(ZC0105) 理由…`.
//!
//! The grammar skips comments as it skips white space, so they are in no pest pair and not in the
//! AST; they lie in the gaps between the tokens pest matched (the leaves of the pair tree), where
//! nothing else can start with `//`. After each parse this module walks those gaps once and keeps
//! the comments whose text starts with `zhengce:`, with the statement each stands before. What a
//! directive says is read by the checker (`check::suppress`), which knows the codes.

use pest::iterators::Pair;

use super::is_item_rule;
use crate::ast::Text;
use crate::diagnostic::Span;
use crate::grammar::Rule;

/// A `// zhengce: …` comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    /// The comment, from `//` to the end of its line.
    pub span: Span,
    /// What follows `zhengce:`, trimmed.
    pub text: Text,
    /// What it stands before.
    pub scope: DirectiveScope,
}

/// What a directive applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DirectiveScope {
    /// On its own line before the file's first statement: the whole file.
    File,
    /// On its own line right before a statement (only blank and comment lines between): that
    /// statement, an item with everything in it or a clause.
    Statement(Span),
    /// After other text on its line.
    NotOwnLine,
    /// Followed by no statement of its block (before `}` or at the end of the file).
    Nothing,
}

/// Collects the directives of one file across the chunks the parser read it in.
pub(super) struct Collector<'s> {
    source: &'s str,
    /// Whether the file has a directive at all: most do not, and need no walk.
    active: bool,
    /// Comments whose text starts with `zhengce:`: the comment's span and the text after it.
    comments: Vec<(Span, Text)>,
    /// Every statement (item or clause, at any depth), by start.
    statements: Vec<Span>,
}

/// `zhengce:` with a half- or full-width colon.
const PREFIXES: [&str; 2] = ["zhengce:", "zhengce："];

impl<'s> Collector<'s> {
    pub(super) fn new(source: &'s str) -> Collector<'s> {
        Collector {
            source,
            active: PREFIXES.iter().any(|p| source.contains(p)),
            comments: Vec::new(),
            statements: Vec::new(),
        }
    }

    /// A collector of the statements alone, in any file (see [`super::statements`]).
    pub(super) fn for_statements(source: &'s str) -> Collector<'s> {
        Collector {
            active: true,
            ..Collector::new(source)
        }
    }

    /// The statements read, sorted by start, the outer first.
    pub(super) fn statements(mut self) -> Vec<Span> {
        sort_outer_first(&mut self.statements);
        self.statements
    }

    /// Reads the comments and statements of one parsed chunk that starts at byte `offset`.
    pub(super) fn chunk(&mut self, file_pair: &Pair<Rule>, offset: usize) {
        if !self.active {
            return;
        }
        let chunk = file_pair.as_span();
        let (start, end) = (offset + chunk.start(), offset + chunk.end());
        let mut gap_start = start;
        for pair in file_pair.clone().into_inner().flatten() {
            let span = pair.as_span();
            let (s, e) = (offset + span.start(), offset + span.end());
            if pair.as_rule() == Rule::clause || is_item_rule(pair.as_rule()) {
                self.statements.push(Span::new(s, e));
            }
            if pair.clone().into_inner().next().is_none() {
                self.gap(gap_start, s);
                gap_start = gap_start.max(e);
            }
        }
        self.gap(gap_start, end);
    }

    /// Reads the whole-line comments (and blank lines) right above byte `at`, the start of a
    /// line where parsing resumes after a syntax error: what lies between the broken item and
    /// that line was skipped, so its comments are in no parsed chunk.
    pub(super) fn lines_before(&mut self, at: usize) {
        if !self.active {
            return;
        }
        let mut start = at;
        while start > 0 {
            let line_start = self.source[..start - 1].rfind('\n').map_or(0, |n| n + 1);
            let line = self.source[line_start..start].trim();
            if !(line.is_empty() || line.starts_with("//")) {
                break;
            }
            start = line_start;
        }
        if start < at {
            self.gap(start, at);
        }
    }

    /// Finds the comments in `source[from..to]`, which holds only what the grammar skips.
    fn gap(&mut self, from: usize, to: usize) {
        if from >= to {
            return;
        }
        let mut at = from;
        while let Some(found) = self.source[at..to].find("//") {
            let start = at + found;
            let line_end = self.source[start..to]
                .find(['\n', '\r'])
                .map_or(to, |n| start + n);
            let body = &self.source[start + 2..line_end];
            let lead = body.len() - body.trim_start().len();
            if let Some(prefix) = PREFIXES.iter().find(|p| body[lead..].starts_with(*p)) {
                let text_start = start + 2 + lead + prefix.len();
                let raw = &self.source[text_start..line_end];
                let trimmed_start = text_start + (raw.len() - raw.trim_start().len());
                let text = raw.trim();
                self.comments.push((
                    Span::new(start, line_end),
                    Text {
                        text: text.to_string(),
                        span: Span::new(trimmed_start, trimmed_start + text.len()),
                    },
                ));
            }
            at = line_end;
        }
    }

    /// The directives, each with what it applies to.
    pub(super) fn finish(mut self) -> Vec<Directive> {
        if self.comments.is_empty() {
            return Vec::new();
        }
        sort_outer_first(&mut self.statements);
        let header_end = self.leading_comments_end();
        let comments = std::mem::take(&mut self.comments);
        comments
            .into_iter()
            .map(|(span, text)| {
                let scope = if !self.own_line(span.start) {
                    DirectiveScope::NotOwnLine
                } else if span.start < header_end {
                    DirectiveScope::File
                } else {
                    self.next_statement(span.end)
                        .map_or(DirectiveScope::Nothing, DirectiveScope::Statement)
                };
                Directive { span, text, scope }
            })
            .collect()
    }

    /// Where the file's opening block of blank and comment lines ends: a directive there covers
    /// the whole file.
    fn leading_comments_end(&self) -> usize {
        let mut at = 0;
        for line in self.source.split_inclusive('\n') {
            let content = line.trim_start_matches('\u{FEFF}').trim();
            if !(content.is_empty() || content.starts_with("//")) {
                break;
            }
            at += line.len();
        }
        at
    }

    /// Whether only white space stands between the line's start and `at`.
    fn own_line(&self, at: usize) -> bool {
        let line_start = self.source[..at].rfind(['\n', '\r']).map_or(0, |n| n + 1);
        self.source[line_start..at]
            .trim_start_matches('\u{FEFF}')
            .chars()
            .all(char::is_whitespace)
    }

    /// The statement that starts after `at` with only white space and comments before it.
    fn next_statement(&self, at: usize) -> Option<Span> {
        let k = self.statements.partition_point(|s| s.start < at);
        let next = *self.statements.get(k)?;
        let mut rest = &self.source[at..next.start];
        loop {
            rest = rest.trim_start();
            if rest.is_empty() {
                return Some(next);
            }
            if !rest.starts_with("//") {
                return None;
            }
            rest = rest.find(['\n', '\r']).map_or("", |n| &rest[n..]);
        }
    }
}

/// Sorts statements by start, the outer first (the longer of two that start together). Through
/// the runtime's sort: std's would be compiled into the wasm for this one use.
fn sort_outer_first(statements: &mut [Span]) {
    zhengce_runtime::sort::sort_by_key(statements, |s| (s.start, std::cmp::Reverse(s.end)));
}

#[cfg(test)]
mod tests {
    use super::{Directive, DirectiveScope};
    use crate::syntax::parse;

    fn directives(text: &str) -> Vec<(String, DirectiveScope)> {
        parse(text, "a.zc")
            .directives
            .into_iter()
            .map(|Directive { text, scope, .. }| (text.text, scope))
            .collect()
    }

    fn scope_text(text: &str, scope: DirectiveScope) -> &str {
        match scope {
            DirectiveScope::Statement(span) => &text[span.start..span.end],
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_directive_before_the_first_statement_covers_the_file() {
        let text = "\u{FEFF}// 说明\n// zhengce: allow(ZC0701) 理由\n\n部门：甲\n";
        assert_eq!(
            directives(text),
            [("allow(ZC0701) 理由".to_string(), DirectiveScope::File)]
        );
    }

    #[test]
    fn a_directive_covers_the_statement_below_it() {
        let text = "部门：甲\n  // zhengce：allow(ZC0701) 理由\n  // 另一条注释\n\n措施 乙 {\n  牵头：甲\n}\n";
        let found = directives(text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "allow(ZC0701) 理由");
        assert_eq!(scope_text(text, found[0].1), "措施 乙 {\n  牵头：甲\n}");
    }

    #[test]
    fn a_directive_inside_a_block_covers_a_clause() {
        let text = "部门：甲\n措施 乙 {\n  // zhengce: allow(ZC0101) x\n  牵头：甲、丙\n}\n";
        let found = directives(text);
        assert_eq!(scope_text(text, found[0].1).trim_end(), "牵头：甲、丙");
    }

    #[test]
    fn what_is_not_a_directive_or_covers_nothing() {
        // In a quote, `//` is text; after other text on the line, and before `}`.
        let text = "部门：甲\n措施 乙 { // zhengce: allow(ZC0701) 同行\n  原文：“见 // zhengce: allow(ZC0701)”\n  牵头：甲\n  // zhengce: allow(ZC0703) 末尾\n}\n";
        let scopes: Vec<DirectiveScope> = directives(text).into_iter().map(|d| d.1).collect();
        assert_eq!(
            scopes,
            [DirectiveScope::NotOwnLine, DirectiveScope::Nothing]
        );
    }

    #[test]
    fn directives_after_a_syntax_error_are_found() {
        let text =
            "措施 甲 { 期限：明天 }\n// zhengce: allow(ZC0701) 理由\n措施 乙 { 期限：2018年 }\n";
        let found = directives(text);
        assert_eq!(found.len(), 1);
        assert!(scope_text(text, found[0].1).starts_with("措施 乙"));
    }
}
