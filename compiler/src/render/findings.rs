//! The findings report (policies/FINDINGS.md): every diagnostic of a policy set, with its code,
//! line, message (which carries the arithmetic or the dates) and the 原文 of the item it concerns,
//! so a reviewer can go from finding to text. What a reviewer must act on comes first: the counts
//! by code, then errors and warnings file by file, then notes, then, collapsed, what suppression
//! comments and the project's levels allow.

use super::Sources;
use crate::ast::*;
use crate::check::CheckOutput;
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::lints::{Allowed, AllowedBy};

/// More findings of one code in one file than this are listed compactly.
const COMPACT_AFTER: usize = 8;

/// Renders the findings of a checked set as Markdown. `command` is the command that regenerates
/// the report, printed at its top.
pub fn render_findings(out: &CheckOutput, sources: &Sources, command: &str) -> String {
    let mut md = String::new();
    md.push_str("# 种子文件检查结果 Findings\n\n");
    md.push_str("本文件由 zhengce 生成,请勿手工编辑。重新生成:\n\n");
    md.push_str(&format!("```sh\n{command}\n```\n\n"));
    md.push_str(
        "每条发现给出代码(见 `docs/diagnostics.md`)、行号、说明(含算式或日期)和所涉条目的原文。\
         这些是原始文件本身的问题,编码忠实于原文,未作修正。\
         先列错误和警告,再列提示;抑制注释或 zhengce.toml 允许的问题只在最后汇总。\n\n",
    );
    md.push_str("| 文件 | 错误 | 警告 | 提示 | 已允许 |\n|---|---:|---:|---:|---:|\n");
    for f in &out.files {
        let (e, w, n) = counts(
            out.diagnostics
                .iter()
                .filter(|d| file_of(d) == Some(&f.name)),
        );
        let a = out
            .allowed
            .iter()
            .filter(|a| file_of(&a.diagnostic) == Some(&f.name))
            .count();
        md.push_str(&format!("| {} | {e} | {w} | {n} | {a} |\n", f.name));
    }
    let (e, w, n) = counts(out.diagnostics.iter());
    md.push_str(&format!(
        "| **合计** | {e} | {w} | {n} | {} |\n\n",
        out.allowed.len()
    ));
    by_code(&mut md, &out.diagnostics);

    md.push_str("## 错误和警告\n\n");
    let mut any = false;
    for f in &out.files {
        any |= file_section(
            &mut md,
            f,
            out,
            sources,
            &[Severity::Error, Severity::Warning],
        );
    }
    if !any {
        md.push_str("没有错误或警告。\n\n");
    }
    if out.diagnostics.iter().any(|d| d.severity == Severity::Note) {
        md.push_str("## 提示\n\n");
        for f in &out.files {
            file_section(&mut md, f, out, sources, &[Severity::Note]);
        }
    }
    allowed_section(&mut md, &out.allowed, sources);
    md
}

/// The count of each code, errors first.
fn by_code(md: &mut String, diags: &[Diagnostic]) {
    let mut rows: Vec<(Severity, &str, usize)> = Vec::new();
    for d in diags {
        match rows
            .iter_mut()
            .find(|(s, c, _)| *s == d.severity && *c == d.code)
        {
            Some(row) => row.2 += 1,
            None => rows.push((d.severity, &d.code, 1)),
        }
    }
    if rows.is_empty() {
        return;
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0).then(b.2.cmp(&a.2)).then(a.1.cmp(b.1)));
    md.push_str("## 按代码汇总\n\n| 严重程度 | 代码 | 名称 | 条数 |\n|---|---|---|---:|\n");
    for (severity, code, count) in rows {
        let title = crate::codes::info(code).map_or("", |i| i.title);
        md.push_str(&format!(
            "| {} | {code} | {title} | {count} |\n",
            severity.word()
        ));
    }
    md.push('\n');
}

/// One file's findings of the given severities; false when it has none.
fn file_section(
    md: &mut String,
    f: &crate::check::ParsedFile,
    out: &CheckOutput,
    sources: &Sources,
    severities: &[Severity],
) -> bool {
    let diags: Vec<&Diagnostic> = out
        .diagnostics
        .iter()
        .filter(|d| file_of(d) == Some(&f.name) && severities.contains(&d.severity))
        .collect();
    if diags.is_empty() {
        return false;
    }
    let title = f
        .document
        .items
        .iter()
        .find_map(|i| match i {
            Item::Header(h) => Some(format!("《{}》", h.title.text)),
            _ => None,
        })
        .unwrap_or_default();
    md.push_str(&format!("### {} {title}\n\n", f.name));
    let quoted = quoted_items(&f.document);
    // Through the file's line index (built once), not `line_col` from the start of the text
    // for every finding; an unknown file is line 1, as `line_col` of "" was.
    let line_of = |span: Span| sources.line_col(&f.name, span.start).map_or(1, |(l, _)| l);
    for sev in severities {
        let group: Vec<&&Diagnostic> = diags.iter().filter(|d| d.severity == *sev).collect();
        if group.is_empty() {
            continue;
        }
        md.push_str(&format!("#### {}({} 条)\n\n", sev.word(), group.len()));
        // A code found many times in one file is listed compactly under one heading, so the
        // rarer findings stay visible.
        let mut per_code: Vec<(&str, usize)> = Vec::new();
        for d in &group {
            match per_code.iter_mut().find(|(c, _)| *c == d.code) {
                Some((_, n)) => *n += 1,
                None => per_code.push((&d.code, 1)),
            }
        }
        let frequent: Vec<&str> = per_code
            .iter()
            .filter(|(_, n)| *n > COMPACT_AFTER)
            .map(|(c, _)| *c)
            .collect();
        for d in group
            .iter()
            .filter(|d| !frequent.contains(&d.code.as_str()))
        {
            let span = d.primary_label().map(|l| l.span).unwrap_or_default();
            let line = line_of(span);
            md.push_str(&format!("- **{}** 第 {line} 行:{}\n", d.code, d.message));
            for note in &d.notes {
                md.push_str(&format!("  - {note}\n"));
            }
            if let Some(q) = innermost_quote(&quoted, span) {
                md.push_str(&format!("  > 原文:“{}”\n", one_line(q)));
            }
        }
        for code in &frequent {
            let same: Vec<&&&Diagnostic> = group.iter().filter(|d| d.code == *code).collect();
            let title = crate::codes::info(code).map_or("", |i| i.title);
            md.push_str(&format!("- **{code}** {title}({} 处):\n", same.len()));
            for d in same {
                let span = d.primary_label().map(|l| l.span).unwrap_or_default();
                let line = line_of(span);
                md.push_str(&format!("  - 第 {line} 行:{}\n", d.message));
            }
        }
        md.push('\n');
    }
    true
}

