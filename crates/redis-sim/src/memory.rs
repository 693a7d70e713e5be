//! How many bytes Redis 7.0 would allocate for a key: `objectComputeSize`
//! with jemalloc's size classes, the listpack and intset layouts, and the
//! structure sizes of a 64-bit build. MEMORY USAGE answers this, and the
//! server's `used_memory` is the sum over its keys plus a fixed baseline.

use std::collections::HashMap;

use crate::Server;
use crate::db::DATABASES;
use crate::numbers::{format_double, parse_i64};
use crate::object::Value;

/// `used_memory` of a freshly started 7.0 server with no keys.
pub const BASELINE: usize = 876_160;

/// MEMORY USAGE's default SAMPLES for big containers.
pub const DEFAULT_SAMPLES: usize = 5;

const ROBJ: usize = 16;
const DICT_ENTRY: usize = 24;
const DICT: usize = 56;
const QUICKLIST: usize = 40;
const QUICKLIST_NODE: usize = 40;
const ZSET: usize = 16;
const ZSKIPLIST: usize = 32;
/// A skip list node with one level: element, score, backward link, one level.
const SKIPLIST_NODE: usize = 24 + 16;
/// The skip list header has all 32 levels.
const SKIPLIST_HEADER: usize = 24 + 32 * 16;
/// `list-max-listpack-size -2`: a quicklist node holds at most 8 KB.
const QUICKLIST_NODE_BYTES: usize = 8192;

/// jemalloc's usable size for a request of `n` bytes: 8, then multiples
/// of 16 up to 128, then four classes per doubling.
pub fn allocation(n: usize) -> usize {
    match n {
        0..=8 => 8,
        9..=128 => n.div_ceil(16) * 16,
        _ => {
            let group = 1usize << (usize::BITS - 1 - (n - 1).leading_zeros());
            let step = group / 4;
            n.div_ceil(step) * step
        }
    }
}

/// The header `sdsnewlen` picks for `len` bytes (an empty string gets the
/// 3-byte one, as it is usually about to grow).
pub fn sds_header(len: usize) -> usize {
    match len {
        0 => 3,
        1..32 => 1,
        32..256 => 3,
        256..65536 => 5,
        _ if u32::try_from(len).is_ok() => 9,
        _ => 17,
    }
}

/// `sdsZmallocSize` of an sds string of `len` bytes created at its exact size.
pub fn sds(len: usize) -> usize {
    allocation(sds_header(len) + len + 1)
}

/// Bytes one element takes in a listpack: encoding, data and back-length.
fn listpack_entry(element: &[u8]) -> usize {
    let encoded = match parse_i64(element).filter(|_| element.len() <= 20) {
        Some(0..=127) => 1,
        Some(-4096..=4095) => 2,
        Some(n) if i16::try_from(n).is_ok() => 3,
        Some(n) if (-(1 << 23)..(1 << 23)).contains(&n) => 4,
        Some(n) if i32::try_from(n).is_ok() => 5,
        Some(_) => 9,
        None => match element.len() {
            len @ 0..=63 => 1 + len,
            len @ 64..=4095 => 2 + len,
            len => 5 + len,
        },
    };
    let back_length = match encoded {
        0..=127 => 1,
        128..=16382 => 2,
        16383..=2_097_150 => 3,
        2_097_151..=268_435_454 => 4,
        _ => 5,
    };
    encoded + back_length
}

/// The allocation of a listpack holding these elements: a 6-byte header,
/// the entries and an end byte.
fn listpack<'a>(elements: impl Iterator<Item = &'a [u8]>) -> usize {
    allocation(7 + elements.map(listpack_entry).sum::<usize>())
}

/// Slots of a hash table holding `len` entries: the next power of two, at least 4.
fn dict_slots(len: usize) -> usize {
    len.next_power_of_two().max(4)
}

/// Averages the first `samples` element sizes over the whole container, as
/// `objectComputeSize` does for hash tables, skip lists and quicklists.
fn sampled(sizes: impl Iterator<Item = usize>, samples: usize, len: usize) -> usize {
    let taken: Vec<usize> = sizes.take(samples.max(1)).collect();
    if taken.is_empty() {
        return 0;
    }
    let total: usize = taken.iter().sum();
    // Redis computes this in floating point and truncates.
    (total as f64 / taken.len() as f64 * len as f64) as usize
}

