//! A driver for profilers (callgrind, perf): runs one stage over a file several times, with no
//! benchmark harness around it.
//!
//! ```sh
//! cargo build --release -p zhengce-bench --example profile
//! valgrind --tool=callgrind target/release/examples/profile check FILE.zc 3
//! valgrind --tool=callgrind target/release/examples/profile eval policies/湖北-2017-深度贫困地区脱贫攻坚实施方案.zc 10000
//! ```
//!
//! Stages: `parse`, `check`, `build`; `recheck` edits FILE's first 值 TIMES times through a
//! `Workspace`; `eval` and `eval-untraced` build FILE once, prepare it
//! (`Evaluator::new`) and then evaluate 光伏扶贫以奖代补 (县类别=深度贫困县, 项目总投资=1000万元,
//! the `eval` bench's call) TIMES times; `eval-unprepared` calls `eval_rule` on the bare program.
//! The instructions of one evaluation are (total − total with TIMES = 0) / TIMES.

use std::hint::black_box;

use zhengce_compiler::build::build;
use zhengce_compiler::{check_files, parse, CheckOptions, SourceFile, Workspace};
use zhengce_runtime::eval::text::parse_facts;
use zhengce_runtime::eval::{eval_rule, Evaluator};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(stage), Some(path)) = (args.first(), args.get(1)) else {
        eprintln!(
            "usage: profile parse|check|build|eval|eval-untraced|eval-unprepared FILE [TIMES]"
        );
        std::process::exit(2);
    };
    let times: usize = args.get(2).and_then(|t| t.parse().ok()).unwrap_or(1);
    let text = std::fs::read_to_string(path).expect("readable file");
    let src = SourceFile::new(path.clone(), text);
    if stage.starts_with("eval") {
        return eval(stage, &src, times);
    }
    for _ in 0..times {
        match stage.as_str() {
            "parse" => {
                black_box(parse(&src.text, &src.name));
            }
            "check" => {
                black_box(check_files(std::slice::from_ref(&src)));
            }
            "build" => {
                black_box(build(std::slice::from_ref(&src), &CheckOptions::default()));
            }
            "recheck" => return recheck(&src, times),
            other => panic!("unknown stage {other}"),
        }
    }
}

/// The first target's 值 edited TIMES times through a `Workspace` (the incremental check).
fn recheck(src: &SourceFile, times: usize) {
    let at = src.text.find("值：").expect("a target") + "值：".len();
    let mut len = src.text[at..]
        .bytes()
        .take_while(u8::is_ascii_digit)
        .count();
    let mut workspace = Workspace::new(CheckOptions::default());
    workspace.set_file(&src.name, &src.text);
    workspace.check();
    for n in 0..times {
        let number = (100 + n % 900).to_string();
        workspace
            .edit(&src.name, at..at + len, &number)
            .expect("the edit fits");
        len = number.len();
        black_box(workspace.check().len());
    }
}

const RULE: &str = "光伏扶贫以奖代补";

fn eval(stage: &str, src: &SourceFile, times: usize) {
    let program = build(std::slice::from_ref(src), &CheckOptions::default())
        .program
        .expect("the policy builds");
    let facts = parse_facts(
        &program,
        RULE,
        [("县类别", "深度贫困县"), ("项目总投资", "1000万元")],
    )
    .expect("facts");
    let evaluator = Evaluator::new(&program).expect("current IR");
    for _ in 0..times {
        let evaluator = black_box(&evaluator);
        let answer = match stage {
            "eval" => evaluator.eval(RULE, black_box(&facts)),
            "eval-untraced" => evaluator.eval_untraced(RULE, black_box(&facts)),
            "eval-unprepared" => eval_rule(black_box(&program), RULE, black_box(&facts)),
            other => panic!("unknown stage {other}"),
        };
        black_box(answer.expect("answers"));
    }
}
