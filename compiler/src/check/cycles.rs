//! Cycles in 依据 and 废止: a document rests on (依据) and repeals (废止) documents that came
//! before it, so following those references from any document must never lead back to it. A
//! document that names itself, two that rest on each other, three in a ring: each is a slip (a
//! title or 文号 copied into the wrong place) that would make "the document above" meaningless.
//!
//! References resolve as `crossdoc` resolves them (文号 first, then title); those marked 外部
//! are outside the set and cannot close a cycle. Each strongly connected group of documents gives
//! one ZC0805, spelling out its shortest cycle through the document whose file name sorts first.

use super::crossdoc::DocIndex;
use super::{DocCtx, SetCtx};
use crate::codes;
use crate::diagnostic::{Diagnostic, Span};

/// A reference from one document of the set to another.
#[derive(Clone, Copy)]
struct Edge {
    from: usize,
    to: usize,
    /// 依据 or 废止.
    kind: &'static str,
    span: Span,
}

pub(crate) fn check(set: &SetCtx, out: &mut Vec<Diagnostic>) {
    let docs = set.docs;
    let index = DocIndex::new(docs);
    let mut edges: Vec<Edge> = Vec::new();
    for (from, doc) in docs.iter().enumerate() {
        let Some(header) = doc.header else { continue };
        let refs = header
            .basis
            .iter()
            .map(|r| ("依据", r))
            .chain(header.repeals.iter().map(|r| ("废止", r)));
        for (kind, r) in refs {
            if r.external {
                continue;
            }
            let Some(target) = index.find(r) else {
                continue;
            };
            let Some(to) = docs.iter().position(|d| std::ptr::eq(d, target)) else {
                continue;
            };
            edges.push(Edge {
                from,
                to,
                kind,
                span: r.span,
            });
        }
    }
    if edges.is_empty() {
        return;
    }
    let mut out_edges: Vec<Vec<usize>> = vec![Vec::new(); docs.len()];
    for (i, e) in edges.iter().enumerate() {
        out_edges[e.from].push(i);
    }
    for group in components(docs.len(), &edges, &out_edges) {
        // The cycle is spelled from the file that sorts first, whatever order the files came in.
        let Some(&first) = group.iter().min_by_key(|&&i| docs[i].file) else {
            continue;
        };
        if let Some(cycle) = shortest_cycle(first, &group, &edges, &out_edges) {
            out.push(diagnostic(docs, &cycle));
        }
    }
}

/// The strongly connected groups of documents that hold a cycle (two or more documents, or
/// one that refers to itself), each sorted, in the order of their first document. Tarjan's
/// algorithm, without recursion: a set may hold thousands of documents.
fn components(n: usize, edges: &[Edge], out_edges: &[Vec<usize>]) -> Vec<Vec<usize>> {
    const UNSEEN: usize = usize::MAX;
    let mut order = vec![UNSEEN; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut next = 0;
    let mut groups = Vec::new();
    for root in 0..n {
        if order[root] != UNSEEN {
            continue;
        }
        // (node, how many of its edges have been followed)
        let mut path = vec![(root, 0usize)];
        order[root] = next;
        low[root] = next;
        next += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (node, ref mut followed)) = path.last_mut() {
            if let Some(&e) = out_edges[node].get(*followed) {
                *followed += 1;
                let to = edges[e].to;
                if order[to] == UNSEEN {
                    order[to] = next;
                    low[to] = next;
                    next += 1;
                    stack.push(to);
                    on_stack[to] = true;
                    path.push((to, 0));
                } else if on_stack[to] {
                    low[node] = low[node].min(order[to]);
                }
                continue;
            }
            path.pop();
            if let Some(&(parent, _)) = path.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == order[node] {
                let mut group = Vec::new();
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    group.push(member);
                    if member == node {
                        break;
                    }
                }
                zhengce_runtime::sort::sort(&mut group);
                let self_loop = out_edges[node].iter().any(|&e| edges[e].to == node);
                if group.len() > 1 || self_loop {
                    groups.push(group);
                }
            }
        }
    }
    zhengce_runtime::sort::sort(&mut groups);
    groups
}

