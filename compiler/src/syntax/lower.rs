//! Pest pairs → typed AST items: which clauses each item accepts, duplicates, misplaced clauses.

use super::values::empty_name;
use super::Parsed;
use crate::ast::*;
use crate::codes;
use crate::diagnostic::{Diagnostic, Span};
use crate::grammar::Rule;
use crate::lexical::{self, LexError};
use crate::vocabulary::{Entry, Item as Kind, Key};
use pest::iterators::Pair;

/// A clause seen while lowering a block: its key, its key span and its value.
pub(super) struct ClauseRef<'i> {
    key: Key,
    key_span: Span,
    value: Pair<'i, Rule>,
}

/// An item written `关键词 名称 { … }`, taken apart.
pub(super) struct ItemParts<'i> {
    span: Span,
    /// The keyword as written: 目标 or 现状, 标准 or 补助.
    keyword: &'i str,
    /// The number printed before the name (（一）, 1., ①), when the item has one.
    number: Option<Text>,
    /// The name (a header's 《title》), unlowered: a header lowers it as a title.
    name: Option<Pair<'i, Rule>>,
    stmts: Vec<Stmt<'i>>,
}

/// A top-level statement lowered on its own (what an edit of the file may replace).
#[derive(Clone, Debug)]
pub(crate) struct TopStatement {
    /// The statement's text, from its first token to its terminator.
    pub(crate) span: Span,
    pub(crate) items: Vec<Item>,
    /// The diagnostics its lowering reported.
    pub(crate) diags: Vec<Diagnostic>,
    /// The items written in it, nested ones included (what the item limit counts).
    pub(crate) items_within: usize,
}

pub(super) enum Stmt<'i> {
    Clause(ClauseRef<'i>),
    Item(Pair<'i, Rule>),
}

/// A clause's key and its value; `None` when pest left a part out (the grammar's key rules spell
/// exactly the vocabulary's keys: `tests/vocabulary.rs`).
fn clause_ref(p: Pair<Rule>, base: Base) -> Option<ClauseRef> {
    let mut inner = p.into_inner();
    let (key, value) = (inner.next()?, inner.next()?);
    Some(ClauseRef {
        key: Key::from_word(key.as_str())?,
        key_span: base.span(&key),
        value,
    })
}

/// Where something stands, as messages say it: an item's place, or the file's top level.
fn place_words(place: Option<Kind>) -> &'static str {
    place.map_or("文件顶层", Kind::place)
}

/// What `place` takes, from the vocabulary: "目标可用的子句:指标、值、…;可包含的条目:…".
fn accepted_words(place: Option<Kind>) -> String {
    let Some(item) = place else {
        let keys: Vec<&str> = crate::vocabulary::TOP_LEVEL_KEYS
            .iter()
            .map(|k| k.word())
            .collect();
        return format!("文件顶层可用的子句:{}", keys.join("、"));
    };
    let mut words: Vec<&str> = Vec::new();
    for entry in item.entries() {
        match entry {
            Entry::Keys(keys) => words.extend(keys.iter().map(|k| k.word())),
            Entry::Item(nested) => words.push(nested.word()),
        }
    }
    let mut help = format!("{}可用的子句:{}", item.place(), words.join("、"));
    if !item.nested().is_empty() {
        let nested: Vec<&str> = item.nested().iter().map(|i| i.word()).collect();
        help.push_str(&format!(";可包含的条目:{}", nested.join("、")));
    }
    help
}

pub(super) struct Lowerer<'f> {
    pub(super) file: &'f str,
    pub(super) diags: Vec<Diagnostic>,
}

/// Offsets pest's slice-relative positions back into the whole file.
#[derive(Clone, Copy)]
pub(super) struct Base(pub(super) usize);

impl Base {
    pub(super) fn span(self, p: &Pair<Rule>) -> Span {
        let s = p.as_span();
        Span::new(self.0 + s.start(), self.0 + s.end())
    }
}

impl<'f> Lowerer<'f> {
    pub(super) fn finish(mut self, items: Vec<Item>, span: Span) -> Parsed {
        crate::diagnostic::sort_diagnostics(&mut self.diags);
        Parsed {
            document: Document { items, span },
            diagnostics: self.diags,
            directives: Vec::new(),
        }
    }

    /// Lowers the top-level statements of a parsed chunk (the `file` pair at byte `offset`) and
    /// adds them to `items`.
    pub(super) fn file_items(
        &mut self,
        file_pair: Pair<Rule>,
        offset: usize,
        items: &mut Vec<Item>,
    ) {
        let statements = self.top_statements(file_pair, offset);
        self.add_statements(statements, items);
    }

    /// Lowers each top-level statement of a parsed chunk on its own: its items and diagnostics.
    pub(super) fn top_statements(
        &mut self,
        file_pair: Pair<Rule>,
        offset: usize,
    ) -> Vec<TopStatement> {
        let base = Base(offset);
        let mut out = Vec::new();
        for p in file_pair.into_inner() {
            if p.as_rule() == Rule::EOI {
                continue;
            }
            let span = base.span(&p);
            let items_within = p
                .clone()
                .into_inner()
                .flatten()
                .filter(|q| super::is_item_rule(q.as_rule()))
                .count()
                + usize::from(super::is_item_rule(p.as_rule()));
            let before = self.diags.len();
            let items = self.top_statement(p, base);
            let diags = self.diags.split_off(before);
            out.push(TopStatement {
                span,
                items,
                diags,
                items_within,
            });
        }
        out
    }

