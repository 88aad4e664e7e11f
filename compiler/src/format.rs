//! `zhengce fmt`: rewrites a policy file into the one canonical layout (docs/language.md, “规范格式
//! Canonical layout”).
//!
//! The formatter works on pest's parse tree, not on the AST: the AST drops what a formatter must
//! keep (comments, `说明`, the synonym a clause key was written with, the spelling of numbers).
//! It changes only layout and structural punctuation:
//!
//! - one statement per line, two spaces of indentation per block level, `；`/`。` terminators
//!   replaced by line breaks, blank lines kept but collapsed to at most one (none at the start or
//!   end of a block or file);
//! - `关键词 名称 {` with one space between keyword and name and before `{`; blocks use ASCII
//!   `{ }`; the key of a clause, the colon of an item head and of a tier row is `：`; list
//!   separators `,` become `，` (`、` and `，` are kept as written); the parentheses around a
//!   cited document's number or date are `（）`;
//! - clauses inside an item are put in the order the language reference lists them for that item
//!   ([`clause_order`]); nested items follow the clauses in their original order (`分档` sits
//!   where the reference lists it in `标准`); the top level is never reordered;
//! - comments (`//` line comments) are kept: a comment on its own line goes with the statement
//!   below it (and moves with it), a comment after a statement stays after it on the same line,
//!   a comment after `{` stays on the `{` line, and comments before `}` or at the end of the file
//!   stay there.
//!
//! Everything inside a token is kept byte for byte: names (bare or in 「」), item numbers
//! (`（三）`, `1.`), quotes (“…”, 「…」, "…"), titles 《…》, free text (`指标`, `说明`, `来源`),
//! numbers, units, dates and comparators. Only white space between tokens of a value is collapsed
//! to one space.
//!
//! A file with syntax errors is not formatted. As a last line of defence the result is parsed
//! again and must give the same AST (spans aside: `crate::spans` clears them, then `PartialEq`
//! compares); otherwise the formatter reports an internal error instead of returning text that
//! means something else. The tests check it again another way ([`ast_without_spans`]).

use std::cell::RefCell;

use pest::iterators::Pair;
use pest::Parser;

use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::grammar::{self, Rule, ZhengceParser};
use crate::spans::EachSpan;
use crate::syntax;
use crate::vocabulary::{Item, Key};

/// Formats `source` into the canonical layout; the diagnostics when it has syntax errors.
pub fn format(source: &str) -> Result<String, Vec<Diagnostic>> {
    format_named(source, "")
}

/// [`format`], with `file` as the name the diagnostics carry.
pub fn format_named(source: &str, file: &str) -> Result<String, Vec<Diagnostic>> {
    let parsed = syntax::parse(source, file);
    let errors: Vec<Diagnostic> = parsed
        .diagnostics
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    let file_pair = match ZhengceParser::parse(Rule::file, source) {
        Ok(mut pairs) => pairs.next(),
        Err(_) => None,
    };
    let Some(file_pair) = file_pair else {
        return Err(vec![internal_error(file, "解析器未能读取这个文件")]);
    };

    let formatter = Formatter {
        src: source,
        comment: RefCell::new(None),
    };
    let bom = source.starts_with('\u{FEFF}');
    let start = if bom { '\u{FEFF}'.len_utf8() } else { 0 };
    let body = formatter.sequence(file_pair, start, source.len(), true, None);

    let mut out = Out::new(newline_of(source));
    if bom {
        out.buf.push('\u{FEFF}');
    }
    out.nodes(&body.nodes, 0);
    out.lines(&body.dangling, 0);
    let text = out.finish();

    // The formatter must never change what a file says.
    let mut again = syntax::parse(&text, file);
    let mut before = parsed.document;
    before.clear_spans();
    again.document.clear_spans();
    if again.diagnostics.iter().any(Diagnostic::is_error) || again.document != before {
        return Err(vec![internal_error(
            file,
            "格式化后的文件与原文件的含义不同,已放弃改写",
        )]);
    }
    Ok(text)
}

