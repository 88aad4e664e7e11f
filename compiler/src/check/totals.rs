//! Totals and counts: a target's breakdown adds up to its value, a scope lists as many members as
//! it declares, a scoring scheme's items add up to its total, and shares of one whole stay within
//! 100%.
//!
//! Quantities are only ever added in one unit: a part written without unit (2016年50万) or with
//! the bare counter 个 takes the total's unit; any other difference (人 and 户, 元 and 元/人) is a
//! ZC0601 and the sum is not formed.

use super::quantities::*;
use super::{schemes, targets, DocCtx, Table};
use crate::ast::*;
use crate::codes;
use crate::diagnostic::{Diagnostic, Span};
use rust_decimal::Decimal;
use zhengce_runtime::{Quantity, Scale, Unit, UnitAtom};

pub(crate) fn check(cx: &DocCtx, out: &mut Vec<Diagnostic>) {
    let mut t = Totals { cx, out };
    for at in targets(cx.doc) {
        t.breakdown(at.target);
    }
    for item in &cx.doc.items {
        if let Item::Scope(s) = item {
            t.members(s);
        }
    }
    for scheme in schemes(cx.doc) {
        t.points(scheme);
    }
}

struct Totals<'c, 'a> {
    cx: &'c DocCtx<'a>,
    out: &'c mut Vec<Diagnostic>,
}

fn is_percent(q: &Quantity) -> bool {
    q.unit
        .as_ref()
        .is_some_and(|u| u.atom == UnitAtom::Percent && u.per.is_empty())
}

