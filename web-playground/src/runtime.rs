//! The runtime's questions (evaluate, due, score, progress, examples), each one call of
//! `zhengce_runtime::eval` between reading the request and writing the answer.
//!
//! Each question carries the plan's files, not a compiled program: the bindings build the program
//! again (a few milliseconds) rather than read one back from JSON. That keeps them stateless, and
//! keeps the IR's deserialiser, which the browser would otherwise download, out of the wasm.

use zhengce_runtime::eval::{self, EvalError};
use zhengce_runtime::ir::Program;

use crate::request::{kind_of as json_kind, request, Request};
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
    let json = serde_json::to_string(e).unwrap_or_default();
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

pub fn eval(request: &str) -> String {
    let req = match crate::request::request(request) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let (files, rule) = match files_of(&req).and_then(|files| Ok((files, req.string("rule")?))) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let program = match program(files, None) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    // The runtime reads the facts object itself (numbers from their digits, the last of a
    // repeated name); what is not an object is refused after the rule's own check.
    let facts = match req.raw("facts").map(|raw| raw.get()) {
        None => eval::text::parse_facts_json(&program, &rule, "{}"),
        Some(object) if object.starts_with('{') => {
            eval::text::parse_facts_json(&program, &rule, object)
        }
        Some(other) => eval::text::parse_facts_json(&program, &rule, "{}").and_then(|_| {
            Err(EvalError::BadRow {
                reason: format!("不是 JSON 对象({})", json_kind(other)),
            })
        }),
    };
    let facts = match facts {
        Ok(f) => f,
        Err(e) => return eval_error(e),
    };
    match eval::eval_rule(&program, &rule, &facts) {
        Ok(evaluation) => ok(evaluation),
        Err(e) => eval_error(e),
    }
}

pub fn due(request: &str) -> String {
    let read = read(request, |req| {
        Ok((
            files_of(req)?,
            req.string("as_of")?,
            req.opt_string("department")?,
        ))
    });
    let (files, as_of, department) = match read {
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

pub fn score(request: &str) -> String {
    let read = read(request, |req| {
        let files = files_of(req)?;
        let scheme = req.string("scheme")?;
        // A number or a string ("9分"); both read from their digits, never through a float.
        let scores: Vec<(String, String)> = req
            .members("scores")?
            .into_iter()
            .map(|(item, value)| {
                let text = match value.get().starts_with('"') {
                    true => serde_json::from_str(value.get()).unwrap_or_default(),
                    false => value.get().to_string(),
                };
                (item, text)
            })
            .collect();
        Ok((files, scheme, scores))
    });
    let (files, scheme, given) = match read {
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

pub fn progress(request: &str) -> String {
    let read = read(request, |req| {
        let files = files_of(req)?;
        let target = req.string("target")?;
        let actual = req
            .members("actual")?
            .into_iter()
            .map(
                |(year, amount)| match serde_json::from_str::<String>(amount.get()) {
                    Ok(s) => Ok((year, s)),
                    Err(_) => Err(format!(
                        "「actual」中「{year}」的值应为字符串,而不是{}",
                        json_kind(amount.get())
                    )),
                },
            )
            .collect::<Result<Vec<_>, _>>()?;
        Ok((files, target, actual, req.i32("as_of_year")?))
    });
    let (files, target, given, as_of_year) = match read {
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

pub fn examples(request: &str) -> String {
    let files = match read(request, files_of) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    match program(files, None) {
        Ok(p) => ok(eval::run_examples(&p)),
        Err(e) => fail(e),
    }
}
