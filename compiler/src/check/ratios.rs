//! Stated ratios against their parts: a rate (贫困发生率, 参保率, 占比) written with its 分子 and
//! 分母 must be their quotient, at the precision the rate is written to.
//!
//! The rule of comparison: a rate written to d decimals (3.09% has d = 2) agrees with the exact
//! quotient q when |q − v| is at most half a unit of its last digit (0.005 percentage points for
//! 3.09%). Rounding half up (四舍五入) and rounding half to even (GB/T 8170 的四舍六入五成双)
//! both give v for every q in that band, and neither gives v outside it, so the check accepts
//! whichever rule the drafter used and nothing else. A bound (达到98%以上) is compared with the
//! quotient rounded half up to the written precision.

use super::quantities::{comparable, comparator_words, shown, target_ref, unit_mismatch, Side};
use super::{nearest, targets, DocCtx};
use crate::ast::*;
use crate::codes;
use crate::diagnostic::{Diagnostic, Span};
use rust_decimal::prelude::*;
use zhengce_runtime::value::format_decimal;
use zhengce_runtime::{Quantity, UnitAtom};

pub(crate) fn check(cx: &DocCtx, out: &mut Vec<Diagnostic>) {
    for at in targets(cx.doc) {
        let t = at.target;
        let (Some(num), Some(den)) = (&t.numerator, &t.denominator) else {
            continue;
        };
        if let Some(r) = Ratio::read(cx, t, num, den, out) {
            out.extend(r.compare(cx, t));
        }
    }
}

/// A figure an operand stands for: the quantity, where it is written, and how to name it.
#[derive(Clone)]
struct Figure<'a> {
    quantity: &'a Quantity,
    /// Where the figure itself is written (the 值 of a named target, a scope's count).
    span: Span,
    /// 「总人口」(范围) or empty for a figure written in the clause.
    source: Option<String>,
}

/// A rate with its parts resolved.
struct Ratio<'a> {
    stated: Stated<'a>,
    num: (Figure<'a>, &'a Operand),
    den: (Figure<'a>, &'a Operand),
}

/// The rate as written: its value in %, the digits after the point, how it compares.
struct Stated<'a> {
    value: Decimal,
    decimals: u32,
    comparator: Comparator,
    span: Span,
    quantity: Option<&'a QuantityLit>,
}

/// The figures an operand may stand for (a scope has one per unit: 1331户、4528人).
fn figures<'a>(
    cx: &DocCtx<'a>,
    op: &'a Operand,
    role: &str,
    owner: &str,
    out: &mut Vec<Diagnostic>,
) -> Vec<Figure<'a>> {
    let name = match op {
        Operand::Figure(q) => {
            return vec![Figure {
                quantity: &q.quantity,
                span: q.span,
                source: None,
            }]
        }
        Operand::Named(n) => n,
    };
    let symbols = &cx.symbols;
    if let Some(t) = symbols.targets.get(name.text.as_str()) {
        if let Some(TargetValue::Amount(Amount::Bounded { quantity, .. })) = &t.value {
            return vec![Figure {
                quantity: &quantity.quantity,
                span: quantity.span,
                source: Some(target_ref(t)),
            }];
        }
        out.push(
            Diagnostic::error(
                codes::UNDEFINED_NAME,
                format!(
                    "{owner}的{role}「{}」是{},但它没有写成一个数量的值,无法核对比率",
                    name.text,
                    target_ref(t)
                ),
            )
            .primary(cx.file, name.span, format!("{role}没有数量"))
            .secondary(cx.file, t.name.span, "这里没有数量形式的值")
            .help(format!(
                "给{}写上数量形式的值,或在{role}中直接写出数量(如「{role}：43420人」)",
                target_ref(t)
            )),
        );
        return Vec::new();
    }
    if let Some(s) = symbols.scopes.get(name.text.as_str()) {
        let found: Vec<Figure> = s
            .count
            .iter()
            .chain(s.also.iter())
            .map(|q| Figure {
                quantity: &q.quantity,
                span: q.span,
                source: Some(format!("范围「{}」", s.name.text)),
            })
            .collect();
        if found.is_empty() {
            out.push(
                Diagnostic::error(
                    codes::UNDEFINED_NAME,
                    format!(
                        "{owner}的{role}「{}」是一个范围,但范围没有写明数量,无法核对比率",
                        name.text
                    ),
                )
                .primary(cx.file, name.span, format!("{role}没有数量"))
                .secondary(cx.file, s.name.span, "范围在这里,没有数量")
                .help(format!(
                    "给范围写上数量(「范围 {}：43420人」),或在{role}中直接写出数量",
                    s.name.text
                )),
            );
        }
        return found;
    }
    let candidates = symbols.targets.keys().chain(symbols.scopes.keys()).copied();
    let mut d = Diagnostic::error(
        codes::UNDEFINED_NAME,
        format!("{owner}的{role}「{}」未定义", name.text),
    )
    .primary(cx.file, name.span, "没有这个目标、现状或范围");
    d = match nearest(&name.text, candidates) {
        Some(near) => d.help(format!("是不是「{near}」?")),
        None => d.help(format!(
            "{role}写一个有数量的目标、现状或范围的名称,或直接写出数量(如「{role}：43420人」)"
        )),
    };
    out.push(d);
    Vec::new()
}

