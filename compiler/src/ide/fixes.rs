//! Fixes for the diagnostics whose remedy is known, as edits an editor applies in one step:
//!
//! | code | fix |
//! |---|---|
//! | ZC0001 | an item's name that punctuation, a digit or a guard word cuts short: quote it with 「」 |
//! | ZC0101 | declare the department; or use the declared name it is closest to; or declare it as that name's alias |
//! | ZC0102 | use the defined name it is closest to |
//! | ZC0105 | declare the short name as the long one's alias (又称), dropping its own declaration |
//! | ZC0201 | correct the value to the sum of its 分年度/分项 |
//! | ZC0202 | correct the declared count to the number of members listed |
//! | ZC0203 | correct 总分 (or an item's points) to the sum of its items |
//! | ZC0401, ZC0409 | write the year the checker assumed into the date, or the next year |
//! | ZC0408 | write a year the document names elsewhere into the date |
//! | ZC0701 | insert a 牵头 clause (the first 责任单位, or a department that leads elsewhere in the document) |
//! | ZC0703 | insert a 牵头 clause on the measure (a department that leads elsewhere; else a 责任单位 clause naming one responsible elsewhere) |
//! | ZC1102 | delete the suppression that allows nothing (the code alone when the comment names others) |
//! | any finding a suppression may allow | allow it with a `// zhengce: allow(…)` line before its item, the reason left for the drafter to write (ZC1101 asks for it) |
//!
//! Each fix is computed from the diagnostic's labels and the checked model, not from its words.

use serde::Serialize;

use super::navigation::written_name;
use super::Analysis;
use super::TextEdit;
use crate::ast::*;
use crate::check::{
    breakdown_sum, in_context, measures, nearest, scheme_sum, shown_in, suppression_codes, targets,
    DocCtx, Outline,
};
use crate::codes;
use crate::diagnostic::{Diagnostic, Span};
use crate::lints::unlowerable;
use crate::position::clamp_span;
use rust_decimal::Decimal;
use zhengce_runtime::Scale;

/// One fix: a title for the menu and its edits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub title: String,
    /// The code of the diagnostic it fixes.
    pub code: String,
    pub edits: Vec<TextEdit>,
    /// The fix an editor may apply without asking (the one obvious remedy).
    pub preferred: bool,
}

/// How many leads ZC0701's fix offers.
const LEAD_CHOICES: usize = 3;

pub(crate) fn fixes(a: &Analysis, file: usize, span: Span) -> Vec<Fix> {
    let name = a.name(file);
    a.diagnostics()
        .iter()
        .filter(|d| {
            d.primary_label().is_some_and(|l| {
                l.file == name && l.span.start <= span.end && span.start <= l.span.end
            })
        })
        .flat_map(|d| fixes_for(a, d))
        .collect()
}

pub(crate) fn fixes_for(a: &Analysis, d: &Diagnostic) -> Vec<Fix> {
    let Some(label) = d.primary_label() else {
        return Vec::new();
    };
    let Some(file) = a.file(&label.file) else {
        return Vec::new();
    };
    let f = Fixer {
        a,
        file,
        cx: a.doc(file),
        text: a.text(file),
        name: a.name(file),
        code: &d.code,
    };
    let span = label.span;
    let mut fixes = match d.code.as_str() {
        codes::SYNTAX => f.quote_name(span),
        codes::UNDEFINED_DEPARTMENT => f.undefined_department(span),
        codes::UNDEFINED_NAME => f.undefined_name(span),
        codes::UNDECLARED_ALIAS => {
            let long = d.labels.iter().find(|l| !l.primary).map(|l| l.span);
            long.map(|long| f.alias(span, long)).unwrap_or_default()
        }
        codes::BREAKDOWN_SUM => f.breakdown_total(span),
        codes::MEMBER_COUNT => f.member_count(span),
        codes::POINTS_SUM => f.points_total(span),
        codes::DEADLINE_BEFORE_ISSUE | codes::DEADLINE_BEFORE_PUBLICATION => f.assumed_year(span),
        codes::YEAR_UNKNOWN => f.year_from_document(span),
        codes::NO_LEAD | codes::DUTY_WITHOUT_OWNER => f.lead(span),
        codes::UNUSED_SUPPRESSION => f.unused_suppression(span),
        _ => Vec::new(),
    };
    fixes.extend(f.allow(d, span));
    fixes
}

