//! How amounts, ranges, ratios and dates are written as text: the one place for it. The
//! evaluator's answers and traces and the checker's messages (`zhengce_compiler::check`) both
//! write through these functions, so 200元至2000元 reads the same in a finding and in an answer.
//!
//! - a quantity: its number in the scale the text used, then its unit: 232万人, 200元/人/年,
//!   9个县 (counted places and groups take 个, as people write them);
//! - a bound: the comparator's words around the quantity: 不低于200元, 300个村左右;
//! - a range: both ends joined by 至 (never "-", which reads as a minus sign);
//! - a ratio 3:7, a range of ratios 3:7至1:9, a share 项目总投资的20%, a change
//!   由3000元提高到5000元;
//! - years 2015年至2020年, dates 2017年5月3日 and date ranges 2017年4月24日至5月1日.

use rust_decimal::Decimal;

use crate::eval::digits::push_quantity;
use crate::ir::Cmp;
use crate::value::{format_decimal, CivilDate, Quantity};

/// What joins the two ends of a range.
pub const RANGE_SEP: &str = "至";

/// A quantity as [`Quantity`]'s `Display` writes it: 232万人, 9个县.
pub fn quantity(q: &Quantity) -> String {
    let mut out = String::with_capacity(32);
    push_quantity(&mut out, q);
    out
}

/// The comparator as words before and after a quantity: 不低于200元, 300个村左右.
pub fn cmp_words(cmp: Cmp) -> (&'static str, &'static str) {
    match cmp {
        Cmp::Eq => ("", ""),
        Cmp::Ge => ("不低于", ""),
        Cmp::Gt => ("超过", ""),
        Cmp::Le => ("不超过", ""),
        Cmp::Lt => ("低于", ""),
        Cmp::About => ("", "左右"),
    }
}

/// A quantity with its comparator: 不低于200万元, 200元/人/年, 300个村左右.
pub fn bounded(cmp: Cmp, q: &Quantity) -> String {
    let (before, after) = cmp_words(cmp);
    let mut text = String::with_capacity(before.len() + 32 + after.len());
    text.push_str(before);
    push_quantity(&mut text, q);
    text.push_str(after);
    text
}

/// Two ends of a range, already written: 200元至2000元, 2015年至2020年.
pub fn range(low: &str, high: &str) -> String {
    let mut text = String::with_capacity(low.len() + RANGE_SEP.len() + high.len());
    text.push_str(low);
    text.push_str(RANGE_SEP);
    text.push_str(high);
    text
}

/// A range of quantities: 200元至2000元.
pub fn quantity_range(low: &Quantity, high: &Quantity) -> String {
    let mut text = String::with_capacity(64);
    push_quantity(&mut text, low);
    text.push_str(RANGE_SEP);
    push_quantity(&mut text, high);
    text
}

/// A ratio of two numbers: 3:7.
pub fn ratio(left: Decimal, right: Decimal) -> String {
    format!("{}:{}", format_decimal(left), format_decimal(right))
}

/// A range of ratios: 3:7至1:9.
pub fn ratio_range(low: (Decimal, Decimal), high: (Decimal, Decimal)) -> String {
    range(&ratio(low.0, low.1), &ratio(high.0, high.1))
}

/// A share of a base: 项目总投资的20%, 不低于项目总投资的20%.
pub fn share(cmp: Cmp, base: &str, rate: &Quantity) -> String {
    let (before, after) = cmp_words(cmp);
    format!("{before}{base}的{}{after}", quantity(rate))
}

/// A change: 由3000元提高到5000元 (`verb` as the text wrote it).
pub fn change(from: &Quantity, verb: &str, to: &Quantity) -> String {
    format!("由{}{verb}{}", quantity(from), quantity(to))
}

/// The years something covers: 2015年至2020年, 自2015年起, 到2020年, 各年.
pub fn years(from: Option<i32>, to: Option<i32>) -> String {
    match (from, to) {
        (Some(f), Some(t)) => range(&format!("{f}年"), &format!("{t}年")),
        (Some(f), None) => format!("自{f}年起"),
        (None, Some(t)) => format!("到{t}年"),
        (None, None) => "各年".to_string(),
    }
}

/// A calendar day: 2017年5月3日.
pub fn date(d: CivilDate) -> String {
    d.to_string()
}

/// Two days: 2017年4月24日至2017年5月1日.
pub fn date_range(start: CivilDate, end: CivilDate) -> String {
    range(&date(start), &date(end))
}

/// An amount of the IR as a message states it. Shares, changes and ranges of ratios keep the
/// words the document wrote them in (`text`); quantities and ranges are written here.
pub fn amount(a: &crate::ir::Amount) -> String {
    use crate::ir::Amount;
    match a {
        Amount::Quantity { cmp, quantity, .. } => bounded(*cmp, quantity),
        Amount::Range { low, high, .. } => quantity_range(low, high),
        Amount::Share { text, .. }
        | Amount::Change { text, .. }
        | Amount::RatioRange { text, .. } => text.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::{Scale, Unit, UnitAtom};

    fn q(value: i64, atom: UnitAtom) -> Quantity {
        Quantity::new(Decimal::from(value), Some(Unit::of(atom)))
    }

    #[test]
    fn amounts_read_as_written() {
        assert_eq!(bounded(Cmp::Ge, &q(200, UnitAtom::Yuan)), "不低于200元");
        assert_eq!(
            bounded(Cmp::About, &q(300, UnitAtom::Village)),
            "300个村左右"
        );
        assert_eq!(
            quantity_range(&q(200, UnitAtom::Yuan), &q(2000, UnitAtom::Yuan)),
            "200元至2000元"
        );
        let wan = Quantity {
            value: Decimal::from(2_320_000),
            unit: Some(Unit::of(UnitAtom::Person)),
            scale: Scale::Wan,
        };
        assert_eq!(quantity(&wan), "232万人");
        assert_eq!(
            ratio_range((3.into(), 7.into()), (1.into(), 9.into())),
            "3:7至1:9"
        );
        assert_eq!(years(Some(2015), Some(2020)), "2015年至2020年");
        let d = |m, day| CivilDate::from_ymd(2017, m, day).unwrap();
        assert_eq!(date_range(d(4, 24), d(5, 1)), "2017年4月24日至2017年5月1日");
    }
}
