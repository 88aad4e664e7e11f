//! Which item each diagnostic is about ([`Subject`]): the innermost item whose span holds the
//! diagnostic's primary label, with the names of the items around it and the nearest 原文.

use crate::ast::{AssessEntry, Document, Item, Measure, Name, Phase, Target, Text};
use crate::diagnostic::{Diagnostic, Span, Subject};

/// One item of a document in source order (parents before their children).
pub(crate) struct Node<'a> {
    /// The keyword as written: 目标 or 现状, 标准 or 补助.
    pub kind: &'a str,
    pub name: &'a str,
    pub name_span: Span,
    pub span: Span,
    pub quote: Option<&'a str>,
    pub parent: Option<usize>,
}

/// Every item of one document, and their order by position: the outline an editor shows, and
/// where each finding is.
pub(crate) struct Outline<'a> {
    pub nodes: Vec<Node<'a>>,
    /// Indexes into `nodes` by start, outer items first when two start together.
    by_start: Vec<usize>,
}

impl<'a> Outline<'a> {
    pub fn new(items: &'a [Item]) -> Outline<'a> {
        let mut outline = Outline {
            nodes: Vec::new(),
            by_start: Vec::new(),
        };
        for item in items {
            outline.item(item);
        }
        // A measure's targets may be written before its sub-measures: the walk's order is not
        // the text's, so sort.
        let mut by_start: Vec<usize> = (0..outline.nodes.len()).collect();
        let nodes = &outline.nodes;
        zhengce_runtime::sort::sort_by(&mut by_start, |a, b| {
            let (a, b) = (nodes[*a].span, nodes[*b].span);
            a.start.cmp(&b.start).then(b.end.cmp(&a.end))
        });
        outline.by_start = by_start;
        outline
    }

    fn push(
        &mut self,
        kind: &'a str,
        name: &'a Name,
        span: Span,
        quotes: &'a [Text],
        parent: Option<usize>,
    ) -> usize {
        self.nodes.push(Node {
            kind,
            name: &name.text,
            name_span: name.span,
            span,
            quote: quotes.first().map(|q| q.text.as_str()),
            parent,
        });
        self.nodes.len() - 1
    }

    fn item(&mut self, item: &'a Item) {
        match item {
            Item::Header(h) => {
                self.nodes.push(Node {
                    kind: "文件",
                    name: &h.title.text,
                    name_span: h.title.span,
                    span: h.span,
                    quote: h.quotes.first().map(|q| q.text.as_str()),
                    parent: None,
                });
            }
            Item::Department(d) => {
                self.push("部门", &d.name, d.span, &[], None);
            }
            Item::DepartmentClass(c) => {
                self.push("部门类", &c.name, c.span, &[], None);
            }
            Item::Scope(s) => {
                self.push("范围", &s.name, s.span, &s.quotes, None);
            }
            Item::Fact(f) => {
                self.push("事实", &f.name, f.span, &[], None);
            }
            Item::Target(t) => self.target(t, None),
            Item::Standard(s) => {
                self.push(&s.keyword, &s.name, s.span, &s.quotes, None);
            }
            Item::Measure(m) => self.measure(m, None),
            Item::Schedule(s) => {
                let at = self.push("步骤", &s.name, s.span, &s.quotes, None);
                for m in &s.measures {
                    self.measure(m, Some(at));
                }
                for p in &s.phases {
                    self.phase(p, at);
                }
            }
            Item::Assessment(a) => {
                let at = self.push("考核", &a.name, a.span, &a.quotes, None);
                for e in &a.entries {
                    self.entry(e, at);
                }
                for adj in &a.adjustments {
                    self.push("调整", &adj.name, adj.span, &adj.quotes, Some(at));
                }
            }
            Item::Example(e) => {
                self.push("例", &e.name, e.span, &e.quotes, None);
            }
        }
    }

    fn target(&mut self, t: &'a Target, parent: Option<usize>) {
        self.push(&t.keyword, &t.name, t.span, &t.quotes, parent);
    }

    fn measure(&mut self, m: &'a Measure, parent: Option<usize>) {
        let at = self.push("措施", &m.name, m.span, &m.quotes, parent);
        for c in &m.children {
            self.measure(c, Some(at));
        }
        for t in &m.targets {
            self.target(t, Some(at));
        }
        for s in &m.standards {
            self.push(&s.keyword, &s.name, s.span, &s.quotes, Some(at));
        }
    }

    fn phase(&mut self, p: &'a Phase, parent: usize) {
        let at = self.push("阶段", &p.name, p.span, &p.quotes, Some(parent));
        for m in &p.measures {
            self.measure(m, Some(at));
        }
    }

    fn entry(&mut self, e: &'a AssessEntry, parent: usize) {
        let at = self.push("项", &e.name, e.span, &e.quotes, Some(parent));
        for c in &e.children {
            self.entry(c, at);
        }
    }

    /// The innermost item holding `span`, if any, in O(log n + depth).
    pub fn innermost(&self, span: Span) -> Option<usize> {
        // Items nest or are disjoint. The last item starting at or before the span is the
        // innermost holder or lies inside it, so the holder is it or one of its ancestors.
        let after = self
            .by_start
            .partition_point(|&i| self.nodes[i].span.start <= span.start);
        let mut cur = after.checked_sub(1).map(|k| self.by_start[k]);
        while let Some(i) = cur {
            let n = &self.nodes[i];
            if n.span.start <= span.start && span.end <= n.span.end {
                return Some(i);
            }
            cur = n.parent;
        }
        None
    }

    fn subject(&self, at: usize) -> Subject {
        let mut path = Vec::new();
        let mut quote = None;
        let mut cur = Some(at);
        while let Some(i) = cur {
            let n = &self.nodes[i];
            path.push(n.name.to_string());
            if quote.is_none() {
                quote = n.quote.map(str::to_string);
            }
            cur = n.parent;
        }
        path.reverse();
        Subject {
            kind: self.nodes[at].kind.to_string(),
            path,
            quote,
        }
    }
}

/// Sets `subject` on every diagnostic whose primary label falls inside an item of a file of
/// the set (a diagnostic that already has one keeps it). Expects the diagnostics sorted by file
/// (`sort_diagnostics`), so each file's outline is looked up once per run of its diagnostics.
pub(crate) fn attach<'a>(
    files: impl IntoIterator<Item = (&'a str, &'a Document)>,
    diagnostics: &mut [Diagnostic],
) {
    let outlines: Vec<(&str, Outline)> = files
        .into_iter()
        .map(|(name, document)| (name, Outline::new(&document.items)))
        .collect();
    let mut current: Option<&(&str, Outline)> = None;
    for d in diagnostics.iter_mut().filter(|d| d.subject.is_none()) {
        let Some(label) = d.primary_label() else {
            continue;
        };
        if current.is_none_or(|(name, _)| *name != label.file) {
            current = outlines.iter().find(|(name, _)| *name == label.file);
        }
        let Some((_, outline)) = current else {
            continue;
        };
        if let Some(at) = outline.innermost(label.span) {
            d.subject = Some(outline.subject(at));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{check_files, SourceFile};

    fn subjects(text: &str) -> Vec<(String, String, Vec<String>, Option<String>)> {
        let out = check_files(&[SourceFile::new("a.zc", text)]);
        out.diagnostics
            .iter()
            .map(|d| {
                let s = d
                    .subject
                    .clone()
                    .expect("every finding here lies in an item");
                (d.code.clone(), s.kind, s.path, s.quote)
            })
            .collect()
    }

    #[test]
    fn a_finding_names_the_innermost_item_its_parents_and_the_nearest_quote() {
        // The target is written before the sub-measure: the walk visits sub-measures first, so
        // the lookup must go by position, not by walk order.
        let text = "部门 县扶贫办\n\
            措施 产业扶贫 {\n  牵头：县扶贫办\n  原文：“发展产业”\n\
              目标 脱贫 {\n    值：100人\n    分年度：2019年40人、2020年50人\n  }\n\
              措施 种植 {\n    牵头：县农业局\n  }\n}\n";
        let found = subjects(text);
        let path = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
        assert!(found.contains(&(
            "ZC0201".into(),
            "目标".into(),
            path(&["产业扶贫", "脱贫"]),
            Some("发展产业".into())
        )));
        assert!(found.contains(&(
            "ZC0101".into(),
            "措施".into(),
            path(&["产业扶贫", "种植"]),
            Some("发展产业".into())
        )));
    }
}
