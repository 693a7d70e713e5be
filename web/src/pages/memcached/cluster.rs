//! The cluster view: memcached servers never talk to each other, the client picks the
//! server for each key. This view shows how three clients pick: python-memcached's
//! weighted bucket list (the lesson's scheme), libketama's ring and pymemcache's
//! rendezvous scores; and, when a server is added, removed, reweighted or goes down, the
//! share of keys each of them sends somewhere else.

use std::rc::Rc;

use scenario::SharedServer;
use scenario::memcached_sim::cluster::python_memcached::Buckets;
use scenario::memcached_sim::cluster::{Cluster, Distribution, Node, ketama, rendezvous};
use yew::prelude::*;

use super::xorshift;
use crate::components::chart::{LineChart, Series};

/// The lesson's cluster: `memcache.Client([('1.1.1.1:12000', 1), ('1.1.1.2:12000', 2),
/// ('1.1.1.3:12000', 1)])`.
const LESSON_SERVERS: [(&str, u32); 3] = [
    ("1.1.1.1:12000", 1),
    ("1.1.1.2:12000", 2),
    ("1.1.1.3:12000", 1),
];

/// Keys shown when the store is empty: the lesson's.
const LESSON_KEYS: [&str; 4] = ["k1", "foo", "counter", "product_count"];

/// How many of the store's keys the tables show.
const KEYS_SHOWN: usize = 12;

/// How many keys the moved share is measured over, as in the figures.
const SAMPLE_KEYS: usize = 10_000;

/// The most servers the view lets the learner add (one colour each).
const MAX_SERVERS: usize = 6;

/// The heaviest weight offered.
const MAX_WEIGHT: u32 = 5;

/// The three clients compared, with their names.
const CLIENTS: [(Distribution, &str); 3] = [
    (Distribution::PythonMemcached, "python-memcached"),
    (Distribution::Ketama, "ketama"),
    (Distribution::Rendezvous, "rendezvous"),
];

/// One server in the client's list.
#[derive(Clone, Debug, PartialEq)]
struct ServerEntry {
    node: Node,
    alive: bool,
}

/// A hit-rate curve: seconds after a change against the percentage of gets that hit.
type HitRates = Rc<[(f64, f64)]>;

/// What a topology change did, per client: the share of keys sent to another server, and
/// the hit rate of a simulated read load in the seconds after it.
#[derive(Clone, Debug, PartialEq)]
struct MoveReport {
    change: String,
    shares: [f64; 3],
    hit_rates: [HitRates; 3],
}

/// The cluster view's state: the server list, the client shown, and the last change.
#[derive(Clone, Debug, PartialEq)]
struct ClusterState {
    servers: Vec<ServerEntry>,
    shown: Distribution,
    next_host: u32,
    last_move: Option<MoveReport>,
}

/// What the learner does to the cluster.
enum ClusterAction {
    Show(Distribution),
    Add,
    Remove(usize),
    Weight(usize, i32),
    ToggleDown(usize),
}

impl Default for ClusterState {
    fn default() -> Self {
        ClusterState {
            servers: LESSON_SERVERS
                .iter()
                .map(|&(address, weight)| ServerEntry {
                    node: Node::new(address, weight),
                    alive: true,
                })
                .collect(),
            shown: Distribution::PythonMemcached,
            next_host: LESSON_SERVERS.len() as u32 + 1,
            last_move: None,
        }
    }
}

/// A client configured with a server list: where it sends each key. python-memcached
/// keeps dead servers in its buckets and rehashes past them; ketama and rendezvous
/// clients leave dead servers out.
struct Client {
    cluster: Cluster,
    alive: Vec<bool>,
}

impl Client {
    fn new(distribution: Distribution, servers: &[ServerEntry]) -> Self {
        let listed: Vec<&ServerEntry> = servers
            .iter()
            .filter(|s| distribution == Distribution::PythonMemcached || s.alive)
            .collect();
        Client {
            cluster: Cluster::new(
                distribution,
                listed.iter().map(|s| s.node.clone()).collect(),
            ),
            alive: listed.iter().map(|s| s.alive).collect(),
        }
    }

    /// The address `key` is sent to, if any server is up.
    fn address(&self, key: &str) -> Option<&str> {
        let i = self.cluster.place(key, |i| self.alive[i])?;
        Some(self.cluster.nodes()[i].address.as_str())
    }
}

