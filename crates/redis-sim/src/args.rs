//! Turning command arguments into numbers, with the error reply Redis gives
//! when an argument is not one.

use crate::numbers::{parse_f64, parse_i64};
use crate::reply::{Reply, errors};

/// An argument that must be a 64-bit integer.
pub fn int(arg: &[u8]) -> Result<i64, Reply> {
    parse_i64(arg).ok_or_else(|| Reply::error(errors::NOT_INTEGER))
}

/// An argument that must be a float.
pub fn float(arg: &[u8]) -> Result<f64, Reply> {
    parse_f64(arg).ok_or_else(|| Reply::error(errors::NOT_FLOAT))
}

/// An argument that must be a non-negative integer that fits a count.
pub fn count(arg: &[u8]) -> Result<usize, Reply> {
    let n = int(arg)?;
    usize::try_from(n).map_err(|_| Reply::error(errors::POSITIVE))
}

/// Whether an option word matches, ignoring case as Redis does.
pub fn is(arg: &[u8], word: &str) -> bool {
    arg.eq_ignore_ascii_case(word.as_bytes())
}
