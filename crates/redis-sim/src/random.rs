//! Random picks shared by SRANDMEMBER, HRANDFIELD and ZRANDMEMBER, drawn
//! from the server's seeded generator so a scenario replays identically.

use rand::Rng;

use crate::Server;

/// The most repeated draws answered for a negative count; a browser tab
/// cannot hold the billions Redis would send.
const MAX_DRAWS: usize = 1 << 20;

/// Positions to answer out of `len` elements for a RANDMEMBER-style count:
/// all of them in order if `count` reaches `len`, distinct random ones if
/// positive, `|count|` independent draws (repeats allowed) if negative.
pub(crate) fn positions(server: &mut Server, len: usize, count: i64) -> Vec<usize> {
    let wanted = usize::try_from(count.unsigned_abs()).unwrap_or(usize::MAX);
    if len == 0 {
        return Vec::new();
    }
    if count < 0 {
        return (0..wanted.min(MAX_DRAWS))
            .map(|_| server.rng.random_range(0..len))
            .collect();
    }
    if wanted >= len {
        return (0..len).collect();
    }
    distinct(server, len, wanted)
}

/// `n` distinct positions out of `len`, in the order drawn.
pub(crate) fn distinct(server: &mut Server, len: usize, n: usize) -> Vec<usize> {
    let mut positions: Vec<usize> = (0..len).collect();
    for i in 0..n.min(len) {
        let j = server.rng.random_range(i..len);
        positions.swap(i, j);
    }
    positions.truncate(n.min(len));
    positions
}
