//! Rates, milestones and bounds: an annual rate agrees with the cumulative milestones and the
//! yearly parts, milestones only grow, a change goes the way its verb says, ranges and ratio
//! ranges are well formed, a standard's amount fits its floor and cap, and 百分点 and % are used
//! on the right kind of metric.
//!
//! Years are counted inclusively: a rate 自2015年起 has run 6 years by the end of 2020, and a
//! milestone 2020年前 means by the end of 2020. Quantities are only compared in one unit (a
//! bare number or 个 takes the other side's unit); anything else is a ZC0601.

use super::quantities::{
    breakdown_word, comparable, comparator_words, key_text, satisfies, shown, shown_in, target_ref,
    unit_mismatch, unit_name, value_word, Side,
};
use super::{examples, standards, targets, DocCtx};
use crate::ast::*;
use crate::codes;
use crate::diagnostic::{Diagnostic, Span};
use rust_decimal::Decimal;
use zhengce_runtime::value::format_decimal;
use zhengce_runtime::{Quantity, UnitAtom};

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
        TierCase::Otherwise { .. } => "其他".to_string(),
    }
}

/// An amount written out again for a message.
fn amount_text(a: &Amount) -> String {
    match a {
        Amount::Bounded {
            comparator,
            quantity,
            ..
        } => bounded_text(*comparator, &quantity.quantity),
        Amount::Range { low, high, .. } => {
            format!("{}-{}", shown(&low.quantity), shown(&high.quantity))
        }
        Amount::RatioRange { low, high, .. } => {
            format!("{}至{}", ratio_text(low), ratio_text(high))
        }
        Amount::Share {
            base,
            rate,
            comparator,
            ..
        } => format!(
            "{}{}的{}",
            cmp_before(*comparator),
            base.text,
            shown(&rate.quantity)
        ),
        Amount::Change { from, to, verb, .. } => {
            format!(
                "由{}{}{}",
                shown(&from.quantity),
                verb.text,
                shown(&to.quantity)
            )
        }
    }
}

pub(crate) fn ratio_text(r: &Ratio) -> String {
    format!("{}:{}", shown(&r.left.quantity), shown(&r.right.quantity))
}

/// A bound as a reader says it: "14万户", "不低于14万户", "约14万户".
fn bounded_text(cmp: Comparator, q: &Quantity) -> String {
    format!("{}{}", cmp_before(cmp), shown(q))
}

fn cmp_before(cmp: Comparator) -> &'static str {
    match cmp {
        Comparator::Eq => "",
        Comparator::About => "约",
        other => comparator_words(other),
    }
}

/// "应为", "应不少于", …: what a cumulative total must be under a rate with this comparator.
fn should_be(cmp: Comparator) -> &'static str {
    match cmp {
        Comparator::Eq | Comparator::About => "应为",
        Comparator::AtLeast => "应不少于",
        Comparator::Above => "应多于",
        Comparator::AtMost => "应不超过",
        Comparator::Below => "应少于",
    }
}

fn has_atom(q: &Quantity, atom: UnitAtom) -> bool {
    q.unit.as_ref().is_some_and(|u| u.atom == atom)
}

/// A level stated in some unit that is not a percentage (元, 人, 公里…).
fn is_non_percent(q: &Quantity) -> bool {
    q.unit
        .as_ref()
        .is_some_and(|u| !matches!(u.atom, UnitAtom::Percent | UnitAtom::PercentPoint))
}

/// A rate written 每年每户… per year: the 每年 clause already says "per year", so the /年 goes.
fn per_year_stripped(q: &Quantity) -> Quantity {
    let mut q = q.clone();
    if let Some(u) = &mut q.unit {
        if u.per.last() == Some(&UnitAtom::Year) {
            u.per.pop();
        }
    }
    q
}

/// Whether a metric's words name a ratio (报销比例, 贫困发生率, 占比). Rates that are not
/// percentages (效率, 频率, 功率, 速率) do not count.
fn names_a_ratio(text: &str) -> Option<&'static str> {
    let mut t = text.to_string();
    for w in ["效率", "频率", "功率", "速率"] {
        t = t.replace(w, "");
    }
    ["比例", "占比", "比重", "率"]
        .into_iter()
        .find(|w| t.contains(w))
}

/// The quantities an amount states (a share's rate is a share of its base, not a level).
fn amount_quantities(a: &Amount) -> Vec<&QuantityLit> {
    match a {
        Amount::Bounded { quantity, .. } => vec![quantity],
        Amount::Range { low, high, .. } => vec![low, high],
        Amount::Change { from, to, .. } => vec![from, to],
        Amount::Share { .. } | Amount::RatioRange { .. } => Vec::new(),
    }
}

