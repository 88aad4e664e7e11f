//! ZC0306: a standard's 下限 and 上限 agree with each other and with its amounts.

use super::{case_text, End, Rates};
use crate::ast::*;
use crate::check::quantities::{amount_text, shown};
use crate::codes;
use crate::diagnostic::Diagnostic;

impl Rates<'_, '_> {
    /// ZC0306: a standard's floor and cap, and its amounts against them.
    pub(super) fn bounds(&mut self, s: &Standard, skip_amounts: bool) {
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
}

#[cfg(test)]
mod tests {
    use crate::check::test_support::{codes_of, run_check};
    use crate::Diagnostic;

    fn run(src: &str) -> Vec<Diagnostic> {
        run_check(src, super::super::check)
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
}
