//! The documents' own worked examples (例), each run through its question and compared with its
//! 结果.
//!
//! | question | answer compared with 结果 |
//! |---|---|
//! | 求 rule | the evaluation's amount: the same value (exactly), unit and comparator |
//! | 截至 date (部门) | the duties of the example's own document whose deadline is on or before the date, for the department if one is named: the same set of names |
//! | 考核方案 scheme | the total score |
//! | 进度 target | the gap to plan at the last actual year (or the 截至 year): plan to date minus actual to date |
//!
//! An example without 结果 passes when its question can be answered.

use std::fmt;

use serde::Serialize;

use super::due::due_in_document;
use super::progress::progress_in;
use super::rule::{eval_rule_in, Outcome};
use super::score::score_in;
use super::trace::write_trace;
use super::{place, same_name, Actuals, EvalError, Facts, Scores, TraceStep};
use crate::ir::{Amount, Cmp, Example, Expected, FactValue, Program, Question};
use crate::value::{Quantity, Unit, UnitAtom};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ExampleStatus {
    Pass,
    /// Answered, but not as the example expects.
    Fail,
    /// The question could not be answered.
    Error,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExampleResult {
    pub name: String,
    pub file: String,
    /// `file:line`.
    pub origin: String,
    /// The question: 求 光伏扶贫以奖代补, 截至 2017年5月6日 各乡镇, …
    pub question: String,
    pub status: ExampleStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub expected: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub actual: Option<String>,
    /// What differs, when the example fails.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub difference: Option<String>,
    /// Why the question could not be answered.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub error: Option<String>,
    pub trace: Vec<TraceStep>,
}

impl ExampleResult {
    pub fn passed(&self) -> bool {
        self.status == ExampleStatus::Pass
    }
}

/// Runs every example of every document, in document order.
pub fn run_examples(program: &Program) -> Vec<ExampleResult> {
    let mut results = Vec::new();
    for (doc, document) in program.documents.iter().enumerate() {
        for example in &document.examples {
            results.push(run_one(program, doc, example));
        }
    }
    results
}

/// What an answer came to: its text, the value to compare, and the trace behind it.
struct Answer {
    actual: String,
    check: Result<(), String>,
    trace: Vec<TraceStep>,
}

fn run_one(program: &Program, doc: usize, example: &Example) -> ExampleResult {
    let (question, answer) = match &example.question {
        Question::Eval { rule } => (format!("求 {rule}"), eval(program, doc, rule, example)),
        Question::Due { as_of, department } => {
            let who = department
                .as_ref()
                .map(|d| format!(" 部门 {d}"))
                .unwrap_or_default();
            (
                format!("截至 {as_of}{who}"),
                due(program, doc, *as_of, department.as_deref(), example),
            )
        }
        Question::Score { scheme } => (
            format!("考核方案 {scheme}"),
            score(program, doc, scheme, example),
        ),
        Question::Progress {
            target,
            actual,
            as_of,
        } => (
            format!("进度 {target}"),
            progress(
                program,
                doc,
                target,
                actual,
                as_of.map(|d| d.year()),
                example,
            ),
        ),
    };
    let expected = example.expect.as_ref().map(expected_text);
    let base = ExampleResult {
        name: example.name.clone(),
        file: example.origin.file.clone(),
        origin: place(&example.origin),
        question,
        status: ExampleStatus::Pass,
        expected,
        actual: None,
        difference: None,
        error: None,
        trace: Vec::new(),
    };
    match answer {
        Err(e) => ExampleResult {
            status: ExampleStatus::Error,
            error: Some(e.message()),
            ..base
        },
        Ok(answer) => {
            let (status, difference) = match answer.check {
                Ok(()) => (ExampleStatus::Pass, None),
                Err(d) => (ExampleStatus::Fail, Some(d)),
            };
            ExampleResult {
                status,
                actual: Some(answer.actual),
                difference,
                trace: answer.trace,
                ..base
            }
        }
    }
}

fn expected_text(expected: &Expected) -> String {
    match expected {
        Expected::Amount(a) => crate::show::amount(a),
        Expected::Date(d) => d.to_string(),
        Expected::Names(names) => names.join("、"),
    }
}

fn cmp_name(cmp: Cmp) -> &'static str {
    match cmp {
        Cmp::Eq => "恰好",
        Cmp::Ge => "不低于",
        Cmp::Gt => "超过",
        Cmp::Le => "不超过",
        Cmp::Lt => "低于",
        Cmp::About => "左右",
    }
}

