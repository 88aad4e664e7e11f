//! Stale duties (`--as-of DATE`): a measure whose deadline has passed with no recorded 完成 is a
//! warning, so a CI job run daily shows what is overdue.

use super::{measures, SetCtx};
use crate::codes;
use crate::diagnostic::Diagnostic;

pub(crate) fn check(set: &SetCtx, out: &mut Vec<Diagnostic>) {
    let Some(as_of) = set.options.as_of else {
        return;
    };
    for doc in set.docs {
        for m in measures(doc.doc) {
            let measure = m.measure;
            if measure.completed.is_some() {
                continue;
            }
            let Some(deadline) = &measure.deadline else {
                continue;
            };
            let Some(due) = doc.resolve_deadline(deadline) else {
                continue;
            };
            if due < as_of {
                let late = due.days_until(as_of);
                let mut d = Diagnostic::warning(
                    codes::OVERDUE,
                    format!(
                        "措施「{}」时限 {due} 已过 {late} 天(截至 {as_of}),未记录完成",
                        measure.name.text
                    ),
                )
                .primary(doc.file, deadline.span(), format!("{due} 到期"))
                .help("完成后在措施中写「完成：日期」;若时限已调整,请更新「期限」");
                if let Some(lead) = &measure.duties.lead {
                    let names: Vec<&str> = lead.names.iter().map(|n| n.text.as_str()).collect();
                    d = d.note(format!("牵头单位:{}", names.join("、")));
                }
                out.push(d);
            }
        }
    }
}
