//! The formatter (`zhengce fmt`, `zhengce_compiler::format`): properties on every syntax fixture,
//! every policy and generated documents, a snapshot of a messy file, and the command line.
//!
//! Properties, for every input that parses cleanly:
//! - formatting is idempotent: `fmt(fmt(x)) == fmt(x)`;
//! - the formatted text parses cleanly to the same AST, spans aside;
//! - comments survive: the same number of comments with the same text;
//! - quotes, 「」 names and 《》 titles survive byte for byte.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use serde_json::Value;
use zhengce_compiler::format::{ast_without_spans, format};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn files(dir: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = fs::read_dir(root().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "zc"))
        .collect();
    out.sort();
    out
}

/// What `src` says, layout aside; it must parse cleanly.
fn ast(src: &str) -> Value {
    let parsed = zhengce_compiler::parse(src, "t.zc");
    assert!(
        parsed.diagnostics.iter().all(|d| !d.is_error()),
        "does not parse cleanly:\n{src}\n{:?}",
        parsed.diagnostics
    );
    ast_without_spans(&parsed.document)
}

/// Where quoted text (“…”, 「…」, 《…》, with nesting) and comments are, scanned independently of
/// the grammar: a `//` at the start of a line or after white space, outside any quote, starts a
/// comment running to the end of the line.
struct Scan {
    comments: Vec<String>,
    quoted: Vec<String>,
}

fn scan(src: &str) -> Scan {
    let mut comments = Vec::new();
    let mut quoted = Vec::new();
    // Open brackets: (closing char, byte offset where the quoted text starts).
    let mut stack: Vec<(char, usize)> = Vec::new();
    let mut prev = '\n';
    let mut chars = src.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if stack.is_empty()
            && c == '/'
            && src[i..].starts_with("//")
            && (prev.is_whitespace() || prev == '\u{FEFF}')
        {
            let end = src[i..].find(['\n', '\r']).map_or(src.len(), |n| i + n);
            comments.push(src[i..end].trim_end().to_string());
            while chars.peek().is_some_and(|&(j, _)| j < end) {
                chars.next();
            }
            prev = ' ';
            continue;
        }
        let close = match c {
            '“' => Some('”'),
            '「' => Some('」'),
            '《' => Some('》'),
            _ => None,
        };
        if let Some(close) = close {
            stack.push((close, i));
        } else if let Some(&(want, start)) = stack.last() {
            if c == want {
                stack.pop();
                if stack.is_empty() {
                    quoted.push(src[start..i + c.len_utf8()].to_string());
                }
            }
        }
        prev = c;
    }
    comments.sort();
    quoted.sort();
    Scan { comments, quoted }
}

/// Checks every property on one input; returns the formatted text.
fn check_properties(name: &str, src: &str) -> String {
    let formatted = format(src).unwrap_or_else(|d| panic!("{name}: not formatted: {d:?}"));
    let again = format(&formatted).unwrap_or_else(|d| panic!("{name}: output rejected: {d:?}"));
    assert_eq!(again, formatted, "{name}: formatting is not idempotent");
    assert_eq!(ast(&formatted), ast(src), "{name}: the AST changed");
    let (before, after) = (scan(src), scan(&formatted));
    assert_eq!(after.comments, before.comments, "{name}: comments changed");
    assert_eq!(after.quoted, before.quoted, "{name}: quoted text changed");
    formatted
}

#[test]
fn every_syntax_fixture_formats_with_the_same_meaning() {
    let fixtures = files("tests/fixtures/syntax");
    assert!(fixtures.len() > 20);
    for path in fixtures {
        check_properties(&path.display().to_string(), &read(&path));
    }
}

#[test]
fn every_policy_formats_with_the_same_meaning() {
    let policies = files("policies");
    assert!(policies.len() >= 7);
    for path in policies {
        check_properties(&path.display().to_string(), &read(&path));
    }
}

#[test]
fn a_messy_file_gets_the_canonical_layout() {
    let src = read(&root().join("tests/fixtures/fmt/messy.zc"));
    let formatted = check_properties("messy.zc", &src);
    insta::assert_snapshot!("messy", formatted);
}

