//! Assessment scoring (考核): the total of item scores and adjustments.
//!
//! - an item given a score counts that score; it must lie between 0 and the item's maximum;
//! - an item not given a score but with scored sub-items counts their sum (which must not exceed
//!   the item's maximum either); giving both an item and its sub-items is an error;
//! - an item with no score anywhere counts 0 and is listed as unscored;
//! - an adjustment (调整) must lie within its bounds: ±5分 is −5…+5, a one-way +5分 is 0…+5 and
//!   −5分 is −5…0;
//! - the total is the sum of the top-level items plus the adjustments.
//!
//! A name that is neither an item nor an adjustment of the scheme is an error with suggestions.

use std::fmt;

use rust_decimal::Decimal;
use serde::Serialize;

use super::error::checked_sum;
use super::trace::write_trace;
use super::{lookup, place, same_name, suggest, EvalError, Scores, TraceStep};
use crate::ir::{Adjustment, Program, Scheme, SchemeItem};
use crate::value::{format_decimal, Quantity, Unit, UnitAtom};

/// Where an item's score came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ScoreSource {
    Given,
    /// The sum of its sub-items.
    Children,
    /// No score given: counts 0.
    Unscored,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ItemScore {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub max: Option<Quantity>,
    pub score: Quantity,
    pub source: ScoreSource,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<ItemScore>,
    pub origin: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AdjustmentScore {
    pub name: String,
    pub min: Quantity,
    pub max: Quantity,
    /// The adjustment applied (0 when none was given).
    pub value: Quantity,
    pub given: bool,
    pub origin: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ScoreReport {
    pub scheme: String,
    pub origin: String,
    /// 总分 as the scheme states it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub full_marks: Option<Quantity>,
    pub items: Vec<ItemScore>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub adjustments: Vec<AdjustmentScore>,
    /// The items' total before adjustments.
    pub subtotal: Quantity,
    pub adjustment_total: Quantity,
    pub total: Quantity,
    /// Items with no score, counted as 0.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unscored: Vec<String>,
    pub trace: Vec<TraceStep>,
}

fn points(value: Decimal) -> Quantity {
    Quantity::new(value.normalize(), Some(Unit::of(UnitAtom::Point)))
}

fn signed(value: Decimal) -> String {
    if value > Decimal::ZERO {
        format!("+{}分", format_decimal(value))
    } else {
        format!("{}分", format_decimal(value))
    }
}

/// Scores the scheme named `scheme` (anywhere in the program).
pub fn score(program: &Program, scheme: &str, scores: &Scores) -> Result<ScoreReport, EvalError> {
    program
        .check_version()
        .map_err(|message| EvalError::Version { message })?;
    score_in(program, None, scheme, scores)
}

/// As [`score`], looking in document `doc` first.
pub fn score_in(
    program: &Program,
    doc: Option<usize>,
    scheme: &str,
    scores: &Scores,
) -> Result<ScoreReport, EvalError> {
    let all = lookup::all_named(program, scheme, |d| &d.schemes, |s| &s.name);
    let found = lookup::choose(&all, doc);
    let names = program
        .documents
        .iter()
        .flat_map(|d| &d.schemes)
        .map(|s| s.name.as_str());
    let (d, i) = lookup::require(program, lookup::Kind::Scheme, scheme, found, names)?;
    let scheme_ir = &program.documents[d].schemes[i];
    Scorer::new(scheme_ir, scores)?.run()
}

struct Scorer<'s> {
    scheme: &'s Scheme,
    /// Given scores under the scheme's own spelling of each name.
    given: Scores,
    trace: Vec<TraceStep>,
    unscored: Vec<String>,
}

fn walk_items<'s>(items: &'s [SchemeItem], out: &mut Vec<&'s SchemeItem>) {
    for item in items {
        out.push(item);
        walk_items(&item.children, out);
    }
}

impl<'s> Scorer<'s> {
    fn new(scheme: &'s Scheme, scores: &Scores) -> Result<Self, EvalError> {
        let mut all = Vec::new();
        walk_items(&scheme.items, &mut all);
        let mut names: Vec<&str> = all.iter().map(|i| i.name.as_str()).collect();
        names.extend(scheme.adjustments.iter().map(|a| a.name.as_str()));
        let mut given = Scores::new();
        for (name, value) in scores {
            let Some(canonical) = names.iter().find(|n| same_name(n, name)) else {
                return Err(EvalError::UnknownItem {
                    scheme: scheme.name.clone(),
                    name: name.clone(),
                    suggestions: suggest(name, names.iter().copied()),
                });
            };
            given.insert(canonical.to_string(), *value);
        }
        Ok(Scorer {
            scheme,
            given,
            trace: Vec::new(),
            unscored: Vec::new(),
        })
    }

