//! What the checks' unit tests share: running checks on a one-file source, and dates to test
//! date handling with.

use super::{check_files, DocCtx, SourceFile};
use crate::ast::{DateExpr, DatePart};
use crate::diagnostic::{Diagnostic, Span};

/// Runs one family of checks on `src`, which must parse without errors.
pub(super) fn run_check(src: &str, check: fn(&DocCtx, &mut Vec<Diagnostic>)) -> Vec<Diagnostic> {
    let parsed = crate::syntax::parse(src, "t.zc");
    assert!(
        parsed.diagnostics.is_empty(),
        "parse errors: {:?}",
        parsed
            .diagnostics
            .iter()
            .map(|d| &d.message)
            .collect::<Vec<_>>()
    );
    let cx = DocCtx::new("t.zc", &parsed.document);
    let mut out = Vec::new();
    check(&cx, &mut out);
    out
}

pub(super) fn codes_of(d: &[Diagnostic]) -> Vec<&str> {
    d.iter().map(|d| d.code.as_str()).collect()
}

/// Code and message of each diagnostic whose code `keep` accepts, from every check on `src`.
pub(super) fn checked(src: &str, keep: fn(&str) -> bool) -> Vec<(String, String)> {
    let out = check_files(&[SourceFile::new("t.zc", src)]);
    out.diagnostics
        .into_iter()
        .filter(|d| keep(&d.code))
        .map(|d| (d.code, d.message))
        .collect()
}

/// A date as written, without span.
pub(super) fn date(
    year: Option<i32>,
    month: Option<u8>,
    day: Option<u8>,
    part: Option<DatePart>,
) -> DateExpr {
    DateExpr {
        year,
        month,
        until_month: None,
        day,
        part,
        this_month: false,
        span: Span::default(),
    }
}
