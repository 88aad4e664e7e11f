//! Symbol tables and flattened views of a document, so each check is a loop, not a tree walk.

use crate::ast::*;
use std::collections::hash_map::{Entry, HashMap};

/// A department or a class of departments, as a name resolves to it.
#[derive(Clone, Copy, Debug)]
pub(crate) enum DeptRef<'a> {
    Department(&'a Department),
    Class(&'a DepartmentClass),
}

impl<'a> DeptRef<'a> {
    /// The name the body was declared under (aliases resolve to it).
    pub fn canonical(&self) -> &'a str {
        match self {
            DeptRef::Department(d) => &d.name.text,
            DeptRef::Class(c) => &c.name.text,
        }
    }
}

/// Everything a document defines, by name. The first definition wins; `names` reports the rest.
#[derive(Default)]
pub(crate) struct Symbols<'a> {
    /// Every department or class name and alias → what it names.
    pub departments: Table<'a, DeptRef<'a>>,
    pub scopes: Table<'a, &'a Scope>,
    pub facts: Table<'a, &'a FactDecl>,
    pub targets: Table<'a, &'a Target>,
    pub standards: Table<'a, &'a Standard>,
    pub schemes: Table<'a, &'a Assessment>,
    pub measures: Table<'a, &'a Measure>,
}

/// The checker's one hash: std's SipHash with random keys, as a policy repository's CI checks what
/// anyone proposes and a file could be written to make names collide.
pub(crate) type TableHash = std::collections::hash_map::RandomState;

/// Names → definitions, in the order first defined. Every table shares one `HashMap` type (name
/// → position), so the map's code is compiled once, not once per kind of definition (which
/// weighed 10 KB in the browser's wasm).
pub(crate) struct Table<'a, V> {
    positions: HashMap<&'a str, usize, TableHash>,
    names: Vec<&'a str>,
    values: Vec<V>,
}

impl<V> Default for Table<'_, V> {
    fn default() -> Self {
        Table {
            positions: HashMap::default(),
            names: Vec::new(),
            values: Vec::new(),
        }
    }
}

impl<'a, V> Table<'a, V> {
    /// Adds `name` unless it is already there: the first definition wins.
    pub fn add(&mut self, name: &'a str, value: V) {
        if let Entry::Vacant(e) = self.positions.entry(name) {
            e.insert(self.values.len());
            self.names.push(name);
            self.values.push(value);
        }
    }

    /// Sets `name`: the last definition wins (as `collect` into a `HashMap` does).
    pub fn insert(&mut self, name: &'a str, value: V) {
        match self.positions.entry(name) {
            Entry::Occupied(e) => self.values[*e.get()] = value,
            Entry::Vacant(e) => {
                e.insert(self.values.len());
                self.names.push(name);
                self.values.push(value);
            }
        }
    }

    pub fn get(&self, name: &str) -> Option<&V> {
        self.positions.get(name).map(|&i| &self.values[i])
    }

    pub fn contains_key(&self, name: &str) -> bool {
        self.positions.contains_key(name)
    }

    /// How many names.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// The names, in the order they were first defined.
    pub fn keys(&self) -> std::slice::Iter<'_, &'a str> {
        self.names.iter()
    }
}

impl<'a> Symbols<'a> {
    pub fn collect(doc: &'a Document) -> Symbols<'a> {
        let mut s = Symbols::default();
        for item in &doc.items {
            match item {
                Item::Department(d) => {
                    s.departments.add(&d.name.text, DeptRef::Department(d));
                    for a in &d.aliases {
                        s.departments.add(&a.text, DeptRef::Department(d));
                    }
                }
                Item::DepartmentClass(c) => {
                    s.departments.add(&c.name.text, DeptRef::Class(c));
                    for a in &c.aliases {
                        s.departments.add(&a.text, DeptRef::Class(c));
                    }
                }
                Item::Scope(x) => {
                    s.scopes.add(&x.name.text, x);
                }
                Item::Fact(x) => {
                    s.facts.add(&x.name.text, x);
                }
                Item::Assessment(x) => {
                    s.schemes.add(&x.name.text, x);
                }
                _ => {}
            }
        }
        for t in targets(doc) {
            s.targets.add(&t.target.name.text, t.target);
        }
        for st in standards(doc) {
            s.standards.add(&st.name.text, st);
        }
        for m in measures(doc) {
            s.measures.add(&m.measure.name.text, m.measure);
        }
        s
    }
}

/// A measure with where it stands: its parent measure and the phase or schedule around it.
///
/// Parent and schedule are given by position, so that a pass keeps what it learns of each
/// measure in a `Vec` beside the list and finds the parent's entry by index (rather than in a map
/// keyed by the node's address).
#[derive(Clone, Copy)]
pub(crate) struct MeasureAt<'a> {
    pub measure: &'a Measure,
    /// The parent's position in the list [`measures`] returns (always before this one).
    pub parent_index: Option<usize>,
    pub phase: Option<&'a Phase>,
    /// The schedule's position among [`schedules`].
    pub schedule_index: Option<usize>,
}

