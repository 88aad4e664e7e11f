//! Arbitrary bytes → `syntax::parse`: no panic, every span on char boundaries, every diagnostic
//! renders.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zhengce_compiler::SourceFile;
use zhengce_fuzz::{assert_ast_spans, assert_diagnostics, text};

fuzz_target!(|data: &[u8]| {
    let text = text(data);
    let parsed = zhengce_compiler::parse(&text, "f.zc");
    let ast = serde_json::to_value(&parsed.document).expect("the AST serialises");
    assert_ast_spans(&text, &ast);
    let files = [SourceFile::new("f.zc", text.as_str())];
    assert_diagnostics(&parsed.diagnostics, &files, false);
});
