//! The compiler's stages on real and generated policies: parse, check, build to IR, the
//! playground's re-check of an edited file, a 1,000-file set, and check time against size.
//!
//! ```sh
//! cargo bench -p zhengce-bench --bench compile                 # everything (~5 minutes)
//! cargo bench -p zhengce-bench --bench compile -- recheck      # one group
//! ```
//!
//! Inputs are generated in memory by `zhengce_bench` (seed 2017), so nothing is read from disk
//! inside a measurement. Throughput is reported in bytes of policy source.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use zhengce_bench::{document, document_lines, policy_set};
use zhengce_compiler::build::build;
use zhengce_compiler::{check_files, parse, CheckOptions, SourceFile, Workspace};

const SEED: u64 = 2017;

/// The biggest seed policy (湖北, 58 KB, 1,020 lines) and a generated 1 MB file.
fn inputs() -> Vec<(&'static str, SourceFile)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../policies");
    let hubei = std::fs::read_to_string(root.join("湖北-2017-深度贫困地区脱贫攻坚实施方案.zc"))
        .expect("the seed policy");
    vec![
        ("seed-hubei-58KB", SourceFile::new("湖北.zc", hubei)),
        (
            "gen-1MB",
            SourceFile::new("gen.zc", document(SEED, 1_000_000)),
        ),
    ]
}

fn stages(c: &mut Criterion) {
    let inputs = inputs();
    for (stage, run) in [("parse", 0), ("check", 1), ("build", 2)] {
        let mut group = c.benchmark_group(stage);
        group
            .sample_size(20)
            .measurement_time(Duration::from_secs(6));
        for (id, src) in &inputs {
            group.throughput(Throughput::Bytes(src.text.len() as u64));
            group.bench_with_input(BenchmarkId::from_parameter(id), src, |b, src| match run {
                0 => b.iter(|| parse(black_box(&src.text), &src.name)),
                1 => b.iter(|| check_files(black_box(std::slice::from_ref(src)))),
                _ => b.iter(|| {
                    build(
                        black_box(std::slice::from_ref(src)),
                        &CheckOptions::default(),
                    )
                }),
            });
        }
        group.finish();
    }
}

/// The playground's path: one number of a 5,000-line file changes, the whole text is checked
/// again (the worker receives the editor's text as a new string).
fn recheck(c: &mut Criterion) {
    let mut group = c.benchmark_group("recheck");
    // The text is generated only when the benchmark runs (criterion calls the closure only for
    // benchmarks its filter selects), here and below.
    group.bench_function("edit-one-number-5000-lines", |b| {
        let text = document_lines(SEED, 5_000);
        // The first 值 of a target: edit its number back and forth.
        let at = text.find("值：").expect("a target") + "值：".len();
        let digits = text[at..].bytes().take_while(u8::is_ascii_digit).count();
        let mut n = 0u32;
        b.iter(|| {
            n = n.wrapping_add(1);
            let mut edited = String::with_capacity(text.len() + 4);
            edited.push_str(&text[..at]);
            edited.push_str(&(100 + n % 900).to_string());
            edited.push_str(&text[at + digits..]);
            check_files(&[SourceFile::new("lines.zc", edited)])
        })
    });
    // The same edit through a `Workspace`: the edited target parsed again alone, the document's
    // checks run again (zhengce_compiler::incremental).
    group.bench_function("incremental-edit-one-number-5000-lines", |b| {
        let text = document_lines(SEED, 5_000);
        let at = text.find("值：").expect("a target") + "值：".len();
        let digits = text[at..].bytes().take_while(u8::is_ascii_digit).count();
        let mut workspace = Workspace::new(CheckOptions::default());
        workspace.set_file("lines.zc", &text);
        workspace.check();
        let mut n = 0u32;
        let mut len = digits;
        b.iter(|| {
            n = n.wrapping_add(1);
            let number = (100 + n % 900).to_string();
            workspace
                .edit("lines.zc", at..at + len, &number)
                .expect("the edit fits");
            len = number.len();
            black_box(workspace.check().len())
        })
    });
    group.finish();
}

/// A set of 1,000 files (8 KB each) whose 依据 cite each other by 文号.
fn policy_set_check(c: &mut Criterion) {
    let mut group = c.benchmark_group("set");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(15));
    group.bench_function("check-1000-files", |b| {
        let sources: Vec<SourceFile> = policy_set(SEED, 1_000, 8_000)
            .into_iter()
            .map(|(name, text)| SourceFile::new(name, text))
            .collect();
        b.iter(|| check_files(black_box(&sources)))
    });
    group.finish();
}

/// Check time against input size, 1 KB to 10 MB (for the plot in BENCHMARKS.md).
fn scaling(c: &mut Criterion) {
    let mut group = c.benchmark_group("check-size");
    group.sample_size(10).warm_up_time(Duration::from_secs(1));
    for bytes in [
        1_000, 3_000, 10_000, 30_000, 100_000, 300_000, 1_000_000, 3_000_000, 10_000_000,
    ] {
        // The generator stops at the first section past `bytes`: the size is close, not exact.
        group.throughput(Throughput::Bytes(bytes as u64));
        group.measurement_time(Duration::from_secs(if bytes >= 3_000_000 { 20 } else { 4 }));
        group.bench_function(BenchmarkId::from_parameter(bytes), |b| {
            let src = SourceFile::new("size.zc", document(SEED, bytes));
            b.iter(|| check_files(black_box(std::slice::from_ref(&src))))
        });
    }
    group.finish();
}

criterion_group!(benches, stages, recheck, policy_set_check, scaling);
criterion_main!(benches);
