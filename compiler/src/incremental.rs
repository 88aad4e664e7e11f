//! Checking a policy set again after an edit, doing only what the edit changed: the editor's
//! check (the playground checks at typing speed; the language server calls the same API).
//!
//! A [`Workspace`] keeps each file's text, its parse and the findings of its own checks. After an
//! edit:
//! - the file is parsed again by its top-level statements: only the statements the edit touches
//!   are parsed and lowered, the others are moved by the length the edit added or removed
//!   (`syntax::edit`); a file that did not parse in one go is parsed whole;
//! - the checks of one document (names, totals, rates, time, duties, …) run again for the edited
//!   document only: they look at nothing else, so another file's findings stay as they were;
//! - the checks across documents (依据, cycles, 原文 against sources, overdue duties) run again, as
//!   do the last steps (`check::finish`): sorting, naming each finding's item, suppression
//!   comments and the project's levels. A file with `zhengce:` comments is parsed whole on an
//!   edit (its directives are read over the whole file).
//!
//! The result is what [`crate::check_files_with`] gives for the same texts, finding for finding
//! and item for item: `tests/incremental.rs` compares the two over random edits of the seed
//! policies and of generated plans.

use std::ops::Range;

use crate::ast::Document;
use crate::check::{
    check_document, check_set, finish, CheckOptions, CheckOutput, DocCtx, FileView, ParsedFile,
    SourceFile,
};
use crate::diagnostic::Diagnostic;
use crate::lints::Allowed;
use crate::syntax::FileParse;

/// A policy set being edited: its files' texts, parses and findings.
#[derive(Debug, Default)]
pub struct Workspace {
    options: CheckOptions,
    files: Vec<WorkFile>,
    diagnostics: Vec<Diagnostic>,
    allowed: Vec<Allowed>,
    /// Whether `diagnostics` is the check of the files as they are.
    checked: bool,
}

#[derive(Debug)]
struct WorkFile {
    name: String,
    text: String,
    parse: FileParse,
    /// The findings of the document's own checks, while its parse stays the same.
    own: Option<Vec<Diagnostic>>,
}

/// An edit that does not fit its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// No file of that name in the workspace.
    UnknownFile(String),
    /// The range is outside the text or not on character boundaries.
    BadRange { file: String, range: Range<usize> },
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditError::UnknownFile(name) => write!(f, "没有名为「{name}」的文件"),
            EditError::BadRange { file, range } => write!(
                f,
                "「{file}」中的修改范围 {}..{} 超出了文本,或不在字符的边界上",
                range.start, range.end
            ),
        }
    }
}

impl std::error::Error for EditError {}

impl Workspace {
    pub fn new(options: CheckOptions) -> Workspace {
        Workspace {
            options,
            ..Workspace::default()
        }
    }

    pub fn options(&self) -> &CheckOptions {
        &self.options
    }

    /// Other options: the next check runs the checks across documents with them (the checks of
    /// one document take none).
    pub fn set_options(&mut self, options: CheckOptions) {
        self.options = options;
        self.checked = false;
    }

    /// The set's files, in order: a file whose text is the same keeps its parse and findings, an
    /// edited one is parsed again where it changed, a new one is parsed, one not named is dropped.
    pub fn set_files(&mut self, sources: &[SourceFile]) {
        let mut old = std::mem::take(&mut self.files);
        for src in sources {
            match old.iter().position(|f| f.name == src.name) {
                Some(i) => {
                    let mut file = old.swap_remove(i);
                    file.replace(&src.text);
                    self.files.push(file);
                }
                None => self.files.push(WorkFile::new(&src.name, &src.text)),
            }
        }
        self.checked = false;
    }

    /// Sets one file's text, adding the file (last) when the workspace has none of that name.
    pub fn set_file(&mut self, name: &str, text: &str) {
        match self.files.iter_mut().find(|f| f.name == name) {
            Some(file) => file.replace(text),
            None => self.files.push(WorkFile::new(name, text)),
        }
        self.checked = false;
    }

    /// Replaces the bytes `range` of file `name` with `replacement` (an editor's change).
    pub fn edit(
        &mut self,
        name: &str,
        range: Range<usize>,
        replacement: &str,
    ) -> Result<(), EditError> {
        let file = self
            .files
            .iter_mut()
            .find(|f| f.name == name)
            .ok_or_else(|| EditError::UnknownFile(name.to_string()))?;
        let fits = range.start <= range.end
            && range.end <= file.text.len()
            && file.text.is_char_boundary(range.start)
            && file.text.is_char_boundary(range.end);
        if !fits {
            return Err(EditError::BadRange {
                file: name.to_string(),
                range,
            });
        }
        let mut text = file.text.clone();
        text.replace_range(range, replacement);
        file.replace(&text);
        self.checked = false;
        Ok(())
    }

