//! Writing the plan out as a rule file. Every value was checked against its grammar rule by
//! the extractor that found it; here names become tokens (bare when the grammar reads them
//! whole, in 「」 otherwise), each 原文 gets the quotation marks its text allows, names are made
//! distinct where the checker requires it, and the nesting of brackets and quotation marks is
//! kept under the parser's limit. The caller formats the result with `format` and parses it.

use super::model::{Header, Measure, NameList, Node, Phase, Plan, Schedule, Standard, Target};
use super::text::Range;
use super::values::{reads, reads_long};
use crate::grammar::Rule;
use crate::syntax::limits::MAX_NESTING;
use crate::vocabulary::{Item, Key, ALIAS, TIERS_BY};

/// How many items of each kind the draft wrote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub departments: usize,
    pub measures: usize,
    pub targets: usize,
    pub standards: usize,
    pub phases: usize,
    /// `// 待编码:` comments.
    pub pending: usize,
}

/// A name as it is compared once parsed: full-width brackets folded, as `syntax` folds them.
#[inline(never)]
fn folded(name: &str) -> String {
    name.replace('（', "(").replace('）', ")")
}

/// Characters a generated name never holds: quotation marks, brackets that nest, braces.
fn name_chars(c: char) -> bool {
    !matches!(
        c,
        '“' | '”'
            | '「'
            | '」'
            | '《'
            | '》'
            | '{'
            | '}'
            | '｛'
            | '｝'
            | '"'
            | '\n'
            | '\r'
            | '〔'
            | '〕'
    ) && crate::syntax::forbidden_char(c).is_none()
        && !c.is_whitespace()
}

/// `name` as a token: bare when the grammar reads it as one name, else in 「」.
#[inline(never)]
pub(super) fn token(name: &str) -> Option<String> {
    let clean = super::text::chars_where(name, name_chars);
    let clean = clean.replace("//", "/");
    if clean.is_empty()
        || !super::text::has_ideograph(&clean) && !clean.chars().any(|c| c.is_ascii_alphanumeric())
    {
        return None;
    }
    // A name that starts like an item number (一是, 1., ①) would lose that start to the number.
    let numbered = super::values::match_end(Rule::item_number, &clean, 0).is_some();
    if !clean.ends_with('等') && !numbered && reads(Rule::bare_name, &clean) {
        return Some(clean);
    }
    let quoted = format!("「{clean}」");
    reads(Rule::name, &quoted).then_some(quoted)
}

/// Names → a number: the one map type of the draft (the checker's hash, see `check::walk`).
type Names = std::collections::HashMap<String, u32, crate::check::TableHash>;

/// Names already given, by kind, so that two items never share one.
#[derive(Default)]
struct Book {
    /// Every name given (folded), and for each name asked for, the next number to try (so
    /// many items of one name cost no more each than the first).
    taken: Names,
    next: Names,
}

impl Book {
    /// `name`, or the first of `name（二）`, `name（三）`… not yet taken, as a token.
    fn claim(&mut self, name: &str, fallback: &str) -> String {
        let base = token(name).map_or_else(|| fallback.to_string(), |_| name.to_string());
        let start = self.next.get(&base).copied().unwrap_or(1);
        for n in start.. {
            let cand = if n == 1 {
                base.clone()
            } else {
                format!("{base}（{}）", crate::draft::cn_number(n))
            };
            let key = folded(&cand);
            if self.taken.contains_key(&key) {
                continue;
            }
            if let Some(t) = token(&cand) {
                self.taken.insert(key, 0);
                self.next.insert(base, n + 1);
                return t;
            }
        }
        unreachable!("an unbounded range yields a free name")
    }
}

struct Writer<'s> {
    src: &'s str,
    out: String,
    indent: usize,
    /// The nesting depth the parser will count at the end of what is written so far.
    depth: usize,
    targets: Book,
    standards: Book,
    facts: Vec<(String, String)>,
    counts: Counts,
}

/// Deepest nesting (braces, quotation marks, titles) a draft lets its text reach: below the
/// parser's limit by the few blocks a draft can still open.
const NESTING_ROOM: usize = MAX_NESTING - 16;