impl<'c, 'a> Totals<'c, 'a> {
    fn file(&self) -> &'a str {
        self.cx.file
    }

    /// ZC0201: a target's 分年度 or 分项 against its value.
    fn breakdown(&mut self, t: &Target) {
        let Some(added) = self.breakdown_sum(t) else {
            return;
        };
        if !added.satisfied() {
            self.report_breakdown(t, added);
        }
    }

    /// A target's 分年度 or 分项 added up in its value's unit, to compare with the value; none
    /// when there is nothing to compare, or (ZC0204, ZC0601, reported here) the parts are
    /// shares of one whole or cannot be added.
    fn breakdown_sum<'t>(&mut self, t: &'t Target) -> Option<BreakdownSum<'t>> {
        let b = t.breakdown.as_ref()?;
        if b.parts.is_empty() {
            return None;
        }
        let word = breakdown_word(b);
        let context = format!("{}的{word}", target_ref(t));
        let vw = value_word(t);
        let total = match &t.value {
            Some(TargetValue::Amount(Amount::Bounded {
                comparator,
                quantity,
                span,
                ..
            })) => Some((*comparator, quantity, *span)),
            _ => None,
        };

        // Parts that are all explicit percentages under a total that is not a percentage (or
        // no total) are shares of one whole: 中央60%、省30%、县10%.
        let all_percent = b.parts.iter().all(|p| is_percent(&p.quantity.quantity));
        let total_is_percent = total.is_some_and(|(_, q, _)| is_percent(&q.quantity));
        if all_percent && !total_is_percent {
            if word == "分项" {
                self.shares(t, b, &context);
            }
            return None;
        }
        if all_percent && word == "分项" && self.shares(t, b, &context) {
            // Over 100% is the more basic error; the comparison with the value would repeat it.
            return None;
        }

        let (cmp, total, total_span) = total?;
        let total_q = &total.quantity;
        // The unit the parts are added in: the total's, or (a total written without unit) the
        // first part's.
        let reference = match &total_q.unit {
            Some(_) => Some((total_q.clone(), total.span, vw.to_string())),
            None => b
                .parts
                .iter()
                .find(|p| p.quantity.quantity.unit.is_some())
                .map(|p| {
                    (
                        p.quantity.quantity.clone(),
                        p.quantity.span,
                        format!("「{}」", key_text(&p.key)),
                    )
                }),
        };
        let unit = reference.as_ref().and_then(|r| r.0.unit.clone());
        let mut values = Vec::with_capacity(b.parts.len());
        let mut mismatch = false;
        for p in &b.parts {
            let q = in_context(&p.quantity.quantity, unit.as_ref());
            if q.unit != unit {
                mismatch = true;
                // A part's unit can only differ from a unit some reference set.
                let Some((rq, rspan, rwhat)) = reference.as_ref() else {
                    continue;
                };
                let d = unit_mismatch(
                    self.file(),
                    &context,
                    "相加",
                    Side::written(&p.quantity, format!("「{}」", key_text(&p.key))),
                    Side::new(rq, *rspan, rwhat.clone()),
                );
                self.out.push(d);
                continue;
            }
            values.push((p, q));
        }
        if mismatch || cmp == Comparator::About {
            return None;
        }
        let sum = values.iter().map(|(_, q)| q.value).sum();
        Some(BreakdownSum {
            cmp,
            total: total_q,
            total_span,
            unit,
            values,
            sum,
        })
    }

    /// ZC0201's report.
    fn report_breakdown(&mut self, t: &Target, added: BreakdownSum) {
        let BreakdownSum {
            cmp,
            total: total_q,
            total_span,
            unit,
            values,
            sum,
        } = added;
        let Some(b) = &t.breakdown else { return };
        let word = breakdown_word(b);
        let vw = value_word(t);
        let parts: Vec<Decimal> = values.iter().map(|(_, q)| q.value).collect();
        let expr = sum_text(&parts, total_q.scale, unit.as_ref());
        let shown_total = shown_in(total_q.value, total_q.scale, unit.as_ref());
        let message = if cmp == Comparator::Eq {
            format!(
                "{}{word}合计 {expr},与{vw} {shown_total} 不符",
                target_ref(t)
            )
        } else {
            format!(
                "{}{word}合计 {expr},不满足{vw}「{}{shown_total}」",
                target_ref(t),
                comparator_words(cmp)
            )
        };
        let diff = sum - total_q.value;
        let gap = shown_in(diff.abs(), total_q.scale, unit.as_ref());
        let mut d = Diagnostic::error(codes::BREAKDOWN_SUM, message).primary(
            self.file(),
            total_span,
            format!("{vw} {}{shown_total}", cmp_prefix(cmp)),
        );
        for (p, q) in &values {
            d = d.secondary(
                self.file(),
                p.span,
                format!("{} {}", key_text(&p.key), shown(q)),
            );
        }
        d = d.note(if diff > Decimal::ZERO {
            format!("各部分合计比{vw}多 {gap}")
        } else {
            format!("各部分合计比{vw}少 {gap}")
        });
        d = if cmp == Comparator::Eq {
            d.help(format!(
                "若各部分无误,{vw}应为 {};否则请核对各部分的数字",
                shown_in(sum, total_q.scale, unit.as_ref())
            ))
        } else {
            d.help(format!(
                "核对各部分的数字或{vw};各部分是{vw}的分解,合计须满足{vw}的要求"
            ))
        };
        self.out.push(d);
    }

    /// ZC0204: parts that are all percentages of one whole sum above 100%. Returns whether it
    /// reported.
    fn shares(&mut self, t: &Target, b: &Breakdown, context: &str) -> bool {
        let parts: Vec<Decimal> = b.parts.iter().map(|p| p.quantity.quantity.value).collect();
        let sum: Decimal = parts.iter().copied().sum();
        if sum <= Decimal::ONE_HUNDRED {
            return false;
        }
        let percent = Unit::of(UnitAtom::Percent);
        let expr = sum_text(&parts, Scale::One, Some(&percent));
        let mut d = Diagnostic::error(
            codes::SHARES_EXCEED_WHOLE,
            format!("{context}各部分占比合计 {expr},超过100%"),
        )
        .primary(
            self.file(),
            t.name.span,
            format!("各部分合计{}%", number_in(sum, Scale::One)),
        );
        for p in &b.parts {
            d = d.secondary(
                self.file(),
                p.span,
                format!("{} {}", key_text(&p.key), shown(&p.quantity.quantity)),
            );
        }
        d = d
            .note(format!(
                "各部分都以%表示,是{}同一整体中的份额,合计最多为100%",
                target_ref(t)
            ))
            .help("核对各部分的占比;若某项是另一项的一部分(而不是并列的份额),应单独表述");
        self.out.push(d);
        true
    }

    /// ZC0202: a scope's declared count against its listed members, and members listed twice.
    fn members(&mut self, s: &Scope) {
        let Some(list) = &s.members else { return };
        let mut first: Table<&Name> = Table::default();
        let mut repeated: Vec<&str> = Vec::new();
        for n in &list.names {
            match first.get(n.text.as_str()) {
                Some(prev) => {
                    repeated.push(&n.text);
                    let d = Diagnostic::error(
                        codes::MEMBER_COUNT,
                        format!("范围「{}」的成员「{}」重复列出", s.name.text, n.text),
                    )
                    .primary(self.file(), n.span, "重复")
                    .secondary(self.file(), prev.span, "第一次列在这里")
                    .help("删去重复的一项;若是另一个同名单位,请写全称加以区分");
                    self.out.push(d);
                }
                None => {
                    first.insert(&n.text, n);
                }
            }
        }
        // The size that counts the listed names: a scope may also state how many households or
        // people it holds (12个村、1331户、4528人).
        let Some(count) = s.count.iter().chain(s.also.iter()).find(|q| {
            !q.quantity.unit.as_ref().is_some_and(|u| {
                matches!(
                    u.atom,
                    UnitAtom::Person | UnitAtom::Household | UnitAtom::PersonTime
                )
            })
        }) else {
            return;
        };
        let declared = count.quantity.value;
        let listed = Decimal::from(first.len());
        if declared == listed || (list.open && listed < declared) {
            return;
        }
        let mut d = Diagnostic::error(
            codes::MEMBER_COUNT,
            format!(
                "范围「{}」声明有{},但成员列出了{}个",
                s.name.text,
                shown(&count.quantity),
                first.len()
            ),
        )
        .primary(
            self.file(),
            count.span,
            format!("声明{}", shown(&count.quantity)),
        )
        .secondary(self.file(), list.span, format!("列出{}个", first.len()));
        if !repeated.is_empty() {
            let mut names: Table<()> = Table::default();
            for n in &repeated {
                names.add(n, ());
            }
            let names: Vec<&str> = names.keys().copied().collect();
            d = d.note(format!(
                "成员共写了{}项,其中「{}」重复,按不同的成员计为{}个",
                list.names.len(),
                names.join("」「"),
                first.len()
            ));
        }
        if list.open {
            d = d.note("名单以「等」结尾,可以少于声明的数量,但不能多于");
        }
        d = d.help("核对名单:补上遗漏的成员、删去多余的成员,或改正声明的数量");
        self.out.push(d);
    }

    /// ZC0203: top-level items against 总分, and each item's children against its points.
    fn points(&mut self, a: &Assessment) {
        let context = format!("考核「{}」", a.name.text);
        let tops = self.scheme_items(&context, a);
        let Some(total) = &a.total else { return };
        let Some(tops) = tops else { return };
        let sum = Sum {
            context: &context,
            subject: format!("{context}各项分值合计"),
            total: &total.quantity,
            total_span: total.span,
            total_what: "总分".to_string(),
        };
        let Some(mut d) = self.sum_points(&sum, &tops) else {
            return;
        };
        if !a.adjustments.is_empty() {
            let adj: Vec<String> = a
                .adjustments
                .iter()
                .map(|x| {
                    let sign = if x.both_ways {
                        "±"
                    } else if x.points.quantity.value > Decimal::ZERO {
                        "+"
                    } else {
                        ""
                    };
                    format!("「{}」{sign}{}", x.name.text, shown(&x.points.quantity))
                })
                .collect();
            d = d.note(format!(
                "调整项{}是总分之外的加减分,不计入各项合计",
                adj.join("、")
            ));
        }
        d = d.help("核对各项分值;总分之外的加减分请写成「调整」,它不计入合计");
        self.out.push(d);
    }

    /// The points of a scheme's top-level items (checking each item's children on the way);
    /// none when an item has no points.
    fn scheme_items(&mut self, context: &str, a: &Assessment) -> Option<Vec<Points>> {
        let mut tops = Vec::with_capacity(a.entries.len());
        for e in &a.entries {
            tops.push(self.entry(context, e));
        }
        if tops.is_empty() || tops.iter().any(Option::is_none) {
            return None;
        }
        Some(tops.into_iter().flatten().collect())
    }

    /// An item's points: its own, or when it states none, the sum of its children's when all
    /// of them have points. Checks the children against the item on the way.
    fn entry(&mut self, context: &str, e: &AssessEntry) -> Option<Points> {
        let kids: Vec<Option<Points>> = e.children.iter().map(|c| self.entry(context, c)).collect();
        let all_kids = !kids.is_empty() && kids.iter().all(Option::is_some);
        let kids: Vec<Points> = kids.into_iter().flatten().collect();
        match &e.points {
            Some(p) => {
                if all_kids {
                    let sum = Sum {
                        context,
                        subject: format!("{context}中「{}」的子项分值合计", e.name.text),
                        total: &p.quantity,
                        total_span: p.span,
                        total_what: "该项分值".to_string(),
                    };
                    if let Some(d) = self.sum_points(&sum, &kids) {
                        let d = d.help(format!(
                            "核对「{}」下各子项的分值,或改正该项的分值",
                            e.name.text
                        ));
                        self.out.push(d);
                    }
                }
                Some(Points {
                    name: e.name.text.clone(),
                    quantity: p.quantity.clone(),
                    span: p.span,
                })
            }
            None if all_kids => {
                let unit = kids[0].quantity.unit.clone();
                if let Some(odd) = kids.iter().find(|k| k.quantity.unit != unit) {
                    let d = unit_mismatch(self.file(), context, "相加", odd.side(), kids[0].side());
                    self.out.push(d);
                    return None;
                }
                Some(Points {
                    name: e.name.text.clone(),
                    quantity: Quantity {
                        value: kids.iter().map(|k| k.quantity.value).sum(),
                        unit,
                        scale: kids[0].quantity.scale,
                    },
                    span: e.name.span,
                })
            }
            None => None,
        }
    }

    /// The diagnostic when `parts` do not add up to the total; reports a unit mismatch itself
    /// and returns `None` then.
    fn sum_points(&mut self, sum: &Sum, parts: &[Points]) -> Option<Diagnostic> {
        let total = sum.total;
        let mut values = Vec::with_capacity(parts.len());
        let mut mismatch = false;
        for p in parts {
            let q = in_context(&p.quantity, total.unit.as_ref());
            if q.unit != total.unit {
                mismatch = true;
                let d = unit_mismatch(
                    self.file(),
                    sum.context,
                    "相加",
                    p.side(),
                    Side::new(total, sum.total_span, sum.total_what.clone()),
                );
                self.out.push(d);
            }
            values.push(q.value);
        }
        let added: Decimal = values.iter().copied().sum();
        if mismatch || added == total.value {
            return None;
        }
        let expr = sum_text(&values, total.scale, total.unit.as_ref());
        let shown_total = shown(total);
        let mut d = Diagnostic::error(
            codes::POINTS_SUM,
            format!(
                "{} {expr},与{} {shown_total} 不符",
                sum.subject, sum.total_what
            ),
        )
        .primary(
            self.file(),
            sum.total_span,
            format!("{} {shown_total}", sum.total_what),
        );
        for p in parts {
            d = d.secondary(
                self.file(),
                p.span,
                format!("{} {}", p.name, shown(&p.quantity)),
            );
        }
        let diff = added - total.value;
        let gap = shown_in(diff.abs(), total.scale, total.unit.as_ref());
        d = d.note(if diff > Decimal::ZERO {
            format!("合计比{}多 {gap}", sum.total_what)
        } else {
            format!("合计比{}少 {gap}", sum.total_what)
        });
        Some(d)
    }
}

