//! `zhengce score`: the total of an assessment (考核) from item scores and adjustments.

use std::path::PathBuf;

use clap::Args;
use zhengce_runtime::eval::text::parse_points;
use zhengce_runtime::eval::{score, Scores};

use super::compile::{compile, fail, parse_pair, print_answer, AnswerFormat, FORMAT_HELP};
use super::{ColorWhen, Exit};

#[derive(Debug, Args)]
#[command(next_help_heading = "选项")]
pub struct ScoreArgs {
    #[arg(
        required = true,
        value_name = "路径",
        help_heading = "参数",
        help = "政策文件或目录(目录递归查找 *.zc 文件)"
    )]
    pub paths: Vec<PathBuf>,

    #[arg(long, value_name = "名称", help = "考核的名称")]
    pub scheme: String,

    #[arg(
        long = "score",
        value_name = "项=分",
        value_parser = parse_pair,
        help = "一项或一个调整的得分,可写多次:--score 平时考核=9 --score 调整指标=-2",
        long_help = "一项或一个调整的得分,可写多次:--score 平时考核=9 --score 调整指标=-2。\n\
            分数可带「分」,可有小数。有子项的项可以直接给分,也可以只给子项(按子项合计);\n\
            没有给分的项按 0 分计并列出。调整须在允许的范围内(±5分 即 -5 至 +5)。"
    )]
    pub scores: Vec<(String, String)>,

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

pub fn run(args: &ScoreArgs, color: ColorWhen) -> Exit {
    let program = match compile(&args.paths, color, args.format) {
        Ok(program) => program,
        Err(exit) => return exit,
    };
    let mut scores = Scores::new();
    for (name, text) in &args.scores {
        match parse_points(name, text) {
            Ok(points) => {
                scores.insert(name.clone(), points);
            }
            Err(e) => return fail(&e, args.format),
        }
    }
    match score(&program, &args.scheme, &scores) {
        Ok(report) => {
            print_answer(
                report.to_string(),
                serde_json::to_string_pretty(&report),
                args.format,
            );
            Exit::Clean
        }
        Err(e) => fail(&e, args.format),
    }
}
