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

/// What LMPOP and ZMPOP were asked.
#[derive(Debug)]
pub struct Mpop<'a> {
    /// The keys to try, in order.
    pub keys: &'a [Vec<u8>],
    /// LEFT/RIGHT or MIN/MAX, checked by the caller.
    pub end: &'a [u8],
    /// How many elements to pop at most.
    pub count: usize,
}

/// The arguments of LMPOP and ZMPOP after the name: `numkeys key... <where>
/// [COUNT count]`, validated in Redis's order.
pub fn mpop(argv: &[Vec<u8>]) -> Result<Mpop<'_>, Reply> {
    let numkeys = int(&argv[1])
        .ok()
        .and_then(|n| usize::try_from(n).ok())
        .filter(|n| *n > 0)
        .ok_or_else(|| Reply::error("ERR numkeys should be greater than 0"))?;
    let where_at = numkeys
        .checked_add(2)
        .filter(|w| *w < argv.len())
        .ok_or_else(|| Reply::error(errors::SYNTAX))?;
    let count = match &argv[where_at + 1..] {
        [] => 1,
        [word, n] if is(word, "count") => int(n)
            .ok()
            .and_then(|n| usize::try_from(n).ok())
            .filter(|n| *n > 0)
            .ok_or_else(|| Reply::error("ERR count should be greater than 0"))?,
        _ => return Err(Reply::error(errors::SYNTAX)),
    };
    Ok(Mpop {
        keys: &argv[2..where_at],
        end: &argv[where_at],
        count,
    })
}
