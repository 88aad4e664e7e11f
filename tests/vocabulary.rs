//! The vocabulary module (`compiler/src/vocabulary.rs`) against the grammar and the files
//! generated from it.
//!
//! - every clause key's spellings are exactly the alternatives of its `key_*` rule, every item's
//!   keywords those of its `kw_*` rule, the units those of `unit_word` and `per_word`, the
//!   comparators those of `cmp_prefix` and `cmp_suffix` (so a word added to one and not the other
//!   fails here);
//! - every word the grammar spells anywhere (a string literal with a Chinese character) is a word
//!   of the vocabulary and every word of the vocabulary is one the grammar spells; the words whose
//!   meaning lowering reads (directions, change verbs, hedges, date parts, year spans, deadlines
//!   without a date) are exactly their rules' alternatives, and the item numbers printed as one
//!   character are the grammar's ranges;
//! - `fuzz/zhengce.dict` and `web-playground/www/src/vocabulary.ts` are what the vocabulary
//!   generates (`UPDATE_VOCABULARY=1 cargo test --test vocabulary` rewrites them).

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use zhengce_compiler::vocabulary::{self, Entry, Item, Key, Position, COMPARATORS, UNITS};
use zhengce_runtime::UnitAtom;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn grammar() -> String {
    fs::read_to_string(root().join("grammar/zhengce.pest")).expect("grammar/zhengce.pest")
}

