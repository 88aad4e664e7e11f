//! End-to-end tests of the `zhengce` binary: output formats, exit codes, encodings and colour.
//!
//! Each test runs the built binary from the package root with relative paths, so the file names
//! in snapshots do not depend on where the repository is checked out. Snapshots record the exit
//! code, stdout and stderr together (`tests/snapshots/cli__*.snap`).

mod common;

use std::fs;

use common::{code, run, run_in, stderr, stdout, transcript, zhengce, TempDir};

const MIXED: &str = "tests/fixtures/cli/mixed";
const CLEAN: &str = "tests/fixtures/cli/clean";
const WARNING: &str = "tests/fixtures/cli/warning";

fn has_ansi(text: &str) -> bool {
    text.contains('\x1b')
}

// ───────────────────────────── formats ─────────────────────────────

#[test]
fn human_format_on_a_directory() {
    let out = run(&["check", MIXED]);
    assert_eq!(code(&out), 1);
    assert!(!has_ansi(&stdout(&out)), "not a terminal: no colour");
    insta::assert_snapshot!("human_mixed", transcript(&out));
}

#[test]
fn human_is_the_default_format() {
    let default = run(&["check", MIXED]);
    let human = run(&["check", "--format", "human", MIXED]);
    assert_eq!(default.stdout, human.stdout);
    assert_eq!(default.stderr, human.stderr);
}

#[test]
fn codespan_format_on_a_directory() {
    let out = run(&["check", "--format", "codespan", MIXED]);
    assert_eq!(code(&out), 1);
    insta::assert_snapshot!("codespan_mixed", transcript(&out));
}

#[test]
fn short_format_on_a_directory() {
    let out = run(&["check", "--format", "short", MIXED]);
    assert_eq!(code(&out), 1);
    // One line per diagnostic, `path:line:col: 错误[code]: message`.
    for line in stdout(&out).lines() {
        assert!(
            line.starts_with("tests/fixtures/cli/mixed/nested/"),
            "{line}"
        );
    }
    insta::assert_snapshot!("short_mixed", transcript(&out));
}

#[test]
fn json_format_on_a_directory() {
    let out = run(&["check", "--format", "json", MIXED]);
    assert_eq!(code(&out), 1);
    assert_eq!(stderr(&out), "", "json writes nothing but JSON");
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("stdout is JSON");
    let codes: Vec<&str> = json
        .as_array()
        .expect("an array")
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["ZC0001", "ZC0004"]);
    insta::assert_snapshot!("json_mixed", transcript(&out));
}

#[test]
fn clean_directory_in_every_format() {
    for format in ["human", "codespan", "short"] {
        let out = run(&["check", "--format", format, CLEAN]);
        assert_eq!(code(&out), 0, "{format}");
        assert_eq!(stdout(&out), "", "{format}");
        assert_eq!(stderr(&out), "检查了 1 个文件,没有发现问题\n", "{format}");
    }
    let out = run(&["check", "--format", "json", CLEAN]);
    assert_eq!(code(&out), 0);
    assert_eq!(stdout(&out), "[]\n");
    assert_eq!(stderr(&out), "");
}

// ───────────────────────────── finding files ─────────────────────────────

#[test]
fn directories_are_walked_in_path_order_skipping_hidden_and_target() {
    // mixed/ holds a_clean.zc, nested/b_syntax.zc, nested/c_date.zc, and errors in .hidden/ and
    // target/ that must not be read, and a readme.txt that is not a policy file.
    let out = run(&["check", "--format", "short", MIXED]);
    let text = stdout(&out);
    assert!(
        !text.contains(".hidden") && !text.contains("target"),
        "{text}"
    );
    assert!(
        stderr(&out).starts_with("检查了 3 个文件"),
        "{}",
        stderr(&out)
    );
    let files: Vec<&str> = text.lines().map(|l| l.split(':').next().unwrap()).collect();
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted);
}

