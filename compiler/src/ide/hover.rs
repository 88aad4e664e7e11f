//! Hover: what the compiler knows about what is under the cursor, in Markdown.
//!
//! - a date: the day it resolves to, and where its year came from when the text left it out;
//! - a quantity: its value in the base unit (1.5万元 is 15000元);
//! - a breakdown (分年度/分项) or a scheme's 总分: the sum against the total;
//! - a department: its full name, aliases and the duties it leads or shares;
//! - a rule (标准/补助): its amount and the result of each 例 that evaluates it;
//! - any other name: what it names, and whether it is defined;
//! - a code in a `// zhengce: allow(…)` comment: its title and severity, and the findings the
//!   comment allows there.

use std::fmt::Write as _;

use serde::Serialize;

use super::index::{Occurrence, SymbolKind};
use super::literals::{literal_at, literals, DateRole, Literal};
use super::Analysis;
use crate::ast::*;
use crate::check::{
    breakdown_sum, measures, resolved_date, scheme_sum, shown, shown_date, shown_in, standards,
    start_of, sum_text, targets, DeptRef, DocCtx,
};
use crate::codes;
use crate::diagnostic::{Diagnostic, Span};
use crate::lints::AllowedBy;
use crate::position::{clamp_span, line_col};
use rust_decimal::Decimal;
use zhengce_runtime::{CivilDate, Quantity, Scale, UnitAtom};

/// Hover text for a span.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Hover {
    /// What the text is about (a name, a date, a number).
    pub span: Span,
    pub markdown: String,
}

/// How many duties a department's hover lists by name.
const LISTED_DUTIES: usize = 8;

/// How many of the findings a suppression allows its hover lists.
const LISTED_ALLOWED: usize = 8;

pub(crate) fn hover(a: &Analysis, file: usize, offset: usize) -> Option<Hover> {
    if let Some(o) = a.index().at(file, offset) {
        return Some(Hover {
            span: o.span,
            markdown: symbol(a, o),
        });
    }
    if let Some(h) = suppressed_code(a, file, offset) {
        return Some(h);
    }
    let cx = a.doc(file);
    let text = a.text(file);
    let lit = literal_at(cx.doc, offset)?;
    let markdown = match lit {
        Literal::Date(d, role) => date(&cx, text, d, role),
        Literal::Quantity(q) => {
            let mut s = quantity(q);
            // A part of a breakdown or the 总分 of a scheme: the sum too.
            let around = literals(cx.doc).into_iter().find(|l| {
                matches!(l, Literal::Breakdown(..) | Literal::Total(..))
                    && l.span().start <= q.span.start
                    && q.span.end <= l.span().end
            });
            if let Some(around) = around {
                s.push_str("\n\n---\n\n");
                s.push_str(&sum(&cx, around)?);
            }
            s
        }
        Literal::Breakdown(..) | Literal::Total(..) => sum(&cx, lit)?,
    };
    Some(Hover {
        span: lit.span(),
        markdown,
    })
}

