//! One module per page.

pub mod engine;
pub mod home;
pub mod not_found;
