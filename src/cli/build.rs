//! `zhengce build`: check the files as one policy set and, when there is no error, write the IR.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use zhengce_compiler::build::{build, build_allowing_errors};
use zhengce_compiler::diagnostic::count_severity;
use zhengce_compiler::diagnostic::sort_diagnostics;
use zhengce_compiler::render::{
    render_ariadne_limited, render_codespan_limited, render_json, render_short,
};
use zhengce_compiler::Severity;
use zhengce_runtime::CivilDate;

use super::check::{parse_as_of, ConfigArg, OriginalsArg, PerCodeArg};
use super::os_error::describe;
use super::output::write_stdout;
use super::{atomic, print_stderr, read_policy_files, summary_line, ColorWhen, Exit};

/// Exit codes of `build`, printed at the end of its `--help`.
pub const BUILD_EXIT_CODES_HELP: &str = "\
退出码:
  0  已生成 IR(可以有警告)
  1  有错误,未生成 IR
  2  用法错误,或路径不存在、文件无法读取或写入";

#[derive(Debug, Args)]
#[command(next_help_heading = "选项")]
pub struct BuildArgs {
    #[arg(
        required = true,
        value_name = "路径",
        help_heading = "参数",
        help = "要编译的 .zc 文件或目录(目录递归查找 *.zc 文件)"
    )]
    pub paths: Vec<PathBuf>,

    #[arg(
        short = 'o',
        long = "output",
        value_name = "文件",
        help = "IR 写到这个文件;不给或给「-」时写到标准输出",
        long_help = "IR(JSON)写到这个文件;不给或给「-」时写到标准输出。\n\
            有错误而未生成 IR 时不写也不改动这个文件。"
    )]
    pub output: Option<PathBuf>,

    #[arg(
        long,
        value_enum,
        default_value_t = Format::Human,
        value_name = "格式",
        hide_possible_values = true,
        hide_default_value = true,
        help = "诊断的格式:human(默认)、codespan、short、json",
        long_help = "诊断的格式(诊断写到标准错误,IR 写到 -o 指定的位置):\n  \
            human     带源码片段和框线的报告(默认)\n  \
            codespan  rustc 风格的报告\n  \
            short     每条诊断一行:路径:行:列: 错误[代码]: 说明\n  \
            json      JSON 数组;没有问题时为 []"
    )]
    pub format: Format,

    #[arg(
        long,
        help = "有检查出的错误时仍生成 IR(语法错误除外)",
        long_help = "数字、日期、名称等检查出错误时仍生成 IR,退出码为 0;文件读取或语法上的\n\
            错误(ZC00xx)仍不生成。未声明的部门名照原样写入。用于编码忠实于原文、原文本身有误的文件。"
    )]
    pub allow_errors: bool,

    #[command(flatten)]
    pub per_code: PerCodeArg,

    #[command(flatten)]
    pub originals: OriginalsArg,

    #[arg(
        long,
        value_name = "日期",
        value_parser = parse_as_of,
        help = "以此日期(YYYY-MM-DD)检查已过时限而未完成的措施",
        long_help = "以此日期(YYYY-MM-DD)为准,时限已过而没有记录「完成」的措施报告为警告(ZC1001)。\n\
            只影响诊断,不影响生成的 IR。"
    )]
    pub as_of: Option<CivilDate>,

    #[command(flatten)]
    pub settings: ConfigArg,
}

/// `--format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Codespan,
    Short,
    Json,
}

pub fn run(args: &BuildArgs, color: ColorWhen) -> Exit {
    let loaded = match read_policy_files(&args.paths) {
        Ok(loaded) => loaded,
        Err(exit) => return exit,
    };
    let lints = match args.settings.lint_levels(&args.paths) {
        Ok(lints) => lints,
        Err(exit) => return exit,
    };
    let mut options = match args.originals.check_options(args.as_of) {
        Ok(options) => options,
        Err(exit) => return exit,
    };
    options.lints = lints;
    let output = if args.allow_errors {
        build_allowing_errors(&loaded.sources, &options)
    } else {
        build(&loaded.sources, &options)
    };
    let mut diagnostics = loaded.diagnostics;
    // A file that could not be decoded is missing from the set: no IR without it.
    let unreadable = !diagnostics.is_empty();
    diagnostics.extend(loaded.skipped);
    diagnostics.extend(output.diagnostics);
    sort_diagnostics(&mut diagnostics);

    // Diagnostics go to standard error: standard output may be the IR.
    let sources = &loaded.render_sources;
    let color = color.enabled_on_stderr();
    let report = match args.format {
        Format::Human => {
            render_ariadne_limited(&diagnostics, sources, color, args.per_code.max_per_code)
        }
        Format::Codespan => {
            render_codespan_limited(&diagnostics, sources, color, args.per_code.max_per_code)
        }
        Format::Short => render_short(&diagnostics, sources),
        Format::Json => render_json(&diagnostics, sources),
    };
    print_stderr(&report);

    let errors = count_severity(&diagnostics, Severity::Error);
    let warnings = count_severity(&diagnostics, Severity::Warning);
    let program = output.program.filter(|_| !unreadable);
    let Some(program) = program else {
        if args.format != Format::Json {
            print_stderr(&summary(loaded.file_count, errors, warnings, "未生成 IR"));
        }
        return Exit::Findings;
    };
    let json = match serde_json::to_string_pretty(&program) {
        Ok(json) => json + "\n",
        Err(e) => {
            print_stderr(&format!("错误: 无法序列化 IR:{e}\n"));
            return Exit::Failure;
        }
    };
    // Standard output, or the file written whole or not at all.
    let written = match args.output.as_deref() {
        Some(path) if path.as_os_str() != "-" => {
            atomic::write_file(path, json.as_bytes()).map_err(|e| {
                format!(
                    "错误[{}]: 无法写入「{}」:{}(文件未改动)\n",
                    zhengce_compiler::codes::IO_ERROR,
                    path.display(),
                    describe(&e)
                )
            })
        }
        // A failure is reported by the writer.
        _ => write_stdout(&json).map_err(|_| String::new()),
    };
    if let Err(message) = &written {
        print_stderr(message);
    }
    if args.format != Format::Json {
        let result = if written.is_ok() {
            "已生成 IR"
        } else {
            "IR 未能写出"
        };
        print_stderr(&summary(loaded.file_count, errors, warnings, result));
    }
    if written.is_ok() {
        Exit::Clean
    } else {
        Exit::Failure
    }
}

/// `编译了 7 个文件:1 个警告,已生成 IR`, or `编译了 1 个文件:2 个错误,未生成 IR`.
fn summary(files: usize, errors: usize, warnings: usize, result: &str) -> String {
    let mut parts = Vec::new();
    if errors > 0 {
        parts.push(format!("{errors} 个错误"));
    }
    if warnings > 0 {
        parts.push(format!("{warnings} 个警告"));
    }
    if !parts.is_empty() {
        // The result closes the list as well: `…:1 个警告,已生成 IR`.
        parts.push(result.to_string());
    }
    summary_line(&format!("编译了 {files} 个文件"), &parts, result)
}

#[cfg(test)]
mod tests {
    use super::summary;

    #[test]
    fn summary_lines() {
        assert_eq!(summary(7, 0, 0, "已生成 IR"), "编译了 7 个文件,已生成 IR\n");
        assert_eq!(
            summary(7, 0, 3, "已生成 IR"),
            "编译了 7 个文件:3 个警告,已生成 IR\n"
        );
        assert_eq!(
            summary(1, 2, 1, "未生成 IR"),
            "编译了 1 个文件:2 个错误,1 个警告,未生成 IR\n"
        );
    }
}