/// What is allowed, one line per file, code and reason.
fn allowed_section(md: &mut String, allowed: &[Allowed], sources: &Sources) {
    if allowed.is_empty() {
        return;
    }
    md.push_str("## 已允许\n\n抑制注释或 zhengce.toml 允许的问题,不计入上面的条数:\n\n");
    let mut rows: Vec<(String, &str, String, Vec<usize>)> = Vec::new();
    for a in allowed {
        let file = file_of(&a.diagnostic).cloned().unwrap_or_default();
        let by = match &a.allowed_by {
            AllowedBy::Comment { span, reason, .. } => {
                let line = sources.line_col(&file, span.start).map_or(1, |(l, _)| l);
                let reason = reason.as_deref().unwrap_or("未写理由");
                format!("第 {line} 行的抑制注释:{}", one_line(reason))
            }
            AllowedBy::Config => "zhengce.toml".to_string(),
        };
        let line = a
            .diagnostic
            .primary_label()
            .and_then(|l| sources.line_col(&l.file, l.span.start))
            .map_or(1, |(l, _)| l);
        match rows
            .iter_mut()
            .find(|(f, c, b, _)| *f == file && *c == a.diagnostic.code && *b == by)
        {
            Some(row) => row.3.push(line),
            None => rows.push((file, &a.diagnostic.code, by, vec![line])),
        }
    }
    for (file, code, by, lines) in rows {
        let title = crate::codes::info(code).map_or("", |i| i.title);
        let lines: Vec<String> = lines.iter().map(|l| format!("第 {l} 行")).collect();
        md.push_str(&format!(
            "- {file} **{code}** {title} {} 条({}),由{by}\n",
            lines.len(),
            lines.join("、")
        ));
    }
    md.push('\n');
}

fn file_of(d: &Diagnostic) -> Option<&String> {
    d.primary_label().map(|l| &l.file)
}

fn counts<'a>(diags: impl Iterator<Item = &'a Diagnostic>) -> (usize, usize, usize) {
    diags.fold((0, 0, 0), |(e, w, n), d| match d.severity {
        Severity::Error => (e + 1, w, n),
        Severity::Warning => (e, w + 1, n),
        Severity::Note => (e, w, n + 1),
    })
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every item that carries a 原文 quote, with its span and first quote.
fn quoted_items(doc: &Document) -> Vec<(Span, &str)> {
    fn push<'a>(out: &mut Vec<(Span, &'a str)>, span: Span, quotes: &'a [Text]) {
        if let Some(q) = quotes.first() {
            out.push((span, q.text.as_str()));
        }
    }
    fn measure<'a>(out: &mut Vec<(Span, &'a str)>, m: &'a Measure) {
        push(out, m.span, &m.quotes);
        for t in &m.targets {
            push(out, t.span, &t.quotes);
        }
        for s in &m.standards {
            push(out, s.span, &s.quotes);
        }
        for c in &m.children {
            measure(out, c);
        }
    }
    fn entry<'a>(out: &mut Vec<(Span, &'a str)>, e: &'a AssessEntry) {
        push(out, e.span, &e.quotes);
        for c in &e.children {
            entry(out, c);
        }
    }
    let mut out = Vec::new();
    for item in &doc.items {
        match item {
            Item::Header(h) => push(&mut out, h.span, &h.quotes),
            Item::Scope(s) => push(&mut out, s.span, &s.quotes),
            Item::Target(t) => push(&mut out, t.span, &t.quotes),
            Item::Standard(s) => push(&mut out, s.span, &s.quotes),
            Item::Measure(m) => measure(&mut out, m),
            Item::Schedule(s) => {
                push(&mut out, s.span, &s.quotes);
                for p in &s.phases {
                    push(&mut out, p.span, &p.quotes);
                    for m in &p.measures {
                        measure(&mut out, m);
                    }
                }
                for m in &s.measures {
                    measure(&mut out, m);
                }
            }
            Item::Assessment(a) => {
                push(&mut out, a.span, &a.quotes);
                for e in &a.entries {
                    entry(&mut out, e);
                }
                for adj in &a.adjustments {
                    push(&mut out, adj.span, &adj.quotes);
                }
            }
            Item::Example(e) => push(&mut out, e.span, &e.quotes),
            Item::Department(_) | Item::DepartmentClass(_) | Item::Fact(_) => {}
        }
    }
    out
}

/// The quote of the smallest quoted item around `span`.
fn innermost_quote<'a>(items: &[(Span, &'a str)], span: Span) -> Option<&'a str> {
    items
        .iter()
        .filter(|(s, _)| s.start <= span.start && span.end <= s.end)
        .min_by_key(|(s, _)| s.len())
        .map(|(_, q)| *q)
}
