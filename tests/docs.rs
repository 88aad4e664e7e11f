//! docs/diagnostics.md is tested against the code: every catalogue code has a section, every
//! section's example really reports its code, and the output shown is the output produced.
//! `UPDATE_DOCS=1 cargo test --test docs` rewrites the output blocks and reassembles the file.

use std::path::{Path, PathBuf};
use zhengce_compiler::codes::CATALOGUE;
use zhengce_compiler::render::{render_short, Sources};
use zhengce_compiler::{check_files_with, CheckOptions, SourceFile};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn updating() -> bool {
    std::env::var("UPDATE_DOCS").is_ok_and(|v| v == "1")
}

/// The ```zc blocks of a section before its 输出 heading, as source files.
fn example_files(section: &str) -> Vec<SourceFile> {
    let before_output = section.split("\n输出").next().unwrap_or(section);
    let mut files = Vec::new();
    let mut rest = before_output;
    while let Some(start) = rest.find("```zc\n") {
        let body_start = start + "```zc\n".len();
        let Some(len) = rest[body_start..].find("```") else {
            break;
        };
        let body = &rest[body_start..body_start + len];
        let name = body
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("// 文件："))
            .map(str::to_string)
            .unwrap_or_else(|| format!("示例{}.zc", files.len() + 1));
        files.push(SourceFile::new(name, body));
        rest = &rest[body_start + len + 3..];
    }
    files
}

fn options(files: &[SourceFile]) -> CheckOptions {
    let mut options = CheckOptions::default();
    for f in files {
        for line in f.text.lines().filter_map(|l| l.strip_prefix("// 选项:")) {
            for opt in line.split_whitespace() {
                if let Some(d) = opt.strip_prefix("as-of=") {
                    options.as_of = zhengce_runtime::CivilDate::parse_iso(d);
                } else if let Some(dir) = opt.strip_prefix("sources=") {
                    let dir = root().join("tests/fixtures/checks").join(dir);
                    let mut texts: Vec<SourceFile> = std::fs::read_dir(&dir)
                        .unwrap()
                        .map(|e| {
                            let p = e.unwrap().path();
                            let name = p.file_name().unwrap().to_string_lossy().into_owned();
                            SourceFile::new(name, std::fs::read_to_string(&p).unwrap())
                        })
                        .collect();
                    texts.sort_by(|a, b| a.name.cmp(&b.name));
                    options.source_texts = Some(texts);
                }
            }
        }
    }
    options
}

fn section_path(code: &str) -> PathBuf {
    root().join("docs/diagnostics").join(format!("{code}.md"))
}

/// Replaces the first ```text block after 输出 with `output`.
fn with_output(section: &str, output: &str) -> Option<String> {
    let at = section.find("\n输出")?;
    let start = at + section[at..].find("```text\n")? + "```text\n".len();
    let end = start + section[start..].find("```")?;
    Some(format!(
        "{}{}\n{}",
        &section[..start],
        output.trim_end(),
        &section[end..]
    ))
}

/// Sections first, then the assembled file: one test, so an update run rewrites both in order.
#[test]
fn diagnostics_doc_is_complete_correct_and_assembled() {
    every_code_has_a_documented_section_with_a_working_example();
    diagnostics_md_is_assembled_from_the_sections();
}

