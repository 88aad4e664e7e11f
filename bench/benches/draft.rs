//! `zhengce draft` on the seed texts: the largest (003, 56 KB, a compilation of five plans),
//! the one with the most numbers (002, 54 KB), and a text 40 times the largest (2.2 MB) to show
//! the time grows linearly.
//!
//! ```sh
//! cargo bench -p zhengce-bench --bench draft
//! ```

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use zhengce_compiler::draft::draft;

fn seed(name: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/seeds");
    std::fs::read_to_string(root.join(name)).expect("the seed text")
}

fn drafts(c: &mut Criterion) {
    let largest = seed("003_5d930e5b7c96e2fa.txt");
    let inputs = [
        ("seed-003-56KB", largest.clone()),
        ("seed-002-54KB", seed("002_8d5cf21618770614.txt")),
        ("seed-003-x40-2.2MB", largest.repeat(40)),
    ];
    let mut group = c.benchmark_group("draft");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(8));
    for (id, text) in &inputs {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(id), text, |b, text| {
            b.iter(|| draft(black_box(text), "原文.txt").expect("the seed drafts"))
        });
    }
    group.finish();
}

criterion_group!(benches, drafts);
criterion_main!(benches);
