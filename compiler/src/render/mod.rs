//! Renderers that turn [`Diagnostic`]s into text for people and tools.
//!
//! * [`render_ariadne`]: boxed terminal report (ariadne), the default for people.
//! * [`render_codespan`]: rustc-style report (codespan-reporting).
//! * [`render_short`]: one `path:line:col: 错误[ZC0001]: message` line each, for editors and grep.
//! * [`render_json`]: a JSON array of [`JsonDiagnostic`], with lines and columns filled in
//!   (a stable schema: docs/json-output.md).
//! * [`render_github`]: GitHub Actions workflow commands (`::error file=…,line=…::…`).
//! * [`render_sarif`]: a SARIF 2.1.0 log for code-scanning services.
//! * [`render_summary`]: the count of findings per code that ends a human report.
//!
//! Every renderer prints diagnostics in the order given (callers sort them first with
//! [`crate::diagnostic::sort_diagnostics`]) and looks label files up in [`Sources`]. All line and
//! column arithmetic lives in the `position` module ([`line_col`], [`utf16_col`]); columns are
//! counted in characters, so a CJK character is one column. A label whose file is not in
//! `Sources` cannot be drawn, so the terminal renderers print it as a note instead.

mod excerpt;
mod files;
mod findings;
mod github;
mod json;
mod limit;
#[cfg(test)]
mod reference;
mod sarif;
mod short;
mod sources;
mod summary;
mod terminal;
#[cfg(test)]
mod tests;

pub use files::render_codespan;
pub use findings::render_findings;
pub use github::render_github;
pub use json::{render_json, JsonDiagnostic, JsonLabel};
pub use limit::{render_ariadne_limited, render_codespan_limited, MAX_PER_CODE};
pub use position::{line_col, utf16_col};
pub use sarif::{code_doc_url, github_anchor, render_sarif, SARIF_SCHEMA};
pub use short::render_short;
pub use sources::Sources;
pub use summary::render_summary;
pub use terminal::render_ariadne;

use std::ops::Range;

use crate::diagnostic::{Diagnostic, Label};
use crate::position;

/// Words the renderers print before a diagnostic's notes and help. Each is four terminal
/// columns wide, like the English "Note"/"Help" ariadne prints, so swapping them keeps layout.
const NOTE_WORD: &str = "注意";
const HELP_WORD: &str = "帮助";

/// `错误[ZC0001]`: the severity word and code that start every header.
fn kind_text(diag: &Diagnostic) -> String {
    if diag.code.is_empty() {
        diag.severity.word().to_string()
    } else {
        format!("{}[{}]", diag.severity.word(), diag.code)
    }
}

/// A label whose file was found, with its span made safe to slice the text with.
struct Resolved<'a> {
    label: &'a Label,
    range: Range<usize>,
}

/// Splits labels into drawable ones, ordered so each file gets one snippet (primary label's
/// file first), and notes standing in for labels whose file is missing from `sources`.
fn resolve_labels<'a>(diag: &'a Diagnostic, sources: &Sources) -> (Vec<Resolved<'a>>, Vec<String>) {
    let mut file_order: Vec<&str> = Vec::new();
    if let Some(primary) = diag.primary_label() {
        file_order.push(&primary.file);
    }
    let mut resolved = Vec::new();
    let mut missing = Vec::new();
    for label in &diag.labels {
        match sources.get(&label.file) {
            Some(text) => {
                if !file_order.contains(&label.file.as_str()) {
                    file_order.push(&label.file);
                }
                resolved.push(Resolved {
                    label,
                    range: position::clamp_span(text, label.span),
                });
            }
            None => {
                let mut note = format!(
                    "{}（字节 {}..{}，未提供源文本）",
                    label.file, label.span.start, label.span.end
                );
                if !label.message.is_empty() {
                    note.push_str(": ");
                    note.push_str(&label.message);
                }
                missing.push(note);
            }
        }
    }
    // By file (the primary's first, then by first appearance), then by position: ariadne starts
    // a new snippet whenever the file changes or a label sits above the previous one.
    let file_rank = |file: &str| file_order.iter().position(|f| *f == file);
    resolved.sort_by_key(|r| (file_rank(&r.label.file), r.range.start, r.range.end));
    let left_out = cap_labels(&mut resolved, sources);
    if left_out > 0 {
        missing.push(format!(
            "另有 {left_out} 处相关位置未在此标出(每行最多标出 {MAX_LABELS_PER_LINE} 处,\
             每条最多 {MAX_LABELS} 处;JSON 和 SARIF 输出列出全部)"
        ));
    }
    (resolved, missing)
}

/// Labels a terminal snippet draws on one line, and in all: the renderers' work grows with the
/// square of the labels on a line, and nobody reads a hundred arrows.
pub const MAX_LABELS_PER_LINE: usize = 8;
pub const MAX_LABELS: usize = 40;

/// Drops labels beyond [`MAX_LABELS_PER_LINE`] on a line and [`MAX_LABELS`] in all, never the
/// primary one; returns how many were dropped.
fn cap_labels(resolved: &mut Vec<Resolved<'_>>, sources: &Sources) -> usize {
    if resolved.len() <= MAX_LABELS_PER_LINE {
        return 0;
    }
    let before = resolved.len();
    // Labels are sorted by file and position, so a line's labels are next to each other.
    let mut line: Option<(&str, usize)> = None;
    let mut on_line = 0;
    let mut kept = 0;
    resolved.retain(|r| {
        let here = sources
            .line_col(&r.label.file, r.range.start)
            .map_or(0, |(line, _)| line);
        let key = Some((r.label.file.as_str(), here));
        if key != line {
            line = key;
            on_line = 0;
        }
        let keep = r.label.primary || (on_line < MAX_LABELS_PER_LINE && kept < MAX_LABELS);
        if keep {
            on_line += 1;
            kept += 1;
        }
        keep
    });
    before - resolved.len()
}

/// Trims trailing whitespace from every line: renderers pad lines with spaces nobody sees, and
/// trimmed output diffs and snapshots cleanly.
fn trim_line_ends(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
