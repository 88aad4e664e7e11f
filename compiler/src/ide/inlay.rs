//! Inlay hints: what the checker reads into the text that the text does not say — the day a
//! date without its year or day means, and what a breakdown or a scheme's items add up to.

use serde::Serialize;

use super::literals::{literals, DateRole, Literal};
use super::Analysis;
use crate::check::{breakdown_sum, resolved_date, scheme_sum, shown_in, start_of};
use crate::diagnostic::Span;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InlayHint {
    /// Where the hint is shown (after the text it is about).
    pub offset: usize,
    pub label: String,
    /// More on the hint, for a tooltip.
    pub tooltip: String,
}

pub(crate) fn inlay_hints(a: &Analysis, file: usize, span: Span) -> Vec<InlayHint> {
    let cx = a.doc(file);
    let mut out = Vec::new();
    for l in literals(cx.doc) {
        let at = l.span();
        if at.end < span.start || at.start > span.end {
            continue;
        }
        match l {
            Literal::Date(d, role) => {
                if d.year.is_some() && d.month.is_some() && d.day.is_some() {
                    continue;
                }
                let resolved = match role {
                    DateRole::Day => resolved_date(&cx, d),
                    DateRole::WindowStart => start_of(d, cx.year),
                };
                let Some(day) = resolved else { continue };
                let tooltip = match (d.year, cx.year_of) {
                    (None, Some(y)) if !d.this_month => {
                        format!("没有写年份:按{}{}年理解", y.source.phrase(), y.year)
                    }
                    _ => match role {
                        DateRole::Day => "作为时限指这一天".to_string(),
                        DateRole::WindowStart => "阶段的第一天".to_string(),
                    },
                };
                out.push(InlayHint {
                    offset: d.span.end,
                    label: format!("={day}"),
                    tooltip,
                });
            }
            Literal::Breakdown(t, b) => {
                let Some(added) = breakdown_sum(&cx, t) else {
                    continue;
                };
                let sum = shown_in(added.sum, added.total.scale, added.unit.as_ref());
                let mark = if added.satisfied() { "✓" } else { "✗" };
                out.push(InlayHint {
                    offset: b.span.end,
                    label: format!("合计 {sum} {mark}"),
                    tooltip: format!(
                        "{}合计 {sum},{}{}",
                        crate::check::breakdown_word(b),
                        crate::check::value_word(t),
                        crate::check::shown(added.total)
                    ),
                });
            }
            Literal::Total(scheme, total) => {
                let Some(sum) = scheme_sum(&cx, scheme) else {
                    continue;
                };
                let q = &total.quantity;
                let shown = shown_in(sum, q.scale, q.unit.as_ref());
                let mark = if sum == q.value { "✓" } else { "✗" };
                out.push(InlayHint {
                    offset: total.span.end,
                    label: format!("各项合计 {shown} {mark}"),
                    tooltip: format!("各考核项分值合计 {shown}"),
                });
            }
            Literal::Quantity(_) => {}
        }
    }
    zhengce_runtime::sort::sort_by_key(&mut out, |h| h.offset);
    // A window written once may be read twice (a phase's 时间 that is also its 集中期).
    out.dedup_by(|a, b| a.offset == b.offset && a.label == b.label);
    out
}
