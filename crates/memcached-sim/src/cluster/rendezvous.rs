//! pymemcache `HashClient`'s rendezvous (highest random weight) hashing:
//! every node scores `murmur3_32("{node}-{key}")` and the highest wins, so
//! removing a node only moves the keys that node had won.

/// MurmurHash3 x86 32-bit with seed 0, as pymemcache's `murmur3_32`.
pub fn murmur3_32(data: &[u8]) -> u32 {
    const C1: u32 = 0xcc9e_2d51;
    const C2: u32 = 0x1b87_3593;
    let mix = |k: u32| k.wrapping_mul(C1).rotate_left(15).wrapping_mul(C2);
    let mut h: u32 = 0;
    let mut blocks = data.chunks_exact(4);
    for block in &mut blocks {
        let k = u32::from_le_bytes([block[0], block[1], block[2], block[3]]);
        h = (h ^ mix(k))
            .rotate_left(13)
            .wrapping_mul(5)
            .wrapping_add(0xe654_6b64);
    }
    let tail = blocks.remainder();
    if !tail.is_empty() {
        let k = tail
            .iter()
            .rev()
            .fold(0u32, |k, &b| (k << 8) | u32::from(b));
        h ^= mix(k);
    }
    h ^= data.len() as u32;
    h ^= h >> 16;
    h = h.wrapping_mul(0x85eb_ca6b);
    h ^= h >> 13;
    h = h.wrapping_mul(0xc2b2_ae35);
    h ^ (h >> 16)
}

/// pymemcache hashes a Python `str` one character at a time, keeping the
/// low 8 bits of each code point; this builds those bytes.
fn python_chars(s: &str) -> Vec<u8> {
    s.chars().map(|c| (u32::from(c) & 0xff) as u8).collect()
}

/// The index of the node `key` goes to (`RendezvousHash.get_node`). Ties go
/// to the larger node name.
pub fn node_for(nodes: &[&str], key: &str) -> Option<usize> {
    let mut winner: Option<(u32, usize)> = None;
    for (i, node) in nodes.iter().enumerate() {
        let score = murmur3_32(&python_chars(&format!("{node}-{key}")));
        winner = match winner {
            Some((best, w)) if score < best || (score == best && nodes[w] >= *node) => {
                Some((best, w))
            }
            _ => Some((score, i)),
        };
    }
    winner.map(|(_, i)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn murmur3_reference_values() {
        assert_eq!(murmur3_32(b""), 0);
        assert_eq!(murmur3_32(b"hello"), 0x248b_fa47);
        assert_eq!(
            murmur3_32(b"The quick brown fox jumps over the lazy dog"),
            0x2e4f_f723
        );
    }

    #[test]
    fn highest_score_wins() {
        let nodes = ["127.0.0.1:11211", "127.0.0.1:11212", "127.0.0.1:11213"];
        for key in ["foo", "bar", "counter"] {
            let scores: Vec<u32> = nodes
                .iter()
                .map(|n| murmur3_32(format!("{n}-{key}").as_bytes()))
                .collect();
            let best = (0..3).max_by_key(|&i| scores[i]);
            assert_eq!(node_for(&nodes, key), best);
        }
        assert_eq!(node_for(&[], "foo"), None);
    }
}