/// `objectComputeSize`: the value's allocations, sampling `samples` elements
/// of big containers.
pub fn value_size(value: &Value, samples: usize) -> usize {
    match value {
        Value::String(s) => match s.encoding() {
            "int" => ROBJ,
            "embstr" => allocation(ROBJ + 3 + s.bytes().len() + 1),
            _ => {
                ROBJ + s
                    .buffer_allocation()
                    .unwrap_or_else(|| sds(s.bytes().len()))
            }
        },
        Value::List(list) => {
            // Elements pack into nodes of at most 8 KB, head first.
            let mut nodes: Vec<usize> = Vec::new();
            let mut current = 7;
            for item in list.iter() {
                let entry = listpack_entry(item);
                if current > 7 && current + entry > QUICKLIST_NODE_BYTES {
                    nodes.push(current);
                    current = 7;
                }
                current += entry;
            }
            nodes.push(current);
            let count = nodes.len();
            ROBJ + QUICKLIST
                + sampled(
                    nodes.into_iter().map(|n| QUICKLIST_NODE + allocation(n)),
                    samples,
                    count,
                )
        }
        Value::Hash(hash) if hash.encoding() == "listpack" => {
            ROBJ + listpack(hash.iter().flat_map(|(f, v)| [f, v]))
        }
        Value::Hash(hash) => {
            ROBJ + DICT
                + 8 * dict_slots(hash.len())
                + sampled(
                    hash.iter()
                        .map(|(f, v)| sds(f.len()) + sds(v.len()) + DICT_ENTRY),
                    samples,
                    hash.len(),
                )
        }
        Value::Set(set) if set.encoding() == "intset" => {
            let members = set.members();
            let width = members
                .iter()
                .filter_map(|m| parse_i64(m))
                .map(|n| {
                    if i16::try_from(n).is_ok() {
                        2
                    } else if i32::try_from(n).is_ok() {
                        4
                    } else {
                        8
                    }
                })
                .max()
                .unwrap_or(2);
            ROBJ + allocation(8 + members.len() * width)
        }
        Value::Set(set) => {
            let members = set.members();
            ROBJ + DICT
                + 8 * dict_slots(members.len())
                + sampled(
                    members.iter().map(|m| DICT_ENTRY + sds(m.len())),
                    samples,
                    members.len(),
                )
        }
        Value::ZSet(zset) if zset.encoding() == "listpack" => {
            let scores: Vec<(&[u8], String)> =
                zset.iter().map(|(m, s)| (m, format_double(s))).collect();
            ROBJ + listpack(scores.iter().flat_map(|(m, s)| [*m, s.as_bytes()]))
        }
        Value::ZSet(zset) => {
            ROBJ + ZSET
                + ZSKIPLIST
                + DICT
                + 8 * dict_slots(zset.len())
                + allocation(SKIPLIST_HEADER)
                + sampled(
                    zset.iter()
                        .map(|(m, _)| sds(m.len()) + DICT_ENTRY + allocation(SKIPLIST_NODE)),
                    samples,
                    zset.len(),
                )
        }
    }
}

/// MEMORY USAGE: the value plus the key's own string and its hash table entry.
pub fn key_size(key: &[u8], value: &Value, samples: usize) -> usize {
    value_size(value, samples) + sds(key.len()) + DICT_ENTRY
}

/// A byte count as INFO's `_human` fields write it (`bytesToHuman`).
pub fn human(bytes: u64) -> String {
    let n = bytes as f64;
    let units = [
        (1u64 << 50, 'P'),
        (1 << 40, 'T'),
        (1 << 30, 'G'),
        (1 << 20, 'M'),
        (1 << 10, 'K'),
    ];
    match units.iter().find(|(size, _)| bytes >= *size) {
        Some((size, unit)) => format!("{:.2}{unit}", n / *size as f64),
        None => format!("{bytes}B"),
    }
}

/// The size of every key, kept up to date lazily: writes only note which
/// keys changed, and the sizes are recomputed when someone asks.
#[derive(Debug, Clone, Default)]
pub(crate) struct Ledger {
    sizes: Vec<HashMap<Vec<u8>, usize>>,
    total: usize,
    peak: usize,
    changed: Vec<(usize, Vec<u8>)>,
    /// Recount everything (a fresh ledger, SWAPDB, FLUSHALL).
    stale: bool,
}

impl Ledger {
    /// Notes that `key` in `db` changed (created, modified or deleted).
    pub fn mark(&mut self, db: usize, key: &[u8]) {
        if !self.stale {
            self.changed.push((db, key.to_vec()));
        }
    }

    /// Forgets every size; the next count starts from scratch.
    pub fn invalidate(&mut self) {
        self.stale = true;
        self.changed.clear();
    }
}

impl Server {
    /// Brings the ledger up to date and answers the dataset's bytes.
    fn settle_memory(&mut self) -> usize {
        let ledger = self.memory.get_or_insert_with(|| Ledger {
            stale: true,
            ..Ledger::default()
        });
        if ledger.stale {
            ledger.sizes = vec![HashMap::new(); DATABASES];
            ledger.total = 0;
            for (n, db) in self.dbs.iter().enumerate() {
                for (key, entry) in &db.entries {
                    let size = key_size(key, &entry.value, DEFAULT_SAMPLES);
                    ledger.total += size;
                    ledger.sizes[n].insert(key.to_vec(), size);
                }
            }
            ledger.stale = false;
        }
        for (db, key) in std::mem::take(&mut ledger.changed) {
            let old = ledger.sizes[db].remove(&key).unwrap_or_default();
            ledger.total = ledger.total.saturating_sub(old);
            if let Some(entry) = self.dbs[db].entries.get(key.as_slice()) {
                let size = key_size(&key, &entry.value, DEFAULT_SAMPLES);
                ledger.total += size;
                ledger.sizes[db].insert(key, size);
            }
        }
        ledger.peak = ledger.peak.max(ledger.total);
        ledger.total
    }

    /// INFO's `used_memory`: what a 7.0 server holding this data would
    /// report, the empty server's baseline plus every key's size.
    pub fn used_memory(&mut self) -> u64 {
        (BASELINE + self.settle_memory()) as u64
    }

    /// INFO's `used_memory_peak`: the highest `used_memory` measured so far.
    pub fn used_memory_peak(&mut self) -> u64 {
        self.settle_memory();
        (BASELINE + self.memory.as_ref().map_or(0, |l| l.peak)) as u64
    }

    /// Whole databases changed at once: the ledger recounts from scratch.
    pub(crate) fn memory_invalidate(&mut self) {
        if let Some(ledger) = self.memory.as_mut() {
            ledger.invalidate();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allocations_follow_jemalloc_classes() {
        assert_eq!(
            [1, 9, 17, 100, 129, 161, 600, 1025, 5000].map(allocation),
            [8, 16, 32, 112, 160, 192, 640, 1280, 5120]
        );
    }

    #[test]
    fn human_sizes_use_two_decimals_and_a_unit() {
        assert_eq!(human(0), "0B");
        assert_eq!(human(941_576), "919.51K");
        assert_eq!(human(64 << 20), "64.00M");
    }
}
