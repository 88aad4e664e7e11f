//! `zhengce lsp`: a language server over stdio, synchronous, on lsp-server and lsp-types (as
//! rust-analyzer is).
//!
//! The features are the compiler's `ide` layer (`zhengce_compiler::ide`), which works on byte
//! offsets and the checked model and which the browser playground calls too. This crate is the
//! protocol around it:
//!
//! - [`transport`]: framed JSON-RPC messages; a malformed one gets an error response and the
//!   server reads on;
//! - [`server`]: the loop — requests answered in order, `$/cancelRequest` drops a queued request
//!   (answered `RequestCancelled`), edits that arrive together are checked once, diagnostics
//!   published when the queue is empty;
//! - [`lines`] and [`uri`]: positions (UTF-16 or UTF-8) and file URIs;
//! - [`convert`]: the `ide` answers as lsp-types.
//!
//! A document belongs to a policy set: the `.zc` files under the nearest directory with a
//! `zhengce.toml`, or under the document's own directory. The files come from disk through a
//! [`Workspace`] (the CLI's reader; [`Memory`] for tests, benches and the fuzz target), with the
//! open documents' texts in place of theirs.

pub mod convert;
pub mod lines;
pub mod server;
pub mod textmate;
pub mod transport;
pub mod uri;

use std::path::{Path, PathBuf};

use zhengce_compiler::{CheckOptions, Diagnostic, SourceFile};

pub use server::{run, Ended};

/// A policy set as read from disk.
#[derive(Debug, Default)]
pub struct LoadedSet {
    /// The files that could be read as UTF-8, named by their absolute paths.
    pub sources: Vec<SourceFile>,
    /// Problems of reading the files (ZC0005 for a file that is not UTF-8), by file name.
    pub diagnostics: Vec<Diagnostic>,
    /// The project's settings for the check.
    pub options: CheckOptions,
    /// Problems that concern the set as a whole (a `zhengce.toml` that cannot be read), shown to
    /// the user as messages.
    pub problems: Vec<String>,
}

/// Where a policy set's files are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetRoot {
    pub dir: PathBuf,
    /// Every `.zc` file under `dir` (a project marked by its `zhengce.toml`, as `zhengce check
    /// DIR` reads it), or only those directly in it (a file's own directory: a stray file in a
    /// home or downloads folder does not make the server read every file below it).
    pub recursive: bool,
}

/// Where the server gets what is not in the editor: the policy set a document belongs to.
pub trait Workspace {
    /// The policy set `file` belongs to: the nearest directory with a `zhengce.toml`, or the
    /// file's own directory.
    fn root_of(&self, file: &Path) -> SetRoot;
    /// The set's files, as they are on disk.
    fn load(&self, root: &SetRoot) -> LoadedSet;
}

/// Files in memory, all in one set under `/`: for tests, benches and the fuzz target.
#[derive(Debug, Default, Clone)]
pub struct Memory {
    pub files: Vec<SourceFile>,
}

impl Workspace for Memory {
    fn root_of(&self, _file: &Path) -> SetRoot {
        SetRoot {
            dir: PathBuf::from("/"),
            recursive: true,
        }
    }

    fn load(&self, root: &SetRoot) -> LoadedSet {
        LoadedSet {
            sources: self
                .files
                .iter()
                .filter(|f| Path::new(&f.name).starts_with(&root.dir))
                .cloned()
                .collect(),
            ..LoadedSet::default()
        }
    }
}
