//! Target progress: is a target met, on track or behind in a given year?
//!
//! Actual figures are given per year: amounts achieved *in* that year (summed to date), except
//! for a target stated as levels (节点: 2017年55%), where each figure is the level reached and the
//! latest one up to the year counts. A figure without unit takes the target's unit.
//!
//! The plan to date (how much should have been achieved by the end of `as_of_year`) comes from
//! the first of these the target states:
//!
//! 1. 分年度 (yearly parts): the sum of the parts of every year up to and including the year;
//! 2. 累计 (cumulative milestones): the last milestone at or before the year, **carried
//!    forward** until the next one (no interpolation: a milestone is a promise for its year, and
//!    carrying it keeps every figure exact); before the first milestone, the 每年 rate if the
//!    target states one, else nothing is due yet (0);
//! 3. 节点 (levels): the last level at or before the year, carried forward likewise;
//! 4. 每年 (annual rate): the rate times the years from its first year (or the first actual year)
//!    to the year, within its last year;
//! 5. only a 值 with a 期限: the value is due in the deadline's year; before it there is no interim
//!    plan.
//!
//! The status: **met** when the actual to date reaches the target's final value (with its
//! comparator; for 以下/以内 targets lower is better), else **on track** when it reaches the plan
//! to date, else **behind**; `no_interim_plan` when neither applies yet. The **gap** is the plan to
//! date minus the actual to date (positive: behind by that much), which is what the seed
//! examples' 结果 states.

use std::fmt;

use rust_decimal::Decimal;
use serde::Serialize;

use super::error::checked_sum;
use super::trace::write_trace;
use super::{lookup, place, Actuals, EvalError, TraceStep};
use crate::ir::{Amount, Cmp, Deadline, Program, Target, YearAmount};
use crate::sorted_map::SortedMap;
use crate::value::{CivilDate, Quantity, Scale, Unit};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ProgressStatus {
    Met,
    OnTrack,
    Behind,
    /// No plan applies to the year yet (a target with only a final value and a later deadline).
    NoInterimPlan,
}

impl ProgressStatus {
    pub fn word(self) -> &'static str {
        match self {
            ProgressStatus::Met => "已完成",
            ProgressStatus::OnTrack => "按计划推进",
            ProgressStatus::Behind => "落后于计划",
            ProgressStatus::NoInterimPlan => "尚无阶段性要求",
        }
    }
}

/// Which part of the target the plan to date comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    Yearly,
    Cumulative,
    Levels,
    Rate,
    Value,
}

