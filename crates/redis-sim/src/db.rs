//! The keyspace (db.c): sixteen databases of keys, lookups that expire keys
//! lazily on the virtual clock, and the bookkeeping every write goes through
//! (WATCH invalidation and change events).

use crate::bytes::SmallBytes;
use crate::event::Event;
use crate::hashing::FxIndexMap;
use crate::object::{TypedValue, Value};
use crate::reply::{Reply, errors};
use crate::{ClientId, Server};

/// How many databases SELECT can choose from (the `databases` default).
pub const DATABASES: usize = 16;

/// A key's value with the metadata Redis keeps beside it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The value.
    pub value: Value,
    /// When the key expires, in virtual milliseconds since the epoch.
    pub expire_at: Option<u64>,
    /// When a command last read or wrote the key (OBJECT IDLETIME).
    pub last_access_ms: u64,
    /// The logarithmic access counter the LFU policies keep (OBJECT FREQ).
    pub frequency: u8,
}

impl Entry {
    /// A key just created at `now_ms`, without a TTL.
    pub fn new(value: Value, now_ms: u64) -> Entry {
        Entry {
            value,
            expire_at: None,
            last_access_ms: now_ms,
            frequency: crate::evict::LFU_INIT_VAL,
        }
    }
}

/// One database: a hash table of keys, as in Redis. Listings that show an
/// order (KEYS, SCAN, the page's view) sort the keys themselves.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Db {
    /// Every key with its value, including keys whose TTL has passed but that
    /// no lookup has expired yet (Redis keeps those too).
    pub entries: FxIndexMap<SmallBytes, Entry>,
}

impl Db {
    /// How many keys carry a TTL (INFO keyspace's `expires`).
    pub fn volatile_count(&self) -> usize {
        self.entries
            .values()
            .filter(|e| e.expire_at.is_some())
            .count()
    }
}

impl Server {
    /// The database a client has selected.
    pub(crate) fn db_index(&self, client: ClientId) -> usize {
        self.clients.get(&client).map_or(0, |c| c.db)
    }

    /// Deletes `key` if its TTL has passed; true if it did. This is the lazy
    /// half of expiry: a key dies when someone looks at it.
    pub(crate) fn expire_if_needed(&mut self, db: usize, key: &[u8]) -> bool {
        let now = self.now_ms;
        let expired = self.dbs[db]
            .entries
            .get(key)
            .and_then(|e| e.expire_at)
            .is_some_and(|at| at <= now);
        if expired {
            self.dbs[db].entries.swap_remove(key);
            self.stats.expired_keys += 1;
            self.notify_expired(db, key);
            self.signal_modified(db, key);
            self.emit(|| Event::KeyExpired {
                db,
                key: key.to_vec(),
            });
        }
        expired
    }

    /// The live entry under `key` in `db`, expiring it first if due. The
    /// access counts for LRU and, under an LFU policy, for LFU.
    pub(crate) fn lookup(&mut self, db: usize, key: &[u8]) -> Option<&mut Entry> {
        let index = self.live_index(db, key)?;
        Some(self.touch(db, index))
    }

    /// Where `key` is in `db`'s table, expiring it first if due: one hash
    /// lookup for the common case of a key without a TTL.
    fn live_index(&mut self, db: usize, key: &[u8]) -> Option<usize> {
        let index = self.dbs[db].entries.get_index_of(key)?;
        let now = self.now_ms;
        if self.dbs[db].entries[index]
            .expire_at
            .is_some_and(|at| at <= now)
        {
            self.expire_if_needed(db, key);
            return None;
        }
        Some(index)
    }

    /// Records an access to the entry at `index`: its LRU time and, under an
    /// LFU policy, its frequency counter.
    fn touch(&mut self, db: usize, index: usize) -> &mut Entry {
        let now = self.now_ms;
        let lfu = self.config.policy().is_lfu();
        let entry = &mut self.dbs[db].entries[index];
        if lfu {
            entry.frequency = crate::evict::lfu_touch(entry, now, &mut self.rng);
        }
        entry.last_access_ms = now;
        entry
    }

    /// The live entry under `key` for a command that reads it (Redis's
    /// `lookupKeyRead`): [`Server::lookup`], counted in INFO's keyspace_hits or
    /// keyspace_misses, and a miss announced as `keymiss` (class `m`). A write's
    /// lookup counts for neither.
    pub(crate) fn lookup_read(&mut self, db: usize, key: &[u8]) -> Option<&mut Entry> {
        let index = self.read_index(db, key, true)?;
        Some(self.touch(db, index))
    }

