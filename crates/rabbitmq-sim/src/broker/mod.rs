//! The broker: one vhost `/` with its exchanges, queues, bindings, connections and channels.
//!
//! The AMQP methods are split by mechanism: [`topology`] declares and deletes, [`publish`]
//! routes, [`delivery`] hands messages to consumers and settles them, and
//! [`crate::dead_letter`] republishes what queues give up.

pub mod delivery;
pub mod publish;
pub mod topology;

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use rand::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::binding::{Binding, Destination};
use crate::channel::Channel;
use crate::error::{AmqpError, AmqpResult, Scope};
use crate::event::Event;
use crate::exchange::{Exchange, ExchangeType, Exchanges};
use crate::queue::{Queue, QueueId, Queues};
use crate::value::FieldTable;

/// A client connection: it owns channels and exclusive queues.
#[derive(Debug, Clone, Default)]
pub struct Connection {
    /// The client's `connection_name`, so each client finds its own deliveries.
    pub name: String,
    /// Its open channels.
    pub channels: BTreeSet<u32>,
}

/// 405 for a queue that is exclusive to another connection (or whose exclusivity differs).
fn locked(queue: &str) -> AmqpError {
    AmqpError::resource_locked(format!(
        "cannot obtain exclusive access to locked queue '{queue}' in vhost '/'. It could be originally declared on another connection or the exclusive property value does not match that of the original declaration."
    ))
}

/// The exchanges every vhost starts with: name, type, internal.
const PREDECLARED: &[(&str, ExchangeType, bool)] = &[
    ("", ExchangeType::Direct, false),
    ("amq.direct", ExchangeType::Direct, false),
    ("amq.fanout", ExchangeType::Fanout, false),
    ("amq.headers", ExchangeType::Headers, false),
    ("amq.match", ExchangeType::Headers, false),
    ("amq.rabbitmq.trace", ExchangeType::Topic, true),
    ("amq.topic", ExchangeType::Topic, false),
];

/// The model of a RabbitMQ node with one vhost, driven by AMQP methods.
#[derive(Debug, Clone)]
pub struct Broker {
    exchanges: Exchanges,
    queues: Queues,
    bindings: BTreeSet<Binding>,
    connections: BTreeMap<u32, Connection>,
    channels: BTreeMap<u32, Channel>,
    /// Channels whose inbox is not empty, so clients need not look at every channel.
    inboxes: BTreeSet<u32>,
    next_id: u32,
    next_message_id: u64,
    now: u64,
    rng: ChaCha8Rng,
    events: Vec<Event>,
    /// The queues a settle dispatches, a list kept from settle to settle (one a message).
    settled_queues: Vec<QueueId>,
}

impl Broker {
    /// A freshly started broker; `seed` drives server-generated names.
    pub fn new(seed: u64) -> Broker {
        let mut exchanges = Exchanges::default();
        for (name, kind, internal) in PREDECLARED {
            exchanges.insert(Exchange::new(
                name,
                *kind,
                true,
                false,
                *internal,
                FieldTable::new(),
            ));
        }
        Broker {
            exchanges,
            queues: Queues::default(),
            bindings: BTreeSet::new(),
            connections: BTreeMap::new(),
            channels: BTreeMap::new(),
            inboxes: BTreeSet::new(),
            next_id: 1,
            next_message_id: 1,
            now: 0,
            rng: ChaCha8Rng::seed_from_u64(seed),
            events: Vec::new(),
            settled_queues: Vec::new(),
        }
    }

    /// The events since the last call, oldest first. The next batch starts with room for
    /// as many, so a busy broker does not regrow its list from nothing every time.
    pub fn drain_events(&mut self) -> Vec<Event> {
        let room = self.events.len();
        std::mem::replace(&mut self.events, Vec::with_capacity(room))
    }

    /// Appends an event for the page.
    pub(crate) fn record(&mut self, event: Event) {
        self.events.push(event);
    }

    /// The current virtual time in milliseconds.
    pub fn now(&self) -> u64 {
        self.now
    }

