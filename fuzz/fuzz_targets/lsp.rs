//! Arbitrary bytes → the language server's input (`zhengce_lsp::run` on files in memory). The
//! input is split at U+0001: the first part is the text of a document opened after
//! `initialize`, each further part is sent as one message body (JSON or not), and the last is
//! written as it is, unframed, so the framing is fuzzed too. The session ends with `shutdown`
//! and `exit`. Asserts: no panic, the server ends, and everything it writes is framed JSON-RPC.
#![no_main]

use std::io::Cursor;

use libfuzzer_sys::fuzz_target;
use zhengce_compiler::SourceFile;
use zhengce_fuzz::{frame, read_frames};
use zhengce_lsp::Memory;

fuzz_target!(|data: &[u8]| {
    let mut parts = data.split(|&b| b == 1);
    let text = String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
    let mut input = Vec::new();
    input.extend(frame(br#"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"capabilities":{}}}"#));
    let open = serde_json::json!({"jsonrpc": "2.0", "method": "textDocument/didOpen",
        "params": {"textDocument": {"uri": "file:///f0.zc", "languageId": "zhengce", "version": 1, "text": text}}});
    input.extend(frame(open.to_string().as_bytes()));
    let rest: Vec<&[u8]> = parts.collect();
    for (i, part) in rest.iter().enumerate() {
        if i + 1 == rest.len() {
            input.extend_from_slice(part);
        } else {
            input.extend(frame(part));
        }
    }
    input.extend(frame(br#"{"jsonrpc":"2.0","id":1000000,"method":"shutdown"}"#));
    input.extend(frame(br#"{"jsonrpc":"2.0","method":"exit"}"#));
    let other = SourceFile::new("/f1.zc", "部门 县扶贫办\n措施 甲 { 牵头：县扶贫办 }\n");
    let mut output = Vec::new();
    zhengce_lsp::run(Cursor::new(input), &mut output, Memory { files: vec![other] })
        .expect("writing to memory does not fail");
    for message in read_frames(&output) {
        assert_eq!(message["jsonrpc"], "2.0", "{message}");
    }
});
