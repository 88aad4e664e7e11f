//! Arbitrary bytes → `draft`: no panic; either a Chinese message (no Chinese text, too large;
//! never an internal error), or a draft that parses without errors, is in canonical layout and
//! whose every 原文 is found in the text (`check --sources` reports no ZC09xx).
#![no_main]

use libfuzzer_sys::fuzz_target;
use zhengce_compiler::draft::{draft, DraftError};
use zhengce_compiler::{check_files_with, CheckOptions, SourceFile};
use zhengce_fuzz::text;

fuzz_target!(|data: &[u8]| {
    let text = text(data);
    let drafted = match draft(&text, "f.txt") {
        Ok(d) => d,
        Err(e @ DraftError::Internal(_)) => panic!("internal error: {}", e.message()),
        Err(e) => {
            assert!(!e.message().is_empty());
            return;
        }
    };
    let formatted = zhengce_compiler::format::format(&drafted.text).expect("the draft formats");
    assert_eq!(formatted, drafted.text, "the draft is in canonical layout");
    let options = CheckOptions {
        source_texts: Some(vec![SourceFile::new("f.txt", text.clone())]),
        ..CheckOptions::default()
    };
    let out = check_files_with(&[SourceFile::new("f.zc", drafted.text.clone())], &options);
    let bad: Vec<_> = out
        .diagnostics
        .iter()
        .filter(|d| d.code.starts_with("ZC00") || d.code.starts_with("ZC09"))
        .map(|d| format!("{} {}", d.code, d.message))
        .collect();
    assert!(bad.is_empty(), "{bad:?}\n---\n{}", drafted.text);
});
