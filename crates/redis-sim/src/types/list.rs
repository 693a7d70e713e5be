//! Lists (t_list.c): pushes and pops at both ends, ranges, and searches.
//!
//! Redis 7.0 stores every list as a quicklist (a linked list of listpack
//! nodes); the compact single-listpack encoding for small lists came in 7.2.

use std::collections::VecDeque;

use crate::args;
use crate::blocking::{Attempt, parse_timeout};
use crate::bytes::SmallBytes;
use crate::config::notify::LIST;
use crate::reply::{Reply, errors};
use crate::{ClientId, Server};

type Result = std::result::Result<Reply, Reply>;

/// A list value, head first. Short items are kept inline, so a push of a
/// small element allocates nothing but the list's own growth.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListValue {
    items: VecDeque<SmallBytes>,
}

impl ListValue {
    /// Number of elements.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether the list has no elements (Redis deletes it then).
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The elements from head to tail.
    pub fn iter(&self) -> impl Iterator<Item = &[u8]> {
        self.items.iter().map(|item| &**item)
    }

    /// A list holding `items`, head first (SORT ... STORE builds one).
    pub fn from_items(items: impl IntoIterator<Item = Vec<u8>>) -> ListValue {
        ListValue {
            items: items.into_iter().map(SmallBytes::from).collect(),
        }
    }

    fn push(&mut self, end: End, item: impl Into<SmallBytes>) {
        let item = item.into();
        match end {
            End::Left => self.items.push_front(item),
            End::Right => self.items.push_back(item),
        }
    }

    fn pop(&mut self, end: End) -> Option<Vec<u8>> {
        let item = match end {
            End::Left => self.items.pop_front(),
            End::Right => self.items.pop_back(),
        };
        item.map(|item| item.to_vec())
    }
}

/// Which end of a list a command works on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    Left,
    Right,
}

/// The event a pop from this end announces.
fn pop_event(end: End) -> &'static str {
    match end {
        End::Left => "lpop",
        End::Right => "rpop",
    }
}

/// The event a push to this end announces.
fn push_event(end: End) -> &'static str {
    match end {
        End::Left => "lpush",
        End::Right => "rpush",
    }
}

/// LEFT or RIGHT, as LMOVE spells them.
fn parse_end(arg: &[u8]) -> std::result::Result<End, Reply> {
    if args::is(arg, "left") {
        Ok(End::Left)
    } else if args::is(arg, "right") {
        Ok(End::Right)
    } else {
        Err(Reply::error(errors::SYNTAX))
    }
}

/// The inclusive index range `start..=end` selects in a sequence of `len`
/// elements, with negative indexes counted from the end; `None` if empty.
/// LRANGE, LTRIM and ZRANGE share this rule.
pub(crate) fn normalize_range(start: i64, end: i64, len: usize) -> Option<(usize, usize)> {
    let len = i64::try_from(len).unwrap_or(i64::MAX);
    let start = if start < 0 {
        len.saturating_add(start)
    } else {
        start
    }
    .max(0);
    let end = if end < 0 {
        len.saturating_add(end)
    } else {
        end
    };
    if start > end || start >= len {
        return None;
    }
    let end = end.min(len - 1);
    Some((usize::try_from(start).ok()?, usize::try_from(end).ok()?))
}

/// LPUSH/RPUSH and their X forms (`only_existing`): the new length.
fn push(
    server: &mut Server,
    client: ClientId,
    argv: &[Vec<u8>],
    end: End,
    only_existing: bool,
) -> Result {
    let key = &argv[1];
    if only_existing && server.read_for_write::<ListValue>(client, key)?.is_none() {
        return Ok(Reply::Integer(0));
    }
    let list = server.write::<ListValue>(client, key)?;
    for item in &argv[2..] {
        list.push(end, item.as_slice());
    }
    let len = list.len();
    for item in &argv[2..] {
        server.touched(client, key, item);
    }
    // The arity rule guarantees at least one element was pushed.
    server.added_to(server.db_index(client), key);
    Ok(Reply::count(len))
}

/// LPUSH key element [element ...].
pub fn lpush(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    push(server, client, argv, End::Left, false)
}

/// RPUSH key element [element ...].
pub fn rpush(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    push(server, client, argv, End::Right, false)
}

/// LPUSHX key element [element ...]: only onto an existing list.
pub fn lpushx(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    push(server, client, argv, End::Left, true)
}

/// RPUSHX key element [element ...]: only onto an existing list.
pub fn rpushx(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    push(server, client, argv, End::Right, true)
}

