//! The pub/sub view: clients on the left, the channels and patterns they subscribed to on
//! the right, an edge per subscription; a message published by the latest line travels
//! from its publisher to the channel, then on to every client that received it.

use scenario::Delivery;
use scenario::redis_sim::{Server, glob};
use yew::prelude::*;

use super::key_card::display;
use super::world::ClientConsole;

/// Narrow enough to stay readable scaled down to a phone's width.
const WIDTH: f64 = 460.0;
const ROW: f64 = 46.0;
const TOP: f64 = 20.0;
const NODE_H: f64 = 30.0;
const CLIENT_X: f64 = 8.0;
const CLIENT_W: f64 = 140.0;
const TOPIC_X: f64 = 262.0;
const TOPIC_W: f64 = 190.0;
/// Seconds a message takes for each hop.
const HOP_S: f64 = 0.7;

/// A connection drawn on the left: one of the page's consoles, or another client of its
/// server that subscribed (a redis-py `PubSub`).
#[derive(Debug, PartialEq)]
pub struct Subscriber {
    /// What the node says.
    label: String,
    /// `data-client`: the console's number, or `py` for a redis-py connection.
    testid: String,
    /// CLIENT ID of the connection.
    id: u64,
    channels: Vec<Vec<u8>>,
    patterns: Vec<Vec<u8>>,
}

/// The consoles, then the server's other subscribed connections.
pub fn subscribers(consoles: &[ClientConsole], server: &Server) -> Vec<Subscriber> {
    let mut subscribers: Vec<Subscriber> = consoles
        .iter()
        .map(|console| Subscriber {
            label: format!("client {} · id {}", console.number, console.state.id),
            testid: console.number.to_string(),
            id: console.state.id,
            channels: console.state.channels.clone(),
            patterns: console.state.patterns.clone(),
        })
        .collect();
    for other in server.subscriptions() {
        let id = other.client.0;
        if !subscribers.iter().any(|s| s.id == id) {
            subscribers.push(Subscriber {
                label: format!("redis-py · id {id}"),
                testid: "py".to_owned(),
                id,
                channels: other.channels,
                patterns: other.patterns,
            });
        }
    }
    subscribers
}

/// A channel or a pattern drawn on the right.
#[derive(Debug, PartialEq)]
struct Topic {
    name: Vec<u8>,
    pattern: bool,
}

fn client_y(index: usize) -> f64 {
    TOP + index as f64 * ROW + NODE_H / 2.0
}

fn topic_y(index: usize) -> f64 {
    client_y(index)
}

/// The topics to draw: every subscription, then channels published to without listeners.
fn topics(clients: &[&Subscriber], deliveries: &[Delivery]) -> Vec<Topic> {
    let mut topics: Vec<Topic> = Vec::new();
    let mut add = |name: &[u8], pattern: bool| {
        if !topics
            .iter()
            .any(|t| t.name == name && t.pattern == pattern)
        {
            topics.push(Topic {
                name: name.to_vec(),
                pattern,
            });
        }
    };
    for client in clients {
        client.channels.iter().for_each(|c| add(c, false));
        client.patterns.iter().for_each(|p| add(p, true));
    }
    deliveries.iter().for_each(|d| add(&d.channel, false));
    topics
}

