//! maxmemory and eviction (evict.c): before each command, while the
//! modelled `used_memory` is over `maxmemory`, a key chosen by the policy is
//! evicted; under `noeviction`, or with nothing left to evict, commands that
//! may grow memory are refused with the OOM error.
//!
//! The LRU, LFU and TTL policies sample `maxmemory-samples` keys per
//! database with the seeded generator and keep the best candidates in a
//! pool of 16, as Redis approximates them.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use crate::config::Policy;
use crate::config::notify::EVICTED;
use crate::db::{DATABASES, Db, Entry};
use crate::event::Event;
use crate::{ClientId, Server, docs};

/// The counter a new key starts with, so it is not evicted at once.
pub const LFU_INIT_VAL: u8 = 5;
/// `lfu-log-factor`: how slowly the counter grows.
const LFU_LOG_FACTOR: f64 = 10.0;
/// `lfu-decay-time`: minutes for the counter to lose one.
const LFU_DECAY_MINUTES: u64 = 1;
/// `EVPOOL_SIZE`: the candidates kept between evictions.
const POOL_SIZE: usize = 16;

/// The error a refused command gets.
pub const OOM: &str = "OOM command not allowed when used memory > 'maxmemory'.";

/// `LFUDecrAndReturn`: the counter less one per decay period since the last access.
pub fn lfu_decayed(entry: &Entry, now_ms: u64) -> u8 {
    let minutes = now_ms.saturating_sub(entry.last_access_ms) / 60_000;
    let periods = minutes / LFU_DECAY_MINUTES;
    u8::try_from(u64::from(entry.frequency).saturating_sub(periods)).unwrap_or(0)
}

/// `updateLFU`: decay, then `LFULogIncr`: grow by one with a probability
/// that falls as the counter rises.
pub fn lfu_touch(entry: &Entry, now_ms: u64, rng: &mut ChaCha8Rng) -> u8 {
    let counter = lfu_decayed(entry, now_ms);
    if counter == u8::MAX {
        return counter;
    }
    let base = f64::from(counter.saturating_sub(LFU_INIT_VAL));
    let p = 1.0 / (base * LFU_LOG_FACTOR + 1.0);
    if rng.random::<f64>() < p {
        counter + 1
    } else {
        counter
    }
}

/// A key waiting in the eviction pool with its score (higher goes first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Candidate {
    score: u64,
    db: usize,
    key: Vec<u8>,
}

/// The state eviction keeps between commands.
#[derive(Debug, Clone, Default)]
pub(crate) struct Evictor {
    /// Best candidates so far, lowest score first.
    pool: Vec<Candidate>,
    /// Where the random policies look next (they walk databases in turn).
    next_db: usize,
}

impl Server {
    /// `performEvictions`: evicts until memory is under the limit; false if
    /// it is still over (nothing may or can be evicted).
    pub(crate) fn perform_evictions(&mut self) -> bool {
        let limit = self.config.maxmemory();
        if limit == 0 {
            return true;
        }
        while self.used_memory() > limit {
            let policy = self.config.policy();
            if policy == Policy::NoEviction {
                return false;
            }
            let victim = match policy {
                Policy::AllKeysRandom | Policy::VolatileRandom => self.random_victim(policy),
                _ => self.pooled_victim(policy),
            };
            let Some((db, key)) = victim else {
                return false;
            };
            self.evict(db, &key);
        }
        true
    }

    /// Removes a key for memory's sake: counted, announced, drawn.
    fn evict(&mut self, db: usize, key: &[u8]) {
        if self.dbs[db].entries.swap_remove(key).is_none() {
            return;
        }
        self.stats.evicted_keys += 1;
        self.signal_modified(db, key);
        self.notify(EVICTED, "evicted", db, key);
        self.emit(|| Event::KeyEvicted {
            db,
            key: key.to_vec(),
        });
    }

