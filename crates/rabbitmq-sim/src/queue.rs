//! Queues: the ordered messages waiting for consumers, their arguments and their limits.

use std::collections::VecDeque;
use std::rc::Rc;

use crate::error::{AmqpError, AmqpResult};
use crate::message::Message;
use crate::table::{Named, Slot, Table};
use crate::value::{FieldTable, FieldValue};

/// What a full queue does with one more message (`x-overflow`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Overflow {
    /// Discard (or dead-letter) the oldest messages: the default.
    #[default]
    DropHead,
    /// Refuse the new message (nacked under publisher confirms).
    RejectPublish,
    /// Refuse the new message and dead-letter it.
    RejectPublishDlx,
}

/// The queue arguments RabbitMQ acts on, parsed once at declaration.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QueueSettings {
    /// `x-message-ttl`: how long a message may wait, in ms.
    pub message_ttl: Option<u64>,
    /// `x-expires`: the queue is deleted after this long unused, in ms.
    pub expires: Option<u64>,
    /// `x-max-length`: most ready messages.
    pub max_length: Option<u64>,
    /// `x-max-length-bytes`: most bytes of ready message bodies.
    pub max_length_bytes: Option<u64>,
    /// `x-overflow`.
    pub overflow: Overflow,
    /// `x-dead-letter-exchange`.
    pub dead_letter_exchange: Option<String>,
    /// `x-dead-letter-routing-key`.
    pub dead_letter_routing_key: Option<String>,
}

/// The arguments checked for equivalence on re-declaration, in RabbitMQ's order.
const EQUIVALENCE_KEYS: &[&str] = &[
    "x-expires",
    "x-message-ttl",
    "x-dead-letter-exchange",
    "x-dead-letter-routing-key",
    "x-max-length",
    "x-max-length-bytes",
    "x-overflow",
];

fn invalid_arg(key: &str, queue: &str, why: String) -> AmqpError {
    AmqpError::precondition_failed(format!(
        "invalid arg '{key}' for queue '{queue}' in vhost '/': {why}"
    ))
}

/// Reads an integer argument; `zero_ok` is false for `x-expires`, which must be positive.
fn int_arg(args: &FieldTable, key: &str, queue: &str, zero_ok: bool) -> AmqpResult<Option<u64>> {
    let Some(value) = args.get(key) else {
        return Ok(None);
    };
    let Some(n) = value.as_int() else {
        return Err(invalid_arg(
            key,
            queue,
            format!("\"expected integer, got {}\"", value.type_name()),
        ));
    };
    if n < 0 {
        return Err(invalid_arg(key, queue, format!("{{value_negative,{n}}}")));
    }
    if n == 0 && !zero_ok {
        return Err(invalid_arg(key, queue, "{value_zero,0}".to_string()));
    }
    Ok(u64::try_from(n).ok())
}

fn str_arg(args: &FieldTable, key: &str, queue: &str) -> AmqpResult<Option<String>> {
    match args.get(key) {
        None => Ok(None),
        Some(FieldValue::LongStr(s)) => Ok(Some(s.clone())),
        Some(other) => Err(invalid_arg(
            key,
            queue,
            format!("{{unacceptable_type,{}}}", other.type_name()),
        )),
    }
}

impl QueueSettings {
    /// Validates and parses declaration arguments, failing as RabbitMQ does.
    pub fn parse(queue: &str, args: &FieldTable) -> AmqpResult<QueueSettings> {
        let overflow = match args.get("x-overflow") {
            None => Overflow::DropHead,
            Some(v) => match v.as_str() {
                Some("drop-head") => Overflow::DropHead,
                Some("reject-publish") => Overflow::RejectPublish,
                Some("reject-publish-dlx") => Overflow::RejectPublishDlx,
                _ => return Err(invalid_arg("x-overflow", queue, "invalid_overflow".into())),
            },
        };
        Ok(QueueSettings {
            expires: int_arg(args, "x-expires", queue, false)?,
            message_ttl: int_arg(args, "x-message-ttl", queue, true)?,
            dead_letter_exchange: str_arg(args, "x-dead-letter-exchange", queue)?,
            dead_letter_routing_key: str_arg(args, "x-dead-letter-routing-key", queue)?,
            max_length: int_arg(args, "x-max-length", queue, true)?,
            max_length_bytes: int_arg(args, "x-max-length-bytes", queue, true)?,
            overflow,
        })
    }
}

/// How RabbitMQ shows one side of an argument comparison in its error text.
fn describe(value: Option<&FieldValue>, typed: bool) -> String {
    match value {
        None => "none".to_string(),
        Some(v) if typed => format!("the value '{}' of type '{}'", v.display(), v.type_name()),
        Some(v) => format!("'{}'", v.display()),
    }
}