fn internal_error(file: &str, what: &str) -> Diagnostic {
    let mut d = Diagnostic::new("", Severity::Error, format!("格式化失败(内部错误):{what}"))
        .help("原文件没有改动;请把这个文件报告给 zhengce 的维护者");
    if !file.is_empty() {
        d = d.primary(file, Span::new(0, 0), "这个文件");
    }
    d
}

/// The line break the file uses: CRLF when its first line break is CRLF, LF otherwise.
fn newline_of(source: &str) -> &'static str {
    match source.find('\n') {
        Some(i) if i > 0 && source.as_bytes()[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

// ───────────────────────────── the layout tree ─────────────────────────────

/// A line between statements: a blank line or a whole-line comment (text from `//`).
#[derive(Clone, Debug, PartialEq, Eq)]
enum Line {
    Blank,
    Comment(String),
}

/// One statement with the lines before it and the comment after it on the same line.
#[derive(Debug)]
struct Node {
    leading: Vec<Line>,
    /// The statement's first line (without indentation), `{` excluded.
    text: String,
    body: Option<Block>,
    trailing: Option<String>,
    /// Where the statement goes when its block is put in canonical order.
    rank: usize,
}

/// The statements of a block or of the file.
#[derive(Debug, Default)]
struct Block {
    /// A comment after `{` on the same line.
    open_comment: Option<String>,
    nodes: Vec<Node>,
    /// Lines after the last statement (comments before `}` or at the end of the file).
    dangling: Vec<Line>,
}

/// A gap between tokens, split into the comment that ends the current line and whole lines.
struct Gap {
    trailing: Option<String>,
    lines: Vec<Line>,
    /// Whether the gap ends at the start of a line.
    ends_at_line_start: bool,
}

/// Splits white space, terminators and comments between statements into lines. `at_line_start`
/// says whether the gap starts a line (then its first piece is a line of its own, not the end
/// of the previous statement's line).
fn split_gap(gap: &str, at_line_start: bool) -> Gap {
    let mut pieces: Vec<&str> = Vec::new();
    let mut rest = gap;
    let mut ends_at_line_start = at_line_start;
    loop {
        match rest.find(['\n', '\r']) {
            Some(i) => {
                pieces.push(&rest[..i]);
                let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = &rest[i + skip..];
                ends_at_line_start = true;
            }
            None => {
                pieces.push(rest);
                if !rest.is_empty() {
                    ends_at_line_start = false;
                }
                break;
            }
        }
    }
    let last = pieces.len() - 1;
    let mut out = Gap {
        trailing: None,
        lines: Vec::new(),
        ends_at_line_start,
    };
    for (i, piece) in pieces.iter().enumerate() {
        let comment = piece
            .find("//")
            .map(|at| piece[at..].trim_end().to_string());
        if i == 0 && !at_line_start {
            out.trailing = comment;
        } else if let Some(c) = comment {
            out.lines.push(Line::Comment(c));
        } else if i < last {
            out.lines.push(Line::Blank);
        }
        // The last piece without a comment is the indentation of the next statement.
    }
    out
}

struct Formatter<'s> {
    src: &'s str,
    /// A comment found inside the statement being formatted (at the end of its last value).
    comment: RefCell<Option<String>>,
}

/// What a statement's position in its block is ranked by.
#[derive(Clone, Copy)]
enum Parent {
    File,
    Item(Rule),
}

impl<'s> Formatter<'s> {
    /// The statements that are children of `container` between `start` and `end` (the inside of
    /// a block, or the whole file), with comments and blank lines attached.
    fn sequence(
        &self,
        container: Pair<'s, Rule>,
        start: usize,
        end: usize,
        at_line_start: bool,
        parent_item: Option<Rule>,
    ) -> Block {
        let parent = parent_item.map_or(Parent::File, Parent::Item);
        let mut block = Block::default();
        let mut pending: Vec<Line> = Vec::new();
        let mut cursor = start;
        let mut line_start = at_line_start;
        for child in container.into_inner() {
            if child.as_rule() == Rule::EOI {
                continue;
            }
            let span = child.as_span();
            let gap = split_gap(&self.src[cursor..span.start()], line_start);
            self.attach_trailing(&mut block, gap.trailing);
            pending.extend(gap.lines);
            let (mut node, tail_end) = self.statement(child, parent);
            node.leading = std::mem::take(&mut pending);
            // The end of the statement itself: white space, a terminator, a comment, a newline.
            let tail = split_gap(&self.src[tail_end..span.end()], false);
            let inner = self.comment.borrow_mut().take();
            node.trailing = match (inner, tail.trailing) {
                (Some(a), Some(b)) => Some(format!("{a} {b}")),
                (a, b) => a.or(b),
            };
            pending.extend(tail.lines);
            line_start = tail.ends_at_line_start;
            block.nodes.push(node);
            cursor = span.end();
        }
        let gap = split_gap(&self.src[cursor..end], line_start);
        self.attach_trailing(&mut block, gap.trailing);
        pending.extend(gap.lines);
        block.dangling = pending;
        if parent_item.is_some() {
            // Stable: statements of the same rank keep the order they were written in.
            zhengce_runtime::sort::sort_by_key(&mut block.nodes, |n| n.rank);
        }
        block
    }

    fn attach_trailing(&self, block: &mut Block, comment: Option<String>) {
        let Some(comment) = comment else { return };
        match block.nodes.last_mut() {
            Some(node) if node.trailing.is_none() => node.trailing = Some(comment),
            Some(node) => {
                // Cannot happen (a comment runs to the end of its line); keep it anyway.
                let first = node.trailing.take().unwrap_or_default();
                node.trailing = Some(format!("{first} {comment}"));
            }
            None => block.open_comment = Some(comment),
        }
    }

    /// One statement: its text, its block if it has one, its rank; and where its last token ends
    /// (what follows up to the statement's end is its terminator and trailing comment).
    fn statement(&self, p: Pair<'s, Rule>, parent: Parent) -> (Node, usize) {
        match p.as_rule() {
            // `key：value` and a tier row's `case：amount`. A key stays as written (synonym and
            // all); a case is a value like the amount.
            rule @ (Rule::clause | Rule::tier_row) => {
                let mut inner = p.into_inner();
                let left = inner.next().expect("a clause or tier row has two parts");
                let right = inner.next().expect("a clause or tier row has two parts");
                let end = right.as_span().end();
                let (left, rank) = if rule == Rule::clause {
                    (
                        left.as_str().to_string(),
                        clause_rank(parent, left.as_str()),
                    )
                } else {
                    (self.trimmed_value(left), 0)
                };
                let text = format!("{left}：{}", self.trimmed_value(right));
                (node(text, None, rank), end)
            }
            other => self.item(p, other, parent),
        }
    }

    /// An item: its head (`关键词 名称：…`), then its block.
    fn item(&self, p: Pair<'s, Rule>, rule: Rule, parent: Parent) -> (Node, usize) {
        let mut head = String::new();
        let mut prev: Option<(Rule, usize)> = None;
        let mut body = None;
        let mut end = p.as_span().start();
        for c in p.into_inner() {
            let span = c.as_span();
            if matches!(c.as_rule(), Rule::block | Rule::tiers_block) {
                let open = if self.src[span.start()..].starts_with('{') {
                    1
                } else {
                    '｛'.len_utf8()
                };
                let close = if self.src[..span.end()].ends_with('}') {
                    1
                } else {
                    '｝'.len_utf8()
                };
                end = span.end();
                body = Some(self.sequence(
                    c,
                    span.start() + open,
                    span.end() - close,
                    false,
                    Some(rule),
                ));
                break;
            }
            if let Some((prev_rule, prev_end)) = prev {
                head.push_str(head_separator(&self.src[prev_end..span.start()], prev_rule));
            }
            head.push_str(&self.trimmed_value(c.clone()));
            prev = Some((c.as_rule(), span.end()));
            end = span.end();
        }
        let rank = item_rank(parent, rule);
        (node(head, body, rank), end)
    }

    /// A value as written, with white space between its tokens collapsed and list separators
    /// and citation parentheses made full-width. Tokens themselves are copied byte for byte.
    fn value(&self, p: Pair<'s, Rule>) -> String {
        let mut out = String::new();
        self.value_into(p, &mut out);
        out
    }

    /// [`Self::value`] without the white space pest leaves after the last token.
    fn trimmed_value(&self, p: Pair<'s, Rule>) -> String {
        let mut value = self.value(p);
        value.truncate(value.trim_end_matches(is_space).len());
        value
    }

    fn value_into(&self, p: Pair<'s, Rule>, out: &mut String) {
        let span = p.as_span();
        let rule = p.as_rule();
        let mut children = p.into_inner().peekable();
        if children.peek().is_none() {
            out.push_str(span.as_str());
            return;
        }
        let kind = gap_kind(rule);
        let mut cursor = span.start();
        for c in children {
            let cs = c.as_span();
            self.push_gap(out, &self.src[cursor..cs.start()], kind);
            self.value_into(c, out);
            cursor = cs.end();
        }
        self.push_gap(out, &self.src[cursor..span.end()], kind);
    }

    /// Appends a normalised gap. pest leaves the white space (and a comment) after a value's
    /// last token inside the value's rule when an optional part does not follow, so a gap may
    /// end in a comment: it is taken out and kept for the statement's line. A separator or
    /// bracket takes no white space before it.
    fn push_gap(&self, out: &mut String, gap: &str, kind: GapKind) {
        let gap = match gap.find("//") {
            Some(at) => {
                let comment = gap[at..].trim_end_matches(['\n', '\r']).trim_end();
                let mut found = self.comment.borrow_mut();
                *found = Some(match found.take() {
                    Some(first) => format!("{first} {comment}"),
                    None => comment.to_string(),
                });
                &gap[..at]
            }
            None => gap,
        };
        let gap = normalize_gap(gap, kind);
        if kind != GapKind::Other && !gap.trim_matches(' ').is_empty() {
            out.truncate(out.trim_end_matches(' ').len());
        }
        out.push_str(&gap);
    }
}

fn node(text: String, body: Option<Block>, rank: usize) -> Node {
    Node {
        leading: Vec::new(),
        text,
        body,
        trailing: None,
        rank,
    }
}

/// White space as the grammar defines it (space, tab, full-width space, no-break space).
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{00A0}')
}

