//! `zhengce check`: read the files, check them as one policy set, print the findings.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use zhengce_compiler::baseline::{compare, read_baseline, BaselineEntry};
use zhengce_compiler::diagnostic::count_severity;
use zhengce_compiler::diagnostic::sort_diagnostics;
use zhengce_compiler::lints::{unlowerable, LintLevels};
use zhengce_compiler::render::{
    render_ariadne_limited, render_codespan_limited, render_findings, render_github, render_json,
    render_sarif, render_short, render_summary, MAX_PER_CODE,
};
use zhengce_compiler::{check_files_with, CheckOptions, Diagnostic, Severity};
use zhengce_runtime::CivilDate;

use super::{
    atomic, config, input, print_stderr, print_stdout, read_policy_files, ColorWhen, Exit,
};

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

    #[command(flatten)]
    pub settings: ConfigArg,

    #[arg(
        long,
        value_name = "文件",
        help = "基线文件:其中已有的问题照旧报告为已知,不使退出码为 1",
        long_help = "基线文件(check --format json 或 --write-baseline 写出)。其中已有的问题\n\
            (按代码、文件和所在条目匹配,不按行号)不再逐条显示、不计入退出码;\n\
            新出现的问题照常报告;基线中有而本次没有的问题列在最后,以便更新基线。"
    )]
    pub baseline: Option<PathBuf>,

    #[arg(
        long,
        value_name = "文件",
        help = "把本次的问题写成基线文件(原子写入)",
        long_help = "把本次发现的问题(不含已允许的)写成基线文件,格式与 --format json 相同,\n\
            原子写入(先写临时文件再改名)。可与 --baseline 同用,以更新基线。"
    )]
    pub write_baseline: Option<PathBuf>,
}

/// `--config`, the same for `check` and `build`.
#[derive(Debug, Args)]
pub struct ConfigArg {
    #[arg(
        long,
        value_name = "文件",
        help = "配置文件(默认:所查目录或最近的上级目录中的 zhengce.toml)",
        long_help = "配置文件。不写时,在第一个路径所在的目录及其上级目录中找最近的 zhengce.toml。\n\
            其中 [lints] 表为各代码或代码族设定级别:allow、note、warn 或 deny,\n\
            例如 ZC0704 = \"allow\"、ZC04 = \"deny\"(见 docs/ci.md)。"
    )]
    pub config: Option<PathBuf>,
}

impl ConfigArg {
    /// The project's lint levels for the checked `paths`. A configuration that cannot be read
    /// or is wrong is printed, every problem named, and ends the run.
    pub fn lint_levels(&self, paths: &[PathBuf]) -> Result<LintLevels, Exit> {
        match config::load(self.config.as_deref(), paths) {
            Ok(config) => Ok(config.lints),
            Err(errors) => {
                let text: String = errors.iter().map(|e| format!("错误: {e}\n")).collect();
                print_stderr(&text);
                Err(Exit::Failure)
            }
        }
    }
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
    let lints = match args.settings.lint_levels(&args.paths) {
        Ok(lints) => lints,
        Err(exit) => return exit,
    };
    let mut options = match args.originals.check_options(args.as_of) {
        Ok(options) => options,
        Err(exit) => return exit,
    };
    options.lints = lints;
    let baseline = match args.baseline.as_deref().map(load_baseline).transpose() {
        Ok(baseline) => baseline,
        Err(message) => {
            print_stderr(&format!("错误: {message}\n"));
            return Exit::Failure;
        }
    };
    let output = check_files_with(&loaded.sources, &options);
    let mut diagnostics = loaded.diagnostics;
    diagnostics.extend(loaded.skipped);
    diagnostics.extend(output.diagnostics);
    sort_diagnostics(&mut diagnostics);
    let sources = &loaded.render_sources;

    if let Some(path) = &args.write_baseline {
        let json = render_json(&diagnostics, sources);
        if let Err(e) = atomic::write_file(path, json.as_bytes()) {
            print_stderr(&format!(
                "错误: 无法写入基线文件「{}」:{}\n",
                path.display(),
                super::os_error::describe(&e)
            ));
            return Exit::Failure;
        }
        print_stderr(&format!(
            "已写入基线「{}」:{} 条问题\n",
            path.display(),
            diagnostics.len()
        ));
    }

    // With a baseline, only what it does not have is shown and counted; errors that cannot be
    // lowered count whatever the baseline says.
    let (shown, known, fixed) = match &baseline {
        Some(entries) => {
            let comparison = compare(entries, &diagnostics);
            let (known, stays): (Vec<usize>, Vec<usize>) =
                comparison.known.into_iter().partition(|&i| {
                    let d = &diagnostics[i];
                    !(d.is_error() && unlowerable(&d.code).is_some())
                });
            let mut shown: Vec<usize> = comparison.new;
            shown.extend(stays);
            shown.sort_unstable();
            let pick = |ix: &[usize]| ix.iter().map(|&i| diagnostics[i].clone()).collect();
            (pick(&shown), pick(&known), comparison.fixed)
        }
        None => (diagnostics.clone(), Vec::new(), Vec::new()),
    };

    let color = color.enabled();
    let mut report = match args.format {
        Format::Human => render_ariadne_limited(&shown, sources, color, args.per_code.max_per_code),
        Format::Codespan => {
            render_codespan_limited(&shown, sources, color, args.per_code.max_per_code)
        }
        Format::Short => render_short(&shown, sources),
        Format::Json => render_json(&diagnostics, sources),
        Format::Github => render_github(&shown, sources),
        Format::Sarif => render_sarif(&shown, sources),
        Format::Findings => {
            let checked = zhengce_compiler::CheckOutput {
                files: output.files,
                diagnostics: diagnostics.clone(),
                allowed: output.allowed.clone(),
            };
            render_findings(&checked, sources, &findings_command(args))
        }
    };
    if matches!(args.format, Format::Human | Format::Codespan) {
        let summary = render_summary(&shown);
        if !summary.is_empty() {
            report.push('\n');
            report.push_str(&summary);
        }
    }
    print_stdout(&report);