#[test]
fn a_hidden_directory_named_explicitly_is_checked() {
    let out = run(&[
        "check",
        "--format",
        "short",
        "tests/fixtures/cli/mixed/.hidden",
    ]);
    assert_eq!(code(&out), 1);
    assert!(
        stdout(&out).contains(".hidden/skipped.zc:2:"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_file_named_explicitly_and_duplicates() {
    let file = "tests/fixtures/cli/mixed/nested/b_syntax.zc";
    let out = run(&["check", "--format", "short", file]);
    assert_eq!(code(&out), 1);
    assert_eq!(stdout(&out).lines().count(), 1);
    assert_eq!(stderr(&out), "检查了 1 个文件:1 个错误\n");

    // The same file through a directory, by name and by another spelling is read once.
    let again = "tests/fixtures/cli/mixed/nested/../nested/b_syntax.zc";
    let out = run(&["check", "--format", "short", MIXED, file, again]);
    assert_eq!(stdout(&out).lines().count(), 2, "{}", stdout(&out));
    assert_eq!(stderr(&out), "检查了 3 个文件:2 个错误\n");
}

#[test]
fn directory_without_policy_files() {
    let dir = TempDir::new("empty");
    dir.write("readme.txt", "不是政策文件");
    let out = dir.run(&["check", "."]);
    assert_eq!(code(&out), 0);
    assert_eq!(stdout(&out), "");
    insta::assert_snapshot!("empty_directory", transcript(&out));
}

// ───────────────────────────── exit codes ─────────────────────────────

#[test]
fn exit_codes() {
    assert_eq!(code(&run(&["check", CLEAN])), 0);
    assert_eq!(code(&run(&["check", MIXED])), 1);
    assert_eq!(
        code(&run(&["check", "tests/fixtures/cli/does-not-exist"])),
        2
    );
    assert_eq!(code(&run(&["check"])), 2, "no path is a usage error");
    assert_eq!(code(&run(&[])), 2, "no subcommand is a usage error");
    assert_eq!(code(&run(&["check", "--format", "xml", CLEAN])), 2);
    assert_eq!(code(&run(&["lint", CLEAN])), 2);
}

#[test]
fn warnings_pass_unless_denied() {
    let out = run(&["check", WARNING]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert_eq!(stderr(&out), "检查了 1 个文件:1 个警告\n");
    insta::assert_snapshot!("warning_human", transcript(&out));

    let out = run(&["check", "--deny-warnings", WARNING]);
    assert_eq!(code(&out), 1);
    assert_eq!(stderr(&out), "检查了 1 个文件:1 个警告(按错误处理)\n");

    let out = run(&["check", "--deny-warnings", "--format", "json", WARNING]);
    assert_eq!(code(&out), 1);
    assert_eq!(stderr(&out), "");
}

#[test]
fn deny_warnings_leaves_clean_and_failing_runs_alone() {
    assert_eq!(code(&run(&["check", "--deny-warnings", CLEAN])), 0);
    assert_eq!(code(&run(&["check", "--deny-warnings", MIXED])), 1);
}

#[test]
fn missing_path_is_an_io_error() {
    let out = run(&[
        "check",
        "tests/fixtures/cli/does-not-exist.zc",
        CLEAN,
        "no-such-dir/",
    ]);
    assert_eq!(code(&out), 2);
    // Nothing is checked when a path is missing, and every missing path is listed.
    assert_eq!(stdout(&out), "");
    insta::assert_snapshot!("missing_path", transcript(&out));

    let out = run(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/cli/does-not-exist.zc",
    ]);
    assert_eq!(code(&out), 2);
    assert_eq!(stdout(&out), "");
    assert!(stderr(&out).contains("ZC0014"), "{}", stderr(&out));
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_an_io_error() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new("unreadable");
    let file = dir.write("locked.zc", "部门：县财政局\n");
    fs::set_permissions(&file, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&file).is_ok() {
        // Running as root: permissions do not stop reading, so there is nothing to test.
        return;
    }
    let out = dir.run(&["check", "."]);
    assert_eq!(code(&out), 2);
    assert_eq!(
        stderr(&out),
        "错误[ZC0014]: 无法读取「./locked.zc」:没有读取权限\n"
    );
}

// ───────────────────────────── usage ─────────────────────────────

#[test]
fn help_is_in_chinese_and_lists_exit_codes() {
    let out = run(&["--help"]);
    assert_eq!(code(&out), 0);
    insta::assert_snapshot!("help", stdout(&out));
    let out = run(&["check", "--help"]);
    assert_eq!(code(&out), 0);
    insta::assert_snapshot!("check_help", stdout(&out));
    let short = stdout(&run(&["check", "-h"]));
    for needle in ["用法", "退出码", "--deny-warnings", "--format", "--color"] {
        assert!(short.contains(needle), "{needle} in\n{short}");
    }
}

#[test]
fn version() {
    let out = run(&["--version"]);
    assert_eq!(code(&out), 0);
    assert_eq!(
        stdout(&out),
        format!("zhengce {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn usage_errors_are_in_chinese() {
    let mut text = String::new();
    for args in [
        &["check"][..],
        &["check", "--format", "xml", CLEAN],
        &["check", "--formt", "json", CLEAN],
        &["chek", CLEAN],
    ] {
        let out = run(args);
        assert_eq!(code(&out), 2, "{args:?}");
        assert_eq!(stdout(&out), "", "{args:?}");
        text.push_str(&format!("$ zhengce {}\n{}\n", args.join(" "), stderr(&out)));
    }
    insta::assert_snapshot!("usage_errors", text);
}

// ───────────────────────────── encodings ─────────────────────────────

#[test]
fn invalid_utf8_is_a_diagnostic() {
    let dir = TempDir::new("invalid-utf8");
    let mut bytes = "目标 甲 {\n  值：".as_bytes().to_vec();
    let offset = bytes.len();
    bytes.extend([0xFF, 0xFE]);
    bytes.extend(b"\n}");
    dir.write("bad.zc", &bytes);
    dir.write("good.zc", "部门：县财政局\n");

    let out = dir.run(&["check", "."]);
    assert_eq!(code(&out), 1);
    insta::assert_snapshot!("invalid_utf8_human", transcript(&out));

    let out = dir.run(&["check", "--format", "json", "bad.zc"]);
    assert_eq!(code(&out), 1);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let diag = &json[0];
    assert_eq!(diag["code"], "ZC0005");
    assert!(diag["message"].as_str().unwrap().contains("第 2 行"));
    let label = &diag["labels"][0];
    assert_eq!(label["file"], "bad.zc");
    assert_eq!(label["span"]["start"], offset);
    assert_eq!((&label["line"], &label["column"]), (&2.into(), &5.into()));

    let out = dir.run(&["check", "--format", "short", "bad.zc"]);
    assert!(
        stdout(&out).starts_with("bad.zc:2:5: 错误[ZC0005]: "),
        "{}",
        stdout(&out)
    );
}

#[test]
fn byte_order_mark_is_accepted() {
    let dir = TempDir::new("bom");
    dir.write(
        "clean.zc",
        "\u{FEFF}部门：县财政局\n\n目标 甲 {\n  值：100户\n}\n",
    );
    dir.write("error.zc", "\u{FEFF}目标 乙 {\n  值：：1户\n}\n");
    let out = dir.run(&["check", "clean.zc"]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));

    let out = dir.run(&["check", "--format", "short", "error.zc"]);
    assert_eq!(code(&out), 1);
    assert!(
        stdout(&out).starts_with("error.zc:2:5: 错误[ZC0001]: "),
        "{}",
        stdout(&out)
    );
}

#[test]
fn crlf_line_endings() {
    let dir = TempDir::new("crlf");
    dir.write(
        "clean.zc",
        "部门：县财政局\r\n\r\n目标 甲 {\r\n  值：100户\r\n  期限：2020年\r\n}\r\n",
    );
    dir.write(
        "error.zc",
        "目标 乙 {\r\n  指标：户数\r\n  值：：1户\r\n}\r\n",
    );
    dir.write(
        "bom_error.zc",
        "\u{FEFF}目标 乙 {\r\n  指标：户数\r\n  值：：1户\r\n}\r\n",
    );
    let out = dir.run(&["check", "clean.zc"]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));

    let out = dir.run(&["check", "error.zc"]);
    assert_eq!(code(&out), 1);
    insta::assert_snapshot!("crlf_human", transcript(&out));

    // A BOM as well changes nothing below the first line.
    let out = dir.run(&["check", "--format", "short", "bom_error.zc"]);
    assert!(
        stdout(&out).starts_with("bom_error.zc:3:5: 错误[ZC0001]: "),
        "{}",
        stdout(&out)
    );
}

// ───────────────────────────── colour ─────────────────────────────

#[test]
fn colour_never_and_no_color_have_no_escapes() {
    for format in ["human", "codespan"] {
        let out = run(&["check", "--color", "never", "--format", format, MIXED]);
        assert!(!has_ansi(&stdout(&out)), "{format}");
        assert!(!has_ansi(&stderr(&out)), "{format}");

        let mut cmd = zhengce();
        cmd.env("NO_COLOR", "1");
        let out = run_in(cmd, &["check", "--format", format, MIXED]);
        assert!(!has_ansi(&stdout(&out)), "{format}");
        assert!(!has_ansi(&stderr(&out)), "{format}");
    }
}

#[test]
fn colour_always_colours() {
    for format in ["human", "codespan"] {
        let out = run(&["check", "--color", "always", "--format", format, MIXED]);
        assert!(has_ansi(&stdout(&out)), "{format}");
        // `always` wins over NO_COLOR.
        let mut cmd = zhengce();
        cmd.env("NO_COLOR", "1");
        let out = run_in(cmd, &["check", "--color=always", "--format", format, MIXED]);
        assert!(has_ansi(&stdout(&out)), "{format}");
    }
    // The colour setting is accepted before the subcommand too.
    let out = run(&["--color", "always", "check", MIXED]);
    assert!(has_ansi(&stdout(&out)));
    // Machine formats never carry escapes.
    for format in ["short", "json"] {
        let out = run(&["check", "--color", "always", "--format", format, MIXED]);
        assert!(!has_ansi(&stdout(&out)), "{format}");
    }
}