/// A code (or family) named in a suppression comment at `offset`: what it is, and what the comment
/// allows with it.
fn suppressed_code(a: &Analysis, file: usize, offset: usize) -> Option<Hover> {
    let text = a.text(file);
    let directive = a.output().files[file]
        .directives
        .iter()
        .find(|d| d.span.start <= offset && offset <= d.span.end)?;
    let comment = slice(text, directive.span);
    // The run of code characters around the offset.
    let is_code_char = |c: char| c.is_ascii_alphanumeric();
    let at = offset - directive.span.start;
    if !comment.is_char_boundary(at) {
        return None;
    }
    let start = comment[..at]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_code_char(*c))
        .last()
        .map_or(at, |(i, _)| i);
    let end = at
        + comment[at..]
            .find(|c: char| !is_code_char(c))
            .unwrap_or(comment.len() - at);
    let code = &comment[start..end];
    if !code.starts_with("ZC") || code.len() < 4 {
        return None;
    }
    let mut markdown = match codes::info(code) {
        Some(info) => format!("**{code}** {}:{}", info.severity.word(), info.title),
        None => {
            let members = codes::CATALOGUE
                .iter()
                .filter(|c| c.code.starts_with(code))
                .count();
            if code.len() != 4 || members == 0 {
                return None;
            }
            format!("**{code}** 代码族:{members} 个代码({code}00–{code}99)")
        }
    };
    let allowed: Vec<&Diagnostic> = a
        .output()
        .allowed
        .iter()
        .filter(|al| {
            matches!(&al.allowed_by, AllowedBy::Comment { file: f, span, .. }
                if *f == a.name(file) && *span == directive.span)
                && al.diagnostic.code.starts_with(code)
        })
        .map(|al| &al.diagnostic)
        .collect();
    if allowed.is_empty() {
        markdown.push_str("\n\n这条注释没有以它允许任何问题。");
    } else {
        let _ = write!(
            markdown,
            "\n\n这条注释以它允许了 {} 处问题:\n",
            allowed.len()
        );
        for d in allowed.iter().take(LISTED_ALLOWED) {
            let line = d
                .primary_label()
                .map_or(0, |l| line_col(text, l.span.start).0);
            let _ = write!(markdown, "\n- 第 {line} 行 {}:{}", d.code, d.message);
        }
        if allowed.len() > LISTED_ALLOWED {
            let _ = write!(markdown, "\n- ……另 {} 处", allowed.len() - LISTED_ALLOWED);
        }
    }
    let span = Span::new(directive.span.start + start, directive.span.start + end);
    Some(Hover { span, markdown })
}

/// The text of `span`.
fn slice(text: &str, span: Span) -> &str {
    &text[clamp_span(text, span)]
}

const WEEKDAYS: [&str; 7] = ["一", "二", "三", "四", "五", "六", "日"];

fn day(d: CivilDate) -> String {
    let weekday = WEEKDAYS[usize::from(d.0.weekday().number_days_from_monday())];
    format!("{d}(星期{weekday})")
}

fn date(cx: &DocCtx, text: &str, d: &DateExpr, role: DateRole) -> String {
    let written = slice(text, d.span);
    let resolved = match role {
        DateRole::Day => resolved_date(cx, d),
        DateRole::WindowStart => start_of(d, cx.year),
    };
    let mut s = match resolved {
        Some(r) => format!("**{}**", day(r)),
        None => "**无法确定是哪一天**".to_string(),
    };
    match role {
        DateRole::Day => {
            let _ = write!(s, "\n\n「{written}」作为时限:{}", shown_date(cx, d));
        }
        DateRole::WindowStart => {
            let _ = write!(s, "\n\n「{written}」作为阶段的开始:这一段的第一天");
        }
    }
    if resolved.is_none() {
        let deadline = Deadline::By {
            date: d.clone(),
            before: false,
            span: d.span,
        };
        if let Some(reason) = cx.unresolved_reason(&deadline) {
            let _ = write!(s, "\n\n{reason}");
        }
    } else if d.year.is_none() && !d.this_month {
        if let Some(y) = cx.year_of {
            let (line, _) = line_col(text, y.span.start);
            let _ = write!(
                s,
                "\n\n年份取自第{line}行的{}「{}」",
                y.source.word(),
                slice(text, y.span)
            );
        }
    }
    s
}

fn quantity(q: &QuantityLit) -> String {
    let base = Quantity {
        scale: Scale::One,
        ..q.quantity.clone()
    };
    let mut s = format!("**{base}**");
    if q.quantity.scale != Scale::One {
        let _ = write!(s, "(写作 {})", q.quantity);
    }
    if let Some(u) = &q.quantity.unit {
        if !u.per.is_empty() {
            let per: Vec<&str> = u.per.iter().map(|p| p.word()).collect();
            let _ = write!(s, "\n\n单位:每{}{}", per.join("每"), u.atom.word());
        } else if u.atom == UnitAtom::PercentPoint {
            s.push_str("\n\n百分点:两个百分比之差,不能与 % 相加或比较");
        }
    }
    s
}

