//! zhengce runtime: the exact values, the IR the compiler emits, and the evaluator that runs it.
//!
//! This crate does no parsing and no I/O, so it builds for `wasm32-unknown-unknown` and can be
//! embedded anywhere a plan has to be answered.

pub mod eval;
pub mod ir;
pub mod name_hash;
pub mod show;
pub mod sort;
pub mod sorted_map;
pub mod value;

pub use sorted_map::SortedMap;
pub use value::{CivilDate, Quantity, Scale, Unit, UnitAtom};
