//! Clearing every span of an AST, so that two parses compare by what they say ([`PartialEq`]),
//! whatever their layout: the formatter's check that it changed nothing but layout.
//!
//! Each struct is destructured without `..`, so a field added to the AST without being listed
//! here is a compile error rather than a span left in the comparison.

use crate::ast::*;
use crate::diagnostic::Span;
use zhengce_runtime::{Quantity, Scale, Unit};

pub(super) trait ClearSpans {
    fn clear_spans(&mut self);
}

impl ClearSpans for Span {
    fn clear_spans(&mut self) {
        *self = Span::default();
    }
}

impl<T: ClearSpans> ClearSpans for Option<T> {
    fn clear_spans(&mut self) {
        if let Some(x) = self {
            x.clear_spans();
        }
    }
}

impl<T: ClearSpans> ClearSpans for Vec<T> {
    fn clear_spans(&mut self) {
        for x in self {
            x.clear_spans();
        }
    }
}

impl<T: ClearSpans> ClearSpans for Box<T> {
    fn clear_spans(&mut self) {
        (**self).clear_spans();
    }
}

/// Values without spans.
macro_rules! no_spans {
    ($($ty:ty),* $(,)?) => {
        $(impl ClearSpans for $ty {
            fn clear_spans(&mut self) {}
        })*
    };
}

no_spans!(String, bool, i32, u8, Quantity, Scale, Unit, Comparator, Direction, DatePart);

/// Structs: every field, by name.
macro_rules! fields {
    ($($ty:ident { $($field:ident),* $(,)? })*) => {
        $(impl ClearSpans for $ty {
            fn clear_spans(&mut self) {
                let $ty { $($field),* } = self;
                $($field.clear_spans();)*
            }
        })*
    };
}

fields! {
    Name { text, span, quoted }
    NameList { names, open, span }
    Text { text, span }
    QuantityLit { quantity, span }
    Document { items, span }
    Header {
        title, issuer, date, number, basis, effective, published, effective_on_issue, repeals,
        relays, source, period, quotes, span,
    }
    DocRef { title, number, date, external, span }
    Department { name, aliases, span }
    DepartmentClass { name, aliases, members, span }
    Scope { name, count, also, members, list_attached, enumerates, quotes, span }
    FactDecl { name, ty, span }
    Duties { lead, responsible, leaders }
    Target {
        keyword, number, name, metric, value, deadline, period, base_year, breakdown, milestones, levels,
        rate, scope, numerator, denominator, links, duties, quotes, span,
    }
    Links { same_as, enumerates }
    YearLit { year, span }
    Ratio { left, right, span }
    Breakdown { parts, span }
    BreakdownPart { key, quantity, span }
    AnnualRate { amount, from_year, to_year, years, span }
    Standard {
        keyword, number, name, beneficiary, amount, tiers, conditions, floor, cap, validity, since, scope,
        duties, quotes, span,
    }
    Tiers { by, rows, quotes, span }
    Tier { when, amount, span }
    Condition { fact, test, span }
    Measure {
        number, name, duties, deadline, completed, scope, links, children, targets, standards,
        quotes, span,
    }
    Schedule { name, length, campaign, phases, measures, quotes, span }
    Phase { number, name, window, campaign, measures, quotes, span }
    Assessment { name, total, entries, adjustments, quotes, span }
    AssessEntry { number, name, points, children, quotes, span }
    Adjustment { name, points, both_ways, quotes, span }
    Example { name, query, given, expect, quotes, span }
    FactValue { name, value, span }
    DateExpr { year, month, until_month, day, part, this_month, span }
    Window { start, end, span }
    Period { from_year, to_year, every_year, span }
}

impl ClearSpans for Item {
    fn clear_spans(&mut self) {
        match self {
            Item::Header(x) => x.clear_spans(),
            Item::Department(x) => x.clear_spans(),
            Item::DepartmentClass(x) => x.clear_spans(),
            Item::Scope(x) => x.clear_spans(),
            Item::Fact(x) => x.clear_spans(),
            Item::Target(x) => x.clear_spans(),
            Item::Standard(x) => x.clear_spans(),
            Item::Measure(x) => x.clear_spans(),
            Item::Schedule(x) => x.clear_spans(),
            Item::Assessment(x) => x.clear_spans(),
            Item::Example(x) => x.clear_spans(),
        }
    }
}

impl ClearSpans for FactType {
    fn clear_spans(&mut self) {
        match self {
            FactType::Category { values } => values.clear_spans(),
            FactType::Quantity {
                scale: _,
                unit: _,
                span,
            }
            | FactType::Date { span } => span.clear_spans(),
        }
    }
}

