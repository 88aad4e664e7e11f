//! The runtime's questions (evaluate, due, score, progress, examples), each one call of
//! `zhengce_runtime::eval` between reading the request and writing the answer.
//!
//! Each question carries the plan's files, not a compiled program: the bindings build the program
//! again (a few milliseconds) rather than read one back from JSON. That keeps them stateless, and
//! keeps the IR's deserialiser, which the browser would otherwise download, out of the wasm.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::value::RawValue;
use zhengce_runtime::eval::{self, EvalError};
use zhengce_runtime::ir::Program;
use zhengce_runtime::Quantity;

use crate::{fail, fail_with, ok, parse_date, parse_request, CompileRequest, FileIn};

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

pub fn eval(request: &str) -> String {
    #[derive(Deserialize)]
    struct Request<'a> {
        files: Vec<FileIn>,
        rule: String,
        #[serde(borrow, default)]
        facts: Option<&'a RawValue>,
    }
    let req: Request = match parse_request(request) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let program = match program(req.files, None) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    let facts_json = req.facts.map_or("{}", |f| f.get());
    let facts = match eval::text::parse_facts_json(&program, &req.rule, facts_json) {
        Ok(f) => f,
        Err(e) => return eval_error(e),
    };
    match eval::eval_rule(&program, &req.rule, &facts) {
        Ok(evaluation) => ok(evaluation),
        Err(e) => eval_error(e),
    }
}

pub fn due(request: &str) -> String {
    #[derive(Deserialize)]
    struct Request {
        files: Vec<FileIn>,
        as_of: String,
        #[serde(default)]
        department: Option<String>,
    }
    let req: Request = match parse_request(request) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let as_of = match parse_date(&req.as_of) {
        Ok(d) => d,
        Err(e) => return fail(e),
    };
    let program = match program(req.files, None) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    let department = req.department.as_deref().filter(|d| !d.trim().is_empty());
    match eval::due(&program, as_of, department) {
        Ok(report) => ok(report),
        Err(e) => eval_error(e),
    }
}

pub fn score(request: &str) -> String {
    #[derive(Deserialize)]
    struct Request<'a> {
        files: Vec<FileIn>,
        scheme: String,
        #[serde(borrow, default)]
        scores: BTreeMap<String, &'a RawValue>,
    }
    let req: Request = match parse_request(request) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let mut scores = BTreeMap::new();
    for (item, raw) in &req.scores {
        // A number or a string ("9分"); both read from their digits, never through a float.
        let text = serde_json::from_str::<String>(raw.get()).unwrap_or_else(|_| raw.get().into());
        if text.trim().is_empty() {
            continue;
        }
        match eval::text::parse_points(item, &text) {
            Ok(points) => {
                scores.insert(item.clone(), points);
            }
            Err(e) => return eval_error(e),
        }
    }
    let program = match program(req.files, None) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    match eval::score(&program, &req.scheme, &scores) {
        Ok(report) => ok(report),
        Err(e) => eval_error(e),
    }
}

pub fn progress(request: &str) -> String {
    #[derive(Deserialize)]
    struct Request {
        files: Vec<FileIn>,
        target: String,
        #[serde(default)]
        actual: BTreeMap<String, String>,
        as_of_year: i32,
    }
    let req: Request = match parse_request(request) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let mut actual: BTreeMap<i32, Quantity> = BTreeMap::new();
    for (year, amount) in &req.actual {
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
    let program = match program(req.files, None) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    match eval::progress(&program, &req.target, &actual, req.as_of_year) {
        Ok(report) => ok(report),
        Err(e) => eval_error(e),
    }
}

pub fn examples(request: &str) -> String {
    #[derive(Deserialize)]
    struct Request {
        files: Vec<FileIn>,
    }
    let req: Request = match parse_request(request) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    match program(req.files, None) {
        Ok(p) => ok(eval::run_examples(&p)),
        Err(e) => fail(e),
    }
}
