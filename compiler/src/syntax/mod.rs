//! Source text → AST. The only module that sees pest pairs; it also turns pest's errors into
//! Chinese diagnostics, recovers at the next top-level item to report several errors per file,
//! and bounds pathological input before pest sees it.
//!
//! - `mod.rs`: the entry point, recovery and input bounds;
//! - `errors`: pest errors in the language's own words;
//! - `lower`: items and the clauses each accepts;
//! - `values`: names, quantities, amounts and dates inside clauses.

mod directives;
mod edit;
mod errors;
mod lower;
mod values;

use crate::ast::*;
use crate::codes;
use crate::diagnostic::{Diagnostic, Span};
use crate::grammar::{Rule, ZhengceParser};
pub use directives::{Directive, DirectiveScope};
pub(crate) use edit::FileParse;
use edit::{Editable, StatementRecord};
use errors::syntax_error;
use lower::Lowerer;
use pest::Parser;
use std::num::NonZeroUsize;
use std::sync::RwLock;

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
    /// Items (条目, nested ones included) per file: real plans have hundreds.
    pub const MAX_ITEMS: usize = 1_000_000;
    /// Largest magnitude of a number (10¹⁵, 一千万亿): the checks add and multiply quantities
    /// exactly, and every sum and product of numbers this size stays within `rust_decimal`.
    pub const MAX_NUMBER: u64 = 1_000_000_000_000_000;
    /// Invisible or control characters reported one by one per file; the rest are counted.
    pub const MAX_CHARACTER_ERRORS: usize = 10;

    /// All the limits of one parse; [`super::parse`] uses [`Limits::DEFAULT`], tests and
    /// embedders may pass smaller ones to [`super::parse_with_limits`].
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub struct Limits {
        pub file_bytes: usize,
        pub nesting: usize,
        pub syntax_errors: usize,
        pub pest_calls: usize,
        pub items: usize,
    }

    impl Limits {
        pub const DEFAULT: Limits = Limits {
            file_bytes: MAX_FILE_BYTES,
            nesting: MAX_NESTING,
            syntax_errors: MAX_SYNTAX_ERRORS,
            pest_calls: PEST_CALL_LIMIT,
            items: MAX_ITEMS,
        };
    }

    impl Default for Limits {
        fn default() -> Limits {
            Limits::DEFAULT
        }
    }
}

/// The result of parsing one file: the items that could be read, and every diagnostic.
#[derive(Debug)]
pub struct Parsed {
    pub document: Document,
    pub diagnostics: Vec<Diagnostic>,
    /// `// zhengce: …` comments, for the checker (comments are not in the AST).
    pub directives: Vec<Directive>,
}

/// Parses one policy file. `file` is the name diagnostics carry.
pub fn parse(source: &str, file: &str) -> Parsed {
    parse_with_limits(source, file, &limits::Limits::DEFAULT)
}

/// pest's call limit is one process-wide setting that each parse reads when it starts. Parses
/// with the default limit share this lock; a parse with another limit takes it alone, so it
/// neither sees nor imposes a limit that is not its own.
pub(crate) static CALL_LIMIT_LOCK: RwLock<()> = RwLock::new(());

/// [`parse`] with other limits than [`limits::Limits::DEFAULT`] (tests exercise every limit
/// with small values this way).
pub fn parse_with_limits(source: &str, file: &str, limits: &limits::Limits) -> Parsed {
    parse_file(source, file, limits).parsed
}

