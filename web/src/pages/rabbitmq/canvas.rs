//! The topology canvas: the laid-out graph in hand-written SVG, with queue bars, consumer
//! prefetch windows, labelled bindings and the messages travelling along the edges.

use scenario::rabbitmq_sim::Simulation;
use yew::prelude::*;

use super::topology::{EdgeKind, NodeId, Topology};
use super::traffic::{Fate, Flight, LEG_MS, key_hue};

/// Width of a column and height of a row, in SVG user units.
const COL_W: f64 = 264.0;
const ROW_H: f64 = 92.0;
/// Size of a node's box.
const NODE_W: f64 = 156.0;
const NODE_H: f64 = 70.0;
/// Margin around the drawing; the top one leaves room for the column titles.
const PAD: f64 = 16.0;
const TOP: f64 = 40.0;
/// The most prefetch slots drawn; a larger window is drawn as this many, with its number.
const SLOTS_DRAWN: u16 = 10;
/// Length of a queue's bars.
const BAR_W: f64 = NODE_W - 20.0;

/// A point on the canvas.
type Point = (f64, f64);

/// Where each node's box is: its top-left corner, by node index.
fn boxes(topology: &Topology) -> Vec<Point> {
    let mut per_layer = vec![0_usize; topology.layers];
    for n in &topology.nodes {
        per_layer[n.layer] += 1;
    }
    topology
        .nodes
        .iter()
        .map(|n| {
            // Short columns are centred against the tallest one.
            let offset = (topology.tallest - per_layer[n.layer]) as f64 / 2.0;
            (
                PAD + n.layer as f64 * COL_W,
                TOP + (n.row as f64 + offset) * ROW_H,
            )
        })
        .collect()
}

/// The curve from one box to another: out of the right side into the left side when it
/// goes forwards, or under both boxes when it goes back (dead letters, returns).
fn curve(from: Point, to: Point) -> [Point; 4] {
    if to.0 > from.0 {
        let (a, b) = (
            (from.0 + NODE_W, from.1 + NODE_H / 2.0),
            (to.0, to.1 + NODE_H / 2.0),
        );
        let dx = (b.0 - a.0) / 2.0;
        [a, (a.0 + dx, a.1), (b.0 - dx, b.1), b]
    } else {
        let (a, b) = (
            (from.0 + NODE_W / 2.0, from.1 + NODE_H),
            (to.0 + NODE_W / 2.0, to.1 + NODE_H),
        );
        let depth = ROW_H * 0.6;
        [a, (a.0, a.1 + depth), (b.0, b.1 + depth), b]
    }
}

/// The point at `t` (0 to 1) along a cubic Bézier curve.
fn at(c: &[Point; 4], t: f64) -> Point {
    let u = 1.0 - t;
    let w = [u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t];
    let x = (0..4).map(|i| w[i] * c[i].0).sum();
    let y = (0..4).map(|i| w[i] * c[i].1).sum();
    (x, y)
}

fn path(c: &[Point; 4]) -> String {
    format!(
        "M{:.1},{:.1} C{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}",
        c[0].0, c[0].1, c[1].0, c[1].1, c[2].0, c[2].1, c[3].0, c[3].1
    )
}

/// Properties of [`TopologyCanvas`].
#[derive(Properties, PartialEq)]
pub struct TopologyCanvasProps {
    /// The laid-out graph.
    pub topology: Topology,
    /// Nodes' live figures, drawn inside their boxes.
    pub figures: Vec<Figures>,
    /// Dots in the air.
    pub flights: Vec<Flight>,
    /// Draw one message in this many.
    pub sample_every: u64,
    /// Real time now, where the dots are.
    pub now: f64,
    /// The node the inspector shows.
    pub selected: Option<NodeId>,
    /// Selects a node for the inspector.
    pub on_select: Callback<NodeId>,
}

/// What a node shows inside its box, read from the simulation.
#[derive(Debug, Clone, PartialEq)]
pub enum Figures {
    /// Messages sent, and the rate.
    Producer {
        /// Messages published so far.
        sent: u64,
        /// Publishes a second.
        rate: f64,
    },
    /// The exchange's type and durability.
    Exchange {
        /// fanout, direct, topic or headers.
        kind: &'static str,
        /// Survives a restart.
        durable: bool,
    },
    /// Ready and unacked counts, against the scale of the bars.
    Queue {
        /// Messages ready.
        ready: usize,
        /// Delivered, not yet acked.
        unacked: usize,
        /// The count a full bar stands for.
        scale: usize,
        /// Survives a restart.
        durable: bool,
    },
    /// The prefetch window and what fills it.
    Consumer {
        /// basic.qos prefetch (0: no limit).
        prefetch: u16,
        /// Unacked deliveries on its channel.
        unacked: usize,
        /// Connected or not.
        connected: bool,
        /// Auto-ack.
        auto_ack: bool,
    },
}

