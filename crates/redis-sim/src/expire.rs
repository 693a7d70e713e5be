//! Time to live (expire.c): the EXPIRE family, TTL queries, and the two ways
//! keys die on the virtual clock, lazily on access ([`Server::lookup`]) and
//! actively by sampling ([`Server::advance`]), as Redis does.

use rand::Rng;

use crate::args;
use crate::event::Event;
use crate::reply::Reply;
use crate::{ClientId, Server};

type Result = std::result::Result<Reply, Reply>;

/// How an expiry argument is written: relative or absolute, seconds or milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExpiryKind {
    /// EX: seconds from now.
    Ex,
    /// PX: milliseconds from now.
    Px,
    /// EXAT: a Unix time in seconds.
    ExAt,
    /// PXAT: a Unix time in milliseconds.
    PxAt,
}

/// An expiry option as typed, validated later like Redis does (syntax first, numbers second).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expiry {
    /// The unit and base.
    pub kind: ExpiryKind,
    /// The number as typed.
    pub value: Vec<u8>,
}

/// Reads `EX|PX|EXAT|PXAT <value>` at `option`; `None` if it is not one, has
/// no value, or conflicts with an expiry of another kind already given.
pub fn parse_expiry_option(
    option: &[u8],
    value: Option<&Vec<u8>>,
    previous: Option<&Expiry>,
) -> Option<Expiry> {
    let kind = [
        ("ex", ExpiryKind::Ex),
        ("px", ExpiryKind::Px),
        ("exat", ExpiryKind::ExAt),
        ("pxat", ExpiryKind::PxAt),
    ]
    .into_iter()
    .find(|(word, _)| args::is(option, word))?
    .1;
    if previous.is_some_and(|p| p.kind != kind) {
        return None;
    }
    Some(Expiry {
        kind,
        value: value?.clone(),
    })
}

/// The absolute expiry time in milliseconds for a SET-style expiry, or
/// Redis's "invalid expire time" error (zero, negative or overflowing).
pub fn resolve_expiry(
    expiry: &Expiry,
    now_ms: u64,
    command: &str,
) -> std::result::Result<u64, Reply> {
    let n = args::int(&expiry.value)?;
    let invalid = || Reply::error(format!("ERR invalid expire time in '{command}' command"));
    let seconds = matches!(expiry.kind, ExpiryKind::Ex | ExpiryKind::ExAt);
    if n <= 0 || (seconds && n > i64::MAX / 1000) {
        return Err(invalid());
    }
    let millis = if seconds { n * 1000 } else { n };
    let base = if matches!(expiry.kind, ExpiryKind::Ex | ExpiryKind::Px) {
        now_ms
    } else {
        0
    };
    let at = i64::try_from(base)
        .ok()
        .and_then(|b| millis.checked_add(b))
        .ok_or_else(invalid)?;
    u64::try_from(at).map_err(|_| invalid())
}

impl Server {
    /// Sets the absolute expiry of an existing key.
    pub(crate) fn set_expire(&mut self, db: usize, key: &[u8], at_ms: u64) {
        if let Some(entry) = self.dbs[db].entries.get_mut(key) {
            entry.expire_at = Some(at_ms);
            self.notify(crate::config::notify::GENERIC, "expire", db, key);
            self.signal_modified(db, key);
            self.emit(|| Event::KeyChanged {
                db,
                key: key.to_vec(),
            });
        }
    }

    /// Removes a key's TTL; true if it had one.
    pub(crate) fn persist(&mut self, db: usize, key: &[u8]) -> bool {
        let had_ttl = self
            .lookup(db, key)
            .and_then(|e| e.expire_at.take())
            .is_some();
        if had_ttl {
            self.notify(crate::config::notify::GENERIC, "persist", db, key);
            self.signal_modified(db, key);
            self.emit(|| Event::KeyChanged {
                db,
                key: key.to_vec(),
            });
        }
        had_ttl
    }

    /// Moves the virtual clock to `now_ms`, running Redis's active expiry
    /// cycle for every 100 ms that passed (`hz 10`): it samples keys with a
    /// TTL at random and deletes the expired ones, so keys nobody reads still
    /// die. Blocked clients whose timeout passed get their nil reply.
    pub fn advance(&mut self, now_ms: u64) {
        const CYCLE_MS: u64 = 100;
        const SAMPLE: usize = 20;
        let mut cycle_at = (self.now_ms / CYCLE_MS + 1) * CYCLE_MS;
        while cycle_at <= now_ms {
            self.now_ms = cycle_at;
            for db in 0..self.dbs.len() {
                loop {
                    let volatile: Vec<Vec<u8>> = self.dbs[db]
                        .entries
                        .iter()
                        .filter(|(_, e)| e.expire_at.is_some())
                        .map(|(k, _)| k.to_vec())
                        .collect();
                    if volatile.is_empty() {
                        break;
                    }
                    let sampled = SAMPLE.min(volatile.len());
                    let mut expired = 0;
                    for _ in 0..sampled {
                        let key = &volatile[self.rng.random_range(0..volatile.len())];
                        if self.expire_if_needed(db, key) {
                            expired += 1;
                        }
                    }
                    // Redis keeps going while more than a tenth of the sample was stale.
                    if expired * 10 <= sampled {
                        break;
                    }
                }
            }
            cycle_at += CYCLE_MS;
        }
        self.now_ms = self.now_ms.max(now_ms);
        self.time_out_blocked(self.now_ms);
    }
}