/// [`parse_with_limits`], keeping what an edit of the file needs to parse only what it touches.
pub(crate) fn parse_file(source: &str, file: &str, limits: &limits::Limits) -> FileParse {
    let _shared;
    let _exclusive;
    if limits.pest_calls == limits::PEST_CALL_LIMIT {
        _shared = CALL_LIMIT_LOCK.read().unwrap_or_else(|e| e.into_inner());
    } else {
        _exclusive = CALL_LIMIT_LOCK.write().unwrap_or_else(|e| e.into_inner());
    }
    pest::set_call_limit(NonZeroUsize::new(limits.pest_calls));
    let (mut parsed, editable, directives) =
        parse_locked(source, file, limits, directives::Collector::new(source));
    if limits.pest_calls != limits::PEST_CALL_LIMIT {
        pest::set_call_limit(NonZeroUsize::new(limits::PEST_CALL_LIMIT));
    }
    parsed.directives = directives.finish();
    // An edit replaces statements one for one: only when no second 文件头 was left out, and
    // none of the file's comments speaks to the checker (those are read over the whole file).
    let editable = editable.filter(|e| {
        e.statements.iter().map(|s| s.items).sum::<usize>() == parsed.document.items.len()
            && parsed.directives.is_empty()
    });
    FileParse { parsed, editable }
}

/// Parses `text` as a whole `file`, under the default call limit's shared lock.
fn parse_slice(text: &str) -> Result<pest::iterators::Pairs<'_, Rule>, pest::error::Error<Rule>> {
    let _shared = CALL_LIMIT_LOCK.read().unwrap_or_else(|e| e.into_inner());
    ZhengceParser::parse(Rule::file, text)
}

/// Every statement of a file (an item or a clause, at any depth), sorted by start, the outer
/// first: the places a suppression comment can stand before. [`parse`] collects them only in
/// files that have directives; the editor's fix that inserts one asks for them with this
/// parse of their own.
pub(crate) fn statements(source: &str, file: &str) -> Vec<Span> {
    let _shared = CALL_LIMIT_LOCK.read().unwrap_or_else(|e| e.into_inner());
    let limits = &limits::Limits::DEFAULT;
    let (_, _, collector) = parse_locked(
        source,
        file,
        limits,
        directives::Collector::for_statements(source),
    );
    collector.statements()
}

fn parse_locked<'s>(
    source: &'s str,
    file: &str,
    limits: &limits::Limits,
    mut directives: directives::Collector<'s>,
) -> (Parsed, Option<Editable>, directives::Collector<'s>) {
    let mut lower = Lowerer {
        file,
        diags: Vec::new(),
    };
    let full = Span::new(0, source.len());
    if source.len() > limits.file_bytes {
        lower.diags.push(
            Diagnostic::error(
                codes::FILE_TOO_LARGE,
                format!(
                    "文件过大:{} 字节,超过上限 {} 字节",
                    source.len(),
                    limits.file_bytes
                ),
            )
            .primary(file, Span::new(0, 0), "文件从这里开始")
            .help("请把政策拆分为多个文件,放在同一目录中一起检查"),
        );
        return (lower.finish(Vec::new(), full), None, directives);
    }
    if let Some(d) = check_nesting(source, file, limits.nesting) {
        lower.diags.push(d);
        return (lower.finish(Vec::new(), full), None, directives);
    }
    let char_errors = check_characters(source, file);
    // A syntax error at a character already reported, or just after one, says less than that
    // report (see `follows_reported`). Not at a lone CR: it ends a line, as an LF would, so an
    // error there (部门：\r) is no consequence of it.
    let reported: Vec<Span> = char_errors
        .iter()
        .filter_map(|d| d.primary_label().map(|l| l.span))
        .filter(|s| !source[s.start..].starts_with('\r'))
        .collect();
    let char_free = char_errors.is_empty();
    lower.diags.extend(char_errors);

    let mut items = Vec::new();
    // The top-level statements one by one, when the whole file parses in one go.
    let mut editable = None;
    let mut item_count = 0;
    let mut pos = 0;
    let mut errors = 0;
    while pos <= source.len() {
        let rest = &source[pos..];
        match ZhengceParser::parse(Rule::file, rest) {
            Ok(mut pairs) => {
                if let Some(file_pair) = pairs.next() {
                    if within_item_limit(&file_pair, pos, &mut item_count, limits, &mut lower) {
                        directives.chunk(&file_pair, pos);
                        let statements = lower.top_statements(file_pair, pos);
                        if pos == 0 {
                            editable = Some(Editable {
                                statements: statements.iter().map(StatementRecord::of).collect(),
                                char_free,
                            });
                        }
                        lower.add_statements(statements, &mut items);
                    }
                }
                break;
            }
            Err(err) => {
                let at = pos + error_offset(&err);
                if let Some(d) = resource_limit(&err, source, at, file, limits) {
                    // pest gave up (call or stack limit): nothing after this can be read either.
                    lower.diags.push(d);
                    break;
                }
                errors += 1;
                if !follows_reported(source, at, &reported) {
                    lower.diags.push(syntax_error(&err, source, pos, file));
                }
                // Keep what parsed before the broken item.
                let chunk = top_level_start_at_or_before(source, at).max(pos);
                if chunk > pos {
                    if let Ok(mut pairs) = ZhengceParser::parse(Rule::file, &source[pos..chunk]) {
                        if let Some(file_pair) = pairs.next() {
                            if within_item_limit(
                                &file_pair,
                                pos,
                                &mut item_count,
                                limits,
                                &mut lower,
                            ) {
                                directives.chunk(&file_pair, pos);
                                lower.file_items(file_pair, pos, &mut items);
                            }
                        }
                    }
                }
                if errors >= limits.syntax_errors {
                    lower.diags.push(
                        Diagnostic::error(
                            codes::TOO_MANY_ERRORS,
                            format!("语法错误超过 {} 处,其余部分不再检查", limits.syntax_errors),
                        )
                        .primary(file, Span::new(at, at), "在此停止"),
                    );
                    break;
                }
                match next_top_level_start(source, at) {
                    Some(next) => {
                        // The comment lines right above the item recovery resumes at are in
                        // no chunk: read them on their own.
                        directives.lines_before(next);
                        pos = next;
                    }
                    None => break,
                }
            }
        }
    }
    (lower.finish(items, full), editable, directives)
}