fn unit_text(unit: &Option<Unit>) -> String {
    unit.as_ref().map_or("(无单位)".into(), |u| u.to_string())
}

/// Compares two quantities exactly: unit first, then value.
fn compare_quantity(what: &str, expected: &Quantity, actual: &Quantity) -> Result<(), String> {
    if expected.unit != actual.unit {
        return Err(format!(
            "{what}单位不同:期望「{}」,实际「{}」",
            unit_text(&expected.unit),
            unit_text(&actual.unit)
        ));
    }
    if expected.value != actual.value {
        // The difference of two values near the ends of `Decimal`'s range may not exist.
        let diff = match actual.value.checked_sub(expected.value) {
            Some(d) => {
                let diff = Quantity {
                    value: d.normalize(),
                    ..expected.clone()
                };
                format!("(实际减期望 {diff})")
            }
            None => String::new(),
        };
        return Err(format!(
            "{what}数值不同:期望 {expected},实际 {actual}{diff}"
        ));
    }
    Ok(())
}

fn compare_outcome(expected: &Amount, actual: &Outcome) -> Result<(), String> {
    match (expected, actual) {
        (
            Amount::Quantity { cmp, quantity, .. },
            Outcome::Amount {
                cmp: got,
                quantity: q,
                ..
            },
        ) => {
            compare_quantity("", quantity, q)?;
            if cmp != got {
                return Err(format!(
                    "比较词不同:期望「{}」,实际「{}」",
                    cmp_name(*cmp),
                    cmp_name(*got)
                ));
            }
            Ok(())
        }
        (
            Amount::Range { low, high, .. },
            Outcome::Range {
                low: l, high: h, ..
            },
        ) => {
            compare_quantity("下端", low, l)?;
            compare_quantity("上端", high, h)
        }
        (
            Amount::RatioRange { low, high, .. },
            Outcome::RatioRange {
                low: l, high: h, ..
            },
        ) => {
            if low == l && high == h {
                Ok(())
            } else {
                Err("比例区间不同".to_string())
            }
        }
        (Amount::Share { .. } | Amount::Change { .. }, _) => {
            Err("结果应写成确定的数额(如 200万元),不能是比例或调整".to_string())
        }
        _ => Err(format!(
            "结果的形式不同:期望 {},实际 {actual}",
            crate::show::amount(expected)
        )),
    }
}

fn eval(program: &Program, doc: usize, rule: &str, example: &Example) -> Result<Answer, EvalError> {
    // By insertion (the last value of a name wins, as with `collect`, which would sort instead:
    // one more copy of the sort in the wasm).
    let mut facts = Facts::new();
    facts.extend(example.given.iter().cloned());
    let ev = eval_rule_in(program, doc, rule, &facts)?;
    let actual = match (&ev.amount, ev.applies) {
        (_, false) => format!("不适用:{}", ev.reason.clone().unwrap_or_default()),
        (Some(a), true) => a.to_string(),
        (None, true) => "没有可计算的金额".to_string(),
    };
    let check = match (&example.expect, &ev.amount, ev.applies) {
        (None, _, _) => Ok(()),
        (Some(_), _, false) => Err("规则不适用".to_string()),
        (Some(Expected::Amount(expected)), Some(got), true) => compare_outcome(expected, got),
        (Some(Expected::Amount(_)), None, true) => Err("规则没有可计算的金额".to_string()),
        (Some(other), _, true) => Err(format!(
            "「求」的结果应是数额,写的是 {}",
            expected_text(other)
        )),
    };
    Ok(Answer {
        actual,
        check,
        trace: ev.trace,
    })
}