/// The NX/XX/GT/LT conditions of the EXPIRE family.
#[derive(Debug, Default)]
struct Conditions {
    nx: bool,
    xx: bool,
    gt: bool,
    lt: bool,
}

fn parse_conditions(options: &[Vec<u8>]) -> std::result::Result<Conditions, Reply> {
    let mut c = Conditions::default();
    for option in options {
        match option.to_ascii_lowercase().as_slice() {
            b"nx" => c.nx = true,
            b"xx" => c.xx = true,
            b"gt" => c.gt = true,
            b"lt" => c.lt = true,
            _ => {
                return Err(Reply::error(format!(
                    "ERR Unsupported option {}",
                    String::from_utf8_lossy(option)
                )));
            }
        }
    }
    if c.nx && (c.xx || c.gt || c.lt) {
        return Err(Reply::error(
            "ERR NX and XX, GT or LT options at the same time are not compatible",
        ));
    }
    if c.gt && c.lt {
        return Err(Reply::error(
            "ERR GT and LT options at the same time are not compatible",
        ));
    }
    Ok(c)
}

/// `expireGenericCommand`: the shared body of EXPIRE, PEXPIRE, EXPIREAT and PEXPIREAT.
fn expire_generic(
    server: &mut Server,
    client: ClientId,
    argv: &[Vec<u8>],
    kind: ExpiryKind,
    name: &str,
) -> Result {
    let conditions = parse_conditions(&argv[3..])?;
    let n = args::int(&argv[2])?;
    let invalid = || Reply::error(format!("ERR invalid expire time in '{name}' command"));
    let millis = match kind {
        ExpiryKind::Ex | ExpiryKind::ExAt => n.checked_mul(1000).ok_or_else(invalid)?,
        ExpiryKind::Px | ExpiryKind::PxAt => n,
    };
    let now = i64::try_from(server.now_ms).unwrap_or(i64::MAX);
    let base = if matches!(kind, ExpiryKind::Ex | ExpiryKind::Px) {
        now
    } else {
        0
    };
    let when = millis.checked_add(base).ok_or_else(invalid)?;
    let (db, key) = (server.db_index(client), &argv[1]);
    let Some(entry) = server.lookup(db, key) else {
        return Ok(Reply::Integer(0));
    };
    let current = entry
        .expire_at
        .map(|at| i64::try_from(at).unwrap_or(i64::MAX));
    let refused = (conditions.nx && current.is_some())
        || (conditions.xx && current.is_none())
        || (conditions.gt && current.is_none_or(|c| when <= c))
        || (conditions.lt && current.is_some_and(|c| when >= c));
    if refused {
        return Ok(Reply::Integer(0));
    }
    match u64::try_from(when) {
        Ok(at) if when > now => server.set_expire(db, key, at),
        _ => {
            server.delete(db, key);
        }
    }
    Ok(Reply::Integer(1))
}

/// EXPIRE key seconds [NX|XX|GT|LT].
pub fn expire(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    expire_generic(server, client, argv, ExpiryKind::Ex, "expire")
}

/// PEXPIRE key milliseconds [NX|XX|GT|LT].
pub fn pexpire(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    expire_generic(server, client, argv, ExpiryKind::Px, "pexpire")
}

/// EXPIREAT key unix-seconds [NX|XX|GT|LT].
pub fn expireat(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    expire_generic(server, client, argv, ExpiryKind::ExAt, "expireat")
}

/// PEXPIREAT key unix-milliseconds [NX|XX|GT|LT].
pub fn pexpireat(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    expire_generic(server, client, argv, ExpiryKind::PxAt, "pexpireat")
}

/// What the TTL family reports about a key.
enum TtlQuery {
    /// TTL: seconds left, rounded.
    Seconds,
    /// PTTL: milliseconds left.
    Millis,
    /// EXPIRETIME: the Unix time in seconds.
    AtSeconds,
    /// PEXPIRETIME: the Unix time in milliseconds.
    AtMillis,
}

/// -2 for a missing key, -1 for a key without TTL, else the asked-for figure.
fn ttl_generic(server: &mut Server, client: ClientId, key: &[u8], query: TtlQuery) -> Result {
    let now = server.now_ms;
    let db = server.db_index(client);
    let Some(entry) = server.peek_read(db, key) else {
        return Ok(Reply::Integer(-2));
    };
    let Some(at) = entry.expire_at else {
        return Ok(Reply::Integer(-1));
    };
    let left = at.saturating_sub(now);
    let figure = match query {
        TtlQuery::Seconds => (left + 500) / 1000,
        TtlQuery::Millis => left,
        TtlQuery::AtSeconds => at / 1000,
        TtlQuery::AtMillis => at,
    };
    Ok(Reply::Integer(i64::try_from(figure).unwrap_or(i64::MAX)))
}

/// TTL key.
pub fn ttl(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    ttl_generic(server, client, &argv[1], TtlQuery::Seconds)
}

/// PTTL key.
pub fn pttl(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    ttl_generic(server, client, &argv[1], TtlQuery::Millis)
}

/// EXPIRETIME key.
pub fn expiretime(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    ttl_generic(server, client, &argv[1], TtlQuery::AtSeconds)
}

/// PEXPIRETIME key.
pub fn pexpiretime(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    ttl_generic(server, client, &argv[1], TtlQuery::AtMillis)
}

/// PERSIST key: 1 if a TTL was removed.
pub fn persist(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let db = server.db_index(client);
    Ok(Reply::Integer(i64::from(server.persist(db, &argv[1]))))
}