    fn run(mut self) -> Result<ScoreReport, EvalError> {
        let scheme = self.scheme;
        let full = scheme
            .total
            .as_ref()
            .map(|t| format!(",总分 {t}"))
            .unwrap_or_default();
        self.trace.push(TraceStep::new(
            "考核",
            format!("考核「{}」{full}", scheme.name),
            &scheme.origin,
        ));
        let mut items = Vec::new();
        for item in &scheme.items {
            items.push(self.item(item)?);
        }
        let subtotal = checked_sum(items.iter().map(|i| i.score.value), || {
            format!("考核「{}」各项的合计", scheme.name)
        })?;
        let parts: Vec<String> = items
            .iter()
            .map(|i| format_decimal(i.score.value))
            .collect();
        self.trace.push(TraceStep::unquoted(
            "合计",
            format!("各项合计 {} = {}", parts.join(" + "), points(subtotal)),
            &scheme.origin,
        ));

        let mut adjustments = Vec::new();
        for adj in &scheme.adjustments {
            adjustments.push(self.adjustment(adj)?);
        }
        let adjustment_total = checked_sum(adjustments.iter().map(|a| a.value.value), || {
            format!("考核「{}」调整的合计", scheme.name)
        })?;
        let total = checked_sum([subtotal, adjustment_total], || {
            format!("考核「{}」的总分", scheme.name)
        })?;
        if !adjustments.is_empty() {
            self.trace.push(TraceStep::unquoted(
                "总分",
                format!(
                    "{} {} {} = {}",
                    points(subtotal),
                    if adjustment_total < Decimal::ZERO {
                        "-"
                    } else {
                        "+"
                    },
                    points(adjustment_total.abs()),
                    points(total)
                ),
                &scheme.origin,
            ));
        }
        Ok(ScoreReport {
            scheme: scheme.name.clone(),
            origin: place(&scheme.origin),
            full_marks: scheme.total.clone(),
            items,
            adjustments,
            subtotal: points(subtotal),
            adjustment_total: points(adjustment_total),
            total: points(total),
            unscored: self.unscored,
            trace: self.trace,
        })
    }

    fn any_given(&self, items: &[SchemeItem]) -> Vec<String> {
        let mut all = Vec::new();
        walk_items(items, &mut all);
        all.into_iter()
            .filter(|i| self.given.contains_key(&i.name))
            .map(|i| i.name.clone())
            .collect()
    }

    fn item(&mut self, item: &SchemeItem) -> Result<ItemScore, EvalError> {
        let max_text = item
            .points
            .as_ref()
            .map(|p| format!("(满分 {p})"))
            .unwrap_or_default();
        if let Some(&given) = self.given.get(&item.name) {
            let scored_children = self.any_given(&item.children);
            if !scored_children.is_empty() {
                return Err(EvalError::ParentAndChildren {
                    item: item.name.clone(),
                    children: scored_children,
                });
            }
            if given < Decimal::ZERO {
                return Err(EvalError::NegativeScore {
                    item: item.name.clone(),
                    given: points(given).to_string(),
                });
            }
            self.check_max(item, given)?;
            self.trace.push(TraceStep::new(
                "项",
                format!("「{}」得 {}{max_text}", item.name, points(given)),
                &item.origin,
            ));
            return Ok(ItemScore {
                name: item.name.clone(),
                max: item.points.clone(),
                score: points(given),
                source: ScoreSource::Given,
                children: Vec::new(),
                origin: place(&item.origin),
            });
        }
        let (unscored_before, trace_before) = (self.unscored.len(), self.trace.len());
        let mut children = Vec::new();
        for child in &item.children {
            children.push(self.item(child)?);
        }
        if children.iter().any(|c| c.source != ScoreSource::Unscored) {
            let sum = checked_sum(children.iter().map(|c| c.score.value), || {
                format!("「{}」各子项的合计", item.name)
            })?;
            self.check_max(item, sum)?;
            let parts: Vec<String> = children
                .iter()
                .map(|c| format_decimal(c.score.value))
                .collect();
            self.trace.push(TraceStep::new(
                "项",
                format!(
                    "「{}」没有直接给分,按子项合计 {} = {}{max_text}",
                    item.name,
                    parts.join(" + "),
                    points(sum)
                ),
                &item.origin,
            ));
            return Ok(ItemScore {
                name: item.name.clone(),
                max: item.points.clone(),
                score: points(sum),
                source: ScoreSource::Children,
                children,
                origin: place(&item.origin),
            });
        }
        // Nothing scored below: the item is listed once, not each of its sub-items.
        self.unscored.truncate(unscored_before);
        self.trace.truncate(trace_before);
        self.unscored.push(item.name.clone());
        self.trace.push(TraceStep::unquoted(
            "项",
            format!("「{}」没有给分,按 0分 计{max_text}", item.name),
            &item.origin,
        ));
        Ok(ItemScore {
            name: item.name.clone(),
            max: item.points.clone(),
            score: points(Decimal::ZERO),
            source: ScoreSource::Unscored,
            children,
            origin: place(&item.origin),
        })
    }

