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
            comments: Vec::new(),
            statements: Vec::new(),
        }
    }

    /// Reads the comments and statements of one parsed chunk that starts at byte `offset`.
    pub(super) fn chunk(&mut self, file_pair: &Pair<Rule>, offset: usize) {
        let chunk = file_pair.as_span();
        let (start, end) = (offset + chunk.start(), offset + chunk.end());
        if !PREFIXES.iter().any(|p| self.source[start..end].contains(p)) {
            return;
        }
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
        self.statements
            .sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
        let first_statement = self.statements.first().map(|s| s.start);
        let comments = std::mem::take(&mut self.comments);
        comments
            .into_iter()
            .map(|(span, text)| {
                let scope = if !self.own_line(span.start) {
                    DirectiveScope::NotOwnLine
                } else if first_statement.is_none_or(|s| span.start < s) {
                    DirectiveScope::File
                } else {
                    self.next_statement(span.end)
                        .map_or(DirectiveScope::Nothing, DirectiveScope::Statement)
                };
                Directive { span, text, scope }
            })
            .collect()
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
