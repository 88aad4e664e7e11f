//! The compact parser: `grammar/zhengce.pest` as data, run by one small interpreter.
//!
//! `pest_derive` turns every rule and every alternative into Rust functions and closures, and
//! pest's combinators (`rule`, `sequence`, `optional`, …) are generic over those closures, so
//! each use is compiled again: about 200 KB of the browser's wasm. Here `build.rs` writes the
//! same optimised grammar (`pest_meta`, as `pest_derive` uses it) into three tables, and
//! [`parse`] walks them, calling pest's `ParserState` exactly where the derived code does, in the
//! same order: the pairs, the errors (their positives and negatives) and the call count that
//! `pest::set_call_limit` bounds are the same. Each combinator is compiled a few times only.
//!
//! The wasm build uses this parser; native builds keep the derived one (it is faster), unless
//! the `table-parser` feature asks for this one (`cargo test --workspace --features
//! zhengce-compiler/table-parser` runs every test through it). The tests below compare the two
//! on every policy file of the repository and on broken variants of them.

use pest::iterators::Pairs;
use pest::{Atomicity, ParseResult, ParserState};

use super::Rule;

/// How a rule wraps its expression (`generate_rule` in pest_generator). Not every kind (nor
/// every [`Expr`]) occurs in the grammar of the day.
#[derive(Clone, Copy)]
#[allow(dead_code)]
pub(super) enum Kind {
    Normal,
    Silent,
    /// A silent rule that is a call or a choice: the stack is checked first.
    SilentChecked,
    /// WHITESPACE and COMMENT: silent and atomic.
    SilentAtomic,
    Atomic,
    CompoundAtomic,
    NonAtomic,
}

pub(super) struct RuleDef {
    pub(super) rule: Rule,
    pub(super) kind: Kind,
    pub(super) expr: u16,
}

/// One node of a rule's expression: `u16`s are indexes into `EXPRS`, `RULES`, `LISTS`, `RANGES`
/// or `SKIPS`. `EXPRS` holds them packed into four bytes each ([`pack`], at compile time).
#[derive(Clone, Copy)]
#[allow(dead_code)]
pub(super) enum Expr {
    /// `TEXT[start..start + len]`.
    Str(u16, u16),
    Insens(u16, u16),
    Range(u16),
    Call(u16),
    Any,
    Eoi,
    Soi,
    Newline,
    PosPred(u16),
    NegPred(u16),
    /// `LISTS[start..start + len]` in turn, in an atomic rule: nothing between them.
    Seq(u16, u16),
    /// The same in a non-atomic rule: implicit whitespace and comments between them.
    SeqSkip(u16, u16),
    Choice(u16, u16),
    Opt(u16),
    Rep(u16),
    RepSkip(u16),
    SkipUntil(u16),
}

use Expr::*;

include!(concat!(env!("OUT_DIR"), "/grammar_table.rs"));

type State<'i> = Box<ParserState<'i, Rule>>;

/// What `<ZhengceParser as pest::Parser>::parse` of the derived parser returns, for any rule.
pub(super) fn parse(rule: Rule, input: &str) -> Result<Pairs<'_, Rule>, pest::error::Error<Rule>> {
    pest::state(input, |state| match rule {
        Rule::EOI => expr(state, Eoi),
        // The enum lists EOI, then the rules in the order of `RULES`.
        rule => call(state, rule as usize - 1),
    })
}

