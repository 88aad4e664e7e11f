//! Quantity helpers shared by the checks: units in context, and arithmetic shown the way a
//! reviewer writes it ("50+56+55+46+25=232万人").

use crate::ast::{Amount, Breakdown, Comparator, PartKey, QuantityLit, Ratio, Target};
use crate::codes;
use crate::diagnostic::{Diagnostic, Span};
use rust_decimal::Decimal;
use zhengce_runtime::value::format_decimal;
use zhengce_runtime::{show, Quantity, Scale, Unit, UnitAtom};

/// The quantity a part means next to a total: a part written without a unit (50万) or with the
/// bare counter 个 (14个 next to 58个县) takes the total's unit.
pub(crate) fn in_context(part: &Quantity, total_unit: Option<&Unit>) -> Quantity {
    let unit = match (&part.unit, total_unit) {
        (None, Some(t)) => Some(t.clone()),
        (Some(u), Some(t)) if u.atom == UnitAtom::Item && u.per.is_empty() => Some(t.clone()),
        (u, _) => u.clone(),
    };
    Quantity {
        value: part.value,
        unit,
        scale: part.scale,
    }
}

/// Whether two quantities may be added or compared.
pub(crate) fn same_unit(a: &Quantity, b: &Quantity) -> bool {
    a.unit == b.unit
}

/// A number in the given scale, without unit: 500000 in 万 is "50".
pub(crate) fn number_in(value: Decimal, scale: Scale) -> String {
    format_decimal(value / scale.factor())
}

/// Whether `actual` satisfies "comparator `declared`" (≥ for 以上, ≤ for 以内, …).
/// 左右 (about) accepts anything: it states no bound.
pub(crate) fn satisfies(actual: Decimal, cmp: Comparator, declared: Decimal) -> bool {
    match cmp {
        Comparator::Eq => actual == declared,
        Comparator::AtLeast => actual >= declared,
        Comparator::Above => actual > declared,
        Comparator::AtMost => actual <= declared,
        Comparator::Below => actual < declared,
        Comparator::About => true,
    }
}

/// The comparator as a reviewer reads it in a message.
pub(crate) fn comparator_words(cmp: Comparator) -> &'static str {
    match cmp {
        Comparator::Eq => "等于",
        Comparator::AtLeast => "不低于",
        Comparator::Above => "高于",
        Comparator::AtMost => "不超过",
        Comparator::Below => "低于",
        Comparator::About => "约为",
    }
}

/// A value in the given scale with its unit: "232万人", "9个县".
pub(crate) fn shown_in(value: Decimal, scale: Scale, unit: Option<&Unit>) -> String {
    show::quantity(&Quantity {
        value,
        unit: unit.cloned(),
        scale,
    })
}

/// A quantity in the scale it was written in (the runtime's text of it).
pub(crate) fn shown(q: &Quantity) -> String {
    show::quantity(q)
}

/// An amount written out again for a message, in the runtime's words
/// (`zhengce_runtime::show`): 不低于200元, 200元至2000元, 项目总投资的20%, 由3000元提高到5000元.
pub(crate) fn amount_text(a: &Amount) -> String {
    match a {
        Amount::Bounded {
            comparator,
            quantity,
            ..
        } => show::bounded(comparator.cmp(), &quantity.quantity),
        Amount::Range { low, high, .. } => show::quantity_range(&low.quantity, &high.quantity),
        Amount::RatioRange { low, high, .. } => show::range(&ratio_text(low), &ratio_text(high)),
        Amount::Share {
            base,
            rate,
            comparator,
            ..
        } => show::share(comparator.cmp(), &base.text, &rate.quantity),
        Amount::Change { from, to, verb, .. } => {
            show::change(&from.quantity, &verb.text, &to.quantity)
        }
    }
}

/// A ratio as written: 3:7.
pub(crate) fn ratio_text(r: &Ratio) -> String {
    format!("{}:{}", shown(&r.left.quantity), shown(&r.right.quantity))
}

/// A sum written out in the total's scale: "50+56+55+46+25=232万人".
pub(crate) fn sum_text(parts: &[Decimal], scale: Scale, unit: Option<&Unit>) -> String {
    let total: Decimal = parts.iter().copied().sum();
    let terms: Vec<String> = parts.iter().map(|p| number_in(*p, scale)).collect();
    format!("{}={}", terms.join("+"), shown_in(total, scale, unit))
}

