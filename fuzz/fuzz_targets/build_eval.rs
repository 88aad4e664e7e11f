//! Arbitrary bytes → `build` → every runtime question on the program: each rule with facts
//! generated from the input (the texts a user could type, read by the runtime's own parser,
//! extreme values included), the file's examples, due dates, scores and progress. No panic;
//! errors are fine. The command line refuses numbers beyond 10¹⁵ as it reads them, but the library
//! takes any `Decimal`: the extreme values are also handed over directly.
#![no_main]


use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;
use zhengce_compiler::build::build;
use zhengce_compiler::CheckOptions;
use zhengce_fuzz::{assert_diagnostics, files, text};
use zhengce_runtime::eval::{self, text::check_fact, text::parse_fact, Facts};
use zhengce_runtime::ir::{FactKind, FactValue};
use zhengce_runtime::{CivilDate, Quantity};

/// Numbers as a user would type them, the awkward ones included.
const NUMBERS: &[&str] = &[
    "0",
    "1",
    "999",
    "1000",
    "1000.5",
    "-1",
    "0.0000000000000000000000000001",
    "3.5万",
    "1.5亿",
    "2万亿",
    "79228162514264337593543950335",
    "-79228162514264337593543950335",
];
const DATES: &[&str] = &["2017-06-30", "2020-12-31", "0001-01-01", "9999-12-31"];
const YEARS: &[i32] = &[2015, 2017, 2020, -9999, 9999, i32::MIN, i32::MAX];

/// `n` as a quantity: read as a user's text when the runtime accepts it, else as a bare decimal
/// (a program calling the library can pass any).
fn quantity(n: &str) -> Option<Quantity> {
    eval::text::parse_quantity(n)
        .ok()
        .or_else(|| Some(Quantity::new(n.parse::<Decimal>().ok()?, None)))
}

/// A small deterministic generator seeded from the input.
struct Pick(u64);

impl Pick {
    fn next(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

fuzz_target!(|data: &[u8]| {
    let text = text(data);
    let files = files(&text);
    let out = build(&files, &CheckOptions::default());
    assert_diagnostics(&out.diagnostics, &files, false);
    let Some(program) = out.program else {
        return;
    };
    let seed = data.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3)
    });
    let mut pick = Pick(seed | 1);
    serde_json::to_string(&program).expect("the IR serialises");

    for (d, doc) in program.documents.iter().enumerate() {
        for rule in &doc.rules {
            for _ in 0..3 {
                let mut facts = Facts::new();
                for fact in &doc.facts {
                    let written = match &fact.kind {
                        FactKind::Quantity { unit, scale } => {
                            let n = NUMBERS[pick.next(NUMBERS.len())];
                            match pick.next(3) {
                                0 => n.to_string(),
                                1 => format!("{n}{}{unit}", scale.word()),
                                _ => format!("{n}{unit}"),
                            }
                        }
                        FactKind::Category { values } => {
                            match values.get(pick.next(values.len() + 1)) {
                                Some(v) => v.clone(),
                                None => "不存在的取值".to_string(),
                            }
                        }
                        FactKind::Date => DATES[pick.next(DATES.len())].to_string(),
                    };
                    if let Ok(v) = parse_fact(fact, &written) {
                        facts.insert(fact.name.clone(), v);
                    } else if let (FactKind::Quantity { .. }, Some(q)) =
                        (&fact.kind, quantity(NUMBERS[pick.next(NUMBERS.len())]))
                    {
                        if let Ok(v) = check_fact(fact, FactValue::Quantity(q)) {
                            facts.insert(fact.name.clone(), v);
                        }
                    }
                }
                let _ = eval::eval_rule_in(&program, d, &rule.name, &facts);
            }
        }
        for target in &doc.targets {
            let mut actual = eval::Actuals::new();
            for y in YEARS {
                // ±Decimal::MAX included: `progress` checks its sums (docs/reliability.md §8).
                let n = NUMBERS[pick.next(NUMBERS.len())];
                if let Some(q) = quantity(n) {
                    let q = Quantity {
                        unit: target
                            .value
                            .as_ref()
                            .and_then(|_| q.unit.clone())
                            .or(q.unit),
                        ..q
                    };
                    actual.insert(*y, q);
                }
            }
            let _ = eval::progress::progress_in(
                &program,
                Some(d),
                &target.name,
                &actual,
                YEARS[pick.next(YEARS.len())],
            );
        }
        for scheme in &doc.schemes {
            let mut scores = eval::Scores::new();
            for item in &scheme.items {
                let v: Decimal = NUMBERS[pick.next(NUMBERS.len())]
                    .parse()
                    .unwrap_or(Decimal::ONE);
                scores.insert(item.name.clone(), v);
            }
            for adj in &scheme.adjustments {
                scores.insert(adj.name.clone(), -Decimal::ONE);
            }
            let _ = eval::score::score_in(&program, Some(d), &scheme.name, &scores);
        }
    }
    let _ = eval::run_examples(&program);
    for date in DATES {
        if let Some(as_of) = CivilDate::parse_iso(date) {
            let _ = eval::due(&program, as_of, None);
        }
    }
});