/// What the gaps between the tokens of a rule may be rewritten to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum GapKind {
    /// Separators of a list (`、`, `，`, `,`, `／`): `,` becomes `，`, white space around goes.
    List,
    /// 《标题》（文号）: the parentheses become full-width, white space goes.
    Citation,
    /// Anything else: runs of white space become one space, other text stays.
    Other,
}

fn gap_kind(rule: Rule) -> GapKind {
    match rule {
        Rule::name_list
        | Rule::doc_ref_list
        | Rule::breakdown
        | Rule::fact_assignments
        | Rule::scope_size
        | Rule::annual_rate => GapKind::List,
        Rule::doc_ref => GapKind::Citation,
        _ => GapKind::Other,
    }
}

fn normalize_gap(gap: &str, kind: GapKind) -> String {
    match kind {
        GapKind::List => {
            let t = gap.trim_matches(is_space);
            if t.is_empty() {
                // Only white space: keep one space so tokens that needed it stay apart.
                if gap.is_empty() { "" } else { " " }.to_string()
            } else {
                t.replace(',', "，")
            }
        }
        GapKind::Citation => gap
            .trim_matches(is_space)
            .replace('(', "（")
            .replace(')', "）"),
        GapKind::Other => {
            let mut out = String::with_capacity(gap.len());
            let mut in_space = false;
            for c in gap.chars() {
                if is_space(c) {
                    if !in_space {
                        out.push(' ');
                    }
                    in_space = true;
                } else {
                    out.push(c);
                    in_space = false;
                }
            }
            out
        }
    }
}

