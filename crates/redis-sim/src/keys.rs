//! Commands on keys of any type (db.c, object.c): DEL, EXISTS, TYPE, KEYS,
//! RENAME, MOVE, RANDOMKEY and OBJECT.

use rand::Rng;

use crate::args;
use crate::config::notify::GENERIC;
use crate::db::{DATABASES, Entry};
use crate::glob;
use crate::reply::{Reply, errors};
use crate::{ClientId, Server};

type Result = std::result::Result<Reply, Reply>;

/// DEL key [key ...] (and UNLINK, which only frees memory differently): keys removed.
pub fn del(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let db = server.db_index(client);
    Ok(Reply::count(
        argv[1..]
            .iter()
            .filter(|key| server.delete(db, key))
            .count(),
    ))
}

/// EXISTS key [key ...]: how many of the keys exist, repeats counted. Asking does not
/// count as using them.
pub fn exists(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    Ok(count_found(server, client, &argv[1..], Server::peek_read))
}

/// TOUCH key [key ...]: EXISTS that counts as using the keys: their idle time starts
/// again, as after a read.
pub fn touch(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    Ok(count_found(server, client, &argv[1..], Server::lookup_read))
}

/// How many of `keys` the lookup `find` finds in the client's database.
fn count_found(
    server: &mut Server,
    client: ClientId,
    keys: &[Vec<u8>],
    find: for<'a> fn(&'a mut Server, usize, &[u8]) -> Option<&'a mut Entry>,
) -> Reply {
    let db = server.db_index(client);
    Reply::count(
        keys.iter()
            .filter(|key| find(server, db, key).is_some())
            .count(),
    )
}

/// TYPE key: the type name, or `none`.
pub fn type_(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let db = server.db_index(client);
    let name = server
        .peek_read(db, &argv[1])
        .map_or("none", |e| e.value.type_name());
    Ok(Reply::Status(name.into()))
}

/// KEYS pattern: every live key matching the glob, sorted (Redis's own
/// order depends on its hash table).
pub fn keys(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let db = server.db_index(client);
    let now = server.now_ms;
    // A lone `*` lists every key, even the empty one no glob can match.
    let all = argv[1] == b"*";
    let mut matching: Vec<&[u8]> = server.dbs[db]
        .entries
        .iter()
        .filter(|(key, entry)| {
            entry.expire_at.is_none_or(|at| at > now)
                && (all || glob::matches(&argv[1], key, false))
        })
        .map(|(key, _)| &**key)
        .collect();
    matching.sort_unstable();
    Ok(Reply::bulks(matching))
}

/// RENAME and RENAMENX: moves the value and its TTL to the new name.
fn rename_generic(
    server: &mut Server,
    client: ClientId,
    argv: &[Vec<u8>],
    only_if_new: bool,
) -> Result {
    let (db, from, to) = (server.db_index(client), &argv[1], &argv[2]);
    if !server.key_exists(db, from) {
        return Err(Reply::error(errors::NO_SUCH_KEY));
    }
    let answer = |renamed: bool| {
        if only_if_new {
            Reply::Integer(i64::from(renamed))
        } else {
            Reply::ok()
        }
    };
    if from == to {
        return Ok(answer(false));
    }
    if only_if_new && server.key_exists(db, to) {
        return Ok(answer(false));
    }
    if let Some(entry) = server.take(db, from) {
        server.notify(GENERIC, "rename_from", db, from);
        server.delete_quietly(db, to);
        server.put(db, to, entry);
        server.notify(GENERIC, "rename_to", db, to);
    }
    Ok(answer(true))
}

/// RENAME key newkey.
pub fn rename(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    rename_generic(server, client, argv, false)
}

/// RENAMENX key newkey: only if newkey does not exist.
pub fn renamenx(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    rename_generic(server, client, argv, true)
}

