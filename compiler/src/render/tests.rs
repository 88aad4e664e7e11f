//! Renderer tests: position arithmetic, and snapshots of every renderer on CJK text.
//!
//! Besides the snapshots, `underlined` reads each rendered snippet back and reports which
//! source characters the underline sits under, counting CJK as two terminal cells, so a
//! misaligned caret fails an assertion rather than only looking wrong in a snapshot.

use insta::assert_snapshot;

use super::terminal::{localise_line, strip_ansi};
use super::*;
use crate::diagnostic::{Diagnostic, Severity, Span};

const PLAN: &str = "目标 贫困人口脱贫 {\n  值：232万人\n  分年度：2016年50万、2017年56万\n}\n";
const MISMATCH: &str = "分年度合计 50+56=106万人，与目标 232万人 不符";

/// The span of the first `needle` in `text`.
fn span_of(text: &str, needle: &str) -> Span {
    let start = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in text"));
    Span::new(start, start + needle.len())
}

fn one(name: &str, text: &str) -> Sources {
    Sources::new().with(name, text)
}

/// Terminal cells a char takes; enough of East Asian Width for the characters used here.
fn width(c: char) -> usize {
    match u32::from(c) {
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD => 2,
        _ => 1,
    }
}

/// Characters that draw an underline: codespan's `^`/`-`, ariadne's `─`/`┬`.
const MARKS: [char; 4] = ['^', '-', '─', '┬'];

/// For each rendered source line (`N │ text`) followed by an underline row: the line number
/// and the runs of source characters whose cells are all underlined. A char only partly
/// underlined shows up as `?` followed by the char, which no expected value contains.
fn underlined(out: &str) -> Vec<(usize, Vec<String>)> {
    let lines: Vec<&str> = out.lines().collect();
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(bar) = line.find("│ ") else {
            continue;
        };
        let Ok(line_no) = line[..bar].trim().parse::<usize>() else {
            continue;
        };
        let start = bar + "│ ".len();
        let source = &line[start..];
        let marks = lines.get(i + 1).and_then(|l| l.get(start..)).unwrap_or("");
        let mut marked = Vec::new();
        for c in marks.chars() {
            marked.resize(marked.len() + width(c), MARKS.contains(&c));
        }
        let is_marked = |col: usize| marked.get(col).copied().unwrap_or(false);

        let (mut runs, mut run, mut col) = (Vec::new(), String::new(), 0);
        for c in source.chars() {
            let cells = col..col + width(c);
            let all = cells.clone().all(is_marked);
            let any = cells.clone().any(is_marked);
            if any {
                if !all {
                    run.push('?');
                }
                run.push(c);
            } else if !run.is_empty() {
                runs.push(std::mem::take(&mut run));
            }
            col = cells.end;
        }
        if !run.is_empty() {
            runs.push(run);
        }
        if !runs.is_empty() {
            found.push((line_no, runs));
        }
    }
    found
}

fn runs(expected: &[(usize, &[&str])]) -> Vec<(usize, Vec<String>)> {
    expected
        .iter()
        .map(|(n, r)| (*n, r.iter().map(|s| s.to_string()).collect()))
        .collect()
}

/// Snapshots both terminal renderers (no colour) and checks both underline `expected`.
fn check_terminal(
    name: &str,
    diags: &[Diagnostic],
    sources: &Sources,
    expected: &[(usize, &[&str])],
) {
    let ariadne = render_ariadne(diags, sources, false);
    let codespan = render_codespan(diags, sources, false);
    assert_snapshot!(format!("{name}_ariadne"), ariadne);
    assert_snapshot!(format!("{name}_codespan"), codespan);
    if !expected.is_empty() {
        assert_eq!(
            underlined(&ariadne),
            runs(expected),
            "ariadne underlines\n{ariadne}"
        );
        assert_eq!(
            underlined(&codespan),
            runs(expected),
            "codespan underlines\n{codespan}"
        );
    }
}

// ---- position ----