    /// allkeys-random and volatile-random: a random key of the next
    /// database that has one.
    fn random_victim(&mut self, policy: Policy) -> Option<(usize, Vec<u8>)> {
        for _ in 0..DATABASES {
            self.evictor.next_db = (self.evictor.next_db + 1) % DATABASES;
            let db = self.evictor.next_db;
            let candidates = eviction_candidates(&self.dbs[db], policy);
            if candidates.is_empty() {
                continue;
            }
            let pick = self.rng.random_range(0..candidates.len());
            let key = candidates[pick].to_vec();
            return Some((db, key));
        }
        None
    }

    /// `evictionPoolPopulate` then the pool's best live key: LRU scores by
    /// idle time, LFU by a low counter, volatile-ttl by an early expiry.
    fn pooled_victim(&mut self, policy: Policy) -> Option<(usize, Vec<u8>)> {
        let samples = self.config.maxmemory_samples();
        let now = self.now_ms;
        for db in 0..DATABASES {
            let candidates = eviction_candidates(&self.dbs[db], policy);
            if candidates.is_empty() {
                continue;
            }
            let picks: Vec<usize> = (0..samples.min(candidates.len()))
                .map(|_| self.rng.random_range(0..candidates.len()))
                .collect();
            let sampled: Vec<Candidate> = picks
                .into_iter()
                .filter_map(|i| {
                    let key = candidates[i];
                    let entry = self.dbs[db].entries.get(key)?;
                    let score = match policy {
                        Policy::VolatileTtl => u64::MAX - entry.expire_at.unwrap_or(u64::MAX),
                        Policy::AllKeysLfu | Policy::VolatileLfu => {
                            255 - u64::from(lfu_decayed(entry, now))
                        }
                        _ => now.saturating_sub(entry.last_access_ms),
                    };
                    Some(Candidate {
                        score,
                        db,
                        key: key.to_vec(),
                    })
                })
                .collect();
            for candidate in sampled {
                self.evictor.offer(candidate);
            }
        }
        while let Some(best) = self.evictor.pool.pop() {
            if self.dbs[best.db].entries.contains_key(best.key.as_slice()) {
                return Some((best.db, best.key));
            }
        }
        None
    }

    /// The memory gate of `processCommand`: evicts if over the limit and
    /// answers the OOM error if still over and the command may grow memory.
    pub(crate) fn out_of_memory(&mut self, client: ClientId, name: &str) -> bool {
        if self.config.maxmemory() == 0 || self.perform_evictions() {
            return false;
        }
        let queued_may_grow = name == "exec"
            && self.clients.get(&client).is_some_and(|c| {
                c.multi.as_ref().is_some_and(|m| {
                    m.queue.iter().any(|argv| {
                        argv.first()
                            .is_some_and(|n| may_grow(&String::from_utf8_lossy(n)))
                    })
                })
            });
        // Queuing inside MULTI takes memory too: only EXEC and DISCARD pass.
        let queueing = self.clients.get(&client).is_some_and(|c| c.multi.is_some())
            && !matches!(name, "exec" | "discard" | "quit" | "reset");
        may_grow(name) || queued_may_grow || queueing
    }
}

/// The keys a policy may evict from one database.
fn eviction_candidates(db: &Db, policy: Policy) -> Vec<&[u8]> {
    db.entries
        .iter()
        .filter(|(_, e)| !policy.volatile_only() || e.expire_at.is_some())
        .map(|(k, _)| &**k)
        .collect()
}

/// Whether a command is flagged `denyoom` (it may use more memory).
fn may_grow(name: &str) -> bool {
    docs::find(name).is_some_and(|d| d.info.contains("+denyoom"))
}

