//! Every name written in the policy set, with what it names: the table behind go to definition,
//! references, rename, hover and the names' semantic tokens.
//!
//! A name is resolved the way the checker resolves it (`check::names`): departments and their
//! aliases through the document's symbols, a share's base as a fact or else a rule, a 依据 as
//! the document of the set with that 文号 or title (`check::crossdoc`). Items of one kind and
//! one name are the same thing across the set's documents (the checker compares them by name
//! across documents too), so references and rename reach every file.

use crate::ast::*;
use crate::check::{measures, standards, targets, DeptRef, DocCtx, DocIndex};
use crate::diagnostic::Span;

/// What a name names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SymbolKind {
    /// A document of the set: its 文件《title》, or a 依据/废止 citing it.
    Document,
    Department,
    DepartmentClass,
    Scope,
    Fact,
    /// One value of a category fact (深度贫困县 of 县类别).
    FactValue,
    Target,
    /// A 标准 or 补助: what 求 evaluates.
    Rule,
    Measure,
    Schedule,
    Phase,
    /// A 考核 scheme.
    Scheme,
    AssessEntry,
    Adjustment,
    Example,
}

impl SymbolKind {
    /// The word the language and the messages use.
    pub fn word(self) -> &'static str {
        match self {
            SymbolKind::Document => "文件",
            SymbolKind::Department => "部门",
            SymbolKind::DepartmentClass => "部门类",
            SymbolKind::Scope => "范围",
            SymbolKind::Fact => "事实",
            SymbolKind::FactValue => "取值",
            SymbolKind::Target => "目标",
            SymbolKind::Rule => "标准",
            SymbolKind::Measure => "措施",
            SymbolKind::Schedule => "步骤",
            SymbolKind::Phase => "阶段",
            SymbolKind::Scheme => "考核",
            SymbolKind::AssessEntry => "项",
            SymbolKind::Adjustment => "调整",
            SymbolKind::Example => "例",
        }
    }

    /// Kinds that share one namespace: a department and a class of departments are named in
    /// the same lists (牵头, 责任单位) and the checker keeps them in one table.
    fn namespace(self) -> SymbolKind {
        match self {
            SymbolKind::DepartmentClass => SymbolKind::Department,
            other => other,
        }
    }
}

/// One name as written at one place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Occurrence {
    pub file: usize,
    /// The whole name as written, 「」 included.
    pub span: Span,
    pub kind: SymbolKind,
    /// What it names across the set: the declared name (an alias gives its body's name); a fact
    /// value `fact\u{1f}value`; a document the file it resolves to.
    pub key: String,
    /// The name as written (full-width brackets folded, as the parser reads it).
    pub text: String,
    /// Where the thing is defined (its item's name), not used.
    pub definition: bool,
    /// Whether the name resolves to a definition in its document (or, for 依据, in the set).
    pub resolved: bool,
}

impl Occurrence {
    /// Whether two occurrences name the same thing.
    pub fn same_symbol(&self, other: &Occurrence) -> bool {
        self.kind.namespace() == other.kind.namespace() && self.key == other.key
    }
}

/// Every occurrence of the set, by file, each file's in source order.
#[derive(Debug, Default)]
pub struct Index {
    pub by_file: Vec<Vec<Occurrence>>,
}

impl Index {
    pub(crate) fn new(docs: &[DocCtx]) -> Index {
        let documents = DocIndex::new(docs);
        let by_file = docs
            .iter()
            .enumerate()
            .map(|(file, cx)| {
                let mut w = Walker {
                    cx,
                    file,
                    documents: &documents,
                    docs,
                    out: Vec::new(),
                };
                w.document();
                let mut out = w.out;
                zhengce_runtime::sort::sort_by_key(&mut out, |o| (o.span.start, o.span.end));
                out
            })
            .collect();
        Index { by_file }
    }

