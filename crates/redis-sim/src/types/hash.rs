//! Hashes (t_hash.c): field-value maps, kept as a listpack while small and
//! converted for good to a hash table past 7.0's thresholds.

use indexmap::map::raw_entry_v1::{RawEntryApiV1, RawEntryMut};

use crate::args;
use crate::bytes::SmallBytes;
use crate::config::ListpackLimits;
use crate::hashing::FxIndexMap;
use crate::long_double::{self, SumError};
use crate::numbers::parse_i64;
use crate::random;
use crate::reply::{Reply, errors};
use crate::{ClientId, Server};

type Result = std::result::Result<Reply, Reply>;

/// A hash value. Fields keep insertion order, which is the real order of a
/// listpack; a real hash table's order is arbitrary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HashValue {
    fields: FxIndexMap<SmallBytes, SmallBytes>,
    hashtable: bool,
}

impl HashValue {
    /// Number of fields.
    pub fn len(&self) -> usize {
        self.fields.len()
    }

    /// Whether no field is left (Redis deletes the key then).
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// OBJECT ENCODING's answer.
    pub fn encoding(&self) -> &'static str {
        if self.hashtable {
            "hashtable"
        } else {
            "listpack"
        }
    }

    /// The field-value pairs in iteration order.
    pub fn iter(&self) -> impl Iterator<Item = (&[u8], &[u8])> {
        self.fields.iter().map(|(f, v)| (&**f, &**v))
    }

    /// Sets a field; true if it is new. Converts the encoding when a threshold is crossed.
    fn set(&mut self, field: &[u8], value: &[u8], limits: ListpackLimits) -> bool {
        if field.len() > limits.value || value.len() > limits.value {
            self.hashtable = true;
        }
        // An existing field's value is overwritten in place, without new
        // allocations; a new one is inserted without hashing the field twice.
        let new = match self.fields.raw_entry_mut_v1().from_key(field) {
            RawEntryMut::Occupied(mut current) => {
                current.get_mut().set(value);
                false
            }
            RawEntryMut::Vacant(slot) => {
                slot.insert(field.into(), value.into());
                true
            }
        };
        if self.fields.len() > limits.entries {
            self.hashtable = true;
        }
        new
    }
}

/// The field-value pairs of HSET and HMSET; an odd count is an arity error.
fn field_pairs<'a>(
    argv: &'a [Vec<u8>],
) -> std::result::Result<std::slice::ChunksExact<'a, Vec<u8>>, Reply> {
    if !argv.len().is_multiple_of(2) {
        let name = String::from_utf8_lossy(&argv[0]).to_ascii_lowercase();
        return Err(Reply::error(format!(
            "ERR wrong number of arguments for '{name}' command"
        )));
    }
    Ok(argv[2..].chunks_exact(2))
}

/// Sets the pairs and answers how many fields were new.
fn set_fields(
    server: &mut Server,
    client: ClientId,
    argv: &[Vec<u8>],
) -> std::result::Result<usize, Reply> {
    let pairs = field_pairs(argv)?;
    let key = &argv[1];
    let limits = server.config.hash_limits();
    let hash = server.write::<HashValue>(client, key)?;
    let added = pairs
        .clone()
        .filter(|pair| hash.set(&pair[0], &pair[1], limits))
        .count();
    for pair in pairs {
        server.touched(client, key, &pair[0]);
    }
    // The arity rule guarantees at least one field was set.
    server.added_to(server.db_index(client), key);
    Ok(added)
}

/// HSET key field value [field value ...]: how many fields were added.
pub fn hset(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    Ok(Reply::count(set_fields(server, client, argv)?))
}

/// HMSET key field value [field value ...]: the old spelling of HSET, answering OK.
pub fn hmset(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    set_fields(server, client, argv)?;
    Ok(Reply::ok())
}

/// HSETNX key field value: only if the field is new.
pub fn hsetnx(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let key = &argv[1];
    if server
        .read_for_write::<HashValue>(client, key)?
        .is_some_and(|h| h.fields.contains_key(argv[2].as_slice()))
    {
        return Ok(Reply::Integer(0));
    }
    let limits = server.config.hash_limits();
    server
        .write::<HashValue>(client, key)?
        .set(&argv[2], &argv[3], limits);
    server.touched(client, key, &argv[2]);
    server.changed(client, key);
    Ok(Reply::Integer(1))
}

/// The value of one field, `None` if the key or the field is missing.
fn field(
    server: &mut Server,
    client: ClientId,
    key: &[u8],
    field: &[u8],
) -> std::result::Result<Option<Vec<u8>>, Reply> {
    Ok(value_of(server.read::<HashValue>(client, key)?, field))
}

/// The value of `field` in a hash that may be missing.
fn value_of(hash: Option<&mut HashValue>, field: &[u8]) -> Option<Vec<u8>> {
    hash.and_then(|h| h.fields.get(field).map(|v| v.to_vec()))
}

/// HGET key field.
pub fn hget(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    Ok(Reply::bulk_or_nil(field(
        server, client, &argv[1], &argv[2],
    )?))
}

/// HMGET key field [field ...].
pub fn hmget(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let hash = server.read::<HashValue>(client, &argv[1])?;
    let values = argv[2..]
        .iter()
        .map(|f| Reply::bulk_or_nil(hash.as_ref().and_then(|h| h.fields.get(f.as_slice()))));
    Ok(Reply::Array(values.collect()))
}

