//! Arbitrary bytes → `format`: a file without syntax errors always formats; the result parses
//! to the same AST (spans aside) with no error, and formatting it again changes nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use zhengce_compiler::format::format;
use zhengce_fuzz::text;

fn without_spans(v: Value) -> Value {
    match v {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(k, _)| k != "span" && !k.ends_with("_span"))
                .map(|(k, v)| (k, without_spans(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(without_spans).collect()),
        other => other,
    }
}

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
    let a = without_spans(serde_json::to_value(&parsed.document).unwrap());
    let b = without_spans(serde_json::to_value(&again.document).unwrap());
    assert_eq!(a, b, "format changed the AST\n---\n{formatted}");
    let twice = format(&formatted).expect("formatted text formats");
    assert_eq!(twice, formatted, "format is not idempotent");
});
