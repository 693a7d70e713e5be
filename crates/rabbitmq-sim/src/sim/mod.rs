//! Producers and consumers on the virtual clock, driving a [`Broker`].
//!
//! A discrete-event simulation: an agenda of timed actions (a producer's next publish, a
//! consumer finishing a message, a crash, a reconnect, a metrics sample) is worked through
//! in time order; all chance comes from one seeded RNG, so a scenario replays exactly.

pub mod bounded;
pub mod consumer;
pub mod distribution;
pub mod metrics;
pub mod producer;

use std::cmp::Ordering;
use std::collections::{BTreeMap, BinaryHeap, VecDeque};
use std::hash::BuildHasher;
use std::rc::Rc;

use indexmap::IndexMap;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use crate::broker::Broker;
use crate::broker::publish::Publish;
use crate::error::{AmqpError, AmqpResult};
use crate::event::Event;
use crate::message::Properties;
use crate::queue::QueueId;
use bounded::BoundedQueue;
use consumer::{Consumer, ConsumerSpec, Outcome};
use metrics::Metrics;
use producer::{Producer, ProducerSpec};
use rustc_hash::FxBuildHasher;

/// Virtual milliseconds between metric samples.
pub const SAMPLE_EVERY_MS: u64 = 100;

/// Something scheduled to happen.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Action {
    Produce(String),
    /// A consumer finishes its current message (ignored if it crashed since: generation).
    /// The name is shared with [`Simulation::consumer_channels`]: this is scheduled for
    /// every message.
    Finish(Rc<str>, u64),
    Crash(String),
    Reconnect(String),
    /// Opens a new channel on the consumer's still-open connection and subscribes again.
    Reopen(String),
    Sample,
}

/// An action on the agenda: due at `at`, after everything scheduled earlier for the same
/// time (`seq`). The heap pops the earliest first.
#[derive(Debug, Clone)]
struct Scheduled {
    at: u64,
    seq: u64,
    action: Action,
}

impl Ord for Scheduled {
    fn cmp(&self, other: &Scheduled) -> Ordering {
        (other.at, other.seq).cmp(&(self.at, self.seq))
    }
}

impl PartialOrd for Scheduled {
    fn partial_cmp(&self, other: &Scheduled) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Scheduled {
    fn eq(&self, other: &Scheduled) -> bool {
        (self.at, self.seq) == (other.at, other.seq)
    }
}

impl Eq for Scheduled {}

/// A broker with simulated clients around it.
#[derive(Debug, Clone)]
pub struct Simulation {
    seed: u64,
    broker: Broker,
    rng: ChaCha8Rng,
    now: u64,
    agenda: BinaryHeap<Scheduled>,
    next_seq: u64,
    producers: IndexMap<String, Producer, FxBuildHasher>,
    consumers: IndexMap<String, Consumer, FxBuildHasher>,
    /// Which consumer listens on which channel, to hand out deliveries.
    consumer_channels: BTreeMap<u32, Rc<str>>,
    /// The queues the last publish reached, a list kept from publish to publish.
    routed: Vec<QueueId>,
    metrics: Metrics,
    /// The lesson's in-process bounded queue, if shown.
    pub bounded: Option<BoundedQueue>,
}

impl Simulation {
    /// A fresh broker and no clients; `seed` drives every random choice.
    pub fn new(seed: u64) -> Simulation {
        let mut sim = Simulation {
            seed,
            broker: Broker::new(seed),
            rng: ChaCha8Rng::seed_from_u64(seed.wrapping_add(1)),
            now: 0,
            agenda: BinaryHeap::new(),
            next_seq: 0,
            producers: IndexMap::default(),
            consumers: IndexMap::default(),
            consumer_channels: BTreeMap::new(),
            routed: Vec::new(),
            metrics: Metrics::default(),
            bounded: None,
        };
        sim.schedule(SAMPLE_EVERY_MS, Action::Sample);
        sim
    }

    /// The seed this run was started with (the page shows it; the same seed replays the run).
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// The broker.
    pub fn broker(&self) -> &Broker {
        &self.broker
    }

    /// The broker, for methods issued from outside the simulation (the console).
    pub fn broker_mut(&mut self) -> &mut Broker {
        &mut self.broker
    }

    /// Virtual time now.
    pub fn now(&self) -> u64 {
        self.now
    }

    /// The metric series.
    pub fn metrics(&self) -> &Metrics {
        &self.metrics
    }

    /// Running producers by name.
    pub fn producers(&self) -> &IndexMap<String, Producer, impl BuildHasher> {
        &self.producers
    }

