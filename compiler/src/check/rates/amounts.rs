//! ZC0303, ZC0304 and ZC0305, wherever an amount stands: a change goes the way its verb says, a
//! range runs from low to high, and the two ratios of a ratio range split one whole.

use super::Rates;
use crate::ast::*;
use crate::check::quantities::{ratio_text, shown};
use crate::codes;
use crate::diagnostic::Diagnostic;
use rust_decimal::Decimal;
use zhengce_runtime::show;
use zhengce_runtime::value::format_decimal;

impl Rates<'_, '_> {
    /// ZC0303, ZC0304, ZC0305 and the unit checks wherever an amount stands.
    pub(super) fn amount(&mut self, a: &Amount, owner: &str) {
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
                "{owner}区间「{}」的下限 {} 大于上限 {}",
                show::quantity_range(&low.quantity, &high.quantity),
                shown(&l),
                shown(&h)
            ),
        )
        .primary(self.file(), low.span, format!("下限 {}", shown(&l)))
        .secondary(self.file(), high.span, format!("上限 {}", shown(&h)))
        .help(format!(
            "区间先写小的一端:「{}」",
            show::quantity_range(&h, &l)
        ));
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
                "{owner}「{}」两端的总份数不同:{}份,{}份",
                show::range(&ratio_text(low), &ratio_text(high)),
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
    use crate::check::test_support::{codes_of, run_check};
    use crate::Diagnostic;

    fn run(src: &str) -> Vec<Diagnostic> {
        run_check(src, super::super::check)
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
}