fn nesting_after(depth: usize, s: &str) -> (usize, usize) {
    let mut d = depth;
    let mut max = d;
    for c in s.chars() {
        match c {
            '{' | '｛' | '“' | '「' | '《' => {
                d += 1;
                max = max.max(d);
            }
            '}' | '｝' | '”' | '」' | '》' => d = d.saturating_sub(1),
            _ => {}
        }
    }
    (d, max)
}

/// Whether `open` and `close` nest properly in `s` (never more closes than opens, all closed).
fn balanced(s: &str, open: char, close: char) -> bool {
    let mut d = 0usize;
    for c in s.chars() {
        if c == open {
            d += 1;
        } else if c == close {
            match d.checked_sub(1) {
                Some(n) => d = n,
                None => return false,
            }
        }
    }
    d == 0
}

/// Whether `item`, a small rule file, parses without error: every clause value the draft
/// writes is tried this way first (the grammar alone does not say, e.g., that a value has one
/// comparator), and one that fails is kept as a 待编码 comment instead.
#[inline(never)]
fn parses(item: &str) -> bool {
    !crate::syntax::parse(item, "")
        .diagnostics
        .iter()
        .any(crate::diagnostic::Diagnostic::is_error)
}

impl<'s> Writer<'s> {
    /// `key：value` inside an item of kind `kind`, if the parser accepts it there.
    fn clause(&mut self, kind: &str, key: &str, value: &str) {
        let line = format!("{key}：{value}");
        let item = if kind.starts_with(Item::Header.word()) {
            kind.to_string()
        } else {
            format!("{kind} 甲")
        };
        if parses(&format!("{item} {{\n{line}\n}}\n")) {
            self.raw(&line);
        } else {
            self.pending(&line);
        }
    }

    fn raw(&mut self, line: &str) {
        let (d, _) = nesting_after(self.depth, line);
        self.depth = d;
        for _ in 0..self.indent {
            self.out.push_str("  ");
        }
        self.out.push_str(line);
        self.out.push('\n');
    }

    fn open(&mut self, head: &str) {
        self.raw(&format!("{head} {{"));
        self.indent += 1;
    }

    fn close(&mut self) {
        self.indent = self.indent.saturating_sub(1);
        self.raw("}");
    }

    /// A comment line; characters that would open a nesting level past the limit are left out.
    fn comment(&mut self, text: &str) {
        let text: String = text
            .chars()
            .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
            .filter(|&c| crate::syntax::forbidden_char(c).is_none())
            .collect();
        let text = if nesting_after(self.depth, &text).1 > NESTING_ROOM {
            text.chars()
                .filter(|c| !matches!(c, '{' | '｛' | '“' | '「' | '《'))
                .collect()
        } else {
            text
        };
        self.raw(&format!("// {text}"));
    }

    fn pending(&mut self, text: &str) {
        self.counts.pending += 1;
        self.comment(&format!("待编码: {text}"));
    }

    /// `原文：` with the quotation marks the text allows; a text no marks can hold (or one that
    /// would nest too deep) becomes a 待编码 comment.
    fn quote(&mut self, r: Range) {
        let text = r.of(self.src);
        let quoted = if balanced(text, '“', '”') {
            Some(format!("“{text}”"))
        } else if balanced(text, '「', '」') {
            Some(format!("「{text}」"))
        } else if !text.contains('"') {
            Some(format!("\"{text}\""))
        } else {
            None
        };
        let fits = |q: &String| {
            nesting_after(self.depth, q).1 <= NESTING_ROOM && reads_long(Rule::quote, q)
        };
        match quoted.filter(fits) {
            Some(q) => self.raw(&format!("{}：{q}", Key::Quote.word())),
            None => self.pending(text),
        }
    }

    fn quotes(&mut self, rs: &[Range]) {
        for r in rs {
            self.quote(*r);
        }
    }

    fn names(&mut self, key: &str, list: &NameList) {
        let tokens: Vec<String> = list.names.iter().filter_map(|n| token(n)).collect();
        if tokens.is_empty() {
            return;
        }
        let mut value = tokens.join("、");
        if list.open {
            value.push('等');
        }
        if reads(Rule::name_list, &value) {
            self.raw(&format!("{key}：{value}"));
        } else {
            self.pending(&format!("{key}：{}", list.names.join("、")));
        }
    }

