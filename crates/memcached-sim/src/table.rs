//! The hash table from keys to items (memcached's `assoc.c`).
//!
//! As in memcached, the table holds only item references and compares the
//! key stored in the item itself: a lookup touches the bucket, the item and
//! the item's bytes, where the value it is about to send also lies. Keys are
//! hashed eight bytes at a time with a multiply-rotate hash: keys are short,
//! and a collision attack has nothing to gain in a simulator, so SipHash's
//! cost would buy nothing. Views that list items sort them by key themselves.

use hashbrown::HashTable;

use crate::lru::ItemId;
use crate::server::Arena;

/// An odd constant with well-spread bits (from the golden ratio), as FxHash uses.
const SEED: u64 = 0x9e37_79b9_7f4a_7c15;

/// The hash of a key.
pub(crate) fn hash_key(key: &[u8]) -> u64 {
    let mut hash = (key.len() as u64).wrapping_mul(SEED);
    let mut add = |word: u64| hash = (hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    let mut words = key.chunks_exact(8);
    for word in &mut words {
        let mut buf = [0; 8];
        buf.copy_from_slice(word);
        add(u64::from_le_bytes(buf));
    }
    let tail = words.remainder();
    if !tail.is_empty() {
        let mut buf = [0; 8];
        buf[..tail.len()].copy_from_slice(tail);
        add(u64::from_le_bytes(buf));
    }
    // The multiply only mixes upwards, but the table picks a bucket from the
    // low bits: MurmurHash3's finaliser spreads every bit over all of them.
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
    hash ^ (hash >> 33)
}

/// Linked items by key.
#[derive(Clone, Debug, Default)]
pub(crate) struct Table {
    ids: HashTable<ItemId>,
}

impl Table {
    /// The item linked under `key`.
    pub(crate) fn get(&self, arena: &Arena, key: &[u8]) -> Option<ItemId> {
        self.ids
            .find(hash_key(key), |&id| arena[id].key() == key)
            .copied()
    }

    /// Links `id`, which `arena` holds, under its key; the key must be absent.
    pub(crate) fn insert(&mut self, arena: &Arena, id: ItemId) {
        let hash = hash_key(arena[id].key());
        self.ids
            .insert_unique(hash, id, |&other| hash_key(arena[other].key()));
    }

    /// Unlinks `id`, which `arena` still holds.
    pub(crate) fn remove(&mut self, arena: &Arena, id: ItemId) {
        if let Ok(entry) = self.ids.find_entry(hash_key(arena[id].key()), |&x| x == id) {
            entry.remove();
        }
    }

    /// Every linked item, in no particular order.
    pub(crate) fn ids(&self) -> impl Iterator<Item = ItemId> + '_ {
        self.ids.iter().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_differing_in_one_byte_or_length_hash_apart() {
        assert_ne!(hash_key(b"key:000001"), hash_key(b"key:000002"));
        assert_ne!(hash_key(b"a"), hash_key(b"a\0"));
        assert_ne!(hash_key(b""), hash_key(b"\0"));
    }

    #[test]
    fn similar_keys_spread_over_the_low_bits() {
        let buckets: std::collections::BTreeSet<u64> = (0..4096)
            .map(|i| hash_key(format!("key:{i:06}").as_bytes()) & 4095)
            .collect();
        // A uniform hash fills about 63% of 4096 buckets with 4096 keys.
        assert!(buckets.len() > 2400, "{} buckets", buckets.len());
    }
}