/// The body of rule `name` (after `name = … {` up to its closing brace), comments removed.
fn body(grammar: &str, name: &str) -> String {
    let start = grammar
        .lines()
        .position(|l| {
            l.split_whitespace().next() == Some(name)
                && l.split_whitespace().nth(1) == Some("=")
                && l.contains('{')
        })
        .unwrap_or_else(|| panic!("rule {name} in the grammar"));
    let mut text = String::new();
    let mut depth = 0;
    for line in grammar.lines().skip(start) {
        // A `//` inside a string literal is no comment: cut only outside quotes.
        let mut in_string = false;
        let mut cut = line.len();
        let bytes = line.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'"' && (i == 0 || bytes[i - 1] != b'\\') {
                in_string = !in_string;
            }
            if !in_string && b == b'/' && bytes.get(i + 1) == Some(&b'/') {
                cut = i;
                break;
            }
        }
        for c in line[..cut].chars() {
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

/// The string literals of a rule's body.
fn literals(body: &str) -> BTreeSet<String> {
    body.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// The names of the rules the grammar defines whose names start with `prefix`.
fn rules_starting(grammar: &str, prefix: &str) -> BTreeSet<String> {
    grammar
        .lines()
        .filter_map(|l| {
            let mut words = l.split_whitespace();
            let name = words.next()?;
            (name.starts_with(prefix) && words.next() == Some("=")).then(|| name.to_string())
        })
        .collect()
}

fn set<'a>(words: impl IntoIterator<Item = &'a str>) -> BTreeSet<String> {
    words.into_iter().map(str::to_string).collect()
}

#[test]
fn clause_keys_are_the_grammars_key_rules() {
    let grammar = grammar();
    let rules = rules_starting(&grammar, "key_");
    let used: BTreeSet<String> = Key::ALL.iter().map(|k| k.rule().to_string()).collect();
    assert_eq!(
        used, rules,
        "every key_* rule has keys in the vocabulary, and only those"
    );
    for rule in &rules {
        let in_grammar = literals(&body(&grammar, rule));
        let in_vocabulary = set(Key::ALL
            .iter()
            .filter(|k| k.rule() == rule)
            .flat_map(|k| k.spellings().iter().copied()));
        assert_eq!(in_vocabulary, in_grammar, "the spellings of {rule}");
    }
    // Each spelling stands for one key, and the canonical word is one of its spellings.
    let mut seen = BTreeSet::new();
    for key in Key::ALL {
        assert!(key.spellings().contains(&key.word()), "{key:?}");
        for s in key.spellings() {
            assert!(seen.insert(*s), "「{s}」 spells two keys");
            assert_eq!(Key::from_word(s), Some(*key));
        }
    }
}

#[test]
fn item_keywords_are_the_grammars_keyword_rules() {
    let grammar = grammar();
    let mut rules = rules_starting(&grammar, "kw_");
    assert!(rules.remove("kw_alias"), "kw_alias");
    assert_eq!(
        literals(&body(&grammar, "kw_alias")),
        set([vocabulary::ALIAS])
    );
    let used: BTreeSet<String> = Item::ALL
        .iter()
        .map(|i| i.keyword_rule().to_string())
        .collect();
    assert_eq!(used, rules);
    for item in Item::ALL {
        assert_eq!(
            set(item.keywords().iter().copied()),
            literals(&body(&grammar, item.keyword_rule())),
            "{item:?}"
        );
    }
    // Every key an item takes is a key its lowering reads, and every item has a place to say
    // where something stands.
    for item in Item::ALL {
        for e in item.entries() {
            if let Entry::Item(nested) = e {
                assert!(!nested.top_level(), "{nested:?} ranked inside {item:?}");
            }
        }
        assert!(!item.place().is_empty());
    }
}

#[test]
fn units_are_the_grammars_unit_words() {
    let grammar = grammar();
    let mut in_grammar = literals(&body(&grammar, "unit_word"));
    in_grammar.extend(literals(&body(&grammar, "per_word")));
    // `"个" ~ ("村" | …)`: 个 before a counted unit is part of how the grammar spells it.
    let in_runtime = set(UnitAtom::WORDS.iter().map(|(w, _)| *w));
    assert_eq!(in_runtime, in_grammar);
    // The vocabulary lists every unit once.
    let listed: BTreeSet<_> = UNITS.iter().map(|u| u.word()).collect();
    let all: BTreeSet<_> = UnitAtom::WORDS.iter().map(|(_, a)| a.word()).collect();
    assert_eq!(listed, all);
    assert_eq!(listed.len(), UNITS.len());
}

#[test]
fn comparators_are_the_grammars_comparators() {
    let grammar = grammar();
    let prefix_words = literals(&body(&grammar, "cmp_prefix_word"));
    let suffix_words = literals(&body(&grammar, "cmp_suffix_word"));
    let mut before = prefix_words.clone();
    before.extend(literals(&body(&grammar, "cmp_prefix")));
    let mut after = suffix_words.clone();
    after.extend(literals(&body(&grammar, "cmp_suffix")));
    let of = |p: Position| {
        set(COMPARATORS
            .iter()
            .filter(|(_, _, at)| *at == p)
            .map(|(w, _, _)| *w))
    };
    assert_eq!(of(Position::Before), before);
    assert_eq!(of(Position::After), after);
    let mut guards = prefix_words;
    guards.extend(suffix_words);
    assert_eq!(set(vocabulary::name_guard_comparators()), guards);
}

/// Every string literal of the grammar outside comments, escapes read (`"\"十三五\""`).
fn all_literals(grammar: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut chars = grammar.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            // A character literal ('①', '"'): skipped whole.
            '\'' => {
                let mut escaped = false;
                for c in chars.by_ref() {
                    if c == '\'' && !escaped {
                        break;
                    }
                    escaped = c == '\\' && !escaped;
                }
            }
            '"' => {
                let mut literal = String::new();
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => match chars.next() {
                            Some('u') => {
                                let code: String =
                                    chars.by_ref().skip(1).take_while(|c| *c != '}').collect();
                                let n = u32::from_str_radix(&code, 16).expect("a \\u{…} escape");
                                literal.push(char::from_u32(n).expect("a character"));
                            }
                            Some('t') => literal.push('\t'),
                            Some('n') => literal.push('\n'),
                            Some(other) => literal.push(other),
                            None => {}
                        },
                        c => literal.push(c),
                    }
                }
                out.insert(literal);
            }
            _ => {}
        }
    }
    out
}