/// Gets per second of the simulated read load after a change.
const READS_PER_SECOND: usize = 1000;

/// How long the simulated read load runs after a change, in seconds.
const SIMULATED_SECONDS: u32 = 60;

/// The hit rate, second by second, of cache-aside reads after a change: before it every
/// key was cached where the client looked; a key that moved misses once on its new
/// server, and the client sets it there. `moved[k]` says whether key `k` moved.
fn hit_rates(moved: &[bool]) -> HitRates {
    let mut cached: Vec<bool> = moved.iter().map(|m| !m).collect();
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    let before = std::iter::once((-5.0, 100.0));
    let after = (0..SIMULATED_SECONDS).map(|second| {
        let mut hits = 0;
        for _ in 0..READS_PER_SECOND {
            let key = (xorshift(&mut seed) % moved.len().max(1) as u64) as usize;
            if cached[key] {
                hits += 1;
            } else {
                cached[key] = true;
            }
        }
        (
            f64::from(second),
            hits as f64 * 100.0 / READS_PER_SECOND as f64,
        )
    });
    before.chain(after).collect()
}

/// For each client, the share of `SAMPLE_KEYS` keys sent elsewhere after a change and
/// the hit rate that follows.
fn after_change(before: &[ServerEntry], after: &[ServerEntry]) -> ([f64; 3], [HitRates; 3]) {
    let keys: Vec<String> = (0..SAMPLE_KEYS).map(|i| format!("key{i}")).collect();
    let outcomes = CLIENTS.map(|(distribution, _)| {
        let (old, new) = (
            Client::new(distribution, before),
            Client::new(distribution, after),
        );
        let moved: Vec<bool> = keys
            .iter()
            .map(|k| old.address(k) != new.address(k))
            .collect();
        let share = moved.iter().filter(|&&m| m).count() as f64 / SAMPLE_KEYS as f64;
        (share, hit_rates(&moved))
    });
    (
        outcomes.clone().map(|(share, _)| share),
        outcomes.map(|(_, rates)| rates),
    )
}

impl Reducible for ClusterState {
    type Action = ClusterAction;

    fn reduce(self: Rc<Self>, action: ClusterAction) -> Rc<Self> {
        let mut next = ClusterState::clone(&self);
        let name = |i: usize| {
            self.servers
                .get(i)
                .map(|s| s.node.address.clone())
                .unwrap_or_default()
        };
        let change = match action {
            ClusterAction::Show(distribution) => {
                next.shown = distribution;
                None
            }
            ClusterAction::Add if next.servers.len() < MAX_SERVERS => {
                let address = format!("1.1.1.{}:12000", next.next_host);
                next.next_host += 1;
                next.servers.push(ServerEntry {
                    node: Node::new(address.clone(), 1),
                    alive: true,
                });
                Some(format!("added {address}"))
            }
            ClusterAction::Remove(i) if i < next.servers.len() && next.servers.len() > 1 => {
                next.servers.remove(i);
                Some(format!("removed {}", name(i)))
            }
            ClusterAction::Weight(i, delta) => next.servers.get_mut(i).and_then(|s| {
                let weight = s
                    .node
                    .weight
                    .saturating_add_signed(delta)
                    .clamp(1, MAX_WEIGHT);
                (weight != s.node.weight).then(|| {
                    s.node.weight = weight;
                    format!("{} now has weight {weight}", name(i))
                })
            }),
            ClusterAction::ToggleDown(i) => next.servers.get_mut(i).map(|s| {
                s.alive = !s.alive;
                format!(
                    "{} is {}",
                    name(i),
                    if s.alive { "back up" } else { "down" }
                )
            }),
            _ => None,
        };
        if let Some(change) = change {
            let (shares, hit_rates) = after_change(&self.servers, &next.servers);
            next.last_move = Some(MoveReport {
                shares,
                hit_rates,
                change,
            });
        }
        Rc::new(next)
    }
}

/// Properties of [`ClusterView`].
#[derive(Properties, PartialEq)]
pub struct ClusterViewProps {
    /// The console's server, whose keys are placed.
    pub server: SharedServer,
    /// The server's exchange count, so the keys shown follow the store.
    pub version: u64,
}

