//! `zhengce due`: which duties are overdue, due, upcoming, open-ended or done on a day, for one
//! department or all.

use std::path::PathBuf;

use clap::Args;
use zhengce_runtime::eval::due;
use zhengce_runtime::CivilDate;

use super::compile::{
    compile, fail, parse_date_arg, print_answer, today, AnswerFormat, FORMAT_HELP,
};
use super::{ColorWhen, Exit};

#[derive(Debug, Args)]
#[command(next_help_heading = "选项")]
pub struct DueArgs {
    #[arg(
        required = true,
        value_name = "路径",
        help_heading = "参数",
        help = "政策文件或目录(目录递归查找 *.zc 文件)"
    )]
    pub paths: Vec<PathBuf>,

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
        help = "只列出这个部门牵头或负责的措施(部门名、别称或部门类均可)"
    )]
    pub dept: Option<String>,

    #[arg(long, help = "也逐项列出没有期限的措施(默认只计数)")]
    pub all: bool,

    #[arg(
        long,
        value_enum,
        default_value_t = AnswerFormat::Human,
        value_name = "格式",
        hide_possible_values = true,
        hide_default_value = true,
        help = FORMAT_HELP
    )]
    pub format: AnswerFormat,
}

pub fn run(args: &DueArgs, color: ColorWhen) -> Exit {
    let program = match compile(&args.paths, color, args.format) {
        Ok(program) => program,
        Err(exit) => return exit,
    };
    let as_of = args.as_of.unwrap_or_else(today);
    match due(&program, as_of, args.dept.as_deref()) {
        Ok(report) => {
            print_answer(
                report.render(args.all),
                serde_json::to_string_pretty(&report),
                args.format,
            );
            Exit::Clean
        }
        Err(e) => fail(&e, args.format),
    }
}