/// HDEL key field [field ...]: how many fields were removed.
pub fn hdel(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let key = &argv[1];
    let Some(hash) = server.read_for_write::<HashValue>(client, key)? else {
        return Ok(Reply::Integer(0));
    };
    let removed = argv[2..]
        .iter()
        .filter(|f| hash.fields.shift_remove(f.as_slice()).is_some())
        .count();
    if removed > 0 {
        server.changed(client, key);
    }
    Ok(Reply::count(removed))
}

/// HLEN key.
pub fn hlen(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    Ok(Reply::count(
        server
            .read::<HashValue>(client, &argv[1])?
            .map_or(0, |h| h.len()),
    ))
}

/// HSTRLEN key field.
pub fn hstrlen(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    Ok(Reply::count(
        field(server, client, &argv[1], &argv[2])?.map_or(0, |v| v.len()),
    ))
}

/// HEXISTS key field.
pub fn hexists(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    Ok(Reply::Integer(i64::from(
        field(server, client, &argv[1], &argv[2])?.is_some(),
    )))
}

/// A field and its value.
type Pair = (Vec<u8>, Vec<u8>);

/// The pairs of a hash, empty for a missing key.
fn pairs_of(
    server: &mut Server,
    client: ClientId,
    key: &[u8],
) -> std::result::Result<Vec<Pair>, Reply> {
    Ok(server
        .read::<HashValue>(client, key)?
        .map_or_else(Vec::new, |h| {
            h.iter().map(|(f, v)| (f.to_vec(), v.to_vec())).collect()
        }))
}

/// HKEYS key.
pub fn hkeys(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    Ok(Reply::bulks(
        pairs_of(server, client, &argv[1])?
            .into_iter()
            .map(|(f, _)| f),
    ))
}

/// HVALS key.
pub fn hvals(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    Ok(Reply::bulks(
        pairs_of(server, client, &argv[1])?
            .into_iter()
            .map(|(_, v)| v),
    ))
}

/// HGETALL key: field, value, field, value...
pub fn hgetall(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    Ok(Reply::bulks(
        pairs_of(server, client, &argv[1])?
            .into_iter()
            .flat_map(|(f, v)| [f, v]),
    ))
}

/// Stores a computed field value after HINCRBY/HINCRBYFLOAT.
fn store_field(
    server: &mut Server,
    client: ClientId,
    key: &[u8],
    field: &[u8],
    value: &[u8],
) -> std::result::Result<(), Reply> {
    let limits = server.config.hash_limits();
    server
        .write::<HashValue>(client, key)?
        .set(field, value, limits);
    server.touched(client, key, field);
    server.changed(client, key);
    Ok(())
}

/// HINCRBY key field increment.
pub fn hincrby(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let delta = args::int(&argv[3])?;
    let (key, name) = (&argv[1], &argv[2]);
    // HINCRBY writes the field back: its lookup is not a keyspace hit or miss.
    let current = match value_of(server.read_for_write::<HashValue>(client, key)?, name) {
        Some(v) => parse_i64(&v).ok_or_else(|| Reply::error("ERR hash value is not an integer"))?,
        None => 0,
    };
    let value = current
        .checked_add(delta)
        .ok_or_else(|| Reply::error(errors::OVERFLOW))?;
    store_field(server, client, key, name, value.to_string().as_bytes())?;
    Ok(Reply::Integer(value))
}

/// HINCRBYFLOAT key field increment.
pub fn hincrbyfloat(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    if args::float(&argv[3])?.is_infinite() {
        return Err(Reply::error("ERR value is NaN or Infinity"));
    }
    let (key, name) = (&argv[1], &argv[2]);
    let current = value_of(server.read_for_write::<HashValue>(client, key)?, name);
    let sum =
        long_double::add(current.as_deref().unwrap_or(b"0"), &argv[3]).map_err(|e| match e {
            SumError::FirstNotANumber => Reply::error("ERR hash value is not a float"),
            SumError::SecondNotANumber => Reply::error(errors::NOT_FLOAT),
            SumError::NotFinite => Reply::error("ERR increment would produce NaN or Infinity"),
        })?;
    store_field(server, client, key, name, sum.as_bytes())?;
    Ok(Reply::bulk(sum))
}

/// HRANDFIELD key [count [WITHVALUES]]: random fields, distinct for a
/// positive count, possibly repeated for a negative one.
pub fn hrandfield(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let count = argv.get(2).map(|c| args::int(c)).transpose()?;
    let with_values = match argv.get(3) {
        None => false,
        Some(word) if argv.len() == 4 && args::is(word, "withvalues") => true,
        Some(_) => return Err(Reply::error(errors::SYNTAX)),
    };
    if with_values && count.is_some_and(|c| !(-(i64::MAX / 2)..=i64::MAX / 2).contains(&c)) {
        return Err(Reply::error("ERR value is out of range"));
    }
    let Some(pairs) = server.read::<HashValue>(client, &argv[1])?.map(|h| {
        h.iter()
            .map(|(f, v)| (f.to_vec(), v.to_vec()))
            .collect::<Vec<Pair>>()
    }) else {
        return Ok(if count.is_some() {
            Reply::Array(vec![])
        } else {
            Reply::Nil
        });
    };
    let Some(count) = count else {
        let pick = random::distinct(server, pairs.len(), 1);
        return Ok(Reply::bulk_or_nil(pick.first().map(|i| &pairs[*i].0)));
    };
    let mut items = Vec::new();
    for i in random::positions(server, pairs.len(), count) {
        items.push(Reply::bulk(&pairs[i].0));
        if with_values {
            items.push(Reply::bulk(&pairs[i].1));
        }
    }
    Ok(Reply::Array(items))
}
