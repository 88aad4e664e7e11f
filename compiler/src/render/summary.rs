//! The closing summary of a human report: how many findings of each code, errors first, so a
//! reviewer sees what kinds of problem there are before reading them one by one.

use crate::codes;
use crate::diagnostic::{Diagnostic, Severity};

/// One line per code: severity, count, code and title; errors first, then warnings, then notes,
/// each by count (most first) and code. Empty when there is nothing.
///
/// ```text
/// 按代码汇总:
///   错误   1 条  ZC0301  年度数量与累计目标不符
///   警告  12 条  ZC0106  未填写的占位符
/// ```
pub fn render_summary(diags: &[Diagnostic]) -> String {
    let mut rows: Vec<(Severity, &str, usize)> = Vec::new();
    for d in diags {
        match rows
            .iter_mut()
            .find(|(s, c, _)| *s == d.severity && *c == d.code)
        {
            Some(row) => row.2 += 1,
            None => rows.push((d.severity, &d.code, 1)),
        }
    }
    if rows.is_empty() {
        return String::new();
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0).then(b.2.cmp(&a.2)).then(a.1.cmp(b.1)));
    let width = rows
        .iter()
        .map(|r| r.2.to_string().len())
        .max()
        .unwrap_or(1);
    let mut out = String::from("按代码汇总:\n");
    for (severity, code, count) in rows {
        let title = codes::info(code).map_or("", |i| i.title);
        out.push_str(&format!(
            "  {}  {count:>width$} 条  {code}  {title}\n",
            severity.word()
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_come_first_then_the_most_frequent() {
        let d = |code: &str, s| Diagnostic::new(code, s, "");
        let diags = [
            d("ZC0702", Severity::Note),
            d("ZC0105", Severity::Warning),
            d("ZC0106", Severity::Warning),
            d("ZC0106", Severity::Warning),
            d("ZC0301", Severity::Error),
            // A code the project raised to an error counts under its new severity.
            d("ZC0701", Severity::Error),
        ];
        assert_eq!(
            render_summary(&diags),
            "按代码汇总:\n  \
             错误  1 条  ZC0301  年度数量与累计目标不符\n  \
             错误  1 条  ZC0701  同一部分多数措施有牵头单位而此项没有\n  \
             警告  2 条  ZC0106  未填写的占位符\n  \
             警告  1 条  ZC0105  同一机构两种叫法而未声明别称\n  \
             提示  1 条  ZC0702  牵头单位又列为责任单位\n"
        );
        assert_eq!(render_summary(&[]), "");
    }
}
