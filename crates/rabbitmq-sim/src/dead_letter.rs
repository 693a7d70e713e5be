//! Dead-lettering: messages a queue gives up (rejected, expired, pushed out by a length
//! limit) are republished to the queue's dead-letter exchange with an `x-death` history.

use std::rc::Rc;

use crate::broker::Broker;
use crate::event::{DeadLetterReason, Event};
use crate::message::Message;
use crate::queue::QueueId;
use crate::value::{FieldTable, FieldValue};

/// Records one more death of `message` in `queue` in its `x-death` header, as RabbitMQ does:
/// the entry for the same queue and reason is counted up and moved to the front, otherwise
/// a new entry is prepended; the first death also sets the `x-first-death-*` headers.
fn record_death(
    message: &Message,
    queue: &str,
    reason: DeadLetterReason,
    now_ms: u64,
) -> FieldTable {
    let mut headers = message.properties.headers.clone().unwrap_or_default();
    let mut deaths = match headers.remove("x-death") {
        Some(FieldValue::Array(items)) => items,
        _ => Vec::new(),
    };
    let same = |d: &FieldValue| match d {
        FieldValue::Table(t) => {
            t.get("queue").and_then(FieldValue::as_str) == Some(queue)
                && t.get("reason").and_then(FieldValue::as_str) == Some(reason.as_str())
        }
        _ => false,
    };
    let entry = match deaths.iter().position(same).map(|i| deaths.remove(i)) {
        Some(FieldValue::Table(mut t)) => {
            let count = t.get("count").and_then(FieldValue::as_int).unwrap_or(0);
            t.insert("count".into(), FieldValue::Long(count + 1));
            t
        }
        _ => {
            let mut t = FieldTable::new();
            t.insert("count".into(), FieldValue::Long(1));
            t.insert("reason".into(), FieldValue::LongStr(reason.as_str().into()));
            t.insert("queue".into(), FieldValue::LongStr(queue.into()));
            t.insert("time".into(), FieldValue::Timestamp(now_ms / 1000));
            t.insert(
                "exchange".into(),
                FieldValue::LongStr(message.exchange.to_string()),
            );
            let keys = message.routing_keys();
            t.insert(
                "routing-keys".into(),
                FieldValue::Array(
                    keys.into_iter()
                        .map(|k| FieldValue::LongStr(k.into()))
                        .collect(),
                ),
            );
            if let Some(e) = &message.properties.expiration {
                t.insert("original-expiration".into(), FieldValue::LongStr(e.clone()));
            }
            t
        }
    };
    if deaths.is_empty() {
        for (key, value) in [
            ("x-first-death-reason", reason.as_str()),
            ("x-first-death-queue", queue),
            ("x-first-death-exchange", &*message.exchange),
        ] {
            headers
                .entry(key.into())
                .or_insert_with(|| FieldValue::LongStr(value.into()));
        }
    }
    deaths.insert(0, FieldValue::Table(entry));
    headers.insert("x-death".into(), FieldValue::Array(deaths));
    headers
}

/// Whether delivering a dead-lettered message to `queue` would close a loop with no
/// rejection in it: RabbitMQ drops the message for that queue instead of cycling forever.
fn is_cycle(headers: &FieldTable, queue: &str) -> bool {
    let Some(FieldValue::Array(deaths)) = headers.get("x-death") else {
        return false;
    };
    let field = |d: &FieldValue, key: &str| match d {
        FieldValue::Table(t) => t.get(key).and_then(FieldValue::as_str).map(str::to_string),
        _ => None,
    };
    match deaths
        .iter()
        .position(|d| field(d, "queue").as_deref() == Some(queue))
    {
        None => false,
        Some(i) => deaths[..=i]
            .iter()
            .all(|d| field(d, "reason").as_deref() != Some("rejected")),
    }
}

impl Broker {
    /// Sends a message that left `queue` for `reason` to the queue's dead-letter exchange,
    /// if it has one that exists; otherwise the message is gone.
    pub(crate) fn dead_letter(
        &mut self,
        queue: QueueId,
        message: Rc<Message>,
        reason: DeadLetterReason,
    ) {
        let Some((queue, settings)) = self
            .queues()
            .by_id(queue)
            .map(|q| (Rc::clone(&q.name), q.settings.clone()))
        else {
            return;
        };
        let queue = &*queue;
        let Some(dlx) = settings.dead_letter_exchange else {
            return;
        };
        if !self.exchanges().contains_key(&dlx) {
            return;
        }
        let mut headers = record_death(&message, queue, reason, self.now());
        if settings.dead_letter_routing_key.is_some() {
            // A fixed dead-letter key replaces the sender-selected ones too.
            headers.remove("CC");
        }
        let mut properties = message.properties.clone();
        properties.expiration = None;
        properties.headers = Some(headers);
        let message = Rc::unwrap_or_clone(message);
        let dead = Rc::new(Message {
            id: message.id,
            exchange: dlx.as_str().into(),
            routing_key: settings
                .dead_letter_routing_key
                .map_or_else(|| Rc::clone(&message.routing_key), Rc::from),
            payload: message.payload,
            properties,
            redelivered: false,
        });
        self.record(Event::DeadLettered {
            message: dead.id,
            queue: queue.to_string(),
            exchange: dlx.into(),
            reason,
        });
        let empty = FieldTable::new();
        let mut targets = Vec::new();
        self.route(&dead, &mut targets);
        let headers = dead.properties.headers.as_ref().unwrap_or(&empty);
        let keep: Vec<QueueId> = targets
            .into_iter()
            .filter(|q| {
                reason == DeadLetterReason::Rejected
                    || self
                        .queues()
                        .by_id(*q)
                        .is_some_and(|q| !is_cycle(headers, &q.name))
            })
            .collect();
        for q in keep {
            self.enqueue(q, Rc::clone(&dead));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::Properties;

    fn message() -> Message {
        Message {
            id: 1,
            exchange: "logs".into(),
            routing_key: "k".into(),
            payload: Vec::new(),
            properties: Properties {
                expiration: Some("100".into()),
                ..Properties::default()
            },
            redelivered: false,
        }
    }

    #[test]
    fn a_second_death_in_the_same_queue_counts_up() {
        let mut m = message();
        m.properties.headers = Some(record_death(&m, "q", DeadLetterReason::Expired, 5000));
        let headers = record_death(&m, "q", DeadLetterReason::Expired, 9000);
        let Some(FieldValue::Array(deaths)) = headers.get("x-death") else {
            panic!("no x-death");
        };
        assert_eq!(deaths.len(), 1);
        let FieldValue::Table(entry) = &deaths[0] else {
            panic!("not a table");
        };
        assert_eq!(entry.get("count"), Some(&FieldValue::Long(2)));
        assert_eq!(
            entry.get("original-expiration"),
            Some(&FieldValue::LongStr("100".into()))
        );
        assert_eq!(
            headers.get("x-first-death-queue"),
            Some(&FieldValue::LongStr("q".into()))
        );
    }

    #[test]
    fn expiry_loops_are_cycles_rejections_are_not() {
        let m = message();
        let expired = record_death(&m, "q", DeadLetterReason::Expired, 0);
        assert!(is_cycle(&expired, "q"));
        assert!(!is_cycle(&expired, "other"));
        let rejected = record_death(&m, "q", DeadLetterReason::Rejected, 0);
        assert!(!is_cycle(&rejected, "q"));
    }
}