    /// One top-level statement: an item, or `部门：A、B、C`, which declares several departments.
    fn top_statement(&mut self, p: Pair<Rule>, base: Base) -> Vec<Item> {
        if p.as_rule() != Rule::clause {
            return self.top_item(p, base).into_iter().collect();
        }
        let Some(c) = clause_ref(p, base) else {
            return Vec::new();
        };
        if c.key != Key::Department {
            self.misplaced(&c, None);
            return Vec::new();
        }
        let list = self.name_list(c.value, base);
        list.names
            .into_iter()
            .map(|name| {
                let span = name.span;
                Item::Department(Department {
                    name,
                    aliases: Vec::new(),
                    span,
                })
            })
            .collect()
    }

    /// Adds lowered statements to the file's items, in order, with their diagnostics. One header
    /// per file: a second one would be silently ignored by the checks, so it is reported and
    /// left out.
    pub(super) fn add_statements(&mut self, statements: Vec<TopStatement>, items: &mut Vec<Item>) {
        for statement in statements {
            self.diags.extend(statement.diags);
            for item in statement.items {
                if let Item::Header(second) = &item {
                    let first = items.iter().find_map(|i| match i {
                        Item::Header(h) => Some(h.title.span),
                        _ => None,
                    });
                    if let Some(first) = first {
                        self.diags.push(
                            Diagnostic::error(
                                codes::DUPLICATE_DEFINITION,
                                "文件头重复:一个文件只能有一个「文件《…》{…}」",
                            )
                            .primary(self.file, second.title.span, "第二个文件头")
                            .secondary(self.file, first, "第一个文件头")
                            .help("一个 .zc 文件编码一份文件;另一份文件请写在另一个 .zc 文件中"),
                        );
                        continue;
                    }
                }
                items.push(item);
            }
        }
    }

