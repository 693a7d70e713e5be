//! What the canvas draws, derived from the simulation: the nodes (producers, exchanges,
//! queues, consumers), their columns, and the edges between them (publishes, bindings,
//! dead-letter and alternate routes, subscriptions), laid out by [`super::layout`].

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use scenario::rabbitmq_sim::Simulation;
use scenario::rabbitmq_sim::binding::Destination;

use super::layout::order_rows;

/// A node of the canvas, named as the broker and the simulation name things.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NodeId {
    /// A simulated producer.
    Producer(String),
    /// An exchange (`""` is the default exchange).
    Exchange(String),
    /// A queue.
    Queue(String),
    /// A simulated consumer.
    Consumer(String),
}

impl NodeId {
    /// The name shown on the node; the default exchange as the management UI calls it.
    pub fn label(&self) -> &str {
        match self {
            NodeId::Exchange(name) if name.is_empty() => "(AMQP default)",
            _ => self.name(),
        }
    }

    /// The order the canvas lists nodes in: by kind (producers, exchanges, queues,
    /// consumers), then by name as people count ([`natural_cmp`]).
    pub fn natural_cmp(&self, other: &NodeId) -> Ordering {
        let rank = |id: &NodeId| match id {
            NodeId::Producer(_) => 0,
            NodeId::Exchange(_) => 1,
            NodeId::Queue(_) => 2,
            NodeId::Consumer(_) => 3,
        };
        rank(self)
            .cmp(&rank(other))
            .then_with(|| natural_cmp(self.name(), other.name()))
    }

    /// The name, as the broker or the simulation knows it.
    fn name(&self) -> &str {
        match self {
            NodeId::Producer(n) | NodeId::Exchange(n) | NodeId::Queue(n) | NodeId::Consumer(n) => n,
        }
    }

    /// The kind of node, as a word (CSS class and test attribute).
    pub fn kind(&self) -> &'static str {
        match self {
            NodeId::Producer(_) => "producer",
            NodeId::Exchange(_) => "exchange",
            NodeId::Queue(_) => "queue",
            NodeId::Consumer(_) => "consumer",
        }
    }
}

/// Compares names as people count: `q3` before `q29` before `q30`. Runs of digits compare
/// as numbers (`q03` just after `q3`), everything else character by character.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let digits = |s: &str| s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let (mut a, mut b) = (a, b);
    loop {
        let (Some(x), Some(y)) = (a.chars().next(), b.chars().next()) else {
            return a.len().cmp(&b.len());
        };
        if x.is_ascii_digit() && y.is_ascii_digit() {
            let ((na, rest_a), (nb, rest_b)) = (a.split_at(digits(a)), b.split_at(digits(b)));
            let (va, vb) = (na.trim_start_matches('0'), nb.trim_start_matches('0'));
            let order = va
                .len()
                .cmp(&vb.len())
                .then_with(|| va.cmp(vb))
                .then_with(|| na.len().cmp(&nb.len()));
            if order != Ordering::Equal {
                return order;
            }
            (a, b) = (rest_a, rest_b);
        } else if x != y {
            return x.cmp(&y);
        } else {
            (a, b) = (&a[x.len_utf8()..], &b[y.len_utf8()..]);
        }
    }
}

/// What an edge stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EdgeKind {
    /// A producer publishes to an exchange.
    Publish,
    /// A binding (queue or exchange-to-exchange), or the default exchange's implicit one.
    Binding,
    /// An exchange's alternate exchange, for what it cannot route.
    Alternate,
    /// A queue's dead-letter exchange.
    DeadLetter,
    /// A consumer subscribed to a queue.
    Consume,
}

/// One edge, between node indices, with the key it is labelled with.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// Where messages come from.
    pub from: usize,
    /// Where they go.
    pub to: usize,
    /// The routing or binding key(s), or what the edge is for.
    pub label: String,
    /// What the edge stands for.
    pub kind: EdgeKind,
}

/// A node placed in its column and row.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Which node.
    pub id: NodeId,
    /// Its column, left to right in the direction messages flow.
    pub layer: usize,
    /// Its row within the column.
    pub row: usize,
}

/// Exchanges and default-exchange routes the page has seen messages take, so that a
/// console `publish` to the default exchange shows where it went; and the programs
/// seen publishing, drawn as producers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Seen {
    /// Exchanges that have received a message.
    pub exchanges: BTreeSet<String>,
    /// Queues the default exchange has routed to.
    pub default_routes: BTreeSet<String>,
    /// Programs that published, by label, with the exchanges and routing keys used.
    pub program_publishes: BTreeMap<String, BTreeSet<(String, String)>>,
    /// How many messages each program published.
    pub program_sent: BTreeMap<String, u64>,
}

