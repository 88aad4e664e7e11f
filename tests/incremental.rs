//! The incremental check (`zhengce_compiler::Workspace`) against the full one: after any edit, a
//! workspace reports exactly what `check_files_with` reports for the same texts (every finding,
//! in order, with its item) and holds the same ASTs.
//!
//! The property runs sequences of random edits (a digit changed, a character inserted or
//! deleted, a line deleted or repeated, a brace or line end typed, a `// zhengce: allow(…)`
//! comment typed above a line) on the seed policies, the syntax fixtures, a file with a
//! suppression comment and a set of two files that cite each other, checking after every edit,
//! with and without a project's lint levels; the workspace keeps its state across the sequence, so
//! edits build on edited parses.

use std::fs;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use zhengce_compiler::lints::LintLevels;
use zhengce_compiler::{check_files_with, CheckOptions, SourceFile, Workspace};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn zc_files(dir: &Path) -> Vec<SourceFile> {
    let mut files: Vec<SourceFile> = fs::read_dir(dir)
        .expect("a fixture directory")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "zc"))
        .map(|p| {
            SourceFile::new(
                p.file_name().unwrap().to_string_lossy(),
                fs::read_to_string(&p).expect("UTF-8"),
            )
        })
        .collect();
    files.sort_by(|a, b| a.name.cmp(&b.name));
    files
}

/// The sets the edits start from: each seed policy alone, each syntax fixture alone, and two
/// small documents where one cites the other (the checks across documents).
fn sets() -> Vec<Vec<SourceFile>> {
    let mut sets: Vec<Vec<SourceFile>> = zc_files(&root().join("policies"))
        .into_iter()
        .map(|f| vec![f])
        .collect();
    sets.extend(
        zc_files(&root().join("tests/fixtures/syntax"))
            .into_iter()
            .map(|f| vec![f]),
    );
    // A suppression comment: the file is parsed whole on each edit, and what it allows is kept
    // apart as a full check keeps it.
    sets.push(vec![SourceFile::new(
        "注释.zc",
        "部门：县扶贫办\n// zhengce: allow(ZC0201) 原文如此\n目标 脱贫 {\n  值：100人\n  分年度：2016年40人、2017年50人\n  牵头：县扶贫办\n}\n",
    )]);
    sets.push(vec![
        SourceFile::new(
            "上级.zc",
            "文件《上级方案》 {\n  文号：甲发〔2017〕1号\n  成文日期：2017年3月1日\n}\n部门：县扶贫办\n目标 脱贫 {\n  值：100人\n  期限：2017年底\n  分年度：2016年40人、2017年60人\n}\n",
        ),
        SourceFile::new(
            "下级.zc",
            "文件《下级方案》 {\n  依据：《上级方案》（甲发〔2017〕1号）\n  成文日期：2017年4月1日\n}\n部门：县扶贫办\n措施 落实 {\n  牵头：县扶贫办\n  期限：6月10日前\n}\n目标 脱贫 {\n  值：90人\n}\n",
        ),
    ]);
    sets
}

