//! The values written in a document — dates, quantities, breakdowns, a scheme's 总分 — each with
//! the role it plays, for hover, inlay hints and semantic tokens.

use crate::ast::*;
use crate::diagnostic::Span;

/// What a date is in its item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DateRole {
    /// A deadline, 完成, 截至, 成文日期: the day it names (the last day of a month or year).
    Day,
    /// The first day of a window (阶段的时间): 5月 starts on the 1st.
    WindowStart,
}

#[derive(Clone, Copy, Debug)]
pub(crate) enum Literal<'a> {
    Date(&'a DateExpr, DateRole),
    Quantity(&'a QuantityLit),
    /// A target's 分年度 or 分项, by the target.
    Breakdown(&'a Target, &'a Breakdown),
    /// A scheme's 总分.
    Total(&'a Assessment, &'a QuantityLit),
}

impl Literal<'_> {
    pub fn span(&self) -> Span {
        match self {
            Literal::Date(d, _) => d.span,
            Literal::Quantity(q) => q.span,
            Literal::Breakdown(_, b) => b.span,
            Literal::Total(_, q) => q.span,
        }
    }
}

/// Every value of the document, in no particular order.
pub(crate) fn literals(doc: &Document) -> Vec<Literal<'_>> {
    let mut c = Collect { out: Vec::new() };
    for item in &doc.items {
        c.item(item);
    }
    c.out
}

/// The innermost value whose span holds `offset` (a date before the quantities it holds).
pub(crate) fn literal_at(doc: &Document, offset: usize) -> Option<Literal<'_>> {
    literals(doc)
        .into_iter()
        .filter(|l| {
            let s = l.span();
            s.start <= offset && offset < s.end.max(s.start + 1)
        })
        .min_by_key(|l| l.span().len())
}

struct Collect<'a> {
    out: Vec<Literal<'a>>,
}

impl<'a> Collect<'a> {
    fn date(&mut self, d: &'a DateExpr) {
        self.out.push(Literal::Date(d, DateRole::Day));
    }

    fn quantity(&mut self, q: &'a QuantityLit) {
        self.out.push(Literal::Quantity(q));
    }

    fn deadline(&mut self, d: &'a Deadline) {
        if let Some(date) = d.date() {
            self.date(date);
        }
    }

    fn amount(&mut self, a: &'a Amount) {
        match a {
            Amount::Bounded { quantity, .. } => self.quantity(quantity),
            Amount::Range { low, high, .. } => {
                self.quantity(low);
                self.quantity(high);
            }
            Amount::RatioRange { low, high, .. } => {
                for r in [low, high] {
                    self.quantity(&r.left);
                    self.quantity(&r.right);
                }
            }
            Amount::Share { rate, .. } => self.quantity(rate),
            Amount::Change { from, to, .. } => {
                self.quantity(from);
                self.quantity(to);
            }
        }
    }

    fn case(&mut self, c: &'a TierCase) {
        if let TierCase::Interval { interval } = c {
            self.amount(interval);
        }
    }

    fn breakdown(&mut self, b: &'a Breakdown) {
        for p in &b.parts {
            self.quantity(&p.quantity);
        }
    }

    fn item(&mut self, item: &'a Item) {
        match item {
            Item::Header(h) => {
                for d in [&h.date, &h.effective, &h.published].into_iter().flatten() {
                    self.date(d);
                }
                for r in h.basis.iter().chain(&h.repeals) {
                    if let Some(d) = &r.date {
                        self.date(d);
                    }
                }
            }
            Item::Scope(s) => {
                for q in s.count.iter().chain(&s.also) {
                    self.quantity(q);
                }
            }
            Item::Target(t) => self.target(t),
            Item::Standard(s) => self.standard(s),
            Item::Measure(m) => self.measure(m),
            Item::Schedule(s) => {
                if let Some(q) = &s.length {
                    self.quantity(q);
                }
                let windows = s
                    .phases
                    .iter()
                    .flat_map(|p| std::iter::once(&p.window).chain(&p.campaign))
                    .chain(&s.campaign);
                for w in windows {
                    self.window(w);
                }
                for p in &s.phases {
                    for m in &p.measures {
                        self.measure(m);
                    }
                }
                for m in &s.measures {
                    self.measure(m);
                }
            }
            Item::Assessment(a) => {
                if let Some(total) = &a.total {
                    self.out.push(Literal::Total(a, total));
                    self.quantity(total);
                }
                for e in &a.entries {
                    self.entry(e);
                }
                for adj in &a.adjustments {
                    self.quantity(&adj.points);
                }
            }
            Item::Example(e) => {
                match &e.query {
                    ExampleQuery::Due { as_of, .. } => self.date(as_of),
                    ExampleQuery::Progress { actual, as_of, .. } => {
                        self.breakdown(actual);
                        if let Some(d) = as_of {
                            self.date(d);
                        }
                    }
                    ExampleQuery::Eval { .. } | ExampleQuery::Score { .. } => {}
                }
                for g in &e.given {
                    match &g.value {
                        FactLiteral::Quantity(q) => self.quantity(q),
                        FactLiteral::Date(d) => self.date(d),
                        FactLiteral::Name(_) => {}
                    }
                }
                match &e.expect {
                    Some(Expectation::Amount(a)) => self.amount(a),
                    Some(Expectation::Date(d)) => self.date(d),
                    _ => {}
                }
            }
            Item::Department(_) | Item::DepartmentClass(_) | Item::Fact(_) => {}
        }
    }

    fn window(&mut self, w: &'a Window) {
        self.out
            .push(Literal::Date(&w.start, DateRole::WindowStart));
        if let Some(end) = &w.end {
            if end.span != w.start.span {
                self.date(end);
            }
        }
    }

    fn entry(&mut self, e: &'a AssessEntry) {
        if let Some(p) = &e.points {
            self.quantity(p);
        }
        for c in &e.children {
            self.entry(c);
        }
    }

    fn target(&mut self, t: &'a Target) {
        match &t.value {
            Some(TargetValue::Amount(a)) => self.amount(a),
            Some(TargetValue::Relative { change, .. }) => self.amount(change),
            _ => {}
        }
        if let Some(d) = &t.deadline {
            self.deadline(d);
        }
        if let Some(b) = &t.breakdown {
            self.out.push(Literal::Breakdown(t, b));
            self.breakdown(b);
        }
        for b in [&t.milestones, &t.levels].into_iter().flatten() {
            self.breakdown(b);
        }
        if let Some(r) = &t.rate {
            self.amount(&r.amount);
        }
        for op in [&t.numerator, &t.denominator].into_iter().flatten() {
            if let Operand::Figure(q) = op {
                self.quantity(q);
            }
        }
    }

    fn standard(&mut self, s: &'a Standard) {
        if let Some(a) = &s.amount {
            self.amount(a);
        }
        if let Some(t) = &s.tiers {
            for row in &t.rows {
                self.case(&row.when);
                self.amount(&row.amount);
            }
        }
        for c in &s.conditions {
            self.case(&c.test);
        }
        for q in [&s.floor, &s.cap].into_iter().flatten() {
            self.quantity(q);
        }
        if let Some(d) = &s.since {
            self.date(d);
        }
    }

    fn measure(&mut self, m: &'a Measure) {
        if let Some(d) = &m.deadline {
            self.deadline(d);
        }
        if let Some(d) = &m.completed {
            self.date(d);
        }
        for c in &m.children {
            self.measure(c);
        }
        for t in &m.targets {
            self.target(t);
        }
        for s in &m.standards {
            self.standard(s);
        }
    }
}