    /// [`Server::lookup_read`] for a command that asks about a key without using it
    /// (TYPE, EXISTS, TTL: Redis's `LOOKUP_NOTOUCH`). Its idle time and LFU counter
    /// stay as they were, so asking about a key does not save it from eviction.
    pub(crate) fn peek_read(&mut self, db: usize, key: &[u8]) -> Option<&mut Entry> {
        let index = self.read_index(db, key, true)?;
        Some(&mut self.dbs[db].entries[index])
    }

    /// OBJECT's lookup (Redis's `objectCommandLookup`): [`Server::peek_read`] without
    /// announcing a miss.
    pub(crate) fn object_lookup(&mut self, db: usize, key: &[u8]) -> Option<&Entry> {
        let index = self.read_index(db, key, false)?;
        Some(&self.dbs[db].entries[index])
    }

    /// Where a reading command finds `key`: counted as a keyspace hit or miss, and a
    /// miss announced as `keymiss` when `announce`.
    fn read_index(&mut self, db: usize, key: &[u8], announce: bool) -> Option<usize> {
        let index = self.live_index(db, key);
        if index.is_some() {
            self.stats.keyspace_hits += 1;
        } else {
            self.stats.keyspace_misses += 1;
            if announce {
                self.notify(crate::config::notify::KEY_MISS, "keymiss", db, key);
            }
        }
        index
    }

    /// Whether `key` exists (and has not expired) in `db`, for a command that is
    /// about to write it.
    pub(crate) fn key_exists(&mut self, db: usize, key: &[u8]) -> bool {
        self.lookup(db, key).is_some()
    }

    /// The value of type `T` under `key` in the client's database for a command
    /// that reads it: `None` if the key does not exist, WRONGTYPE if it holds
    /// another type. Counted as a keyspace hit or miss.
    pub(crate) fn read<T: TypedValue>(
        &mut self,
        client: ClientId,
        key: &[u8],
    ) -> Result<Option<&mut T>, Reply> {
        let db = self.db_index(client);
        typed(self.lookup_read(db, key))
    }

    /// [`Server::read`] for a command that goes on to write the value (Redis's
    /// `lookupKeyWrite`): not counted as a hit or miss.
    pub(crate) fn read_for_write<T: TypedValue>(
        &mut self,
        client: ClientId,
        key: &[u8],
    ) -> Result<Option<&mut T>, Reply> {
        let db = self.db_index(client);
        typed(self.lookup(db, key))
    }

    /// The value of type `T` under `key`, created with `T::default()` if absent.
    /// The caller reports the change with [`Server::changed`].
    pub(crate) fn write<T: TypedValue + Default>(
        &mut self,
        client: ClientId,
        key: &[u8],
    ) -> Result<&mut T, Reply> {
        let db = self.db_index(client);
        let now = self.now_ms;
        let index = match self.live_index(db, key) {
            Some(index) => index,
            None => {
                let entry = Entry::new(T::default().wrap(), now);
                let (index, _) = self.dbs[db].entries.insert_full(key.into(), entry);
                self.notify_new(db, key);
                index
            }
        };
        let entry = self.touch(db, index);
        T::typed_mut(&mut entry.value).ok_or_else(|| Reply::error(errors::WRONGTYPE))
    }

    /// Reports that a command modified `key` in the client's database: a
    /// container left empty is deleted, watchers are invalidated, and an event
    /// goes out.
    pub(crate) fn changed(&mut self, client: ClientId, key: &[u8]) {
        let db = self.db_index(client);
        let emptied = self.dbs[db]
            .entries
            .get(key)
            .is_some_and(|e| e.value.is_empty_container());
        if emptied {
            self.notify_default(db, key);
            self.delete(db, key);
        } else {
            self.added_to(db, key);
        }
    }

    /// Reports that a command added elements to the container under `key` in
    /// `db`, which therefore is not empty: [`Server::changed`] without looking
    /// the key up again.
    pub(crate) fn added_to(&mut self, db: usize, key: &[u8]) {
        self.notify_default(db, key);
        self.signal_modified(db, key);
        self.emit(|| Event::KeyChanged {
            db,
            key: key.to_vec(),
        });
    }

    /// Reports that a command wrote or read one element of `key`.
    pub(crate) fn touched(&mut self, client: ClientId, key: &[u8], element: &[u8]) {
        if !self.record_events {
            return;
        }
        let db = self.db_index(client);
        self.emit(|| Event::ElementTouched {
            db,
            key: key.to_vec(),
            element: element.to_vec(),
        });
    }

