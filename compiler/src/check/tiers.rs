//! Tiers (分档 按 X { … }): every case of the tiered fact falls in exactly one row.
//!
//! For a category the rows name values: a value named in two rows with different results is an
//! overlap, a declared value named in no row (and no 其他 row) a gap. For a quantity the rows are
//! intervals, analysed exactly over the non-negative numbers by sorting the intervals by their
//! lower end and sweeping once: 以下/以上/以内/不超过/不低于 include the number itself,
//! 超过/低于/少于 exclude it (民法典 第一千二百五十九条); a range (1000人至5000人) includes both
//! ends. Rows that overlap but give the same result are harmless and not reported.

use super::quantities::{amount_text, in_context, shown_in};
use super::{nearest, standards, DocCtx, Table};
use crate::ast::*;
use crate::codes;
use crate::diagnostic::{Diagnostic, Span};
use rust_decimal::Decimal;
use zhengce_runtime::{show, Scale, Unit};

pub(crate) fn check(cx: &DocCtx, out: &mut Vec<Diagnostic>) {
    let mut t = TierCheck { cx, out };
    for s in standards(cx.doc) {
        if let Some(tiers) = &s.tiers {
            t.tiers(s, tiers);
        }
    }
}

struct TierCheck<'c, 'a> {
    cx: &'c DocCtx<'a>,
    out: &'c mut Vec<Diagnostic>,
}

const BOUNDARY_RULE: &str =
    "以上、以下、以内、不超过、不低于包含本数,超过、低于、少于不含本数(民法典 第一千二百五十九条);区间「甲至乙」包含两端";

/// One end of an interval: the number and whether it belongs to the interval.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct End {
    value: Decimal,
    closed: bool,
}

/// A set of non-negative numbers `low … high`; `high` is `None` for no upper bound.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Interval {
    low: End,
    high: Option<End>,
}

impl Interval {
    fn is_empty(&self) -> bool {
        match self.high {
            None => false,
            Some(h) => {
                self.low.value > h.value
                    || (self.low.value == h.value && !(self.low.closed && h.closed))
            }
        }
    }

    fn is_point(&self) -> bool {
        matches!(self.high, Some(h) if h.closed && self.low.closed && h.value == self.low.value)
    }

    /// A number inside the (non-empty) interval, for messages: a closed upper end, else a
    /// closed lower end above zero, else the midpoint; with no upper end, the lower end or one
    /// more than it.
    fn example(&self) -> Decimal {
        match self.high {
            Some(h) if h.closed => h.value,
            Some(h) => {
                if self.low.closed && self.low.value > Decimal::ZERO {
                    self.low.value
                } else {
                    (self.low.value + h.value) / Decimal::TWO
                }
            }
            None if self.low.closed => self.low.value,
            None => self.low.value + Decimal::ONE,
        }
    }
}

/// Order of lower ends: by number, a closed end (which starts at the number) before an open one.
fn low_key(e: End) -> (Decimal, u8) {
    (e.value, if e.closed { 0 } else { 1 })
}

/// Order of upper ends (how far an interval reaches): by number, an open end before a closed
/// one, and no upper end last.
fn reach_key(h: Option<End>) -> (u8, Decimal, u8) {
    match h {
        None => (1, Decimal::ZERO, 0),
        Some(e) => (0, e.value, if e.closed { 1 } else { 0 }),
    }
}

/// Whether an interval ending at `high` still contains the point where another starts at `low`
/// (given it starts no later).
fn reaches(high: Option<End>, low: End) -> bool {
    match high {
        None => true,
        Some(h) => low.value < h.value || (low.value == h.value && low.closed && h.closed),
    }
}

fn min_high(a: Option<End>, b: Option<End>) -> Option<End> {
    if reach_key(a) <= reach_key(b) {
        a
    } else {
        b
    }
}

/// An overlap found by the sweep: two rows and the interval both cover.
#[derive(Debug, PartialEq, Eq)]
struct Overlap {
    first: usize,
    second: usize,
    shared: Interval,
}