/// Whether a literal is a word (has a Chinese character) rather than punctuation or ASCII.
fn is_word(literal: &str) -> bool {
    literal
        .chars()
        .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || c == '〇')
}

#[test]
fn every_word_of_the_grammar_is_in_the_vocabulary_and_back() {
    let grammar = grammar();
    let literals = all_literals(&grammar);
    let in_grammar: BTreeSet<String> = literals.iter().filter(|l| is_word(l)).cloned().collect();
    let all = set(vocabulary::all_words());
    let in_vocabulary: BTreeSet<String> = all.iter().filter(|w| is_word(w)).cloned().collect();
    // Signs (≥, ％) are literals of the grammar too.
    let signs: Vec<_> = all.difference(&in_vocabulary).collect();
    assert!(
        signs.iter().all(|s| literals.contains(*s)),
        "signs of the vocabulary the grammar does not spell: {signs:?}"
    );
    let missing: Vec<_> = in_grammar.difference(&in_vocabulary).collect();
    let extra: Vec<_> = in_vocabulary.difference(&in_grammar).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "words of the grammar missing from compiler/src/vocabulary.rs: {missing:?}; words of the vocabulary the grammar does not spell: {extra:?}"
    );
    // Each word has one role.
    let others = vocabulary::other_words();
    for (i, (_, w)) in others.iter().enumerate() {
        assert!(!others[..i].iter().any(|(_, seen)| seen == w), "{w} twice");
    }
}

#[test]
fn the_words_lowering_reads_are_their_rules() {
    let grammar = grammar();
    let words = |rule: &str| -> BTreeSet<String> {
        literals(&body(&grammar, rule))
            .into_iter()
            .filter(|l| is_word(l))
            .collect()
    };
    assert_eq!(
        set(vocabulary::DIRECTIONS.iter().map(|(w, _)| *w)),
        words("direction")
    );
    assert_eq!(
        set(vocabulary::CHANGE_VERBS.iter().map(|(w, _)| *w)),
        words("change_verb")
    );
    assert_eq!(
        set(vocabulary::HEDGES.iter().map(|(w, _)| *w)),
        words("aspire")
    );
    let mut parts = words("month_part");
    parts.extend(words("year_part"));
    assert_eq!(set(vocabulary::DATE_PARTS.iter().map(|(w, _)| *w)), parts);
    let mut spans = set(vocabulary::YEAR_SPANS.iter().map(|(w, _)| *w));
    spans.extend(set(vocabulary::QUARTERS.iter().map(|(w, _)| *w)));
    spans.extend(set([
        vocabulary::QUARTER,
        vocabulary::QUARTER_ORDINAL,
        "末",
        "底",
    ]));
    assert_eq!(spans, words("year_span"));
    assert_eq!(set(vocabulary::ONGOING.iter().copied()), words("ongoing"));
    assert_eq!(
        set(vocabulary::WITHIN_YEAR.iter().copied()),
        words("within_year")
    );
    assert_eq!(
        set(vocabulary::TIER_OTHER.iter().copied()),
        words("tier_other")
    );
    assert_eq!(
        set(vocabulary::LIST_ATTACHED.iter().copied()),
        words("list_attached")
    );
    assert_eq!(set(vocabulary::DOUBLING.iter().copied()), words("doubling"));
    assert_eq!(
        set(vocabulary::COVERAGE.iter().copied()),
        words("coverage_word")
    );
    assert_eq!(
        set(vocabulary::CHINESE_DIGITS.iter().copied()),
        words("cn_digit")
    );
    assert_eq!(
        set(vocabulary::CHINESE_UNITS.iter().copied()),
        words("cn_unit")
    );
    assert_eq!(set(vocabulary::SCALES.iter().copied()), words("scale"));
    assert_eq!(set(vocabulary::BEFORE.iter().copied()), words("before"));
    assert_eq!(
        set(vocabulary::YEAR_SUFFIXES.iter().copied()),
        words("year_suffix")
    );
    // Every date part a message writes reads back as itself.
    use zhengce_compiler::ast::DatePart::*;
    for part in [
        End, Start, EarlyMonth, MidMonth, LateMonth, FirstHalf, SecondHalf, Quarter1, Quarter2,
        Quarter3, Quarter4, MidYear,
    ] {
        let word = part.word();
        assert_eq!(
            vocabulary::date_part(word).or_else(|| vocabulary::year_span(word)),
            Some(part),
            "{word}"
        );
    }
}

