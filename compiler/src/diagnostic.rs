//! The one diagnostic type every stage reports with, serialisable for JSON consumers.
//!
//! Spans are byte offsets into the file's text and always fall on char boundaries; renderers turn
//! them into lines, columns and underlines (see `render`).

use serde::{Deserialize, Serialize};

/// A byte range `[start, end)` in one source file, on char boundaries.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end);
        Span { start, end }
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    pub fn len(self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Severity {
    Error,
    Warning,
    Note,
}

impl Severity {
    /// The Chinese word the renderers print.
    pub fn word(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Note => "提示",
        }
    }
}

/// A labelled span. The primary label is where the problem is; secondary labels show the parts
/// involved (each addend of a total, say).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    /// The file's name as the caller gave it (a path, or a name in the playground).
    pub file: String,
    pub span: Span,
    pub message: String,
    pub primary: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Stable code such as `ZC0001`; documented in docs/diagnostics.md.
    pub code: String,
    pub severity: Severity,
    /// One Chinese sentence naming the clause and the numbers involved.
    pub message: String,
    pub labels: Vec<Label>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// The item the finding is about, filled in by the checker once every check has run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<Subject>,
}

/// The item a diagnostic is about: the innermost item of the document whose span holds the
/// primary label. Baselines match findings by it rather than by line, so edits elsewhere do not
/// break the match; the playground and editors show its 原文 beside the finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Subject {
    /// The item's keyword as the language spells it: 文件, 措施, 目标, 阶段, 项 …
    pub kind: String,
    /// The names of the enclosing items, outermost first, ending with this item's own name.
    pub path: Vec<String>,
    /// The first 原文 of the item, or of its nearest enclosing item that has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub quote: Option<String>,
}

impl Subject {
    /// The item's own name (the last of `path`).
    pub fn name(&self) -> &str {
        self.path.last().map_or("", String::as_str)
    }
}

impl Diagnostic {
    pub fn new(code: &str, severity: Severity, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code: code.to_string(),
            severity,
            message: message.into(),
            labels: Vec::new(),
            notes: Vec::new(),
            help: None,
            subject: None,
        }
    }

    pub fn error(code: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(code, Severity::Error, message)
    }

    pub fn warning(code: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(code, Severity::Warning, message)
    }

    /// Adds the primary label.
    pub fn primary(mut self, file: &str, span: Span, message: impl Into<String>) -> Diagnostic {
        self.labels.push(Label {
            file: file.to_string(),
            span,
            message: message.into(),
            primary: true,
        });
        self
    }

    /// Adds a secondary label.
    pub fn secondary(mut self, file: &str, span: Span, message: impl Into<String>) -> Diagnostic {
        self.labels.push(Label {
            file: file.to_string(),
            span,
            message: message.into(),
            primary: false,
        });
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Diagnostic {
        self.notes.push(note.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// The primary label, or the first label when none is marked primary.
    pub fn primary_label(&self) -> Option<&Label> {
        self.labels
            .iter()
            .find(|l| l.primary)
            .or_else(|| self.labels.first())
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// How many of `diags` have this severity (the counts every summary line gives).
pub fn count_severity(diags: &[Diagnostic], severity: Severity) -> usize {
    diags.iter().filter(|d| d.severity == severity).count()
}

/// Orders diagnostics the way every output prints them: by file, then position, then code.
/// One order everywhere keeps output byte-identical from run to run.
pub fn sort_diagnostics(diags: &mut [Diagnostic]) {
    zhengce_runtime::sort::sort_by(diags, position_order);
}

/// The order of [`sort_diagnostics`]: file, position, code, message.
pub fn position_order(a: &Diagnostic, b: &Diagnostic) -> std::cmp::Ordering {
    let key = |d: &Diagnostic| {
        d.primary_label()
            .map(|l| (l.file.clone(), l.span.start, l.span.end))
            .unwrap_or_default()
    };
    key(a)
        .cmp(&key(b))
        .then_with(|| a.code.cmp(&b.code))
        .then_with(|| a.message.cmp(&b.message))
}
