//! ZC0301 and ZC0302: a 每年 rate against the cumulative milestones (累计) and the yearly parts
//! (分年度), and cumulative milestones that go down.

use super::Rates;
use crate::ast::*;
use crate::check::quantities::{
    comparable, key_text, satisfies, shown, shown_in, target_ref, value_word, Side,
};
use crate::codes;
use crate::diagnostic::{Diagnostic, Span};
use rust_decimal::Decimal;
use zhengce_runtime::{show, Quantity, UnitAtom};

impl Rates<'_, '_> {
    /// The rate of a target as (comparator, quantity per year, the rate).
    pub(super) fn rate(t: &Target) -> Option<(Comparator, Quantity, &QuantityLit, &AnnualRate)> {
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
    pub(super) fn rate_milestones(&mut self, t: &Target) {
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
    pub(super) fn rate_parts(&mut self, t: &Target) {
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
    pub(super) fn milestone_decrease(&mut self, t: &Target) {
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
}

/// A bound as a reader says it: "14万户", "不低于14万户", "14万户左右".
fn bounded_text(cmp: Comparator, q: &Quantity) -> String {
    show::bounded(cmp.cmp(), q)
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
    show::years(years.0, years.1)
}

#[cfg(test)]
mod tests {
    use crate::check::test_support::{codes_of, run_check};
    use crate::Diagnostic;

    fn run(src: &str) -> Vec<Diagnostic> {
        run_check(src, super::super::check)
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
}
