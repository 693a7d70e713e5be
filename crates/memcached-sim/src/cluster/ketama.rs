//! libketama's consistent hashing. Each server gets points on a 32-bit ring
//! in proportion to its weight (40 MD5 digests of `"host:port-N"` per
//! server on average, four points per digest); a key goes to the first
//! point at or after the MD5 of the key, wrapping around.

use md5::{Digest, Md5};

use super::Node;

/// One point on the ring.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Point {
    /// Position on the ring.
    pub point: u32,
    /// Index of the node owning it.
    pub node: usize,
}

/// The sorted ring of points (`ketama_create_continuum`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Continuum {
    /// Points in ascending order.
    pub points: Vec<Point>,
}

/// The four little-endian 32-bit words of an MD5 digest.
fn digest_words(data: &[u8]) -> [u32; 4] {
    let d = Md5::digest(data);
    std::array::from_fn(|h| {
        u32::from_le_bytes([d[h * 4], d[h * 4 + 1], d[h * 4 + 2], d[h * 4 + 3]])
    })
}

/// `ketama_hashi`: the first word of the key's MD5.
pub fn ketama_hash(key: &[u8]) -> u32 {
    digest_words(key)[0]
}

impl Continuum {
    /// Builds the ring: node `i` gets `floor(weight_i / total * 40 * n)` digests.
    pub fn new(nodes: &[Node]) -> Self {
        let total: u64 = nodes.iter().map(|n| u64::from(n.weight)).sum();
        let mut points = Vec::new();
        for (i, node) in nodes.iter().enumerate() {
            if total == 0 {
                break;
            }
            // libketama: `floorf(pct * 40.0 * (float)n)` with `pct` a float; the
            // product is a double rounded to float before flooring, which keeps
            // 40 digests for 7 equal servers where all-double math gives 39.
            let pct = node.weight as f32 / total as f32;
            let digests =
                ((f64::from(pct) * 40.0 * f64::from(nodes.len() as f32)) as f32).floor() as u32;
            for k in 0..digests {
                for point in digest_words(format!("{}-{k}", node.address).as_bytes()) {
                    points.push(Point { point, node: i });
                }
            }
        }
        points.sort_by_key(|p| p.point);
        Continuum { points }
    }

    /// `ketama_get_server`: libketama's binary search for the first point at
    /// or after the key's hash, falling back to the first point.
    pub fn server_for(&self, key: &[u8]) -> Option<usize> {
        let first = self.points.first()?;
        let h = ketama_hash(key);
        let n = self.points.len();
        let (mut low, mut high) = (0usize, n);
        loop {
            let mid = (low + high) / 2;
            if mid == n {
                return Some(first.node);
            }
            let value = self.points[mid].point;
            let below = if mid == 0 {
                0
            } else {
                self.points[mid - 1].point
            };
            if h <= value && h > below {
                return Some(self.points[mid].node);
            }
            if value < h {
                low = mid + 1;
            } else if mid == 0 {
                return Some(first.node);
            } else {
                high = mid - 1;
            }
            if low > high {
                return Some(first.node);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_follow_weights() {
        let nodes = [
            Node::new("10.0.0.1:11211", 1),
            Node::new("10.0.0.2:11211", 3),
        ];
        let ring = Continuum::new(&nodes);
        let count = |i| ring.points.iter().filter(|p| p.node == i).count();
        assert_eq!((count(0), count(1)), (80, 240));
        assert!(ring.points.windows(2).all(|w| w[0].point <= w[1].point));
    }

    #[test]
    fn seven_equal_servers_keep_forty_digests_each() {
        let nodes: Vec<Node> = (1..=7)
            .map(|i| Node::new(format!("10.0.0.{i}:11211"), 1))
            .collect();
        assert_eq!(Continuum::new(&nodes).points.len(), 7 * 160);
    }

    #[test]
    fn key_goes_to_next_point_clockwise() {
        let nodes = [
            Node::new("10.0.0.1:11211", 1),
            Node::new("10.0.0.2:11211", 1),
        ];
        let ring = Continuum::new(&nodes);
        for key in ["foo", "bar", "counter", "k1"] {
            let h = ketama_hash(key.as_bytes());
            let expected = ring
                .points
                .iter()
                .find(|p| p.point >= h)
                .unwrap_or(&ring.points[0])
                .node;
            assert_eq!(ring.server_for(key.as_bytes()), Some(expected), "{key}");
        }
        assert_eq!(Continuum::new(&[]).server_for(b"foo"), None);
    }
}
