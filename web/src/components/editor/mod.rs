//! The program editor (placeholder while its parts are written).

pub mod files;
pub mod indent;
pub mod output;
pub mod paste;
pub mod python2;
pub mod scheduler;
pub mod world;
