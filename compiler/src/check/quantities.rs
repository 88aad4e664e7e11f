//! Quantity helpers shared by the checks: units in context, and arithmetic shown the way a
//! reviewer writes it ("50+56+55+46+25=232万人").

use crate::ast::Comparator;
use rust_decimal::Decimal;
use zhengce_runtime::value::format_decimal;
use zhengce_runtime::{Quantity, Scale, Unit, UnitAtom};

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

/// A quantity in the given scale with its unit: "232万人".
pub(crate) fn show_in(value: Decimal, scale: Scale, unit: Option<&Unit>) -> String {
    let mut s = format!("{}{}", number_in(value, scale), scale.word());
    if let Some(u) = unit {
        s.push_str(&u.to_string());
    }
    s
}

/// A quantity as written.
pub(crate) fn show(q: &Quantity) -> String {
    q.to_string()
}

/// The sum of parts written out in the total's scale: "50+56+55+46+25=232万人".
pub(crate) fn sum_expression(parts: &[Decimal], scale: Scale, unit: Option<&Unit>) -> String {
    let total: Decimal = parts.iter().copied().sum();
    let terms: Vec<String> = parts.iter().map(|p| number_in(*p, scale)).collect();
    format!("{}={}", terms.join("+"), show_in(total, scale, unit))
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
            sum_expression(&parts, Scale::Wan, Some(&unit)),
            "50+56+55+46+25=232万人"
        );
    }

    #[test]
    fn bare_parts_take_the_totals_unit() {
        let total = Unit::of(UnitAtom::County);
        let part = Quantity::new(Decimal::from(14), Some(Unit::of(UnitAtom::Item)));
        assert_eq!(in_context(&part, Some(&total)).unit, Some(total));
    }
}
