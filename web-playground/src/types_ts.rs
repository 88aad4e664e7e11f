//! `src/types.ts`, the TypeScript of what the page sends and what it gets back, written from the
//! Rust types by ts-rs: the requests (`CompileRequest` …, read in `lib.rs` and `runtime.rs`),
//! the playground's answers (`DiagnosticOut` …), the IR (`zhengce_runtime::ir`) and the
//! evaluator's answers (`zhengce_runtime::eval`). The derives are test-only here and behind the
//! `ts` feature in the compiler and runtime, so none of it reaches the wasm.
//!
//! The test fails when the committed file is not what the types give;
//! `UPDATE_TYPES=1 cargo test -p zhengce-playground types_ts` writes it again.

use std::any::TypeId;
use std::path::PathBuf;

use ts_rs::{TypeVisitor, TS};

use crate::ide::{CompletionOut, FixOut, HoverOut};
use crate::runtime::{DueRequest, EvaluateRequest, ExamplesRequest, ProgressRequest, ScoreRequest};
use crate::{
    BuildResult, Capabilities, CheckResult, CompileRequest, FormatResult, LabelOut, TextRequest,
};
use zhengce_runtime::eval::{DueReport, Evaluation, ExampleResult, ProgressReport, ScoreReport};

/// What every function answers, and the fact values `evaluate` takes: written by `ok` and
/// `fail_with` in `lib.rs` as text rather than from a Rust type.
const PROLOGUE: &str = "\
// The JSON shapes of the playground's wasm functions (src/lib.rs). Generated from the Rust types by
// src/types_ts.rs (UPDATE_TYPES=1 cargo test -p zhengce-playground types_ts); do not edit.
//
// wasm-bindgen's own .d.ts (pkg/zhengce_playground.d.ts) only says that every function takes and
// returns a string; these types say what is in those strings. Decimals are strings of digits
// (\"2320000\", \"0.05\"), never JSON numbers, so no value goes through floating point. Counts
// and offsets are JSON numbers (ts-rs would write Rust's 64-bit integers as bigint).

/** Every function answers this (`ok` and `fail_with` in src/lib.rs). */
export type Answer<T> = { ok: true; result: T } | { ok: false; error: ErrorOut };

export interface ErrorOut {
  /** `unavailable` when this build does not have the function; `syntax` when format met syntax
   * errors (detail: DiagnosticOut[]); the evaluator's error kinds (`missing_fact`,
   * `unknown_value`, …, detail: the error's fields); absent for a bad request. */
  kind?: string;
  /** One Chinese sentence. */
  message: string;
  detail?: unknown;
}

/** A fact's value: text as the language writes it (\"1000万元\", \"深度贫困县\", \"2018-05-01\") or a
 * plain number in the fact's unit; \"\" or null means not given. */
export type FactInput = string | number | null;
";

/// Collects the declaration of every type reachable from the roots, each once, by name (the
/// order ts-rs visits dependencies in differs between builds).
#[derive(Default)]
struct Declarations {
    seen: Vec<TypeId>,
    out: Vec<(String, String)>,
}

impl TypeVisitor for Declarations {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if self.seen.contains(&TypeId::of::<T>()) {
            return;
        }
        self.seen.push(TypeId::of::<T>());
        if T::output_path().is_some() {
            self.out.push((T::ident(), format!("export {}", T::decl())));
        }
        T::visit_dependencies(self);
    }
}

fn types_ts() -> String {
    let mut d = Declarations::default();
    // The requests and the answers of every function.
    d.visit::<CompileRequest>();
    d.visit::<EvaluateRequest<'static>>();
    d.visit::<DueRequest>();
    d.visit::<ScoreRequest>();
    d.visit::<ProgressRequest>();
    d.visit::<ExamplesRequest>();
    d.visit::<TextRequest>();
    d.visit::<CheckResult<'static>>();
    d.visit::<LabelOut<'static>>();
    d.visit::<BuildResult<'static>>();
    d.visit::<FormatResult>();
    d.visit::<Capabilities>();
    d.visit::<HoverOut>();
    d.visit::<CompletionOut>();
    d.visit::<FixOut>();
    #[cfg(feature = "draft")]
    d.visit::<crate::DraftResult>();
    d.visit::<Evaluation>();
    d.visit::<DueReport>();
    d.visit::<ScoreReport>();
    d.visit::<ProgressReport>();
    d.visit::<ExampleResult>();
    let mut declarations = d.out;
    declarations.sort();
    let mut out = String::from(PROLOGUE);
    for (_, decl) in declarations {
        out.push('\n');
        // JSON numbers, whatever their Rust width (see the prologue).
        out.push_str(&decl.replace("bigint", "number"));
        out.push('\n');
    }
    out
}

#[test]
fn types_ts_is_generated_from_the_rust_types() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/types.ts");
    let expected = types_ts();
    if std::env::var_os("UPDATE_TYPES").is_some() {
        std::fs::write(&path, &expected).expect("write src/types.ts");
        return;
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "web-playground/src/types.ts is not what the Rust types give; UPDATE_TYPES=1 cargo test -p zhengce-playground types_ts writes it"
    );
}
