//! `basic.publish`: routing through exchanges (and their alternates and exchange-to-exchange
//! bindings) and entering queues, where TTL and length limits apply.

use std::rc::Rc;

use super::Broker;
use crate::binding::{Destination, Matched};
use crate::error::{AmqpError, AmqpResult};
use crate::event::{DeadLetterReason, Event, RoutedTo};
use crate::message::{Message, Properties};
use crate::queue::{Overflow, QueueId};
use crate::value::FieldTable;

/// The fields of `basic.publish` and the message it carries.
#[derive(Debug, Clone, Default)]
pub struct Publish {
    /// Target exchange (`""` routes by queue name).
    pub exchange: Rc<str>,
    /// Routing key (shared, so a producer publishing the same keys copies none).
    pub routing_key: Rc<str>,
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
    pub queues: Vec<Rc<str>>,
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
        let mut routed = Vec::new();
        let mut published = self.publish(channel, p, &mut routed)?;
        published.queues = routed
            .iter()
            .filter_map(|q| Some(Rc::clone(&self.queues.by_id(*q)?.name)))
            .collect();
        Ok(published)
    }

    /// `basic.publish` with the queues the message reached left in `routed` (cleared
    /// first) rather than named in [`Published::queues`], which stays empty: the
    /// simulation publishes every message through here with the same list, so a publish
    /// allocates no lists of its own.
    pub(crate) fn publish(
        &mut self,
        channel: u32,
        p: Publish,
        routed: &mut Vec<QueueId>,
    ) -> AmqpResult<Published> {
        routed.clear();
        self.on_channel(channel, |b, _| {
            let x = b.existing_exchange(&p.exchange)?;
            let exchange = Rc::clone(&x.name);
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
                channel,
                exchange: Rc::clone(&exchange),
                routing_key: p.routing_key.clone(),
            });
            let mut message = Message {
                id,
                exchange: Rc::clone(&exchange),
                routing_key: p.routing_key,
                payload: p.payload,
                properties: p.properties,
                redelivered: false,
            };
            b.route(&message, routed);
            let queues = &*routed;
            message.strip_bcc();
            let returned = queues.is_empty() && p.mandatory;
            if queues.is_empty() {
                b.events.push(Event::Unroutable {
                    message: id,
                    exchange: Rc::clone(&exchange),
                });
            }
            if returned {
                b.events.push(Event::Returned {
                    message: id,
                    exchange,
                    routing_key: message.routing_key.clone(),
                });
            }
            let message = Rc::new(message);
            let mut accepted = true;
            for q in queues {
                accepted &= b.enqueue(*q, Rc::clone(&message));
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
                queues: Vec::new(),
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

    /// The queues a message reaches from its exchange, in name order, into `queues`. Each
    /// exchange is visited once; an exchange that matches nothing itself hands the message
    /// to its alternate exchange. (This runs for every message: the usual case, one
    /// exchange and one routing key, allocates nothing but the events.)
    pub(crate) fn route(&mut self, message: &Message, queues: &mut Vec<QueueId>) {
        let with_headers;
        let keys: &[&str] = if message.properties.headers.is_some() {
            with_headers = message.routing_keys();
            &with_headers
        } else {
            &[&*message.routing_key]
        };
        if message.exchange.is_empty() {
            // The default exchange: every queue is bound by its own name.
            let default = self
                .exchanges
                .get("")
                .map_or_else(|| Rc::from(""), |x| Rc::clone(&x.name));
            for key in keys {
                if let Some(q) = self.queues.id(key)
                    && !queues.contains(&q)
                    && let Some(queue) = self.queues.by_id(q)
                {
                    queues.push(q);
                    self.events.push(Event::Routed {
                        message: message.id,
                        exchange: Rc::clone(&default),
                        destination: RoutedTo::Queue(Rc::clone(&queue.name)),
                    });
                }
            }
            self.sort_by_name(queues);
            return;
        }
        let empty = FieldTable::new();
        let headers = message.properties.headers.as_ref().unwrap_or(&empty);
        // Exchanges still to route through (a stack) and those already routed through
        // besides the first.
        let mut work: Vec<Rc<str>> = Vec::new();
        let mut visited: Vec<Rc<str>> = Vec::new();
        self.route_through(
            &message.exchange,
            message.id,
            keys,
            headers,
            &mut work,
            queues,
        );
        while let Some(name) = work.pop() {
            if *name == *message.exchange || visited.contains(&name) {
                continue;
            }
            self.route_through(&name, message.id, keys, headers, &mut work, queues);
            visited.push(name);
        }
        self.sort_by_name(queues);
        queues.dedup();
    }

    /// Puts queues in name order, the order RabbitMQ routes a message into them.
    pub(crate) fn sort_by_name(&self, queues: &mut [QueueId]) {
        if queues.len() > 1 {
            queues.sort_unstable_by(|a, b| {
                let name = |q| self.queues.by_id(q).map(|q| &q.name);
                name(*a).cmp(&name(*b))
            });
        }
    }

    /// Routes a message through one exchange: the queues it matches join `queues`, the
    /// exchanges it matches (or its alternate exchange) join `work`.
    fn route_through(
        &mut self,
        exchange: &str,
        message: u64,
        keys: &[&str],
        headers: &FieldTable,
        work: &mut Vec<Rc<str>>,
        queues: &mut Vec<QueueId>,
    ) {
        // Borrowed apart, so matches are read in place rather than copied out first.
        let Broker {
            exchanges,
            queues: declared,
            events,
            ..
        } = self;
        let Some(x) = exchanges.get(exchange) else {
            return;
        };
        let mut found = Matched::default();
        x.route(keys, headers, &mut found);
        if found.is_empty() {
            if let Some(ae) = x.alternate_exchange().and_then(|ae| exchanges.get(ae)) {
                work.push(Rc::clone(&ae.name));
                events.push(Event::Routed {
                    message,
                    exchange: Rc::clone(&x.name),
                    destination: RoutedTo::Exchange(Rc::clone(&ae.name)),
                });
            }
            return;
        }
        for destination in found.iter() {
            // The names the broker holds, shared with the event (a binding's destination
            // exists while the binding does).
            let destination = match destination {
                Destination::Queue(q) => {
                    let id = declared.id(q);
                    queues.extend(id);
                    let name = id.and_then(|id| declared.by_id(id));
                    RoutedTo::Queue(name.map_or_else(|| q.as_str().into(), |q| Rc::clone(&q.name)))
                }
                Destination::Exchange(next) => {
                    let next = exchanges
                        .get(next)
                        .map_or_else(|| Rc::from(next.as_str()), |x| Rc::clone(&x.name));
                    work.push(Rc::clone(&next));
                    RoutedTo::Exchange(next)
                }
            };
            events.push(Event::Routed {
                message,
                exchange: Rc::clone(&x.name),
                destination,
            });
        }
    }

    /// A message arrives at a queue: straight to a waiting consumer if the queue is empty,
    /// else to the tail, with the length limit and TTL applied. Returns false if the queue
    /// refused it (reject-publish).
    pub(crate) fn enqueue(&mut self, queue: QueueId, message: Rc<Message>) -> bool {
        let now = self.now;
        let Some(q) = self.queues.by_id_mut(queue) else {
            return false;
        };
        if q.would_overflow(message.payload.len()) && q.settings.overflow != Overflow::DropHead {
            let dlx = q.settings.overflow == Overflow::RejectPublishDlx;
            self.events.push(Event::Dropped {
                message: message.id,
                queue: q.name.to_string(),
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
        let Some(q) = self.queues.by_id_mut(queue) else {
            return false;
        };
        if instant_death && !dlx {
            self.events.push(Event::Expired {
                message: queued.message.id,
                queue: q.name.to_string(),
            });
            return true;
        }
        q.push_back(queued);
        while let Some(q) = self.queues.by_id_mut(queue).filter(|q| q.over_limit())
            && let Some(dropped) = q.pop_front()
        {
            self.events.push(Event::Dropped {
                message: dropped.message.id,
                queue: q.name.to_string(),
            });
            self.dead_letter(queue, dropped.message, DeadLetterReason::MaxLen);
        }
        self.expire_messages(queue);
        true
    }

    /// Drops the messages at the head of a queue whose TTL has run out, dead-lettering them.
    pub(crate) fn expire_messages(&mut self, queue: QueueId) {
        let now = self.now;
        while let Some(q) = self.queues.by_id_mut(queue)
            && let Some(expired) = q.pop_expired(now)
        {
            self.events.push(Event::Expired {
                message: expired.message.id,
                queue: q.name.to_string(),
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
