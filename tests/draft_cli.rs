//! `zhengce draft` end to end: what it writes where, what it refuses and how it says so.

mod common;

use common::{code, run, stderr, stdout, TempDir};
use std::fs;

const PLAN: &str = "关于印发《某县整改方案》的通知\n2018年5月9日\n一、整改措施\n(一)精准施策。精准分析致贫原因。(牵头部门:县扶贫办;整改时限:6月10日前)\n";

#[test]
fn drafts_to_standard_output_with_a_summary_on_standard_error() {
    let dir = TempDir::new("stdout");
    dir.write("整改.txt", PLAN);
    let out = dir.run(&["draft", "整改.txt"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("文件《某县整改方案》"), "{text}");
    assert!(text.contains("来源：整改.txt"), "{text}");
    insta::assert_snapshot!(stderr(&out), @"已从「整改.txt」起草:措施 2 项、目标 0 项、标准 0 项、阶段 0 个、部门 1 个;待编码 0 处\n");
}

#[test]
fn writes_a_file_once_and_overwrites_only_when_told() {
    let dir = TempDir::new("output");
    dir.write("整改.txt", PLAN);
    let out = dir.run(&["draft", "整改.txt", "-o", "整改.zc"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
    insta::assert_snapshot!(stderr(&out), @r"
    已从「整改.txt」起草「整改.zc」:措施 2 项、目标 0 项、标准 0 项、阶段 0 个、部门 1 个;待编码 0 处
    下一步: zhengce check 整改.zc --sources .
    ");
    let first = dir.read("整改.zc");
    // The draft checks against its own text.
    let check = dir.run(&["check", "整改.zc", "--sources", "."]);
    assert!(!stdout(&check).contains("ZC09"), "{}", stdout(&check));
    // A second run does not overwrite the drafter's edits …
    fs::write(dir.dir().join("整改.zc"), "// 已修改\n").unwrap();
    let again = dir.run(&["draft", "整改.txt", "-o", "整改.zc"]);
    assert_eq!(code(&again), 2);
    insta::assert_snapshot!(stderr(&again), @"错误: 无法写入「整改.zc」:文件已存在;要覆盖它请加 --force\n");
    assert_eq!(dir.read("整改.zc"), "// 已修改\n");
    // … unless told to; no temporary file is left behind.
    let forced = dir.run(&["draft", "整改.txt", "-o", "整改.zc", "--force"]);
    assert_eq!(code(&forced), 0);
    assert_eq!(dir.read("整改.zc"), first);
    let names: Vec<String> = fs::read_dir(dir.dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
}

#[test]
fn a_gb18030_text_drafts_as_its_utf8_twin() {
    let dir = TempDir::new("gb18030");
    dir.write("甲.txt", PLAN);
    let (gbk, _, _) = encoding_rs::GB18030.encode(PLAN);
    dir.write("乙.txt", &gbk[..]);
    let utf8 = stdout(&dir.run(&["draft", "甲.txt"]));
    let gb = stdout(&dir.run(&["draft", "乙.txt"]));
    assert_eq!(gb, utf8.replace("甲.txt", "乙.txt"));
}

#[test]
fn what_cannot_be_drafted_is_refused_in_chinese() {
    let dir = TempDir::new("refused");
    dir.write("a.pdf", b"%PDF-1.7\n...");
    dir.write("nul.txt", b"abc\0def");
    dir.write("latin.txt", "no Chinese here\n");
    dir.write("bad.txt", b"abc\xFF\xFD");
    let cases = [
        ("a.pdf", "这是PDF 文件,不是纯文本"),
        ("nul.txt", "第 4 个字节是空字节"),
        ("latin.txt", "文本中没有一个汉字"),
        ("missing.txt", "文件或目录不存在"),
    ];
    for (file, message) in cases {
        let out = dir.run(&["draft", file]);
        assert_eq!(code(&out), 2, "{file}");
        assert!(stdout(&out).is_empty(), "{file}");
        assert!(stderr(&out).contains(message), "{file}: {}", stderr(&out));
    }
    let out = dir.run(&["draft", "bad.txt"]);
    insta::assert_snapshot!(stderr(&out), @"错误: 无法起草「bad.txt」:无法识别文件的编码:第 4 个字节起既不是 UTF-8 也不是 GB18030(GBK)文本;请另存为 UTF-8\n");
}

#[test]
fn a_write_that_fails_is_an_error() {
    let dir = TempDir::new("unwritable");
    dir.write("整改.txt", PLAN);
    let out = dir.run(&["draft", "整改.txt", "-o", "没有的目录/整改.zc"]);
    assert_eq!(code(&out), 2);
    insta::assert_snapshot!(stderr(&out), @"错误[ZC0014]: 无法写入「没有的目录/整改.zc」:文件或目录不存在(文件未改动)\n");
    if std::path::Path::new("/dev/full").exists() {
        let full = fs::File::create("/dev/full").unwrap();
        let out = common::zhengce()
            .current_dir(dir.dir())
            .args(["draft", "整改.txt"])
            .stdout(full)
            .output()
            .unwrap();
        assert_eq!(code(&out), 2);
        assert!(
            stderr(&out).starts_with("错误: 无法写入标准输出"),
            "{}",
            stderr(&out)
        );
    }
}

#[test]
fn the_seeds_draft_from_the_command_line() {
    let out = run(&["draft", "../shared/seeds/004_0f4e317a7dc85b4e.txt"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).contains("文号：汨扶发〔2017〕14号"));
}