/// Compares the arguments of a re-declaration with the current ones, key by key, and
/// reports the first difference the way `rabbit_misc:assert_args_equivalence` does.
pub fn assert_args_equivalence(
    current: &FieldTable,
    requested: &FieldTable,
    resource: &str,
    keys: &[&str],
) -> AmqpResult<()> {
    for key in keys {
        let (old, new) = (current.get(*key), requested.get(*key));
        let same = match (old, new) {
            (None, None) => true,
            (Some(a), Some(b)) => a.equivalent(b),
            _ => false,
        };
        if !same {
            // Erlang prints bare values when both sides are present, typed ones otherwise.
            let typed = old.is_none() || new.is_none();
            return Err(AmqpError::precondition_failed(format!(
                "inequivalent arg '{key}' for {resource}: received {} but current is {}",
                describe(new, typed),
                describe(old, typed)
            )));
        }
    }
    Ok(())
}

/// A message waiting in a queue, with its place in line and its deadline.
#[derive(Debug, Clone, PartialEq)]
pub struct QueuedMessage {
    /// The message, shared with the deliveries of it (a change copies it first).
    pub message: Rc<Message>,
    /// Its place in this queue: requeued messages go back between their old neighbours.
    pub seq: u64,
    /// Virtual time at which its TTL runs out, if it has one.
    pub expires_at: Option<u64>,
}

/// A declared queue.
#[derive(Debug, Clone)]
pub struct Queue {
    /// Its name, shared with the deliveries and events that mention it.
    pub name: Rc<str>,
    /// Tells this queue apart from an earlier one of the same name: deliveries from a
    /// deleted queue must not be settled against its successor. Set by the broker.
    pub incarnation: u32,
    /// Survives a broker restart (with its persistent messages).
    pub durable: bool,
    /// Deleted when its last consumer goes (if it ever had one).
    pub auto_delete: bool,
    /// The connection that owns it, if exclusive.
    pub exclusive_owner: Option<u32>,
    /// Declaration arguments as given.
    pub arguments: FieldTable,
    /// The arguments that change behaviour.
    pub settings: QueueSettings,
    /// Messages ready for delivery, oldest first.
    pub ready: VecDeque<QueuedMessage>,
    /// Delivered but not yet acknowledged.
    pub unacked: usize,
    /// Consumers in round-robin order: (channel, consumer tag); the next one first.
    pub consumers: Vec<(u32, Rc<str>)>,
    /// Whether a consumer ever subscribed (auto-delete needs one to have gone).
    pub had_consumer: bool,
    /// Last time the queue was used, for `x-expires`.
    pub last_used: u64,
    ready_bytes: u64,
    next_seq: u64,
}

impl Queue {
    /// A new, empty queue.
    pub fn new(
        name: &str,
        durable: bool,
        auto_delete: bool,
        exclusive_owner: Option<u32>,
        arguments: FieldTable,
        settings: QueueSettings,
        now: u64,
    ) -> Queue {
        Queue {
            name: Rc::from(name),
            incarnation: 0,
            durable,
            auto_delete,
            exclusive_owner,
            arguments,
            settings,
            ready: VecDeque::new(),
            unacked: 0,
            consumers: Vec::new(),
            had_consumer: false,
            last_used: now,
            ready_bytes: 0,
            next_seq: 0,
        }
    }

    /// The deadline of a message entering now: the sooner of queue TTL and its expiration.
    fn deadline(&self, message: &Message, now: u64) -> Option<u64> {
        let own = message
            .properties
            .expiration
            .as_deref()
            .and_then(|e| e.parse::<u64>().ok());
        let ttl = match (self.settings.message_ttl, own) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        ttl.map(|t| now.saturating_add(t))
    }

    /// Wraps a message for this queue, taking the next place in line.
    pub fn admit(&mut self, message: Rc<Message>, now: u64) -> QueuedMessage {
        let expires_at = self.deadline(&message, now);
        let seq = self.next_seq;
        self.next_seq += 1;
        QueuedMessage {
            message,
            seq,
            expires_at,
        }
    }

    /// Whether one more message of `size` bytes would exceed a length limit.
    pub fn would_overflow(&self, size: usize) -> bool {
        let len = self.ready.len() as u64 + 1;
        let bytes = self.ready_bytes + size as u64;
        self.settings.max_length.is_some_and(|m| len > m)
            || self.settings.max_length_bytes.is_some_and(|m| bytes > m)
    }

    /// Whether the ready messages exceed a length limit now.
    pub fn over_limit(&self) -> bool {
        self.settings
            .max_length
            .is_some_and(|m| self.ready.len() as u64 > m)
            || self
                .settings
                .max_length_bytes
                .is_some_and(|m| self.ready_bytes > m)
    }

    /// Appends a message at the tail.
    pub fn push_back(&mut self, queued: QueuedMessage) {
        self.ready_bytes += queued.message.payload.len() as u64;
        self.ready.push_back(queued);
    }

