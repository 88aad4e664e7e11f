//! `name_plain` in `grammar/zhengce.pest` (the fast path of a bare name's chars, measured in
//! BENCHMARKS.md) must leave out the first char of every `name_guard`, or a guard word would be
//! swallowed into a name and the language would change. The grammar lists its ranges by hand;
//! this test reads them back and checks them against the guard words as the grammar spells them.

use std::collections::BTreeSet;
use std::path::Path;

fn grammar() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../grammar/zhengce.pest");
    std::fs::read_to_string(path).expect("grammar/zhengce.pest")
}

/// The body of rule `name` (between the braces after `name =`), comments removed.
fn body(grammar: &str, name: &str) -> String {
    let start = grammar
        .lines()
        .position(|l| {
            l.split_whitespace().next() == Some(name) && l.contains('=') && l.contains('{')
        })
        .unwrap_or_else(|| panic!("rule {name} in the grammar"));
    let mut text = String::new();
    let mut depth = 0;
    for line in grammar.lines().skip(start) {
        let line = line.split("//").next().unwrap_or("");
        for c in line.chars() {
            if depth > 0 {
                text.push(c);
            }
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        text.pop();
                        return text;
                    }
                }
                _ => {}
            }
        }
        text.push('\n');
    }
    panic!("rule {name} is not closed");
}

/// The string literals of a rule body, as written.
fn literals(body: &str) -> Vec<String> {
    body.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// `body` without its lookaheads `&(…)` and `&rule`: what they match is not consumed, so it does
/// not start the guard.
fn without_lookaheads(body: &str) -> String {
    let mut out = String::new();
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '&' && chars.peek() == Some(&'(') {
            let mut depth = 0;
            for c in chars.by_ref() {
                match c {
                    '(' => depth += 1,
                    ')' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
            }
        } else if c == '&' {
            while chars
                .next_if(|c| c.is_ascii_alphanumeric() || *c == '_')
                .is_some()
            {}
        } else {
            out.push(c);
        }
    }
    out
}

fn hex_char(s: &str) -> char {
    let hex = s.trim().trim_start_matches("'\\u{").trim_end_matches("}'");
    char::from_u32(u32::from_str_radix(hex, 16).expect("hex")).expect("a char")
}

#[test]
fn name_plain_leaves_out_every_guard_start() {
    let grammar = grammar();
    let guard = without_lookaheads(&body(&grammar, "name_guard"));
    // The rules name_guard refers to, besides its own literals: update this test with the grammar.
    let referred: BTreeSet<&str> = guard
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| w.starts_with(|c: char| c.is_ascii_lowercase()))
        .collect();
    assert_eq!(
        referred,
        BTreeSet::from(["cmp_prefix_word", "cmp_suffix_word"]),
        "name_guard refers to other rules now: add their first chars here"
    );
    let mut words = literals(&guard);
    words.extend(literals(&body(&grammar, "cmp_prefix_word")));
    words.extend(literals(&body(&grammar, "cmp_suffix_word")));
    let starts: BTreeSet<char> = words.iter().filter_map(|w| w.chars().next()).collect();
    assert_eq!(
        starts.iter().collect::<String>(),
        "不之以低又及在多大小少左最的等至超达高"
    );

    let plain = body(&grammar, "name_plain");
    let ranges: Vec<(char, char)> = plain
        .split('|')
        .map(|alt| {
            let (low, high) = alt.split_once("..").expect("a range");
            (hex_char(low), hex_char(high))
        })
        .collect();
    for &(low, high) in &ranges {
        assert!(('\u{4E00}'..='\u{9FFF}').contains(&low) && low <= high && high <= '\u{9FFF}');
        for c in &starts {
            assert!(
                !(low..=high).contains(c),
                "name_plain takes the guard start {c}"
            );
        }
    }
    // Every other ideograph is in exactly one range (the fast path is as wide as it can be).
    for c in '\u{4E00}'..='\u{9FFF}' {
        let n = ranges
            .iter()
            .filter(|(l, h)| (*l..=*h).contains(&c))
            .count();
        assert_eq!(
            n,
            usize::from(!starts.contains(&c)),
            "{c} (U+{:04X})",
            c as u32
        );
    }
}
