//! The IR: `zhengce build` of every policy, its JSON pinned as a snapshot per file
//! (`tests/snapshots/ir__*.snap`), validated against the generated JSON Schema
//! (`docs/ir.schema.json`), and read back unchanged; a policy set with errors builds no IR.
//!
//! The binary runs from the package root with relative paths, so `origin.file` in the snapshots
//! does not depend on where the repository is checked out.

mod common;

use std::fs;
use std::path::PathBuf;

use common::{code, run as zhengce, stderr, stdout};

use zhengce_runtime::ir::{json_schema, Program, IR_VERSION};

/// Policies whose checks find an error in the original document (see policies/FINDINGS.md), so
/// `zhengce build` refuses them and their IR is built with `--allow-errors`:
/// - 甘肃: ZC0301, 每年14万户 from 2015 to 2020 is 84万户, but the document says 63万户;
/// - 河北, on its own: ZC0801, the 中央 document it rests on is not in the set;
/// - 龙州镇: ZC0309, 1283人÷43420人 is 2.95%, but the report says 贫困发生率3.09%.
const BUILT_WITH_ERRORS: &[&str] = &[
    "河北-2016-市级党委和政府扶贫开发工作成效考核办法",
    "甘肃-2016-精准扶贫精准脱贫意见",
    "龙州镇-2018-考核反馈问题整改报告",
];

const ALL_CONSTRUCTS: &str = "tests/fixtures/syntax/all_constructs.zc";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `policies/*.zc`, as `(stem, relative path)`, sorted.
fn policy_files() -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = fs::read_dir(root().join("policies"))
        .expect("policies/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "zc"))
        .map(|p| {
            let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (stem, format!("policies/{name}"))
        })
        .collect();
    files.sort();
    assert!(files.len() >= 7, "expected the seven seed documents");
    files
}

/// `zhengce build PATHS --format short EXTRA`: exit code, stdout (the IR) and stderr.
fn build_ir(paths: &[&str], extra: &[&str]) -> (i32, String, String) {
    let mut args = vec!["build"];
    args.extend_from_slice(paths);
    args.extend_from_slice(&["--format", "short"]);
    args.extend_from_slice(extra);
    let out = zhengce(&args);
    (code(&out), stdout(&out), stderr(&out))
}

/// The IR of one policy file: plain `build`, or `--allow-errors` for the files pinned above
/// (after checking that plain `build` refuses them).
fn policy_ir(stem: &str, path: &str) -> String {
    if BUILT_WITH_ERRORS.contains(&stem) {
        let (code, out, err) = build_ir(&[path], &[]);
        assert_eq!(code, 1, "{path}: errors must prevent the build\n{err}");
        assert!(
            out.is_empty(),
            "{path}: no IR when errors prevent the build"
        );
        assert!(err.contains("未生成 IR"), "{err}");
        let (code, out, err) = build_ir(&[path], &["--allow-errors"]);
        assert_eq!(code, 0, "{path} --allow-errors\n{err}");
        out
    } else {
        let (code, out, err) = build_ir(&[path], &[]);
        assert_eq!(code, 0, "{path}\n{err}");
        assert!(err.contains("已生成 IR"), "{err}");
        out
    }
}

