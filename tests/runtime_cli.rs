//! End-to-end tests of the question commands (`eval`, `due`, `score`, `progress`, `test`) on the
//! seed policies, and properties of the runtime over every rule the policies define.
//!
//! Each command runs the built binary from the package root with relative paths, so file names in
//! snapshots do not depend on where the repository is checked out. Snapshots record the exit code,
//! stdout and stderr together (`tests/snapshots/runtime_cli__*.snap`).

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;
use std::process::Output;

use proptest::prelude::*;
use zhengce_compiler::build::build_allowing_errors;
use zhengce_compiler::{CheckOptions, SourceFile};
use zhengce_runtime::eval::{eval_rule, EvalError, Facts, Outcome};
use zhengce_runtime::ir::{FactKind, FactValue, Program};
use zhengce_runtime::{CivilDate, Quantity, Scale};

use common::{code, run, stderr, stdout, transcript, TempDir};

const HUBEI: &str = "policies/湖北-2017-深度贫困地区脱贫攻坚实施方案.zc";
const MILUO: &str = "policies/汨罗-2017-脱贫攻坚突出问题集中整改方案.zc";
const HEBEI: &str = "policies/河北-2016-市级党委和政府扶贫开发工作成效考核办法.zc";
const SHANXI: &str = "policies/山西-打赢脱贫攻坚战实施意见.zc";
const HEBEI_SCHEME: &str = "市级党委和政府扶贫开发工作成效考核";

/// Runs a question that must be answered (exit 0); a failure shows what the command said.
#[track_caller]
fn answered(args: &[&str]) -> Output {
    let out = run(args);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    out
}

// ───────── eval ─────────

#[test]
fn eval_hubei_solar_subsidy() {
    let out = answered(&[
        "eval",
        HUBEI,
        "--rule",
        "光伏扶贫以奖代补",
        "--fact",
        "县类别=深度贫困县",
        "--fact",
        "项目总投资=1000万元",
    ]);
    assert!(stdout(&out).contains("结果: 200万元"));
    insta::assert_snapshot!("eval_hubei_solar", transcript(&out));
}

#[test]
fn eval_json_is_exact() {
    let out = answered(&[
        "eval",
        HUBEI,
        "--rule",
        "光伏扶贫以奖代补",
        "--facts",
        r#"{"县类别":"深度贫困县","项目总投资":1000}"#,
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["applies"], true);
    assert_eq!(json["amount"]["quantity"]["value"], "2000000");
    assert_eq!(json["amount"]["quantity"]["unit"]["atom"], "元");
    assert_eq!(json["amount"]["quantity"]["scale"], "万");
    assert_eq!(json["amount"]["text"], "200万元");
    assert_eq!(json["tier"]["case"], "深度贫困县");
    insta::assert_json_snapshot!("eval_hubei_solar_json", json);
}

#[test]
fn eval_rate_per_person_and_not_applicable() {
    let out = answered(&[
        "eval",
        MILUO,
        "--rule",
        "乡镇脱贫攻坚预算资金",
        "--fact",
        "贫困人口规模=1500人",
    ]);
    insta::assert_snapshot!("eval_miluo_per_person", transcript(&out));

    let out = answered(&[
        "eval",
        HUBEI,
        "--rule",
        "吸纳就业奖补",
        "--fact",
        "劳动合同期限=0.5年",
        "--fact",
        "就业时间=1年",
    ]);
    assert!(stdout(&out).contains("结果: 不适用"));
    insta::assert_snapshot!("eval_hubei_not_applicable", transcript(&out));
}

#[test]
fn eval_errors_name_the_fact() {
    let cases: [(&str, &[&str]); 4] = [
        (
            "eval_unknown_value",
            &["--fact", "县类别=深度县", "--fact", "项目总投资=1000万元"],
        ),
        ("eval_missing_fact", &["--fact", "县类别=深度贫困县"]),
        (
            "eval_wrong_unit",
            &["--fact", "县类别=深度贫困县", "--fact", "项目总投资=1000人"],
        ),
        ("eval_unknown_fact", &["--fact", "县类型=深度贫困县"]),
    ];
    for (name, facts) in cases {
        let mut args = vec!["eval", HUBEI, "--rule", "光伏扶贫以奖代补"];
        args.extend_from_slice(facts);
        let out = run(&args);
        assert_eq!(code(&out), 1, "{name}");
        insta::assert_snapshot!(name, stderr(&out));
    }
    let out = run(&["eval", HUBEI, "--rule", "光伏以奖代补", "--format", "json"]);
    assert_eq!(code(&out), 1);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["error"]["kind"], "unknown_rule");
    assert_eq!(json["error"]["suggestions"][0], "光伏扶贫以奖代补");
}