#[test]
fn line_col_counts_chars_from_one() {
    assert_eq!(line_col(PLAN, 0), (1, 1));
    let value = span_of(PLAN, "232万人");
    assert_eq!(line_col(PLAN, value.start), (2, 5));
    assert_eq!(line_col(PLAN, value.end), (2, 10));
    assert_eq!(line_col(PLAN, span_of(PLAN, "56万").start), (3, 21));
    assert_eq!(line_col(PLAN, span_of(PLAN, "}").start), (4, 1));
    assert_eq!(line_col(PLAN, PLAN.len()), (5, 1));
}

#[test]
fn line_col_at_newline_is_past_the_last_char() {
    let newline = span_of(PLAN, "人\n").start + "人".len();
    assert_eq!(line_col(PLAN, newline), (2, 10));
    assert_eq!(line_col(PLAN, newline + 1), (3, 1));
}

#[test]
fn line_col_clamps_bad_offsets() {
    // Past the end: the end.
    assert_eq!(line_col("值：1", 1000), (1, 4));
    // Inside '值' (bytes 0..3): the char's start.
    assert_eq!(line_col("值：1", 2), (1, 1));
    assert_eq!(utf16_col("值：1", 2), 1);
    assert_eq!(line_col("", 0), (1, 1));
}

#[test]
fn crlf_carriage_return_belongs_to_its_line() {
    let text = "甲\r\n乙";
    assert_eq!(line_col(text, text.find('乙').unwrap()), (2, 1));
    assert_eq!(line_col(text, text.find('\r').unwrap()), (1, 2));
}

#[test]
fn non_bmp_is_one_char_but_two_utf16_units() {
    let text = "a𠀀b\n𠀀值";
    let b = text.find('b').unwrap();
    assert_eq!(b, 5); // 'a' + 4 bytes of '𠀀'
    assert_eq!(line_col(text, b), (1, 3));
    assert_eq!(utf16_col(text, b), 4);
    let value = text.find('值').unwrap();
    assert_eq!(line_col(text, value), (2, 2));
    assert_eq!(utf16_col(text, value), 3);
}

#[test]
fn utf16_col_matches_char_col_in_the_bmp() {
    for needle in ["232万人", "56万", "{"] {
        let at = span_of(PLAN, needle).start;
        assert_eq!(utf16_col(PLAN, at), line_col(PLAN, at).1, "{needle}");
    }
    assert_eq!(utf16_col("\u{3000}“引”x", "\u{3000}“引”".len()), 5);
}

#[test]
fn sources_replace_and_look_up() {
    let mut sources: Sources = [("a.zc", "甲"), ("b.zc", "乙")].into_iter().collect();
    sources.add("a.zc", "丙");
    assert_eq!(sources.len(), 2);
    assert_eq!(sources.get("a.zc"), Some("丙"));
    assert_eq!(sources.get("c.zc"), None);
    assert_eq!(
        sources.iter().map(|(n, _)| n).collect::<Vec<_>>(),
        ["a.zc", "b.zc"]
    );
    assert_eq!(sources.line_col("b.zc", 3), Some((1, 2)));
    assert_eq!(sources.line_col("c.zc", 0), None);
}

// ---- CJK alignment in the terminal renderers ----

#[test]
fn pure_cjk_before_the_span() {
    let text = "贫困人口脱贫目标为二百三十二万人\n";
    let diag = Diagnostic::error("ZC0002", "目标值须写成数字").primary(
        "规划.zc",
        span_of(text, "二百三十二万人"),
        "此处应为数字",
    );
    check_terminal(
        "pure_cjk",
        &[diag],
        &one("规划.zc", text),
        &[(1, &["二百三十二万人"])],
    );
}

#[test]
fn mixed_ascii_and_cjk_before_the_span() {
    let diag = Diagnostic::error("ZC0001", MISMATCH).primary(
        "规划.zc",
        span_of(PLAN, "56万"),
        "2017年数值",
    );
    check_terminal("mixed", &[diag], &one("规划.zc", PLAN), &[(3, &["56万"])]);
}

