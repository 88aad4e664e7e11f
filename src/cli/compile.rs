//! What the question commands (`eval`, `due`, `score`, `progress`, `test`) share: the `<路径>`
//! and `--format` arguments, compiling the files to a program, and printing answers and errors.
//!
//! The files are compiled with `zhengce_compiler::build::build_allowing_errors`: a file that
//! cannot be read or parsed stops the command (exit 1), as `check` would report it; errors of the
//! consistency checks (a total that does not add up, say) are shown on standard error, rendered
//! like `check` renders them, and the question is still answered, since a faithful encoding of a
//! document with a wrong figure is still the document. Warnings are only counted: `zhengce check`
//! lists them.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use zhengce_compiler::build::build_allowing_errors;
use zhengce_compiler::diagnostic::count_severity;
use zhengce_compiler::diagnostic::sort_diagnostics;
use zhengce_compiler::render::{render_ariadne_limited, render_json, MAX_PER_CODE};
use zhengce_compiler::{CheckOptions, Severity};
use zhengce_runtime::eval::EvalError;
use zhengce_runtime::ir::Program;
use zhengce_runtime::CivilDate;

use super::{print_stderr, print_stdout, read_policy_files, ColorWhen, Exit};

/// Exit codes of the question commands, printed at the end of their `--help`.
pub const ANSWER_EXIT_CODES_HELP: &str = "\
退出码:
  0  已回答(规则不适用也是回答)
  1  无法回答:缺少事实、单位不符、取值不在列表中等;或文件有语法错误无法编译
  2  用法错误,或路径不存在、文件无法读取";

/// `--format` of the question commands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum AnswerFormat {
    /// A readable Chinese answer with its trace.
    Human,
    /// JSON on standard output.
    Json,
}

/// `<路径>...` of the question commands.
#[derive(Debug, Args)]
pub struct PolicyPaths {
    #[arg(
        required = true,
        value_name = "路径",
        help_heading = "参数",
        help = "政策文件或目录(目录递归查找 *.zc 文件)"
    )]
    pub paths: Vec<PathBuf>,
}

/// `--format` of the question commands but `test`, which adds JUnit.
#[derive(Debug, Args)]
pub struct AnswerFormatArg {
    #[arg(
        long,
        value_enum,
        default_value_t = AnswerFormat::Human,
        value_name = "格式",
        hide_possible_values = true,
        hide_default_value = true,
        help = "输出格式:human(默认,中文说明及依据)、json"
    )]
    pub format: AnswerFormat,
}

/// Reads and compiles the policy set. Errors are printed; `Err` carries the exit code.
pub fn compile(paths: &[PathBuf], color: ColorWhen, format: AnswerFormat) -> Result<Program, Exit> {
    let loaded = read_policy_files(paths)?;
    let output = build_allowing_errors(&loaded.sources, &CheckOptions::default());
    let unreadable = !loaded.diagnostics.is_empty();
    let mut diagnostics = loaded.diagnostics;
    diagnostics.extend(loaded.skipped);
    diagnostics.extend(output.diagnostics);
    sort_diagnostics(&mut diagnostics);
    let warnings = count_severity(&diagnostics, Severity::Warning);
    diagnostics.retain(|d| d.is_error());
    let program = output.program.filter(|_| !unreadable);
    if !diagnostics.is_empty() {
        let color = color.enabled_on_stderr();
        let sources = &loaded.render_sources;
        let report = match format {
            AnswerFormat::Human => {
                render_ariadne_limited(&diagnostics, sources, color, MAX_PER_CODE)
            }
            AnswerFormat::Json => render_json(&diagnostics, sources),
        };
        print_stderr(&report);
        if format == AnswerFormat::Human {
            let tail = if program.is_some() {
                ";以下按文件现有的内容回答"
            } else {
                ",无法编译"
            };
            let extra = if warnings > 0 {
                format!("(另有 {warnings} 个警告,用 zhengce check 查看)")
            } else {
                String::new()
            };
            print_stderr(&format!(
                "编译发现 {} 个错误{extra}{tail}\n",
                diagnostics.len()
            ));
        }
    }
    program.ok_or(Exit::Findings)
}

/// Prints the answer to a question (the readable text for people, pretty JSON for machines) and
/// returns exit code 0, or prints the evaluator's error as [`fail`] does. (Both renderings are
/// passed in so that this crate needs no serde bound of its own.)
pub fn print_answer<T>(
    result: Result<T, EvalError>,
    format: AnswerFormat,
    human: impl FnOnce(&T) -> String,
    json: impl FnOnce(&T) -> serde_json::Result<String>,
) -> Exit {
    let answer = match result {
        Ok(answer) => answer,
        Err(e) => return fail(&e, format),
    };
    match format {
        AnswerFormat::Human => print_stdout(&human(&answer)),
        AnswerFormat::Json => print_json(json(&answer)),
    }
    Exit::Clean
}

/// Prints pretty JSON (from `serde_json::to_string_pretty`) and a newline.
pub fn print_json(json: serde_json::Result<String>) {
    match json {
        Ok(text) => print_stdout(&(text + "\n")),
        Err(e) => print_stderr(&format!("错误: 无法输出 JSON:{e}\n")),
    }
}

/// Prints an error of the evaluator (`错误: …` on standard error, or `{"error": …}` on standard
/// output) and returns exit code 1.
pub fn fail(error: &EvalError, format: AnswerFormat) -> Exit {
    match format {
        AnswerFormat::Human => print_stderr(&format!("错误: {error}\n")),
        AnswerFormat::Json => print_json(serde_json::to_string_pretty(
            &serde_json::json!({ "error": error.to_json() }),
        )),
    }
    Exit::Findings
}

/// Splits `名=值` (or the full-width `＝`).
pub fn parse_pair(s: &str) -> Result<(String, String), String> {
    match s.split_once(['=', '＝']) {
        Some((name, value)) if !name.trim().is_empty() => {
            Ok((name.trim().to_string(), value.trim().to_string()))
        }
        _ => Err(format!("「{s}」应写作 名称=值,如 县类别=深度贫困县")),
    }
}

pub fn parse_date_arg(s: &str) -> Result<CivilDate, String> {
    zhengce_runtime::eval::text::parse_date(s)
        .ok_or_else(|| format!("「{s}」不是有效日期,应写作 YYYY-MM-DD,如 2017-05-03"))
}

/// Today in China Standard Time (UTC+8), the calendar the documents speak in.
pub fn today() -> CivilDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = (secs + 8 * 3600) / 86_400;
    let epoch = CivilDate::from_ymd(1970, 1, 1).expect("1970-01-01 exists");
    epoch.plus_days(i64::try_from(days).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_split_on_either_equals_sign() {
        assert_eq!(
            parse_pair("县类别=深度贫困县").unwrap(),
            ("县类别".to_string(), "深度贫困县".to_string())
        );
        assert_eq!(
            parse_pair("项目总投资＝1000万元").unwrap().1,
            "1000万元".to_string()
        );
        assert!(parse_pair("=1").is_err());
        assert!(parse_pair("县类别").is_err());
    }

    #[test]
    fn dates_in_both_spellings() {
        assert_eq!(parse_date_arg("2017-05-03").unwrap().iso(), "2017-05-03");
        assert_eq!(parse_date_arg("2017年5月3日").unwrap().iso(), "2017-05-03");
        assert!(parse_date_arg("2017-02-30").is_err());
    }

    #[test]
    fn today_is_a_plausible_date() {
        assert!(today().year() >= 2024);
    }
}