impl Figures {
    /// Each node's figures, in the topology's node order.
    pub fn of(sim: &Simulation, topology: &Topology) -> Vec<Figures> {
        let broker = sim.broker();
        let biggest = broker
            .queues()
            .values()
            .map(|q| q.ready.len() + q.unacked)
            .max()
            .unwrap_or(0);
        // One scale for every queue, so two bars can be compared at a glance.
        let scale = biggest.max(10).next_power_of_two();
        topology
            .nodes
            .iter()
            .map(|n| match &n.id {
                NodeId::Producer(name) => {
                    let p = sim.producers().get(name);
                    Figures::Producer {
                        sent: p.map_or(0, |p| p.sent),
                        rate: p.map_or(0.0, |p| p.spec.rate_per_sec),
                    }
                }
                NodeId::Exchange(name) => {
                    let x = broker.exchanges().get(name);
                    Figures::Exchange {
                        kind: x.map_or("direct", |x| x.kind.as_str()),
                        durable: x.is_some_and(|x| x.durable),
                    }
                }
                NodeId::Queue(name) => {
                    let q = broker.queue(name);
                    Figures::Queue {
                        ready: q.map_or(0, |q| q.ready.len()),
                        unacked: q.map_or(0, |q| q.unacked),
                        scale,
                        durable: q.is_some_and(|q| q.durable),
                    }
                }
                NodeId::Consumer(name) => {
                    let c = sim.consumers().get(name);
                    let channel = c
                        .and_then(|c| c.link)
                        .and_then(|(_, ch)| broker.channels().get(&ch));
                    Figures::Consumer {
                        prefetch: c.map_or(0, |c| c.spec.prefetch),
                        unacked: channel.map_or(0, |ch| ch.unacked.len()),
                        connected: channel.is_some(),
                        auto_ack: c.is_some_and(|c| c.spec.auto_ack),
                    }
                }
            })
            .collect()
    }
}

