//! Messages in flight on the canvas, made from the broker's events: each event that moves
//! a message (published, routed, delivered, returned, dead-lettered, dropped, expired)
//! becomes a dot travelling along the edge it took. Dots move in real time, so they stay
//! visible at any simulation speed; the legs of one message's journey follow each other.
//!
//! Heavy traffic is sampled when it is published: each message is followed with a chance
//! that keeps about [`DRAWN_PER_SECOND`] on the canvas, decided by a hash of its id (so
//! every producer gets its share, not only the first to publish in a frame), and a bucket
//! of tokens caps bursts. Only followed messages cost anything afterwards: the others'
//! events are skipped at the price of one map lookup.

use std::collections::{BTreeMap, VecDeque};

use scenario::rabbitmq_sim::sim::producer::Producer;
use scenario::rabbitmq_sim::{Event, RoutedTo, Simulation};

use super::topology::{NodeId, ProgramChannels, Seen};

/// Real milliseconds a dot takes to travel one edge.
pub const LEG_MS: f64 = 700.0;
/// The most dots in the air at once.
pub const MAX_FLIGHTS: usize = 150;
/// Messages followed a second at most: with a journey of three legs, about the most dots
/// the canvas shows at once.
const DRAWN_PER_SECOND: f64 = 50.0;
/// Messages followed at once after a quiet spell (a console `publish`, a burst).
const BURST: f64 = 12.0;
/// Followed messages remembered (where each one is); the oldest are forgotten first.
const FOLLOWED_KEPT: usize = 4096;
/// Real milliseconds over which the share of messages drawn is counted for the canvas.
const SHARE_WINDOW_MS: f64 = 1000.0;
/// Real milliseconds of a window after which its count sets the chance of being followed.
const CHANCE_AFTER_MS: f64 = 100.0;

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
    /// Where the dot starts.
    pub from: NodeId,
    /// Where it goes (for [`Fate::Lost`], where it is lost).
    pub to: NodeId,
    /// The hue of the message's routing key (see [`key_hue`]).
    pub hue: u32,
    /// What happens to it.
    pub fate: Fate,
    /// Real time (ms) it leaves.
    pub starts: f64,
}

/// A followed message: its colour, and from when it is at each node it reached.
#[derive(Debug, Clone)]
struct Followed {
    hue: u32,
    arrivals: Vec<(NodeId, f64)>,
}

/// The dots, and what the events taught about the topology.
#[derive(Debug, Clone, Default)]
pub struct Traffic {
    /// Dots in the air (and waiting to leave), oldest first.
    pub flights: VecDeque<Flight>,
    /// Exchanges and default routes that carried messages.
    pub seen: Seen,
    /// About one message in this many is drawn, over the last second (1 or less when all
    /// are).
    pub sample_every: u64,
    followed: BTreeMap<u64, Followed>,
    tokens: f64,
    /// Real time of the last batch, for refilling the tokens.
    last: Option<f64>,
    /// Messages published and followed since `window_start`.
    window: (u64, u64),
    window_start: f64,
    /// The chance that a message published now is followed (`None`: every one is).
    chance: Option<f64>,
}

impl Traffic {
    /// Turns a batch of events into dots leaving from real time `now`.
    pub fn absorb(
        &mut self,
        events: Vec<Event>,
        sim: &Simulation,
        programs: &ProgramChannels,
        now: f64,
    ) {
        self.expire(now);
        let since = self
            .last
            .map_or(f64::INFINITY, |last| (now - last).max(0.0));
        self.last = Some(now);
        self.tokens = (self.tokens + since * DRAWN_PER_SECOND / 1000.0).min(BURST);
        for event in events {
            self.take(event, sim, programs, now);
        }
        while self.followed.len() > FOLLOWED_KEPT {
            self.followed.pop_first();
        }
        while self.flights.len() > MAX_FLIGHTS {
            self.flights.pop_front();
        }
        let window_ms = now - self.window_start;
        if window_ms >= CHANCE_AFTER_MS && self.window.0 > 0 {
            let affordable = DRAWN_PER_SECOND * window_ms / 1000.0;
            self.chance = Some((affordable / self.window.0 as f64).min(1.0));
        }
        if window_ms >= SHARE_WINDOW_MS {
            let (published, drawn) = std::mem::take(&mut self.window);
            self.sample_every = if published > 0 {
                published.div_ceil(drawn.max(1))
            } else {
                1
            };
            self.window_start = now;
        }
    }