impl Evictor {
    /// Keeps a candidate if the pool has room or it beats the worst one.
    fn offer(&mut self, candidate: Candidate) {
        if self
            .pool
            .iter()
            .any(|c| c.db == candidate.db && c.key == candidate.key)
        {
            return;
        }
        let at = self.pool.partition_point(|c| c.score < candidate.score);
        if self.pool.len() < POOL_SIZE {
            self.pool.insert(at, candidate);
        } else if at > 0 {
            self.pool.remove(0);
            self.pool.insert(at - 1, candidate);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::run_line;
    use crate::memory::BASELINE;

    fn server_with_limit(policy: &str, extra_bytes: usize) -> (Server, ClientId) {
        let mut server = Server::new(3);
        let client = server.connect();
        let limit = BASELINE + extra_bytes;
        run_line(
            &mut server,
            client,
            format!("CONFIG SET maxmemory {limit} maxmemory-policy {policy}"),
            0,
        );
        (server, client)
    }

    #[test]
    fn allkeys_lru_keeps_the_key_used_last_and_stays_under_the_limit() {
        // Room for about fifteen of these keys.
        let (mut server, client) = server_with_limit("allkeys-lru", 1000);
        for n in 0..10 {
            run_line(&mut server, client, format!("SET key:{n} value"), n * 1000);
        }
        run_line(&mut server, client, "GET key:0", 20_000);
        for n in 10..20 {
            run_line(
                &mut server,
                client,
                format!("SET key:{n} value"),
                21_000 + n,
            );
        }
        run_line(&mut server, client, "PING", 30_000);
        assert!(server.used_memory() <= (BASELINE + 1000) as u64);
        assert!(server.stats().evicted_keys > 0);
        let keys: Vec<Vec<u8>> = server.keys(0, 30_000).into_iter().map(|(k, _)| k).collect();
        assert!(keys.contains(&b"key:0".to_vec()), "{keys:?}");
        assert!(!keys.contains(&b"key:1".to_vec()));
        let evicted = server
            .drain_events()
            .into_iter()
            .filter(|e| matches!(e, Event::KeyEvicted { .. }))
            .count();
        assert_eq!(evicted as u64, server.stats().evicted_keys);
    }

    #[test]
    fn volatile_ttl_evicts_the_soonest_to_expire_and_spares_keys_without_ttl() {
        let (mut server, client) = server_with_limit("volatile-ttl", 400);
        run_line(&mut server, client, "SET forever x", 0);
        run_line(&mut server, client, "SET soon x EX 10", 0);
        run_line(&mut server, client, "SET later x EX 1000", 0);
        for n in 0..6 {
            run_line(&mut server, client, format!("SET v{n} x EX {}", 500 + n), 0);
        }
        let keys: Vec<Vec<u8>> = server.keys(0, 0).into_iter().map(|(k, _)| k).collect();
        assert!(keys.contains(&b"forever".to_vec()));
        assert!(keys.contains(&b"later".to_vec()));
        assert!(!keys.contains(&b"soon".to_vec()));
    }

    #[test]
    fn with_nothing_to_evict_writes_get_the_oom_error() {
        let (mut server, client) = server_with_limit("volatile-lru", 0);
        // Exactly at the limit still accepts the write that goes over it.
        assert_eq!(run_line(&mut server, client, "SET first b", 0).text, "OK\n");
        assert_eq!(
            run_line(&mut server, client, "SET a b", 0).text,
            format!("(error) {OOM}\n")
        );
        assert_eq!(run_line(&mut server, client, "GET a", 0).text, "(nil)\n");
    }

    #[test]
    fn the_lfu_counter_grows_slower_as_it_rises() {
        let mut rng = <ChaCha8Rng as rand::SeedableRng>::seed_from_u64(1);
        let mut entry = Entry::new(crate::object::Value::String(Default::default()), 0);
        for _ in 0..1000 {
            entry.frequency = lfu_touch(&entry, 0, &mut rng);
        }
        assert!((10..40).contains(&entry.frequency), "{}", entry.frequency);
        // One minute without access costs one.
        assert_eq!(lfu_decayed(&entry, 60_000), entry.frequency - 1);
    }
}
