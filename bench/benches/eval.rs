//! The runtime: one evaluation of the tiered subsidy (20% / 10% / 5% of 项目总投资 by 县类别,
//! 湖北's 光伏扶贫以奖代补), and batch evaluation of generated CSV rows (rows/s).
//!
//! ```sh
//! cargo bench -p zhengce-bench --bench eval             # everything
//! cargo bench -p zhengce-bench --bench eval -- eval/    # one evaluation only
//! ```

use std::hint::black_box;
use std::io;
use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use zhengce_bench::rows_csv;
use zhengce_compiler::build::build;
use zhengce_compiler::{CheckOptions, SourceFile};
use zhengce_runtime::eval::text::parse_facts;
use zhengce_runtime::eval::{eval_batch, eval_rule, BatchOptions, Evaluator, RowFormat};
use zhengce_runtime::ir::Program;

const RULE: &str = "光伏扶贫以奖代补";

fn program() -> Program {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../policies/湖北-2017-深度贫困地区脱贫攻坚实施方案.zc");
    let text = std::fs::read_to_string(path).expect("the seed policy");
    build(
        &[SourceFile::new("湖北.zc", text)],
        &CheckOptions::default(),
    )
    .program
    .expect("the seed policy builds")
}

fn single(c: &mut Criterion) {
    let program = program();
    let facts = parse_facts(
        &program,
        RULE,
        [("县类别", "深度贫困县"), ("项目总投资", "1000万元")],
    )
    .expect("facts");
    // The program prepared once (rules and facts indexed by name), as the CLI and a batch do.
    let evaluator = Evaluator::new(&program).expect("current IR");
    let mut group = c.benchmark_group("eval");
    // The answer with its trace (every clause used, with its 原文), as `zhengce eval` prints it.
    group.bench_function("tiered-subsidy", |b| {
        b.iter(|| {
            black_box(&evaluator)
                .eval(RULE, black_box(&facts))
                .expect("answers")
        })
    });
    // The same answer without the trace.
    group.bench_function("tiered-subsidy-untraced", |b| {
        b.iter(|| {
            black_box(&evaluator)
                .eval_untraced(RULE, black_box(&facts))
                .expect("answers")
        })
    });
    // The free function on the bare program: finds the rule by comparing names, writes `文件:行`
    // as it goes (what a one-off question costs without preparing).
    group.bench_function("tiered-subsidy-unprepared", |b| {
        b.iter(|| eval_rule(black_box(&program), RULE, black_box(&facts)).expect("answers"))
    });
    // Preparing 湖北 (23 rules, 10 facts) once: indexes and strings.
    group.bench_function("prepare", |b| {
        b.iter(|| Evaluator::new(black_box(&program)).expect("current IR"))
    });
    group.finish();
}

fn batch(c: &mut Criterion) {
    let program = program();
    const ROWS: usize = 100_000;
    let csv = rows_csv(2017, ROWS);
    let mut group = c.benchmark_group("batch");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10))
        .throughput(Throughput::Elements(ROWS as u64));
    for (id, trace, fast_path) in [
        ("csv-100k-rows", false, true),
        ("csv-100k-rows-general-path", false, false),
        ("csv-100k-rows-trace", true, true),
    ] {
        let options = BatchOptions { trace, fast_path };
        group.bench_function(id, |b| {
            b.iter(|| {
                eval_batch(
                    &program,
                    RULE,
                    RowFormat::Csv,
                    black_box(csv.as_bytes()),
                    io::sink(),
                    &options,
                )
                .expect("runs")
            })
        });
    }
    group.finish();
}

criterion_group!(benches, single, batch);
criterion_main!(benches);
