//! The generated corpus is what the benchmarks claim it is: policy files that parse without a
//! syntax error and check clean, sets whose 依据 resolve across files, tiered subsidies whose
//! worked examples pass, and batch rows the evaluator accepts.

use zhengce_bench::{document, document_lines, policy_set, rows_csv};
use zhengce_compiler::build::build;
use zhengce_compiler::{check_files, CheckOptions, SourceFile};
use zhengce_runtime::eval::{eval_batch, run_examples, BatchOptions, ExampleStatus, RowFormat};

fn assert_clean(sources: &[SourceFile]) {
    let out = check_files(sources);
    let syntax: Vec<_> = out
        .diagnostics
        .iter()
        .filter(|d| d.code.starts_with("ZC00"))
        .collect();
    assert!(syntax.is_empty(), "syntax errors: {syntax:#?}");
    let errors: Vec<_> = out.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "errors: {errors:#?}");
}

#[test]
fn a_single_file_checks_clean_and_its_examples_pass() {
    let sources = [SourceFile::new("one.zc", document(11, 120_000))];
    assert_clean(&sources);
    let program = build(&sources, &CheckOptions::default())
        .program
        .expect("builds");
    let results = run_examples(&program);
    assert!(!results.is_empty(), "the file has worked examples");
    for r in &results {
        assert_eq!(r.status, ExampleStatus::Pass, "{r:#?}");
    }
}

#[test]
fn a_small_set_resolves_every_basis_and_checks_clean() {
    let set = policy_set(5, 40, 6_000);
    let sources: Vec<SourceFile> = set
        .iter()
        .map(|(name, text)| SourceFile::new(name.clone(), text.clone()))
        .collect();
    // Every document but the root cites another one of the set (not 外部).
    for (name, text) in &set[1..] {
        assert!(text.contains("依据：《"), "{name} cites the set");
    }
    assert_clean(&sources);
    // The cross-document checks do compare: drop the root and its children lose their basis.
    let out = check_files(&sources[1..]);
    assert!(
        out.diagnostics.iter().any(|d| d.code == "ZC0801"),
        "a missing basis is reported"
    );
}

#[test]
fn a_file_of_five_thousand_lines_checks_clean() {
    let text = document_lines(2017, 5_000);
    assert!(text.lines().count() >= 5_000);
    assert_clean(&[SourceFile::new("lines.zc", text)]);
}

#[test]
fn generated_rows_evaluate_without_errors() {
    let sources = [SourceFile::new("one.zc", document(3, 40_000))];
    let program = build(&sources, &CheckOptions::default())
        .program
        .expect("builds");
    let rule = program.documents[0]
        .rules
        .iter()
        .find(|r| r.name.starts_with("光伏扶贫以奖代补"))
        .expect("a tiered subsidy")
        .name
        .clone();
    let rows = rows_csv(1, 500);
    let mut out = Vec::new();
    let summary = eval_batch(
        &program,
        &rule,
        RowFormat::Csv,
        rows.as_bytes(),
        &mut out,
        &BatchOptions::default(),
    )
    .expect("runs");
    assert_eq!(summary.rows, 500);
    assert_eq!(summary.applied, 500, "{summary:?}");
}
