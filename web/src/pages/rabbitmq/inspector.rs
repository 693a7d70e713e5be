//! The inspector: a clicked node's properties, arguments and messages, with the actions
//! that apply to it (stop a producer, crash or stop a consumer, purge a queue), run as
//! console lines like the forms.

use scenario::rabbitmq_sim::Simulation;
use scenario::rabbitmq_sim::message::Message;
use scenario::rabbitmq_sim::sim::distribution::Duration;
use scenario::rabbitmq_sim::value::{FieldTable, table_to_json};
use yew::prelude::*;

use super::controls::quote;
use super::topology::NodeId;

/// Messages listed for a queue; the rest are counted.
const MESSAGES_LISTED: usize = 12;

/// Properties of [`Inspector`].
#[derive(Properties, PartialEq)]
pub struct InspectorProps {
    /// What the inspector shows, read from the simulation by the page.
    pub details: Details,
    /// Runs a console line (the node's actions).
    pub on_run: Callback<String>,
    /// Closes the inspector.
    pub on_close: Callback<()>,
}

/// A node's details as the inspector shows them: rows of properties, messages, actions.
#[derive(Debug, Clone, PartialEq)]
pub struct Details {
    /// The node.
    pub id: NodeId,
    /// Name and value of each property, arguments included.
    pub properties: Vec<(&'static str, String)>,
    /// Messages held (a queue's ready ones, a consumer's in hand).
    pub messages: Vec<MessageRow>,
    /// Messages not listed.
    pub more: usize,
    /// Buttons: label and the console line each runs.
    pub actions: Vec<(&'static str, String)>,
}

/// One message's row.
#[derive(Debug, Clone, PartialEq)]
pub struct MessageRow {
    /// The body as text.
    pub payload: String,
    /// Its routing key.
    pub routing_key: String,
    /// Whether it has been delivered before.
    pub redelivered: bool,
    /// Headers, as JSON.
    pub headers: String,
    /// Per-message TTL, in ms.
    pub expiration: String,
}

impl MessageRow {
    fn of(m: &Message) -> MessageRow {
        MessageRow {
            payload: m.payload_text(),
            routing_key: m.routing_key.clone(),
            redelivered: m.redelivered,
            headers: m.properties.headers.as_ref().map(json).unwrap_or_default(),
            expiration: m.properties.expiration.clone().unwrap_or_default(),
        }
    }
}

fn json(table: &FieldTable) -> String {
    if table.is_empty() {
        String::new()
    } else {
        table_to_json(table).to_string()
    }
}

fn yes(b: bool) -> String {
    if b { "yes" } else { "no" }.to_string()
}

fn duration(d: Duration) -> String {
    match d {
        Duration::Fixed(ms) => format!("{ms} ms"),
        Duration::Uniform { min, max } => format!("{min} to {max} ms"),
        Duration::Exponential { mean } => format!("exponential, mean {mean} ms"),
    }
}

impl Details {
    /// The details of `id` in `sim`, or `None` if it is gone.
    pub fn of(sim: &Simulation, id: &NodeId) -> Option<Details> {
        let broker = sim.broker();
        let mut messages = Vec::new();
        let mut more = 0;
        let (properties, actions) = match id {
            NodeId::Producer(name) => {
                let p = sim.producers().get(name)?;
                let s = &p.spec;
                let quoted = quote(name);
                (
                    vec![
                        (
                            "exchange",
                            NodeId::Exchange(s.exchange.clone()).label().to_string(),
                        ),
                        ("routing keys", s.routing_keys.join(", ")),
                        ("rate", format!("{} msg/s", s.rate_per_sec)),
                        ("sent", p.sent.to_string()),
                        ("body", s.body.clone()),
                        ("persistent", yes(s.persistent)),
                        ("mandatory", yes(s.mandatory)),
                        ("confirms", yes(s.confirms)),
                    ],
                    vec![("Stop producer", format!("stop producer name={quoted}"))],
                )
            }
            NodeId::Exchange(name) => {
                let x = broker.exchanges().get(name)?;
                let mut rows = vec![
                    ("type", x.kind.as_str().to_string()),
                    ("durable", yes(x.durable)),
                    ("auto_delete", yes(x.auto_delete)),
                    ("internal", yes(x.internal)),
                    ("arguments", json(&x.arguments)),
                ];
                rows.extend(
                    broker
                        .bindings()
                        .iter()
                        .filter(|b| &b.source == name)
                        .map(|b| {
                            (
                                "binding",
                                format!(
                                    "→ {} \"{}\" {}",
                                    b.destination,
                                    b.routing_key,
                                    json(&b.arguments)
                                ),
                            )
                        }),
                );
                (rows, Vec::new())
            }
            NodeId::Queue(name) => {
                let q = broker.queue(name)?;
                messages = q
                    .ready
                    .iter()
                    .take(MESSAGES_LISTED)
                    .map(|m| MessageRow::of(&m.message))
                    .collect();
                more = q.ready.len().saturating_sub(MESSAGES_LISTED);
                (
                    vec![
                        ("durable", yes(q.durable)),
                        ("auto_delete", yes(q.auto_delete)),
                        ("exclusive", yes(q.exclusive_owner.is_some())),
                        ("arguments", json(&q.arguments)),
                        ("ready", q.ready.len().to_string()),
                        ("unacked", q.unacked.to_string()),
                        ("consumers", q.consumers.len().to_string()),
                    ],
                    vec![("Purge queue", format!("purge queue name={}", quote(name)))],
                )
            }
            NodeId::Consumer(name) => {
                let c = sim.consumers().get(name)?;
                let s = &c.spec;
                messages = c
                    .current
                    .iter()
                    .chain(&c.backlog)
                    .map(|d| MessageRow::of(&d.message))
                    .collect();
                let quoted = quote(name);
                (
                    vec![
                        ("queue", s.queue.clone()),
                        (
                            "ack",
                            if s.auto_ack { "auto" } else { "manual" }.to_string(),
                        ),
                        (
                            "prefetch",
                            if s.prefetch == 0 {
                                "no limit".into()
                            } else {
                                s.prefetch.to_string()
                            },
                        ),
                        ("work per message", duration(s.processing)),
                        (
                            "connection",
                            if c.link.is_some() { "open" } else { "down" }.to_string(),
                        ),
                        (
                            "reconnects",
                            s.reconnect_after
                                .map_or("never".into(), |ms| format!("after {ms} ms")),
                        ),
                    ],
                    vec![
                        ("Crash consumer", format!("crash consumer name={quoted}")),
                        ("Stop consumer", format!("stop consumer name={quoted}")),
                    ],
                )
            }
        };
        Some(Details {
            id: id.clone(),
            properties,
            messages,
            more,
            actions,
        })
    }
}

/// The inspector. See the module documentation.
#[component]
pub fn Inspector(props: &InspectorProps) -> Html {
    let d = &props.details;
    let close = props.on_close.reform(|_: MouseEvent| ());
    html! {
        <section class="rmq-inspector" data-testid="rmq-inspector" aria-label="Inspector">
            <header>
                <h3>{ format!("{} {}", d.id.kind(), d.id.label()) }</h3>
                <button type="button" class="close" onclick={close} aria-label="Close the inspector">{ "×" }</button>
            </header>
            <dl>
                { for d.properties.iter().map(|(name, value)| html! {
                    <div class="property">
                        <dt>{ *name }</dt>
                        <dd>{ if value.is_empty() { "none" } else { value } }</dd>
                    </div>
                }) }
            </dl>
            if matches!(d.id, NodeId::Queue(_) | NodeId::Consumer(_)) {
                <h4>{ if matches!(d.id, NodeId::Queue(_)) { "Ready messages, oldest first" } else { "In hand" } }</h4>
                if d.messages.is_empty() {
                    <p class="none">{ "none" }</p>
                } else {
                    <div class="table-scroll">
                        <table data-testid="rmq-messages">
                            <thead><tr>
                                <th>{ "payload" }</th><th>{ "routing key" }</th><th>{ "redelivered" }</th>
                                <th>{ "headers" }</th><th>{ "expiration" }</th>
                            </tr></thead>
                            <tbody>
                                { for d.messages.iter().map(|m| html! {
                                    <tr>
                                        <td><code>{ &m.payload }</code></td>
                                        <td><code>{ &m.routing_key }</code></td>
                                        <td>{ yes(m.redelivered) }</td>
                                        <td><code>{ &m.headers }</code></td>
                                        <td>{ &m.expiration }</td>
                                    </tr>
                                }) }
                            </tbody>
                        </table>
                    </div>
                    if d.more > 0 {
                        <p class="none">{ format!("and {} more", d.more) }</p>
                    }
                }
            }
            if !d.actions.is_empty() {
                <div class="actions">
                    { for d.actions.iter().map(|(label, line)| {
                        let onclick = props.on_run.reform({
                            let line = line.clone();
                            move |_: MouseEvent| line.clone()
                        });
                        html! { <button type="button" {onclick} title={format!("Runs: {line}")}>{ *label }</button> }
                    }) }
                </div>
            }
        </section>
    }
}
