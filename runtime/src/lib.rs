//! zhengce runtime: the exact values and (later) the IR the compiler emits and the evaluator runs.
//!
//! This crate does no parsing and no I/O, so it builds for `wasm32-unknown-unknown` and can be
//! embedded anywhere a plan has to be answered.

pub mod eval;
pub mod ir;
pub mod sort;
pub mod value;

pub use value::{CivilDate, Quantity, Scale, Unit, UnitAtom};