/// Counts the items (条目, nested ones included) of a parsed chunk; past the limit, reports
/// ZC0007 at the first item over it and returns false (the chunk is not lowered).
fn within_item_limit(
    file_pair: &pest::iterators::Pair<Rule>,
    offset: usize,
    count: &mut usize,
    limits: &limits::Limits,
    lower: &mut Lowerer,
) -> bool {
    if *count > limits.items {
        // Already reported at an earlier chunk.
        return false;
    }
    for p in file_pair.clone().into_inner().flatten() {
        if !is_item_rule(p.as_rule()) {
            continue;
        }
        *count += 1;
        if *count > limits.items {
            let s = p.as_span();
            let end = s.start() + p.as_str().chars().next().map_or(0, char::len_utf8);
            lower.diags.push(
                Diagnostic::error(
                    codes::FILE_TOO_LARGE,
                    format!("文件中的条目超过上限 {} 个", limits.items),
                )
                .primary(
                    lower.file,
                    Span::new(offset + s.start(), offset + end),
                    format!("第 {} 个条目", limits.items + 1),
                )
                .note("超过上限的文件不再检查其中的条目")
                .help("请把政策拆分为多个文件,放在同一目录中一起检查"),
            );
            return false;
        }
    }
    true
}

fn is_item_rule(rule: Rule) -> bool {
    crate::grammar::item_of_rule(rule).is_some()
}

/// pest stops with a custom error when a parse needs more calls than the limit, or more stack
/// than is left: ZC0007 with the limit, instead of a syntax error at a random place.
fn resource_limit(
    err: &pest::error::Error<Rule>,
    source: &str,
    at: usize,
    file: &str,
    limits: &limits::Limits,
) -> Option<Diagnostic> {
    let pest::error::ErrorVariant::CustomError { message } = &err.variant else {
        return None;
    };
    let at = crate::position::floor_char_boundary(source, at);
    let end = at + source[at..].chars().next().map_or(0, char::len_utf8);
    let d = if message.contains("stack") {
        Diagnostic::error(codes::FILE_TOO_LARGE, "文件结构过于复杂:解析时栈空间不足")
    } else {
        Diagnostic::error(
            codes::FILE_TOO_LARGE,
            format!("文件过于复杂:解析步骤超过上限 {} 次", limits.pest_calls),
        )
    };
    Some(
        d.primary(file, Span::new(at, end), "解析到这里时停止")
            .note("超过上限的文件不再检查")
            .help("请把政策拆分为多个文件,放在同一目录中一起检查"),
    )
}