/// A gap found by the sweep: the uncovered interval and the rows before and after it.
#[derive(Debug, PartialEq, Eq)]
struct Gap {
    before: Option<usize>,
    after: Option<usize>,
    missing: Interval,
}

/// Overlaps between rows with different results: at most one per row, with the row that
/// reaches furthest among the earlier-starting rows of a different result (if that one does not
/// reach this row's start, none does). `rows[i]` is (row index, interval); `result[row]` groups
/// rows with equal results. O(n log n).
fn overlaps(rows: &[(usize, Interval)], result: &[usize]) -> Vec<Overlap> {
    let mut sorted: Vec<&(usize, Interval)> = rows.iter().collect();
    zhengce_runtime::sort::sort_by(&mut sorted, |a, b| {
        low_key(a.1.low).cmp(&low_key(b.1.low)).then(a.0.cmp(&b.0))
    });
    let mut out = Vec::new();
    // The furthest-reaching row so far, and the furthest-reaching one whose result differs
    // from it.
    let mut best: Option<&(usize, Interval)> = None;
    let mut other: Option<&(usize, Interval)> = None;
    for cur in sorted {
        let (row, iv) = *cur;
        let candidate = match best {
            Some(b) if result[b.0] != result[row] => Some(b),
            _ => other,
        };
        if let Some(&(prev_row, prev)) = candidate {
            if reaches(prev.high, iv.low) {
                let (first, second) = if prev_row < row {
                    (prev_row, row)
                } else {
                    (row, prev_row)
                };
                out.push(Overlap {
                    first,
                    second,
                    shared: Interval {
                        low: iv.low,
                        high: min_high(iv.high, prev.high),
                    },
                });
            }
        }
        match best {
            None => best = Some(cur),
            Some(b) if reach_key(iv.high) > reach_key(b.1.high) => {
                if result[b.0] != result[row] {
                    other = Some(b);
                }
                best = Some(cur);
            }
            Some(b) => {
                let further = match other {
                    None => true,
                    Some(o) => reach_key(o.1.high) < reach_key(iv.high),
                };
                if result[b.0] != result[row] && further {
                    other = Some(cur);
                }
            }
        }
    }
    out
}

/// The non-negative numbers no row covers, swept once over the rows sorted by lower end.
fn gaps(rows: &[(usize, Interval)]) -> Vec<Gap> {
    let mut sorted: Vec<&(usize, Interval)> = rows.iter().collect();
    zhengce_runtime::sort::sort_by(&mut sorted, |a, b| {
        low_key(a.1.low).cmp(&low_key(b.1.low)).then(a.0.cmp(&b.0))
    });
    let mut out = Vec::new();
    // Everything before `frontier` is covered; `frontier.closed` says whether its number is
    // itself still uncovered. `None` once some row runs to infinity.
    let mut frontier = Some(End {
        value: Decimal::ZERO,
        closed: true,
    });
    let mut last: Option<usize> = None;
    for &&(row, iv) in &sorted {
        let Some(f) = frontier else { break };
        let covers_frontier = if f.closed {
            low_key(iv.low) <= low_key(f)
        } else {
            iv.low.value <= f.value
        };
        if !covers_frontier {
            out.push(Gap {
                before: last,
                after: Some(row),
                missing: Interval {
                    low: f,
                    high: Some(End {
                        value: iv.low.value,
                        closed: !iv.low.closed,
                    }),
                },
            });
        }
        // Where this row leaves the first uncovered number.
        let next = iv.high.map(|h| End {
            value: h.value,
            closed: !h.closed,
        });
        let further = match next {
            None => true,
            Some(n) => (n.value, !n.closed) > (f.value, !f.closed),
        };
        if further {
            frontier = next;
            last = Some(row);
        }
    }
    if let Some(f) = frontier {
        out.push(Gap {
            before: last,
            after: None,
            missing: Interval { low: f, high: None },
        });
    }
    out
}

