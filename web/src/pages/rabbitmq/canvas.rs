//! The topology canvas: the laid-out graph in hand-written SVG, with queue bars, consumer
//! prefetch windows and labelled bindings, and over it a 2D canvas where the page's frame
//! loop paints the messages travelling (see [`super::dots`]).
//!
//! Nodes can be dragged (or moved with the arrow keys): a moved node is pinned where it
//! was left, whatever the layout does as the topology changes, and its edges follow. Each
//! node and edge is its own component, so a redraw touches only what changed.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use scenario::rabbitmq_sim::Simulation;
use wasm_bindgen::JsCast;
use web_sys::{Element, PointerEvent};
use yew::prelude::*;

use super::topology::{EdgeKind, NodeId, ProgramChannels, Seen, Topology};

/// Width of a column and height of a row, in SVG user units.
const COL_W: f64 = 264.0;
const ROW_H: f64 = 92.0;
/// Size of a node's box.
pub const NODE_W: f64 = 156.0;
pub const NODE_H: f64 = 70.0;
/// Margin around the drawing; the top one leaves room for the column titles.
const PAD: f64 = 16.0;
const TOP: f64 = 40.0;
/// The most prefetch slots drawn; a larger window is drawn as this many, with its number.
const SLOTS_DRAWN: u16 = 10;
/// Length of a queue's bars.
const BAR_W: f64 = NODE_W - 20.0;
/// Pointer travel, in screen pixels, that turns a press on a node into a drag.
const DRAG_SLOP: f64 = 4.0;
/// How far an arrow key moves a focused node.
const NUDGE: f64 = 12.0;
/// Height of a line of an edge's label.
const LABEL_H: f64 = 13.0;

/// A point on the canvas, in SVG user units.
pub type Point = (f64, f64);

/// What the dot painter needs from the canvas: where each node's box is, the drawing's
/// size, and the theme's colours. The canvas rewrites it on every redraw.
#[derive(Debug, Default)]
pub struct Stage {
    /// Each node's top-left corner.
    pub corners: BTreeMap<NodeId, Point>,
    /// The drawing's width in SVG user units (its viewBox).
    pub width: f64,
    /// Colours read from the page's stylesheet.
    pub palette: Palette,
}

/// Colours of the dots, from the stylesheet's variables so the theme decides them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Palette {
    /// Lightness of a routing key's colour, in percent.
    pub light: f64,
    /// A lost message (dropped, expired, unroutable) and a returned one's ring.
    pub lost: String,
    /// A dead-lettered message's ring.
    pub dead: String,
    /// The ring around every dot, to lift it off the edges.
    pub ring: String,
}

/// State the canvas shares with the page, handed down once and kept for the canvas's life.
#[derive(Default)]
pub struct Shared<T>(pub Rc<RefCell<T>>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Rc::clone(&self.0))
    }
}

/// A handle is equal only to itself: what it holds changes without a redraw.
impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The stage shared between the canvas and the page's frame loop.
pub type SharedStage = Shared<Stage>;

/// Where dragged nodes were left, by node. The page keeps it across a change of seed:
/// the same names come back in the new world, and a learner's arrangement with them.
pub type Pinned = Shared<BTreeMap<NodeId, Point>>;