/// LPOP/RPOP key [count]: one element, or an array when a count is given.
fn pop(server: &mut Server, client: ClientId, argv: &[Vec<u8>], end: End) -> Result {
    if argv.len() > 3 {
        return Err(Reply::error(format!(
            "ERR wrong number of arguments for '{}' command",
            String::from_utf8_lossy(&argv[0]).to_ascii_lowercase()
        )));
    }
    let count = match argv.get(2) {
        Some(arg) => Some(args::count(arg).map_err(|_| Reply::error(errors::POSITIVE))?),
        None => None,
    };
    let key = &argv[1];
    let Some(list) = server.read_for_write::<ListValue>(client, key)? else {
        return Ok(if count.is_some() {
            Reply::NilArray
        } else {
            Reply::Nil
        });
    };
    let popped: Vec<Vec<u8>> = (0..count.unwrap_or(1))
        .map_while(|_| list.pop(end))
        .collect();
    if !popped.is_empty() {
        server.changed(client, key);
    }
    Ok(match count {
        Some(_) => Reply::bulks(popped),
        None => Reply::bulk_or_nil(popped.into_iter().next()),
    })
}

/// LPOP key [count].
pub fn lpop(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    pop(server, client, argv, End::Left)
}

/// RPOP key [count].
pub fn rpop(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    pop(server, client, argv, End::Right)
}

/// LLEN key.
pub fn llen(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    Ok(Reply::count(
        server
            .read::<ListValue>(client, &argv[1])?
            .map_or(0, |l| l.len()),
    ))
}

/// LRANGE key start stop.
pub fn lrange(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let (start, end) = (args::int(&argv[2])?, args::int(&argv[3])?);
    let Some(list) = server.read::<ListValue>(client, &argv[1])? else {
        return Ok(Reply::Array(vec![]));
    };
    let items = match normalize_range(start, end, list.len()) {
        Some((from, to)) => list.items.range(from..=to).cloned().collect(),
        None => Vec::new(),
    };
    Ok(Reply::bulks(items))
}

/// A list index with negatives counted from the tail, if inside the list.
fn resolve_index(index: i64, len: usize) -> Option<usize> {
    let signed_len = i64::try_from(len).ok()?;
    let index = if index < 0 {
        signed_len.checked_add(index)?
    } else {
        index
    };
    usize::try_from(index).ok().filter(|i| *i < len)
}

/// LINDEX key index: the element, or nil outside the list.
pub fn lindex(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let index = args::int(&argv[2])?;
    let Some(list) = server.read::<ListValue>(client, &argv[1])? else {
        return Ok(Reply::Nil);
    };
    Ok(Reply::bulk_or_nil(
        resolve_index(index, list.len()).and_then(|i| list.items.get(i)),
    ))
}

/// LSET key index element.
pub fn lset(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let index = args::int(&argv[2])?;
    let key = &argv[1];
    let list = server
        .read_for_write::<ListValue>(client, key)?
        .ok_or_else(|| Reply::error(errors::NO_SUCH_KEY))?;
    let slot = resolve_index(index, list.len())
        .and_then(|i| list.items.get_mut(i))
        .ok_or_else(|| Reply::error(errors::INDEX_OUT_OF_RANGE))?;
    *slot = SmallBytes::new(&argv[3]);
    server.touched(client, key, &argv[3]);
    server.changed(client, key);
    Ok(Reply::ok())
}

/// LINSERT key BEFORE|AFTER pivot element: the new length, -1 without pivot, 0 without key.
pub fn linsert(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let after = if args::is(&argv[2], "after") {
        true
    } else if args::is(&argv[2], "before") {
        false
    } else {
        return Err(Reply::error(errors::SYNTAX));
    };
    let key = &argv[1];
    let Some(list) = server.read_for_write::<ListValue>(client, key)? else {
        return Ok(Reply::Integer(0));
    };
    let Some(at) = list.items.iter().position(|item| **item == *argv[3]) else {
        return Ok(Reply::Integer(-1));
    };
    list.items
        .insert(if after { at + 1 } else { at }, SmallBytes::new(&argv[4]));
    let len = list.len();
    server.touched(client, key, &argv[4]);
    server.changed(client, key);
    Ok(Reply::count(len))
}