    pub(super) fn statements<'i>(&mut self, parent: Pair<'i, Rule>, base: Base) -> Vec<Stmt<'i>> {
        let mut out = Vec::new();
        for p in parent.into_inner() {
            match p.as_rule() {
                Rule::clause => out.extend(clause_ref(p, base).map(Stmt::Clause)),
                Rule::EOI => {}
                _ => out.push(Stmt::Item(p)),
            }
        }
        out
    }

    pub(super) fn top_item(&mut self, p: Pair<Rule>, base: Base) -> Option<Item> {
        match p.as_rule() {
            Rule::header_item => Some(Item::Header(self.header(p, base))),
            Rule::dept_item => Some(Item::Department(self.department(p, base))),
            Rule::dept_class_item => Some(Item::DepartmentClass(self.department_class(p, base))),
            Rule::scope_item => Some(Item::Scope(self.scope(p, base))),
            Rule::fact_item => self.fact(p, base).map(Item::Fact),
            Rule::target_item => Some(Item::Target(self.target(p, base))),
            Rule::standard_item => Some(Item::Standard(self.standard(p, base))),
            Rule::measure_item => Some(Item::Measure(self.measure(p, base))),
            Rule::schedule_item => Some(Item::Schedule(self.schedule(p, base))),
            Rule::assessment_item => Some(Item::Assessment(self.assessment(p, base))),
            Rule::example_item => Some(Item::Example(self.example(p, base))),
            _ => {
                self.misplaced_item(&p, base, None);
                None
            }
        }
    }

    // ───────────── diagnostics helpers ─────────────

    pub(super) fn lex_error(&mut self, span: Span, e: LexError) {
        let code = if e.message.starts_with("年份") && e.message.contains("不存在") {
            codes::IMPOSSIBLE_DATE
        } else if e.message.contains("单位") {
            codes::UNKNOWN_UNIT
        } else if e.message.contains("范围") {
            codes::NUMBER_OVERFLOW
        } else {
            codes::BAD_NUMERAL
        };
        let label = if code == codes::NUMBER_OVERFLOW {
            "超出范围"
        } else {
            "无法识别"
        };
        let mut d = Diagnostic::error(code, e.message).primary(self.file, span, label);
        if let Some(h) = e.help {
            d = d.help(h);
        }
        self.diags.push(d);
    }

    /// A clause that `place` (an item, or the file's top level when `None`) does not take; the
    /// help lists what it takes, from the vocabulary.
    pub(super) fn misplaced(&mut self, c: &ClauseRef, place: Option<Kind>) {
        let d = Diagnostic::error(
            codes::MISPLACED_CLAUSE,
            format!("「{}」不能用在{}中", c.key.word(), place_words(place)),
        )
        .primary(self.file, c.key_span, "这里不适用")
        .help(accepted_words(place));
        self.diags.push(d);
    }

    pub(super) fn misplaced_item(&mut self, p: &Pair<Rule>, base: Base, place: Option<Kind>) {
        let kw = p
            .clone()
            .into_inner()
            .next()
            .map(|k| k.as_str().to_string())
            .unwrap_or_default();
        let span = p
            .clone()
            .into_inner()
            .next()
            .map(|k| base.span(&k))
            .unwrap_or_else(|| base.span(p));
        self.diags.push(
            Diagnostic::error(
                codes::MISPLACED_CLAUSE,
                format!("「{kw}」不能用在{}中", place_words(place)),
            )
            .primary(self.file, span, "这里不适用"),
        );
    }

    /// Records a clause, reporting a duplicate instead of silently keeping either.
    pub(super) fn once<T>(
        &mut self,
        slot: &mut Option<(T, Span)>,
        c: &ClauseRef,
        value: Option<T>,
    ) {
        let Some(v) = value else { return };
        if let Some((_, first)) = slot {
            let first = *first;
            self.diags.push(
                Diagnostic::error(
                    codes::DUPLICATE_CLAUSE,
                    format!("「{}」重复出现", c.key.word()),
                )
                .primary(self.file, c.key_span, "第二次出现")
                .secondary(self.file, first, "第一次出现")
                .help("每个条目中此子句只能写一次;如需多个值,请用「、」分隔写在一处"),
            );
            return;
        }
        *slot = Some((v, c.key_span));
    }

    /// Reads a clause's value with `read` and records it with [`Self::once`]. `read` is a plain
    /// function, not a closure, so the wasm holds one copy of this per value type.
    pub(super) fn read_once<'i, T>(
        &mut self,
        slot: &mut Option<(T, Span)>,
        c: &ClauseRef<'i>,
        base: Base,
        read: fn(&mut Self, Pair<'i, Rule>, Base) -> Option<T>,
    ) {
        let v = read(self, c.value.clone(), base);
        self.once(slot, c, v)
    }

    /// [`Self::name_list`] as a reader for [`Self::read_once`].
    fn some_name_list(&mut self, p: Pair<Rule>, base: Base) -> Option<NameList> {
        Some(self.name_list(p, base))
    }

    /// [`Self::text_of`] as a reader for [`Self::read_once`].
    fn some_text(&mut self, p: Pair<Rule>, base: Base) -> Option<Text> {
        Some(self.text_of(&p, base))
    }

    /// The clauses every item block takes besides its own: 原文 (kept as a quote) and 说明
    /// (ignored); any other key is misplaced in `place`.
    fn common_clause(&mut self, c: ClauseRef, base: Base, quotes: &mut Vec<Text>, place: Kind) {
        match c.key {
            Key::Quote => quotes.push(self.quote(c.value, base)),
            Key::Remark => {}
            _ => self.misplaced(&c, Some(place)),
        }
    }

    // ───────────── items ─────────────

    /// Takes an item apart into its keyword, name and statements.
    pub(super) fn item_parts<'i>(&mut self, p: Pair<'i, Rule>, base: Base) -> ItemParts<'i> {
        let span = base.span(&p);
        let mut inner = p.into_inner().peekable();
        let keyword = inner.next().map_or("", |k| k.as_str());
        let number = inner
            .next_if(|n| n.as_rule() == Rule::item_number)
            .map(|n| self.text_of(&n, base));
        let name = inner.next();
        let stmts = inner
            .next()
            .map(|b| self.statements(b, base))
            .unwrap_or_default();
        ItemParts {
            span,
            keyword,
            number,
            name,
            stmts,
        }
    }

    /// An item's name, or an empty one at the item's span when it has none.
    fn name_or_empty(&mut self, name: Option<Pair<Rule>>, base: Base, span: Span) -> Name {
        name.map(|n| self.name(n, base))
            .unwrap_or_else(|| empty_name(span))
    }

    pub(super) fn header(&mut self, p: Pair<Rule>, base: Base) -> Header {
        let ItemParts {
            span,
            name: title,
            stmts,
            ..
        } = self.item_parts(p, base);
        let title = title
            .map(|t| self.doc_title(t, base))
            .unwrap_or_else(|| Text {
                text: String::new(),
                span,
            });
        let mut issuer = None;
        let mut date = None;
        let mut number = None;
        let mut effective = None;
        let mut effective_on_issue = false;
        let mut published = None;
        let mut source = None;
        let mut period = None;
        let mut basis = Vec::new();
        let mut repeals = Vec::new();
        let mut relays = Vec::new();
        let mut quotes = Vec::new();
        for s in stmts {
            match s {
                Stmt::Clause(c) => match c.key {
                    Key::Issuer => self.read_once(&mut issuer, &c, base, Self::some_name_list),
                    Key::Date => self.read_once(&mut date, &c, base, Self::date),
                    Key::Published => self.read_once(&mut published, &c, base, Self::date),
                    Key::DocNumber => self.read_once(&mut number, &c, base, Self::some_text),
                    Key::Effective if c.value.as_rule() == Rule::on_issue => {
                        effective_on_issue = true
                    }
                    Key::Effective => self.read_once(&mut effective, &c, base, Self::date),
                    Key::Source => self.read_once(&mut source, &c, base, Self::some_text),
                    Key::Period => self.read_once(&mut period, &c, base, Self::period),
                    Key::Basis => basis.extend(self.doc_refs(c.value, base)),
                    Key::Repeals => repeals.extend(self.doc_refs(c.value, base)),
                    Key::Relays => relays.extend(self.doc_refs(c.value, base)),
                    _ => self.common_clause(c, base, &mut quotes, Kind::Header),
                },
                Stmt::Item(i) => self.misplaced_item(&i, base, Some(Kind::Header)),
            }
        }
        Header {
            title,
            issuer: issuer.map(|x| x.0),
            date: date.map(|x| x.0),
            number: number.map(|x| x.0),
            basis,
            effective: effective.map(|x| x.0),
            effective_on_issue,
            published: published.map(|x| x.0),
            repeals,
            relays,
            source: source.map(|x| x.0),
            period: period.map(|x| x.0),
            quotes,
            span,
        }
    }

    pub(super) fn department(&mut self, p: Pair<Rule>, base: Base) -> Department {
        let span = base.span(&p);
        let mut name = None;
        let mut aliases = Vec::new();
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name => name = Some(self.name(c, base)),
                Rule::name_list => aliases = self.name_list(c, base).names,
                _ => {}
            }
        }
        Department {
            name: name.unwrap_or_else(|| empty_name(span)),
            aliases,
            span,
        }
    }

    pub(super) fn department_class(&mut self, p: Pair<Rule>, base: Base) -> DepartmentClass {
        let span = base.span(&p);
        let mut name = None;
        let mut aliases = Vec::new();
        let mut members = None;
        let mut after_alias = false;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name => name = Some(self.name(c, base)),
                Rule::kw_alias => after_alias = true,
                Rule::name_list if after_alias => {
                    aliases = self.name_list(c, base).names;
                    after_alias = false;
                }
                Rule::name_list => members = Some(self.name_list(c, base)),
                _ => {}
            }
        }
        DepartmentClass {
            name: name.unwrap_or_else(|| empty_name(span)),
            aliases,
            members,
            span,
        }
    }

    pub(super) fn scope(&mut self, p: Pair<Rule>, base: Base) -> Scope {
        let span = base.span(&p);
        let mut name = None;
        let mut count = None;
        let mut also = Vec::new();
        let mut members = None;
        let mut list_attached = false;
        let mut enumerates = None;
        let mut quotes = Vec::new();
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name => name = Some(self.name(c, base)),
                Rule::scope_size => {
                    for s in c.into_inner() {
                        match s.as_rule() {
                            Rule::quantity if count.is_none() => count = self.quantity(s, base),
                            Rule::quantity => also.extend(self.quantity(s, base)),
                            Rule::list_attached => list_attached = true,
                            _ => {}
                        }
                    }
                }
                Rule::block => {
                    for s in self.statements(c, base) {
                        match s {
                            Stmt::Clause(c) => match c.key {
                                Key::Members => {
                                    let mut slot =
                                        members.take().map(|m: NameList| (m, c.key_span));
                                    self.read_once(&mut slot, &c, base, Self::some_name_list);
                                    members = slot.map(|x| x.0);
                                }
                                Key::Count => {
                                    if let Some(first) = &count {
                                        self.diags.push(
                                            Diagnostic::error(
                                                codes::DUPLICATE_CLAUSE,
                                                "范围的数量写了两次",
                                            )
                                            .primary(self.file, c.key_span, "第二次")
                                            .secondary(self.file, first.span, "第一次")
                                            .help("只保留一处数量"),
                                        );
                                    } else {
                                        count = self.quantity(c.value, base);
                                    }
                                }
                                Key::Enumerates => {
                                    self.read_once(&mut enumerates, &c, base, Self::some_name_list)
                                }
                                _ => self.common_clause(c, base, &mut quotes, Kind::Scope),
                            },
                            Stmt::Item(i) => self.misplaced_item(&i, base, Some(Kind::Scope)),
                        }
                    }
                }
                _ => {}
            }
        }
        Scope {
            name: name.unwrap_or_else(|| empty_name(span)),
            count,
            also,
            members,
            list_attached,
            enumerates: enumerates.map(|x| x.0),
            quotes,
            span,
        }
    }

    pub(super) fn fact(&mut self, p: Pair<Rule>, base: Base) -> Option<FactDecl> {
        let span = base.span(&p);
        let mut name = None;
        let mut ty = None;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name => name = Some(self.name(c, base)),
                Rule::fact_type => {
                    let Some(t) = c.into_inner().next() else {
                        continue;
                    };
                    let tspan = base.span(&t);
                    ty = match t.as_rule() {
                        Rule::fact_date => Some(FactType::Date { span: tspan }),
                        Rule::fact_unit => match lexical::parse_scaled_unit(t.as_str()) {
                            Ok((scale, unit)) => Some(FactType::Quantity {
                                scale,
                                unit,
                                span: tspan,
                            }),
                            Err(e) => {
                                self.lex_error(tspan, e);
                                None
                            }
                        },
                        _ => Some(FactType::Category {
                            values: self.name_list(t, base),
                        }),
                    };
                }
                _ => {}
            }
        }
        Some(FactDecl {
            name: name?,
            ty: ty?,
            span,
        })
    }

    pub(super) fn duties_clause(&mut self, c: &ClauseRef, base: Base, duties: &mut Duties) -> bool {
        let slot = match c.key {
            Key::Lead => &mut duties.lead,
            Key::Responsible => &mut duties.responsible,
            Key::Leaders => &mut duties.leaders,
            _ => return false,
        };
        let list = self.name_list(c.value.clone(), base);
        match slot {
            Some(existing) => {
                // 牵头 written twice (e.g. two lines) accumulates, as the documents do.
                existing.span = existing.span.to(list.span);
                existing.open |= list.open;
                existing.names.extend(list.names);
            }
            None => *slot = Some(list),
        }
        true
    }

    pub(super) fn target(&mut self, p: Pair<Rule>, base: Base) -> Target {
        let ItemParts {
            span,
            keyword,
            number,
            name,
            stmts,
        } = self.item_parts(p, base);
        let mut t = Target {
            keyword: keyword.to_string(),
            number,
            name: self.name_or_empty(name, base, span),
            metric: None,
            value: None,
            deadline: None,
            period: None,
            base_year: None,
            breakdown: None,
            milestones: None,
            levels: None,
            rate: None,
            scope: None,
            numerator: None,
            denominator: None,
            links: Links::default(),
            duties: Duties::default(),
            quotes: Vec::new(),
            span,
        };
        let (mut metric, mut value, mut deadline, mut base_year) = (None, None, None, None);
        let (mut numerator, mut denominator) = (None, None);
        let (mut same_as, mut enumerates) = (None, None);
        let (mut breakdown, mut milestones, mut rate, mut scope) = (None, None, None, None);
        let mut levels = None;
        let mut period = None;
        for s in stmts {
            let Stmt::Clause(c) = s else {
                if let Stmt::Item(i) = s {
                    self.misplaced_item(&i, base, Some(Kind::Target));
                }
                continue;
            };
            if self.duties_clause(&c, base, &mut t.duties) {
                continue;
            }
            match c.key {
                Key::Metric => self.read_once(&mut metric, &c, base, Self::some_text),
                Key::Value => self.read_once(&mut value, &c, base, Self::target_value),
                Key::Deadline => self.read_once(&mut deadline, &c, base, Self::deadline),
                Key::BaseYear => self.read_once(&mut base_year, &c, base, Self::year_word),
                Key::Yearly | Key::Parts => {
                    self.read_once(&mut breakdown, &c, base, Self::breakdown)
                }
                Key::Cumulative => self.read_once(&mut milestones, &c, base, Self::breakdown),
                Key::Levels => self.read_once(&mut levels, &c, base, Self::breakdown),
                Key::Period => self.read_once(&mut period, &c, base, Self::period),
                Key::Rate => self.read_once(&mut rate, &c, base, Self::annual_rate),
                Key::Scope => self.read_once(&mut scope, &c, base, Self::some_name_list),
                Key::Numerator => self.read_once(&mut numerator, &c, base, Self::operand),
                Key::Denominator => self.read_once(&mut denominator, &c, base, Self::operand),
                Key::SameAs => self.read_once(&mut same_as, &c, base, Self::some_name_list),
                Key::Enumerates => self.read_once(&mut enumerates, &c, base, Self::some_name_list),
                _ => self.common_clause(c, base, &mut t.quotes, Kind::Target),
            }
        }
        t.metric = metric.map(|x| x.0);
        t.value = value.map(|x| x.0);
        t.deadline = deadline.map(|x| x.0);
        t.base_year = base_year.map(|x| x.0);
        t.breakdown = breakdown.map(|x| x.0);
        t.milestones = milestones.map(|x| x.0);
        t.levels = levels.map(|x| x.0);
        t.period = period.map(|x| x.0);
        t.rate = rate.map(|x| x.0);
        t.scope = scope.map(|x| x.0);
        // A rate is checked against its parts only when both parts and the rate are written.
        let missing = match (&numerator, &denominator, &t.value) {
            (Some((_, at)), None, _) => Some((*at, "写了「分子」而没有「分母」", "分母")),
            (None, Some((_, at)), _) => Some((*at, "写了「分母」而没有「分子」", "分子")),
            (Some((_, at)), Some(_), None) => Some((*at, "写了分子、分母而没有「值」", "值")),
            _ => None,
        };
        if let Some((at, what, need)) = missing {
            self.diags.push(
                Diagnostic::error(
                    codes::MISSING_CLAUSE,
                    format!("{}「{}」{what}", t.keyword, t.name.text),
                )
                .primary(self.file, at, format!("缺少「{need}」"))
                .help("比率写作「值：3.09%」「分子：贫困人口」「分母：总人口」,三者都写才能核对"),
            );
        }
        t.numerator = numerator.map(|x| x.0);
        t.denominator = denominator.map(|x| x.0);
        t.links = Links {
            same_as: same_as.map(|x| x.0),
            enumerates: enumerates.map(|x| x.0),
        };
        t
    }

    pub(super) fn standard(&mut self, p: Pair<Rule>, base: Base) -> Standard {
        let ItemParts {
            span,
            keyword,
            number,
            name,
            stmts,
        } = self.item_parts(p, base);
        let mut s = Standard {
            keyword: keyword.to_string(),
            number,
            name: self.name_or_empty(name, base, span),
            beneficiary: None,
            amount: None,
            tiers: None,
            conditions: Vec::new(),
            floor: None,
            cap: None,
            validity: None,
            since: None,
            scope: None,
            duties: Duties::default(),
            quotes: Vec::new(),
            span,
        };
        let (mut beneficiary, mut amount, mut tiers) = (None, None, None);
        let (mut floor, mut cap, mut validity, mut since, mut scope) =
            (None, None, None, None, None);
        for st in stmts {
            match st {
                Stmt::Item(i) if i.as_rule() == Rule::tiers_item => {
                    let key_span = i
                        .clone()
                        .into_inner()
                        .next()
                        .map(|k| base.span(&k))
                        .unwrap_or(span);
                    let v = self.tiers(i, base);
                    if let Some((_, first)) = &tiers {
                        self.diags.push(
                            Diagnostic::error(codes::DUPLICATE_CLAUSE, "「分档」重复出现")
                                .primary(self.file, key_span, "第二次出现")
                                .secondary(self.file, *first, "第一次出现"),
                        );
                    } else {
                        tiers = Some((v, key_span));
                    }
                }
                Stmt::Item(i) => self.misplaced_item(&i, base, Some(Kind::Standard)),
                Stmt::Clause(c) => {
                    if self.duties_clause(&c, base, &mut s.duties) {
                        continue;
                    }
                    match c.key {
                        Key::Beneficiary => {
                            self.read_once(&mut beneficiary, &c, base, Self::some_name_list)
                        }
                        Key::Amount => self.read_once(&mut amount, &c, base, Self::amount),
                        // A standard that is not money (每月不少于20天, 最多不超过5户) states a 值.
                        Key::Value => {
                            let v = match self.target_value(c.value.clone(), base) {
                                Some(TargetValue::Amount(a)) => Some(a),
                                Some(_) => {
                                    self.diags.push(
                                        Diagnostic::error(
                                            codes::MISPLACED_CLAUSE,
                                            "标准的「值」应为数量或金额",
                                        )
                                        .primary(self.file, c.key_span, "这里")
                                        .help("相对变化(提高、下调)或「全覆盖」请写成「目标」"),
                                    );
                                    None
                                }
                                None => None,
                            };
                            self.once(&mut amount, &c, v)
                        }
                        Key::Condition => {
                            if let Some(cond) = self.condition(c.value, base) {
                                s.conditions.push(cond);
                            }
                        }
                        Key::Floor => self.read_once(&mut floor, &c, base, Self::quantity),
                        Key::Cap => self.read_once(&mut cap, &c, base, Self::quantity),
                        Key::Validity | Key::Period => {
                            self.read_once(&mut validity, &c, base, Self::period)
                        }
                        Key::Since => self.read_once(&mut since, &c, base, Self::date),
                        Key::Scope => self.read_once(&mut scope, &c, base, Self::some_name_list),
                        _ => self.common_clause(c, base, &mut s.quotes, Kind::Standard),
                    }
                }
            }
        }
        s.beneficiary = beneficiary.map(|x| x.0);
        s.amount = amount.map(|x| x.0);
        s.tiers = tiers.map(|x| x.0);
        s.floor = floor.map(|x| x.0);
        s.cap = cap.map(|x| x.0);
        s.validity = validity.map(|x| x.0);
        s.since = since.map(|x| x.0);
        s.scope = scope.map(|x| x.0);
        s
    }

    pub(super) fn tiers(&mut self, p: Pair<Rule>, base: Base) -> Tiers {
        let span = base.span(&p);
        let mut by = None;
        let mut rows = Vec::new();
        let mut quotes = Vec::new();
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name => by = Some(self.name(c, base)),
                Rule::tiers_block => {
                    for r in c.into_inner() {
                        match r.as_rule() {
                            Rule::tier_row => {
                                let rspan = base.span(&r);
                                let mut it = r.into_inner();
                                let (Some(cond), Some(amt)) = (it.next(), it.next()) else {
                                    continue;
                                };
                                let when = self.tier_case(cond, base);
                                let amount = self.amount(amt, base);
                                if let (Some(when), Some(amount)) = (when, amount) {
                                    rows.push(Tier {
                                        when,
                                        amount,
                                        span: rspan,
                                    });
                                }
                            }
                            Rule::clause => {
                                if let Some(c) = clause_ref(r, base) {
                                    self.common_clause(c, base, &mut quotes, Kind::Tiers);
                                }
                            }
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
        Tiers {
            by: by.unwrap_or_else(|| empty_name(span)),
            rows,
            quotes,
            span,
        }
    }

    pub(super) fn tier_case(&mut self, p: Pair<Rule>, base: Base) -> Option<TierCase> {
        // tier_cond wraps one of its alternatives; condition passes the alternative directly.
        let p = if p.as_rule() == Rule::tier_cond {
            p.into_inner().next()?
        } else {
            p
        };
        match p.as_rule() {
            Rule::tier_other => Some(TierCase::Otherwise {
                span: base.span(&p),
            }),
            Rule::tier_interval => {
                let inner = p.into_inner().next()?;
                Some(TierCase::Interval {
                    interval: self.amount_alt(inner, base)?,
                })
            }
            Rule::name_list => Some(TierCase::Values {
                values: self.name_list(p, base),
            }),
            _ => None,
        }
    }

    pub(super) fn condition(&mut self, p: Pair<Rule>, base: Base) -> Option<Condition> {
        let span = base.span(&p);
        let mut it = p.into_inner();
        let fact = self.name(it.next()?, base);
        let test = self.tier_case(it.next()?, base)?;
        Some(Condition { fact, test, span })
    }

    pub(super) fn measure(&mut self, p: Pair<Rule>, base: Base) -> Measure {
        let span = base.span(&p);
        let mut m = Measure {
            number: None,
            name: empty_name(span),
            duties: Duties::default(),
            deadline: None,
            completed: None,
            scope: None,
            links: Links::default(),
            children: Vec::new(),
            targets: Vec::new(),
            standards: Vec::new(),
            quotes: Vec::new(),
            span,
        };
        let mut block = None;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::item_number => m.number = Some(self.text_of(&c, base)),
                Rule::name => m.name = self.name(c, base),
                Rule::block => block = Some(c),
                _ => {}
            }
        }
        let stmts = block.map(|b| self.statements(b, base)).unwrap_or_default();
        let (mut deadline, mut completed, mut scope) = (None, None, None);
        let (mut same_as, mut enumerates) = (None, None);
        for s in stmts {
            match s {
                Stmt::Item(i) => match i.as_rule() {
                    Rule::measure_item => m.children.push(self.measure(i, base)),
                    Rule::target_item => m.targets.push(self.target(i, base)),
                    Rule::standard_item => m.standards.push(self.standard(i, base)),
                    _ => self.misplaced_item(&i, base, Some(Kind::Measure)),
                },
                Stmt::Clause(c) => {
                    if self.duties_clause(&c, base, &mut m.duties) {
                        continue;
                    }
                    match c.key {
                        Key::Deadline => self.read_once(&mut deadline, &c, base, Self::deadline),
                        Key::Completed => self.read_once(&mut completed, &c, base, Self::date),
                        Key::Scope => self.read_once(&mut scope, &c, base, Self::some_name_list),
                        Key::SameAs => self.read_once(&mut same_as, &c, base, Self::some_name_list),
                        Key::Enumerates => {
                            self.read_once(&mut enumerates, &c, base, Self::some_name_list)
                        }
                        _ => self.common_clause(c, base, &mut m.quotes, Kind::Measure),
                    }
                }
            }
        }
        m.deadline = deadline.map(|x| x.0);
        m.completed = completed.map(|x| x.0);
        m.scope = scope.map(|x| x.0);
        m.links = Links {
            same_as: same_as.map(|x| x.0),
            enumerates: enumerates.map(|x| x.0),
        };
        m
    }

    pub(super) fn schedule(&mut self, p: Pair<Rule>, base: Base) -> Schedule {
        let ItemParts {
            span, name, stmts, ..
        } = self.item_parts(p, base);
        let name = self.name_or_empty(name, base, span);
        let mut sched = Schedule {
            name,
            length: None,
            campaign: None,
            phases: Vec::new(),
            measures: Vec::new(),
            quotes: Vec::new(),
            span,
        };
        let (mut length, mut campaign) = (None, None);
        for s in stmts {
            match s {
                Stmt::Item(i) => match i.as_rule() {
                    Rule::phase_item => {
                        if let Some(ph) = self.phase(i, base) {
                            sched.phases.push(ph);
                        }
                    }
                    Rule::measure_item => sched.measures.push(self.measure(i, base)),
                    _ => self.misplaced_item(&i, base, Some(Kind::Schedule)),
                },
                Stmt::Clause(c) => match c.key {
                    Key::Length => self.read_once(&mut length, &c, base, Self::quantity),
                    Key::Campaign => self.read_once(&mut campaign, &c, base, Self::window),
                    _ => self.common_clause(c, base, &mut sched.quotes, Kind::Schedule),
                },
            }
        }
        sched.length = length.map(|x| x.0);
        sched.campaign = campaign.map(|x| x.0);
        sched
    }

    pub(super) fn phase(&mut self, p: Pair<Rule>, base: Base) -> Option<Phase> {
        let span = base.span(&p);
        let mut number = None;
        let mut name = None;
        // With where it was first written: the inline window (名称：4月24日~5月1日) or 时间.
        let mut window: Option<(Window, Span)> = None;
        let mut window_written = false;
        let mut campaign = None;
        let mut measures = Vec::new();
        let mut quotes = Vec::new();
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::item_number => number = Some(self.text_of(&c, base)),
                Rule::name => name = Some(self.name(c, base)),
                Rule::window => {
                    window_written = true;
                    let at = base.span(&c);
                    window = self.window(c, base).map(|w| (w, at));
                }
                Rule::block => {
                    for s in self.statements(c, base) {
                        match s {
                            Stmt::Item(i) if i.as_rule() == Rule::measure_item => {
                                measures.push(self.measure(i, base))
                            }
                            Stmt::Item(i) => self.misplaced_item(&i, base, Some(Kind::Phase)),
                            Stmt::Clause(c) => match c.key {
                                Key::Window => {
                                    window_written = true;
                                    self.read_once(&mut window, &c, base, Self::window);
                                }
                                Key::Campaign => {
                                    self.read_once(&mut campaign, &c, base, Self::window)
                                }
                                _ => self.common_clause(c, base, &mut quotes, Kind::Phase),
                            },
                        }
                    }
                }
                _ => {}
            }
        }
        let name = name.unwrap_or_else(|| empty_name(span));
        let Some((window, _)) = window else {
            if window_written {
                // The window was written but is invalid; that has been reported already.
                return None;
            }
            self.diags.push(
                Diagnostic::error(
                    codes::MISSING_CLAUSE,
                    format!("阶段「{}」缺少时间", name.text),
                )
                .primary(self.file, name.span, "这个阶段没有起止日期")
                .help("写作「阶段 名称：4月24日~5月1日」或在块中写「时间：…」"),
            );
            return None;
        };
        Some(Phase {
            number,
            name,
            window,
            campaign: campaign.map(|x| x.0),
            measures,
            quotes,
            span,
        })
    }

    pub(super) fn assessment(&mut self, p: Pair<Rule>, base: Base) -> Assessment {
        let ItemParts {
            span, name, stmts, ..
        } = self.item_parts(p, base);
        let name = self.name_or_empty(name, base, span);
        let mut a = Assessment {
            name,
            total: None,
            entries: Vec::new(),
            adjustments: Vec::new(),
            quotes: Vec::new(),
            span,
        };
        let mut total = None;
        for s in stmts {
            match s {
                Stmt::Item(i) => match i.as_rule() {
                    Rule::assess_entry_item => a.entries.push(self.assess_entry(i, base)),
                    Rule::adjustment_item => {
                        if let Some(adj) = self.adjustment(i, base) {
                            a.adjustments.push(adj);
                        }
                    }
                    _ => self.misplaced_item(&i, base, Some(Kind::Assessment)),
                },
                Stmt::Clause(c) => match c.key {
                    Key::Total => self.read_once(&mut total, &c, base, Self::quantity),
                    _ => self.common_clause(c, base, &mut a.quotes, Kind::Assessment),
                },
            }
        }
        a.total = total.map(|x| x.0);
        a
    }

    pub(super) fn assess_entry(&mut self, p: Pair<Rule>, base: Base) -> AssessEntry {
        let span = base.span(&p);
        let mut e = AssessEntry {
            number: None,
            name: empty_name(span),
            points: None,
            children: Vec::new(),
            quotes: Vec::new(),
            span,
        };
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::item_number => e.number = Some(self.text_of(&c, base)),
                Rule::name => e.name = self.name(c, base),
                Rule::points => e.points = self.points(c, base).map(|(q, _)| q),
                Rule::block => {
                    for s in self.statements(c, base) {
                        match s {
                            Stmt::Item(i) if i.as_rule() == Rule::assess_entry_item => {
                                e.children.push(self.assess_entry(i, base))
                            }
                            Stmt::Item(i) => self.misplaced_item(&i, base, Some(Kind::AssessEntry)),
                            Stmt::Clause(c) => {
                                self.common_clause(c, base, &mut e.quotes, Kind::AssessEntry)
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        e
    }

    pub(super) fn adjustment(&mut self, p: Pair<Rule>, base: Base) -> Option<Adjustment> {
        let span = base.span(&p);
        let mut name = None;
        let mut points = None;
        let mut quotes = Vec::new();
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name => name = Some(self.name(c, base)),
                Rule::points => points = self.points(c, base),
                Rule::block => {
                    for s in self.statements(c, base) {
                        match s {
                            Stmt::Clause(c) => {
                                self.common_clause(c, base, &mut quotes, Kind::Adjustment)
                            }
                            Stmt::Item(i) => self.misplaced_item(&i, base, Some(Kind::Adjustment)),
                        }
                    }
                }
                _ => {}
            }
        }
        let (points, both_ways) = points?;
        Some(Adjustment {
            name: name.unwrap_or_else(|| empty_name(span)),
            points,
            both_ways,
            quotes,
            span,
        })
    }

    pub(super) fn example(&mut self, p: Pair<Rule>, base: Base) -> Example {
        let ItemParts {
            span, name, stmts, ..
        } = self.item_parts(p, base);
        let name = self.name_or_empty(name, base, span);
        let (mut rule, mut scheme, mut target, mut as_of, mut dept) =
            (None, None, None, None, None);
        let (mut actual, mut expect) = (None, None);
        let mut given = Vec::new();
        let mut quotes = Vec::new();
        let mut due_names: Option<(NameList, Span)> = None;
        for s in stmts {
            match s {
                Stmt::Item(i) => self.misplaced_item(&i, base, Some(Kind::Example)),
                Stmt::Clause(c) => match c.key {
                    Key::Ask => self.read_once(&mut rule, &c, base, Self::single_name),
                    Key::Scheme => self.read_once(&mut scheme, &c, base, Self::single_name),
                    Key::Progress => self.read_once(&mut target, &c, base, Self::single_name),
                    Key::AsOf => self.read_once(&mut as_of, &c, base, Self::date),
                    Key::Department => self.read_once(&mut dept, &c, base, Self::single_name),
                    Key::Actual => self.read_once(&mut actual, &c, base, Self::breakdown),
                    Key::Given | Key::Scores => given.extend(self.fact_values(c.value, base)),
                    Key::Expect => self.read_once(&mut expect, &c, base, Self::expectation),
                    Key::Due => self.read_once(&mut due_names, &c, base, Self::some_name_list),
                    _ => self.common_clause(c, base, &mut quotes, Kind::Example),
                },
            }
        }
        // One question per example: 截至 may only accompany 进度 (as its date).
        let mut asked: Vec<Span> = [&rule, &scheme, &target]
            .iter()
            .filter_map(|q| q.as_ref().map(|(_, s)| *s))
            .collect();
        if target.is_none() {
            asked.extend(as_of.as_ref().map(|(_, s)| *s));
        }
        if asked.len() > 1 {
            zhengce_runtime::sort::sort(&mut asked);
            let mut d = Diagnostic::error(
                codes::MISPLACED_CLAUSE,
                format!("例「{}」同时提出了 {} 个问题", name.text, asked.len()),
            )
            .primary(self.file, asked[1], "第二个问题")
            .secondary(self.file, asked[0], "第一个问题")
            .help("每个例只验证一个问题:「求」「考核方案」「进度」或「截至」;请拆成两个例");
            for extra in &asked[2..] {
                d = d.secondary(self.file, *extra, "又一个问题");
            }
            self.diags.push(d);
        }
        let expect = expect
            .map(|x| x.0)
            .or(due_names.map(|(n, _)| Expectation::Names(n)));
        let query = if let Some((rule, _)) = rule {
            ExampleQuery::Eval { rule }
        } else if let Some((scheme, _)) = scheme {
            ExampleQuery::Score { scheme }
        } else if let Some((target, _)) = target {
            let actual = actual.map(|x| x.0).unwrap_or(Breakdown {
                parts: Vec::new(),
                span,
            });
            ExampleQuery::Progress {
                target,
                actual,
                as_of: as_of.map(|x| x.0),
            }
        } else if let Some((as_of, _)) = as_of {
            ExampleQuery::Due {
                as_of,
                department: dept.map(|x| x.0),
            }
        } else {
            self.diags.push(
                Diagnostic::error(
                    codes::MISSING_CLAUSE,
                    format!("例「{}」没有说明要验证什么", name.text),
                )
                .primary(self.file, name.span, "缺少问题")
                .help("用「求：规则名」「考核方案：名称」「进度：目标名」或「截至：日期」之一"),
            );
            ExampleQuery::Eval {
                rule: empty_name(span),
            }
        };
        Example {
            name,
            query,
            given,
            expect,
            quotes,
            span,
        }
    }
}
