//! The evaluator: the questions a compiled plan exists to answer.
//!
//! - [`eval_rule`]: what a 标准/补助 gives for a set of facts (conditions, tiers, shares, rates
//!   per unit, changes, floors and caps), with a trace of every clause it used;
//! - [`due`]: which duties are overdue, due, upcoming, open-ended or done on a day, and for whom;
//! - [`score`]: the total of an assessment (考核) from item scores and adjustments;
//! - [`progress`]: whether a target is met, on track or behind in a year;
//! - [`run_examples`]: the file's own worked examples (例), each through its question;
//! - [`batch`]: one rule over a stream of rows (CSV or JSONL), one JSON line per row.
//!
//! [`Evaluator`] prepares a program once (rules and facts indexed by name, the strings answers
//! repeat written once) for callers that ask many questions: the same answers, faster.
//!
//! Everything is exact (`rust_decimal`), nothing guesses: a missing fact, a value of the wrong
//! unit or an unknown category value is an [`EvalError`] whose message (in Chinese) names the
//! fact and what it expects. The module does no I/O; [`batch`] reads and writes through the
//! `BufRead`/`Write` it is handed. Semantics are documented in `docs/runtime.md`.

pub mod batch;
pub(crate) mod digits;
pub mod due;
mod error;
mod evaluator;
pub mod examples;
mod lookup;
pub mod progress;
pub mod rule;
pub mod score;
pub mod text;
mod trace;

use crate::ir::{Fact, Program, Rule};
use crate::sorted_map::SortedMap;

pub use batch::{eval_batch, BatchOptions, BatchSummary, RowFormat};
pub use due::{
    due, due_in_document, DueItem, DueKind, DueReport, DueStatus, Role, DUE_WINDOW_DAYS,
};
pub use error::EvalError;
pub use evaluator::Evaluator;
pub use examples::{run_examples, ExampleResult, ExampleStatus, ExamplesReport};
pub use progress::{progress, ProgressReport, ProgressStatus};
pub use rule::{eval_rule, eval_rule_in, eval_rule_untraced, Evaluation, Outcome};
pub use score::{score, ScoreReport};
pub use trace::TraceStep;

pub use crate::ir::FactValue;

/// Facts given to a rule: name → value, in name order so that traces and errors come out in a
/// stable order.
pub type Facts = SortedMap<String, FactValue>;

/// Item scores given to an assessment (考核): item or adjustment name → points.
pub type Scores = SortedMap<String, rust_decimal::Decimal>;

/// Actual figures of a target: year → the amount achieved in that year (or the level reached, for
/// a target set by levels).
pub type Actuals = SortedMap<i32, crate::value::Quantity>;

/// Compares names the way the language does: 「」 around a name are not part of it, full-width
/// brackets are the same as half-width ones, surrounding white space does not count.
pub(crate) fn fold_name(name: &str) -> String {
    folded(name).collect()
}

/// The chars of [`fold_name`], without building the string.
fn folded(name: &str) -> impl Iterator<Item = char> + '_ {
    let trimmed = name.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    let unquoted = trimmed
        .strip_prefix('「')
        .and_then(|s| s.strip_suffix('」'))
        .unwrap_or(trimmed);
    unquoted.chars().map(|c| match c {
        '（' => '(',
        '）' => ')',
        c => c,
    })
}

/// `fold_name(a) == fold_name(b)`, without allocating (names are compared on every lookup:
/// finding the rule and each fact's declaration compared tens of names per evaluation).
pub(crate) fn same_name(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    // Most comparisons are of different names (finding a rule compares the name with every
    // rule's): different last chars that folding leaves alone end both folded names differently.
    let touched = |c: char| c.is_whitespace() || matches!(c, '「' | '」' | '（' | '）' | '(' | ')');
    if let (Some(x), Some(y)) = (a.chars().next_back(), b.chars().next_back()) {
        if x != y && !touched(x) && !touched(y) {
            return false;
        }
    }
    !(folds_as_itself(a) && folds_as_itself(b)) && folded(a).eq(folded(b))
}

/// Whether [`fold_name`] leaves `name` as it is: no white space or 「」 around it and no
/// full-width bracket in it (（ and ） are the only chars encoded with a 0xEF lead byte that
/// folding changes; any 0xEF byte takes the slow path).
pub(crate) fn folds_as_itself(name: &str) -> bool {
    // No white space is above U+3000, nor 「 and 」: most chars of a name (ideographs) answer
    // with one comparison.
    let edge = |c: Option<char>| {
        c.is_some_and(|c| c <= '\u{300D}' && (c.is_whitespace() || c == '「' || c == '」'))
    };
    !edge(name.chars().next()) && !edge(name.chars().next_back()) && !has_ef(name.as_bytes())
}

