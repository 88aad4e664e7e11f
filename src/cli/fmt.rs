//! `zhengce fmt`: rewrite policy files into the canonical layout, or with `--check` only say
//! (with a unified diff) which files are not in it.

use std::io;
use std::path::{Path, PathBuf};

use clap::Args;
use similar::TextDiff;
use zhengce_compiler::diagnostic::sort_diagnostics;
use zhengce_compiler::format::format_named;
use zhengce_compiler::render::{render_ariadne_limited, MAX_PER_CODE};
use zhengce_compiler::Diagnostic;

use super::os_error::describe;
use super::{atomic, print_stderr, print_stdout, read_policy_files, summary_line, ColorWhen, Exit};

/// The exit codes of `fmt`, printed at the end of its `--help`.
pub const FMT_EXIT_CODES_HELP: &str = "\
退出码:
  0  所有文件都已是规范格式(或已改写为规范格式)
  1  有文件含语法错误或不是 UTF-8 文本(未改写);或使用 --check 时有文件不是规范格式
  2  用法错误,或路径不存在、文件无法读取或写入(无法写入的文件保持原样)";

#[derive(Debug, Args)]
#[command(next_help_heading = "选项")]
pub struct FmtArgs {
    #[arg(
        required = true,
        value_name = "路径",
        help_heading = "参数",
        help = "要格式化的 .zc 文件或目录(目录递归查找 *.zc 文件)"
    )]
    pub paths: Vec<PathBuf>,

    #[arg(
        long,
        help = "只检查,不改写:不是规范格式的文件打印统一差异(diff),退出码为 1"
    )]
    pub check: bool,
}

/// What happened to one file.
enum Outcome {
    Unchanged,
    Changed,
    /// Not formatted: a syntax error, or not text.
    Failed,
    /// Formatted, but the new text could not be written; the file is as it was.
    Unwritten,
}

pub fn run(args: &FmtArgs, color: ColorWhen) -> Exit {
    let loaded = match read_policy_files(&args.paths) {
        Ok(loaded) => loaded,
        Err(exit) => return exit,
    };

    // Files that could not be read as text (not UTF-8, too large) are reported, never written.
    let mut diagnostics: Vec<Diagnostic> = loaded.diagnostics.clone();
    diagnostics.extend(loaded.skipped.iter().cloned());
    let mut counts = Counts {
        files: loaded.file_count,
        failed: loaded.diagnostics.len(),
        ..Counts::default()
    };
    let mut write_errors = Vec::new();
    for file in &loaded.sources {
        let outcome = match format_named(&file.text, &file.name) {
            Err(diags) => {
                diagnostics.extend(diags);
                Outcome::Failed
            }
            Ok(formatted) if formatted == file.text => Outcome::Unchanged,
            Ok(formatted) if args.check => {
                print_stdout(&unified_diff(&file.name, &file.text, &formatted));
                Outcome::Changed
            }
            Ok(formatted) => match write(Path::new(&file.name), &formatted) {
                Ok(()) => {
                    print_stderr(&format!("已格式化 {}\n", file.name));
                    Outcome::Changed
                }
                Err(e) => {
                    write_errors.push(format!(
                        "错误[{}]: 无法写入「{}」:{}(文件保持原样)\n",
                        zhengce_compiler::codes::IO_ERROR,
                        file.name,
                        describe(&e)
                    ));
                    Outcome::Unwritten
                }
            },
        };
        match outcome {
            Outcome::Unchanged => {}
            Outcome::Changed => counts.changed += 1,
            Outcome::Failed => counts.failed += 1,
            Outcome::Unwritten => counts.unwritten += 1,
        }
    }

    if !diagnostics.is_empty() {
        sort_diagnostics(&mut diagnostics);
        // Standard output carries the diffs.
        print_stderr(&render_ariadne_limited(
            &diagnostics,
            &loaded.render_sources,
            color.enabled_on_stderr(),
            MAX_PER_CODE,
        ));
    }
    for e in &write_errors {
        print_stderr(e);
    }
    print_stderr(&summary(&counts, args.check));

    if counts.unwritten > 0 {
        Exit::Failure
    } else if counts.failed > 0 || (args.check && counts.changed > 0) {
        Exit::Findings
    } else {
        Exit::Clean
    }
}

/// Writes the formatted text over the file, atomically: on a full disk the file stays as it
/// was. The name is the path as the user gave it (or as found in a directory); a path that no
/// longer names a file is not created.
fn write(path: &Path, text: &str) -> io::Result<()> {
    if !path.is_file() {
        return Err(io::Error::from(io::ErrorKind::NotFound));
    }
    atomic::write_file(path, text.as_bytes())
}

/// `--- path` / `+++ path(格式化后)` and the hunks, three lines of context.
pub fn unified_diff(name: &str, old: &str, new: &str) -> String {
    let diff = TextDiff::from_lines(old, new);
    let mut out = diff
        .unified_diff()
        .context_radius(3)
        .header(name, &format!("{name}(格式化后)"))
        .to_string();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// What `fmt` did, for its closing line.
#[derive(Debug, Default)]
struct Counts {
    files: usize,
    /// Rewritten (or, with `--check`, not in the canonical layout).
    changed: usize,
    /// Not formatted: syntax errors, not text.
    failed: usize,
    /// Formatted but not written: the file is as it was.
    unwritten: usize,
}

/// The closing line on standard error: what was written and what was not.
fn summary(c: &Counts, check: bool) -> String {
    let mut parts = Vec::new();
    if c.changed > 0 {
        parts.push(if check {
            format!("{} 个文件不是规范格式", c.changed)
        } else {
            format!("改写了 {} 个文件", c.changed)
        });
    }
    if c.unwritten > 0 {
        parts.push(format!("{} 个文件无法写入,保持原样", c.unwritten));
    }
    if c.failed > 0 {
        parts.push(format!("{} 个文件有错误,未格式化", c.failed));
    }
    summary_line(
        &format!("检查了 {} 个文件", c.files),
        &parts,
        "都已是规范格式",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_lines() {
        let counts = |changed, failed, unwritten| Counts {
            files: 3,
            changed,
            failed,
            unwritten,
        };
        assert_eq!(
            summary(&counts(0, 0, 0), false),
            "检查了 3 个文件,都已是规范格式\n"
        );
        assert_eq!(
            summary(&counts(2, 0, 0), true),
            "检查了 3 个文件:2 个文件不是规范格式\n"
        );
        assert_eq!(
            summary(&counts(1, 1, 0), false),
            "检查了 3 个文件:改写了 1 个文件,1 个文件有错误,未格式化\n"
        );
        assert_eq!(
            summary(&counts(1, 0, 2), false),
            "检查了 3 个文件:改写了 1 个文件,2 个文件无法写入,保持原样\n"
        );
    }

    #[test]
    fn diff_has_headers_and_hunks() {
        let d = unified_diff("a.zc", "部门 甲\n", "部门 乙\n");
        assert!(d.starts_with("--- a.zc\n+++ a.zc(格式化后)\n@@"), "{d}");
        assert!(d.contains("-部门 甲\n+部门 乙\n"), "{d}");
    }
}
