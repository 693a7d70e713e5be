//! Messages in flight on the canvas, made from the broker's events: each event that moves
//! a message (published, routed, delivered, returned, dead-lettered, dropped, expired)
//! becomes a dot travelling along the edge it took. Dots move in real time, so they stay
//! visible at any simulation speed; the legs of one message's journey follow each other.

use std::collections::{BTreeMap, VecDeque};

use scenario::rabbitmq_sim::binding::Destination;
use scenario::rabbitmq_sim::sim::producer::Producer;
use scenario::rabbitmq_sim::{Event, Simulation};

use super::topology::{NodeId, Seen};

/// Real milliseconds a dot takes to travel one edge.
pub const LEG_MS: f64 = 700.0;
/// The most dots in the air at once; above it a sample of messages is drawn.
pub const MAX_FLIGHTS: usize = 120;
/// Routing keys remembered for messages still in the broker (events after `Published`
/// carry only the message id); the oldest are forgotten first.
const KEYS_KEPT: usize = 20_000;

/// How a dot ends its leg.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fate {
    /// It arrives at the next node.
    Arrives,
    /// It is lost here: unroutable, dropped by a length limit, or expired. It falls off.
    Lost,
    /// It goes back to its publisher (mandatory, basic.return).
    Returned,
    /// It leaves a queue for the dead-letter exchange.
    DeadLettered,
}

/// One dot on one edge.
#[derive(Debug, Clone, PartialEq)]
pub struct Flight {
    /// The message, by broker-wide id.
    pub message: u64,
    /// Where the dot starts.
    pub from: NodeId,
    /// Where it goes (for [`Fate::Lost`], where it is lost).
    pub to: NodeId,
    /// The message's routing key, which colours the dot.
    pub key: String,
    /// What happens to it.
    pub fate: Fate,
    /// Real time (ms) it leaves.
    pub starts: f64,
}

/// The dots, and what the events taught about the topology.
#[derive(Debug, Clone, Default)]
pub struct Traffic {
    /// Dots in the air (and waiting to leave), oldest first.
    pub flights: VecDeque<Flight>,
    /// Exchanges and default routes that carried messages.
    pub seen: Seen,
    /// Draw one message in this many (1 when all are drawn).
    pub sample_every: u64,
    keys: BTreeMap<u64, String>,
}

impl Traffic {
    /// Turns a batch of events into dots leaving from real time `now`.
    pub fn absorb(&mut self, events: Vec<Event>, sim: &Simulation, now: f64) {
        self.expire(now);
        if events.is_empty() {
            return;
        }
        // Which leg of its journey each message is on in this batch, by where it is.
        let mut legs: BTreeMap<(u64, NodeId), f64> = BTreeMap::new();
        let mut new = Vec::new();
        for event in events {
            let mut fly = |message: u64, from: NodeId, to: NodeId, fate: Fate, key: String| {
                let leg = legs.get(&(message, from.clone())).copied().unwrap_or(0.0);
                if fate == Fate::Arrives || fate == Fate::DeadLettered {
                    legs.insert((message, to.clone()), leg + 1.0);
                }
                new.push(Flight {
                    message,
                    from,
                    to,
                    key,
                    fate,
                    starts: now + leg * LEG_MS,
                });
            };
            match event {
                Event::Published {
                    message,
                    exchange,
                    routing_key,
                } => {
                    self.seen.exchanges.insert(exchange.clone());
                    self.keys.insert(message, routing_key.clone());
                    // Events do not name the publisher: the dot starts at the first producer
                    // that could have sent it (none for a console publish).
                    let producer = publisher(sim.producers().values(), &exchange, &routing_key);
                    let to = NodeId::Exchange(exchange);
                    match producer {
                        Some(p) => {
                            fly(message, NodeId::Producer(p), to, Fate::Arrives, routing_key)
                        }
                        None => {
                            legs.insert((message, to), 0.0);
                        }
                    }
                }
                Event::Routed {
                    message,
                    exchange,
                    destination,
                } => {
                    let to = match destination {
                        Destination::Queue(q) => {
                            if exchange.is_empty() {
                                self.seen.default_routes.insert(q.clone());
                            }
                            NodeId::Queue(q)
                        }
                        Destination::Exchange(e) => NodeId::Exchange(e),
                    };
                    let key = self.key(message);
                    fly(message, NodeId::Exchange(exchange), to, Fate::Arrives, key);
                }
                Event::Unroutable { message, exchange } => {
                    let at = NodeId::Exchange(exchange);
                    let key = self.key(message);
                    fly(message, at.clone(), at, Fate::Lost, key);
                }
                Event::Returned {
                    message,
                    exchange,
                    routing_key,
                } => {
                    if let Some(p) = publisher(sim.producers().values(), &exchange, &routing_key) {
                        fly(
                            message,
                            NodeId::Exchange(exchange),
                            NodeId::Producer(p),
                            Fate::Returned,
                            routing_key,
                        );
                    }
                }
                Event::Delivered {
                    message,
                    queue,
                    consumer_tag: Some(tag),
                    ..
                } => {
                    let key = self.key(message);
                    fly(
                        message,
                        NodeId::Queue(queue),
                        NodeId::Consumer(tag),
                        Fate::Arrives,
                        key,
                    );
                }
                Event::DeadLettered {
                    message,
                    queue,
                    exchange,
                    ..
                } => {
                    let key = self.key(message);
                    fly(
                        message,
                        NodeId::Queue(queue),
                        NodeId::Exchange(exchange),
                        Fate::DeadLettered,
                        key,
                    );
                }
                Event::Dropped { message, queue } | Event::Expired { message, queue } => {
                    let at = NodeId::Queue(queue);
                    let key = self.key(message);
                    fly(message, at.clone(), at, Fate::Lost, key);
                }
                Event::Acked { message, .. } | Event::Nacked { message, .. } => {
                    self.keys.remove(&message);
                }
                Event::Restarted => self.flights.clear(),
                _ => {}
            }
        }
        while self.keys.len() > KEYS_KEPT {
            self.keys.pop_first();
        }
        self.take_sample(new);
    }