/// LREM key count element: removes up to |count| matches, from the tail if
/// count is negative, all if zero.
pub fn lrem(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let count = args::int(&argv[2])?;
    let key = &argv[1];
    let Some(list) = server.read_for_write::<ListValue>(client, key)? else {
        return Ok(Reply::Integer(0));
    };
    let limit = if count == 0 {
        usize::MAX
    } else {
        usize::try_from(count.unsigned_abs()).unwrap_or(usize::MAX)
    };
    let mut removed = 0;
    let mut kept: VecDeque<SmallBytes> = VecDeque::with_capacity(list.len());
    let from_tail = count < 0;
    let mut items: Vec<SmallBytes> = list.items.drain(..).collect();
    if from_tail {
        items.reverse();
    }
    for item in items {
        if removed < limit && *item == *argv[3] {
            removed += 1;
        } else if from_tail {
            kept.push_front(item);
        } else {
            kept.push_back(item);
        }
    }
    list.items = kept;
    if removed > 0 {
        server.changed(client, key);
    }
    Ok(Reply::count(removed))
}

/// LTRIM key start stop: keep only that range.
pub fn ltrim(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let (start, end) = (args::int(&argv[2])?, args::int(&argv[3])?);
    let key = &argv[1];
    let Some(list) = server.read_for_write::<ListValue>(client, key)? else {
        return Ok(Reply::ok());
    };
    let before = list.len();
    match normalize_range(start, end, list.len()) {
        Some((from, to)) => {
            list.items.truncate(to + 1);
            list.items.drain(..from);
        }
        None => list.items.clear(),
    }
    if list.len() != before {
        server.changed(client, key);
    }
    Ok(Reply::ok())
}

/// LPOS key element [RANK rank] [COUNT num] [MAXLEN len]: positions of matches.
pub fn lpos(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let (mut rank, mut count, mut maxlen) = (1i64, None, 0usize);
    for pair in argv[3..].chunks(2) {
        match pair {
            [name, value] if args::is(name, "rank") => {
                rank = args::int(value)?;
                if rank == 0 {
                    return Err(Reply::error(
                        "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list",
                    ));
                }
            }
            [name, value] if args::is(name, "count") => {
                count = Some(
                    args::count(value).map_err(|_| Reply::error("ERR COUNT can't be negative"))?,
                );
            }
            [name, value] if args::is(name, "maxlen") => {
                maxlen =
                    args::count(value).map_err(|_| Reply::error("ERR MAXLEN can't be negative"))?;
            }
            _ => return Err(Reply::error(errors::SYNTAX)),
        }
    }
    let Some(list) = server.read::<ListValue>(client, &argv[1])? else {
        return Ok(if count.is_some() {
            Reply::Array(vec![])
        } else {
            Reply::Nil
        });
    };
    let len = list.len();
    let from_tail = rank < 0;
    let skip = usize::try_from(rank.unsigned_abs() - 1).unwrap_or(usize::MAX);
    let scanned = if maxlen == 0 { len } else { maxlen.min(len) };
    let order: Box<dyn Iterator<Item = usize>> = if from_tail {
        Box::new((0..len).rev().take(scanned))
    } else {
        Box::new((0..len).take(scanned))
    };
    let mut matches = order.filter(|&i| *list.items[i] == *argv[2]).skip(skip);
    match count {
        None => Ok(matches.next().map_or(Reply::Nil, Reply::count)),
        Some(n) => {
            let wanted = if n == 0 { usize::MAX } else { n };
            Ok(Reply::Array(
                matches.take(wanted).map(Reply::count).collect(),
            ))
        }
    }
}

/// LMOVE and RPOPLPUSH: pop from one list and push onto another, atomically.
fn move_element(
    server: &mut Server,
    client: ClientId,
    source: &[u8],
    target: &[u8],
    from: End,
    to: End,
) -> Result {
    if server
        .read_for_write::<ListValue>(client, source)?
        .is_none()
    {
        return Ok(Reply::Nil);
    }
    server.read_for_write::<ListValue>(client, target)?;
    let Some(item) = server.write::<ListValue>(client, source)?.pop(from) else {
        return Ok(Reply::Nil);
    };
    // Redis announces the push, then the pop, then the source's deletion.
    server
        .write::<ListValue>(client, target)?
        .push(to, item.clone());
    server.touched(client, target, &item);
    server.changed_as(client, target, LIST, push_event(to));
    server.changed_as(client, source, LIST, pop_event(from));
    Ok(Reply::Bulk(item.into()))
}

/// LMOVE source destination LEFT|RIGHT LEFT|RIGHT.
pub fn lmove(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let (from, to) = (parse_end(&argv[3])?, parse_end(&argv[4])?);
    move_element(server, client, &argv[1], &argv[2], from, to)
}

