//! Arbitrary bytes → `format`: a file without syntax errors always formats; the result parses
//! to the same AST (spans aside) with no error, and formatting it again changes nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zhengce_compiler::format::{ast_without_spans, format};
use zhengce_fuzz::text;

fuzz_target!(|data: &[u8]| {
    let text = text(data);
    let parsed = zhengce_compiler::parse(&text, "f.zc");
    let clean = !parsed.diagnostics.iter().any(|d| d.is_error());
    let formatted = match format(&text) {
        Ok(f) => f,
        Err(diags) => {
            assert!(
                !clean,
                "a file without errors must format: {:?}",
                diags.iter().map(|d| &d.message).collect::<Vec<_>>()
            );
            return;
        }
    };
    assert!(clean, "format accepted a file with errors");
    let again = zhengce_compiler::parse(&formatted, "f.zc");
    assert!(
        !again.diagnostics.iter().any(|d| d.is_error()),
        "formatted text has errors: {:?}\n---\n{formatted}",
        again.diagnostics
    );
    let a = ast_without_spans(&parsed.document);
    let b = ast_without_spans(&again.document);
    assert_eq!(a, b, "format changed the AST\n---\n{formatted}");
    let twice = format(&formatted).expect("formatted text formats");
    assert_eq!(twice, formatted, "format is not idempotent");
});
