//! The runtime's questions (evaluate, due, score, progress, examples), each one call of
//! `zhengce_runtime::eval` between reading the request and writing the answer.
//!
//! Each question carries the plan's files, not a compiled program: the bindings build the program
//! again (a few milliseconds) rather than read one back from JSON. That keeps them stateless, and
//! keeps the IR's deserialiser, which the browser would otherwise download, out of the wasm.

use zhengce_runtime::eval::text::JsonFact;
use zhengce_runtime::eval::{self, EvalError};
use zhengce_runtime::ir::Program;

use crate::request::{by_name, request, Fields, Json, Request};
use crate::{fail, fail_with, files_of, ok, parse_date, CompileRequest, FileIn};

pub const AVAILABLE: bool = true;

/// `{"ok": false, "error": {"kind": "missing_fact", "message": "…", "detail": {…}}}`.
fn eval_error(e: EvalError) -> String {
    let message = e.message();
    let kind = kind_of(&e);
    fail_with(Some(&kind), &message, Some(&e))
}

/// The error's `kind` as its JSON names it (`missing_fact`), without going through a JSON value.
fn kind_of(e: &EvalError) -> String {
    let json = crate::json_out::to_string(e).unwrap_or_default();
    json.strip_prefix("{\"kind\":\"")
        .and_then(|rest| rest.split('"').next())
        .unwrap_or("error")
        .to_string()
}

/// The program of the request's files, built even when the checks found errors (not when a file
/// could not be read), as the page's views are.
fn program(files: Vec<FileIn>, as_of: Option<String>) -> Result<Program, String> {
    let req = CompileRequest {
        files,
        as_of,
        allow_errors: true,
    };
    let options = req.options()?;
    let out = zhengce_compiler::build::build_allowing_errors(&req.sources(), &options);
    let errors = out.error_count();
    out.program
        .ok_or_else(|| format!("文件有 {errors} 个错误,无法编译;请先修正语法错误"))
}

/// The request read by `read`, or the answer why it could not be.
fn read<T>(text: &str, read: impl FnOnce(&Request) -> Result<T, String>) -> Result<T, String> {
    read(&request(text)?)
}

/// A JSON value as the runtime reads a fact's value.
fn fact_value(value: &Json) -> JsonFact<'_> {
    match value {
        Json::Null => JsonFact::Null,
        Json::String(s) => JsonFact::String(s),
        Json::Number(n) => JsonFact::Number(n),
        Json::Bool(true) => JsonFact::Other("true"),
        Json::Bool(false) => JsonFact::Other("false"),
        Json::Array(_) => JsonFact::Other("[…]"),
        Json::Object(_) => JsonFact::Other("{…}"),
    }
}

/// What `evaluate` reads.
#[cfg_attr(test, derive(ts_rs::TS))]
pub(crate) struct EvaluateRequest<'r> {
    files: Vec<FileIn>,
    rule: String,
    /// A fact's value: text as the language writes it ("1000万元", "深度贫困县", "2018-05-01")
    /// or a plain number in the fact's unit; "" or null means not given.
    #[cfg_attr(test, ts(type = "Record<string, string | number | null>", optional))]
    facts: Option<&'r Json>,
}

impl EvaluateRequest<'_> {
    fn read(req: &Request) -> Result<EvaluateRequest<'_>, String> {
        Ok(EvaluateRequest {
            files: files_of(req)?,
            rule: req.string("rule")?,
            facts: req.field("facts"),
        })
    }
}

pub fn eval(request: &str) -> String {
    let req = match crate::request::request(request) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let EvaluateRequest { files, rule, facts } = match EvaluateRequest::read(&req) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let program = match program(files, None) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    let (members, not_an_object) = match facts {
        None => (Vec::new(), None),
        Some(Json::Object(members)) => (by_name(members), None),
        Some(other) => (Vec::new(), Some(other)),
    };
    let values: Vec<(&str, JsonFact)> = members
        .into_iter()
        .map(|(name, value)| (name, fact_value(value)))
        .collect();
    let facts = eval::text::parse_facts_values(&program, &rule, values).and_then(|facts| {
        match not_an_object {
            // What the runtime's JSON reader answers (kind `bad_row`), after the rule's check.
            Some(other) => Err(EvalError::BadRow {
                reason: format!("不是 JSON 对象({other})"),
            }),
            None => Ok(facts),
        }
    });
    let facts = match facts {
        Ok(f) => f,
        Err(e) => return eval_error(e),
    };
    match eval::eval_rule(&program, &rule, &facts) {
        Ok(evaluation) => ok(evaluation),
        Err(e) => eval_error(e),
    }
}