/// MOVE key db: moves the key to another database unless it exists there.
pub fn move_(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let target = args::int(&argv[2])?;
    let target = usize::try_from(target)
        .ok()
        .filter(|t| *t < DATABASES)
        .ok_or_else(|| Reply::error(errors::DB_INDEX))?;
    let (db, key) = (server.db_index(client), &argv[1]);
    if target == db {
        return Err(Reply::error(
            "ERR source and destination objects are the same",
        ));
    }
    if !server.key_exists(db, key) || server.key_exists(target, key) {
        return Ok(Reply::Integer(0));
    }
    if let Some(entry) = server.take(db, key) {
        server.notify(GENERIC, "move_from", db, key);
        server.put(target, key, entry);
        server.notify(GENERIC, "move_to", target, key);
    }
    Ok(Reply::Integer(1))
}

/// RANDOMKEY: a live key chosen with the server's seeded generator, or nil.
pub fn randomkey(server: &mut Server, client: ClientId, _: &[Vec<u8>]) -> Result {
    let db = server.db_index(client);
    let now = server.now_ms;
    let mut live: Vec<&[u8]> = server.dbs[db]
        .entries
        .iter()
        .filter(|(_, e)| e.expire_at.is_none_or(|at| at > now))
        .map(|(k, _)| &**k)
        .collect();
    // In key order, so a seed picks the same key however the table was filled.
    live.sort_unstable();
    if live.is_empty() {
        return Ok(Reply::Nil);
    }
    let pick = server.rng.random_range(0..live.len());
    Ok(Reply::bulk(live[pick]))
}

/// OBJECT ENCODING key: how Redis 7.0 would store the value, or nil.
pub fn object_encoding(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let db = server.db_index(client);
    let encoding = server
        .object_lookup(db, &argv[2])
        .map(|e| e.value.encoding());
    Ok(Reply::bulk_or_nil(encoding))
}

/// OBJECT IDLETIME key: seconds since a command last touched the key, or nil.
pub fn object_idletime(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let db = server.db_index(client);
    let (now, lfu) = (server.now_ms, server.config.policy().is_lfu());
    let Some(entry) = server.object_lookup(db, &argv[2]) else {
        return Ok(Reply::Nil);
    };
    if lfu {
        return Err(Reply::error(
            "ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.",
        ));
    }
    let idle = now.saturating_sub(entry.last_access_ms) / 1000;
    Ok(Reply::Integer(i64::try_from(idle).unwrap_or(i64::MAX)))
}

/// OBJECT FREQ key: the LFU access counter, decayed to now; only tracked
/// under an LFU eviction policy.
pub fn object_freq(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let db = server.db_index(client);
    let (now, lfu) = (server.now_ms, server.config.policy().is_lfu());
    let Some(entry) = server.object_lookup(db, &argv[2]) else {
        return Ok(Reply::Nil);
    };
    if !lfu {
        return Err(Reply::error(
            "ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.",
        ));
    }
    Ok(Reply::Integer(i64::from(crate::evict::lfu_decayed(
        entry, now,
    ))))
}

/// COPY source destination [DB destination-db] [REPLACE]: copies the value and its TTL.
pub fn copy(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let db = server.db_index(client);
    let (mut target_db, mut replace) = (db, false);
    let mut i = 3;
    while let Some(option) = argv.get(i) {
        if args::is(option, "replace") {
            replace = true;
        } else if args::is(option, "db") && i + 1 < argv.len() {
            let n = args::int(&argv[i + 1])?;
            target_db = usize::try_from(n)
                .ok()
                .filter(|n| *n < DATABASES)
                .ok_or_else(|| Reply::error(errors::DB_INDEX))?;
            i += 1;
        } else {
            return Err(Reply::error(errors::SYNTAX));
        }
        i += 1;
    }
    let (source, target) = (&argv[1], &argv[2]);
    if db == target_db && source == target {
        return Err(Reply::error(
            "ERR source and destination objects are the same",
        ));
    }
    let Some(entry) = server.lookup_read(db, source).cloned() else {
        return Ok(Reply::Integer(0));
    };
    if server.key_exists(target_db, target) {
        if !replace {
            return Ok(Reply::Integer(0));
        }
        server.delete_quietly(target_db, target);
    }
    server.put(target_db, target, entry);
    server.notify_default(target_db, target);
    Ok(Reply::Integer(1))
}
