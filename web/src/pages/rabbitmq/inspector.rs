//! The inspector: a clicked node's properties, arguments, bindings and messages, with the
//! actions that apply to it (stop a producer; close a consumer's channel, crash or stop
//! it; purge or delete a queue; delete an exchange; remove a binding), run as console
//! lines like the forms, so the transcript shows them.

use scenario::rabbitmq_sim::Simulation;
use scenario::rabbitmq_sim::binding::{Binding, Destination};
use scenario::rabbitmq_sim::channel::Channel;
use scenario::rabbitmq_sim::message::Message;
use scenario::rabbitmq_sim::sim::distribution::Duration;
use scenario::rabbitmq_sim::value::{FieldTable, table_to_json};
use yew::prelude::*;

use super::forms::quote;
use super::topology::{NodeId, ProgramChannels};

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
    /// Bindings from an exchange, or to a queue or an exchange: what each says, and the
    /// console line that removes it.
    pub bindings: Vec<(String, String)>,
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
            routing_key: m.routing_key.to_string(),
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

/// A binding as the inspector lists it, and the `delete binding` line that removes it
/// (rabbitmqadmin's `properties_key`, `~` for the empty key).
fn binding_row(b: &Binding) -> (String, String) {
    let text = format!(
        "{} → {} {}, key \"{}\" {}",
        NodeId::Exchange(b.source.clone()).label(),
        b.destination.kind(),
        b.destination.name(),
        b.routing_key,
        json(&b.arguments)
    );
    let key = if b.arguments.is_empty() {
        format!(
            "properties_key={}",
            if b.routing_key.is_empty() {
                "~".to_string()
            } else {
                quote(&b.routing_key)
            }
        )
    } else {
        format!(
            "routing_key={} arguments={}",
            quote(&b.routing_key),
            quote(&json(&b.arguments))
        )
    };
    let line = format!(
        "delete binding source={} destination={} destination_type={} {key}",
        quote(&b.source),
        quote(b.destination.name()),
        b.destination.kind(),
    );
    (text.trim_end().to_string(), line)
}

fn duration(d: Duration) -> String {
    match d {
        Duration::Fixed(ms) => format!("{ms} ms"),
        Duration::Uniform { min, max } => format!("{min} to {max} ms"),
        Duration::Exponential { mean } => format!("exponential, mean {mean} ms"),
    }
}

impl Details {
    /// The details of `id` in `sim`, or `None` if it is gone; `programs` names the
    /// channels of the page's programs, whose nodes are theirs.
    pub fn of(sim: &Simulation, programs: &ProgramChannels, id: &NodeId) -> Option<Details> {
        if let Some(details) = Details::of_program(sim, programs, id) {
            return Some(details);
        }
        let broker = sim.broker();
        let mut messages = Vec::new();
        let mut more = 0;
        let mut bindings = Vec::new();
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
                bindings = broker
                    .bindings()
                    .iter()
                    .filter(|b| {
                        &b.source == name
                            || matches!(&b.destination, Destination::Exchange(e) if e == name)
                    })
                    .map(binding_row)
                    .collect();
                // The default exchange and the amq.* ones cannot be deleted (403).
                let builtin = name.is_empty() || name.starts_with("amq.");
                (
                    vec![
                        ("type", x.kind.as_str().to_string()),
                        ("durable", yes(x.durable)),
                        ("auto_delete", yes(x.auto_delete)),
                        ("internal", yes(x.internal)),
                        ("arguments", json(&x.arguments)),
                    ],
                    if builtin {
                        Vec::new()
                    } else {
                        vec![(
                            "Delete exchange",
                            format!("delete exchange name={}", quote(name)),
                        )]
                    },
                )
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
                bindings = broker
                    .bindings()
                    .iter()
                    .filter(|b| matches!(&b.destination, Destination::Queue(q) if q == name))
                    .map(binding_row)
                    .collect();
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
                    vec![
                        ("Purge queue", format!("purge queue name={}", quote(name))),
                        ("Delete queue", format!("delete queue name={}", quote(name))),
                    ],
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
                        ("Close channel", format!("close channel consumer={quoted}")),
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
            bindings,
            actions,
        })
    }
}

impl Details {
    /// A program's node: its open connection's channels and consumers, and the
    /// messages in its hands (delivered, not yet acked). Programs are stopped from the
    /// editor, so there are no actions.
    fn of_program(sim: &Simulation, programs: &ProgramChannels, id: &NodeId) -> Option<Details> {
        let (NodeId::Producer(name) | NodeId::Consumer(name)) = id else {
            return None;
        };
        let is_simulated = match id {
            NodeId::Producer(_) => sim.producers().contains_key(name),
            _ => sim.consumers().contains_key(name),
        };
        let channels: Vec<(u32, &Channel)> = programs
            .iter()
            .filter(|(_, label)| ***label == **name)
            .filter_map(|(id, _)| Some((*id, sim.broker().channels().get(id)?)))
            .collect();
        if is_simulated || !programs.values().any(|label| **label == **name) {
            return None;
        }
        let mut properties = vec![
            (
                "program",
                format!("python3 {}", name.split(" #").next().unwrap_or(name)),
            ),
            (
                "connection",
                if channels.is_empty() {
                    "closed"
                } else {
                    "open"
                }
                .to_owned(),
            ),
            ("channels open", channels.len().to_string()),
        ];
        let mut messages = Vec::new();
        for (_, channel) in &channels {
            for (tag, consumer) in &channel.consumers {
                properties.push(("consumer", format!("{tag} on {}", consumer.queue)));
                properties.push((
                    "ack",
                    if consumer.no_ack { "auto" } else { "manual" }.to_owned(),
                ));
                properties.push((
                    "prefetch",
                    if consumer.prefetch == 0 {
                        "no limit".to_owned()
                    } else {
                        consumer.prefetch.to_string()
                    },
                ));
            }
            messages.extend(
                channel
                    .unacked
                    .values()
                    .map(|pending| MessageRow::of(&pending.queued.message)),
            );
        }
        let more = messages.len().saturating_sub(MESSAGES_LISTED);
        messages.truncate(MESSAGES_LISTED);
        Some(Details {
            id: id.clone(),
            properties,
            messages,
            more,
            bindings: Vec::new(),
            actions: Vec::new(),
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
            if matches!(d.id, NodeId::Exchange(_) | NodeId::Queue(_)) {
                <h4>{ "Bindings" }</h4>
                if d.bindings.is_empty() {
                    <p class="none">{ "none" }</p>
                } else {
                    <ul class="bindings" data-testid="rmq-bindings">
                        { for d.bindings.iter().map(|(text, line)| {
                            let onclick = props.on_run.reform({
                                let line = line.clone();
                                move |_: MouseEvent| line.clone()
                            });
                            html! {
                                <li>
                                    <code>{ text }</code>
                                    <button type="button" class="unbind" {onclick} title={format!("Runs: {line}")}
                                        aria-label={format!("Remove binding {text}")}>{ "Unbind" }</button>
                                </li>
                            }
                        }) }
                    </ul>
                }
            }
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
