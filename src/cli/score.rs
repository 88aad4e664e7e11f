//! `zhengce score`: the total of an assessment (考核) from item scores and adjustments.

use clap::Args;
use zhengce_runtime::eval::text::parse_points;
use zhengce_runtime::eval::{score, Scores};

use super::compile::{compile, fail, parse_pair, print_answer, AnswerFormatArg, PolicyPaths};
use super::{ColorWhen, Exit};

#[derive(Debug, Args)]
#[command(next_help_heading = "选项")]
pub struct ScoreArgs {
    #[command(flatten)]
    pub files: PolicyPaths,

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

    #[command(flatten)]
    pub answer: AnswerFormatArg,
}

pub fn run(args: &ScoreArgs, color: ColorWhen) -> Exit {
    let program = match compile(&args.files.paths, color, args.answer.format) {
        Ok(program) => program,
        Err(exit) => return exit,
    };
    let mut scores = Scores::new();
    for (name, text) in &args.scores {
        match parse_points(name, text) {
            Ok(points) => {
                scores.insert(name.clone(), points);
            }
            Err(e) => return fail(&e, args.answer.format),
        }
    }
    print_answer(
        score(&program, &args.scheme, &scores),
        args.answer.format,
        ToString::to_string,
        serde_json::to_string_pretty,
    )
}