    /// Moves the virtual clock forward and lets time act: message TTLs and queue expiry.
    /// Time never goes back; an earlier `now_ms` is ignored.
    pub fn advance_to(&mut self, now_ms: u64) {
        if now_ms <= self.now {
            return;
        }
        self.now = now_ms;
        let unused = |q: &Queue| {
            q.consumers.is_empty()
                && q.settings
                    .expires
                    .is_some_and(|e| now_ms >= q.last_used.saturating_add(e))
        };
        // Only queues where time has something to do; most have nothing.
        let due: Vec<&str> = self
            .queues
            .values()
            .filter(|q| {
                unused(q)
                    || q.ready
                        .front()
                        .is_some_and(|m| m.expires_at.is_some_and(|t| t <= now_ms))
            })
            .map(|q| &*q.name)
            .collect();
        let due: Vec<QueueId> = due.iter().filter_map(|name| self.queues.id(name)).collect();
        for id in due {
            self.expire_messages(id);
            if let Some(q) = self.queues.by_id(id).filter(|q| unused(q)) {
                let name = Rc::clone(&q.name);
                self.remove_queue(&name);
            }
        }
    }

    /// Exchanges by name.
    pub fn exchanges(&self) -> &Exchanges {
        &self.exchanges
    }

    /// Queues by name.
    pub fn queues(&self) -> &Queues {
        &self.queues
    }

    /// One queue.
    pub fn queue(&self, name: &str) -> Option<&Queue> {
        self.queues.get(name)
    }

    /// Explicit bindings, ordered by source, destination, key, arguments.
    pub fn bindings(&self) -> &BTreeSet<Binding> {
        &self.bindings
    }

    /// All bindings as RabbitMQ lists them: the default exchange's implicit binding to
    /// every queue (keyed by the queue's name) and then the explicit ones.
    pub fn listed_bindings(&self) -> Vec<Binding> {
        let implicit = self.queues.keys().map(|q| Binding {
            source: String::new(),
            destination: Destination::Queue(q.clone()),
            routing_key: q.clone(),
            arguments: FieldTable::new(),
        });
        implicit.chain(self.bindings.iter().cloned()).collect()
    }

    /// Open channels by id.
    pub fn channels(&self) -> &BTreeMap<u32, Channel> {
        &self.channels
    }

    /// Open connections by id.
    pub fn connections(&self) -> &BTreeMap<u32, Connection> {
        &self.connections
    }

    /// Opens a client connection with a `connection_name`.
    pub fn open_connection(&mut self, name: &str) -> u32 {
        let id = self.take_id();
        self.connections.insert(
            id,
            Connection {
                name: name.to_string(),
                channels: BTreeSet::new(),
            },
        );
        id
    }

    /// Opens a channel on a connection.
    pub fn open_channel(&mut self, connection: u32) -> AmqpResult<u32> {
        let id = self.take_id();
        let Some(conn) = self.connections.get_mut(&connection) else {
            return Err(AmqpError::channel_error(format!(
                "connection {connection} is not open"
            )));
        };
        conn.channels.insert(id);
        self.channels.insert(id, Channel::new(connection));
        Ok(id)
    }

    /// Closes a channel as the client does (reply 200): unacked messages go back.
    pub fn close_channel(&mut self, channel: u32) {
        self.shut_channel(channel, 200, "OK".to_string());
    }

    /// Closes a connection: its channels close and its exclusive queues are deleted.
    pub fn close_connection(&mut self, connection: u32) {
        let Some(conn) = self.connections.remove(&connection) else {
            return;
        };
        for channel in conn.channels {
            self.shut_channel(channel, 320, "CONNECTION_FORCED".to_string());
        }
        let owned: Vec<String> = self
            .queues
            .values()
            .filter(|q| q.exclusive_owner == Some(connection))
            .map(|q| q.name.to_string())
            .collect();
        for name in owned {
            self.remove_queue(&name);
        }
    }

    /// Stops and starts the node: connections drop (their unacked messages are requeued
    /// as redelivered), then only durable exchanges, durable queues, bindings between
    /// durable ends, and persistent messages in durable queues remain.
    pub fn restart(&mut self) {
        let connections: Vec<u32> = self.connections.keys().copied().collect();
        for c in connections {
            self.close_connection(c);
        }
        let transient_queues: Vec<String> = self
            .queues
            .values()
            .filter(|q| !q.durable)
            .map(|q| q.name.to_string())
            .collect();
        let transient_exchanges: Vec<String> = self
            .exchanges
            .values()
            .filter(|x| !x.durable)
            .map(|x| x.name.to_string())
            .collect();
        for q in &transient_queues {
            self.queues.remove(q);
            self.events.push(Event::QueueDeleted { queue: q.clone() });
        }
        for x in &transient_exchanges {
            self.exchanges.remove(x);
            self.events.push(Event::ExchangeDeleted {
                exchange: x.clone(),
            });
        }
        let lost: Vec<Binding> = self
            .bindings
            .iter()
            .filter(|b| {
                !self.exchanges.contains_key(&b.source) || !self.destination_exists(&b.destination)
            })
            .cloned()
            .collect();
        for b in lost {
            self.unlink_binding(&b);
        }
        let now = self.now;
        for q in self.queues.values_mut() {
            q.retain(|m| m.message.properties.persistent());
            q.last_used = now;
        }
        self.events.push(Event::Restarted);
    }

