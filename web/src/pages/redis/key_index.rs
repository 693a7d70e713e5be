//! The keyspace view's model of one database: its keys in order, which line last changed
//! each, and their TTLs. It follows the server's change events line by line, so a command
//! costs the view only the keys it touched: ten thousand keys are listed (and sorted) once,
//! when the view starts showing the database, not on every command.

use std::collections::BTreeMap;
use std::rc::Rc;

use scenario::redis_sim::{Event, Server, glob};

/// The keys of the database the keyspace view shows.
#[derive(Debug, Default)]
pub struct KeyIndex {
    /// The database followed; `None` before the first line.
    db: Option<usize>,
    /// Every key, in KEYS order (bytewise), with the number of the line that last wrote or
    /// read it: a card is redrawn only when this changes.
    revisions: BTreeMap<Rc<[u8]>, u64>,
    /// When each key with a TTL expires, on the virtual clock.
    expiring: BTreeMap<Rc<[u8]>, u64>,
    /// Bumped whenever a key comes or goes, so a filter's matches are worked out again
    /// only then.
    membership: u64,
    /// Bumped on every change, so the view knows when to redraw.
    version: u64,
    /// The last line followed (the server's count of lines run).
    line: u64,
}

impl KeyIndex {
    /// Catches up with line `line`, whose change events are `events`, while the view shows
    /// database `db`. A new database, or one FLUSHDB, FLUSHALL or SWAPDB replaced, is
    /// listed again whole; otherwise only the keys named in the events are looked up.
    pub fn follow(&mut self, server: &Server, db: usize, events: &[Event], line: u64, now_ms: u64) {
        self.line = line;
        let replaced = events.iter().any(|event| match event {
            Event::DbFlushed { db: d } => *d == db,
            Event::DbsSwapped { a, b } => *a == db || *b == db,
            _ => false,
        });
        if replaced || self.db != Some(db) {
            self.relist(server, db, line, now_ms);
            return;
        }
        for key in events.iter().filter_map(|event| key_in(event, db)) {
            self.look_up(server, db, key, line, now_ms);
        }
    }

    /// Catches up with lines that clients the page does not follow line by line ran
    /// (the editor's programs): the latest line's `events` when it is the only one
    /// missed, else database `db` listed afresh.
    pub fn catch_up(
        &mut self,
        server: &Server,
        db: usize,
        events: &[Event],
        line: u64,
        now_ms: u64,
    ) {
        if line == self.line + 1 {
            self.follow(server, db, events, line, now_ms);
        } else if line != self.line {
            self.relist(server, db, line, now_ms);
        }
    }

    /// Lists database `db` afresh.
    fn relist(&mut self, server: &Server, db: usize, line: u64, now_ms: u64) {
        self.line = line;
        self.db = Some(db);
        self.revisions.clear();
        self.expiring.clear();
        for (key, _) in server.keys(db, now_ms) {
            let key: Rc<[u8]> = key.into();
            if let Some(at) = server.expire_at(db, &key) {
                self.expiring.insert(Rc::clone(&key), at);
            }
            self.revisions.insert(key, line);
        }
        self.membership += 1;
        self.version += 1;
    }

    /// Reads one key's state again after line `line` named it.
    fn look_up(&mut self, server: &Server, db: usize, key: &[u8], line: u64, now_ms: u64) {
        self.version += 1;
        if server.value(db, key, now_ms).is_none() {
            self.expiring.remove(key);
            if self.revisions.remove(key).is_some() {
                self.membership += 1;
            }
            return;
        }
        let key: Rc<[u8]> = match self.revisions.get_key_value(key) {
            Some((known, _)) => Rc::clone(known),
            None => {
                self.membership += 1;
                key.into()
            }
        };
        match server.expire_at(db, &key) {
            Some(at) => self.expiring.insert(Rc::clone(&key), at),
            None => self.expiring.remove(&key),
        };
        self.revisions.insert(key, line);
    }

    /// Changes when anything the view draws from the index does.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// Changes when a key comes or goes.
    pub fn membership(&self) -> u64 {
        self.membership
    }

    /// Whether `key` still lives at `now_ms` (its TTL, if any, has not run out).
    pub fn is_live(&self, key: &[u8], now_ms: u64) -> bool {
        self.expiring.get(key).is_none_or(|&at| at > now_ms)
    }

    /// When `key` expires, if it has a TTL.
    pub fn expire_at(&self, key: &[u8]) -> Option<u64> {
        self.expiring.get(key).copied()
    }

    /// The line that last wrote or read `key`.
    pub fn revision(&self, key: &[u8]) -> Option<u64> {
        self.revisions.get(key).copied()
    }

