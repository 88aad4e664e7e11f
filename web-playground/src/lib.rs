//! zhengce in the browser: the compiler and runtime behind JSON-in/JSON-out functions.
//!
//! Thin on purpose (like cedar-wasm): each function reads a JSON request, calls one function of
//! `zhengce-compiler` or `zhengce-runtime`, and writes a JSON answer. The only work done here
//! is (de)serialisation and turning the compiler's UTF-8 byte spans into the UTF-16 offsets,
//! lines and columns a JavaScript editor counts in ([`offsets`]).
//!
//! Every function answers `{"ok": true, "result": …}` or `{"ok": false, "error": {"message":
//! "…", …}}` and never panics on bad input. The shapes are TypeScript in `src/types.ts`,
//! generated from these Rust types by the test in `src/types_ts.rs`; `wasm-bindgen` emits the
//! functions' own `.d.ts` (they take and return strings). The functions are plain Rust functions too, so `cargo test` checks them natively.
//!
//! | JS name    | request                                                   | result |
//! |------------|-----------------------------------------------------------|--------|
//! | `check`    | `{files: [{name, text}], as_of?}`                         | diagnostics |
//! | `build`    | `{files, as_of?, allow_errors?}`                          | IR program (or null) and diagnostics |
//! | `evaluate` | `{files, rule, facts: {名称: "1000万元"}}`                 | the rule's evaluation with its trace |
//! | `due`      | `{files, as_of, department?}`                             | duties by status |
//! | `score`    | `{files, scheme, scores: {项: "9分"}}`                     | the assessment's total |
//! | `progress` | `{files, target, actual: {"2016": "50万人"}, as_of_year}`  | the target's progress |
//! | `examples` | `{files}`                                                 | the files' own 例, each run |
//! | `format`   | `{text, name?}`                                           | the text in canonical layout |
//! | `hover`, `complete`, `fixes` | `{files, file, offset?}` (see [`ide`])   | the editor's hover, completions, quick fixes |
//! | `draft`    | `{text, name?}` (a plan's plain text)                     | a first rule file (`zhengce draft`) and its counts |
//!
//! The page loads two wasm modules built from this crate with different features (see
//! `Cargo.toml`): the main one exports every function but `draft` (the editor's `hover`, `complete` and `fixes` included); the drafter exports `draft`
//! alone and is fetched only when the user asks for a draft.
//!
//! The runtime's questions take the plan's files and build the program again (as `build` with
//! `allow_errors` does) instead of taking the IR back as JSON: the IR's deserialiser would add
//! about 250 KB to the wasm for no gain, and the bindings stay stateless.
//!
//! `evaluate` is not called `eval`: a module cannot export a binding named `eval` in strict mode.

mod ide;
mod json_out;
pub mod offsets;
mod request;
#[cfg(feature = "eval")]
mod runtime;
#[cfg(not(feature = "eval"))]
#[path = "runtime_absent.rs"]
mod runtime;

use serde::Serialize;
// Without a module feature nothing is exported (a build only the tests would use).
#[cfg(any(feature = "main", feature = "draft"))]
use wasm_bindgen::prelude::wasm_bindgen;

use zhengce_compiler::{CheckOptions, Diagnostic, Severity, SourceFile};
use zhengce_runtime::CivilDate;

use offsets::Utf16Index;
use request::{Fields, Json, Request};

/// One file as the page sends it.
#[cfg_attr(test, derive(ts_rs::TS))]
pub(crate) struct FileIn {
    name: String,
    text: String,
}

/// The request of `check` and `build`.
#[cfg_attr(test, derive(ts_rs::TS))]
pub(crate) struct CompileRequest {
    pub(crate) files: Vec<FileIn>,
    /// `YYYY-MM-DD`: report duties overdue on this day without 完成.
    #[cfg_attr(test, ts(optional))]
    pub(crate) as_of: Option<String>,
    /// `build` only: build the IR even when the checks found errors (not when a file could not
    /// be read), so the page can show a plan whose figures do not add up.
    #[cfg_attr(test, ts(as = "Option<bool>", optional))]
    pub(crate) allow_errors: bool,
}