    let errors = count_severity(&shown, Severity::Error);
    let warnings = count_severity(&shown, Severity::Warning);
    if !matches!(args.format, Format::Json | Format::Sarif | Format::Findings) {
        print_stderr(&summary(&Counts {
            files: loaded.file_count,
            errors,
            warnings,
            deny_warnings: args.deny_warnings,
            known: known.len(),
            allowed: output.allowed.len(),
        }));
    }
    if let Some(path) = &args.baseline {
        print_stderr(&baseline_report(path, &known, &fixed));
    }
    if errors > 0 || (args.deny_warnings && warnings > 0) {
        Exit::Findings
    } else {
        Exit::Clean
    }
}

/// Reads a baseline file; the error names the file.
fn load_baseline(path: &Path) -> Result<Vec<BaselineEntry>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        format!(
            "无法读取基线文件「{}」:{}",
            path.display(),
            super::os_error::describe(&e)
        )
    })?;
    read_baseline(&text).map_err(|e| format!("基线文件「{}」{e}", path.display()))
}

/// What the baseline absorbed, by code, and what it has that this run did not find.
fn baseline_report(path: &Path, known: &[Diagnostic], fixed: &[BaselineEntry]) -> String {
    let mut out = String::new();
    if !known.is_empty() {
        let mut per_code: Vec<(&str, usize)> = Vec::new();
        for d in known {
            match per_code.iter_mut().find(|(c, _)| *c == d.code) {
                Some((_, n)) => *n += 1,
                None => per_code.push((&d.code, 1)),
            }
        }
        per_code.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let list: Vec<String> = per_code
            .iter()
            .map(|(c, n)| format!("{c} {n} 条"))
            .collect();
        out.push_str(&format!(
            "基线「{}」中已有的 {} 条问题本次照旧出现,不逐条显示、不计入退出码:{}\n",
            path.display(),
            known.len(),
            list.join("、")
        ));
    }
    if !fixed.is_empty() {
        out.push_str(&format!(
            "基线中有 {} 条问题本次没有出现(已改正,或所在条目已改名);可用 --write-baseline {} 更新基线:\n",
            fixed.len(),
            path.display()
        ));
        for e in fixed {
            let item = e
                .subject
                .as_ref()
                .map(|s| format!("「{}」", s.path.join(" > ")))
                .unwrap_or_default();
            out.push_str(&format!("  {} {} {item}:{}\n", e.code, e.file, e.message));
        }
    }
    out
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

/// What the closing line counts.
struct Counts {
    files: usize,
    errors: usize,
    warnings: usize,
    deny_warnings: bool,
    /// Findings the baseline has.
    known: usize,
    /// Findings a suppression comment or the project's levels allow.
    allowed: usize,
}

/// `检查了 7 个文件:2 个错误,1 个警告`, or `检查了 7 个文件,没有发现问题`, followed by what was
/// not shown: `;另有 3 条已在基线中,2 条已允许`.
fn summary(c: &Counts) -> String {
    let mut parts = Vec::new();
    if c.errors > 0 {
        parts.push(format!("{} 个错误", c.errors));
    }
    if c.warnings > 0 {
        let denied = if c.deny_warnings {
            "(按错误处理)"
        } else {
            ""
        };
        parts.push(format!("{} 个警告{denied}", c.warnings));
    }
    let head = format!("检查了 {} 个文件", c.files);
    let mut line = if parts.is_empty() {
        let none = if c.known > 0 {
            "没有发现新问题"
        } else {
            "没有发现问题"
        };
        format!("{head},{none}")
    } else {
        format!("{head}:{}", parts.join(","))
    };
    let mut hidden = Vec::new();
    if c.known > 0 {
        hidden.push(format!("{} 条已在基线中", c.known));
    }
    if c.allowed > 0 {
        hidden.push(format!("{} 条已允许", c.allowed));
    }
    if !hidden.is_empty() {
        line.push_str(&format!(";另有 {}", hidden.join(",")));
    }
    line.push('\n');
    line
}

#[cfg(test)]
mod tests {
    use super::{summary, Counts};

    fn counts(files: usize, errors: usize, warnings: usize, deny_warnings: bool) -> Counts {
        Counts {
            files,
            errors,
            warnings,
            deny_warnings,
            known: 0,
            allowed: 0,
        }
    }

    #[test]
    fn summary_lines() {
        assert_eq!(
            summary(&counts(7, 0, 0, false)),
            "检查了 7 个文件,没有发现问题\n"
        );
        assert_eq!(
            summary(&counts(7, 2, 1, false)),
            "检查了 7 个文件:2 个错误,1 个警告\n"
        );
        assert_eq!(
            summary(&counts(1, 1, 0, true)),
            "检查了 1 个文件:1 个错误\n"
        );
        assert_eq!(
            summary(&counts(3, 0, 2, true)),
            "检查了 3 个文件:2 个警告(按错误处理)\n"
        );
        let hidden = Counts {
            known: 4,
            allowed: 2,
            ..counts(3, 0, 0, false)
        };
        assert_eq!(
            summary(&hidden),
            "检查了 3 个文件,没有发现新问题;另有 4 条已在基线中,2 条已允许\n"
        );
    }
}