/// Character ranges `'a'..'b'` in a rule's body, adjacent ones joined.
fn char_ranges(body: &str) -> Vec<(char, char)> {
    let mut ranges: Vec<(char, char)> = Vec::new();
    let chars: Vec<char> = body.chars().collect();
    let mut i = 0;
    while i + 7 < chars.len() + 1 {
        if chars[i] == '\''
            && chars.get(i + 2) == Some(&'\'')
            && chars.get(i + 3) == Some(&'.')
            && chars.get(i + 4) == Some(&'.')
            && chars.get(i + 5) == Some(&'\'')
            && chars.get(i + 7) == Some(&'\'')
        {
            ranges.push((chars[i + 1], chars[i + 6]));
            i += 8;
        } else {
            i += 1;
        }
    }
    join(ranges)
}

fn join(mut ranges: Vec<(char, char)>) -> Vec<(char, char)> {
    ranges.sort();
    let mut out: Vec<(char, char)> = Vec::new();
    for (from, to) in ranges {
        match out.last_mut() {
            Some(last) if u32::from(last.1) + 1 >= u32::from(from) => last.1 = last.1.max(to),
            _ => out.push((from, to)),
        }
    }
    out
}

#[test]
fn item_numbers_of_one_character_are_the_grammars() {
    let in_grammar = char_ranges(&body(&grammar(), "item_number"));
    let in_vocabulary = join(
        vocabulary::NUMBER_CHARACTERS
            .iter()
            .map(|&(from, to, _)| (from, to))
            .collect(),
    );
    assert_eq!(in_vocabulary, in_grammar);
    assert!(literals(&body(&grammar(), "item_number")).contains(vocabulary::NUMBERING_SHI));
}

// ───────────────────────────── generated files ─────────────────────────────

/// Writes `expected` to `path` under UPDATE_VOCABULARY=1, else requires the file to be it.
fn generated(path: &Path, expected: &str) {
    if std::env::var_os("UPDATE_VOCABULARY").is_some() {
        fs::write(path, expected).expect("write the generated file");
        return;
    }
    let actual = fs::read_to_string(path).unwrap_or_default();
    assert!(
        actual == expected,
        "{} is not what the vocabulary generates; UPDATE_VOCABULARY=1 cargo test --test vocabulary rewrites it",
        path.display()
    );
}

/// Punctuation, words made of two of the grammar's words, and values a fuzzer does well to start
/// from (every word of the grammar comes from the vocabulary).
const FUZZ_EXTRA: &[&str] = &[
    "每人",
    "每户",
    "每生",
    "每学年",
    "个县",
    "个村",
    "年底",
    "月底",
    "本月底",
    "「",
    "」",
    "“",
    "”",
    "《",
    "》",
    "〔",
    "〕",
    "（",
    "）",
    "｛",
    "｝",
    "{",
    "}",
    "：",
    "；",
    "。",
    "，",
    "、",
    "～",
    "＝",
    "％",
    "±",
    "－",
    "＋",
    "．",
    "／",
    "//",
    "// zhengce: allow(ZC0701) ",
    "\u{feff}",
    "\u{3000}",
    "2017年4月23日",
    "2020年",
    "6月10日前",
    "232万人",
    "200元",
    "20%",
    "3:7",
];