    fn check_max(&self, item: &SchemeItem, value: Decimal) -> Result<(), EvalError> {
        match &item.points {
            Some(max) if value > max.value => Err(EvalError::AboveMax {
                item: item.name.clone(),
                given: points(value).to_string(),
                max: max.to_string(),
            }),
            _ => Ok(()),
        }
    }

    fn adjustment(&mut self, adj: &Adjustment) -> Result<AdjustmentScore, EvalError> {
        let m = adj.max.value.abs();
        let (min, max) = if adj.both_ways {
            (-m, m)
        } else if adj.max.value < Decimal::ZERO {
            (-m, Decimal::ZERO)
        } else {
            (Decimal::ZERO, m)
        };
        let given = self.given.get(&adj.name).copied();
        let value = given.unwrap_or(Decimal::ZERO);
        if value < min || value > max {
            return Err(EvalError::AdjustmentOutOfBounds {
                name: adj.name.clone(),
                given: signed(value),
                min: signed(min),
                max: signed(max),
            });
        }
        let detail = match given {
            Some(v) => format!(
                "「{}」{}(允许 {} 至 {})",
                adj.name,
                signed(v),
                signed(min),
                signed(max)
            ),
            None => format!("「{}」没有给出,按 0分 计", adj.name),
        };
        self.trace.push(TraceStep::new("调整", detail, &adj.origin));
        Ok(AdjustmentScore {
            name: adj.name.clone(),
            min: points(min),
            max: points(max),
            value: points(value),
            given: given.is_some(),
            origin: place(&adj.origin),
        })
    }
}

impl fmt::Display for ScoreReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "考核「{}」({})", self.scheme, self.origin)?;
        writeln!(f, "总分: {}", self.total)?;
        fn item_lines(
            f: &mut fmt::Formatter<'_>,
            items: &[ItemScore],
            depth: usize,
        ) -> fmt::Result {
            for item in items {
                let max = item
                    .max
                    .as_ref()
                    .map(|m| format!(" / {m}"))
                    .unwrap_or_default();
                let note = match item.source {
                    ScoreSource::Given => "",
                    ScoreSource::Children => "(子项合计)",
                    ScoreSource::Unscored => "(未给分)",
                };
                writeln!(
                    f,
                    "{}{}: {}{max}{note}",
                    "  ".repeat(depth + 1),
                    item.name,
                    item.score
                )?;
                item_lines(f, &item.children, depth + 1)?;
            }
            Ok(())
        }
        writeln!(f, "各项:")?;
        item_lines(f, &self.items, 0)?;
        writeln!(f, "  合计: {}", self.subtotal)?;
        for adj in &self.adjustments {
            writeln!(
                f,
                "调整 {}: {}(允许 {} 至 {})",
                adj.name,
                signed(adj.value.value),
                signed(adj.min.value),
                signed(adj.max.value)
            )?;
        }
        if !self.unscored.is_empty() {
            writeln!(f, "未给分的项(按 0分 计): {}", self.unscored.join("、"))?;
        }
        writeln!(f, "依据:")?;
        write_trace(f, &self.trace, 2)
    }
}
