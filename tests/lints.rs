//! What a project sets for itself, end to end: lint levels in `zhengce.toml` (found in the
//! checked directory or an ancestor, or named with `--config`), suppression comments, and
//! baselines (`--baseline`, `--write-baseline`) that match findings by item, not by line.
//! Snapshots record exit code, stdout and stderr together (`tests/snapshots/lints__*.snap`).

mod common;

use common::{code, stderr, stdout, transcript, TempDir};

/// One file with a finding of each kind: an error (ZC0201), warnings (ZC0701, ZC0106) and a
/// note (ZC0704).
const PLAN: &str = "\
文件《某镇整改方案》{ 成文日期：2018年5月9日 }
部门：镇扶贫办、镇农业站、镇民政所、XX
目标 贫困人口脱贫 {
  值：100人
  分年度：2018年40人、2019年50人
}
措施 （一）精准识别 { 牵头：镇扶贫办 }
措施 （二）产业扶贫 { 牵头：镇农业站 }
措施 （三）兜底保障 { 牵头：镇民政所 }
措施 （四）危房改造 { 原文：“加快危房改造” }
措施 加强领导 { 责任领导：XX }
";

fn plan_dir(test: &str) -> TempDir {
    let dir = TempDir::new(test);
    dir.write("方案.zc", PLAN);
    dir
}

#[test]
fn without_settings_every_finding_is_reported_and_the_summary_counts_them_by_code() {
    let dir = plan_dir("no_settings");
    let out = dir.run(&["check", "方案.zc"]);
    assert_eq!(code(&out), 1);
    let report = stdout(&out);
    let summary = report.split("按代码汇总:\n").nth(1).expect("a summary");
    // Errors first, then warnings, then notes.
    let severities: Vec<&str> = summary
        .lines()
        .map(|l| l.trim().split(' ').next().unwrap())
        .collect();
    assert_eq!(severities, ["错误", "警告", "警告", "提示"]);
    insta::assert_snapshot!("no_settings", transcript(&out));
}