/// What goes between two parts of an item's head, from the gap the source had there.
fn head_separator(gap: &str, prev: Rule) -> &'static str {
    if gap.contains([':', '：']) {
        "："
    } else if gap.contains('按') {
        " 按 "
    } else if matches!(prev, Rule::kw_header | Rule::item_number) {
        // 文件《标题》 and （三）名称: the brackets delimit, no space.
        ""
    } else {
        " "
    }
}

// ───────────────────────────── canonical order ─────────────────────────────

/// The order of the clauses inside each item (`目标`, `现状`, `标准`…), as the language reference
/// lists them (§4.1): the vocabulary's canonical order, `A/B` for two keys that share a place.
/// `分档` is the one item with a place of its own; every other nested item comes after all
/// clauses.
pub fn clause_order(item: &str) -> Vec<String> {
    Item::from_keyword(item)
        .map(Item::entry_words)
        .unwrap_or_default()
}

/// A clause's rank in its item: its key's place in the vocabulary's order (synonyms fold to
/// their key, so the formatter and the parser's duplicate check agree), after a 分档's rows; a key
/// the item does not take goes last.
fn clause_rank(parent: Parent, key: &str) -> usize {
    let Parent::Item(rule) = parent else {
        return 0;
    };
    let Some(item) = grammar::item_of_rule(rule) else {
        return 0;
    };
    let rank = Key::from_word(key).and_then(|k| item.rank_of(k));
    1 + rank.unwrap_or(item.entries().len())
}

