//! Bitmaps (bitops.c): strings read as arrays of bits, most significant bit
//! of the first byte first. SETBIT, GETBIT, BITCOUNT, BITPOS and BITOP.

use crate::args;
use crate::object::Value;
use crate::reply::{Reply, errors};
use crate::types::string::{StringValue, check_length, read_string};
use crate::{ClientId, Server};

type Result = std::result::Result<Reply, Reply>;

/// Bit offsets address at most a 512 MB string.
const MAX_BIT_OFFSET: u64 = 512 * 1024 * 1024 * 8;

fn bit_offset(arg: &[u8]) -> std::result::Result<usize, Reply> {
    let error = || Reply::error("ERR bit offset is not an integer or out of range");
    let offset = args::int(arg).map_err(|_| error())?;
    u64::try_from(offset)
        .ok()
        .filter(|o| *o < MAX_BIT_OFFSET)
        .and_then(|o| usize::try_from(o).ok())
        .ok_or_else(error)
}

fn bit_at(bytes: &[u8], bit: usize) -> bool {
    bytes
        .get(bit / 8)
        .is_some_and(|b| b & (0x80 >> (bit % 8)) != 0)
}

/// SETBIT key offset value: the bit's old value; the string grows with zero bytes.
pub fn setbit(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let offset = bit_offset(&argv[2])?;
    let on = match argv[3].as_slice() {
        b"1" => true,
        b"0" => false,
        _ => return Err(Reply::error("ERR bit is not an integer or out of range")),
    };
    check_length(offset / 8 + 1)?;
    let key = &argv[1];
    let string = server.write::<StringValue>(client, key)?;
    let new_len = string.bytes().len().max(offset / 8 + 1);
    let bytes = string.grown_to(new_len);
    if bytes.len() <= offset / 8 {
        bytes.resize(offset / 8 + 1, 0);
    }
    let old = bit_at(bytes, offset);
    let mask = 0x80 >> (offset % 8);
    if on {
        bytes[offset / 8] |= mask;
    } else {
        bytes[offset / 8] &= !mask;
    }
    server.changed(client, key);
    Ok(Reply::Integer(i64::from(old)))
}

/// GETBIT key offset: 0 past the end of the string or for a missing key.
pub fn getbit(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let offset = bit_offset(&argv[2])?;
    let bytes = read_string(server, client, &argv[1])?.unwrap_or_default();
    Ok(Reply::Integer(i64::from(bit_at(&bytes, offset))))
}

/// BYTE or BIT: whether a range counts bits.
fn range_unit(arg: &[u8]) -> std::result::Result<bool, Reply> {
    if args::is(arg, "bit") {
        Ok(true)
    } else if args::is(arg, "byte") {
        Ok(false)
    } else {
        Err(Reply::error(errors::SYNTAX))
    }
}

/// Clamps a start..=end range of `total` units (bytes or bits) with negative indexes from
/// the end, as Redis does for strings: GETRANGE, BITCOUNT and BITPOS share this rule
/// (lists have their own, see `normalize_range`). `None` when empty.
pub(crate) fn clamp(start: i64, end: i64, total: i64) -> Option<(usize, usize)> {
    let start = if start < 0 {
        total.saturating_add(start)
    } else {
        start
    }
    .max(0);
    let end = if end < 0 {
        total.saturating_add(end)
    } else {
        end
    }
    .max(0)
    .min(total - 1);
    if start > end {
        return None;
    }
    Some((usize::try_from(start).ok()?, usize::try_from(end).ok()?))
}