/// The language server's messages (fuzz target lsp), written as they are (they are not words of
/// the language).
const FUZZ_LSP: &str = r#"# The language server's messages (target lsp).
"Content-Length: "
"\x0d\x0a\x0d\x0a"
"\"jsonrpc\":\"2.0\""
"\"method\":\"textDocument/hover\""
"\"method\":\"textDocument/completion\""
"\"method\":\"textDocument/codeAction\""
"\"method\":\"textDocument/didChange\""
"\"method\":\"$/cancelRequest\""
"\"position\":{\"line\":0,\"character\":0}"
"\"contentChanges\":[{\"text\":\"\"}]"
"#;

fn fuzz_dictionary() -> String {
    let mut words: Vec<&str> = Vec::new();
    let mut push = |w: &'static str| {
        if !words.contains(&w) {
            words.push(w);
        }
    };
    vocabulary::all_words().into_iter().for_each(&mut push);
    FUZZ_EXTRA.iter().for_each(|w| push(w));
    let mut out = String::from(
        "# libFuzzer dictionary: keywords, clause keys, comparators, units and punctuation of the zhengce\n\
         # language. Generated from compiler/src/vocabulary.rs by tests/vocabulary.rs\n\
         # (UPDATE_VOCABULARY=1 cargo test --test vocabulary); do not edit.\n",
    );
    for (i, w) in words.iter().enumerate() {
        let escaped: String = w.bytes().map(|b| format!("\\x{b:02X}")).collect();
        out.push_str(&format!("kw{i}=\"{escaped}\"\n"));
    }
    out.push_str(FUZZ_LSP);
    out
}

#[test]
fn the_fuzz_dictionary_is_generated() {
    generated(&root().join("fuzz/zhengce.dict"), &fuzz_dictionary());
}

fn ts_list(words: &[&str]) -> String {
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let one_line = format!("[{}]", quoted.join(", "));
    if one_line.len() < 80 {
        return one_line;
    }
    format!("[\n  {},\n]", quoted.join(",\n  "))
}

/// Longest first, each once: the order regular expressions and completion want.
fn longest_first(words: impl IntoIterator<Item = &'static str>) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for w in words {
        if !out.contains(&w) {
            out.push(w);
        }
    }
    out.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    out
}