fn call(state: State<'_>, index: usize) -> ParseResult<State<'_>> {
    let def = &RULES[index];
    let body = |state| node(state, def.expr);
    match def.kind {
        Kind::Normal => state.rule(def.rule, body),
        Kind::Silent => body(state),
        Kind::SilentChecked => body(state.check_stack_limit()?),
        Kind::SilentAtomic => state.atomic(Atomicity::Atomic, body),
        Kind::Atomic => state.rule(def.rule, |state| state.atomic(Atomicity::Atomic, body)),
        Kind::CompoundAtomic => state.atomic(Atomicity::CompoundAtomic, |state| {
            state.rule(def.rule, body)
        }),
        Kind::NonAtomic => state.atomic(Atomicity::NonAtomic, |state| state.rule(def.rule, body)),
    }
}

fn node(state: State<'_>, index: u16) -> ParseResult<State<'_>> {
    expr(state, unpack(EXPRS[usize::from(index)]))
}

/// Five bits of kind, eleven of `b` (lengths), sixteen of `a`.
const fn pack(e: Expr) -> u32 {
    let (kind, a, b) = match e {
        Str(a, b) => (0, a, b),
        Insens(a, b) => (1, a, b),
        Range(a) => (2, a, 0),
        Call(a) => (3, a, 0),
        Any => (4, 0, 0),
        Eoi => (5, 0, 0),
        Soi => (6, 0, 0),
        Newline => (7, 0, 0),
        PosPred(a) => (8, a, 0),
        NegPred(a) => (9, a, 0),
        Seq(a, b) => (10, a, b),
        SeqSkip(a, b) => (11, a, b),
        Choice(a, b) => (12, a, b),
        Opt(a) => (13, a, 0),
        Rep(a) => (14, a, 0),
        RepSkip(a) => (15, a, 0),
        SkipUntil(a) => (16, a, 0),
    };
    assert!(b < 1 << 11, "a literal or list too long for the table");
    (kind << 27) | ((b as u32) << 16) | a as u32
}

fn unpack(word: u32) -> Expr {
    let a = word as u16;
    let b = (word >> 16) as u16 & 0x7ff;
    match word >> 27 {
        0 => Str(a, b),
        1 => Insens(a, b),
        2 => Range(a),
        3 => Call(a),
        4 => Any,
        5 => Eoi,
        6 => Soi,
        7 => Newline,
        8 => PosPred(a),
        9 => NegPred(a),
        10 => Seq(a, b),
        11 => SeqSkip(a, b),
        12 => Choice(a, b),
        13 => Opt(a),
        14 => Rep(a),
        15 => RepSkip(a),
        _ => SkipUntil(a),
    }
}

fn literal(start: u16, len: u16) -> &'static str {
    &TEXT[usize::from(start)..usize::from(start) + usize::from(len)]
}

fn list(start: u16, len: u16) -> &'static [u16] {
    &LISTS[usize::from(start)..usize::from(start) + usize::from(len)]
}

fn expr(state: State<'_>, e: Expr) -> ParseResult<State<'_>> {
    match e {
        Str(start, len) => state.match_string(literal(start, len)),
        Insens(start, len) => state.match_insensitive(literal(start, len)),
        Range(i) => {
            let (start, end) = RANGES[usize::from(i)];
            state.match_range(start..end)
        }
        Call(rule) => call(state, usize::from(rule)),
        Any => state.skip(1),
        Eoi => state.rule(Rule::EOI, |state| state.end_of_input()),
        Soi => state.start_of_input(),
        Newline => state
            .match_string("\n")
            .or_else(|state| state.match_string("\r\n"))
            .or_else(|state| state.match_string("\r")),
        PosPred(e) => state.lookahead(true, |state| node(state, e)),
        NegPred(e) => state.lookahead(false, |state| node(state, e)),
        Seq(start, len) => state.sequence(|state| {
            let (head, tail) = list(start, len)
                .split_first()
                .expect("a sequence has items");
            tail.iter().fold(node(state, *head), |r, &e| {
                r.and_then(|state| node(state, e))
            })
        }),
        SeqSkip(start, len) => state.sequence(|state| {
            let (head, tail) = list(start, len)
                .split_first()
                .expect("a sequence has items");
            tail.iter().fold(node(state, *head), |r, &e| {
                r.and_then(skip).and_then(|state| node(state, e))
            })
        }),
        Choice(start, len) => {
            let (head, tail) = list(start, len).split_first().expect("a choice has items");
            tail.iter().fold(node(state, *head), |r, &e| {
                r.or_else(|state| node(state, e))
            })
        }
        Opt(e) => state.optional(|state| node(state, e)),
        Rep(e) => state.repeat(|state| node(state, e)),
        RepSkip(e) => state.sequence(|state| {
            state.optional(|state| {
                node(state, e).and_then(|state| {
                    state.repeat(|state| {
                        state.sequence(|state| skip(state).and_then(|state| node(state, e)))
                    })
                })
            })
        }),
        SkipUntil(i) => state.skip_until(SKIPS[usize::from(i)]),
    }
}

/// Implicit whitespace and comments between the elements of a non-atomic rule
/// (`generate_skip` in pest_generator).
fn skip(state: State<'_>) -> ParseResult<State<'_>> {
    if state.atomicity() != Atomicity::NonAtomic {
        return Ok(state);
    }
    fn whitespace(state: State<'_>) -> ParseResult<State<'_>> {
        match WHITESPACE {
            Some(rule) => state.repeat(|state| call(state, usize::from(rule))),
            None => Ok(state),
        }
    }
    match COMMENT {
        None => whitespace(state),
        Some(comment) if WHITESPACE.is_none() => {
            state.repeat(|state| call(state, usize::from(comment)))
        }
        Some(comment) => state.sequence(|state| {
            whitespace(state).and_then(|state| {
                state.repeat(|state| {
                    state.sequence(|state| call(state, usize::from(comment)).and_then(whitespace))
                })
            })
        }),
    }
}

#[cfg(test)]
mod tests;