/// docs/language.md §4.1 “规范格式”: its order table is the formatter's, its example is canonical.
#[test]
fn the_language_reference_describes_the_canonical_layout() {
    let doc = read(&root().join("docs/language.md"));
    let start = doc
        .find("### 4.1 规范格式")
        .expect("docs/language.md has §4.1 规范格式");
    let section = &doc[start..];
    let section = &section[..section.find("\n---\n").unwrap_or(section.len())];
    let mut rows = 0;
    for line in section
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| 条目"))
    {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let item = cells[1].split('、').next().unwrap();
        let order: Vec<&str> = cells[2].split('、').collect();
        assert_eq!(
            order,
            zhengce_compiler::format::clause_order(item),
            "docs/language.md §4.1, row {item}"
        );
        rows += 1;
    }
    assert_eq!(rows, 12, "one row per item with a block");
    let block = section
        .split("```zc\n")
        .nth(1)
        .expect("§4.1 has an example");
    let example = &block[..block.find("```").unwrap()];
    assert_eq!(
        format(example).unwrap(),
        example,
        "the §4.1 example is canonical"
    );
}

#[test]
fn the_scanner_sees_comments_and_quotes() {
    let s = scan("// a\n目标 甲 { // b\n  原文：“x // y「z」”\n  来源：http://x // c\n}\n");
    assert_eq!(s.comments, ["// a", "// b", "// c"]);
    assert_eq!(s.quoted, ["“x // y「z」”"]);
}

#[test]
fn a_byte_order_mark_is_kept() {
    let formatted = format("\u{FEFF}部门 甲\n目标 乙 {值：1人}\n").unwrap();
    assert_eq!(formatted, "\u{FEFF}部门 甲\n目标 乙 {\n  值：1人\n}\n");
}

#[test]
fn an_empty_or_comment_only_file() {
    assert_eq!(format("").unwrap(), "");
    assert_eq!(format("\n\n").unwrap(), "");
    assert_eq!(
        format("  // 只有注释  \n\n\n// 第二条").unwrap(),
        "// 只有注释\n\n// 第二条\n"
    );
}

// ───────────────────────────── generated documents ─────────────────────────────

/// A statement of a generated document, before layout.
#[derive(Clone, Debug)]
enum Stmt {
    Clause(String),
    Item(String, Option<Vec<Stmt>>),
}

/// Clause fragments with `{c}` for the key's colon and `{s}` for a list separator; the value is
/// fixed, so whatever the layout the meaning is the same.
const TARGET_CLAUSES: &[&str] = &[
    "指标{c}农村贫困人口脱贫人数",
    "值{c}232万人",
    "期限{c}2020年",
    "分年度{c}2016年50万{s}2017年56万{s}2018年126万",
    "牵头{c}省扶贫办{s}省财政厅",
    "责任单位{c}省农业厅",
    "原文{c}“脱贫2016年50万，2017年56万；// 不是注释”",
    "原文{c}「坚持“省负总责”」",
    "说明{c}见 “十三五” 规划",
];
const MEASURE_CLAUSES: &[&str] = &[
    "牵头单位{c}省扶贫办",
    "配合{c}省财政厅{s}省农业厅",
    "整改时限{c}6月10日前",
    "原文{c}“（二）精准施策”",
    "说明{c}按原文",
];
const STANDARD_CLAUSES: &[&str] = &[
    "对象{c}光伏扶贫项目",
    "条件{c}县类别=深度贫困县{s}贫困县",
    "有效期{c}2017年至2019年",
    "原文{c}“按比例”",
];

fn clauses(pool: &'static [&'static str]) -> impl Strategy<Value = Vec<Stmt>> {
    proptest::sample::subsequence(pool, 0..=pool.len())
        .prop_shuffle()
        .prop_map(|v| v.into_iter().map(|c| Stmt::Clause(c.to_string())).collect())
}

fn target(name: &'static str) -> impl Strategy<Value = Stmt> {
    clauses(TARGET_CLAUSES).prop_map(move |body| Stmt::Item(format!("目标 {name}"), Some(body)))
}

