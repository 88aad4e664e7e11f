//! `zhengce lsp` through the protocol: JSON-RPC over a pipe to the binary, as an editor talks to
//! it, on the seed policies (copied to a temporary directory, so the document's policy set is
//! the nine files `zhengce check policies/` checks) and on edited copies of them.
//!
//! One test per feature; the robustness tests send what an editor should not (malformed
//! messages, unknown methods, documents never opened, a 30 MB document, a file that is not
//! UTF-8, cancelled requests) and require an answer and a server that goes on.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use serde_json::{json, Value};

use common::TempDir;

/// How long an answer may take before the test fails (the debug build checks the nine seeds in
/// well under a second; this only stops a hung server from hanging the test).
const PATIENCE: Duration = Duration::from_secs(60);

struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    /// Notifications (and responses to other ids) read while waiting for a response.
    pending: Vec<Value>,
    next_id: i64,
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

impl Client {
    fn start() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_zhengce"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("zhengce lsp starts");
        let stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || loop {
            let mut length = None;
            loop {
                let mut line = String::new();
                if stdout.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                let line = line.trim_end();
                if line.is_empty() {
                    break;
                }
                if let Some(n) = line.strip_prefix("Content-Length: ") {
                    length = n.parse::<usize>().ok();
                }
            }
            let mut body = vec![0; length.expect("every message has a Content-Length")];
            if stdout.read_exact(&mut body).is_err() {
                return;
            }
            let value: Value = serde_json::from_slice(&body).expect("the server writes JSON");
            if tx.send(value).is_err() {
                return;
            }
        });
        let mut client = Client {
            child,
            stdin,
            incoming: rx,
            pending: Vec::new(),
            next_id: 1,
        };
        let init = client.request("initialize", json!({"capabilities": {}}));
        assert!(init["capabilities"]["hoverProvider"].as_bool().unwrap());
        client.notify("initialized", json!({}));
        client
    }

    fn send_raw(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).unwrap();
        self.stdin.flush().unwrap();
    }

    fn send(&mut self, message: &Value) {
        self.send_raw(&frame(message.to_string().as_bytes()));
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    fn next(&mut self) -> Value {
        self.incoming
            .recv_timeout(PATIENCE)
            .expect("the server answers in time")
    }

    /// The whole response (result or error) to request `id`.
    fn response(&mut self, id: i64) -> Value {
        if let Some(i) = self.pending.iter().position(|m| m["id"] == id) {
            return self.pending.remove(i);
        }
        loop {
            let m = self.next();
            if m["id"] == id && m.get("method").is_none() {
                return m;
            }
            self.pending.push(m);
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        let r = self.response(id);
        assert!(r.get("error").is_none(), "{method}: {r}");
        r["result"].clone()
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let is_for = |m: &Value| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        };
        if let Some(i) = self.pending.iter().position(is_for) {
            let m = self.pending.remove(i);
            return m["params"]["diagnostics"].as_array().unwrap().clone();
        }
        loop {
            let m = self.next();
            if is_for(&m) {
                return m["params"]["diagnostics"].as_array().unwrap().clone();
            }
            self.pending.push(m);
        }
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "zhengce", "version": 1, "text": text}}),
        );
    }

    /// Ends the session the proper way and returns the exit code.
    fn shutdown(mut self) -> i32 {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        self.child.wait().unwrap().code().unwrap()
    }
}

/// The URI an editor sends for a path (percent-encoded UTF-8).
fn uri_of(path: &Path) -> String {
    let mut out = String::from("file://");
    for b in path.to_str().unwrap().bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The seed policies in a fresh directory: the set a document among them belongs to.
fn seeds(test: &str) -> (TempDir, PathBuf) {
    let dir = TempDir::new(test);
    let root = dir.dir().to_path_buf();
    for entry in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("policies")).unwrap()
    {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "zc") {
            std::fs::copy(&path, root.join(path.file_name().unwrap())).unwrap();
        }
    }
    (dir, root)
}

fn seed_text(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("policies")
            .join(name),
    )
    .unwrap()
}

const LONGCHUAN: &str = "陇川-2018-考核反馈问题整改方案.zc";
const SHANXI: &str = "山西-打赢脱贫攻坚战实施意见.zc";
const HUBEI: &str = "湖北-2017-深度贫困地区脱贫攻坚实施方案.zc";
const HEBEI: &str = "河北-2016-市级党委和政府扶贫开发工作成效考核办法.zc";

