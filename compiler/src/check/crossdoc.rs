//! Across documents: every 依据 resolves to a document of the set (or is marked 外部), and a
//! document does not undercut the one above it — standards within its floors and caps, deadlines
//! no later, targets no weaker, for items of the same name.

use super::quantities::{comparator_words, shown};
use super::walk::Table;
use super::{measures, standards, targets, DocCtx, SetCtx};
use crate::ast::*;
use crate::codes;
use crate::diagnostic::Diagnostic;
use rust_decimal::Decimal;
use zhengce_runtime::Quantity;

pub(crate) fn check(set: &SetCtx, out: &mut Vec<Diagnostic>) {
    let index = DocIndex::new(set.docs);
    for lower in set.docs {
        let Some(header) = lower.header else { continue };
        for basis in &header.basis {
            if basis.external {
                continue;
            }
            match index.find(basis) {
                Some(upper) => {
                    let pair = Pair {
                        lower,
                        upper,
                        basis,
                    };
                    pair.standards(out);
                    pair.deadlines(out);
                    pair.targets(out);
                }
                None => out.push(missing_basis(lower, basis, set.docs.len())),
            }
        }
    }
}

fn missing_basis(lower: &DocCtx, basis: &DocRef, set_size: usize) -> Diagnostic {
    let number = basis
        .number
        .as_ref()
        .map(|n| format!("({})", n.text))
        .unwrap_or_default();
    Diagnostic::error(
        codes::MISSING_BASIS,
        format!(
            "依据的《{}》{number}不在本次检查的 {set_size} 个文件中",
            basis.title.text
        ),
    )
    .primary(lower.file, basis.span, "找不到这份文件")
    .help("把上级文件一并放入检查目录;若它不在本仓库中,在书名号前标注「外部」")
}

/// Documents of the set by 文号 and by title.
pub(crate) struct DocIndex<'s, 'a> {
    /// Folded 文号 → document, sorted by number, each number's documents in set order (a sorted
    /// list rather than a `HashMap<String, _>`: one map type fewer in the wasm).
    by_number: Vec<(String, &'s DocCtx<'a>)>,
    by_title: Table<'a, &'s DocCtx<'a>>,
}

/// 文号 with its brackets folded: 〔2017〕, ﹝2017﹞ and [2017] are one number.
fn fold_number(n: &str) -> String {
    n.chars()
        .map(|c| match c {
            '﹝' | '[' | '［' | '【' => '〔',
            '﹞' | ']' | '］' | '】' => '〕',
            other => other,
        })
        .collect()
}

impl<'s, 'a> DocIndex<'s, 'a> {
    pub(crate) fn new(docs: &'s [DocCtx<'a>]) -> Self {
        let mut by_number = Vec::new();
        let mut by_title = Table::default();
        for d in docs {
            if let Some(h) = d.header {
                if let Some(n) = &h.number {
                    by_number.push((fold_number(&n.text), d));
                }
                by_title.add(h.title.text.as_str(), d);
            }
        }
        zhengce_runtime::sort::sort_by(&mut by_number, |a, b| a.0.cmp(&b.0));
        DocIndex {
            by_number,
            by_title,
        }
    }

    /// A reference resolves by its number when it gives one, else by title.
    pub(crate) fn find(&self, r: &DocRef) -> Option<&'s DocCtx<'a>> {
        if let Some(n) = &r.number {
            let n = fold_number(&n.text);
            // The first document with the number wins.
            let first = self.by_number.partition_point(|(k, _)| *k < n);
            if let Some((k, d)) = self.by_number.get(first) {
                if *k == n {
                    return Some(d);
                }
            }
        }
        self.by_title.get(r.title.text.as_str()).copied()
    }
}

struct Pair<'s, 'a> {
    lower: &'s DocCtx<'a>,
    upper: &'s DocCtx<'a>,
    basis: &'a DocRef,
}

/// The bound an upper document's standard sets: a floor (不低于) or a cap (不超过).
fn bound_of(s: &Standard) -> Vec<(Comparator, &QuantityLit)> {
    let mut out = Vec::new();
    if let Some(Amount::Bounded {
        comparator,
        quantity,
        ..
    }) = &s.amount
    {
        if matches!(
            comparator,
            Comparator::AtLeast | Comparator::Above | Comparator::AtMost | Comparator::Below
        ) {
            out.push((*comparator, quantity));
        }
    }
    if let Some(f) = &s.floor {
        out.push((Comparator::AtLeast, f));
    }
    if let Some(c) = &s.cap {
        out.push((Comparator::AtMost, c));
    }
    out
}

/// The lowest and highest amount a lower document's standard grants.
fn extent(s: &Standard) -> Option<(&QuantityLit, &QuantityLit)> {
    match &s.amount {
        Some(Amount::Bounded { quantity, .. }) => Some((quantity, quantity)),
        Some(Amount::Range { low, high, .. }) => Some((low, high)),
        Some(Amount::Change { to, .. }) => Some((to, to)),
        _ => None,
    }
}

fn violates(value: Decimal, cmp: Comparator, bound: Decimal) -> bool {
    !super::quantities::satisfies(value, cmp, bound)
}

impl Pair<'_, '_> {
    /// The upper document by its own title (the basis may cite it through a notice's title).
    fn upper_title(&self) -> String {
        let title = self
            .upper
            .header
            .map(|h| h.title.text.as_str())
            .unwrap_or(self.basis.title.text.as_str());
        format!("《{title}》")
    }