fn due(
    program: &Program,
    doc: usize,
    as_of: crate::value::CivilDate,
    department: Option<&str>,
    example: &Example,
) -> Result<Answer, EvalError> {
    let report = due_in_document(program, doc, as_of, department)?;
    let items = report.due_by_as_of();
    let names: Vec<String> = items.iter().map(|i| i.name.clone()).collect();
    let trace: Vec<TraceStep> = items
        .iter()
        .map(|i| TraceStep {
            clause: "措施".to_string(),
            detail: format!(
                "「{}」期限 {}({}){}",
                i.name,
                i.deadline_text.clone().unwrap_or_default(),
                i.deadline.map(|d| d.to_string()).unwrap_or_default(),
                i.role.map(|r| format!(",{}", r.word())).unwrap_or_default()
            ),
            quote: None,
            origin: i.origin.clone(),
        })
        .collect();
    let actual = if names.is_empty() {
        "(没有)".to_string()
    } else {
        names.join("、")
    };
    let check = match &example.expect {
        None => Ok(()),
        Some(Expected::Names(expected)) => {
            let matches = |want: &String, item: &&super::due::DueItem| {
                same_name(want, &item.name)
                    || item
                        .number
                        .as_ref()
                        .is_some_and(|n| same_name(want, &format!("{n}{}", item.name)))
            };
            let missing: Vec<&String> = expected
                .iter()
                .filter(|w| !items.iter().any(|i| matches(w, i)))
                .collect();
            let extra: Vec<&String> = items
                .iter()
                .filter(|i| !expected.iter().any(|w| matches(w, i)))
                .map(|i| &i.name)
                .collect();
            let mut diff = Vec::new();
            if !missing.is_empty() {
                let m: Vec<String> = missing.iter().map(|s| format!("「{s}」")).collect();
                diff.push(format!("期望中有而实际没有: {}", m.join("、")));
            }
            if !extra.is_empty() {
                let e: Vec<String> = extra.iter().map(|s| format!("「{s}」")).collect();
                diff.push(format!("实际中有而期望没有: {}", e.join("、")));
            }
            if diff.is_empty() {
                Ok(())
            } else {
                Err(diff.join(";"))
            }
        }
        Some(other) => Err(format!(
            "「截至」的结果应是措施名称列表,写的是 {}",
            expected_text(other)
        )),
    };
    Ok(Answer {
        actual,
        check,
        trace,
    })
}

fn score(
    program: &Program,
    doc: usize,
    scheme: &str,
    example: &Example,
) -> Result<Answer, EvalError> {
    let mut scores = Scores::new();
    for (name, value) in &example.given {
        let points = match value {
            FactValue::Quantity(q)
                if q.unit.is_none() || q.unit == Some(Unit::of(UnitAtom::Point)) =>
            {
                q.value
            }
            other => {
                return Err(EvalError::BadScore {
                    item: name.clone(),
                    text: match other {
                        FactValue::Quantity(q) => q.to_string(),
                        FactValue::Category(c) => c.clone(),
                        FactValue::Date(d) => d.to_string(),
                    },
                    reason: None,
                })
            }
        };
        scores.insert(name.clone(), points);
    }
    let report = score_in(program, Some(doc), scheme, &scores)?;
    let check = match &example.expect {
        None => Ok(()),
        Some(Expected::Amount(Amount::Quantity { quantity, .. })) => {
            compare_quantity("总分", quantity, &report.total)
        }
        Some(other) => Err(format!(
            "「考核方案」的结果应是总分,写的是 {}",
            expected_text(other)
        )),
    };
    Ok(Answer {
        actual: report.total.to_string(),
        check,
        trace: report.trace,
    })
}

