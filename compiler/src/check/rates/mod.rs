//! Rates, milestones and bounds: an annual rate agrees with the cumulative milestones and the
//! yearly parts, milestones only grow, a change goes the way its verb says, ranges and ratio
//! ranges are well formed, a standard's amount fits its floor and cap, and 百分点 and % are used
//! on the right kind of metric.
//!
//! Years are counted inclusively: a rate 自2015年起 has run 6 years by the end of 2020, and a
//! milestone 2020年前 means by the end of 2020. Quantities are only compared in one unit (a
//! bare number or 个 takes the other side's unit); anything else is a ZC0601.
//!
//! One module per subject, all on the one [`Rates`] walk:
//! - `annual`: a 每年 rate against the cumulative milestones and the yearly parts; milestones
//!   only grow (ZC0301, ZC0302);
//! - `amounts`: wherever an amount stands, a change goes the way its verb says, a range runs low
//!   to high, a ratio range splits one whole (ZC0303, ZC0304, ZC0305);
//! - `bounds`: a standard's floor and cap, and its amounts against them (ZC0306);
//! - `units`: 百分点 and % on the right kind of metric (ZC0307, ZC0308).

mod amounts;
mod annual;
mod bounds;
mod units;

use super::quantities::{amount_text, comparable, target_ref, unit_mismatch, value_word, Side};
use super::{examples, standards, targets, DocCtx};
use crate::ast::*;
use crate::codes;
use crate::diagnostic::{Diagnostic, Span};
use zhengce_runtime::Quantity;

pub(crate) use annual::rate_span;

pub(crate) fn check(cx: &DocCtx, out: &mut Vec<Diagnostic>) {
    // Unit mismatches other checks of this document already reported (totals runs first), so a
    // part in the wrong unit is reported once.
    let mut unit_reported: Vec<Span> = out
        .iter()
        .filter(|d| d.code == codes::UNIT_MISMATCH)
        .filter_map(|d| d.primary_label())
        .filter(|l| l.file == cx.file)
        .map(|l| l.span)
        .collect();
    zhengce_runtime::sort::sort(&mut unit_reported);
    unit_reported.dedup();
    let mut r = Rates {
        cx,
        out,
        unit_reported,
    };
    for at in targets(cx.doc) {
        r.target(at.target);
    }
    for s in standards(cx.doc) {
        r.standard(s);
    }
    for (amount, owner) in amounts(cx.doc) {
        r.amount(amount, &owner);
    }
}

struct Rates<'c, 'a> {
    cx: &'c DocCtx<'a>,
    out: &'c mut Vec<Diagnostic>,
    /// Sorted, without repeats (a sorted list rather than a `HashSet`: one hash table type fewer
    /// in the wasm).
    unit_reported: Vec<Span>,
}

/// Every amount of the document with the words that name where it stands.
pub(crate) fn amounts(doc: &Document) -> Vec<(&Amount, String)> {
    let mut out = Vec::new();
    for at in targets(doc) {
        let t = at.target;
        match &t.value {
            Some(TargetValue::Amount(a)) => {
                out.push((a, format!("{}的{}", target_ref(t), value_word(t))))
            }
            Some(TargetValue::Relative { change, .. }) => {
                out.push((&**change, format!("{}的{}", target_ref(t), value_word(t))))
            }
            _ => {}
        }
        if let Some(r) = &t.rate {
            out.push((&r.amount, format!("{}的每年数量", target_ref(t))));
        }
    }
    for s in standards(doc) {
        let owner = format!("{}「{}」", s.keyword, s.name.text);
        if let Some(a) = &s.amount {
            out.push((a, format!("{owner}的金额")));
        }
        if let Some(tiers) = &s.tiers {
            for row in &tiers.rows {
                if let TierCase::Interval { interval } = &row.when {
                    out.push((interval, format!("{owner}的分档区间")));
                }
                out.push((
                    &row.amount,
                    format!("{owner}分档「{}」的金额", case_text(&row.when)),
                ));
            }
        }
        for c in &s.conditions {
            if let TierCase::Interval { interval } = &c.test {
                out.push((interval, format!("{owner}的条件「{}」", c.fact.text)));
            }
        }
    }
    for e in examples(doc) {
        if let Some(Expectation::Amount(a)) = &e.expect {
            out.push((a, format!("例「{}」的结果", e.name.text)));
        }
    }
    out
}

/// How a tier row's case reads in a message.
fn case_text(case: &TierCase) -> String {
    match case {
        TierCase::Values { values } => values
            .names
            .iter()
            .map(|n| n.text.as_str())
            .collect::<Vec<_>>()
            .join("、"),
        TierCase::Interval { interval } => amount_text(interval),
        TierCase::Otherwise { .. } => crate::vocabulary::TIER_OTHER[0].to_string(),
    }
}

/// One end of an amount: the quantity, and whether the end itself is excluded (高于300元).
type End<'q> = (&'q QuantityLit, bool);

impl<'c, 'a> Rates<'c, 'a> {
    fn file(&self) -> &'a str {
        self.cx.file
    }

    /// Reports a unit mismatch unless one was already reported at the same place.
    fn mismatch(&mut self, d: Diagnostic) {
        let span = d.primary_label().map(|l| l.span).unwrap_or_default();
        if let Err(i) = self.unit_reported.binary_search(&span) {
            self.unit_reported.insert(i, span);
            self.out.push(d);
        }
    }

    fn target(&mut self, t: &Target) {
        self.rate_milestones(t);
        self.rate_parts(t);
        self.milestone_decrease(t);
        self.relative_units(t);
    }

    fn standard(&mut self, s: &Standard) {
        let points_reported = self.points_on_standard(s);
        self.bounds(s, points_reported);
    }

    /// Two written quantities in one unit, or a ZC0601 (once) and `None`.
    fn compare(
        &mut self,
        context: &str,
        a: &QuantityLit,
        a_what: &str,
        b: &QuantityLit,
        b_what: &str,
    ) -> Option<(Quantity, Quantity)> {
        let r = comparable(&a.quantity, &b.quantity);
        if r.is_none() {
            self.report_mismatch(
                context,
                Side::written(a, a_what.to_string()),
                Side::written(b, b_what.to_string()),
            );
        }
        r
    }

    /// ZC0601 for two sides that could not be compared (once per place). The sides' words are
    /// built only here, when there is something to report: the comparisons run on every edit.
    fn report_mismatch(&mut self, context: &str, a: Side, b: Side) {
        let d = unit_mismatch(self.file(), context, "比较", a, b);
        self.mismatch(d);
    }
}
