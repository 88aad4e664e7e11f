//! The invariants every fuzz target asserts, shared by the targets in `fuzz_targets/`.
//!
//! - every span the compiler produces (AST nodes and diagnostic labels) is on char boundaries
//!   and within its file's text;
//! - every diagnostic has a code in the catalogue, a message, and renders with every renderer;
//! - nothing panics (libFuzzer reports a panic as a crash).

use serde_json::Value;
use zhengce_compiler::render::{
    render_ariadne, render_codespan, render_json, render_short, Sources,
};
use zhengce_compiler::{Diagnostic, SourceFile};

/// Bytes → the text the compiler sees. Invalid UTF-8 becomes U+FFFD, as the CLI's lossy
/// rendering text does; the CLI itself stops such a file with ZC0005 before parsing.
pub fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// Splits the input into up to four policy files at U+0001, so cross-document checks are
/// fuzzed too. Files are named `f0.zc`, `f1.zc`, ….
pub fn files(text: &str) -> Vec<SourceFile> {
    text.split('\u{1}')
        .take(4)
        .enumerate()
        .map(|(i, t)| SourceFile::new(format!("f{i}.zc"), t))
        .collect()
}

/// Asserts that a span lies on char boundaries of `text`, start ≤ end ≤ len.
pub fn assert_span(text: &str, start: usize, end: usize, what: &str) {
    assert!(
        start <= end && end <= text.len(),
        "{what}: span {start}..{end} outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{what}: span {start}..{end} splits a character"
    );
}

/// Asserts every span of a serialised AST (any object with numeric `start` and `end`).
pub fn assert_ast_spans(text: &str, ast: &Value) {
    match ast {
        Value::Object(map) => {
            if let (Some(Value::Number(s)), Some(Value::Number(e))) =
                (map.get("start"), map.get("end"))
            {
                if let (Some(s), Some(e)) = (s.as_u64(), e.as_u64()) {
                    assert_span(text, s as usize, e as usize, "AST");
                }
            }
            map.values().for_each(|v| assert_ast_spans(text, v));
        }
        Value::Array(items) => items.iter().for_each(|v| assert_ast_spans(text, v)),
        _ => {}
    }
}

/// Asserts the diagnostics' labels, codes and messages, and renders them with every renderer.
/// `ariadne` is the slowest renderer; targets that run often may leave it out.
pub fn assert_diagnostics(diags: &[Diagnostic], files: &[SourceFile], ariadne: bool) {
    let sources: Sources = files
        .iter()
        .map(|f| (f.name.clone(), f.text.clone()))
        .collect();
    for d in diags {
        assert!(
            d.code.is_empty() || zhengce_compiler::codes::info(&d.code).is_some(),
            "unknown code {}",
            d.code
        );
        assert!(!d.message.is_empty(), "{} without a message", d.code);
        for l in &d.labels {
            let text = sources
                .get(&l.file)
                .unwrap_or_else(|| panic!("{}: label in unknown file {}", d.code, l.file));
            assert_span(text, l.span.start, l.span.end, &d.code);
        }
    }
    let short = render_short(diags, &sources);
    assert_eq!(
        short.lines().count(),
        diags.len(),
        "render_short: one line each"
    );
    let json = render_json(diags, &sources);
    let parsed: Value = serde_json::from_str(&json).expect("render_json writes JSON");
    assert_eq!(parsed.as_array().map(Vec::len), Some(diags.len()));
    if ariadne {
        render_ariadne(diags, &sources, false);
        render_codespan(diags, &sources, false);
    }
}

/// A message body framed as the language server protocol frames it.
pub fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// The messages of a server's output; panics if it is not framed JSON.
pub fn read_frames(mut out: &[u8]) -> Vec<Value> {
    let mut messages = Vec::new();
    while !out.is_empty() {
        let header_end = out
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a header ends with a blank line");
        let header = std::str::from_utf8(&out[..header_end]).expect("headers are ASCII");
        let length: usize = header
            .strip_prefix("Content-Length: ")
            .and_then(|n| n.parse().ok())
            .expect("the header is Content-Length");
        let body = &out[header_end + 4..header_end + 4 + length];
        messages.push(serde_json::from_slice(body).expect("the body is JSON"));
        out = &out[header_end + 4 + length..];
    }
    messages
}