/// A target's breakdown added up in the unit of its value.
pub(crate) struct BreakdownSum<'t> {
    pub cmp: Comparator,
    /// The value's quantity, as written.
    pub total: &'t Quantity,
    pub total_span: Span,
    /// The unit the parts are added in.
    pub unit: Option<Unit>,
    /// Each part, in that unit.
    pub values: Vec<(&'t BreakdownPart, Quantity)>,
    pub sum: Decimal,
}

impl BreakdownSum<'_> {
    /// Whether the sum meets the value (equals it, or meets its comparator).
    pub fn satisfied(&self) -> bool {
        super::quantities::satisfies(self.sum, self.cmp, self.total.value)
    }
}

/// [`Totals::breakdown_sum`] without its diagnostics, for the editor features.
pub(crate) fn breakdown_sum<'t>(cx: &DocCtx, t: &'t Target) -> Option<BreakdownSum<'t>> {
    let mut scratch = Vec::new();
    Totals {
        cx,
        out: &mut scratch,
    }
    .breakdown_sum(t)
}

/// A scheme's top-level items added up in the unit of its 总分 (none when an item has no points
/// or a unit differs), for the editor features.
pub(crate) fn scheme_sum(cx: &DocCtx, a: &Assessment) -> Option<Decimal> {
    let total = a.total.as_ref()?;
    let mut scratch = Vec::new();
    let tops = Totals {
        cx,
        out: &mut scratch,
    }
    .scheme_items("", a)?;
    let unit = total.quantity.unit.as_ref();
    let mut sum = Decimal::ZERO;
    for p in tops {
        let q = in_context(&p.quantity, unit);
        if q.unit.as_ref() != unit {
            return None;
        }
        sum += q.value;
    }
    Some(sum)
}

