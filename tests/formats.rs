//! The machine formats of `zhengce check`: `--format sarif` is valid against the official
//! SARIF 2.1.0 schema (tests/data/sarif-schema-2.1.0.json, see tests/data/README.md),
//! `--format github` writes workflow commands with UTF-16 columns, and the field set of
//! `--format json` is pinned (docs/json-output.md promises it is stable).

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::PathBuf;
use std::process::Output;

use common::stdout;

use serde_json::{json, Value};
use zhengce_compiler::diagnostic::{Diagnostic, Severity, Span};
use zhengce_compiler::render::{render_json, render_sarif, Sources};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn zhengce(dir: &std::path::Path, args: &[&str]) -> Output {
    let mut cmd = common::zhengce();
    cmd.current_dir(dir);
    common::run_in(cmd, args)
}

/// A file with an unknown department after a character outside the BMP (𠀀, two UTF-16 units),
/// a measure without a lead (warning) and a lead that is also responsible (note).
const CJK: &str = "部门 省𠀀办\n\
措施 甲 { 牵头：省𠀀办、县扶贫办 }\n\
措施 乙 { 期限：「上级复核」前 }\n\
措施 丙 { 牵头：省𠀀办；责任单位：省𠀀办 }\n";

// ───────────────────────────── SARIF ─────────────────────────────

fn sarif_validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(
        &fs::read_to_string(root().join("tests/data/sarif-schema-2.1.0.json")).unwrap(),
    )
    .unwrap();
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles")
}

fn assert_valid_sarif(validator: &jsonschema::Validator, text: &str, what: &str) -> Value {
    let log: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{what}: {e}"));
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} is not valid SARIF:\n{}",
        errors.join("\n")
    );
    log
}