/// A breakdown's or a scheme's sum against its total.
fn sum(cx: &DocCtx, lit: Literal) -> Option<String> {
    match lit {
        Literal::Breakdown(t, b) => {
            let word = crate::check::breakdown_word(b);
            let Some(added) = breakdown_sum(cx, t) else {
                return Some(shares(b, word));
            };
            let parts: Vec<Decimal> = added.values.iter().map(|(_, q)| q.value).collect();
            let total = shown(added.total);
            let expr = sum_text(&parts, added.total.scale, added.unit.as_ref());
            let verdict = if added.satisfied() {
                "✓ 相符".to_string()
            } else {
                let gap = shown_in(
                    (added.sum - added.total.value).abs(),
                    added.total.scale,
                    added.unit.as_ref(),
                );
                if added.sum > added.total.value {
                    format!("✗ 多 {gap}")
                } else {
                    format!("✗ 少 {gap}")
                }
            };
            let cmp = match added.cmp {
                Comparator::Eq => "",
                other => crate::check::comparator_words(other),
            };
            Some(format!(
                "**{word}合计** {expr}\n\n与{} {cmp}{total} 比较:{verdict}",
                crate::check::value_word(t)
            ))
        }
        Literal::Total(scheme, total) => {
            let added = scheme_sum(cx, scheme)?;
            let shown_sum = shown_in(added, total.quantity.scale, total.quantity.unit.as_ref());
            let verdict = if added == total.quantity.value {
                "✓ 相符"
            } else {
                "✗ 不符"
            };
            Some(format!(
                "**各项分值合计** {shown_sum}\n\n与总分 {} 比较:{verdict}",
                shown(&total.quantity)
            ))
        }
        _ => None,
    }
}

/// A breakdown that is not added to its value: shares of one whole, or parts in other units.
fn shares(b: &Breakdown, word: &str) -> String {
    let percent = |q: &Quantity| {
        q.unit
            .as_ref()
            .is_some_and(|u| u.atom == UnitAtom::Percent && u.per.is_empty())
    };
    if b.parts.iter().all(|p| percent(&p.quantity.quantity)) {
        let total: Decimal = b.parts.iter().map(|p| p.quantity.quantity.value).sum();
        return format!(
            "**{word}占比合计** {}%\n\n各部分是同一整体的占比,合计不能超过 100%",
            total.normalize()
        );
    }
    format!(
        "**{word}** {} 项\n\n各部分没有与值比较(单位不同或没有值)",
        b.parts.len()
    )
}

/// A name: what it names and what the compiler knows of it.
fn symbol(a: &Analysis, o: &Occurrence) -> String {
    let cx = a.doc(o.file);
    let text = a.text(o.file);
    let mut s = format!("**{}** {}", o.kind.word(), o.text);
    if !o.resolved {
        let _ = write!(s, "\n\n未定义:本文件中没有这个{}", o.kind.word());
        if o.kind == SymbolKind::Document {
            s = format!("**文件** 《{}》\n\n不在本次检查的文件中", o.text);
        }
        return s;
    }
    match o.kind {
        SymbolKind::Department | SymbolKind::DepartmentClass => department(&cx, o, &mut s),
        SymbolKind::Rule => rule(a, &cx, text, o, &mut s),
        SymbolKind::Fact => {
            if let Some(f) = cx.symbols.facts.get(o.key.as_str()) {
                let _ = match &f.ty {
                    FactType::Category { values } => {
                        let v: Vec<&str> = values.names.iter().map(|n| n.text.as_str()).collect();
                        write!(s, "\n\n类别,取值:{}", v.join("、"))
                    }
                    FactType::Quantity { scale, unit, .. } => {
                        write!(s, "\n\n数量,单位:{}{unit}", scale.word())
                    }
                    FactType::Date { .. } => write!(s, "\n\n日期"),
                };
            }
        }
        SymbolKind::FactValue => {
            if let Some((fact, _)) = o.key.split_once('\u{1f}') {
                let _ = write!(s, "\n\n事实「{fact}」的取值");
            }
        }
        SymbolKind::Target => {
            if let Some(t) = cx.symbols.targets.get(o.key.as_str()) {
                target(&cx, text, t, &mut s);
            }
        }
        SymbolKind::Measure => {
            if let Some(m) = cx.symbols.measures.get(o.key.as_str()) {
                duties_line(&m.duties, &mut s);
                if let Some(d) = &m.deadline {
                    deadline(&cx, d, &mut s);
                }
            }
        }
        SymbolKind::Scheme => {
            if let Some(scheme) = cx.symbols.schemes.get(o.key.as_str()) {
                if let Some(total) = &scheme.total {
                    if let Some(sum) = sum(&cx, Literal::Total(scheme, total)) {
                        let _ = write!(s, "\n\n{sum}");
                    }
                }
            }
        }
        SymbolKind::Document => document(a, o, &mut s),
        _ => {}
    }
    s
}

