//! python-memcached's server selection (`Client._get_server`).
//!
//! Each server appears in the bucket list as many times as its weight. A key
//! goes to `buckets[cmemcache_hash(key) % len(buckets)]`. If that server is
//! dead, the client rehashes `str(hash) + str(attempt)` and tries again, up
//! to ten times in all.

use super::Node;

/// python-memcached's `Client._SERVER_RETRIES`.
const SERVER_RETRIES: usize = 10;

/// `cmemcache_hash`: bits 16..30 of the key's CRC32, a number below 32768.
pub fn cmemcache_hash(key: &[u8]) -> u32 {
    (crc32fast::hash(key) >> 16) & 0x7fff
}

/// The bucket list built from a server list (`Client._init_buckets`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Buckets {
    /// Node index of each bucket.
    pub buckets: Vec<usize>,
}

impl Buckets {
    /// Repeats each node `weight` times, in server-list order.
    pub fn new(nodes: &[Node]) -> Self {
        let buckets = nodes
            .iter()
            .enumerate()
            .flat_map(|(i, node)| std::iter::repeat_n(i, node.weight as usize))
            .collect();
        Buckets { buckets }
    }

    /// The hashes tried for `key`, one per attempt: the key's hash, then
    /// the rehash of `str(h) + str(i)` after each failed attempt `i`.
    pub fn hash_chain(key: &[u8]) -> impl Iterator<Item = u32> {
        let first = cmemcache_hash(key);
        (0..SERVER_RETRIES).scan(first, |h, i| {
            let current = *h;
            *h = cmemcache_hash(format!("{current}{i}").as_bytes());
            Some(current)
        })
    }

    /// The node `key` is sent to, skipping dead nodes as python-memcached does.
    pub fn server_for(&self, key: &[u8], alive: impl Fn(usize) -> bool) -> Option<usize> {
        if self.buckets.is_empty() {
            return None;
        }
        Buckets::hash_chain(key)
            .map(|h| self.buckets[h as usize % self.buckets.len()])
            .find(|&node| alive(node))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lesson_cluster() -> Buckets {
        Buckets::new(&[Node::new("1.1.1.1:12000", 1), Node::new("1.1.1.2:12000", 2)])
    }

    #[test]
    fn weights_repeat_servers() {
        assert_eq!(lesson_cluster().buckets, [0, 1, 1]);
    }

    #[test]
    fn lesson_vectors() {
        let cluster = lesson_cluster();
        assert_eq!(cluster.server_for(b"foo", |_| true), Some(1));
        assert_eq!(cluster.server_for(b"counter", |_| true), Some(0));
        let chain: Vec<u32> = Buckets::hash_chain(b"foo").take(4).collect();
        assert_eq!(chain, [3187, 29842, 32274, 24630]);
    }

    #[test]
    fn dead_server_rehashes() {
        let cluster = lesson_cluster();
        // foo's chain 3187, 29842 % 3 = 1: with 1.1.1.2 dead, 32274 % 3 = 0.
        assert_eq!(cluster.server_for(b"foo", |n| n != 1), Some(0));
        assert_eq!(cluster.server_for(b"foo", |_| false), None);
    }
}
