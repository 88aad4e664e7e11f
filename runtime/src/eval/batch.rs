//! One rule over a stream of rows: CSV (a header row of fact names) or JSONL (one object a line),
//! one JSON result a line out.
//!
//! Rows are read, evaluated and written one at a time, so memory stays bounded whatever the
//! input's length: nothing is collected, and no row longer than [`MAX_ROW_BYTES`] is held. A bad
//! row (a value of the wrong unit, an unknown category value, a missing fact, broken JSON, an
//! unclosed quote, a row too long) gives an error line for that row and the run goes on; every
//! output line carries the 1-based line number of its row in the input (the line it starts on,
//! counting `\n`, `\r\n` and lone `\r` line ends and blank lines, see `rows`). Every row read
//! gives one output line: rows read = rows answered + rows in error ([`BatchSummary`]). Only a
//! problem that concerns every row stops the run before the first one: an unknown rule, a header
//! naming an undeclared fact or naming one twice, or an I/O error.
//!
//! Values are written like the language (`1000万元`, `深度贫困县`, `2017-05-03`) or as plain
//! numbers, which are read in the fact's declared unit *and scale* (`1000` for a fact in 万元 is
//! 1000万元). An empty CSV cell or a JSON `null` means the fact is not given. JSON numbers are read
//! from their digits, never through a float.
//!
//! Output lines:
//!
//! ```text
//! {"line":2,"ok":true,"applies":true,"amount":{"type":"amount","cmp":"eq","quantity":{…},"text":"200万元"},"tier":{…}}
//! {"line":3,"ok":false,"error":{"kind":"unknown_value","message":"事实「县类别」的取值「深度县」不在 …","fact":"县类别",…}}
//! ```

pub(crate) mod fast;
mod rows;

use std::fmt;
use std::io::{self, BufRead, Write};

use serde::Serialize;

use super::evaluator::Ctx;
use super::rule::{eval_checked, Clip, FailedCondition, Outcome, PerUnit, TierUsed};
use super::text::{parse_fact, parse_facts_json_in};
use super::{fact_names, suggest, EvalError, Evaluator, Facts, TraceStep};
use crate::ir::{Fact, Program};

/// A JSONL line or CSV record longer than this is an error for its row (and is skipped without
/// being held).
pub const MAX_ROW_BYTES: usize = 1 << 20;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowFormat {
    /// A header row of fact names, then one row of values per line (RFC 4180 quoting).
    Csv,
    /// One JSON object per line: `{"县类别": "深度贫困县", "项目总投资": "1000万元"}`.
    Jsonl,
}

#[derive(Clone, Debug)]
pub struct BatchOptions {
    /// Write each row's trace too (much larger output).
    pub trace: bool,
    /// Answer CSV rows of the common shape (a share of a quantity fact, tiered by a category
    /// fact) without the general evaluator; the output is the same bytes. On by default; off
    /// only to compare the two paths.
    pub fast_path: bool,
}

impl Default for BatchOptions {
    fn default() -> Self {
        BatchOptions {
            trace: false,
            fast_path: true,
        }
    }
}

/// Counts of a finished run. Every row read is answered or in error, one output line each:
/// `rows == applied + not_applicable + errors`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct BatchSummary {
    /// Rows read (blank lines are not rows).
    pub rows: u64,
    /// Rows the rule applies to.
    pub applied: u64,
    pub not_applicable: u64,
    /// Rows that could not be answered: malformed, or their facts are not right.
    pub errors: u64,
}

impl fmt::Display for BatchSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "读取 {} 行:计算 {} 行(适用 {},不适用 {}),出错 {} 行",
            self.rows,
            self.applied + self.not_applicable,
            self.applied,
            self.not_applicable,
            self.errors
        )
    }
}

/// What stops a batch: a problem with every row, or I/O.
#[derive(Debug)]
pub enum BatchError {
    /// The rule, or the header.
    Setup {
        line: u64,
        error: EvalError,
    },
    Io(io::Error),
}