/// The LSP position (0-based line, UTF-16 column) of the `nth` `needle` in `text`, plus
/// `chars` characters.
fn pos(text: &str, needle: &str, nth: usize, chars: usize) -> Value {
    let at = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle} #{nth}"))
        .0;
    let at = at
        + needle
            .chars()
            .take(chars)
            .map(char::len_utf8)
            .sum::<usize>();
    let line = text[..at].matches('\n').count();
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    json!({"line": line, "character": text[start..at].encode_utf16().count()})
}

fn at(uri: &str, position: Value) -> Value {
    json!({"textDocument": {"uri": uri}, "position": position})
}

/// Applies LSP text edits to a text (UTF-16 positions).
fn apply(text: &str, edits: &[Value]) -> String {
    let offset = |p: &Value| {
        let line = p["line"].as_u64().unwrap() as usize;
        let ch = p["character"].as_u64().unwrap() as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        for (i, c) in text[start..].char_indices() {
            if units >= ch || c == '\n' {
                return start + i;
            }
            units += c.len_utf16();
        }
        text.len()
    };
    let mut edits: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_string();
    for (s, e, t) in edits {
        out.replace_range(s..e, &t);
    }
    out
}

// ───────────── diagnostics ─────────────

#[test]
fn diagnostics_are_the_checks_of_the_set_with_links_and_related_places() {
    let (_dir, root) = seeds("lsp-diagnostics");
    let path = root.join(LONGCHUAN);
    let uri = uri_of(&path);
    let text = seed_text(LONGCHUAN);
    let mut c = Client::start();
    c.open(&uri, &text);
    let diags = c.diagnostics(&uri);
    // The same findings as `zhengce check DIR` reports for the file.
    let out = common::run(&["check", root.to_str().unwrap(), "--format", "json"]);
    let cli: Value = serde_json::from_str(&common::stdout(&out)).unwrap();
    let expected: Vec<(String, u64)> = cli
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| {
            d["labels"][0]["file"]
                .as_str()
                .unwrap()
                .ends_with(LONGCHUAN)
        })
        .map(|d| {
            let primary = d["labels"]
                .as_array()
                .unwrap()
                .iter()
                .find(|l| l["primary"] == true)
                .unwrap();
            (
                d["code"].as_str().unwrap().to_string(),
                primary["line"].as_u64().unwrap() - 1,
            )
        })
        .collect();
    let got: Vec<(String, u64)> = diags
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["range"]["start"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(!got.is_empty());
    assert_eq!(got, expected);
    for d in &diags {
        let href = d["codeDescription"]["href"].as_str().unwrap();
        assert!(href.contains("docs/diagnostics.md#zc"), "{href}");
        assert_eq!(d["source"], "zhengce");
    }
    // ZC0411 (a phase starting on the day the one before ends) points at that phase too.
    let overlap = diags.iter().find(|d| d["code"] == "ZC0411").unwrap();
    let related = overlap["relatedInformation"].as_array().unwrap();
    assert_eq!(related[0]["location"]["uri"], uri);
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn an_edit_is_checked_again_and_its_fix_applies() {
    let (_dir, root) = seeds("lsp-edit");
    let uri = uri_of(&root.join(SHANXI));
    let text = seed_text(SHANXI);
    let mut c = Client::start();
    c.open(&uri, &text);
    let before = c.diagnostics(&uri);
    assert!(!before.iter().any(|d| d["code"] == "ZC0201"));
    // 2020年25万人 → 2020年20万人: the years no longer add up to 232万人.
    let change = pos(&text, "2020年25万人", 0, 5);
    let end = pos(&text, "2020年25万人", 0, 7);
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": [{"range": {"start": change, "end": end}, "text": "20"}]}),
    );
    let edited = text.replacen("2020年25万人", "2020年20万人", 1);
    let after = c.diagnostics(&uri);
    let sum = after
        .iter()
        .find(|d| d["code"] == "ZC0201")
        .expect("the edit is checked");
    assert!(
        sum["message"].as_str().unwrap().contains("227万人"),
        "{sum}"
    );
    // The quick fix corrects the value to the sum.
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": sum["range"],
               "context": {"diagnostics": [sum]}}),
    );
    let fix = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["kind"] == "quickfix")
        .expect("a fix for ZC0201");
    assert!(fix["title"].as_str().unwrap().contains("227万人"));
    let edits = fix["edit"]["changes"][&uri].as_array().unwrap();
    let fixed = apply(&edited, edits);
    assert!(fixed.contains("值：227万人"), "the value is corrected");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": fixed}]}),
    );
    let fixed_diags = c.diagnostics(&uri);
    assert!(!fixed_diags.iter().any(|d| d["code"] == "ZC0201"));
    assert_eq!(c.shutdown(), 0);
}