    /// Stores `value` under `key`, replacing whatever was there. The TTL is
    /// dropped unless `keep_ttl` (SET clears it; SET KEEPTTL and SETRANGE keep it).
    pub(crate) fn store(&mut self, db: usize, key: &[u8], value: Value, keep_ttl: bool) {
        let now = self.now_ms;
        // One lookup: a key past its TTL is expired first and counts as absent.
        let index = self.live_index(db, key);
        if index.is_none() {
            self.notify_new(db, key);
        }
        self.notify_default(db, key);
        let fresh = Entry::new(value, now);
        match index {
            Some(index) => {
                let slot = &mut self.dbs[db].entries[index];
                let expire_at = if keep_ttl { slot.expire_at } else { None };
                *slot = Entry { expire_at, ..fresh };
            }
            None => {
                self.dbs[db].entries.insert(key.into(), fresh);
            }
        }
        self.signal_modified(db, key);
        self.emit(|| Event::KeyChanged {
            db,
            key: key.to_vec(),
        });
    }

    /// Deletes `key` from `db`; true if it existed. Announced as `del`.
    pub(crate) fn delete(&mut self, db: usize, key: &[u8]) -> bool {
        let existed = self.delete_quietly(db, key);
        if existed {
            self.notify(crate::config::notify::GENERIC, "del", db, key);
        }
        existed
    }

    /// Deletes `key` without a keyspace event (`dbDelete` as RENAME and
    /// COPY ... REPLACE use it on their destination).
    pub(crate) fn delete_quietly(&mut self, db: usize, key: &[u8]) -> bool {
        self.expire_if_needed(db, key);
        let existed = self.dbs[db].entries.swap_remove(key).is_some();
        if existed {
            self.signal_modified(db, key);
            self.emit(|| Event::KeyDeleted {
                db,
                key: key.to_vec(),
            });
        }
        existed
    }

    /// Removes the key from `db` and returns its entry, for commands that move
    /// values around (RENAME, MOVE).
    pub(crate) fn take(&mut self, db: usize, key: &[u8]) -> Option<Entry> {
        self.expire_if_needed(db, key);
        let entry = self.dbs[db].entries.swap_remove(key)?;
        self.signal_modified(db, key);
        self.emit(|| Event::KeyDeleted {
            db,
            key: key.to_vec(),
        });
        Some(entry)
    }

    /// Puts an entry taken with [`Server::take`] back under a key.
    pub(crate) fn put(&mut self, db: usize, key: &[u8], entry: Entry) {
        if self.dbs[db].entries.insert(key.into(), entry).is_none() {
            self.notify_new(db, key);
        }
        self.signal_modified(db, key);
        self.emit(|| Event::KeyChanged {
            db,
            key: key.to_vec(),
        });
    }

    /// Empties database `db`, invalidating the watches of keys that existed.
    pub(crate) fn flush_db(&mut self, db: usize) {
        let keys: Vec<Vec<u8>> = self.dbs[db].entries.keys().map(|k| k.to_vec()).collect();
        for key in keys {
            self.signal_modified(db, &key);
        }
        self.dbs[db].entries.clear();
        self.emit(|| Event::DbFlushed { db });
    }

    /// `signalModifiedKey`: any client watching this key will see its EXEC fail.
    /// Deleting a key that was already expired when watched is not a change.
    pub(crate) fn signal_modified(&mut self, db: usize, key: &[u8]) {
        if let Some(ledger) = self.memory.as_mut() {
            ledger.mark(db, key);
        }
        let watched = self
            .clients
            .values()
            .any(|c| c.watched.iter().any(|w| w.db == db && w.key == key));
        if !watched {
            return;
        }
        let still_there = self.dbs[db].entries.contains_key(key);
        for client in self.clients.values_mut() {
            for watched in client
                .watched
                .iter_mut()
                .filter(|w| w.db == db && w.key == key)
            {
                if watched.expired_when_watched && !still_there {
                    watched.expired_when_watched = false;
                } else {
                    client.watch_dirty = true;
                }
            }
        }
    }
}

/// The value of an entry as type `T`: WRONGTYPE if it holds another type.
fn typed<T: TypedValue>(entry: Option<&mut Entry>) -> Result<Option<&mut T>, Reply> {
    match entry {
        None => Ok(None),
        Some(entry) => T::typed_mut(&mut entry.value)
            .map(Some)
            .ok_or_else(|| Reply::error(errors::WRONGTYPE)),
    }
}
