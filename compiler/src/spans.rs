//! Every span of an AST node, in one walk: cleared, so that two parses compare by what they say
//! ([`PartialEq`]) whatever their layout (the formatter's check that it changed nothing but
//! layout), or moved, when an edit earlier in the file moved the node (the incremental check).
//!
//! Each struct is destructured without `..`, so a field added to the AST without being listed
//! here is a compile error rather than a span left out of the walk.

use crate::ast::*;
use crate::diagnostic::Span;
use zhengce_runtime::{Quantity, Scale, Unit};

pub(crate) trait EachSpan {
    /// Calls `f` on every span of the node.
    fn each_span(&mut self, f: &mut dyn FnMut(&mut Span));

    /// Sets every span to the empty span at 0.
    fn clear_spans(&mut self) {
        self.each_span(&mut |s| *s = Span::default());
    }

    /// Moves every span by `delta` bytes.
    fn shift_spans(&mut self, delta: isize) {
        self.each_span(&mut |s| {
            s.start = s.start.saturating_add_signed(delta);
            s.end = s.end.saturating_add_signed(delta);
        });
    }
}

impl EachSpan for Span {
    fn each_span(&mut self, f: &mut dyn FnMut(&mut Span)) {
        f(self);
    }
}

impl<T: EachSpan> EachSpan for Option<T> {
    fn each_span(&mut self, f: &mut dyn FnMut(&mut Span)) {
        if let Some(x) = self {
            x.each_span(f);
        }
    }
}

impl<T: EachSpan> EachSpan for Vec<T> {
    fn each_span(&mut self, f: &mut dyn FnMut(&mut Span)) {
        for x in self {
            x.each_span(f);
        }
    }
}

impl<T: EachSpan> EachSpan for Box<T> {
    fn each_span(&mut self, f: &mut dyn FnMut(&mut Span)) {
        (**self).each_span(f);
    }
}

/// Values without spans.
macro_rules! no_spans {
    ($($ty:ty),* $(,)?) => {
        $(impl EachSpan for $ty {
            fn each_span(&mut self, _: &mut dyn FnMut(&mut Span)) {}
        })*
    };
}

no_spans!(String, bool, i32, u8, Quantity, Scale, Unit, Comparator, Direction, DatePart);