/// Where the layout puts each node's box: its top-left corner, by node index.
fn layout_corners(topology: &Topology) -> Vec<Point> {
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
/// goes forwards; out of the left side into the right side when it goes back (dead
/// letters, returns, a node dragged behind another), so it stays in the gap between the
/// columns; and under both boxes when they share a column.
pub fn curve(from: Point, to: Point) -> [Point; 4] {
    let middle = |corner: Point, side: f64| (corner.0 + side, corner.1 + NODE_H / 2.0);
    if to.0 >= from.0 + NODE_W {
        let (a, b) = (middle(from, NODE_W), middle(to, 0.0));
        let dx = (b.0 - a.0) / 2.0;
        [a, (a.0 + dx, a.1), (b.0 - dx, b.1), b]
    } else if to.0 + NODE_W <= from.0 {
        let (a, b) = (middle(from, 0.0), middle(to, NODE_W));
        let dx = (a.0 - b.0) / 2.0;
        [a, (a.0 - dx, a.1), (b.0 + dx, b.1), b]
    } else {
        let (a, b) = (
            (from.0 + NODE_W / 2.0, from.1 + NODE_H),
            (to.0 + NODE_W / 2.0, to.1 + NODE_H),
        );
        let low = a.1.max(b.1) + ROW_H * 0.6;
        [a, (a.0, low), (b.0, low), b]
    }
}

/// The point at `t` (0 to 1) along a cubic Bézier curve.
pub fn at(c: &[Point; 4], t: f64) -> Point {
    let u = 1.0 - t;
    let w = [u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t];
    (
        w[0] * c[0].0 + w[1] * c[1].0 + w[2] * c[2].0 + w[3] * c[3].0,
        w[0] * c[0].1 + w[1] * c[1].1 + w[2] * c[2].1 + w[3] * c[3].1,
    )
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
    pub topology: Rc<Topology>,
    /// Nodes' live figures, drawn inside their boxes, in the topology's node order.
    pub figures: Rc<[Figures]>,
    /// About one message in this many is drawn.
    pub sample_every: u64,
    /// The node the inspector shows.
    pub selected: Option<NodeId>,
    /// Selects a node for the inspector.
    pub on_select: Callback<NodeId>,
    /// Where the canvas tells the dot painter where things are.
    pub stage: SharedStage,
    /// Where dragged nodes were left.
    pub pinned: Pinned,
    /// The 2D canvas the dots are painted on.
    pub dots: NodeRef,
    /// On a narrow screen, shrink the drawing to the width instead of scrolling it.
    pub fit: bool,
}

/// What a node shows inside its box, read from the simulation.
#[derive(Debug, Clone, PartialEq)]
pub enum Figures {
    /// A program of the editor that published: how many messages.
    Program {
        /// Messages it published.
        sent: u64,
    },
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
    pub fn of(
        sim: &Simulation,
        seen: &Seen,
        programs: &ProgramChannels,
        topology: &Topology,
    ) -> Vec<Figures> {
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
                NodeId::Producer(name) if !sim.producers().contains_key(name) => Figures::Program {
                    sent: seen.program_sent.get(name).copied().unwrap_or(0),
                },
                NodeId::Consumer(name) if !sim.consumers().contains_key(name) => {
                    // A program's consumer: the first of its open channels that consumes.
                    let consumer = programs
                        .iter()
                        .filter(|(_, label)| ***label == **name)
                        .filter_map(|(id, _)| broker.channels().get(id))
                        .find_map(|ch| Some((ch, ch.consumers.values().next()?)));
                    Figures::Consumer {
                        prefetch: consumer.map_or(0, |(_, c)| c.prefetch),
                        unacked: consumer.map_or(0, |(ch, _)| ch.unacked.len()),
                        connected: consumer.is_some(),
                        auto_ack: consumer.is_some_and(|(_, c)| c.no_ack),
                    }
                }
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

    /// Whether the node is gone after a broker restart (exchanges and queues only).
    fn transient(&self) -> bool {
        matches!(
            self,
            Figures::Exchange { durable: false, .. } | Figures::Queue { durable: false, .. }
        )
    }
}

/// Which nodes' figures a redraw brings up to date.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Refresh {
    /// Every node's.
    All,
    /// Only those whose box meets this part of the drawing (left, top, right, bottom, in
    /// SVG user units); none when the drawing is out of sight. While the clock runs, the
    /// views are redrawn five times a second, and redrawing the figures of a few hundred
    /// nodes nobody can see cost more than the rest of the frame.
    InSight(Option<[f64; 4]>),
}

/// The figures each node shows, kept between redraws for [`Refresh::InSight`].
#[derive(Debug, Default)]
pub struct ShownFigures(HashMap<NodeId, Figures>);

impl ShownFigures {
    /// What each node of `topology` shows now: its `fresh` figures (in the topology's node
    /// order) if `refresh` covers its box at `corners`, or what it showed before.
    pub fn refresh(
        &mut self,
        topology: &Topology,
        fresh: Vec<Figures>,
        corners: &BTreeMap<NodeId, Point>,
        refresh: Refresh,
    ) -> Vec<Figures> {
        let shown: Vec<Figures> = topology
            .nodes
            .iter()
            .zip(fresh)
            .map(|(node, fresh)| {
                let covered = match refresh {
                    Refresh::All => true,
                    Refresh::InSight(sight) => corners
                        .get(&node.id)
                        .is_none_or(|&corner| sight.is_some_and(|s| meets(corner, s))),
                };
                match self.0.get(&node.id) {
                    Some(before) if !covered => before.clone(),
                    _ => fresh,
                }
            })
            .collect();
        self.0 = topology
            .nodes
            .iter()
            .map(|n| n.id.clone())
            .zip(shown.iter().cloned())
            .collect();
        shown
    }
}

/// Whether the box at `corner` meets the rectangle `area` (left, top, right, bottom).
fn meets(corner: Point, area: [f64; 4]) -> bool {
    corner.0 < area[2]
        && corner.0 + NODE_W > area[0]
        && corner.1 < area[3]
        && corner.1 + NODE_H > area[1]
}

/// A node being dragged.
struct Drag {
    id: NodeId,
    pointer: i32,
    /// Where the pointer went down, in screen pixels.
    from_screen: Point,
    /// Where the node's box was then.
    from_corner: Point,
    /// SVG units per screen pixel.
    scale: f64,
    /// Whether it has moved beyond a click's wobble.
    moved: bool,
}

/// The canvas. See the module documentation.
#[component]
pub fn TopologyCanvas(props: &TopologyCanvasProps) -> Html {
    let pinned = &props.pinned.0;
    let drag = use_mut_ref(|| None::<Drag>);
    let redraw = use_force_update();
    let svg_ref = use_node_ref();
    let frame_ref = use_node_ref();

    let t = &props.topology;
    let layout_width = (PAD * 2.0 + t.layers.max(1) as f64 * COL_W - (COL_W - NODE_W)).max(400.0);
    let layout_height = TOP + t.tallest.max(1) as f64 * ROW_H + PAD + ROW_H * 0.4;
    let corners: Vec<Point> = {
        let pinned = pinned.borrow();
        layout_corners(t)
            .into_iter()
            .zip(&t.nodes)
            .map(|(c, n)| pinned.get(&n.id).copied().unwrap_or(c))
            .collect()
    };
    // A node dragged below the rest makes room for itself.
    let height = corners
        .iter()
        .map(|c| c.1 + NODE_H + PAD + ROW_H * 0.4)
        .fold(layout_height, f64::max);
    let width = layout_width;
    {
        let mut stage = props.stage.0.borrow_mut();
        stage.corners = t
            .nodes
            .iter()
            .zip(&corners)
            .map(|(n, &c)| (n.id.clone(), c))
            .collect();
        stage.width = width;
    }
    // The dots' colours follow the theme's variables.
    {
        let (stage, frame_ref) = (props.stage.clone(), frame_ref.clone());
        use_effect(move || {
            if let Some(palette) = frame_ref.cast::<Element>().and_then(|e| palette_of(&e)) {
                stage.0.borrow_mut().palette = palette;
            }
        });
    }

    let on_grab = {
        let (drag, svg_ref, stage) = (drag.clone(), svg_ref.clone(), props.stage.clone());
        use_callback(
            (),
            move |(id, corner, e): (NodeId, Point, PointerEvent), ()| {
                if e.button() != 0 {
                    return;
                }
                let shown = svg_ref
                    .cast::<Element>()
                    .map_or(0.0, |svg| svg.get_bounding_client_rect().width());
                if shown <= 0.0 {
                    return;
                }
                if let Some(target) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) {
                    let _ = target.set_pointer_capture(e.pointer_id());
                }
                *drag.borrow_mut() = Some(Drag {
                    id,
                    pointer: e.pointer_id(),
                    from_screen: (f64::from(e.client_x()), f64::from(e.client_y())),
                    from_corner: corner,
                    scale: stage.0.borrow().width / shown,
                    moved: false,
                });
            },
        )
    };
    let on_drag = {
        let (drag, pinned, redraw) = (drag.clone(), pinned.clone(), redraw.clone());
        use_callback((width, height), move |e: PointerEvent, &(width, height)| {
            let mut drag = drag.borrow_mut();
            let Some(d) = drag.as_mut().filter(|d| d.pointer == e.pointer_id()) else {
                return;
            };
            let dx = f64::from(e.client_x()) - d.from_screen.0;
            let dy = f64::from(e.client_y()) - d.from_screen.1;
            d.moved |= dx.abs() + dy.abs() > DRAG_SLOP;
            if d.moved {
                e.prevent_default();
                let to = (
                    d.from_corner.0 + dx * d.scale,
                    d.from_corner.1 + dy * d.scale,
                );
                pinned
                    .borrow_mut()
                    .insert(d.id.clone(), keep_inside(to, width, height));
                redraw.force_update();
            }
        })
    };
    let on_drop = {
        let drag = drag.clone();
        use_callback(
            props.on_select.clone(),
            move |e: PointerEvent, on_select| {
                let dropped = drag.borrow_mut().take();
                if let Some(d) = dropped.filter(|d| d.pointer == e.pointer_id())
                    && !d.moved
                    && e.type_() == "pointerup"
                {
                    on_select.emit(d.id);
                }
            },
        )
    };
    let on_key = {
        let (pinned, redraw) = (pinned.clone(), redraw.clone());
        use_callback(
            (props.on_select.clone(), width, height),
            move |(id, corner, e): (NodeId, Point, KeyboardEvent), (on_select, width, height)| {
                let step = match e.key().as_str() {
                    "Enter" | " " => {
                        e.prevent_default();
                        on_select.emit(id);
                        return;
                    }
                    "ArrowLeft" => (-NUDGE, 0.0),
                    "ArrowRight" => (NUDGE, 0.0),
                    "ArrowUp" => (0.0, -NUDGE),
                    "ArrowDown" => (0.0, NUDGE),
                    _ => return,
                };
                e.prevent_default();
                let to = (corner.0 + step.0, corner.1 + step.1);
                pinned
                    .borrow_mut()
                    .insert(id, keep_inside(to, *width, *height + NUDGE));
                redraw.force_update();
            },
        )
    };
    let put_back = {
        let (pinned, redraw) = (pinned.clone(), redraw.clone());
        Callback::from(move |_: MouseEvent| {
            pinned.borrow_mut().clear();
            redraw.force_update();
        })
    };
    let any_pinned = !pinned.borrow().is_empty();

    let dragging = drag
        .borrow()
        .as_ref()
        .filter(|d| d.moved)
        .map(|d| d.id.clone());

    let places = label_places(t);
    let edges = t.edges.iter().zip(places).map(|(e, place)| {
        let (from, to) = (&t.nodes[e.from].id, &t.nodes[e.to].id);
        html! {
            <EdgeView key={format!("{from:?}>{to:?}>{}", e.label)} kind={e.kind} {place}
                from={AttrValue::from(from.label().to_string())} to={AttrValue::from(to.label().to_string())}
                label={AttrValue::from(e.label.clone())} curve={curve(corners[e.from], corners[e.to])} />
        }
    });
    let nodes = t.nodes.iter().enumerate().map(|(i, n)| {
        html! {
            <NodeView key={format!("{:?}", n.id)} id={n.id.clone()} corner={corners[i]}
                figures={props.figures.get(i).cloned()}
                selected={props.selected.as_ref() == Some(&n.id)}
                dragging={dragging.as_ref() == Some(&n.id)}
                on_grab={on_grab.clone()} on_drag={on_drag.clone()} on_drop={on_drop.clone()}
                on_key={on_key.clone()} />
        }
    });
    let titles = column_titles(t);

    html! {
        <div class={classes!("canvas-frame", props.fit.then_some("fit"))} ref={frame_ref}
            style={format!("--canvas-min-width: {:.0}px; --canvas-max-width: {:.0}px", width * 0.85, width * 1.15)}>
            // In HTML rather than in the drawing, so it wraps to a phone's width.
            if t.nodes.is_empty() {
                <p class="topology-empty">
                    { "Nothing declared yet: pick an example, or add a producer and a consumer with the forms." }
                </p>
            }
            <svg class="topology" data-testid="rmq-canvas" ref={svg_ref}
                viewBox={format!("0 0 {width:.0} {height:.0}")}
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
                <g class="edges">{ for edges }</g>
                <g class="nodes">{ for nodes }</g>
            </svg>
            <canvas class="dots" data-testid="rmq-dots" ref={props.dots.clone()} aria-hidden="true"></canvas>
            // Kept in the part of the drawing in sight by the dot painter, which places it.
            <p class="sampled-note" data-testid="rmq-sampled" hidden={props.sample_every <= 1}>
                { format!("more than the canvas can follow: drawing about 1 in {} messages", props.sample_every) }
            </p>
            if any_pinned {
                <button type="button" class="put-back" onclick={put_back} data-testid="rmq-put-back"
                    title="Forget where nodes were dragged and lay the graph out again">
                    { "Tidy layout" }
                </button>
            }
        </div>
    }
}

