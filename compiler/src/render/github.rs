//! GitHub Actions workflow commands: one `::error …::message` line per diagnostic, which the
//! runner turns into an annotation on the file and line.
//!
//! ```text
//! ::error file=规划.zc,line=3,col=5,endLine=3,endColumn=11,title=ZC0201 分项合计与总数不符::目标「…」…
//! ```
//!
//! - The command is `error`, `warning` or `notice` (for a note).
//! - `title` is the code and its catalogue title.
//! - The message is the diagnostic's sentence, then one line per secondary label
//!   (`path:line:col: label`), per note (`注意: …`) and the help (`帮助: …`), joined with
//!   escaped newlines.
//! - Escaping follows the runner (actions/toolkit `escapeData`/`escapeProperty`): in the message
//!   `%` → `%25`, `\r` → `%0D`, `\n` → `%0A`; in property values also `:` → `%3A`, `,` → `%2C`.
//!
//! **Columns.** GitHub's documentation of these commands (“Workflow commands for GitHub
//! Actions”, `col`/`endColumn`) and of the check-run annotations they become (REST “Create a
//! check run”: `start_column`/`end_column`, “Column numbers start at 1”, “Annotations only
//! support start_column and end_column on the same line. Omit this parameter if start_line and
//! end_line have different values.”) says columns are 1-based and same-line only, but not what
//! they count. We count UTF-16 code units ([`utf16_col`](crate::position::utf16_col), through
//! each file's line index in [`Sources`], so many diagnostics in a big file are not quadratic):
//! the producer side (actions/toolkit)
//! and the page that shows annotations are JavaScript, whose string indices are UTF-16 code
//! units, and SARIF, GitHub's other annotation input, counts UTF-16 code units by default. For
//! every character in the Basic Multilingual Plane — all common CJK characters and full-width
//! punctuation — this is the same as counting characters; only a character outside it (such as
//! `𠀀`, CJK Extension B) counts two. `endColumn` is exclusive (the column just past the last
//! character), as in SARIF and our JSON. When a span covers several lines, `col` and
//! `endColumn` are left out, as GitHub asks.

use super::{Sources, HELP_WORD, NOTE_WORD};
use crate::codes;
use crate::diagnostic::{Diagnostic, Label, Severity};

/// One workflow command per diagnostic, each on its own line.
pub fn render_github(diags: &[Diagnostic], sources: &Sources) -> String {
    let mut out = String::new();
    for diag in diags {
        out.push_str(&command(diag, sources));
        out.push('\n');
    }
    out
}

fn command(diag: &Diagnostic, sources: &Sources) -> String {
    let name = match diag.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    };
    let mut props: Vec<(&str, String)> = Vec::new();
    if let Some(label) = diag.primary_label() {
        props.push(("file", label.file.clone()));
        let file = label.file.as_str();
        let start = sources.line_col(file, label.span.start);
        let end = sources.line_col(file, label.span.end);
        if let (Some((line, _)), Some((end_line, _))) = (start, end) {
            let col = |offset| sources.utf16_col(file, offset).unwrap_or(1).to_string();
            props.push(("line", line.to_string()));
            if line == end_line {
                props.push(("col", col(label.span.start)));
            }
            props.push(("endLine", end_line.to_string()));
            if line == end_line {
                props.push(("endColumn", col(label.span.end)));
            }
        }
    }
    if !diag.code.is_empty() {
        let title = match codes::info(&diag.code) {
            Some(info) => format!("{} {}", diag.code, info.title),
            None => diag.code.clone(),
        };
        props.push(("title", title));
    }

    let mut cmd = format!("::{name}");
    for (i, (key, value)) in props.iter().enumerate() {
        cmd.push(if i == 0 { ' ' } else { ',' });
        cmd.push_str(key);
        cmd.push('=');
        cmd.push_str(&escape_property(value));
    }
    cmd.push_str("::");
    cmd.push_str(&escape_data(&message(diag, sources)));
    cmd
}

/// The sentence, then the secondary labels, notes and help, one per line.
fn message(diag: &Diagnostic, sources: &Sources) -> String {
    let mut lines = vec![diag.message.clone()];
    let primary = diag.primary_label();
    for label in diag
        .labels
        .iter()
        .filter(|l| primary.is_none_or(|p| !std::ptr::eq(*l, p)))
    {
        lines.push(secondary(label, sources));
    }
    for note in &diag.notes {
        lines.push(format!("{NOTE_WORD}: {note}"));
    }
    if let Some(help) = &diag.help {
        lines.push(format!("{HELP_WORD}: {help}"));
    }
    lines.join("\n")
}

/// `path:line:col: message` of a label other than the primary one (column in UTF-16 units).
fn secondary(label: &Label, sources: &Sources) -> String {
    let mut s = label.file.clone();
    if let (Some((line, _)), Some(col)) = (
        sources.line_col(&label.file, label.span.start),
        sources.utf16_col(&label.file, label.span.start),
    ) {
        s.push_str(&format!(":{line}:{col}"));
    }
    if !label.message.is_empty() {
        s.push_str(": ");
        s.push_str(&label.message);
    }
    s
}

/// The message part of a command.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value (`file=…`, `title=…`).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Span;

    fn at(text: &str, needle: &str) -> Span {
        let start = text.find(needle).unwrap();
        Span::new(start, start + needle.len())
    }

    #[test]
    fn escaping() {
        assert_eq!(escape_data("a%b\r\nc:d,e"), "a%25b%0D%0Ac:d,e");
        assert_eq!(escape_property("a%b\nc:d,e"), "a%25b%0Ac%3Ad%2Ce");
    }

    #[test]
    fn cjk_and_non_bmp_columns_count_utf16_units() {
        // 𠀀 (U+20000) is two UTF-16 units; the CJK characters before it are one each.
        let text = "目标 甲 {\n  值：𠀀232万人\n}\n";
        let sources = Sources::new().with("规划,1.zc", text);
        let span = at(text, "232万人");
        let d = Diagnostic::error("ZC0201", "合计不符:50%")
            .primary("规划,1.zc", span, "这里")
            .secondary("规划,1.zc", at(text, "甲"), "目标")
            .note("第一条\n第二条")
            .help("改正");
        assert_eq!(
            render_github(&[d], &sources),
            "::error file=规划%2C1.zc,line=2,col=7,endLine=2,endColumn=12,\
             title=ZC0201 分项合计与总数不符::合计不符:50%25\
             %0A规划,1.zc:1:4: 目标%0A注意: 第一条%0A第二条%0A帮助: 改正\n"
        );
    }

    #[test]
    fn multi_line_spans_have_no_columns_and_levels_map() {
        let text = "目标 甲 {\n  值：1人\n}\n";
        let sources = Sources::new().with("a.zc", text);
        let w = Diagnostic::warning("ZC0701", "w").primary("a.zc", Span::new(0, text.len()), "");
        let n = Diagnostic::new("ZC0702", Severity::Note, "n").primary("b.zc", Span::new(0, 1), "");
        let bare = Diagnostic::error("", "没有位置");
        assert_eq!(
            render_github(&[w, n, bare], &sources),
            "::warning file=a.zc,line=1,endLine=4,title=ZC0701 同一部分多数措施有牵头单位而此项没有::w\n\
             ::notice file=b.zc,title=ZC0702 牵头单位又列为责任单位::n\n\
             ::error::没有位置\n"
        );
    }
}
