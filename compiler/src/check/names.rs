//! Names: every reference resolves to one definition, definitions are unique, aliases point one
//! way, and a body named two ways without a declared alias is pointed out.

use super::{measures, nearest, standards, targets, DeptRef, DocCtx, Table};
use crate::ast::*;
use crate::codes;
use crate::diagnostic::Diagnostic;

pub(crate) fn check(cx: &DocCtx, out: &mut Vec<Diagnostic>) {
    let mut n = Names { cx, out };
    n.duplicates();
    n.aliases();
    n.references();
    n.undeclared_aliases();
}

struct Names<'c, 'a> {
    cx: &'c DocCtx<'a>,
    out: &'c mut Vec<Diagnostic>,
}

/// A placeholder left in a template (XX, XXX): the name is to be filled in.
fn is_placeholder(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c == 'X' || c == 'x' || c == 'Ｘ')
}

impl<'c, 'a> Names<'c, 'a> {
    fn file(&self) -> &str {
        self.cx.file
    }

    /// Two definitions of one name in one document.
    fn duplicates(&mut self) {
        let doc = self.cx.doc;
        let mut defs: Vec<(&str, &Name)> = Vec::new();
        for item in &doc.items {
            match item {
                Item::Department(d) => defs.push(("部门", &d.name)),
                Item::DepartmentClass(c) => defs.push(("部门", &c.name)),
                Item::Scope(s) => defs.push(("范围", &s.name)),
                Item::Fact(f) => defs.push(("事实", &f.name)),
                Item::Assessment(a) => defs.push(("考核", &a.name)),
                Item::Example(e) => defs.push(("例", &e.name)),
                _ => {}
            }
        }
        for t in targets(doc) {
            defs.push(("目标", &t.target.name));
        }
        for s in standards(doc) {
            defs.push(("标准", &s.name));
        }
        // One table per kind of definition (there are seven).
        let mut first: Vec<(&str, Table<&Name>)> = Vec::new();
        for (kind, name) in defs {
            if name.text.is_empty() {
                continue;
            }
            let at = match first.iter().position(|(k, _)| *k == kind) {
                Some(at) => at,
                None => {
                    first.push((kind, Table::default()));
                    first.len() - 1
                }
            };
            let first = &mut first[at].1;
            match first.get(name.text.as_str()) {
                Some(prev) => {
                    let d = Diagnostic::error(
                        codes::DUPLICATE_DEFINITION,
                        format!("{kind}「{}」重复定义", name.text),
                    )
                    .primary(self.file(), name.span, "第二次定义")
                    .secondary(self.file(), prev.span, "第一次定义在这里")
                    .help("同一文件中名称必须唯一;若是两件事,请改用不同的名称");
                    self.out.push(d);
                }
                None => {
                    first.add(name.text.as_str(), name);
                }
            }
        }
        // Sibling measures with one name cannot be told apart in 应办 or by reviewers.
        let mut check_siblings = |list: Vec<&Measure>| {
            let mut seen: Table<&Name> = Table::default();
            for m in list {
                if let Some(prev) = seen.get(m.name.text.as_str()) {
                    self.out.push(
                        Diagnostic::error(
                            codes::DUPLICATE_DEFINITION,
                            format!("措施「{}」在同一层级重复定义", m.name.text),
                        )
                        .primary(self.cx.file, m.name.span, "第二次定义")
                        .secondary(
                            self.cx.file,
                            prev.span,
                            "第一次定义在这里",
                        ),
                    );
                } else {
                    seen.insert(&m.name.text, &m.name);
                }
            }
        };
        // By reference: cloning the measures compiled a deep `Clone` of the AST into the wasm.
        let top: Vec<&Measure> = doc
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Measure(m) => Some(m),
                _ => None,
            })
            .collect();
        check_siblings(top);
        for m in measures(doc) {
            check_siblings(m.measure.children.iter().collect());
        }
    }

    /// An alias must name one body, and must not be another body's own name.
    fn aliases(&mut self) {
        let mut own: Table<&Name> = Table::default();
        let mut bodies: Vec<(&Name, &[Name])> = Vec::new();
        for item in &self.cx.doc.items {
            match item {
                Item::Department(d) => bodies.push((&d.name, &d.aliases)),
                Item::DepartmentClass(c) => bodies.push((&c.name, &c.aliases)),
                _ => {}
            }
        }
        for (name, _) in &bodies {
            own.add(name.text.as_str(), name);
        }
        let mut alias_of: Table<(&Name, &Name)> = Table::default();
        for (name, aliases) in &bodies {
            for a in aliases.iter() {
                if a.text == name.text {
                    self.out.push(
                        Diagnostic::error(
                            codes::ALIAS_CONFLICT,
                            format!("「{}」被声明为自己的别称", a.text),
                        )
                        .primary(self.file(), a.span, "别称与本名相同")
                        .help("删去这个别称"),
                    );
                    continue;
                }
                if let Some(other) = own.get(a.text.as_str()) {
                    self.out.push(
                        Diagnostic::error(
                            codes::ALIAS_CONFLICT,
                            format!(
                                "「{}」既是一个部门的本名,又被声明为「{}」的别称",
                                a.text, name.text
                            ),
                        )
                        .primary(self.file(), a.span, "声明为别称")
                        .secondary(self.file(), other.span, "又作为部门声明在这里")
                        .help(format!(
                            "若是同一机构,删去单独的「部门 {}」声明;若不是,删去这个别称",
                            a.text
                        )),
                    );
                    continue;
                }
                match alias_of.get(a.text.as_str()) {
                    Some((prev_alias, prev_owner)) if prev_owner.text != name.text => {
                        self.out.push(
                            Diagnostic::error(
                                codes::ALIAS_CONFLICT,
                                format!(
                                    "别称「{}」同时指向「{}」和「{}」",
                                    a.text, prev_owner.text, name.text
                                ),
                            )
                            .primary(self.file(), a.span, format!("指向「{}」", name.text))
                            .secondary(
                                self.file(),
                                prev_alias.span,
                                format!("指向「{}」", prev_owner.text),
                            )
                            .help("一个别称只能指一个机构"),
                        );
                    }
                    _ => {
                        alias_of.insert(&a.text, (a, name));
                    }
                }
            }
        }
    }

    fn references(&mut self) {
        let doc = self.cx.doc;
        for m in measures(doc) {
            self.duties(&m.measure.duties);
            if let Some(scope) = &m.measure.scope {
                self.scopes(scope);
            }
        }
        // Top-level targets and those inside measures.
        for t in targets(doc) {
            self.target_refs(t.target);
        }
        for s in standards(doc) {
            self.duties(&s.duties);
            if let Some(scope) = &s.scope {
                self.scopes(scope);
            }
            if let Some(tiers) = &s.tiers {
                if let Some(fact) = self.fact(&tiers.by) {
                    for row in &tiers.rows {
                        self.case_values(fact, &row.when);
                    }
                }
                for row in &tiers.rows {
                    self.amount_refs(&row.amount);
                }
            }
            for c in &s.conditions {
                if let Some(fact) = self.fact(&c.fact) {
                    self.case_values(fact, &c.test);
                }
            }
            if let Some(a) = &s.amount {
                self.amount_refs(a);
            }
        }
        for e in super::examples(doc) {
            self.example_refs(e);
        }
    }

    fn target_refs(&mut self, t: &Target) {
        self.duties(&t.duties);
        if let Some(scope) = &t.scope {
            self.scopes(scope);
        }
    }

    fn duties(&mut self, d: &Duties) {
        for list in [&d.lead, &d.responsible].into_iter().flatten() {
            for name in &list.names {
                self.department(name);
            }
        }
        // 责任领导 names people (or XX in templates), not bodies.
        if let Some(leaders) = &d.leaders {
            for name in &leaders.names {
                if is_placeholder(&name.text) {
                    self.placeholder(name);
                }
            }
        }
    }

    fn placeholder(&mut self, name: &Name) {
        self.out.push(
            Diagnostic::warning(
                codes::PLACEHOLDER,
                format!("「{}」是未填写的占位符", name.text),
            )
            .primary(self.file(), name.span, "这里应写明具体单位或人员")
            .help("模板中的 XX 须在印发前替换为实际名称"),
        );
    }

    fn department(&mut self, name: &Name) -> Option<DeptRef<'a>> {
        if is_placeholder(&name.text) {
            self.placeholder(name);
            return None;
        }
        if let Some(d) = self.cx.symbols.departments.get(name.text.as_str()) {
            return Some(*d);
        }
        let mut d = Diagnostic::error(
            codes::UNDEFINED_DEPARTMENT,
            format!("部门「{}」未声明", name.text),
        )
        .primary(self.file(), name.span, "没有这个部门");
        let keys = self.cx.symbols.departments.keys().copied();
        if let Some(near) = nearest(&name.text, keys) {
            d = d.help(format!(
                "是不是「{near}」?若是另一机构,请在文件开头用「部门：{}」声明",
                name.text
            ));
        } else {
            d = d.help(format!("在文件开头用「部门：{}」声明", name.text));
        }
        self.out.push(d);
        None
    }

    fn undefined(&mut self, kind: &str, name: &Name, candidates: Vec<&str>) {
        let mut d = Diagnostic::error(
            codes::UNDEFINED_NAME,
            format!("{kind}「{}」未定义", name.text),
        )
        .primary(self.file(), name.span, format!("没有这个{kind}"));
        if let Some(near) = nearest(&name.text, candidates.into_iter()) {
            d = d.help(format!("是不是「{near}」?"));
        }
        self.out.push(d);
    }

    fn scopes(&mut self, list: &NameList) {
        for name in &list.names {
            if !self.cx.symbols.scopes.contains_key(name.text.as_str()) {
                let c = self.cx.symbols.scopes.keys().copied().collect();
                self.undefined("范围", name, c);
            }
        }
    }

    fn fact(&mut self, name: &Name) -> Option<&'a FactDecl> {
        if let Some(f) = self.cx.symbols.facts.get(name.text.as_str()) {
            return Some(*f);
        }
        let c = self.cx.symbols.facts.keys().copied().collect();
        self.undefined("事实", name, c);
        None
    }

    /// Category tiers and conditions may only name values the fact declares.
    fn case_values(&mut self, fact: &FactDecl, case: &TierCase) {
        let (FactType::Category { values: declared }, TierCase::Values { values }) =
            (&fact.ty, case)
        else {
            return;
        };
        for v in &values.names {
            if !declared.names.iter().any(|d| d.text == v.text) {
                let mut d = Diagnostic::error(
                    codes::UNKNOWN_CATEGORY_VALUE,
                    format!("「{}」不是事实「{}」的取值", v.text, fact.name.text),
                )
                .primary(self.file(), v.span, "未声明的取值")
                .secondary(self.file(), declared.span, "事实的取值在这里声明");
                let c = declared.names.iter().map(|n| n.text.as_str());
                if let Some(near) = nearest(&v.text, c) {
                    d = d.help(format!("是不是「{near}」?"));
                }
                self.out.push(d);
            }
        }
    }

    /// A share's base is a fact or another standard.
    fn amount_refs(&mut self, a: &Amount) {
        if let Amount::Share { base, .. } = a {
            let known = self.cx.symbols.facts.contains_key(base.text.as_str())
                || self.cx.symbols.standards.contains_key(base.text.as_str());
            if !known {
                let c = self
                    .cx
                    .symbols
                    .facts
                    .keys()
                    .chain(self.cx.symbols.standards.keys())
                    .copied()
                    .collect();
                self.undefined("事实或标准", base, c);
            }
        }
    }

    fn example_refs(&mut self, e: &Example) {
        let s = &self.cx.symbols;
        match &e.query {
            ExampleQuery::Eval { rule }
                if !rule.text.is_empty() && !s.standards.contains_key(rule.text.as_str()) =>
            {
                let c = s.standards.keys().copied().collect();
                self.undefined("标准", rule, c);
            }
            ExampleQuery::Score { scheme } if !s.schemes.contains_key(scheme.text.as_str()) => {
                let c = s.schemes.keys().copied().collect();
                self.undefined("考核", scheme, c);
            }
            ExampleQuery::Progress { target, .. }
                if !s.targets.contains_key(target.text.as_str()) =>
            {
                let c = s.targets.keys().copied().collect();
                self.undefined("目标", target, c);
            }
            ExampleQuery::Due {
                department: Some(dept),
                ..
            } => {
                self.department(dept);
            }
            _ => {}
        }
        if let ExampleQuery::Eval { .. } = &e.query {
            for fv in &e.given {
                match self.cx.symbols.facts.get(fv.name.text.as_str()) {
                    Some(fact) => {
                        if let FactLiteral::Name(v) = &fv.value {
                            let case = TierCase::Values {
                                values: NameList {
                                    names: vec![v.clone()],
                                    open: false,
                                    span: v.span,
                                },
                            };
                            self.case_values(fact, &case);
                        }
                    }
                    None => {
                        let c = self.cx.symbols.facts.keys().copied().collect();
                        self.undefined("事实", &fv.name, c);
                    }
                }
            }
        }
        if let (ExampleQuery::Due { .. }, Some(Expectation::Names(list))) = (&e.query, &e.expect) {
            // A duty due by a date is a measure, or a target with a deadline.
            for name in &list.names {
                let s = &self.cx.symbols;
                if !s.measures.contains_key(name.text.as_str())
                    && !s.targets.contains_key(name.text.as_str())
                {
                    let c = s.measures.keys().chain(s.targets.keys()).copied().collect();
                    self.undefined("措施或目标", name, c);
                }
            }
        }
    }

    /// Two declared bodies where one name abbreviates the other (省卫计委 / 省卫生计生委) with no
    /// alias between them: probably one body named two ways.
    fn undeclared_aliases(&mut self) {
        let mut names: Vec<&Name> = Vec::new();
        for item in &self.cx.doc.items {
            if let Item::Department(d) = item {
                names.push(&d.name);
            }
        }
        // Bucket by first and last character: an abbreviation keeps both. A stable sort by that
        // pair gives the buckets in key order, each in source order (no map type in the wasm).
        let mut keyed: Vec<((char, char), &Name)> = names
            .iter()
            .filter_map(|n| Some(((n.text.chars().next()?, n.text.chars().last()?), *n)))
            .collect();
        zhengce_runtime::sort::sort_by(&mut keyed, |a, b| a.0.cmp(&b.0));
        let buckets = keyed.chunk_by(|a, b| a.0 == b.0);
        // A heuristic over all pairs: bounded, so that a file with 10⁵ departments takes neither
        // 10¹⁰ comparisons nor prints 10⁹ warnings.
        let (mut pairs, mut warned) = (0usize, 0usize);
        'all: for bucket in buckets {
            let group: Vec<&Name> = bucket.iter().map(|(_, n)| *n).collect();
            for (i, a) in group.iter().enumerate() {
                for b in &group[i + 1..] {
                    pairs += 1;
                    if pairs > MAX_ALIAS_PAIRS || warned == MAX_ALIAS_WARNINGS {
                        if let Some(last) = self
                            .out
                            .iter_mut()
                            .rev()
                            .find(|d| d.code == codes::UNDECLARED_ALIAS)
                        {
                            last.notes.push(format!(
                                "部门太多,其余可能的别称未逐一检查(每个文件最多比较 {MAX_ALIAS_PAIRS} 对、列出 {MAX_ALIAS_WARNINGS} 处)"
                            ));
                        }
                        break 'all;
                    }
                    let (short, long) = if a.text.chars().count() <= b.text.chars().count() {
                        (a, b)
                    } else {
                        (b, a)
                    };
                    if short.text.chars().count() >= 3
                        && short.text != long.text
                        && is_subsequence(&short.text, &long.text)
                        // 县财政局 / 县级财政局 is ZC0108's.
                        && !super::name_forms::two_forms(&short.text, &long.text)
                    {
                        warned += 1;
                        self.out.push(
                            Diagnostic::warning(
                                codes::UNDECLARED_ALIAS,
                                format!(
                                    "「{}」和「{}」可能是同一机构的两种叫法,但没有声明别称",
                                    short.text, long.text
                                ),
                            )
                            .primary(self.file(), short.span, "简称?")
                            .secondary(self.file(), long.span, "全称?")
                            .help(format!(
                                "若是同一机构,写「部门 {} 又称 {}」;若不是,可忽略此警告",
                                long.text, short.text
                            )),
                        );
                    }
                }
            }
        }
    }
}

/// Department-name pairs [`Names::undeclared_aliases`] compares per document, and the warnings
/// it gives at most.
const MAX_ALIAS_PAIRS: usize = 1_000_000;
const MAX_ALIAS_WARNINGS: usize = 100;

/// Whether every character of `short` appears in `long`, in order.
fn is_subsequence(short: &str, long: &str) -> bool {
    let mut it = long.chars();
    short.chars().all(|c| it.any(|x| x == c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_are_subsequences() {
        assert!(is_subsequence("省卫计委", "省卫生计生委"));
        assert!(is_subsequence("县国土局", "县国土资源局"));
        assert!(!is_subsequence("县委", "县政府"));
    }

    #[test]
    fn placeholders() {
        assert!(is_placeholder("XX"));
        assert!(is_placeholder("XXX"));
        assert!(!is_placeholder("县扶贫办"));
    }
}