    /// The occurrence at `offset` in `file` (touching its start or end counts, so a cursor
    /// just after a name still finds it).
    pub fn at(&self, file: usize, offset: usize) -> Option<&Occurrence> {
        let list = self.by_file.get(file)?;
        let k = list.partition_point(|o| o.span.start <= offset);
        list[..k]
            .iter()
            .rev()
            .take(4)
            .find(|o| o.span.start <= offset && offset <= o.span.end)
    }

    /// Every occurrence naming what `of` names, in file then source order.
    pub fn all_of<'s>(&'s self, of: &'s Occurrence) -> impl Iterator<Item = &'s Occurrence> {
        self.by_file.iter().flatten().filter(|o| o.same_symbol(of))
    }

    /// The definitions of what `of` names: in its own file first; an alias written as such
    /// goes to the 又称 that declares it.
    pub fn definitions_of<'s>(&'s self, of: &'s Occurrence) -> Vec<&'s Occurrence> {
        let defs: Vec<&Occurrence> = self.all_of(of).filter(|o| o.definition).collect();
        let same_text: Vec<&Occurrence> =
            defs.iter().copied().filter(|o| o.text == of.text).collect();
        let defs = if same_text.is_empty() {
            defs
        } else {
            same_text
        };
        let local: Vec<&Occurrence> = defs.iter().copied().filter(|o| o.file == of.file).collect();
        if local.is_empty() {
            defs
        } else {
            local
        }
    }
}

struct Walker<'w, 'a> {
    cx: &'w DocCtx<'a>,
    file: usize,
    documents: &'w DocIndex<'w, 'a>,
    docs: &'w [DocCtx<'a>],
    out: Vec<Occurrence>,
}

impl Walker<'_, '_> {
    fn push(&mut self, name: &Name, kind: SymbolKind, key: &str, definition: bool, resolved: bool) {
        if name.text.is_empty() {
            return;
        }
        self.out.push(Occurrence {
            file: self.file,
            span: name.span,
            kind,
            key: key.to_string(),
            text: name.text.clone(),
            definition,
            resolved,
        });
    }

    fn define(&mut self, name: &Name, kind: SymbolKind) {
        self.push(name, kind, &name.text, true, true);
    }

    fn document(&mut self) {
        let doc = self.cx.doc;
        for item in &doc.items {
            match item {
                Item::Header(h) => self.header(h),
                Item::Department(d) => {
                    self.define(&d.name, SymbolKind::Department);
                    for a in &d.aliases {
                        self.push(a, SymbolKind::Department, &d.name.text, true, true);
                    }
                }
                Item::DepartmentClass(c) => {
                    self.define(&c.name, SymbolKind::DepartmentClass);
                    for a in &c.aliases {
                        self.push(a, SymbolKind::DepartmentClass, &c.name.text, true, true);
                    }
                    if let Some(members) = &c.members {
                        self.departments(members);
                    }
                }
                Item::Scope(s) => self.define(&s.name, SymbolKind::Scope),
                Item::Fact(f) => {
                    self.define(&f.name, SymbolKind::Fact);
                    if let FactType::Category { values } = &f.ty {
                        for v in &values.names {
                            let key = value_key(&f.name.text, &v.text);
                            self.push(v, SymbolKind::FactValue, &key, true, true);
                        }
                    }
                }
                Item::Schedule(s) => {
                    self.define(&s.name, SymbolKind::Schedule);
                    for p in &s.phases {
                        self.define(&p.name, SymbolKind::Phase);
                    }
                }
                Item::Assessment(a) => {
                    self.define(&a.name, SymbolKind::Scheme);
                    for e in &a.entries {
                        self.entry(e);
                    }
                    for adj in &a.adjustments {
                        self.define(&adj.name, SymbolKind::Adjustment);
                    }
                }
                Item::Example(e) => self.example(e),
                Item::Target(_) | Item::Standard(_) | Item::Measure(_) => {}
            }
        }
        for m in measures(doc) {
            let m = m.measure;
            self.define(&m.name, SymbolKind::Measure);
            self.duties(&m.duties);
            if let Some(scope) = &m.scope {
                self.scopes(scope);
            }
            self.links(&m.links);
        }
        for t in targets(doc) {
            let t = t.target;
            self.define(&t.name, SymbolKind::Target);
            self.duties(&t.duties);
            if let Some(scope) = &t.scope {
                self.scopes(scope);
            }
            self.links(&t.links);
            for op in [&t.numerator, &t.denominator].into_iter().flatten() {
                if let Operand::Named(n) = op {
                    let s = &self.cx.symbols;
                    if s.targets.contains_key(n.text.as_str()) {
                        self.push(n, SymbolKind::Target, &n.text, false, true);
                    } else {
                        let resolved = s.scopes.contains_key(n.text.as_str());
                        self.push(n, SymbolKind::Scope, &n.text, false, resolved);
                    }
                }
            }
        }
        for s in standards(doc) {
            self.standard(s);
        }
    }

