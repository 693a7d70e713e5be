//! Transactions (multi.c): MULTI queues commands, EXEC runs them as one step,
//! and WATCH turns EXEC into a compare-and-set on the watched keys.

use crate::commands::{self, Lookup};
use crate::reply::Reply;
use crate::{ClientId, Server};

type Result = std::result::Result<Reply, Reply>;

/// A transaction being built between MULTI and EXEC.
#[derive(Debug, Clone, Default)]
pub(crate) struct MultiState {
    /// Commands queued so far, as typed.
    pub queue: Vec<Vec<Vec<u8>>>,
    /// A command was refused while queueing: EXEC will answer EXECABORT.
    pub aborted: bool,
}

/// A key a client watches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct WatchedKey {
    pub db: usize,
    pub key: Vec<u8>,
    /// The key had already expired when WATCH ran; its lazy deletion later
    /// is not a change.
    pub expired_when_watched: bool,
}

/// MULTI: start queueing.
pub fn multi(server: &mut Server, client: ClientId, _: &[Vec<u8>]) -> Result {
    let c = server
        .clients
        .get_mut(&client)
        .ok_or_else(|| Reply::error("ERR unknown client"))?;
    if c.multi.is_some() {
        return Err(Reply::error("ERR MULTI calls can not be nested"));
    }
    c.multi = Some(MultiState::default());
    Ok(Reply::ok())
}

/// Forgets the client's transaction and watches (after EXEC or DISCARD).
fn end_transaction(server: &mut Server, client: ClientId) -> Option<MultiState> {
    let c = server.clients.get_mut(&client)?;
    c.watched.clear();
    c.watch_dirty = false;
    c.multi.take()
}

/// EXEC: run the queue, or refuse it (EXECABORT) or skip it (nil) if a
/// watched key changed or expired since WATCH.
pub fn exec(server: &mut Server, client: ClientId, _: &[Vec<u8>]) -> Result {
    let now = server.now_ms;
    let Some(c) = server.clients.get(&client) else {
        return Err(Reply::error("ERR unknown client"));
    };
    let watched_expired = c.watched.iter().any(|w| {
        !w.expired_when_watched
            && server.dbs[w.db]
                .entries
                .get(w.key.as_slice())
                .and_then(|e| e.expire_at)
                .is_some_and(|at| at <= now)
    });
    let dirty = c.watch_dirty || watched_expired;
    let Some(state) = end_transaction(server, client) else {
        return Err(Reply::error("ERR EXEC without MULTI"));
    };
    if state.aborted {
        return Err(Reply::error(
            "EXECABORT Transaction discarded because of previous errors.",
        ));
    }
    if dirty {
        return Ok(Reply::NilArray);
    }
    // Blocking commands cannot wait inside a transaction: they time out at once.
    server.executing_transaction = true;
    let replies = state
        .queue
        .into_iter()
        .map(|argv| match commands::lookup(&argv) {
            Lookup::Found(command) => server.call(client, command, &argv),
            Lookup::Rejected(error) => Reply::Error(error),
        })
        .collect();
    server.executing_transaction = false;
    Ok(Reply::Array(replies))
}

/// DISCARD: drop the queue and the watches.
pub fn discard(server: &mut Server, client: ClientId, _: &[Vec<u8>]) -> Result {
    match end_transaction(server, client) {
        Some(_) => Ok(Reply::ok()),
        None => Err(Reply::error("ERR DISCARD without MULTI")),
    }
}

/// WATCH key [key ...]: EXEC will fail if any of them changes first.
pub fn watch(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    if server.in_transaction(client) {
        return Err(Reply::error("ERR WATCH inside MULTI is not allowed"));
    }
    let db = server.db_index(client);
    let now = server.now_ms;
    for key in &argv[1..] {
        let expired_when_watched = server.dbs[db]
            .entries
            .get(key.as_slice())
            .and_then(|e| e.expire_at)
            .is_some_and(|at| at <= now);
        if let Some(c) = server.clients.get_mut(&client)
            && !c.watched.iter().any(|w| w.db == db && &w.key == key)
        {
            c.watched.push(WatchedKey {
                db,
                key: key.clone(),
                expired_when_watched,
            });
        }
    }
    Ok(Reply::ok())
}

/// UNWATCH: forget all watched keys.
pub fn unwatch(server: &mut Server, client: ClientId, _: &[Vec<u8>]) -> Result {
    if let Some(c) = server.clients.get_mut(&client) {
        c.watched.clear();
        c.watch_dirty = false;
    }
    Ok(Reply::ok())
}
