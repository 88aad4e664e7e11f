//! `zhengce check`: read the files, check them as one policy set, print the findings.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use zhengce_compiler::diagnostic::count_severity;
use zhengce_compiler::diagnostic::sort_diagnostics;
use zhengce_compiler::render::{
    render_ariadne_limited, render_codespan_limited, render_findings, render_github, render_json,
    render_sarif, render_short, MAX_PER_CODE,
};
use zhengce_compiler::{check_files_with, CheckOptions, Severity};
use zhengce_runtime::CivilDate;

use super::{input, print_stderr, print_stdout, read_policy_files, summary_line, ColorWhen, Exit};

#[derive(Debug, Args)]
#[command(next_help_heading = "选项")]
pub struct CheckArgs {
    #[arg(
        required = true,
        value_name = "路径",
        help_heading = "参数",
        help = "要检查的 .zc 文件或目录(目录递归查找 *.zc 文件)"
    )]
    pub paths: Vec<PathBuf>,

    #[arg(
        long,
        value_enum,
        default_value_t = Format::Human,
        value_name = "格式",
        hide_possible_values = true,
        hide_default_value = true,
        help = "输出格式:human(默认)、codespan、short、json、github、sarif、findings",
        long_help = "输出格式:\n  \
            human     带源码片段和框线的报告(默认)\n  \
            codespan  rustc 风格的报告\n  \
            short     每条诊断一行:路径:行:列: 错误[代码]: 说明\n  \
            json      JSON 数组,只写到标准输出;没有问题时为 [](字段见 docs/json-output.md)\n  \
            github    GitHub Actions 工作流命令(::error file=…,line=…::…),在拉取请求中标注\n  \
            sarif     SARIF 2.1.0 日志,供 GitHub 代码扫描等服务读取\n  \
            findings  按文件分组的 Markdown 报告,附所涉条目的原文(policies/FINDINGS.md)"
    )]
    pub format: Format,

    #[arg(long, help = "把警告当作错误:有警告时退出码为 1")]
    pub deny_warnings: bool,

    #[command(flatten)]
    pub per_code: PerCodeArg,

    #[command(flatten)]
    pub originals: OriginalsArg,

    #[arg(
        long,
        value_name = "日期",
        value_parser = parse_as_of,
        help = "以此日期(YYYY-MM-DD)检查已过时限而未完成的措施",
        long_help = "以此日期(YYYY-MM-DD)为准,时限已过而没有记录「完成」的措施报告为警告(ZC1001),\n\
            供 CI 每日运行。"
    )]
    pub as_of: Option<CivilDate>,
}

/// `--max-per-code`, the same for `check` and `build`.
#[derive(Debug, Args)]
pub struct PerCodeArg {
    #[arg(
        long,
        value_name = "条数",
        default_value_t = MAX_PER_CODE,
        hide_default_value = true,
        help = "human、codespan 报告中同一文件同一代码的诊断最多显示几条(默认 20;0 表示全部)",
        long_help = "human、codespan 报告中同一文件同一代码的诊断最多显示几条(默认 20;0 表示全部)。\n\
            其余的只说「还有 N 条同类问题」;short、json、github、sarif、findings 总是列出全部,\n\
            最后一行的统计也总是计入全部。"
    )]
    pub max_per_code: usize,
}

/// `--sources`, the same for `check` and `build`.
#[derive(Debug, Args)]
pub struct OriginalsArg {
    #[arg(
        long,
        value_name = "目录",
        help = "原始文件所在目录:逐条核对「原文」引文",
        long_help = "原始文件所在目录。每个文件头的「来源：文件名」在此目录中查找,\n\
            并核对文件中每一条「原文」引文是否逐字出现在原始文件中(全角半角、空白不计)。\n\
            只读取这个目录中的文件,不读取其他位置。"
    )]
    pub sources: Option<PathBuf>,
}

impl OriginalsArg {
    /// The options of the checks: `--as-of`, and the texts of the original documents when
    /// `--sources` names them. A directory that cannot be read is printed and ends the run.
    pub fn check_options(&self, as_of: Option<CivilDate>) -> Result<CheckOptions, Exit> {
        let mut options = CheckOptions {
            as_of,
            ..CheckOptions::default()
        };
        if let Some(dir) = &self.sources {
            match input::load_texts(dir) {
                Ok(texts) => options.source_texts = Some(texts),
                Err(e) => {
                    print_stderr(&format!("{e}\n"));
                    return Err(Exit::Failure);
                }
            }
        }
        Ok(options)
    }
}