#[test]
fn full_width_space_before_the_span() {
    let text = "目标 贫困人口脱贫 {\n\u{3000}\u{3000}值：232万人\n}\n";
    let diag = Diagnostic::error("ZC0001", MISMATCH).primary(
        "规划.zc",
        span_of(text, "232万人"),
        "目标值",
    );
    check_terminal(
        "full_width_space",
        &[diag],
        &one("规划.zc", text),
        &[(2, &["232万人"])],
    );
}

#[test]
fn tabs_before_the_span() {
    // The second tab starts after four cells of CJK, so its stop depends on CJK being 2 wide.
    let text = "目标 贫困人口脱贫 {\n\t值：\t232万人\n}\n";
    let diag = Diagnostic::error("ZC0001", MISMATCH).primary(
        "规划.zc",
        span_of(text, "232万人"),
        "目标值",
    );
    check_terminal("tab", &[diag], &one("规划.zc", text), &[(2, &["232万人"])]);
}

#[test]
fn curly_quotes_before_the_span() {
    let text = "  名称：“贫困人口脱贫”目标232万人\n";
    let diag = Diagnostic::error("ZC0001", MISMATCH).primary(
        "规划.zc",
        span_of(text, "232万人"),
        "目标值",
    );
    check_terminal(
        "quotes",
        &[diag],
        &one("规划.zc", text),
        &[(1, &["232万人"])],
    );
}

#[test]
fn span_on_the_last_cjk_char_of_a_line() {
    let unit = span_of(PLAN, "人\n");
    let diag = Diagnostic::error("ZC0003", "单位“人”须写在数值之后的括号内").primary(
        "规划.zc",
        Span::new(unit.start, unit.end - 1),
        "单位",
    );
    check_terminal("line_end", &[diag], &one("规划.zc", PLAN), &[(2, &["人"])]);
}

#[test]
fn multi_line_span() {
    let span = span_of(PLAN, "值").to(span_of(PLAN, "56万"));
    let diag = Diagnostic::error("ZC0001", MISMATCH).primary("规划.zc", span, "此块合计不符");
    // Multi-line labels are drawn in the margin; check the snapshots by eye.
    check_terminal("multi_line", &[diag], &one("规划.zc", PLAN), &[]);
}

fn mismatch() -> Diagnostic {
    Diagnostic::error("ZC0001", MISMATCH)
        .primary("规划.zc", span_of(PLAN, "232万人"), "目标值")
        .secondary("规划.zc", span_of(PLAN, "50万"), "2016年")
        .secondary("规划.zc", span_of(PLAN, "56万"), "2017年")
}

#[test]
fn two_labels_on_one_line() {
    check_terminal(
        "two_labels",
        &[mismatch()],
        &one("规划.zc", PLAN),
        &[(2, &["232万人"]), (3, &["50万", "56万"])],
    );
}

#[test]
fn label_in_a_second_file() {
    let parts = "分年度 贫困人口脱贫 {\n  2016年：50万\n  2017年：56万\n}\n";
    let sources = Sources::new().with("规划.zc", PLAN).with("分解.zc", parts);
    let diag = Diagnostic::error("ZC0001", MISMATCH)
        .secondary("分解.zc", span_of(parts, "50万"), "2016年")
        .primary("规划.zc", span_of(PLAN, "232万人"), "目标值")
        .secondary("分解.zc", span_of(parts, "56万"), "2017年");
    check_terminal(
        "second_file",
        &[diag],
        &sources,
        &[(2, &["232万人"]), (2, &["50万"]), (3, &["56万"])],
    );
}

#[test]
fn notes_and_help() {
    let diag = mismatch()
        .note("分年度数值之和应等于目标值")
        .note("缺少 2018 至 2020 年的分年度数值")
        .help("补全 2018 至 2020 年的数值，或把目标改为 106万人");
    check_terminal(
        "notes_help",
        &[diag],
        &one("规划.zc", PLAN),
        &[(2, &["232万人"]), (3, &["50万", "56万"])],
    );
}

#[test]
fn single_note_and_help() {
    let diag = Diagnostic::warning("ZC0101", "分年度数值未覆盖规划期")
        .primary("规划.zc", span_of(PLAN, "分年度"), "")
        .note("Note: 规划期为 2016 至 2020 年")
        .help("补全其余年份");
    check_terminal(
        "single_note",
        &[diag],
        &one("规划.zc", PLAN),
        &[(3, &["分年度"])],
    );
}