    fn take(&mut self, event: Event, sim: &Simulation, programs: &ProgramChannels, now: f64) {
        match event {
            Event::Published {
                message,
                channel,
                exchange,
                routing_key,
            } => {
                let program = programs.get(&channel);
                if let Some(program) = program {
                    let route = (exchange.to_string(), routing_key.to_string());
                    let publishes = self
                        .seen
                        .program_publishes
                        .entry(program.to_string())
                        .or_default();
                    if !publishes.contains(&route) {
                        publishes.insert(route);
                    }
                    *self
                        .seen
                        .program_sent
                        .entry(program.to_string())
                        .or_default() += 1;
                }
                self.window.0 += 1;
                let follow = self.tokens >= 1.0 && self.chance.is_none_or(|c| unit(message) < c);
                if follow {
                    self.tokens -= 1.0;
                    self.window.1 += 1;
                    self.followed.insert(
                        message,
                        Followed {
                            hue: key_hue(&routing_key),
                            arrivals: Vec::new(),
                        },
                    );
                    // A program's message starts at the program. Otherwise the event does
                    // not name the publisher: the dot starts at the first simulated producer
                    // that could have sent it (none for a console publish, which appears at
                    // the exchange).
                    let to = NodeId::Exchange(exchange.to_string());
                    let from = program
                        .map(|p| p.to_string())
                        .or_else(|| publisher(sim.producers().values(), &exchange, &routing_key));
                    match from {
                        Some(p) => self.fly(message, NodeId::Producer(p), to, Fate::Arrives, now),
                        None => self.arrive(message, to, now),
                    }
                }
                if !self.seen.exchanges.contains(&*exchange) {
                    self.seen.exchanges.insert(exchange.to_string());
                }
            }
            Event::Routed {
                message,
                exchange,
                destination,
            } => {
                let to = match destination {
                    RoutedTo::Queue(q) => {
                        if exchange.is_empty() && !self.seen.default_routes.contains(&*q) {
                            self.seen.default_routes.insert(q.to_string());
                        }
                        NodeId::Queue(q.to_string())
                    }
                    RoutedTo::Exchange(e) => NodeId::Exchange(e.to_string()),
                };
                self.fly(
                    message,
                    NodeId::Exchange(exchange.to_string()),
                    to,
                    Fate::Arrives,
                    now,
                );
            }
            Event::Unroutable { message, exchange } => {
                let at = NodeId::Exchange(exchange.to_string());
                self.fly(message, at.clone(), at, Fate::Lost, now);
            }
            Event::Returned {
                message,
                exchange,
                routing_key,
            } => {
                if self.followed.contains_key(&message)
                    && let Some(p) = publisher(sim.producers().values(), &exchange, &routing_key)
                {
                    let from = NodeId::Exchange(exchange.to_string());
                    self.fly(message, from, NodeId::Producer(p), Fate::Returned, now);
                }
            }
            Event::Delivered {
                message,
                queue,
                channel,
                consumer_tag: Some(tag),
                ..
            } => {
                // A program's consumer is drawn as its program; a simulated one by its tag.
                let consumer = programs.get(&channel).map_or(&*tag, |p| &**p);
                self.fly(
                    message,
                    NodeId::Queue(queue.to_string()),
                    NodeId::Consumer(consumer.to_owned()),
                    Fate::Arrives,
                    now,
                );
            }
            Event::DeadLettered {
                message,
                queue,
                exchange,
                ..
            } => self.fly(
                message,
                NodeId::Queue(queue),
                NodeId::Exchange(exchange.to_string()),
                Fate::DeadLettered,
                now,
            ),
            Event::Dropped { message, queue } | Event::Expired { message, queue } => {
                let at = NodeId::Queue(queue);
                self.fly(message, at.clone(), at, Fate::Lost, now);
            }
            Event::Restarted => {
                self.flights.clear();
                self.followed.clear();
            }
            _ => {}
        }
    }

    /// Marks a followed message as being at `node` from `at`.
    fn arrive(&mut self, message: u64, node: NodeId, at: f64) {
        if let Some(f) = self.followed.get_mut(&message) {
            f.arrivals.retain(|(n, _)| n != &node);
            f.arrivals.push((node, at));
        }
    }

    /// Sends a followed message's dot from `from` to `to`: it leaves when the message has
    /// arrived at `from`, or now if it has been there a while.
    fn fly(&mut self, message: u64, from: NodeId, to: NodeId, fate: Fate, now: f64) {
        let Some(f) = self.followed.get(&message) else {
            return;
        };
        let starts = f
            .arrivals
            .iter()
            .find(|(n, _)| n == &from)
            .map_or(now, |&(_, at)| at.max(now));
        let hue = f.hue;
        if matches!(fate, Fate::Arrives | Fate::DeadLettered) {
            self.arrive(message, to.clone(), starts + LEG_MS);
        }
        self.flights.push_back(Flight {
            from,
            to,
            hue,
            fate,
            starts,
        });
    }

