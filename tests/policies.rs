//! The seed documents encoded in policies/: they parse cleanly, every 原文 quote is checked
//! against the original texts in ../shared/seeds, and the findings are pinned — a finding that
//! appears or disappears fails the build until FINDINGS.md and the snapshot are regenerated.

use std::path::{Path, PathBuf};
use zhengce_compiler::render::{render_findings, render_short, Sources};
use zhengce_compiler::{check_files_with, CheckOptions, CheckOutput, SourceFile};

const FINDINGS_COMMAND: &str = "cargo run --release -- check policies/ --sources ../shared/seeds --format findings > policies/FINDINGS.md";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Reads every file directly in `dir` with the given extension (or all files), sorted by name,
/// named `prefix` + file name as the CLI names them.
fn read_dir(dir: &Path, ext: Option<&str>, prefix: &str) -> Vec<SourceFile> {
    let mut files: Vec<SourceFile> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && ext.is_none_or(|x| p.extension().is_some_and(|e| e == x)))
        .map(|p| {
            let name = format!("{prefix}{}", p.file_name().unwrap().to_string_lossy());
            SourceFile::new(name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    files.sort_by(|a, b| a.name.cmp(&b.name));
    files
}

fn check_policies() -> (Vec<SourceFile>, CheckOutput) {
    let policies = read_dir(&root().join("policies"), Some("zc"), "policies/");
    let seeds = root().join("../shared/seeds");
    let options = CheckOptions {
        source_texts: Some(read_dir(&seeds, None, "")),
        ..CheckOptions::default()
    };
    let out = check_files_with(&policies, &options);
    (policies, out)
}

#[test]
fn the_seven_documents_are_all_encoded() {
    let (policies, out) = check_policies();
    assert!(
        policies.len() >= 7,
        "expected the seven seed files, found {}",
        policies.len()
    );
    for f in &out.files {
        let has_header = f
            .document
            .items
            .iter()
            .any(|i| matches!(i, zhengce_compiler::ast::Item::Header(_)));
        assert!(has_header, "{} has no 文件 header", f.name);
    }
}

#[test]
fn policies_have_no_syntax_errors_and_every_quote_is_found() {
    let (policies, out) = check_policies();
    let sources: Sources = policies
        .iter()
        .map(|f| (f.name.clone(), f.text.clone()))
        .collect();
    // Reading errors (ZC00xx) and missing quotes or sources (ZC09xx) would mean the encoding,
    // not the document, is wrong.
    let broken: Vec<_> = out
        .diagnostics
        .iter()
        .filter(|d| d.code.starts_with("ZC00") || d.code.starts_with("ZC09"))
        .cloned()
        .collect();
    assert!(broken.is_empty(), "{}", render_short(&broken, &sources));
}

#[test]
fn findings_md_is_up_to_date() {
    let (policies, out) = check_policies();
    let sources: Sources = policies
        .iter()
        .map(|f| (f.name.clone(), f.text.clone()))
        .collect();
    let report = render_findings(&out, &sources, FINDINGS_COMMAND);
    let path = root().join("policies/FINDINGS.md");
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    if current != report {
        if std::env::var("UPDATE_FINDINGS").is_ok_and(|v| v == "1") {
            std::fs::write(&path, &report).unwrap();
        } else {
            panic!(
                "policies/FINDINGS.md is stale; regenerate with\n  {FINDINGS_COMMAND}\n\
                 (or UPDATE_FINDINGS=1 cargo test --test policies)"
            );
        }
    }
}

#[test]
fn findings_are_pinned() {
    let (policies, out) = check_policies();
    let sources: Sources = policies
        .iter()
        .map(|f| (f.name.clone(), f.text.clone()))
        .collect();
    insta::assert_snapshot!("policy_findings", render_short(&out.diagnostics, &sources));
}