#[test]
fn a_finding_is_allowed_lowered_and_denied_through_zhengce_toml() {
    let dir = plan_dir("levels");
    dir.write(
        "zhengce.toml",
        "# 项目的级别\n[lints]\nZC0106 = \"allow\"\nZC0201 = \"warn\"\nZC07 = \"deny\"\nZC0704 = \"note\"\n",
    );
    let out = dir.run(&["check", "--format", "short", "方案.zc"]);
    let report = stdout(&out);
    assert!(!report.contains("ZC0106"), "allowed: not shown\n{report}");
    assert!(
        report.contains("警告[ZC0201]"),
        "lowered to a warning\n{report}"
    );
    assert!(
        report.contains("错误[ZC0701]"),
        "denied: an error\n{report}"
    );
    assert!(
        report.contains("提示[ZC0704]"),
        "a code's own entry wins over its family\n{report}"
    );
    assert_eq!(code(&out), 1, "the denied finding fails the run");
    insta::assert_snapshot!("levels", transcript(&out));

    // Without the denial, the lowered error no longer fails the run.
    dir.write(
        "zhengce.toml",
        "[lints]\nZC0106 = \"allow\"\nZC0201 = \"warn\"\n",
    );
    let out = dir.run(&["check", "--format", "short", "方案.zc"]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert!(stderr(&out).contains("另有 1 条已允许"), "{}", stderr(&out));
}

#[test]
fn the_settings_are_found_in_an_ancestor_or_named_with_config() {
    let dir = TempDir::new("discovery");
    std::fs::create_dir_all(dir.dir().join("policies/sub")).unwrap();
    dir.write("policies/sub/方案.zc", PLAN);
    dir.write("zhengce.toml", "[lints]\nZC0201 = \"allow\"\n");
    dir.write("other.toml", "[lints]\nZC02 = \"note\"\n");
    // The nearest ancestor of the checked directory.
    let out = dir.run(&["check", "--format", "short", "policies/sub"]);
    assert!(!stdout(&out).contains("ZC0201"), "{}", transcript(&out));
    // Of a checked file: its directory's ancestors.
    let out = dir.run(&["check", "--format", "short", "policies/sub/方案.zc"]);
    assert!(!stdout(&out).contains("ZC0201"), "{}", transcript(&out));
    // --config wins over discovery.
    let out = dir.run(&[
        "check",
        "--format",
        "short",
        "--config",
        "other.toml",
        "policies/sub",
    ]);
    assert!(
        stdout(&out).contains("提示[ZC0201]"),
        "{}",
        transcript(&out)
    );
    // A nearer file wins over a farther one.
    dir.write("policies/zhengce.toml", "[lints]\n");
    let out = dir.run(&["check", "--format", "short", "policies/sub"]);
    assert!(
        stdout(&out).contains("错误[ZC0201]"),
        "{}",
        transcript(&out)
    );
}

#[test]
fn bad_settings_stop_the_run_and_say_what_is_valid() {
    let dir = plan_dir("bad_settings");
    dir.write(
        "zhengce.toml",
        "[lint]\n[lints]\nZC9999 = \"allow\"\nZC0701 = \"off\"\nZC0101 = \"warn\"\nZC00 = \"allow\"\nZC0702 = 1\n",
    );
    let out = dir.run(&["check", "方案.zc"]);
    assert_eq!(code(&out), 2);
    assert_eq!(stdout(&out), "");
    insta::assert_snapshot!("bad_settings", transcript(&out));

    let out = dir.run(&["check", "--config", "missing.toml", "方案.zc"]);
    assert_eq!(code(&out), 2);
    assert_eq!(
        stderr(&out),
        "错误: 无法读取配置文件「missing.toml」:文件或目录不存在\n"
    );

    dir.write("zhengce.toml", "[lints\nZC0701 = \"allow\"\n");
    let out = dir.run(&["check", "方案.zc"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("zhengce.toml」第 1 行"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn suppression_comments_need_a_reason_and_must_suppress_something() {
    let dir = TempDir::new("suppressions");
    dir.write(
        "方案.zc",
        "// zhengce: allow(ZC0106) 模板中待填的单位,印发前统一替换\n\
         部门：镇扶贫办、镇农业站、镇民政所、XX\n\
         措施 （一）精准识别 { 牵头：镇扶贫办 }\n\
         措施 （二）产业扶贫 { 牵头：镇农业站 }\n\
         措施 （三）兜底保障 { 牵头：镇民政所 }\n\
         // zhengce: allow(ZC0701)\n\
         措施 （四）危房改造 { 原文：“加快危房改造” }\n\
         // zhengce: allow(ZC0201) 没有这个问题\n\
         措施 加强领导 { 责任领导：XX }\n",
    );
    let out = dir.run(&["check", "--format", "short", "--deny-warnings", "方案.zc"]);
    assert_eq!(code(&out), 1, "the suppressions' own warnings are denied");
    insta::assert_snapshot!("suppressions", transcript(&out));
}

/// The plan after edits elsewhere: lines added above every finding, which move them all.
fn moved(plan: &str) -> String {
    format!("// 修订说明:以下内容未改动\n// 只是多了几行\n\n{plan}")
}

#[test]
fn a_baseline_absorbs_old_findings_and_fails_on_a_new_one_after_unrelated_lines_moved() {
    let dir = plan_dir("baseline");
    // Adopting: every finding of today goes into the baseline.
    let out = dir.run(&[
        "check",
        "--format",
        "short",
        "--write-baseline",
        "基线.json",
        "方案.zc",
    ]);
    assert_eq!(code(&out), 1, "writing a baseline does not change this run");
    assert!(
        stderr(&out).starts_with("已写入基线「基线.json」:4 条问题\n"),
        "{}",
        stderr(&out)
    );
    let json: serde_json::Value = serde_json::from_str(&dir.read("基线.json")).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 4);

    // The same findings on other lines: all known, the run passes, even with warnings denied.
    dir.write("方案.zc", moved(PLAN));
    let out = dir.run(&[
        "check",
        "--deny-warnings",
        "--baseline",
        "基线.json",
        "方案.zc",
    ]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    insta::assert_snapshot!("baseline_all_known", transcript(&out));

    // One new finding among the old ones: only it is shown, and it fails the run.
    let with_new = moved(PLAN).replace(
        "措施 加强领导 {",
        "措施 督导检查 { 期限：6月10日前 }\n措施 加强领导 {",
    );
    dir.write("方案.zc", &with_new);
    let out = dir.run(&[
        "check",
        "--format",
        "short",
        "--deny-warnings",
        "--baseline",
        "基线.json",
        "方案.zc",
    ]);
    assert_eq!(code(&out), 1);
    assert_eq!(
        stdout(&out).lines().count(),
        1,
        "only the new finding: {}",
        stdout(&out)
    );
    insta::assert_snapshot!("baseline_one_new", transcript(&out));

    // One old finding fixed: it is listed so the baseline can be refreshed.
    let fixed = moved(PLAN).replace(
        "分年度：2018年40人、2019年50人",
        "分年度：2018年40人、2019年60人",
    );
    dir.write("方案.zc", &fixed);
    let out = dir.run(&[
        "check",
        "--format",
        "short",
        "--baseline",
        "基线.json",
        "方案.zc",
    ]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    insta::assert_snapshot!("baseline_one_fixed", transcript(&out));

    // Refreshing the baseline: written over the old one, atomically (no temporary file left).
    let out = dir.run(&[
        "check",
        "--baseline",
        "基线.json",
        "--write-baseline",
        "基线.json",
        "方案.zc",
    ]);
    assert_eq!(code(&out), 0);
    let json: serde_json::Value = serde_json::from_str(&dir.read("基线.json")).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 3);
    let left: Vec<String> = std::fs::read_dir(dir.dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("zhengce-tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_baseline_cannot_absorb_errors_that_make_the_model_unsound() {
    let dir = TempDir::new("baseline_unsound");
    dir.write("方案.zc", "措施 甲 { 牵头：县财政局 }\n");
    let out = dir.run(&["check", "--write-baseline", "基线.json", "方案.zc"]);
    assert_eq!(code(&out), 1);
    let out = dir.run(&[
        "check",
        "--format",
        "short",
        "--baseline",
        "基线.json",
        "方案.zc",
    ]);
    assert_eq!(code(&out), 1, "an undeclared department still fails");
    assert!(
        stdout(&out).contains("错误[ZC0101]"),
        "{}",
        transcript(&out)
    );
}

#[test]
fn baseline_files_that_cannot_be_read_or_written_stop_the_run() {
    let dir = plan_dir("baseline_io");
    let out = dir.run(&["check", "--baseline", "没有.json", "方案.zc"]);
    assert_eq!(code(&out), 2);
    assert_eq!(
        stderr(&out),
        "错误: 无法读取基线文件「没有.json」:文件或目录不存在\n"
    );
    dir.write("坏.json", "{\"code\": 1}");
    let out = dir.run(&["check", "--baseline", "坏.json", "方案.zc"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).starts_with("错误: 基线文件「坏.json」第 1 行"),
        "{}",
        stderr(&out)
    );
    let out = dir.run(&[
        "check",
        "--write-baseline",
        "没有的目录/基线.json",
        "方案.zc",
    ]);
    assert_eq!(code(&out), 2);
    assert_eq!(
        stderr(&out),
        "错误: 无法写入基线文件「没有的目录/基线.json」:文件或目录不存在\n"
    );
}

#[test]
fn build_honours_the_levels_too() {
    let dir = plan_dir("build_levels");
    let out = dir.run(&["build", "--format", "short", "方案.zc", "-o", "ir.json"]);
    assert_eq!(
        code(&out),
        1,
        "an error stops the build: {}",
        transcript(&out)
    );
    dir.write("zhengce.toml", "[lints]\nZC0201 = \"warn\"\n");
    let out = dir.run(&["build", "--format", "short", "方案.zc", "-o", "ir.json"]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert!(stderr(&out).contains("警告[ZC0201]"), "{}", stderr(&out));
    assert!(dir.read("ir.json").contains("贫困人口脱贫"));
}