/// How a message names a target: 目标「贫困人口脱贫」, or 现状「…」 for figures a report states.
pub(crate) fn target_ref(t: &Target) -> String {
    let kw = if t.keyword.is_empty() {
        "目标"
    } else {
        t.keyword.as_str()
    };
    format!("{kw}「{}」", t.name.text)
}

/// What a target's 值 is called in messages: 目标值, or 总数 for 现状.
pub(crate) fn value_word(t: &Target) -> &'static str {
    if t.keyword == "现状" {
        "总数"
    } else {
        "目标值"
    }
}

/// A unit as a message names it.
pub(crate) fn unit_name(u: Option<&Unit>) -> String {
    match u {
        Some(u) => u.to_string(),
        None => "无单位".to_string(),
    }
}

/// Two quantities in one unit, each read in the other's context (a bare number or 个 takes the
/// other side's unit); `None` when the units differ.
pub(crate) fn comparable(a: &Quantity, b: &Quantity) -> Option<(Quantity, Quantity)> {
    let a2 = in_context(a, b.unit.as_ref());
    let b2 = in_context(b, a2.unit.as_ref());
    same_unit(&a2, &b2).then_some((a2, b2))
}

/// One side of a unit mismatch: the quantity, where it is written, and what it is.
pub(crate) struct Side<'q> {
    pub quantity: &'q Quantity,
    pub span: Span,
    pub what: String,
}

impl<'q> Side<'q> {
    pub fn new(quantity: &'q Quantity, span: Span, what: String) -> Side<'q> {
        Side {
            quantity,
            span,
            what,
        }
    }

    /// A quantity where it is written.
    pub fn written(lit: &'q QuantityLit, what: String) -> Side<'q> {
        Side::new(&lit.quantity, lit.span, what)
    }
}

/// ZC0601: two quantities that a check would add or compare have different units. `context`
/// names the item ("目标「贫困人口脱贫」"), `verb` what was to be done (相加, 比较).
pub(crate) fn unit_mismatch(
    file: &str,
    context: &str,
    verb: &str,
    odd: Side,
    reference: Side,
) -> Diagnostic {
    let (ua, ub) = (
        unit_name(odd.quantity.unit.as_ref()),
        unit_name(reference.quantity.unit.as_ref()),
    );
    Diagnostic::error(
        codes::UNIT_MISMATCH,
        format!(
            "{context}中{}{}的单位是「{ua}」,而{}{}的单位是「{ub}」,不能{verb}",
            odd.what,
            shown(odd.quantity),
            reference.what,
            shown(reference.quantity),
        ),
    )
    .primary(file, odd.span, format!("单位:{ua}"))
    .secondary(file, reference.span, format!("单位:{ub}"))
    .help(format!(
        "若是同一种量,两处写成同一单位(「{ua}」或「{ub}」);若确是不同的量(如人与户),不能{verb},应分开表述"
    ))
}

/// How a part's key reads in a message: 2016年, 2020年前, 吕梁山区域.
pub(crate) fn key_text(key: &PartKey) -> String {
    match key {
        PartKey::Year { year, suffix, .. } => {
            format!("{year}年{}", suffix.as_deref().unwrap_or(""))
        }
        PartKey::Name(n) => n.text.clone(),
    }
}

/// Whether a breakdown is by year (分年度) or by item (分项); the AST keeps the parts' keys only.
pub(crate) fn breakdown_word(b: &Breakdown) -> &'static str {
    if b.parts
        .iter()
        .all(|p| matches!(p.key, PartKey::Year { .. }))
    {
        "分年度"
    } else {
        "分项"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_are_written_in_the_totals_scale() {
        let parts: Vec<Decimal> = [50, 56, 55, 46, 25]
            .iter()
            .map(|n| Decimal::from(*n * 10_000))
            .collect();
        let unit = Unit::of(UnitAtom::Person);
        assert_eq!(
            sum_text(&parts, Scale::Wan, Some(&unit)),
            "50+56+55+46+25=232万人"
        );
        let county = Unit::of(UnitAtom::County);
        assert_eq!(
            shown_in(Decimal::from(9), Scale::One, Some(&county)),
            "9个县"
        );
    }

    #[test]
    fn bare_parts_take_the_totals_unit() {
        let total = Unit::of(UnitAtom::County);
        let part = Quantity::new(Decimal::from(14), Some(Unit::of(UnitAtom::Item)));
        assert_eq!(in_context(&part, Some(&total)).unit, Some(total));
    }
}