impl fmt::Display for BatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BatchError::Setup { line: 0, error } => write!(f, "{error}"),
            BatchError::Setup { line, error } => write!(f, "第 {line} 行:{error}"),
            BatchError::Io(e) => write!(f, "读写失败:{e}"),
        }
    }
}

impl std::error::Error for BatchError {}

impl From<io::Error> for BatchError {
    fn from(e: io::Error) -> Self {
        BatchError::Io(e)
    }
}

/// One output line for an answered row.
#[derive(Serialize)]
struct RowOk<'a> {
    line: u64,
    ok: bool,
    applies: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: &'a Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    failed_conditions: &'a Vec<FailedCondition>,
    #[serde(skip_serializing_if = "Option::is_none")]
    amount: &'a Option<Outcome>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tier: &'a Option<TierUsed>,
    #[serde(skip_serializing_if = "Option::is_none")]
    per_unit: &'a Option<PerUnit>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    clipped: &'a Vec<Clip>,
    #[serde(skip_serializing_if = "Option::is_none")]
    trace: Option<&'a Vec<TraceStep>>,
}

#[derive(Serialize)]
struct RowErr {
    line: u64,
    ok: bool,
    error: serde_json::Value,
}

/// Evaluates `rule` for every row of `input`, writing one JSON line per row to `output`
/// ([`Evaluator::batch`] with the program prepared for this run).
pub fn eval_batch<R: BufRead, W: Write>(
    program: &Program,
    rule: &str,
    format: RowFormat,
    input: R,
    output: W,
    options: &BatchOptions,
) -> Result<BatchSummary, BatchError> {
    Evaluator::new(program)
        .map_err(|error| BatchError::Setup { line: 0, error })?
        .batch(rule, format, input, output, options)
}

pub(crate) fn run<R: BufRead, W: Write>(
    ctx: Ctx<'_, '_>,
    rule: &str,
    format: RowFormat,
    input: R,
    mut output: W,
    options: &BatchOptions,
) -> Result<BatchSummary, BatchError> {
    let (doc, idx) = ctx
        .find_rule(rule)
        .map_err(|error| BatchError::Setup { line: 0, error })?;
    let program = ctx.program;
    let mut run = Run {
        ctx,
        program,
        doc,
        idx,
        options,
        summary: BatchSummary::default(),
    };
    match format {
        RowFormat::Csv => run.csv(input, &mut output)?,
        RowFormat::Jsonl => run.jsonl(input, &mut output)?,
    }
    output.flush()?;
    Ok(run.summary)
}

struct Run<'e, 'p, 'o> {
    ctx: Ctx<'e, 'p>,
    program: &'p Program,
    doc: usize,
    idx: usize,
    options: &'o BatchOptions,
    summary: BatchSummary,
}