fn item_rank(parent: Parent, rule: Rule) -> usize {
    let Parent::Item(p) = parent else {
        return 0;
    };
    let Some(item) = grammar::item_of_rule(p) else {
        return 0;
    };
    // 分档 has a place among a 标准's clauses; other nested items (措施、目标、阶段、项…) come
    // after every clause, in their written order.
    let ranked = grammar::item_of_rule(rule).and_then(|nested| item.rank_of_item(nested));
    1 + ranked.unwrap_or(item.entries().len() + 1)
}

// ───────────────────────────── output ─────────────────────────────

struct Out {
    buf: String,
    nl: &'static str,
    /// Nothing but blank lines may follow here (start of file or block): skip them.
    at_start: bool,
    last_blank: bool,
}

impl Out {
    fn new(nl: &'static str) -> Out {
        Out {
            buf: String::new(),
            nl,
            at_start: true,
            last_blank: false,
        }
    }

    fn indent(&mut self, level: usize) {
        for _ in 0..level {
            self.buf.push_str("  ");
        }
    }

    fn line(&mut self, level: usize, text: &str, trailing: Option<&str>) {
        self.indent(level);
        self.buf.push_str(text);
        if let Some(c) = trailing {
            self.buf.push(' ');
            self.buf.push_str(c);
        }
        self.buf.push_str(self.nl);
        self.at_start = false;
        self.last_blank = false;
    }

    fn blank(&mut self) {
        if !self.at_start && !self.last_blank {
            self.buf.push_str(self.nl);
            self.last_blank = true;
        }
    }

    /// Removes a blank line just written (none before `}` or at the end of the file).
    fn unblank(&mut self) {
        if self.last_blank {
            self.buf.truncate(self.buf.len() - self.nl.len());
            self.last_blank = false;
        }
    }

    fn lines(&mut self, lines: &[Line], level: usize) {
        for line in lines {
            match line {
                Line::Blank => self.blank(),
                Line::Comment(c) => self.line(level, c, None),
            }
        }
    }

