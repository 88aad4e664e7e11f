//! Completion: what may be written at the cursor.
//!
//! - at the start of a statement: the item keywords that may stand there and the clause keys the
//!   enclosing item accepts (from the [vocabulary](super::vocabulary));
//! - in 牵头, 责任单位, 发文机关 and a 例's 部门: the document's departments and classes;
//! - in 范围, 求, 考核方案, 进度, 应办, 依据: scopes, rules, schemes, targets, duties, documents;
//! - in 已知 and 条件: fact names, and after `名称=` that fact's values;
//! - right after a number: units;
//! - in a `// zhengce: allow(…)` comment: `allow(`, then the codes and code families a
//!   suppression may name (from the catalogue).
//!
//! The context is read from the text around the cursor, not from the AST: the line being typed is
//! usually not a complete statement yet.

use serde::Serialize;

use super::vocabulary::vocabulary;
use super::Analysis;
use crate::ast::{FactType, Item};
use crate::check::{measures, targets, DeptRef, DocCtx};
use crate::codes;
use crate::diagnostic::Span;
use crate::lints::unlowerable;
use crate::vocabulary::{self as words, Key};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum CompletionKind {
    Keyword,
    ClauseKey,
    Department,
    DepartmentClass,
    Scope,
    Fact,
    FactValue,
    Rule,
    Target,
    Measure,
    Scheme,
    AssessEntry,
    Document,
    Unit,
    /// A diagnostic code or family, in a suppression comment.
    Code,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Completion {
    /// What the list shows.
    pub label: String,
    pub kind: CompletionKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// What replaces `replace` when chosen.
    pub insert: String,
    /// The part already typed, which the completion replaces.
    pub replace: Span,
}

/// Characters a statement starts after.
fn starts_statement(c: char) -> bool {
    matches!(c, '\n' | '\r' | '；' | ';' | '{' | '｛' | '}' | '｝' | '。')
}

/// Characters that end the word being completed on the left.
fn ends_word(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '：' | ':'
                | '、'
                | '，'
                | ','
                | '='
                | '＝'
                | '；'
                | ';'
                | '{'
                | '｛'
                | '}'
                | '｝'
                | '。'
                | '“'
                | '”'
                | '「'
                | '《'
                | '（'
                | '('
        )
}

pub(crate) fn completions(a: &Analysis, file: usize, offset: usize) -> Vec<Completion> {
    let text = a.text(file);
    if offset > text.len() || !text.is_char_boundary(offset) {
        return Vec::new();
    }
    let before = &text[..offset];
    let word_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| ends_word(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[word_start..];
    let replace = Span::new(word_start, offset);
    let stmt_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| starts_statement(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let stmt = before[stmt_start..].trim_start_matches([' ', '\t', '\u{3000}', '\u{FEFF}']);
    let cx = a.doc(file);
    let mut out = Out {
        replace,
        typed: word,
        list: Vec::new(),
    };

    // In a comment line: a suppression's words and codes, or nothing.
    let line = &before[before.rfind(['\n', '\r']).map_or(0, |i| i + 1)..];
    if let Some(comment) = line.trim_start().strip_prefix("//") {
        suppression(comment, &mut out);
        return out.list;
    }
    // Right after a number: a unit.
    if let Some(partial) = after_number(before) {
        out.replace = Span::new(offset - partial.len(), offset);
        out.typed = partial;
        units(&mut out);
        return out.list;
    }
    match stmt.split_once(['：', ':']) {
        Some((key, value)) => value_completions(a, &cx, key.trim(), value, &mut out),
        None if stmt == word => statement_start(text, stmt_start, &mut out),
        None => {
            // 分档 按 县类别
            let mut words = stmt.split_whitespace();
            if words.next() == Some("分档") && words.next() == Some("按") {
                facts(&cx, &mut out);
            }
        }
    }
    out.list
}

struct Out<'t> {
    replace: Span,
    /// What is typed of the word (the editor filters by it; kept for the tests' sake).
    typed: &'t str,
    list: Vec<Completion>,
}

impl Out<'_> {
    fn add(&mut self, label: &str, kind: CompletionKind, detail: Option<String>, insert: String) {
        if self.list.iter().any(|c| c.label == label && c.kind == kind) {
            return;
        }
        self.list.push(Completion {
            label: label.to_string(),
            kind,
            detail,
            insert,
            replace: self.replace,
        });
    }

    /// A name, written in 「」 when it would not read back as itself bare.
    fn name(&mut self, name: &str, kind: CompletionKind, detail: Option<String>) {
        let insert =
            super::navigation::written_name(name).unwrap_or_else(|_| format!("「{name}」"));
        self.add(name, kind, detail, insert);
    }
}

