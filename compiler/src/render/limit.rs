//! At most so many diagnostics of one code in one file in the terminal reports.
//!
//! A file that repeats one mistake 60,000 times gives 60,000 reports of the same shape; past the
//! first few, they hide the other findings and cost time to print and read. The terminal
//! reports show the first [`MAX_PER_CODE`] of each code in each file and then one line saying
//! how many more there are; `short`, JSON, SARIF, GitHub and the findings report list them all.

use std::collections::BTreeMap;

use super::{kind_text, render_ariadne, render_codespan, Sources};
use crate::diagnostic::Diagnostic;

/// Reports of one code in one file the terminal renderers show by default.
pub const MAX_PER_CODE: usize = 20;

/// [`render_ariadne`] showing at most `max` diagnostics of each code in each file (all for 0).
pub fn render_ariadne_limited(
    diags: &[Diagnostic],
    sources: &Sources,
    color: bool,
    max: usize,
) -> String {
    limited(diags, max, |d| render_ariadne(d, sources, color))
}

/// [`render_codespan`] showing at most `max` diagnostics of each code in each file (all for 0).
pub fn render_codespan_limited(
    diags: &[Diagnostic],
    sources: &Sources,
    color: bool,
    max: usize,
) -> String {
    limited(diags, max, |d| render_codespan(d, sources, color))
}

/// The file a diagnostic counts in: its primary label's ("" without labels).
fn group(d: &Diagnostic) -> (&str, &str) {
    (
        d.primary_label().map_or("", |l| l.file.as_str()),
        d.code.as_str(),
    )
}

fn limited(diags: &[Diagnostic], max: usize, render: impl Fn(&[Diagnostic]) -> String) -> String {
    if max == 0 {
        return render(diags);
    }
    let mut totals: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for d in diags {
        *totals.entry(group(d)).or_default() += 1;
    }
    let mut shown: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    let mut reports = Vec::new();
    for d in diags {
        let key = group(d);
        let n = shown.entry(key).or_default();
        *n += 1;
        if *n > max {
            continue;
        }
        let mut report = render(std::slice::from_ref(d));
        let total = totals[&key];
        if *n == max && total > max {
            let file = if key.0.is_empty() {
                String::new()
            } else {
                format!(",{}", key.0)
            };
            report.push_str(&format!(
                "… 还有 {} 条同类问题({}{file})未逐条显示;short、json 等格式列出全部\n",
                total - max,
                kind_text(d)
            ));
        }
        reports.push(report);
    }
    reports.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Span;

    #[test]
    fn the_first_of_each_code_and_file_then_a_count() {
        let text = "甲\n".repeat(30);
        let sources = Sources::new()
            .with("a.zc", text.as_str())
            .with("b.zc", "乙\n");
        let mut diags: Vec<Diagnostic> = (0..30)
            .map(|i| {
                Diagnostic::error("ZC0103", format!("第 {i} 个")).primary(
                    "a.zc",
                    Span::new(i * 4, i * 4 + 3),
                    "这里",
                )
            })
            .collect();
        diags.push(Diagnostic::error("ZC0103", "另一个文件").primary(
            "b.zc",
            Span::new(0, 3),
            "这里",
        ));
        let out = render_short_like(&diags, 3);
        assert_eq!(
            out,
            "第 0 个\n\n第 1 个\n\n第 2 个\n… 还有 27 条同类问题(错误[ZC0103],a.zc)未逐条显示;short、json 等格式列出全部\n\n另一个文件\n"
        );
        assert_eq!(render_short_like(&diags, 0).matches('第').count(), 30);
        // The real renderers go through the same path.
        let out = render_ariadne_limited(&diags, &sources, false, 3);
        assert_eq!(out.matches("错误[ZC0103]: 第").count(), 3, "{out}");
        assert!(out.contains("… 还有 27 条同类问题"), "{out}");
        let out = render_codespan_limited(&diags, &sources, false, 3);
        assert_eq!(out.matches("错误[ZC0103]: 第").count(), 3, "{out}");
    }

    fn render_short_like(diags: &[Diagnostic], max: usize) -> String {
        limited(diags, max, |ds| {
            ds.iter()
                .map(|d| format!("{}\n", d.message))
                .collect::<Vec<_>>()
                .join("\n")
        })
    }
}