/// Keeps a dragged box on the drawing, allowing it one row below the rest.
fn keep_inside(corner: Point, width: f64, height: f64) -> Point {
    (
        corner.0.clamp(0.0, (width - NODE_W).max(0.0)),
        corner.1.clamp(TOP - 12.0, height - NODE_H - PAD),
    )
}

/// The dots' colours, from the stylesheet's variables on `element`.
fn palette_of(element: &Element) -> Option<Palette> {
    let style = web_sys::window()?.get_computed_style(element).ok()??;
    let var = |name: &str| {
        style
            .get_property_value(name)
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    Some(Palette {
        light: var("--rmq-dot-light")
            .trim_end_matches('%')
            .parse()
            .unwrap_or(50.0),
        lost: var("--rmq-lost"),
        dead: var("--rmq-dead"),
        ring: var("--surface"),
    })
}

/// Where an edge's label sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LabelPlace {
    /// Halfway along.
    Middle,
    /// Just before the arrow, the `n`th of the labels stacked there. Where an exchange fans
    /// out to many queues, halfway along its edges are bunched together; near their ends
    /// they are a row apart.
    NearTarget(usize),
    /// Just after the start, the `n`th stacked there: many producers publishing to one
    /// exchange.
    NearSource(usize),
}

/// Where each edge's label sits, in the topology's edge order: at the end where the edge
/// is apart from the others.
fn label_places(t: &Topology) -> Vec<LabelPlace> {
    let labelled = |e: &&super::topology::Edge| e.kind != EdgeKind::Consume;
    let (mut out, mut into) = (vec![0_usize; t.nodes.len()], vec![0_usize; t.nodes.len()]);
    for e in t.edges.iter().filter(labelled) {
        out[e.from] += 1;
        into[e.to] += 1;
    }
    let (mut at_target, mut at_source) = (vec![0; t.nodes.len()], vec![0; t.nodes.len()]);
    let next = |stack: &mut Vec<usize>, node: usize| {
        stack[node] += 1;
        stack[node] - 1
    };
    t.edges
        .iter()
        .map(|e| {
            if !labelled(&e) {
                LabelPlace::Middle
            } else if out[e.from] > 1 && out[e.from] >= into[e.to] {
                LabelPlace::NearTarget(next(&mut at_target, e.to))
            } else if into[e.to] > 1 {
                LabelPlace::NearSource(next(&mut at_source, e.from))
            } else {
                LabelPlace::Middle
            }
        })
        .collect()
}

