//! zhengce compiler: source text → AST → checked model → IR, reporting `Diagnostic`s.

pub mod diagnostic;
#[cfg(feature = "render")]
pub mod render;

pub use diagnostic::{Diagnostic, Label, Severity, Span};