    fn header(&mut self, h: &Header, source_name: &str) {
        let title = if parses(&format!("{}《{}》 {{}}\n", Item::Header.word(), h.title)) {
            h.title.as_str()
        } else {
            "未命名文件"
        };
        self.open(&format!("{}《{title}》", Item::Header.word()));
        let mut clauses: Vec<(&str, String)> = Vec::new();
        if let Some(i) = &h.issuer {
            clauses.push((Key::Issuer.word(), i.clone()));
        }
        if let Some(d) = &h.date {
            clauses.push((Key::Date.word(), d.clone()));
        }
        if let Some(d) = &h.published {
            clauses.push((Key::Published.word(), d.clone()));
        }
        if let Some(n) = &h.number {
            clauses.push((Key::DocNumber.word(), n.clone()));
        }
        if !h.basis.is_empty() {
            clauses.push((Key::Basis.word(), h.basis.join("、")));
        }
        for (key, value) in clauses {
            self.clause(&format!("{}《甲》", Item::Header.word()), key, &value);
        }
        let clean_name = source_name
            .chars()
            .all(|c| crate::syntax::forbidden_char(c).is_none());
        if clean_name && reads(Rule::text, source_name) && !source_name.contains("//") {
            self.raw(&format!("{}：{source_name}", Key::Source.word()));
        } else {
            self.comment(&format!(
                "原始文件名「{source_name}」不能写成来源,请改名后补上"
            ));
        }
        self.quotes(&h.quotes);
        self.close();
    }

    fn nodes(&mut self, nodes: &[Node], siblings: &mut Book) {
        for n in nodes {
            match n {
                Node::Measure(m) => self.measure(m, siblings),
                Node::Target(t) => self.target(t),
                Node::Standard(s) => self.standard(s),
                Node::Schedule(s) => self.schedule(s),
                Node::Pending(text) => self.pending(text),
            }
        }
    }

    fn measure(&mut self, m: &Measure, siblings: &mut Book) {
        self.counts.measures += 1;
        let number = m.number.as_deref().filter(|n| reads(Rule::item_number, n));
        let name = match (&m.number, number) {
            (Some(n), None) => format!("{n}{}", m.name),
            _ => m.name.clone(),
        };
        let name = siblings.claim(&name, Item::Measure.word());
        match number {
            Some(n) => self.open(&format!("{} {n}{name}", Item::Measure.word())),
            None => self.open(&format!("{} {name}", Item::Measure.word())),
        }
        self.names(Key::Lead.word(), &m.duties.lead);
        self.names(Key::Responsible.word(), &m.duties.responsible);
        self.names(Key::Leaders.word(), &m.duties.leaders);
        if let Some(d) = &m.duties.deadline {
            self.clause(Item::Measure.word(), Key::Deadline.word(), d);
        }
        for p in &m.duties.pending {
            self.pending(p);
        }
        self.quotes(&m.quotes);
        let mut children = Book::default();
        self.nodes(&m.children, &mut children);
        self.close();
    }

    fn target(&mut self, t: &Target) {
        self.counts.targets += 1;
        let name = self.targets.claim(&t.name, Item::Target.word());
        self.open(&format!("{} {name}", t.keyword));
        if let Some(v) = &t.value {
            self.clause(Item::Target.word(), Key::Value.word(), v);
        }
        if let Some(d) = &t.deadline {
            self.clause(Item::Target.word(), Key::Deadline.word(), d);
        }
        if let Some((key, parts)) = &t.breakdown {
            self.clause(Item::Target.word(), key, parts);
        }
        if let Some(r) = &t.rate {
            self.clause(Item::Target.word(), Key::Rate.word(), r);
        }
        self.quotes(&t.quotes);
        self.close();
    }

    fn standard(&mut self, s: &Standard) {
        self.counts.standards += 1;
        let name = self.standards.claim(&s.name, Item::Standard.word());
        self.open(&format!("{} {name}", s.keyword));
        if let Some((key, v)) = &s.amount {
            self.clause(Item::Standard.word(), key, v);
        }
        if let Some((base, unit)) = &s.base {
            self.fact(base, unit);
        }
        if let Some(t) = &s.tiers {
            let rows: Vec<String> = t.rows.iter().map(|(c, a)| format!("{c}：{a}")).collect();
            let tiers_parse = parses(&format!(
                "{} 甲 {{\n{} {TIERS_BY} 乙 {{\n{}\n}}\n}}\n",
                Item::Standard.word(),
                Item::Tiers.word(),
                rows.join("\n")
            ));
            if tiers_parse {
                let cases: Vec<String> = t.rows.iter().map(|(c, _)| c.clone()).collect();
                let fact = self.fact(&t.fact, &cases.join("、"));
                self.open(&format!("{} {TIERS_BY} {fact}", Item::Tiers.word()));
                for row in &rows {
                    self.raw(row);
                }
                self.close();
            } else {
                self.pending(&format!("{}：{}", Item::Tiers.word(), rows.join(";")));
            }
        }
        self.quotes(&s.quotes);
        self.close();
    }