/// What `due` reads.
#[cfg_attr(test, derive(ts_rs::TS))]
pub(crate) struct DueRequest {
    files: Vec<FileIn>,
    /// YYYY-MM-DD.
    as_of: String,
    /// Only this department's duties (a name or an alias).
    #[cfg_attr(test, ts(optional))]
    department: Option<String>,
}

pub fn due(request: &str) -> String {
    let read = read(request, |req| {
        Ok(DueRequest {
            files: files_of(req)?,
            as_of: req.string("as_of")?,
            department: req.opt_string("department")?,
        })
    });
    let DueRequest {
        files,
        as_of,
        department,
    } = match read {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let as_of = match parse_date(&as_of) {
        Ok(d) => d,
        Err(e) => return fail(e),
    };
    let program = match program(files, None) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    let department = department.as_deref().filter(|d| !d.trim().is_empty());
    match eval::due(&program, as_of, department) {
        Ok(report) => ok(report),
        Err(e) => eval_error(e),
    }
}

/// What `score` reads.
#[cfg_attr(test, derive(ts_rs::TS))]
pub(crate) struct ScoreRequest {
    files: Vec<FileIn>,
    scheme: String,
    /// Each item's points: a number or text (`"9分"`), read from its digits, never a float.
    #[cfg_attr(test, ts(type = "Record<string, string | number>"))]
    scores: Vec<(String, String)>,
}

pub fn score(request: &str) -> String {
    let read = read(request, |req| {
        let files = files_of(req)?;
        let scheme = req.string("scheme")?;
        // A number or a string ("9分"); both read from their digits, never through a float.
        let scores: Vec<(String, String)> = by_name(req.members("scores")?)
            .into_iter()
            .map(|(item, value)| {
                let text = match value {
                    Json::String(s) => s.clone(),
                    other => other.to_string(),
                };
                (item.to_string(), text)
            })
            .collect();
        Ok(ScoreRequest {
            files,
            scheme,
            scores,
        })
    });
    let ScoreRequest {
        files,
        scheme,
        scores: given,
    } = match read {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let mut scores = eval::Scores::new();
    for (item, text) in given {
        if text.trim().is_empty() {
            continue;
        }
        match eval::text::parse_points(&item, &text) {
            Ok(points) => {
                scores.insert(item, points);
            }
            Err(e) => return eval_error(e),
        }
    }
    let program = match program(files, None) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    match eval::score(&program, &scheme, &scores) {
        Ok(report) => ok(report),
        Err(e) => eval_error(e),
    }
}

/// What `progress` reads.
#[cfg_attr(test, derive(ts_rs::TS))]
pub(crate) struct ProgressRequest {
    files: Vec<FileIn>,
    target: String,
    /// Year → amount ("2016": "50万人").
    #[cfg_attr(test, ts(type = "Record<string, string>"))]
    actual: Vec<(String, String)>,
    as_of_year: i32,
}

pub fn progress(request: &str) -> String {
    let read = read(request, |req| {
        let files = files_of(req)?;
        let target = req.string("target")?;
        let actual = by_name(req.members("actual")?)
            .into_iter()
            .map(|(year, amount)| match amount {
                Json::String(s) => Ok((year.to_string(), s.clone())),
                other => Err(format!(
                    "「actual」中「{year}」的值应为字符串,而不是{other}"
                )),
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(ProgressRequest {
            files,
            target,
            actual,
            as_of_year: req.i32("as_of_year")?,
        })
    });
    let ProgressRequest {
        files,
        target,
        actual: given,
        as_of_year,
    } = match read {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let mut actual = eval::Actuals::new();
    for (year, amount) in &given {
        if amount.trim().is_empty() {
            continue;
        }
        match eval::text::parse_year_amount(&format!("{year}={amount}")) {
            Ok((year, quantity)) => {
                actual.insert(year, quantity);
            }
            Err(e) => return fail(e),
        }
    }
    let program = match program(files, None) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    match eval::progress(&program, &target, &actual, as_of_year) {
        Ok(report) => ok(report),
        Err(e) => eval_error(e),
    }
}

/// What `examples` reads.
#[cfg_attr(test, derive(ts_rs::TS))]
pub(crate) struct ExamplesRequest {
    files: Vec<FileIn>,
}

pub fn examples(request: &str) -> String {
    let read = read(request, |req| {
        Ok(ExamplesRequest {
            files: files_of(req)?,
        })
    });
    let ExamplesRequest { files } = match read {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    match program(files, None) {
        Ok(p) => ok(eval::run_examples(&p)),
        Err(e) => fail(e),
    }
}