/// Rows for the batch: the three spellings of money, a bad category, a wrong unit, a short row.
fn batch_rows(n: usize) -> (String, Vec<Option<(&'static str, String)>>) {
    let categories = ["深度贫困县", "贫困县", "非贫困县"];
    let mut csv = String::from("县类别,项目总投资\n");
    let mut expected = Vec::new();
    for i in 0..n {
        let category = categories[i % 3];
        let wan = (i * 7919) % 100_000;
        let cents = i % 100;
        let (text, yuan_cents) = match i % 5 {
            0 => (format!("{wan}万元"), wan as u64 * 1_000_000),
            1 => (
                format!("{}.{cents:02}元", wan * 10_000),
                wan as u64 * 1_000_000 + cents as u64,
            ),
            2 => (format!("{wan}"), wan as u64 * 1_000_000),
            3 => (
                format!("{wan}.{cents:02}万元"),
                (wan * 100 + cents) as u64 * 10_000,
            ),
            _ => (String::new(), 0),
        };
        if i % 5 == 4 {
            let bad = ["深度县,1000万元", "贫困县,1000人", "贫困县"][i % 3];
            csv.push_str(bad);
            csv.push('\n');
            expected.push(None);
            continue;
        }
        csv.push_str(&format!("{category},{text}\n"));
        let percent = [20u64, 10, 5][i % 3];
        // amount in 元 = cents × percent / 10000, as an exact decimal string.
        let numerator = yuan_cents * percent;
        let whole = numerator / 10_000;
        let fraction = numerator % 10_000;
        let exact = if fraction == 0 {
            whole.to_string()
        } else {
            format!("{whole}.{fraction:04}")
                .trim_end_matches('0')
                .to_string()
        };
        expected.push(Some((category, exact)));
    }
    (csv, expected)
}

#[test]
fn batch_csv_is_exact_and_reports_bad_rows() {
    let dir = TempDir::new("batch");
    let (csv, expected) = batch_rows(2000);
    let input = dir.write("rows.csv", &csv);
    let output = dir.path("out.jsonl");
    let out = run(&[
        "eval",
        HUBEI,
        "--rule",
        "光伏扶贫以奖代补",
        "--batch",
        &input,
        "-o",
        &output,
    ]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "读取 2000 行:计算 1600 行(适用 1600,不适用 0),出错 400 行\n"
    );
    let text = fs::read_to_string(&output).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2000);
    for (i, (line, want)) in lines.iter().zip(&expected).enumerate() {
        assert_eq!(line["line"], i as u64 + 2, "row {i}");
        match want {
            Some((category, exact)) => {
                assert_eq!(line["ok"], true, "row {i}: {line}");
                assert_eq!(line["tier"]["case"], *category);
                assert_eq!(line["amount"]["quantity"]["value"], *exact, "row {i}");
            }
            None => {
                assert_eq!(line["ok"], false, "row {i}");
                assert!(line["error"]["message"].is_string());
            }
        }
    }
    let kinds: Vec<&str> = lines[4..=14]
        .iter()
        .step_by(5)
        .map(|l| l["error"]["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["wrong_unit", "unknown_value", "bad_row"]);
}

#[test]
fn batch_jsonl_to_stdout() {
    let dir = TempDir::new("jsonl");
    let input = dir.write(
        "rows.jsonl",
        "{\"县类别\":\"贫困县\",\"项目总投资\":\"600万元\"}\n{\"县类别\":\"深度县\"}\n",
    );
    let out = run(&[
        "eval",
        HUBEI,
        "--rule",
        "光伏扶贫以奖代补",
        "--batch",
        &input,
    ]);
    assert_eq!(code(&out), 1);
    insta::assert_snapshot!("batch_jsonl", stdout(&out));
}

// ───────── due ─────────

#[test]
fn due_miluo_on_may_3rd() {
    let out = answered(&["due", MILUO, "--as-of", "2017-05-03"]);
    insta::assert_snapshot!("due_miluo", transcript(&out));
    let out = answered(&["due", MILUO, "--as-of", "2017-05-03", "--dept", "乡镇"]);
    insta::assert_snapshot!("due_miluo_townships", transcript(&out));
}

/// A real plan dated only by its 发布日期 (tests/fixtures/real/): its month deadlines take that
/// year, and its targets are listed with the measure they are stated in.
#[test]
fn due_lists_targets_of_a_plan_dated_by_publication() {
    let plan = "tests/fixtures/real/马村乡-2020-决战决胜脱贫攻坚工作安排.zc";
    let out = answered(&["due", plan, "--as-of", "2020-04-25"]);
    let text = stdout(&out);
    assert!(
        text.contains("[目标] 危房改造全部开工建设  期限 3月底前(2020年3月31日,按发布日期的年份,已逾期 25 天)"),
        "{text}"
    );
    insta::assert_snapshot!("due_macun_targets", transcript(&out));
    let out = answered(&["due", plan, "--as-of", "2020-04-25", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["items"][0]["kind"], "target");
    assert_eq!(json["items"][0]["year_from"], "published");
    assert_eq!(json["items"][0]["parent"], "危房改造");
}

#[test]
fn due_json_and_unknown_department() {
    let out = answered(&[
        "due",
        MILUO,
        "--as-of",
        "2017-05-03",
        "--dept",
        "各乡镇",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["as_of"], "2017-05-03");
    assert_eq!(json["counts"]["overdue"], 1);
    assert_eq!(json["items"][0]["name"], "整改方案报送");
    assert_eq!(json["items"][0]["status"], "overdue");
    assert_eq!(json["items"][0]["role"], "responsible");
    let out = run(&["due", MILUO, "--as-of", "2017-05-03", "--dept", "市扶贫"]);
    assert_eq!(code(&out), 1);
    assert_eq!(
        stderr(&out),
        "错误: 没有名为「市扶贫」的部门、别称或部门类;是不是「市扶贫办」、「市扶贫开发领导小组」之一?\n"
    );
}

// ───────── score ─────────

#[test]
fn score_hebei_scheme() {
    let out = answered(&[
        "score",
        HEBEI,
        "--scheme",
        HEBEI_SCHEME,
        "--score",
        "平时考核=9",
        "--score",
        "集中考核=27分",
        "--score",
        "所属贫困县=45",
        "--score",
        "非贫困县(市、区)=8",
        "--score",
        "调整指标=+3",
    ]);
    assert!(stdout(&out).contains("总分: 92分"));
    insta::assert_snapshot!("score_hebei", transcript(&out));
}

#[test]
fn score_errors() {
    let cases: [(&str, &str); 3] = [
        ("score_above_max", "平时考核=11"),
        ("score_adjustment_beyond", "调整指标=-6"),
        ("score_unknown_item", "平时考试=9"),
    ];
    for (name, score) in cases {
        let out = run(&["score", HEBEI, "--scheme", HEBEI_SCHEME, "--score", score]);
        assert_eq!(code(&out), 1, "{name}");
        let err = stderr(&out);
        let last = err.lines().last().unwrap_or_default().to_string();
        insta::assert_snapshot!(name, last);
    }
}

// ───────── progress ─────────

#[test]
fn progress_shanxi_poverty() {
    let out = answered(&[
        "progress",
        SHANXI,
        "--target",
        "贫困人口脱贫",
        "--actual",
        "2016=50万",
        "--actual",
        "2017=50万人",
    ]);
    assert!(stdout(&out).contains("计划缺口: 6万人"));
    insta::assert_snapshot!("progress_shanxi", transcript(&out));
}

// ───────── test ─────────

#[test]
fn test_runs_every_seed_example() {
    let out = run(&["test", "policies/"]);
    insta::assert_snapshot!("test_policies", transcript(&out));
    assert_eq!(code(&out), 0, "a seed example fails:\n{}", stdout(&out));
    assert!(stderr(&out).ends_with("42 个例:42 个通过\n"));
}

#[test]
fn failing_example_shows_the_difference_and_trace() {
    let dir = TempDir::new("failing");
    dir.write(
        "例.zc",
        "文件《测试》{ 成文日期：2017年11月28日 }\n\
         事实 县类别：深度贫困县、贫困县、非贫困县\n\
         事实 项目总投资：万元\n\
         补助 光伏扶贫以奖代补 {\n\
         \x20 分档 按 县类别 {\n\
         \x20   深度贫困县：项目总投资的20%\n\
         \x20   贫困县：项目总投资的10%\n\
         \x20   非贫困县：项目总投资的5%\n\
         \x20 }\n\
         }\n\
         例 算错了 {\n\
         \x20 求：光伏扶贫以奖代补\n\
         \x20 已知：县类别=贫困县，项目总投资=1000万元\n\
         \x20 结果：200万元\n\
         }\n\
         例 算对了 {\n\
         \x20 求：光伏扶贫以奖代补\n\
         \x20 已知：县类别=深度贫困县，项目总投资=1000万元\n\
         \x20 结果：200万元\n\
         }\n",
    );
    let out = dir.run(&["test", "例.zc"]);
    assert_eq!(code(&out), 1);
    insta::assert_snapshot!("test_failing_example", transcript(&out));
}

// ───────── properties over the seed policies ─────────

/// The seed policies compiled once for all the property cases.
fn seed_program() -> &'static Program {
    static PROGRAM: std::sync::OnceLock<Program> = std::sync::OnceLock::new();
    PROGRAM.get_or_init(compile_seeds)
}

fn compile_seeds() -> Program {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut paths: Vec<PathBuf> = fs::read_dir(root.join("policies"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "zc"))
        .collect();
    paths.sort();
    let sources: Vec<SourceFile> = paths
        .iter()
        .map(|p| SourceFile {
            name: p.display().to_string(),
            text: fs::read_to_string(p).unwrap(),
        })
        .collect();
    build_allowing_errors(&sources, &CheckOptions::default())
        .program
        .expect("the seed policies compile")
}

/// One generated value for a fact: a listed category value, a quantity in the declared unit (any
/// scale), a date.
fn value_for(kind: &FactKind, seed: u64) -> FactValue {
    match kind {
        FactKind::Category { values } => {
            FactValue::Category(values[(seed as usize) % values.len()].clone())
        }
        FactKind::Quantity { unit, .. } => {
            let mut q = Quantity::new(Default::default(), Some(unit.clone()));
            q.value = format!("{}.{:02}", seed % 1_000_000_000, seed % 97)
                .parse()
                .unwrap();
            q.scale = [Scale::One, Scale::Wan, Scale::Yi][(seed % 3) as usize];
            FactValue::Quantity(q)
        }
        FactKind::Date => FactValue::Date(
            CivilDate::from_ymd(2010 + (seed % 20) as i32, 1 + (seed % 12) as u8, 1).unwrap(),
        ),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// For facts of the declared units and values, no rule of the seed policies gives a unit or
    /// type error: at most a missing fact (when a fact is left out) or an ambiguity the docs name.
    #[test]
    fn seed_rules_never_give_unit_or_type_errors(
        seeds in proptest::collection::vec(any::<u64>(), 16),
        given_mask in any::<u16>(),
    ) {
        let program = seed_program();
        for doc in &program.documents {
            for rule in &doc.rules {
                let mut facts = Facts::new();
                for (i, fact) in doc.facts.iter().enumerate() {
                    if given_mask & (1 << (i % 16)) != 0 {
                        facts.insert(fact.name.clone(), value_for(&fact.kind, seeds[i % 16]));
                    }
                }
                match eval_rule(program, &rule.name, &facts) {
                    Ok(ev) => {
                        if let Some(Outcome::Amount { quantity, .. }) = &ev.amount {
                            prop_assert!(quantity.unit.is_some(), "{}", rule.name);
                        }
                    }
                    Err(EvalError::MissingFact { .. } | EvalError::AmbiguousFacts { .. }) => {}
                    Err(e) => prop_assert!(false, "{}: {}", rule.name, e),
                }
            }
        }
    }
}

#[test]
fn every_seed_rule_answers_with_all_its_facts() {
    let program = seed_program();
    let mut answered = BTreeMap::new();
    for doc in &program.documents {
        for rule in &doc.rules {
            let mut facts = Facts::new();
            for (i, fact) in doc.facts.iter().enumerate() {
                facts.insert(fact.name.clone(), value_for(&fact.kind, 1000 + i as u64));
            }
            let result = eval_rule(program, &rule.name, &facts);
            let kind = match &result {
                Ok(ev) if ev.applies => "applies",
                Ok(_) => "not_applicable",
                Err(EvalError::AmbiguousFacts { .. }) => "ambiguous",
                Err(e) => panic!("{}: {e}", rule.name),
            };
            *answered.entry(kind).or_insert(0) += 1;
        }
    }
    assert!(
        answered.get("applies").copied().unwrap_or(0) > 20,
        "{answered:?}"
    );
}

#[test]
fn help_of_the_question_commands_is_in_chinese() {
    for command in ["eval", "due", "score", "progress", "test"] {
        let out = run(&[command, "--help"]);
        assert_eq!(code(&out), 0);
        let text = stdout(&out);
        for needle in ["用法", "退出码", "--format"] {
            assert!(text.contains(needle), "{command}: {needle}");
        }
        insta::assert_snapshot!(format!("{command}_help"), text);
    }
}

/// `test --format junit` for CI test reports: a failing example carries expected, actual and the
/// trace; the XML is well formed enough for a JUnit consumer (counts on every suite).
#[test]
fn test_junit_report_of_a_failing_example() {
    let out = run(&["test", "tests/fixtures/cli/examples", "--format", "junit"]);
    assert_eq!(code(&out), 1);
    let xml = stdout(&out);
    assert!(xml.starts_with("<?xml"));
    assert_eq!(xml.matches("<testcase ").count(), 2);
    assert_eq!(xml.matches("<failure ").count(), 1);
    insta::assert_snapshot!(transcript(&out));
}

#[test]
fn test_human_report_of_a_failing_example() {
    let out = run(&["test", "tests/fixtures/cli/examples"]);
    assert_eq!(code(&out), 1);
    insta::assert_snapshot!(transcript(&out));
}

/// A number past the runtime's bound (the compiler's 10¹⁵) is refused with the bound named, not
/// described as "not starting with a digit" (docs/reliability.md §8).
#[test]
fn eval_number_too_large_names_the_bound() {
    for (given, reason) in [
        (
            "项目总投资=396140812571321687967719751680",
            "数值太大:绝对值不能超过 1000000000000000(一千万亿)",
        ),
        (
            "项目总投资=1000000000000001元",
            "数值太大:绝对值不能超过 1000000000000000(一千万亿)",
        ),
        ("项目总投资=232.万元", "小数点后缺少数字"),
    ] {
        let out = run(&[
            "eval",
            HUBEI,
            "--rule",
            "光伏扶贫以奖代补",
            "--fact",
            "县类别=深度贫困县",
            "--fact",
            given,
        ]);
        assert_eq!(code(&out), 1, "{given}");
        let value = given.split_once('=').unwrap().1;
        assert_eq!(
            stderr(&out).trim_end(),
            format!("错误: 事实「项目总投资」的值「{value}」无法读取:{reason}"),
        );
    }
}