impl ClearSpans for TargetValue {
    fn clear_spans(&mut self) {
        match self {
            TargetValue::Amount(a) => a.clear_spans(),
            TargetValue::Relative {
                base_year,
                direction: _,
                change,
                span,
            } => {
                base_year.clear_spans();
                change.clear_spans();
                span.clear_spans();
            }
            TargetValue::Coverage {
                aspirational: _,
                span,
            } => span.clear_spans(),
            TargetValue::Qualitative {
                comparator: _,
                reference,
                aspirational: _,
                span,
            } => {
                reference.clear_spans();
                span.clear_spans();
            }
        }
    }
}

impl ClearSpans for Amount {
    fn clear_spans(&mut self) {
        match self {
            Amount::Bounded {
                comparator: _,
                comparator_span,
                quantity,
                aspirational: _,
                span,
            } => {
                comparator_span.clear_spans();
                quantity.clear_spans();
                span.clear_spans();
            }
            Amount::Range { low, high, span } => {
                low.clear_spans();
                high.clear_spans();
                span.clear_spans();
            }
            Amount::RatioRange { low, high, span } => {
                low.clear_spans();
                high.clear_spans();
                span.clear_spans();
            }
            Amount::Share {
                base,
                rate,
                comparator: _,
                span,
            } => {
                base.clear_spans();
                rate.clear_spans();
                span.clear_spans();
            }
            Amount::Change {
                from,
                to,
                direction: _,
                verb,
                span,
            } => {
                from.clear_spans();
                to.clear_spans();
                verb.clear_spans();
                span.clear_spans();
            }
        }
    }
}

impl ClearSpans for Operand {
    fn clear_spans(&mut self) {
        match self {
            Operand::Figure(q) => q.clear_spans(),
            Operand::Named(n) => n.clear_spans(),
        }
    }
}

impl ClearSpans for PartKey {
    fn clear_spans(&mut self) {
        match self {
            PartKey::Year {
                year: _,
                suffix: _,
                span,
            } => span.clear_spans(),
            PartKey::Name(n) => n.clear_spans(),
        }
    }
}

impl ClearSpans for TierCase {
    fn clear_spans(&mut self) {
        match self {
            TierCase::Values { values } => values.clear_spans(),
            TierCase::Interval { interval } => interval.clear_spans(),
            TierCase::Otherwise { span } => span.clear_spans(),
        }
    }
}

impl ClearSpans for ExampleQuery {
    fn clear_spans(&mut self) {
        match self {
            ExampleQuery::Eval { rule } => rule.clear_spans(),
            ExampleQuery::Due { as_of, department } => {
                as_of.clear_spans();
                department.clear_spans();
            }
            ExampleQuery::Score { scheme } => scheme.clear_spans(),
            ExampleQuery::Progress {
                target,
                actual,
                as_of,
            } => {
                target.clear_spans();
                actual.clear_spans();
                as_of.clear_spans();
            }
        }
    }
}

impl ClearSpans for FactLiteral {
    fn clear_spans(&mut self) {
        match self {
            FactLiteral::Quantity(q) => q.clear_spans(),
            FactLiteral::Date(d) => d.clear_spans(),
            FactLiteral::Name(n) => n.clear_spans(),
        }
    }
}

impl ClearSpans for Expectation {
    fn clear_spans(&mut self) {
        match self {
            Expectation::Amount(a) => a.clear_spans(),
            Expectation::Date(d) => d.clear_spans(),
            Expectation::Names(n) => n.clear_spans(),
        }
    }
}

impl ClearSpans for Deadline {
    fn clear_spans(&mut self) {
        match self {
            Deadline::By {
                date,
                before: _,
                span,
            } => {
                date.clear_spans();
                span.clear_spans();
            }
            Deadline::WithinYear { span } => span.clear_spans(),
            Deadline::Event { event, span } => {
                event.clear_spans();
                span.clear_spans();
            }
            Deadline::Ongoing { text: _, span } => span.clear_spans(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ClearSpans;

    #[test]
    fn layout_aside_two_parses_are_equal() {
        let a = "部门 省财政厅\n目标 脱贫人数 { 目标值：1000万人；时限：2020年底 }\n";
        let b = "部门   省财政厅；\n\n目标 脱贫人数 {\n  目标值：1000万人\n  时限：2020年底\n}\n";
        let mut a = crate::syntax::parse(a, "").document;
        let mut b = crate::syntax::parse(b, "").document;
        assert_ne!(a, b, "the spans differ");
        a.clear_spans();
        b.clear_spans();
        assert_eq!(a, b);
        assert_eq!(a.span, crate::diagnostic::Span::default());
    }
}