/// The label of every channel the page's programs opened (`send.py`), by channel id:
/// their connections are drawn as producers and consumers named after the program.
pub type ProgramChannels = BTreeMap<u32, Rc<str>>;

/// The laid-out graph.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Topology {
    /// Nodes, producers first, then exchanges, queues and consumers, each in
    /// [`natural_cmp`] order of their names.
    pub nodes: Vec<Node>,
    /// Edges between nodes.
    pub edges: Vec<Edge>,
    /// Number of columns.
    pub layers: usize,
    /// Rows in the fullest column.
    pub tallest: usize,
}

impl Topology {
    /// The topology of `sim` as the canvas shows it. Exchanges nobody uses (the
    /// pre-declared `amq.*` ones and the default exchange) are left out until a binding,
    /// a producer or a message involves them. When the graph is the same as `last`, its
    /// rows are kept rather than ordered again (the page asks five times a second).
    pub fn of(
        sim: &Simulation,
        seen: &Seen,
        programs: &ProgramChannels,
        last: &Rc<Topology>,
    ) -> Rc<Topology> {
        let broker = sim.broker();
        let producers: Vec<_> = sim.producers().values().map(|p| &p.spec).collect();
        // The consumers of the programs' open channels: (program, queue, prefetch).
        let program_consumers: Vec<(&str, &str, u16)> = programs
            .iter()
            .filter_map(|(id, label)| Some((broker.channels().get(id)?, label)))
            .flat_map(|(channel, label)| {
                channel
                    .consumers
                    .values()
                    .map(move |c| (&**label, &*c.queue, c.prefetch))
            })
            .collect();
        let bindings = broker.bindings();
        let mut used: BTreeSet<&str> = seen.exchanges.iter().map(String::as_str).collect();
        used.extend(producers.iter().map(|p| p.exchange.as_str()));
        for b in bindings {
            used.insert(&b.source);
            if let Destination::Exchange(e) = &b.destination {
                used.insert(e);
            }
        }
        for q in broker.queues().values() {
            used.extend(q.settings.dead_letter_exchange.as_deref());
        }
        for x in broker.exchanges().values() {
            used.extend(x.alternate_exchange());
        }
        let exchanges: Vec<&str> = broker
            .exchanges()
            .keys()
            .map(String::as_str)
            .filter(|name| !(name.is_empty() || name.starts_with("amq.")) || used.contains(name))
            .collect();

        let mut ids: Vec<NodeId> = producers
            .iter()
            .map(|p| NodeId::Producer(p.name.clone()))
            .collect();
        ids.extend(exchanges.iter().map(|&e| NodeId::Exchange(e.to_string())));
        ids.extend(broker.queues().keys().map(|q| NodeId::Queue(q.clone())));
        ids.extend(sim.consumers().keys().map(|c| NodeId::Consumer(c.clone())));
        ids.extend(
            seen.program_publishes
                .keys()
                .map(|p| NodeId::Producer(p.clone())),
        );
        ids.extend(
            program_consumers
                .iter()
                .map(|(label, _, _)| NodeId::Consumer(label.to_string())),
        );
        // The layout breaks ties by this order: q3 above q29 above q30.
        ids.sort_by(NodeId::natural_cmp);
        ids.dedup();
        let index: BTreeMap<&NodeId, usize> =
            ids.iter().enumerate().map(|(i, id)| (id, i)).collect();
        let find = |id: NodeId| index.get(&id).copied();

        let mut edges = Vec::new();
        let mut edge = |from: Option<usize>, to: Option<usize>, label: String, kind| {
            if let (Some(from), Some(to)) = (from, to) {
                edges.push(Edge {
                    from,
                    to,
                    label,
                    kind,
                });
            }
        };
        for p in &producers {
            edge(
                find(NodeId::Producer(p.name.clone())),
                find(NodeId::Exchange(p.exchange.clone())),
                p.routing_keys.join(", "),
                EdgeKind::Publish,
            );
        }
        for (program, publishes) in &seen.program_publishes {
            let mut by_exchange: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
            for (exchange, key) in publishes {
                by_exchange.entry(exchange).or_default().push(key);
            }
            for (exchange, keys) in by_exchange {
                edge(
                    find(NodeId::Producer(program.clone())),
                    find(NodeId::Exchange(exchange.to_owned())),
                    keys.join(", "),
                    EdgeKind::Publish,
                );
            }
        }
        // The default exchange's implicit bindings, for the queues it is seen to use.
        let default_targets: BTreeSet<&String> = producers
            .iter()
            .filter(|p| p.exchange.is_empty())
            .flat_map(|p| p.routing_keys.iter())
            .chain(&seen.default_routes)
            .collect();
        for q in default_targets {
            edge(
                find(NodeId::Exchange(String::new())),
                find(NodeId::Queue(q.clone())),
                q.clone(),
                EdgeKind::Binding,
            );
        }
        for b in bindings {
            let to = match &b.destination {
                Destination::Queue(q) => NodeId::Queue(q.clone()),
                Destination::Exchange(e) => NodeId::Exchange(e.clone()),
            };
            edge(
                find(NodeId::Exchange(b.source.clone())),
                find(to),
                b.routing_key.clone(),
                EdgeKind::Binding,
            );
        }
        for x in broker.exchanges().values() {
            if let Some(ae) = x.alternate_exchange() {
                edge(
                    find(NodeId::Exchange(x.name.to_string())),
                    find(NodeId::Exchange(ae.to_string())),
                    "alternate".into(),
                    EdgeKind::Alternate,
                );
            }
        }
        for q in broker.queues().values() {
            if let Some(dlx) = &q.settings.dead_letter_exchange {
                edge(
                    find(NodeId::Queue(q.name.to_string())),
                    find(NodeId::Exchange(dlx.clone())),
                    "dead letters".into(),
                    EdgeKind::DeadLetter,
                );
            }
        }
        for c in sim.consumers().values() {
            edge(
                find(NodeId::Queue(c.spec.queue.clone())),
                find(NodeId::Consumer(c.spec.name.clone())),
                format!("prefetch {}", c.spec.prefetch),
                EdgeKind::Consume,
            );
        }

        for (program, queue, prefetch) in &program_consumers {
            edge(
                find(NodeId::Queue((*queue).to_owned())),
                find(NodeId::Consumer((*program).to_owned())),
                format!("prefetch {prefetch}"),
                EdgeKind::Consume,
            );
        }

        let same_graph = last.edges == edges
            && last.nodes.len() == ids.len()
            && last.nodes.iter().zip(&ids).all(|(n, id)| &n.id == id);
        if same_graph {
            return Rc::clone(last);
        }
        let layer_of = layers(&ids, &edges);
        let pairs: Vec<(usize, usize)> = edges.iter().map(|e| (e.from, e.to)).collect();
        let rows = order_rows(&layer_of, &pairs);
        let layers = layer_of.iter().max().map_or(0, |m| m + 1);
        let mut per_layer = vec![0; layers];
        for &l in &layer_of {
            per_layer[l] += 1;
        }
        Rc::new(Topology {
            nodes: ids
                .into_iter()
                .zip(layer_of)
                .zip(rows)
                .map(|((id, layer), row)| Node { id, layer, row })
                .collect(),
            edges,
            layers,
            tallest: per_layer.into_iter().max().unwrap_or(0),
        })
    }
}

