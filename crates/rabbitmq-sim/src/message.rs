//! Messages and their basic properties.

use std::rc::Rc;

use serde_json::{Map, Value};

use crate::value::{FieldTable, FieldValue, table_from_json, table_to_json};

/// The basic properties a publisher sets (the ones the playground shows and routes on).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Properties {
    /// MIME type of the body.
    pub content_type: Option<String>,
    /// 2 makes the message persistent: it survives a broker restart in a durable queue.
    pub delivery_mode: Option<u8>,
    /// Per-message TTL in milliseconds, as a decimal string (AMQP says so).
    pub expiration: Option<String>,
    /// Application headers; the headers exchange routes on them, dead-lettering adds `x-death`.
    pub headers: Option<FieldTable>,
    /// Message priority (kept, not acted on).
    pub priority: Option<u8>,
    /// Correlates a reply with its request (RPC, tutorial 6).
    pub correlation_id: Option<String>,
    /// Queue a reply should go to (RPC).
    pub reply_to: Option<String>,
    /// Application message id.
    pub message_id: Option<String>,
    /// How the body is encoded (`gzip`); kept, not acted on.
    pub content_encoding: Option<String>,
    /// When the message was made, in seconds since the epoch.
    pub timestamp: Option<u64>,
    /// The message's type name (AMQP's `type`); kept, not acted on.
    pub kind: Option<String>,
    /// The publishing user, which RabbitMQ checks against the connection's.
    pub user_id: Option<String>,
    /// The publishing application.
    pub app_id: Option<String>,
    /// Deprecated by AMQP 0-9-1 but still carried.
    pub cluster_id: Option<String>,
}

impl Properties {
    /// Whether the message is persistent (delivery_mode 2).
    pub fn persistent(&self) -> bool {
        self.delivery_mode == Some(2)
    }

    /// Reads properties from the management API's JSON spelling.
    pub fn from_json(map: &Map<String, Value>) -> Properties {
        let text = |key: &str| match map.get(key) {
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Number(n)) => Some(n.to_string()),
            _ => None,
        };
        let small = |key: &str| {
            map.get(key)
                .and_then(Value::as_u64)
                .and_then(|n| u8::try_from(n).ok())
        };
        Properties {
            content_type: text("content_type"),
            delivery_mode: small("delivery_mode"),
            expiration: text("expiration"),
            headers: match map.get("headers") {
                Some(Value::Object(h)) => Some(table_from_json(h)),
                _ => None,
            },
            priority: small("priority"),
            correlation_id: text("correlation_id"),
            reply_to: text("reply_to"),
            message_id: text("message_id"),
            content_encoding: text("content_encoding"),
            timestamp: map.get("timestamp").and_then(Value::as_u64),
            kind: text("type"),
            user_id: text("user_id"),
            app_id: text("app_id"),
            cluster_id: text("cluster_id"),
        }
    }

    /// The management API's JSON spelling: only the properties that are set.
    pub fn to_json(&self) -> Value {
        let mut map = Map::new();
        let mut put = |key: &str, value: Option<Value>| {
            if let Some(v) = value {
                map.insert(key.to_string(), v);
            }
        };
        put("app_id", self.app_id.clone().map(Value::from));
        put("cluster_id", self.cluster_id.clone().map(Value::from));
        put(
            "content_encoding",
            self.content_encoding.clone().map(Value::from),
        );
        put("content_type", self.content_type.clone().map(Value::from));
        put(
            "correlation_id",
            self.correlation_id.clone().map(Value::from),
        );
        put("delivery_mode", self.delivery_mode.map(Value::from));
        put("expiration", self.expiration.clone().map(Value::from));
        put("headers", self.headers.as_ref().map(table_to_json));
        put("message_id", self.message_id.clone().map(Value::from));
        put("priority", self.priority.map(Value::from));
        put("reply_to", self.reply_to.clone().map(Value::from));
        put("timestamp", self.timestamp.map(Value::from));
        put("type", self.kind.clone().map(Value::from));
        put("user_id", self.user_id.clone().map(Value::from));
        Value::Object(map)
    }
}

/// A message as a queue holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    /// Broker-wide id, so events about one message can be followed across queues.
    pub id: u64,
    /// The exchange it was published (or dead-lettered) to.
    pub exchange: Rc<str>,
    /// Its routing key, shared with the events that mention it.
    pub routing_key: Rc<str>,
    /// The body.
    pub payload: Vec<u8>,
    /// Its basic properties.
    pub properties: Properties,
    /// Set once the message has been delivered and came back to the queue.
    pub redelivered: bool,
}

/// Strings in an array header (`CC`, `BCC`), ignoring other element types as RabbitMQ does.
fn header_keys<'a>(headers: Option<&'a FieldTable>, name: &str) -> impl Iterator<Item = &'a str> {
    let items = match headers.and_then(|h| h.get(name)) {
        Some(FieldValue::Array(items)) => items.as_slice(),
        _ => &[],
    };
    items.iter().filter_map(FieldValue::as_str)
}

impl Message {
    /// The routing keys the message is routed with: its routing key, then the
    /// sender-selected ones in its `CC` and `BCC` headers.
    pub fn routing_keys(&self) -> Vec<&str> {
        let headers = self.properties.headers.as_ref();
        std::iter::once(&*self.routing_key)
            .chain(header_keys(headers, "CC"))
            .chain(header_keys(headers, "BCC"))
            .collect()
    }

    /// Removes the `BCC` header, which RabbitMQ strips before the message reaches a queue.
    pub fn strip_bcc(&mut self) {
        if let Some(h) = self.properties.headers.as_mut() {
            h.remove("BCC");
        }
    }

    /// The body as text, for transcripts and the inspector.
    pub fn payload_text(&self) -> String {
        String::from_utf8_lossy(&self.payload).into_owned()
    }
}
