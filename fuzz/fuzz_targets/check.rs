//! Arbitrary bytes → `check_files_with` (up to four files split at U+0001, with `--as-of` and
//! `--sources`): no panic, every span on char boundaries, every renderer accepts every
//! diagnostic, and the diagnostics come out sorted.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zhengce_compiler::diagnostic::sort_diagnostics;
use zhengce_compiler::{check_files_with, CheckOptions, SourceFile};
use zhengce_fuzz::{assert_ast_spans, assert_diagnostics, files, text};
use zhengce_runtime::CivilDate;

fuzz_target!(|data: &[u8]| {
    let text = text(data);
    let files = files(&text);
    let options = CheckOptions {
        // The original document: the last file's text, so 原文 quotes are looked up.
        source_texts: Some(vec![SourceFile::new(
            "source.txt",
            files.last().map(|f| f.text.clone()).unwrap_or_default(),
        )]),
        as_of: CivilDate::from_ymd(2018, 6, 30),
        ..CheckOptions::default()
    };
    let out = check_files_with(&files, &options);
    for f in &out.files {
        let text = &files
            .iter()
            .find(|s| s.name == f.name)
            .expect("same files")
            .text;
        let ast = serde_json::to_value(&f.document).expect("the AST serialises");
        assert_ast_spans(text, &ast);
    }
    assert_diagnostics(&out.diagnostics, &files, true);
    let mut sorted = out.diagnostics.clone();
    sort_diagnostics(&mut sorted);
    assert_eq!(sorted, out.diagnostics, "diagnostics are sorted");
});