    /// Forgets dots that have finished their leg.
    pub fn expire(&mut self, now: f64) {
        self.flights.retain(|f| now - f.starts < LEG_MS);
    }
}

/// A number in [0, 1) from a message id, spread evenly (SplitMix64's finalizer).
fn unit(message: u64) -> f64 {
    let mut z = message.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^= z >> 31;
    (z >> 11) as f64 / (1_u64 << 53) as f64
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
    // FNV-1a, then a finalizer that mixes every bit into the low ones: FNV alone leaves
    // keys that differ in their last letter (`k.1`, `k.2`, ...) on two hues.
    let mut h = key.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    h ^= h >> 16;
    h = h.wrapping_mul(0x85eb_ca6b);
    h ^= h >> 13;
    h = h.wrapping_mul(0xc2b2_ae35);
    h ^= h >> 16;
    h % 360
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
        traffic.absorb(events, &sim, &ProgramChannels::new(), 1000.0);
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
        assert!(traffic.flights.iter().all(|f| f.hue == key_hue("info")));
        traffic.expire(1000.0 + 3.0 * LEG_MS);
        assert!(traffic.flights.is_empty());
    }

    #[test]
    fn a_later_leg_waits_for_the_message_to_arrive() {
        let mut sim = world(
            "declare queue name=q
             publish exchange=amq.default routing_key=q payload=hi",
        );
        let mut traffic = Traffic::default();
        traffic.absorb(sim.drain_events(), &sim, &ProgramChannels::new(), 0.0);
        run_sim_line(&mut sim, "consumer name=c queue=q");
        run_sim_line(&mut sim, "run 10ms");
        traffic.absorb(sim.drain_events(), &sim, &ProgramChannels::new(), 100.0);
        let delivery = traffic.flights.back().expect("a delivery leg");
        assert_eq!((delivery.from.label(), delivery.to.label()), ("q", "c"));
        assert_eq!(
            delivery.starts, LEG_MS,
            "it leaves the queue once it got there"
        );
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
        traffic.absorb(sim.drain_events(), &sim, &ProgramChannels::new(), 0.0);
        assert!(traffic.seen.exchanges.contains(""));
        assert!(traffic.seen.default_routes.contains("hello"));
        assert_eq!(traffic.flights.len(), 1);
    }

    #[test]
    fn heavy_traffic_is_sampled_and_the_share_is_counted() {
        let mut sim = world(
            "declare exchange name=x type=fanout
             declare queue name=q
             declare binding source=x destination=q",
        );
        for p in 0..10 {
            // A producer publishes at most one message a millisecond.
            run_sim_line(
                &mut sim,
                &format!("producer name=p{p} exchange=x routing_key=k{p} rate=1000"),
            );
        }
        let mut traffic = Traffic::default();
        let mut seen = std::collections::BTreeSet::new();
        let mut producers = std::collections::BTreeSet::new();
        // Two seconds of frames at 60 a second, in real time and at 1x.
        for frame in 1..=120 {
            let now = f64::from(frame) * 1000.0 / 60.0;
            sim.run_until(now as u64);
            traffic.absorb(sim.drain_events(), &sim, &ProgramChannels::new(), now);
            assert!(traffic.flights.len() <= MAX_FLIGHTS);
            seen.extend(traffic.flights.iter().map(|f| f.starts.to_bits()));
            producers.extend(traffic.flights.iter().map(|f| f.from.label().to_string()));
        }
        assert!(
            (150..=250).contains(&traffic.sample_every),
            "10,000 a second drawn at about {DRAWN_PER_SECOND}: 1 in {}",
            traffic.sample_every
        );
        assert!(seen.len() > 50, "dots keep leaving: {}", seen.len());
        assert_eq!(
            producers.len(),
            11,
            "every producer's messages are drawn (and the exchange's): {producers:?}"
        );
    }

    #[test]
    fn a_key_keeps_its_colour_and_similar_keys_differ() {
        assert_eq!(key_hue("kern.critical"), key_hue("kern.critical"));
        assert_ne!(key_hue("info"), key_hue("error"));
        let hues: std::collections::BTreeSet<u32> =
            (0..20).map(|i| key_hue(&format!("k.{i}")) / 30).collect();
        assert!(
            hues.len() >= 8,
            "twenty keys spread over the wheel: {hues:?}"
        );
    }
}