fn error_offset(err: &pest::error::Error<Rule>) -> usize {
    match err.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((s, _)) => s,
    }
}

/// Whether the line starting at byte `i` starts a top-level item (keyword at column 0).
fn starts_top_level(source: &str, i: usize) -> bool {
    let line = &source[i..];
    crate::vocabulary::Item::ALL
        .iter()
        .filter(|item| item.top_level())
        .flat_map(|item| item.keywords())
        .any(|k| line.starts_with(k))
}

fn top_level_start_at_or_before(source: &str, at: usize) -> usize {
    crate::position::line_starts(source)
        .take_while(|&i| i <= at)
        .filter(|&i| i < source.len() && starts_top_level(source, i))
        .last()
        .unwrap_or(0)
}

fn next_top_level_start(source: &str, at: usize) -> Option<usize> {
    crate::position::line_starts(source)
        .find(|&i| i > at && i < source.len() && starts_top_level(source, i))
}

/// Whether a syntax error at `at` is only a consequence of an invisible or control character
/// already reported: the character is at `at`, or in the run of text before it that reaches
/// back to white space or the line's start (32 characters at most). Such a character joins what
/// it stands between into one word (县扶贫办\u{2029}部门：…, 县扶贫办\u{1b}[2J), so the grammar
/// fails a few characters later, where the reported character is the cause. A lone CR ends the
/// word: the grammar ends a line there.
fn follows_reported(source: &str, at: usize, reported: &[Span]) -> bool {
    // At most a few words back, so that a long line costs no more than a short one.
    let mut word_start = at;
    for (i, c) in source[..at].char_indices().rev().take(32) {
        if matches!(c, ' ' | '\t' | '\u{3000}' | '\u{a0}' | '\n' | '\r') {
            break;
        }
        word_start = i;
    }
    reported.iter().any(|s| s.start <= at && s.end > word_start)
}

