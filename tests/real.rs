//! Real published plans that are not seeds (tests/fixtures/real/): each is checked on its own,
//! every 原文 is found in its source text (tests/fixtures/real/sources/, named by the file's 来源),
//! and what the checker reports is pinned per document. tests/fixtures/real/README.md says, for
//! each document, where it comes from and what a careful reading finds, against what is reported.

use std::path::{Path, PathBuf};
use zhengce_compiler::render::{render_short, Sources};
use zhengce_compiler::{check_files_with, CheckOptions, SourceFile};

fn real_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real")
}

fn read_sorted(dir: &Path, ext: &str, prefix: &str) -> Vec<SourceFile> {
    let mut files: Vec<SourceFile> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == ext))
        .map(|p| {
            let name = format!("{prefix}{}", p.file_name().unwrap().to_string_lossy());
            SourceFile::new(name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    files.sort_by(|a, b| a.name.cmp(&b.name));
    files
}

#[test]
fn every_real_document_reads_cleanly_and_its_findings_are_pinned() {
    let dir = real_dir();
    let documents = read_sorted(&dir, "zc", "tests/fixtures/real/");
    let options = CheckOptions {
        source_texts: Some(read_sorted(&dir.join("sources"), "txt", "")),
        ..CheckOptions::default()
    };
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap_or_default();
    for doc in &documents {
        let file_name = doc.name.rsplit('/').next().unwrap();
        assert!(
            readme.contains(file_name),
            "tests/fixtures/real/README.md does not describe {file_name}"
        );
        let out = check_files_with(std::slice::from_ref(doc), &options);
        let sources: Sources = [(doc.name.clone(), doc.text.clone())].into_iter().collect();
        // Reading errors (ZC00xx) and quotes not found in the source (ZC09xx) would mean the
        // encoding, not the document, is wrong.
        let broken: Vec<_> = out
            .diagnostics
            .iter()
            .filter(|d| d.code.starts_with("ZC00") || d.code.starts_with("ZC09"))
            .cloned()
            .collect();
        assert!(broken.is_empty(), "{}", render_short(&broken, &sources));
        let stem = file_name.trim_end_matches(".zc");
        insta::assert_snapshot!(
            format!("real_{stem}"),
            render_short(&out.diagnostics, &sources)
        );
    }
}