    fn standards(&self, out: &mut Vec<Diagnostic>) {
        let mut uppers = Table::default();
        for s in standards(self.upper.doc) {
            uppers.insert(s.name.text.as_str(), s);
        }
        for low in standards(self.lower.doc) {
            let Some(up) = uppers.get(low.name.text.as_str()) else {
                continue;
            };
            let Some((min, max)) = extent(low) else {
                continue;
            };
            for (cmp, bound) in bound_of(up) {
                if min.quantity.unit != bound.quantity.unit {
                    continue;
                }
                let tested = match cmp {
                    Comparator::AtLeast | Comparator::Above => min,
                    _ => max,
                };
                if violates(tested.quantity.value, cmp, bound.quantity.value) {
                    let kind = if matches!(cmp, Comparator::AtLeast | Comparator::Above) {
                        "下限"
                    } else {
                        "上限"
                    };
                    out.push(
                        Diagnostic::error(
                            codes::STANDARD_BEYOND_UPPER,
                            format!(
                                "标准「{}」为 {},而上级文件{}规定{} {}",
                                low.name.text,
                                shown(&tested.quantity),
                                self.upper_title(),
                                comparator_words(cmp),
                                shown(&bound.quantity)
                            ),
                        )
                        .primary(self.lower.file, tested.span, format!("超出上级{kind}"))
                        .secondary(self.upper.file, bound.span, format!("上级文件的{kind}"))
                        .help("下级文件的标准须在上级文件的下限与上限之内"),
                    );
                }
            }
        }
    }

    fn deadlines(&self, out: &mut Vec<Diagnostic>) {
        let mut uppers = Table::default();
        for m in measures(self.upper.doc) {
            uppers.insert(m.measure.name.text.as_str(), m.measure);
        }
        for m in measures(self.lower.doc) {
            let low = m.measure;
            let Some(up) = uppers.get(low.name.text.as_str()) else {
                continue;
            };
            let (Some(ld), Some(ud)) = (&low.deadline, &up.deadline) else {
                continue;
            };
            let (Some(l), Some(u)) = (
                self.lower.resolve_deadline(ld),
                self.upper.resolve_deadline(ud),
            ) else {
                continue;
            };
            if l > u {
                out.push(
                    Diagnostic::error(
                        codes::DEADLINE_LATER_THAN_UPPER,
                        format!(
                            "措施「{}」的时限 {l} 晚于上级文件{}对同一事项规定的 {u}",
                            low.name.text,
                            self.upper_title()
                        ),
                    )
                    .primary(self.lower.file, ld.span(), format!("{l}"))
                    .secondary(self.upper.file, ud.span(), format!("上级时限 {u}"))
                    .help("下级文件的时限不能晚于上级文件"),
                );
            }
        }
    }

    fn targets(&self, out: &mut Vec<Diagnostic>) {
        let mut uppers = Table::default();
        for t in targets(self.upper.doc) {
            uppers.add(t.target.name.text.as_str(), t.target);
            if let Some(m) = &t.target.metric {
                uppers.add(m.text.as_str(), t.target);
            }
        }
        for t in targets(self.lower.doc) {
            let low = t.target;
            let up = uppers.get(low.name.text.as_str()).or_else(|| {
                low.metric
                    .as_ref()
                    .and_then(|m| uppers.get(m.text.as_str()))
            });
            let Some(up) = up else { continue };
            if let (Some((lc, lq)), Some((uc, uq))) = (bounded(low), bounded(up)) {
                if lq.quantity.unit == uq.quantity.unit
                    && weaker(lc, &lq.quantity, uc, &uq.quantity)
                {
                    out.push(
                        Diagnostic::error(
                            codes::TARGET_WEAKER_THAN_UPPER,
                            format!(
                                "目标「{}」为{} {},弱于上级文件{}规定的{} {}",
                                low.name.text,
                                comparator_words(lc),
                                shown(&lq.quantity),
                                self.upper_title(),
                                comparator_words(uc),
                                shown(&uq.quantity)
                            ),
                        )
                        .primary(self.lower.file, lq.span, "下级目标")
                        .secondary(self.upper.file, uq.span, "上级目标")
                        .help("下级文件的目标不能低于上级文件对同一指标的要求"),
                    );
                }
            }
            if let (Some(ld), Some(ud)) = (&low.deadline, &up.deadline) {
                if let (Some(l), Some(u)) = (
                    self.lower.resolve_deadline(ld),
                    self.upper.resolve_deadline(ud),
                ) {
                    if l > u {
                        out.push(
                            Diagnostic::error(
                                codes::TARGET_WEAKER_THAN_UPPER,
                                format!(
                                    "目标「{}」的期限 {l} 晚于上级文件{}规定的 {u}",
                                    low.name.text,
                                    self.upper_title()
                                ),
                            )
                            .primary(self.lower.file, ld.span(), "下级期限")
                            .secondary(self.upper.file, ud.span(), "上级期限")
                            .help("下级文件的目标期限不能晚于上级文件"),
                        );
                    }
                }
            }
        }
    }
}

fn bounded(t: &Target) -> Option<(Comparator, &QuantityLit)> {
    match &t.value {
        Some(TargetValue::Amount(Amount::Bounded {
            comparator,
            quantity,
            ..
        })) => Some((*comparator, quantity)),
        _ => None,
    }
}

/// Whether the lower target asks for less than the upper one: for "at least" targets a smaller
/// value, for "at most" targets (caps such as 不超过5%) a larger one.
fn weaker(lc: Comparator, lq: &Quantity, uc: Comparator, uq: &Quantity) -> bool {
    let upward =
        |c: Comparator| matches!(c, Comparator::Eq | Comparator::AtLeast | Comparator::Above);
    let downward = |c: Comparator| matches!(c, Comparator::AtMost | Comparator::Below);
    if upward(uc) && upward(lc) {
        lq.value < uq.value
    } else if downward(uc) && downward(lc) {
        lq.value > uq.value
    } else {
        false
    }
}
