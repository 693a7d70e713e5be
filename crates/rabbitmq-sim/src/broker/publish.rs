//! `basic.publish`: routing through exchanges (and their alternates and exchange-to-exchange
//! bindings) and entering queues, where TTL and length limits apply.

use std::collections::BTreeSet;

use super::Broker;
use crate::binding::Destination;
use crate::error::{AmqpError, AmqpResult};
use crate::event::{DeadLetterReason, Event};
use crate::message::{Message, Properties};
use crate::queue::Overflow;
use crate::value::FieldTable;

/// The fields of `basic.publish` and the message it carries.
#[derive(Debug, Clone, Default)]
pub struct Publish {
    /// Target exchange (`""` routes by queue name).
    pub exchange: String,
    /// Routing key.
    pub routing_key: String,
    /// Return the message (basic.return) if no queue takes it.
    pub mandatory: bool,
    /// Basic properties.
    pub properties: Properties,
    /// Body.
    pub payload: Vec<u8>,
}

/// What became of a published message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    /// Its broker-wide id (events refer to it).
    pub message: u64,
    /// The queues it was routed to, in name order.
    pub queues: Vec<String>,
    /// It came back with basic.return (mandatory and unroutable).
    pub returned: bool,
    /// Under publisher confirms: the sequence number and whether it was acked.
    pub confirm: Option<(u64, bool)>,
}

/// Rejects an `expiration` property RabbitMQ cannot parse, with its error text.
fn check_expiration(properties: &Properties) -> AmqpResult<()> {
    let Some(text) = &properties.expiration else {
        return Ok(());
    };
    let digits_end = text
        .char_indices()
        .find(|(i, c)| !(c.is_ascii_digit() || (*i == 0 && (*c == '-' || *c == '+'))))
        .map_or(text.len(), |(i, _)| i);
    let (number, rest) = text.split_at(digits_end);
    let why = match number.parse::<i64>() {
        Err(_) => "no_integer".to_string(),
        Ok(_) if !rest.is_empty() => format!("{{leftover_string,\"{rest}\"}}"),
        Ok(n) if n < 0 => format!("{{value_negative,{n}}}"),
        Ok(_) => return Ok(()),
    };
    Err(AmqpError::precondition_failed(format!(
        "invalid expiration '{text}': {why}"
    )))
}

impl Broker {
    /// `basic.publish`.
    pub fn basic_publish(&mut self, channel: u32, p: Publish) -> AmqpResult<Published> {
        self.on_channel(channel, |b, _| {
            let x = b.existing_exchange(&p.exchange)?;
            if x.internal {
                return Err(AmqpError::access_refused(format!(
                    "cannot publish to internal exchange '{}' in vhost '/'",
                    p.exchange
                )));
            }
            check_expiration(&p.properties)?;
            if p.properties.reply_to.as_deref() == Some("amq.rabbitmq.reply-to") {
                // Direct reply-to needs a consumer on the pseudo-queue first; we have none.
                return Err(AmqpError::precondition_failed(
                    "fast reply consumer does not exist".to_string(),
                ));
            }
            let id = b.next_message_id;
            b.next_message_id += 1;
            b.events.push(Event::Published {
                message: id,
                exchange: p.exchange.clone(),
                routing_key: p.routing_key.clone(),
            });
            let mut message = Message {
                id,
                exchange: p.exchange,
                routing_key: p.routing_key,
                payload: p.payload,
                properties: p.properties,
                redelivered: false,
            };
            let queues = b.route(&message);
            message.strip_bcc();
            let returned = queues.is_empty() && p.mandatory;
            if queues.is_empty() {
                b.events.push(Event::Unroutable {
                    message: id,
                    exchange: message.exchange.clone(),
                });
            }
            if returned {
                b.events.push(Event::Returned {
                    message: id,
                    exchange: message.exchange.clone(),
                    routing_key: message.routing_key.clone(),
                });
            }
            let mut accepted = true;
            for q in &queues {
                accepted &= b.enqueue(q, message.clone());
            }
            let confirm = b
                .channels
                .get_mut(&channel)
                .filter(|c| c.confirming)
                .map(|c| {
                    c.publish_seq += 1;
                    (c.publish_seq, accepted)
                });
            if let Some((sequence, ack)) = confirm {
                b.events.push(Event::Confirmed {
                    channel,
                    sequence,
                    ack,
                });
            }
            Ok(Published {
                message: id,
                queues: queues.into_iter().collect(),
                returned,
                confirm,
            })
        })
    }

    /// `confirm.select`: from now on every publish on the channel is confirmed.
    pub fn confirm_select(&mut self, channel: u32) -> AmqpResult<()> {
        self.on_channel(channel, |b, _| {
            if let Some(c) = b.channels.get_mut(&channel) {
                c.confirming = true;
            }
            Ok(())
        })
    }

