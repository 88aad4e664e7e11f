//! The pest parser of `grammar/zhengce.pest`; only `syntax` and `format` use it.
//!
//! Two implementations of the one grammar: `pest_derive`'s generated code (native builds: the
//! fastest) and [`table`], a small interpreter of the same optimised grammar (the wasm build,
//! where the generated code would be a fifth of the binary). They give the same pairs and the
//! same errors; `table`'s tests compare them.

mod table;

// The words of the keyword rules, for the editor features (see build.rs).
include!(concat!(env!("OUT_DIR"), "/grammar_words.rs"));

use pest::error::Error;
use pest::iterators::Pairs;

#[derive(pest_derive::Parser)]
#[grammar = "../../grammar/zhengce.pest"]
pub(crate) struct Derived;

/// The parser the compiler uses: [`Derived`] or [`table`] (wasm, or the `table-parser` feature).
pub(crate) struct ZhengceParser;

impl pest::Parser<Rule> for ZhengceParser {
    fn parse(rule: Rule, input: &str) -> Result<Pairs<'_, Rule>, Error<Rule>> {
        if cfg!(any(target_arch = "wasm32", feature = "table-parser")) {
            table::parse(rule, input)
        } else {
            <Derived as pest::Parser<Rule>>::parse(rule, input)
        }
    }
}
