//! Command-line arguments, exit codes and the bits of output every subcommand shares.
//!
//! Every subcommand is a variant of [`Command`] with its own module (`check.rs` now; `build`,
//! `eval`, `due`, `score`, `progress`, `test` and `fmt` are meant to slot in the same way), and
//! returns an [`Exit`]. Help and clap's usage errors are in Chinese (see `clap_zh`).

mod atomic;
pub mod build;
pub mod check;
mod clap_zh;
pub mod compile;
mod config;
pub mod draft;
pub mod due;
pub mod eval;
pub mod fmt;
pub mod input;
pub mod lsp;
mod os_error;
pub mod output;
pub mod progress;
pub mod score;
pub mod serve;
pub mod test;

use std::ffi::OsStr;
use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{ArgAction, Parser, Subcommand, ValueEnum};

use input::Loaded;
pub use output::{print_stderr, print_stdout};

/// The layout of every help page: clap's English headings replaced by Chinese ones.
const HELP_TEMPLATE: &str = "{about-with-newline}\n用法: {usage}\n\n{all-args}{after-help}";

/// The exit codes, printed at the end of `--help`.
const EXIT_CODES_HELP: &str = "\
退出码:
  0  没有发现错误(可以有警告)
  1  发现错误;或使用 --deny-warnings 时发现警告
  2  用法错误,或路径不存在、文件无法读取";

/// How a run ended, as the process exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// 0: no errors (warnings allowed unless denied).
    Clean = 0,
    /// 1: the policies have errors, or warnings under `--deny-warnings`.
    Findings = 1,
    /// 2: bad usage, or a path that cannot be read. clap's own usage errors exit 2 as well.
    Failure = 2,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(exit as u8)
    }
}

