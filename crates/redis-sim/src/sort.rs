//! SORT and SORT_RO (sort.c): order a list, set or sorted set numerically or
//! alphabetically, optionally by or with values looked up through patterns.

use std::cmp::Ordering;

use crate::args;
use crate::object::Value;
use crate::reply::{Reply, errors};
use crate::types::list::ListValue;
use crate::{ClientId, Server};

type Result = std::result::Result<Reply, Reply>;

/// The options of one SORT call.
#[derive(Debug, Default)]
struct SortOptions<'a> {
    desc: bool,
    alpha: bool,
    limit: Option<(i64, i64)>,
    by: Option<&'a [u8]>,
    /// BY a pattern without `*`: keep the stored order.
    dont_sort: bool,
    get: Vec<&'a [u8]>,
    store: Option<&'a [u8]>,
}

fn parse_options(argv: &[Vec<u8>], read_only: bool) -> std::result::Result<SortOptions<'_>, Reply> {
    let mut o = SortOptions::default();
    let mut i = 2;
    while let Some(word) = argv.get(i) {
        let left = argv.len() - i - 1;
        if args::is(word, "asc") {
            o.desc = false;
        } else if args::is(word, "desc") {
            o.desc = true;
        } else if args::is(word, "alpha") {
            o.alpha = true;
        } else if args::is(word, "limit") && left >= 2 {
            o.limit = Some((args::int(&argv[i + 1])?, args::int(&argv[i + 2])?));
            i += 2;
        } else if args::is(word, "store") && left >= 1 && !read_only {
            o.store = Some(&argv[i + 1]);
            i += 1;
        } else if args::is(word, "by") && left >= 1 {
            o.by = Some(&argv[i + 1]);
            o.dont_sort = !argv[i + 1].contains(&b'*');
            i += 1;
        } else if args::is(word, "get") && left >= 1 {
            o.get.push(&argv[i + 1]);
            i += 1;
        } else {
            return Err(Reply::error(errors::SYNTAX));
        }
        i += 1;
    }
    Ok(o)
}

/// `lookupKeyByPattern`: `#` is the element itself; otherwise the first `*`
/// is replaced by the element and the key read as a string, or as a hash
/// field after `->`.
fn lookup_by_pattern(
    server: &mut Server,
    db: usize,
    pattern: &[u8],
    element: &[u8],
) -> Option<Vec<u8>> {
    if pattern == b"#" {
        return Some(element.to_vec());
    }
    let star = pattern.iter().position(|b| *b == b'*')?;
    let arrow = pattern[star + 1..]
        .windows(2)
        .position(|w| w == b"->")
        .map(|p| star + 1 + p);
    let (key_end, field) = match arrow {
        Some(at) if at + 2 < pattern.len() => (at, Some(&pattern[at + 2..])),
        _ => (pattern.len(), None),
    };
    let mut key = pattern[..star].to_vec();
    key.extend_from_slice(element);
    key.extend_from_slice(&pattern[star + 1..key_end]);
    match (&server.lookup_read(db, &key)?.value, field) {
        (Value::String(s), None) => Some(s.bytes().to_vec()),
        (Value::Hash(h), Some(field)) => {
            h.iter().find(|(f, _)| *f == field).map(|(_, v)| v.to_vec())
        }
        _ => None,
    }
}

/// `strtod` as SORT uses it: leading spaces allowed, an empty string is 0.
fn sort_score(bytes: &[u8]) -> Option<f64> {
    let text = std::str::from_utf8(bytes).ok()?.trim_start();
    if text.is_empty() {
        return Some(0.0);
    }
    text.parse::<f64>().ok().filter(|v| !v.is_nan())
}

/// SORT key [BY pattern] [LIMIT offset count] [GET pattern ...] [ASC|DESC] [ALPHA] [STORE destination].
pub fn sort(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    sort_generic(server, client, argv, false)
}

/// SORT_RO: SORT without STORE, safe on replicas.
pub fn sort_ro(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    sort_generic(server, client, argv, true)
}

