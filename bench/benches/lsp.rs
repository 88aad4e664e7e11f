//! The language server's latency: from an edit sent to the diagnostics of the re-check received,
//! over the protocol (JSON-RPC through an OS pipe to the server's loop, in process), on the seed
//! policies.
//!
//! ```sh
//! cargo bench -p zhengce-bench --bench lsp
//! ```
//!
//! The edited document belongs to the set of the nine seed files (a document is checked with its
//! policy set), as it would be opened from `policies/`; "alone" is the same document in a set of
//! its own. Each iteration changes one number (`25万` ↔ `26万`, or a deadline's day), which the
//! server applies as an incremental change, re-checks, and publishes; the time is until the
//! `publishDiagnostics` for the document has been read. Also measured: a hover right after an
//! edit (the re-check is then made for the hover).

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use serde_json::{json, Value};
use zhengce_compiler::SourceFile;
use zhengce_lsp::Memory;

/// A server on a thread, talked to through pipes.
struct Session {
    to_server: std::io::PipeWriter,
    from_server: BufReader<std::io::PipeReader>,
    next_id: i64,
}

impl Session {
    fn start(files: Vec<SourceFile>) -> Session {
        let (server_in, to_server) = std::io::pipe().expect("a pipe");
        let (from_server, server_out) = std::io::pipe().expect("a pipe");
        std::thread::spawn(move || {
            zhengce_lsp::run(BufReader::new(server_in), server_out, Memory { files })
        });
        let mut s = Session {
            to_server,
            from_server: BufReader::new(from_server),
            next_id: 1,
        };
        let id = s.request("initialize", json!({"capabilities": {}}));
        s.until(|m| m["id"] == id);
        s.send(&json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
        s
    }

    fn send(&mut self, m: &Value) {
        let body = m.to_string();
        write!(
            self.to_server,
            "Content-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        self.to_server.flush().unwrap();
    }

    fn request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    fn read(&mut self) -> Value {
        let mut length = 0;
        loop {
            let mut line = String::new();
            self.from_server.read_line(&mut line).unwrap();
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(n) = line.strip_prefix("Content-Length: ") {
                length = n.parse().unwrap();
            }
        }
        let mut body = vec![0; length];
        self.from_server.read_exact(&mut body).unwrap();
        serde_json::from_slice(&body).unwrap()
    }

    fn until(&mut self, done: impl Fn(&Value) -> bool) -> Value {
        loop {
            let m = self.read();
            if done(&m) {
                return m;
            }
        }
    }
}

fn seeds() -> Vec<SourceFile> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../policies");
    let mut files: Vec<SourceFile> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "zc"))
        .map(|p| {
            let name = format!("/policies/{}", p.file_name().unwrap().to_str().unwrap());
            SourceFile::new(name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    files.sort_by(|a, b| a.name.cmp(&b.name));
    files
}

fn uri(name: &str) -> String {
    let mut out = String::from("file://");
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The LSP position of `needle` in `text`.
fn position(text: &str, needle: &str) -> Value {
    let at = text.find(needle).expect("the number edited is in the text");
    let line = text[..at].matches('\n').count();
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    json!({"line": line, "character": text[start..at].encode_utf16().count()})
}

/// (benchmark id, the document's file name, text edited: the two characters after `needle`).
const CASES: &[(&str, &str, &str)] = &[
    ("shanxi-70KB", "山西-打赢脱贫攻坚战实施意见.zc", "2020年"),
    (
        "hubei-58KB",
        "湖北-2017-深度贫困地区脱贫攻坚实施方案.zc",
        "期限：20",
    ),
];

fn recheck(c: &mut Criterion) {
    let all = seeds();
    let mut group = c.benchmark_group("lsp-recheck-after-edit");
    group
        .sample_size(30)
        .measurement_time(Duration::from_secs(10));
    for &(id, file, needle) in CASES {
        let name = format!("/policies/{file}");
        let doc = all.iter().find(|f| f.name == name).unwrap().clone();
        for (set, files) in [("set-of-9", all.clone()), ("alone", vec![doc.clone()])] {
            let mut s = Session::start(files);
            let u = uri(&name);
            s.send(&json!({"jsonrpc": "2.0", "method": "textDocument/didOpen",
                "params": {"textDocument": {"uri": u, "languageId": "zhengce", "version": 1, "text": doc.text}}}));
            s.until(|m| m["method"] == "textDocument/publishDiagnostics");
            let start = position(&doc.text, needle);
            let after = needle.encode_utf16().count() as u64;
            let from = json!({"line": start["line"], "character": start["character"].as_u64().unwrap() + after});
            let to = json!({"line": start["line"], "character": start["character"].as_u64().unwrap() + after + 2});
            let original: String = doc.text[doc.text.find(needle).unwrap() + needle.len()..]
                .chars()
                .take(2)
                .collect();
            let mut version = 1;
            group.bench_function(BenchmarkId::new(id, set), |b| {
                b.iter_custom(|iters| {
                    let mut total = Duration::ZERO;
                    for _ in 0..iters {
                        version += 1;
                        // Alternate between the original digits and others.
                        let digits = if version % 2 == 0 { "19".to_string() } else { original.clone() };
                        let t = Instant::now();
                        s.send(&json!({"jsonrpc": "2.0", "method": "textDocument/didChange",
                            "params": {"textDocument": {"uri": u, "version": version},
                                       "contentChanges": [{"range": {"start": from, "end": to}, "text": digits}]}}));
                        s.until(|m| {
                            m["method"] == "textDocument/publishDiagnostics"
                                && m["params"]["version"] == version
                        });
                        total += t.elapsed();
                    }
                    total
                })
            });
        }
    }
    group.finish();

    // A hover sent right after an edit: answered after the re-check it needs.
    let mut group = c.benchmark_group("lsp-hover-after-edit");
    group
        .sample_size(30)
        .measurement_time(Duration::from_secs(10));
    let (id, file, needle) = CASES[0];
    let name = format!("/policies/{file}");
    let doc = all.iter().find(|f| f.name == name).unwrap().clone();
    let mut s = Session::start(all.clone());
    let u = uri(&name);
    s.send(&json!({"jsonrpc": "2.0", "method": "textDocument/didOpen",
        "params": {"textDocument": {"uri": u, "languageId": "zhengce", "version": 1, "text": doc.text}}}));
    s.until(|m| m["method"] == "textDocument/publishDiagnostics");
    let start = position(&doc.text, needle);
    let mut version = 1;
    group.bench_function(BenchmarkId::new(id, "set-of-9"), |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                version += 1;
                let t = Instant::now();
                s.send(&json!({"jsonrpc": "2.0", "method": "textDocument/didChange",
                    "params": {"textDocument": {"uri": u, "version": version},
                               "contentChanges": [{"range": {"start": start, "end": start}, "text": ""}]}}));
                let hover = s.request("textDocument/hover", json!({"textDocument": {"uri": u}, "position": start}));
                s.until(|m| m["id"] == hover);
                total += t.elapsed();
            }
            total
        })
    });
    group.finish();
}

criterion_group!(benches, recheck);
criterion_main!(benches);
