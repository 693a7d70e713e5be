//! Sets (t_set.c): unordered unique strings, kept as a sorted intset while
//! every member is an integer and there are few of them.

use rand::Rng;

use crate::args;
use crate::config::notify::SET;
use crate::hashing::FxIndexSet;
use crate::numbers::parse_i64;
use crate::object::Value;
use crate::random;
use crate::reply::{Reply, errors};
use crate::{ClientId, Server};

type Result = std::result::Result<Reply, Reply>;

/// A set value. An intset iterates in numeric order, as in Redis; a hash
/// table here iterates in insertion order (Redis's is arbitrary).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetValue {
    members: FxIndexSet<Vec<u8>>,
    intset: bool,
}

impl Default for SetValue {
    fn default() -> Self {
        SetValue {
            members: FxIndexSet::default(),
            intset: true,
        }
    }
}

impl SetValue {
    /// Number of members.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Whether no member is left (Redis deletes the key then).
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// OBJECT ENCODING's answer.
    pub fn encoding(&self) -> &'static str {
        if self.intset { "intset" } else { "hashtable" }
    }

    /// Whether `member` is in the set.
    pub fn contains(&self, member: &[u8]) -> bool {
        self.members.contains(member)
    }

    /// The members in iteration order.
    pub fn members(&self) -> Vec<Vec<u8>> {
        let mut members: Vec<Vec<u8>> = self.members.iter().cloned().collect();
        if self.intset {
            members.sort_by_key(|m| parse_i64(m).unwrap_or_default());
        }
        members
    }

    /// Adds a member; true if it is new. Converts to a hash table when a
    /// non-integer arrives or the intset grows too large.
    fn add(&mut self, member: &[u8], max_intset_entries: usize) -> bool {
        if parse_i64(member).is_none() {
            self.intset = false;
        }
        let added = self.members.insert(member.to_vec());
        if self.members.len() > max_intset_entries {
            self.intset = false;
        }
        added
    }

    fn remove(&mut self, member: &[u8]) -> bool {
        self.members.shift_remove(member)
    }

    /// A set built from members, with the encoding Redis would give it.
    fn from_members(
        members: impl IntoIterator<Item = Vec<u8>>,
        max_intset_entries: usize,
    ) -> SetValue {
        let mut set = SetValue::default();
        for member in members {
            set.add(&member, max_intset_entries);
        }
        set
    }
}

/// SADD key member [member ...]: how many were new.
pub fn sadd(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let key = &argv[1];
    let max = server.config.max_intset_entries();
    let set = server.write::<SetValue>(client, key)?;
    let added = argv[2..].iter().filter(|m| set.add(m, max)).count();
    for member in &argv[2..] {
        server.touched(client, key, member);
    }
    server.changed(client, key);
    Ok(Reply::count(added))
}

/// SREM key member [member ...]: how many were removed.
pub fn srem(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let key = &argv[1];
    let Some(set) = server.read_for_write::<SetValue>(client, key)? else {
        return Ok(Reply::Integer(0));
    };
    let removed = argv[2..].iter().filter(|m| set.remove(m)).count();
    if removed > 0 {
        server.changed(client, key);
    }
    Ok(Reply::count(removed))
}

/// SMEMBERS key.
pub fn smembers(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    Ok(Reply::bulks(
        server
            .read::<SetValue>(client, &argv[1])?
            .map_or_else(Vec::new, |s| s.members()),
    ))
}

/// SISMEMBER key member.
pub fn sismember(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let found = server
        .read::<SetValue>(client, &argv[1])?
        .is_some_and(|s| s.contains(&argv[2]));
    Ok(Reply::Integer(i64::from(found)))
}

/// SMISMEMBER key member [member ...]: 1 or 0 for each.
pub fn smismember(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let set = server.read::<SetValue>(client, &argv[1])?;
    let found = argv[2..]
        .iter()
        .map(|m| Reply::Integer(i64::from(set.as_ref().is_some_and(|s| s.contains(m)))));
    Ok(Reply::Array(found.collect()))
}

