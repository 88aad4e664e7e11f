//! The compiler's entry point for a policy set: parse every file and check them together.
//!
//! The caller does the I/O (the CLI reads files, the playground passes the editor's text), so
//! this module works the same natively and in WASM.

use crate::ast::Document;
use crate::diagnostic::{sort_diagnostics, Diagnostic};
use crate::syntax;

/// One source file: the name diagnostics will carry, and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
}

/// A parsed file of the set.
#[derive(Debug)]
pub struct ParsedFile {
    pub name: String,
    pub document: Document,
}

/// Everything a check produces: the documents that could be read and all diagnostics, sorted.
#[derive(Debug)]
pub struct CheckOutput {
    pub files: Vec<ParsedFile>,
    pub diagnostics: Vec<Diagnostic>,
}

impl CheckOutput {
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == crate::Severity::Warning)
            .count()
    }
}

/// Parses and checks a policy set.
pub fn check_files(sources: &[SourceFile]) -> CheckOutput {
    let mut files = Vec::with_capacity(sources.len());
    let mut diagnostics = Vec::new();
    for src in sources {
        let parsed = syntax::parse(&src.text, &src.name);
        diagnostics.extend(parsed.diagnostics);
        files.push(ParsedFile {
            name: src.name.clone(),
            document: parsed.document,
        });
    }
    sort_diagnostics(&mut diagnostics);
    CheckOutput { files, diagnostics }
}
