//! Source text → AST. The only module that sees pest pairs; it also turns pest's errors into
//! Chinese diagnostics, recovers at the next top-level item to report several errors per file,
//! and bounds pathological input before pest sees it.
//!
//! - `mod.rs`: the entry point, recovery and input bounds;
//! - `errors`: pest errors in the language's own words;
//! - `lower`: items and the clauses each accepts;
//! - `values`: names, quantities, amounts and dates inside clauses.

mod errors;
mod lower;
mod values;

use crate::ast::*;
use crate::codes;
use crate::diagnostic::{Diagnostic, Span};
use crate::grammar::{Rule, ZhengceParser};
use errors::syntax_error;
use lower::Lowerer;
use pest::Parser;
use std::num::NonZeroUsize;

/// Limits that keep any input bounded in time and memory; each is reported with its value.
pub mod limits {
    /// Largest source file accepted, in bytes.
    pub const MAX_FILE_BYTES: usize = 32 * 1024 * 1024;
    /// Deepest nesting of braces, quotes and titles.
    pub const MAX_NESTING: usize = 64;
    /// Syntax errors reported per file before giving up.
    pub const MAX_SYNTAX_ERRORS: usize = 50;
    /// pest's call limit per parse: far above any real file (a 10 MB file needs about 10⁸).
    pub const PEST_CALL_LIMIT: usize = 2_000_000_000;
}

/// The result of parsing one file: the items that could be read, and every diagnostic.
#[derive(Debug)]
pub struct Parsed {
    pub document: Document,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses one policy file. `file` is the name diagnostics carry.
pub fn parse(source: &str, file: &str) -> Parsed {
    let mut lower = Lowerer {
        file,
        diags: Vec::new(),
    };
    let full = Span::new(0, source.len());
    if source.len() > limits::MAX_FILE_BYTES {
        lower.diags.push(
            Diagnostic::error(
                codes::FILE_TOO_LARGE,
                format!(
                    "文件过大:{} 字节,超过上限 {} 字节",
                    source.len(),
                    limits::MAX_FILE_BYTES
                ),
            )
            .primary(file, Span::new(0, 0), "文件从这里开始")
            .help("请把政策拆分为多个文件,放在同一目录中一起检查"),
        );
        return lower.finish(Vec::new(), full);
    }
    if let Some(d) = check_nesting(source, file) {
        lower.diags.push(d);
        return lower.finish(Vec::new(), full);
    }
    pest::set_call_limit(NonZeroUsize::new(limits::PEST_CALL_LIMIT));

    let mut items = Vec::new();
    let mut pos = 0;
    let mut errors = 0;
    while pos <= source.len() {
        let rest = &source[pos..];
        match ZhengceParser::parse(Rule::file, rest) {
            Ok(mut pairs) => {
                if let Some(file_pair) = pairs.next() {
                    lower.file_items(file_pair, pos, &mut items);
                }
                break;
            }
            Err(err) => {
                let at = pos + error_offset(&err);
                errors += 1;
                lower.diags.push(syntax_error(&err, source, pos, file));
                // Keep what parsed before the broken item.
                let chunk = top_level_start_at_or_before(source, at).max(pos);
                if chunk > pos {
                    if let Ok(mut pairs) = ZhengceParser::parse(Rule::file, &source[pos..chunk]) {
                        if let Some(file_pair) = pairs.next() {
                            lower.file_items(file_pair, pos, &mut items);
                        }
                    }
                }
                if errors >= limits::MAX_SYNTAX_ERRORS {
                    lower.diags.push(
                        Diagnostic::error(
                            codes::TOO_MANY_ERRORS,
                            format!(
                                "语法错误超过 {} 处,其余部分不再检查",
                                limits::MAX_SYNTAX_ERRORS
                            ),
                        )
                        .primary(file, Span::new(at, at), "在此停止"),
                    );
                    break;
                }
                match next_top_level_start(source, at) {
                    Some(next) => pos = next,
                    None => break,
                }
            }
        }
    }
    lower.finish(items, full)
}

fn error_offset(err: &pest::error::Error<Rule>) -> usize {
    match err.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((s, _)) => s,
    }
}

const TOP_LEVEL_KEYWORDS: &[&str] = &[
    "文件", "部门", "范围", "事实", "目标", "标准", "补助", "措施", "步骤", "考核", "例",
];

/// Whether the line starting at byte `i` starts a top-level item (keyword at column 0).
fn starts_top_level(source: &str, i: usize) -> bool {
    let line = &source[i..];
    TOP_LEVEL_KEYWORDS.iter().any(|k| line.starts_with(k))
}

fn line_starts(source: &str) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(0).chain(
        source
            .char_indices()
            .filter(|&(_, c)| c == '\n')
            .map(|(i, _)| i + 1),
    )
}

fn top_level_start_at_or_before(source: &str, at: usize) -> usize {
    line_starts(source)
        .take_while(|&i| i <= at)
        .filter(|&i| i < source.len() && starts_top_level(source, i))
        .last()
        .unwrap_or(0)
}

fn next_top_level_start(source: &str, at: usize) -> Option<usize> {
    line_starts(source).find(|&i| i > at && i < source.len() && starts_top_level(source, i))
}

/// Rejects nesting deeper than the limit before the recursive-descent parser sees it.
fn check_nesting(source: &str, file: &str) -> Option<Diagnostic> {
    let mut depth = 0usize;
    for (i, c) in source.char_indices() {
        match c {
            '{' | '｛' | '“' | '「' | '《' => {
                depth += 1;
                if depth > limits::MAX_NESTING {
                    return Some(
                        Diagnostic::error(
                            codes::NESTING_TOO_DEEP,
                            format!("嵌套层数超过上限 {} 层", limits::MAX_NESTING),
                        )
                        .primary(file, Span::new(i, i + c.len_utf8()), "这一层超出了上限")
                        .help("括号、引号或书名号可能没有闭合;真实政策的嵌套不会这么深"),
                    );
                }
            }
            '}' | '｝' | '”' | '」' | '》' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}
