//! Python 3.11, as Debian's `python3` runs the lessons' programs, in pure Rust.
//!
//! Source goes through [`syntax`] (tokens, then a syntax tree), then is compiled to
//! bytecode and run by a VM whose green threads share one virtual clock, so the same
//! programs and seed give the same output on every machine.

pub mod bigint;
pub mod builtins;
pub mod compile;
pub mod modules;
pub mod repl;
pub mod syntax;
pub mod text;
pub mod types;
pub mod value;
pub mod vm;
