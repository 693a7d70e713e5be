//! Declaring and deleting exchanges, queues and bindings (`exchange.*`, `queue.*`).

use super::Broker;
use crate::binding::{Binding, Destination};
use crate::error::{AmqpError, AmqpResult};
use crate::event::Event;
use crate::exchange::{Exchange, ExchangeType};
use crate::queue::{Queue, QueueSettings, assert_args_equivalence};
use crate::value::FieldTable;

/// The fields of `exchange.declare`.
#[derive(Debug, Clone, Default)]
pub struct ExchangeDeclare {
    /// Exchange name.
    pub exchange: String,
    /// Type name: direct, fanout, topic or headers.
    pub kind: String,
    /// Only check that it exists.
    pub passive: bool,
    /// Survive a restart.
    pub durable: bool,
    /// Delete when the last binding from it goes.
    pub auto_delete: bool,
    /// Not publishable directly.
    pub internal: bool,
    /// Arguments (`alternate-exchange`).
    pub arguments: FieldTable,
}

/// The fields of `queue.declare`.
#[derive(Debug, Clone, Default)]
pub struct QueueDeclare {
    /// Queue name; empty asks the server for a name.
    pub queue: String,
    /// Only check that it exists.
    pub passive: bool,
    /// Survive a restart.
    pub durable: bool,
    /// Owned by this connection, deleted with it.
    pub exclusive: bool,
    /// Delete when the last consumer goes.
    pub auto_delete: bool,
    /// Arguments (`x-message-ttl`, `x-max-length`, ...).
    pub arguments: FieldTable,
}

/// `queue.declare-ok`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeclareOk {
    /// The queue's name (the generated one for server-named queues).
    pub queue: String,
    /// Ready messages.
    pub message_count: usize,
    /// Consumers.
    pub consumer_count: usize,
}

fn rs_exchange(name: &str) -> String {
    format!("exchange '{name}' in vhost '/'")
}

fn rs_queue(name: &str) -> String {
    format!("queue '{name}' in vhost '/'")
}

fn default_exchange_refused() -> AmqpError {
    AmqpError::access_refused("operation not permitted on the default exchange".to_string())
}

/// Refuses names starting with `amq.` for new exchanges and queues.
fn check_name(kind: &str, name: &str) -> AmqpResult<()> {
    if name.starts_with("amq.") {
        return Err(AmqpError::access_refused(format!(
            "{kind} name '{name}' contains reserved prefix 'amq.*'"
        )));
    }
    Ok(())
}

/// `inequivalent arg` for a plain field (type, durable...), as `assert_field_equivalence`.
fn field_equivalence(key: &str, resource: &str, current: &str, requested: &str) -> AmqpResult<()> {
    if current == requested {
        return Ok(());
    }
    Err(AmqpError::precondition_failed(format!(
        "inequivalent arg '{key}' for {resource}: received '{requested}' but current is '{current}'"
    )))
}

impl Broker {
    /// `exchange.declare`.
    pub fn exchange_declare(&mut self, channel: u32, d: &ExchangeDeclare) -> AmqpResult<()> {
        self.on_channel(channel, |b, _| {
            if d.passive {
                if d.exchange.is_empty() {
                    return Err(default_exchange_refused());
                }
                return b.existing_exchange(&d.exchange).map(|_| ());
            }
            let kind = ExchangeType::parse(&d.kind)?;
            if d.exchange.is_empty() {
                return Err(default_exchange_refused());
            }
            let resource = rs_exchange(&d.exchange);
            match b.exchanges.get(&d.exchange) {
                Some(x) => {
                    field_equivalence("type", &resource, x.kind.as_str(), kind.as_str())?;
                    field_equivalence(
                        "durable",
                        &resource,
                        &x.durable.to_string(),
                        &d.durable.to_string(),
                    )?;
                    field_equivalence(
                        "auto_delete",
                        &resource,
                        &x.auto_delete.to_string(),
                        &d.auto_delete.to_string(),
                    )?;
                    field_equivalence(
                        "internal",
                        &resource,
                        &x.internal.to_string(),
                        &d.internal.to_string(),
                    )?;
                    assert_args_equivalence(
                        &x.arguments,
                        &d.arguments,
                        &resource,
                        &["alternate-exchange"],
                    )
                }
                None => {
                    check_name("exchange", &d.exchange)?;
                    let x = Exchange::new(
                        &d.exchange,
                        kind,
                        d.durable,
                        d.auto_delete,
                        d.internal,
                        d.arguments.clone(),
                    );
                    b.exchanges.insert(x);
                    b.events.push(Event::ExchangeDeclared {
                        exchange: d.exchange.clone(),
                    });
                    Ok(())
                }
            }
        })
    }