/// `--as-of` of `check` and `build`: ISO dates only, unlike the question commands' `--as-of`
/// (`compile::parse_date_arg`), which also takes `2017年5月3日`.
pub fn parse_as_of(s: &str) -> Result<CivilDate, String> {
    CivilDate::parse_iso(s)
        .ok_or_else(|| format!("「{s}」不是有效日期,应写作 YYYY-MM-DD,如 2017-05-03"))
}

/// `--format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Codespan,
    Short,
    Json,
    Github,
    Sarif,
    Findings,
}

pub fn run(args: &CheckArgs, color: ColorWhen) -> Exit {
    let loaded = match read_policy_files(&args.paths) {
        Ok(loaded) => loaded,
        Err(exit) => return exit,
    };
    let options = match args.originals.check_options(args.as_of) {
        Ok(options) => options,
        Err(exit) => return exit,
    };
    let output = check_files_with(&loaded.sources, &options);
    let mut diagnostics = loaded.diagnostics;
    diagnostics.extend(loaded.skipped);
    diagnostics.extend(output.diagnostics);
    sort_diagnostics(&mut diagnostics);

    let sources = &loaded.render_sources;
    let color = color.enabled();
    let report = match args.format {
        Format::Human => {
            render_ariadne_limited(&diagnostics, sources, color, args.per_code.max_per_code)
        }
        Format::Codespan => {
            render_codespan_limited(&diagnostics, sources, color, args.per_code.max_per_code)
        }
        Format::Short => render_short(&diagnostics, sources),
        Format::Json => render_json(&diagnostics, sources),
        Format::Github => render_github(&diagnostics, sources),
        Format::Sarif => render_sarif(&diagnostics, sources),
        Format::Findings => {
            let checked = zhengce_compiler::CheckOutput {
                files: output.files,
                diagnostics: diagnostics.clone(),
            };
            render_findings(&checked, sources, &findings_command(args))
        }
    };
    print_stdout(&report);

    let errors = count_severity(&diagnostics, Severity::Error);
    let warnings = count_severity(&diagnostics, Severity::Warning);
    if !matches!(args.format, Format::Json | Format::Sarif | Format::Findings) {
        print_stderr(&summary(
            loaded.file_count,
            errors,
            warnings,
            args.deny_warnings,
        ));
    }
    if errors > 0 || (args.deny_warnings && warnings > 0) {
        Exit::Findings
    } else {
        Exit::Clean
    }
}

/// The command line that regenerates a findings report, printed at its top.
fn findings_command(args: &CheckArgs) -> String {
    let mut cmd = String::from("cargo run --release -- check");
    for p in &args.paths {
        cmd.push_str(&format!(" {}", p.display()));
    }
    if let Some(dir) = &args.originals.sources {
        cmd.push_str(&format!(" --sources {}", dir.display()));
    }
    if let Some(d) = args.as_of {
        cmd.push_str(&format!(" --as-of {}", d.iso()));
    }
    cmd.push_str(" --format findings > policies/FINDINGS.md");
    cmd
}

/// `检查了 7 个文件:2 个错误,1 个警告`, or `检查了 7 个文件,没有发现问题`.
fn summary(files: usize, errors: usize, warnings: usize, deny_warnings: bool) -> String {
    let mut parts = Vec::new();
    if errors > 0 {
        parts.push(format!("{errors} 个错误"));
    }
    if warnings > 0 {
        let denied = if deny_warnings {
            "(按错误处理)"
        } else {
            ""
        };
        parts.push(format!("{warnings} 个警告{denied}"));
    }
    summary_line(&format!("检查了 {files} 个文件"), &parts, "没有发现问题")
}

#[cfg(test)]
mod tests {
    use super::summary;

    #[test]
    fn summary_lines() {
        assert_eq!(summary(7, 0, 0, false), "检查了 7 个文件,没有发现问题\n");
        assert_eq!(
            summary(7, 2, 1, false),
            "检查了 7 个文件:2 个错误,1 个警告\n"
        );
        assert_eq!(summary(1, 1, 0, true), "检查了 1 个文件:1 个错误\n");
        assert_eq!(
            summary(3, 0, 2, true),
            "检查了 3 个文件:2 个警告(按错误处理)\n"
        );
    }
}