/// SCARD key.
pub fn scard(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    Ok(Reply::count(
        server
            .read::<SetValue>(client, &argv[1])?
            .map_or(0, |s| s.len()),
    ))
}

/// SMOVE source destination member.
pub fn smove(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let (source, target, member) = (&argv[1], &argv[2], &argv[3]);
    let Some(present) = server
        .read_for_write::<SetValue>(client, source)?
        .map(|s| s.contains(member))
    else {
        return Ok(Reply::Integer(0));
    };
    server.read_for_write::<SetValue>(client, target)?;
    if source == target || !present {
        return Ok(Reply::Integer(i64::from(present)));
    }
    server.write::<SetValue>(client, source)?.remove(member);
    server.changed_as(client, source, SET, "srem");
    let max = server.config.max_intset_entries();
    server.write::<SetValue>(client, target)?.add(member, max);
    server.touched(client, target, member);
    server.changed_as(client, target, SET, "sadd");
    Ok(Reply::Integer(1))
}

/// How SINTER, SUNION and SDIFF combine their sets.
#[derive(Debug, Clone, Copy)]
enum Algebra {
    Inter,
    Union,
    Diff,
}

/// Reads every input set first (so a wrong type anywhere is an error), then combines them.
fn combine(
    server: &mut Server,
    client: ClientId,
    keys: &[Vec<u8>],
    op: Algebra,
) -> std::result::Result<Vec<Vec<u8>>, Reply> {
    let mut sets: Vec<Option<SetValue>> = Vec::with_capacity(keys.len());
    for key in keys {
        sets.push(server.read::<SetValue>(client, key)?.cloned());
    }
    Ok(match op {
        Algebra::Inter => {
            let Some(mut sets) = sets.into_iter().collect::<Option<Vec<SetValue>>>() else {
                return Ok(Vec::new());
            };
            // Like Redis, walk the smallest set and probe the others.
            sets.sort_by_key(SetValue::len);
            let (first, rest) = sets
                .split_first()
                .map_or((Vec::new(), &[][..]), |(f, r)| (f.members(), r));
            first
                .into_iter()
                .filter(|m| rest.iter().all(|s| s.contains(m)))
                .collect()
        }
        Algebra::Union => {
            let all: FxIndexSet<Vec<u8>> =
                sets.iter().flatten().flat_map(SetValue::members).collect();
            SetValue::from_members(all, server.config.max_intset_entries()).members()
        }
        Algebra::Diff => {
            let (first, rest) = sets
                .split_first()
                .map_or((None, &[][..]), |(f, r)| (f.as_ref(), r));
            let others: Vec<&SetValue> = rest.iter().flatten().collect();
            first.map_or_else(Vec::new, |f| {
                f.members()
                    .into_iter()
                    .filter(|m| others.iter().all(|s| !s.contains(m)))
                    .collect()
            })
        }
    })
}

/// SINTER key [key ...].
pub fn sinter(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    Ok(Reply::bulks(combine(
        server,
        client,
        &argv[1..],
        Algebra::Inter,
    )?))
}

/// SUNION key [key ...].
pub fn sunion(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    Ok(Reply::bulks(combine(
        server,
        client,
        &argv[1..],
        Algebra::Union,
    )?))
}

/// SDIFF key [key ...]: members of the first set that are in none of the others.
pub fn sdiff(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    Ok(Reply::bulks(combine(
        server,
        client,
        &argv[1..],
        Algebra::Diff,
    )?))
}

/// The STORE forms: the result replaces the destination (deleted if empty).
fn store(server: &mut Server, client: ClientId, argv: &[Vec<u8>], op: Algebra) -> Result {
    let members = combine(server, client, &argv[2..], op)?;
    let (db, target) = (server.db_index(client), &argv[1]);
    let len = members.len();
    if members.is_empty() {
        server.delete(db, target);
    } else {
        let set = SetValue::from_members(members, server.config.max_intset_entries());
        server.store(db, target, Value::Set(set), false);
    }
    Ok(Reply::count(len))
}