fn sort_generic(
    server: &mut Server,
    client: ClientId,
    argv: &[Vec<u8>],
    read_only: bool,
) -> Result {
    let mut o = parse_options(argv, read_only)?;
    let db = server.db_index(client);
    let elements: Vec<Vec<u8>> = match server.lookup_read(db, &argv[1]).map(|e| &e.value) {
        None => Vec::new(),
        Some(Value::List(l)) => l.iter().map(<[u8]>::to_vec).collect(),
        Some(Value::Set(s)) => {
            // An unordered set stored without sorting would depend on hash order: Redis sorts it.
            if o.dont_sort && o.store.is_some() {
                (o.dont_sort, o.alpha, o.by) = (false, true, None);
            }
            s.members()
        }
        Some(Value::ZSet(z)) => z.iter().map(|(m, _)| m.to_vec()).collect(),
        Some(_) => return Err(Reply::error(errors::WRONGTYPE)),
    };
    let mut keyed: Vec<(Vec<u8>, Option<Vec<u8>>)> = Vec::with_capacity(elements.len());
    for element in elements {
        let by = match o.by {
            Some(pattern) if !o.dont_sort => lookup_by_pattern(server, db, pattern, &element),
            _ => None,
        };
        keyed.push((element, by));
    }
    if !o.dont_sort {
        if o.alpha {
            keyed.sort_by(|a, b| {
                let cmp = if o.by.is_some() {
                    a.1.cmp(&b.1)
                } else {
                    a.0.cmp(&b.0)
                };
                if o.desc { cmp.reverse() } else { cmp }
            });
        } else {
            let mut scored = Vec::with_capacity(keyed.len());
            for (element, by) in keyed {
                let score = match &by {
                    Some(value) => sort_score(value),
                    None if o.by.is_some() => Some(0.0),
                    None => sort_score(&element),
                }
                .ok_or_else(|| {
                    Reply::error("ERR One or more scores can't be converted into double")
                })?;
                scored.push((element, by, score));
            }
            scored.sort_by(|a, b| {
                let cmp =
                    a.2.partial_cmp(&b.2)
                        .unwrap_or(Ordering::Equal)
                        .then_with(|| a.0.cmp(&b.0));
                if o.desc { cmp.reverse() } else { cmp }
            });
            keyed = scored.into_iter().map(|(e, by, _)| (e, by)).collect();
        }
    } else if o.desc {
        keyed.reverse();
    }
    let selected = limit(keyed, o.limit);
    let mut output: Vec<Option<Vec<u8>>> = Vec::new();
    for (element, _) in selected {
        if o.get.is_empty() {
            output.push(Some(element));
            continue;
        }
        for pattern in &o.get {
            output.push(lookup_by_pattern(server, db, pattern, &element));
        }
    }
    let Some(target) = o.store else {
        return Ok(Reply::Array(
            output.into_iter().map(Reply::bulk_or_nil).collect(),
        ));
    };
    let count = output.len();
    if output.is_empty() {
        server.delete(db, target);
    } else {
        let list = ListValue::from_items(output.into_iter().map(Option::unwrap_or_default));
        server.store(db, target, Value::List(list), false);
    }
    Ok(Reply::count(count))
}

/// SORT's LIMIT, with Redis's clamping of out-of-range offsets and counts.
fn limit<T>(items: Vec<T>, limit: Option<(i64, i64)>) -> Vec<T> {
    let Some((offset, count)) = limit else {
        return items;
    };
    let len = i64::try_from(items.len()).unwrap_or(i64::MAX);
    let start = offset.max(0);
    let end = if count < 0 {
        len - 1
    } else {
        start.saturating_add(count) - 1
    };
    let (start, end) = if start >= len {
        (len - 1, len - 2)
    } else {
        (start, end.min(len - 1))
    };
    let (Ok(start), Ok(end)) = (usize::try_from(start), usize::try_from(end)) else {
        return Vec::new();
    };
    items
        .into_iter()
        .skip(start)
        .take((end + 1).saturating_sub(start))
        .collect()
}