    fn header(&mut self, h: &Header) {
        let own = self.docs[self.file].file;
        if !h.title.text.is_empty() {
            self.out.push(Occurrence {
                file: self.file,
                span: h.title.span,
                kind: SymbolKind::Document,
                key: own.to_string(),
                text: h.title.text.clone(),
                definition: true,
                resolved: true,
            });
        }
        if let Some(issuer) = &h.issuer {
            self.departments(issuer);
        }
        for r in h.basis.iter().chain(&h.repeals).chain(&h.relays) {
            let found = self.documents.find(r);
            self.out.push(Occurrence {
                file: self.file,
                span: r.title.span,
                kind: SymbolKind::Document,
                key: found.map_or_else(|| format!("《{}》", r.title.text), |d| d.file.to_string()),
                text: r.title.text.clone(),
                definition: false,
                resolved: found.is_some(),
            });
        }
    }

    /// Whether the scheme has an item (at any depth) of this name.
    fn entry_of(&self, scheme: &str, name: &str) -> bool {
        fn any(entries: &[AssessEntry], name: &str) -> bool {
            entries
                .iter()
                .any(|e| e.name.text == name || any(&e.children, name))
        }
        self.cx.symbols.schemes.get(scheme).is_some_and(|s| {
            any(&s.entries, name) || s.adjustments.iter().any(|a| a.name.text == name)
        })
    }

    /// 同一事项: the measures or targets stating the same work.
    fn links(&mut self, links: &Links) {
        for n in links.same_as.iter().flat_map(|l| &l.names) {
            let s = &self.cx.symbols;
            let (kind, resolved) = if s.measures.contains_key(n.text.as_str()) {
                (SymbolKind::Measure, true)
            } else {
                (SymbolKind::Target, s.targets.contains_key(n.text.as_str()))
            };
            self.push(n, kind, &n.text, false, resolved);
        }
    }

    fn entry(&mut self, e: &AssessEntry) {
        self.define(&e.name, SymbolKind::AssessEntry);
        for c in &e.children {
            self.entry(c);
        }
    }

    fn department(&mut self, name: &Name) {
        match self.cx.symbols.departments.get(name.text.as_str()) {
            Some(d) => {
                let kind = match d {
                    DeptRef::Department(_) => SymbolKind::Department,
                    DeptRef::Class(_) => SymbolKind::DepartmentClass,
                };
                let key = d.canonical();
                self.push(name, kind, key, false, true);
            }
            None => self.push(name, SymbolKind::Department, &name.text, false, false),
        }
    }

    fn departments(&mut self, list: &NameList) {
        for n in &list.names {
            self.department(n);
        }
    }

    fn duties(&mut self, d: &Duties) {
        for list in [&d.lead, &d.responsible].into_iter().flatten() {
            self.departments(list);
        }
    }

    fn scopes(&mut self, list: &NameList) {
        for n in &list.names {
            let resolved = self.cx.symbols.scopes.contains_key(n.text.as_str());
            self.push(n, SymbolKind::Scope, &n.text, false, resolved);
        }
    }

    fn fact(&mut self, name: &Name) -> bool {
        let resolved = self.cx.symbols.facts.contains_key(name.text.as_str());
        self.push(name, SymbolKind::Fact, &name.text, false, resolved);
        resolved
    }