/// SINTERSTORE destination key [key ...].
pub fn sinterstore(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    store(server, client, argv, Algebra::Inter)
}

/// SUNIONSTORE destination key [key ...].
pub fn sunionstore(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    store(server, client, argv, Algebra::Union)
}

/// SDIFFSTORE destination key [key ...].
pub fn sdiffstore(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    store(server, client, argv, Algebra::Diff)
}

/// SPOP key [count]: removes and answers random members.
pub fn spop(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    if argv.len() > 3 {
        return Err(Reply::error(errors::SYNTAX));
    }
    let count = match argv.get(2) {
        Some(arg) => Some(args::count(arg).map_err(|_| Reply::error(errors::POSITIVE))?),
        None => None,
    };
    let key = &argv[1];
    let Some(members) = server
        .read_for_write::<SetValue>(client, key)?
        .map(|s| s.members())
    else {
        return Ok(if count.is_some() {
            Reply::Array(vec![])
        } else {
            Reply::Nil
        });
    };
    let picked: Vec<Vec<u8>> = if count.is_some_and(|n| n >= members.len()) {
        // Asking for the whole set pops it in iteration order.
        members
    } else {
        let positions = random::distinct(server, members.len(), count.unwrap_or(1));
        positions.into_iter().map(|i| members[i].clone()).collect()
    };
    if let Some(set) = server.read_for_write::<SetValue>(client, key)? {
        for member in &picked {
            set.remove(member);
        }
    }
    if !picked.is_empty() {
        server.changed(client, key);
    }
    Ok(match count {
        Some(_) => Reply::bulks(picked),
        None => Reply::bulk_or_nil(picked.first()),
    })
}

/// SRANDMEMBER key [count]: random members without removing them; a
/// negative count may repeat members.
pub fn srandmember(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    if argv.len() > 3 {
        return Err(Reply::error(errors::SYNTAX));
    }
    let count = match argv.get(2) {
        Some(arg) => Some(args::int(arg)?),
        None => None,
    };
    let Some(members) = server
        .read::<SetValue>(client, &argv[1])?
        .map(|s| s.members())
    else {
        return Ok(if count.is_some() {
            Reply::Array(vec![])
        } else {
            Reply::Nil
        });
    };
    let Some(count) = count else {
        let position = server.rng.random_range(0..members.len());
        return Ok(Reply::bulk(&members[position]));
    };
    let positions = random::positions(server, members.len(), count);
    Ok(Reply::bulks(positions.into_iter().map(|i| &members[i])))
}

/// SINTERCARD numkeys key [key ...] [LIMIT limit]: the size of the intersection.
pub fn sintercard(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let keys = numkeys_arg(argv, 1)?;
    let mut limit = 0;
    match &argv[2 + keys..] {
        [] => {}
        [word, value] if args::is(word, "limit") => {
            limit = args::count(value).map_err(|_| Reply::error("ERR LIMIT can't be negative"))?;
        }
        _ => return Err(Reply::error(errors::SYNTAX)),
    }
    let members = combine(server, client, &argv[2..2 + keys], Algebra::Inter)?;
    let count = if limit == 0 {
        members.len()
    } else {
        members.len().min(limit)
    };
    Ok(Reply::count(count))
}

/// The `numkeys` argument of SINTERCARD, LMPOP and friends, checked against the arguments present.
pub(crate) fn numkeys_arg(argv: &[Vec<u8>], at: usize) -> std::result::Result<usize, Reply> {
    let n = args::int(&argv[at])
        .ok()
        .and_then(|n| usize::try_from(n).ok())
        .filter(|n| *n > 0)
        .ok_or_else(|| Reply::error("ERR numkeys should be greater than 0"))?;
    if n > argv.len() - at - 1 {
        return Err(Reply::error(
            "ERR Number of keys can't be greater than number of args",
        ));
    }
    Ok(n)
}