/// Structs: every field, by name.
macro_rules! fields {
    ($($ty:ident { $($field:ident),* $(,)? })*) => {
        $(impl EachSpan for $ty {
            fn each_span(&mut self, f: &mut dyn FnMut(&mut Span)) {
                let $ty { $($field),* } = self;
                $($field.each_span(f);)*
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

impl EachSpan for Item {
    fn each_span(&mut self, f: &mut dyn FnMut(&mut Span)) {
        match self {
            Item::Header(x) => x.each_span(f),
            Item::Department(x) => x.each_span(f),
            Item::DepartmentClass(x) => x.each_span(f),
            Item::Scope(x) => x.each_span(f),
            Item::Fact(x) => x.each_span(f),
            Item::Target(x) => x.each_span(f),
            Item::Standard(x) => x.each_span(f),
            Item::Measure(x) => x.each_span(f),
            Item::Schedule(x) => x.each_span(f),
            Item::Assessment(x) => x.each_span(f),
            Item::Example(x) => x.each_span(f),
        }
    }
}

impl EachSpan for FactType {
    fn each_span(&mut self, f: &mut dyn FnMut(&mut Span)) {
        match self {
            FactType::Category { values } => values.each_span(f),
            FactType::Quantity {
                scale: _,
                unit: _,
                span,
            }
            | FactType::Date { span } => span.each_span(f),
        }
    }
}

impl EachSpan for TargetValue {
    fn each_span(&mut self, f: &mut dyn FnMut(&mut Span)) {
        match self {
            TargetValue::Amount(a) => a.each_span(f),
            TargetValue::Relative {
                base_year,
                direction: _,
                change,
                span,
            } => {
                base_year.each_span(f);
                change.each_span(f);
                span.each_span(f);
            }
            TargetValue::Coverage {
                aspirational: _,
                span,
            } => span.each_span(f),
            TargetValue::Qualitative {
                comparator: _,
                reference,
                aspirational: _,
                span,
            } => {
                reference.each_span(f);
                span.each_span(f);
            }
        }
    }
}

impl EachSpan for Amount {
    fn each_span(&mut self, f: &mut dyn FnMut(&mut Span)) {
        match self {
            Amount::Bounded {
                comparator: _,
                comparator_span,
                quantity,
                aspirational: _,
                span,
            } => {
                comparator_span.each_span(f);
                quantity.each_span(f);
                span.each_span(f);
            }
            Amount::Range { low, high, span } => {
                low.each_span(f);
                high.each_span(f);
                span.each_span(f);
            }
            Amount::RatioRange { low, high, span } => {
                low.each_span(f);
                high.each_span(f);
                span.each_span(f);
            }
            Amount::Share {
                base,
                rate,
                comparator: _,
                span,
            } => {
                base.each_span(f);
                rate.each_span(f);
                span.each_span(f);
            }
            Amount::Change {
                from,
                to,
                direction: _,
                verb,
                span,
            } => {
                from.each_span(f);
                to.each_span(f);
                verb.each_span(f);
                span.each_span(f);
            }
        }
    }
}

impl EachSpan for Operand {
    fn each_span(&mut self, f: &mut dyn FnMut(&mut Span)) {
        match self {
            Operand::Figure(q) => q.each_span(f),
            Operand::Named(n) => n.each_span(f),
        }
    }
}

impl EachSpan for PartKey {
    fn each_span(&mut self, f: &mut dyn FnMut(&mut Span)) {
        match self {
            PartKey::Year {
                year: _,
                suffix: _,
                span,
            } => span.each_span(f),
            PartKey::Name(n) => n.each_span(f),
        }
    }
}

impl EachSpan for TierCase {
    fn each_span(&mut self, f: &mut dyn FnMut(&mut Span)) {
        match self {
            TierCase::Values { values } => values.each_span(f),
            TierCase::Interval { interval } => interval.each_span(f),
            TierCase::Otherwise { span } => span.each_span(f),
        }
    }
}

impl EachSpan for ExampleQuery {
    fn each_span(&mut self, f: &mut dyn FnMut(&mut Span)) {
        match self {
            ExampleQuery::Eval { rule } => rule.each_span(f),
            ExampleQuery::Due { as_of, department } => {
                as_of.each_span(f);
                department.each_span(f);
            }
            ExampleQuery::Score { scheme } => scheme.each_span(f),
            ExampleQuery::Progress {
                target,
                actual,
                as_of,
            } => {
                target.each_span(f);
                actual.each_span(f);
                as_of.each_span(f);
            }
        }
    }
}

impl EachSpan for FactLiteral {
    fn each_span(&mut self, f: &mut dyn FnMut(&mut Span)) {
        match self {
            FactLiteral::Quantity(q) => q.each_span(f),
            FactLiteral::Date(d) => d.each_span(f),
            FactLiteral::Name(n) => n.each_span(f),
        }
    }
}

impl EachSpan for Expectation {
    fn each_span(&mut self, f: &mut dyn FnMut(&mut Span)) {
        match self {
            Expectation::Amount(a) => a.each_span(f),
            Expectation::Date(d) => d.each_span(f),
            Expectation::Names(n) => n.each_span(f),
        }
    }
}

impl EachSpan for Deadline {
    fn each_span(&mut self, f: &mut dyn FnMut(&mut Span)) {
        match self {
            Deadline::By {
                date,
                before: _,
                span,
            } => {
                date.each_span(f);
                span.each_span(f);
            }
            Deadline::WithinYear { span } => span.each_span(f),
            Deadline::Event { event, span } => {
                event.each_span(f);
                span.each_span(f);
            }
            Deadline::Ongoing { text: _, span } => span.each_span(f),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::EachSpan;

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
