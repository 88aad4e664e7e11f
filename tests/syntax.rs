//! Fixture-driven tests of the front end: adding a case is adding a file.
//!
//! - `fixtures/syntax/*.zc` must parse without diagnostics; their AST is snapshotted.
//! - `fixtures/errors/*.zc` must produce diagnostics; the rendered report is snapshotted.
//! - Every syntax fixture written with half-width punctuation parses to the same AST.

use serde_json::Value;
use std::path::Path;
use zhengce_compiler::format::ast_without_spans;
use zhengce_compiler::render::{render_ariadne, render_short, Sources};

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn file_name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

#[test]
fn syntax_fixtures_parse_cleanly_and_their_ast_is_stable() {
    insta::glob!("fixtures/syntax/*.zc", |path| {
        let src = read(path);
        let name = file_name(path);
        let parsed = zhengce_compiler::parse(&src, &name);
        let sources = Sources::new().with(name.clone(), src.clone());
        assert!(
            parsed.diagnostics.is_empty(),
            "{name} should parse cleanly:\n{}",
            render_short(&parsed.diagnostics, &sources)
        );
        insta::assert_json_snapshot!(parsed.document);
    });
}

#[test]
fn error_fixtures_report_chinese_diagnostics_at_the_right_place() {
    insta::glob!("fixtures/errors/*.zc", |path| {
        let src = read(path);
        let name = file_name(path);
        let parsed = zhengce_compiler::parse(&src, &name);
        assert!(
            !parsed.diagnostics.is_empty(),
            "{name} should report a diagnostic"
        );
        let sources = Sources::new().with(name.clone(), src.clone());
        let report = format!(
            "{}\n{}",
            render_short(&parsed.diagnostics, &sources),
            render_ariadne(&parsed.diagnostics, &sources, false)
        );
        insta::assert_snapshot!(report);
    });
}

/// Replaces full-width punctuation by its half-width twin, keeping names' 「」 and quotes' “”.
fn to_half_width(src: &str) -> String {
    src.chars()
        .map(|c| match c {
            '，' => ',',
            '：' => ':',
            '；' => ';',
            '（' => '(',
            '）' => ')',
            '｛' => '{',
            '｝' => '}',
            '％' => '%',
            '＝' => '=',
            '～' => '~',
            other => other,
        })
        .collect()
}

#[test]
fn full_width_and_half_width_punctuation_give_the_same_ast() {
    insta::glob!("fixtures/syntax/*.zc", |path| {
        let src = read(path);
        let half = to_half_width(&src);
        let a = zhengce_compiler::parse(&src, "a.zc");
        let b = zhengce_compiler::parse(&half, "a.zc");
        assert!(
            b.diagnostics.is_empty(),
            "half-width version of {} fails",
            path.display()
        );
        let a = ast_without_spans(&a.document);
        let b = ast_without_spans(&b.document);
        // Texts (metrics, quotes, verbs) keep the punctuation they were written with.
        let strip_texts = |v: Value| -> Value {
            let s = serde_json::to_string(&v).unwrap();
            serde_json::from_str(&to_half_width(&s)).unwrap()
        };
        assert_eq!(strip_texts(a), strip_texts(b), "{}", path.display());
    });
}

#[test]
fn every_span_lies_on_char_boundaries() {
    insta::glob!("fixtures/**/*.zc", |path| {
        let src = read(path);
        let parsed = zhengce_compiler::parse(&src, "f.zc");
        let json = serde_json::to_value(&parsed.document).unwrap();
        let mut spans = Vec::new();
        collect_spans(&json, &mut spans);
        for d in &parsed.diagnostics {
            for l in &d.labels {
                spans.push((l.span.start, l.span.end));
            }
        }
        for (s, e) in spans {
            assert!(
                s <= e && e <= src.len(),
                "{}: span {s}..{e} out of range",
                path.display()
            );
            assert!(
                src.is_char_boundary(s) && src.is_char_boundary(e),
                "{}: span {s}..{e} splits a character",
                path.display()
            );
        }
    });
}

fn collect_spans(v: &Value, out: &mut Vec<(usize, usize)>) {
    match v {
        Value::Object(map) => {
            if let (Some(Value::Number(s)), Some(Value::Number(e))) =
                (map.get("start"), map.get("end"))
            {
                out.push((s.as_u64().unwrap() as usize, e.as_u64().unwrap() as usize));
            }
            for v in map.values() {
                collect_spans(v, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_spans(v, out)),
        _ => {}
    }
}

/// The date forms of real documents, each read and resolved as a deadline in a document dated
/// 2017年4月23日.
#[test]
fn date_and_deadline_forms_table() {
    let table = [
        ("2017年11月28日", "2017-11-28"),
        ("2017-11-28", "2017-11-28"),
        ("２０１７年５月２日", "2017-05-02"),
        ("二〇一七年十一月二十八日", "2017-11-28"),
        ("2019年底", "2019-12-31"),
        ("2019年末", "2019-12-31"),
        ("2020年", "2020-12-31"),
        ("2017年前", "2017-12-31"),
        ("到2017年底", "2017-12-31"),
        ("6月10日前", "2017-06-10"),
        ("5月2日之前", "2017-05-02"),
        ("5月底前", "2017-05-31"),
        ("11月底之前", "2017-11-30"),
        ("2月底前", "2017-02-28"),
        ("5月上旬", "2017-05-10"),
        ("本月底", "2017-04-30"),
        ("月底前", "2017-04-30"),
        ("本月中旬", "2017-04-20"),
        ("30日前", "2017-04-30"),
        ("年内", "2017-12-31"),
        ("2018年5月25日前", "2018-05-25"),
    ];
    for (written, want) in table {
        let src = format!(
            "文件《测试》{{ 成文日期：2017年4月23日 }}\n部门：甲\n措施 测试 {{ 牵头：甲；期限：{written} }}\n"
        );
        let out = zhengce_compiler::check_files_with(
            &[zhengce_compiler::SourceFile::new("t.zc", src)],
            &zhengce_compiler::CheckOptions {
                as_of: zhengce_runtime::CivilDate::parse_iso(want).map(|d| d.plus_days(1)),
                ..Default::default()
            },
        );
        // Overdue exactly one day after the resolved deadline proves how it resolved.
        let overdue = out
            .diagnostics
            .iter()
            .find(|d| d.code == "ZC1001")
            .unwrap_or_else(|| panic!("{written}: not resolved to {want}: {:?}", out.diagnostics));
        assert!(
            overdue.message.contains("已过 1 天"),
            "{written}: {}",
            overdue.message
        );
    }
    for open in ["长期坚持", "长期", "常态化", "「上级复核」前"] {
        let src = format!("部门：甲\n措施 测试 {{ 牵头：甲；期限：{open} }}\n");
        let parsed = zhengce_compiler::parse(&src, "t.zc");
        assert!(
            parsed.diagnostics.is_empty(),
            "{open}: {:?}",
            parsed.diagnostics
        );
    }
}