impl<'a> Ratio<'a> {
    /// Resolves the rate and its parts; reports what keeps them from being compared.
    fn read(
        cx: &DocCtx<'a>,
        t: &'a Target,
        num: &'a Operand,
        den: &'a Operand,
        out: &mut Vec<Diagnostic>,
    ) -> Option<Ratio<'a>> {
        let owner = target_ref(t);
        let stated = match &t.value {
            Some(TargetValue::Amount(Amount::Bounded {
                comparator,
                quantity,
                span,
                ..
            })) => {
                let percent = quantity
                    .quantity
                    .unit
                    .as_ref()
                    .is_some_and(|u| u.atom == UnitAtom::Percent && u.per.is_empty());
                if !percent {
                    let what = shown(&quantity.quantity);
                    out.push(
                        Diagnostic::error(
                            codes::UNIT_MISMATCH,
                            format!("{owner}写了分子、分母,但它的值 {what} 不是百分比"),
                        )
                        .primary(cx.file, quantity.span, "不是百分比")
                        .secondary(cx.file, *span, "比率的值")
                        .help("比率写成百分比(如「值：3.09%」);若这不是一个比率,删去分子和分母"),
                    );
                    return None;
                }
                Stated {
                    value: quantity.quantity.value,
                    decimals: quantity.quantity.value.scale(),
                    comparator: *comparator,
                    span: quantity.span,
                    quantity: Some(quantity),
                }
            }
            Some(TargetValue::Coverage { span, .. }) => Stated {
                value: Decimal::ONE_HUNDRED,
                decimals: 0,
                comparator: Comparator::Eq,
                span: *span,
                quantity: None,
            },
            _ => return None,
        };
        let nums = figures(cx, num, "分子", &owner, out);
        let dens = figures(cx, den, "分母", &owner, out);
        // The first pair in one unit (a scope stated in 户 and 人 offers both).
        for n in &nums {
            for d in &dens {
                if comparable(n.quantity, d.quantity).is_some() {
                    return Some(Ratio {
                        stated,
                        num: (n.clone(), num),
                        den: (d.clone(), den),
                    });
                }
            }
        }
        let (n, d) = (nums.first()?, dens.first()?);
        out.push(unit_mismatch(
            cx.file,
            &owner,
            "相除得出比率",
            Side::new(n.quantity, num.span(), "分子".to_string()),
            Side::new(d.quantity, den.span(), "分母".to_string()),
        ));
        None
    }
}

/// `x` in words: "两位小数", "一位小数", "个位".
fn precision_words(decimals: u32) -> String {
    const CN: [&str; 10] = ["零", "一", "两", "三", "四", "五", "六", "七", "八", "九"];
    match decimals {
        0 => "个位".to_string(),
        d if (d as usize) < CN.len() => format!("{}位小数", CN[d as usize]),
        d => format!("{d}位小数"),
    }
}

/// Half a unit of the last written digit: 0.005 for two decimals.
fn half_unit(decimals: u32) -> Decimal {
    Decimal::new(5, decimals + 1)
}

/// Whether the unit counts whole things (人, 户, 村…), so a part can only be a whole number.
fn counts_whole(q: &Quantity) -> bool {
    q.unit.as_ref().is_some_and(|u| {
        u.per.is_empty()
            && matches!(
                u.atom,
                UnitAtom::Person
                    | UnitAtom::PersonTime
                    | UnitAtom::Household
                    | UnitAtom::Item
                    | UnitAtom::Village
                    | UnitAtom::County
                    | UnitAtom::Township
                    | UnitAtom::Province
                    | UnitAtom::City
                    | UnitAtom::Group
                    | UnitAtom::Times
                    | UnitAtom::Enterprise
                    | UnitAtom::Skill
                    | UnitAtom::Institution
                    | UnitAtom::Project
                    | UnitAtom::Board
                    | UnitAtom::Volume
                    | UnitAtom::Copy
                    | UnitAtom::Sheet
                    | UnitAtom::Kind
            )
    })
}