fn progress(
    program: &Program,
    doc: usize,
    target: &str,
    actual: &[crate::ir::YearAmount],
    as_of_year: Option<i32>,
    example: &Example,
) -> Result<Answer, EvalError> {
    let mut figures = Actuals::new();
    figures.extend(actual.iter().map(|ya| (ya.year, ya.quantity.clone())));
    let year = as_of_year
        .or_else(|| figures.keys().next_back().copied())
        .ok_or_else(|| EvalError::NoPlan {
            target: target.to_string(),
            reason: "例中没有实际数,也没有截至日期".into(),
        })?;
    let report = progress_in(program, Some(doc), target, &figures, year)?;
    let gap_text = report
        .gap
        .as_ref()
        .map_or("(没有计划数,无法计算缺口)".to_string(), |g| {
            g.to_string()
        });
    let check = match (&example.expect, &report.gap) {
        (None, _) => Ok(()),
        (Some(Expected::Amount(Amount::Quantity { quantity, .. })), Some(gap)) => {
            compare_quantity("计划缺口", quantity, gap)
        }
        (Some(Expected::Amount(_)), None) => Err("没有计划数,无法计算计划缺口".to_string()),
        (Some(other), _) => Err(format!(
            "「进度」的结果应是计划缺口(数量),写的是 {}",
            expected_text(other)
        )),
    };
    Ok(Answer {
        actual: format!(
            "计划缺口 {gap_text}({},实际累计 {})",
            report.status.word(),
            report.actual_to_date
        ),
        check,
        trace: report.trace,
    })
}

impl fmt::Display for ExampleResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let word = match self.status {
            ExampleStatus::Pass => "通过",
            ExampleStatus::Fail => "失败",
            ExampleStatus::Error => "出错",
        };
        write!(
            f,
            "{word} 例「{}」({})  {}",
            self.name, self.origin, self.question
        )?;
        if self.status == ExampleStatus::Pass {
            return match &self.actual {
                Some(a) => writeln!(f, " → {a}"),
                None => writeln!(f),
            };
        }
        writeln!(f)?;
        if let Some(e) = &self.expected {
            writeln!(f, "    期望: {e}")?;
        }
        if let Some(a) = &self.actual {
            writeln!(f, "    实际: {a}")?;
        }
        if let Some(d) = &self.difference {
            writeln!(f, "    差异: {d}")?;
        }
        if let Some(e) = &self.error {
            writeln!(f, "    错误: {e}")?;
        }
        if !self.trace.is_empty() {
            writeln!(f, "    依据:")?;
            write_trace(f, &self.trace, 6)?;
        }
        Ok(())
    }
}

/// Every example's result with the counts, as `zhengce test --format json` writes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExamplesReport {
    /// `42 个例:42 个通过`.
    pub summary: String,
    pub total: usize,
    pub passed: usize,
    pub failed: usize,
    pub errors: usize,
    pub results: Vec<ExampleResult>,
}

impl ExamplesReport {
    pub fn new(results: Vec<ExampleResult>) -> ExamplesReport {
        let count = |status| results.iter().filter(|r| r.status == status).count();
        ExamplesReport {
            summary: summary(&results),
            total: results.len(),
            passed: count(ExampleStatus::Pass),
            failed: count(ExampleStatus::Fail),
            errors: count(ExampleStatus::Error),
            results,
        }
    }
}

/// `3 个例:2 个通过,1 个失败`.
pub fn summary(results: &[ExampleResult]) -> String {
    let passed = results.iter().filter(|r| r.passed()).count();
    let failed = results
        .iter()
        .filter(|r| r.status == ExampleStatus::Fail)
        .count();
    let errors = results
        .iter()
        .filter(|r| r.status == ExampleStatus::Error)
        .count();
    let mut s = format!("{} 个例:{passed} 个通过", results.len());
    if failed > 0 {
        s.push_str(&format!(",{failed} 个失败"));
    }
    if errors > 0 {
        s.push_str(&format!(",{errors} 个出错"));
    }
    s
}