#[derive(Debug, Parser)]
#[command(
    name = "zhengce",
    version,
    about = "政策编译器:检查用中文关键词写成的政策规划文件(.zc)",
    long_about = "政策编译器:检查用中文关键词写成的政策规划文件(.zc)。\n\n\
        政策文件用「目标」「措施」「补助」等关键词写成;zhengce 读取这些文件,\n\
        报告语法错误和数字、日期、单位上的问题,并给出出错的行和列。",
    after_help = EXIT_CODES_HELP,
    help_template = HELP_TEMPLATE,
    override_usage = "zhengce [选项] <子命令>",
    subcommand_help_heading = "子命令",
    subcommand_value_name = "子命令",
    next_help_heading = "选项",
    arg_required_else_help = true,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true
)]
pub struct Cli {
    /// When to colour the output.
    #[arg(
        long,
        value_enum,
        global = true,
        display_order = 90,
        default_value_t = ColorWhen::Auto,
        value_name = "何时",
        hide_possible_values = true,
        hide_default_value = true,
        help = "何时使用颜色:auto(默认)、always、never",
        long_help = "何时使用颜色:\n  \
            auto    标准输出是终端且未设置 NO_COLOR 时使用颜色(默认)\n  \
            always  总是使用颜色\n  \
            never   不使用颜色"
    )]
    pub color: ColorWhen,

    #[arg(
        short = 'h',
        long = "help",
        action = ArgAction::Help,
        global = true,
        display_order = 100,
        help = "显示帮助(--help 显示详细说明)"
    )]
    help: Option<bool>,

    #[arg(
        short = 'V',
        long = "version",
        action = ArgAction::Version,
        display_order = 101,
        help = "显示版本号"
    )]
    version: Option<bool>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    #[command(
        about = "检查政策文件,报告问题",
        long_about = "检查政策文件,报告问题。\n\n\
            路径可以是文件或目录:目录会递归查找其中的 *.zc 文件,按路径排序,\n\
            跳过以「.」开头的隐藏文件和目录以及 target 目录。所有文件作为一个政策集一起检查。\n\
            诊断写到标准输出;human、codespan、short 格式最后在标准错误上打印一行统计。",
        after_help = EXIT_CODES_HELP,
        help_template = HELP_TEMPLATE,
        override_usage = "zhengce check [选项] <路径>..."
    )]
    Check(check::CheckArgs),

    #[command(
        about = "编译政策文件,生成 IR(JSON)",
        long_about = "编译政策文件,生成 IR(JSON)。\n\n\
            先像 check 一样把所有文件作为一个政策集检查;没有错误(可以有警告)时把政策集编译为\n\
            IR:部门名归一、日期定到年月日、分档化为确切的区间,每一项都带出处和原文。\n\
            IR 写到 -o 指定的文件或标准输出,诊断和统计写到标准错误。IR 的格式见 docs/ir.md。",
        after_help = build::BUILD_EXIT_CODES_HELP,
        help_template = HELP_TEMPLATE,
        override_usage = "zhengce build [选项] <路径>... [-o <文件>]"
    )]
    Build(build::BuildArgs),

    #[command(
        about = "把政策文件改写为规范格式",
        long_about = "把政策文件改写为规范格式(见 docs/language.md「规范格式」)。\n\n\
            只改排版和结构标点:一行一条语句、每层缩进两个空格、子句按固定顺序排列、\n\
            块用 { },键后用「：」。注释、名称、引文、数字和日期保持原样。\n\
            有语法错误的文件不改写。路径可以是文件或目录(递归查找 *.zc)。",
        after_help = fmt::FMT_EXIT_CODES_HELP,
        help_template = HELP_TEMPLATE,
        override_usage = "zhengce fmt [--check] <路径>..."
    )]
    Fmt(fmt::FmtArgs),

    #[command(
        about = "从政策原文起草规则文件",
        long_about = "从政策原文(纯文本)起草规则文件,作为编码的起点。\n\n\
            标题层级(一、(一)1.(1)①)成为嵌套的措施,每句原话都写作原文;括号和句子中的\n\
            牵头单位、责任单位、时限,带数字和单位的目标,每人每年等标准,分档比例,\n\
            工作阶段和集中整治天数都按原文写出。未能编码的句子保留为「// 待编码:」注释,\n\
            不丢任何一句。草稿是规范格式,能通过解析;所写的原文都能在原文件中找到\n\
            (check --sources)。所认的写法及例子见 docs/draft.md。",
        after_help = draft::DRAFT_EXIT_CODES_HELP,
        help_template = HELP_TEMPLATE,
        override_usage = "zhengce draft <原文> [-o <文件>] [--force]"
    )]
    Draft(draft::DraftArgs),

    #[command(
        about = "计算标准或补助:给出事实,得出金额及依据",
        long_about = "计算标准或补助:给出事实,得出金额及依据。\n\n\
            先检查条件,再按分档、比例、按人计、调整、下限和上限算出确切的金额,\n\
            逐条列出所用的条款、原文和出处(文件:行)。缺少事实、单位不符或取值不在列表中时\n\
            报错并说明应给出什么,从不猜测。--batch 对 CSV 或 JSONL 文件逐行计算,输出 JSONL。",
        after_help = eval::EVAL_EXIT_CODES_HELP,
        help_template = HELP_TEMPLATE,
        override_usage = "zhengce eval [选项] <路径>... --rule <名称> [--fact <事实=值>]..."
    )]
    Eval(eval::EvalArgs),

    #[command(
        about = "列出某日逾期、到期和未到期的措施和目标",
        long_about = "列出某日逾期、到期和未到期的措施和目标。\n\n\
            每项措施和目标按截至日期分为:逾期(期限已过而未完成)、到期(当天或 7 天内到期)、未到期、\n\
            长期或待事件、日期未定、已完成、没有期限。--dept 只列出某部门牵头或负责的措施和目标,\n\
            部门名、别称和部门类都可以,并注明它是牵头还是责任单位;措施中的目标没写牵头单位时\n\
            由所在措施的牵头单位牵头。",
        after_help = compile::ANSWER_EXIT_CODES_HELP,
        help_template = HELP_TEMPLATE,
        override_usage = "zhengce due [选项] <路径>... [--as-of <日期>] [--dept <部门>]"
    )]
    Due(due::DueArgs),

    #[command(
        about = "按考核方案计算总分",
        long_about = "按考核方案计算总分。\n\n\
            各项得分相加;有子项而没有直接给分的项按子项合计;再加上调整分。\n\
            得分超过该项满分、调整超出允许范围、项名不存在时报错。",
        after_help = compile::ANSWER_EXIT_CODES_HELP,
        help_template = HELP_TEMPLATE,
        override_usage = "zhengce score [选项] <路径>... --scheme <名称> [--score <项=分>]..."
    )]
    Score(score::ScoreArgs),

    #[command(
        about = "按实际完成数判断目标进度",
        long_about = "按实际完成数判断目标进度:已完成、按计划推进或落后于计划。\n\n\
            计划数依次取自目标的分年度分解(累加到截至年份)、累计节点(沿用最近的节点)、\n\
            水平节点或每年的数量;给出计划缺口(计划累计减实际累计)和距目标的差额。",
        after_help = compile::ANSWER_EXIT_CODES_HELP,
        help_template = HELP_TEMPLATE,
        override_usage = "zhengce progress [选项] <路径>... --target <名称> [--actual <年份=数量>]..."
    )]
    Progress(progress::ProgressArgs),

    #[command(
        about = "运行文件中的例,报告通过与失败",
        long_about = "运行文件中的例,报告通过与失败。\n\n\
            每个「例」按它的问题(求、截至、考核方案、进度)计算,与「结果」比较:\n\
            数额须数值、单位和比较词都相同,措施列表须名称相同。失败的例列出期望、实际、\n\
            差异和依据。例说明见 docs/language.md 3.11。",
        after_help = test::TEST_EXIT_CODES_HELP,
        help_template = HELP_TEMPLATE,
        override_usage = "zhengce test [选项] <路径>..."
    )]
    Test(test::TestArgs),

    #[command(
        about = "在本机提供在线试用页面(web-playground/dist)",
        long_about = "在本机提供在线试用页面(web-playground/dist)。\n\n\
            一个只读的静态文件服务器:默认只监听 127.0.0.1,只提供所给目录中的文件,\n\
            拒绝「..」、编码后的「..」、隐藏文件和指向目录之外的符号链接;只回答 Host 为\n\
            localhost、本机地址或所监听地址的请求。页面用\n\
            ./scripts/playground.sh 构建(它最后也会运行本命令)。按 Ctrl+C 停止。",
        help_template = HELP_TEMPLATE,
        override_usage = "zhengce serve [--port <端口>] [--addr <地址>] [--dir <目录>]"
    )]
    Serve(serve::ServeArgs),

    #[command(
        about = "语言服务器:为编辑器提供诊断、悬停、跳转、补全、快速修复和格式化",
        long_about = "语言服务器:为编辑器提供诊断、悬停、跳转、补全、快速修复和格式化。\n\n\
            通过标准输入和输出说 LSP(JSON-RPC)。编辑器打开一个 .zc 文件时,同一政策集\n\
            (最近的含 zhengce.toml 的目录,没有则为文件所在目录)中的文件一起检查。\n\
            各编辑器的设置见 docs/editor.md。",
        help_template = HELP_TEMPLATE,
        override_usage = "zhengce lsp"
    )]
    Lsp(lsp::LspArgs),
}