fn standard() -> impl Strategy<Value = Stmt> {
    (clauses(STANDARD_CLAUSES), any::<bool>(), 0..3usize).prop_map(|(mut body, tiers, at)| {
        if tiers {
            let rows = vec![
                Stmt::Clause("深度贫困县{c}项目总投资的20%".into()),
                Stmt::Clause("其他{c}项目总投资的5%".into()),
            ];
            body.insert(
                at.min(body.len()),
                Stmt::Item("分档 按 县类别".into(), Some(rows)),
            );
        }
        Stmt::Item("补助 光伏扶贫以奖代补".into(), Some(body))
    })
}

fn measure() -> impl Strategy<Value = Stmt> {
    (
        clauses(MEASURE_CLAUSES),
        proptest::option::of(target("子目标")),
        any::<bool>(),
        0..4usize,
    )
        .prop_map(|(mut body, child, leaf, at)| {
            if let Some(child) = child {
                body.insert(at.min(body.len()), child);
            }
            if leaf {
                body.insert(
                    (at + 1).min(body.len()),
                    Stmt::Item("措施 1.排查收入不稳定脱贫户".into(), None),
                );
            }
            Stmt::Item("措施 （二）「精准施策，提高成效」".into(), Some(body))
        })
}

fn document() -> impl Strategy<Value = Vec<Stmt>> {
    let top = prop_oneof![
        Just(Stmt::Clause("部门{c}省扶贫办{s}省财政厅{s}省农业厅".into())),
        Just(Stmt::Item("部门 省交通运输厅 又称 省交通厅".into(), None)),
        Just(Stmt::Item(
            "事实 县类别{c}深度贫困县{s}贫困县{s}非贫困县".into(),
            None
        )),
        target("贫困人口脱贫"),
        standard(),
        measure(),
    ];
    proptest::collection::vec(top, 0..5)
}

/// Layout choices drawn from a seed: a tiny xorshift generator, so one seed is one layout.
struct Layout(u64);

impl Layout {
    fn pick<'a>(&mut self, options: &[&'a str]) -> &'a str {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        options[(self.0 % options.len() as u64) as usize]
    }

    fn chance(&mut self, one_in: usize) -> bool {
        let options = vec![""; one_in];
        let mut with = options.clone();
        with[0] = "x";
        !self.pick(&with).is_empty()
    }
}