/// Rejects nesting deeper than the limit before the recursive-descent parser sees it.
fn check_nesting(source: &str, file: &str, max: usize) -> Option<Diagnostic> {
    let mut depth = 0usize;
    for (i, c) in source.char_indices() {
        match c {
            '{' | '｛' | '“' | '「' | '《' => {
                depth += 1;
                if depth > max {
                    return Some(
                        Diagnostic::error(
                            codes::NESTING_TOO_DEEP,
                            format!("嵌套层数超过上限 {max} 层"),
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

/// What an invisible or control character is called in messages; `None` for characters a
/// policy file may contain. Tab, line feed and CR before LF are white space; a BOM may start the
/// file; the zero-width joiner and variation selectors are parts of emoji and CJK variants.
pub(crate) fn forbidden_char(c: char) -> Option<&'static str> {
    Some(match c {
        '\t' | '\n' => return None,
        '\0' => "空字符 NUL",
        '\u{7}' => "响铃符 BEL",
        '\u{8}' => "退格符 BS",
        '\u{b}' => "垂直制表符 VT",
        '\u{c}' => "换页符 FF",
        '\r' => "单独的回车符 CR",
        '\u{1b}' => "转义符 ESC",
        '\u{1}'..='\u{1f}' | '\u{7f}'..='\u{84}' | '\u{86}'..='\u{9f}' => "控制字符",
        '\u{85}' => "下一行符 NEL",
        '\u{ad}' => "软连字符",
        '\u{200b}' => "零宽空格",
        '\u{2060}' => "零宽不换行符",
        '\u{feff}' => "字节顺序标记 BOM",
        '\u{2028}' => "行分隔符",
        '\u{2029}' => "段分隔符",
        '\u{61c}' | '\u{200e}' | '\u{200f}' => "双向文字标记",
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => "双向文字控制符",
        _ => return None,
    })
}

/// Reports invisible and control characters anywhere in the file (names, quotes and comments
/// alike): they make two names that look the same differ, reorder what a reader sees (bidi
/// controls, "Trojan Source"), or break lines where only some tools do (VT, FF, NEL, U+2028, a
/// lone CR). The first `MAX_CHARACTER_ERRORS` are reported one by one; the last report counts
/// the rest.
fn check_characters(source: &str, file: &str) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = Vec::new();
    let mut more = 0usize;
    let mut lone_cr = 0usize;
    let mut iter = source.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c == '\r' && matches!(iter.peek(), Some((_, '\n'))) {
            continue;
        }
        if c == '\u{feff}' && i == 0 {
            continue;
        }
        let Some(what) = forbidden_char(c) else {
            continue;
        };
        // A run of the same character is one problem.
        let mut run = 1usize;
        while iter.peek().is_some_and(|&(_, n)| n == c) {
            iter.next();
            run += 1;
        }
        if c == '\r' && matches!(iter.peek(), Some((_, '\n'))) {
            // The last CR of the run ends a CRLF line.
            run -= 1;
        }
        // Old Mac line ends are one problem of the whole file: report the first.
        if c == '\r' {
            lone_cr += run;
            if lone_cr > run {
                continue;
            }
        }
        if out.len() >= limits::MAX_CHARACTER_ERRORS {
            more += 1;
            continue;
        }
        let (message, help) = match c {
            '\r' => (
                "行尾是单独的回车符 CR(U+000D)".to_string(),
                "换行请用 LF 或 CRLF;单独的 CR 是旧式 Mac 的换行,许多工具(如 git、grep)不把它当作换行",
            ),
            '\u{feff}' => (
                "字节顺序标记 BOM(U+FEFF)只能出现在文件开头".to_string(),
                "删除这个看不见的字符",
            ),
            _ if run > 1 => (
                format!("文件中有 {run} 个连续的看不见的{what}(U+{:04X})", c as u32),
                "删除这些字符;从网页或 PDF 复制的文字常带有看不见的字符",
            ),
            _ => (
                format!("文件中有看不见的{what}(U+{:04X})", c as u32),
                "删除这个字符;从网页或 PDF 复制的文字常带有看不见的字符",
            ),
        };
        // Renderers show a lone CR as the line end it is (see `position`), not as a character:
        // the label is the empty span where the line ends, as for a missing character.
        let (len, label) = if c == '\r' {
            (0, "这一行以 CR 结尾")
        } else {
            (run * c.len_utf8(), "这里")
        };
        out.push(
            Diagnostic::error(codes::SYNTAX, message)
                .primary(file, Span::new(i, i + len), label)
                .help(help),
        );
    }
    if lone_cr > 1 {
        if let Some(d) = out.iter_mut().find(|d| d.message.contains("CR")) {
            d.notes.push(format!("文件中共有 {lone_cr} 个单独的回车符"));
        }
    }
    if more > 0 {
        if let Some(last) = out.last_mut() {
            last.notes
                .push(format!("另有 {more} 处看不见的字符或控制字符未逐一列出"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::{check_files, Diagnostic, SourceFile};

    fn check(text: &str) -> Vec<Diagnostic> {
        check_files(&[SourceFile::new("a.zc", text)]).diagnostics
    }

    fn messages(text: &str) -> Vec<String> {
        check(text)
            .into_iter()
            .map(|d| format!("{} {}", d.code, d.message))
            .collect()
    }

    #[test]
    fn recovery_resumes_at_every_top_level_keyword() {
        // After a syntax error, parsing resumes at the next line that starts a top-level item:
        // a 现状 (or any keyword of a top-level item) is one, so its own error is reported too.
        for keyword in ["现状", "目标", "补助", "措施", "例"] {
            let text = format!("目标 甲 {{\n  值：@\n}}\n{keyword} 乙 {{\n  值：#\n}}\n");
            let errors: Vec<String> = check(&text)
                .into_iter()
                .filter(|d| d.code == "ZC0001")
                .map(|d| d.message)
                .collect();
            assert_eq!(errors.len(), 2, "{keyword}: {errors:?}");
        }
    }

    #[test]
    fn a_syntax_error_caused_by_a_reported_character_is_not_reported_again() {
        // The separator glues 县扶贫办 and 部门 into one name, which then meets 「：」.
        let m = messages("部门：县扶贫办\u{2029}部门：县财政局\n");
        assert_eq!(m, ["ZC0001 文件中有看不见的段分隔符(U+2029)"]);
        let m = messages("部门：县扶贫办\u{1b}[2J\n");
        assert_eq!(m, ["ZC0001 文件中有看不见的转义符 ESC(U+001B)"]);
    }

    #[test]
    fn a_syntax_error_at_a_lone_carriage_return_is_reported_as_at_a_line_feed() {
        // The CR ends the line, as an LF would: the name is missing either way.
        let lf = messages("部门：\n部门：县财政局\n");
        let cr = messages("部门：\r部门：县财政局\n");
        assert_eq!(lf.len(), 1, "{lf:?}");
        assert_eq!(cr, ["ZC0001 行尾是单独的回车符 CR(U+000D)", lf[0].as_str()]);
    }

    #[test]
    fn a_syntax_error_past_white_space_is_still_reported() {
        // The zero-width space is inside the first name; the error after the space is not its
        // consequence.
        let m = messages("部门：县扶\u{200b}贫办 部门：县财政局\n");
        assert_eq!(m.len(), 2, "{m:?}");
        assert!(m[0].contains("零宽空格"), "{m:?}");
        assert!(m[1].starts_with("ZC0001 语法错误"), "{m:?}");
    }

    #[test]
    fn a_name_is_compared_without_its_invisible_characters() {
        let plan = |name: &str| format!("部门：县扶贫办\n措施 甲 {{\n  牵头：{name}\n}}\n");
        for name in [
            "县扶\u{200b}贫办",
            "「县扶\u{200b}贫办」",
            "县扶贫办\u{2060}",
        ] {
            let m = messages(&plan(name));
            assert_eq!(m.len(), 1, "{name}: {m:?}");
            assert!(m[0].starts_with("ZC0001 文件中有看不见的"), "{name}: {m:?}");
        }
        // A name that differs in more than the invisible character is still undeclared, and
        // named as it looks.
        let m = messages(&plan("县扶\u{200b}贫局"));
        assert!(
            m.contains(&"ZC0101 部门「县扶贫局」未声明".to_string()),
            "{m:?}"
        );
    }

    #[test]
    fn a_name_cannot_start_with_punctuation() {
        let d = check("部门：县扶贫办\n措施 、扶贫 {\n  牵头：县扶贫办\n}\n");
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].message, "名称不能以标点「、」开头");
        assert!(
            d[0].help.as_deref().unwrap().contains("「、扶贫」"),
            "{d:?}"
        );
        // Quoted, punctuation is part of a name.
        assert!(check("部门：县扶贫办\n措施 「、扶贫」 {\n  牵头：县扶贫办\n}\n").is_empty());
    }

    #[test]
    fn a_quote_without_its_opening_mark_points_at_the_closing_one() {
        let text = "目标 甲 {\n  原文：确保脱贫」；值：1人\n}\n";
        let d = check(text);
        assert_eq!(d[0].message, "引文缺少开头的「「」:只有结尾的「」」");
        let primary = d[0].primary_label().unwrap();
        assert_eq!(primary.span.start, text.find('」').unwrap());
        // An opening mark inside the quote: not this mistake.
        let d = check("目标 甲 {\n  原文：确保“脱贫”\n}\n");
        assert!(!d[0].message.contains("缺少开头"), "{d:?}");
    }

    #[test]
    fn an_unclosed_document_number_points_at_its_bracket() {
        let text = "文件《方案》{\n  文号：汨扶发〔2017\n}\n";
        let d = check(text);
        assert_eq!(
            d[0].message,
            "文号「汨扶发〔2017」不完整:「〔」没有对应的「〕」"
        );
        assert_eq!(
            d[0].primary_label().unwrap().span.start,
            text.find('〔').unwrap()
        );
        // Closed, but missing the number: another mistake.
        let d = check("文件《方案》{\n  文号：汨扶发〔2017〕\n}\n");
        assert!(!d[0].message.contains("没有对应"), "{d:?}");
    }
}