/// The edges of a shortest cycle from `start` back to it, within `group` (breadth first, edges
/// in the order written, so the cycle is the same from run to run).
fn shortest_cycle(
    start: usize,
    group: &[usize],
    edges: &[Edge],
    out_edges: &[Vec<usize>],
) -> Option<Vec<Edge>> {
    // The edge that first reached each document of the group.
    let mut reached_by: Vec<Option<usize>> = vec![None; out_edges.len()];
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        for &e in &out_edges[node] {
            let to = edges[e].to;
            if to == start {
                // Walk back from `node` to `start`.
                let mut cycle = vec![edges[e]];
                let mut at = node;
                while at != start {
                    let back = reached_by[at]?;
                    cycle.push(edges[back]);
                    at = edges[back].from;
                }
                cycle.reverse();
                return Some(cycle);
            }
            if group.binary_search(&to).is_ok() && reached_by[to].is_none() {
                reached_by[to] = Some(e);
                queue.push_back(to);
            }
        }
    }
    None
}

fn title(doc: &DocCtx) -> String {
    doc.header
        .map_or_else(|| doc.file.to_string(), |h| format!("《{}》", h.title.text))
}

fn diagnostic(docs: &[DocCtx], cycle: &[Edge]) -> Diagnostic {
    let first = cycle[0];
    let steps: Vec<String> = cycle
        .iter()
        .map(|e| {
            let to = if e.to == e.from {
                "它自己".to_string()
            } else {
                title(&docs[e.to])
            };
            format!("{}{}{to}", title(&docs[e.from]), e.kind)
        })
        .collect();
    let message = if cycle.len() == 1 {
        format!("文件{}", steps[0])
    } else {
        format!("依据和废止的关系成环:{}", steps.join(","))
    };
    let mut d = Diagnostic::error(codes::REFERENCE_CYCLE, message).primary(
        docs[first.from].file,
        first.span,
        steps[0].clone(),
    );
    for (e, step) in cycle.iter().zip(&steps).skip(1) {
        d = d.secondary(docs[e.from].file, e.span, step.clone());
    }
    d.note("依据和废止的都是在本文件之前印发的文件,顺着它们不会回到本文件")
        .help("核对书名和文号:多半是把本文件或下级文件的书名、文号抄进了「依据」或「废止」")
}

#[cfg(test)]
mod tests {
    fn codes(files: &[(&str, &str)]) -> Vec<(String, String)> {
        let files: Vec<crate::SourceFile> = files
            .iter()
            .map(|(n, t)| crate::SourceFile::new(*n, *t))
            .collect();
        crate::check_files(&files)
            .diagnostics
            .into_iter()
            .filter(|d| d.code == "ZC0805")
            .map(|d| (d.code, d.message))
            .collect()
    }

    #[test]
    fn self_two_and_three_way_cycles_are_spelled_out() {
        assert_eq!(
            codes(&[("a.zc", "文件《甲》{ 依据：《甲》 }\n")]),
            [("ZC0805".into(), "文件《甲》依据它自己".into())]
        );
        assert_eq!(
            codes(&[
                ("a.zc", "文件《甲》{ 依据：《乙》 }\n"),
                ("b.zc", "文件《乙》{ 依据：《甲》 }\n"),
            ]),
            [(
                "ZC0805".into(),
                "依据和废止的关系成环:《甲》依据《乙》,《乙》依据《甲》".into()
            )]
        );
        assert_eq!(
            codes(&[
                ("a.zc", "文件《甲》{ 依据：《乙》 }\n"),
                ("b.zc", "文件《乙》{ 废止：《丙》 }\n"),
                ("c.zc", "文件《丙》{ 依据：《甲》 }\n"),
            ]),
            [(
                "ZC0805".into(),
                "依据和废止的关系成环:《甲》依据《乙》,《乙》废止《丙》,《丙》依据《甲》".into()
            )]
        );
    }

    #[test]
    fn chains_and_external_references_are_not_cycles() {
        assert!(codes(&[
            ("甲.zc", "文件《甲》{ 依据：《乙》 }\n"),
            ("乙.zc", "文件《乙》{ 依据：《丙》 }\n"),
            ("丙.zc", "文件《丙》{ 依据：外部《甲》 }\n"),
        ])
        .is_empty());
        // Found by 文号: 乙 rests on the document numbered 甲发〔2017〕1号, which is 甲 itself.
        assert_eq!(
            codes(&[
                (
                    "甲.zc",
                    "文件《甲》{ 文号：甲发〔2017〕1号；依据：《乙》 }\n"
                ),
                (
                    "乙.zc",
                    "文件《乙》{ 依据：《另一个标题》（甲发〔2017〕1号） }\n"
                ),
            ])
            .len(),
            1
        );
    }
}