    /// Every key known, in order, live or past its TTL.
    pub fn keys(&self) -> impl Iterator<Item = &Rc<[u8]>> {
        self.revisions.keys()
    }

    /// How many keys known are past their TTL at `now_ms` (and match `pattern`, when it
    /// is not empty): the server has not removed them yet, but no one can read them.
    pub fn dead(&self, now_ms: u64, pattern: &[u8]) -> usize {
        self.expiring
            .iter()
            .filter(|&(key, &at)| at <= now_ms && matches(pattern, key))
            .count()
    }

    /// How many keys are live at `now_ms`: DBSIZE, once the server removed the dead.
    pub fn live(&self, now_ms: u64) -> usize {
        self.revisions.len() - self.dead(now_ms, b"")
    }

    /// How many live keys have a TTL at `now_ms` (INFO keyspace's `expires`).
    pub fn expires(&self, now_ms: u64) -> usize {
        self.expiring.len() - self.dead(now_ms, b"")
    }

    /// The keys matching a KEYS pattern, in order, live or not.
    pub fn matching(&self, pattern: &[u8]) -> Vec<Rc<[u8]>> {
        self.revisions
            .keys()
            .filter(|key| matches(pattern, key))
            .cloned()
            .collect()
    }
}

/// Whether `key` matches a KEYS pattern; the empty pattern stands for every key.
fn matches(pattern: &[u8], key: &[u8]) -> bool {
    pattern.is_empty() || glob::matches(pattern, key, false)
}

/// The key an event in database `db` names, if any.
fn key_in(event: &Event, db: usize) -> Option<&[u8]> {
    match event {
        Event::KeyChanged { db: d, key }
        | Event::ElementTouched { db: d, key, .. }
        | Event::KeyDeleted { db: d, key }
        | Event::KeyExpired { db: d, key }
        | Event::KeyEvicted { db: d, key }
            if *d == db =>
        {
            Some(key)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scenario::redis_sim::ClientId;

    fn run(server: &mut Server, index: &mut KeyIndex, line: u64, argv: &[&str]) {
        let argv = argv.iter().map(|a| a.as_bytes().to_vec()).collect();
        server.execute(ClientId(1), argv, 1_000);
        let events = server.drain_events();
        index.follow(server, 0, &events, line, 1_000);
    }

    fn keys(index: &KeyIndex) -> Vec<&[u8]> {
        index.keys().map(|key| &key[..]).collect()
    }

    #[test]
    fn follows_writes_deletes_and_ttls_key_by_key() {
        let mut server = Server::new(1);
        server.connect();
        let mut index = KeyIndex::default();
        run(
            &mut server,
            &mut index,
            1,
            &["MSET", "b", "1", "a", "2", "c", "3"],
        );
        assert_eq!(keys(&index), [b"a", b"b", b"c"]);
        let membership = index.membership();
        run(&mut server, &mut index, 2, &["SET", "b", "9"]);
        assert_eq!(index.revision(b"b"), Some(2));
        assert_eq!(
            index.revision(b"a"),
            Some(1),
            "a key not touched keeps its revision"
        );
        assert_eq!(index.membership(), membership, "no key came or went");
        run(&mut server, &mut index, 3, &["PEXPIRE", "a", "500"]);
        assert_eq!(index.expire_at(b"a"), Some(1_500));
        assert_eq!((index.live(1_000), index.expires(1_000)), (3, 1));
        assert_eq!(
            (index.live(1_500), index.expires(1_500)),
            (2, 0),
            "a is past its TTL"
        );
        run(&mut server, &mut index, 4, &["DEL", "c"]);
        assert_eq!(keys(&index), [b"a", b"b"]);
        assert_eq!(
            index.matching(b"[ab]"),
            [Rc::from(&b"a"[..]), Rc::from(&b"b"[..])]
        );
        run(&mut server, &mut index, 5, &["FLUSHDB"]);
        assert_eq!(keys(&index), Vec::<&[u8]>::new());
    }

    #[test]
    fn another_database_is_listed_afresh() {
        let mut server = Server::new(1);
        server.connect();
        let mut index = KeyIndex::default();
        run(&mut server, &mut index, 1, &["SET", "zero", "0"]);
        server.execute(ClientId(1), vec![b"SELECT".to_vec(), b"2".to_vec()], 1_000);
        run(&mut server, &mut index, 2, &["SET", "two", "2"]);
        index.follow(&server, 2, &[], 3, 1_000);
        assert_eq!(keys(&index), [b"two"]);
        index.follow(&server, 0, &[], 4, 1_000);
        assert_eq!(keys(&index), [b"zero"]);
    }
}