/// The server list, the chosen client's placement, and the last change's moved shares.
#[component]
pub fn ClusterView(props: &ClusterViewProps) -> Html {
    let state = use_reducer(ClusterState::default);
    let stored: Vec<String> = props
        .server
        .server()
        .items()
        .iter()
        .take(KEYS_SHOWN)
        .map(|item| String::from_utf8_lossy(&item.key).into_owned())
        .collect();
    let from_store = !stored.is_empty();
    let keys: Vec<String> = if from_store {
        stored
    } else {
        LESSON_KEYS.iter().map(|k| (*k).to_owned()).collect()
    };
    let dispatch = |action: fn(usize) -> ClusterAction, i: usize| {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(action(i)))
    };
    let on_add = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(ClusterAction::Add))
    };
    let colour = |address: &str| {
        let i = state.servers.iter().position(|s| s.node.address == address);
        i.map_or("node-none".to_owned(), |i| format!("node-{i}"))
    };
    let client = Client::new(state.shown, &state.servers);

    html! {
        <section class="mc-panel cluster-panel" data-panel="cluster" aria-labelledby="mc-cluster-title" data-testid="mc-cluster">
            <h2 id="mc-cluster-title">{ "Cluster: the client picks the server" }</h2>
            <p class="panel-note">
                { "memcached servers do not know about each other. The client hashes each key and \
                   picks a server; the lesson's " }<code>{"memcache.Client"}</code>
                { " repeats each server by its weight in a bucket list." }
            </p>
            <ul class="cluster-servers" role="list" data-testid="mc-servers">
                { for state.servers.iter().enumerate().map(|(i, s)| html! {
                    <li class={classes!("cluster-server", format!("node-{i}"), (!s.alive).then_some("down"))}
                        data-testid="mc-server">
                        <span class="swatch" aria-hidden="true"></span>
                        <code class="address">{ &s.node.address }</code>
                        <span class="weight">
                            <button type="button" onclick={dispatch(|i| ClusterAction::Weight(i, -1), i)}
                                aria-label={format!("Lower the weight of {}", s.node.address)}
                                disabled={s.node.weight <= 1}>{"−"}</button>
                            <span data-testid="mc-weight">{ format!("weight {}", s.node.weight) }</span>
                            <button type="button" onclick={dispatch(|i| ClusterAction::Weight(i, 1), i)}
                                aria-label={format!("Raise the weight of {}", s.node.address)}
                                disabled={s.node.weight >= MAX_WEIGHT}>{"+"}</button>
                        </span>
                        <button type="button" onclick={dispatch(ClusterAction::ToggleDown, i)}
                            aria-pressed={(!s.alive).to_string()} data-testid="mc-server-down"
                            aria-label={format!("Mark {} {}", s.node.address, if s.alive { "down" } else { "up" })}>
                            { if s.alive { "mark down" } else { "down: bring up" } }</button>
                        <button type="button" onclick={dispatch(ClusterAction::Remove, i)}
                            disabled={state.servers.len() <= 1} data-testid="mc-server-remove"
                            aria-label={format!("Remove {}", s.node.address)}>{"remove"}</button>
                    </li>
                }) }
            </ul>
            <button type="button" class="add-server" onclick={on_add} data-testid="mc-server-add"
                disabled={state.servers.len() >= MAX_SERVERS} aria-label="Add a server">{ "+ add server" }</button>
            if let Some(report) = &state.last_move {
                <div class="moved" data-testid="mc-moved" aria-live="polite">
                    <p>{ format!("After that change ({}), of {SAMPLE_KEYS} keys:", report.change) }</p>
                    <ul role="list">
                        { for CLIENTS.iter().zip(report.shares).map(|(&(_, name), share)| html! {
                            <li>
                                <span class="moved-name">{ name }</span>
                                <span class="moved-bar"><span style={format!("width:{:.1}%", share * 100.0)}></span></span>
                                <span class="moved-share" data-testid="mc-moved-share">{ format!("{:.1}% move", share * 100.0) }</span>
                            </li>
                        }) }
                    </ul>
                    <LineChart title="Hit rate under a simulated read load (%)" testid="mc-hit-rate"
                        series={CLIENTS.iter().zip(report.hit_rates.iter()).enumerate().map(|(i, (&(_, name), rates))| Series {
                            name: name.into(),
                            class: format!("client-{i}").into(),
                            points: Rc::clone(rates),
                        }).collect::<Vec<_>>()}
                        x_range={(-5.0, f64::from(SIMULATED_SECONDS))}
                        format_y={Callback::from(|y: f64| format!("{y:.0}%"))}
                        x_labels={(AttrValue::from("the change"), AttrValue::from(format!("{SIMULATED_SECONDS} s later")))} />
                    <p class="panel-note">{ format!("{READS_PER_SECOND} gets per second over the {SAMPLE_KEYS} keys, \
                        all cached before the change. A moved key misses once on its new server, \
                        and the client sets it there: the hit rate falls by the share moved, then recovers.") }</p>
                </div>
            }
            <div class="tabs" role="tablist" aria-label="Client library">
                { for CLIENTS.iter().map(|&(distribution, name)| {
                    let dispatcher = state.dispatcher();
                    html! {
                        <button type="button" role="tab" aria-selected={(state.shown == distribution).to_string()}
                            data-testid="mc-client-tab"
                            onclick={Callback::from(move |_: MouseEvent| dispatcher.dispatch(ClusterAction::Show(distribution)))}>
                            { name }</button>
                    }
                }) }
            </div>
            <p class="panel-note">
                if from_store { { "The keys of this server's store:" } }
                else { { "The store is empty, so these are the lesson's keys:" } }
            </p>
            <div role="tabpanel" data-testid="mc-placement">
                { match state.shown {
                    Distribution::PythonMemcached => buckets_view(&state.servers, &keys, &colour),
                    Distribution::Ketama => ring_view(&state.servers, &keys, &client, &colour),
                    Distribution::Rendezvous => scores_view(&state.servers, &keys, &colour),
                } }
            </div>
        </section>
    }
}