/// The canvas. See the module documentation.
#[component]
pub fn TopologyCanvas(props: &TopologyCanvasProps) -> Html {
    let t = &props.topology;
    let corners = boxes(t);
    let width = (PAD * 2.0 + t.layers.max(1) as f64 * COL_W - (COL_W - NODE_W)).max(400.0);
    let height = TOP + t.tallest.max(1) as f64 * ROW_H + PAD + ROW_H * 0.4;
    let titles = column_titles(t);

    let edges = t.edges.iter().map(|e| {
        let c = curve(corners[e.from], corners[e.to]);
        let (lx, ly) = at(&c, 0.5);
        let kind = match e.kind {
            EdgeKind::Publish => "publish",
            EdgeKind::Binding => "binding",
            EdgeKind::Alternate => "alternate",
            EdgeKind::DeadLetter => "dead-letter",
            EdgeKind::Consume => "consume",
        };
        let label = match e.kind {
            EdgeKind::Consume => String::new(),
            _ => edge_label(&e.label),
        };
        html! {
            <g class={classes!("edge", kind)} data-testid="rmq-edge"
                data-from={t.nodes[e.from].id.label().to_string()}
                data-to={t.nodes[e.to].id.label().to_string()} data-key={e.label.clone()}>
                <path d={path(&c)} marker-end="url(#rmq-arrow)" />
                <title>{ e.label.clone() }</title>
                if !label.is_empty() {
                    <text class="edge-label" x={format!("{lx:.1}")} y={format!("{:.1}", ly - 4.0)}
                        text-anchor="middle">{ label }</text>
                }
            </g>
        }
    });

    let nodes = t.nodes.iter().enumerate().map(|(i, n)| {
        let (x, y) = corners[i];
        let id = n.id.clone();
        let onclick = props.on_select.reform({
            let id = id.clone();
            move |_: MouseEvent| id.clone()
        });
        let onkeydown = {
            let on_select = props.on_select.clone();
            let id = id.clone();
            Callback::from(move |e: KeyboardEvent| {
                if e.key() == "Enter" || e.key() == " " {
                    e.prevent_default();
                    on_select.emit(id.clone());
                }
            })
        };
        let selected = props.selected.as_ref() == Some(&id);
        let figures = props
            .figures
            .get(i)
            .map(|f| inside(f, x, y))
            .unwrap_or_default();
        html! {
            <g class={classes!("node", id.kind(), selected.then_some("selected"))}
                data-testid="rmq-node" data-kind={id.kind()} data-name={id.label().to_string()}
                role="button" tabindex="0" aria-pressed={selected.to_string()}
                aria-label={format!("{} {}", id.kind(), id.label())} {onclick} {onkeydown}>
                <rect class="box" x={format!("{x}")} y={format!("{y}")}
                    width={NODE_W.to_string()} height={NODE_H.to_string()} rx="8" />
                <text class="node-name" x={format!("{}", x + 10.0)} y={format!("{}", y + 18.0)}>
                    { clip(id.label(), 20) }</text>
                { figures }
            </g>
        }
    });

    let dots = props.flights.iter().filter_map(|f| {
        let progress = (props.now - f.starts) / LEG_MS;
        if !(0.0..1.0).contains(&progress) {
            return None;
        }
        let from = corners[t.index(&f.from)?];
        let to = corners[t.index(&f.to)?];
        let (x, y, class) = match f.fate {
            Fate::Lost => {
                // It falls from under the node and fades.
                let (x, y) = (from.0 + NODE_W / 2.0, from.1 + NODE_H);
                (x, y + progress * ROW_H * 0.35, "lost")
            }
            fate => {
                let (x, y) = at(&curve(from, to), progress);
                let class = match fate {
                    Fate::Returned => "returned",
                    Fate::DeadLettered => "dead-lettered",
                    _ => "arrives",
                };
                (x, y, class)
            }
        };
        Some(html! {
            <circle class={classes!("message", class)} cx={format!("{x:.1}")} cy={format!("{y:.1}")} r="5"
                style={format!("--key-hue: {}", key_hue(&f.key))}>
                <title>{ format!("routing key \"{}\"", f.key) }</title>
            </circle>
        })
    });

    html! {
        <svg class="topology" data-testid="rmq-canvas" viewBox={format!("0 0 {width:.0} {height:.0}")}
            style={format!("--canvas-min-width: {:.0}px", width * 0.85)}
            role="group" aria-label="Topology: producers, exchanges, queues and consumers">
            <defs>
                <marker id="rmq-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7"
                    markerHeight="7" orient="auto-start-reverse">
                    <path d="M0,0 L10,5 L0,10 z" class="arrow-head" />
                </marker>
            </defs>
            { for titles.into_iter().map(|(layer, title)| html! {
                <text class="column-title" x={format!("{}", PAD + layer as f64 * COL_W + NODE_W / 2.0)}
                    y="20" text-anchor="middle">{ title }</text>
            }) }
            if t.nodes.is_empty() {
                <text class="empty" x={format!("{}", width / 2.0)} y={format!("{}", TOP + 30.0)}
                    text-anchor="middle">
                    { "Nothing declared yet: pick an example, or add a producer and a consumer below." }
                </text>
            }
            { for edges }
            { for nodes }
            { for dots }
            if props.sample_every > 1 {
                <text class="sampled" data-testid="rmq-sampled" x={format!("{}", width - PAD)} y="20"
                    text-anchor="end">
                    { format!("busy: drawing 1 in {} messages", props.sample_every) }
                </text>
            }
        </svg>
    }
}

