//! Connection and server commands: PING, ECHO, SELECT, SWAPDB, DBSIZE,
//! FLUSHDB/FLUSHALL, TIME, INFO, RESET and CLIENT.

use crate::args;
use crate::db::DATABASES;
use crate::event::Event;
use crate::reply::{Reply, errors};
use crate::server::Client;
use crate::{ClientId, Server};

type Result = std::result::Result<Reply, Reply>;

/// PING [message]: PONG, or the message; subscribed clients get it as an array.
pub fn ping(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    if argv.len() > 2 {
        return Err(Reply::error(
            "ERR wrong number of arguments for 'ping' command",
        ));
    }
    if server.is_subscribed(client) {
        let message = argv.get(1).cloned().unwrap_or_default();
        return Ok(Reply::Array(vec![
            Reply::bulk("pong"),
            Reply::Bulk(message.into()),
        ]));
    }
    Ok(argv
        .get(1)
        .map_or_else(|| Reply::Status("PONG".into()), Reply::bulk))
}

/// ECHO message.
pub fn echo(_: &mut Server, _: ClientId, argv: &[Vec<u8>]) -> Result {
    Ok(Reply::bulk(&argv[1]))
}

/// A database number argument, checked against the sixteen databases.
fn db_number(arg: &[u8]) -> std::result::Result<usize, Reply> {
    let n = args::int(arg)?;
    usize::try_from(n)
        .ok()
        .filter(|n| *n < DATABASES)
        .ok_or_else(|| Reply::error(errors::DB_INDEX))
}

/// SELECT index: later commands of this client use that database.
pub fn select(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let db = db_number(&argv[1])?;
    if let Some(c) = server.clients.get_mut(&client) {
        c.db = db;
    }
    Ok(Reply::ok())
}

/// SWAPDB a b: every client of database a now sees b's keys and vice versa.
pub fn swapdb(server: &mut Server, _: ClientId, argv: &[Vec<u8>]) -> Result {
    let a = args::int(&argv[1]).map_err(|_| Reply::error("ERR invalid first DB index"))?;
    let b = args::int(&argv[2]).map_err(|_| Reply::error("ERR invalid second DB index"))?;
    let in_range = |n: i64| usize::try_from(n).ok().filter(|n| *n < DATABASES);
    let (Some(a), Some(b)) = (in_range(a), in_range(b)) else {
        return Err(Reply::error(errors::DB_INDEX));
    };
    if a != b {
        // Watchers of keys in either database must see a change.
        for db in [a, b] {
            let keys: Vec<Vec<u8>> = server.dbs[db].entries.keys().map(|k| k.to_vec()).collect();
            for key in keys {
                server.signal_modified(db, &key);
            }
        }
        server.dbs.swap(a, b);
        server.memory_invalidate();
        server.emit(|| Event::DbsSwapped { a, b });
    }
    Ok(Reply::ok())
}

/// DBSIZE: keys in the selected database (keys past their TTL still count
/// until something expires them, as in Redis).
pub fn dbsize(server: &mut Server, client: ClientId, _: &[Vec<u8>]) -> Result {
    Ok(Reply::count(
        server.dbs[server.db_index(client)].entries.len(),
    ))
}

/// The optional ASYNC/SYNC of FLUSHDB and FLUSHALL; both mean the same here.
fn flush_mode(argv: &[Vec<u8>]) -> std::result::Result<(), Reply> {
    match argv {
        [_] => Ok(()),
        [_, mode] if args::is(mode, "async") || args::is(mode, "sync") => Ok(()),
        _ => Err(Reply::error(errors::SYNTAX)),
    }
}

/// FLUSHDB [ASYNC|SYNC]: empties the selected database.
pub fn flushdb(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    flush_mode(argv)?;
    server.flush_db(server.db_index(client));
    Ok(Reply::ok())
}

/// FLUSHALL [ASYNC|SYNC]: empties every database.
pub fn flushall(server: &mut Server, _: ClientId, argv: &[Vec<u8>]) -> Result {
    flush_mode(argv)?;
    for db in 0..DATABASES {
        server.flush_db(db);
    }
    Ok(Reply::ok())
}

/// TIME: the virtual clock as seconds and microseconds.
pub fn time(server: &mut Server, _: ClientId, _: &[Vec<u8>]) -> Result {
    let seconds = server.now_ms / 1000;
    let micros = (server.now_ms % 1000) * 1000;
    Ok(Reply::bulks([seconds.to_string(), micros.to_string()]))
}

/// RESET: back to a fresh connection (database 0, no transaction, no
/// watches, no subscriptions, no name).
pub fn reset(server: &mut Server, client: ClientId, _: &[Vec<u8>]) -> Result {
    server.unsubscribe_all(client);
    if let Some(c) = server.clients.get_mut(&client) {
        *c = Client {
            connected_ms: c.connected_ms,
            last_command_ms: c.last_command_ms,
            last_command: c.last_command,
            ..Client::default()
        };
    }
    Ok(Reply::Status("RESET".into()))
}

/// A container command called without a subcommand; the table's arity of -2
/// answers before this can run, so it only restates that error.
pub fn subcommand_required(_: &mut Server, _: ClientId, argv: &[Vec<u8>]) -> Result {
    let name = String::from_utf8_lossy(&argv[0]).to_ascii_lowercase();
    Err(Reply::error(format!(
        "ERR wrong number of arguments for '{name}' command"
    )))
}

/// CLIENT ID: this connection's id.
pub fn client_id(_: &mut Server, client: ClientId, _: &[Vec<u8>]) -> Result {
    Ok(Reply::Integer(i64::try_from(client.0).unwrap_or(i64::MAX)))
}

/// CLIENT SETNAME name: names the connection; an empty name removes it.
pub fn client_setname(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let name = &argv[2];
    if name.iter().any(|b| !(b'!'..=b'~').contains(b)) {
        return Err(Reply::error(
            "ERR Client names cannot contain spaces, newlines or special characters.",
        ));
    }
    if let Some(c) = server.clients.get_mut(&client) {
        c.name = (!name.is_empty()).then(|| name.clone());
    }
    Ok(Reply::ok())
}

/// CLIENT GETNAME: the name, or nil.
pub fn client_getname(server: &mut Server, client: ClientId, _: &[Vec<u8>]) -> Result {
    Ok(Reply::bulk_or_nil(
        server.clients.get(&client).and_then(|c| c.name.as_ref()),
    ))
}