/// The unit being typed right after a number (`232万人` → `人`, `232万` → ``), if the cursor
/// follows a number.
fn after_number(before: &str) -> Option<&str> {
    let is_digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let tail_start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| !is_digit(*c) && !ends_word(*c))
        .last()
        .map_or(before.len(), |(i, _)| i);
    if !before[..tail_start]
        .chars()
        .next_back()
        .is_some_and(is_digit)
    {
        return None;
    }
    let v = vocabulary();
    let tail = &before[tail_start..];
    // 万/亿 between the number and its unit belong to the number.
    let partial = v
        .scales
        .iter()
        .find_map(|s| tail.strip_prefix(s))
        .unwrap_or(tail);
    v.units
        .iter()
        .any(|u| u.starts_with(partial))
        .then_some(partial)
}

/// In `// zhengce: …`, the directive word, and inside `allow(…)` the codes it may name: every
/// code a suppression can allow (not the errors that cannot be lowered, nor the suppressions'
/// own findings) and their families.
fn suppression(comment: &str, out: &mut Out) {
    let Some(rest) = ["zhengce:", "zhengce："]
        .iter()
        .find_map(|p| comment.trim_start().strip_prefix(p))
    else {
        return;
    };
    let rest = rest.trim_start();
    let Some(list) = rest
        .strip_prefix("allow")
        .map(str::trim_start)
        .and_then(|r| r.strip_prefix('(').or_else(|| r.strip_prefix('（')))
    else {
        if "allow".starts_with(rest) {
            out.add(
                "allow",
                CompletionKind::Keyword,
                Some("允许其后条目中的这些代码(须写理由)".to_string()),
                "allow(".to_string(),
            );
        }
        return;
    };
    if list.contains([')', '）']) {
        return;
    }
    let own = [
        codes::SUPPRESSION_WITHOUT_REASON,
        codes::UNUSED_SUPPRESSION,
        codes::BAD_DIRECTIVE,
    ];
    let mut families: Vec<&str> = Vec::new();
    for c in codes::CATALOGUE {
        if own.contains(&c.code) || unlowerable(c.code).is_some() {
            continue;
        }
        let detail = format!("{}:{}", c.severity.word(), c.title);
        out.add(
            c.code,
            CompletionKind::Code,
            Some(detail),
            c.code.to_string(),
        );
        if !families.contains(&&c.code[..4]) {
            families.push(&c.code[..4]);
        }
    }
    for f in families {
        out.add(
            f,
            CompletionKind::Code,
            Some(format!("代码族:{f}00–{f}99")),
            f.to_string(),
        );
    }
}

fn units(out: &mut Out) {
    for u in &vocabulary().units {
        out.add(u, CompletionKind::Unit, None, u.to_string());
    }
}

/// The keyword of the innermost item whose block holds `offset`, if any.
fn enclosing_item(text: &str, offset: usize) -> Option<&'static str> {
    let mut opens: Vec<usize> = Vec::new();
    let mut closer: Option<char> = None;
    let mut comment = false;
    let mut prev = ' ';
    for (i, c) in text[..offset].char_indices() {
        if comment {
            if c == '\n' || c == '\r' {
                comment = false;
            }
        } else if let Some(close) = closer {
            if c == close || c == '\n' && close != '”' {
                closer = None;
            }
        } else {
            match c {
                '“' => closer = Some('”'),
                '「' => closer = Some('」'),
                '《' => closer = Some('》'),
                '/' if prev == '/' => comment = true,
                '{' | '｛' => opens.push(i),
                '}' | '｝' => {
                    opens.pop();
                }
                _ => {}
            }
        }
        prev = c;
    }
    let open = *opens.last()?;
    let head_start = text[..open]
        .char_indices()
        .rev()
        .find(|(_, c)| starts_statement(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let head = text[head_start..open].trim_start();
    let v = vocabulary();
    v.keyword_spellings()
        .into_iter()
        .find(|k| head.starts_with(k))
        .and_then(|k| v.item(k))
        .map(|i| i.keyword)
}

fn statement_start(text: &str, at: usize, out: &mut Out) {
    let v = vocabulary();
    let parent = enclosing_item(text, at);
    for item in &v.items {
        let allowed = match parent {
            None => item.top_level,
            Some(p) => item.inside.contains(&p),
        };
        if !allowed {
            continue;
        }
        for spelling in item.spellings {
            out.add(
                spelling,
                CompletionKind::Keyword,
                Some(item.summary.to_string()),
                format!("{spelling} "),
            );
        }
    }
    let keys: Vec<&'static str> = match parent {
        Some(p) => v.item(p).map(|i| i.accepts.clone()).unwrap_or_default(),
        // `部门：甲、乙` registers several departments at the top level.
        None => vec!["部门"],
    };
    for key in keys {
        let detail = v.clause_key(key).and_then(|k| {
            (k.spellings.len() > 1).then(|| format!("也写作 {}", k.spellings[1..].join("、")))
        });
        out.add(key, CompletionKind::ClauseKey, detail, format!("{key}："));
    }
}

