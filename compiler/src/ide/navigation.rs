//! Go to definition, find references and rename, over the set's [`Index`](super::index::Index).

use super::index::{Occurrence, SymbolKind};
use super::{Analysis, FileSpan, TextEdit};
use crate::ast::Item;
use crate::diagnostic::Span;

fn place(a: &Analysis, o: &Occurrence) -> FileSpan {
    FileSpan {
        file: a.name(o.file).to_string(),
        span: o.span,
    }
}

pub(crate) fn definition(a: &Analysis, file: usize, offset: usize) -> Vec<FileSpan> {
    let index = a.index();
    let Some(o) = index.at(file, offset) else {
        return Vec::new();
    };
    index
        .definitions_of(o)
        .into_iter()
        .map(|d| place(a, d))
        .collect()
}

pub(crate) fn references(
    a: &Analysis,
    file: usize,
    offset: usize,
    with_definition: bool,
) -> Vec<FileSpan> {
    let index = a.index();
    let Some(o) = index.at(file, offset) else {
        return Vec::new();
    };
    index
        .all_of(o)
        .filter(|r| with_definition || !r.definition)
        .map(|r| place(a, r))
        .collect()
}

/// The occurrence rename works on, or why there is none.
fn renamable(a: &Analysis, file: usize, offset: usize) -> Result<&Occurrence, String> {
    let o = a
        .index()
        .at(file, offset)
        .ok_or_else(|| "这里没有可以重命名的名称".to_string())?;
    if o.kind == SymbolKind::Document {
        return Err("文件标题是所引文件自己的标题,不能在这里重命名".to_string());
    }
    if !o.resolved {
        return Err(format!(
            "{}「{}」没有定义,无从重命名",
            o.kind.word(),
            o.text
        ));
    }
    Ok(o)
}

pub(crate) fn prepare_rename(
    a: &Analysis,
    file: usize,
    offset: usize,
) -> Result<(Span, String), String> {
    renamable(a, file, offset).map(|o| (o.span, o.text.clone()))
}

/// How `name` is written where a name goes: bare when the parser reads it back as itself,
/// else in 「」.
pub(crate) fn written_name(name: &str) -> Result<String, String> {
    let name = name.trim();
    if name.is_empty() {
        return Err("新名称不能为空".to_string());
    }
    if name.contains(['」', '\n', '\r']) {
        return Err("名称中不能有「」」或换行".to_string());
    }
    let probe = format!("措施 {name}\n");
    let parsed = crate::syntax::parse(&probe, "");
    let bare = parsed.diagnostics.is_empty()
        && matches!(parsed.document.items.as_slice(),
            [Item::Measure(m)] if m.name.text == name && !m.name.quoted);
    Ok(if bare {
        name.to_string()
    } else {
        format!("「{name}」")
    })
}

pub(crate) fn rename(
    a: &Analysis,
    file: usize,
    offset: usize,
    new_name: &str,
) -> Result<Vec<TextEdit>, String> {
    let o = renamable(a, file, offset)?;
    let written = written_name(new_name)?;
    let new_text = new_name.trim();
    if new_text == o.text {
        return Ok(Vec::new());
    }
    let index = a.index();
    let targets: Vec<&Occurrence> = index.all_of(o).filter(|r| r.text == o.text).collect();
    // The new name must not be taken in a file the rename touches.
    for r in &targets {
        let namespace = |k: SymbolKind| match k {
            SymbolKind::DepartmentClass => SymbolKind::Department,
            other => other,
        };
        let taken = index.by_file[r.file]
            .iter()
            .any(|x| x.definition && x.text == new_text && namespace(x.kind) == namespace(o.kind));
        if taken {
            return Err(format!(
                "「{new_text}」在 {} 中已是{}的名称",
                a.name(r.file),
                o.kind.word()
            ));
        }
    }
    Ok(targets
        .into_iter()
        .map(|r| TextEdit {
            file: a.name(r.file).to_string(),
            span: r.span,
            new_text: written.clone(),
        })
        .collect())
}