fn duties_line(d: &Duties, s: &mut String) {
    let names = |l: &Option<NameList>| {
        l.as_ref()
            .map(|l| {
                l.names
                    .iter()
                    .map(|n| n.text.as_str())
                    .collect::<Vec<_>>()
                    .join("、")
            })
            .filter(|x| !x.is_empty())
    };
    if let Some(lead) = names(&d.lead) {
        let _ = write!(s, "\n\n牵头:{lead}");
    }
    if let Some(resp) = names(&d.responsible) {
        let _ = write!(s, "\n\n责任单位:{resp}");
    }
}

fn deadline(cx: &DocCtx, d: &Deadline, s: &mut String) {
    let shown = match d {
        Deadline::By { date, before, .. } => {
            let mut x = shown_date(cx, date);
            if *before {
                x.push_str(" 前");
            }
            x
        }
        Deadline::WithinYear { .. } => match cx.year {
            Some(y) => format!("年内(即{y}年12月31日)"),
            None => "年内".to_string(),
        },
        Deadline::Event { event, .. } => format!("「{}」前", event.text),
        Deadline::Ongoing { text, .. } => text.clone(),
    };
    let _ = write!(s, "\n\n期限:{shown}");
}

fn target(cx: &DocCtx, text: &str, t: &Target, s: &mut String) {
    if let Some(v) = &t.value {
        let span = match v {
            TargetValue::Amount(a) => a.span(),
            TargetValue::Relative { span, .. }
            | TargetValue::Coverage { span, .. }
            | TargetValue::Qualitative { span, .. } => *span,
        };
        let _ = write!(s, "\n\n值:{}", slice(text, span));
    }
    if let Some(d) = &t.deadline {
        deadline(cx, d, s);
    }
    duties_line(&t.duties, s);
    if let Some(b) = &t.breakdown {
        if let Some(sum) = sum(cx, Literal::Breakdown(t, b)) {
            let _ = write!(s, "\n\n{sum}");
        }
    }
}

/// A department's full name, aliases, and the duties of its document it leads or shares.
fn department(cx: &DocCtx, o: &Occurrence, s: &mut String) {
    let Some(dept) = cx.symbols.departments.get(o.text.as_str()).copied() else {
        return;
    };
    let canonical = dept.canonical();
    let (aliases, members) = match dept {
        DeptRef::Department(d) => (&d.aliases, None),
        DeptRef::Class(c) => (&c.aliases, c.members.as_ref()),
    };
    *s = format!(
        "**{}** {canonical}",
        match dept {
            DeptRef::Department(_) => "部门",
            DeptRef::Class(_) => "部门类",
        }
    );
    if o.text != canonical {
        let _ = write!(s, "\n\n「{}」是「{canonical}」的别称", o.text);
    }
    if !aliases.is_empty() {
        let names: Vec<&str> = aliases.iter().map(|a| a.text.as_str()).collect();
        let _ = write!(s, "\n\n又称:{}", names.join("、"));
    }
    if let Some(m) = members {
        let names: Vec<&str> = m.names.iter().map(|a| a.text.as_str()).collect();
        let _ = write!(s, "\n\n成员:{}", names.join("、"));
    }
    let is_this = |list: &Option<NameList>| {
        list.as_ref().is_some_and(|l| {
            l.names.iter().any(|n| {
                cx.symbols
                    .departments
                    .get(n.text.as_str())
                    .is_some_and(|d| d.canonical() == canonical)
            })
        })
    };
    let mut leads = Vec::new();
    let mut shares = Vec::new();
    let mut duty = |kind: &str, name: &str, d: &Duties| {
        if is_this(&d.lead) {
            leads.push(format!("{kind}「{name}」"));
        } else if is_this(&d.responsible) {
            shares.push(format!("{kind}「{name}」"));
        }
    };
    for m in measures(cx.doc) {
        duty("措施", &m.measure.name.text, &m.measure.duties);
    }
    for t in targets(cx.doc) {
        duty("目标", &t.target.name.text, &t.target.duties);
    }
    for st in standards(cx.doc) {
        duty("标准", &st.name.text, &st.duties);
    }
    for (word, list) in [("牵头", &leads), ("参与(责任单位)", &shares)] {
        if list.is_empty() {
            continue;
        }
        let shown: Vec<&str> = list
            .iter()
            .take(LISTED_DUTIES)
            .map(String::as_str)
            .collect();
        let more = if list.len() > LISTED_DUTIES {
            format!(" 等 {} 项", list.len())
        } else {
            String::new()
        };
        let _ = write!(s, "\n\n{word} {} 项:{}{more}", list.len(), shown.join("、"));
    }
}

