//! What a 标准 or 补助 gives for a set of facts.
//!
//! The order of evaluation, each step recorded in the trace with the clause's 原文 and origin:
//!
//! 1. every given fact is checked against its declaration (unit, category values);
//! 2. 有效期 and 自: when exactly one date fact is given, a date outside the years of validity, or
//!    before 自 (for a rule whose amount is not a 由…提高到… change), means the rule does not apply;
//! 3. every 条件 must hold, else the rule does not apply and the result says which failed;
//! 4. the amount: the fixed 金额, or the first 分档 row whose case matches (其他 matches
//!    anything; no row matching means the rule does not apply);
//! 5. the amount's shape: a quantity (with its comparator, reported, not applied), a range (both
//!    ends), a share of a base fact or rule (exact: base × percent ÷ 100), a change (the new amount,
//!    or the old one when the date fact is before 自), a ratio range (reported as written);
//! 6. a rate per unit (元/人/年) is multiplied by the one given quantity fact counted in that unit
//!    (人) that no condition, tier or share already uses: 200元/人 × 1500人 = 300000元, then 元/年
//!    stays per year. With no such fact the rate is the answer; with two it is an error;
//! 7. 下限 and 上限 clip the amount (each end of a range), at the step whose unit they share.
//!
//! A rule with no amount but a 下限 or 上限 answers with that bound (不低于50万元).

use std::fmt;

use rust_decimal::Decimal;
use serde::Serialize;

use super::digits::{normalize, push_decimal, push_int, push_quantity, quantity_text, shift};
use super::evaluator::{At, Ctx};
use super::text::{check_fact, check_given};
use super::trace::write_trace;
use super::{cmp_words, fact_names, same_name, suggest, EvalError};
use super::{Facts, TraceStep};
use crate::ir::{Amount, Bound, Case, Cmp, Fact, FactKind, FactValue, Program, Rule, RuleBody};
use crate::value::{format_decimal, CivilDate, Quantity, Scale, Unit};

/// Records a step of the trace, formatting it only when the caller asked for a trace (the batch
/// without `--trace` does not: formatting the steps was most of a row's time).
macro_rules! trace {
    ($ev:expr, $step:expr) => {
        if $ev.tracing {
            $ev.trace.push($step)
        }
    };
}

/// How deep shares of other rules may nest before it is taken for a loop.
const MAX_DEPTH: usize = 16;

/// The answer for one rule.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Evaluation {
    pub rule: String,
    /// 标准 or 补助.
    pub keyword: String,
    /// `file:line` of the rule.
    pub origin: String,
    /// Whether the rule applies to these facts.
    pub applies: bool,
    /// Why it does not apply.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub reason: Option<String>,
    /// The conditions that failed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub failed_conditions: Vec<FailedCondition>,
    /// What the rule gives; `None` when it does not apply or states no amount.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub amount: Option<Outcome>,
    /// The tier row that applied.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub tier: Option<TierUsed>,
    /// The count a rate was multiplied by.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub per_unit: Option<PerUnit>,
    /// The bounds that clipped the amount.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub clipped: Vec<Clip>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub trace: Vec<TraceStep>,
}

/// An amount as the runtime answers it: exact, with unit and the scale to show it in.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Outcome {
    /// One amount; the comparator is the rule's (不低于200元 pays 200元 and says "at least").
    Amount {
        cmp: Cmp,
        quantity: Quantity,
        text: String,
    },
    /// Both ends of a range.
    Range {
        low: Quantity,
        high: Quantity,
        text: String,
    },
    /// A range of ratios (3:7至1:9), as written.
    RatioRange {
        #[cfg_attr(feature = "ts", ts(type = "[string, string]"))]
        low: (Decimal, Decimal),
        #[cfg_attr(feature = "ts", ts(type = "[string, string]"))]
        high: (Decimal, Decimal),
        text: String,
    },
}

impl Outcome {
    pub(crate) fn amount(cmp: Cmp, quantity: Quantity) -> Outcome {
        let text = crate::show::bounded(cmp, &quantity);
        Outcome::Amount {
            cmp,
            quantity,
            text,
        }
    }

    pub(crate) fn range(low: Quantity, high: Quantity) -> Outcome {
        let text = crate::show::quantity_range(&low, &high);
        Outcome::Range { low, high, text }
    }

