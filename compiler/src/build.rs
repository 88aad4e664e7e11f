//! The IR build: a checked policy set → [`zhengce_runtime::ir::Program`].
//!
//! [`build`] runs the checks and builds the IR only when they found no error (warnings are
//! fine). Building resolves everything the runtime should not have to: department names and
//! aliases fold to the canonical name, month-day dates take the document's year, tier cases
//! become exact intervals (以上/以下/以内/不超过/不低于 include the number, 超过/低于/少于 exclude
//! it, 民法典 第一千二百五十九条; a range includes both ends), measures flatten into duties with
//! their parent and inherited lead, and every item keeps its [`Origin`] (file, line and column of
//! its name, byte span, first 原文 quote).
//!
//! Output is deterministic: documents in the order given, items in source order; the symbol
//! tables are hash maps but are only ever looked up, never iterated into the IR.
//!
//! A few things the checks let through cannot be put into the IR (a 截至 date of an example with
//! no year to place it in, 左右 as a tier boundary); the build reports those as errors and then
//! produces no program.

use zhengce_runtime::ir::{self, Origin, Program, IR_VERSION};
use zhengce_runtime::{CivilDate, Unit, UnitAtom};

use crate::ast::{self, *};
use crate::check::{
    check_files_with, examples, in_context, measures, rate_span, schedules, schemes, standards,
    start_of, targets, CheckOptions, DocCtx, ParsedFile, SourceFile,
};
use crate::codes;
use crate::diagnostic::{count_severity, sort_diagnostics, Diagnostic, Severity, Span};
use crate::position::{clamp_span, LineIndex};

/// What a build produces: the program when it could be built, and every diagnostic, sorted.
#[derive(Debug)]
pub struct BuildOutput {
    /// `None` when errors prevented the build.
    pub program: Option<Program>,
    pub diagnostics: Vec<Diagnostic>,
}

impl BuildOutput {
    pub fn error_count(&self) -> usize {
        count_severity(&self.diagnostics, Severity::Error)
    }

    pub fn warning_count(&self) -> usize {
        count_severity(&self.diagnostics, Severity::Warning)
    }
}

/// Checks a policy set and, when the checks found no error, compiles it to the IR.
pub fn build(sources: &[SourceFile], options: &CheckOptions) -> BuildOutput {
    build_with(sources, options, false)
}

/// Like [`build`], but compiles a set whose checks found errors, as long as every file could be
/// read and parsed (no `ZC00xx` error): a document whose figures do not add up is still the
/// document. Names the checks could not resolve stay as written. For `zhengce build
/// --allow-errors` and for tests; a program built this way encodes a document with known faults.
pub fn build_allowing_errors(sources: &[SourceFile], options: &CheckOptions) -> BuildOutput {
    build_with(sources, options, true)
}

/// Whether an error means a file was not read completely (its AST is partial).
fn is_reading_error(d: &Diagnostic) -> bool {
    d.is_error() && d.code.starts_with("ZC00")
}

fn build_with(sources: &[SourceFile], options: &CheckOptions, allow_errors: bool) -> BuildOutput {
    build_checked(sources, &check_files_with(sources, options), allow_errors)
}

/// [`build`] (or, with `allow_errors`, [`build_allowing_errors`]) of a set already checked: for
/// the playground, whose editor keeps the check for its hover and completion.
pub fn build_checked(
    sources: &[SourceFile],
    checked: &crate::CheckOutput,
    allow_errors: bool,
) -> BuildOutput {
    let mut diagnostics = checked.diagnostics.clone();
    let blocked = diagnostics
        .iter()
        .any(|d| is_reading_error(d) || (!allow_errors && d.is_error()));
    if blocked {
        return BuildOutput {
            program: None,
            diagnostics,
        };
    }
    let (program, build_errors) = build_documents(sources, &checked.files);
    let failed = build_errors.iter().any(Diagnostic::is_error);
    diagnostics.extend(build_errors);
    sort_diagnostics(&mut diagnostics);
    BuildOutput {
        program: (!failed).then_some(program),
        diagnostics,
    }
}

/// The program of a set already checked, built as [`build_allowing_errors`] builds it; none when
/// a file was not read whole or the IR cannot express something. For the editor features, which
/// have the check already.
pub(crate) fn program_of(sources: &[SourceFile], checked: &crate::CheckOutput) -> Option<Program> {
    build_checked(sources, checked, true).program
}

