//! `zhengce due`: which duties are overdue, due, upcoming, open-ended or done on a day, for one
//! department or all.

use clap::Args;
use zhengce_runtime::eval::due;
use zhengce_runtime::CivilDate;

use super::compile::{compile, parse_date_arg, print_answer, today, AnswerFormatArg, PolicyPaths};
use super::{ColorWhen, Exit};

#[derive(Debug, Args)]
#[command(next_help_heading = "选项")]
pub struct DueArgs {
    #[command(flatten)]
    pub files: PolicyPaths,

    #[arg(
        long,
        value_name = "日期",
        value_parser = parse_date_arg,
        help = "以此日期判断(YYYY-MM-DD);默认今天(北京时间)"
    )]
    pub as_of: Option<CivilDate>,

    #[arg(
        long,
        value_name = "部门",
        help = "只列出这个部门牵头或负责的措施和目标(部门名、别称或部门类均可)"
    )]
    pub dept: Option<String>,

    #[arg(long, help = "也逐项列出没有期限的措施和目标(默认只计数)")]
    pub all: bool,

    #[command(flatten)]
    pub answer: AnswerFormatArg,
}

pub fn run(args: &DueArgs, color: ColorWhen) -> Exit {
    let program = match compile(&args.files.paths, color, args.answer.format) {
        Ok(program) => program,
        Err(exit) => return exit,
    };
    let as_of = args.as_of.unwrap_or_else(today);
    print_answer(
        due(&program, as_of, args.dept.as_deref()),
        args.answer.format,
        |report| report.render(args.all),
        serde_json::to_string_pretty,
    )
}