    /// Drops a file; whether there was one of that name.
    pub fn remove_file(&mut self, name: &str) -> bool {
        let before = self.files.len();
        self.files.retain(|f| f.name != name);
        self.checked = false;
        self.files.len() != before
    }

    /// A file's text.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.file(name).map(|f| f.text.as_str())
    }

    /// A file's AST as of its last parse.
    pub fn document(&self, name: &str) -> Option<&Document> {
        self.file(name).map(|f| &f.parse.parsed.document)
    }

    /// Every file's name and AST, in order.
    pub fn documents(&self) -> impl Iterator<Item = (&str, &Document)> {
        self.files
            .iter()
            .map(|f| (f.name.as_str(), &f.parse.parsed.document))
    }

    fn file(&self, name: &str) -> Option<&WorkFile> {
        self.files.iter().find(|f| f.name == name)
    }

    /// Every diagnostic of the set, sorted, each finding with its item, suppressions and levels
    /// applied: what [`crate::check_files_with`] reports for these texts and options.
    pub fn check(&mut self) -> &[Diagnostic] {
        if self.checked {
            return &self.diagnostics;
        }
        let docs: Vec<DocCtx> = self
            .files
            .iter()
            .map(|f| DocCtx::new(&f.name, &f.parse.parsed.document))
            .collect();
        let fresh: Vec<Option<Vec<Diagnostic>>> = self
            .files
            .iter()
            .zip(&docs)
            .map(|(f, doc)| f.own.is_none().then(|| check_document(doc)))
            .collect();
        let mut across = Vec::new();
        check_set(&docs, &self.options, &mut across);
        drop(docs);
        for (file, own) in self.files.iter_mut().zip(fresh) {
            if own.is_some() {
                file.own = own;
            }
        }
        let mut diagnostics: Vec<Diagnostic> = self
            .files
            .iter()
            .flat_map(|f| f.parse.parsed.diagnostics.iter().cloned())
            .collect();
        for f in &self.files {
            diagnostics.extend(f.own.iter().flatten().cloned());
        }
        diagnostics.append(&mut across);
        let views: Vec<FileView> = self
            .files
            .iter()
            .map(|f| FileView {
                name: &f.name,
                document: &f.parse.parsed.document,
                directives: &f.parse.parsed.directives,
            })
            .collect();
        let (diagnostics, allowed) = finish(&views, diagnostics, &self.options);
        self.diagnostics = diagnostics;
        self.allowed = allowed;
        self.checked = true;
        &self.diagnostics
    }

    /// The set as it is, checked, for the editor features: what [`crate::ide::Analysis::new`]
    /// gives for these texts and options, from this workspace's parses and findings (each
    /// document copied, not parsed or checked again).
    pub fn analysis(&mut self) -> crate::ide::Analysis {
        self.check();
        let sources = self
            .files
            .iter()
            .map(|f| SourceFile::new(f.name.clone(), f.text.clone()))
            .collect();
        let output = CheckOutput {
            files: self
                .files
                .iter()
                .map(|f| ParsedFile {
                    name: f.name.clone(),
                    document: f.parse.parsed.document.clone(),
                    directives: f.parse.parsed.directives.clone(),
                })
                .collect(),
            diagnostics: self.diagnostics.clone(),
            allowed: self.allowed.clone(),
        };
        crate::ide::Analysis::checked(sources, output)
    }

    /// The findings of the last [`Workspace::check`] that a suppression comment or the project's
    /// levels allow (`CheckOutput::allowed`).
    pub fn allowed(&self) -> &[Allowed] {
        &self.allowed
    }
}

impl WorkFile {
    fn new(name: &str, text: &str) -> WorkFile {
        WorkFile {
            name: name.to_string(),
            text: text.to_string(),
            parse: FileParse::new(text, name),
            own: None,
        }
    }

    /// The new text, parsed again where it differs.
    fn replace(&mut self, text: &str) {
        if self.text == text {
            return;
        }
        let parse = std::mem::replace(&mut self.parse, FileParse::empty());
        self.parse = parse.edit(&self.text, text, &self.name);
        self.text = text.to_string();
        self.own = None;
    }
}