    /// Puts a message back at its original position, marked redelivered.
    pub fn requeue(&mut self, mut queued: QueuedMessage) {
        if !queued.message.redelivered {
            Rc::make_mut(&mut queued.message).redelivered = true;
        }
        self.ready_bytes += queued.message.payload.len() as u64;
        let at = self.ready.partition_point(|m| m.seq < queued.seq);
        self.ready.insert(at, queued);
    }

    /// Takes the oldest ready message.
    pub fn pop_front(&mut self) -> Option<QueuedMessage> {
        let queued = self.ready.pop_front()?;
        self.ready_bytes -= queued.message.payload.len() as u64;
        Some(queued)
    }

    /// Takes the oldest message if its TTL has run out: RabbitMQ expires at the head only.
    pub fn pop_expired(&mut self, now: u64) -> Option<QueuedMessage> {
        match self.ready.front() {
            Some(m) if m.expires_at.is_some_and(|t| t <= now) => self.pop_front(),
            _ => None,
        }
    }

    /// Removes all ready messages, returning how many there were.
    pub fn purge(&mut self) -> usize {
        let n = self.ready.len();
        self.ready.clear();
        self.ready_bytes = 0;
        n
    }

    /// Keeps only the ready messages that pass `keep` (a broker restart keeps persistent ones).
    pub fn retain(&mut self, keep: impl Fn(&QueuedMessage) -> bool) {
        self.ready.retain(keep);
        self.ready_bytes = self
            .ready
            .iter()
            .map(|m| m.message.payload.len() as u64)
            .sum();
    }

    /// The arguments checked on re-declaration.
    pub fn equivalence_keys() -> &'static [&'static str] {
        EQUIVALENCE_KEYS
    }
}

/// A queue's place in the broker's [`Queues`]: stable while the queue exists, so the
/// per-message path (routing, delivery, settling) reaches a queue without its name.
/// A later queue may reuse the place; [`Queue::incarnation`] tells the two apart.
pub type QueueId = Slot;

/// The declared queues, by place and by name.
pub type Queues = Table<Queue>;

impl Named for Queue {
    fn name(&self) -> &Rc<str> {
        &self.name
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::Properties;

    fn message(id: u64) -> Message {
        Message {
            id,
            exchange: "".into(),
            routing_key: "q".into(),
            payload: b"x".to_vec(),
            properties: Properties::default(),
            redelivered: false,
        }
    }

    #[test]
    fn requeue_restores_the_original_position() {
        let mut q = Queue::new(
            "q",
            false,
            false,
            None,
            FieldTable::new(),
            QueueSettings::default(),
            0,
        );
        for id in 0..3 {
            let m = q.admit(Rc::new(message(id)), 0);
            q.push_back(m);
        }
        let first = q.pop_front();
        let second = q.pop_front();
        q.requeue(second.unwrap());
        q.requeue(first.unwrap());
        let order: Vec<(u64, bool)> = q
            .ready
            .iter()
            .map(|m| (m.message.id, m.message.redelivered))
            .collect();
        assert_eq!(order, [(0, true), (1, true), (2, false)]);
    }

    #[test]
    fn settings_reject_bad_values_with_rabbitmq_texts() {
        let args = |k: &str, v: FieldValue| FieldTable::from([(k.to_string(), v)]);
        let err = |t: FieldTable| QueueSettings::parse("bq", &t).unwrap_err().text;
        assert_eq!(
            err(args("x-message-ttl", FieldValue::SignedInt(-1))),
            "PRECONDITION_FAILED - invalid arg 'x-message-ttl' for queue 'bq' in vhost '/': {value_negative,-1}"
        );
        assert_eq!(
            err(args("x-expires", FieldValue::SignedInt(0))),
            "PRECONDITION_FAILED - invalid arg 'x-expires' for queue 'bq' in vhost '/': {value_zero,0}"
        );
        assert_eq!(
            err(args("x-message-ttl", FieldValue::LongStr("a".into()))),
            "PRECONDITION_FAILED - invalid arg 'x-message-ttl' for queue 'bq' in vhost '/': \"expected integer, got longstr\""
        );
    }

    #[test]
    fn equivalence_texts_match_rabbitmq() {
        let t = |v: Option<i32>| -> FieldTable {
            v.map(|n| ("x-max-length".to_string(), FieldValue::SignedInt(n)))
                .into_iter()
                .collect()
        };
        let check = |a, b| {
            assert_args_equivalence(&t(a), &t(b), "queue 'pq' in vhost '/'", EQUIVALENCE_KEYS)
                .unwrap_err()
                .text
        };
        assert_eq!(
            check(Some(10), Some(11)),
            "PRECONDITION_FAILED - inequivalent arg 'x-max-length' for queue 'pq' in vhost '/': received '11' but current is '10'"
        );
        assert_eq!(
            check(Some(10), None),
            "PRECONDITION_FAILED - inequivalent arg 'x-max-length' for queue 'pq' in vhost '/': received none but current is the value '10' of type 'signedint'"
        );
    }
}
