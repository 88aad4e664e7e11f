//! Command-line arguments, exit codes and the bits of output every subcommand shares.
//!
//! Every subcommand is a variant of [`Command`] with its own module (`check.rs` now; `build`,
//! `eval`, `due`, `score`, `progress`, `test` and `fmt` are meant to slot in the same way), and
//! returns an [`Exit`]. Help and clap's usage errors are in Chinese (see `clap_zh`).

pub mod check;
mod clap_zh;
pub mod input;

use std::ffi::OsStr;
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::{ArgAction, Parser, Subcommand, ValueEnum};

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

/// Writes to standard output. A closed pipe (`zhengce check … | head`) is not an error.
pub fn print_stdout(text: &str) {
    write_ignoring_broken_pipe(&mut io::stdout().lock(), text);
}

/// Writes to standard error.
pub fn print_stderr(text: &str) {
    write_ignoring_broken_pipe(&mut io::stderr().lock(), text);
}

fn write_ignoring_broken_pipe(out: &mut impl Write, text: &str) {
    // Nothing useful can be done when the terminal or pipe is gone; the exit code still tells.
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
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