fn parse(json: &str) -> Program {
    Program::from_json(json).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn every_policy_builds_and_its_ir_is_pinned() {
    for (stem, path) in policy_files() {
        let json = policy_ir(&stem, &path);
        let program = parse(&json);
        assert_eq!(program.version, IR_VERSION);
        assert_eq!(program.documents.len(), 1);
        assert_eq!(program.documents[0].file, path);
        insta::assert_snapshot!(stem.as_str(), json);
    }
}

#[test]
fn the_whole_set_builds_to_the_same_documents() {
    let args = ["policies", "--sources", "../shared/seeds"];
    // 甘肃's ZC0301 and 龙州镇's ZC0309 (a rate that is not its parts' quotient) are the set's
    // only errors: they prevent the build until allowed.
    let (code, out, err) = build_ir(&args[..1], &args[1..]);
    assert_eq!(code, 1, "{err}");
    assert!(out.is_empty());
    let errors: Vec<&str> = err.lines().filter(|l| l.contains(": 错误[")).collect();
    assert_eq!(errors.len(), 2, "{err}");
    assert!(errors.iter().any(|e| e.contains("错误[ZC0301]")), "{err}");
    assert!(errors.iter().any(|e| e.contains("错误[ZC0309]")), "{err}");

    let (code, out, err) = build_ir(&args[..1], &[&args[1..], &["--allow-errors"][..]].concat());
    assert_eq!(code, 0, "{err}");
    let set = parse(&out);
    let files = policy_files();
    assert_eq!(set.documents.len(), files.len());
    // Each document is lowered on its own, so the set's documents are the single files'.
    for ((stem, path), doc) in files.iter().zip(&set.documents) {
        let alone = parse(&policy_ir(stem, path));
        assert_eq!(&alone.documents[0], doc, "{path}");
    }
}

#[test]
fn all_constructs_ir_is_pinned() {
    // The fixture shows every construct, findings included (undeclared departments, a deadline
    // before the issue date, points that do not add up): plain build refuses it.
    let (code, out, _) = build_ir(&[ALL_CONSTRUCTS], &[]);
    assert_eq!((code, out.as_str()), (1, ""));
    let (code, out, err) = build_ir(&[ALL_CONSTRUCTS], &["--allow-errors"]);
    assert_eq!(code, 0, "{err}");
    parse(&out);
    insta::assert_snapshot!("all_constructs", out);
}

#[test]
fn an_error_prevents_the_build_and_leaves_the_output_alone() {
    let fixture = "tests/fixtures/checks/ZC0101-undefined-department.fail.zc";
    let dir = std::env::temp_dir().join(format!("zhengce-ir-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let target = dir.join("out.json");
    fs::write(&target, "old").unwrap();
    let out = zhengce(&["build", fixture, "-o", target.to_str().unwrap()]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
    assert!(stderr(&out).contains("ZC0101"), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(&target).unwrap(), "old");

    // A syntax error prevents it even with --allow-errors.
    let bad = dir.join("bad.zc");
    fs::write(&bad, "措施 甲 {\n").unwrap();
    let out = zhengce(&["build", bad.to_str().unwrap(), "--allow-errors"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(stdout(&out).is_empty());

    // A missing path is a usage problem, not a finding.
    let out = zhengce(&["build", "tests/fixtures/no-such-file.zc"]);
    assert_eq!(code(&out), 2);
    fs::remove_dir_all(&dir).ok();
}

#[test]
fn output_file_and_stdout_agree() {
    let path = "policies/陇川-2018-考核反馈问题整改方案.zc";
    let dir = std::env::temp_dir().join(format!("zhengce-ir-out-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let target = dir.join("ir.json");
    let out = zhengce(&["build", path, "-o", target.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).is_empty(), "the IR goes to the file only");
    let written = fs::read_to_string(&target).unwrap();
    let to_stdout = stdout(&zhengce(&["build", path, "-o", "-"]));
    assert_eq!(written, to_stdout);
    fs::remove_dir_all(&dir).ok();
}

/// Every policy's IR (and all_constructs') as JSON values, built through the library.
fn all_programs() -> Vec<(String, Program)> {
    use zhengce_compiler::build::build_allowing_errors;
    use zhengce_compiler::{CheckOptions, SourceFile};
    let mut paths: Vec<String> = policy_files().into_iter().map(|(_, p)| p).collect();
    paths.push(ALL_CONSTRUCTS.to_string());
    paths
        .into_iter()
        .map(|p| {
            let text = fs::read_to_string(root().join(&p)).unwrap();
            let out = build_allowing_errors(&[SourceFile::new(&p, text)], &CheckOptions::default());
            let program = out.program.unwrap_or_else(|| panic!("{p} builds"));
            (p, program)
        })
        .collect()
}

#[test]
fn the_ir_reads_back_unchanged() {
    for (path, program) in all_programs() {
        let json = serde_json::to_string_pretty(&program).unwrap();
        assert_eq!(parse(&json), program, "{path}");
        let value = serde_json::to_value(&program).unwrap();
        let again: Program = serde_json::from_value(value.clone()).unwrap();
        assert_eq!(again, program, "{path}");
        assert_eq!(serde_json::to_value(&again).unwrap(), value, "{path}");
    }
}

fn schema_path() -> PathBuf {
    root().join("docs/ir.schema.json")
}

#[test]
fn the_committed_schema_is_generated() {
    let generated = serde_json::to_string_pretty(&json_schema()).unwrap() + "\n";
    let path = schema_path();
    let committed = fs::read_to_string(&path).unwrap_or_default();
    if committed != generated {
        if std::env::var("UPDATE_SCHEMA").is_ok_and(|v| v == "1") {
            fs::write(&path, &generated).unwrap();
        } else {
            panic!(
                "docs/ir.schema.json is stale: the IR types changed. Regenerate it with\n  \
                 UPDATE_SCHEMA=1 cargo test --test ir the_committed_schema_is_generated"
            );
        }
    }
}

#[test]
fn every_ir_validates_against_the_schema() {
    let schema = json_schema();
    let validator = jsonschema::validator_for(&schema).expect("the schema is a valid JSON Schema");
    for (path, program) in all_programs() {
        let value = serde_json::to_value(&program).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .take(5)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{path}:\n{}", errors.join("\n"));
    }
}

#[test]
fn the_schema_rejects_what_the_runtime_rejects() {
    let schema = json_schema();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let good = serde_json::json!({ "version": IR_VERSION, "documents": [] });
    assert!(validator.is_valid(&good));
    let other_version = serde_json::json!({ "version": IR_VERSION + 1, "documents": [] });
    assert!(!validator.is_valid(&other_version));
    let float_amount = serde_json::json!({
        "version": IR_VERSION,
        "documents": [{ "file": "a.zc", "facts": [], "targets": [{
            "name": "甲", "keyword": "目标",
            "value": { "type": "quantity", "cmp": "eq", "quantity": { "value": 1.5 }, "text": "1.5" },
            "origin": { "file": "a.zc", "line": 1, "column": 1, "start": 0, "end": 1 }
        }]}]
    });
    assert!(!validator.is_valid(&float_amount), "decimals are strings");
    let bad_date = serde_json::json!({
        "version": IR_VERSION,
        "documents": [{ "file": "a.zc", "date": "2017年5月3日" }]
    });
    assert!(!validator.is_valid(&bad_date), "dates are YYYY-MM-DD");
}

#[test]
fn the_runtime_refuses_another_ir_version() {
    let future = format!(r#"{{ "version": {}, "documents": [] }}"#, IR_VERSION + 1);
    let err = Program::from_json(&future).unwrap_err();
    assert!(
        err.contains(&format!("IR 格式版本为 {}", IR_VERSION + 1)) && err.contains("重新编译"),
        "{err}"
    );
    // The version is checked before the rest, so a future IR whose shape changed is refused
    // for its version, not for a missing field.
    let reshaped = format!(r#"{{ "version": {}, "modules": {{}} }}"#, IR_VERSION + 1);
    assert!(Program::from_json(&reshaped)
        .unwrap_err()
        .contains("IR 格式版本"));
    let program: Program = serde_json::from_str(&future).unwrap();
    assert!(program.check_version().is_err());
    assert!(parse(&format!(
        r#"{{ "version": {IR_VERSION}, "documents": [] }}"#
    ))
    .check_version()
    .is_ok());
    assert!(Program::from_json("[]")
        .unwrap_err()
        .contains("不是 zhengce IR"));
}

#[test]
fn the_ir_is_deterministic() {
    let path = "policies/湖北-2017-深度贫困地区脱贫攻坚实施方案.zc";
    let first = build_ir(&[path], &[]).1;
    for _ in 0..3 {
        assert_eq!(build_ir(&[path], &[]).1, first);
    }
}

#[test]
fn spot_checks() {
    let programs = all_programs();
    let doc = |suffix: &str| {
        &programs
            .iter()
            .find(|(p, _)| p.contains(suffix))
            .unwrap_or_else(|| panic!("{suffix}"))
            .1
            .documents[0]
    };
    // 汨罗: 乡镇 is declared 又称 of the class 各乡镇 and folds to it.
    let miluo = doc("汨罗");
    assert!(miluo
        .duties
        .iter()
        .flat_map(|d| d.lead.iter().chain(&d.responsible))
        .all(|n| n != "乡镇"));
    // XX镇: the 2018年5月6至5月9日 phase ends in the start's year; children inherit XX.
    let xx = doc("XX镇");
    let phase = &xx.phases[0];
    assert_eq!(
        (phase.start.map(|d| d.iso()), phase.end.map(|d| d.iso())),
        (Some("2018-05-06".into()), Some("2018-05-09".into()))
    );
    let child = xx.duties.iter().find(|d| d.parent.is_some()).unwrap();
    assert!(child.lead_inherited);
    assert_eq!(child.lead, ["XX"]);
    // Origins: 1-based line and char column of the name, and the item's first quote.
    let d = &xx.duties[0];
    assert_eq!((d.origin.line, d.origin.column), (22, 4));
    assert!(d
        .origin
        .quote
        .as_deref()
        .unwrap()
        .starts_with("2018年5月底前完成整改工作"));
    let text = fs::read_to_string(root().join(&d.origin.file)).unwrap();
    assert!(text[d.origin.start..d.origin.end].starts_with("措施 「完成整改工作」"));
    // 湖北: 1年以上 is [1, ∞) 年.
    let hubei = doc("湖北");
    let rule = hubei
        .rules
        .iter()
        .find(|r| r.name == "吸纳就业奖补")
        .unwrap();
    let json = serde_json::to_value(&rule.conditions[0].test).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "type": "interval",
            "low": { "value": "1", "inclusive": true },
            "unit": { "atom": "年" },
            "text": "1年以上"
        })
    );
}

/// Builds one source through the library; the checks must find no error.
fn built(name: &str, text: &str) -> (Program, Vec<zhengce_compiler::diagnostic::Diagnostic>) {
    use zhengce_compiler::build::build;
    use zhengce_compiler::{CheckOptions, SourceFile};
    let out = build(&[SourceFile::new(name, text)], &CheckOptions::default());
    let errors: Vec<_> = out.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    (out.program.expect("built"), out.diagnostics)
}

#[test]
fn scopes_target_periods_and_the_publication_date_reach_the_ir() {
    let src = "文件《范围》{\n  成文日期：2017年4月23日\n  发布日期：4月25日\n}\n\
        部门：省扶贫办、省林业厅\n\
        范围 深度贫困县：2个县 {\n  成员：房县、保康县\n  原文：“房县、保康县”\n}\n\
        范围 深度贫困村：507个村，名单附后\n\
        范围 脱贫户：1331户、4528人\n\
        范围 片区县 { 成员：房县、竹山县等 }\n\
        目标 精准灭荒工程 { 值：13万亩；期间：2018-2020年；范围：深度贫困县；牵头：省林业厅 }\n\
        补助 公路建设资金 { 金额：每县1000万元；范围：深度贫困县、深度贫困县 }\n\
        措施 产业扶贫 {\n  牵头：省扶贫办\n  范围：深度贫困村、片区县\n\
        \x20 目标 通畅工程 { 每年：1万公里以上；期间：“十三五”期间 }\n}\n";
    let (program, _) = built("scope.zc", src);
    let doc = &program.documents[0];
    assert_eq!(doc.published.map(|d| d.iso()), Some("2017-04-25".into()));

    let json = serde_json::to_value(doc).unwrap();
    let scope = |name: &str| {
        json["scopes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["name"] == name)
            .unwrap_or_else(|| panic!("{name}"))
            .clone()
    };
    assert_eq!(
        scope("深度贫困县"),
        serde_json::json!({
            "name": "深度贫困县",
            "count": { "value": "2", "unit": { "atom": "县" } },
            "members": ["房县", "保康县"],
            "origin": {
                "file": "scope.zc", "line": 6, "column": 4,
                "start": doc.scopes[0].origin.start, "end": doc.scopes[0].origin.end,
                "quote": "房县、保康县"
            }
        })
    );
    let text = &src[doc.scopes[0].origin.start..doc.scopes[0].origin.end];
    assert!(text.starts_with("范围 深度贫困县") && text.trim_end().ends_with('}'));
    let villages = scope("深度贫困村");
    assert_eq!(villages["list_attached"], true);
    assert_eq!(villages["count"]["value"], "507");
    assert!(villages.get("members").is_none());
    let households = scope("脱贫户");
    assert_eq!(households["count"]["unit"]["atom"], "户");
    assert_eq!(households["also"][0]["value"], "4528");
    assert_eq!(households["also"][0]["unit"]["atom"], "人");
    let counties = scope("片区县");
    assert_eq!(counties["members_open"], true);
    assert!(counties.get("count").is_none());

    // 范围 on a target, a rule (each name once) and a duty; absent means left out of the JSON.
    let target = &doc.targets[0];
    assert_eq!(target.scope, ["深度贫困县"]);
    assert_eq!(doc.rules[0].scope, ["深度贫困县"]);
    assert_eq!(doc.duties[0].scope, ["深度贫困村", "片区县"]);
    assert!(doc.targets[1].scope.is_empty());
    assert!(json["targets"][1].get("scope").is_none());

    // 期间 on a target; 十三五 is 2016 to 2020.
    assert_eq!(
        json["targets"][0]["period"],
        serde_json::json!({ "from_year": 2018, "to_year": 2020 })
    );
    assert_eq!(
        json["targets"][1]["period"],
        serde_json::json!({ "from_year": 2016, "to_year": 2020 })
    );

    // The schema knows the new fields, and they read back.
    let value = serde_json::to_value(&program).unwrap();
    let validator = jsonschema::validator_for(&json_schema()).unwrap();
    assert!(validator.is_valid(&value));
    assert_eq!(parse(&value.to_string()), program);
}

#[test]
fn a_publication_date_without_a_year_is_left_out_with_a_warning() {
    let (program, diagnostics) = built(
        "published.zc",
        "文件《甲》{ 发布日期：3月25日 }\n部门：甲办\n措施 乙 { 牵头：甲办 }\n",
    );
    assert_eq!(program.documents[0].published, None);
    assert!(
        diagnostics
            .iter()
            .any(|d| d.code == "ZC0408" && d.message.contains("3月25日")),
        "{diagnostics:#?}"
    );
}

#[test]
fn the_header_and_a_targets_base_year_reach_the_ir() {
    // 发文机关 names an alias (扶贫办) and a body that is not a declared 部门: both as written.
    let src = "文件《头》{\n  发文机关：扶贫办、甲省人民政府\n  成文日期：2017年4月23日\n\
        \x20 施行：5月1日\n\
        \x20 依据：外部《决定》\n\
        \x20 废止：外部《旧办法》（甲发〔2012〕1号）、外部《更旧的办法》（2010年1月6日）\n\
        \x20 来源：texts/甲.txt\n  期间：2016年至2020年每年\n}\n\
        部门 省扶贫办 又称 扶贫办\n\
        目标 产值翻番 { 值：翻番；基期：2014年；期限：2020年；牵头：省扶贫办 }\n\
        目标 全覆盖 { 值：100%；期限：2020年；牵头：扶贫办 }\n";
    let (program, _) = built("header.zc", src);
    let doc = &program.documents[0];
    let json = serde_json::to_value(doc).unwrap();
    let header = |key: &str| json.get(key).cloned();
    assert_eq!(
        header("issuer"),
        Some(serde_json::json!(["扶贫办", "甲省人民政府"]))
    );
    // A month-day 施行 takes 成文日期's year.
    assert_eq!(header("effective"), Some(serde_json::json!("2017-05-01")));
    assert_eq!(header("effective_on_issue"), None);
    assert_eq!(header("basis"), Some(serde_json::json!(["决定"])));
    assert_eq!(
        header("repeals"),
        Some(serde_json::json!(["旧办法", "更旧的办法"]))
    );
    assert_eq!(header("source"), Some(serde_json::json!("texts/甲.txt")));
    assert_eq!(
        header("period"),
        Some(serde_json::json!({ "from_year": 2016, "to_year": 2020, "every_year": true }))
    );
    // 基期 on a target; absent means left out of the JSON.
    assert_eq!(doc.targets[0].base_year, Some(2014));
    assert_eq!(json["targets"][0]["base_year"], 2014);
    assert!(json["targets"][1].get("base_year").is_none());

    // The schema knows the new fields, and they read back.
    let value = serde_json::to_value(&program).unwrap();
    let validator = jsonschema::validator_for(&json_schema()).unwrap();
    assert!(validator.is_valid(&value));
    assert_eq!(parse(&value.to_string()), program);

    // A version-1 IR written before these fields reads as having none of them.
    let mut old = value.clone();
    let d = old["documents"][0].as_object_mut().unwrap();
    for key in ["issuer", "effective", "period", "repeals", "source"] {
        assert!(d.remove(key).is_some(), "{key}");
    }
    for t in d["targets"].as_array_mut().unwrap() {
        t.as_object_mut().unwrap().remove("base_year");
    }
    let old = parse(&old.to_string());
    let (was, now) = (&old.documents[0], &program.documents[0]);
    assert!(was.issuer.is_empty() && was.repeals.is_empty());
    assert_eq!(
        (was.effective, was.period, &was.source),
        (None, None, &None)
    );
    assert!(was.targets.iter().all(|t| t.base_year.is_none()));
    assert_eq!(
        (&was.title, &was.basis, &was.targets[0].name),
        (&now.title, &now.basis, &now.targets[0].name)
    );
}

#[test]
fn effective_on_issue_is_a_flag_and_a_yearless_effective_date_is_left_out() {
    let (program, _) = built(
        "on_issue.zc",
        "文件《甲》{ 施行：印发之日起 }\n部门：甲办\n措施 乙 { 牵头：甲办 }\n",
    );
    let doc = &program.documents[0];
    assert!(doc.effective_on_issue);
    assert_eq!(doc.effective, None);
    let json = serde_json::to_value(doc).unwrap();
    assert_eq!(json["effective_on_issue"], true);
    assert!(json.get("effective").is_none());

    // Without 成文日期 a month-day 施行 has no year: left out, and ZC0408 says so.
    let (program, diagnostics) = built(
        "yearless.zc",
        "文件《甲》{ 施行：3月1日 }\n部门：甲办\n措施 乙 { 牵头：甲办 }\n",
    );
    let doc = &program.documents[0];
    assert_eq!((doc.effective, doc.effective_on_issue), (None, false));
    assert!(
        diagnostics
            .iter()
            .any(|d| d.code == "ZC0408" && d.message.contains("3月1日")),
        "{diagnostics:#?}"
    );

    // No header: none of the header's fields.
    let (program, _) = built("bare.zc", "部门：甲办\n措施 乙 { 牵头：甲办 }\n");
    let json = serde_json::to_value(&program.documents[0]).unwrap();
    for key in [
        "issuer",
        "effective",
        "effective_on_issue",
        "period",
        "repeals",
        "source",
    ] {
        assert!(json.get(key).is_none(), "{key}");
    }
}

#[test]
fn build_help_is_in_chinese() {
    let out = zhengce(&["build", "--help"]);
    assert_eq!(code(&out), 0);
    insta::assert_snapshot!("build_help", stdout(&out));
    let short = stdout(&zhengce(&["build", "-h"]));
    for needle in [
        "用法",
        "退出码",
        "--output",
        "--allow-errors",
        "--format",
        "--sources",
    ] {
        assert!(short.contains(needle), "{needle} in\n{short}");
    }
}

#[test]
fn an_aspirational_target_is_marked_in_the_ir() {
    // 力争 before a number, before 全覆盖 and before a named level is an aim; 确保 and a bare
    // value are commitments, and the flag is left out of their JSON.
    let src = "部门：甲\n\
        目标 撤并村通畅 { 值：力争100%；牵头：甲 }\n\
        目标 饮水安全 { 值：力争全覆盖；牵头：甲 }\n\
        目标 收入增幅 { 值：力争高于全省平均水平；牵头：甲 }\n\
        目标 农村公路 { 值：确保12000公里以上；牵头：甲 }\n\
        目标 贫困人口脱贫 { 值：232万人；牵头：甲 }\n";
    let (program, diagnostics) = built("aim.zc", src);
    assert!(diagnostics.iter().all(|d| !d.is_error()), "{diagnostics:?}");
    let flags: Vec<(&str, bool)> = program.documents[0]
        .targets
        .iter()
        .map(|t| (t.name.as_str(), t.aspirational))
        .collect();
    assert_eq!(
        flags,
        [
            ("撤并村通畅", true),
            ("饮水安全", true),
            ("收入增幅", true),
            ("农村公路", false),
            ("贫困人口脱贫", false)
        ]
    );
    let json = serde_json::to_value(&program.documents[0].targets).unwrap();
    assert_eq!(json[0]["aspirational"], serde_json::json!(true));
    assert!(json[3].get("aspirational").is_none(), "{}", json[3]);
}