/// The interval a tier case covers, in the fact's unit: `Ok(None)` when the case cannot be
/// analysed (左右, a share), `Err(unit)` when its unit differs from the fact's.
fn interval_of(case: &Amount, unit: &Unit) -> Result<Option<Interval>, Option<Unit>> {
    let value = |q: &QuantityLit| -> Result<Decimal, Option<Unit>> {
        let q = in_context(&q.quantity, Some(unit));
        if q.unit.as_ref() == Some(unit) {
            Ok(q.value)
        } else {
            Err(q.unit)
        }
    };
    let zero = End {
        value: Decimal::ZERO,
        closed: true,
    };
    let iv = match case {
        Amount::Bounded {
            comparator,
            quantity,
            ..
        } => {
            let v = value(quantity)?;
            let at = |closed| End { value: v, closed };
            match comparator {
                Comparator::AtMost => Interval {
                    low: zero,
                    high: Some(at(true)),
                },
                Comparator::Below => Interval {
                    low: zero,
                    high: Some(at(false)),
                },
                Comparator::AtLeast => Interval {
                    low: at(true),
                    high: None,
                },
                Comparator::Above => Interval {
                    low: at(false),
                    high: None,
                },
                Comparator::Eq => Interval {
                    low: at(true),
                    high: Some(at(true)),
                },
                Comparator::About => return Ok(None),
            }
        }
        Amount::Range { low, high, .. } => {
            let (l, h) = (value(low)?, value(high)?);
            if l > h {
                return Ok(None); // ZC0304
            }
            Interval {
                low: End {
                    value: l,
                    closed: true,
                },
                high: Some(End {
                    value: h,
                    closed: true,
                }),
            }
        }
        _ => return Ok(None),
    };
    // Quantities here are non-negative.
    let low = if iv.low.value < Decimal::ZERO {
        zero
    } else {
        iv.low
    };
    Ok(Some(Interval { low, high: iv.high }))
}

/// What two results must share to be the same (exact values and units; spans and the scale the
/// text wrote do not matter).
fn result_key(a: &Amount) -> String {
    let q = |q: &QuantityLit| {
        format!(
            "{}{}",
            q.quantity.value.normalize(),
            q.quantity
                .unit
                .as_ref()
                .map(|u| u.to_string())
                .unwrap_or_default()
        )
    };
    match a {
        Amount::Bounded {
            comparator,
            quantity,
            ..
        } => format!("B{comparator:?}{}", q(quantity)),
        Amount::Range { low, high, .. } => format!("R{}~{}", q(low), q(high)),
        Amount::RatioRange { low, high, .. } => format!(
            "Q{}:{}~{}:{}",
            q(&low.left),
            q(&low.right),
            q(&high.left),
            q(&high.right)
        ),
        Amount::Share {
            base,
            rate,
            comparator,
            ..
        } => format!("S{comparator:?}{}{}", base.text, q(rate)),
        Amount::Change {
            from,
            to,
            direction,
            ..
        } => format!("C{direction:?}{}{}", q(from), q(to)),
    }
}

/// How an interval of the fact reads after its name: "恰为1000人", "超过1000人且低于5000人".
fn describe(iv: &Interval, scale: Scale, unit: &Unit) -> String {
    let n = |v: Decimal| shown_in(v, scale, Some(unit));
    let from_zero = iv.low.value.is_zero() && iv.low.closed;
    match iv.high {
        _ if iv.is_point() => format!("恰为{}", n(iv.low.value)),
        None if iv.low.closed => format!("不低于{}", n(iv.low.value)),
        None => format!("超过{}", n(iv.low.value)),
        Some(h) if from_zero => {
            if h.closed {
                format!("不超过{}", n(h.value))
            } else {
                format!("低于{}", n(h.value))
            }
        }
        Some(h) => {
            let lo = if iv.low.closed {
                format!("不低于{}", n(iv.low.value))
            } else {
                format!("超过{}", n(iv.low.value))
            };
            let hi = if h.closed {
                format!("不超过{}", n(h.value))
            } else {
                format!("低于{}", n(h.value))
            };
            if iv.low.closed && h.closed {
                format!(
                    "在{}之间(含两端)",
                    show::range(&n(iv.low.value), &n(h.value))
                )
            } else {
                format!("{lo}且{hi}")
            }
        }
    }
}