/// Builds the IR of parsed files (in the order of `sources`, whose texts give positions and quotes) to a
/// program, with the errors of things the IR cannot express.
fn build_documents(sources: &[SourceFile], files: &[ParsedFile]) -> (Program, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut documents = Vec::with_capacity(files.len());
    for file in files {
        let text = sources
            .iter()
            .find(|s| s.name == file.name)
            .map_or("", |s| s.text.as_str());
        let cx = DocCtx::new(&file.name, &file.document);
        let lines = LineIndex::new(text);
        let mut l = DocBuilder {
            cx: &cx,
            text,
            lines: &lines,
            out: &mut diagnostics,
        };
        documents.push(l.document());
    }
    let program = Program {
        version: IR_VERSION,
        documents,
    };
    (program, diagnostics)
}

/// Builds the IR of one document.
struct DocBuilder<'c, 'a> {
    cx: &'c DocCtx<'a>,
    text: &'a str,
    /// Every item's origin needs its line: `line_col` scans from the start of the file each
    /// time, which made building a 1 MB file take a second.
    lines: &'c LineIndex,
    out: &'c mut Vec<Diagnostic>,
}

fn cmp(c: Comparator) -> ir::Cmp {
    c.cmp()
}

fn names(list: Option<&NameList>) -> Vec<String> {
    list.map(|l| l.names.iter().map(|n| n.text.clone()).collect())
        .unwrap_or_default()
}

/// A 期间 (a target's or the document's).
fn period(p: &ast::Period) -> ir::Period {
    ir::Period {
        from_year: p.from_year,
        to_year: p.to_year,
        every_year: p.every_year,
    }
}

/// The 范围 an item names, each once, in the order first named. Scopes have no aliases, so the
/// declared name is the name as written (an undeclared one, an error the checks have reported,
/// stays as written too).
fn scope_names(list: Option<&NameList>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for n in list.map(|l| l.names.as_slice()).unwrap_or_default() {
        if !out.contains(&n.text) {
            out.push(n.text.clone());
        }
    }
    out
}

/// The unit an amount is stated in, for parts written without one.
fn amount_unit(a: &ast::Amount) -> Option<&Unit> {
    match a {
        ast::Amount::Bounded { quantity, .. } => quantity.quantity.unit.as_ref(),
        ast::Amount::Range { low, high, .. } => {
            low.quantity.unit.as_ref().or(high.quantity.unit.as_ref())
        }
        ast::Amount::Change { to, .. } => to.quantity.unit.as_ref(),
        ast::Amount::Share { .. } | ast::Amount::RatioRange { .. } => None,
    }
}

/// The unit a target's parts, milestones and rate are counted in: its value's, else the first
/// unit any of its figures states.
fn target_unit(t: &ast::Target) -> Option<&Unit> {
    if let Some(TargetValue::Amount(a)) = &t.value {
        if let Some(u) = amount_unit(a) {
            return Some(u);
        }
    }
    let parts = [&t.breakdown, &t.milestones, &t.levels]
        .into_iter()
        .flatten()
        .flat_map(|b| b.parts.iter())
        .filter_map(|p| p.quantity.quantity.unit.as_ref())
        .filter(|u| !(u.atom == UnitAtom::Item && u.per.is_empty()));
    let rate = t.rate.as_ref().and_then(|r| amount_unit(&r.amount));
    rate.into_iter().chain(parts).next()
}

impl DocBuilder<'_, '_> {
    fn file(&self) -> &str {
        self.cx.file
    }

    /// The text a span covers, as written (without the white space a span may end in).
    fn slice(&self, span: Span) -> String {
        self.text[clamp_span(self.text, span)].trim().to_string()
    }

    fn origin(&self, name: Span, span: Span, quote: Option<&Text>) -> Origin {
        let (line, column) = self.lines.line_col(self.text, name.start);
        Origin {
            file: self.file().to_string(),
            line: u32::try_from(line).unwrap_or(u32::MAX),
            column: u32::try_from(column).unwrap_or(u32::MAX),
            start: span.start,
            end: span.end,
            quote: quote.map(|q| q.text.clone()),
        }
    }

    /// An error for something the IR cannot express.
    fn refuse(&mut self, code: &str, span: Span, message: String, label: &str, help: &str) {
        let d = Diagnostic::error(code, message)
            .primary(self.cx.file, span, label)
            .note("有这个问题时不生成 IR")
            .help(help);
        self.out.push(d);
    }

    /// A date that must be placed in a year for the IR (an example's date, a rule's 自).
    fn date(&mut self, d: &DateExpr, what: &str) -> Option<CivilDate> {
        let resolved = self.cx.resolve(d);
        if resolved.is_none() {
            let written = self.slice(d.span);
            self.refuse(
                codes::YEAR_UNKNOWN,
                d.span,
                format!("{what}的日期「{written}」无法确定是哪一天,不能编译为 IR"),
                "不知是哪一天",
                "给这个日期写上年份,或在文件头写明成文日期",
            );
        }
        resolved
    }