/// The multiples of `step` in [lo, hi], as (first, last); `None` when there is none.
fn steps_within(lo: Decimal, hi: Decimal, step: Decimal) -> Option<(Decimal, Decimal)> {
    let first = (lo / step).ceil() * step;
    let last = (hi / step).floor() * step;
    (first <= last).then_some((first.normalize(), last.normalize()))
}

impl Ratio<'_> {
    fn compare(&self, cx: &DocCtx, t: &Target) -> Option<Diagnostic> {
        let s = &self.stated;
        let (n, d) = (&self.num.0, &self.den.0);
        let (nq, dq) = comparable(n.quantity, d.quantity)?;
        let owner = target_ref(t);
        if dq.value.is_zero() {
            return Some(
                Diagnostic::error(
                    codes::RATE_VS_PARTS,
                    format!("{owner}的分母 {} 为0,比率无从计算", shown(d.quantity)),
                )
                .primary(cx.file, self.den.1.span(), "分母为0")
                .help("核对分母是否写错"),
            );
        }
        let quotient = nq.value.checked_mul(Decimal::ONE_HUNDRED)? / dq.value;
        let half = half_unit(s.decimals);
        let rounded =
            quotient.round_dp_with_strategy(s.decimals, RoundingStrategy::MidpointAwayFromZero);
        let agrees = match s.comparator {
            Comparator::Eq | Comparator::About => (quotient - s.value).abs() <= half,
            Comparator::AtLeast => rounded >= s.value,
            Comparator::Above => rounded > s.value,
            Comparator::AtMost => rounded <= s.value,
            Comparator::Below => rounded < s.value,
        };
        if agrees {
            return None;
        }
        let stated_text = match s.quantity {
            Some(q) => shown(&q.quantity),
            None => "全覆盖(100%)".to_string(),
        };
        let shown_places = s.decimals + 2;
        let cut = quotient.round_dp_with_strategy(shown_places, RoundingStrategy::ToZero);
        let quotient_text = if cut == quotient {
            format!("{}%", format_decimal(quotient))
        } else {
            format!("{}…%", cut)
        };
        let rounded_text = format!("{rounded}%");
        let bound = match s.comparator {
            Comparator::Eq | Comparator::About => String::new(),
            c => format!("(所报为「{}{}」)", comparator_words(c), stated_text),
        };
        let message = format!(
            "{owner}所报 {stated_text} 与分子、分母之商不符:{}÷{}={quotient_text},按所写的{}修约为{rounded_text}{bound}",
            shown(n.quantity),
            shown(d.quantity),
            precision_words(s.decimals),
        );
        let mut diag = Diagnostic::error(codes::RATE_VS_PARTS, message)
            .primary(cx.file, s.span, format!("所报 {stated_text}"))
            .secondary(
                cx.file,
                self.num.1.span(),
                format!("分子 {}", shown(n.quantity)),
            )
            .secondary(
                cx.file,
                self.den.1.span(),
                format!("分母 {}", shown(d.quantity)),
            );
        for (fig, role) in [(n, "分子"), (d, "分母")] {
            if let Some(src) = &fig.source {
                diag = diag.secondary(cx.file, fig.span, format!("{role}取自{src}"));
            }
        }
        diag = diag.note(format!(
            "所报值写到{}:商与它相差不超过{}个百分点(末位的半个单位)即算一致;四舍五入和四舍六入五成双(GB/T 8170)都只在这个范围内得到所报值",
            precision_words(s.decimals),
            format_decimal(half)
        ));
        // What would make the stated rate hold: the denominators, or the numerators, it allows.
        let (lo, hi) = (s.value - half, s.value + half);
        let hundred = Decimal::ONE_HUNDRED;
        let step_of = |q: &Quantity| {
            if counts_whole(q) {
                Decimal::ONE
            } else {
                Decimal::new(1, q.value.normalize().scale())
            }
        };
        let mut fixes = Vec::new();
        if lo > Decimal::ZERO {
            if let Some((a, b)) = steps_within(
                nq.value * hundred / hi,
                nq.value * hundred / lo,
                step_of(&dq),
            ) {
                fixes.push(format!(
                    "分母在{}至{}之间",
                    shown(&Quantity {
                        value: a,
                        ..dq.clone()
                    }),
                    shown(&Quantity {
                        value: b,
                        ..dq.clone()
                    })
                ));
            }
        }
        if let Some((a, b)) = steps_within(
            dq.value * lo / hundred,
            dq.value * hi / hundred,
            step_of(&nq),
        ) {
            fixes.push(format!(
                "分子在{}至{}之间",
                shown(&Quantity {
                    value: a,
                    ..nq.clone()
                }),
                shown(&Quantity {
                    value: b,
                    ..nq.clone()
                })
            ));
        }
        if matches!(s.comparator, Comparator::Eq | Comparator::About) && !fixes.is_empty() {
            diag = diag.note(format!("要得到所报的{stated_text},需{}", fixes.join(",或")));
        }
        diag = diag.help(format!(
            "核对三个数:若分子、分母无误,把值改为{rounded_text};若分子或分母另有所指(如农业人口而非总人口),把分子、分母改为实际所用的数"
        ));
        Some(diag)
    }
}