/// A rule's amount and the result of each 例 that evaluates it.
fn rule(a: &Analysis, cx: &DocCtx, text: &str, o: &Occurrence, s: &mut String) {
    let Some(rule) = cx.symbols.standards.get(o.key.as_str()).copied() else {
        return;
    };
    if let Some(amount) = &rule.amount {
        let _ = write!(s, "\n\n金额:{}", slice(text, amount.span()));
    }
    if let Some(t) = &rule.tiers {
        let _ = write!(s, "\n\n分档:按「{}」{} 档", t.by.text, t.rows.len());
    }
    if !rule.conditions.is_empty() {
        let conds: Vec<&str> = rule
            .conditions
            .iter()
            .map(|c| slice(text, c.span))
            .collect();
        let _ = write!(s, "\n\n条件:{}", conds.join(";"));
    }
    // The document's own examples of this rule, run.
    let examples: Vec<&str> = crate::check::examples(cx.doc)
        .filter(|e| matches!(&e.query, ExampleQuery::Eval { rule: r } if r.text == o.key))
        .map(|e| e.name.text.as_str())
        .collect();
    if examples.is_empty() {
        return;
    }
    let Some(program) = crate::build::program_of(a.files(), a.output()) else {
        s.push_str("\n\n例:文件有无法读取的部分,未能运行");
        return;
    };
    let results = zhengce_runtime::eval::run_examples(&program);
    for r in results
        .iter()
        .filter(|r| r.file == cx.file && examples.contains(&r.name.as_str()))
    {
        use zhengce_runtime::eval::ExampleStatus;
        let actual = r.actual.as_deref().unwrap_or("");
        let line = match r.status {
            ExampleStatus::Pass => format!("得 {actual} ✓"),
            ExampleStatus::Fail => format!(
                "得 {actual},与结果 {} 不符 ✗{}",
                r.expected.as_deref().unwrap_or(""),
                r.difference
                    .as_deref()
                    .map(|d| format!("({d})"))
                    .unwrap_or_default()
            ),
            ExampleStatus::Error => format!("无法计算 ✗:{}", r.error.as_deref().unwrap_or("")),
        };
        let _ = write!(s, "\n\n例「{}」:{line}", r.name);
    }
}

/// A document of the set: its title, 文号, date and file.
fn document(a: &Analysis, o: &Occurrence, s: &mut String) {
    let Some(file) = a.file(&o.key) else { return };
    let cx = a.doc(file);
    let text = a.text(file);
    *s = format!("**文件** 《{}》", o.text);
    if let Some(h) = cx.header {
        if let Some(n) = &h.number {
            let _ = write!(s, "\n\n文号:{}", n.text);
        }
        if let Some(d) = &h.date {
            let _ = write!(s, "\n\n成文日期:{}", slice(text, d.span));
        }
        if let Some(i) = &h.issuer {
            let names: Vec<&str> = i.names.iter().map(|n| n.text.as_str()).collect();
            let _ = write!(s, "\n\n发文机关:{}", names.join("、"));
        }
    }
    let _ = write!(s, "\n\n文件:`{}`", a.name(file));
}
