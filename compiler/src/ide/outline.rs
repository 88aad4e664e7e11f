//! The document's outline (its items, nested) and the ranges an editor may fold, from the same
//! outline the diagnostics' subjects come from (`check::subject`).

use serde::Serialize;

use super::Analysis;
use crate::check::Outline;
use crate::diagnostic::Span;

/// One item of the outline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Symbol {
    /// The item's keyword as written: 文件, 措施, 目标, 现状, 标准, 补助, 步骤, 阶段 …
    pub kind: String,
    pub name: String,
    /// The whole item.
    pub span: Span,
    /// Its name (a header's title).
    pub name_span: Span,
    pub children: Vec<Symbol>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FoldKind {
    /// An item's block.
    Item,
    /// Consecutive comment lines.
    Comment,
}

/// A range an editor may fold: it starts and ends on different lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Fold {
    pub span: Span,
    pub kind: FoldKind,
}

pub(crate) fn outline(a: &Analysis, file: usize) -> Vec<Symbol> {
    let doc = &a.output().files[file].document;
    let outline = Outline::new(&doc.items);
    // Nodes come parents first: build the tree bottom-up by attaching each node to its parent.
    let mut built: Vec<Option<Symbol>> = outline
        .nodes
        .iter()
        .map(|n| {
            Some(Symbol {
                kind: n.kind.to_string(),
                name: n.name.to_string(),
                span: n.span,
                name_span: n.name_span,
                children: Vec::new(),
            })
        })
        .collect();
    let mut roots = Vec::new();
    for i in (0..outline.nodes.len()).rev() {
        let Some(symbol) = built[i].take() else {
            continue;
        };
        match outline.nodes[i].parent {
            Some(p) => {
                if let Some(parent) = built[p].as_mut() {
                    parent.children.push(symbol);
                }
            }
            None => roots.push(symbol),
        }
    }
    roots.reverse();
    sort(&mut roots);
    roots
}

/// Source order at every level (a measure's targets may be walked before its sub-measures).
fn sort(symbols: &mut [Symbol]) {
    zhengce_runtime::sort::sort_by_key(symbols, |s| s.span.start);
    for s in symbols {
        sort(&mut s.children);
    }
}

pub(crate) fn folds(a: &Analysis, file: usize) -> Vec<Fold> {
    let text = a.text(file);
    let multi_line = |span: Span| {
        text.get(span.start..span.end)
            .is_some_and(|s| s.trim_end().contains(['\n', '\r']))
    };
    let doc = &a.output().files[file].document;
    let outline = Outline::new(&doc.items);
    let mut out: Vec<Fold> = outline
        .nodes
        .iter()
        .filter(|n| multi_line(n.span))
        .map(|n| Fold {
            span: n.span,
            kind: FoldKind::Item,
        })
        .collect();
    // Runs of two or more lines that are only a comment.
    let mut run: Option<(usize, usize, usize)> = None; // start, end, lines
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start_matches([' ', '\t', '\u{3000}', '\u{FEFF}']);
        let is_comment = trimmed.starts_with("//");
        let end = offset + line.trim_end_matches(['\n', '\r']).len();
        if is_comment {
            run = Some(match run {
                Some((start, _, n)) => (start, end, n + 1),
                None => (offset + (line.len() - trimmed.len()), end, 1),
            });
        } else if let Some((start, end, n)) = run.take() {
            if n >= 2 {
                out.push(Fold {
                    span: Span::new(start, end),
                    kind: FoldKind::Comment,
                });
            }
        }
        offset += line.len();
    }
    if let Some((start, end, n)) = run {
        if n >= 2 {
            out.push(Fold {
                span: Span::new(start, end),
                kind: FoldKind::Comment,
            });
        }
    }
    zhengce_runtime::sort::sort_by_key(&mut out, |f| (f.span.start, std::cmp::Reverse(f.span.end)));
    out
}