    /// Consumers by name.
    pub fn consumers(&self) -> &IndexMap<String, Consumer, impl BuildHasher> {
        &self.consumers
    }

    /// The broker's events since the last call.
    pub fn drain_events(&mut self) -> Vec<Event> {
        self.broker.drain_events()
    }

    fn schedule(&mut self, at: u64, action: Action) {
        self.agenda.push(Scheduled {
            at,
            seq: self.next_seq,
            action,
        });
        self.next_seq += 1;
    }

    /// Schedules an action `delay` milliseconds from now.
    fn schedule_in(&mut self, delay: u64, action: Action) {
        self.schedule(self.now.saturating_add(delay), action);
    }

    /// Starts a producer; its first publish is now.
    pub fn add_producer(&mut self, spec: ProducerSpec) -> Result<(), String> {
        if self.producers.contains_key(&spec.name) {
            return Err(format!("a producer named \"{}\" exists", spec.name));
        }
        let (connection, channel) = self.producer_link(&spec).map_err(|e| e.to_string())?;
        let name = spec.name.clone();
        self.producers
            .insert(name.clone(), Producer::new(spec, connection, channel));
        self.schedule(self.now, Action::Produce(name));
        Ok(())
    }

    /// Opens a producer's connection and channel (with confirms if it wants them).
    fn producer_link(&mut self, spec: &ProducerSpec) -> AmqpResult<(u32, u32)> {
        let connection = self
            .broker
            .open_connection(&format!("producer {}", spec.name));
        let channel = self.broker.open_channel(connection)?;
        if spec.confirms {
            self.broker.confirm_select(channel)?;
        }
        Ok((connection, channel))
    }

    /// Stops a producer and closes its connection.
    pub fn remove_producer(&mut self, name: &str) -> bool {
        match self.producers.shift_remove(name) {
            Some(p) => {
                self.broker.close_connection(p.connection);
                true
            }
            None => false,
        }
    }

    /// Starts a consumer: connects, sets its prefetch and subscribes.
    pub fn add_consumer(&mut self, spec: ConsumerSpec) -> AmqpResult<()> {
        if self.consumers.contains_key(&spec.name) {
            return Err(AmqpError::precondition_failed(format!(
                "a consumer named \"{}\" exists",
                spec.name
            )));
        }
        let name = spec.name.clone();
        if let Some(at) = spec.crash_at {
            self.schedule(at.max(self.now), Action::Crash(name.clone()));
        }
        self.consumers.insert(
            name.clone(),
            Consumer {
                spec,
                link: None,
                connection: None,
                backlog: VecDeque::new(),
                current: None,
                generation: 0,
            },
        );
        let connected = self.connect(&name);
        if connected.is_err() {
            self.consumers.shift_remove(&name);
        }
        connected
    }

    /// Stops a consumer cleanly: its connection closes, unacked messages are requeued.
    pub fn remove_consumer(&mut self, name: &str) -> bool {
        self.disconnect(name);
        self.consumers.shift_remove(name).is_some()
    }

    /// Crashes a consumer now (it reconnects later if its spec says so).
    pub fn crash_consumer(&mut self, name: &str) -> bool {
        if !self.consumers.contains_key(name) {
            return false;
        }
        self.crash(name);
        true
    }

    /// Closes a consumer's channel, as a client does with `channel.close` (reply 200): the
    /// broker cancels the consumer and requeues its unacknowledged messages at their original
    /// positions, marked redelivered; what the consumer held locally is dropped. Unlike a
    /// crash its connection stays open. With a reconnect delay it opens a fresh channel on
    /// that connection after the delay and subscribes again; without one it stays stopped.
    /// False if there is no such consumer or its channel is already closed.
    pub fn close_consumer_channel(&mut self, name: &str) -> bool {
        let Some(c) = self.consumers.get_mut(name) else {
            return false;
        };
        let Some((_, channel)) = c.link.take() else {
            return false;
        };
        c.generation += 1;
        c.backlog.clear();
        c.current = None;
        let reopen_after = c.spec.reconnect_after;
        self.consumer_channels.remove(&channel);
        self.broker.close_channel(channel);
        if let Some(after) = reopen_after {
            self.schedule_in(after, Action::Reopen(name.to_string()));
        }
        true
    }

    /// Shows the lesson's bounded in-process queue beside the broker.
    pub fn show_bounded_queue(
        &mut self,
        capacity: usize,
        put_every: u64,
        processing: distribution::Duration,
    ) {
        self.bounded = Some(BoundedQueue::new(capacity, put_every, processing, self.now));
    }