/// `files: [{name, text}]`, which every function but `format` takes.
pub(crate) fn files_of(req: &Request) -> Result<Vec<FileIn>, String> {
    req.array("files")?
        .iter()
        .map(|file| {
            let Json::Object(members) = file else {
                return Err(format!(
                    "「files」的每一项应为对象 {{name, text}},而不是{file}"
                ));
            };
            Ok(FileIn {
                name: members.string("name")?,
                text: members.string("text")?,
            })
        })
        .collect()
}

impl CompileRequest {
    fn read(request: &str) -> Result<CompileRequest, String> {
        let req = request::request(request)?;
        Ok(CompileRequest {
            files: files_of(&req)?,
            as_of: req.opt_string("as_of")?,
            allow_errors: req.bool_or_false("allow_errors")?,
        })
    }
}

/// A diagnostic as the page draws it (see `DiagnosticOut` in `src/types.ts`).
#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
struct DiagnosticOut<'a> {
    code: &'a str,
    severity: Severity,
    message: &'a str,
    labels: Vec<LabelOut<'a>>,
    notes: &'a [String],
    help: Option<&'a str>,
    /// The item the finding is about, with its 原文 (`null` outside any item).
    subject: Option<&'a zhengce_compiler::Subject>,
}

/// A label with its place in the editor's units. `from`/`to` are UTF-16 offsets from the start
/// of the file (what CodeMirror positions are); lines and columns are 1-based, columns counted
/// in UTF-16 units, the end exclusive. All five are `null` when the label's file was not sent.
#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
struct LabelOut<'a> {
    file: &'a str,
    message: &'a str,
    primary: bool,
    /// The compiler's UTF-8 byte span, for tools that want it.
    span: zhengce_compiler::Span,
    from: Option<usize>,
    to: Option<usize>,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
}

/// The answer every function gives: `{"ok": true, "result": …}`. Serialised straight to a string
/// (never through `serde_json::Value`) by [`json_out`], the one serializer of the wasm: that keeps
/// it small.
pub(crate) fn ok(result: impl Serialize) -> String {
    match json_out::to_string(&result) {
        Ok(result) => format!("{{\"ok\":true,\"result\":{result}}}"),
        Err(e) => fail(format!("结果无法转为 JSON:{e}")),
    }
}

#[derive(Serialize)]
struct ErrorOut<'a, D: Serialize> {
    /// `unavailable` for a function this build does not have yet; the runtime's error kinds.
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'a str>,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    detail: Option<D>,
}

/// `{"ok": false, "error": {"message": "…"}}`.
pub(crate) fn fail(message: impl Into<String>) -> String {
    fail_with::<()>(None, &message.into(), None)
}

/// An error with a kind and details of its own (the runtime's errors).
pub(crate) fn fail_with<D: Serialize>(
    kind: Option<&str>,
    message: &str,
    detail: Option<D>,
) -> String {
    let error = ErrorOut {
        kind,
        message,
        detail,
    };
    let error = json_out::to_string(&error)
        .unwrap_or_else(|_| json_out::to_string(message).unwrap_or_default());
    format!("{{\"ok\":false,\"error\":{error}}}")
}

pub(crate) fn parse_date(text: &str) -> Result<CivilDate, String> {
    CivilDate::parse_iso(text.trim())
        .ok_or_else(|| format!("「{text}」不是有效日期,应写作 YYYY-MM-DD,如 2018-05-01"))
}

impl CompileRequest {
    fn sources(&self) -> Vec<SourceFile> {
        self.files
            .iter()
            .map(|f| SourceFile::new(f.name.clone(), f.text.clone()))
            .collect()
    }

    fn options(&self) -> Result<CheckOptions, String> {
        Ok(CheckOptions {
            as_of: self.as_of.as_deref().map(parse_date).transpose()?,
            ..CheckOptions::default()
        })
    }
}

