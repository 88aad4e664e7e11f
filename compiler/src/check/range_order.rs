//! Ranges written high to low. A ratio range (风险分担比例3:7至1:9) whose first ratio gives the
//! first party the larger share runs downwards: it means the same set as 1:9至3:7, and readers
//! take the first bound for the lower one, so it is pointed out as a note. (A quantity range
//! written high to low, 2000元-200元, is ZC0304.)

use super::quantities::ratio_text;
use super::rates::amounts;
use super::DocCtx;
use crate::ast::*;
use crate::codes;
use crate::diagnostic::{Diagnostic, Severity};
use rust_decimal::{Decimal, RoundingStrategy};
use zhengce_runtime::show;
use zhengce_runtime::value::format_decimal;

pub(crate) fn check(cx: &DocCtx, out: &mut Vec<Diagnostic>) {
    for (amount, owner) in amounts(cx.doc) {
        let Amount::RatioRange { low, high, .. } = amount else {
            continue;
        };
        let (Some((a, wa)), Some((b, wb))) = (share(low), share(high)) else {
            continue;
        };
        // Different wholes are ZC0305's; equal shares are not a direction.
        if wa != wb || a <= b {
            continue;
        }
        let pct = |s: Decimal| {
            format_decimal(s.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero))
        };
        let part = |r: &Ratio, w: Decimal, s: Decimal| {
            format!(
                "{}/{}({}%)",
                format_decimal(r.left.quantity.value),
                format_decimal(w),
                pct(s)
            )
        };
        let written = show::range(&ratio_text(low), &ratio_text(high));
        let reversed = show::range(&ratio_text(high), &ratio_text(low));
        let d = Diagnostic::new(
            codes::RATIO_RANGE_DESCENDING,
            Severity::Note,
            format!(
                "{owner}「{written}」从大到小书写:前一方的份额从{}降到{}",
                part(low, wa, a),
                part(high, wb, b)
            ),
        )
        .primary(cx.file, low.span, format!("前一方{}%", pct(a)))
        .secondary(cx.file, high.span, format!("前一方{}%", pct(b)))
        .note(format!(
            "区间「{written}」与「{reversed}」是同一个范围;读者通常把前一端当作下限"
        ))
        .help(format!(
            "起草时可写作「{reversed}」;若原文如此,照原文编码即可"
        ));
        out.push(d);
    }
}

/// The first party's share of a ratio in %, with the whole; `None` for an empty whole.
fn share(r: &Ratio) -> Option<(Decimal, Decimal)> {
    let whole = r.left.quantity.value + r.right.quantity.value;
    if whole.is_zero() {
        return None;
    }
    Some((r.left.quantity.value * Decimal::ONE_HUNDRED / whole, whole))
}

#[cfg(test)]
mod tests {
    use crate::check::test_support::checked;

    fn run(src: &str) -> Vec<(String, String)> {
        checked(src, |c| matches!(c, "ZC0310" | "ZC0305"))
    }

    #[test]
    fn descending_ratio_ranges_are_noted() {
        let got = run("标准 风险分担比例 { 金额：3:7至1:9 }\n");
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(
            got[0].1.contains("从3/10(30%)降到1/10(10%)"),
            "{}",
            got[0].1
        );
        assert!(run("标准 风险分担比例 { 金额：1:9至3:7 }\n").is_empty());
        // Different wholes are ZC0305 alone.
        assert_eq!(run("标准 甲 { 金额：3:7至1:8 }\n")[0].0, "ZC0305");
        assert_eq!(run("标准 甲 { 金额：3:7至1:8 }\n").len(), 1);
    }
}