/// One edit, at a place given as a fraction of the text.
#[derive(Clone, Debug)]
enum Edit {
    /// The digit at or after the place becomes `to`.
    Digit { at: f64, to: char },
    /// A character typed at the place.
    Insert { at: f64, c: char },
    /// The character at the place deleted.
    Delete { at: f64 },
    /// The line at the place deleted.
    DeleteLine { at: f64 },
    /// The line at the place written twice.
    RepeatLine { at: f64 },
    /// A suppression comment typed on a line of its own above the line at the place.
    Directive { at: f64, code: &'static str },
}

/// What typed suppressions allow: codes the seeds raise, a family, a code nothing raises and one
/// that does not exist (ZC1103).
const DIRECTIVE_CODES: [&str; 6] = ["ZC0701", "ZC0405", "ZC04", "ZC0201", "ZC0999", "ZC9999"];

fn edit_strategy() -> impl Strategy<Value = Edit> {
    let typed = prop::sample::select(vec![
        '1', '0', '9', '万', '人', '元', '%', '年', '月', '日', '前', '{', '}', '\n', '；', '：',
        '、', '目', '标', '值', '甲', ' ', '「', '」', '“', '”', '/',
    ]);
    let digit = prop::sample::select(vec!['0', '1', '2', '5', '9']);
    prop_oneof![
        4 => (0.0..1.0f64, digit).prop_map(|(at, to)| Edit::Digit { at, to }),
        3 => (0.0..1.0f64, typed).prop_map(|(at, c)| Edit::Insert { at, c }),
        2 => (0.0..1.0f64).prop_map(|at| Edit::Delete { at }),
        1 => (0.0..1.0f64).prop_map(|at| Edit::DeleteLine { at }),
        1 => (0.0..1.0f64).prop_map(|at| Edit::RepeatLine { at }),
        1 => (0.0..1.0f64, prop::sample::select(DIRECTIVE_CODES.to_vec()))
            .prop_map(|(at, code)| Edit::Directive { at, code }),
    ]
}

/// The byte offset of the char boundary at fraction `at` of `text`.
fn place(text: &str, at: f64) -> usize {
    let mut i = ((text.len() as f64) * at) as usize;
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The edit as a byte range of `text` and its replacement.
fn apply(text: &str, edit: &Edit) -> (std::ops::Range<usize>, String) {
    match *edit {
        Edit::Digit { at, to } => {
            let from = place(text, at);
            match text[from..]
                .char_indices()
                .find(|(_, c)| c.is_ascii_digit())
            {
                Some((i, _)) => (from + i..from + i + 1, to.to_string()),
                None => (from..from, String::new()),
            }
        }
        Edit::Insert { at, c } => {
            let i = place(text, at);
            (i..i, c.to_string())
        }
        Edit::Delete { at } => {
            let i = place(text, at);
            let len = text[i..].chars().next().map_or(0, char::len_utf8);
            (i..i + len, String::new())
        }
        Edit::Directive { at, code } => {
            let i = place(text, at);
            let start = text[..i].rfind('\n').map_or(0, |n| n + 1);
            (
                start..start,
                format!("// zhengce: allow({code}) 原文如此\n"),
            )
        }
        Edit::DeleteLine { at } | Edit::RepeatLine { at } => {
            let i = place(text, at);
            let start = text[..i].rfind('\n').map_or(0, |n| n + 1);
            let end = text[i..].find('\n').map_or(text.len(), |n| i + n + 1);
            if matches!(edit, Edit::DeleteLine { .. }) {
                (start..end, String::new())
            } else {
                (start..start, text[start..end].to_string())
            }
        }
    }
}

/// A project's levels: one code allowed, a family made notes, one code denied.
fn project_levels() -> LintLevels {
    LintLevels::parse([("ZC0703", "allow"), ("ZC02", "note"), ("ZC0405", "deny")])
        .expect("valid levels")
}

/// The workspace reports and holds what a full check of its texts gives.
fn agrees(workspace: &mut Workspace, texts: &[SourceFile], options: &CheckOptions) {
    let full = check_files_with(texts, options);
    let incremental = workspace.check().to_vec();
    assert_eq!(incremental, full.diagnostics);
    assert_eq!(workspace.allowed(), full.allowed.as_slice());
    let documents: Vec<_> = workspace
        .documents()
        .map(|(n, d)| (n.to_string(), d.clone()))
        .collect();
    assert_eq!(documents.len(), full.files.len());
    for ((name, doc), file) in documents.iter().zip(&full.files) {
        assert_eq!(name, &file.name);
        assert_eq!(doc, &file.document, "{name}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn edits_check_as_a_full_check_does(
        set in 0..sets().len(),
        file in 0..2usize,
        levels in any::<bool>(),
        edits in prop::collection::vec(edit_strategy(), 1..6),
    ) {
        let mut texts = sets()[set].clone();
        let file = file % texts.len();
        let options = CheckOptions {
            as_of: zhengce_runtime::CivilDate::from_ymd(2018, 6, 1),
            lints: if levels { project_levels() } else { LintLevels::default() },
            ..CheckOptions::default()
        };
        let mut workspace = Workspace::new(options.clone());
        workspace.set_files(&texts);
        agrees(&mut workspace, &texts, &options);
        for edit in &edits {
            let (range, replacement) = apply(&texts[file].text, edit);
            workspace.edit(&texts[file].name.clone(), range.clone(), &replacement).unwrap();
            texts[file].text.replace_range(range, &replacement);
            prop_assert_eq!(workspace.text(&texts[file].name), Some(texts[file].text.as_str()));
            agrees(&mut workspace, &texts, &options);
        }
    }
}

#[test]
fn a_number_edited_in_a_seed_checks_as_a_full_check_does() {
    let mut texts = vec![sets()[0][0].clone()];
    let mut workspace = Workspace::new(CheckOptions::default());
    workspace.set_files(&texts);
    let at = texts[0].text.find(|c: char| c.is_ascii_digit()).unwrap();
    for digit in ['7', '8', '0'] {
        workspace
            .edit(&texts[0].name.clone(), at..at + 1, &digit.to_string())
            .unwrap();
        texts[0].text.replace_range(at..at + 1, &digit.to_string());
        agrees(&mut workspace, &texts, &CheckOptions::default());
    }
}

#[test]
fn edits_outside_the_text_are_refused() {
    let mut workspace = Workspace::new(CheckOptions::default());
    workspace.set_file("a.zc", "部门：县扶贫办\n");
    assert!(workspace.edit("a.zc", 0..100, "").is_err());
    // Inside 县 (three bytes): not on a character boundary.
    assert!(workspace.edit("a.zc", 10..11, "").is_err());
    assert!(workspace.edit("b.zc", 0..0, "").is_err());
    assert_eq!(workspace.text("a.zc"), Some("部门：县扶贫办\n"));
}

#[test]
fn a_suppression_typed_and_deleted_checks_as_a_full_check_does() {
    // A seed without suppressions of its own.
    let seed = sets()
        .into_iter()
        .map(|mut set| set.remove(0))
        .find(|f| !f.text.contains("zhengce:"))
        .expect("a seed without suppressions");
    let mut texts = vec![seed];
    let options = CheckOptions::default();
    let mut workspace = Workspace::new(options.clone());
    workspace.set_files(&texts);
    let before = workspace.check().to_vec();
    let code = before[0].code.clone();
    let at = texts[0].text.find(['\n']).unwrap() + 1;
    let line = format!("// zhengce: allow({code}) 原文如此\n");
    let name = texts[0].name.clone();
    workspace.edit(&name, at..at, &line).unwrap();
    texts[0].text.insert_str(at, &line);
    agrees(&mut workspace, &texts, &options);
    // The comment covers the whole file: every finding of that code is allowed now.
    assert!(workspace.check().iter().all(|d| d.code != code));
    assert!(!workspace.allowed().is_empty());
    workspace.edit(&name, at..at + line.len(), "").unwrap();
    texts[0].text.replace_range(at..at + line.len(), "");
    agrees(&mut workspace, &texts, &options);
    assert_eq!(workspace.check(), before.as_slice());
    assert!(workspace.allowed().is_empty());
}