#[test]
fn sarif_is_valid_against_the_official_schema() {
    let validator = sarif_validator();

    // The validator really validates.
    let broken = json!({ "version": "2.0", "runs": [] });
    assert!(!validator.is_valid(&broken));

    // Clean, syntax errors, every finding of the seed policies (secondary labels, notes, help).
    for (args, what) in [
        (
            vec!["check", "--format", "sarif", "tests/fixtures/cli/clean"],
            "clean",
        ),
        (
            vec!["check", "--format", "sarif", "tests/fixtures/cli/mixed"],
            "mixed",
        ),
        (vec!["check", "--format", "sarif", "policies"], "policies"),
    ] {
        let out = zhengce(&root(), &args);
        assert!(matches!(out.status.code(), Some(0 | 1)), "{what}");
        let log = assert_valid_sarif(&validator, &stdout(&out), what);
        assert_eq!(log["runs"][0]["columnKind"], "utf16CodeUnits");
        let rules = log["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap();
        assert_eq!(rules.len(), zhengce_compiler::codes::CATALOGUE.len());
    }

    // Corner cases: no code, an unknown code, a file without text, a span over several lines.
    let text = "目标 甲 {\n  值：𠀀232万人\n}\n";
    let sources = Sources::new().with("规划 1.zc", text);
    let diags = vec![
        Diagnostic::error("", "内部错误"),
        Diagnostic::new("ZC9999", Severity::Note, "未知代码").primary(
            "规划 1.zc",
            Span::new(0, 6),
            "",
        ),
        Diagnostic::warning("ZC0701", "没有源文本").primary("不在.zc", Span::new(3, 9), "这里"),
        Diagnostic::error("ZC0201", "跨行")
            .primary("规划 1.zc", Span::new(0, text.len()), "整个目标")
            .secondary("规划 1.zc", Span::new(7, 10), "名称")
            .note("注一")
            .help("帮助"),
    ];
    let log = assert_valid_sarif(&validator, &render_sarif(&diags, &sources), "corner cases");
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(results[0].get("ruleId").is_none());
    assert_eq!(results[1]["ruleId"], "ZC9999");
    assert!(results[1].get("ruleIndex").is_none());
    assert!(results[2]["locations"][0]["physicalLocation"]
        .get("region")
        .is_none());
    assert_eq!(
        results[3]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "%E8%A7%84%E5%88%92%201.zc"
    );
    assert_eq!(
        results[3]["message"]["text"],
        "跨行\n注意: 注一\n帮助: 帮助"
    );
}

#[test]
fn sarif_rules_carry_the_documentation() {
    let out = zhengce(
        &root(),
        &["check", "--format", "sarif", "tests/fixtures/cli/clean"],
    );
    let log: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let driver = &log["runs"][0]["tool"]["driver"];
    assert_eq!(driver["name"], "zhengce");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    let rule = driver["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "ZC0201")
        .unwrap();
    assert_eq!(rule["name"], "BreakdownSum");
    assert_eq!(rule["shortDescription"]["text"], "分项合计与总数不符");
    assert_eq!(rule["defaultConfiguration"]["level"], "error");
    let section = fs::read_to_string(root().join("docs/diagnostics/ZC0201.md")).unwrap();
    let full = rule["fullDescription"]["markdown"].as_str().unwrap();
    assert!(full.starts_with("严重程度:**错误**。"), "{full}");
    assert!(section.contains(full));
    let help = rule["help"]["markdown"].as_str().unwrap();
    assert!(
        section.trim_end().ends_with(help),
        "help is the section body"
    );
    let uri = rule["helpUri"].as_str().unwrap();
    assert!(
        uri.contains("/docs/diagnostics.md#zc0201-%E5%88%86"),
        "{uri}"
    );
}

#[test]
fn sarif_regions_count_utf16_code_units() {
    let dir = common::TempDir::new("sarif-cjk");
    fs::write(dir.dir().join("a.zc"), CJK).unwrap();
    let out = zhengce(dir.dir(), &["check", "--format", "sarif", "a.zc"]);
    let log: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let result = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "ZC0101")
        .unwrap()
        .clone();
    let region = &result["locations"][0]["physicalLocation"]["region"];
    // 措施 甲 { 牵头：省𠀀办、 is 14 characters but 15 UTF-16 units.
    assert_eq!(region["startLine"], 2);
    assert_eq!(region["startColumn"], 16);
    assert_eq!(region["endColumn"], 20);
}

// ───────────────────────────── GitHub ─────────────────────────────

#[test]
fn github_commands_use_utf16_columns_and_levels() {
    let dir = common::TempDir::new("github");
    fs::write(dir.dir().join("a.zc"), CJK).unwrap();
    let out = zhengce(dir.dir(), &["check", "--format", "github", "a.zc"]);
    assert_eq!(out.status.code(), Some(1));
    let short = zhengce(dir.dir(), &["check", "--format", "short", "a.zc"]);
    insta::assert_snapshot!(
        "github_cjk",
        format!("--- github\n{}--- short\n{}", stdout(&out), stdout(&short))
    );
    let text = stdout(&out);
    // The short format counts characters (15), GitHub gets UTF-16 units (16).
    assert!(stdout(&short).contains("a.zc:2:15: 错误[ZC0101]"));
    assert!(text.contains(
        "::error file=a.zc,line=2,col=16,endLine=2,endColumn=20,title=ZC0101 部门未声明::"
    ));
    assert!(text.contains("::warning file=a.zc,line=3,"));
    assert!(text.contains("::notice file=a.zc,line=4,"));
    assert_eq!(text.lines().count(), 3);
    assert!(text.lines().all(|l| l.starts_with("::")));
}

// ───────────────────────────── JSON ─────────────────────────────

fn keys(v: &Value) -> BTreeSet<&str> {
    v.as_object().unwrap().keys().map(String::as_str).collect()
}

/// The field set documented in docs/json-output.md, version 1.
#[test]
fn json_field_set_is_pinned() {
    let text = "目标 甲 {\n  值：𠀀232万人\n}\n";
    let sources = Sources::new().with("a.zc", text);
    let diags = vec![
        Diagnostic::error("ZC0201", "m")
            .primary("a.zc", Span::new(7, 10), "p")
            .secondary("b.zc", Span::new(0, 3), "")
            .note("n")
            .help("h"),
        Diagnostic::warning("ZC0701", "w"),
    ];
    let out: Value = serde_json::from_str(&render_json(&diags, &sources)).unwrap();
    let items = out.as_array().unwrap();
    let diag_keys: BTreeSet<&str> = [
        "code", "severity", "message", "labels", "notes", "help", "subject",
    ]
    .into();
    let label_keys: BTreeSet<&str> = [
        "file",
        "span",
        "message",
        "primary",
        "line",
        "column",
        "end_line",
        "end_column",
    ]
    .into();
    for item in items {
        assert_eq!(keys(item), diag_keys);
        assert!(item["code"].is_string() && item["message"].is_string());
        assert!(["error", "warning", "note"].contains(&item["severity"].as_str().unwrap()));
        assert!(item["notes"].is_array());
        assert!(item["help"].is_string() || item["help"].is_null());
        for label in item["labels"].as_array().unwrap() {
            assert_eq!(keys(label), label_keys);
            assert_eq!(keys(&label["span"]), ["end", "start"].into());
            assert!(label["primary"].is_boolean());
        }
    }
    let first = &items[0]["labels"];
    assert_eq!(
        first[0],
        json!({
            "file": "a.zc", "span": { "start": 7, "end": 10 }, "message": "p", "primary": true,
            "line": 1, "column": 4, "end_line": 1, "end_column": 5
        })
    );
    // A label whose file is not given: positions are null, never missing.
    assert_eq!(first[1]["line"], Value::Null);
    assert_eq!(first[1]["end_column"], Value::Null);
    assert_eq!(items[1]["help"], Value::Null);
    assert_eq!(items[1]["labels"], json!([]));
}
