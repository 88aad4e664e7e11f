//! Reliability (issue 8): every input ends in a result or a clear Chinese error; never a panic,
//! a hang or silent acceptance. See docs/reliability.md for what each part covers and how to run
//! the long versions.
//!
//! - `tests/bad/*.zc`: malformed and inconsistent files, each snapshotted to its rendered report
//!   (short + ariadne); every file reports something, except `*.ok.zc`, which must be accepted.
//!   Files that are not UTF-8 go through the CLI binary (the library takes `&str`).
//! - the input bounds of `syntax::limits`, each with a diagnostic naming its value;
//! - pathological inputs under a time bound, through check, build, eval and fmt;
//! - properties (proptest): spans of mutated files, exact decimal arithmetic;
//! - determinism: byte-identical output, independent of the order files are given in;
//! - security: a policy file cannot make the checker read anything outside `--sources DIR`.
//!
//! The full-size versions of the slow tests are `#[ignore]`d:
//! `cargo test --release --test reliability -- --ignored full_size`.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use proptest::prelude::*;
use serde_json::Value;
use zhengce_compiler::build::build;
use zhengce_compiler::format::{ast_without_spans, format};
use zhengce_compiler::render::{
    render_ariadne, render_codespan, render_findings, render_json, render_short, Sources,
};
use zhengce_compiler::syntax::limits::{self, Limits};
use zhengce_compiler::syntax::parse_with_limits;
use zhengce_compiler::{check_files_with, CheckOptions, Diagnostic, SourceFile};

// ───────────────────────────── helpers ─────────────────────────────

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn file_name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

/// The binary, run from `dir`, without colour variables.
fn zhengce(dir: &Path) -> Command {
    let mut cmd = common::zhengce();
    cmd.current_dir(dir);
    cmd
}

fn run(dir: &Path, args: &[&str]) -> Output {
    zhengce(dir)
        .args(args)
        .output()
        .expect("the zhengce binary runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

fn check_one(name: &str, text: &str) -> Vec<Diagnostic> {
    check_files_with(&[SourceFile::new(name, text)], &CheckOptions::default()).diagnostics
}

fn sources_of(files: &[SourceFile]) -> Sources {
    files
        .iter()
        .map(|f| (f.name.clone(), f.text.clone()))
        .collect()
}

fn has_code(diags: &[Diagnostic], code: &str) -> bool {
    diags.iter().any(|d| d.code == code)
}

/// The first diagnostic with `code`, which must be there.
fn with_code<'a>(diags: &'a [Diagnostic], code: &str) -> &'a Diagnostic {
    diags
        .iter()
        .find(|d| d.code == code)
        .unwrap_or_else(|| panic!("no {code} in {diags:?}"))
}

fn is_cjk(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// A message people can read: Chinese, and no grammar rule names (`key_value`, `bare_name`).
fn assert_readable(d: &Diagnostic, context: &str) {
    let texts = std::iter::once(&d.message)
        .chain(d.labels.iter().map(|l| &l.message))
        .chain(d.notes.iter())
        .chain(d.help.iter());
    assert!(
        d.message.chars().any(is_cjk),
        "{context}: message without Chinese: {}",
        d.message
    );
    for t in texts {
        let ascii_words = t.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'));
        for w in ascii_words {
            assert!(
                !(w.contains('_') && w.chars().any(|c| c.is_ascii_lowercase())),
                "{context}: rule name «{w}» in «{t}»"
            );
        }
    }
}

/// Every span of a serialised AST or a diagnostic lies on char boundaries within its text.
fn assert_spans(text: &str, v: &Value, context: &str) {
    match v {
        Value::Object(map) => {
            if let (Some(Value::Number(s)), Some(Value::Number(e))) =
                (map.get("start"), map.get("end"))
            {
                let (s, e) = (s.as_u64().unwrap() as usize, e.as_u64().unwrap() as usize);
                assert!(s <= e && e <= text.len(), "{context}: span {s}..{e}");
                assert!(
                    text.is_char_boundary(s) && text.is_char_boundary(e),
                    "{context}: span {s}..{e} splits a character"
                );
            }
            map.values().for_each(|v| assert_spans(text, v, context));
        }
        Value::Array(items) => items.iter().for_each(|v| assert_spans(text, v, context)),
        _ => {}
    }
}

fn assert_diagnostic_spans(files: &[SourceFile], diags: &[Diagnostic], context: &str) {
    for d in diags {
        for l in &d.labels {
            let text = &files
                .iter()
                .find(|f| f.name == l.file)
                .unwrap_or_else(|| panic!("{context}: label in unknown file {}", l.file))
                .text;
            let s = serde_json::json!({"start": l.span.start, "end": l.span.end});
            assert_spans(text, &s, context);
        }
    }
}

/// Renders with every renderer; each must accept every diagnostic.
fn render_all(files: &[SourceFile], diags: &[Diagnostic]) {
    let sources = sources_of(files);
    let short = render_short(diags, &sources);
    assert_eq!(short.lines().count(), diags.len());
    render_ariadne(diags, &sources, false);
    render_codespan(diags, &sources, false);
    let json: Value = serde_json::from_str(&render_json(diags, &sources)).unwrap();
    assert_eq!(json.as_array().unwrap().len(), diags.len());
}

/// Runs `f` in a thread and fails if it takes longer than `bound`. Debug builds get ten times
/// the bound: the bounds are written for release builds.
fn within<T: Send + 'static>(
    what: &str,
    bound: Duration,
    f: impl FnOnce() -> T + Send + 'static,
) -> T {
    let bound = if cfg!(debug_assertions) {
        bound * 10
    } else {
        bound
    };
    let (tx, rx) = mpsc::channel();
    let started = Instant::now();
    let handle = std::thread::Builder::new()
        .name(what.to_string())
        .stack_size(8 << 20)
        .spawn(move || {
            let _ = tx.send(f());
        })
        .unwrap();
    match rx.recv_timeout(bound) {
        Ok(v) => {
            handle.join().unwrap();
            v
        }
        Err(mpsc::RecvTimeoutError::Timeout) => {
            panic!(
                "{what}: no result after {:?} (bound {bound:?})",
                started.elapsed()
            )
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            // The thread panicked: report its panic.
            match handle.join() {
                Err(e) => std::panic::resume_unwind(e),
                Ok(()) => unreachable!(),
            }
        }
    }
}

// ───────────────────────────── 1. the bad-input corpus ─────────────────────────────