impl Basis {
    fn word(self) -> &'static str {
        match self {
            Basis::Yearly => "分年度",
            Basis::Cumulative => "累计",
            Basis::Levels => "节点",
            Basis::Rate => "每年",
            Basis::Value => "值",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct YearRow {
    pub year: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub planned: Option<Quantity>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub planned_to_date: Option<Quantity>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub actual: Option<Quantity>,
    pub actual_to_date: Quantity,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProgressReport {
    pub target: String,
    pub origin: String,
    pub as_of_year: i32,
    pub basis: Basis,
    pub status: ProgressStatus,
    /// The final value as stated: 232万人, 12000公里以上.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub target_text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub target_value: Option<Quantity>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub deadline: Option<CivilDate>,
    /// The 期限 as written (6月底前, 「秋季学期」前, 长期坚持), whether or not it has a day.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub deadline_text: Option<String>,
    /// Why the 期限 has no day, when it has none (no year known, an event, open-ended).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub deadline_note: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub planned_to_date: Option<Quantity>,
    pub actual_to_date: Quantity,
    /// Plan to date minus actual to date: positive when behind.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub gap: Option<Quantity>,
    /// Final value minus actual to date.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub remaining: Option<Quantity>,
    pub years: Vec<YearRow>,
    pub trace: Vec<TraceStep>,
}

/// The progress of the target named `target` in `as_of_year`.
pub fn progress(
    program: &Program,
    target: &str,
    actual: &Actuals,
    as_of_year: i32,
) -> Result<ProgressReport, EvalError> {
    program
        .check_version()
        .map_err(|message| EvalError::Version { message })?;
    progress_in(program, None, target, actual, as_of_year)
}

/// As [`progress`], looking in document `doc` first.
pub fn progress_in(
    program: &Program,
    doc: Option<usize>,
    target: &str,
    actual: &Actuals,
    as_of_year: i32,
) -> Result<ProgressReport, EvalError> {
    let all = lookup::all_named(program, target, |d| &d.targets, |t| &t.name);
    let found = lookup::choose(&all, doc);
    let names = program
        .documents
        .iter()
        .flat_map(|d| &d.targets)
        .map(|t| t.name.as_str());
    let (d, i) = lookup::require(program, lookup::Kind::Target, target, found, names)?;
    let t = &program.documents[d].targets[i];
    compute(t, actual, as_of_year)
}

/// The target's unit and the scale it is written in.
fn target_unit(t: &Target) -> Option<(Option<Unit>, Scale)> {
    if let Some(Amount::Quantity { quantity, .. }) = &t.value {
        return Some((quantity.unit.clone(), quantity.scale));
    }
    let lists = [&t.yearly, &t.cumulative, &t.levels];
    if let Some(first) = lists.iter().find_map(|l| l.first()) {
        return Some((first.quantity.unit.clone(), first.quantity.scale));
    }
    t.rate
        .as_ref()
        .map(|r| (r.quantity.unit.clone(), r.quantity.scale))
}

struct Plan<'t> {
    t: &'t Target,
    basis: Basis,
}

impl Plan<'_> {
    fn overflow(&self, what: &str) -> EvalError {
        EvalError::Overflow {
            what: format!("目标「{}」的{what}", self.t.name),
        }
    }

    /// What should have been achieved by the end of `year`; `None` when nothing applies yet.
    fn to_date(&self, year: i32, first_actual: Option<i32>) -> Result<Option<Decimal>, EvalError> {
        let t = self.t;
        Ok(match self.basis {
            Basis::Yearly => Some(checked_sum(
                t.yearly
                    .iter()
                    .filter(|p| p.year <= year)
                    .map(|p| p.quantity.value),
                || format!("目标「{}」截至{year}年的计划", t.name),
            )?),
            Basis::Cumulative => match carried(&t.cumulative, year) {
                Some(v) => Some(v),
                None => Some(
                    self.rate_to_date(year, first_actual)?
                        .unwrap_or(Decimal::ZERO),
                ),
            },
            Basis::Levels => carried(&t.levels, year),
            Basis::Rate => self.rate_to_date(year, first_actual)?,
            Basis::Value => match (&t.value, t.deadline.as_ref().and_then(Deadline::date)) {
                (Some(Amount::Quantity { quantity, .. }), Some(d)) if year >= d.year() => {
                    Some(quantity.value)
                }
                _ => None,
            },
        })
    }

    /// The amount planned in `year` alone (for the table).
    fn in_year(&self, year: i32) -> Option<Decimal> {
        let t = self.t;
        match self.basis {
            Basis::Yearly => t
                .yearly
                .iter()
                .find(|p| p.year == year)
                .map(|p| p.quantity.value),
            Basis::Cumulative => t
                .cumulative
                .iter()
                .find(|p| p.year == year)
                .map(|p| p.quantity.value),
            Basis::Levels => t
                .levels
                .iter()
                .find(|p| p.year == year)
                .map(|p| p.quantity.value),
            Basis::Rate => {
                let r = t.rate.as_ref()?;
                let inside =
                    r.from_year.is_none_or(|f| year >= f) && r.to_year.is_none_or(|e| year <= e);
                inside.then_some(r.quantity.value)
            }
            Basis::Value => None,
        }
    }

    fn rate_to_date(
        &self,
        year: i32,
        first_actual: Option<i32>,
    ) -> Result<Option<Decimal>, EvalError> {
        let Some(r) = self.t.rate.as_ref() else {
            return Ok(None);
        };
        let start = r.from_year.or(first_actual).unwrap_or(year);
        let end = r.to_year.map_or(year, |e| e.min(year));
        // Years are any i32 a user gives (`--actual -2147483648=1`): counted in i64.
        let years = (i64::from(end) - i64::from(start) + 1).max(0);
        r.quantity
            .value
            .checked_mul(Decimal::from(years))
            .map(Some)
            .ok_or_else(|| self.overflow(&format!("截至{year}年的计划")))
    }

    /// The final value the target aims at, with its comparator.
    fn final_value(&self) -> Result<Option<(Cmp, Decimal)>, EvalError> {
        let t = self.t;
        if let Some(Amount::Quantity { cmp, quantity, .. }) = &t.value {
            return Ok(Some((*cmp, quantity.value)));
        }
        Ok(match self.basis {
            Basis::Yearly => Some((
                Cmp::Ge,
                checked_sum(t.yearly.iter().map(|p| p.quantity.value), || {
                    format!("目标「{}」各年度之和", t.name)
                })?,
            )),
            Basis::Cumulative => t.cumulative.last().map(|p| (Cmp::Ge, p.quantity.value)),
            Basis::Levels => t.levels.last().map(|p| (Cmp::Ge, p.quantity.value)),
            Basis::Rate => {
                let Some(r) = t.rate.as_ref() else {
                    return Ok(None);
                };
                let (Some(from), Some(to)) = (r.from_year, r.to_year) else {
                    return Ok(None);
                };
                let years = (i64::from(to) - i64::from(from) + 1).max(0);
                let total = r
                    .quantity
                    .value
                    .checked_mul(Decimal::from(years))
                    .ok_or_else(|| self.overflow("每年数量之和"))?;
                Some((r.cmp, total))
            }
            Basis::Value => None,
        })
    }
}

/// The value of the last milestone at or before `year`.
fn carried(milestones: &[YearAmount], year: i32) -> Option<Decimal> {
    milestones
        .iter()
        .filter(|m| m.year <= year)
        .max_by_key(|m| m.year)
        .map(|m| m.quantity.value)
}

/// Whether `actual` satisfies `cmp target` (lower is better for 以下/低于 targets).
fn reaches(actual: Decimal, cmp: Cmp, target: Decimal) -> bool {
    match cmp {
        Cmp::Le => actual <= target,
        Cmp::Lt => actual < target,
        Cmp::Gt => actual > target,
        Cmp::Ge | Cmp::Eq | Cmp::About => actual >= target,
    }
}

fn compute(t: &Target, actual: &Actuals, as_of_year: i32) -> Result<ProgressReport, EvalError> {
    let basis = if !t.yearly.is_empty() {
        Basis::Yearly
    } else if !t.cumulative.is_empty() {
        Basis::Cumulative
    } else if !t.levels.is_empty() {
        Basis::Levels
    } else if t.rate.is_some() {
        Basis::Rate
    } else if matches!(t.value, Some(Amount::Quantity { .. })) {
        Basis::Value
    } else {
        let stated = t
            .value_text
            .as_ref()
            .map(|v| format!("它的值「{v}」不是一个数量,"))
            .unwrap_or_default();
        return Err(EvalError::NoPlan {
            target: t.name.clone(),
            reason: format!("{stated}没有分年度、累计、节点或每年的数量"),
        });
    };
    let (unit, scale) = target_unit(t).unwrap_or((None, Scale::One));
    let q = |value: Decimal| Quantity {
        value: value.normalize(),
        unit: unit.clone(),
        scale,
    };

    // Actual figures in the target's unit.
    let mut figures = SortedMap::new();
    for (&year, quantity) in actual {
        match (&quantity.unit, &unit) {
            (None, _) => {}
            (Some(given), Some(expected)) if given == expected => {}
            (Some(given), expected) => {
                return Err(EvalError::WrongUnit {
                    fact: format!("{year}年实际"),
                    expected: expected
                        .as_ref()
                        .map_or("(无单位)".into(), |u| format!("{}{u}", scale.word())),
                    got: given.to_string(),
                })
            }
        }
        figures.insert(year, quantity.value);
    }
    let first_actual = figures.keys().next().copied();
    let plan = Plan { t, basis };
    let mut trace = Vec::new();
    trace.push(TraceStep::new(
        "目标",
        format!(
            "{}「{}」{}",
            t.keyword,
            t.name,
            t.value
                .as_ref()
                .map(|v| format!(",值 {}", crate::show::amount(v)))
                .unwrap_or_default()
        ),
        &t.origin,
    ));

    // The actual figures of the years up to `year`, in year order.
    let figures_to = |year: i32| figures.iter().take_while(move |(y, _)| **y <= year);
    let actual_to = |year: i32| -> Result<Decimal, EvalError> {
        if basis == Basis::Levels {
            Ok(figures_to(year).last().map_or(Decimal::ZERO, |(_, v)| *v))
        } else {
            checked_sum(figures_to(year).map(|(_, v)| *v), || {
                format!("目标「{}」截至{year}年的实际累计", t.name)
            })
        }
    };

    // The table: every planned or actual year up to the later of as_of_year and the plan's end.
    // A sorted list without repeats (not a `BTreeSet`: one map type fewer in the wasm).
    let mut years: Vec<i32> = figures.keys().copied().collect();
    for list in [&t.yearly, &t.cumulative, &t.levels] {
        years.extend(list.iter().map(|p| p.year));
    }
    crate::sort::sort(&mut years);
    years.dedup();
    let rows: Vec<YearRow> = years
        .into_iter()
        .filter(|&y| y <= as_of_year)
        .map(|year| {
            Ok(YearRow {
                year,
                planned: plan.in_year(year).map(q),
                planned_to_date: plan.to_date(year, first_actual)?.map(q),
                actual: figures.get(&year).copied().map(q),
                actual_to_date: q(actual_to(year)?),
            })
        })
        .collect::<Result<_, EvalError>>()?;

    let actual_to_date = actual_to(as_of_year)?;
    let planned = plan.to_date(as_of_year, first_actual)?;
    let final_value = plan.final_value()?;
    let parts: Vec<String> = figures_to(as_of_year)
        .map(|(y, v)| format!("{y}年{}", q(*v)))
        .collect();
    let actual_detail = if basis == Basis::Levels {
        format!("截至{as_of_year}年实际达到 {}", q(actual_to_date))
    } else if parts.is_empty() {
        format!("截至{as_of_year}年没有实际数")
    } else {
        format!(
            "截至{as_of_year}年实际累计 {} = {}",
            parts.join(" + "),
            q(actual_to_date)
        )
    };
    trace.push(TraceStep::unquoted("实际", actual_detail, &t.origin));
    let plan_detail = match planned {
        Some(p) => {
            let how = match basis {
                Basis::Yearly => {
                    let parts: Vec<String> = t
                        .yearly
                        .iter()
                        .filter(|p| p.year <= as_of_year)
                        .map(|p| format!("{}年{}", p.year, p.quantity))
                        .collect();
                    if parts.is_empty() {
                        "还没有到期的年度".to_string()
                    } else {
                        parts.join(" + ")
                    }
                }
                Basis::Cumulative | Basis::Levels => {
                    let list = if basis == Basis::Levels {
                        &t.levels
                    } else {
                        &t.cumulative
                    };
                    match list
                        .iter()
                        .filter(|m| m.year <= as_of_year)
                        .max_by_key(|m| m.year)
                    {
                        Some(m) => format!("沿用{}年的节点 {}", m.year, m.quantity),
                        None if basis == Basis::Cumulative && t.rate.is_some() => {
                            "第一个节点之前,按每年的数量计".to_string()
                        }
                        None => "第一个节点之前".to_string(),
                    }
                }
                Basis::Rate => {
                    let r = t.rate.as_ref().map(|r| r.quantity.to_string());
                    format!("每年 {}", r.unwrap_or_default())
                }
                Basis::Value => "期限已到,按目标值".to_string(),
            };
            format!("截至{as_of_year}年计划 {}({how})", q(p))
        }
        None => format!("截至{as_of_year}年没有阶段性要求"),
    };
    trace.push(TraceStep::unquoted(basis.word(), plan_detail, &t.origin));

    let status = match (final_value, planned) {
        (Some((cmp, v)), _) if reaches(actual_to_date, cmp, v) => ProgressStatus::Met,
        (final_value, Some(p)) => {
            let cmp = final_value.map_or(Cmp::Ge, |(c, _)| c);
            let cmp = if matches!(cmp, Cmp::Le | Cmp::Lt) {
                Cmp::Le
            } else {
                Cmp::Ge
            };
            if reaches(actual_to_date, cmp, p) {
                ProgressStatus::OnTrack
            } else {
                ProgressStatus::Behind
            }
        }
        (_, None) => ProgressStatus::NoInterimPlan,
    };
    let gap = planned
        .map(|p| {
            p.checked_sub(actual_to_date)
                .map(q)
                .ok_or_else(|| plan.overflow(&format!("截至{as_of_year}年的计划缺口")))
        })
        .transpose()?;
    let remaining = final_value
        .map(|(_, v)| {
            v.checked_sub(actual_to_date)
                .map(q)
                .ok_or_else(|| plan.overflow("距目标的差额"))
        })
        .transpose()?;
    let mut verdict = status.word().to_string();
    if let Some(g) = &gap {
        verdict.push_str(&format!(",计划缺口 {g}"));
    }
    if let Some(r) = &remaining {
        verdict.push_str(&format!(",距目标还差 {r}"));
    }
    trace.push(TraceStep::unquoted("结论", verdict, &t.origin));

    Ok(ProgressReport {
        target: t.name.clone(),
        origin: place(&t.origin),
        as_of_year,
        basis,
        status,
        target_text: t
            .value
            .as_ref()
            .map(crate::show::amount)
            .or(t.value_text.clone()),
        target_value: final_value.map(|(_, v)| q(v)),
        deadline: t.deadline.as_ref().and_then(Deadline::date),
        deadline_text: t
            .deadline
            .as_ref()
            .and_then(|d| d.text().map(str::to_string)),
        deadline_note: t.deadline.as_ref().and_then(deadline_note),
        planned_to_date: planned.map(q),
        actual_to_date: q(actual_to_date),
        gap,
        remaining,
        years: rows,
        trace,
    })
}

/// Why a 期限 gives no day to measure progress against.
fn deadline_note(d: &Deadline) -> Option<String> {
    match d {
        Deadline::By { .. } | Deadline::None => None,
        Deadline::Open { .. } => Some("长期工作,没有截止日期".to_string()),
        Deadline::Event { event, .. } => Some(format!("在「{event}」之前,没有日期")),
        Deadline::Unresolved { reason, .. } => Some(reason.clone()),
    }
}

impl fmt::Display for ProgressReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "目标「{}」({})", self.target, self.origin)?;
        writeln!(f, "截至 {} 年: {}", self.as_of_year, self.status.word())?;
        if let Some(t) = &self.target_text {
            let deadline = match (&self.deadline_text, self.deadline, &self.deadline_note) {
                (Some(text), Some(d), _) if text != &d.to_string() => format!(",期限 {text}({d})"),
                (_, Some(d), _) => format!(",期限 {d}"),
                (Some(text), None, Some(note)) => format!(",期限 {text}({note})"),
                (Some(text), None, None) => format!(",期限 {text}"),
                (None, None, _) => String::new(),
            };
            writeln!(f, "目标值: {t}{deadline}")?;
        }
        if let Some(p) = &self.planned_to_date {
            writeln!(f, "计划累计: {p}(依据{})", self.basis.word())?;
        }
        writeln!(f, "实际累计: {}", self.actual_to_date)?;
        if let Some(g) = &self.gap {
            writeln!(f, "计划缺口: {g}")?;
        }
        if let Some(r) = &self.remaining {
            writeln!(f, "距目标: {r}")?;
        }
        if !self.years.is_empty() {
            writeln!(f, "逐年:")?;
            for row in &self.years {
                let planned = row
                    .planned
                    .as_ref()
                    .map_or("—".to_string(), |p| p.to_string());
                let planned_to = row
                    .planned_to_date
                    .as_ref()
                    .map_or("—".to_string(), |p| p.to_string());
                let actual = row
                    .actual
                    .as_ref()
                    .map_or("—".to_string(), |p| p.to_string());
                writeln!(
                    f,
                    "  {}年  计划 {planned}(累计 {planned_to})  实际 {actual}(累计 {})",
                    row.year, row.actual_to_date
                )?;
            }
        }
        writeln!(f, "依据:")?;
        write_trace(f, &self.trace, 2)
    }
}