/// The diagnostics with every label placed in the editor's units. A file's line index is built
/// only when a label is in it (a file without findings costs nothing on each check).
fn diagnostics_out<'a>(diags: &'a [Diagnostic], files: &'a [FileIn]) -> Vec<DiagnosticOut<'a>> {
    let mut indexes: Vec<(&str, Utf16Index)> = Vec::new();
    for f in files {
        let labelled = diags
            .iter()
            .any(|d| d.labels.iter().any(|l| l.file == f.name));
        if labelled {
            indexes.push((f.name.as_str(), Utf16Index::new(&f.text)));
        }
    }
    diags
        .iter()
        .map(|d| DiagnosticOut {
            code: &d.code,
            severity: d.severity,
            message: &d.message,
            labels: d
                .labels
                .iter()
                .map(|l| {
                    let index = indexes.iter().find(|(n, _)| *n == l.file).map(|(_, i)| i);
                    let from = index.map(|i| i.position(l.span.start));
                    let to = index.map(|i| i.end_position(l.span.end.max(l.span.start)));
                    LabelOut {
                        file: &l.file,
                        message: &l.message,
                        primary: l.primary,
                        span: l.span,
                        from: from.map(|p| p.offset),
                        to: to.map(|p| p.offset),
                        line: from.map(|p| p.line),
                        column: from.map(|p| p.column),
                        end_line: to.map(|p| p.line),
                        end_column: to.map(|p| p.column),
                    }
                })
                .collect(),
            notes: &d.notes,
            help: d.help.as_deref(),
            subject: d.subject.as_ref(),
        })
        .collect()
}

/// What `check` answers; `build` adds the program.
#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
struct CheckResult<'a> {
    diagnostics: Vec<DiagnosticOut<'a>>,
    errors: usize,
    warnings: usize,
}

#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
struct BuildResult<'a> {
    /// `null` when errors prevented the build.
    program: Option<&'a zhengce_runtime::ir::Program>,
    #[serde(flatten)]
    check: CheckResult<'a>,
}

impl<'a> CheckResult<'a> {
    fn new(diags: &'a [Diagnostic], files: &'a [FileIn]) -> CheckResult<'a> {
        CheckResult {
            diagnostics: diagnostics_out(diags, files),
            errors: diags.iter().filter(|d| d.is_error()).count(),
            warnings: diags
                .iter()
                .filter(|d| d.severity == Severity::Warning)
                .count(),
        }
    }
}

/// Parses and checks a policy set: `{files: [{name, text}], as_of?}` →
/// `{diagnostics, errors, warnings}`.
#[cfg_attr(feature = "main", wasm_bindgen)]
pub fn check(request: &str) -> String {
    let req = match CompileRequest::read(request) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let options = match req.options() {
        Ok(o) => o,
        Err(e) => return fail(e),
    };
    // Kept for the editor's hover, completion and fixes on the same text (ide.rs).
    let analysis = ide::analysis(req.sources(), req.as_of.clone(), &options);
    ok(CheckResult::new(analysis.diagnostics(), &req.files))
}

/// What is under the cursor: `{files, file, offset}` → `{from, to, markdown}` or `null`.
#[cfg_attr(feature = "main", wasm_bindgen)]
pub fn hover(request: &str) -> String {
    ide::hover(request)
}

/// What may be written at the cursor: `{files, file, offset}` → completions.
#[cfg_attr(feature = "main", wasm_bindgen)]
pub fn complete(request: &str) -> String {
    ide::complete(request)
}

/// The quick fixes of a file's diagnostics: `{files, file}` → fixes with their edits.
#[cfg_attr(feature = "main", wasm_bindgen)]
pub fn fixes(request: &str) -> String {
    ide::fixes(request)
}

/// The editor's check: the set is kept between calls and each call checks only what changed
/// since the last (`zhengce_compiler::Workspace`: the edited statements parsed again, the edited
/// documents' checks run again). `check` answers exactly as the function [`check`] does for the
/// same request. Part of the main module only (the drafter has no checker).
#[cfg(feature = "main")]
#[wasm_bindgen]
#[derive(Default)]
pub struct Checker {
    workspace: zhengce_compiler::Workspace,
    as_of: Option<String>,
}

