//! The compact parser against the derived one: same pairs, same errors, same call counts.

use std::num::NonZeroUsize;
use std::path::Path;

use pest::Parser;

use super::super::{Derived, Rule};
use super::RULES;

/// Every policy file of the repository (the seed policies, the test fixtures, the broken files).
fn corpus() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    let mut dirs = vec![root.join("policies"), root.join("tests")];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "zc") {
                if let Ok(text) = std::fs::read_to_string(&path) {
                    files.push(text);
                }
            }
        }
    }
    assert!(
        files.len() > 100,
        "the corpus was not found ({} files)",
        files.len()
    );
    files
}

/// The outcome of one parse, comparable: the token stream, or the error.
fn outcome(
    result: Result<pest::iterators::Pairs<'_, Rule>, pest::error::Error<Rule>>,
) -> Result<Vec<pest::Token<'_, Rule>>, pest::error::Error<Rule>> {
    result.map(|pairs| pairs.tokens().collect())
}

fn same(input: &str, rule: Rule) {
    let derived = outcome(Derived::parse(rule, input));
    let table = outcome(super::parse(rule, input));
    assert!(
        derived == table,
        "{rule:?} on {input:?}:\nderived {derived:?}\ntable   {table:?}"
    );
}

/// Broken variants of a text: cut short, a character dropped, a token put in.
fn variants(text: &str, seed: &mut u64, count: usize) -> Vec<String> {
    const INSERTS: &[&str] = &[
        "「",
        "」",
        "{",
        "}",
        "｛",
        "：",
        ":",
        "，",
        "、",
        "；",
        "\n",
        " ",
        "//",
        "年",
        "月",
        "日",
        "3",
        "三",
        "万",
        "元",
        "%",
        "以上",
        "不低于",
        "至",
        "-",
        "《",
        "》",
        "“",
        "(",
        "）",
        "等",
        "的",
        "每",
        "又称",
        "措施",
        "目标 ",
        "标准 x {",
        "金额：",
        "由",
        "提高到",
        "\u{3000}",
    ];
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let mut next = || {
        // xorshift64: deterministic, no dependency.
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        *seed as usize
    };
    let mut out = Vec::new();
    for _ in 0..count {
        let at = bounds[next() % bounds.len()];
        let variant = match next() % 3 {
            0 => text[..at].to_owned(),
            1 => {
                let end = bounds.iter().find(|&&b| b > at).copied().unwrap_or(at);
                format!("{}{}", &text[..at], &text[end..])
            }
            _ => format!(
                "{}{}{}",
                &text[..at],
                INSERTS[next() % INSERTS.len()],
                &text[at..]
            ),
        };
        out.push(variant);
    }
    out
}

#[test]
fn rules_are_in_the_order_of_the_enum() {
    for (i, def) in RULES.iter().enumerate() {
        assert_eq!(def.rule as usize, i + 1, "{:?}", def.rule);
    }
    assert_eq!(Rule::all_rules().len(), RULES.len());
}

#[test]
fn same_as_the_derived_parser_on_every_policy_file() {
    let mut seed = 0x5eed_2026_u64;
    for text in corpus() {
        same(&text, Rule::file);
        for variant in variants(&text, &mut seed, 40) {
            same(&variant, Rule::file);
        }
    }
}

#[test]
fn same_as_the_derived_parser_for_every_rule() {
    // Each rule on its own, at the start of snippets where most of them can match something.
    let snippets = [
        "2018年5月底",
        "每人每年不低于200元",
        "「上级复核」前",
        "由1000元提高到1200元",
        "较2015年提高10个百分点",
        "山西省、湖北省等",
        "《关于实施的意见》（晋政发〔2016〕12号）",
        "“十三五”期间",
        "3:1-5:1",
        "（一）",
        "措施 1. 名称 { 牵头单位：省财政厅 }",
        "",
        "x",
    ];
    for text in snippets {
        same(text, Rule::EOI);
        for rule in Rule::all_rules() {
            same(text, *rule);
        }
    }
}

#[test]
fn same_call_counts() {
    // pest's call limit is one process-wide setting: hold the lock the syntax module takes.
    let _exclusive = crate::syntax::CALL_LIMIT_LOCK
        .write()
        .unwrap_or_else(|e| e.into_inner());
    let corpus = corpus();
    let text = corpus
        .iter()
        .filter(|t| Derived::parse(Rule::file, t).is_ok())
        .max_by_key(|t| t.len())
        .expect("a file that parses");
    // The smallest limit under which each parser gets through: the number of calls it makes.
    let calls = |parse: &dyn Fn(&str) -> bool| {
        let (mut low, mut high) = (1, 1usize << 30);
        while low < high {
            let mid = low + (high - low) / 2;
            pest::set_call_limit(NonZeroUsize::new(mid));
            if parse(text) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        low
    };
    let derived = calls(&|t| Derived::parse(Rule::file, t).is_ok());
    let table = calls(&|t| super::parse(Rule::file, t).is_ok());
    pest::set_call_limit(NonZeroUsize::new(crate::syntax::limits::PEST_CALL_LIMIT));
    assert!(derived > 1000, "{derived} calls");
    assert_eq!(derived, table);
}
