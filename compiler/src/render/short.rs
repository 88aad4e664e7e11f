//! One line per diagnostic, `path:line:col: 错误[ZC0001]: message`, for editors and grep.

use super::{kind_text, Sources};
use crate::diagnostic::Diagnostic;

/// `path:line:col: 错误[ZC0001]: message` per diagnostic at its primary label (col in chars);
/// `path: …` when the file's text is unknown, and no location at all without a label.
pub fn render_short(diags: &[Diagnostic], sources: &Sources) -> String {
    let mut out = String::new();
    for diag in diags {
        if let Some(label) = diag.primary_label() {
            out.push_str(&label.file);
            if let Some((line, col)) = sources.line_col(&label.file, label.span.start) {
                out.push_str(&format!(":{line}:{col}"));
            }
            out.push_str(": ");
        }
        out.push_str(&kind_text(diag));
        out.push_str(": ");
        // Keep the promise of one line per diagnostic even if a message has several.
        // A control character in a quoted name must not reach the terminal.
        let message = super::terminal::visible(&diag.message);
        out.push_str(&message.lines().collect::<Vec<_>>().join(" "));
        out.push('\n');
    }
    out
}
