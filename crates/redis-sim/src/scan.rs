//! SCAN, SSCAN, HSCAN and ZSCAN (db.c's `scanGenericCommand`): iterate a
//! keyspace or a collection a few elements per call with a cursor.
//!
//! A compact value (listpack, intset) is answered whole in one call with
//! cursor 0, as Redis does, so those replies match the real server exactly.
//! Larger ones are walked in element order; the cursor is the position
//! reached, where Redis uses a hash-table bucket index.

use crate::args;
use crate::glob;
use crate::numbers::format_double;
use crate::object::Value;
use crate::reply::{Reply, errors};
use crate::{ClientId, Server};

type Result = std::result::Result<Reply, Reply>;

/// The options after the cursor.
struct ScanOptions<'a> {
    count: usize,
    pattern: Option<&'a [u8]>,
    type_name: Option<&'a [u8]>,
}

/// Parses `cursor [MATCH pattern] [COUNT count] [TYPE type]` starting at `at`;
/// TYPE only for SCAN itself.
fn parse(
    argv: &[Vec<u8>],
    at: usize,
    allow_type: bool,
) -> std::result::Result<(usize, ScanOptions<'_>), Reply> {
    let cursor = parse_cursor(&argv[at]).ok_or_else(|| Reply::error("ERR invalid cursor"))?;
    let mut o = ScanOptions {
        count: 10,
        pattern: None,
        type_name: None,
    };
    let mut rest = &argv[at + 1..];
    while let [word, value, tail @ ..] = rest {
        if args::is(word, "count") {
            let count = args::int(value)?;
            o.count = usize::try_from(count)
                .ok()
                .filter(|c| *c >= 1)
                .ok_or_else(|| Reply::error(errors::SYNTAX))?;
        } else if args::is(word, "match") {
            // A lone `*` matches everything, the empty name included.
            o.pattern = (value.as_slice() != b"*").then_some(value.as_slice());
        } else if allow_type && args::is(word, "type") {
            o.type_name = Some(value);
        } else {
            return Err(Reply::error(errors::SYNTAX));
        }
        rest = tail;
    }
    if !rest.is_empty() {
        return Err(Reply::error(errors::SYNTAX));
    }
    Ok((usize::try_from(cursor).unwrap_or(usize::MAX), o))
}

/// `strtoul`, as Redis reads a cursor: an optional sign (a negative cursor
/// wraps around), then digits that fit 64 bits; the empty string is 0.
fn parse_cursor(arg: &[u8]) -> Option<u64> {
    let text = std::str::from_utf8(arg).ok()?;
    let (signed, digits) = match text.as_bytes().first() {
        Some(b'-' | b'+') => (true, &text[1..]),
        _ => (false, text),
    };
    if !digits.bytes().all(|b| b.is_ascii_digit()) || (signed && digits.is_empty()) {
        return None;
    }
    let negative = text.starts_with('-');
    let value = if digits.is_empty() {
        0
    } else {
        digits.parse::<u64>().ok()?
    };
    Some(if negative {
        value.wrapping_neg()
    } else {
        value
    })
}

/// One page of `items` from `cursor`, or all of them if `whole`, with the next cursor.
fn page<T>(items: Vec<T>, cursor: usize, count: usize, whole: bool) -> (usize, Vec<T>) {
    if whole {
        return (0, items);
    }
    let end = cursor.saturating_add(count);
    let next = if end >= items.len() { 0 } else { end };
    (next, items.into_iter().skip(cursor).take(count).collect())
}

fn reply(next: usize, items: Vec<Reply>) -> Reply {
    Reply::Array(vec![Reply::bulk(next.to_string()), Reply::Array(items)])
}

/// SCAN cursor [MATCH pattern] [COUNT count] [TYPE type].
pub fn scan(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let (cursor, o) = parse(argv, 1, true)?;
    let db = server.db_index(client);
    let keys = server.keys(db, server.now_ms);
    let (next, keys) = page(keys, cursor, o.count, false);
    let matching = keys.into_iter().filter(|(key, type_name)| {
        o.pattern.is_none_or(|p| glob::matches(p, key, false))
            && o.type_name
                .is_none_or(|t| t.eq_ignore_ascii_case(type_name.as_bytes()))
    });
    Ok(reply(
        next,
        matching.map(|(key, _)| Reply::Bulk(key.into())).collect(),
    ))
}

/// The elements of a collection as SCAN returns them (field and value, or
/// member and score, flattened), and whether its encoding is compact.
fn elements(value: &Value) -> Option<(Vec<Vec<Vec<u8>>>, bool)> {
    match value {
        Value::Set(s) => Some((
            s.members().into_iter().map(|m| vec![m]).collect(),
            s.encoding() == "intset",
        )),
        Value::Hash(h) => Some((
            h.iter()
                .map(|(f, v)| vec![f.to_vec(), v.to_vec()])
                .collect(),
            h.encoding() == "listpack",
        )),
        Value::ZSet(z) => Some((
            z.iter()
                .map(|(m, s)| vec![m.to_vec(), format_double(s).into_bytes()])
                .collect(),
            z.encoding() == "listpack",
        )),
        Value::String(_) | Value::List(_) => None,
    }
}

/// SSCAN, HSCAN and ZSCAN: `type_name` is the type the key must hold.
fn scan_collection(
    server: &mut Server,
    client: ClientId,
    argv: &[Vec<u8>],
    type_name: &str,
) -> Result {
    let (cursor, o) = parse(argv, 2, false)?;
    let db = server.db_index(client);
    let Some(entry) = server.lookup_read(db, &argv[1]) else {
        return Ok(reply(0, Vec::new()));
    };
    if entry.value.type_name() != type_name {
        return Err(Reply::error(errors::WRONGTYPE));
    }
    let (items, compact) = elements(&entry.value).ok_or_else(|| Reply::error(errors::WRONGTYPE))?;
    let (next, items) = page(items, cursor, o.count, compact);
    let matching = items
        .into_iter()
        .filter(|item| o.pattern.is_none_or(|p| glob::matches(p, &item[0], false)));
    Ok(reply(
        next,
        matching
            .flatten()
            .map(|key| Reply::Bulk(key.into()))
            .collect(),
    ))
}

/// SSCAN key cursor [MATCH pattern] [COUNT count].
pub fn sscan(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    scan_collection(server, client, argv, "set")
}

/// HSCAN key cursor [MATCH pattern] [COUNT count].
pub fn hscan(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    scan_collection(server, client, argv, "hash")
}

/// ZSCAN key cursor [MATCH pattern] [COUNT count].
pub fn zscan(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    scan_collection(server, client, argv, "zset")
}