    /// Restarts the broker. Consumers lose their connections and reconnect if their spec
    /// says so; producers reconnect at once and carry on (their messages in between would
    /// have been refused, and there is no in between on the virtual clock).
    pub fn restart_broker(&mut self) {
        self.broker.restart();
        let names: Vec<String> = self.consumers.keys().cloned().collect();
        for name in names {
            self.lose_connection(&name);
        }
        let producers: Vec<ProducerSpec> =
            self.producers.values().map(|p| p.spec.clone()).collect();
        for spec in producers {
            match self.producer_link(&spec) {
                Ok((connection, channel)) => {
                    if let Some(p) = self.producers.get_mut(&spec.name) {
                        p.connection = connection;
                        p.channel = channel;
                    }
                }
                Err(_) => {
                    self.producers.shift_remove(&spec.name);
                }
            }
        }
    }

    /// Runs everything scheduled up to and including `until`.
    pub fn run_until(&mut self, until: u64) {
        while self.agenda.peek().is_some_and(|next| next.at <= until) {
            let Some(Scheduled { at, action, .. }) = self.agenda.pop() else {
                break;
            };
            self.now = self.now.max(at);
            self.broker.advance_to(self.now);
            self.perform(action);
            self.collect_deliveries();
        }
        self.now = self.now.max(until);
        self.broker.advance_to(self.now);
        self.collect_deliveries();
        if let Some(b) = &mut self.bounded {
            b.advance_to(self.now, &mut self.rng);
        }
    }

    fn perform(&mut self, action: Action) {
        match action {
            Action::Produce(name) => self.produce(&name),
            Action::Finish(name, generation) => self.finish(&name, generation),
            Action::Crash(name) => self.crash(&name),
            Action::Reconnect(name) => {
                let _ = self.connect(&name);
            }
            Action::Reopen(name) => self.reopen(&name),
            Action::Sample => {
                let queues = self
                    .broker
                    .queues()
                    .values()
                    .map(|q| (&*q.name, q.ready.len(), q.unacked));
                self.metrics.sample(self.now, queues);
                self.schedule_in(SAMPLE_EVERY_MS, Action::Sample);
            }
        }
    }

    fn produce(&mut self, name: &str) {
        // By position: nothing below moves producers until this one is removed.
        let now = self.now;
        let Some((index, _, p)) = self.producers.get_full_mut(name) else {
            return;
        };
        let (channel, burst) = (p.channel, p.spec.burst.max(1));
        // Ticks the clock passed since the last (several a millisecond above 1,000 msg/s).
        let ticks = p.take_due_ticks(now);
        for _ in 0..u64::from(burst) * ticks {
            let Some((_, p)) = self.producers.get_index(index) else {
                return;
            };
            if p.finished() {
                break;
            }
            let key = p.next_key(&mut self.rng);
            let payload = p.body(p.sent + 1, &key);
            let publish = Publish {
                exchange: Rc::clone(p.exchange()),
                routing_key: key,
                mandatory: p.spec.mandatory,
                properties: Properties {
                    delivery_mode: p.spec.persistent.then_some(2),
                    ..Properties::default()
                },
                payload,
            };
            let result = self.broker.publish(channel, publish, &mut self.routed);
            self.metrics.totals.published += 1;
            match result {
                Ok(published) => {
                    self.metrics.totals.returned += u64::from(published.returned);
                    if published.confirm.is_some_and(|(_, ack)| !ack) {
                        self.metrics.totals.nacked_by_broker += 1;
                    }
                }
                Err(_) => {
                    // The broker closed the channel (e.g. no such exchange): the producer stops.
                    self.remove_producer(name);
                    return;
                }
            }
            if let Some((_, p)) = self.producers.get_index_mut(index) {
                p.sent += 1;
            }
        }
        let next = self
            .producers
            .get_index(index)
            .filter(|(_, p)| !p.finished())
            .and_then(|(_, p)| p.next_tick_ms(now + 1));
        if let Some(at) = next {
            self.schedule(at, Action::Produce(name.to_string()));
        }
    }

    /// Moves deliveries from the broker to the simulated consumers and starts work.
    fn collect_deliveries(&mut self) {
        let mut next = Some(0);
        while let Some(from) = next
            && let Some(channel) = self.broker.next_channel_with_deliveries(from)
        {
            next = channel.checked_add(1);
            let Some(name) = self.consumer_channels.get(&channel).cloned() else {
                continue;
            };
            if let Some((index, _, c)) = self.consumers.get_full_mut(&*name) {
                let before = c.backlog.len();
                self.broker.move_deliveries(channel, &mut c.backlog);
                self.metrics.totals.delivered += (c.backlog.len() - before) as u64;
                self.start_next(index, &name);
            }
        }
    }