    pub(crate) fn take_id(&mut self) -> u32 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    /// A server-generated name such as `amq.gen-JzTY20BRgKO-HjmUJj0wLg`.
    fn generated_name(&mut self, prefix: &str) -> String {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let mut name = String::from(prefix);
        for _ in 0..22 {
            name.push(char::from(ALPHABET[(self.rng.next_u32() % 64) as usize]));
        }
        name
    }

    fn destination_exists(&self, destination: &Destination) -> bool {
        match destination {
            Destination::Queue(q) => self.queues.contains_key(q),
            Destination::Exchange(x) => self.exchanges.contains_key(x),
        }
    }

    /// Runs a method on a channel; an exception closes the channel (or the connection).
    fn on_channel<T>(
        &mut self,
        channel: u32,
        method: impl FnOnce(&mut Self, u32) -> AmqpResult<T>,
    ) -> AmqpResult<T> {
        let Some(connection) = self.channels.get(&channel).map(|c| c.connection) else {
            return Err(AmqpError::channel_error(
                "expected 'channel.open'".to_string(),
            ));
        };
        let result = method(self, connection);
        if let Err(e) = &result {
            match e.scope {
                Scope::Channel => self.shut_channel(channel, e.code, e.text.clone()),
                Scope::Connection => self.close_connection(connection),
            }
        }
        result
    }

    /// Closes a channel: consumers go (auto-delete queues may follow) and unacknowledged
    /// messages return to their queues.
    fn shut_channel(&mut self, channel: u32, reply_code: u16, reply_text: String) {
        // Consumers go first, so nothing requeued below is delivered back to this channel.
        let Some(consumers) = self
            .channels
            .get_mut(&channel)
            .map(|c| std::mem::take(&mut c.consumers))
        else {
            return;
        };
        for (tag, consumer) in consumers {
            self.detach_consumer(channel, &tag, &consumer.queue);
        }
        let tags: Vec<u64> = self
            .channels
            .get(&channel)
            .map(|c| c.unacked.keys().collect())
            .unwrap_or_default();
        let mut touched = BTreeSet::new();
        for tag in tags {
            if let Some(pending) = self.take_pending(channel, tag) {
                touched.insert(pending.queue.clone());
                self.return_to_queue(pending);
            }
        }
        let Some(ch) = self.channels.remove(&channel) else {
            return;
        };
        self.inboxes.remove(&channel);
        if let Some(conn) = self.connections.get_mut(&ch.connection) {
            conn.channels.remove(&channel);
        }
        self.events.push(Event::ChannelClosed {
            channel,
            reply_code,
            reply_text,
        });
        for q in touched {
            if let Some(id) = self.queues.id(&q) {
                self.dispatch(id);
            }
        }
    }

    fn exclusive_check(&self, queue: &Queue, connection: u32) -> AmqpResult<()> {
        match queue.exclusive_owner {
            Some(owner) if owner != connection => Err(locked(&queue.name)),
            _ => Ok(()),
        }
    }

    /// Looks a queue up for a method on `connection`: 404 if absent, 405 if locked.
    fn usable_queue(&self, name: &str, connection: u32) -> AmqpResult<&Queue> {
        let queue = self
            .queues
            .get(name)
            .ok_or_else(|| AmqpError::not_found(format!("no queue '{name}' in vhost '/'")))?;
        self.exclusive_check(queue, connection)?;
        Ok(queue)
    }

    fn existing_exchange(&self, name: &str) -> AmqpResult<&Exchange> {
        self.exchanges
            .get(name)
            .ok_or_else(|| AmqpError::not_found(format!("no exchange '{name}' in vhost '/'")))
    }
}

#[cfg(test)]
mod tests;