/// Every measure of the document, parents before children, in source order.
pub(crate) fn measures(doc: &Document) -> Vec<MeasureAt<'_>> {
    #[derive(Clone, Copy)]
    struct Around<'a> {
        parent: Option<usize>,
        phase: Option<&'a Phase>,
        schedule: Option<usize>,
    }
    fn visit<'a>(m: &'a Measure, around: Around<'a>, out: &mut Vec<MeasureAt<'a>>) {
        let index = out.len();
        out.push(MeasureAt {
            measure: m,
            parent_index: around.parent,
            phase: around.phase,
            schedule_index: around.schedule,
        });
        for c in &m.children {
            let parent = Some(index);
            visit(c, Around { parent, ..around }, out);
        }
    }
    let mut out = Vec::new();
    let top = Around {
        parent: None,
        phase: None,
        schedule: None,
    };
    // Schedules are numbered in item order, as `schedules` yields them.
    let mut schedule_count = 0;
    for item in &doc.items {
        match item {
            Item::Measure(m) => visit(m, top, &mut out),
            Item::Schedule(s) => {
                let schedule = Some(schedule_count);
                schedule_count += 1;
                for m in &s.measures {
                    visit(m, Around { schedule, ..top }, &mut out);
                }
                for p in &s.phases {
                    let phase = Some(p);
                    for m in &p.measures {
                        visit(
                            m,
                            Around {
                                phase,
                                schedule,
                                ..top
                            },
                            &mut out,
                        );
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// A target with the position (in [`measures`]) of the measure it is stated in, if any.
#[derive(Clone, Copy)]
pub(crate) struct TargetAt<'a> {
    pub target: &'a Target,
    /// The measure's position in the list [`measures`] returns.
    pub measure_index: Option<usize>,
}

/// Every target of the document, top-level and inside measures.
pub(crate) fn targets(doc: &Document) -> Vec<TargetAt<'_>> {
    let mut out = Vec::new();
    for item in &doc.items {
        if let Item::Target(t) = item {
            out.push(TargetAt {
                target: t,
                measure_index: None,
            });
        }
    }
    for (k, m) in measures(doc).into_iter().enumerate() {
        for t in &m.measure.targets {
            out.push(TargetAt {
                target: t,
                measure_index: Some(k),
            });
        }
    }
    out
}

/// Every standard or subsidy of the document, top-level and inside measures.
pub(crate) fn standards(doc: &Document) -> Vec<&Standard> {
    let mut out = Vec::new();
    for item in &doc.items {
        if let Item::Standard(s) = item {
            out.push(s);
        }
    }
    for m in measures(doc) {
        out.extend(m.measure.standards.iter());
    }
    out
}

/// Every example of the document.
pub(crate) fn examples(doc: &Document) -> impl Iterator<Item = &Example> {
    doc.items.iter().filter_map(|i| match i {
        Item::Example(e) => Some(e),
        _ => None,
    })
}

/// Every assessment scheme of the document.
pub(crate) fn schemes(doc: &Document) -> impl Iterator<Item = &Assessment> {
    doc.items.iter().filter_map(|i| match i {
        Item::Assessment(a) => Some(a),
        _ => None,
    })
}

/// Every schedule of the document.
pub(crate) fn schedules(doc: &Document) -> impl Iterator<Item = &Schedule> {
    doc.items.iter().filter_map(|i| match i {
        Item::Schedule(s) => Some(s),
        _ => None,
    })
}

/// Every 原文 quote in the document, wherever it stands.
pub(crate) fn quotes(doc: &Document) -> Vec<&Text> {
    fn measure<'a>(m: &'a Measure, out: &mut Vec<&'a Text>) {
        out.extend(m.quotes.iter());
        for t in &m.targets {
            out.extend(t.quotes.iter());
        }
        for s in &m.standards {
            standard(s, out);
        }
        for c in &m.children {
            measure(c, out);
        }
    }
    fn standard<'a>(s: &'a Standard, out: &mut Vec<&'a Text>) {
        out.extend(s.quotes.iter());
        if let Some(t) = &s.tiers {
            out.extend(t.quotes.iter());
        }
    }
    fn entry<'a>(e: &'a AssessEntry, out: &mut Vec<&'a Text>) {
        out.extend(e.quotes.iter());
        for c in &e.children {
            entry(c, out);
        }
    }
    let mut out = Vec::new();
    for item in &doc.items {
        match item {
            Item::Header(h) => out.extend(h.quotes.iter()),
            Item::Scope(s) => out.extend(s.quotes.iter()),
            Item::Target(t) => out.extend(t.quotes.iter()),
            Item::Standard(s) => standard(s, &mut out),
            Item::Measure(m) => measure(m, &mut out),
            Item::Schedule(s) => {
                out.extend(s.quotes.iter());
                for p in &s.phases {
                    out.extend(p.quotes.iter());
                    for m in &p.measures {
                        measure(m, &mut out);
                    }
                }
                for m in &s.measures {
                    measure(m, &mut out);
                }
            }
            Item::Assessment(a) => {
                out.extend(a.quotes.iter());
                for e in &a.entries {
                    entry(e, &mut out);
                }
                for adj in &a.adjustments {
                    out.extend(adj.quotes.iter());
                }
            }
            Item::Example(e) => out.extend(e.quotes.iter()),
            Item::Department(_) | Item::DepartmentClass(_) | Item::Fact(_) => {}
        }
    }
    out
}