/// python-memcached: the bucket list, and for each key its hash, the bucket and the
/// server, with the rehash chain when the first server is down.
fn buckets_view(servers: &[ServerEntry], keys: &[String], colour: &dyn Fn(&str) -> String) -> Html {
    let nodes: Vec<Node> = servers.iter().map(|s| s.node.clone()).collect();
    let buckets = Buckets::new(&nodes).buckets;
    let n = buckets.len().max(1);
    let address = |i: usize| servers[i].node.address.as_str();
    html! {
        <>
            <ol class="bucket-list" start="0" aria-label="Bucket list" data-testid="mc-buckets">
                { for buckets.iter().enumerate().map(|(b, &i)| html! {
                    <li class={classes!("bucket", format!("node-{i}"), (!servers[i].alive).then_some("down"))}>
                        <span class="bucket-index">{ format!("[{b}]") }</span>
                        <code>{ address(i) }</code>
                    </li>
                }) }
            </ol>
            <div class="table-scroll">
                <table class="placement-table">
                    <thead><tr>
                        <th scope="col">{"key"}</th>
                        <th scope="col" class="num" title="cmemcache_hash(key)">{"hash"}</th>
                        <th scope="col" class="num">{ format!("hash % {n}") }</th>
                        <th scope="col">{"server"}</th>
                    </tr></thead>
                    <tbody>
                        { for keys.iter().map(|key| {
                            // Each attempt: the hash, its bucket, and whether that server is up.
                            let mut tries = Vec::new();
                            for h in Buckets::hash_chain(key.as_bytes()) {
                                let bucket = h as usize % n;
                                let up = buckets.get(bucket).is_some_and(|&i| servers[i].alive);
                                tries.push((h, bucket, up));
                                if up { break; }
                            }
                            let chosen = tries.last().filter(|t| t.2).map(|t| address(buckets[t.1]));
                            html! {
                                <tr data-testid="mc-placement-row" data-key={key.clone()}>
                                    <th scope="row"><code>{ key }</code></th>
                                    <td class="num">{ for tries.iter().enumerate().map(|(j, t)| html! {
                                        <span class={classes!("try", (!t.2).then_some("down"))}>
                                            { if j == 0 { t.0.to_string() } else { format!(" → {}", t.0) } }</span>
                                    }) }</td>
                                    <td class="num">{ for tries.iter().enumerate().map(|(j, t)| html! {
                                        <span class={classes!("try", (!t.2).then_some("down"))}>
                                            { if j == 0 { t.1.to_string() } else { format!(" → {}", t.1) } }</span>
                                    }) }</td>
                                    <td>{ server_cell(chosen, colour) }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            <p class="panel-note">{ format!("cmemcache_hash(key) = (crc32(key) >> 16) & 0x7fff; a key goes to bucket hash % {n}. \
                If that server is down, the client hashes str(hash) + str(attempt) and tries again (up to 10 times).") }</p>
        </>
    }
}

/// The server a key lands on, in its colour.
fn server_cell(address: Option<&str>, colour: &dyn Fn(&str) -> String) -> Html {
    match address {
        Some(address) => html! {
            <span class={classes!("server-chip", colour(address))} data-testid="mc-placed">
                <span class="swatch" aria-hidden="true"></span><code>{ address.to_owned() }</code></span>
        },
        None => html! { <span class="no-server" data-testid="mc-placed">{ "no server up" }</span> },
    }
}

/// ketama: the ring of points (each live server's share of the circle) and the keys on it.
fn ring_view(
    servers: &[ServerEntry],
    keys: &[String],
    client: &Client,
    colour: &dyn Fn(&str) -> String,
) -> Html {
    let live: Vec<(usize, Node)> = servers
        .iter()
        .enumerate()
        .filter(|(_, s)| s.alive)
        .map(|(i, s)| (i, s.node.clone()))
        .collect();
    let ring = ketama::Continuum::new(&live.iter().map(|(_, n)| n.clone()).collect::<Vec<_>>());
    // Positions on the ring as SVG rotations about its centre, clockwise from the top:
    // the browser does the trigonometry, so the wasm carries none.
    let degrees = |point: u32| f64::from(point) / f64::from(u32::MAX) * 360.0;
    let rotate = |deg: f64, y: u32| format!("rotate({deg:.2} 100 {y})");
    html! {
        <div class="ring-layout">
            <svg class="ring" viewBox="0 0 200 200" role="img" data-testid="mc-ring"
                aria-label="ketama ring: each server's points, and where each key hashes">
                <circle cx="100" cy="100" r="70" class="ring-track" />
                { for ring.points.iter().map(|p| html! {
                    <line class={classes!("ring-point", format!("node-{}", live[p.node].0))}
                        x1="100" y1="24" x2="100" y2="36" transform={rotate(degrees(p.point), 100)} />
                }) }
                { for keys.iter().map(|key| {
                    let deg = degrees(ketama::ketama_hash(key.as_bytes()));
                    // The label reads inward from the dot, upright, so it never leaves the ring.
                    let anchor = if deg < 180.0 { "end" } else { "start" };
                    html! {
                        <g class="ring-key" transform={rotate(deg, 100)}>
                            <line x1="100" y1="37" x2="100" y2="44" />
                            <circle cx="100" cy="44" r="2" />
                            <text x="100" y="50" transform={rotate(-deg, 50)} text-anchor={anchor}
                                dominant-baseline="middle">{ key }</text>
                        </g>
                    }
                }) }
            </svg>
            <div class="table-scroll">
                <table class="placement-table">
                    <thead><tr>
                        <th scope="col">{"key"}</th>
                        <th scope="col" class="num">{"md5 point"}</th>
                        <th scope="col">{"server (next point clockwise)"}</th>
                    </tr></thead>
                    <tbody>
                        { for keys.iter().map(|key| html! {
                            <tr data-testid="mc-placement-row" data-key={key.clone()}>
                                <th scope="row"><code>{ key }</code></th>
                                <td class="num">{ format!("{:08x}", ketama::ketama_hash(key.as_bytes())) }</td>
                                <td>{ server_cell(client.address(key), colour) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
                <p class="panel-note">{ format!("{} points: 160 per server of average weight (40 MD5 digests, 4 points each). \
                    Adding a server takes over only the arcs before its points.", ring.points.len()) }</p>
            </div>
        </div>
    }
}

/// pymemcache's rendezvous hashing: each live server scores the key, the highest wins.
fn scores_view(servers: &[ServerEntry], keys: &[String], colour: &dyn Fn(&str) -> String) -> Html {
    let live: Vec<&ServerEntry> = servers.iter().filter(|s| s.alive).collect();
    let names: Vec<&str> = live.iter().map(|s| s.node.address.as_str()).collect();
    // pymemcache hashes a str by the low byte of each character; keys typed here are ASCII
    // in practice, where that is the UTF-8 byte itself.
    let score = |name: &str, key: &str| {
        let bytes: Vec<u8> = format!("{name}-{key}")
            .chars()
            .map(|c| (u32::from(c) & 0xff) as u8)
            .collect();
        rendezvous::murmur3_32(&bytes)
    };
    html! {
        <div class="table-scroll">
            <table class="placement-table scores" data-testid="mc-scores">
                <thead><tr>
                    <th scope="col">{"key"}</th>
                    { for names.iter().map(|name| html! {
                        <th scope="col" class={classes!("num", colour(name))}><span class="swatch" aria-hidden="true"></span><code>{ *name }</code></th>
                    }) }
                </tr></thead>
                <tbody>
                    { for keys.iter().map(|key| {
                        let winner = rendezvous::node_for(&names, key);
                        html! {
                            <tr data-testid="mc-placement-row" data-key={key.clone()}>
                                <th scope="row"><code>{ key }</code></th>
                                { for names.iter().enumerate().map(|(i, name)| html! {
                                    <td class={classes!("num", (winner == Some(i)).then(|| classes!("winner", colour(name))))}
                                        data-testid={(winner == Some(i)).then_some("mc-placed")}>
                                        { score(name, key) }</td>
                                }) }
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            <p class="panel-note">{ "score = murmur3_32(\"server-key\"); the highest score wins. \
                Removing a server moves only the keys it had won." }</p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scenario::memcached_sim::cluster::python_memcached::cmemcache_hash;

    fn entries(list: &[(&str, u32, bool)]) -> Vec<ServerEntry> {
        list.iter()
            .map(|&(a, w, alive)| ServerEntry {
                node: Node::new(a, w),
                alive,
            })
            .collect()
    }

    #[test]
    fn the_lesson_cluster_places_keys_as_python_memcached_does() {
        let servers = entries(&[("1.1.1.1:12000", 1, true), ("1.1.1.2:12000", 2, true)]);
        let client = Client::new(Distribution::PythonMemcached, &servers);
        assert_eq!(client.address("foo"), Some("1.1.1.2:12000"));
        assert_eq!(client.address("counter"), Some("1.1.1.1:12000"));
        assert_eq!(cmemcache_hash(b"foo"), 3187);
    }

    #[test]
    fn going_from_two_to_three_servers_moves_fewer_keys_with_consistent_hashing() {
        let two = entries(&[("10.0.0.1:11211", 1, true), ("10.0.0.2:11211", 1, true)]);
        let three = entries(&[
            ("10.0.0.1:11211", 1, true),
            ("10.0.0.2:11211", 1, true),
            ("10.0.0.3:11211", 1, true),
        ]);
        let ([modulo, ketama, rendezvous], _) = after_change(&two, &three);
        assert!((0.6..0.72).contains(&modulo), "modulo {modulo}");
        assert!((0.25..0.42).contains(&ketama), "ketama {ketama}");
        assert!(
            (0.28..0.38).contains(&rendezvous),
            "rendezvous {rendezvous}"
        );
    }

    #[test]
    fn a_server_going_down_moves_about_its_share_of_keys() {
        let up = entries(&[
            ("1.1.1.1:12000", 1, true),
            ("1.1.1.2:12000", 2, true),
            ("1.1.1.3:12000", 1, true),
        ]);
        let mut down = up.clone();
        down[2].alive = false;
        let ([modulo, _, rendezvous], _) = after_change(&up, &down);
        // Its weight is 1 of 4 buckets; rendezvous has no weights, so 1 of 3 servers.
        assert!((0.22..0.28).contains(&modulo), "modulo {modulo}");
        assert!(
            (0.30..0.37).contains(&rendezvous),
            "rendezvous {rendezvous}"
        );
    }

    #[test]
    fn the_hit_rate_falls_by_the_share_moved_and_recovers() {
        let moved: Vec<bool> = (0..SAMPLE_KEYS).map(|k| k % 3 == 0).collect();
        let rates = hit_rates(&moved);
        assert_eq!(rates[0], (-5.0, 100.0));
        let first = rates[1].1;
        assert!((60.0..72.0).contains(&first), "first second {first}");
        let last = rates[rates.len() - 1].1;
        assert!(last > 99.0, "last second {last}");
        assert!(rates.windows(2).skip(1).all(|w| w[1].1 >= w[0].1 - 3.0));
    }
}
