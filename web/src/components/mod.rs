//! Leaf components: they take plain data and callbacks, and own no engine state.

pub mod chart;
pub mod console;
pub mod editor;