/// The case with a concrete value when it is not a single point: "恰为1000人",
/// "低于1000人(例如500人)".
fn describe_with_example(iv: &Interval, scale: Scale, unit: &Unit) -> String {
    let d = describe(iv, scale, unit);
    if iv.is_point() {
        d
    } else {
        format!("{d}(例如{})", shown_in(iv.example(), scale, Some(unit)))
    }
}

/// The span and text of a row's case.
fn case_of(row: &Tier) -> (Span, String) {
    match &row.when {
        TierCase::Values { values } => (
            values.span,
            values
                .names
                .iter()
                .map(|n| n.text.as_str())
                .collect::<Vec<_>>()
                .join("、"),
        ),
        TierCase::Interval { interval } => (interval.span(), amount_text(interval)),
        TierCase::Otherwise { span } => (*span, crate::vocabulary::TIER_OTHER[0].to_string()),
    }
}

impl<'c, 'a> TierCheck<'c, 'a> {
    fn file(&self) -> &'a str {
        self.cx.file
    }

    fn tiers(&mut self, s: &Standard, tiers: &Tiers) {
        let keys: Vec<String> = tiers.rows.iter().map(|r| result_key(&r.amount)).collect();
        // Rows with equal results share a group number.
        let mut groups: Table<usize> = Table::default();
        let result: Vec<usize> = keys
            .iter()
            .map(|k| {
                let n = groups.len();
                groups.add(k, n);
                groups.get(k).copied().unwrap_or(n)
            })
            .collect();
        self.otherwise_twice(s, tiers, &result);
        let Some(fact) = self.cx.symbols.facts.get(tiers.by.text.as_str()).copied() else {
            return; // ZC0102
        };
        match &fact.ty {
            FactType::Category { values } => self.categories(s, tiers, fact, values, &result),
            FactType::Quantity { scale, unit, span } => {
                self.quantities(s, tiers, fact, (*scale, unit, *span), &result)
            }
            FactType::Date { .. } => {}
        }
    }

    fn title(&self, s: &Standard, tiers: &Tiers) -> String {
        format!(
            "{}「{}」按「{}」分档",
            s.keyword, s.name.text, tiers.by.text
        )
    }

    /// Two 其他 rows with different results both take every remaining case.
    fn otherwise_twice(&mut self, s: &Standard, tiers: &Tiers, result: &[usize]) {
        let mut first: Option<usize> = None;
        for (i, row) in tiers.rows.iter().enumerate() {
            let TierCase::Otherwise { span } = &row.when else {
                continue;
            };
            match first {
                None => first = Some(i),
                Some(j) if result[j] != result[i] => {
                    let prev = &tiers.rows[j];
                    let d = Diagnostic::error(
                        codes::TIERS_OVERLAP,
                        format!(
                            "{}:有两行「其他」,其余情况两档都适用,结果分别为{}和{}",
                            self.title(s, tiers),
                            amount_text(&prev.amount),
                            amount_text(&row.amount)
                        ),
                    )
                    .primary(
                        self.file(),
                        *span,
                        format!("这一档:{}", amount_text(&row.amount)),
                    )
                    .secondary(
                        self.file(),
                        case_of(prev).0,
                        format!("这一档:{}", amount_text(&prev.amount)),
                    )
                    .help("只保留一行「其他」");
                    self.out.push(d);
                }
                Some(_) => {}
            }
        }
    }

    fn categories(
        &mut self,
        s: &Standard,
        tiers: &Tiers,
        fact: &FactDecl,
        declared: &NameList,
        result: &[usize],
    ) {
        let mut first: Table<(usize, &Name)> = Table::default();
        let mut has_other = false;
        for (i, row) in tiers.rows.iter().enumerate() {
            let values = match &row.when {
                TierCase::Values { values } => values,
                TierCase::Otherwise { .. } => {
                    has_other = true;
                    continue;
                }
                TierCase::Interval { .. } => return, // not a category case: nothing to compare
            };
            for v in &values.names {
                match first.get(v.text.as_str()) {
                    None => {
                        first.insert(&v.text, (i, v));
                    }
                    Some(&(j, prev)) if j != i && result[j] != result[i] => {
                        let (a, b) = (&tiers.rows[j], row);
                        let (ra, rb) = (amount_text(&a.amount), amount_text(&b.amount));
                        let d = Diagnostic::error(
                            codes::TIERS_OVERLAP,
                            format!(
                                "{}:{}为「{}」时,「{}」和「{}」两档都适用,结果分别为{ra}和{rb}",
                                self.title(s, tiers),
                                fact.name.text,
                                v.text,
                                case_of(a).1,
                                case_of(b).1
                            ),
                        )
                        .primary(self.file(), v.span, format!("又列在这一档:{rb}"))
                        .secondary(self.file(), prev.span, format!("已列在这一档:{ra}"))
                        .help(format!("「{}」只能列在一档中:删去其中一处", v.text));
                        self.out.push(d);
                    }
                    Some(_) => {}
                }
            }
        }
        if has_other {
            return;
        }
        // A row value the fact does not declare (ZC0107, 非贫因县) most likely means the
        // declared value nearest to it: that value is not reported missing a second time.
        let mut meant: Table<()> = Table::default();
        for v in first.keys() {
            if declared.names.iter().any(|d| d.text == *v) {
                continue;
            }
            if let Some(near) = nearest(v, declared.names.iter().map(|d| d.text.as_str())) {
                meant.add(near, ());
            }
        }
        let missing: Vec<&Name> = declared
            .names
            .iter()
            .filter(|n| {
                !first.contains_key(n.text.as_str()) && !meant.contains_key(n.text.as_str())
            })
            .collect();
        if missing.is_empty() {
            return;
        }
        let list = missing
            .iter()
            .map(|n| format!("「{}」", n.text))
            .collect::<Vec<_>>()
            .join("、");
        let mut d = Diagnostic::error(
            codes::TIERS_GAP,
            format!(
                "{}:{}为{list}时没有任何一档适用",
                self.title(s, tiers),
                fact.name.text
            ),
        )
        .primary(
            self.file(),
            tiers.by.span,
            format!("没有覆盖{}个取值", missing.len()),
        );
        for n in &missing {
            d = d.secondary(self.file(), n.span, "这个取值没有对应的档");
        }
        let each = if missing.len() > 1 { "各" } else { "" };
        d = d.help(format!("为{list}{each}补上一档,或加一行「其他：…」"));
        self.out.push(d);
    }

    fn quantities(
        &mut self,
        s: &Standard,
        tiers: &Tiers,
        fact: &FactDecl,
        (scale, unit, unit_span): (Scale, &Unit, Span),
        result: &[usize],
    ) {
        let mut rows: Vec<(usize, Interval)> = Vec::new();
        let mut complete = true;
        let mut has_other = false;
        for (i, row) in tiers.rows.iter().enumerate() {
            let case = match &row.when {
                TierCase::Interval { interval } => interval,
                TierCase::Otherwise { .. } => {
                    has_other = true;
                    continue;
                }
                TierCase::Values { .. } => {
                    complete = false;
                    continue;
                }
            };
            match interval_of(case, unit) {
                Ok(Some(iv)) if !iv.is_empty() => rows.push((i, iv)),
                Ok(Some(_)) => {}
                Ok(None) => complete = false,
                Err(found) => {
                    complete = false;
                    let found = found
                        .map(|u| u.to_string())
                        .unwrap_or_else(|| "无单位".to_string());
                    let d = Diagnostic::error(
                        codes::UNIT_MISMATCH,
                        format!(
                            "{}:分档「{}」以{found}计,而事实「{}」以{unit}计,两者不能比较",
                            self.title(s, tiers),
                            amount_text(case),
                            fact.name.text
                        ),
                    )
                    .primary(self.file(), case.span(), format!("单位是{found}"))
                    .secondary(
                        self.file(),
                        unit_span,
                        format!("事实「{}」的单位是{unit}", fact.name.text),
                    )
                    .help(format!(
                        "把这一档的单位改为{unit};若确按{found}分档,请另设一个以{found}计的事实"
                    ));
                    self.out.push(d);
                }
            }
        }
        for o in overlaps(&rows, result) {
            let (a, b) = (&tiers.rows[o.first], &tiers.rows[o.second]);
            let (ca, cb) = (case_of(a), case_of(b));
            let (ra, rb) = (amount_text(&a.amount), amount_text(&b.amount));
            let case = describe_with_example(&o.shared, scale, unit);
            let mut d = Diagnostic::error(
                codes::TIERS_OVERLAP,
                format!(
                    "{}:{}{case}时,「{}」和「{}」两档都适用,结果分别为{ra}和{rb}",
                    self.title(s, tiers),
                    fact.name.text,
                    ca.1,
                    cb.1
                ),
            )
            .primary(self.file(), cb.0, format!("这一档:{rb}"))
            .secondary(self.file(), ca.0, format!("这一档:{ra}"))
            .note(BOUNDARY_RULE);
            d = if o.shared.is_point() {
                let v = shown_in(o.shared.low.value, scale, Some(unit));
                d.help(format!(
                    "{v}只能属于一档:把其中一档改为不含本数的写法(如「超过{v}」或「低于{v}」)"
                ))
            } else {
                d.help("调整各档的边界,使每个取值只落在一档中")
            };
            self.out.push(d);
        }
        if has_other || !complete || rows.is_empty() {
            return;
        }
        for g in gaps(&rows) {
            let case = describe_with_example(&g.missing, scale, unit);
            let mut d = Diagnostic::error(
                codes::TIERS_GAP,
                format!(
                    "{}:{}{case}时没有任何一档适用",
                    self.title(s, tiers),
                    fact.name.text
                ),
            );
            let from = shown_in(g.missing.low.value, scale, Some(unit));
            // What the rows on either side say about the gap's ends.
            let before_label = if g.missing.low.closed {
                format!("这一档不含{from}")
            } else {
                format!("这一档到{from}为止")
            };
            let after_label = match g.missing.high {
                Some(h) if h.closed => {
                    format!("这一档不含{}", shown_in(h.value, scale, Some(unit)))
                }
                Some(h) => format!("这一档从{}开始", shown_in(h.value, scale, Some(unit))),
                None => String::new(),
            };
            match (g.after, g.before) {
                (Some(after), before) => {
                    d = d.primary(self.file(), case_of(&tiers.rows[after]).0, after_label);
                    if let Some(before) = before {
                        d = d.secondary(self.file(), case_of(&tiers.rows[before]).0, before_label);
                    }
                }
                (None, Some(before)) => {
                    d = d.primary(
                        self.file(),
                        case_of(&tiers.rows[before]).0,
                        format!("最高的一档到{from}为止,再往上没有档"),
                    );
                }
                (None, None) => {
                    d = d.primary(self.file(), tiers.by.span, "没有覆盖这些取值");
                }
            }
            d = d.note(BOUNDARY_RULE);
            d = if g.missing.is_point() {
                d.help(format!(
                    "让相邻两档之一包含{from}(如把「超过{from}」改为「{from}以上」),或加一行「其他：…」"
                ))
            } else {
                d.help(format!(
                    "补上{}的一档,或加一行「其他：…」",
                    describe(&g.missing, scale, unit)
                ))
            };
            self.out.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn end(v: i64, closed: bool) -> End {
        End {
            value: Decimal::from(v),
            closed,
        }
    }

    /// 以下 / 低于 / 以上 / 超过 / 至 of `v` (the non-negative numbers they cover).
    fn at_most(v: i64) -> Interval {
        Interval {
            low: end(0, true),
            high: Some(end(v, true)),
        }
    }
    fn below(v: i64) -> Interval {
        Interval {
            low: end(0, true),
            high: Some(end(v, false)),
        }
    }
    fn at_least(v: i64) -> Interval {
        Interval {
            low: end(v, true),
            high: None,
        }
    }
    fn above(v: i64) -> Interval {
        Interval {
            low: end(v, false),
            high: None,
        }
    }
    fn range(a: i64, b: i64) -> Interval {
        Interval {
            low: end(a, true),
            high: Some(end(b, true)),
        }
    }

    fn rows(ivs: &[Interval]) -> Vec<(usize, Interval)> {
        ivs.iter().copied().enumerate().collect()
    }

    /// Every row a different result.
    fn distinct(n: usize) -> Vec<usize> {
        (0..n).collect()
    }

    #[test]
    fn inclusive_at_the_same_number_overlap_at_that_point() {
        let r = rows(&[at_most(1000), at_least(1000)]);
        let o = overlaps(&r, &distinct(2));
        assert_eq!(o.len(), 1);
        assert!(o[0].shared.is_point());
        assert_eq!(o[0].shared.low.value, Decimal::from(1000));
        assert!(gaps(&r).is_empty());
    }

    #[test]
    fn adjacent_intervals_neither_overlap_nor_leave_a_gap() {
        // 1000人以下 + 超过1000人; 低于1000人 + 1000人以上.
        for r in [
            rows(&[at_most(1000), above(1000)]),
            rows(&[below(1000), at_least(1000)]),
        ] {
            assert!(overlaps(&r, &distinct(2)).is_empty());
            assert!(gaps(&r).is_empty());
        }
    }

    #[test]
    fn exclusive_at_the_same_number_leave_that_point() {
        let r = rows(&[below(1000), above(1000)]);
        assert!(overlaps(&r, &distinct(2)).is_empty());
        let g = gaps(&r);
        assert_eq!(g.len(), 1);
        assert!(g[0].missing.is_point());
        assert_eq!(g[0].missing.low.value, Decimal::from(1000));
        assert_eq!((g[0].before, g[0].after), (Some(0), Some(1)));
    }

    #[test]
    fn ranges_include_both_ends() {
        // 0至1000 + 1000至5000 share 1000; 0至999 + 1000以上 leave (999, 1000).
        let r = rows(&[range(0, 1000), range(1000, 5000), above(5000)]);
        let o = overlaps(&r, &distinct(3));
        assert_eq!(o.len(), 1);
        assert_eq!((o[0].first, o[0].second), (0, 1));
        assert!(gaps(&r).is_empty());
        let r = rows(&[range(0, 999), at_least(1000)]);
        let g = gaps(&r);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].missing.low, end(999, false));
        assert_eq!(g[0].missing.high, Some(end(1000, false)));
        assert_eq!(g[0].missing.example(), Decimal::new(9995, 1));
    }

    #[test]
    fn gaps_from_zero_and_to_infinity() {
        let r = rows(&[range(100, 200)]);
        let g = gaps(&r);
        assert_eq!(g.len(), 2);
        assert_eq!(g[0].missing, below(100));
        assert_eq!(g[0].missing.example(), Decimal::from(50));
        assert_eq!(g[1].missing, above(200));
        assert_eq!(g[1].missing.example(), Decimal::from(201));
        // 超过0: only zero itself is missing.
        let g = gaps(&rows(&[above(0)]));
        assert_eq!(g.len(), 1);
        assert!(g[0].missing.is_point());
    }

    #[test]
    fn equal_results_may_overlap() {
        let r = rows(&[at_most(1000), at_least(1000)]);
        assert!(overlaps(&r, &[0, 0]).is_empty());
    }

    #[test]
    fn the_sweep_finds_an_overlap_hidden_behind_an_equal_result() {
        // A long row (result 0), a short row of result 1 inside it, a third row of result 0
        // overlapping the short one: the short one conflicts with both others.
        let r = rows(&[range(0, 100), range(0, 50), range(40, 60)]);
        let o = overlaps(&r, &[0, 1, 0]);
        assert_eq!(o.len(), 2, "{o:?}");
        assert!(o.iter().any(|x| (x.first, x.second) == (0, 1)));
        assert!(o.iter().any(|x| (x.first, x.second) == (1, 2)));
    }

    #[test]
    fn many_rows_stay_near_linear() {
        // 20000 adjacent rows [i*10, i*10+9]: no overlap, gaps only between them.
        let ivs: Vec<Interval> = (0..20_000).map(|i| range(i * 10, i * 10 + 9)).collect();
        let r = rows(&ivs);
        assert!(overlaps(&r, &distinct(ivs.len())).is_empty());
        let g = gaps(&r);
        assert_eq!(g.len(), 20_000); // (i*10+9, i*10+10) between rows, and above the last
    }

    #[test]
    fn cases_read_like_the_text() {
        let unit = Unit::of(zhengce_runtime::UnitAtom::Person);
        let d = |iv: Interval| describe_with_example(&iv, Scale::One, &unit);
        assert_eq!(d(range(1000, 1000)), "恰为1000人");
        assert_eq!(d(below(1000)), "低于1000人(例如500人)");
        assert_eq!(d(above(5000)), "超过5000人(例如5001人)");
        assert_eq!(
            d(Interval {
                low: end(1000, false),
                high: Some(end(5000, true))
            }),
            "超过1000人且不超过5000人(例如5000人)"
        );
    }

    fn check_src(src: &str) -> Vec<(String, String)> {
        crate::check::test_support::checked(src, |code| {
            code.starts_with("ZC05") || code == "ZC0601"
        })
    }

    #[test]
    fn the_village_doctor_example() {
        let got = check_src(
            "事实 服务人口：人\n标准 村医补助 {\n  分档 按 服务人口 {\n    1000人以下：每月400元\n    1000人以上：每月200元\n  }\n}\n",
        );
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "ZC0501");
        assert!(
            got[0].1.contains("服务人口恰为1000人时,「不超过1000人」和「不低于1000人」两档都适用,结果分别为400元/月和200元/月"),
            "{}",
            got[0].1
        );
    }

    #[test]
    fn categories_overlap_and_gap() {
        let got = check_src(
            "事实 县类别：深度贫困县、贫困县、非贫困县\n标准 以奖代补 {\n  分档 按 县类别 {\n    深度贫困县、贫困县：10万元\n    贫困县：5万元\n  }\n}\n",
        );
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got
            .iter()
            .any(|(c, m)| c == "ZC0501" && m.contains("「贫困县」")));
        assert!(got
            .iter()
            .any(|(c, m)| c == "ZC0502" && m.contains("「非贫困县」")));
    }

    #[test]
    fn a_misspelt_value_is_not_also_a_gap() {
        // 非贫因县 is ZC0107 (did you mean 非贫困县?); 非贫困县 is not reported missing too.
        let got = check_src(
            "事实 县类别：深度贫困县、贫困县、非贫困县\n标准 以奖代补 {\n  分档 按 县类别 {\n    深度贫困县：10万元\n    贫困县：5万元\n    非贫因县：2万元\n  }\n}\n",
        );
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn a_unit_mismatch_is_not_analysed() {
        let got = check_src(
            "事实 服务人口：人\n标准 村医补助 {\n  分档 按 服务人口 {\n    1000户以下：每月400元\n    超过1000人：每月200元\n  }\n}\n",
        );
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "ZC0601");
    }

    #[test]
    fn scaled_units_compare_exactly() {
        // 1万人 is 10000人: 1万人以下 + 超过10000人 leave no gap and do not overlap.
        let got = check_src(
            "事实 服务人口：人\n标准 补助 {\n  分档 按 服务人口 {\n    1万人以下：每月400元\n    超过10000人：每月200元\n  }\n}\n",
        );
        assert!(got.is_empty(), "{got:?}");
    }
}