/// The pub/sub graph of `clients` (see [`subscribers`]), with the latest line's
/// `deliveries` on their way; `version` changes on every line, so the messages fly again
/// for each PUBLISH.
pub fn pubsub_view(clients: &[Subscriber], deliveries: &[Delivery], version: u64) -> Html {
    // A publisher that subscribed to nothing (a redis-py client, a program) is drawn too.
    let publishers: Vec<u64> = deliveries
        .iter()
        .map(|delivery| delivery.publisher.0)
        .collect();
    let mut unsubscribed: Vec<Subscriber> = Vec::new();
    for &id in &publishers {
        if !clients
            .iter()
            .chain(&unsubscribed)
            .any(|client| client.id == id)
        {
            unsubscribed.push(Subscriber {
                label: format!("publisher · id {id}"),
                testid: "publisher".to_owned(),
                id,
                channels: Vec::new(),
                patterns: Vec::new(),
            });
        }
    }
    let clients: Vec<&Subscriber> = clients.iter().chain(&unsubscribed).collect();
    let topics = topics(&clients, deliveries);
    let rows = clients.len().max(topics.len()).max(1);
    let height = TOP * 2.0 + rows as f64 * ROW - (ROW - NODE_H);
    let client_index = |id: u64| clients.iter().position(|c| c.id == id);
    let topic_index = |name: &[u8], pattern: bool| {
        topics
            .iter()
            .position(|t| t.name == name && t.pattern == pattern)
    };
    let left = CLIENT_X + CLIENT_W;
    let right = TOPIC_X;

    let mut edges = Vec::new();
    for (ci, client) in clients.iter().enumerate() {
        let subscriptions = client
            .channels
            .iter()
            .map(|c| (c, false))
            .chain(client.patterns.iter().map(|p| (p, true)));
        for (name, pattern) in subscriptions {
            if let Some(ti) = topic_index(name, pattern) {
                edges.push(html! {
                    <path class={classes!("edge", pattern.then_some("pattern"))}
                        d={format!("M{left},{:.1} C{:.1},{:.1} {:.1},{:.1} {right},{:.1}",
                            client_y(ci), left + 60.0, client_y(ci), right - 60.0, topic_y(ti), topic_y(ti))} />
                });
            }
        }
    }

    // Each message: publisher → channel → (the pattern it matched →) receiver.
    let mut dots = Vec::new();
    let mut said = Vec::new();
    for delivery in deliveries {
        let Some(ti) = topic_index(&delivery.channel, false) else {
            continue;
        };
        let from = client_index(delivery.publisher.0).map(client_y);
        if let Some(y) = from {
            edges.push(html! {
                <path class="edge publish" data-testid="redis-pubsub-publish"
                    d={format!("M{left},{y:.1} L{right},{:.1}", topic_y(ti))} />
            });
        }
        let to_channel = from.map_or_else(String::new, |y| {
            format!("M{left},{y:.1} L{right},{:.1} ", topic_y(ti))
        });
        let start = if from.is_some() { HOP_S } else { 0.0 };
        // A client that matched by channel and by pattern received the message twice.
        let mut receivers: Vec<u64> = Vec::new();
        for client in &delivery.receivers {
            if !receivers.contains(&client.0) {
                receivers.push(client.0);
            }
        }
        for id in &receivers {
            let Some(ci) = client_index(*id) else {
                continue;
            };
            let client = &clients[ci];
            let mut routes = Vec::new();
            if client.channels.contains(&delivery.channel) {
                routes.push(format!("L{left},{:.1}", client_y(ci)));
            }
            for pattern in &client.patterns {
                if glob::matches(pattern, &delivery.channel, false)
                    && let Some(pi) = topic_index(pattern, true)
                {
                    routes.push(format!(
                        "L{right},{:.1} L{left},{:.1}",
                        topic_y(pi),
                        client_y(ci)
                    ));
                }
            }
            for route in routes {
                let path = if to_channel.is_empty() {
                    format!("M{right},{:.1} {route}", topic_y(ti))
                } else {
                    format!("{to_channel}L{right},{:.1} {route}", topic_y(ti))
                };
                dots.push(html! {
                    <circle class="message" r="6" data-testid="redis-message">
                        <animateMotion dur={format!("{:.1}s", start + HOP_S * 1.5)} fill="freeze" path={path} />
                        <animate attributeName="opacity" values="1;1;0" keyTimes="0;0.85;1"
                            dur={format!("{:.1}s", start + HOP_S * 1.5 + 0.6)} fill="freeze" />
                    </circle>
                });
            }
        }
        let copies = delivery.receivers.len();
        said.push(format!(
            "PUBLISH {} reached {} client{} ({copies} cop{})",
            display(&delivery.channel),
            receivers.len(),
            if receivers.len() == 1 { "" } else { "s" },
            if copies == 1 { "y" } else { "ies" }
        ));
    }

    html! {
        <section class="redis-panel pubsub-panel" data-panel="pubsub" aria-labelledby="redis-pubsub-title"
            data-testid="redis-pubsub">
            <h2 id="redis-pubsub-title">{ "Pub/sub" }</h2>
            <p class="panel-note">
                { "Who listens where: a line per subscription to a channel (solid) or a pattern (dashed). \
                   A published message travels from its publisher (outlined) to the channel, then to each receiver." }
            </p>
            <p class="last-change" aria-live="polite" data-testid="redis-pubsub-said">
                { if said.is_empty() { "No message published by the last command.".to_owned() } else { format!("{}.", said.join("; ")) } }
            </p>
            <div class="pubsub-scroll">
                // Keyed by the line, so the SVG (and its animations' clock) starts afresh.
                <svg key={version.to_string()} class="pubsub-graph" viewBox={format!("0 0 {WIDTH} {height:.0}")}
                    style={format!("max-width: {WIDTH}px")} role="img"
                    aria-label="Clients, the channels and patterns they subscribed to, and messages in flight">
                    { for edges }
                    { for clients.iter().enumerate().map(|(ci, client)| html! {
                        <g class={classes!("node", "client", publishers.contains(&client.id).then_some("publisher"))}
                            data-testid="redis-pubsub-client" data-client={client.testid.clone()}>
                            <rect x={CLIENT_X.to_string()} y={(client_y(ci) - NODE_H / 2.0).to_string()}
                                width={CLIENT_W.to_string()} height={NODE_H.to_string()} rx="6" />
                            <text x={(CLIENT_X + 10.0).to_string()} y={(client_y(ci) + 5.0).to_string()}>
                                { client.label.clone() }</text>
                        </g>
                    }) }
                    { for topics.iter().enumerate().map(|(ti, topic)| html! {
                        <g class={classes!("node", if topic.pattern { "pattern" } else { "channel" })}
                            data-testid="redis-pubsub-topic" data-name={display(&topic.name)}>
                            <rect x={TOPIC_X.to_string()} y={(topic_y(ti) - NODE_H / 2.0).to_string()}
                                width={TOPIC_W.to_string()} height={NODE_H.to_string()} rx="15" />
                            <text x={(TOPIC_X + 12.0).to_string()} y={(topic_y(ti) + 5.0).to_string()}>
                                { display(&topic.name) }</text>
                            <title>{ format!("{} {}", if topic.pattern { "pattern" } else { "channel" }, display(&topic.name)) }</title>
                        </g>
                    }) }
                    if topics.is_empty() {
                        <text class="hint" x={TOPIC_X.to_string()} y={client_y(0).to_string()}>
                            { "no subscriptions yet" }</text>
                    }
                    { for dots }
                </svg>
            </div>
        </section>
    }
}