fn every_code_has_a_documented_section_with_a_working_example() {
    let mut problems = Vec::new();
    for info in CATALOGUE {
        let path = section_path(info.code);
        let Ok(section) = std::fs::read_to_string(&path) else {
            problems.push(format!(
                "{}: no docs/diagnostics/{}.md",
                info.code, info.code
            ));
            continue;
        };
        let heading = format!("## {} {}", info.code, info.title);
        if !section.starts_with(&heading) {
            problems.push(format!(
                "{}: section must start with `{heading}`",
                info.code
            ));
        }
        if !section.contains(&format!("**{}**", info.severity.word()))
            && !section.contains(&format!("**{}**", severity_doc_word(info.severity)))
        {
            problems.push(format!(
                "{}: section must state its severity **{}**",
                info.code,
                severity_doc_word(info.severity)
            ));
        }
        let files = example_files(&section);
        if files.is_empty() {
            continue; // produced by the command line only (I/O, encoding, size): prose suffices
        }
        let out = check_files_with(&files, &options(&files));
        if !out.diagnostics.iter().any(|d| d.code == info.code) {
            problems.push(format!(
                "{}: the example does not report {}",
                info.code, info.code
            ));
            continue;
        }
        let sources: Sources = files
            .iter()
            .map(|f| (f.name.clone(), f.text.clone()))
            .collect();
        let short = render_short(&out.diagnostics, &sources);
        match with_output(&section, &short) {
            Some(updated) if updated != section => {
                if updating() {
                    std::fs::write(&path, updated).unwrap();
                } else {
                    problems.push(format!(
                        "{}: the 输出 block differs from the real output (UPDATE_DOCS=1 rewrites it):\n{short}",
                        info.code
                    ));
                }
            }
            Some(_) => {}
            None => problems.push(format!("{}: no ```text block after 输出", info.code)),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn severity_doc_word(s: zhengce_compiler::Severity) -> &'static str {
    s.word()
}

fn diagnostics_md_is_assembled_from_the_sections() {
    let intro = std::fs::read_to_string(root().join("docs/diagnostics/_intro.md"))
        .expect("docs/diagnostics/_intro.md");
    let mut assembled = intro.trim_end().to_string();
    assembled.push_str("\n\n");
    for info in CATALOGUE {
        if let Ok(section) = std::fs::read_to_string(section_path(info.code)) {
            assembled.push_str(section.trim_end());
            assembled.push_str("\n\n");
        }
    }
    let target = root().join("docs/diagnostics.md");
    let current = std::fs::read_to_string(&target).unwrap_or_default();
    if current != assembled {
        if updating() {
            std::fs::write(&target, &assembled).unwrap();
        } else {
            panic!("docs/diagnostics.md is stale: run UPDATE_DOCS=1 cargo test --test docs");
        }
    }
}

#[test]
fn every_code_in_the_index_table_links_to_its_section() {
    let intro = std::fs::read_to_string(root().join("docs/diagnostics/_intro.md")).unwrap();
    for info in CATALOGUE {
        let row = intro
            .lines()
            .find(|l| l.starts_with(&format!("| [{}]", info.code)))
            .unwrap_or_else(|| {
                panic!(
                    "{} is missing from the index table in docs/diagnostics/_intro.md",
                    info.code
                )
            });
        // The table's severity and title are the catalogue's.
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        assert_eq!(
            (cells[2], cells[3]),
            (info.severity.word(), info.title),
            "{}'s row in docs/diagnostics/_intro.md differs from compiler/src/codes.rs",
            info.code
        );
    }
    let _ = Path::new("");
}

/// docs/language.md §5.2 names an example file for each reading-stage code: each one exists (in
/// `tests/fixtures/errors/` unless the row gives a path) and reports that code.
#[test]
fn reading_stage_examples_in_the_language_doc_exist_and_report_their_code() {
    let doc = std::fs::read_to_string(root().join("docs/language.md")).unwrap();
    let section = doc
        .split("### 5.2 ")
        .nth(1)
        .and_then(|s| s.split("\n### ").next())
        .expect("docs/language.md has §5.2");
    let mut checked = 0;
    for row in section.lines().filter(|l| l.starts_with("| ZC")) {
        let code = row[2..8].to_string();
        for file in row
            .split('`')
            .skip(1)
            .step_by(2)
            .filter(|f| f.ends_with(".zc"))
        {
            let path = if file.contains('/') {
                root().join(file)
            } else {
                root().join("tests/fixtures/errors").join(file)
            };
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{code}: {} ({e})", path.display()));
            if file.contains('/') {
                continue; // a file cited to show what is *not* an error
            }
            let out = check_files_with(&[SourceFile::new(file, text)], &CheckOptions::default());
            assert!(
                out.diagnostics.iter().any(|d| d.code == code),
                "docs/language.md §5.2: {file} does not report {code}"
            );
            checked += 1;
        }
    }
    assert!(checked >= 15, "only {checked} files found in §5.2");
}