/// Every file of `tests/bad/`: snapshot of the short and the ariadne report; at least one
/// diagnostic, or none for `*.ok.zc`; Chinese messages; spans on char boundaries; every
/// renderer, `fmt` and `build` run without panicking.
#[test]
fn bad_inputs_report_chinese_diagnostics() {
    let dir = root().join("tests/bad");
    insta::glob!("bad/*.zc", |path| {
        let name = file_name(path);
        let ok = name.ends_with(".ok.zc");
        let bytes = std::fs::read(path).unwrap();
        let report = match String::from_utf8(bytes) {
            Ok(text) => {
                let files = [SourceFile::new(name.clone(), text.clone())];
                let out = check_files_with(&files, &CheckOptions::default());
                if ok {
                    assert!(
                        out.diagnostics.is_empty(),
                        "{name} should be accepted:\n{}",
                        render_short(&out.diagnostics, &sources_of(&files))
                    );
                } else {
                    assert!(
                        !out.diagnostics.is_empty(),
                        "{name} should report a diagnostic"
                    );
                }
                for d in &out.diagnostics {
                    assert_readable(d, &name);
                }
                let ast = serde_json::to_value(&out.files[0].document).unwrap();
                assert_spans(&text, &ast, &name);
                assert_diagnostic_spans(&files, &out.diagnostics, &name);
                render_all(&files, &out.diagnostics);
                formats_and_builds(&name, &text, ok);
                let sources = sources_of(&files);
                format!(
                    "{}\n{}",
                    render_short(&out.diagnostics, &sources),
                    render_ariadne(&out.diagnostics, &sources, false)
                )
            }
            // Not UTF-8: the CLI reads bytes and reports ZC0005 before parsing.
            Err(_) => {
                assert!(!ok, "{name}: a file that is not UTF-8 cannot be accepted");
                let short = run(
                    &dir,
                    &["--color", "never", "check", "--format", "short", &name],
                );
                let human = run(&dir, &["--color", "never", "check", &name]);
                assert_eq!(short.status.code(), Some(1), "{name}");
                let short = stdout(&short);
                assert!(short.contains("ZC0005"), "{name}: {short}");
                format!("{short}\n{}", stdout(&human))
            }
        };
        insta::assert_snapshot!(report);
    });
}

/// `fmt` and `build` on a corpus file: never a panic; a file without errors formats to text
/// that means the same, formats to itself again, and builds.
fn formats_and_builds(name: &str, text: &str, ok: bool) {
    let formatted = format(text);
    let files = [SourceFile::new(name, text)];
    let built = build(&files, &CheckOptions::default());
    if !ok {
        return;
    }
    let formatted = formatted.unwrap_or_else(|d| panic!("{name}: fmt failed: {d:?}"));
    assert_eq!(
        format(&formatted).unwrap(),
        formatted,
        "{name}: fmt is not idempotent"
    );
    let a = zhengce_compiler::parse(text, name);
    let b = zhengce_compiler::parse(&formatted, name);
    assert!(
        b.diagnostics.is_empty(),
        "{name}: formatted text has errors"
    );
    assert_eq!(
        ast_without_spans(&a.document),
        ast_without_spans(&b.document),
        "{name}: fmt changed the meaning"
    );
    assert!(built.program.is_some(), "{name}: an accepted file builds");
}

// ───────────────────────────── 2. bounds ─────────────────────────────

fn nested(depth: usize) -> String {
    let mut s = String::from("部门：县扶贫办\n");
    for _ in 0..depth {
        s.push_str("措施 甲 {\n  牵头：县扶贫办\n");
    }
    s.push_str(&"}\n".repeat(depth));
    s
}

#[test]
fn nesting_limit() {
    let d = check_one("n.zc", &nested(limits::MAX_NESTING));
    assert!(!has_code(&d, "ZC0006"), "{d:?}");
    let d = check_one("n.zc", &nested(limits::MAX_NESTING + 1));
    let e = with_code(&d, "ZC0006");
    assert!(e.message.contains("64"), "{}", e.message);
    // Every kind of bracket counts: quotes and titles too.
    for open in ["“", "「", "《", "｛"] {
        let text = format!("目标 甲 {{ 原文：{} }}", open.repeat(65));
        assert!(has_code(&check_one("n.zc", &text), "ZC0006"), "{open}");
    }
    let small = Limits {
        nesting: 2,
        ..Limits::DEFAULT
    };
    let p = parse_with_limits(&nested(3), "n.zc", &small);
    assert!(p
        .diagnostics
        .iter()
        .any(|d| d.code == "ZC0006" && d.message.contains("2 层")));
}

#[test]
fn file_size_limit_is_checked_before_parsing() {
    let text = " ".repeat(limits::MAX_FILE_BYTES + 1);
    let started = Instant::now();
    let p = zhengce_compiler::parse(&text, "big.zc");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(p.diagnostics.len(), 1);
    let d = &p.diagnostics[0];
    assert_eq!(d.code, "ZC0007");
    assert!(d.message.contains("33554432"), "{}", d.message);
    assert!(p.document.items.is_empty());
    let small = Limits {
        file_bytes: 100,
        ..Limits::DEFAULT
    };
    let fits = "部门：县扶贫办\n".repeat(4);
    assert!(fits.len() <= 100);
    assert!(parse_with_limits(&fits, "f.zc", &small)
        .diagnostics
        .is_empty());
    let over = "部门：县扶贫办\n".repeat(5);
    let p = parse_with_limits(&over, "f.zc", &small);
    assert_eq!(p.diagnostics[0].code, "ZC0007");
    assert!(p.diagnostics[0].message.contains("100 字节"));
}

#[test]
fn syntax_error_limit() {
    let text = "目标 甲 { 值：？？ }\n".repeat(60);
    let p = zhengce_compiler::parse(&text, "e.zc");
    let syntax = p.diagnostics.iter().filter(|d| d.code == "ZC0001").count();
    assert_eq!(syntax, limits::MAX_SYNTAX_ERRORS);
    let stop = with_code(&p.diagnostics, "ZC0008");
    assert!(stop.message.contains("50"), "{}", stop.message);
    let small = Limits {
        syntax_errors: 3,
        ..Limits::DEFAULT
    };
    let p = parse_with_limits(&text, "e.zc", &small);
    assert_eq!(
        p.diagnostics.iter().filter(|d| d.code == "ZC0001").count(),
        3
    );
    assert!(p
        .diagnostics
        .iter()
        .any(|d| d.code == "ZC0008" && d.message.contains("3 处")));
}

/// pest's call limit is one setting for the whole process, so this test runs alone in a child
/// process (`parse_with_limits` also serialises parses with a non-default limit).
#[test]
fn pest_call_limit() {
    if std::env::var_os("ZHENGCE_CALL_LIMIT_CHILD").is_none() {
        let status = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "pest_call_limit",
                "--test-threads=1",
                "--nocapture",
            ])
            .env("ZHENGCE_CALL_LIMIT_CHILD", "1")
            .status()
            .unwrap();
        assert!(status.success(), "the child test failed");
        return;
    }
    let text =
        std::fs::read_to_string(root().join("tests/fixtures/syntax/all_constructs.zc")).unwrap();
    assert!(zhengce_compiler::parse(&text, "a.zc")
        .diagnostics
        .is_empty());
    let small = Limits {
        pest_calls: 10_000,
        ..Limits::DEFAULT
    };
    let p = parse_with_limits(&text, "a.zc", &small);
    let d = with_code(&p.diagnostics, "ZC0007");
    assert!(d.message.contains("10000"), "{}", d.message);
    assert_eq!(p.diagnostics.len(), 1, "{:?}", p.diagnostics);
    assert_readable(d, "call limit");
    // The default limit is back for the next parse.
    assert!(zhengce_compiler::parse(&text, "a.zc")
        .diagnostics
        .is_empty());
}

#[test]
fn item_limit() {
    let small = Limits {
        items: 10,
        ..Limits::DEFAULT
    };
    let items = |n: usize| "部门 县扶贫办\n".repeat(n);
    let p = parse_with_limits(&items(10), "i.zc", &small);
    assert!(!p.diagnostics.iter().any(|d| d.code == "ZC0007"));
    let p = parse_with_limits(&items(11), "i.zc", &small);
    let d = with_code(&p.diagnostics, "ZC0007");
    assert!(d.message.contains("10 个"), "{}", d.message);
    assert_eq!(d.labels[0].span.start, "部门 县扶贫办\n".len() * 10);
    // Nested items count.
    let nested = format!("措施 甲 {{\n{}}}\n", "  措施 乙\n".repeat(10));
    let p = parse_with_limits(&nested, "i.zc", &small);
    assert!(p.diagnostics.iter().any(|d| d.code == "ZC0007"));
    assert_eq!(limits::MAX_ITEMS, 1_000_000);
}