#[cfg(feature = "main")]
#[wasm_bindgen]
impl Checker {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Checker {
        Checker::default()
    }

    /// `{files: [{name, text}], as_of?}` → `{diagnostics, errors, warnings}`, as [`check`].
    pub fn check(&mut self, request: &str) -> String {
        let req = match CompileRequest::read(request) {
            Ok(r) => r,
            Err(e) => return fail(e),
        };
        let options = match req.options() {
            Ok(o) => o,
            Err(e) => return fail(e),
        };
        if req.as_of != self.as_of {
            self.workspace.set_options(options);
            self.as_of = req.as_of.clone();
        }
        self.workspace.set_files(&req.sources());
        let diagnostics = self.workspace.check();
        ok(CheckResult::new(diagnostics, &req.files))
    }
}

/// Checks a policy set and compiles it to the IR: `{files, as_of?, allow_errors?}` →
/// `{program, diagnostics, errors, warnings}`; `program` is `null` when errors prevented it.
#[cfg_attr(feature = "main", wasm_bindgen)]
pub fn build(request: &str) -> String {
    let req = match CompileRequest::read(request) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let options = match req.options() {
        Ok(o) => o,
        Err(e) => return fail(e),
    };
    // The check is kept for the editor's hover, completion and fixes (ide.rs).
    let analysis = ide::analysis(req.sources(), req.as_of.clone(), &options);
    let out = zhengce_compiler::build::build_checked(
        analysis.files(),
        analysis.output(),
        req.allow_errors,
    );
    ok(BuildResult {
        program: out.program.as_ref(),
        check: CheckResult::new(&out.diagnostics, &req.files),
    })
}

/// Evaluates a 标准/补助: `{files, rule, facts: {名称: "值"}}` → the evaluation and its trace.
/// A fact's value is text as the language writes it (`"1000万元"`, `"深度贫困县"`,
/// `"2018-05-01"`) or a plain number in the fact's unit; `""` or `null` means not given.
#[cfg_attr(feature = "main", wasm_bindgen(js_name = evaluate))]
pub fn eval(request: &str) -> String {
    runtime::eval(request)
}

/// Duties by status on a day: `{files, as_of, department?}`.
#[cfg_attr(feature = "main", wasm_bindgen)]
pub fn due(request: &str) -> String {
    runtime::due(request)
}

/// The total of an assessment: `{files, scheme, scores: {项: "9分" | 9}}`.
#[cfg_attr(feature = "main", wasm_bindgen)]
pub fn score(request: &str) -> String {
    runtime::score(request)
}

/// A target's progress: `{files, target, actual: {"2016": "50万人"}, as_of_year}`.
#[cfg_attr(feature = "main", wasm_bindgen)]
pub fn progress(request: &str) -> String {
    runtime::progress(request)
}

/// Runs the files' own worked examples (例): `{files}`.
#[cfg_attr(feature = "main", wasm_bindgen)]
pub fn examples(request: &str) -> String {
    runtime::examples(request)
}

/// Lays a file out the canonical way: `{text, name?}` → `{text}`. A file with syntax errors is
/// not rewritten: `{ok: false, error: {kind: "syntax", message, detail: [diagnostics]}}`.
#[cfg_attr(feature = "main", wasm_bindgen)]
pub fn format(request: &str) -> String {
    let (text, name) = match TextRequest::read(request) {
        Ok(r) => (r.text, r.name.unwrap_or_default()),
        Err(e) => return fail(e),
    };
    match format_text(&text, &name) {
        Ok(text) => ok(FormatResult { text }),
        Err(diags) => {
            let files = [FileIn { name, text }];
            let detail = diagnostics_out(&diags, &files);
            fail_with(
                Some("syntax"),
                &format!("文件有 {} 处语法错误,未格式化", diags.len()),
                Some(detail),
            )
        }
    }
}

