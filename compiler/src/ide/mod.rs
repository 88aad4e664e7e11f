//! Editor features over the checked policy set: hover, go to definition, references, rename,
//! completion, code actions (fixes), document outline, folding, semantic tokens, inlay hints and
//! formatting.
//!
//! Like rust-analyzer's `ide` crate this layer does no I/O and knows no protocol: a request names
//! a file of the set and a byte offset into its text, and every answer is in byte spans. The
//! language server (`lsp/`: UTF-16 positions, documents, lsp-types) and the browser playground
//! (`web-playground/`: CodeMirror's UTF-16 offsets) convert, and both call this very code.
//!
//! An [`Analysis`] is one check of the set ([`crate::check_files_with`], or after an edit
//! [`crate::Workspace::analysis`], which checks only what changed) with what the features read
//! from it. Requests on it take a file by its index in the set
//! ([`Analysis::file`] finds it by name).

mod completion;
mod fixes;
mod hover;
mod index;
mod inlay;
mod literals;
mod navigation;
mod outline;
mod tokens;
pub mod vocabulary;

use std::cell::OnceCell;

use serde::Serialize;

use crate::check::DocCtx;
use crate::diagnostic::{Diagnostic, Span};
use crate::{CheckOptions, CheckOutput, SourceFile};

pub use completion::{Completion, CompletionKind};
pub use fixes::Fix;
pub use hover::Hover;
pub use index::SymbolKind;
pub use inlay::InlayHint;
pub use outline::{Fold, FoldKind, Symbol};
pub use tokens::{Token, TokenKind};
pub use vocabulary::vocabulary;

/// A place in a file of the set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FileSpan {
    pub file: String,
    pub span: Span,
}

/// Replace `span` of `file` with `new_text`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TextEdit {
    pub file: String,
    pub span: Span,
    pub new_text: String,
}

/// One check of a policy set, and the editor features over it.
pub struct Analysis {
    sources: Vec<SourceFile>,
    output: CheckOutput,
    index: OnceCell<index::Index>,
    /// Each file's statements, read when a fix needs them (see `syntax::statements`).
    statements: Vec<OnceCell<Vec<Span>>>,
}

impl Analysis {
    /// Checks the set.
    pub fn new(sources: Vec<SourceFile>, options: &CheckOptions) -> Analysis {
        let output = crate::check_files_with(&sources, options);
        Analysis::checked(sources, output)
    }

    /// A set already checked: its files and the check's output (a document per file, in the
    /// same order). [`crate::Workspace::analysis`] makes one after each edit, having parsed and
    /// checked only what changed.
    pub(crate) fn checked(sources: Vec<SourceFile>, output: CheckOutput) -> Analysis {
        Analysis {
            statements: sources.iter().map(|_| OnceCell::new()).collect(),
            sources,
            output,
            index: OnceCell::new(),
        }
    }

    /// The file of the set with this name.
    pub fn file(&self, name: &str) -> Option<usize> {
        self.sources.iter().position(|s| s.name == name)
    }

    pub fn files(&self) -> &[SourceFile] {
        &self.sources
    }

    pub fn name(&self, file: usize) -> &str {
        &self.sources[file].name
    }

    pub fn text(&self, file: usize) -> &str {
        &self.sources[file].text
    }

    /// Every diagnostic of the set, sorted.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.output.diagnostics
    }

    pub fn output(&self) -> &CheckOutput {
        &self.output
    }

    /// Takes the check's result back (the diagnostics, for a caller that keeps them).
    pub fn into_output(self) -> CheckOutput {
        self.output
    }

    /// The checked model of one document.
    pub(crate) fn doc(&self, file: usize) -> DocCtx<'_> {
        let f = &self.output.files[file];
        DocCtx::new(&f.name, &f.document)
    }

    /// Every document's checked model, in set order.
    pub(crate) fn docs(&self) -> Vec<DocCtx<'_>> {
        (0..self.output.files.len()).map(|f| self.doc(f)).collect()
    }

    /// Every statement of `file` (item or clause, at any depth), sorted by start, outer first.
    pub(crate) fn statements(&self, file: usize) -> &[Span] {
        self.statements[file]
            .get_or_init(|| crate::syntax::statements(self.text(file), self.name(file)))
    }

    pub(crate) fn index(&self) -> &index::Index {
        self.index.get_or_init(|| index::Index::new(&self.docs()))
    }

    /// What is under `offset`: a name, a date, a number, a breakdown.
    pub fn hover(&self, file: usize, offset: usize) -> Option<Hover> {
        hover::hover(self, file, offset)
    }

    /// Where what is named at `offset` is defined.
    pub fn definition(&self, file: usize, offset: usize) -> Vec<FileSpan> {
        navigation::definition(self, file, offset)
    }

    /// Every place that names what is named at `offset`.
    pub fn references(&self, file: usize, offset: usize, with_definition: bool) -> Vec<FileSpan> {
        navigation::references(self, file, offset, with_definition)
    }

    /// The name at `offset` that [`Analysis::rename`] would rename, or why none can be.
    pub fn prepare_rename(&self, file: usize, offset: usize) -> Result<(Span, String), String> {
        navigation::prepare_rename(self, file, offset)
    }

    /// The edits that rename what is named at `offset` everywhere in the set.
    pub fn rename(
        &self,
        file: usize,
        offset: usize,
        new_name: &str,
    ) -> Result<Vec<TextEdit>, String> {
        navigation::rename(self, file, offset, new_name)
    }

    /// What may be written at `offset`.
    pub fn completions(&self, file: usize, offset: usize) -> Vec<Completion> {
        completion::completions(self, file, offset)
    }

    /// The fixes for the diagnostics of `file` whose primary label meets `span`.
    pub fn fixes(&self, file: usize, span: Span) -> Vec<Fix> {
        fixes::fixes(self, file, span)
    }

    /// The fixes of one diagnostic.
    pub fn fixes_for(&self, diagnostic: &Diagnostic) -> Vec<Fix> {
        fixes::fixes_for(self, diagnostic)
    }

    /// The items of `file`, nested.
    pub fn outline(&self, file: usize) -> Vec<Symbol> {
        outline::outline(self, file)
    }

    /// The ranges an editor may fold: blocks of items and runs of comment lines.
    pub fn folds(&self, file: usize) -> Vec<Fold> {
        outline::folds(self, file)
    }

    /// The tokens of `file` for highlighting, in source order, not overlapping.
    pub fn tokens(&self, file: usize) -> Vec<Token> {
        tokens::tokens(self, file)
    }

    /// What the checker reads into `span` of `file` that the text does not say: the day a date
    /// without its year or day means, a breakdown's sum.
    pub fn inlay_hints(&self, file: usize, span: Span) -> Vec<InlayHint> {
        inlay::inlay_hints(self, file, span)
    }

    /// The edit that lays `file` out the canonical way (none when it already is), or the syntax
    /// errors that keep it from being formatted.
    pub fn format(&self, file: usize) -> Result<Option<TextEdit>, Vec<Diagnostic>> {
        let text = self.text(file);
        let formatted = crate::format::format_named(text, self.name(file))?;
        Ok((formatted != text).then(|| TextEdit {
            file: self.name(file).to_string(),
            span: Span::new(0, text.len()),
            new_text: formatted,
        }))
    }
}

#[cfg(test)]
mod tests;
