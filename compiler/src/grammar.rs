//! The pest parser of `grammar/zhengce.pest`; only `syntax` and `format` use it.
//!
//! Two implementations of the one grammar: `pest_derive`'s generated code (native builds: the
//! fastest) and [`table`], a small interpreter of the same optimised grammar (the wasm build,
//! where the generated code would be a fifth of the binary). They give the same pairs and the
//! same errors; `table`'s tests compare them.

mod table;

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

/// The vocabulary's item of a grammar rule (`target_item` → 目标), for the rules that are items.
pub(crate) fn item_of_rule(rule: Rule) -> Option<crate::vocabulary::Item> {
    use crate::vocabulary::Item;
    Some(match rule {
        Rule::header_item => Item::Header,
        Rule::dept_class_item => Item::DeptClass,
        Rule::dept_item => Item::Dept,
        Rule::scope_item => Item::Scope,
        Rule::fact_item => Item::Fact,
        Rule::target_item => Item::Target,
        Rule::standard_item => Item::Standard,
        Rule::measure_item => Item::Measure,
        Rule::schedule_item => Item::Schedule,
        Rule::phase_item => Item::Phase,
        Rule::assessment_item => Item::Assessment,
        Rule::assess_entry_item => Item::AssessEntry,
        Rule::adjustment_item => Item::Adjustment,
        Rule::tiers_item => Item::Tiers,
        Rule::example_item => Item::Example,
        _ => return None,
    })
}