    /// Adds the new dots, keeping every k-th message's whole journey when there are more
    /// than the canvas can show (by message id, so a sampled message is followed to the end).
    fn take_sample(&mut self, new: Vec<Flight>) {
        let messages = {
            let mut ids: Vec<u64> = new.iter().map(|f| f.message).collect();
            ids.dedup();
            ids.len()
        };
        let room = MAX_FLIGHTS.saturating_sub(self.flights.len()).max(1);
        let legs_per_message = new.len().div_ceil(messages.max(1)).max(1);
        let fits = room / legs_per_message;
        self.sample_every = if messages <= fits.max(1) {
            1
        } else {
            messages.div_ceil(fits.max(1)) as u64
        };
        let every = self.sample_every;
        self.flights
            .extend(new.into_iter().filter(|f| f.message % every == 0));
        while self.flights.len() > MAX_FLIGHTS {
            self.flights.pop_front();
        }
    }

    /// Forgets dots that have finished their leg.
    pub fn expire(&mut self, now: f64) {
        self.flights.retain(|f| now - f.starts < LEG_MS);
        if self.flights.is_empty() {
            self.sample_every = 1;
        }
    }

    fn key(&self, message: u64) -> String {
        self.keys.get(&message).cloned().unwrap_or_default()
    }
}

/// The first producer publishing to `exchange` with `key`.
fn publisher<'a>(
    mut producers: impl Iterator<Item = &'a Producer>,
    exchange: &str,
    key: &str,
) -> Option<String> {
    producers
        .find(|p| p.spec.exchange == exchange && p.spec.routing_keys.iter().any(|k| k == key))
        .map(|p| p.spec.name.clone())
}

/// The hue a routing key's dots are drawn in: the same key, the same colour, on every run.
pub fn key_hue(key: &str) -> u32 {
    // FNV-1a: tiny, stable, and spreads short keys like `info` and `error` apart.
    let hash = key.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    hash % 360
}

#[cfg(test)]
mod tests {
    use scenario::rabbitmq_sim::admin::run_sim_line;

    use super::*;

    fn world(script: &str) -> Simulation {
        let mut sim = Simulation::new(3);
        for line in script.lines() {
            run_sim_line(&mut sim, line.trim());
        }
        sim
    }

    #[test]
    fn a_message_travels_producer_exchange_queue_consumer_in_turn() {
        let mut sim = world(
            "declare exchange name=logs type=fanout
             declare queue name=q1
             declare binding source=logs destination=q1
             consumer name=c1 queue=q1",
        );
        sim.drain_events();
        run_sim_line(
            &mut sim,
            "producer name=p exchange=logs routing_key=info rate=1 count=1",
        );
        run_sim_line(&mut sim, "run 10ms");
        let mut traffic = Traffic::default();
        let events = sim.drain_events();
        traffic.absorb(events, &sim, 1000.0);
        let legs: Vec<(&str, &str, f64)> = traffic
            .flights
            .iter()
            .map(|f| (f.from.label(), f.to.label(), f.starts))
            .collect();
        assert_eq!(
            legs,
            [
                ("p", "logs", 1000.0),
                ("logs", "q1", 1000.0 + LEG_MS),
                ("q1", "c1", 1000.0 + 2.0 * LEG_MS)
            ]
        );
        assert!(traffic.flights.iter().all(|f| f.key == "info"));
        traffic.expire(1000.0 + 3.0 * LEG_MS);
        assert!(traffic.flights.is_empty());
    }

    #[test]
    fn a_console_publish_to_the_default_exchange_shows_its_route() {
        let mut sim = world("declare queue name=hello");
        sim.drain_events();
        run_sim_line(
            &mut sim,
            "publish exchange=amq.default routing_key=hello payload=hi",
        );
        let mut traffic = Traffic::default();
        traffic.absorb(sim.drain_events(), &sim, 0.0);
        assert!(traffic.seen.exchanges.contains(""));
        assert!(traffic.seen.default_routes.contains("hello"));
        assert_eq!(traffic.flights.len(), 1);
    }

    #[test]
    fn heavy_traffic_is_sampled() {
        let mut sim = world(
            "declare queue name=q
             producer name=p exchange= routing_key=q rate=10000",
        );
        run_sim_line(&mut sim, "run 1s");
        let mut traffic = Traffic::default();
        traffic.absorb(sim.drain_events(), &sim, 0.0);
        assert!(traffic.flights.len() <= MAX_FLIGHTS);
        assert!(traffic.sample_every > 1);
    }

    #[test]
    fn a_key_keeps_its_colour() {
        assert_eq!(key_hue("kern.critical"), key_hue("kern.critical"));
        assert_ne!(key_hue("info"), key_hue("error"));
    }
}
