//! The editor's answers in the browser — hover, completion and quick fixes — from the compiler's
//! `ide` layer, the same code `zhengce lsp` answers an editor with.
//!
//! | JS name    | request                            | result |
//! |------------|------------------------------------|--------|
//! | `hover`    | `{files, file, offset, as_of?}`    | `{from, to, markdown}` or `null` |
//! | `complete` | `{files, file, offset, as_of?}`    | `[{label, kind, detail?, insert, from, to}]` |
//! | `fixes`    | `{files, file, as_of?}`            | `[{code, from, to, title, preferred, edits: [{from, to, insert}]}]` |
//!
//! `file` names one of `files`; offsets are UTF-16 offsets from the start of that file, as
//! CodeMirror counts positions. A fix's `from`/`to` are its diagnostic's primary label, so the
//! page can put the fix on the underline it draws; a fix that would also edit another file is
//! left out (the page edits one file at a time).
//!
//! The set's check is kept between calls (the worker answers one request at a time): `check`,
//! `build` and these functions ask [`analysis`] for it, which checks again only when the files or
//! the date changed. It checks the whole set then: the page's `Checker` (lib.rs) checks each
//! keystroke incrementally, but taking this analysis from its `Workspace`
//! (`Workspace::analysis`, as the language server does) copies the documents, which compiles
//! the AST's `Clone` into the wasm: about 4 KB gzipped that the 350 KB budget does not have
//! today. So the fixes the page asks for after each check cost a second, whole check.

use std::cell::RefCell;
use std::rc::Rc;

use serde::Serialize;
use zhengce_compiler::ide::{Analysis, CompletionKind};
use zhengce_compiler::{CheckOptions, SourceFile};

use crate::offsets::Utf16Index;
use crate::request::{self, Fields};
use crate::{fail, files_of, ok, parse_date};

/// A check kept for the next request: its files, the date it was made for, and the analysis.
type KeptCheck = (Vec<SourceFile>, Option<String>, Rc<Analysis>);

thread_local! {
    /// The last check.
    static LAST: RefCell<Option<KeptCheck>> = const { RefCell::new(None) };
}

/// The analysis of `sources` as of `as_of`, from the last one when nothing changed.
pub(crate) fn analysis(
    sources: Vec<SourceFile>,
    as_of: Option<String>,
    options: &CheckOptions,
) -> Rc<Analysis> {
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        if let Some((files, date, analysis)) = last.as_ref() {
            let same = *date == as_of
                && files.len() == sources.len()
                && files
                    .iter()
                    .zip(&sources)
                    .all(|(a, b)| a.name == b.name && a.text == b.text);
            if same {
                return analysis.clone();
            }
        }
        let analysis = Rc::new(Analysis::new(sources.clone(), options));
        *last = Some((sources, as_of, analysis.clone()));
        analysis
    })
}

/// A request naming a file of the set and, for hover and completion, an offset in it.
struct At {
    analysis: Rc<Analysis>,
    file: usize,
    offset: usize,
}

fn read(request: &str, with_offset: bool) -> Result<At, String> {
    let req = request::request(request)?;
    let files = files_of(&req)?;
    let name = req.string("file")?;
    let as_of = req.opt_string("as_of")?;
    let options = CheckOptions {
        as_of: as_of.as_deref().map(parse_date).transpose()?,
        ..CheckOptions::default()
    };
    let sources: Vec<SourceFile> = files
        .into_iter()
        .map(|f| SourceFile::new(f.name, f.text))
        .collect();
    let analysis = analysis(sources, as_of, &options);
    let file = analysis
        .file(&name)
        .ok_or_else(|| format!("「files」中没有文件「{name}」"))?;
    let offset = if with_offset {
        let units = req.i32("offset")?;
        let units = usize::try_from(units).map_err(|_| "「offset」不能为负".to_string())?;
        Utf16Index::new(analysis.text(file)).byte_of(units)
    } else {
        0
    };
    Ok(At {
        analysis,
        file,
        offset,
    })
}

#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub(crate) struct HoverOut {
    from: usize,
    to: usize,
    markdown: String,
}

pub(crate) fn hover(request: &str) -> String {
    let at = match read(request, true) {
        Ok(at) => at,
        Err(e) => return fail(e),
    };
    let index = Utf16Index::new(at.analysis.text(at.file));
    ok(at.analysis.hover(at.file, at.offset).map(|h| HoverOut {
        from: index.position(h.span.start).offset,
        to: index.end_position(h.span.end).offset,
        markdown: h.markdown,
    }))
}

#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub(crate) struct CompletionOut {
    label: String,
    kind: CompletionKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    detail: Option<String>,
    insert: String,
    from: usize,
    to: usize,
}

pub(crate) fn complete(request: &str) -> String {
    let at = match read(request, true) {
        Ok(at) => at,
        Err(e) => return fail(e),
    };
    let index = Utf16Index::new(at.analysis.text(at.file));
    let items: Vec<CompletionOut> = at
        .analysis
        .completions(at.file, at.offset)
        .into_iter()
        .map(|c| CompletionOut {
            from: index.position(c.replace.start).offset,
            to: index.end_position(c.replace.end).offset,
            label: c.label,
            kind: c.kind,
            detail: c.detail,
            insert: c.insert,
        })
        .collect();
    ok(items)
}

#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub(crate) struct EditOut {
    from: usize,
    to: usize,
    insert: String,
}

#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub(crate) struct FixOut {
    code: String,
    /// The diagnostic's primary label.
    from: usize,
    to: usize,
    title: String,
    preferred: bool,
    edits: Vec<EditOut>,
}

pub(crate) fn fixes(request: &str) -> String {
    let at = match read(request, false) {
        Ok(at) => at,
        Err(e) => return fail(e),
    };
    let a = &at.analysis;
    let name = a.name(at.file);
    let index = Utf16Index::new(a.text(at.file));
    let mut out = Vec::new();
    for d in a.diagnostics() {
        let Some(label) = d.primary_label().filter(|l| l.file == name) else {
            continue;
        };
        for fix in a.fixes_for(d) {
            if fix.edits.iter().any(|e| e.file != name) {
                continue;
            }
            out.push(FixOut {
                code: fix.code,
                from: index.position(label.span.start).offset,
                to: index.end_position(label.span.end).offset,
                title: fix.title,
                preferred: fix.preferred,
                edits: fix
                    .edits
                    .into_iter()
                    .map(|e| EditOut {
                        from: index.position(e.span.start).offset,
                        to: index.end_position(e.span.end).offset,
                        insert: e.new_text,
                    })
                    .collect(),
            });
        }
    }
    ok(out)
}