/// `--color`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

impl ColorWhen {
    /// Whether to colour what goes to standard output. `auto` colours a terminal unless
    /// `NO_COLOR` is set to a non-empty value (<https://no-color.org>).
    pub fn enabled(self) -> bool {
        self.decide(
            || io::stdout().is_terminal(),
            std::env::var_os("NO_COLOR").as_deref(),
        )
    }

    /// Whether to colour what goes to standard error, for commands whose standard output carries
    /// something else (the IR, diffs, answers).
    pub fn enabled_on_stderr(self) -> bool {
        self.decide(
            || io::stderr().is_terminal(),
            std::env::var_os("NO_COLOR").as_deref(),
        )
    }

    fn decide(self, is_terminal: impl FnOnce() -> bool, no_color: Option<&OsStr>) -> bool {
        match self {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            // NO_COLOR set to an empty string counts as unset, as no-color.org asks.
            ColorWhen::Auto => !matches!(no_color, Some(v) if !v.is_empty()) && is_terminal(),
        }
    }
}

/// Parses the command line; prints help, the version or a usage error (in Chinese) and exits
/// with 0 or 2 as clap does when the arguments do not make a run.
pub fn parse_args() -> Cli {
    Cli::try_parse().unwrap_or_else(|err| err.apply::<clap_zh::ChineseErrors>().exit())
}

/// Finds and reads the policy files under `paths`, printing a note for each directory without
/// one. A path that cannot be read is printed as well, and ends the run with exit code 2.
pub fn read_policy_files(paths: &[PathBuf]) -> Result<Loaded, Exit> {
    let loaded = match input::load(paths) {
        Ok(loaded) => loaded,
        Err(errors) => {
            let text: String = errors.iter().map(|e| format!("{e}\n")).collect();
            print_stderr(&text);
            return Err(Exit::Failure);
        }
    };
    for dir in &loaded.empty_dirs {
        print_stderr(&format!("提示: 目录「{dir}」中没有 .zc 文件\n"));
    }
    Ok(loaded)
}

/// The closing line of a run over files, for standard error: `{head}:{found, joined by ,}`, or
/// `{head},{if_none}` when nothing was found.
pub fn summary_line(head: &str, found: &[String], if_none: &str) -> String {
    if found.is_empty() {
        format!("{head},{if_none}\n")
    } else {
        format!("{head}:{}\n", found.join(","))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn colour_decision() {
        let set = Some(OsStr::new("1"));
        let empty = Some(OsStr::new(""));
        let tty = || true;
        let pipe = || false;
        assert!(ColorWhen::Auto.decide(tty, None));
        assert!(ColorWhen::Auto.decide(tty, empty));
        assert!(!ColorWhen::Auto.decide(tty, set));
        assert!(!ColorWhen::Auto.decide(pipe, None));
        assert!(ColorWhen::Always.decide(pipe, set));
        assert!(!ColorWhen::Never.decide(tty, None));
    }
}