/// What `format` and `draft` read: a text and its file name.
#[cfg_attr(test, derive(ts_rs::TS))]
struct TextRequest {
    text: String,
    /// The file's name: what `format` reports syntax errors under, the draft's 来源.
    #[cfg_attr(test, ts(optional))]
    name: Option<String>,
}

impl TextRequest {
    fn read(request: &str) -> Result<TextRequest, String> {
        let req = request::request(request)?;
        Ok(TextRequest {
            text: req.string("text")?,
            name: req.opt_string("name")?,
        })
    }
}

#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
struct FormatResult {
    text: String,
}

#[cfg(feature = "format")]
const FORMAT_AVAILABLE: bool = true;
#[cfg(not(feature = "format"))]
const FORMAT_AVAILABLE: bool = false;

#[cfg(feature = "format")]
fn format_text(text: &str, name: &str) -> Result<String, Vec<Diagnostic>> {
    zhengce_compiler::format::format_named(text, name)
}

#[cfg(not(feature = "format"))]
fn format_text(_text: &str, name: &str) -> Result<String, Vec<Diagnostic>> {
    Err(vec![Diagnostic::error("", "此版本未包含格式化功能")
        .primary(name, zhengce_compiler::Span::new(0, 0), "")])
}

/// Drafts a rule file from a plan's plain text (`zhengce draft`): `{text, name?}` →
/// `{text, counts}`, `name` being the text's file name (the draft's 来源, default `原文.txt`).
/// A text that cannot be drafted (no Chinese, too large) answers the Chinese reason. The one
/// function of the drafter module (feature `draft`), which the page loads only when asked.
#[cfg(feature = "draft")]
#[wasm_bindgen]
pub fn draft(request: &str) -> String {
    let (text, name) = match TextRequest::read(request) {
        Ok(r) => (
            r.text,
            r.name
                .filter(|n| !n.trim().is_empty())
                .unwrap_or_else(|| "原文.txt".to_string()),
        ),
        Err(e) => return fail(e),
    };
    match zhengce_compiler::draft::draft(&text, &name) {
        Ok(d) => {
            let c = d.counts;
            ok(DraftResult {
                text: d.text,
                counts: DraftCounts {
                    departments: c.departments,
                    measures: c.measures,
                    targets: c.targets,
                    standards: c.standards,
                    phases: c.phases,
                    pending: c.pending,
                },
            })
        }
        Err(e) => fail(e.message()),
    }
}

/// What `draft` answers, as the drafter module's one function.
#[cfg(feature = "draft")]
#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
struct DraftResult {
    text: String,
    counts: DraftCounts,
}

/// What a draft holds, for the page's note.
#[cfg(feature = "draft")]
#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
struct DraftCounts {
    departments: usize,
    measures: usize,
    targets: usize,
    standards: usize,
    phases: usize,
    /// `// 待编码:` comments: sentences the draft could not place.
    pending: usize,
}

/// The functions of the main module, so the page can tell "not available" from "failed"
/// (`draft` is the drafter module's, which the page loads apart).
#[cfg_attr(feature = "main", wasm_bindgen)]
pub fn capabilities() -> String {
    ok(Capabilities {
        check: true,
        build: true,
        evaluate: runtime::AVAILABLE,
        due: runtime::AVAILABLE,
        score: runtime::AVAILABLE,
        progress: runtime::AVAILABLE,
        examples: runtime::AVAILABLE,
        format: FORMAT_AVAILABLE,
        ide: true,
        version: env!("CARGO_PKG_VERSION"),
    })
}

/// What `capabilities` answers: which functions this build has, and its version.
#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
struct Capabilities {
    check: bool,
    build: bool,
    evaluate: bool,
    due: bool,
    score: bool,
    progress: bool,
    examples: bool,
    format: bool,
    /// Hover, completion and quick fixes (`hover`, `complete`, `fixes`).
    ide: bool,
    version: &'static str,
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod types_ts;