impl Run<'_, '_, '_> {
    fn row<W: Write>(
        &mut self,
        line: u64,
        facts: Result<Facts, EvalError>,
        out: &mut W,
    ) -> io::Result<()> {
        self.summary.rows += 1;
        let result =
            facts.and_then(|f| eval_checked(self.ctx, self.doc, self.idx, &f, self.options.trace));
        match result {
            Ok(ev) => {
                if ev.applies {
                    self.summary.applied += 1;
                } else {
                    self.summary.not_applicable += 1;
                }
                let row = RowOk {
                    line,
                    ok: true,
                    applies: ev.applies,
                    reason: &ev.reason,
                    failed_conditions: &ev.failed_conditions,
                    amount: &ev.amount,
                    tier: &ev.tier,
                    per_unit: &ev.per_unit,
                    clipped: &ev.clipped,
                    trace: self.options.trace.then_some(&ev.trace),
                };
                serde_json::to_writer(&mut *out, &row)?;
            }
            Err(error) => {
                self.summary.errors += 1;
                let row = RowErr {
                    line,
                    ok: false,
                    error: error.to_json(),
                };
                serde_json::to_writer(&mut *out, &row)?;
            }
        }
        out.write_all(b"\n")
    }

    fn csv<R: BufRead, W: Write>(&mut self, input: R, out: &mut W) -> Result<(), BatchError> {
        let mut records = rows::CsvRecords::new(input);
        let mut header = csv::ByteRecord::new();
        let header_line = match records.next_into(&mut header, None)? {
            None => return Ok(()),
            Some((line, Ok(()))) => line,
            Some((line, Err(reason))) => {
                return Err(BatchError::Setup {
                    line,
                    error: EvalError::BadRow { reason },
                })
            }
        };
        let mut columns: Vec<&Fact> = Vec::with_capacity(header.len());
        for (i, name) in header.iter().enumerate() {
            let name = String::from_utf8_lossy(name);
            let name = name.trim();
            let setup = |error| BatchError::Setup {
                line: header_line,
                error,
            };
            let decl = self
                .ctx
                .fact_decl(self.doc, name)
                .map_err(setup)?
                .ok_or_else(|| {
                    setup(EvalError::UnknownFact {
                        name: name.to_string(),
                        suggestions: suggest(name, fact_names(self.program, self.doc)),
                    })
                })?;
            // Two columns for one fact: which one would count? Neither, silently.
            if let Some(j) = columns.iter().position(|c| std::ptr::eq(*c, decl)) {
                return Err(BatchError::Setup {
                    line: header_line,
                    error: EvalError::DuplicateColumn {
                        fact: decl.name.clone(),
                        first: j + 1,
                        second: i + 1,
                    },
                });
            }
            columns.push(decl);
        }
        // Rows of the common shape skip the general path (see `fast`): same bytes, no trace.
        let plan = if self.options.trace || !self.options.fast_path {
            None
        } else {
            fast::Plan::new(self.program, self.doc, self.idx, &columns)
        };
        let mut buf = Vec::with_capacity(512);
        let mut record = csv::ByteRecord::new();
        while let Some((line, parsed)) = records.next_into(&mut record, Some(columns.len()))? {
            if let Err(reason) = parsed {
                self.row(line, Err(EvalError::BadRow { reason }), out)?;
                continue;
            }
            if let Some(plan) = &plan {
                if plan.row(line, &record, &mut buf) {
                    out.write_all(&buf)?;
                    self.summary.rows += 1;
                    self.summary.applied += 1;
                    continue;
                }
            }
            let facts = self.csv_facts(&columns, &record);
            self.row(line, facts, out)?;
        }
        Ok(())
    }

    fn csv_facts(&self, columns: &[&Fact], record: &csv::ByteRecord) -> Result<Facts, EvalError> {
        if record.len() != columns.len() {
            return Err(EvalError::BadRow {
                reason: format!("有 {} 列,表头有 {} 列", record.len(), columns.len()),
            });
        }
        let mut facts = Facts::new();
        for (decl, field) in columns.iter().zip(record.iter()) {
            let text = std::str::from_utf8(field).map_err(|_| EvalError::BadRow {
                reason: format!("「{}」一列不是有效的 UTF-8 文本", decl.name),
            })?;
            if text.trim().is_empty() {
                continue;
            }
            facts.insert(decl.name.clone(), parse_fact(decl, text)?);
        }
        Ok(facts)
    }

    fn jsonl<R: BufRead, W: Write>(&mut self, input: R, out: &mut W) -> Result<(), BatchError> {
        let mut lines = rows::Lines::new(input);
        let mut buf = Vec::new();
        while let Some((line, whole)) = lines.next_into(&mut buf)? {
            let facts = if !whole {
                Err(EvalError::BadRow {
                    reason: format!("这一行超过 {MAX_ROW_BYTES} 字节"),
                })
            } else {
                match std::str::from_utf8(&buf) {
                    Err(_) => Err(EvalError::BadRow {
                        reason: "不是有效的 UTF-8 文本".into(),
                    }),
                    Ok(text) if text.trim().is_empty() => continue,
                    Ok(text) => parse_facts_json_in(self.program, self.doc, text),
                }
            };
            self.row(line, facts, out)?;
        }
        Ok(())
    }
}