    /// `exchange.delete`; deleting an absent exchange succeeds, as in RabbitMQ 3.10.
    pub fn exchange_delete(&mut self, channel: u32, name: &str, if_unused: bool) -> AmqpResult<()> {
        self.on_channel(channel, |b, _| {
            if name.is_empty() {
                return Err(default_exchange_refused());
            }
            if name.starts_with("amq.") {
                return Err(AmqpError::access_refused(format!(
                    "deletion of system {} not allowed",
                    rs_exchange(name)
                )));
            }
            if !b.exchanges.contains_key(name) {
                return Ok(());
            }
            if if_unused && b.bindings.iter().any(|x| x.source == name) {
                return Err(AmqpError::precondition_failed(format!(
                    "{} in use",
                    rs_exchange(name)
                )));
            }
            b.remove_exchange(name);
            Ok(())
        })
    }

    /// `queue.declare`.
    pub fn queue_declare(&mut self, channel: u32, d: &QueueDeclare) -> AmqpResult<DeclareOk> {
        self.on_channel(channel, |b, connection| {
            let name = if d.queue.is_empty() && !d.passive {
                b.generated_name("amq.gen-")
            } else {
                d.queue.clone()
            };
            if d.passive {
                let q = b.usable_queue(&name, connection)?;
                return Ok(DeclareOk {
                    queue: name,
                    message_count: q.ready.len(),
                    consumer_count: q.consumers.len(),
                });
            }
            if !d.queue.is_empty() {
                check_name("queue", &name)?;
            }
            let owner = d.exclusive.then_some(connection);
            // An exclusive queue is never durable (RabbitMQ ignores the flag).
            let durable = d.durable && !d.exclusive;
            let now = b.now;
            if let Some(q) = b.queues.get_mut(&name) {
                if q.exclusive_owner != owner {
                    return Err(super::locked(&name));
                }
                let resource = rs_queue(&name);
                field_equivalence(
                    "durable",
                    &resource,
                    &q.durable.to_string(),
                    &durable.to_string(),
                )?;
                field_equivalence(
                    "auto_delete",
                    &resource,
                    &q.auto_delete.to_string(),
                    &d.auto_delete.to_string(),
                )?;
                assert_args_equivalence(
                    &q.arguments,
                    &d.arguments,
                    &resource,
                    Queue::equivalence_keys(),
                )?;
                q.last_used = now;
                return Ok(DeclareOk {
                    queue: name,
                    message_count: q.ready.len(),
                    consumer_count: q.consumers.len(),
                });
            }
            let settings = QueueSettings::parse(&name, &d.arguments)?;
            let mut q = Queue::new(
                &name,
                durable,
                d.auto_delete,
                owner,
                d.arguments.clone(),
                settings,
                now,
            );
            q.incarnation = b.take_id();
            b.queues.insert(q);
            b.events.push(Event::QueueDeclared {
                queue: name.clone(),
            });
            Ok(DeclareOk {
                queue: name,
                message_count: 0,
                consumer_count: 0,
            })
        })
    }

    /// `queue.delete`; returns how many ready messages went with it.
    pub fn queue_delete(
        &mut self,
        channel: u32,
        name: &str,
        if_unused: bool,
        if_empty: bool,
    ) -> AmqpResult<usize> {
        self.on_channel(channel, |b, connection| {
            let Some(q) = b.queues.get(name) else {
                return Ok(0);
            };
            b.exclusive_check(q, connection)?;
            if if_unused && !q.consumers.is_empty() {
                return Err(AmqpError::precondition_failed(format!(
                    "{} in use",
                    rs_queue(name)
                )));
            }
            if if_empty && !q.ready.is_empty() {
                return Err(AmqpError::precondition_failed(format!(
                    "{} not empty",
                    rs_queue(name)
                )));
            }
            let count = q.ready.len();
            b.remove_queue(name);
            Ok(count)
        })
    }

    /// `queue.purge`: drops the ready messages (not the unacknowledged ones).
    pub fn queue_purge(&mut self, channel: u32, name: &str) -> AmqpResult<usize> {
        self.on_channel(channel, |b, connection| {
            b.usable_queue(name, connection)?;
            Ok(b.queues.get_mut(name).map_or(0, Queue::purge))
        })
    }

    /// `queue.bind`.
    pub fn queue_bind(
        &mut self,
        channel: u32,
        queue: &str,
        exchange: &str,
        routing_key: &str,
        arguments: &FieldTable,
    ) -> AmqpResult<()> {
        let destination = Destination::Queue(queue.to_string());
        self.on_channel(channel, |b, connection| {
            b.bind(connection, exchange, destination, routing_key, arguments)
        })
    }

    /// `exchange.bind`: messages routed by `source` also go through `destination`.
    pub fn exchange_bind(
        &mut self,
        channel: u32,
        destination: &str,
        source: &str,
        routing_key: &str,
        arguments: &FieldTable,
    ) -> AmqpResult<()> {
        let destination = Destination::Exchange(destination.to_string());
        self.on_channel(channel, |b, connection| {
            b.bind(connection, source, destination, routing_key, arguments)
        })
    }

    /// `queue.unbind`; removing a binding that does not exist succeeds.
    pub fn queue_unbind(
        &mut self,
        channel: u32,
        queue: &str,
        exchange: &str,
        routing_key: &str,
        arguments: &FieldTable,
    ) -> AmqpResult<()> {
        let destination = Destination::Queue(queue.to_string());
        self.on_channel(channel, |b, connection| {
            b.unbind(connection, exchange, destination, routing_key, arguments)
        })
    }