/// RPOPLPUSH source destination: LMOVE source destination RIGHT LEFT.
pub fn rpoplpush(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    move_element(server, client, &argv[1], &argv[2], End::Right, End::Left)
}

/// LMPOP's work on `numkeys key... LEFT|RIGHT [COUNT n]` (after the name,
/// or after BLMPOP's timeout): `None` when every list is empty.
fn lmpop_from(
    server: &mut Server,
    client: ClientId,
    argv: &[Vec<u8>],
) -> std::result::Result<Option<Reply>, Reply> {
    let args::Mpop { keys, end, count } = args::mpop(argv)?;
    let end = parse_end(end)?;
    for key in keys {
        let Some(list) = server.read_for_write::<ListValue>(client, key)? else {
            continue;
        };
        let popped: Vec<Vec<u8>> = (0..count).map_while(|_| list.pop(end)).collect();
        server.changed_as(client, key, LIST, pop_event(end));
        return Ok(Some(Reply::Array(vec![
            Reply::bulk(key),
            Reply::bulks(popped),
        ])));
    }
    Ok(None)
}

/// LMPOP numkeys key [key ...] LEFT|RIGHT [COUNT count]: pops from the first
/// non-empty list and answers its name with the elements.
pub fn lmpop(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    Ok(lmpop_from(server, client, argv)?.unwrap_or(Reply::NilArray))
}

/// BLMPOP timeout numkeys key [key ...] LEFT|RIGHT [COUNT count].
pub fn blmpop(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let deadline = parse_timeout(&argv[1], server.now_ms)?;
    let attempt: Attempt = |server, client, argv| lmpop_from(server, client, &argv[1..]);
    server.block_or_serve(client, argv, deadline, attempt, Reply::NilArray)
}

/// BLPOP and BRPOP's attempt: one element from the first non-empty list.
fn pop_first(
    server: &mut Server,
    client: ClientId,
    keys: &[Vec<u8>],
    end: End,
) -> std::result::Result<Option<Reply>, Reply> {
    for key in keys {
        let Some(item) = server
            .read_for_write::<ListValue>(client, key)?
            .and_then(|l| l.pop(end))
        else {
            continue;
        };
        server.changed(client, key);
        return Ok(Some(Reply::Array(vec![
            Reply::bulk(key),
            Reply::Bulk(item.into()),
        ])));
    }
    Ok(None)
}

/// BLPOP key [key ...] timeout.
pub fn blpop(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let deadline = parse_timeout(&argv[argv.len() - 1], server.now_ms)?;
    let attempt: Attempt =
        |server, client, argv| pop_first(server, client, &argv[1..argv.len() - 1], End::Left);
    server.block_or_serve(client, argv, deadline, attempt, Reply::NilArray)
}

/// BRPOP key [key ...] timeout.
pub fn brpop(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let deadline = parse_timeout(&argv[argv.len() - 1], server.now_ms)?;
    let attempt: Attempt =
        |server, client, argv| pop_first(server, client, &argv[1..argv.len() - 1], End::Right);
    server.block_or_serve(client, argv, deadline, attempt, Reply::NilArray)
}

/// BLMOVE and BRPOPLPUSH's attempt: the move, if the source has an element.
fn try_move(
    server: &mut Server,
    client: ClientId,
    argv: &[Vec<u8>],
    from: End,
    to: End,
) -> std::result::Result<Option<Reply>, Reply> {
    if server
        .read_for_write::<ListValue>(client, &argv[1])?
        .is_none()
    {
        return Ok(None);
    }
    move_element(server, client, &argv[1], &argv[2], from, to).map(Some)
}

/// BLMOVE source destination LEFT|RIGHT LEFT|RIGHT timeout.
pub fn blmove(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    parse_end(&argv[3])?;
    parse_end(&argv[4])?;
    let deadline = parse_timeout(&argv[5], server.now_ms)?;
    let attempt: Attempt = |server, client, argv| {
        let (from, to) = (parse_end(&argv[3])?, parse_end(&argv[4])?);
        try_move(server, client, argv, from, to)
    };
    server.block_or_serve(client, argv, deadline, attempt, Reply::Nil)
}

/// BRPOPLPUSH source destination timeout.
pub fn brpoplpush(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let deadline = parse_timeout(&argv[3], server.now_ms)?;
    let attempt: Attempt =
        |server, client, argv| try_move(server, client, argv, End::Right, End::Left);
    server.block_or_serve(client, argv, deadline, attempt, Reply::Nil)
}