    /// Declares a fact (written at the top later); the name it got, made distinct from a fact
    /// of the same name declared otherwise.
    fn fact(&mut self, name: &str, ty: &str) -> String {
        for n in 1u32.. {
            let cand = if n == 1 {
                name.to_string()
            } else {
                format!("{name}（{}）", crate::draft::cn_number(n))
            };
            match self.facts.iter().find(|(f, _)| *f == cand) {
                Some((_, t)) if t == ty => return token(&cand).unwrap_or(cand),
                Some(_) => continue,
                None => {
                    self.facts.push((cand.clone(), ty.to_string()));
                    return token(&cand).unwrap_or(cand);
                }
            }
        }
        unreachable!("an unbounded range yields a free name")
    }

    fn schedule(&mut self, s: &Schedule) {
        let name = token(&s.name).unwrap_or_else(|| "工作步骤".to_string());
        self.open(&format!("{} {name}", Item::Schedule.word()));
        if let Some(l) = &s.length {
            self.clause(Item::Schedule.word(), Key::Length.word(), l);
        }
        self.quotes(&s.quotes);
        let mut phases = Book::default();
        for p in &s.phases {
            self.phase(p, &mut phases);
        }
        let mut siblings = Book::default();
        for m in &s.measures {
            self.measure(m, &mut siblings);
        }
        self.close();
    }

    fn phase(&mut self, p: &Phase, book: &mut Book) {
        let name = book.claim(&p.name, Item::Phase.word());
        let head = format!("{} {name}：{}", Item::Phase.word(), p.window);
        if parses(&format!("{} 甲 {{\n{head}\n}}\n", Item::Schedule.word())) {
            self.counts.phases += 1;
            self.open(&head);
        } else {
            // A window the language cannot read: the phase's text stays, as a measure.
            self.counts.measures += 1;
            self.open(&format!("{} {name}", Item::Measure.word()));
            self.pending(&format!("{}：{}", Key::Window.word(), p.window));
        }
        self.quotes(&p.quotes);
        let mut siblings = Book::default();
        for m in &p.measures {
            self.measure(m, &mut siblings);
        }
        self.close();
    }
}

/// The departments and classes the duties name, in order of first mention.
fn departments(plan: &Plan) -> Vec<String> {
    struct Seen {
        order: Vec<String>,
        keys: Names,
    }
    fn walk(nodes: &[Node], out: &mut Seen) {
        for n in nodes {
            match n {
                Node::Measure(m) => measure(m, out),
                Node::Schedule(s) => {
                    for p in &s.phases {
                        for m in &p.measures {
                            measure(m, out);
                        }
                    }
                    for m in &s.measures {
                        measure(m, out);
                    }
                }
                _ => {}
            }
        }
    }
    fn measure(m: &Measure, out: &mut Seen) {
        for list in [&m.duties.lead, &m.duties.responsible] {
            for n in &list.names {
                if let Some(t) = token(n) {
                    if out.keys.insert(folded(&t), 0).is_none() {
                        out.order.push(t);
                    }
                }
            }
        }
        walk(&m.children, out);
    }
    let mut out = Seen {
        order: Vec::new(),
        keys: Names::default(),
    };
    walk(&plan.body, &mut out);
    out.order
}

/// A class of bodies rather than one: 各… and …成员单位.
fn is_class(token: &str) -> bool {
    let t = token.trim_start_matches('「');
    t.starts_with('各')
        || t.contains("成员单位")
        || t.contains("有关单位")
        || t.contains("有关部门")
}

fn plain(token: &str) -> &str {
    token.trim_start_matches('「').trim_end_matches('」')
}