/// Properties of [`EdgeView`].
#[derive(Properties, PartialEq)]
struct EdgeViewProps {
    kind: EdgeKind,
    /// Where its label sits.
    place: LabelPlace,
    /// The names of its ends, for tests and tooltips.
    from: AttrValue,
    to: AttrValue,
    /// The routing or binding key(s), or what the edge is for.
    label: AttrValue,
    curve: [Point; 4],
}

/// One edge with its label.
#[component]
fn EdgeView(props: &EdgeViewProps) -> Html {
    let c = &props.curve;
    // Only an edge drawn forwards, out of a box's right side into the next one's left,
    // has its ends apart from the boxes' other edges.
    let forwards = c[3].0 > c[0].0;
    // A label near one end goes on the side of the line away from the other end, where
    // the curve does not bend through it; more labels at that end stack outwards.
    let beside = |y: f64, other_end: f64, n: usize| {
        let away = 5.0 + LABEL_H * n as f64;
        if other_end < y - 1.0 {
            y + away + LABEL_H - 4.0
        } else {
            y - away
        }
    };
    let (lx, ly, anchor) = match props.place {
        LabelPlace::NearTarget(n) if forwards => (c[3].0 - 12.0, beside(c[3].1, c[0].1, n), "end"),
        LabelPlace::NearSource(n) if forwards => (c[0].0 + 6.0, beside(c[0].1, c[3].1, n), "start"),
        _ => {
            let (x, y) = at(c, 0.5);
            (x, y - 4.0, "middle")
        }
    };
    let kind = match props.kind {
        EdgeKind::Publish => "publish",
        EdgeKind::Binding => "binding",
        EdgeKind::Alternate => "alternate",
        EdgeKind::DeadLetter => "dead-letter",
        EdgeKind::Consume => "consume",
    };
    let label = match props.kind {
        EdgeKind::Consume => String::new(),
        _ => edge_label(&props.label),
    };
    html! {
        <g class={classes!("edge", kind)} data-testid="rmq-edge"
            data-from={props.from.clone()} data-to={props.to.clone()} data-key={props.label.clone()}>
            <path d={path(&props.curve)} marker-end="url(#rmq-arrow)" />
            <title>{ props.label.clone() }</title>
            if !label.is_empty() {
                <text class="edge-label" x={format!("{lx:.1}")} y={format!("{ly:.1}")}
                    text-anchor={anchor}>{ label }</text>
            }
        </g>
    }
}

