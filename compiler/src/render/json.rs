//! Diagnostics as JSON for tools, with line and column numbers worked out.

use serde::{Deserialize, Serialize};

use super::Sources;
use crate::diagnostic::{Diagnostic, Severity, Span, Subject};

/// One diagnostic as `render_json` writes it. Schema (every field is always present):
///
/// ```json
/// {
///   "code": "ZC0001",              // stable code, see docs/diagnostics.md
///   "severity": "error",           // "error" | "warning" | "note"
///   "message": "分年度合计 …",      // one Chinese sentence
///   "labels": [{
///     "file": "规划.zc",            // as the label gave it
///     "span": { "start": 40, "end": 46 },  // byte offsets, [start, end)
///     "message": "…",              // may be ""
///     "primary": true,
///     "line": 3, "column": 7,           // 1-based start; column counted in chars
///     "end_line": 3, "end_column": 13   // 1-based, exclusive: just past the last char
///   }],
///   "notes": ["…"],                // possibly empty
///   "help": "…",                   // or null
///   "subject": {                   // or null: the item the finding is about
///     "kind": "目标",               // its keyword
///     "path": ["二、…", "贫困人口脱贫"],  // enclosing items' names, outermost first
///     "quote": "…"                 // absent when neither it nor an enclosing item has 原文
///   }
/// }
/// ```
///
/// `line`, `column`, `end_line` and `end_column` are `null` when the label's file is not in
/// the `Sources` given. Columns count Unicode chars (a CJK character is one column); tools that
/// need UTF-16 columns can compute them from `span` with `utf16_col`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonDiagnostic {
    pub code: String,
    pub severity: Severity,
    pub message: String,
    pub labels: Vec<JsonLabel>,
    pub notes: Vec<String>,
    pub help: Option<String>,
    pub subject: Option<Subject>,
}

/// A label in [`JsonDiagnostic`], with 1-based positions (columns in chars, end exclusive).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonLabel {
    pub file: String,
    pub span: Span,
    pub message: String,
    pub primary: bool,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub end_line: Option<usize>,
    pub end_column: Option<usize>,
}

impl JsonDiagnostic {
    /// The view of `diag`, with positions looked up in `sources`.
    pub fn new(diag: &Diagnostic, sources: &Sources) -> JsonDiagnostic {
        let labels = diag
            .labels
            .iter()
            .map(|label| {
                let start = sources.line_col(&label.file, label.span.start);
                let end = sources.line_col(&label.file, label.span.end);
                JsonLabel {
                    file: label.file.clone(),
                    span: label.span,
                    message: label.message.clone(),
                    primary: label.primary,
                    line: start.map(|p| p.0),
                    column: start.map(|p| p.1),
                    end_line: end.map(|p| p.0),
                    end_column: end.map(|p| p.1),
                }
            })
            .collect();
        JsonDiagnostic {
            code: diag.code.clone(),
            severity: diag.severity,
            message: diag.message.clone(),
            labels,
            notes: diag.notes.clone(),
            help: diag.help.clone(),
            subject: diag.subject.clone(),
        }
    }
}

/// A pretty-printed JSON array of [`JsonDiagnostic`] (schema there), ending in a newline.
pub fn render_json(diags: &[Diagnostic], sources: &Sources) -> String {
    let views: Vec<JsonDiagnostic> = diags
        .iter()
        .map(|d| JsonDiagnostic::new(d, sources))
        .collect();
    let mut out =
        serde_json::to_string_pretty(&views).expect("the view holds only strings and numbers");
    out.push('\n');
    out
}