/// Writes statements with random indentation, punctuation widths, terminators, blank lines and
/// comments (whole-line and trailing).
fn render(stmts: &[Stmt], layout: &mut Layout, out: &mut String, comments: &mut usize) {
    for (i, stmt) in stmts.iter().enumerate() {
        if layout.chance(4) {
            out.push_str(layout.pick(&["\n", "\n\n", "；"]));
        }
        if layout.chance(5) {
            *comments += 1;
            if !out.is_empty() && !out.ends_with('\n') {
                out.push(' '); // a comment follows white space (the scanner's rule)
            }
            out.push_str(&format!(
                "{}// 注释{comments}\n",
                layout.pick(&["", "  ", "\t"])
            ));
        }
        out.push_str(layout.pick(&["", " ", "  ", "\t", "\u{3000}"]));
        match stmt {
            Stmt::Clause(c) => {
                let c = c
                    .replace("{c}", layout.pick(&["：", ":"]))
                    .replace("{s}", layout.pick(&["、", "，", ","]));
                out.push_str(&c);
            }
            Stmt::Item(head, body) => {
                let head = head
                    .replace("{c}", layout.pick(&["：", ":"]))
                    .replace("{s}", layout.pick(&["、", "，"]));
                out.push_str(&head);
                if let Some(body) = body {
                    out.push_str(layout.pick(&[" {", "{", " ｛", "｛"]));
                    if layout.chance(3) {
                        *comments += 1;
                        out.push_str(&format!(" // 块注释{comments}"));
                    }
                    out.push('\n');
                    render(body, layout, out, comments);
                    out.push_str(layout.pick(&["}", "｝", "  }"]));
                }
            }
        }
        // Free text runs to the end of the line or `；`, so it always gets a real end.
        let text =
            matches!(stmt, Stmt::Clause(c) if c.starts_with("说明") || c.starts_with("指标"));
        if layout.chance(4) {
            *comments += 1;
            out.push_str(&format!(" // 行尾{comments}\n"));
        } else if i + 1 < stmts.len() && !text && layout.chance(3) {
            out.push_str(layout.pick(&["；", "。", ";"]));
        } else {
            out.push('\n');
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn generated_documents_keep_their_meaning(doc in document(), seed in 1u64..) {
        let mut text = String::new();
        let mut comments = 0;
        let mut layout = Layout(seed);
        render(&doc, &mut layout, &mut text, &mut comments);
        if layout.chance(5) {
            text = text.replace('\n', "\r\n");
        }
        let parsed = zhengce_compiler::parse(&text, "t.zc");
        prop_assume!(parsed.diagnostics.iter().all(|d| !d.is_error()));
        let formatted = check_properties("generated", &text);
        prop_assert_eq!(scan(&formatted).comments.len(), comments);
    }
}

// ───────────────────────────── the command line ─────────────────────────────

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

const MESSY: &str = "目标 甲 {值:1人;期限:2020年} // 注\n";
const TIDY: &str = "目标 甲 {\n  值：1人\n  期限：2020年\n} // 注\n";

#[test]
fn check_prints_a_diff_and_fails_without_writing() {
    let dir = common::TempDir::new("check");
    dir.write("a.zc", MESSY);
    dir.write("b.zc", TIDY);
    let out = dir.run(&["fmt", "--check", "."]);
    assert_eq!(out.status.code(), Some(1));
    let diff = text(&out.stdout);
    assert!(
        diff.starts_with("--- ./a.zc\n+++ ./a.zc(格式化后)\n"),
        "{diff}"
    );
    assert!(
        diff.contains("-目标 甲 {值:1人;期限:2020年} // 注\n"),
        "{diff}"
    );
    assert!(diff.contains("+  值：1人\n"), "{diff}");
    assert!(!diff.contains("b.zc"), "{diff}");
    assert!(text(&out.stderr).ends_with("检查了 2 个文件:1 个文件不是规范格式\n"));
    assert_eq!(dir.read("a.zc"), MESSY);
}

#[test]
fn fmt_rewrites_only_changed_files_and_then_check_passes() {
    let dir = common::TempDir::new("write");
    dir.write("a.zc", MESSY);
    dir.write("b.zc", TIDY);
    let before = fs::metadata(dir.dir().join("b.zc"))
        .unwrap()
        .modified()
        .unwrap();
    let out = dir.run(&["fmt", "a.zc", "b.zc"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stderr),
        "已格式化 a.zc\n检查了 2 个文件:改写了 1 个文件\n"
    );
    assert_eq!(dir.read("a.zc"), TIDY);
    let after = fs::metadata(dir.dir().join("b.zc"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(before, after, "an unchanged file is not written");
    let out = dir.run(&["fmt", "--check", "a.zc", "b.zc"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout), "");
    assert_eq!(text(&out.stderr), "检查了 2 个文件,都已是规范格式\n");
}

#[test]
fn a_file_with_syntax_errors_is_reported_and_left_alone() {
    let dir = common::TempDir::new("broken");
    let broken = "目标 甲 {\n  值：232万人\n";
    dir.write("broken.zc", broken);
    dir.write("a.zc", MESSY);
    let out = dir.run(&["fmt", "--color", "never", "broken.zc", "a.zc"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("错误[ZC0001]"), "{err}");
    assert!(err.contains("broken.zc:"), "{err}");
    assert!(
        err.ends_with("检查了 2 个文件:改写了 1 个文件,1 个文件有错误,未格式化\n"),
        "{err}"
    );
    assert_eq!(dir.read("broken.zc"), broken);
    assert_eq!(dir.read("a.zc"), TIDY, "the good file is still formatted");
}

#[test]
fn a_missing_path_is_a_usage_failure() {
    let dir = common::TempDir::new("missing");
    let out = dir.run(&["fmt", "nope.zc"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("ZC0014"));
}