/// Properties of [`NodeView`].
#[derive(Properties, PartialEq)]
struct NodeViewProps {
    id: NodeId,
    /// Its box's top-left corner.
    corner: Point,
    figures: Option<Figures>,
    selected: bool,
    dragging: bool,
    /// A pointer went down on it.
    on_grab: Callback<(NodeId, Point, PointerEvent)>,
    /// The pointer moved.
    on_drag: Callback<PointerEvent>,
    /// The pointer went up or was cancelled.
    on_drop: Callback<PointerEvent>,
    /// A key was pressed while it had the focus.
    on_key: Callback<(NodeId, Point, KeyboardEvent)>,
}

/// One node: its box, name and figures.
#[component]
fn NodeView(props: &NodeViewProps) -> Html {
    let (x, y) = props.corner;
    let id = &props.id;
    let onpointerdown = {
        let (on_grab, id, corner) = (props.on_grab.clone(), id.clone(), props.corner);
        Callback::from(move |e: PointerEvent| on_grab.emit((id.clone(), corner, e)))
    };
    let onkeydown = {
        let (on_key, id, corner) = (props.on_key.clone(), id.clone(), props.corner);
        Callback::from(move |e: KeyboardEvent| on_key.emit((id.clone(), corner, e)))
    };
    let transient = props.figures.as_ref().is_some_and(Figures::transient);
    html! {
        <g class={classes!("node", id.kind(), props.selected.then_some("selected"),
                transient.then_some("transient"), props.dragging.then_some("dragging"))}
            data-testid="rmq-node" data-kind={id.kind()} data-name={id.label().to_string()}
            data-x={format!("{x:.0}")} data-y={format!("{y:.0}")}
            role="button" tabindex="0" aria-pressed={props.selected.to_string()}
            aria-label={format!("{} {}", id.kind(), id.label())}
            aria-description="Enter inspects it; drag it, or move it with the arrow keys"
            {onpointerdown} onpointermove={props.on_drag.clone()} onpointerup={props.on_drop.clone()}
            onpointercancel={props.on_drop.clone()} {onkeydown}>
            <rect class="box" x={format!("{x:.1}")} y={format!("{y:.1}")}
                width={NODE_W.to_string()} height={NODE_H.to_string()} rx="8" />
            <text class="node-name" x={format!("{:.1}", x + 10.0)} y={format!("{:.1}", y + 18.0)}>
                { clip(id.label(), 20) }</text>
            { props.figures.as_ref().map(|f| inside(f, x, y)).unwrap_or_default() }
        </g>
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
    let first = clip(first, 13);
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
        html! { <text class="node-detail" x={format!("{:.1}", x + 10.0)} y={format!("{:.1}", y + dy)}>{ text }</text> }
    };
    match *f {
        Figures::Program { sent } => html! {
            <>
                { line(38.0, "python3 program".into()) }
                { line(56.0, format!("sent {sent}")) }
            </>
        },
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
            let left = format!("{:.1}", x + 10.0);
            html! {
                <>
                    <rect class="bar-track" x={left.clone()} y={format!("{:.1}", y + 26.0)}
                        width={BAR_W.to_string()} height="8" rx="2" />
                    <rect class="bar ready" x={left.clone()} y={format!("{:.1}", y + 26.0)}
                        width={format!("{:.1}", bar(ready))} height="8" rx="2" />
                    <rect class="bar-track" x={left.clone()} y={format!("{:.1}", y + 38.0)}
                        width={BAR_W.to_string()} height="8" rx="2" />
                    <rect class="bar unacked" x={left.clone()} y={format!("{:.1}", y + 38.0)}
                        width={format!("{:.1}", bar(unacked))} height="8" rx="2" />
                    <text class="node-detail" data-testid="rmq-queue-counts" x={left}
                        y={format!("{:.1}", y + 62.0)}>
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
                return line(44.0, "down (no channel)".into());
            }
            if auto_ack || prefetch == 0 {
                let what = if auto_ack {
                    "auto-ack"
                } else {
                    "no prefetch limit"
                };
                return html! {
                    <>
                        { line(38.0, what.to_string()) }
                        { line(56.0, format!("{unacked} unacked")) }
                    </>
                };
            }
            let slots = prefetch.min(SLOTS_DRAWN);
            let size = ((NODE_W - 20.0) / f64::from(SLOTS_DRAWN)).min(14.0);
            html! {
                <>
                    { for (0..slots).map(|i| html! {
                        <rect class={classes!("slot", (usize::from(i) < unacked).then_some("full"))}
                            x={format!("{:.1}", x + 10.0 + f64::from(i) * size)} y={format!("{:.1}", y + 28.0)}
                            width={format!("{:.1}", size - 2.0)} height="12" rx="2" />
                    }) }
                    // Short enough for the box: the slots above are the prefetch window.
                    { line(60.0, format!("in flight {unacked} of {prefetch}")) }
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
        let back = curve((COL_W, 0.0), (0.0, ROW_H));
        assert_eq!(
            at(&back, 0.0),
            (COL_W, NODE_H / 2.0),
            "it leaves by the left"
        );
        assert_eq!(
            at(&back, 1.0),
            (NODE_W, ROW_H + NODE_H / 2.0),
            "into the right"
        );
        let mid = at(&back, 0.5).0;
        assert!(
            NODE_W < mid && mid < COL_W,
            "a backward edge stays between the columns"
        );
        let same_column = curve((0.0, 0.0), (0.0, ROW_H));
        assert!(
            at(&same_column, 0.5).1 > ROW_H + NODE_H,
            "within a column it runs under the boxes"
        );
    }

    #[test]
    fn a_dragged_box_stays_on_the_drawing() {
        assert_eq!(keep_inside((-50.0, -50.0), 800.0, 400.0), (0.0, TOP - 12.0));
        assert_eq!(
            keep_inside((900.0, 900.0), 800.0, 400.0),
            (800.0 - NODE_W, 400.0 - NODE_H - PAD)
        );
        assert_eq!(keep_inside((100.0, 100.0), 800.0, 400.0), (100.0, 100.0));
    }

    #[test]
    fn a_redraw_in_sight_keeps_the_figures_of_nodes_out_of_sight() {
        let node = |name: &str, row| super::super::topology::Node {
            id: NodeId::Queue(name.into()),
            layer: 0,
            row,
        };
        let topology = Topology {
            nodes: vec![node("seen", 0), node("hidden", 1)],
            ..Topology::default()
        };
        let figures = |ready| Figures::Queue {
            ready,
            unacked: 0,
            scale: 16,
            durable: true,
        };
        let corners: BTreeMap<NodeId, Point> = [
            (NodeId::Queue("seen".into()), (0.0, 0.0)),
            (NodeId::Queue("hidden".into()), (0.0, 1000.0)),
        ]
        .into();
        let mut shown = ShownFigures::default();
        let all = shown.refresh(
            &topology,
            vec![figures(1), figures(1)],
            &corners,
            Refresh::All,
        );
        assert_eq!(all, [figures(1), figures(1)]);
        let sight = Refresh::InSight(Some([0.0, 0.0, 800.0, 500.0]));
        let part = shown.refresh(&topology, vec![figures(2), figures(2)], &corners, sight);
        assert_eq!(
            part,
            [figures(2), figures(1)],
            "only the node in sight is redrawn"
        );
        let none = shown.refresh(
            &topology,
            vec![figures(3), figures(3)],
            &corners,
            Refresh::InSight(None),
        );
        assert_eq!(
            none,
            [figures(2), figures(1)],
            "the drawing is out of sight"
        );
        let late = Topology {
            nodes: vec![node("new", 0)],
            ..Topology::default()
        };
        let fresh = shown.refresh(&late, vec![figures(4)], &corners, Refresh::InSight(None));
        assert_eq!(
            fresh,
            [figures(4)],
            "a node never drawn shows its figures at once"
        );
    }

    #[test]
    fn labels_sit_where_their_edges_are_apart() {
        use super::super::topology::{Edge, Node};
        // p1, p2 publish to x (2), which binds q1, q2, q3 (3, 4, 5); c1 (6) consumes q1.
        let nodes = [
            NodeId::Producer("p1".into()),
            NodeId::Producer("p2".into()),
            NodeId::Exchange("x".into()),
            NodeId::Queue("q1".into()),
            NodeId::Queue("q2".into()),
            NodeId::Queue("q3".into()),
            NodeId::Consumer("c1".into()),
        ];
        let edge = |from, to, kind| Edge {
            from,
            to,
            label: "k".into(),
            kind,
        };
        let topology = Topology {
            nodes: nodes
                .into_iter()
                .map(|id| Node {
                    id,
                    layer: 0,
                    row: 0,
                })
                .collect(),
            edges: vec![
                edge(0, 2, EdgeKind::Publish),
                edge(1, 2, EdgeKind::Publish),
                edge(2, 3, EdgeKind::Binding),
                edge(2, 4, EdgeKind::Binding),
                edge(2, 5, EdgeKind::Binding),
                edge(3, 6, EdgeKind::Consume),
            ],
            ..Topology::default()
        };
        let places = label_places(&topology);
        assert_eq!(
            places[0],
            LabelPlace::NearSource(0),
            "p1 -> x, one of two publishers"
        );
        assert_eq!(places[1], LabelPlace::NearSource(0), "p2 -> x");
        assert_eq!(
            places[2],
            LabelPlace::NearTarget(0),
            "x -> q1, one of three bindings"
        );
        assert_eq!(places[4], LabelPlace::NearTarget(0), "x -> q3");
        assert_eq!(
            places[5],
            LabelPlace::Middle,
            "the subscription has no label"
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
