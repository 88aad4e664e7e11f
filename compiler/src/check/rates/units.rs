//! ZC0307 and ZC0308: 百分点 only with levels that are percentages, and a % change of a metric
//! that is itself a percentage (relative change, or points?).

use super::Rates;
use crate::ast::*;
use crate::check::quantities::{
    breakdown_word, key_text, shown, target_ref, unit_name, value_word,
};
use crate::codes;
use crate::diagnostic::Diagnostic;
use rust_decimal::Decimal;
use zhengce_runtime::value::format_decimal;
use zhengce_runtime::{Quantity, UnitAtom};

impl Rates<'_, '_> {
    /// ZC0307 and ZC0308: a relative change in 百分点 on a metric that is not a percentage, or in
    /// % on a metric that is one.
    pub(super) fn relative_units(&mut self, t: &Target) {
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

    /// ZC0307: an amount in 百分点 on a standard whose other levels are not percentages.
    pub(super) fn points_on_standard(&mut self, s: &Standard) -> bool {
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

#[cfg(test)]
mod tests {
    use crate::check::test_support::{codes_of, run_check};
    use crate::Diagnostic;

    fn run(src: &str) -> Vec<Diagnostic> {
        run_check(src, super::super::check)
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