    fn nodes(&mut self, nodes: &[Node], level: usize) {
        for node in nodes {
            self.lines(&node.leading, level);
            match &node.body {
                None => self.line(level, &node.text, node.trailing.as_deref()),
                Some(b)
                    if b.nodes.is_empty() && b.dangling.is_empty() && b.open_comment.is_none() =>
                {
                    let text = format!("{} {{}}", node.text);
                    self.line(level, &text, node.trailing.as_deref());
                }
                Some(b) => {
                    let head = format!("{} {{", node.text);
                    self.line(level, &head, b.open_comment.as_deref());
                    self.at_start = true;
                    self.nodes(&b.nodes, level + 1);
                    self.lines(&b.dangling, level + 1);
                    self.unblank();
                    self.line(level, "}", node.trailing.as_deref());
                }
            }
        }
    }

    fn finish(mut self) -> String {
        self.unblank();
        self.buf
    }
}

// ───────────────────────────── checking from outside ─────────────────────────────

/// What an AST node (a `Document`, an `Item`, …) says, as JSON without its spans (every `span`
/// and `…_span` key, at any depth): two parses of one policy in different layouts give the same
/// value.
///
/// A check of [`format`] that shares none of its code, for tests and fuzz targets: the
/// formatter's own check clears the spans and compares with `PartialEq`, under which `1.0` and
/// `1.00` are equal; here decimals compare as written.
// Generic, so it is compiled only into the crates that call it: a plain function made the
// playground's wasm, which never calls it, 42 bytes larger.
pub fn ast_without_spans<T: serde::Serialize + ?Sized>(node: &T) -> serde_json::Value {
    use serde_json::Value;
    let mut ast = serde_json::to_value(node).expect("an AST serialises: its maps have string keys");
    let mut pending = vec![&mut ast];
    while let Some(value) = pending.pop() {
        match value {
            Value::Object(map) => {
                map.retain(|key, _| key != "span" && !key.ends_with("_span"));
                pending.extend(map.values_mut());
            }
            Value::Array(items) => pending.extend(items.iter_mut()),
            _ => {}
        }
    }
    ast
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The key a clause spelling is ranked under.
    fn canonical(key: &str) -> &str {
        Key::from_word(key).map_or(key, |k| k.word())
    }

    fn fmt(src: &str) -> String {
        match format(src) {
            Ok(t) => t,
            Err(d) => panic!("{src}\n{d:?}"),
        }
    }

    #[test]
    fn inline_blocks_expand_and_terminators_go() {
        assert_eq!(
            fmt("目标 甲 { 值：58个县；期限：2020年。范围：贫困县 }"),
            "目标 甲 {\n  值：58个县\n  期限：2020年\n  范围：贫困县\n}\n"
        );
    }

    #[test]
    fn punctuation_becomes_canonical() {
        assert_eq!(
            fmt("部门:甲,乙、丙\n措施 (一)丁｛牵头:甲,乙；期限:2020年｝\n"),
            "部门：甲，乙、丙\n措施 (一)丁 {\n  牵头：甲，乙\n  期限：2020年\n}\n"
        );
    }

    #[test]
    fn clauses_are_ordered_and_items_follow() {
        let src = "措施 甲 {\n  措施 乙\n  原文：“x”\n  期限：2020年\n  牵头：丙\n}\n";
        assert_eq!(
            fmt(src),
            "措施 甲 {\n  牵头：丙\n  期限：2020年\n  原文：“x”\n  措施 乙\n}\n"
        );
    }

    #[test]
    fn comments_stay_with_their_statements() {
        let src = "目标 甲 {   // 开\n  // 关于期限\n  期限：2020年  // 尾\n  值：1人\n  // 末\n}  // 后\n// 文件末\n";
        assert_eq!(
            fmt(src),
            "目标 甲 { // 开\n  值：1人\n  // 关于期限\n  期限：2020年 // 尾\n  // 末\n} // 后\n// 文件末\n"
        );
    }

    #[test]
    fn blank_lines_collapse() {
        let src =
            "\n\n部门 甲\n\n\n\n部门 乙\n目标 丙 {\n\n  值：1人\n\n\n  期限：2020年\n\n}\n\n\n";
        assert_eq!(
            fmt(src),
            "部门 甲\n\n部门 乙\n目标 丙 {\n  值：1人\n\n  期限：2020年\n}\n"
        );
    }

    #[test]
    fn quotes_and_text_are_kept() {
        let src = "目标 甲 {\n  指标：x, y  // 注\n  原文：“a, b；c // d\n第二行”\n}\n";
        assert_eq!(fmt(src), src.replace("y  //", "y //"));
    }

    #[test]
    fn crlf_files_stay_crlf() {
        assert_eq!(
            fmt("部门 甲\r\n目标 乙 { 值：1人 }\r\n"),
            "部门 甲\r\n目标 乙 {\r\n  值：1人\r\n}\r\n"
        );
    }

    #[test]
    fn ast_without_spans_ignores_layout_but_not_spelling() {
        let ast = |src: &str| ast_without_spans(&crate::syntax::parse(src, "t.zc").document);
        let one_line = ast("目标 甲 { 值：1.0人；期限：2020年 }");
        assert_eq!(
            one_line,
            ast("\n目标 甲 {\n  值：1.0人\n  期限：2020年\n}\n")
        );
        assert!(!one_line.to_string().contains("span"));
        // Equal numbers written differently: the formatter's own check cannot tell them apart.
        let [mut a, mut b] = ["1.0", "1.00"]
            .map(|n| crate::syntax::parse(&format!("目标 甲 {{ 值：{n}人 }}"), "t.zc").document);
        a.clear_spans();
        b.clear_spans();
        assert_eq!(a, b);
        assert_ne!(one_line, ast("目标 甲 { 值：1.00人；期限：2020年 }"));
    }

    #[test]
    fn syntax_errors_are_reported_not_formatted() {
        let errs = format("目标 甲 {\n  值：232万人\n").unwrap_err();
        assert!(errs.iter().all(|d| d.code == "ZC0001"));
    }

    #[test]
    fn canonical_mirrors_the_parser() {
        // The parser reports a duplicate under the canonical name; the formatter must agree.
        let pairs = [
            ("目标", "期限：2020年", "整改时限：2020年", "期限"),
            ("措施", "牵头：甲", "牵头单位：甲", ""),
            ("目标", "值：1人", "目标值：1人", "值"),
            ("文件《甲》", "发文机关：甲", "发文：甲", "发文机关"),
            (
                "文件《甲》",
                "成文日期：2018年1月1日",
                "日期：2018年1月1日",
                "成文日期",
            ),
            (
                "文件《甲》",
                "施行：2018年1月1日",
                "生效：2018年1月1日",
                "施行",
            ),
            ("例", "求：甲", "规则：甲", "求"),
            ("例", "结果：1人", "应得：1人", "结果"),
        ];
        for (item, a, b, canon) in pairs {
            let head = if item.starts_with("文件") {
                item.to_string()
            } else {
                format!("{item} 名")
            };
            let key_a = a.split('：').next().unwrap();
            let key_b = b.split('：').next().unwrap();
            assert_eq!(canonical(key_a), canonical(key_b), "{key_a} / {key_b}");
            if canon.is_empty() {
                continue;
            }
            assert_eq!(canonical(key_b), canon);
            let src = format!("{head} {{\n  {a}\n  {b}\n}}\n");
            let parsed = crate::syntax::parse(&src, "t.zc");
            assert!(
                parsed
                    .diagnostics
                    .iter()
                    .any(|d| d.message.contains(&format!("「{canon}」"))),
                "{src}: {:?}",
                parsed.diagnostics
            );
        }
        for k in ["责任部门", "配合单位", "配合"] {
            assert_eq!(canonical(k), "责任单位");
        }
        for k in ["完成时限", "整改完成时限", "时限"] {
            assert_eq!(canonical(k), "期限");
        }
    }
}