// ───────────── hover ─────────────

#[test]
fn hovers_say_what_the_compiler_knows() {
    let (_dir, root) = seeds("lsp-hover");
    let longchuan = uri_of(&root.join(LONGCHUAN));
    let shanxi = uri_of(&root.join(SHANXI));
    let hubei = uri_of(&root.join(HUBEI));
    let (lc, sx, hb) = (seed_text(LONGCHUAN), seed_text(SHANXI), seed_text(HUBEI));
    let mut c = Client::start();
    c.open(&longchuan, &lc);
    c.open(&shanxi, &sx);
    c.open(&hubei, &hb);
    let mut hover = |uri: &str, position: Value| -> String {
        let h = c.request("textDocument/hover", at(uri, position));
        h["contents"]["value"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    // A date without its year: the day, and where the year came from.
    let date = hover(&longchuan, pos(&lc, "期限：6月12日前", 0, 4));
    assert!(date.contains("2018年6月12日"), "{date}");
    assert!(date.contains("第7行的成文日期"), "{date}");
    // A quantity in its base unit, and the breakdown it belongs to against the total.
    let part = hover(&shanxi, pos(&sx, "2016年50万人", 0, 6));
    assert!(part.contains("500000人"), "{part}");
    assert!(
        part.contains("50+56+55+46+25=232万人") && part.contains("✓"),
        "{part}"
    );
    // A department: its duties.
    let dept = hover(&longchuan, pos(&lc, "牵头：县扶贫办", 0, 4));
    assert!(
        dept.contains("**部门** 县扶贫办") && dept.contains("牵头"),
        "{dept}"
    );
    // A rule: its own worked examples, run.
    let rule = hover(&hubei, pos(&hb, "求：光伏扶贫以奖代补", 0, 3));
    assert!(rule.contains("例「") && rule.contains("✓"), "{rule}");
    insta::assert_snapshot!("hovers", [date, part, dept, rule].join("\n\n======\n\n"));
    assert_eq!(c.shutdown(), 0);
}

// ───────────── definition, references, rename ─────────────

#[test]
fn definitions_references_and_rename_reach_across_the_set() {
    let (_dir, root) = seeds("lsp-navigation");
    let hebei = uri_of(&root.join(HEBEI));
    let longchuan = uri_of(&root.join(LONGCHUAN));
    let (hb, lc) = (seed_text(HEBEI), seed_text(LONGCHUAN));
    let mut c = Client::start();
    c.open(&hebei, &hb);
    c.open(&longchuan, &lc);
    // 依据 of 河北 resolves (by 文号) to the 中央 document of the set.
    let defs = c.request(
        "textDocument/definition",
        at(&hebei, pos(&hb, "《中共中央办公厅", 0, 2)),
    );
    let defs = defs.as_array().unwrap();
    assert_eq!(defs.len(), 1, "{defs:?}");
    assert!(defs[0]["uri"].as_str().unwrap().ends_with(".zc"));
    assert_ne!(defs[0]["uri"], hebei);
    assert!(
        defs[0]["uri"]
            .as_str()
            .unwrap()
            .contains("%E4%B8%AD%E5%A4%AE"),
        "中央"
    );
    // A department used in a duty goes to its declaration.
    let defs = c.request(
        "textDocument/definition",
        at(&longchuan, pos(&lc, "牵头：县扶贫办", 0, 4)),
    );
    assert_eq!(defs[0]["range"]["start"], pos(&lc, "县扶贫办、", 0, 0));
    // References: every place it is written.
    let refs = c.request(
        "textDocument/references",
        json!({"textDocument": {"uri": longchuan}, "position": pos(&lc, "县扶贫办、", 0, 1),
               "context": {"includeDeclaration": true}}),
    );
    let written = lc.matches("县扶贫办").count() - lc.matches("县扶贫办公室").count();
    let refs = refs.as_array().unwrap();
    assert!(
        refs.len() >= 10 && refs.len() <= written,
        "{} of {written}",
        refs.len()
    );
    // Rename the department: one edit per reference, the new name written.
    let prepared = c.request(
        "textDocument/prepareRename",
        at(&longchuan, pos(&lc, "县扶贫办、", 0, 1)),
    );
    assert_eq!(prepared["placeholder"], "县扶贫办");
    let edit = c.request(
        "textDocument/rename",
        json!({"textDocument": {"uri": longchuan}, "position": pos(&lc, "县扶贫办、", 0, 1),
               "newName": "县乡村振兴局"}),
    );
    let edits = edit["changes"][&longchuan].as_array().unwrap();
    assert_eq!(edits.len(), refs.len());
    let renamed = apply(&lc, edits);
    assert!(renamed.contains("牵头：县乡村振兴局"));
    // Nothing else renamed: 县扶贫办公室 stays.
    assert_eq!(
        renamed.matches("县扶贫办公室").count(),
        lc.matches("县扶贫办公室").count()
    );
    // A 依据 title cannot be renamed.
    let id = c.send_request(
        "textDocument/prepareRename",
        at(&hebei, pos(&hb, "《中共中央办公厅", 0, 2)),
    );
    assert!(c.response(id)["error"]["message"]
        .as_str()
        .unwrap()
        .contains("标题"));
    assert_eq!(c.shutdown(), 0);
}

// ───────────── completion ─────────────

#[test]
fn completion_offers_what_may_be_written_there() {
    let (_dir, root) = seeds("lsp-completion");
    let uri = uri_of(&root.join(LONGCHUAN));
    let text = seed_text(LONGCHUAN);
    // An edited copy: a new measure being typed at the end.
    let edited = format!("{text}\n措施 新任务 {{\n  \n  牵头：县扶\n  期限：6月1\n}}\n");
    let mut c = Client::start();
    c.open(&uri, &edited);
    let mut labels = |position: Value| -> Vec<String> {
        let list = c.request("textDocument/completion", at(&uri, position));
        list["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["label"].as_str().unwrap().to_string())
            .collect()
    };
    let block = labels(pos(&edited, "措施 新任务 {\n  ", 0, 11));
    for key in ["牵头", "责任单位", "期限", "原文", "措施", "目标"] {
        assert!(block.contains(&key.to_string()), "{key} in {block:?}");
    }
    assert!(!block.contains(&"文件".to_string()));
    let leads = labels(pos(&edited, "牵头：县扶", 0, 5));
    assert!(leads.contains(&"县扶贫办".to_string()), "{leads:?}");
    assert!(leads.contains(&"各乡镇党委、政府".to_string()), "{leads:?}");
    let top = labels(json!({"line": edited.lines().count(), "character": 0}));
    assert!(top.contains(&"文件".to_string()) && top.contains(&"例".to_string()));
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn completion_offers_units_after_a_number_and_values_in_an_example() {
    let dir = TempDir::new("lsp-completion-units");
    let path = dir.dir().join("a.zc");
    let text = "事实 县类别：深度贫困县、片区县\n目标 脱贫 {\n  值：232万\n}\n例 甲 {\n  已知：县类别=\n}\n";
    std::fs::write(&path, text).unwrap();
    let uri = uri_of(&path);
    let mut c = Client::start();
    c.open(&uri, text);
    let list = c.request(
        "textDocument/completion",
        at(&uri, pos(text, "232万", 0, 4)),
    );
    let units: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(
        units.contains(&"人") && units.contains(&"户") && units.contains(&"元"),
        "{units:?}"
    );
    let list = c.request(
        "textDocument/completion",
        at(&uri, pos(text, "县类别=", 0, 4)),
    );
    let values: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert_eq!(values, ["深度贫困县", "片区县"]);
    assert_eq!(c.shutdown(), 0);
}

// ───────────── code actions ─────────────

#[test]
fn code_actions_fix_what_has_a_known_fix() {
    let dir = TempDir::new("lsp-actions");
    let path = dir.dir().join("a.zc");
    let text = "文件《某县方案》 {\n  成文日期：2018年5月9日\n}\n部门 县扶贫办\n部门 县扶贫开发办\n部门 县教育局\n措施 端正思想，增强责任感 {\n  牵头：县扶贫办\n}\n措施 控辍保学 {\n  期限：6月10日前\n}\n措施 危房改造 {\n  牵头：县教育局\n  责任单位：县住建局\n}\n";
    std::fs::write(&path, text).unwrap();
    let uri = uri_of(&path);
    let mut c = Client::start();
    c.open(&uri, text);
    let diags = c.diagnostics(&uri);
    let mut titles = Vec::new();
    for d in &diags {
        let actions = c.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": [d]}}),
        );
        for a in actions.as_array().unwrap() {
            if a["kind"] != "quickfix" {
                continue;
            }
            titles.push(format!(
                "{} {}",
                d["code"].as_str().unwrap(),
                a["title"].as_str().unwrap()
            ));
            // Every fix's edits apply to the text.
            let edits = a["edit"]["changes"][&uri].as_array().unwrap();
            let _ = apply(text, edits);
        }
    }
    insta::assert_snapshot!("code_actions", titles.join("\n"));
    assert!(titles
        .iter()
        .any(|t| t.starts_with("ZC0001 用「」引起名称")));
    assert!(titles
        .iter()
        .any(|t| t.starts_with("ZC0101 声明部门「县住建局」")));
    assert!(titles
        .iter()
        .any(|t| t.starts_with("ZC0105 声明「县扶贫办」为「县扶贫开发办」的别称")));
    // A dated task without an owner: a lead other measures have.
    assert!(titles.iter().any(|t| t.starts_with("ZC0703 添加「牵头：")));
    // A warning may be allowed with a comment; an error that cannot be lowered may not.
    assert!(titles
        .iter()
        .any(|t| t == "ZC0105 以注释允许 ZC0105(随后写明理由)"));
    assert!(!titles.iter().any(|t| t.starts_with("ZC0101 以注释")));
    // Format document is offered as a source action when the layout is not canonical.
    let messy = text
        .replace("端正思想，增强责任感", "「端正思想，增强责任感」")
        .replace("部门 县教育局", "部门   县教育局");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": messy}]}),
    );
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
               "context": {"diagnostics": [], "only": ["source"]}}),
    );
    let format = &actions.as_array().unwrap()[0];
    assert_eq!(format["kind"], "source");
    assert_eq!(c.shutdown(), 0);
}