    /// The queues a message reaches from its exchange. Each exchange is visited once;
    /// an exchange that matches nothing itself hands the message to its alternate exchange.
    pub(crate) fn route(&mut self, message: &Message) -> BTreeSet<String> {
        let mut queues = BTreeSet::new();
        let keys = message.routing_keys();
        if message.exchange.is_empty() {
            // The default exchange: every queue is bound by its own name.
            for key in keys {
                if self.queues.contains_key(key) && queues.insert(key.to_string()) {
                    self.events.push(Event::Routed {
                        message: message.id,
                        exchange: String::new(),
                        destination: Destination::Queue(key.to_string()),
                    });
                }
            }
            return queues;
        }
        let empty = FieldTable::new();
        let headers = message.properties.headers.as_ref().unwrap_or(&empty);
        let mut visited = BTreeSet::new();
        let mut work = vec![message.exchange.clone()];
        while let Some(name) = work.pop() {
            if !visited.insert(name.clone()) {
                continue;
            }
            let Some(x) = self.exchanges.get(&name) else {
                continue;
            };
            let mut found = x.route(&keys, headers);
            if found.is_empty()
                && let Some(ae) = x.alternate_exchange()
                && self.exchanges.contains_key(ae)
            {
                found.insert(Destination::Exchange(ae.to_string()));
            }
            for destination in found {
                self.events.push(Event::Routed {
                    message: message.id,
                    exchange: name.clone(),
                    destination: destination.clone(),
                });
                match destination {
                    Destination::Queue(q) => {
                        if self.queues.contains_key(&q) {
                            queues.insert(q);
                        }
                    }
                    Destination::Exchange(next) => work.push(next),
                }
            }
        }
        queues
    }

    /// A message arrives at a queue: straight to a waiting consumer if the queue is empty,
    /// else to the tail, with the length limit and TTL applied. Returns false if the queue
    /// refused it (reject-publish).
    pub(crate) fn enqueue(&mut self, queue: &str, message: Message) -> bool {
        let now = self.now;
        let Some(q) = self.queues.get_mut(queue) else {
            return false;
        };
        if q.would_overflow(message.payload.len()) && q.settings.overflow != Overflow::DropHead {
            let dlx = q.settings.overflow == Overflow::RejectPublishDlx;
            self.events.push(Event::Dropped {
                message: message.id,
                queue: queue.to_string(),
            });
            if dlx {
                self.dead_letter(queue, message, DeadLetterReason::MaxLen);
            }
            return false;
        }
        let queued = q.admit(message, now);
        let ready_empty = q.ready.is_empty();
        let instant_death = queued.expires_at.is_some_and(|t| t <= now);
        let dlx = q.settings.dead_letter_exchange.is_some();
        if ready_empty && let Some((channel, tag)) = self.next_consumer(queue) {
            self.deliver(queue, channel, Some(tag), queued);
            return true;
        }
        if instant_death && !dlx {
            self.events.push(Event::Expired {
                message: queued.message.id,
                queue: queue.to_string(),
            });
            return true;
        }
        if let Some(q) = self.queues.get_mut(queue) {
            q.push_back(queued);
        }
        while let Some(dropped) = self
            .queues
            .get_mut(queue)
            .filter(|q| q.over_limit())
            .and_then(|q| q.pop_front())
        {
            self.events.push(Event::Dropped {
                message: dropped.message.id,
                queue: queue.to_string(),
            });
            self.dead_letter(queue, dropped.message, DeadLetterReason::MaxLen);
        }
        self.expire_messages(queue);
        true
    }

    /// Drops the messages at the head of a queue whose TTL has run out, dead-lettering them.
    pub(crate) fn expire_messages(&mut self, queue: &str) {
        let now = self.now;
        while let Some(expired) = self.queues.get_mut(queue).and_then(|q| q.pop_expired(now)) {
            self.events.push(Event::Expired {
                message: expired.message.id,
                queue: queue.to_string(),
            });
            self.dead_letter(queue, expired.message, DeadLetterReason::Expired);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expiring(e: &str) -> Properties {
        Properties {
            expiration: Some(e.to_string()),
            ..Properties::default()
        }
    }

    #[test]
    fn expiration_errors_read_like_rabbitmq() {
        let err = |e: &str| check_expiration(&expiring(e)).unwrap_err().text;
        assert_eq!(
            err("abc"),
            "PRECONDITION_FAILED - invalid expiration 'abc': no_integer"
        );
        assert_eq!(
            err("-1"),
            "PRECONDITION_FAILED - invalid expiration '-1': {value_negative,-1}"
        );
        assert_eq!(
            err("5x"),
            "PRECONDITION_FAILED - invalid expiration '5x': {leftover_string,\"x\"}"
        );
        assert!(check_expiration(&expiring("5000")).is_ok());
    }
}
