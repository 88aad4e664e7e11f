//! Writes rows for `zhengce eval --batch`, to measure the batch evaluator on large inputs.
//!
//! ```sh
//! cargo run --release -p zhengce-runtime --example batch_rows -- 1000000 csv > rows.csv
//! cargo run --release -p zhengce-runtime --example batch_rows -- 1000000 jsonl > rows.jsonl
//! /usr/bin/time -v target/release/zhengce eval policies/湖北-2017-深度贫困地区脱贫攻坚实施方案.zc \
//!     --rule 光伏扶贫以奖代补 --batch rows.csv -o results.jsonl
//! ```
//!
//! The rows are facts of 湖北's 光伏扶贫以奖代补 (县类别, 项目总投资), deterministic (a fixed
//! linear congruential sequence), in the three spellings a file may use (`1000万元`, `10000000元`,
//! a plain `1000` read in 万元); one row in a hundred is wrong on purpose (an unknown 县类别, a
//! quantity in 人) so the error path is measured too.

use std::io::{self, BufWriter, Write};

fn main() -> io::Result<()> {
    let mut args = std::env::args().skip(1);
    let rows: u64 = args
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000);
    let jsonl = args.next().is_some_and(|f| f == "jsonl");
    let mut out = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    if !jsonl {
        writeln!(out, "县类别,项目总投资")?;
    }
    let mut state: u64 = 0x2017_1128;
    let categories = ["深度贫困县", "贫困县", "非贫困县"];
    for _ in 0..rows {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let r = state >> 33;
        let category = if r.is_multiple_of(100) {
            "深度县"
        } else {
            categories[(r % 3) as usize]
        };
        let wan = (r >> 8) % 100_000; // 0 … 99999万元, with cents below
        let cents = (r >> 24) % 100;
        let amount = match (r >> 4) % 4 {
            0 => format!("{wan}万元"),
            1 => format!("{}.{cents:02}元", wan * 10_000),
            2 => format!("{wan}"),
            _ if r % 100 == 1 => format!("{wan}人"),
            _ => format!("{wan}.{cents:02}万元"),
        };
        if jsonl {
            writeln!(
                out,
                "{{\"县类别\":\"{category}\",\"项目总投资\":\"{amount}\"}}"
            )?;
        } else {
            writeln!(out, "{category},{amount}")?;
        }
    }
    out.flush()
}