#[test]
#[ignore = "a million items: cargo test --release --test reliability -- --ignored full_size"]
fn item_limit_full_size() {
    let text = "部门 县扶贫办\n".repeat(limits::MAX_ITEMS + 1);
    let p = zhengce_compiler::parse(&text, "i.zc");
    let d = with_code(&p.diagnostics, "ZC0007");
    assert!(d.message.contains("1000000"), "{}", d.message);
}

#[test]
fn number_limit() {
    let value = |v: &str| check_one("n.zc", &format!("目标 甲 {{ 值：{v}人 }}"));
    assert!(value("1000000000000000").is_empty());
    assert!(value("1000万亿").is_empty());
    for over in [
        "1000000000000001",
        "1001万亿",
        "79228162514264337593543950335",
    ] {
        let d = value(over);
        let e = d
            .iter()
            .find(|d| d.code == "ZC0011")
            .unwrap_or_else(|| panic!("{over}: {d:?}"));
        assert!(e.message.contains("1000000000000000"), "{}", e.message);
    }
    // Digits past the 28th would be rounded away: refused, not rounded.
    let d = value("0.00000000000000000000000000001");
    assert!(has_code(&d, "ZC0011"), "{d:?}");
    assert_eq!(limits::MAX_NUMBER, 1_000_000_000_000_000);
}

#[test]
fn character_error_limit() {
    // Separate characters: a run of the same character is one report.
    let text = format!("部门：县扶贫办{}\n", "甲\0".repeat(25));
    let d = check_one("c.zc", &text);
    let chars: Vec<_> = d.iter().filter(|d| d.message.contains("NUL")).collect();
    assert_eq!(chars.len(), limits::MAX_CHARACTER_ERRORS);
    assert!(chars
        .last()
        .unwrap()
        .notes
        .iter()
        .any(|n| n.contains("另有 15 处")));
    let run = check_one("c.zc", &format!("部门：县扶贫办{}\n", "\0".repeat(25)));
    assert_eq!(run.len(), 1, "{run:?}");
    assert!(run[0].message.contains("25 个连续"), "{}", run[0].message);
}

// ───────────────────────────── pathological inputs ─────────────────────────────

fn cn(i: usize) -> String {
    i.to_string()
        .chars()
        .map(|d| {
            ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'][d as usize - '0' as usize]
        })
        .collect()
}

/// A valid item repeated to `bytes`.
fn repeated(bytes: usize) -> String {
    let item = "目标 贫困人口脱贫 { 值：232万人；期限：2020年 }\n";
    item.repeat(bytes / item.len())
}

/// `n` items of several kinds, with distinct names.
fn many_items(n: usize) -> String {
    let mut s = String::from("文件《甲》{\n  成文日期：2017年4月23日\n}\n事实 年收入：元\n");
    for i in 0..n / 4 {
        let c = cn(i);
        s.push_str(&format!(
            "部门 单位{c}\n目标 目标{c} {{ 值：1万人；期限：2020年；牵头：单位{c} }}\n\
             措施 措施{c} {{ 牵头：单位{c}；期限：2018年5月1日前 }}\n\
             标准 标准{c} {{ 金额：每人不低于200元 }}\n"
        ));
    }
    s
}

fn long_line(bytes: usize) -> String {
    format!(
        "// {}\n目标 甲 {{ 说明：{} }}\n",
        "注".repeat(bytes / 6),
        "文".repeat(bytes / 6)
    )
}

fn unclosed_quotes(n: usize) -> String {
    format!("目标 甲 {{\n  原文：{}\n}}\n", "“".repeat(n))
}

fn tier_rows(n: usize) -> String {
    let rows: String = (0..n)
        .map(|i| format!("    {}元-{}元：{}元\n", i * 10, i * 10 + 9, i % 1000))
        .collect();
    format!("事实 年收入：元\n补助 低保 {{\n  分档 按 年收入 {{\n{rows}  }}\n}}\n")
}

fn phases(n: usize) -> String {
    let rows: String = (0..n)
        .map(|i| format!("  阶段 阶段{}：2017年1月1日~2017年1月2日\n", cn(i)))
        .collect();
    format!("文件《甲》{{ 成文日期：2017年1月1日 }}\n步骤 集中整改 {{\n{rows}}}\n")
}

/// check, build (allowing errors), every rule evaluated, fmt, and the short renderer, in a
/// thread under `bound`.
fn survives(what: &str, text: String, bound: Duration) {
    let name = what.to_string();
    let started = Instant::now();
    within(what, bound, move || {
        let files = [SourceFile::new(name.clone(), text.clone())];
        let out = check_files_with(&files, &CheckOptions::default());
        render_short(&out.diagnostics, &sources_of(&files));
        let built =
            zhengce_compiler::build::build_allowing_errors(&files, &CheckOptions::default());
        if let Some(program) = &built.program {
            for (d, doc) in program.documents.iter().enumerate() {
                for rule in doc.rules.iter().take(100) {
                    let _ = zhengce_runtime::eval::eval_rule_in(
                        program,
                        d,
                        &rule.name,
                        &Default::default(),
                    );
                }
            }
        }
        let _ = format(&text);
    });
    // Shown with --nocapture: the timings docs/reliability.md quotes.
    eprintln!("{what}: {:?}", started.elapsed());
}

