//! The layered layout of the topology canvas: every node has a column (its layer), and
//! within a column the rows are ordered to keep edges from crossing, by the barycenter
//! heuristic of Sugiyama-style drawing. Pure and deterministic, so the same topology is
//! always drawn the same way and a node does not jump about while messages flow.

/// Sweeps of the barycenter heuristic (down then up, alternately); a few are enough for
/// the small graphs a learner builds.
const SWEEPS: usize = 8;

/// Orders the nodes within their layers to reduce crossings.
///
/// `layer_of[n]` is node `n`'s column; `edges` join node indices (in either direction).
/// The nodes' initial order within a layer is their index order, which also breaks ties,
/// so the result depends only on the input. Returns each node's row within its layer.
pub fn order_rows(layer_of: &[usize], edges: &[(usize, usize)]) -> Vec<usize> {
    let layers = layer_of.iter().copied().max().map_or(0, |m| m + 1);
    let mut columns: Vec<Vec<usize>> = vec![Vec::new(); layers];
    for (node, &layer) in layer_of.iter().enumerate() {
        columns[layer].push(node);
    }
    let edges: Vec<(usize, usize)> = edges
        .iter()
        .copied()
        .filter(|&(a, b)| a < layer_of.len() && b < layer_of.len() && a != b)
        .collect();
    let mut rows = rows_of(&columns, layer_of.len());
    let mut best = (crossings(layer_of, &rows, &edges), rows.clone());
    for sweep in 0..SWEEPS {
        let downwards = sweep % 2 == 0;
        let order: Vec<usize> = if downwards {
            (1..layers).collect()
        } else {
            (0..layers.saturating_sub(1)).rev().collect()
        };
        for layer in order {
            let column = &mut columns[layer];
            let key = |node: usize| {
                // Mean row of the neighbours on the side the sweep comes from.
                let (sum, count) = edges
                    .iter()
                    .filter_map(|&(a, b)| match (a == node, b == node) {
                        (true, _) => Some(b),
                        (_, true) => Some(a),
                        _ => None,
                    })
                    .filter(|&other| {
                        if downwards {
                            layer_of[other] < layer
                        } else {
                            layer_of[other] > layer
                        }
                    })
                    .fold((0.0, 0_usize), |(s, c), other| {
                        (s + rows[other] as f64, c + 1)
                    });
                if count == 0 {
                    rows[node] as f64
                } else {
                    sum / count as f64
                }
            };
            let mut keyed: Vec<(f64, usize, usize)> =
                column.iter().map(|&n| (key(n), rows[n], n)).collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            *column = keyed.into_iter().map(|(_, _, n)| n).collect();
            for (row, &node) in column.iter().enumerate() {
                rows[node] = row;
            }
        }
        let count = crossings(layer_of, &rows, &edges);
        if count < best.0 {
            best = (count, rows.clone());
        }
    }
    best.1
}

fn rows_of(columns: &[Vec<usize>], nodes: usize) -> Vec<usize> {
    let mut rows = vec![0; nodes];
    for column in columns {
        for (row, &node) in column.iter().enumerate() {
            rows[node] = row;
        }
    }
    rows
}

/// How many pairs of edges cross, counting edges that join the same two layers (edges
/// drawn as straight lines between columns cross exactly when their ends swap order).
pub fn crossings(layer_of: &[usize], rows: &[usize], edges: &[(usize, usize)]) -> usize {
    // Each edge as (left layer, right layer, left row, right row).
    let spans: Vec<(usize, usize, usize, usize)> = edges
        .iter()
        .filter(|&&(a, b)| a < rows.len() && b < rows.len())
        .map(|&(a, b)| {
            let (a, b) = if layer_of[a] <= layer_of[b] {
                (a, b)
            } else {
                (b, a)
            };
            (layer_of[a], layer_of[b], rows[a], rows[b])
        })
        .collect();
    let mut count = 0;
    for (i, e) in spans.iter().enumerate() {
        for f in &spans[i + 1..] {
            let same_layers = e.0 == f.0 && e.1 == f.1;
            if same_layers && (e.2 < f.2 && e.3 > f.3 || e.2 > f.2 && e.3 < f.3) {
                count += 1;
            }
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crossed_edges_are_uncrossed() {
        // Two producers in layer 0, two exchanges in layer 1: p0 -> x1, p1 -> x0.
        let layers = [0, 0, 1, 1];
        let edges = [(0, 3), (1, 2)];
        let start = crossings(&layers, &[0, 1, 0, 1], &edges);
        assert_eq!(start, 1);
        let rows = order_rows(&layers, &edges);
        assert_eq!(crossings(&layers, &rows, &edges), 0);
    }

    #[test]
    fn a_fanout_to_queues_and_their_consumers_draws_without_crossings() {
        // x (0) fans out to q0, q1, q2 (layer 1); consumers c2, c0, c1 (layer 2) listed in
        // an order that crosses.
        let layers = [0, 1, 1, 1, 2, 2, 2];
        let edges = [(0, 1), (0, 2), (0, 3), (3, 4), (1, 5), (2, 6)];
        let rows = order_rows(&layers, &edges);
        assert_eq!(crossings(&layers, &rows, &edges), 0);
        assert_eq!(rows[5], 0, "q0's consumer sits beside q0");
    }

    #[test]
    fn the_layout_depends_only_on_its_input() {
        let layers = [0, 0, 0, 1, 1, 1, 2, 2];
        let edges = [(0, 5), (1, 4), (2, 3), (3, 7), (5, 6), (4, 6)];
        assert_eq!(order_rows(&layers, &edges), order_rows(&layers, &edges));
    }

    #[test]
    fn nothing_to_order_and_bad_edges_do_not_panic() {
        assert!(order_rows(&[], &[]).is_empty());
        assert_eq!(order_rows(&[0, 0], &[(0, 9), (1, 1)]), vec![0, 1]);
    }
}
