//! zhengce compiler: source text → AST → checked model → IR, reporting `Diagnostic`s.
//!
//! The stages, each in its own module (see ARCHITECTURE.md):
//! - `grammar` (pest, from `grammar/zhengce.pest`) and `syntax`: text → `ast::Document`;
//! - `vocabulary`: the language's words (item keywords, clause keys, units, comparators);
//! - `lexical`: numerals, units and dates inside tokens;
//! - `diagnostic` and `codes`: the one diagnostic type and its catalogue;
//! - `render` (feature `render`): terminal, file, one-line and JSON output;
//! - `build`: a checked policy set → the runtime's IR (`zhengce_runtime::ir::Program`);
//! - `format`: the canonical layout of a policy file (`zhengce fmt`);
//! - `incremental`: a set checked again after an edit, doing only what changed ([`Workspace`]);
//! - `draft`: a first policy file from a plan's plain text (`zhengce draft`);
//! - `position`: byte offsets → lines and columns, shared by the renderers and the IR;
//! - `lints`: the levels a project sets for each code, applied to diagnostics;
//! - `baseline`: findings a project has accepted, matched by item rather than by line;
//! - `ide`: the editor features (hover, definition, completion, fixes …) over byte offsets, for
//!   the language server and the playground.

pub mod ast;
pub mod baseline;
pub mod build;
pub mod check;
pub mod codes;
pub mod diagnostic;
pub mod draft;
pub mod format;
mod grammar;
pub mod ide;
pub mod incremental;
pub mod lexical;
pub mod lints;
pub mod position;
#[cfg(feature = "render")]
pub mod render;
mod spans;
pub mod syntax;
pub mod vocabulary;

pub use check::{
    check_files, check_files_with, check_parsed, parse_file, CheckOptions, CheckOutput, Parse,
    SourceFile,
};
pub use diagnostic::{Diagnostic, Label, Severity, Span, Subject};
pub use incremental::Workspace;
pub use syntax::{parse, Parsed};