#[test]
fn no_labels() {
    let diag = Diagnostic::error("ZC0100", "未找到任何规划文件")
        .note("已搜索当前目录")
        .help("传入 .zc 文件路径");
    check_terminal("no_labels", &[diag], &Sources::new(), &[]);
}

#[test]
fn label_in_a_file_without_text() {
    let diag = Diagnostic::error("ZC0001", MISMATCH)
        .primary("规划.zc", span_of(PLAN, "232万人"), "目标值")
        .secondary("缺失.zc", Span::new(3, 9), "2016年");
    check_terminal(
        "missing_file",
        &[diag],
        &one("规划.zc", PLAN),
        &[(2, &["232万人"])],
    );
}

#[test]
fn several_diagnostics_and_severities() {
    let diags = [
        mismatch(),
        Diagnostic::warning("ZC0101", "分年度数值未覆盖规划期").primary(
            "规划.zc",
            span_of(PLAN, "分年度"),
            "只有两年",
        ),
        Diagnostic::new("ZC0200", Severity::Note, "目标名称可简写").primary(
            "规划.zc",
            span_of(PLAN, "贫困人口脱贫"),
            "",
        ),
    ];
    check_terminal("several", &diags, &one("规划.zc", PLAN), &[]);
}

#[test]
fn colour_only_when_asked() {
    let diags = [mismatch().note("分年度数值之和应等于目标值").help("补全")];
    let sources = one("规划.zc", PLAN);
    for (name, coloured, plain) in [
        (
            "ariadne",
            render_ariadne(&diags, &sources, true),
            render_ariadne(&diags, &sources, false),
        ),
        (
            "codespan",
            render_codespan(&diags, &sources, true),
            render_codespan(&diags, &sources, false),
        ),
    ] {
        assert!(coloured.contains('\x1b'), "{name} coloured has escapes");
        assert!(!plain.contains('\x1b'), "{name} plain has no escapes");
        let stripped = strip_ansi(&coloured);
        for word in ["错误", "ZC0001", MISMATCH, NOTE_WORD, HELP_WORD] {
            assert!(
                stripped.contains(word),
                "{name} coloured lacks {word}:\n{stripped}"
            );
        }
        for english in ["error", "Error", "Note", "Help"] {
            assert!(
                !stripped.contains(english),
                "{name} coloured has {english}:\n{stripped}"
            );
        }
    }
}

#[test]
fn nothing_to_render() {
    let sources = Sources::new();
    assert_eq!(render_ariadne(&[], &sources, false), "");
    assert_eq!(render_codespan(&[], &sources, false), "");
    assert_eq!(render_short(&[], &sources), "");
    assert_eq!(render_json(&[], &sources), "[]\n");
}

#[test]
fn out_of_range_spans_do_not_panic() {
    let diag = Diagnostic::error("ZC0001", MISMATCH)
        .primary("规划.zc", Span::new(PLAN.len() + 5, PLAN.len() + 9), "越界")
        .secondary("规划.zc", Span::new(1, 2), "字符中间");
    let sources = one("规划.zc", PLAN);
    render_ariadne(std::slice::from_ref(&diag), &sources, false);
    render_codespan(std::slice::from_ref(&diag), &sources, false);
    render_short(std::slice::from_ref(&diag), &sources);
    render_json(&[diag], &sources);
}

#[test]
fn footer_words_swap_only_at_the_bare_margin() {
    assert_eq!(localise_line("    │ Note: 甲"), "    │ 注意: 甲");
    assert_eq!(localise_line("   │ Note 2: 甲"), "   │ 注意 2: 甲");
    assert_eq!(localise_line("   │ Help: 乙"), "   │ 帮助: 乙");
    assert_eq!(
        localise_line(" \x1b[38;5;240m   │\x1b[0m \x1b[38;5;115mNote\x1b[0m: 甲"),
        " \x1b[38;5;240m   │\x1b[0m \x1b[38;5;115m注意\x1b[0m: 甲"
    );
    for unchanged in [
        " 2 │ Note: 源文件中的文字",
        "   │     ╰── Note: 标签",
        "   │ Notes: 甲",
        "   │ │ Note: 甲",
        "Note: 甲",
    ] {
        assert_eq!(localise_line(unchanged), unchanged);
    }
}

