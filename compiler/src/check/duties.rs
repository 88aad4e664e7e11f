//! Duties: every measure has someone to lead it, and a lead is not also listed as merely
//! responsible.

use super::{measures, DocCtx};
use crate::ast::Name;
use crate::codes;
use crate::diagnostic::Diagnostic;

pub(crate) fn check(cx: &DocCtx, out: &mut Vec<Diagnostic>) {
    // Parents come before their children, so one pass knows whether any ancestor leads.
    // By position in the list of measures.
    let mut led_by_ancestry: Vec<bool> = Vec::new();
    for m in measures(cx.doc) {
        let measure = m.measure;
        // A sub-measure without its own lead is led by its parent's lead.
        let inherited = m.parent_index.is_some_and(|p| led_by_ancestry[p]);
        let led = measure.duties.lead.is_some() || inherited;
        led_by_ancestry.push(led);
        if !led {
            let mut d = Diagnostic::warning(
                codes::NO_LEAD,
                format!("措施「{}」没有牵头单位", measure.name.text),
            )
            .primary(cx.file, measure.name.span, "谁来牵头?");
            if let Some(resp) = &measure.duties.responsible {
                d = d
                    .secondary(cx.file, resp.span, "只列了责任单位")
                    .help("若列表第一个单位即牵头单位,请写成「牵头：…」;否则补上牵头单位");
            } else {
                d = d.help("加上「牵头：单位名」");
            }
            out.push(d);
        }
        if let (Some(lead), Some(resp)) = (&measure.duties.lead, &measure.duties.responsible) {
            for l in &lead.names {
                let canon = canonical(cx, l);
                if let Some(r) = resp.names.iter().find(|r| canonical(cx, r) == canon) {
                    out.push(
                        Diagnostic::new(
                            codes::LEAD_ALSO_RESPONSIBLE,
                            crate::Severity::Note,
                            format!(
                                "措施「{}」的牵头单位「{}」又列为责任单位",
                                measure.name.text, l.text
                            ),
                        )
                        .primary(cx.file, r.span, "又列在责任单位中")
                        .secondary(cx.file, l.span, "已是牵头单位")
                        .help("牵头单位已负全责,可从责任单位中删去"),
                    );
                }
            }
        }
    }
}

/// The declared name a department reference resolves to (aliases fold to one body).
fn canonical<'a>(cx: &'a DocCtx, n: &'a Name) -> &'a str {
    cx.symbols
        .departments
        .get(n.text.as_str())
        .map(|d| d.canonical())
        .unwrap_or(&n.text)
}
