//! The broker state as one JSON object, with the management API's field names: what the
//! differential suite compares with a real broker and what `--dump-state` prints.

use serde_json::{Value, json};

use crate::broker::Broker;
use crate::value::table_to_json;

/// Exchanges, queues (with their ready messages in order) and bindings, on one line.
pub fn dump_state(broker: &Broker) -> String {
    let exchanges: Vec<Value> = broker
        .exchanges()
        .values()
        .map(|x| {
            json!({
                "name": &*x.name,
                "type": x.kind.as_str(),
                "durable": x.durable,
                "auto_delete": x.auto_delete,
                "internal": x.internal,
                "arguments": table_to_json(&x.arguments),
            })
        })
        .collect();
    let queues: Vec<Value> = broker
        .queues()
        .values()
        .map(|q| {
            let messages: Vec<Value> = q
                .ready
                .iter()
                .map(|m| {
                    json!({
                        "payload": m.message.payload_text(),
                        "routing_key": &*m.message.routing_key,
                        "exchange": &*m.message.exchange,
                        "redelivered": m.message.redelivered,
                        "properties": m.message.properties.to_json(),
                    })
                })
                .collect();
            json!({
                "name": &*q.name,
                "durable": q.durable,
                "auto_delete": q.auto_delete,
                "exclusive": q.exclusive_owner.is_some(),
                "arguments": table_to_json(&q.arguments),
                "consumers": q.consumers.len(),
                "messages_unacknowledged": q.unacked,
                "messages": messages,
            })
        })
        .collect();
    let bindings: Vec<Value> = broker
        .listed_bindings()
        .iter()
        .map(|b| {
            json!({
                "source": b.source,
                "destination": b.destination.name(),
                "destination_type": b.destination.kind(),
                "routing_key": b.routing_key,
                "arguments": table_to_json(&b.arguments),
            })
        })
        .collect();
    json!({ "exchanges": exchanges, "queues": queues, "bindings": bindings }).to_string()
}
