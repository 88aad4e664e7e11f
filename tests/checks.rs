//! Every consistency check has a failing and a passing fixture, named after its code:
//! `fixtures/checks/ZC0201-breakdown-sum.fail.zc` must report ZC0201 (its report is snapshotted),
//! `fixtures/checks/ZC0201-breakdown-sum.pass.zc` must check clean. A fixture that is a directory
//! (`ZC0801-missing-basis.fail/`) is checked as one policy set.

use std::path::{Path, PathBuf};
use zhengce_compiler::codes::CATALOGUE;
use zhengce_compiler::render::{render_ariadne, render_short, Sources};
use zhengce_compiler::{check_files_with, CheckOptions, SourceFile};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/checks")
}

/// Options a fixture asks for in its first line: `// 选项: as-of=2017-05-03 sources=DIR`.
fn options_for(files: &[SourceFile], dir: &Path) -> CheckOptions {
    let mut options = CheckOptions::default();
    for f in files {
        let Some(line) = f.text.lines().next() else {
            continue;
        };
        let Some(opts) = line.strip_prefix("// 选项:") else {
            continue;
        };
        for opt in opts.split_whitespace() {
            if let Some(d) = opt.strip_prefix("as-of=") {
                options.as_of = zhengce_runtime::CivilDate::parse_iso(d);
            } else if let Some(s) = opt.strip_prefix("sources=") {
                let mut texts = Vec::new();
                for e in std::fs::read_dir(dir.join(s)).unwrap() {
                    let p = e.unwrap().path();
                    let name = p.file_name().unwrap().to_string_lossy().into_owned();
                    texts.push(SourceFile::new(name, std::fs::read_to_string(&p).unwrap()));
                }
                texts.sort_by(|a, b| a.name.cmp(&b.name));
                options.source_texts = Some(texts);
            }
        }
    }
    options
}

fn load(path: &Path) -> Vec<SourceFile> {
    let mut paths = Vec::new();
    if path.is_dir() {
        for e in std::fs::read_dir(path).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "zc") {
                paths.push(p);
            }
        }
    } else {
        paths.push(path.to_path_buf());
    }
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            SourceFile::new(name, std::fs::read_to_string(p).unwrap())
        })
        .collect()
}

fn fixtures() -> Vec<(String, bool, PathBuf)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(fixtures_dir()).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if name == "sources" {
            continue;
        }
        let stem = name.trim_end_matches(".zc");
        let (code, fail) = if let Some(s) = stem.strip_suffix(".fail") {
            (s.split('-').next().unwrap().to_string(), true)
        } else if let Some(s) = stem.strip_suffix(".pass") {
            (s.split('-').next().unwrap().to_string(), false)
        } else {
            panic!("fixture {name} must end in .fail or .pass");
        };
        out.push((code, fail, p));
    }
    out.sort_by(|a, b| a.2.cmp(&b.2));
    out
}

#[test]
fn failing_fixtures_report_their_code() {
    // Every fixture is tried, so one run shows every missing or changed snapshot.
    let mut failures = Vec::new();
    for (code, fail, path) in fixtures() {
        if !fail {
            continue;
        }
        if let Err(e) = std::panic::catch_unwind(|| failing_fixture(&code, &path)) {
            let msg = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            failures.push(format!("{}: {msg}", path.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn failing_fixture(code: &str, path: &Path) {
    let dir = if path.is_dir() {
        path.to_path_buf()
    } else {
        fixtures_dir()
    };
    let files = load(path);
    let out = check_files_with(&files, &options_for(&files, &dir));
    assert!(
        out.diagnostics.iter().any(|d| d.code == code),
        "{} should report {code}, got: {:?}",
        path.display(),
        out.diagnostics
            .iter()
            .map(|d| (&d.code, &d.message))
            .collect::<Vec<_>>()
    );
    // At default levels a finding has its code's severity: the catalogue, the docs and lint
    // levels all speak of a code's severity, so one code never reports two.
    for d in &out.diagnostics {
        let listed = zhengce_compiler::codes::info(&d.code).map(|c| c.severity);
        assert_eq!(
            Some(d.severity),
            listed,
            "{} reports {} as {:?}, the catalogue says {:?}",
            path.display(),
            d.code,
            d.severity,
            listed
        );
    }
    let sources: Sources = files
        .iter()
        .map(|f| (f.name.clone(), f.text.clone()))
        .collect();
    let report = format!(
        "{}\n{}",
        render_short(&out.diagnostics, &sources),
        render_ariadne(&out.diagnostics, &sources, false)
    );
    let snap = path
        .file_name()
        .unwrap()
        .to_string_lossy()
        .replace(".zc", "");
    insta::assert_snapshot!(snap, report);
}

#[test]
fn passing_fixtures_check_clean() {
    for (code, fail, path) in fixtures() {
        if fail {
            continue;
        }
        let dir = if path.is_dir() {
            path.clone()
        } else {
            fixtures_dir()
        };
        let files = load(&path);
        let out = check_files_with(&files, &options_for(&files, &dir));
        assert!(
            out.diagnostics.is_empty(),
            "{} (the passing case of {code}) should check clean, got: {:?}",
            path.display(),
            out.diagnostics
                .iter()
                .map(|d| (&d.code, &d.message))
                .collect::<Vec<_>>()
        );
    }
}

/// Codes from ZC0100 on are consistency checks: each needs both fixtures.
#[test]
fn every_check_has_a_failing_and_a_passing_fixture() {
    let all = fixtures();
    let mut missing = Vec::new();
    for info in CATALOGUE.iter().filter(|c| c.code >= "ZC0100") {
        for want_fail in [true, false] {
            if !all
                .iter()
                .any(|(code, fail, _)| code == info.code && *fail == want_fail)
            {
                missing.push(format!(
                    "{} {} ({})",
                    info.code,
                    if want_fail { "fail" } else { "pass" },
                    info.title
                ));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "missing check fixtures:\n{}",
        missing.join("\n")
    );
}