#[cfg(test)]
mod tests {
    use crate::check::test_support::checked;

    fn run(src: &str) -> Vec<(String, String)> {
        checked(src, |c| {
            matches!(c, "ZC0309" | "ZC0102" | "ZC0601" | "ZC0012")
        })
    }

    #[test]
    fn the_rate_of_longzhou_is_not_its_quotient() {
        let src = "范围 总人口：43420人\n现状 贫困人口 { 值：1283人 }\n现状 贫困发生率 {\n  值：3.09%\n  分子：贫困人口\n  分母：总人口\n}\n";
        let got = run(src);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "ZC0309");
        assert!(got[0].1.contains("1283人÷43420人=2.9548…%"), "{}", got[0].1);
        assert!(got[0].1.contains("两位小数修约为2.95%"), "{}", got[0].1);
    }

    #[test]
    fn both_rounding_rules_are_accepted_and_nothing_beyond_half_a_unit() {
        // 1/8 = 12.5%: written 12% (half to even) or 13% (half up) both agree; 11% does not.
        let mk = |v: &str| format!("现状 甲 {{ 值：{v}\n 分子：1户\n 分母：8户 }}\n");
        assert!(run(&mk("12%")).is_empty());
        assert!(run(&mk("13%")).is_empty());
        assert!(run(&mk("12.5%")).is_empty());
        assert_eq!(run(&mk("11%")).len(), 1);
        assert_eq!(run(&mk("12.4%")).len(), 1);
        // 2/3 = 66.666…%: 66.67% agrees, 66.66% does not (truncation is not rounding).
        let third = |v: &str| format!("现状 甲 {{ 值：{v}\n 分子：2人\n 分母：3人 }}\n");
        assert!(run(&third("66.67%")).is_empty());
        assert_eq!(run(&third("66.66%")).len(), 1);
    }

    #[test]
    fn bounds_compare_the_rounded_quotient() {
        let mk = |v: &str| format!("目标 参保率 {{ 值：{v}\n 分子：979人\n 分母：1000人 }}\n");
        assert!(run(&mk("达到98%以上")).is_empty());
        assert_eq!(run(&mk("达到99%以上")).len(), 1);
        assert!(run(&mk("全覆盖")).len() == 1);
    }

    #[test]
    fn scopes_in_two_units_offer_the_matching_one() {
        let src = "范围 全镇：12555户、43420人\n现状 甲 { 值：3%\n 分子：1283人\n 分母：全镇 }\n";
        assert!(run(src).is_empty(), "{:?}", run(src));
    }

    #[test]
    fn parts_in_different_units_or_undefined_are_reported() {
        let src = "现状 甲 { 值：3%\n 分子：1283人\n 分母：400户 }\n";
        assert_eq!(run(src)[0].0, "ZC0601");
        let src = "现状 甲 { 值：3%\n 分子：贫困人囗\n 分母：400户 }\n现状 贫困人口 { 值：12人 }\n";
        let got = run(src);
        assert_eq!(got[0].0, "ZC0102", "{got:?}");
        let src = "现状 甲 { 值：3户\n 分子：1人\n 分母：4人 }\n";
        assert_eq!(run(src)[0].0, "ZC0601");
        let src = "现状 甲 { 值：3%\n 分子：1人 }\n";
        assert_eq!(run(src)[0].0, "ZC0012");
    }

    #[test]
    fn the_note_says_what_would_make_the_rate_hold() {
        let src = "现状 甲 { 值：3.09%\n 分子：1283人\n 分母：43420人 }\n";
        let out = crate::check::check_files(&[crate::check::SourceFile::new("t.zc", src)]);
        let d = out.diagnostics.iter().find(|d| d.code == "ZC0309").unwrap();
        let notes = d.notes.join("|");
        assert!(notes.contains("分母在41454人至41588人之间"), "{notes}");
        assert!(notes.contains("分子在1340人至1343人之间"), "{notes}");
    }

    #[test]
    fn areas_keep_their_written_decimals() {
        // 23.43 ÷ 96.25 = 24.343…%, reported 24.32%.
        let src = "现状 耕地占比 { 值：24.32%\n 分子：23.43平方公里\n 分母：96.25平方公里 }\n";
        let got = run(src);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].1.contains("=24.3428…%"), "{}", got[0].1);
    }
}