    /// If the consumer (`name`, at `index` among the consumers) is idle and has work,
    /// starts processing the oldest delivery.
    fn start_next(&mut self, index: usize, name: &Rc<str>) {
        let Some((_, c)) = self.consumers.get_index_mut(index) else {
            return;
        };
        if c.current.is_some() {
            return;
        }
        let Some(next) = c.backlog.pop_front() else {
            return;
        };
        c.current = Some(next);
        let generation = c.generation;
        let took = c.spec.processing.sample(&mut self.rng);
        self.schedule_in(took, Action::Finish(Rc::clone(name), generation));
    }

    fn finish(&mut self, name: &Rc<str>, generation: u64) {
        let Some((index, _, c)) = self.consumers.get_full_mut(&**name) else {
            return;
        };
        if c.generation != generation {
            return;
        }
        let Some(done) = c.current.take() else {
            return;
        };
        let outcome = c.spec.decide(&mut self.rng);
        let auto_ack = c.spec.auto_ack;
        let channel = done.channel;
        let settled = match outcome {
            Outcome::Crash => {
                self.crash(name);
                return;
            }
            _ if auto_ack => Ok(()),
            Outcome::Ack => {
                self.metrics.totals.acked += 1;
                self.broker.basic_ack(channel, done.delivery_tag, false)
            }
            Outcome::NackRequeue => self
                .broker
                .basic_nack(channel, done.delivery_tag, false, true),
            Outcome::Reject => self.broker.basic_reject(channel, done.delivery_tag, false),
        };
        if settled.is_err() {
            // The channel is gone (its queue deleted, say): reconnect like a client would.
            self.lose_connection(name);
            return;
        }
        // Settling touched the broker only: the consumer is still at `index`.
        self.start_next(index, name);
    }

    /// Connects a consumer afresh: a new connection, then a channel and a subscription.
    fn connect(&mut self, name: &str) -> AmqpResult<()> {
        if !self.consumers.contains_key(name) {
            return Ok(());
        }
        let connection = self.broker.open_connection(&format!("consumer {name}"));
        let subscribed = self.subscribe(name, connection);
        if subscribed.is_err() {
            self.broker.close_connection(connection);
        }
        subscribed
    }

    /// After its channel was closed: a new channel on the same connection, if the consumer
    /// still has that connection and is not subscribed already. If subscribing fails (its queue is
    /// gone, say) the channel closes again and the consumer stays stopped.
    fn reopen(&mut self, name: &str) {
        let Some(c) = self.consumers.get(name) else {
            return;
        };
        if let (None, Some(connection)) = (c.link, c.connection) {
            let _ = self.subscribe(name, connection);
        }
    }

    /// Opens a channel on `connection`, sets the prefetch and subscribes the consumer.
    fn subscribe(&mut self, name: &str, connection: u32) -> AmqpResult<()> {
        let Some(spec) = self.consumers.get(name).map(|c| c.spec.clone()) else {
            return Ok(());
        };
        let channel = self.broker.open_channel(connection)?;
        let subscribed = self
            .broker
            .basic_qos(channel, spec.prefetch, false)
            .and_then(|()| {
                self.broker
                    .basic_consume(channel, &spec.queue, &spec.name, spec.auto_ack, false)
            });
        subscribed?;
        if let Some(c) = self.consumers.get_mut(name) {
            c.connection = Some(connection);
            c.link = Some((connection, channel));
        }
        self.consumer_channels.insert(channel, Rc::from(name));
        Ok(())
    }

    /// Drops the consumer's connection and forgets its local work.
    fn disconnect(&mut self, name: &str) {
        let Some(c) = self.consumers.get_mut(name) else {
            return;
        };
        c.generation += 1;
        c.backlog.clear();
        c.current = None;
        if let Some((_, channel)) = c.link.take() {
            self.consumer_channels.remove(&channel);
        }
        if let Some(connection) = c.connection.take() {
            self.broker.close_connection(connection);
        }
    }

    fn crash(&mut self, name: &str) {
        self.lose_connection(name);
    }

    /// The connection is gone: drop it and reconnect later if the spec says so.
    fn lose_connection(&mut self, name: &str) {
        self.disconnect(name);
        let after = self
            .consumers
            .get(name)
            .and_then(|c| c.spec.reconnect_after);
        if let Some(after) = after {
            self.schedule_in(after, Action::Reconnect(name.to_string()));
        }
    }
}

#[cfg(test)]
mod tests;