#[test]
fn strip_ansi_removes_csi_only() {
    assert_eq!(
        strip_ansi("\x1b[31m错误\x1b[0m: \x1b[38;5;246m│\x1b[0m"),
        "错误: │"
    );
    assert_eq!(strip_ansi("无转义 [31m"), "无转义 [31m");
}

// ---- short and JSON ----

#[test]
fn short_lines() {
    let parts = "分年度 {\n\u{3000}“2016年”：50万\n}\n";
    let diags = [
        mismatch(),
        Diagnostic::warning("ZC0101", "分年度数值未覆盖规划期").primary(
            "分解.zc",
            span_of(parts, "50万"),
            "",
        ),
        Diagnostic::new("ZC0200", Severity::Note, "目标名称可简写").primary(
            "缺失.zc",
            Span::new(3, 9),
            "",
        ),
        Diagnostic::error("ZC0100", "未找到任何规划文件\n请检查路径"),
        Diagnostic::error("", "无代码的错误").primary("规划.zc", Span::new(0, 0), ""),
    ];
    let sources = Sources::new().with("规划.zc", PLAN).with("分解.zc", parts);
    assert_eq!(
        render_short(&diags, &sources),
        "规划.zc:2:5: 错误[ZC0001]: 分年度合计 50+56=106万人，与目标 232万人 不符\n\
         分解.zc:2:10: 警告[ZC0101]: 分年度数值未覆盖规划期\n\
         缺失.zc: 提示[ZC0200]: 目标名称可简写\n\
         错误[ZC0100]: 未找到任何规划文件 请检查路径\n\
         规划.zc:1:1: 错误: 无代码的错误\n"
    );
}

#[test]
fn json_carries_positions() {
    let parts = "分年度 {\n  2016年：𠀀50万\n}\n";
    let diags = [
        mismatch()
            .secondary("分解.zc", span_of(parts, "50万"), "分解文件")
            .secondary("缺失.zc", Span::new(3, 9), "")
            .note("分年度数值之和应等于目标值")
            .help("补全其余年份"),
        Diagnostic::warning("ZC0101", "分年度数值未覆盖规划期"),
    ];
    let sources = Sources::new().with("规划.zc", PLAN).with("分解.zc", parts);
    let json = render_json(&diags, &sources);
    assert_snapshot!("json", json);

    let parsed: Vec<JsonDiagnostic> = serde_json::from_str(&json).unwrap();
    assert_eq!(parsed.len(), 2);
    let primary = &parsed[0].labels[0];
    assert_eq!(
        (
            primary.line,
            primary.column,
            primary.end_line,
            primary.end_column
        ),
        (Some(2), Some(5), Some(2), Some(10))
    );
    // The non-BMP char before "50万" is one column.
    let split = &parsed[0].labels[3];
    assert_eq!(
        (split.line, split.column, split.end_column),
        (Some(2), Some(10), Some(13))
    );
    let missing = &parsed[0].labels[4];
    assert_eq!((missing.line, missing.column), (None, None));
    assert!(parsed[1].labels.is_empty() && parsed[1].notes.is_empty() && parsed[1].help.is_none());
}

/// Every `.zc` file under `dir`, recursively.
fn zc_files(dir: &std::path::Path, found: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            zc_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "zc") {
            found.push(path);
        }
    }
}

/// Checks `text` and renders its diagnostics from excerpts and from the whole file, with and
/// without colour; returns how many reports were compared.
fn compare_with_whole_file(name: &str, text: &str) -> usize {
    let file = crate::SourceFile::new(name, text);
    let mut diags = crate::check_files(std::slice::from_ref(&file)).diagnostics;
    crate::diagnostic::sort_diagnostics(&mut diags);
    let sources = one(name, text);
    for color in [false, true] {
        for d in &diags {
            let one_diag = std::slice::from_ref(d);
            assert_eq!(
                render_ariadne(one_diag, &sources, color),
                super::reference::render_ariadne(one_diag, &sources, color),
                "ariadne, {name}, {} at {:?}",
                d.code,
                d.primary_label().map(|l| l.span)
            );
            assert_eq!(
                render_codespan(one_diag, &sources, color),
                super::reference::render_codespan(one_diag, &sources, color),
                "codespan, {name}, {} at {:?}",
                d.code,
                d.primary_label().map(|l| l.span)
            );
        }
    }
    diags.len()
}

