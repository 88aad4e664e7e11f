//! `zhengce progress`: whether a target is met, on track or behind, from actual yearly figures.

use clap::Args;
use zhengce_runtime::eval::text::parse_year_amount;
use zhengce_runtime::eval::{progress, Actuals};
use zhengce_runtime::Quantity;

use super::compile::{compile, print_answer, AnswerFormatArg, PolicyPaths};
use super::{print_stderr, ColorWhen, Exit};

#[derive(Debug, Args)]
#[command(next_help_heading = "选项")]
pub struct ProgressArgs {
    #[command(flatten)]
    pub files: PolicyPaths,

    #[arg(long, value_name = "名称", help = "目标的名称")]
    pub target: String,

    #[arg(
        long = "actual",
        value_name = "年份=数量",
        value_parser = parse_year_amount,
        help = "某年的实际完成数,可写多次:--actual 2016=50万 --actual 2017=50万人",
        long_help = "某年的实际完成数,可写多次:--actual 2016=50万 --actual 2017=50万人。\n\
            不写单位时取目标的单位。按年度分解、累计或每年计的目标,各年数相加;\n\
            按节点(水平)计的目标,取截至年份最近一年的数。"
    )]
    pub actual: Vec<(i32, Quantity)>,

    #[arg(
        long,
        value_name = "年份",
        value_parser = parse_year,
        help = "截至哪一年(2017 或 2017-12-31);默认最后一个实际年份"
    )]
    pub as_of: Option<i32>,

    #[command(flatten)]
    pub answer: AnswerFormatArg,
}

fn parse_year(s: &str) -> Result<i32, String> {
    let s = s.trim();
    if let Ok(year) = s.trim_end_matches('年').parse::<i32>() {
        return Ok(year);
    }
    zhengce_runtime::eval::text::parse_date(s)
        .map(|d| d.year())
        .ok_or_else(|| format!("「{s}」应为年份(2017)或日期(2017-12-31)"))
}

pub fn run(args: &ProgressArgs, color: ColorWhen) -> Exit {
    let program = match compile(&args.files.paths, color, args.answer.format) {
        Ok(program) => program,
        Err(exit) => return exit,
    };
    let actual: Actuals = args.actual.iter().cloned().collect();
    let Some(year) = args.as_of.or_else(|| actual.keys().next_back().copied()) else {
        print_stderr("错误: 请用 --actual 给出实际数,或用 --as-of 给出截至年份\n");
        return Exit::Failure;
    };
    print_answer(
        progress(&program, &args.target, &actual, year),
        args.answer.format,
        ToString::to_string,
        serde_json::to_string_pretty,
    )
}