/// A sum of points to check: what is added, and the total it must reach.
struct Sum<'s> {
    context: &'s str,
    /// The start of the message: "考核「甲」各项分值合计".
    subject: String,
    total: &'s Quantity,
    total_span: Span,
    total_what: String,
}

/// An item's points with where they are written (its name when derived from its children).
struct Points {
    name: String,
    quantity: Quantity,
    span: Span,
}

impl Points {
    /// The points as one side of a unit mismatch.
    fn side(&self) -> Side<'_> {
        Side::new(
            &self.quantity,
            self.span,
            format!("「{}」的分值", self.name),
        )
    }
}

/// The comparator before a value in a label: "不低于" for ≥, nothing for =.
fn cmp_prefix(cmp: Comparator) -> &'static str {
    match cmp {
        Comparator::Eq => "",
        other => comparator_words(other),
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
    fn yearly_parts_without_unit_take_the_totals_unit() {
        let ok = run("目标 脱贫 { 值：232万人\n 分年度：2016年50万、2017年56万、2018年55万、2019年46万、2020年25万 }");
        assert!(ok.is_empty(), "{ok:?}");
        let bad = run("目标 脱贫 { 值：232万人\n 分年度：2016年50万、2017年56万、2018年55万、2019年46万、2020年20万 }");
        assert_eq!(codes_of(&bad), ["ZC0201"]);
        assert!(
            bad[0].message.contains("50+56+55+46+20=227万人"),
            "{}",
            bad[0].message
        );
        assert!(bad[0].message.contains("232万人"));
        assert_eq!(bad[0].labels.iter().filter(|l| !l.primary).count(), 5);
    }

    #[test]
    fn scaled_values_compare_exactly() {
        // 1.5万人 is 15000人: a part written in units adds to a total written in 万.
        let ok = run("目标 培训 { 值：3万人\n 分项：甲地1.5万人、乙地15000人 }");
        assert!(ok.is_empty(), "{ok:?}");
        let bad = run("目标 培训 { 值：3万人\n 分项：甲地1.5万人、乙地14999人 }");
        assert_eq!(codes_of(&bad), ["ZC0201"]);
        assert!(
            bad[0].message.contains("1.5+1.4999=2.9999万人"),
            "{}",
            bad[0].message
        );
    }

    #[test]
    fn at_least_totals_accept_larger_sums() {
        assert!(
            run("目标 公路 { 值：12000公里以上\n 分项：甲县7000公里、乙县6000公里 }").is_empty()
        );
        let bad = run("目标 公路 { 值：12000公里以上\n 分项：甲县5000公里、乙县6000公里 }");
        assert_eq!(codes_of(&bad), ["ZC0201"]);
        assert!(
            bad[0].message.contains("不低于12000公里"),
            "{}",
            bad[0].message
        );
        assert!(run("目标 公路 { 值：不超过100公里\n 分项：甲县50公里、乙县40公里 }").is_empty());
        assert!(run("目标 公路 { 值：100公里左右\n 分项：甲县50公里、乙县70公里 }").is_empty());
    }

    #[test]
    fn people_and_households_never_add() {
        let bad = run("目标 脱贫 { 值：100人\n 分项：甲村60人、乙村40户 }");
        assert_eq!(codes_of(&bad), ["ZC0601"]);
        assert!(bad[0].message.contains("户") && bad[0].message.contains("人"));
    }

    #[test]
    fn shares_of_one_whole() {
        let bad = run("目标 资金 { 值：1000万元\n 分项：中央60%、省30%、县20% }");
        assert_eq!(codes_of(&bad), ["ZC0204"]);
        assert!(
            bad[0].message.contains("60+30+20=110%"),
            "{}",
            bad[0].message
        );
        assert!(run("目标 资金 { 值：1000万元\n 分项：中央60%、省30%、县10% }").is_empty());
        // Shares may leave part of the whole unstated.
        assert!(run("目标 资金 { 分项：中央60%、省30% }").is_empty());
        // By year, percentages are not shares of one whole.
        assert!(run("目标 资金 { 分年度：2016年60%、2017年60% }").is_empty());
    }

    #[test]
    fn member_counts() {
        assert!(run("范围 县：3个县 { 成员：甲县、乙县、丙县 }").is_empty());
        let bad = run("范围 县：3个县 { 成员：甲县、乙县 }");
        assert_eq!(codes_of(&bad), ["ZC0202"]);
        // 等 leaves the list open: fewer is fine, more is not.
        assert!(run("范围 县：3个县 { 成员：甲县、乙县等 }").is_empty());
        assert_eq!(
            codes_of(&run("范围 县：1个县 { 成员：甲县、乙县等 }")),
            ["ZC0202"]
        );
        // A duplicate is reported, and counted once.
        let dup = run("范围 县：3个县 { 成员：甲县、乙县、甲县 }");
        assert_eq!(codes_of(&dup), ["ZC0202", "ZC0202"]);
        assert!(run("范围 村：507个村，名单附后").is_empty());
        // The size in 户 or 人 does not count the listed names.
        assert!(run("范围 村：2个村、1331户、4528人 { 成员：甲村、乙村 }").is_empty());
        let bad = run("范围 村：3个村、1331户 { 成员：甲村、乙村 }");
        assert_eq!(codes_of(&bad), ["ZC0202"]);
        assert!(bad[0].message.contains("声明有3个村"), "{}", bad[0].message);
    }

    #[test]
    fn points_add_up_at_every_level() {
        let ok = "考核 甲 { 总分：100分\n 项 平时：10分\n 项 成效：90分 { 项 县：50分\n 项 乡：40分 }\n 调整 调整指标：±5分 }";
        assert!(run(ok).is_empty());
        let top =
            run("考核 甲 { 总分：100分\n 项 平时：10分\n 项 成效：80分\n 调整 调整指标：±5分 }");
        assert_eq!(codes_of(&top), ["ZC0203"]);
        assert!(top[0].message.contains("10+80=90分"), "{}", top[0].message);
        assert!(top[0].notes.iter().any(|n| n.contains("±5分")));
        let nested = run(
            "考核 甲 { 总分：100分\n 项 平时：10分\n 项 成效：90分 { 项 县：50分\n 项 乡：30分 } }",
        );
        assert_eq!(codes_of(&nested), ["ZC0203"]);
        assert!(
            nested[0].message.contains("「成效」的子项"),
            "{}",
            nested[0].message
        );
        // Children without points are fine; a parent without points counts its children.
        assert!(run(
            "考核 甲 { 总分：100分\n 项 平时：10分\n 项 成效：90分 { 项 县\n 项 乡：30分 } }"
        )
        .is_empty());
        assert!(run(
            "考核 甲 { 总分：100分\n 项 平时：10分\n 项 成效 { 项 县：50分\n 项 乡：40分 } }"
        )
        .is_empty());
        let mixed =
            "考核 甲 { 总分：100分\n 项 平时：10分\n 项 成效 { 项 县：50分\n 项 乡：40% } }";
        assert_eq!(codes_of(&run(mixed)), ["ZC0601"]);
    }
}