/// The first and last year a rate runs: its own years, else the target's 期间.
pub(crate) fn rate_span(t: &Target, r: &AnnualRate) -> (Option<i32>, Option<i32>) {
    let from = r.from_year.as_ref().map(|y| y.year);
    let to = r.to_year.as_ref().map(|y| y.year);
    match &t.period {
        Some(p) => (from.or(Some(p.from_year)), to.or(Some(p.to_year))),
        None => (from, to),
    }
}

/// The years a rate covers, for messages: "自2015年起", "2015年至2020年".
fn years_text(years: (Option<i32>, Option<i32>)) -> String {
    match years {
        (Some(f), Some(t)) => format!("{f}年至{t}年"),
        (Some(f), None) => format!("自{f}年起"),
        (None, Some(t)) => format!("到{t}年"),
        (None, None) => "各年".to_string(),
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

    /// The rate of a target as (comparator, quantity per year, the rate).
    fn rate(t: &Target) -> Option<(Comparator, Quantity, &QuantityLit, &AnnualRate)> {
        let r = t.rate.as_ref()?;
        match &r.amount {
            Amount::Bounded {
                comparator,
                quantity,
                ..
            } => Some((
                *comparator,
                per_year_stripped(&quantity.quantity),
                quantity,
                r,
            )),
            _ => None,
        }
    }

    /// ZC0301: rate × years since the start against each cumulative milestone.
    fn rate_milestones(&mut self, t: &Target) {
        let (Some((cmp, rate_q, rate_lit, rate)), Some(ms)) = (Self::rate(t), &t.milestones) else {
            return;
        };
        let years = rate_span(t, rate);
        let (Some(from), to) = years else { return };
        let context = target_ref(t);
        for p in &ms.parts {
            let PartKey::Year { year, suffix, .. } = &p.key else {
                continue;
            };
            let year = *year;
            if year < from || to.is_some_and(|to| year > to) {
                continue;
            }
            let Some((m, r)) = comparable(&p.quantity.quantity, &rate_q) else {
                self.report_mismatch(
                    &context,
                    Side::written(&p.quantity, format!("累计「{}」", key_text(&p.key))),
                    Side::new(&rate_q, rate_lit.span, "每年数量".to_string()),
                );
                continue;
            };
            if cmp == Comparator::About {
                continue;
            }
            let n = Decimal::from(year - from + 1);
            let expected = r.value * n;
            if satisfies(m.value, cmp, expected) {
                continue;
            }
            let expected_text = shown_in(expected, r.scale, r.unit.as_ref());
            let key = key_text(&p.key);
            let mut d = Diagnostic::error(
                codes::RATE_MILESTONE,
                format!(
                    "{}每年{},自{from}年起到{year}年共{n}年,累计{}{expected_text},而{key}累计写的是{}",
                    target_ref(t),
                    bounded_text(cmp, &r),
                    should_be(cmp),
                    shown(&m)
                ),
            )
            .primary(self.file(), p.span, format!("累计{}", shown(&m)))
            .secondary(
                self.file(),
                rate.span,
                format!("每年{},{}", bounded_text(cmp, &r), years_text(years)),
            );
            let mut note = format!("年数首尾两年都计入:{from}年至{year}年共{n}年");
            if suffix.is_some() {
                note.push_str(&format!(";「{key}」按到{year}年底计"));
            }
            d = d.note(note).help(format!(
                "若每年数量无误,{key}的累计应改为{expected_text};若累计无误,请核对每年数量或起始年份"
            ));
            self.out.push(d);
        }
    }

    /// ZC0301: each yearly part within the rate's years must satisfy the rate.
    fn rate_parts(&mut self, t: &Target) {
        let (Some((cmp, rate_q, rate_lit, rate)), Some(b)) = (Self::rate(t), &t.breakdown) else {
            return;
        };
        let context = target_ref(t);
        for p in &b.parts {
            let PartKey::Year { year, .. } = &p.key else {
                continue;
            };
            let (from, to) = rate_span(t, rate);
            let outside = from.is_some_and(|f| *year < f) || to.is_some_and(|to| *year > to);
            if outside {
                continue;
            }
            let Some((part, r)) = comparable(&p.quantity.quantity, &rate_q) else {
                self.report_mismatch(
                    &context,
                    Side::written(&p.quantity, format!("分年度「{}」", key_text(&p.key))),
                    Side::new(&rate_q, rate_lit.span, "每年数量".to_string()),
                );
                continue;
            };
            if satisfies(part.value, cmp, r.value) {
                continue;
            }
            let rate_text = bounded_text(cmp, &r);
            let d = Diagnostic::error(
                codes::RATE_MILESTONE,
                format!(
                    "{}规定每年{rate_text},但分年度中{}为{}",
                    target_ref(t),
                    key_text(&p.key),
                    shown(&part)
                ),
            )
            .primary(
                self.file(),
                p.span,
                format!("{} {}", key_text(&p.key), shown(&part)),
            )
            .secondary(self.file(), rate.span, format!("每年{rate_text}"))
            .help("核对该年的数字或每年的数量;两者说的是同一年的量");
            self.out.push(d);
        }
    }

    /// ZC0302: cumulative milestones, sorted by year, never go down.
    fn milestone_decrease(&mut self, t: &Target) {
        let Some(ms) = &t.milestones else { return };
        let mut parts: Vec<(i32, &BreakdownPart)> = ms
            .parts
            .iter()
            .filter_map(|p| match &p.key {
                PartKey::Year { year, .. } => Some((*year, p)),
                PartKey::Name(_) => None,
            })
            .collect();
        if parts.len() < 2 {
            return;
        }
        zhengce_runtime::sort::sort_by_key(&mut parts, |(y, _)| *y);
        // The unit milestones are read in: the rate's, the value's, or the first milestone's.
        let reference: Option<(Quantity, Span, String)> = Self::rate(t)
            .map(|(_, q, lit, _)| (q, lit.span, "每年数量".to_string()))
            .or_else(|| match &t.value {
                Some(TargetValue::Amount(Amount::Bounded { quantity, .. }))
                    if quantity.quantity.unit.is_some() =>
                {
                    Some((
                        quantity.quantity.clone(),
                        quantity.span,
                        value_word(t).to_string(),
                    ))
                }
                _ => None,
            })
            .or_else(|| {
                parts
                    .iter()
                    .find(|(_, p)| p.quantity.quantity.unit.is_some())
                    .map(|(_, p)| {
                        (
                            p.quantity.quantity.clone(),
                            p.quantity.span,
                            format!("累计「{}」", key_text(&p.key)),
                        )
                    })
            });
        let context = target_ref(t);
        let mut read: Vec<(i32, &BreakdownPart, Quantity)> = Vec::with_capacity(parts.len());
        for (y, p) in parts {
            let q = match &reference {
                Some((rq, rspan, rwhat)) => match comparable(&p.quantity.quantity, rq) {
                    Some((q, _)) => q,
                    None => {
                        self.report_mismatch(
                            &context,
                            Side::written(&p.quantity, format!("累计「{}」", key_text(&p.key))),
                            Side::new(rq, *rspan, rwhat.clone()),
                        );
                        continue;
                    }
                },
                None => p.quantity.quantity.clone(),
            };
            read.push((y, p, q));
        }
        for w in read.windows(2) {
            let (y0, p0, q0) = &w[0];
            let (y1, p1, q1) = &w[1];
            if y0 == y1 || q1.value >= q0.value {
                continue;
            }
            let d = Diagnostic::error(
                codes::MILESTONE_DECREASE,
                format!(
                    "{}的累计数随时间减少:{}为{},{}却为{}",
                    target_ref(t),
                    key_text(&p0.key),
                    shown(q0),
                    key_text(&p1.key),
                    shown(q1)
                ),
            )
            .primary(self.file(), p1.span, format!("{} 累计{}", key_text(&p1.key), shown(q1)))
            .secondary(self.file(), p0.span, format!("{} 累计{}", key_text(&p0.key), shown(q0)))
            .note("累计数是到该年为止的总数,只增不减")
            .help("若写的是当年新增的数量,改用「分年度」;若是各年达到的水平,改用「节点」;否则请核对数字");
            self.out.push(d);
        }
    }

    /// ZC0307 and ZC0308: a relative change in 百分点 on a metric that is not a percentage, or in
    /// % on a metric that is one.
    fn relative_units(&mut self, t: &Target) {
        let Some(TargetValue::Relative {
            base_year,
            direction,
            change,
            span,
        }) = &t.value
        else {
            return;
        };
        let Amount::Bounded { quantity: cq, .. } = &**change else {
            return;
        };
        // Every level the target states, with the clause it is stated in.
        let clauses = [
            (
                t.breakdown.as_ref(),
                t.breakdown.as_ref().map(breakdown_word).unwrap_or(""),
            ),
            (t.milestones.as_ref(), "累计"),
            (t.levels.as_ref(), "节点"),
        ];
        let tagged: Vec<(&BreakdownPart, &str)> = clauses
            .into_iter()
            .filter_map(|(b, w)| b.map(|b| (b, w)))
            .flat_map(|(b, w)| b.parts.iter().map(move |p| (p, w)))
            .collect();
        let levels: Vec<&BreakdownPart> = tagged.iter().map(|(p, _)| *p).collect();
        let non_percent = tagged
            .iter()
            .find(|(p, _)| is_non_percent(&p.quantity.quantity));
        let value_text = format!(
            "{}{}{}",
            base_year
                .as_ref()
                .map(|y| format!("较{}年", y.year))
                .unwrap_or_default(),
            match direction {
                Direction::Up => "提高",
                Direction::Down => "降低",
            },
            shown(&cq.quantity)
        );
        if has_atom(&cq.quantity, UnitAtom::PercentPoint) {
            let Some((level, clause)) = non_percent else {
                return;
            };
            let d = Diagnostic::error(
                codes::POINTS_ON_NON_PERCENT,
                format!(
                    "{}的{}「{value_text}」用百分点表示变化,但该指标的{clause}「{}」写的是{},不是百分比",
                    target_ref(t),
                    value_word(t),
                    key_text(&level.key),
                    shown(&level.quantity.quantity)
                ),
            )
            .primary(self.file(), cq.span, "百分点")
            .secondary(
                self.file(),
                level.span,
                format!("单位是「{}」", unit_name(level.quantity.quantity.unit.as_ref())),
            )
            .note("百分点是两个百分比之差(从60%到65%是提高5个百分点),只能用于以%计的指标")
            .help(format!(
                "若指标以「{}」计,把变化写成同一单位的数量或相对增幅(如「提高5%」);若指标本是百分比,把各年的数写成%",
                unit_name(level.quantity.quantity.unit.as_ref())
            ));
            self.out.push(d);
            return;
        }
        if !has_atom(&cq.quantity, UnitAtom::Percent) || non_percent.is_some() {
            return;
        }
        // 翻一番 is written as a 100% change whose span is the whole value: doubling a rate is
        // unambiguous.
        if cq.span == *span {
            return;
        }
        let percent_level = levels
            .iter()
            .find(|p| has_atom(&p.quantity.quantity, UnitAtom::Percent));
        let (evidence_span, evidence_label) = if let Some(p) = percent_level {
            (
                p.span,
                format!(
                    "{} {}:指标本身以%计",
                    key_text(&p.key),
                    shown(&p.quantity.quantity)
                ),
            )
        } else if let Some(w) = t
            .metric
            .as_ref()
            .and_then(|m| names_a_ratio(&m.text).map(|w| (m, w)))
        {
            (w.0.span, format!("指标含「{}」,本身是百分比", w.1))
        } else if let Some(w) = t
            .metric
            .is_none()
            .then(|| names_a_ratio(&t.name.text))
            .flatten()
        {
            (t.name.span, format!("名称含「{w}」,本身是百分比"))
        } else {
            return;
        };
        let x = cq.quantity.value;
        // The base level the note works with: the base year's stated level, or 50% for show.
        let stated_base = base_year.as_ref().and_then(|by| {
            levels.iter().find_map(|p| match &p.key {
                PartKey::Year { year, .. }
                    if *year == by.year && has_atom(&p.quantity.quantity, UnitAtom::Percent) =>
                {
                    Some(p.quantity.quantity.value)
                }
                _ => None,
            })
        });
        let b = stated_base.unwrap_or(Decimal::from(50));
        let sign = match direction {
            Direction::Up => Decimal::ONE,
            Direction::Down => -Decimal::ONE,
        };
        let relative = b * (Decimal::ONE + sign * x / Decimal::ONE_HUNDRED);
        let points = b + sign * x;
        let verb = match direction {
            Direction::Up => "提高",
            Direction::Down => "降低",
        };
        let relative_words = match direction {
            Direction::Up => "相对增幅",
            Direction::Down => "相对降幅",
        };
        let base_words = match (stated_base, base_year) {
            (Some(_), Some(by)) => format!("基期{}年为{}%", by.year, format_decimal(b)),
            _ => format!("以基期{}%为例", format_decimal(b)),
        };
        let xs = format_decimal(x);
        let d = Diagnostic::warning(
            codes::PERCENT_OF_PERCENT,
            format!(
                "{}的指标是百分比,「{value_text}」是{relative_words}{xs}%,还是{xs}个百分点?",
                target_ref(t)
            ),
        )
        .primary(self.file(), cq.span, "百分比的百分之几,还是百分点?")
        .secondary(self.file(), evidence_span, evidence_label)
        .note(if points < Decimal::ZERO {
            format!(
                "{base_words}:{verb}{xs}%是{}%,{verb}{xs}个百分点则低于0%",
                format_decimal(relative)
            )
        } else {
            format!(
                "{base_words}:{verb}{xs}%是{}%,{verb}{xs}个百分点是{}%",
                format_decimal(relative),
                format_decimal(points)
            )
        })
        .help(format!(
            "若指百分点,写「{verb}{xs}个百分点」;若确指{relative_words},保留%并加注释(// {relative_words})写明"
        ));
        self.out.push(d);
    }

    fn standard(&mut self, s: &Standard) {
        let points_reported = self.points_on_standard(s);
        self.bounds(s, points_reported);
    }

    /// ZC0307: an amount in 百分点 on a standard whose other levels are not percentages.
    fn points_on_standard(&mut self, s: &Standard) -> bool {
        let mut amounts: Vec<&Amount> = s.amount.iter().collect();
        if let Some(tiers) = &s.tiers {
            amounts.extend(tiers.rows.iter().map(|r| &r.amount));
        }
        let Some(point) = amounts
            .iter()
            .flat_map(|a| amount_quantities(a))
            .find(|q| has_atom(&q.quantity, UnitAtom::PercentPoint))
        else {
            return false;
        };
        let bounds = [("下限", &s.floor), ("上限", &s.cap)]
            .into_iter()
            .filter_map(|(w, q)| q.as_ref().map(|q| (w, q)));
        let others = amounts
            .iter()
            .flat_map(|a| amount_quantities(a))
            .map(|q| ("金额", q));
        let Some((what, level)) = bounds
            .chain(others)
            .find(|(_, q)| is_non_percent(&q.quantity))
        else {
            return false;
        };
        let unit = unit_name(level.quantity.unit.as_ref());
        let d = Diagnostic::error(
            codes::POINTS_ON_NON_PERCENT,
            format!(
                "{}「{}」的金额用百分点({}),但同一标准的{what}是{},不是百分比",
                s.keyword,
                s.name.text,
                shown(&point.quantity),
                shown(&level.quantity)
            ),
        )
        .primary(self.file(), point.span, "百分点")
        .secondary(self.file(), level.span, format!("单位是「{unit}」"))
        .note("百分点是两个百分比之差,只能与以%计的水平放在一起")
        .help(format!(
            "若金额以「{unit}」计,写成「{unit}」的数量;若是比例,写成%并核对{what}"
        ));
        self.out.push(d);
        true
    }

    /// ZC0306: a standard's floor and cap, and its amounts against them.
    fn bounds(&mut self, s: &Standard, skip_amounts: bool) {
        let owner = format!("{}「{}」", s.keyword, s.name.text);
        if let (Some(floor), Some(cap)) = (&s.floor, &s.cap) {
            match self.compare(&owner, floor, "下限", cap, "上限") {
                None => return,
                Some((f, c)) if f.value > c.value => {
                    let d = Diagnostic::error(
                        codes::BOUNDS_CONTRADICT,
                        format!("{owner}的下限 {} 高于上限 {}", shown(&f), shown(&c)),
                    )
                    .primary(self.file(), floor.span, format!("下限 {}", shown(&f)))
                    .secondary(self.file(), cap.span, format!("上限 {}", shown(&c)))
                    .help("检查是否把上下限写反了");
                    self.out.push(d);
                    return;
                }
                _ => {}
            }
        }
        if skip_amounts || (s.floor.is_none() && s.cap.is_none()) {
            return;
        }
        let mut amounts: Vec<(&Amount, String)> = Vec::new();
        if let Some(a) = &s.amount {
            amounts.push((a, format!("{owner}的金额")));
        }
        if let Some(tiers) = &s.tiers {
            for row in &tiers.rows {
                amounts.push((
                    &row.amount,
                    format!("{owner}分档「{}」的金额", case_text(&row.when)),
                ));
            }
        }
        for (a, what) in amounts {
            self.amount_in_bounds(s, a, &what);
        }
    }

    fn amount_in_bounds(&mut self, s: &Standard, a: &Amount, what: &str) {
        let owner = format!("{}「{}」", s.keyword, s.name.text);
        // The amount's least and greatest values, with whether each end is excluded.
        let (low, high): (Option<End>, Option<End>) = match a {
            Amount::Bounded {
                comparator,
                quantity,
                ..
            } => match comparator {
                Comparator::Eq => (Some((quantity, false)), Some((quantity, false))),
                Comparator::AtLeast => (Some((quantity, false)), None),
                Comparator::Above => (Some((quantity, true)), None),
                Comparator::AtMost => (None, Some((quantity, false))),
                Comparator::Below => (None, Some((quantity, true))),
                Comparator::About => (None, None),
            },
            Amount::Range { low, high, .. } => (Some((low, false)), Some((high, false))),
            _ => (None, None),
        };
        let text = amount_text(a);
        let is_range = matches!(a, Amount::Range { .. });
        // The amount's least value above the cap.
        if let (Some((lo, strict)), Some(cap)) = (low, &s.cap) {
            if let Some((l, c)) = self.compare(&owner, lo, "金额", cap, "上限") {
                if l.value > c.value || (strict && l.value >= c.value) {
                    let why = if is_range {
                        format!("区间「{text}」整个高于上限 {}", shown(&c))
                    } else {
                        format!(
                            "「{text}」与上限 {} 矛盾:金额至少为{},却不得超过{}",
                            shown(&c),
                            shown(&l),
                            shown(&c)
                        )
                    };
                    self.contradiction(what, &why, a, lo, cap, "上限");
                    return;
                }
            }
        }
        if let (Some((hi, strict)), Some(floor)) = (high, &s.floor) {
            if let Some((h, f)) = self.compare(&owner, hi, "金额", floor, "下限") {
                if h.value < f.value || (strict && h.value <= f.value) {
                    let why = if is_range {
                        format!("区间「{text}」整个低于下限 {}", shown(&f))
                    } else {
                        format!(
                            "「{text}」与下限 {} 矛盾:金额至多为{},却不得低于{}",
                            shown(&f),
                            shown(&h),
                            shown(&f)
                        )
                    };
                    self.contradiction(what, &why, a, hi, floor, "下限");
                }
            }
        }
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

    fn contradiction(
        &mut self,
        what: &str,
        why: &str,
        a: &Amount,
        end: &QuantityLit,
        bound: &QuantityLit,
        bound_word: &str,
    ) {
        let d = Diagnostic::error(codes::BOUNDS_CONTRADICT, format!("{what}{why}"))
            .primary(self.file(), end.span, amount_text(a))
            .secondary(
                self.file(),
                bound.span,
                format!("{bound_word} {}", shown(&bound.quantity)),
            )
            .help("金额与上下限须能同时满足;核对金额、比较词(不低于/不超过)或上下限");
        self.out.push(d);
    }

    /// ZC0303, ZC0304, ZC0305 and the unit checks wherever an amount stands.
    fn amount(&mut self, a: &Amount, owner: &str) {
        match a {
            Amount::Change {
                from,
                to,
                direction,
                verb,
                ..
            } => self.change(from, to, *direction, verb, owner),
            Amount::Range { low, high, .. } => self.range(low, high, owner),
            Amount::RatioRange { low, high, .. } => self.ratio_range(low, high, owner),
            _ => {}
        }
    }

    /// ZC0303: 提高 must end higher, 降低/下调 lower; 调整为 says neither.
    fn change(
        &mut self,
        from: &QuantityLit,
        to: &QuantityLit,
        direction: Option<Direction>,
        verb: &Text,
        owner: &str,
    ) {
        let up = match direction {
            Some(Direction::Up) => true,
            Some(Direction::Down) => false,
            None => return,
        };
        let Some((f, t)) = self
            .compare(owner, to, "新值", from, "原值")
            .map(|(t, f)| (f, t))
        else {
            return;
        };
        let wrong = if up {
            t.value <= f.value
        } else {
            t.value >= f.value
        };
        if !wrong {
            return;
        }
        let (higher, lower) = if up {
            ("高于", "降低到")
        } else {
            ("低于", "提高到")
        };
        let relation = if t.value == f.value {
            format!("新值{}与原值{}相等", shown(&t), shown(&f))
        } else {
            format!("新值{}并不{higher}原值{}", shown(&t), shown(&f))
        };
        let d = Diagnostic::error(
            codes::CHANGE_DIRECTION,
            format!(
                "{owner}写的是「由{}{}{}」,但{relation}",
                shown(&f),
                verb.text,
                shown(&t)
            ),
        )
        .primary(self.file(), to.span, format!("新值 {}", shown(&t)))
        .secondary(self.file(), verb.span, format!("「{}」", verb.text))
        .secondary(self.file(), from.span, format!("原值 {}", shown(&f)))
        .help(if t.value == f.value {
            "数值没有变化:核对原值或新值".to_string()
        } else {
            format!(
                "若确是{},把「{}」改为「{lower}」;若数字写反,写成「由{}{}{}」",
                if up { "下调" } else { "提高" },
                verb.text,
                shown(&t),
                verb.text,
                shown(&f)
            )
        });
        self.out.push(d);
    }

    /// ZC0304: a range's low end above its high end.
    fn range(&mut self, low: &QuantityLit, high: &QuantityLit, owner: &str) {
        let Some((l, h)) = self.compare(owner, low, "区间下端", high, "区间上端") else {
            return;
        };
        if l.value <= h.value {
            return;
        }
        let d = Diagnostic::error(
            codes::RANGE_INVERTED,
            format!(
                "{owner}区间「{}-{}」的下限 {} 大于上限 {}",
                shown(&low.quantity),
                shown(&high.quantity),
                shown(&l),
                shown(&h)
            ),
        )
        .primary(self.file(), low.span, format!("下限 {}", shown(&l)))
        .secondary(self.file(), high.span, format!("上限 {}", shown(&h)))
        .help(format!("区间先写小的一端:「{}-{}」", shown(&h), shown(&l)));
        self.out.push(d);
    }

    /// ZC0305: the two ratios of a ratio range split wholes of different sizes.
    fn ratio_range(&mut self, low: &Ratio, high: &Ratio, owner: &str) {
        let whole = |r: &Ratio| r.left.quantity.value + r.right.quantity.value;
        let (a, b) = (whole(low), whole(high));
        if a == b {
            return;
        }
        let parts = |r: &Ratio, w: Decimal| {
            format!(
                "{}+{}={}",
                format_decimal(r.left.quantity.value),
                format_decimal(r.right.quantity.value),
                format_decimal(w)
            )
        };
        let mut d = Diagnostic::error(
            codes::RATIO_WHOLE,
            format!(
                "{owner}「{}至{}」两端的总份数不同:{}份,{}份",
                ratio_text(low),
                ratio_text(high),
                parts(low, a),
                parts(high, b)
            ),
        )
        .primary(self.file(), high.span, format!("共{}份", format_decimal(b)))
        .secondary(self.file(), low.span, format!("共{}份", format_decimal(a)))
        .note("比例区间的两端应是同一整体的两种划分(如各10份),区间才有意义");
        let rest = a - high.left.quantity.value;
        if rest > Decimal::ZERO {
            d = d.help(format!(
                "若按{}份划分,另一端应为「{}:{}」",
                format_decimal(a),
                format_decimal(high.left.quantity.value),
                format_decimal(rest)
            ));
        }
        self.out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::test_support::{codes_of, run_check};

    fn run(src: &str) -> Vec<Diagnostic> {
        run_check(src, check)
    }

    #[test]
    fn rate_times_years_counts_both_ends() {
        let bad =
            run("目标 危房改造 { 每年：14万户，自2015年起\n 累计：2017年42万户、2020年前63万户 }");
        assert_eq!(codes_of(&bad), ["ZC0301"]);
        assert_eq!(
            bad[0].message,
            "目标「危房改造」每年14万户,自2015年起到2020年共6年,累计应为84万户,而2020年前累计写的是63万户"
        );
        assert!(run(
            "目标 危房改造 { 每年：14万户，自2015年起\n 累计：2017年42万户、2020年前84万户 }"
        )
        .is_empty());
    }

    #[test]
    fn rate_with_at_least_allows_more() {
        let src = "目标 改造 { 每年：14万户以上，自2015年起\n 累计：2017年45万户、2020年84万户 }";
        assert!(run(src).is_empty());
        let bad = run("目标 改造 { 每年：14万户以上，自2015年起\n 累计：2017年40万户 }");
        assert_eq!(codes_of(&bad), ["ZC0301"]);
        assert!(
            bad[0].message.contains("应不少于42万户"),
            "{}",
            bad[0].message
        );
    }

    #[test]
    fn milestones_outside_the_rate_years_are_not_compared() {
        assert!(run("目标 改造 { 每年：10万户，2016年至2018年\n 累计：2015年5万户、2018年30万户、2020年60万户 }").is_empty());
    }

    #[test]
    fn scaled_milestones() {
        // 1.5万户 a year for 2 years is 30000户.
        assert!(run("目标 改造 { 每年：1.5万户，自2019年起\n 累计：2020年30000户 }").is_empty());
        assert_eq!(
            codes_of(&run(
                "目标 改造 { 每年：1.5万户，自2019年起\n 累计：2020年29999户 }"
            )),
            ["ZC0301"]
        );
    }

    #[test]
    fn the_targets_period_bounds_a_rate_without_years() {
        let bad = run(
            "目标 改造 { 期间：2016-2020年\n 每年：10万户\n 累计：2018年20万户、2022年30万户 }",
        );
        assert_eq!(codes_of(&bad), ["ZC0301"]);
        assert!(
            bad[0]
                .message
                .contains("自2016年起到2018年共3年,累计应为30万户"),
            "{}",
            bad[0].message
        );
    }

    #[test]
    fn stated_figures_are_named_as_such() {
        let bad = run("现状 危房 { 每年：14万户，自2015年起\n 累计：2016年20万户 }");
        assert_eq!(codes_of(&bad), ["ZC0301"]);
        assert!(
            bad[0].message.starts_with("现状「危房」"),
            "{}",
            bad[0].message
        );
    }

    #[test]
    fn rate_against_yearly_parts() {
        let bad =
            run("目标 改造 { 每年：14万户以上，自2016年起\n 分年度：2016年15万户、2017年12万户 }");
        assert_eq!(codes_of(&bad), ["ZC0301"]);
        assert!(
            bad[0].message.contains("2017年为12万户"),
            "{}",
            bad[0].message
        );
    }

    #[test]
    fn milestones_in_another_unit() {
        let bad = run("目标 改造 { 每年：14万户，自2015年起\n 累计：2017年42万人 }");
        assert_eq!(codes_of(&bad), ["ZC0601"]);
    }

    #[test]
    fn milestones_only_grow() {
        let bad = run("目标 改造 { 累计：2020年30万户、2017年42万户 }");
        assert_eq!(codes_of(&bad), ["ZC0302"]);
        assert!(
            bad[0].message.contains("2017年为42万户,2020年却为30万户"),
            "{}",
            bad[0].message
        );
        assert!(run("目标 改造 { 累计：2017年42万户、2020年42万户 }").is_empty());
    }

    #[test]
    fn change_direction_follows_the_verb() {
        assert!(run("标准 甲 { 金额：由3000元提高到5000元 }").is_empty());
        assert_eq!(
            codes_of(&run("标准 甲 { 金额：由5000元提高到3000元 }")),
            ["ZC0303"]
        );
        assert_eq!(
            codes_of(&run("标准 甲 { 金额：由3000元降至5000元 }")),
            ["ZC0303"]
        );
        // 1.5万元 is 15000元: no change at all.
        let same = run("标准 甲 { 金额：由1.5万元提高到15000元 }");
        assert_eq!(codes_of(&same), ["ZC0303"]);
        assert!(same[0].message.contains("相等"), "{}", same[0].message);
        // 调整为 states no direction.
        assert!(run("标准 甲 { 金额：由5000元调整为3000元 }").is_empty());
        assert_eq!(
            codes_of(&run("标准 甲 { 金额：由5000人提高到6000元 }")),
            ["ZC0601"]
        );
    }

    #[test]
    fn ranges_and_ratio_ranges() {
        assert_eq!(codes_of(&run("标准 甲 { 金额：2000元-200元 }")), ["ZC0304"]);
        assert!(run("标准 甲 { 金额：200元-2000元 }").is_empty());
        assert!(run("标准 甲 { 金额：3:7至1:9 }").is_empty());
        assert!(run("标准 甲 { 金额：1:9至3:7 }").is_empty());
        let bad = run("标准 甲 { 金额：3:7至1:8 }");
        assert_eq!(codes_of(&bad), ["ZC0305"]);
        assert_eq!(
            bad[0].help.as_deref(),
            Some("若按10份划分,另一端应为「1:9」")
        );
    }

    #[test]
    fn bounds() {
        assert_eq!(
            codes_of(&run("标准 甲 { 下限：500元\n 上限：300元 }")),
            ["ZC0306"]
        );
        assert_eq!(
            codes_of(&run("标准 甲 { 金额：不低于500元\n 上限：300元 }")),
            ["ZC0306"]
        );
        assert!(run("标准 甲 { 金额：不低于300元\n 上限：300元 }").is_empty());
        assert_eq!(
            codes_of(&run("标准 甲 { 金额：高于300元\n 上限：300元 }")),
            ["ZC0306"]
        );
        assert_eq!(
            codes_of(&run("标准 甲 { 金额：不超过200元\n 下限：300元 }")),
            ["ZC0306"]
        );
        assert_eq!(
            codes_of(&run("标准 甲 { 金额：200元-2000元\n 下限：3000元 }")),
            ["ZC0306"]
        );
        assert!(run("标准 甲 { 金额：200元-2000元\n 下限：1000元\n 上限：5000元 }").is_empty());
        assert_eq!(
            codes_of(&run("标准 甲 { 金额：每人每年不低于200元\n 上限：300元 }")),
            ["ZC0601"]
        );
    }

    #[test]
    fn points_and_percentages() {
        let bad = run("目标 收入 { 值：较2015年提高5个百分点\n 节点：2018年3000元 }");
        assert_eq!(codes_of(&bad), ["ZC0307"]);
        assert!(run("目标 比例 { 值：较2015年提高5个百分点\n 节点：2018年60% }").is_empty());
        assert!(run("目标 比例 { 值：较2015年提高5个百分点 }").is_empty());
        assert_eq!(
            codes_of(&run("标准 甲 { 金额：5-10个百分点\n 上限：2000元 }")),
            ["ZC0307"]
        );

        let warn = run("目标 报销 { 指标：住院费用报销比例\n 值：较2015年提高20% }");
        assert_eq!(codes_of(&warn), ["ZC0308"]);
        assert!(
            warn[0].notes[0].contains("提高20%是60%,提高20个百分点是70%"),
            "{}",
            warn[0].notes[0]
        );
        let stated = run("目标 报销 { 值：较2015年提高20%\n 节点：2015年60% }");
        assert_eq!(codes_of(&stated), ["ZC0308"]);
        assert!(
            stated[0].notes[0].contains("基期2015年为60%"),
            "{}",
            stated[0].notes[0]
        );
        assert!(run("目标 收入 { 指标：人均可支配收入\n 值：较2015年提高20% }").is_empty());
        assert!(run("目标 效率 { 指标：审批效率\n 值：提高20% }").is_empty());
        assert!(run("目标 发生率 { 指标：贫困发生率\n 值：翻一番 }").is_empty());
    }
}