/// BITCOUNT key [start end [BYTE|BIT]]: set bits in the string or the range.
pub fn bitcount(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let Some(bytes) = read_string(server, client, &argv[1])? else {
        return Ok(Reply::Integer(0));
    };
    let (start, end, in_bits) = match argv.len() {
        2 => (0, -1, false),
        4 | 5 => {
            let (start, end) = (args::int(&argv[2])?, args::int(&argv[3])?);
            let in_bits = match argv.get(4) {
                Some(unit) => range_unit(unit)?,
                None => false,
            };
            if start < 0 && end < 0 && start > end {
                return Ok(Reply::Integer(0));
            }
            (start, end, in_bits)
        }
        _ => return Err(Reply::error(errors::SYNTAX)),
    };
    let total = i64::try_from(bytes.len()).unwrap_or(i64::MAX) * if in_bits { 8 } else { 1 };
    let Some((from, to)) = clamp(start, end, total) else {
        return Ok(Reply::Integer(0));
    };
    let count = if in_bits {
        (from..=to).filter(|bit| bit_at(&bytes, *bit)).count()
    } else {
        bytes[from..=to]
            .iter()
            .map(|b| b.count_ones() as usize)
            .sum()
    };
    Ok(Reply::count(count))
}

/// BITPOS key bit [start [end [BYTE|BIT]]]: the first bit set to `bit`.
pub fn bitpos(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let wanted = match argv[2].as_slice() {
        b"1" => true,
        b"0" => false,
        _ => return Err(Reply::error("ERR The bit argument must be 1 or 0.")),
    };
    // A missing key is an endless run of zero bits.
    let Some(bytes) = read_string(server, client, &argv[1])? else {
        return Ok(Reply::Integer(if wanted { -1 } else { 0 }));
    };
    if argv.len() > 6 {
        return Err(Reply::error(errors::SYNTAX));
    }
    let start = argv.get(3).map(|a| args::int(a)).transpose()?.unwrap_or(0);
    let in_bits = argv
        .get(5)
        .map(|u| range_unit(u))
        .transpose()?
        .unwrap_or(false);
    let end = argv.get(4).map(|a| args::int(a)).transpose()?;
    let total = i64::try_from(bytes.len()).unwrap_or(i64::MAX) * if in_bits { 8 } else { 1 };
    let Some((from, to)) = clamp(start, end.unwrap_or(-1), total) else {
        return Ok(Reply::Integer(-1));
    };
    let (first_bit, last_bit) = if in_bits {
        (from, to)
    } else {
        (from * 8, to * 8 + 7)
    };
    if let Some(found) = (first_bit..=last_bit).find(|bit| bit_at(&bytes, *bit) == wanted) {
        return Ok(Reply::count(found));
    }
    // Without an explicit end, the string continues with zero bits.
    Ok(if !wanted && end.is_none() {
        Reply::count(last_bit + 1)
    } else {
        Reply::Integer(-1)
    })
}

/// BITOP AND|OR|XOR|NOT destkey key [key ...]: the length of the result.
pub fn bitop(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let op = argv[1].to_ascii_lowercase();
    if !matches!(op.as_slice(), b"and" | b"or" | b"xor" | b"not") {
        return Err(Reply::error(errors::SYNTAX));
    }
    if op == b"not" && argv.len() != 4 {
        return Err(Reply::error(
            "ERR BITOP NOT must be called with a single source key.",
        ));
    }
    let mut sources = Vec::new();
    for key in &argv[3..] {
        sources.push(read_string(server, client, key)?.unwrap_or_default());
    }
    let len = sources.iter().map(Vec::len).max().unwrap_or(0);
    let byte = |source: &Vec<u8>, i: usize| source.get(i).copied().unwrap_or(0);
    let result: Vec<u8> = (0..len)
        .map(|i| match op.as_slice() {
            b"not" => !byte(&sources[0], i),
            b"and" => sources.iter().fold(0xff, |acc, s| acc & byte(s, i)),
            b"or" => sources.iter().fold(0, |acc, s| acc | byte(s, i)),
            _ => sources.iter().fold(0, |acc, s| acc ^ byte(s, i)),
        })
        .collect();
    let db = server.db_index(client);
    if result.is_empty() {
        server.delete(db, &argv[2]);
    } else {
        server.store(db, &argv[2], Value::String(StringValue::raw(result)), false);
    }
    Ok(Reply::count(len))
}
