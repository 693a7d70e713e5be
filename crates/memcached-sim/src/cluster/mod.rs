//! Client-side key distribution: which server of a cluster a client sends a
//! key to. memcached servers never talk to each other; the client decides,
//! and each client library decides differently.
//!
//! - `python_memcached`: CRC32 of the key modulo a bucket list where each
//!   server appears `weight` times (the lesson's scheme).
//! - `ketama`: libketama's consistent hashing on an MD5 ring.
//! - `rendezvous`: pymemcache `HashClient`'s highest-random-weight hashing.

pub mod ketama;
pub mod python_memcached;
pub mod rendezvous;

/// One server of a cluster as a client is configured with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    /// `host:port`, as the client library formats it.
    pub address: String,
    /// Relative share of keys (ignored by rendezvous hashing, which has no weights).
    pub weight: u32,
}

impl Node {
    /// A node from `HOST:PORT` and a weight.
    pub fn new(address: impl Into<String>, weight: u32) -> Self {
        Node {
            address: address.into(),
            weight,
        }
    }
}

/// A client library's rule for placing keys on nodes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Distribution {
    /// python-memcached's weighted modulo with rehash on dead servers.
    PythonMemcached,
    /// libketama's consistent hashing ring.
    Ketama,
    /// pymemcache's rendezvous hashing.
    Rendezvous,
}

impl Distribution {
    /// The node index `key` goes to among `nodes`, skipping nodes for which
    /// `alive` is false; `None` when the client finds no live node.
    pub fn place(self, nodes: &[Node], key: &str, alive: impl Fn(usize) -> bool) -> Option<usize> {
        match self {
            Distribution::PythonMemcached => {
                python_memcached::Buckets::new(nodes).server_for(key.as_bytes(), alive)
            }
            Distribution::Ketama => {
                let live: Vec<usize> = (0..nodes.len()).filter(|&i| alive(i)).collect();
                let live_nodes: Vec<Node> = live.iter().map(|&i| nodes[i].clone()).collect();
                ketama::Continuum::new(&live_nodes)
                    .server_for(key.as_bytes())
                    .map(|i| live[i])
            }
            Distribution::Rendezvous => {
                let live: Vec<usize> = (0..nodes.len()).filter(|&i| alive(i)).collect();
                let names: Vec<&str> = live.iter().map(|&i| nodes[i].address.as_str()).collect();
                rendezvous::node_for(&names, key).map(|i| live[i])
            }
        }
    }

    /// Share of `keys` that land on a different node when the cluster
    /// changes from `before` to `after` (compared by address).
    pub fn moved_share(self, before: &[Node], after: &[Node], keys: &[String]) -> f64 {
        if keys.is_empty() {
            return 0.0;
        }
        let address = |nodes: &[Node], key: &str| {
            self.place(nodes, key, |_| true)
                .map(|i| nodes[i].address.clone())
        };
        let moved = keys
            .iter()
            .filter(|k| address(before, k) != address(after, k))
            .count();
        moved as f64 / keys.len() as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consistent_hashing_moves_fewer_keys_than_modulo() {
        let keys: Vec<String> = (0..10_000).map(|i| format!("key{i}")).collect();
        let two = [
            Node::new("10.0.0.1:11211", 1),
            Node::new("10.0.0.2:11211", 1),
        ];
        let three = [
            two[0].clone(),
            two[1].clone(),
            Node::new("10.0.0.3:11211", 1),
        ];
        let modulo = Distribution::PythonMemcached.moved_share(&two, &three, &keys);
        let ketama = Distribution::Ketama.moved_share(&two, &three, &keys);
        let rendezvous = Distribution::Rendezvous.moved_share(&two, &three, &keys);
        assert!((0.6..0.72).contains(&modulo), "modulo moved {modulo}");
        assert!((0.25..0.42).contains(&ketama), "ketama moved {ketama}");
        assert!(
            (0.28..0.38).contains(&rendezvous),
            "rendezvous moved {rendezvous}"
        );
    }
}