/// Whether `bytes` has a 0xEF byte, eight bytes at a time (names are looked up several times an
/// evaluation; a byte loop was a tenth of one).
fn has_ef(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        // A zero byte in `word ^ 0xEF…` is an 0xEF byte in `word` (no false positives: the
        // borrow only runs up from a byte that is zero).
        let x = u64::from_le_bytes(word) ^ (ONES * 0xEF);
        if x.wrapping_sub(ONES) & !x & HIGHS != 0 {
            return true;
        }
    }
    chunks.remainder().contains(&0xEF)
}

/// Names close to `name` among `candidates`, best first (at most three): for "did you mean".
pub(crate) fn suggest<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Vec<String> {
    suggest_among(name, &mut candidates.into_iter())
}

/// [`suggest`], compiled once rather than once per kind of candidate list.
fn suggest_among(name: &str, candidates: &mut dyn Iterator<Item = &str>) -> Vec<String> {
    let wanted = fold_name(name);
    let wanted_len = wanted.chars().count();
    let mut scored: Vec<(usize, String)> = Vec::new();
    for candidate in candidates {
        let folded = fold_name(candidate);
        if scored.iter().any(|(_, c)| *c == candidate) {
            continue;
        }
        let distance = strsim::levenshtein(&wanted, &folded);
        let len = wanted_len.max(folded.chars().count());
        let close = distance * 3 <= len.max(3);
        let contains = !wanted.is_empty() && (folded.contains(&wanted) || wanted.contains(&folded));
        if close || contains {
            scored.push((distance, candidate.to_string()));
        }
    }
    crate::sort::sort(&mut scored);
    scored.into_iter().take(3).map(|(_, c)| c).collect()
}

/// Finds a rule by name in the whole program: `(document index, rule index)`.
pub(crate) fn find_rule(program: &Program, name: &str) -> Result<(usize, usize), EvalError> {
    find_rule_from(program, None, name)
}

/// The rule named `name` as seen from document `asking` (see [`lookup`]).
pub(crate) fn find_rule_from(
    program: &Program,
    asking: Option<usize>,
    name: &str,
) -> Result<(usize, usize), EvalError> {
    let all = lookup::all_named(program, name, |d| &d.rules, |r| &r.name);
    let found = lookup::choose(&all, asking);
    lookup::require(
        program,
        lookup::Kind::Rule,
        name,
        found,
        all_rules(program).map(|r| r.name.as_str()),
    )
}

fn all_rules(program: &Program) -> impl Iterator<Item = &Rule> {
    program.documents.iter().flat_map(|d| d.rules.iter())
}

/// The declaration of a fact as seen from document `doc` (see [`lookup`]): `Ok(None)` when no
/// document declares it, an error when several others do.
pub(crate) fn fact_decl<'p>(
    program: &'p Program,
    doc: usize,
    name: &str,
) -> Result<Option<&'p Fact>, EvalError> {
    let all = lookup::all_named(program, name, |d| &d.facts, |f| &f.name);
    fact_of(program, name, lookup::choose(&all, Some(doc)))
}

/// The fact a lookup found.
fn fact_of<'p>(
    program: &'p Program,
    name: &str,
    found: lookup::Found,
) -> Result<Option<&'p Fact>, EvalError> {
    match found {
        lookup::Found::One(d, i) => Ok(Some(&program.documents[d].facts[i])),
        lookup::Found::Missing => Ok(None),
        lookup::Found::Several(docs) => {
            Err(lookup::ambiguous(program, lookup::Kind::Fact, name, &docs))
        }
    }
}

/// Every fact name the rule's document (and then the program) declares, for suggestions.
pub(crate) fn fact_names(program: &Program, doc: usize) -> Vec<&str> {
    let own = program.documents.get(doc).into_iter();
    let mut seen: SortedMap<&str, ()> = SortedMap::new();
    own.chain(program.documents.iter())
        .flat_map(|d| d.facts.iter().map(|f| f.name.as_str()))
        .filter(|n| seen.insert(n, ()).is_none())
        .collect()
}

pub(crate) use crate::show::cmp_words;

/// `file:line` of an origin, as traces and reports write it.
pub(crate) fn place(origin: &crate::ir::Origin) -> String {
    format!("{}:{}", origin.file, origin.line)
}

#[cfg(test)]
mod tests;
