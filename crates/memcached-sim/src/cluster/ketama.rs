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

    /// The index of the node `key` goes to.
    pub fn server_for(&self, key: &[u8]) -> Option<usize> {
        self.point_for(key).map(|p| p.node)
    }

    /// `ketama_get_server`: the point `key` goes to.
    pub fn point_for(&self, key: &[u8]) -> Option<Point> {
        self.point_at(ketama_hash(key))
    }

    /// libketama's binary search for the first point at or after hash `h`,
    /// falling back to the first point.
    pub fn point_at(&self, h: u32) -> Option<Point> {
        let first = *self.points.first()?;
        let n = self.points.len();
        let (mut low, mut high) = (0usize, n);
        loop {
            let mid = (low + high) / 2;
            if mid == n {
                return Some(first);
            }
            let value = self.points[mid].point;
            let below = if mid == 0 {
                0
            } else {
                self.points[mid - 1].point
            };
            if h <= value && h > below {
                return Some(self.points[mid]);
            }
            if value < h {
                low = mid + 1;
            } else if mid == 0 {
                return Some(first);
            } else {
                high = mid - 1;
            }
            if low > high {
                return Some(first);
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

    /// The servers of libketama's own `ketama.servers` file, with their memory as weight.
    fn libketama_servers() -> Vec<Node> {
        [600, 300, 200, 350, 1000, 800, 950, 100]
            .iter()
            .enumerate()
            .map(|(i, &memory)| Node::new(format!("10.0.1.{}:11211", i + 1), memory))
            .collect()
    }

    /// libketama's `make test` runs `ketama_test ketama.servers`, which prints
    /// its (empty) error line, then `hash point server` for the keys "0" to
    /// "999999", and checks the MD5 of that output against the one written in
    /// its `test.sh`. The same transcript from this ring must have that MD5.
    #[test]
    fn reproduces_the_transcript_libketama_tests_itself_against() {
        let nodes = libketama_servers();
        let ring = Continuum::new(&nodes);
        let mut transcript = Md5::new();
        transcript.update(b"\n");
        for i in 0..1_000_000 {
            let hash = ketama_hash(i.to_string().as_bytes());
            let point = ring.point_at(hash).unwrap();
            let line = format!("{hash} {} {}\n", point.point, nodes[point.node].address);
            transcript.update(line.as_bytes());
        }
        let hex: String = transcript
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(hex, "5672b131391f5aa2b280936aec1eea74");
    }

    /// python_ketama's test: with 127.0.0.1:11211 at 600 and :11212 at 400,
    /// "test" lands on point 3454255383 of the first server.
    #[test]
    fn python_ketama_test_vector() {
        let nodes = [
            Node::new("127.0.0.1:11211", 600),
            Node::new("127.0.0.1:11212", 400),
        ];
        let point = Continuum::new(&nodes).point_for(b"test").unwrap();
        assert_eq!((point.point, point.node), (3_454_255_383, 0));
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