fn typescript() -> String {
    let mut out = String::from(
        "// The language's words for the editor (highlighting and completion). Generated from\n\
         // compiler/src/vocabulary.rs by tests/vocabulary.rs (UPDATE_VOCABULARY=1 cargo test --test\n\
         // vocabulary); do not edit.\n\n",
    );
    out.push_str("/** Every item keyword, longest first (部门类 before 部门). */\n");
    out.push_str(&format!(
        "export const ITEM_KEYWORDS = {};\n\n",
        ts_list(&vocabulary::item_keywords())
    ));
    out.push_str("/** The keywords of items that may stand at the top level of a file. */\n");
    out.push_str(&format!(
        "export const TOP_LEVEL_KEYWORDS = {};\n\n",
        ts_list(&vocabulary::top_level_keywords())
    ));
    out.push_str(&format!(
        "/** The word before an item's other names. */\nexport const ALIAS = '{}';\n\n",
        vocabulary::ALIAS
    ));
    out.push_str("/** Every spelling of every clause key, longest first. */\n");
    out.push_str(&format!(
        "export const CLAUSE_KEYS = {};\n\n",
        ts_list(&longest_first(vocabulary::key_spellings()))
    ));
    out.push_str(
        "/** What each item's block takes, by keyword: its clause keys (canonical words) in\n \
         * canonical order, and the items it may hold. */\n",
    );
    out.push_str(
        "export const ITEM_CONTENTS: Record<string, { keys: string[]; items: string[] }> = {\n",
    );
    for item in Item::ALL {
        let keys: Vec<&str> = item
            .entries()
            .iter()
            .flat_map(|e| match e {
                Entry::Keys(keys) => keys.iter().map(|k| k.word()).collect::<Vec<_>>(),
                Entry::Item(_) => Vec::new(),
            })
            .collect();
        let mut items: Vec<&str> = item
            .entries()
            .iter()
            .filter_map(|e| match e {
                Entry::Item(i) => Some(i.word()),
                Entry::Keys(_) => None,
            })
            .collect();
        items.extend(
            item.nested()
                .iter()
                .flat_map(|i| i.keywords().iter().copied()),
        );
        for kw in item.keywords() {
            out.push_str(&format!(
                "  '{kw}': {{ keys: {}, items: {} }},\n",
                inline_list(&keys),
                inline_list(&items)
            ));
        }
    }
    out.push_str("};\n\n");
    out.push_str("/** Clause keys the top level of a file takes (besides items). */\n");
    let top: Vec<&str> = vocabulary::TOP_LEVEL_KEYS
        .iter()
        .map(|k| k.word())
        .collect();
    out.push_str(&format!(
        "export const TOP_LEVEL_KEYS = {};\n\n",
        ts_list(&top)
    ));
    out.push_str("/** Every unit word, longest first (个县 and the like included). */\n");
    let units = longest_first(UnitAtom::WORDS.iter().map(|(w, _)| *w).chain([
        "个村",
        "个县",
        "个乡镇",
        "个人",
        "个户",
        "个项",
        "个组",
        "个省",
        "个市",
    ]));
    out.push_str(&format!("export const UNITS = {};\n\n", ts_list(&units)));
    out.push_str("/** Every comparator word, longest first. */\n");
    out.push_str(&format!(
        "export const COMPARATORS = {};\n\n",
        ts_list(&longest_first(COMPARATORS.iter().map(|(w, _, _)| *w)))
    ));
    out.push_str("/** Words that hedge a value (力争, 约). */\n");
    out.push_str(&format!(
        "export const HEDGES = {};\n\n",
        ts_list(&longest_first(vocabulary::HEDGES.iter().map(|(w, _)| *w)))
    ));
    out.push_str("/** Chinese digits and number units (一, 十, 百). */\n");
    out.push_str(&format!(
        "export const CHINESE_NUMERALS = {};\n\n",
        ts_list(
            &vocabulary::CHINESE_DIGITS
                .iter()
                .chain(vocabulary::CHINESE_UNITS)
                .copied()
                .collect::<Vec<_>>()
        )
    ));
    out.push_str("/** Scales after a number, longest first. */\n");
    out.push_str(&format!(
        "export const SCALES = {};\n\n",
        ts_list(&longest_first(vocabulary::SCALES.iter().copied()))
    ));
    out.push_str("/** What may follow a date: its part of the month or year, or 前. */\n");
    out.push_str(&format!(
        "export const DATE_SUFFIXES = {};\n",
        ts_list(&longest_first(
            vocabulary::DATE_PARTS
                .iter()
                .map(|(w, _)| *w)
                .chain(vocabulary::BEFORE.iter().copied())
        ))
    ));
    out
}

fn inline_list(words: &[&str]) -> String {
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    format!("[{}]", quoted.join(", "))
}

#[test]
fn the_playgrounds_vocabulary_is_generated() {
    generated(
        &root().join("web-playground/www/src/vocabulary.ts"),
        &typescript(),
    );
}

/// The units the grammar spells with 个 before them: what the TypeScript list adds.
#[test]
fn the_counted_units_are_the_grammars() {
    let grammar = grammar();
    let unit_word = body(&grammar, "unit_word");
    for counted in ["村", "县", "乡镇", "人", "户", "项", "组", "省", "市"] {
        assert!(unit_word.contains(&format!("\"{counted}\"")), "{counted}");
    }
}
