//! One step of an answer's reasoning: which clause was used, what it did, and where it is written.

use std::fmt;

use serde::Serialize;

use crate::ir::Origin;

/// A clause the evaluator used, with the document's own words and where they are.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TraceStep {
    /// The clause: 规则, 条件, 分档, 金额, 比例, 按单位计, 调整, 自, 有效期, 下限, 上限, 项, 调整项,
    /// 分年度, 累计, 节点, 每年, 措施 …
    pub clause: String,
    /// What it did, in Chinese: 「县类别」为「深度贫困县」,取第1档.
    pub detail: String,
    /// The 原文 quote of the item, when the document gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub quote: Option<String>,
    /// `file:line` of the item.
    pub origin: String,
}

impl TraceStep {
    pub(crate) fn new(clause: &str, detail: impl Into<String>, origin: &Origin) -> TraceStep {
        TraceStep {
            clause: clause.to_string(),
            detail: detail.into(),
            quote: origin.quote.clone(),
            origin: super::place(origin),
        }
    }

    /// A step that does not repeat the item's quote (the rule's quote is shown once).
    pub(crate) fn unquoted(clause: &str, detail: impl Into<String>, origin: &Origin) -> TraceStep {
        TraceStep {
            quote: None,
            ..TraceStep::new(clause, detail, origin)
        }
    }
}

impl fmt::Display for TraceStep {
    /// `分档: 「县类别」为「深度贫困县」,取第1档 (湖北.zc:183)` and the quote on the next line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}  ({})", self.clause, self.detail, self.origin)?;
        if let Some(quote) = &self.quote {
            write!(f, "\n原文: “{quote}”")?;
        }
        Ok(())
    }
}

/// Writes a numbered trace, one step a line, indented by `indent` spaces.
pub(crate) fn write_trace(
    f: &mut fmt::Formatter<'_>,
    trace: &[TraceStep],
    indent: usize,
) -> fmt::Result {
    let pad = " ".repeat(indent);
    for (i, step) in trace.iter().enumerate() {
        let number = format!("{}. ", i + 1);
        let text = step.to_string();
        let mut lines = text.lines();
        if let Some(first) = lines.next() {
            writeln!(f, "{pad}{number}{first}")?;
        }
        // Continuation lines (the quote) line up with the text after the number.
        for line in lines {
            writeln!(f, "{pad}{}{line}", " ".repeat(number.len()))?;
        }
    }
    Ok(())
}