/// Each column's title, from the kind of node it holds.
fn column_titles(t: &Topology) -> Vec<(usize, &'static str)> {
    let mut titles: Vec<(usize, &'static str)> = Vec::new();
    for n in &t.nodes {
        let title = match n.id {
            NodeId::Producer(_) => "producers",
            NodeId::Exchange(_) => "exchanges",
            NodeId::Queue(_) => "queues",
            NodeId::Consumer(_) => "consumers",
        };
        if !titles.iter().any(|&(l, _)| l == n.layer) {
            titles.push((n.layer, title));
        }
    }
    titles
}

/// An edge's label cut to fit between two columns: a producer's list of keys as its first
/// key and how many more (the whole list is in the edge's tooltip and the inspector).
fn edge_label(label: &str) -> String {
    let mut keys = label.split(", ");
    let first = keys.next().unwrap_or_default();
    let more = keys.count();
    let first = clip(first, 14);
    if more > 0 {
        format!("{first} +{more}")
    } else {
        first
    }
}

/// A name cut to fit its box.
fn clip(name: &str, chars: usize) -> String {
    if name.chars().count() > chars {
        let mut short: String = name.chars().take(chars - 1).collect();
        short.push('…');
        short
    } else {
        name.to_string()
    }
}

/// The figures drawn inside a node whose box is at (`x`, `y`).
fn inside(f: &Figures, x: f64, y: f64) -> Html {
    let line = |dy: f64, text: String| {
        html! { <text class="node-detail" x={format!("{}", x + 10.0)} y={format!("{}", y + dy)}>{ text }</text> }
    };
    match *f {
        Figures::Producer { sent, rate } => html! {
            <>
                { line(38.0, if rate > 0.0 { format!("{rate} msg/s") } else { "one burst".into() }) }
                { line(56.0, format!("sent {sent}")) }
            </>
        },
        Figures::Exchange { kind, durable } => html! {
            <>
                { line(38.0, kind.to_string()) }
                { line(56.0, if durable { "durable".into() } else { "transient".into() }) }
            </>
        },
        Figures::Queue {
            ready,
            unacked,
            scale,
            durable: _,
        } => {
            let bar = |n: usize| (n as f64 / scale as f64).min(1.0) * BAR_W;
            html! {
                <>
                    <rect class="bar-track" x={format!("{}", x + 10.0)} y={format!("{}", y + 26.0)}
                        width={BAR_W.to_string()} height="8" rx="2" />
                    <rect class="bar ready" x={format!("{}", x + 10.0)} y={format!("{}", y + 26.0)}
                        width={format!("{:.1}", bar(ready))} height="8" rx="2" />
                    <rect class="bar-track" x={format!("{}", x + 10.0)} y={format!("{}", y + 38.0)}
                        width={BAR_W.to_string()} height="8" rx="2" />
                    <rect class="bar unacked" x={format!("{}", x + 10.0)} y={format!("{}", y + 38.0)}
                        width={format!("{:.1}", bar(unacked))} height="8" rx="2" />
                    <text class="node-detail" data-testid="rmq-queue-counts" x={format!("{}", x + 10.0)}
                        y={format!("{}", y + 62.0)}>
                        { format!("{ready} ready · {unacked} unacked") }
                    </text>
                </>
            }
        }
        Figures::Consumer {
            prefetch,
            unacked,
            connected,
            auto_ack,
        } => {
            if !connected {
                return line(44.0, "down (crashed)".into());
            }
            if auto_ack || prefetch == 0 {
                let what = if auto_ack {
                    "auto-ack"
                } else {
                    "no prefetch limit"
                };
                return line(44.0, format!("{what} · {unacked} unacked"));
            }
            let slots = prefetch.min(SLOTS_DRAWN);
            let size = ((NODE_W - 20.0) / f64::from(SLOTS_DRAWN)).min(14.0);
            html! {
                <>
                    { for (0..slots).map(|i| html! {
                        <rect class={classes!("slot", (usize::from(i) < unacked).then_some("full"))}
                            x={format!("{:.1}", x + 10.0 + f64::from(i) * size)} y={format!("{}", y + 28.0)}
                            width={format!("{:.1}", size - 2.0)} height="12" rx="2" />
                    }) }
                    { line(60.0, format!("{unacked} of prefetch {prefetch} unacked")) }
                </>
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curves_start_and_end_on_the_boxes() {
        let c = curve((0.0, 0.0), (COL_W, 0.0));
        assert_eq!(at(&c, 0.0), (NODE_W, NODE_H / 2.0));
        assert_eq!(at(&c, 1.0), (COL_W, NODE_H / 2.0));
        let back = curve((COL_W, 0.0), (0.0, 0.0));
        assert!(
            at(&back, 0.5).1 > NODE_H,
            "a backward edge runs under the boxes"
        );
    }

    #[test]
    fn long_names_are_clipped() {
        assert_eq!(clip("amq.gen-JzTY20BRgKO-HjmUJj0wLg", 10), "amq.gen-J…");
        assert_eq!(clip("hello", 10), "hello");
        assert_eq!(
            edge_label("kern.info, kern.critical, cron.info"),
            "kern.info +2"
        );
    }
}
