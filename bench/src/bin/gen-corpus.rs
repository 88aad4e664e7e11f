//! Writes the synthetic corpus the benchmarks use (see the library's documentation).
//!
//! ```sh
//! cargo run --release -p zhengce-bench --bin gen-corpus -- file 1048576 out.zc       # ≥ 1 MiB
//! cargo run --release -p zhengce-bench --bin gen-corpus -- lines 5000 out.zc         # ≥ 5000 lines
//! cargo run --release -p zhengce-bench --bin gen-corpus -- set 1000 8000 dir/        # 1000 files citing each other
//! cargo run --release -p zhengce-bench --bin gen-corpus -- sizes dir/                # 1 KB … 10 MB, ×√10 steps
//! cargo run --release -p zhengce-bench --bin gen-corpus -- rows 1000000 rows.csv     # batch rows
//! ```
//!
//! Every command takes `--seed N` (default 2017); the same seed writes the same bytes.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

use zhengce_bench::{document, document_lines, policy_set, write_rows};

/// The sizes of the `sizes` series: 1 KB to 10 MB in steps of about √10.
pub const SIZES: &[usize] = &[
    1_000, 3_000, 10_000, 30_000, 100_000, 300_000, 1_000_000, 3_000_000, 10_000_000,
];

const USAGE: &str = "usage: gen-corpus [--seed N] (file BYTES OUT | lines N OUT | set FILES BYTES_PER_FILE DIR | sizes DIR | rows N OUT)";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen-corpus: {e}");
            ExitCode::from(2)
        }
    }
}

fn number(arg: Option<&String>) -> Result<usize, String> {
    arg.and_then(|a| a.replace('_', "").parse().ok())
        .ok_or_else(|| USAGE.to_string())
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn run() -> Result<(), String> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut seed = 2017u64;
    if let Some(i) = args.iter().position(|a| a == "--seed") {
        seed = number(args.get(i + 1))? as u64;
        args.drain(i..i + 2);
    }
    match args.first().map(String::as_str) {
        Some("file") => {
            let bytes = number(args.get(1))?;
            let out = args.get(2).ok_or(USAGE)?;
            write(Path::new(out), &document(seed, bytes))
        }
        Some("lines") => {
            let lines = number(args.get(1))?;
            let out = args.get(2).ok_or(USAGE)?;
            write(Path::new(out), &document_lines(seed, lines))
        }
        Some("set") => {
            let files = number(args.get(1))?;
            let bytes = number(args.get(2))?;
            let dir = Path::new(args.get(3).ok_or(USAGE)?);
            for (name, text) in policy_set(seed, files, bytes) {
                write(&dir.join(name), &text)?;
            }
            Ok(())
        }
        Some("sizes") => {
            let dir = Path::new(args.get(1).ok_or(USAGE)?);
            for &bytes in SIZES {
                write(
                    &dir.join(format!("size-{bytes:08}.zc")),
                    &document(seed, bytes),
                )?;
            }
            Ok(())
        }
        Some("rows") => {
            let rows = number(args.get(1))?;
            let out = args.get(2).ok_or(USAGE)?;
            let result = if out == "-" {
                let mut w = BufWriter::new(io::stdout().lock());
                write_rows(seed, rows, &mut w).and_then(|()| w.flush())
            } else {
                fs::File::create(out).and_then(|f| {
                    let mut w = BufWriter::with_capacity(1 << 16, f);
                    write_rows(seed, rows, &mut w).and_then(|()| w.flush())
                })
            };
            result.map_err(|e| format!("{out}: {e}"))
        }
        _ => Err(USAGE.to_string()),
    }
}