/// A run of `survives`: the name it prints, the size the input is made at, and the bound in
/// seconds (for release builds: `within` gives debug builds ten times as long).
type Run = (&'static str, usize, u64);

/// What makes a pathological input of a given size.
type Make = fn(usize) -> String;

/// The pathological inputs: what makes each, the run at the size the normal test run
/// affords in a debug build, and the run at the full size of the issue (10 MB of one repeated
/// item, 100k items, a 1 MB line, 64-deep nesting, 10,000 unclosed “, a tier with 20,000 rows,
/// 5,000 phases).
const PATHOLOGICAL: [(Make, Run, Run); 7] = [
    (
        repeated,
        ("repeated-item-100k", 100_000, 2),
        ("repeated-item-10mb", 10 << 20, 30),
    ),
    (
        many_items,
        ("items-2k", 2_000, 2),
        ("items-100k", 100_000, 30),
    ),
    (
        long_line,
        ("line-256k", 256 << 10, 2),
        ("line-1mb", 1 << 20, 2),
    ),
    (nested, ("nesting-64", 64, 1), ("nesting-64", 64, 1)),
    (
        unclosed_quotes,
        ("quotes-10k", 10_000, 1),
        ("quotes-10k", 10_000, 1),
    ),
    (tier_rows, ("tier-1k", 1_000, 2), ("tier-20k", 20_000, 10)),
    (phases, ("phases-300", 300, 2), ("phases-5k", 5_000, 10)),
];

#[test]
fn pathological_inputs_finish_in_time() {
    for (make, (what, size, seconds), _) in PATHOLOGICAL {
        survives(what, make(size), Duration::from_secs(seconds));
    }
}

#[test]
#[ignore = "full size: cargo test --release --test reliability -- --ignored full_size"]
fn pathological_inputs_full_size() {
    for (make, _, (what, size, seconds)) in PATHOLOGICAL {
        survives(what, make(size), Duration::from_secs(seconds));
    }
}

/// The undeclared-alias heuristic (ZC0105) compares departments pairwise: bounded to 10⁶ pairs
/// and 100 warnings per file, so 2000 departments that all abbreviate each other finish.
#[test]
fn alias_check_is_bounded() {
    let text: String = (0..2000).map(|i| format!("部门 县{}办\n", cn(i))).collect();
    let diags = within("aliases-2000", Duration::from_secs(2), move || {
        check_one("a.zc", &text)
    });
    let aliases: Vec<_> = diags.iter().filter(|d| d.code == "ZC0105").collect();
    assert_eq!(aliases.len(), 100);
    assert!(aliases
        .iter()
        .any(|d| d.notes.iter().any(|n| n.contains("最多比较 1000000 对"))));
}

/// A big file (20,000 lines, ~1.3 MB, a non-BMP character on every line) and a diagnostic on
/// every line, each with a secondary label further down.
fn many_diagnostics(n: usize) -> (String, Vec<Diagnostic>) {
    use zhengce_compiler::Span;
    let mut text = String::from("\u{FEFF}");
    let mut spans = Vec::new();
    for i in 0..n {
        let line = format!("// 第{i}行 𠀀部门名称很长很长很长很长很长很长很长很长 ：232万人\r\n");
        let at = text.len() + line.find("232").unwrap();
        spans.push(Span::new(at, at + "232万人".len()));
        text.push_str(&line);
    }
    let diags = spans
        .iter()
        .enumerate()
        .map(|(i, &span)| {
            let other = spans[(i * 7919 + 1) % n];
            Diagnostic::error("ZC0201", format!("第{i}条"))
                .primary("big.zc", span, "这里")
                .secondary("big.zc", other, "那里")
                .note("注意")
        })
        .collect();
    (text, diags)
}

/// The GitHub, SARIF, JSON, short and findings renderers look positions up through each file's
/// line index (`Sources`), built once: 20,000 diagnostics in one 1.3 MB file render in bounded
/// time (10 s for a release build, shared with the tests running beside it). Counting lines from
/// the start of the file for every position, as `github`, `sarif` and `findings` did, is
/// quadratic: about 10¹¹ bytes scanned here.
#[test]
fn many_diagnostics_in_one_big_file_render_in_time() {
    let (text, diags) = many_diagnostics(20_000);
    let started = Instant::now();
    // About 1.3 s alone in a release build, most of it SARIF's 30 MB of pretty JSON; counting from
    // the start of the file per position would take about a minute.
    within("render-20k", Duration::from_secs(10), move || {
        let sources = Sources::new().with("big.zc", text.as_str());
        let github = zhengce_compiler::render::render_github(&diags, &sources);
        assert_eq!(github.lines().count(), 20_000);
        assert!(github
            .starts_with("::error file=big.zc,line=1,col=32,endLine=1,endColumn=37,title=ZC0201"));
        let sarif = zhengce_compiler::render::render_sarif(&diags, &sources);
        let v: Value = serde_json::from_str(&sarif).unwrap();
        assert_eq!(v["runs"][0]["results"].as_array().unwrap().len(), 20_000);
        render_json(&diags, &sources);
        render_short(&diags, &sources);
        let files = [SourceFile::new("big.zc", text.as_str())];
        let mut out = check_files_with(&files, &CheckOptions::default());
        out.diagnostics = diags;
        let md = render_findings(&out, &sources, "zhengce check big.zc --format findings");
        assert!(md.contains("第 20000 行:第19999条"));
    });
    // Shown with --nocapture: the timing docs/reliability.md quotes.
    eprintln!("render-20k: {:?}", started.elapsed());
}

/// The reproducers of issue 17: `n` copies of one target (each a duplicate of the first, so every
/// diagnostic labels line 1 and its own line), and one `牵头：` line naming `n` undeclared
/// departments (every diagnostic on one long line).
fn repeated_target(n: usize) -> String {
    "目标 甲 {值：5人；期限：2020年}\n".repeat(n)
}

fn undeclared_leads(n: usize) -> String {
    let digits: Vec<char> = "甲乙丙丁戊己庚辛壬癸".chars().collect();
    let names: Vec<String> = (0..n)
        .map(|i| {
            let d = |k: usize| digits[i / 10usize.pow(k as u32) % 10];
            format!("单位{}{}{}{}", d(0), d(1), d(2), d(3))
        })
        .collect();
    format!(
        "措施 甲 {{\n  牵头：{}\n  期限：2020年\n}}\n",
        names.join("、")
    )
}

/// Checks `text` and renders every diagnostic in every format, the terminal ones without the
/// per-code cap; returns (diagnostics, bytes of the ariadne and of the codespan report).
fn render_every_format(name: &str, text: &str) -> (usize, usize, usize) {
    let files = [SourceFile::new(name, text)];
    let mut diags = check_files_with(&files, &CheckOptions::default()).diagnostics;
    zhengce_compiler::diagnostic::sort_diagnostics(&mut diags);
    let sources = sources_of(&files);
    let ariadne = render_ariadne(&diags, &sources, false);
    let codespan = render_codespan(&diags, &sources, true);
    render_short(&diags, &sources);
    render_json(&diags, &sources);
    zhengce_compiler::render::render_github(&diags, &sources);
    zhengce_compiler::render::render_sarif(&diags, &sources);
    (diags.len(), ariadne.len(), codespan.len())
}

/// Issue 17, break 1: the terminal reports were quadratic. ariadne walked every line between a
/// diagnostic's labels (200 duplicates a million lines below the first: 2×10⁸ lines walked), and
/// both terminal renderers printed a labelled line whole (2,000 diagnostics on a 40 KB line:
/// 80 MB). Now each report is drawn from an excerpt: bounded time, and a report's size does not
/// depend on the file's.
#[test]
fn terminal_reports_are_linear_in_the_file() {
    let far = format!(
        "{}{}{}",
        repeated_target(1),
        "\n".repeat(1_000_000),
        repeated_target(200)
    );
    let (n, ariadne, codespan) = within("far-apart-200", Duration::from_secs(2), move || {
        render_every_format("远.zc", &far)
    });
    assert_eq!(n, 200);
    // About 480 bytes a report (codespan's, in colour, 610): none grows with the distance.
    assert!(
        ariadne < n * 1_000 && codespan < n * 1_000,
        "{ariadne} {codespan}"
    );

    let (n, ariadne, codespan) = within("leads-2000", Duration::from_secs(5), || {
        render_every_format("牵头.zc", &undeclared_leads(2_000))
    });
    assert_eq!(n, 2_000);
    // Each report shows 80 characters each side of its name, not the 40 KB line.
    assert!(
        ariadne < n * 1_500 && codespan < n * 1_500,
        "{ariadne} {codespan}"
    );
}

/// The reproducers at the size of the issue: 64,000 repeated targets (3 MB) and 10,000
/// undeclared names on one line (236 KB).
#[test]
#[ignore = "full size: cargo test --release --test reliability -- --ignored full_size"]
fn terminal_reports_are_linear_in_the_file_full_size() {
    let started = Instant::now();
    let (n, ariadne, _) = within("repeated-target-64k", Duration::from_secs(30), || {
        render_every_format("重复.zc", &repeated_target(64_000))
    });
    assert!(ariadne < n * 1_000, "{ariadne}");
    eprintln!("repeated-target-64k: {:?}", started.elapsed());
    let started = Instant::now();
    let (n, ariadne, codespan) = within("leads-10k", Duration::from_secs(30), || {
        render_every_format("牵头.zc", &undeclared_leads(10_000))
    });
    assert!(
        ariadne < n * 1_500 && codespan < n * 1_500,
        "{ariadne} {codespan}"
    );
    eprintln!("leads-10k: {:?}", started.elapsed());
}

/// The line-index lookups give the columns `position::line_col` and `utf16_col` give, in every
/// format that shows them: a BOM, CRLF, tabs, CJK, non-BMP characters, an empty last line, and
/// spans past the end or inside a character.
#[test]
fn indexed_positions_match_line_col() {
    use zhengce_compiler::render::{line_col, render_github, render_sarif, utf16_col};
    use zhengce_compiler::Span;
    let text =
        "\u{FEFF}目标 甲 {\r\n\t值：𠀀232万人\n\n  分年度：2016年𠀀𠀀50万、2017年56万\r\n}\n";
    let sources = Sources::new().with("a.zc", text);
    let mut checked = 0;
    for start in 0..=text.len() + 2 {
        for len in [0, 1, 4, 9] {
            let span = Span::new(start, start + len);
            let d = Diagnostic::error("ZC0201", "m")
                .primary("a.zc", span, "")
                .secondary("a.zc", span, "s");
            let clamp = |o: usize| {
                let mut o = o.min(text.len());
                while !text.is_char_boundary(o) {
                    o -= 1;
                }
                o
            };
            let (line, _) = line_col(text, span.start);
            let (end_line, _) = line_col(text, span.end);
            let mut props = format!("::error file=a.zc,line={line},");
            if line == end_line {
                props.push_str(&format!("col={},", utf16_col(text, span.start)));
            }
            props.push_str(&format!("endLine={end_line},"));
            if line == end_line {
                props.push_str(&format!("endColumn={},", utf16_col(text, span.end)));
            }
            let github = render_github(std::slice::from_ref(&d), &sources);
            assert!(github.starts_with(&props), "{span:?}: {github}");
            assert!(
                github.contains(&format!(
                    "%0Aa.zc:{line}:{}: s",
                    utf16_col(text, span.start)
                )),
                "{span:?}: {github}"
            );
            let sarif: Value = serde_json::from_str(&render_sarif(&[d], &sources)).unwrap();
            let region =
                &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
            // SARIF widens a span cut inside a character outwards (`clamp_span`).
            let mut end = span.end.min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            let (s, e) = (clamp(span.start), end.max(clamp(span.start)));
            assert_eq!(region["startLine"], line_col(text, s).0, "{span:?}");
            assert_eq!(region["startColumn"], utf16_col(text, s), "{span:?}");
            assert_eq!(region["endLine"], line_col(text, e).0, "{span:?}");
            assert_eq!(region["endColumn"], utf16_col(text, e), "{span:?}");
            checked += 1;
        }
    }
    assert!(checked > 300);
}

// ───────────────────────────── 3. fuzz regressions ─────────────────────────────
// Every input the fuzz targets crashed on is a file in tests/bad/ (named `fuzz_*`), so
// `bad_inputs_report_chinese_diagnostics` replays it through check, render, fmt and build.

/// Found by the `build_eval` fuzz target: `zhengce progress` with actual figures near the
/// `Decimal` limits panicked (`Addition overflowed` in `runtime/src/eval/progress.rs`, summing the
/// figures to date; `Subtraction overflowed` for the gap and the remainder). The command line now
/// refuses such figures as it reads them (`text::MAX_QUANTITY`, the compiler's 10¹⁵), naming the
/// bound; the evaluator's own arithmetic is checked (`progress_and_score_arithmetic_is_checked`).
#[test]
fn progress_with_extreme_actuals_reports_an_error() {
    let tmp = common::TempDir::new("progress");
    std::fs::write(
        tmp.dir().join("p.zc"),
        "目标 甲 {\n  值：232万人\n  期限：2020年\n  分年度：2016年50万、2017年56万、2018年55万、2019年46万、2020年25万\n}\n",
    )
    .unwrap();
    for actual in [
        [
            "2016=79228162514264337593543950335",
            "2017=79228162514264337593543950335",
        ],
        ["2016=-79228162514264337593543950335", "2017=1"],
        ["2016=1000000000000001", "2017=1"],
        ["2016=100000000001万", "2017=1"],
    ] {
        let out = run(
            tmp.dir(),
            &[
                "progress", "p.zc", "--target", "甲", "--actual", actual[0], "--actual", actual[1],
            ],
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{actual:?}: {stderr}");
        assert_eq!(out.status.code(), Some(2), "{actual:?}: {stderr}");
        assert!(
            stderr.contains("太大:绝对值不能超过 1000000000000000(一千万亿)"),
            "{actual:?}: {stderr}"
        );
    }
    // At the bound itself the figures are read and summed exactly.
    let out = run(
        tmp.dir(),
        &[
            "progress",
            "p.zc",
            "--target",
            "甲",
            "--actual",
            "2016=1000000000000000",
            "--actual",
            "2017=-1000000000000000",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The runtime's bound on typed quantities is the compiler's bound on numbers in `.zc` files.
#[test]
fn runtime_and_compiler_share_the_number_bound() {
    assert_eq!(
        zhengce_runtime::eval::text::MAX_QUANTITY,
        limits::MAX_NUMBER
    );
}

/// The library API takes any `Decimal` (the command line bounds what it reads, a program calling
/// the runtime need not): every sum and difference `progress` and `score` form is checked and
/// reports 「…超出了精确计算的范围」 instead of panicking or wrapping. Years are any `i32`.
#[test]
fn progress_and_score_arithmetic_is_checked() {
    use zhengce_runtime::eval::{self, EvalError};
    use zhengce_runtime::Quantity;

    // Any decimal, read as the IR reads one (this crate does not name `Decimal` itself).
    let number =
        |s: &str| -> Quantity { serde_json::from_str(&format!("{{\"value\":\"{s}\"}}")).unwrap() };
    let text = "\
目标 分年度 {\n  值：232万人\n  期限：2020年\n  分年度：2016年116万人、2017年116万人\n}\n\
目标 每年 {\n  每年：1万公里以上，2015至2017年每年\n}\n\
目标 自起 {\n  每年：14万户，自2015年起\n  累计：2017年42万户\n}\n\
目标 只有值 {\n  值：232万人\n  期限：2020年\n}\n\
考核 甲考核 {\n  项 甲：10分\n  项 乙\n  项 丙\n  项 丁 {\n    项 丁一\n    项 丁二\n  }\n  调整 加减：±5分\n}\n";
    let built = build(&[SourceFile::new("p.zc", text)], &CheckOptions::default());
    let program = built
        .program
        .unwrap_or_else(|| panic!("{:?}", built.diagnostics));
    let max = number("79228162514264337593543950335").value;
    let one = number("1").value;
    fn overflowed<T>(r: &Result<T, EvalError>) -> bool {
        matches!(r, Err(EvalError::Overflow { .. }))
    }
    for target in ["分年度", "每年", "自起", "只有值"] {
        for (figures, year) in [
            (vec![(2016, max), (2017, max)], 2017),
            (vec![(2016, -max), (2017, -max)], 2020),
            (vec![(2016, -max)], 2020),
            (vec![(2016, max)], 2020),
            (vec![(i32::MIN, one)], i32::MAX),
            (vec![(i32::MIN, max), (i32::MAX, max)], i32::MAX),
        ] {
            let actual: eval::Actuals = figures
                .iter()
                .map(|&(y, v)| (y, Quantity::new(v, None)))
                .collect();
            let r = eval::progress(&program, target, &actual, year);
            if let Err(e) = &r {
                assert!(
                    overflowed(&r) && e.to_string().contains("超出了精确计算的范围"),
                    "{target} {figures:?}: {e}"
                );
            }
        }
        // Two figures of Decimal::MAX cannot be summed: an error, not a panic.
        let actual: eval::Actuals = [(2016, max), (2017, max)]
            .into_iter()
            .map(|(y, v)| (y, Quantity::new(v, None)))
            .collect();
        let r = eval::progress(&program, target, &actual, 2017);
        assert!(overflowed(&r), "{target}: {r:?}");
    }
    let scores = |given: &[(&str, &str)]| -> eval::Scores {
        given
            .iter()
            .map(|(item, v)| (item.to_string(), number(v).value))
            .collect()
    };
    let max_text = "79228162514264337593543950335";
    for given in [
        vec![("乙", max_text), ("丙", max_text)],
        vec![("丁一", max_text), ("丁二", "1")],
        vec![("乙", max_text), ("加减", "5")],
    ] {
        let r = eval::score(&program, "甲考核", &scores(&given));
        assert!(overflowed(&r), "{given:?}: {r:?}");
        assert!(r.unwrap_err().to_string().contains("超出了精确计算的范围"));
    }
    let r = eval::score(
        &program,
        "甲考核",
        &scores(&[("乙", max_text), ("加减", "-5")]),
    );
    assert!(r.is_ok(), "{r:?}");
}

// ───────────────────────────── 4. properties ─────────────────────────────

/// Lines of the project's own valid files, for mutated inputs.
fn fragments() -> &'static [String] {
    static FRAGMENTS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    FRAGMENTS.get_or_init(|| {
        let mut out = Vec::new();
        for dir in ["tests/fixtures/syntax", "policies"] {
            let mut paths: Vec<_> = std::fs::read_dir(root().join(dir))
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "zc"))
                .collect();
            paths.sort();
            for p in paths {
                out.push(std::fs::read_to_string(p).unwrap());
            }
        }
        out
    })
}

/// Characters mutations insert: structure, both widths of punctuation, numerals, invisible
/// and control characters, non-BMP characters.
const ALPHABET: &[char] = &[
    '{', '}', '｛', '｝', '：', ':', '；', ';', '，', ',', '、', '（', '(', '）', ')', '“', '”',
    '「', '」', '《', '》', '"', '～', '~', '-', '％', '%', '＝', '=', '。', '\n', '\r', ' ',
    '\u{3000}', '\t', '0', '5', '９', '一', '十', '百', '万', '亿', '点', '零', '年', '月', '日',
    '前', '元', '人', '目', '标', '措', '施', '以', '上', '不', '低', '于', '\0', '\u{1b}',
    '\u{202e}', '\u{feff}', '\u{2028}', '\u{85}', '𠀀', '😀', '\u{200d}', 'X',
];

fn full_width_twin(c: char) -> Option<char> {
    Some(match c {
        '，' => ',',
        ',' => '，',
        '：' => ':',
        ':' => '：',
        '；' => ';',
        ';' => '；',
        '（' => '(',
        '(' => '（',
        '）' => ')',
        ')' => '）',
        '｛' => '{',
        '{' => '｛',
        '｝' => '}',
        '}' => '｝',
        '％' => '%',
        '%' => '％',
        '～' => '~',
        '~' => '～',
        '＝' => '=',
        '=' => '＝',
        _ => return None,
    })
}

#[derive(Clone, Debug)]
enum Mutation {
    Insert(usize, char),
    Delete(usize, usize),
    Replace(usize, char),
    SwapWidths,
}

/// Up to 40 lines of one valid file, then mutations at char positions (taken modulo the text).
fn mutated_input() -> impl Strategy<Value = String> {
    let n = fragments().len();
    let mutation = prop_oneof![
        (any::<usize>(), proptest::sample::select(ALPHABET))
            .prop_map(|(i, c)| Mutation::Insert(i, c)),
        (any::<usize>(), 1usize..8).prop_map(|(i, k)| Mutation::Delete(i, k)),
        (any::<usize>(), proptest::sample::select(ALPHABET))
            .prop_map(|(i, c)| Mutation::Replace(i, c)),
        Just(Mutation::SwapWidths),
    ];
    (
        0..n,
        any::<usize>(),
        1usize..40,
        proptest::collection::vec(mutation, 0..6),
    )
        .prop_map(move |(f, start, len, muts)| {
            let lines: Vec<&str> = fragments()[f].lines().collect();
            let start = start % lines.len().max(1);
            let mut chars: Vec<char> = lines[start..(start + len).min(lines.len())]
                .join("\n")
                .chars()
                .collect();
            for m in muts {
                let at = |i: usize, len: usize| if len == 0 { 0 } else { i % len };
                match m {
                    Mutation::Insert(i, c) => {
                        let i = at(i, chars.len() + 1);
                        chars.insert(i, c);
                    }
                    Mutation::Delete(i, k) if !chars.is_empty() => {
                        let i = at(i, chars.len());
                        let end = (i + k).min(chars.len());
                        chars.drain(i..end);
                    }
                    Mutation::Replace(i, c) if !chars.is_empty() => {
                        let i = at(i, chars.len());
                        chars[i] = c;
                    }
                    Mutation::SwapWidths => {
                        for c in chars.iter_mut() {
                            if let Some(t) = full_width_twin(*c) {
                                *c = t;
                            }
                        }
                    }
                    _ => {}
                }
            }
            chars.into_iter().collect()
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Every span the compiler produces for a mutated file is on char boundaries, and both
    /// terminal renderers (ariadne and codespan) accept every diagnostic.
    #[test]
    fn spans_of_mutated_files_are_on_char_boundaries(text in mutated_input()) {
        let files = [SourceFile::new("m.zc", text.clone())];
        let out = check_files_with(&files, &CheckOptions::default());
        let ast = serde_json::to_value(&out.files[0].document).unwrap();
        assert_spans(&text, &ast, &text);
        assert_diagnostic_spans(&files, &out.diagnostics, &text);
        render_all(&files, &out.diagnostics);
    }
}

/// An exact rational `num / den` (den > 0), with i128: generated quantities stay below 10¹⁶
/// and products below 10³², far inside i128.
#[derive(Clone, Copy, Debug)]
struct Ratio {
    num: i128,
    den: i128,
}

impl Ratio {
    /// A decimal's exact value, from its mantissa and scale.
    fn of(mantissa: i128, scale: u32) -> Ratio {
        Ratio {
            num: mantissa,
            den: 10i128.pow(scale),
        }
    }
    /// In lowest terms, so that equal values have equal fields.
    fn reduced(self) -> Ratio {
        let (mut a, mut b) = (self.num.abs(), self.den);
        while b != 0 {
            (a, b) = (b, a % b);
        }
        let g = a.max(1);
        Ratio {
            num: self.num / g,
            den: self.den / g,
        }
    }
    fn add(self, o: Ratio) -> Ratio {
        Ratio {
            num: self.num * o.den + o.num * self.den,
            den: self.den * o.den,
        }
        .reduced()
    }
    fn mul(self, o: Ratio) -> Ratio {
        Ratio {
            num: self.num * o.num,
            den: self.den * o.den,
        }
        .reduced()
    }
    fn same(self, o: Ratio) -> bool {
        let (a, b) = (self.reduced(), o.reduced());
        a.num == b.num && a.den == b.den
    }
}

/// A quantity as written (`123.45万`) and its exact value.
fn written_quantity() -> impl Strategy<Value = (String, Ratio)> {
    (0u64..100_000, 0u32..5, 0u64..10_000, 0usize..4).prop_map(|(int, places, frac, scale)| {
        let frac = frac % 10u64.pow(places);
        let (word, exp) = [("", 0), ("万", 4), ("亿", 8), ("万亿", 12)][scale];
        // Below MAX_NUMBER (1000万亿) whatever the scale.
        let int = if exp == 12 { int % 1000 } else { int };
        let text = if places == 0 {
            format!("{int}{word}")
        } else {
            format!("{int}.{frac:0width$}{word}", width = places as usize)
        };
        let num = (i128::from(int) * 10i128.pow(places) + i128::from(frac)) * 10i128.pow(exp);
        (
            text,
            Ratio {
                num,
                den: 10i128.pow(places),
            },
        )
    })
}

/// A number below 10⁸ in Chinese numerals, the canonical way (一千零五, 十五, 一百一十五).
fn chinese(n: u64) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    fn below_wan(n: u64, leading: bool) -> String {
        let mut s = String::new();
        let mut zero = false;
        for (unit, p) in [("千", 1000), ("百", 100), ("十", 10), ("", 1)] {
            let d = (n / p) % 10;
            if d == 0 {
                zero = !s.is_empty() || !leading;
                continue;
            }
            if zero && (!s.is_empty() || !leading) {
                s.push('零');
            }
            zero = false;
            if !(unit == "十" && d == 1 && s.is_empty() && leading) {
                s.push_str(D[d as usize]);
            }
            s.push_str(unit);
        }
        s
    }
    if n == 0 {
        return "零".to_string();
    }
    let (wan, rest) = (n / 10_000, n % 10_000);
    let mut s = String::new();
    if wan > 0 {
        s = below_wan(wan, true) + "万";
    }
    if rest > 0 {
        if wan > 0 && rest < 1000 {
            s.push('零');
            s += below_wan(rest, false).trim_start_matches('零');
        } else {
            s += &below_wan(rest, wan == 0);
        }
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    /// A numeral with 万/亿 is read exactly, and the sums and products the checks form agree
    /// with exact rational arithmetic.
    #[test]
    fn decimal_arithmetic_is_exact(
        qs in proptest::collection::vec(written_quantity(), 1..8),
        (pct_int, pct_frac) in (0u32..10_000, 0u32..100),
    ) {
        let read = |t: &str| zhengce_compiler::lexical::parse_numeral(t).unwrap().value;
        let mut sum = read("0");
        let mut reference = Ratio { num: 0, den: 1 };
        for (text, exact) in &qs {
            let v = read(text);
            prop_assert!(Ratio::of(v.mantissa(), v.scale()).same(*exact), "{text}: {v}");
            sum += v;
            reference = reference.add(*exact);
        }
        prop_assert!(Ratio::of(sum.mantissa(), sum.scale()).same(reference), "sum {sum}");
        // A relative target (较…提高 x%) multiplies a base by a percentage.
        let a = &qs[0];
        let pct = format!("{pct_int}.{pct_frac:02}");
        let product = read(&a.0).checked_mul(read(&pct) / read("100")).unwrap();
        let exact = a.1.mul(Ratio { num: i128::from(pct_int * 100 + pct_frac), den: 10_000 });
        prop_assert!(
            Ratio::of(product.mantissa(), product.scale()).same(exact),
            "{} × {pct}% = {product}", a.0
        );
    }

    /// The breakdown check (ZC0201) adds parts written with 万/亿 exactly: a total equal to the
    /// exact sum passes, one unit of the fourth decimal place more fails.
    #[test]
    fn breakdown_check_adds_exactly(qs in proptest::collection::vec(written_quantity(), 1..6)) {
        let mut exact = Ratio { num: 0, den: 1 };
        for (_, r) in &qs {
            exact = exact.add(*r);
        }
        // The sum in units of 0.0001 (every part has at most four decimals).
        let scaled = exact.num * 10_000 / exact.den;
        prop_assert_eq!(scaled * exact.den, exact.num * 10_000);
        prop_assume!(scaled < i128::from(limits::MAX_NUMBER) * 10_000);
        let written = |s: i128| {
            let frac = format!("{:04}", s % 10_000);
            let frac = frac.trim_end_matches('0');
            if frac.is_empty() { format!("{}", s / 10_000) } else { format!("{}.{frac}", s / 10_000) }
        };
        let parts: Vec<String> = qs
            .iter()
            .enumerate()
            .map(|(i, (t, _))| format!("{}年{t}人", 2001 + i))
            .collect();
        let doc = |total: String| {
            format!("目标 甲 {{\n  值：{total}人\n  分年度：{}\n}}\n", parts.join("、"))
        };
        let ok = check_one("s.zc", &doc(written(scaled)));
        prop_assert!(!has_code(&ok, "ZC0201"), "{}: {ok:?}", doc(written(scaled)));
        let bad = check_one("s.zc", &doc(written(scaled + 1)));
        prop_assert!(has_code(&bad, "ZC0201"), "{}", doc(written(scaled + 1)));
    }

    /// Chinese numerals below 10⁸ read as the number they write.
    #[test]
    fn chinese_numerals_are_read_exactly(n in 0u64..100_000_000) {
        let text = chinese(n);
        let v = zhengce_compiler::lexical::parse_numeral(&text)
            .unwrap_or_else(|e| panic!("{text}: {e:?}"))
            .value;
        prop_assert!(Ratio::of(v.mantissa(), v.scale()).same(Ratio { num: i128::from(n), den: 1 }), "{text}: {v}");
    }
}

// ───────────────────────────── 5. determinism ─────────────────────────────

/// Every `.zc` file of the policies and the fixtures, by directory: a directory is one set.
fn policy_sets() -> Vec<Vec<SourceFile>> {
    fn walk(dir: &Path, sets: &mut Vec<Vec<SourceFile>>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        let mut set = Vec::new();
        for p in entries {
            if p.is_dir() {
                walk(&p, sets);
            } else if p.extension().is_some_and(|e| e == "zc") {
                if let Ok(text) = std::fs::read_to_string(&p) {
                    let name = p.strip_prefix(root()).unwrap().display().to_string();
                    set.push(SourceFile::new(name, text));
                }
            }
        }
        if !set.is_empty() {
            sets.push(set);
        }
    }
    let mut sets = Vec::new();
    walk(&root().join("policies"), &mut sets);
    walk(&root().join("tests/fixtures"), &mut sets);
    sets
}

/// Every output of one check of a set, in every format.
fn all_outputs(set: &[SourceFile]) -> Vec<String> {
    let out = check_files_with(set, &CheckOptions::default());
    let sources = sources_of(set);
    let mut texts = vec![
        render_short(&out.diagnostics, &sources),
        render_ariadne(&out.diagnostics, &sources, false),
        render_ariadne(&out.diagnostics, &sources, true),
        render_codespan(&out.diagnostics, &sources, false),
        render_json(&out.diagnostics, &sources),
        zhengce_compiler::render::render_github(&out.diagnostics, &sources),
        zhengce_compiler::render::render_sarif(&out.diagnostics, &sources),
    ];
    texts.push(render_findings(&out, &sources, "cmd"));
    texts
}

#[test]
fn output_is_byte_identical_from_run_to_run() {
    for set in policy_sets() {
        let a = all_outputs(&set);
        let b = all_outputs(&set);
        assert_eq!(a, b, "{}", set[0].name);
    }
}

#[test]
fn diagnostics_do_not_depend_on_the_order_of_files() {
    for set in policy_sets().into_iter().filter(|s| s.len() > 1) {
        let mut reversed = set.clone();
        reversed.reverse();
        let a = check_files_with(&set, &CheckOptions::default()).diagnostics;
        let b = check_files_with(&reversed, &CheckOptions::default()).diagnostics;
        assert_eq!(a, b, "{}", set[0].name);
    }
}

/// The CLI twice for `check` (the renderers' own determinism is tested above, in-process) and
/// for `build`, whose IR must be byte-identical; and `check` with the same files given in the
/// opposite order.
#[test]
fn cli_output_is_byte_identical_and_order_independent() {
    let dir = root();
    let mut files: Vec<String> = std::fs::read_dir(dir.join("policies"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "zc"))
        .map(|p| p.strip_prefix(&dir).unwrap().display().to_string())
        .collect();
    files.sort();
    let check = |format: &str, files: &[String]| {
        let mut args = vec!["--color", "never", "check", "--format", format];
        args.extend(files.iter().map(String::as_str));
        run(&dir, &args)
    };
    let first = check("human", &files);
    let second = check("human", &files);
    assert_eq!(first.stdout, second.stdout);
    assert_eq!(first.stderr, second.stderr);
    let mut reversed = files.clone();
    reversed.reverse();
    let forward = check("json", &files);
    let backward = check("json", &reversed);
    assert_eq!(
        forward.stdout, backward.stdout,
        "the order of the files on the command line changed the output"
    );
    // The policies record real faults of their documents (FINDINGS.md), so build them anyway.
    let build_args = ["build", "--allow-errors", "policies"];
    let a = run(&dir, &build_args);
    let b = run(&dir, &build_args);
    assert!(a.status.success(), "{}", String::from_utf8_lossy(&a.stderr));
    assert_eq!(a.stdout, b.stdout);
    assert_eq!(a.stderr, b.stderr);
}

// ───────────────────────────── 6. security ─────────────────────────────

fn header_with_source(source: &str, quote: &str) -> String {
    format!("文件《甲》{{\n  成文日期：2017年4月23日\n  来源：{source}\n  原文：“{quote}”\n}}\n")
}

/// 来源 names a file by name only, looked up among the files directly in `--sources DIR`:
/// /etc/passwd and ../../Cargo.toml are not found, and nothing of them reaches the output.
#[test]
fn a_policy_cannot_read_files_outside_the_sources_directory() {
    let tmp = common::TempDir::new("outside");
    let sources = tmp.dir().join("sources");
    std::fs::create_dir(&sources).unwrap();
    std::fs::write(sources.join("原件.txt"), "确保脱贫").unwrap();
    let policies = tmp.dir().join("policies");
    std::fs::create_dir(&policies).unwrap();
    std::fs::write(
        policies.join("a.zc"),
        header_with_source("/etc/passwd", "root:x:0:0"),
    )
    .unwrap();
    std::fs::write(
        policies.join("b.zc"),
        header_with_source("../../Cargo.toml", "[workspace]"),
    )
    .unwrap();
    let out = run(
        tmp.dir(),
        &[
            "--color",
            "never",
            "check",
            "--format",
            "json",
            "policies",
            "--sources",
            "sources",
        ],
    );
    let text = stdout(&out);
    let diags: Value = serde_json::from_str(&text).unwrap();
    let codes: Vec<&str> = diags
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["ZC0902", "ZC0902"], "{text}");
    assert!(text.contains("找不到原始文件「passwd」"), "{text}");
    assert!(text.contains("找不到原始文件「Cargo.toml」"), "{text}");
    // Nothing of either file's content: not quoted, not compared (no ZC0901 either). (The
    // policies' own 原文, "root:x:0:0" and "[workspace]", may be echoed as the findings' subject.)
    for leak in ["root:x:0:0:", "/bin/", "zhengce-compiler", "members"] {
        assert!(!text.contains(leak), "{leak} leaked: {text}");
    }
}

/// `--sources` reads the regular files directly in the directory: not its subdirectories, and
/// not a symbolic link to a file elsewhere.
#[cfg(unix)]
#[test]
fn sources_reads_only_the_directory_given() {
    let tmp = common::TempDir::new("symlink");
    let sources = tmp.dir().join("sources");
    std::fs::create_dir_all(sources.join("sub")).unwrap();
    std::fs::write(sources.join("sub/深处.txt"), "子目录中的内容").unwrap();
    std::fs::write(tmp.dir().join("秘密.txt"), "目录外的秘密").unwrap();
    std::os::unix::fs::symlink(tmp.dir().join("秘密.txt"), sources.join("链接.txt")).unwrap();
    std::os::unix::fs::symlink(tmp.dir(), sources.join("上级")).unwrap();
    std::fs::write(sources.join("原件.txt"), "确保脱贫").unwrap();
    let cases = [
        ("链接.txt", "目录外的秘密"),
        ("sub/深处.txt", "子目录中的内容"),
        ("上级/秘密.txt", "目录外的秘密"),
    ];
    for (i, (source, quote)) in cases.iter().enumerate() {
        let policy = tmp.dir().join(format!("p{i}.zc"));
        std::fs::write(&policy, header_with_source(source, quote)).unwrap();
        let out = run(
            tmp.dir(),
            &[
                "--color",
                "never",
                "check",
                "--format",
                "short",
                &format!("p{i}.zc"),
                "--sources",
                "sources",
            ],
        );
        let text = stdout(&out);
        assert!(text.contains("ZC0902"), "{source}: {text}");
        assert!(
            !text.contains("ZC0901"),
            "{source}: the quote was compared: {text}"
        );
    }
    // The file that is there is read.
    std::fs::write(
        tmp.dir().join("ok.zc"),
        header_with_source("原件.txt", "确保脱贫"),
    )
    .unwrap();
    let out = run(
        tmp.dir(),
        &[
            "check",
            "--format",
            "short",
            "ok.zc",
            "--sources",
            "sources",
        ],
    );
    assert_eq!(stdout(&out), "", "{:?}", out);
    assert_eq!(out.status.code(), Some(0));
}

/// The library side: a source text the caller did not pass cannot be found, whatever the path.
#[test]
fn check_reads_no_files_itself() {
    let text = header_with_source("/etc/hostname", "x");
    let out = check_files_with(
        &[SourceFile::new("a.zc", text)],
        &CheckOptions {
            source_texts: Some(Vec::new()),
            ..CheckOptions::default()
        },
    );
    let codes: BTreeMap<&str, usize> = out.diagnostics.iter().fold(BTreeMap::new(), |mut m, d| {
        *m.entry(d.code.as_str()).or_default() += 1;
        m
    });
    assert_eq!(codes.get("ZC0902"), Some(&1), "{:?}", out.diagnostics);
}