// ───────────── symbols, folding, tokens, inlay hints, formatting ─────────────

#[test]
fn outline_folding_tokens_and_inlay_hints() {
    let (_dir, root) = seeds("lsp-outline");
    let uri = uri_of(&root.join(LONGCHUAN));
    let text = seed_text(LONGCHUAN);
    let mut c = Client::start();
    c.open(&uri, &text);
    let symbols = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let symbols = symbols.as_array().unwrap();
    assert_eq!(symbols[0]["detail"], "文件");
    let measures = symbols.iter().filter(|s| s["detail"] == "措施").count();
    assert!(measures >= 10, "{measures}");
    let nested = symbols
        .iter()
        .any(|s| s["detail"] == "措施" && !s["children"].as_array().unwrap().is_empty());
    assert!(nested, "sub-measures are children");
    let folds = c.request(
        "textDocument/foldingRange",
        json!({"textDocument": {"uri": uri}}),
    );
    let folds = folds.as_array().unwrap();
    assert!(folds.len() >= measures);
    assert!(folds
        .iter()
        .all(|f| f["endLine"].as_u64() > f["startLine"].as_u64()));
    let tokens = c.request(
        "textDocument/semanticTokens/full",
        json!({"textDocument": {"uri": uri}}),
    );
    let data = tokens["data"].as_array().unwrap();
    assert_eq!(data.len() % 5, 0);
    // Decode: the first token of line 5 (文件《…》) is the keyword 文件.
    let (mut line, mut found) = (0, None);
    for t in data.chunks(5) {
        line += t[0].as_u64().unwrap();
        if line == 4 {
            found = Some(t[3].as_u64().unwrap());
            break;
        }
    }
    assert_eq!(found, Some(0), "keyword is the legend's first type");
    let hints = c.request(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 9999, "character": 0}}}),
    );
    let labels: Vec<&str> = hints
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["label"].as_str().unwrap())
        .collect();
    assert!(labels.contains(&"=2018年6月12日"), "{labels:?}");
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn formatting_gives_the_formatters_layout() {
    let dir = TempDir::new("lsp-format");
    let path = dir.dir().join("a.zc");
    let text = seed_text(LONGCHUAN);
    let messy = text.replace("\n  牵头：", "\n      牵头:").replacen(
        "部门类 各挂钩单位",
        "部门类   各挂钩单位",
        1,
    );
    std::fs::write(&path, &messy).unwrap();
    let uri = uri_of(&path);
    let mut c = Client::start();
    c.open(&uri, &messy);
    let edits = c.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri}, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    let edits = edits.as_array().unwrap();
    assert!(!edits.is_empty());
    assert_eq!(apply(&messy, edits), text);
    // Syntax errors: the formatter refuses, and says so.
    let broken = format!("{messy}\n措施 {{\n");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": broken}]}),
    );
    let id = c.send_request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri}, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    let r = c.response(id);
    assert!(
        r["error"]["message"].as_str().unwrap().contains("语法错误"),
        "{r}"
    );
    assert_eq!(c.shutdown(), 0);
}

