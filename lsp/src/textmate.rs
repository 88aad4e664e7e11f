//! The TextMate grammar of `.zc` files (`editors/vscode/syntaxes/zhengce.tmLanguage.json`),
//! generated from the language's vocabulary so that the editor colours the words the parser
//! knows. It only colours before the server answers; the server's semantic tokens then say what
//! each name is. `lsp/tests/textmate.rs` checks the file against this (`UPDATE_EDITORS=1`
//! writes it).

use serde_json::{json, Value};
use zhengce_compiler::ide::vocabulary;

/// `words` as a regex alternation, longest first (部门类 before 部门).
fn alternation(words: &[&str]) -> String {
    let mut words: Vec<&str> = words.to_vec();
    words.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    words.dedup();
    words
        .iter()
        .map(|w| escape(w))
        .collect::<Vec<_>>()
        .join("|")
}

fn escape(word: &str) -> String {
    let mut out = String::new();
    for c in word.chars() {
        if "\\^$.|?*+()[]{}/".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

pub fn grammar() -> Value {
    let v = vocabulary();
    let keywords = alternation(&v.keyword_spellings());
    let keys = alternation(&v.key_spellings());
    let units = alternation(&v.units);
    let scales = alternation(&v.scales);
    let comparators: Vec<&str> = v
        .comparators_before
        .iter()
        .chain(&v.comparators_after)
        .copied()
        .collect();
    let comparators = alternation(&comparators);
    let alias = alternation(&v.alias_words);
    let digit = "[0-9０-９]";
    json!({
        "$schema": "https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json",
        "name": "zhengce",
        "scopeName": "source.zhengce",
        "fileTypes": ["zc"],
        "comment": "Generated from the zhengce vocabulary by lsp/src/textmate.rs; do not edit (UPDATE_EDITORS=1 cargo test -p zhengce-lsp --test textmate).",
        "patterns": [
            {"include": "#directive"},
            {"include": "#comment"},
            {"include": "#quote"},
            {"include": "#name"},
            {"include": "#title"},
            {"include": "#item"},
            {"include": "#key"},
            {"include": "#alias"},
            {"include": "#date"},
            {"include": "#number"},
            {"include": "#comparator"},
            {"include": "#punctuation"}
        ],
        "repository": {
            // A suppression comment (`// zhengce: allow(ZC0105) 理由`): its word and codes.
            "directive": {
                "begin": "(?<=^|\\s)//\\s*zhengce[:：]",
                "end": "$",
                "name": "comment.line.double-slash.directive.zhengce",
                "patterns": [
                    {"match": "\\ballow\\b", "name": "keyword.other.directive.zhengce"},
                    {"match": "\\bZC[0-9]{2}(?:[0-9]{2})?\\b", "name": "constant.other.diagnostic-code.zhengce"}
                ]
            },
            "comment": {
                "match": "(?<=^|\\s)//.*$",
                "name": "comment.line.double-slash.zhengce"
            },
            "quote": {
                "begin": "“",
                "end": "”",
                "name": "string.quoted.double.zhengce",
                "patterns": [{"begin": "“", "end": "”"}]
            },
            "name": {
                "match": "「[^」\\n]*」",
                "name": "string.quoted.other.name.zhengce"
            },
            "title": {
                "match": "《[^》\\n]*(?:《[^》\\n]*》[^》\\n]*)*》",
                "name": "entity.name.namespace.title.zhengce"
            },
            "item": {
                "match": format!("(?<=^|[\\s;；{{｛])({keywords})(?=[\\s「《（(]|$)"),
                "captures": {"1": {"name": "keyword.control.item.zhengce"}}
            },
            "key": {
                "match": format!("(?<=^|[\\s;；{{｛])({keys})(?=\\s*[：:])"),
                "captures": {"1": {"name": "variable.other.property.key.zhengce"}}
            },
            "alias": {
                "match": format!("(?<=\\s|^)({alias})(?=\\s)"),
                "captures": {"1": {"name": "keyword.operator.alias.zhengce"}}
            },
            "date": {
                "match": format!(
                    "{digit}{{4}}年(?:{digit}{{1,2}}月(?:{digit}{{1,2}}[日号])?)?(?:底|末|初|上旬|中旬|下旬|上半年|下半年)?|{digit}{{1,2}}月(?:{digit}{{1,2}}[日号]|底|初|上旬|中旬|下旬)|{digit}{{4}}-{digit}{{2}}-{digit}{{2}}"
                ),
                "name": "constant.numeric.date.zhengce"
            },
            "number": {
                "match": format!(
                    "[±+\\-＋－]?{digit}+(?:[.．]{digit}+)?(?:{scales})?(?:(?:{units})(?:[/／](?:{units}))*)?"
                ),
                "name": "constant.numeric.quantity.zhengce"
            },
            "comparator": {
                "match": format!("{comparators}|[≥≤><＞＜=＝]"),
                "name": "keyword.operator.comparison.zhengce"
            },
            "punctuation": {
                "match": "[{}｛｝：:；;、，,]",
                "name": "punctuation.separator.zhengce"
            }
        }
    })
}