    /// The canonical name of a department or class; a name the document does not declare (an
    /// error the checks have reported) stays as written.
    fn department(&self, name: &str) -> String {
        self.cx
            .symbols
            .departments
            .get(name)
            .map_or(name, |d| d.canonical())
            .to_string()
    }

    /// Canonical names, each once, in the order first named.
    fn departments(&self, list: Option<&NameList>) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for n in list.map(|l| l.names.as_slice()).unwrap_or_default() {
            let canonical = self.department(&n.text);
            if !out.contains(&canonical) {
                out.push(canonical);
            }
        }
        out
    }

    /// The unit of a quantity fact, for tier cases and given values written without one.
    fn fact_unit(&self, fact: &str) -> Option<&Unit> {
        match &self.cx.symbols.facts.get(fact)?.ty {
            FactType::Quantity { unit, .. } => Some(unit),
            _ => None,
        }
    }

    fn document(&mut self) -> ir::Document {
        let header = self.cx.header;
        let doc = self.cx.doc;
        let (duties, duty_ids) = self.duties();
        let mut departments = Vec::new();
        let mut scopes = Vec::new();
        let mut facts = Vec::new();
        for item in &doc.items {
            match item {
                Item::Scope(s) => scopes.push(ir::Scope {
                    name: s.name.text.clone(),
                    count: s.count.as_ref().map(|q| q.quantity.clone()),
                    also: s.also.iter().map(|q| q.quantity.clone()).collect(),
                    members: names(s.members.as_ref()),
                    members_open: s.members.as_ref().is_some_and(|m| m.open),
                    list_attached: s.list_attached,
                    origin: self.origin(s.name.span, s.span, s.quotes.first()),
                }),
                Item::Department(d) => departments.push(ir::Department {
                    name: d.name.text.clone(),
                    aliases: d.aliases.iter().map(|a| a.text.clone()).collect(),
                    class: false,
                }),
                Item::DepartmentClass(c) => departments.push(ir::Department {
                    name: c.name.text.clone(),
                    aliases: c.aliases.iter().map(|a| a.text.clone()).collect(),
                    class: true,
                }),
                Item::Fact(f) => facts.push(ir::Fact {
                    name: f.name.text.clone(),
                    kind: match &f.ty {
                        FactType::Category { values } => ir::FactKind::Category {
                            values: names(Some(values)),
                        },
                        FactType::Quantity { scale, unit, .. } => ir::FactKind::Quantity {
                            unit: unit.clone(),
                            scale: *scale,
                        },
                        FactType::Date { .. } => ir::FactKind::Date,
                    },
                }),
                _ => {}
            }
        }
        let mut rule_list = standards(doc);
        zhengce_runtime::sort::sort_by_key(&mut rule_list, |s| s.span.start);
        let rules = rule_list.into_iter().map(|s| self.rule(s)).collect();
        let mut target_list = targets(doc);
        zhengce_runtime::sort::sort_by_key(&mut target_list, |t| t.target.span.start);
        let targets = target_list
            .into_iter()
            .map(|t| {
                let duty = t.measure_index.map(|k| duty_ids[k]);
                self.target(t.target, duty)
            })
            .collect();
        let mut phases = Vec::new();
        for s in schedules(doc) {
            for p in &s.phases {
                phases.push(self.phase(s, p));
            }
        }
        let schemes = schemes(doc).map(|a| self.scheme(a)).collect();
        let examples = examples(doc).map(|e| self.example(e)).collect();
        ir::Document {
            file: self.file().to_string(),
            title: header.map(|h| h.title.text.clone()),
            number: header
                .and_then(|h| h.number.as_ref())
                .map(|n| n.text.clone()),
            // As written: the checks do not require an issuer to be a declared 部门 (汨罗's
            // 汨罗市扶贫开发领导小组 is not one), so there is no canonical name to fold to.
            issuer: names(header.and_then(|h| h.issuer.as_ref())),
            date: self.cx.date,
            year: self.cx.year,
            year_source: self.cx.year_of.map(|y| y.source),
            // As 成文日期: a date whose year cannot be known (ZC0408 warns) is left out.
            published: self.cx.published,
            effective: header
                .and_then(|h| h.effective.as_ref())
                .and_then(|d| self.cx.resolve(d)),
            effective_on_issue: header.is_some_and(|h| h.effective_on_issue),
            period: header.and_then(|h| h.period.as_ref()).map(period),
            basis: header
                .map(|h| h.basis.iter().map(|b| b.title.text.clone()).collect())
                .unwrap_or_default(),
            repeals: header
                .map(|h| h.repeals.iter().map(|b| b.title.text.clone()).collect())
                .unwrap_or_default(),
            source: header
                .and_then(|h| h.source.as_ref())
                .map(|s| s.text.clone()),
            departments,
            scopes,
            facts,
            rules,
            duties,
            phases,
            targets,
            schemes,
            examples,
        }
    }

    // ───────────── duties ─────────────

    /// Every measure in source order (parents before children), and for each measure of the
    /// walker's list ([`measures`]) its duty id.
    fn duties(&mut self) -> (Vec<ir::Duty>, Vec<usize>) {
        let walked = measures(self.cx.doc);
        // The walker visits a schedule's own measures before its phases'; the IR is in source
        // order. A parent starts before its children, so it keeps coming first.
        let mut order: Vec<usize> = (0..walked.len()).collect();
        zhengce_runtime::sort::sort_by_key(&mut order, |&k| walked[k].measure.span.start);
        let mut ids = vec![0; walked.len()];
        for (id, &k) in order.iter().enumerate() {
            ids[k] = id;
        }
        let mut duties: Vec<ir::Duty> = Vec::with_capacity(walked.len());
        for (id, at) in order.iter().map(|&k| &walked[k]).enumerate() {
            let m = at.measure;
            let parent = at.parent_index.map(|p| ids[p]);
            let mut lead = self.departments(m.duties.lead.as_ref());
            let mut lead_inherited = false;
            if lead.is_empty() {
                if let Some(p) = parent.and_then(|p| duties.get(p)) {
                    // The parent's lead is already its own or inherited from its nearest
                    // ancestor with one.
                    lead = p.lead.clone();
                    lead_inherited = !lead.is_empty();
                }
            }
            let completed = match &m.completed {
                Some(d) => self.date(d, &format!("措施「{}」的完成", m.name.text)),
                None => None,
            };
            duties.push(ir::Duty {
                id,
                parent,
                number: m.number.as_ref().map(|n| n.text.clone()),
                name: m.name.text.clone(),
                lead,
                lead_inherited,
                responsible: self.departments(m.duties.responsible.as_ref()),
                leaders: names(m.duties.leaders.as_ref()),
                deadline: self.deadline(m.deadline.as_ref()),
                completed,
                phase: at.phase.map(|p| p.name.text.clone()),
                scope: scope_names(m.scope.as_ref()),
                origin: self.origin(m.name.span, m.span, m.quotes.first()),
            });
        }
        (duties, ids)
    }

    fn deadline(&self, d: Option<&ast::Deadline>) -> ir::Deadline {
        let Some(d) = d else {
            return ir::Deadline::None;
        };
        let text = self.slice(d.span());
        match d {
            ast::Deadline::By { .. } | ast::Deadline::WithinYear { .. } => {
                match self.cx.resolve_deadline(d) {
                    Some(date) => ir::Deadline::By {
                        date,
                        text,
                        year_from: self.year_from(d),
                    },
                    None => ir::Deadline::Unresolved {
                        text,
                        reason: self.cx.unresolved_reason(d).unwrap_or_default(),
                    },
                }
            }
            ast::Deadline::Event { event, .. } => ir::Deadline::Event {
                event: event.text.clone(),
                text,
            },
            ast::Deadline::Ongoing { .. } => ir::Deadline::Open { text },
        }
    }

    /// Where a deadline's year came from, when the text did not write it (本月底 and 10日前 take
    /// the month, and so the year, of the 成文日期 or 发布日期).
    fn year_from(&self, d: &ast::Deadline) -> Option<ir::YearSource> {
        let date = match d {
            ast::Deadline::By { date, .. } if date.year.is_none() => date,
            ast::Deadline::WithinYear { .. } => return self.cx.year_of.map(|y| y.source),
            _ => return None,
        };
        let from_anchor =
            date.this_month || (date.month.is_none() && date.day.is_some() && date.part.is_none());
        if from_anchor {
            return Some(if self.cx.date.is_some() {
                ir::YearSource::Date
            } else {
                ir::YearSource::Published
            });
        }
        self.cx.year_of.map(|y| y.source)
    }

    // ───────────── phases ─────────────

    /// The first day of a window that starts at `d`: 2015年 starts on 1 January, 5月 on the 1st,
    /// 5月中旬 on the 11th, 5月下旬 on the 21st; 底 is the last day (as the time checks read it).
    fn window_start(&self, d: &DateExpr) -> Option<CivilDate> {
        if d.this_month || d.month.is_none() && d.day.is_some() {
            return self.cx.resolve(d);
        }
        start_of(d, self.cx.year)
    }

    fn phase(&self, s: &Schedule, p: &ast::Phase) -> ir::Phase {
        let w = &p.window;
        // 2018年5月6至5月9日: an end written without its year is in the start's year.
        let end = w.end.as_ref().and_then(|e| match (e.year, w.start.year) {
            (None, Some(y)) if !e.this_month => self.cx.resolve(&DateExpr {
                year: Some(y),
                ..e.clone()
            }),
            _ => self.cx.resolve(e),
        });
        ir::Phase {
            schedule: s.name.text.clone(),
            number: p.number.as_ref().map(|n| n.text.clone()),
            name: p.name.text.clone(),
            start: self.window_start(&w.start),
            end,
            origin: self.origin(p.name.span, p.span, p.quotes.first()),
        }
    }

    // ───────────── amounts and cases ─────────────

    fn amount(&self, a: &ast::Amount) -> ir::Amount {
        let text = self.slice(a.span());
        match a {
            ast::Amount::Bounded {
                comparator,
                quantity,
                ..
            } => ir::Amount::Quantity {
                cmp: cmp(*comparator),
                quantity: quantity.quantity.clone(),
                text,
            },
            ast::Amount::Range { low, high, .. } => ir::Amount::Range {
                low: low.quantity.clone(),
                high: high.quantity.clone(),
                text,
            },
            ast::Amount::RatioRange { low, high, .. } => ir::Amount::RatioRange {
                low: (low.left.quantity.value, low.right.quantity.value),
                high: (high.left.quantity.value, high.right.quantity.value),
                text,
            },
            ast::Amount::Share {
                base,
                rate,
                comparator,
                ..
            } => ir::Amount::Share {
                base: base.text.clone(),
                percent: rate.quantity.value,
                cmp: cmp(*comparator),
                text,
            },
            ast::Amount::Change { from, to, .. } => ir::Amount::Change {
                from: from.quantity.clone(),
                to: to.quantity.clone(),
                text,
            },
        }
    }

    /// The values of a fact a tier or condition covers. Quantities written without a unit take
    /// the fact's.
    fn case(&mut self, c: &TierCase, unit: Option<&Unit>) -> ir::Case {
        let interval = match c {
            TierCase::Values { values } => {
                return ir::Case::Values {
                    values: names(Some(values)),
                }
            }
            TierCase::Otherwise { .. } => return ir::Case::Otherwise,
            TierCase::Interval { interval } => interval,
        };
        let text = self.slice(interval.span());
        let bound = |value, inclusive| Some(ir::Bound { value, inclusive });
        match interval {
            ast::Amount::Bounded {
                comparator,
                quantity,
                ..
            } => {
                let q = in_context(&quantity.quantity, unit);
                let v = q.value;
                // 民法典 第一千二百五十九条: 以上/以下/以内/不超过/不低于 include the number,
                // 超过/低于/少于 exclude it.
                let (low, high) = match comparator {
                    Comparator::AtLeast => (bound(v, true), None),
                    Comparator::Above => (bound(v, false), None),
                    Comparator::AtMost => (None, bound(v, true)),
                    Comparator::Below => (None, bound(v, false)),
                    Comparator::Eq => (bound(v, true), bound(v, true)),
                    Comparator::About => {
                        self.refuse(
                            codes::MISPLACED_CLAUSE,
                            interval.span(),
                            format!("分档「{text}」用「左右」,不是确切的区间,不能编译为 IR"),
                            "「左右」没有确切的边界",
                            "改用以上、以下、超过、低于或「甲至乙」写出确切的边界",
                        );
                        (None, None)
                    }
                };
                ir::Case::Interval {
                    low,
                    high,
                    unit: q.unit,
                    text,
                }
            }
            ast::Amount::Range { low, high, .. } => {
                let (l, h) = (
                    in_context(&low.quantity, unit),
                    in_context(&high.quantity, unit),
                );
                ir::Case::Interval {
                    low: bound(l.value, true),
                    high: bound(h.value, true),
                    unit: l.unit.or(h.unit),
                    text,
                }
            }
            // The grammar allows only a range or a bounded quantity as a tier interval.
            other => {
                self.refuse(
                    codes::MISPLACED_CLAUSE,
                    other.span(),
                    format!("分档「{text}」不是区间,不能编译为 IR"),
                    "不是区间",
                    "分档写成以上、以下、超过、低于或「甲至乙」",
                );
                ir::Case::Interval {
                    low: None,
                    high: None,
                    unit: None,
                    text,
                }
            }
        }
    }

    // ───────────── rules ─────────────

    fn rule(&mut self, s: &Standard) -> ir::Rule {
        let conditions = s
            .conditions
            .iter()
            .map(|c| {
                let unit = self.fact_unit(&c.fact.text).cloned();
                ir::Condition {
                    fact: c.fact.text.clone(),
                    test: self.case(&c.test, unit.as_ref()),
                }
            })
            .collect();
        let quote = s
            .quotes
            .first()
            .or_else(|| s.tiers.as_ref().and_then(|t| t.quotes.first()));
        let body = match (&s.tiers, &s.amount) {
            (Some(t), _) => {
                let unit = self.fact_unit(&t.by.text).cloned();
                let tier_quote = t.quotes.first().or(quote);
                let rows = t
                    .rows
                    .iter()
                    .map(|row| ir::Tier {
                        case: self.case(&row.when, unit.as_ref()),
                        amount: self.amount(&row.amount),
                        origin: self.origin(row.span, row.span, tier_quote),
                    })
                    .collect();
                ir::RuleBody::Tiered {
                    by: t.by.text.clone(),
                    rows,
                }
            }
            (None, Some(a)) => ir::RuleBody::Fixed {
                amount: self.amount(a),
            },
            (None, None) => ir::RuleBody::None,
        };
        let since = match &s.since {
            Some(d) => self.date(d, &format!("{}「{}」的起始", s.keyword, s.name.text)),
            None => None,
        };
        ir::Rule {
            number: s.number.as_ref().map(|n| n.text.clone()),
            name: s.name.text.clone(),
            keyword: s.keyword.clone(),
            beneficiary: names(s.beneficiary.as_ref()),
            conditions,
            body,
            floor: s.floor.as_ref().map(|q| q.quantity.clone()),
            cap: s.cap.as_ref().map(|q| q.quantity.clone()),
            valid_years: s.validity.as_ref().map(|p| (p.from_year, p.to_year)),
            since,
            scope: scope_names(s.scope.as_ref()),
            lead: self.departments(s.duties.lead.as_ref()),
            responsible: self.departments(s.duties.responsible.as_ref()),
            origin: self.origin(s.name.span, s.span, quote),
        }
    }

    // ───────────── targets ─────────────

    fn target(&mut self, t: &ast::Target, duty: Option<usize>) -> ir::Target {
        let unit = target_unit(t).cloned();
        let unit = unit.as_ref();
        let (value, value_text) = match &t.value {
            Some(TargetValue::Amount(a)) => (Some(self.amount(a)), None),
            Some(
                TargetValue::Relative { span, .. }
                | TargetValue::Coverage { span, .. }
                | TargetValue::Qualitative { span, .. },
            ) => (None, Some(self.slice(*span))),
            None => (None, None),
        };
        let years = |b: Option<&Breakdown>| -> Vec<ir::YearAmount> {
            b.map(|b| b.parts.as_slice())
                .unwrap_or_default()
                .iter()
                .filter_map(|p| match &p.key {
                    PartKey::Year { year, suffix, .. } => Some(ir::YearAmount {
                        year: *year,
                        suffix: suffix.clone(),
                        quantity: in_context(&p.quantity.quantity, unit),
                    }),
                    PartKey::Name(_) => None,
                })
                .collect()
        };
        let parts = t
            .breakdown
            .as_ref()
            .map(|b| b.parts.as_slice())
            .unwrap_or_default()
            .iter()
            .filter_map(|p| match &p.key {
                PartKey::Name(n) => Some(ir::PartAmount {
                    name: n.text.clone(),
                    quantity: in_context(&p.quantity.quantity, unit),
                }),
                PartKey::Year { .. } => None,
            })
            .collect();
        for b in [&t.milestones, &t.levels].into_iter().flatten() {
            for p in &b.parts {
                if let PartKey::Name(n) = &p.key {
                    self.refuse(
                        codes::MISPLACED_CLAUSE,
                        n.span,
                        format!(
                            "目标「{}」的累计或节点按名称「{}」分列,不能编译为 IR",
                            t.name.text, n.text
                        ),
                        "这里应是年份",
                        "累计和节点按年份写,如「2017年42万户」;按地区或渠道分列用「分项」",
                    );
                }
            }
        }
        let rate = t.rate.as_ref().and_then(|r| self.rate(t, r, unit));
        ir::Target {
            number: t.number.as_ref().map(|n| n.text.clone()),
            name: t.name.text.clone(),
            keyword: t.keyword.clone(),
            metric: t.metric.as_ref().map(|m| m.text.clone()),
            value,
            value_text,
            aspirational: t.value.as_ref().is_some_and(TargetValue::aspirational),
            deadline: t.deadline.as_ref().map(|d| self.deadline(Some(d))),
            period: t.period.as_ref().map(period),
            base_year: t.base_year.as_ref().map(|y| y.year),
            yearly: years(t.breakdown.as_ref()),
            parts,
            cumulative: years(t.milestones.as_ref()),
            levels: years(t.levels.as_ref()),
            rate,
            scope: scope_names(t.scope.as_ref()),
            lead: self.departments(t.duties.lead.as_ref()),
            responsible: self.departments(t.duties.responsible.as_ref()),
            duty,
            origin: self.origin(t.name.span, t.span, t.quotes.first()),
        }
    }

    /// 每年: the rate with its years, or the target's 期间 when it names none.
    fn rate(
        &mut self,
        t: &ast::Target,
        r: &ast::AnnualRate,
        unit: Option<&Unit>,
    ) -> Option<ir::AnnualRate> {
        let ast::Amount::Bounded {
            comparator,
            quantity,
            ..
        } = &r.amount
        else {
            let text = self.slice(r.amount.span());
            self.refuse(
                codes::MISPLACED_CLAUSE,
                r.amount.span(),
                format!(
                    "目标「{}」的每年数量「{text}」不是一个数量,不能编译为 IR",
                    t.name.text
                ),
                "应是一个数量",
                "每年写成一个数量,可带以上、以下等,如「每年：14万户」",
            );
            return None;
        };
        // The years as the checks read them: the rate's own, else the target's 期间.
        let (from_year, to_year) = rate_span(t, r);
        Some(ir::AnnualRate {
            cmp: cmp(*comparator),
            quantity: in_context(&quantity.quantity, unit),
            from_year,
            to_year,
            years_text: r.years.as_ref().map(|y| y.text.clone()),
        })
    }

    // ───────────── schemes ─────────────

    fn scheme(&self, a: &Assessment) -> ir::Scheme {
        fn item(l: &DocBuilder, e: &AssessEntry) -> ir::SchemeItem {
            ir::SchemeItem {
                number: e.number.as_ref().map(|n| n.text.clone()),
                name: e.name.text.clone(),
                points: e.points.as_ref().map(|p| p.quantity.clone()),
                children: e.children.iter().map(|c| item(l, c)).collect(),
                origin: l.origin(e.name.span, e.span, e.quotes.first()),
            }
        }
        ir::Scheme {
            name: a.name.text.clone(),
            total: a.total.as_ref().map(|t| t.quantity.clone()),
            items: a.entries.iter().map(|e| item(self, e)).collect(),
            adjustments: a
                .adjustments
                .iter()
                .map(|adj| ir::Adjustment {
                    name: adj.name.text.clone(),
                    max: adj.points.quantity.clone(),
                    both_ways: adj.both_ways,
                    origin: self.origin(adj.name.span, adj.span, adj.quotes.first()),
                })
                .collect(),
            origin: self.origin(a.name.span, a.span, a.quotes.first()),
        }
    }

    // ───────────── examples ─────────────

    fn example(&mut self, e: &ast::Example) -> ir::Example {
        let what = format!("例「{}」", e.name.text);
        let question = match &e.query {
            ExampleQuery::Eval { rule } => ir::Question::Eval {
                rule: rule.text.clone(),
            },
            ExampleQuery::Due { as_of, department } => ir::Question::Due {
                as_of: self
                    .date(as_of, &what)
                    .unwrap_or(CivilDate(time::Date::MIN)),
                department: department.as_ref().map(|d| self.department(&d.text)),
            },
            ExampleQuery::Score { scheme } => ir::Question::Score {
                scheme: scheme.text.clone(),
            },
            ExampleQuery::Progress {
                target,
                actual,
                as_of,
            } => {
                let unit = self
                    .cx
                    .symbols
                    .targets
                    .get(target.text.as_str())
                    .and_then(|t| target_unit(t))
                    .cloned();
                let mut years = Vec::new();
                for p in &actual.parts {
                    match &p.key {
                        PartKey::Year { year, suffix, .. } => years.push(ir::YearAmount {
                            year: *year,
                            suffix: suffix.clone(),
                            quantity: in_context(&p.quantity.quantity, unit.as_ref()),
                        }),
                        PartKey::Name(n) => self.refuse(
                            codes::MISPLACED_CLAUSE,
                            n.span,
                            format!("{what}的实际完成数按名称「{}」分列,不能编译为 IR", n.text),
                            "这里应是年份",
                            "实际完成数按年份写,如「实际：2016年50万人」",
                        ),
                    }
                }
                ir::Question::Progress {
                    target: target.text.clone(),
                    actual: years,
                    as_of: match as_of {
                        Some(d) => self.date(d, &what),
                        None => None,
                    },
                }
            }
        };
        let mut given = Vec::new();
        for fv in &e.given {
            let value = match &fv.value {
                FactLiteral::Quantity(q) => {
                    let unit = self.fact_unit(&fv.name.text).cloned();
                    ir::FactValue::Quantity(in_context(&q.quantity, unit.as_ref()))
                }
                FactLiteral::Date(d) => match self.date(d, &what) {
                    Some(d) => ir::FactValue::Date(d),
                    None => continue,
                },
                FactLiteral::Name(n) => ir::FactValue::Category(n.text.clone()),
            };
            given.push((fv.name.text.clone(), value));
        }
        let expect = match &e.expect {
            Some(Expectation::Amount(a)) => Some(ir::Expected::Amount(self.amount(a))),
            Some(Expectation::Date(d)) => self.date(d, &what).map(ir::Expected::Date),
            Some(Expectation::Names(list)) => Some(ir::Expected::Names(names(Some(list)))),
            None => None,
        };
        ir::Example {
            name: e.name.text.clone(),
            question,
            given,
            expect,
            origin: self.origin(e.name.span, e.span, e.quotes.first()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn built(src: &str) -> Program {
        let out = build(&[SourceFile::new("t.zc", src)], &CheckOptions::default());
        let errors: Vec<_> = out.diagnostics.iter().filter(|d| d.is_error()).collect();
        assert!(errors.is_empty(), "{errors:#?}");
        out.program.expect("built")
    }

    #[test]
    fn tier_bounds_follow_the_civil_code() {
        let p = built(
            "事实 服务人口：人\n标准 村医补助 {\n  分档 按 服务人口 {\n    低于1000人：每月400元\n    1000人至5000人：每月300元\n    超过5000人：每月200元\n  }\n}\n",
        );
        let ir::RuleBody::Tiered { rows, .. } = &p.documents[0].rules[0].body else {
            panic!("tiered")
        };
        let b = |v: i64, inclusive| {
            Some(ir::Bound {
                value: v.into(),
                inclusive,
            })
        };
        let bounds: Vec<_> = rows
            .iter()
            .map(|r| match &r.case {
                ir::Case::Interval { low, high, .. } => (low.clone(), high.clone()),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            bounds,
            vec![
                (None, b(1000, false)),
                (b(1000, true), b(5000, true)),
                (b(5000, false), None)
            ]
        );
    }

    #[test]
    fn children_inherit_the_nearest_lead_and_aliases_fold() {
        let p = built(
            "文件《甲》{ 成文日期：2017年4月1日 }\n部门 省卫生计生委又称省卫计委\n措施 甲 {\n  牵头：省卫计委\n  期限：6月10日前\n  措施 乙 {\n    措施 丙 { 期限：5月20日前 }\n  }\n}\n",
        );
        let d = &p.documents[0].duties;
        assert_eq!(d.len(), 3);
        assert_eq!(d[0].lead, ["省卫生计生委"]);
        assert!(!d[0].lead_inherited);
        assert_eq!((d[1].parent, d[2].parent), (Some(0), Some(1)));
        assert_eq!(d[2].lead, ["省卫生计生委"]);
        assert!(d[2].lead_inherited);
        match &d[0].deadline {
            ir::Deadline::By { date, text, .. } => {
                assert_eq!(date.iso(), "2017-06-10");
                assert_eq!(text, "6月10日前");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(d[1].deadline, ir::Deadline::None);
        assert_eq!(d[0].origin.line, 3);
        assert_eq!(d[0].origin.column, 4);
    }

    #[test]
    fn errors_prevent_the_build() {
        let out = build(
            &[SourceFile::new("t.zc", "措施 甲 { 牵头：没有这个部门 }\n")],
            &CheckOptions::default(),
        );
        assert!(out.program.is_none());
        assert!(out.error_count() > 0);
        let out = build_allowing_errors(
            &[SourceFile::new("t.zc", "措施 甲 { 牵头：没有这个部门 }\n")],
            &CheckOptions::default(),
        );
        let p = out.program.expect("built despite the check error");
        assert_eq!(p.documents[0].duties[0].lead, ["没有这个部门"]);
        let out = build_allowing_errors(
            &[SourceFile::new("t.zc", "措施 甲 {\n")],
            &CheckOptions::default(),
        );
        assert!(out.program.is_none(), "a syntax error always prevents it");
    }
}