    /// `exchange.unbind`.
    pub fn exchange_unbind(
        &mut self,
        channel: u32,
        destination: &str,
        source: &str,
        routing_key: &str,
        arguments: &FieldTable,
    ) -> AmqpResult<()> {
        let destination = Destination::Exchange(destination.to_string());
        self.on_channel(channel, |b, connection| {
            b.unbind(connection, source, destination, routing_key, arguments)
        })
    }

    /// The checks shared by bind and unbind: neither end may be the default exchange, both
    /// must exist (source first), an exclusive queue must be ours.
    fn binding_ends(&self, connection: u32, binding: &Binding) -> AmqpResult<()> {
        if binding.source.is_empty() || binding.destination == Destination::Exchange(String::new())
        {
            return Err(default_exchange_refused());
        }
        self.existing_exchange(&binding.source)?;
        match &binding.destination {
            Destination::Queue(q) => self.usable_queue(q, connection).map(|_| ()),
            Destination::Exchange(x) => self.existing_exchange(x).map(|_| ()),
        }
    }

    fn bind(
        &mut self,
        connection: u32,
        source: &str,
        destination: Destination,
        routing_key: &str,
        arguments: &FieldTable,
    ) -> AmqpResult<()> {
        let binding = Binding {
            source: source.to_string(),
            destination,
            routing_key: routing_key.to_string(),
            arguments: arguments.clone(),
        };
        self.binding_ends(connection, &binding)?;
        self.existing_exchange(source)?.validate_binding(&binding)?;
        if self.bindings.contains(&binding) {
            return Ok(());
        }
        if let Some(x) = self.exchanges.get_mut(source) {
            x.add_binding(&binding);
        }
        self.events.push(Event::BindingAdded {
            source: binding.source.clone(),
            destination: binding.destination.clone(),
            routing_key: binding.routing_key.clone(),
        });
        self.bindings.insert(binding);
        Ok(())
    }

    fn unbind(
        &mut self,
        connection: u32,
        source: &str,
        destination: Destination,
        routing_key: &str,
        arguments: &FieldTable,
    ) -> AmqpResult<()> {
        let binding = Binding {
            source: source.to_string(),
            destination,
            routing_key: routing_key.to_string(),
            arguments: arguments.clone(),
        };
        self.binding_ends(connection, &binding)?;
        if self.bindings.contains(&binding) {
            self.remove_binding(&binding);
        }
        Ok(())
    }

    /// Removes a binding from the table and its exchange's index, without consequences.
    pub(crate) fn unlink_binding(&mut self, binding: &Binding) {
        if self.bindings.remove(binding) {
            if let Some(x) = self.exchanges.get_mut(&binding.source) {
                x.remove_binding(binding);
            }
            self.events.push(Event::BindingRemoved {
                source: binding.source.clone(),
                destination: binding.destination.clone(),
                routing_key: binding.routing_key.clone(),
            });
        }
    }

    /// Removes a binding; an auto-delete source left without bindings goes too.
    fn remove_binding(&mut self, binding: &Binding) {
        self.unlink_binding(binding);
        let orphaned = self
            .exchanges
            .get(&binding.source)
            .is_some_and(|x| x.auto_delete)
            && !self.bindings.iter().any(|b| b.source == binding.source);
        if orphaned {
            self.remove_exchange(&binding.source);
        }
    }

    /// Removes every binding that touches `destination` or starts at `source`.
    fn remove_bindings_of(&mut self, source: Option<&str>, destination: &Destination) {
        let gone: Vec<Binding> = self
            .bindings
            .iter()
            .filter(|b| &b.destination == destination || Some(b.source.as_str()) == source)
            .cloned()
            .collect();
        for b in gone {
            self.remove_binding(&b);
        }
    }

    /// Deletes an exchange and its bindings in both directions.
    pub(crate) fn remove_exchange(&mut self, name: &str) {
        if self.exchanges.remove(name).is_none() {
            return;
        }
        self.events.push(Event::ExchangeDeleted {
            exchange: name.to_string(),
        });
        self.remove_bindings_of(Some(name), &Destination::Exchange(name.to_string()));
    }

    /// Deletes a queue: its bindings go, its consumers are cancelled; deliveries still
    /// unacknowledged stay with their channels and are forgotten when settled.
    pub(crate) fn remove_queue(&mut self, name: &str) {
        let Some(q) = self.queues.remove(name) else {
            return;
        };
        self.events.push(Event::QueueDeleted {
            queue: name.to_string(),
        });
        for (channel, tag) in q.consumers {
            if let Some(ch) = self.channels.get_mut(&channel) {
                ch.consumers.shift_remove(&tag);
            }
            self.events.push(Event::ConsumerRemoved {
                queue: name.to_string(),
                channel,
                consumer_tag: tag.to_string(),
            });
        }
        self.remove_bindings_of(None, &Destination::Queue(name.to_string()));
    }
}