    fn values(&mut self, fact: &Name, values: &NameList) {
        for v in &values.names {
            let resolved = match self.cx.symbols.facts.get(fact.text.as_str()) {
                Some(f) => match &f.ty {
                    FactType::Category { values } => values.names.iter().any(|x| x.text == v.text),
                    _ => false,
                },
                None => false,
            };
            let key = value_key(&fact.text, &v.text);
            self.push(v, SymbolKind::FactValue, &key, false, resolved);
        }
    }

    fn case(&mut self, fact: &Name, case: &TierCase) {
        if let TierCase::Values { values } = case {
            self.values(fact, values);
        }
    }

    /// A share's base: a fact, or else a rule (项目总投资的20%, 某标准的50%).
    fn amount(&mut self, a: &Amount) {
        if let Amount::Share { base, .. } = a {
            let s = &self.cx.symbols;
            if s.facts.contains_key(base.text.as_str()) {
                self.fact(base);
            } else {
                let resolved = s.standards.contains_key(base.text.as_str());
                self.push(base, SymbolKind::Rule, &base.text, false, resolved);
            }
        }
    }

    fn standard(&mut self, s: &Standard) {
        self.define(&s.name, SymbolKind::Rule);
        self.duties(&s.duties);
        if let Some(scope) = &s.scope {
            self.scopes(scope);
        }
        if let Some(a) = &s.amount {
            self.amount(a);
        }
        if let Some(t) = &s.tiers {
            self.fact(&t.by);
            for row in &t.rows {
                self.case(&t.by, &row.when);
                self.amount(&row.amount);
            }
        }
        for c in &s.conditions {
            self.fact(&c.fact);
            self.case(&c.fact, &c.test);
        }
    }

    fn example(&mut self, e: &Example) {
        self.define(&e.name, SymbolKind::Example);
        let s = &self.cx.symbols;
        match &e.query {
            ExampleQuery::Eval { rule } => {
                let resolved = s.standards.contains_key(rule.text.as_str());
                self.push(rule, SymbolKind::Rule, &rule.text, false, resolved);
            }
            ExampleQuery::Due { department, .. } => {
                if let Some(d) = department {
                    self.department(d);
                }
            }
            ExampleQuery::Score { scheme } => {
                let resolved = s.schemes.contains_key(scheme.text.as_str());
                self.push(scheme, SymbolKind::Scheme, &scheme.text, false, resolved);
            }
            ExampleQuery::Progress { target, .. } => {
                let resolved = s.targets.contains_key(target.text.as_str());
                self.push(target, SymbolKind::Target, &target.text, false, resolved);
            }
        }
        for given in &e.given {
            if let ExampleQuery::Score { scheme } = &e.query {
                // 得分：项=分 names the scheme's items, not facts.
                let key = given.name.text.clone();
                let resolved = self.entry_of(&scheme.text, &key);
                self.push(&given.name, SymbolKind::AssessEntry, &key, false, resolved);
                continue;
            }
            let is_fact = self.fact(&given.name);
            if let FactLiteral::Name(v) = &given.value {
                if is_fact {
                    let list = NameList {
                        names: vec![v.clone()],
                        open: false,
                        span: v.span,
                    };
                    self.values(&given.name, &list);
                }
            }
        }
        if let (ExampleQuery::Due { .. }, Some(Expectation::Names(list))) = (&e.query, &e.expect) {
            for n in &list.names {
                let s = &self.cx.symbols;
                let kind = if s.targets.contains_key(n.text.as_str())
                    && !s.measures.contains_key(n.text.as_str())
                {
                    SymbolKind::Target
                } else {
                    SymbolKind::Measure
                };
                let resolved = s.measures.contains_key(n.text.as_str())
                    || s.targets.contains_key(n.text.as_str());
                self.push(n, kind, &n.text, false, resolved);
            }
        }
    }
}

/// The key of one value of a category fact.
pub(crate) fn value_key(fact: &str, value: &str) -> String {
    format!("{fact}\u{1f}{value}")
}