    /// As written: 不低于30万元, 200元至2000元, 3:7至1:9.
    pub fn text(&self) -> &str {
        match self {
            Outcome::Amount { text, .. }
            | Outcome::Range { text, .. }
            | Outcome::RatioRange { text, .. } => text,
        }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text())
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TierUsed {
    /// 1-based row number.
    pub index: usize,
    /// The row's case as written: 深度贫困县, 1000人以下, 其他.
    pub case: String,
    pub origin: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PerUnit {
    pub fact: String,
    pub count: Quantity,
    pub rate: Quantity,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum BoundKind {
    /// 下限.
    Floor,
    /// 上限.
    Cap,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum RangeEnd {
    Low,
    High,
}

/// A bound that changed the amount.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Clip {
    pub bound: BoundKind,
    pub limit: Quantity,
    /// The amount before clipping.
    pub before: Quantity,
    /// Which end of a range, for a range.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub end: Option<RangeEnd>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FailedCondition {
    pub fact: String,
    /// The condition as written: 服务人口1000人以下, 县类别=贫困县.
    pub condition: String,
    /// The given value.
    pub given: String,
}

/// Evaluates the rule named `rule_name` anywhere in the program. To answer many questions of one
/// program, prepare it once with [`super::Evaluator`] (the same answers, faster).
pub fn eval_rule(
    program: &Program,
    rule_name: &str,
    facts: &Facts,
) -> Result<Evaluation, EvalError> {
    eval_unprepared(program, rule_name, facts, true)
}

/// [`eval_rule`] without the trace: the same answer (amount, tier, conditions, clipping), with
/// an empty `trace`, for callers that evaluate many fact sets and show no explanation.
pub fn eval_rule_untraced(
    program: &Program,
    rule_name: &str,
    facts: &Facts,
) -> Result<Evaluation, EvalError> {
    eval_unprepared(program, rule_name, facts, false)
}

/// [`eval_rule`] and [`eval_rule_untraced`]: the program looked up as it is, not prepared.
fn eval_unprepared(
    program: &Program,
    rule_name: &str,
    facts: &Facts,
    traced: bool,
) -> Result<Evaluation, EvalError> {
    program
        .check_version()
        .map_err(|message| EvalError::Version { message })?;
    let ctx = Ctx::plain(program);
    let (doc, idx) = ctx.find_rule(rule_name)?;
    evaluate(ctx, doc, idx, facts, traced)
}

/// Evaluates `rule_name` as seen from document `doc` (an example's own file): a rule of that
/// document first, then a rule anywhere in the program.
pub fn eval_rule_in(
    program: &Program,
    doc: usize,
    rule_name: &str,
    facts: &Facts,
) -> Result<Evaluation, EvalError> {
    eval_in(Ctx::plain(program), doc, rule_name, facts)
}

pub(crate) fn eval_in(
    ctx: Ctx<'_, '_>,
    doc: usize,
    rule_name: &str,
    facts: &Facts,
) -> Result<Evaluation, EvalError> {
    let (doc, idx) = ctx.rule_from(Some(doc), rule_name)?;
    evaluate(ctx, doc, idx, facts, true)
}

/// Checks the given facts against their declarations, then evaluates rule `idx` of `doc`.
pub(crate) fn evaluate(
    ctx: Ctx<'_, '_>,
    doc: usize,
    idx: usize,
    given: &Facts,
    tracing: bool,
) -> Result<Evaluation, EvalError> {
    // Facts as `parse_facts` returns them (declared names, canonical values) would be checked
    // into a copy equal to them: use them as they are.
    let as_checked = given.iter().all(|(name, value)| {
        matches!(ctx.fact_decl(doc, name), Ok(Some(decl)) if checked_already(decl, name, value))
    });
    if as_checked {
        return eval_checked(ctx, doc, idx, given, tracing);
    }
    let mut facts = Facts::new();
    for (name, value) in given {
        let (name, value) = check_given(ctx.program, doc, name, value)?;
        facts.insert(name, value);
    }
    eval_checked(ctx, doc, idx, &facts, tracing)
}

/// Whether [`check_fact`] gives `value` of the fact `name` back unchanged under the same name:
/// the declared name, a category value as declared, a quantity in the declared unit with its
/// scale set, a date.
fn checked_already(decl: &Fact, name: &str, value: &FactValue) -> bool {
    let same = decl.name == name
        && match (&decl.kind, value) {
            (FactKind::Category { values }, FactValue::Category(given)) => values
                .iter()
                .find(|v| same_name(v, given))
                .is_some_and(|v| v == given),
            (FactKind::Quantity { unit, scale }, FactValue::Quantity(q)) => {
                q.unit.as_ref() == Some(unit) && (q.scale != Scale::One || *scale == Scale::One)
            }
            (FactKind::Date, FactValue::Date(_)) => true,
            _ => false,
        };
    debug_assert!(
        !same || check_fact(decl, value.clone()).as_ref() == Ok(value),
        "check_fact changes {name} = {value:?}"
    );
    same
}

/// Evaluates rule `idx` of document `doc` with facts already checked against their declarations
/// (canonical names and values), as the batch reader produces them. Without `tracing` the
/// answer is the same and its trace empty.
pub(crate) fn eval_checked(
    ctx: Ctx<'_, '_>,
    doc: usize,
    idx: usize,
    facts: &Facts,
    tracing: bool,
) -> Result<Evaluation, EvalError> {
    let date = reference_date(facts)?;
    let mut walk = Walk {
        ctx,
        facts,
        date,
        trace: if tracing {
            Vec::with_capacity(8)
        } else {
            Vec::new()
        },
        tracing,
        stack: [""; MAX_DEPTH],
        depth: 0,
    };
    let rule = &ctx.program.documents[doc].rules[idx];
    let result = walk.rule(doc, idx)?;
    Ok(Evaluation {
        rule: rule.name.clone(),
        keyword: rule.keyword.clone(),
        origin: ctx.rule_at(doc, idx).place(),
        applies: result.applies,
        reason: result.reason,
        failed_conditions: result.failed,
        amount: result.amount.map(Computed::into_outcome),
        tier: result.tier,
        per_unit: result.per_unit,
        clipped: result.clipped,
        trace: walk.trace,
    })
}

/// The one date fact given, for 自 and 有效期; two are an error (which one would be a guess).
fn reference_date(facts: &Facts) -> Result<Option<(&str, CivilDate)>, EvalError> {
    let mut dates = facts.iter().filter_map(|(name, value)| match value {
        FactValue::Date(d) => Some((name.as_str(), *d)),
        _ => None,
    });
    let first = dates.next();
    if dates.next().is_none() {
        return Ok(first);
    }
    Err(EvalError::AmbiguousFacts {
        purpose: "判断「自」和「有效期」的日期".into(),
        facts: facts
            .iter()
            .filter(|(_, value)| matches!(value, FactValue::Date(_)))
            .map(|(name, _)| name.clone())
            .collect(),
    })
}

/// An amount while it is being worked out.
#[derive(Clone, Debug)]
enum Computed {
    Exact(Cmp, Quantity),
    Range(Quantity, Quantity),
    Ratio((Decimal, Decimal), (Decimal, Decimal), String),
}

impl Computed {
    fn into_outcome(self) -> Outcome {
        match self {
            Computed::Exact(cmp, q) => Outcome::amount(cmp, q),
            Computed::Range(low, high) => Outcome::range(low, high),
            Computed::Ratio(low, high, text) => Outcome::RatioRange { low, high, text },
        }
    }

    fn unit(&self) -> Option<&Unit> {
        match self {
            Computed::Exact(_, q) | Computed::Range(q, _) => q.unit.as_ref(),
            Computed::Ratio(..) => None,
        }
    }

    /// The text its [`Outcome`] would have.
    fn text(&self) -> String {
        match self {
            Computed::Exact(cmp, q) => crate::show::bounded(*cmp, q),
            Computed::Range(low, high) => crate::show::quantity_range(low, high),
            Computed::Ratio(_, _, text) => text.clone(),
        }
    }
}

struct RuleResult {
    applies: bool,
    reason: Option<String>,
    failed: Vec<FailedCondition>,
    amount: Option<Computed>,
    tier: Option<TierUsed>,
    per_unit: Option<PerUnit>,
    clipped: Vec<Clip>,
}

impl RuleResult {
    fn not_applicable(reason: String) -> RuleResult {
        RuleResult {
            applies: false,
            reason: Some(reason),
            failed: Vec::new(),
            amount: None,
            tier: None,
            per_unit: None,
            clipped: Vec::new(),
        }
    }
}

/// One evaluation under way.
struct Walk<'e, 'p, 'f> {
    ctx: Ctx<'e, 'p>,
    facts: &'f Facts,
    date: Option<(&'f str, CivilDate)>,
    trace: Vec<TraceStep>,
    /// Whether to record the trace at all.
    tracing: bool,
    /// Rules being evaluated (shares of shares), to stop loops: the first `depth`.
    stack: [&'p str; MAX_DEPTH],
    depth: usize,
}

/// A trace step with the item's 原文.
fn quoted(clause: &str, detail: String, at: At<'_>) -> TraceStep {
    TraceStep {
        clause: clause.to_string(),
        detail,
        quote: at.origin.quote.clone(),
        origin: at.place(),
    }
}

/// A step that does not repeat the item's quote (the rule's quote is shown once).
fn unquoted(clause: &str, detail: String, at: At<'_>) -> TraceStep {
    TraceStep {
        clause: clause.to_string(),
        detail,
        quote: None,
        origin: at.place(),
    }
}

/// Concatenates string slices into one string of the right size.
fn concat(parts: &[&str]) -> String {
    let mut text = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for part in parts {
        text.push_str(part);
    }
    text
}

fn describe_value(value: &FactValue) -> String {
    match value {
        FactValue::Quantity(q) => quantity_text(q),
        FactValue::Category(c) => c.clone(),
        FactValue::Date(d) => d.to_string(),
    }
}

/// A case as written: 深度贫困县、贫困县 / 1000人以下 / 其他.
pub(crate) fn case_text(case: &Case) -> String {
    match case {
        Case::Values { values } => values.join("、"),
        Case::Interval { text, .. } => text.clone(),
        Case::Otherwise => "其他".to_string(),
    }
}

fn within(value: Decimal, low: &Option<Bound>, high: &Option<Bound>) -> bool {
    let above_low = match low {
        None => true,
        Some(b) if b.inclusive => value >= b.value,
        Some(b) => value > b.value,
    };
    let below_high = match high {
        None => true,
        Some(b) if b.inclusive => value <= b.value,
        Some(b) => value < b.value,
    };
    above_low && below_high
}

impl<'e, 'p: 'e, 'f> Walk<'e, 'p, 'f> {
    /// Rule `idx` of document `doc`.
    fn rule(&mut self, doc: usize, idx: usize) -> Result<RuleResult, EvalError> {
        let rule = &self.ctx.program.documents[doc].rules[idx];
        if self.depth >= MAX_DEPTH || self.stack[..self.depth].contains(&rule.name.as_str()) {
            return Err(EvalError::Recursion {
                rule: rule.name.clone(),
            });
        }
        self.stack[self.depth] = &rule.name;
        self.depth += 1;
        let result = self.rule_inner(doc, idx, rule);
        self.depth -= 1;
        result
    }

    fn rule_inner(
        &mut self,
        doc: usize,
        idx: usize,
        rule: &'p Rule,
    ) -> Result<RuleResult, EvalError> {
        let at = self.ctx.rule_at(doc, idx);
        if self.tracing {
            let head = match self.ctx.head(doc, idx) {
                Some(head) => head.to_string(),
                None => {
                    let mut head = format!("{}「{}」", rule.keyword, rule.name);
                    if !rule.beneficiary.is_empty() {
                        head.push_str(&format!(",对象:{}", rule.beneficiary.join("、")));
                    }
                    head
                }
            };
            self.trace.push(quoted("规则", head, at));
        }

        if let Some(reason) = self.validity(rule, at) {
            return Ok(RuleResult::not_applicable(reason));
        }

        let mut failed = Vec::new();
        for condition in &rule.conditions {
            let text = condition_text(&condition.fact, &condition.test);
            let value = self.need(doc, &condition.fact, "条件")?;
            let holds = self.test(doc, &condition.fact, &condition.test, value)?;
            let shown = describe_value(value);
            let verdict = if holds { "成立" } else { "不成立" };
            trace!(
                self,
                unquoted(
                    "条件",
                    format!("{text}:「{}」为 {shown},{verdict}", condition.fact),
                    at,
                )
            );
            if !holds {
                failed.push(FailedCondition {
                    fact: condition.fact.clone(),
                    condition: text,
                    given: shown,
                });
            }
        }
        if !failed.is_empty() {
            let list: Vec<String> = failed
                .iter()
                .map(|f| format!("「{}」", f.condition))
                .collect();
            let reason = format!("条件{}不成立,本规则不适用", list.join("、"));
            return Ok(RuleResult {
                failed,
                ..RuleResult::not_applicable(reason)
            });
        }

        let (amount, tier) = match &rule.body {
            RuleBody::Fixed { amount } => (Some(amount), None),
            RuleBody::Tiered { by, rows } => {
                let value = self.need(doc, by, "分档")?;
                let mut chosen = None;
                for (i, row) in rows.iter().enumerate() {
                    if self.test(doc, by, &row.case, value)? {
                        chosen = Some((i, row));
                        break;
                    }
                }
                match chosen {
                    Some((i, row)) => {
                        let (written, row_at) = self.ctx.row_at(doc, idx, i, &row.origin);
                        let case = written.map_or_else(|| case_text(&row.case), str::to_string);
                        if self.tracing {
                            let mut number = String::new();
                            push_int(&mut number, i as i64 + 1);
                            let detail = concat(&[
                                "按「",
                                by,
                                "」分档:「",
                                by,
                                "」为 ",
                                &describe_value(value),
                                ",取第",
                                &number,
                                "档「",
                                &case,
                                "」",
                            ]);
                            self.trace.push(quoted("分档", detail, row_at));
                        }
                        let used = TierUsed {
                            index: i + 1,
                            case,
                            origin: row_at.place(),
                        };
                        (Some(&row.amount), Some((used, row_at)))
                    }
                    None => {
                        let shown = describe_value(value);
                        let reason = format!("「{by}」为 {shown},没有一档与之相符,本规则不适用");
                        trace!(self, unquoted("分档", reason.clone(), at));
                        return Ok(RuleResult::not_applicable(reason));
                    }
                }
            }
            RuleBody::None => (None, None),
        };

        let Some(amount) = amount else {
            return self.bounds_only(rule, at);
        };
        let amount_at = tier.as_ref().map_or(at, |(_, row_at)| *row_at);
        let computed = match self.amount(doc, rule, amount, amount_at)? {
            Ok(c) => c,
            Err(reason) => return Ok(RuleResult::not_applicable(reason)),
        };

        let mut clipped = Vec::new();
        let mut applied = [false, false];
        let mut computed = computed;
        let bounded = rule.floor.is_some() || rule.cap.is_some();
        if bounded {
            self.bounds(rule, at, &mut computed, &mut clipped, &mut applied)?;
        }
        let per_unit = if computed.unit().is_some_and(|u| !u.per.is_empty()) {
            let (result, per_unit) = self.per_unit(doc, rule, computed, at)?;
            computed = result;
            per_unit
        } else {
            None
        };
        if bounded {
            self.bounds(rule, at, &mut computed, &mut clipped, &mut applied)?;
        }
        for (i, bound) in [&rule.floor, &rule.cap].into_iter().enumerate() {
            if let (Some(bound), false) = (bound, applied[i]) {
                return Err(EvalError::UnitMismatch {
                    what: format!("「{}」的{}与金额", rule.name, ["下限", "上限"][i]),
                    left: bound
                        .unit
                        .as_ref()
                        .map_or("(无单位)".into(), |u| u.to_string()),
                    right: computed.unit().map_or("(无单位)".into(), |u| u.to_string()),
                });
            }
        }
        if self.tracing {
            let detail = concat(&[&rule.keyword, "「", &rule.name, "」为 ", &computed.text()]);
            self.trace.push(unquoted("结果", detail, at));
        }
        Ok(RuleResult {
            applies: true,
            reason: None,
            failed: Vec::new(),
            amount: Some(computed),
            tier: tier.map(|(t, _)| t),
            per_unit,
            clipped,
        })
    }

    /// 有效期 and 自 against the date fact; `Some(reason)` when the rule does not apply.
    fn validity(&mut self, rule: &Rule, at: At<'_>) -> Option<String> {
        let changes = amounts(&rule.body).any(|a| matches!(a, Amount::Change { .. }));
        if let Some((from, to)) = rule.valid_years {
            match &self.date {
                Some((name, date)) if date.year() < from || date.year() > to => {
                    let reason = format!(
                        "「{name}」为 {date},不在有效期 {from}年至{to}年 之内,本规则不适用"
                    );
                    trace!(self, unquoted("有效期", reason.clone(), at));
                    return Some(reason);
                }
                Some((name, date)) => trace!(
                    self,
                    unquoted(
                        "有效期",
                        format!("{from}年至{to}年:「{name}」为 {date},在有效期内"),
                        at,
                    )
                ),
                None if self.tracing => {
                    let mut detail = String::with_capacity(80);
                    push_int(&mut detail, from.into());
                    detail.push_str("年至");
                    push_int(&mut detail, to.into());
                    detail.push_str("年(没有给出日期事实,不按有效期判断)");
                    self.trace.push(unquoted("有效期", detail, at));
                }
                None => {}
            }
        }
        if let (Some(since), false) = (rule.since, changes) {
            match &self.date {
                Some((name, date)) if *date < since => {
                    let reason =
                        format!("「{name}」为 {date},早于本规则施行的 {since},本规则不适用");
                    trace!(self, unquoted("自", reason.clone(), at));
                    return Some(reason);
                }
                Some((name, date)) => trace!(
                    self,
                    unquoted(
                        "自",
                        format!("自 {since} 起:「{name}」为 {date},已施行"),
                        at,
                    )
                ),
                None => trace!(
                    self,
                    unquoted(
                        "自",
                        format!("自 {since} 起(没有给出日期事实,按已施行计)"),
                        at,
                    )
                ),
            }
        }
        None
    }

    /// The value of a fact the rule needs, or an error naming it and what it takes.
    fn need(&self, doc: usize, fact: &str, needed_by: &str) -> Result<&'f FactValue, EvalError> {
        self.need_for(doc, fact, || needed_by.to_string())
    }

    /// [`Evaluator::need`], saying what needs the fact only when it is missing.
    fn need_for(
        &self,
        doc: usize,
        fact: &str,
        needed_by: impl FnOnce() -> String,
    ) -> Result<&'f FactValue, EvalError> {
        // The facts are checked: named as declared, one name for names that fold the same. The
        // rule names them as declared too, most of the time.
        let found = self.facts.get(fact).or_else(|| {
            self.facts
                .iter()
                .find(|(name, _)| same_name(name, fact))
                .map(|(_, v)| v)
        });
        if let Some(value) = found {
            return Ok(value);
        }
        let expects = match self.ctx.fact_decl(doc, fact)? {
            Some(decl) => super::text::expectation(decl),
            None => "一个值(文件中没有声明这个事实)".to_string(),
        };
        Err(EvalError::MissingFact {
            fact: fact.to_string(),
            expects,
            needed_by: needed_by(),
        })
    }

    /// Whether `value` of `fact` falls in `case`.
    fn test(
        &self,
        doc: usize,
        fact: &str,
        case: &Case,
        value: &FactValue,
    ) -> Result<bool, EvalError> {
        match case {
            Case::Otherwise => Ok(true),
            Case::Values { values } => match value {
                FactValue::Category(v) => Ok(values.iter().any(|x| same_name(x, v))),
                other => Err(EvalError::WrongKind {
                    fact: fact.to_string(),
                    expected: format!("{} 之一", values.join("、")),
                    got: format!("「{}」", describe_value(other)),
                }),
            },
            Case::Interval {
                low, high, unit, ..
            } => match value {
                FactValue::Quantity(q) => {
                    if let (Some(case_unit), Some(given)) = (unit, &q.unit) {
                        if case_unit != given {
                            return Err(EvalError::UnitMismatch {
                                what: format!("事实「{fact}」与它的分档或条件"),
                                left: given.to_string(),
                                right: case_unit.to_string(),
                            });
                        }
                    }
                    Ok(within(q.value, low, high))
                }
                other => {
                    let expected = match self.ctx.fact_decl(doc, fact)? {
                        Some(decl) => super::text::expectation(decl),
                        None => "数量".to_string(),
                    };
                    Err(EvalError::WrongKind {
                        fact: fact.to_string(),
                        expected,
                        got: format!("「{}」", describe_value(other)),
                    })
                }
            },
        }
    }

    /// Works an amount out. `Ok(Err(reason))` when a rule it rests on does not apply.
    fn amount(
        &mut self,
        doc: usize,
        rule: &Rule,
        amount: &'p Amount,
        at: At<'_>,
    ) -> Result<Result<Computed, String>, EvalError> {
        Ok(Ok(match amount {
            Amount::Quantity {
                cmp,
                quantity,
                text,
                ..
            } => {
                let (before, after) = cmp_words(*cmp);
                let note = match cmp {
                    Cmp::Eq => String::new(),
                    Cmp::About => ",为约数".to_string(),
                    _ => format!(",「{before}」照规定的数额给出并注明"),
                };
                trace!(
                    self,
                    unquoted(
                        "金额",
                        format!("{text}:{before}{quantity}{after}{note}"),
                        at,
                    )
                );
                Computed::Exact(*cmp, quantity.clone())
            }
            Amount::Range {
                low, high, text, ..
            } => {
                trace!(
                    self,
                    unquoted("金额", format!("{text}:区间,给出两端 {low} 与 {high}"), at,)
                );
                Computed::Range(low.clone(), high.clone())
            }
            Amount::RatioRange {
                low, high, text, ..
            } => {
                trace!(
                    self,
                    unquoted("金额", format!("{text}:比例区间,照原文给出"), at)
                );
                Computed::Ratio(*low, *high, text.clone())
            }
            Amount::Change { from, to, text, .. } => {
                let (chosen, why) = match (rule.since, &self.date) {
                    (Some(since), Some((name, date))) if *date < since => (
                        from,
                        format!("「{name}」为 {date},早于 {since},按调整前的 {from}"),
                    ),
                    (Some(since), Some((name, date))) => (
                        to,
                        format!("「{name}」为 {date},自 {since} 起按调整后的 {to}"),
                    ),
                    (Some(since), None) => (
                        to,
                        format!("自 {since} 起按调整后的 {to}(没有给出日期事实)"),
                    ),
                    (None, _) => (to, format!("按调整后的 {to}")),
                };
                trace!(self, unquoted("调整", format!("{text}:{why}"), at));
                Computed::Exact(Cmp::Eq, chosen.clone())
            }
            Amount::Share {
                base,
                percent,
                cmp,
                text,
                ..
            } => {
                let base_q = match self.share_base(doc, base, text)? {
                    Ok(q) => q,
                    Err(reason) => return Ok(Err(reason)),
                };
                // ÷ 100 moves the decimal point: exact, and what `Decimal` division gives, while
                // the scale fits; past it, the division.
                let value = base_q
                    .value
                    .checked_mul(*percent)
                    .and_then(|v| shift(v, 2).or_else(|| v.checked_div(Decimal::ONE_HUNDRED)))
                    .ok_or_else(|| EvalError::Overflow {
                        what: format!("「{text}」的计算结果"),
                    })?;
                let result = Quantity {
                    value: normalize(value),
                    unit: base_q.unit.clone(),
                    scale: base_q.scale,
                };
                if self.tracing {
                    let mut detail = String::with_capacity(text.len() + base.len() + 128);
                    detail.push_str(text);
                    detail.push_str(":「");
                    detail.push_str(base);
                    detail.push('」');
                    push_quantity(&mut detail, &base_q);
                    detail.push_str(" × ");
                    push_decimal(&mut detail, normalize(*percent));
                    detail.push_str("% = ");
                    detail.push_str(&crate::show::bounded(*cmp, &result));
                    self.trace.push(unquoted("比例", detail, at));
                }
                Computed::Exact(*cmp, result)
            }
        }))
    }

    /// The base of a share: a quantity fact, or another rule's exact amount.
    fn share_base(
        &mut self,
        doc: usize,
        base: &str,
        text: &str,
    ) -> Result<Result<Quantity, String>, EvalError> {
        let needed_by = || format!("比例「{text}」的基数");
        // A given fact of that name is a declared fact (given facts are checked): no need to
        // look the declaration up.
        let given = self.facts.get(base);
        if given.is_some() || self.ctx.fact_decl(doc, base)?.is_some() {
            let value = match given {
                Some(value) => value,
                None => self.need_for(doc, base, needed_by)?,
            };
            return match value {
                FactValue::Quantity(q) => Ok(Ok(q.clone())),
                other => Err(EvalError::WrongKind {
                    fact: base.to_string(),
                    expected: "数量".into(),
                    got: format!("「{}」", describe_value(other)),
                }),
            };
        }
        let program = self.ctx.program;
        if !self.ctx.has_rule(base) {
            let mut names = fact_names(program, doc);
            names.extend(program.documents[doc].rules.iter().map(|r| r.name.as_str()));
            return Err(EvalError::UnknownFact {
                name: base.to_string(),
                suggestions: suggest(base, names),
            });
        }
        let (base_doc, base_idx) = self.ctx.rule_from(Some(doc), base)?;
        let result = self.rule(base_doc, base_idx)?;
        match (result.applies, result.amount) {
            (true, Some(Computed::Exact(_, q))) => Ok(Ok(q)),
            (true, Some(other)) => Ok(Err(format!(
                "比例的基数「{base}」为 {},不是一个确定的数额",
                other.text()
            ))),
            (true, None) => Ok(Err(format!("比例的基数「{base}」没有可计算的数额"))),
            (false, _) => Ok(Err(format!(
                "比例的基数「{base}」不适用:{}",
                result.reason.unwrap_or_default()
            ))),
        }
    }

    /// A rate per unit times the one given count in that unit.
    fn per_unit(
        &mut self,
        doc: usize,
        rule: &Rule,
        computed: Computed,
        at: At<'_>,
    ) -> Result<(Computed, Option<PerUnit>), EvalError> {
        let Some(unit) = computed.unit().cloned() else {
            return Ok((computed, None));
        };
        let Some(&per) = unit.per.first() else {
            return Ok((computed, None));
        };
        let counted = Unit::of(per);
        let used = facts_used(rule);
        let candidates: Vec<(&String, &Quantity)> = self
            .facts
            .iter()
            .filter(|(name, _)| !used.iter().any(|u| same_name(u, name)))
            .filter_map(|(name, value)| match value {
                FactValue::Quantity(q) if q.unit.as_ref() == Some(&counted) => Some((name, q)),
                _ => None,
            })
            .filter(|(name, _)| {
                matches!(
                    // Given facts are checked: their declarations are found.
                    self.ctx
                        .fact_decl(doc, name)
                        .ok()
                        .flatten()
                        .map(|d| &d.kind),
                    Some(FactKind::Quantity { .. })
                )
            })
            .collect();
        match candidates.len() {
            0 => {
                trace!(
                    self,
                    unquoted(
                        "按单位计",
                        format!(
                            "金额按每{}计;没有给出以「{}」计的事实,结果为每{}的数额",
                            per.word(),
                            per.word(),
                            per.word()
                        ),
                        at,
                    )
                );
                Ok((computed, None))
            }
            1 => {
                let (name, count) = candidates[0];
                let remaining = Unit {
                    atom: unit.atom,
                    per: unit.per[1..].to_vec(),
                };
                let times = |q: &Quantity| -> Result<Quantity, EvalError> {
                    let value = q
                        .value
                        .checked_mul(count.value)
                        .ok_or_else(|| EvalError::Overflow {
                            what: format!("「{}」按「{name}」计的金额", rule.name),
                        })?
                        .normalize();
                    Ok(Quantity {
                        value,
                        unit: Some(remaining.clone()),
                        scale: display_scale(value, q.scale),
                    })
                };
                let (result, rate) = match &computed {
                    Computed::Exact(cmp, q) => (Computed::Exact(*cmp, times(q)?), q.clone()),
                    Computed::Range(low, high) => {
                        (Computed::Range(times(low)?, times(high)?), low.clone())
                    }
                    Computed::Ratio(..) => return Ok((computed, None)),
                };
                trace!(
                    self,
                    unquoted(
                        "按单位计",
                        format!(
                            "金额按每{}计,乘以「{name}」{count}:{} × {} = {}",
                            per.word(),
                            computed.text(),
                            format_decimal(count.value),
                            result.text()
                        ),
                        at,
                    )
                );
                Ok((
                    result,
                    Some(PerUnit {
                        fact: name.clone(),
                        count: count.clone(),
                        rate,
                    }),
                ))
            }
            _ => Err(EvalError::AmbiguousFacts {
                purpose: format!("「{}」按每{}计的人数或个数", rule.name, per.word()),
                facts: candidates.iter().map(|(n, _)| (*n).clone()).collect(),
            }),
        }
    }

    /// Applies 下限 and 上限 whose unit matches the amount's, each once.
    fn bounds(
        &mut self,
        rule: &Rule,
        at: At<'_>,
        computed: &mut Computed,
        clipped: &mut Vec<Clip>,
        applied: &mut [bool; 2],
    ) -> Result<(), EvalError> {
        for (i, (bound, kind)) in [(&rule.floor, BoundKind::Floor), (&rule.cap, BoundKind::Cap)]
            .into_iter()
            .enumerate()
        {
            let Some(limit) = bound else { continue };
            if applied[i] || limit.unit.as_ref() != computed.unit() {
                continue;
            }
            applied[i] = true;
            let word = ["下限", "上限"][i];
            let before_text = computed.text();
            let mut changed = Vec::new();
            let mut clip = |q: &mut Quantity, end: Option<RangeEnd>| {
                let out = match kind {
                    BoundKind::Floor => q.value < limit.value,
                    BoundKind::Cap => q.value > limit.value,
                };
                if out {
                    changed.push(Clip {
                        bound: kind,
                        limit: limit.clone(),
                        before: q.clone(),
                        end,
                    });
                    *q = Quantity {
                        value: limit.value,
                        unit: q.unit.clone(),
                        scale: limit.scale,
                    };
                }
            };
            match computed {
                Computed::Exact(_, q) => clip(q, None),
                Computed::Range(low, high) => {
                    clip(low, Some(RangeEnd::Low));
                    clip(high, Some(RangeEnd::High));
                }
                Computed::Ratio(..) => {}
            }
            let detail = if changed.is_empty() {
                let relation = match kind {
                    BoundKind::Floor => "不低于",
                    BoundKind::Cap => "不超过",
                };
                format!("{word} {limit}:{before_text} {relation}{word},不作调整")
            } else {
                format!(
                    "{word} {limit}:{before_text} 超出{word},按{word}调整为 {}",
                    computed.text()
                )
            };
            trace!(self, unquoted(word, detail, at));
            clipped.extend(changed);
        }
        Ok(())
    }

    /// A rule with no amount answers with its bounds: 不低于50万元, 不超过1万元, or both ends.
    fn bounds_only(&mut self, rule: &Rule, at: At<'_>) -> Result<RuleResult, EvalError> {
        let computed = match (&rule.floor, &rule.cap) {
            (Some(floor), Some(cap)) => {
                if floor.unit != cap.unit {
                    return Err(EvalError::UnitMismatch {
                        what: format!("「{}」的下限与上限", rule.name),
                        left: floor.to_string(),
                        right: cap.to_string(),
                    });
                }
                Some(Computed::Range(floor.clone(), cap.clone()))
            }
            (Some(floor), None) => Some(Computed::Exact(Cmp::Ge, floor.clone())),
            (None, Some(cap)) => Some(Computed::Exact(Cmp::Le, cap.clone())),
            (None, None) => None,
        };
        let detail = match &computed {
            Some(c) => format!("没有金额,按下限、上限给出 {}", c.text()),
            None => "没有可计算的金额(定性标准)".to_string(),
        };
        trace!(self, unquoted("结果", detail, at));
        Ok(RuleResult {
            applies: true,
            reason: None,
            failed: Vec::new(),
            amount: computed,
            tier: None,
            per_unit: None,
            clipped: Vec::new(),
        })
    }
}

/// The scale to show a product in: the rate's own scale, or 万/亿 when the product is a whole
/// number of 百元/百万 at that size (1500人 × 200元 = 30万元, not 300000元). Display only.
pub(crate) fn display_scale(value: Decimal, written: Scale) -> Scale {
    let hundred = Decimal::ONE_HUNDRED;
    let whole_in = |scale: Scale| (value / scale.factor() * hundred).fract().is_zero();
    if written != Scale::One {
        written
    } else if value.abs() >= Scale::Yi.factor() && whole_in(Scale::Yi) {
        Scale::Yi
    } else if value.abs() >= Scale::Wan.factor() && whole_in(Scale::Wan) {
        Scale::Wan
    } else {
        Scale::One
    }
}

/// 县类别=深度贫困县 / 服务人口1000人以下.
fn condition_text(fact: &str, case: &Case) -> String {
    match case {
        Case::Values { values } => format!("{fact}={}", values.join("、")),
        Case::Interval { text, .. } => format!("{fact}{text}"),
        Case::Otherwise => format!("{fact}:其他"),
    }
}

fn amounts(body: &RuleBody) -> impl Iterator<Item = &Amount> {
    let (one, rows) = match body {
        RuleBody::Fixed { amount } => (Some(amount), &[][..]),
        RuleBody::Tiered { rows, .. } => (None, rows.as_slice()),
        RuleBody::None => (None, &[][..]),
    };
    one.into_iter().chain(rows.iter().map(|r| &r.amount))
}

/// Facts the rule already uses for something else than counting: conditions, tiers, share bases.
/// A list, not a set (it is only searched): one `BTreeSet` type fewer in the wasm.
fn facts_used(rule: &Rule) -> Vec<&str> {
    let mut used: Vec<&str> = rule.conditions.iter().map(|c| c.fact.as_str()).collect();
    if let RuleBody::Tiered { by, .. } = &rule.body {
        used.push(by);
    }
    for amount in amounts(&rule.body) {
        if let Amount::Share { base, .. } = amount {
            used.push(base);
        }
    }
    used
}

impl fmt::Display for Evaluation {
    /// A readable Chinese answer: the result first, then the numbered trace.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}「{}」({})", self.keyword, self.rule, self.origin)?;
        if self.applies {
            match &self.amount {
                Some(amount) => writeln!(f, "结果: {amount}")?,
                None => writeln!(f, "结果: 没有可计算的金额")?,
            }
        } else {
            writeln!(f, "结果: 不适用")?;
            if let Some(reason) = &self.reason {
                writeln!(f, "原因: {reason}")?;
            }
        }
        if let Some(tier) = &self.tier {
            writeln!(f, "分档: 第{}档「{}」", tier.index, tier.case)?;
        }
        if let Some(per) = &self.per_unit {
            writeln!(f, "按单位计: {} × 「{}」{}", per.rate, per.fact, per.count)?;
        }
        for clip in &self.clipped {
            let word = match clip.bound {
                BoundKind::Floor => "下限",
                BoundKind::Cap => "上限",
            };
            let end = match clip.end {
                Some(RangeEnd::Low) => "下端",
                Some(RangeEnd::High) => "上端",
                None => "",
            };
            writeln!(f, "{word}: {end}{} 调整为 {}", clip.before, clip.limit)?;
        }
        if !self.trace.is_empty() {
            writeln!(f, "依据:")?;
            write_trace(f, &self.trace, 2)?;
        }
        Ok(())
    }
}