// ───────────── robustness ─────────────

#[test]
fn malformed_messages_and_unknown_methods_get_errors_and_the_server_goes_on() {
    let mut c = Client::start();
    c.send_raw(&frame(b"{not json"));
    let m = c.next();
    assert_eq!(m["error"]["code"], -32700);
    assert_eq!(m["id"], Value::Null);
    // Bytes that are not UTF-8 in a body.
    c.send_raw(&frame(
        b"{\"jsonrpc\":\"2.0\",\"id\":99,\"method\":\"\xff\xfe\"}",
    ));
    let m = c.next();
    assert_eq!(m["error"]["code"], -32700);
    assert!(m["error"]["message"].as_str().unwrap().contains("UTF-8"));
    // A header without Content-Length.
    c.send_raw(b"Content-Type: x\r\n\r\n");
    assert_eq!(c.next()["error"]["code"], -32700);
    // Valid JSON that is not a message, with an id: the error goes to that id.
    c.send(&json!({"jsonrpc": "2.0", "id": 41, "params": 3}));
    let m = c.next();
    assert_eq!(
        (m["id"].clone(), m["error"]["code"].clone()),
        (json!(41), json!(-32600))
    );
    let id = c.send_request("textDocument/unknownThing", json!({}));
    assert_eq!(c.response(id)["error"]["code"], -32601);
    // Wrong parameters.
    let id = c.send_request("textDocument/hover", json!({"textDocument": 3}));
    assert_eq!(c.response(id)["error"]["code"], -32602);
    // A document never opened.
    let id = c.send_request(
        "textDocument/hover",
        at("file:///nowhere/a.zc", json!({"line": 0, "character": 0})),
    );
    let r = c.response(id);
    assert_eq!(r["error"]["code"], -32803);
    assert!(r["error"]["message"]
        .as_str()
        .unwrap()
        .contains("文件未打开"));
    // Still serving.
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn requests_are_answered_in_order_and_cancelled_ones_dropped() {
    let (_dir, root) = seeds("lsp-order");
    let uri = uri_of(&root.join(SHANXI));
    let text = seed_text(SHANXI);
    let mut c = Client::start();
    // The document, three requests and a cancellation of the second, in one write: the server
    // reads them all before it answers the first.
    let mut burst = frame(
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen",
               "params": {"textDocument": {"uri": uri, "languageId": "zhengce", "version": 1, "text": text}}})
        .to_string()
        .as_bytes(),
    );
    let symbols = json!({"textDocument": {"uri": uri}});
    for id in [100, 101, 102] {
        burst.extend(frame(
            json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/documentSymbol", "params": symbols})
                .to_string()
                .as_bytes(),
        ));
    }
    burst.extend(frame(
        json!({"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 101}})
            .to_string()
            .as_bytes(),
    ));
    c.send_raw(&burst);
    let mut answered = Vec::new();
    while answered.len() < 3 {
        let m = c.next();
        if m.get("method").is_none() {
            answered.push(m);
        }
    }
    let ids: Vec<i64> = answered.iter().map(|m| m["id"].as_i64().unwrap()).collect();
    // The cancelled request is answered first (it never runs), the others in order.
    assert_eq!(ids, [101, 100, 102]);
    assert_eq!(answered[0]["error"]["code"], -32800);
    assert!(answered[1]["result"].is_array() && answered[2]["result"].is_array());
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn a_30_mb_document_gets_a_diagnostic_not_a_hang() {
    let dir = TempDir::new("lsp-huge");
    let path = dir.dir().join("huge.zc");
    let line = "措施 甲 { 牵头：县扶贫办 }\n";
    let text = line.repeat(30 * 1024 * 1024 / line.len());
    let uri = uri_of(&path);
    let mut c = Client::start();
    let started = std::time::Instant::now();
    c.open(&uri, &text);
    let diags = c.diagnostics(&uri);
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0]["code"], "ZC0007");
    assert!(diags[0]["message"].as_str().unwrap().contains("未检查"));
    // The other requests answer too (on what could be read: nothing).
    let symbols = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(symbols, json!([]));
    assert!(started.elapsed() < PATIENCE);
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn a_file_of_the_set_that_is_not_utf8_is_a_diagnostic() {
    let dir = TempDir::new("lsp-not-utf8");
    let good = dir.dir().join("a.zc");
    let bad = dir.dir().join("b.zc");
    std::fs::write(&good, "部门 县扶贫办\n").unwrap();
    std::fs::write(&bad, b"\xd6\xd0\xce\xc4 GBK \n").unwrap();
    let mut c = Client::start();
    c.open(&uri_of(&good), "部门 县扶贫办\n");
    let diags = c.diagnostics(&uri_of(&bad));
    assert_eq!(diags[0]["code"], "ZC0005");
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn exit_without_shutdown_is_exit_code_1() {
    let mut c = Client::start();
    c.notify("exit", Value::Null);
    assert_eq!(c.child.wait().unwrap().code(), Some(1));
    // Closing the input ends the session as well.
    let Client {
        mut child, stdin, ..
    } = Client::start();
    drop(stdin);
    assert_eq!(child.wait().unwrap().code(), Some(1));
}

#[test]
fn the_policy_set_is_the_project_of_the_nearest_zhengce_toml() {
    let dir = TempDir::new("lsp-project");
    let root = dir.dir();
    std::fs::create_dir_all(root.join("省")).unwrap();
    std::fs::create_dir_all(root.join("县")).unwrap();
    std::fs::write(
        root.join("省/方案.zc"),
        "文件《省级方案》 {\n  文号：省发〔2018〕1号\n}\n",
    )
    .unwrap();
    let lower = "文件《县级方案》 {\n  依据：《省级方案》（省发〔2018〕1号）\n}\n";
    let path = root.join("县/方案.zc");
    std::fs::write(&path, lower).unwrap();
    let uri = uri_of(&path);
    // Without zhengce.toml the set is the file's own directory: the upper plan is not in it.
    let mut c = Client::start();
    c.open(&uri, lower);
    let codes: Vec<Value> = c
        .diagnostics(&uri)
        .iter()
        .map(|d| d["code"].clone())
        .collect();
    assert_eq!(codes, [json!("ZC0801")]);
    assert_eq!(c.shutdown(), 0);
    // With it, the project: the 依据 resolves to the file in the sibling directory.
    std::fs::write(root.join("zhengce.toml"), "").unwrap();
    let mut c = Client::start();
    c.open(&uri, lower);
    assert_eq!(c.diagnostics(&uri), Vec::<Value>::new());
    let defs = c.request(
        "textDocument/definition",
        at(&uri, pos(lower, "《省级方案》", 0, 2)),
    );
    assert_eq!(defs[0]["uri"], uri_of(&root.join("省/方案.zc")));
    assert_eq!(c.shutdown(), 0);
}

/// What `zhengce check DIR --format json` reports for the file ending in `file`: (code, line,
/// LSP severity) of each finding.
fn cli_findings(root: &Path, file: &str) -> Vec<(String, u64, u64)> {
    let out = common::run(&["check", root.to_str().unwrap(), "--format", "json"]);
    let cli: Value = serde_json::from_str(&common::stdout(&out)).unwrap();
    cli.as_array()
        .unwrap()
        .iter()
        .filter(|d| d["labels"][0]["file"].as_str().unwrap().ends_with(file))
        .map(|d| {
            let primary = d["labels"]
                .as_array()
                .unwrap()
                .iter()
                .find(|l| l["primary"] == true)
                .unwrap();
            let severity = match d["severity"].as_str().unwrap() {
                "error" => 1,
                "warning" => 2,
                _ => 3,
            };
            (
                d["code"].as_str().unwrap().to_string(),
                primary["line"].as_u64().unwrap() - 1,
                severity,
            )
        })
        .collect()
}

/// (code, line, severity) of published diagnostics.
fn published(diags: &[Value]) -> Vec<(String, u64, u64)> {
    diags
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["range"]["start"]["line"].as_u64().unwrap(),
                d["severity"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn the_projects_lint_levels_and_suppressions_apply_as_in_check() {
    let dir = TempDir::new("lsp-lints");
    let root = dir.dir();
    let config = root.join("zhengce.toml");
    std::fs::write(&config, "[lints]\nZC0105 = \"deny\"\nZC02 = \"note\"\n").unwrap();
    let text = "部门 省卫生计生委\n部门 省卫计委\n// zhengce: allow(ZC0201) 分年度数字以原文为准\n目标 脱贫 {\n  值：230万人\n  分年度：2019年100万、2020年132万\n  牵头：省卫生计生委\n}\n目标 搬迁 {\n  值：20万人\n  分年度：2019年10万、2020年12万\n  牵头：省卫生计生委\n}\n// zhengce: allow(ZC0301)\n目标 培训 {\n  值：5万人\n  牵头：省卫生计生委\n}\n";
    let path = root.join("a.zc");
    std::fs::write(&path, text).unwrap();
    let uri = uri_of(&path);
    let mut c = Client::start();
    c.open(&uri, text);
    let got = published(&c.diagnostics(&uri));
    // ZC0105 denied (an error), the first ZC0201 allowed by its comment, the second a note by
    // its family's level, the comment without a reason and the one that allows nothing reported.
    let codes: Vec<(&str, u64)> = got.iter().map(|(c, _, s)| (c.as_str(), *s)).collect();
    assert_eq!(
        codes,
        [("ZC0105", 1), ("ZC0201", 3), ("ZC1101", 2), ("ZC1102", 2)],
        "{got:?}"
    );
    assert_eq!(got, cli_findings(root, "a.zc"));

    // The levels change on disk: the set is read again, as `zhengce check` would read it.
    std::fs::write(&config, "[lints]\nZC1102 = \"allow\"\n").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri_of(&config), "type": 2}]}),
    );
    let got = published(&c.diagnostics(&uri));
    let codes: Vec<(&str, u64)> = got.iter().map(|(c, _, s)| (c.as_str(), *s)).collect();
    assert_eq!(
        codes,
        [("ZC0105", 2), ("ZC0201", 1), ("ZC1101", 2)],
        "{got:?}"
    );
    assert_eq!(got, cli_findings(root, "a.zc"));

    // A configuration that cannot be read is said once, and the catalogue's levels hold
    // meanwhile; the next edit does not say it again.
    std::fs::write(&config, "[lints]\nZC0105 = \"sometimes\"\n").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri_of(&config), "type": 2}]}),
    );
    let got = published(&c.diagnostics(&uri));
    assert!(got.iter().any(|(c, _, _)| c == "ZC1102"), "{got:?}");
    let edited = text.replace("5万人", "6万人");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": edited}]}),
    );
    let _ = c.diagnostics(&uri);
    let messages: Vec<&Value> = c
        .pending
        .iter()
        .filter(|m| m["method"] == "window/showMessage")
        .collect();
    assert_eq!(messages.len(), 1, "{messages:?}");
    let message = messages[0]["params"]["message"].as_str().unwrap();
    assert!(
        message.contains("zhengce.toml") && message.contains("sometimes"),
        "{message}"
    );
    // In the comment, the codes a suppression may name are completed and hovered.
    let list = c.request(
        "textDocument/completion",
        at(&uri, pos(&edited, "ZC0301", 0, 2)),
    );
    let item = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["label"] == "ZC0703")
        .unwrap();
    assert_eq!(item["kind"], 21, "a constant: {item}");
    let hover = c.request("textDocument/hover", at(&uri, pos(&edited, "ZC0201", 0, 3)));
    let shown = hover["contents"]["value"].as_str().unwrap();
    assert!(
        shown.contains("**ZC0201**") && shown.contains("允许了 1 处问题"),
        "{shown}"
    );
    assert_eq!(c.shutdown(), 0);
}