/// Drawing from excerpts is an optimisation: where no line is cut, the reports are the ones the
/// whole files give, for every fixture, bad input and policy of the repository, and for labels
/// far apart, over many lines and next to each other.
#[test]
fn excerpts_draw_what_the_whole_file_draws() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut paths = Vec::new();
    for dir in ["tests/fixtures", "tests/bad", "policies"] {
        zc_files(&root.join(dir), &mut paths);
    }
    paths.sort();
    let mut compared = 0;
    for path in &paths {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue; // not UTF-8: the CLI reports it
        };
        if text
            .lines()
            .any(|l| l.chars().count() > super::excerpt::LONG_LINE)
        {
            continue;
        }
        compared += compare_with_whole_file(&path.display().to_string(), &text);
    }
    assert!(compared > 300, "only {compared} reports compared");

    // Duplicates far from their first definition (9 to 10, 99 to 100, … lines: the margin widens),
    // a quote over many lines, a lone CR, CRLF, tabs and a BOM.
    let mut text = "\u{FEFF}部门 甲\r\n".to_string();
    for i in 0..120 {
        text.push_str(&format!("目标 乙 {{值：{i}人}}\n"));
        if i % 37 == 0 {
            text.push_str("措施 丙 {\n\t牵头：甲\n  说明：“第一行\n\n\n\n\n\n末行”\n}\n");
        }
    }
    text.push_str("说明：“未闭合\n\n\n\n\n");
    compare_with_whole_file("远.zc", &text);
    compare_with_whole_file("回车.zc", "部门 甲\r目标 乙 {值：5人}\r目标 乙 {值：6人}\r");
}

/// A line too long to show whole is shown around each label, with `…` where it is cut, and the
/// columns are the file's.
#[test]
fn long_lines_are_cut_around_the_labels() {
    let digits: Vec<char> = "甲乙丙丁戊己庚辛壬癸".chars().collect();
    let names: Vec<String> = (0..400)
        .map(|i| {
            format!(
                "单位{}{}{}",
                digits[i % 10],
                digits[i / 10 % 10],
                digits[i / 100]
            )
        })
        .collect();
    let text = format!("措施 甲 {{\n  牵头：{}\n}}\n", names.join("、"));
    let file = crate::SourceFile::new("长.zc", text.as_str());
    let mut diags = crate::check_files(std::slice::from_ref(&file)).diagnostics;
    crate::diagnostic::sort_diagnostics(&mut diags);
    assert!(diags.len() > 300, "{}", diags.len());
    let sources = one("长.zc", &text);
    let last = diags.last().unwrap();
    let label = last.primary_label().unwrap();
    let (line, col) = line_col(&text, label.span.start);
    for out in [
        render_ariadne(std::slice::from_ref(last), &sources, false),
        render_codespan(std::slice::from_ref(last), &sources, false),
    ] {
        assert!(out.contains(&format!("长.zc:{line}:{col}")), "{out}");
        let longest = out.lines().map(|l| l.chars().count()).max().unwrap();
        assert!(
            longest < 2 * super::excerpt::CONTEXT + 40,
            "{longest}: {out}"
        );
        assert!(out.contains('…'), "{out}");
        // The underline is under the name the message quotes.
        let name = &text[label.span.start..label.span.end];
        assert!(last.message.contains(name), "{}", last.message);
    }
    let out = render_ariadne(std::slice::from_ref(last), &sources, false);
    assert_eq!(underlined(&out).len(), 1, "{out}");
    let name = &text[label.span.start..label.span.end];
    assert_eq!(underlined(&out)[0].1, vec![name.to_string()], "{out}");
}