/// Two names that may be one body written two ways (县国土局 and 县国土资源局): the shorter's
/// characters appear in order in the longer, both start and end alike.
fn same_body(a: &str, b: &str) -> bool {
    let (short, long) = if a.chars().count() <= b.chars().count() {
        (a, b)
    } else {
        (b, a)
    };
    if short == long || short.chars().count() < 4 {
        return false;
    }
    if short.chars().next() != long.chars().next() || short.chars().last() != long.chars().last() {
        return false;
    }
    let mut rest = long.chars();
    short.chars().all(|c| rest.any(|l| l == c))
}

/// The whole draft as text (not yet in canonical layout), with what it holds.
pub(super) fn render(plan: &Plan, src: &str, source_name: &str) -> (String, Counts) {
    let mut w = Writer {
        src,
        out: String::new(),
        indent: 0,
        depth: 0,
        targets: Book::default(),
        standards: Book::default(),
        facts: Vec::new(),
        counts: Counts::default(),
    };
    w.comment(&format!(
        "由 zhengce draft 从「{source_name}」起草:名称、数值和分工须逐项对照原文核对"
    ));
    w.comment("「待编码」注释是未能编码的句子;见 docs/draft.md");
    w.header(&plan.header, source_name);
    let mut body = Writer {
        src,
        out: String::new(),
        indent: 0,
        depth: w.depth,
        targets: Book::default(),
        standards: Book::default(),
        facts: Vec::new(),
        counts: Counts::default(),
    };
    let mut top = Book::default();
    body.nodes(&plan.body, &mut top);
    for t in &plan.trailing {
        body.pending(t);
    }

    let depts = departments(plan);
    let (classes, bodies): (Vec<&String>, Vec<&String>) = depts.iter().partition(|t| is_class(t));
    w.out.push('\n');
    for chunk in bodies.chunks(6) {
        let list: Vec<&str> = chunk.iter().map(|s| s.as_str()).collect();
        w.raw(&format!("{}：{}", Key::Department.word(), list.join("、")));
    }
    for c in &classes {
        w.raw(&format!("{} {c}", Item::DeptClass.word()));
    }
    for (i, a) in depts.iter().enumerate() {
        for b in &depts[i + 1..] {
            if same_body(plain(a), plain(b)) {
                w.comment(&format!(
                    "可能是同一机构的两种写法:{a}、{b}(若是,删去一个登记,改写为「{} {a} {ALIAS} {b}」)",
                    Item::Dept.word()
                ));
            }
        }
    }
    if !body.facts.is_empty() {
        w.out.push('\n');
        for (name, ty) in &body.facts {
            let ty = if matches!(ty.as_str(), "元" | "人" | "户" | "个村") {
                ty.clone()
            } else {
                ty.split('、')
                    .filter_map(token)
                    .collect::<Vec<_>>()
                    .join("、")
            };
            if let Some(n) = token(name) {
                w.raw(&format!("{} {n}：{ty}", Item::Fact.word()));
            }
        }
    }
    w.out.push('\n');
    w.out.push_str(&body.out);
    let mut counts = body.counts;
    counts.departments = depts.len();
    counts.pending += w.counts.pending;
    (w.out, counts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens() {
        assert_eq!(token("县扶贫办").as_deref(), Some("县扶贫办"));
        assert_eq!(
            token("各乡镇党委、政府").as_deref(),
            Some("「各乡镇党委、政府」")
        );
        assert_eq!(token("9个深度贫困县").as_deref(), Some("「9个深度贫困县」"));
        assert_eq!(
            token("服务人口在1000人以下").as_deref(),
            Some("「服务人口在1000人以下」")
        );
        assert_eq!(token("“两不愁”").as_deref(), Some("两不愁"));
        assert_eq!(token("一是").as_deref(), Some("「一是」"));
        assert_eq!(token("，。"), None);
    }

    #[test]
    fn distinct_names() {
        let mut b = Book::default();
        assert_eq!(b.claim("危房改造", "x"), "危房改造");
        assert_eq!(b.claim("危房改造", "x"), "危房改造（二）");
        assert_eq!(b.claim("，", "目标"), "目标");
    }

    #[test]
    fn one_body_two_ways() {
        assert!(same_body("县国土局", "县国土资源局"));
        assert!(same_body("省交通厅", "省交通运输厅"));
        assert!(!same_body("县委办", "县委农办"));
        assert!(!same_body("县扶贫办", "县财政局"));
    }
}
