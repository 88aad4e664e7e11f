//! A driver for profilers (callgrind, perf): runs one stage over a file several times, with no
//! benchmark harness around it.
//!
//! ```sh
//! cargo build --release -p zhengce-bench --example profile
//! valgrind --tool=callgrind target/release/examples/profile check FILE.zc 3
//! ```
//!
//! Stages: `parse`, `check`, `build`.

use std::hint::black_box;

use zhengce_compiler::build::build;
use zhengce_compiler::{check_files, parse, CheckOptions, SourceFile};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(stage), Some(path)) = (args.first(), args.get(1)) else {
        eprintln!("usage: profile parse|check|build FILE [TIMES]");
        std::process::exit(2);
    };
    let times: usize = args.get(2).and_then(|t| t.parse().ok()).unwrap_or(1);
    let text = std::fs::read_to_string(path).expect("readable file");
    let src = SourceFile::new(path.clone(), text);
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
            other => panic!("unknown stage {other}"),
        }
    }
}