struct Fixer<'f> {
    a: &'f Analysis,
    file: usize,
    cx: DocCtx<'f>,
    text: &'f str,
    name: &'f str,
    code: &'f str,
}

impl Fixer<'_> {
    fn edit(&self, span: Span, new_text: impl Into<String>) -> TextEdit {
        TextEdit {
            file: self.name.to_string(),
            span,
            new_text: new_text.into(),
        }
    }

    fn fix(&self, title: String, edits: Vec<TextEdit>, preferred: bool) -> Fix {
        Fix {
            title,
            code: self.code.to_string(),
            edits,
            preferred,
        }
    }

    /// The one fix that replaces `span` with `new_text` (one function for the many single-edit
    /// fixes: smaller in the wasm than a `vec!` in a `vec!` at each).
    fn replacing(&self, title: String, span: Span, new_text: String, preferred: bool) -> Vec<Fix> {
        vec![self.fix(title, vec![self.edit(span, new_text)], preferred)]
    }

    fn slice(&self, span: Span) -> &str {
        &self.text[clamp_span(self.text, span)]
    }

    /// The start of the line holding `at`, and the line's leading white space.
    fn line_of(&self, at: usize) -> (usize, &str) {
        let start = self.text[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        let line = &self.text[start..];
        let indent_len = line.len() - line.trim_start_matches([' ', '\t', '\u{3000}']).len();
        (start, &line[..indent_len])
    }

    /// The start of the character that ends at `end` (an item's last character, which may be
    /// more than one byte: 部门：省扶贫办).
    fn last_char_start(&self, end: usize) -> usize {
        let end = clamp_span(self.text, Span::new(end, end)).end;
        self.text[..end]
            .char_indices()
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    /// The offset after the line holding `at` (its line end included).
    fn after_line(&self, at: usize) -> usize {
        match self.text[at..].find('\n') {
            Some(i) => at + i + 1,
            None => self.text.len(),
        }
    }

    fn newline(&self) -> &'static str {
        if self.text.contains("\r\n") {
            "\r\n"
        } else {
            "\n"
        }
    }

    // ───────────── ZC0001 ─────────────

    /// An item's name cut short by punctuation, a digit or a guard word (措施 端正思想，增强责任感
    /// {): quote the whole name, if that is what makes the line parse.
    fn quote_name(&self, at: Span) -> Vec<Fix> {
        let (line_start, indent) = self.line_of(at.start);
        let line_end = self.text[line_start..]
            .find(['\n', '\r'])
            .map_or(self.text.len(), |i| line_start + i);
        let line = &self.text[line_start + indent.len()..line_end];
        let v = super::vocabulary();
        let Some(keyword) = v.keyword_spellings().into_iter().find(|k| {
            line.strip_prefix(k)
                .is_some_and(|rest| rest.starts_with([' ', '\t', '\u{3000}']))
        }) else {
            return Vec::new();
        };
        let after_kw = line_start + indent.len() + keyword.len();
        let rest = &self.text[after_kw..line_end];
        let name_start = after_kw + (rest.len() - rest.trim_start().len());
        // The name runs to the block's brace (or the line's end, or a comment).
        let tail = &self.text[name_start..line_end];
        let name_len = tail
            .find([' ', '\t', '\u{3000}'])
            .filter(|&i| {
                let after = tail[i..].trim_start();
                after.starts_with(['{', '｛']) || after.starts_with("//") || after.is_empty()
            })
            .or_else(|| tail.find(['{', '｛']))
            .unwrap_or(tail.len());
        let name = tail[..name_len].trim_end();
        if name.is_empty() || name.starts_with('「') || name.contains('」') {
            return Vec::new();
        }
        let span = Span::new(name_start, name_start + name.len());
        if !(span.start <= at.start && at.start <= span.end) {
            return Vec::new();
        }
        // Offer it only when the quoted name removes the error on this line.
        let mut fixed = self.text.to_string();
        fixed.replace_range(span.start..span.end, &format!("「{name}」"));
        let parsed = crate::syntax::parse(&fixed, self.name);
        let line_end_after = line_end + "「」".len();
        let still = parsed.diagnostics.iter().any(|d| {
            d.code == codes::SYNTAX
                && d.primary_label()
                    .is_some_and(|l| line_start <= l.span.start && l.span.start < line_end_after)
        });
        if still {
            return Vec::new();
        }
        self.replacing(
            format!("用「」引起名称「{name}」"),
            span,
            format!("「{name}」"),
            true,
        )
    }

    // ───────────── ZC0101, ZC0102 ─────────────

    fn undefined_department(&self, at: Span) -> Vec<Fix> {
        let missing = self.slice(at);
        let Some(o) = self.a.index().at(self.file, at.start) else {
            return Vec::new();
        };
        let name = o.text.clone();
        let mut out = vec![self.fix(
            format!("声明部门「{name}」"),
            vec![self.declare(&format!("部门 {}", written(&name)))],
            false,
        )];
        let keys = self.cx.symbols.departments.keys().copied();
        if let Some(near) = nearest(&name, keys) {
            out.push(self.fix(
                format!("改为已声明的「{near}」"),
                vec![self.edit(at, written(near))],
                false,
            ));
            if let Some(alias) = self.add_alias(near, &name) {
                out.push(self.fix(format!("声明「{name}」为「{near}」的别称"), alias, false));
            }
        }
        let _ = missing;
        out
    }

    /// An insertion declaring an item at the top level: after the last department or class,
    /// else after the header, else at the start.
    fn declare(&self, line: &str) -> TextEdit {
        let items = &self.cx.doc.items;
        let after = items
            .iter()
            .rfind(|i| matches!(i, Item::Department(_) | Item::DepartmentClass(_)))
            .or_else(|| items.iter().find(|i| matches!(i, Item::Header(_))))
            .map(|i| self.after_line(self.last_char_start(i.span().end)));
        let nl = self.newline();
        match after {
            Some(at) if at == self.text.len() && !self.text.ends_with('\n') => {
                self.edit(Span::new(at, at), format!("{nl}{line}{nl}"))
            }
            Some(at) => self.edit(Span::new(at, at), format!("{line}{nl}")),
            None => {
                let at = usize::from(self.text.starts_with('\u{FEFF}')) * 3;
                self.edit(Span::new(at, at), format!("{line}{nl}"))
            }
        }
    }

    fn undefined_name(&self, at: Span) -> Vec<Fix> {
        let index = self.a.index();
        let Some(o) = index.at(self.file, at.start) else {
            return Vec::new();
        };
        let defs = index.by_file[self.file]
            .iter()
            .filter(|x| x.definition && x.kind == o.kind)
            .map(|x| x.text.as_str());
        match nearest(&o.text, defs) {
            Some(near) => self.replacing(format!("改为「{near}」"), at, written(near), true),
            None => Vec::new(),
        }
    }

    // ───────────── ZC0105 ─────────────

    /// The short name's own declaration is dropped and it becomes the long one's alias.
    fn alias(&self, short_span: Span, long_span: Span) -> Vec<Fix> {
        let dept = |span: Span| {
            self.cx.doc.items.iter().find_map(|i| match i {
                Item::Department(d) if d.name.span == span => Some(d),
                _ => None,
            })
        };
        let (Some(short), Some(long)) = (dept(short_span), dept(long_span)) else {
            return Vec::new();
        };
        let Some(mut edits) = self.add_alias(&long.name.text, &short.name.text) else {
            return Vec::new();
        };
        edits.push(self.remove_department(short));
        zhengce_runtime::sort::sort_by_key(&mut edits, |e| e.span.start);
        vec![self.fix(
            format!(
                "声明「{}」为「{}」的别称(又称)",
                short.name.text, long.name.text
            ),
            edits,
            true,
        )]
    }

    /// The edits that give the department or class declared as `name` the alias `alias`.
    fn add_alias(&self, name: &str, alias: &str) -> Option<Vec<TextEdit>> {
        let (decl, aliases) = self.cx.doc.items.iter().find_map(|i| match i {
            Item::Department(d) if d.name.text == name => Some((d.name.span, &d.aliases)),
            Item::DepartmentClass(c) if c.name.text == name => Some((c.name.span, &c.aliases)),
            _ => None,
        })?;
        let alias = written(alias);
        if let Some(last) = aliases.last() {
            return Some(vec![self.edit(
                Span::new(last.span.end, last.span.end),
                format!("、{alias}"),
            )]);
        }
        // `部门：甲、乙` declares without 又称: write the body on a line of its own.
        let item = self.cx.doc.items.iter().find_map(|i| match i {
            Item::Department(d) if d.name.span == decl => Some(d),
            _ => None,
        });
        if let Some(d) = item.filter(|d| d.span == d.name.span) {
            let nl = self.newline();
            let at = self.after_line(d.span.start);
            return Some(vec![
                self.remove_department(d),
                self.edit(
                    Span::new(at, at),
                    format!("部门 {} 又称 {alias}{nl}", written(name)),
                ),
            ]);
        }
        Some(vec![self.edit(
            Span::new(decl.end, decl.end),
            format!(" 又称 {alias}"),
        )])
    }

    /// Removes a department's declaration: its line, or its name from a `部门：甲、乙` list.
    fn remove_department(&self, d: &Department) -> TextEdit {
        if d.span != d.name.span {
            let (start, _) = self.line_of(d.span.start);
            return self.edit(Span::new(start, self.after_line(d.span.start)), "");
        }
        // In a list: the name and the separator after it (or before it, for the last one).
        let after = &self.text[d.span.end..];
        let sep = after
            .chars()
            .next()
            .filter(|c| matches!(c, '、' | '，' | ','));
        match sep {
            Some(c) => self.edit(Span::new(d.span.start, d.span.end + c.len_utf8()), ""),
            None => {
                let before = &self.text[..d.span.start];
                let sep = before
                    .chars()
                    .next_back()
                    .filter(|c| matches!(c, '、' | '，' | ','));
                let start = d.span.start - sep.map_or(0, char::len_utf8);
                self.edit(Span::new(start, d.span.end), "")
            }
        }
    }

    // ───────────── ZC0201, ZC0202, ZC0203 ─────────────

    fn breakdown_total(&self, at: Span) -> Vec<Fix> {
        for t in targets(self.cx.doc) {
            let Some(TargetValue::Amount(Amount::Bounded {
                comparator: Comparator::Eq,
                quantity,
                span,
                ..
            })) = &t.target.value
            else {
                continue;
            };
            if *span != at {
                continue;
            }
            let Some(added) = breakdown_sum(&self.cx, t.target) else {
                continue;
            };
            let new = shown_in(added.sum, quantity.quantity.scale, added.unit.as_ref());
            return self.replacing(
                format!("把值改为各部分的合计 {new}"),
                quantity.span,
                new,
                true,
            );
        }
        Vec::new()
    }

    fn member_count(&self, at: Span) -> Vec<Fix> {
        for item in &self.cx.doc.items {
            let Item::Scope(s) = item else { continue };
            let (Some(count), Some(list)) = (
                s.count.iter().chain(&s.also).find(|q| q.span == at),
                &s.members,
            ) else {
                continue;
            };
            if list.open {
                continue;
            }
            let mut distinct: Vec<&str> = list.names.iter().map(|n| n.text.as_str()).collect();
            zhengce_runtime::sort::sort(&mut distinct);
            distinct.dedup();
            let new = shown_in(
                Decimal::from(distinct.len()),
                Scale::One,
                count.quantity.unit.as_ref(),
            );
            return self.replacing(
                format!("把数量改为列出的成员数 {new}"),
                count.span,
                new,
                false,
            );
        }
        Vec::new()
    }

    fn points_total(&self, at: Span) -> Vec<Fix> {
        for scheme in crate::check::schemes(self.cx.doc) {
            if let Some(total) = scheme.total.as_ref().filter(|t| t.span == at) {
                let Some(sum) = scheme_sum(&self.cx, scheme) else {
                    return Vec::new();
                };
                return self.points_fix("总分", total, sum);
            }
            let mut stack: Vec<&AssessEntry> = scheme.entries.iter().collect();
            while let Some(e) = stack.pop() {
                stack.extend(e.children.iter());
                let Some(points) = e.points.as_ref().filter(|p| p.span == at) else {
                    continue;
                };
                let unit = points.quantity.unit.as_ref();
                let mut sum = Decimal::ZERO;
                for c in &e.children {
                    let Some(p) = &c.points else {
                        return Vec::new();
                    };
                    let q = in_context(&p.quantity, unit);
                    if q.unit.as_ref() != unit {
                        return Vec::new();
                    }
                    sum += q.value;
                }
                return self.points_fix(&format!("「{}」的分值", e.name.text), points, sum);
            }
        }
        Vec::new()
    }

    fn points_fix(&self, what: &str, total: &QuantityLit, sum: Decimal) -> Vec<Fix> {
        let q = &total.quantity;
        let new = shown_in(sum, q.scale, q.unit.as_ref());
        self.replacing(format!("把{what}改为各项合计 {new}"), total.span, new, true)
    }

    // ───────────── dates ─────────────

    /// The yearless date at `at`, if the label is on one.
    fn date_at(&self, at: Span) -> Option<&DateExpr> {
        super::literals::literals(self.cx.doc)
            .into_iter()
            .find_map(|l| match l {
                super::literals::Literal::Date(d, _)
                    if d.year.is_none()
                        && !d.this_month
                        && (d.month.is_some() || d.part.is_some())
                        && d.span.start <= at.start
                        && at.end <= d.span.end =>
                {
                    Some(d)
                }
                _ => None,
            })
    }

    fn with_year(&self, d: &DateExpr, year: i32, preferred: bool, why: &str) -> Fix {
        let written = self.slice(d.span);
        self.fix(
            format!("写明年份:{year}年{written}{why}"),
            vec![self.edit(Span::new(d.span.start, d.span.start), format!("{year}年"))],
            preferred,
        )
    }

    /// ZC0401/ZC0409 on a date without its year: write the year the checker took, or the next.
    fn assumed_year(&self, at: Span) -> Vec<Fix> {
        let (Some(d), Some(year)) = (self.date_at(at), self.cx.year) else {
            return Vec::new();
        };
        vec![
            self.with_year(d, year + 1, false, "(次年)"),
            self.with_year(d, year, false, "(检查按此理解)"),
        ]
    }

    /// ZC0408: the years the document names elsewhere (its title, periods, dated items),
    /// most frequent first.
    fn year_from_document(&self, at: Span) -> Vec<Fix> {
        let Some(d) = self.date_at(at) else {
            return Vec::new();
        };
        let mut years: Vec<(i32, usize)> = Vec::new();
        let mut count = |y: i32| match years.iter_mut().find(|(x, _)| *x == y) {
            Some((_, n)) => *n += 1,
            None => years.push((y, 1)),
        };
        for l in super::literals::literals(self.cx.doc) {
            if let super::literals::Literal::Date(d, _) = l {
                if let Some(y) = d.year {
                    count(y);
                }
            }
        }
        if let Some(h) = self.cx.header {
            let title = crate::lexical::fold_width(&h.title.text);
            for (i, _) in title.match_indices('年') {
                if let Some(y) = title
                    .get(i.saturating_sub(4)..i)
                    .and_then(|s| s.parse().ok())
                {
                    count(y);
                }
            }
        }
        zhengce_runtime::sort::sort_by(&mut years, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        years
            .into_iter()
            .take(3)
            .map(|(y, _)| self.with_year(d, y, false, ""))
            .collect()
    }

    // ───────────── ZC0701 ─────────────

    /// A 牵头 clause for the measure named at `at`.
    fn lead(&self, at: Span) -> Vec<Fix> {
        let Some(m) = measures(self.cx.doc)
            .into_iter()
            .map(|m| m.measure)
            .find(|m| m.name.span == at)
        else {
            return Vec::new();
        };
        // The first 责任单位, moved to 牵头.
        if let Some(resp) = &m.duties.responsible {
            if let Some(first) = resp.names.first() {
                let mut edits =
                    vec![self.insert_clause(m, &format!("牵头：{}", written(&first.text)))];
                if resp.names.len() > 1 {
                    let next = resp.names[1].span.start;
                    edits.push(self.edit(Span::new(first.span.start, next), ""));
                } else {
                    // The only one: the clause becomes 牵头.
                    let Some(key) = self.key_before(resp.span.start) else {
                        return Vec::new();
                    };
                    edits = vec![self.edit(key, "牵头")];
                }
                zhengce_runtime::sort::sort_by_key(&mut edits, |e| e.span.start);
                return vec![self.fix(
                    format!("以第一个责任单位「{}」牵头", first.text),
                    edits,
                    false,
                )];
            }
        }
        // Else the departments that lead most often in this document; for a task without an
        // owner in a document that names only 责任单位, those named most often.
        let mut key = "牵头";
        let mut leads = self.most_named(|d| d.lead.as_ref());
        if leads.is_empty() && self.code == codes::DUTY_WITHOUT_OWNER {
            key = "责任单位";
            leads = self.most_named(|d| d.responsible.as_ref());
        }
        leads
            .into_iter()
            .take(LEAD_CHOICES)
            .map(|name| {
                self.fix(
                    format!("添加「{key}：{name}」"),
                    vec![self.insert_clause(m, &format!("{key}：{}", written(name)))],
                    false,
                )
            })
            .collect()
    }

    /// The departments a clause of the document's measures names, most often first.
    fn most_named(&self, clause: impl Fn(&Duties) -> Option<&NameList>) -> Vec<&str> {
        let mut named: Vec<(&str, usize)> = Vec::new();
        for other in measures(self.cx.doc) {
            for l in clause(&other.measure.duties).iter().flat_map(|l| &l.names) {
                let Some(d) = self.cx.symbols.departments.get(l.text.as_str()) else {
                    continue;
                };
                let name = d.canonical();
                match named.iter_mut().find(|(n, _)| *n == name) {
                    Some((_, k)) => *k += 1,
                    None => named.push((name, 1)),
                }
            }
        }
        zhengce_runtime::sort::sort_by(&mut named, |a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        named.into_iter().map(|(name, _)| name).collect()
    }

    // ───────────── suppressions ─────────────

    /// ZC1102: deletes the code that allows nothing from its comment, or the whole comment line
    /// when it is the only code.
    fn unused_suppression(&self, at: Span) -> Vec<Fix> {
        let directives = &self.a.output().files[self.file].directives;
        let Some(directive) = directives
            .iter()
            .find(|d| d.span.start <= at.start && at.end <= d.span.end)
        else {
            return Vec::new();
        };
        let comment = self.slice(directive.span);
        let Some(open) = comment.find(['(', '（']) else {
            return Vec::new();
        };
        let open_len = comment[open..].chars().next().map_or(1, char::len_utf8);
        let list_start = directive.span.start + open + open_len;
        let list_end = self.text[list_start..directive.span.end]
            .find([')', '）'])
            .map_or(directive.span.end, |i| list_start + i);
        let codes: Vec<Span> = suppression_codes(&self.text[list_start..list_end])
            .into_iter()
            .map(|(s, e)| Span::new(list_start + s, list_start + e))
            .collect();
        let Some(i) = codes.iter().position(|c| *c == at) else {
            return Vec::new();
        };
        if codes.len() == 1 {
            // The comment is on its own line: the line goes, with its line break.
            let (start, _) = self.line_of(directive.span.start);
            let rest = &self.text[directive.span.end..];
            let end = directive.span.end + rest.find('\n').map_or(rest.len(), |n| n + 1);
            return self.replacing(
                "删去这条抑制注释".to_string(),
                Span::new(start, end),
                String::new(),
                true,
            );
        }
        // One code of several: it goes with the separator after it (before it, when last).
        let span = match codes.get(i + 1) {
            Some(next) => Span::new(at.start, next.start),
            None => Span::new(codes[i - 1].end, at.end),
        };
        self.replacing(
            format!("从抑制注释中删去 {}", self.slice(at)),
            span,
            String::new(),
            true,
        )
    }

    /// Allows the finding with a `// zhengce: allow(CODE)` line before the innermost statement
    /// that holds its primary label: the label's own line when a statement starts there, else
    /// the items around it. Where the comment applies is decided as the checker decides it
    /// (`syntax::directives`): before the file's first statement, the whole file; else the
    /// statement that starts right after it. The reason is left for the drafter (ZC1101 asks
    /// for it until it is written).
    fn allow(&self, d: &Diagnostic, at: Span) -> Option<Fix> {
        let own = [
            codes::SUPPRESSION_WITHOUT_REASON,
            codes::UNUSED_SUPPRESSION,
            codes::BAD_DIRECTIVE,
        ];
        if own.contains(&d.code.as_str()) || unlowerable(&d.code).is_some() {
            return None;
        }
        let doc = &self.a.output().files[self.file].document;
        let outline = Outline::new(&doc.items);
        let mut around: Vec<Span> = outline
            .nodes
            .iter()
            .map(|n| n.span)
            .filter(|s| s.start <= at.start && at.end <= s.end)
            .collect();
        zhengce_runtime::sort::sort_by_key(&mut around, |s| s.end - s.start);
        let statements = self.a.statements(self.file);
        for place in std::iter::once(at.start).chain(around.iter().map(|s| s.start)) {
            let (line, indent) = self.line_of(place);
            let first = line + indent.len();
            // The line starts a statement that holds the label.
            let k = statements.partition_point(|s| s.start < first);
            let Some(statement) = statements.get(k).filter(|s| s.start == first) else {
                continue;
            };
            if !(statement.start <= at.start && at.end <= statement.end) {
                continue;
            }
            let before_any = self.text[..line].lines().all(|l| {
                let l = l.trim_start_matches('\u{FEFF}').trim();
                l.is_empty() || l.starts_with("//")
            });
            let scope = if before_any { "在整个文件中" } else { "" };
            let comment = format!("{indent}// zhengce: allow({}){}", d.code, self.newline());
            return Some(self.fix(
                format!("以注释{scope}允许 {}(随后写明理由)", d.code),
                vec![self.edit(Span::new(line, line), comment)],
                false,
            ));
        }
        None
    }

    /// The clause key written before a clause's value starting at `value`.
    fn key_before(&self, value: usize) -> Option<Span> {
        let before = self.text[..value].trim_end_matches([' ', '\t', '\u{3000}']);
        let before = before
            .strip_suffix('：')
            .or_else(|| before.strip_suffix(':'))?
            .trim_end_matches([' ', '\t', '\u{3000}']);
        let v = super::vocabulary();
        let key = v
            .key_spellings()
            .into_iter()
            .find(|k| before.ends_with(k))?;
        Some(Span::new(before.len() - key.len(), before.len()))
    }

    /// Inserts a clause as the first statement of a measure's block (making one if it has none).
    fn insert_clause(&self, m: &Measure, clause: &str) -> TextEdit {
        let body = &self.text[m.name.span.end..m.span.end.min(self.text.len())];
        let brace = body.find(['{', '｛']).map(|i| m.name.span.end + i);
        match brace {
            Some(open) => {
                let after = open + self.text[open..].chars().next().map_or(1, char::len_utf8);
                let rest = self.text[after..].trim_start_matches([' ', '\t', '\u{3000}']);
                if rest.starts_with(['\n', '\r']) {
                    let (_, indent) = self.line_of(m.span.start);
                    self.edit(
                        Span::new(after, after),
                        format!("{}{indent}  {clause}", self.newline()),
                    )
                } else {
                    self.edit(Span::new(after, after), format!(" {clause}；"))
                }
            }
            None => self.edit(
                Span::new(m.name.span.end, m.name.span.end),
                format!(" {{ {clause} }}"),
            ),
        }
    }
}

/// A name as it is written where a name goes: bare, or in 「」.
fn written(name: &str) -> String {
    written_name(name).unwrap_or_else(|_| format!("「{name}」"))
}