/// Columns: producers first; exchanges next, an exchange bound to another (or its
/// alternate) one column to the right of it; then queues; then consumers.
fn layers(ids: &[NodeId], edges: &[Edge]) -> Vec<usize> {
    let mut depth = vec![0_usize; ids.len()];
    // Longest path along exchange-to-exchange edges; capped at the number of nodes, so a
    // cycle of exchange bindings (which RabbitMQ allows) still ends.
    for _ in 0..ids.len() {
        let mut changed = false;
        for e in edges {
            let both_exchanges = matches!(ids[e.from], NodeId::Exchange(_))
                && matches!(ids[e.to], NodeId::Exchange(_))
                && e.kind != EdgeKind::DeadLetter;
            if both_exchanges && depth[e.to] < depth[e.from] + 1 && depth[e.from] + 1 < ids.len() {
                depth[e.to] = depth[e.from] + 1;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let exchange_columns = ids
        .iter()
        .zip(&depth)
        .filter(|(id, _)| matches!(id, NodeId::Exchange(_)))
        .map(|(_, d)| d + 1)
        .max()
        .unwrap_or(0);
    let has_producers = ids.iter().any(|id| matches!(id, NodeId::Producer(_)));
    let first_exchange = usize::from(has_producers);
    ids.iter()
        .zip(&depth)
        .map(|(id, d)| match id {
            NodeId::Producer(_) => 0,
            NodeId::Exchange(_) => first_exchange + d,
            NodeId::Queue(_) => first_exchange + exchange_columns,
            NodeId::Consumer(_) => first_exchange + exchange_columns + 1,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use scenario::rabbitmq_sim::admin::run_sim_line;

    use super::*;

    fn topology(script: &str) -> Rc<Topology> {
        let mut sim = Simulation::new(1);
        for line in script.lines() {
            run_sim_line(&mut sim, line.trim());
        }
        Topology::of(
            &sim,
            &Seen::default(),
            &ProgramChannels::new(),
            &Rc::default(),
        )
    }

    /// The index of a node, if it is drawn.
    fn index(t: &Topology, id: &NodeId) -> Option<usize> {
        t.nodes.iter().position(|n| &n.id == id)
    }

    fn placed(t: &Topology, id: NodeId) -> (usize, usize) {
        let n = &t.nodes[index(t, &id).expect("drawn")];
        (n.layer, n.row)
    }

    #[test]
    fn the_lessons_fanout_is_drawn_in_four_columns() {
        let t = topology(
            "declare exchange name=logs type=fanout
             declare queue name=q1
             declare queue name=q2
             declare binding source=logs destination=q1
             declare binding source=logs destination=q2
             producer name=emit_log exchange=logs rate=2
             consumer name=c1 queue=q1
             consumer name=c2 queue=q2",
        );
        assert_eq!(t.layers, 4);
        assert_eq!(placed(&t, NodeId::Producer("emit_log".into())).0, 0);
        assert_eq!(placed(&t, NodeId::Exchange("logs".into())).0, 1);
        assert_eq!(placed(&t, NodeId::Queue("q2".into())).0, 2);
        assert_eq!(placed(&t, NodeId::Consumer("c2".into())), (3, 1));
        assert!(
            index(&t, &NodeId::Exchange("amq.topic".into())).is_none(),
            "unused amq.* hidden"
        );
        let bindings = t
            .edges
            .iter()
            .filter(|e| e.kind == EdgeKind::Binding)
            .count();
        assert_eq!(bindings, 2);
    }

    #[test]
    fn names_are_ordered_as_people_count() {
        let mut names = [
            "q30", "q3", "q29", "q03", "a", "", "q", "b2c10", "b2c9", "Q1",
        ];
        names.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(
            names,
            [
                "", "Q1", "a", "b2c9", "b2c10", "q", "q3", "q03", "q29", "q30"
            ]
        );
        let t = topology(
            "declare queue name=q30
             declare queue name=q3
             declare queue name=q29",
        );
        let mut rows: Vec<(usize, &str)> = t.nodes.iter().map(|n| (n.row, n.id.label())).collect();
        rows.sort();
        assert_eq!(rows, [(0, "q3"), (1, "q29"), (2, "q30")]);
    }

    #[test]
    fn the_same_graph_keeps_its_layout_and_a_change_lays_it_out_again() {
        let mut sim = Simulation::new(1);
        run_sim_line(&mut sim, "declare queue name=q1");
        let seen = Seen::default();
        let first = Topology::of(&sim, &seen, &ProgramChannels::new(), &Rc::default());
        run_sim_line(
            &mut sim,
            "publish exchange=amq.default routing_key=q1 payload=x",
        );
        assert!(Rc::ptr_eq(
            &first,
            &Topology::of(&sim, &seen, &ProgramChannels::new(), &first)
        ));
        run_sim_line(&mut sim, "declare queue name=q2");
        let second = Topology::of(&sim, &seen, &ProgramChannels::new(), &first);
        assert_eq!(second.nodes.len(), 2);
    }

    #[test]
    fn an_exchange_bound_to_another_sits_to_its_right() {
        let t = topology(
            "declare exchange name=front type=fanout
             declare exchange name=back type=direct
             declare binding source=front destination=back destination_type=exchange
             declare queue name=q
             declare binding source=back destination=q routing_key=k",
        );
        assert_eq!(placed(&t, NodeId::Exchange("front".into())).0, 0);
        assert_eq!(placed(&t, NodeId::Exchange("back".into())).0, 1);
        assert_eq!(placed(&t, NodeId::Queue("q".into())).0, 2);
    }

    #[test]
    fn a_cycle_of_exchange_bindings_still_lays_out() {
        let t = topology(
            "declare exchange name=a type=fanout
             declare exchange name=b type=fanout
             declare binding source=a destination=b destination_type=exchange
             declare binding source=b destination=a destination_type=exchange",
        );
        assert_eq!(t.nodes.len(), 2);
    }

    #[test]
    fn the_default_exchange_appears_when_a_producer_uses_it() {
        let t = topology(
            "declare queue name=hello
             producer name=send exchange= routing_key=hello rate=1",
        );
        let x = index(&t, &NodeId::Exchange(String::new())).expect("default exchange drawn");
        assert_eq!(t.nodes[x].id.label(), "(AMQP default)");
        assert!(t.edges.iter().any(|e| e.from == x && e.label == "hello"));
    }
}