/// The names already written in the list being typed (`牵头：甲、乙、`), to leave out.
fn listed(value: &str) -> Vec<&str> {
    value
        .split(['、', '，', ','])
        .map(|n| n.trim().trim_start_matches('「').trim_end_matches('」'))
        .filter(|n| !n.is_empty())
        .collect()
}

fn value_completions(a: &Analysis, cx: &DocCtx, key: &str, value: &str, out: &mut Out) {
    let Some(key) = Key::from_word(key) else {
        return;
    };
    match key {
        Key::Lead | Key::Responsible | Key::Issuer | Key::Department => {
            let skip = listed(value);
            departments(cx, &skip, out);
        }
        Key::Scope => {
            for name in cx.symbols.scopes.keys() {
                out.name(
                    name,
                    CompletionKind::Scope,
                    Some(words::Item::Scope.word().into()),
                );
            }
        }
        Key::Ask => {
            for name in cx.symbols.standards.keys() {
                out.name(
                    name,
                    CompletionKind::Rule,
                    Some(words::Item::Standard.word().into()),
                );
            }
        }
        Key::Scheme => {
            for name in cx.symbols.schemes.keys() {
                out.name(
                    name,
                    CompletionKind::Scheme,
                    Some(words::Item::Assessment.word().into()),
                );
            }
        }
        Key::Progress => {
            for t in targets(cx.doc) {
                out.name(
                    &t.target.name.text,
                    CompletionKind::Target,
                    Some(words::Item::Target.word().into()),
                );
            }
        }
        Key::Due => {
            for m in measures(cx.doc) {
                out.name(
                    &m.measure.name.text,
                    CompletionKind::Measure,
                    Some(words::Item::Measure.word().into()),
                );
            }
            for t in targets(cx.doc)
                .iter()
                .filter(|t| t.target.deadline.is_some())
            {
                out.name(
                    &t.target.name.text,
                    CompletionKind::Target,
                    Some(words::Item::Target.word().into()),
                );
            }
        }
        Key::Basis | Key::Repeals => {
            for (i, f) in a.files().iter().enumerate() {
                let other = a.doc(i);
                let Some(h) = other.header else { continue };
                if other.file == cx.file || h.title.text.is_empty() {
                    continue;
                }
                let insert = match &h.number {
                    Some(n) => format!("《{}》（{}）", h.title.text, n.text),
                    None => format!("《{}》", h.title.text),
                };
                out.add(
                    &h.title.text,
                    CompletionKind::Document,
                    Some(f.name.clone()),
                    insert,
                );
            }
        }
        Key::Given | Key::Condition => {
            // The part of the list being typed: a fact, or after `=` one of its values.
            let part = value.rsplit(['、', '，', ',']).next().unwrap_or("");
            match part.split_once(['=', '＝']) {
                Some((fact, _)) => values(cx, fact.trim(), out),
                None => facts(cx, out),
            }
        }
        Key::Scores => {
            for scheme in crate::check::schemes(cx.doc) {
                for e in &scheme.entries {
                    out.name(
                        &e.name.text,
                        CompletionKind::AssessEntry,
                        Some(words::Item::AssessEntry.place().into()),
                    );
                }
            }
        }
        _ => {}
    }
}

fn departments(cx: &DocCtx, skip: &[&str], out: &mut Out) {
    for name in cx.symbols.departments.keys() {
        if skip.contains(name) {
            continue;
        }
        let Some(d) = cx.symbols.departments.get(name) else {
            continue;
        };
        let (kind, word) = match d {
            DeptRef::Department(_) => (CompletionKind::Department, words::Item::Dept.word()),
            DeptRef::Class(_) => (
                CompletionKind::DepartmentClass,
                words::Item::DeptClass.word(),
            ),
        };
        let detail = if d.canonical() == *name {
            word.to_string()
        } else {
            format!("「{}」的别称", d.canonical())
        };
        out.name(name, kind, Some(detail));
    }
}

fn facts(cx: &DocCtx, out: &mut Out) {
    for item in &cx.doc.items {
        if let Item::Fact(f) = item {
            let detail = match &f.ty {
                FactType::Category { .. } => "类别".to_string(),
                FactType::Quantity { scale, unit, .. } => format!("数量({}{unit})", scale.word()),
                FactType::Date { .. } => "日期".to_string(),
            };
            out.name(&f.name.text, CompletionKind::Fact, Some(detail));
        }
    }
}

fn values(cx: &DocCtx, fact: &str, out: &mut Out) {
    let Some(f) = cx.symbols.facts.get(fact) else {
        return;
    };
    if let FactType::Category { values } = &f.ty {
        for v in &values.names {
            out.name(
                &v.text,
                CompletionKind::FactValue,
                Some(format!("「{fact}」的取值")),
            );
        }
    }
}
