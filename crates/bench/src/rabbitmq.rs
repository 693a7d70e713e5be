//! RabbitMQ: topic routing through the broker's trie as bindings grow, beside a naive
//! matcher that tests every binding, and messages per second through the whole path
//! (publish, route, deliver, ack).
//!
//! There is no real RabbitMQ here: the contrast for routing is the naive matcher, and the
//! end-to-end figures stand alone.

use std::collections::BTreeSet;

use rabbitmq_sim::binding::{Binding, Destination};
use rabbitmq_sim::exchange::topic::TopicTrie;
use rabbitmq_sim::sim::consumer::ConsumerSpec;
use rabbitmq_sim::sim::distribution::Duration;
use rabbitmq_sim::sim::producer::ProducerSpec;
use rabbitmq_sim::{AmqpResult, Broker, ExchangeDeclare, Publish, QueueDeclare, Simulation};

use crate::{Clock, PIPELINE_DEPTH, Rng, Row, Table, measure, rate, timed};

/// Binding counts to route through.
const BINDING_COUNTS: [usize; 3] = [100, 10_000, 100_000];
/// Distinct words in patterns and keys, per binding. The vocabulary grows with the
/// bindings, as names do when a system has more queues (per user, per device), so a route
/// matches about as many bindings at every size and the figure measures the search rather
/// than the size of the answer; the table's footnote prints the matches per route.
const WORDS_PER_BINDING: u64 = 10;
/// Routes compared between the trie and the naive matcher before timing.
const CHECKED_ROUTES: usize = 500;
/// Routing cost at 100,000 bindings may be at most this many times the cost at 100.
const TARGET_GROWTH: f64 = 3.0;

/// How much work a run does.
#[derive(Clone, Copy, Debug)]
pub struct Size {
    /// Binding counts to route through.
    pub binding_counts: [usize; 3],
    /// Distinct routing keys at each size, routed in turn.
    pub routes: u64,
    /// Wall-clock milliseconds routing may take at one size, per matcher; the naive
    /// matcher at 100,000 bindings gets through only a few hundred routes in it.
    pub routing_budget_ms: f64,
    /// Messages through the end-to-end runs.
    pub messages: u64,
}

impl Size {
    /// The figures.
    pub const FULL: Size = Size {
        binding_counts: BINDING_COUNTS,
        routes: 200_000,
        routing_budget_ms: 2_000.0,
        messages: 1_000_000,
    };
}
/// Simulated messages per second the engine should reach.
const TARGET_MESSAGES_PER_SEC: f64 = 1_000_000.0;
/// Queues in the end-to-end topology, one consumer each.
const REGIONS: [&str; 4] = ["eu", "us", "asia", "africa"];

/// Runs the whole bench and returns its table; `Err` only when something broke.
pub fn run(clock: &impl Clock, size: Size) -> Result<Table, String> {
    let mut rows = Vec::new();
    let mut matched = Vec::new();
    for count in size.binding_counts {
        let (row, per_route) = routing(clock, size, count)?;
        rows.push(row);
        matched.push(format!("{} at {}", per_route, crate::grouped(count as u64)));
    }
    let growth = rows[0].engine / rows[rows.len() - 1].engine;
    let simulated = simulation(clock, size.messages)?;
    let end_to_end = simulated.engine;
    rows.push(simulated);
    rows.push(broker_only(clock, size.messages)?);
    let mut table = Table {
        title: "rabbitmq: topic routes/s through the trie vs a naive every-binding matcher; \
                end-to-end messages/s"
            .to_string(),
        contrast: "naive matcher".to_string(),
        rows,
        notes: vec![format!(
            "destinations matched per route: {}",
            matched.join(", ")
        )],
    };
    table.target(
        &format!(
            "routing cost at {} bindings <= {TARGET_GROWTH}x the cost at {}",
            crate::grouped(size.binding_counts[2] as u64),
            crate::grouped(size.binding_counts[0] as u64)
        ),
        &crate::times(growth),
        growth <= TARGET_GROWTH,
    );
    table.target(
        &format!(
            "simulated messages/s >= {}",
            crate::grouped(TARGET_MESSAGES_PER_SEC as u64)
        ),
        &crate::grouped(end_to_end as u64),
        end_to_end >= TARGET_MESSAGES_PER_SEC,
    );
    Ok(table)
}

/// Times routing at `count` bindings through the trie and the naive matcher; returns the
/// row and the mean number of destinations a route finds.
fn routing(clock: &impl Clock, size: Size, count: usize) -> Result<(Row, String), String> {
    let mut rng = Rng::new(count as u64);
    let bindings = random_bindings(&mut rng, count);
    let trie = trie_of(&bindings);
    let naive = NaiveTopic::new(&bindings);
    let keys: Vec<String> = (0..size.routes)
        .map(|_| random_key(&mut rng, &bindings))
        .collect();
    let checked = CHECKED_ROUTES.min(keys.len());
    let matched = check_agreement(&trie, &naive, &keys[..checked])?;
    let budget = size.routing_budget_ms;
    let (routes, trie_rate) = route_rate(clock, budget, &keys, |key, out| trie.route(key, out))?;
    let (_, naive_rate) = route_rate(clock, budget, &keys, |key, out| naive.route(key, out))?;
    let row = Row {
        workload: format!("route, {} bindings", crate::grouped(count as u64)),
        ops: routes,
        engine: trie_rate,
        contrast: Some(naive_rate),
    };
    Ok((
        row,
        format!("{:.1}", matched as f64 / checked.max(1) as f64),
    ))
}

/// Routes `keys` in turn with `route` for at most `budget_ms`: (routes, routes/s).
fn route_rate<'d>(
    clock: &impl Clock,
    budget_ms: f64,
    keys: &[String],
    route: impl Fn(&str, &mut BTreeSet<&'d Destination>),
) -> Result<(u64, f64), String> {
    let mut out = BTreeSet::new();
    measure(clock, keys.len() as u64, budget_ms, |i| {
        out.clear();
        route(&keys[i as usize], &mut out);
        Ok(())
    })
}

/// `count` bindings with random patterns, each to its own queue.
fn random_bindings(rng: &mut Rng, count: usize) -> Vec<Binding> {
    (0..count)
        .map(|i| Binding {
            source: "topic".to_string(),
            destination: Destination::Queue(format!("q{i}")),
            routing_key: random_pattern(rng, WORDS_PER_BINDING * count as u64),
            arguments: Default::default(),
        })
        .collect()
}

/// The broker's topic index over `bindings`.
fn trie_of(bindings: &[Binding]) -> TopicTrie {
    let mut trie = TopicTrie::default();
    bindings.iter().for_each(|b| trie.add(b));
    trie
}

/// Routes `keys` both ways and returns how many destinations they found in all; a
/// difference means one of the two is wrong and the figures would compare different work.
fn check_agreement(trie: &TopicTrie, naive: &NaiveTopic, keys: &[String]) -> Result<usize, String> {
    let mut matched = 0;
    for key in keys {
        let (mut by_trie, mut by_naive) = (BTreeSet::new(), BTreeSet::new());
        trie.route(key, &mut by_trie);
        naive.route(key, &mut by_naive);
        if by_trie != by_naive {
            return Err(format!(
                "trie and naive matcher disagree on key {key:?}: {by_trie:?} vs {by_naive:?}"
            ));
        }
        matched += by_trie.len();
    }
    Ok(matched)
}

/// A binding key of one to four words; a word is `#` one time in ten, `*` about one in
/// seven, else one of `vocabulary` words. Patterns of wildcards only (`#`, `*.#`) are
/// drawn again: they match nearly every key, so with many of them any router's cost
/// would be the size of its answer, not the search.
fn random_pattern(rng: &mut Rng, vocabulary: u64) -> String {
    loop {
        let words: Vec<String> = (0..1 + rng.below(4))
            .map(|_| match rng.below(100) {
                0..10 => "#".to_string(),
                10..25 => "*".to_string(),
                _ => format!("w{}", rng.below(vocabulary)),
            })
            .collect();
        if words.iter().any(|w| w != "#" && w != "*") {
            return words.join(".");
        }
    }
}

/// A routing key: half the time one that some binding matches (a pattern with its
/// wildcards filled in), else one to four random words, which mostly match nothing.
fn random_key(rng: &mut Rng, bindings: &[Binding]) -> String {
    let vocabulary = WORDS_PER_BINDING * bindings.len() as u64;
    let word = |rng: &mut Rng| format!("w{}", rng.below(vocabulary));
    if rng.percent(50) {
        let pattern = &bindings[rng.below(bindings.len() as u64) as usize].routing_key;
        let mut words = Vec::new();
        for w in pattern.split('.') {
            match w {
                "*" => words.push(word(rng)),
                "#" => (0..rng.below(3)).for_each(|_| words.push(word(rng))),
                literal => words.push(literal.to_string()),
            }
        }
        words.join(".")
    } else {
        (0..1 + rng.below(4))
            .map(|_| word(rng))
            .collect::<Vec<_>>()
            .join(".")
    }
}

/// The contrast, not the engine: routing by testing the key against every binding's
/// pattern in turn, so its cost grows with the number of bindings.
struct NaiveTopic<'a> {
    bindings: Vec<(Vec<&'a str>, &'a Destination)>,
}

impl<'a> NaiveTopic<'a> {
    /// Splits every pattern once, as any sensible matcher would.
    fn new(bindings: &'a [Binding]) -> NaiveTopic<'a> {
        let bindings = bindings
            .iter()
            .map(|b| (words(&b.routing_key), &b.destination))
            .collect();
        NaiveTopic { bindings }
    }

    /// Collects the destinations of every binding whose pattern matches `key`.
    fn route(&self, key: &str, out: &mut BTreeSet<&'a Destination>) {
        let key = words(key);
        for (pattern, destination) in &self.bindings {
            if topic_matches(pattern, &key) {
                out.insert(destination);
            }
        }
    }
}

/// A key's words as RabbitMQ splits them: `""` has none, `"a..b"` has three.
fn words(key: &str) -> Vec<&str> {
    if key.is_empty() {
        Vec::new()
    } else {
        key.split('.').collect()
    }
}

/// Whether a pattern matches a key, word by word: `*` is exactly one word, `#` zero or more.
fn topic_matches(pattern: &[&str], key: &[&str]) -> bool {
    match pattern.split_first() {
        None => key.is_empty(),
        Some((&"#", rest)) => (0..=key.len()).any(|skip| topic_matches(rest, &key[skip..])),
        Some((word, rest)) => key
            .split_first()
            .is_some_and(|(k, tail)| (*word == "*" || word == k) && topic_matches(rest, tail)),
    }
}

/// Declares the end-to-end topology on a fresh broker: a topic exchange `orders` and one
/// queue per region bound with `orders.<region>.*`. Returns the routing keys to publish.
fn declare_orders(broker: &mut Broker) -> AmqpResult<Vec<String>> {
    let connection = broker.open_connection("setup");
    let channel = broker.open_channel(connection)?;
    broker.exchange_declare(
        channel,
        &ExchangeDeclare {
            exchange: "orders".to_string(),
            kind: "topic".to_string(),
            ..Default::default()
        },
    )?;
    let mut keys = Vec::new();
    for region in REGIONS {
        let queue = QueueDeclare {
            queue: region.to_string(),
            ..Default::default()
        };
        broker.queue_declare(channel, &queue)?;
        broker.queue_bind(
            channel,
            region,
            "orders",
            &format!("orders.{region}.*"),
            &Default::default(),
        )?;
        keys.push(format!("orders.{region}.created"));
    }
    broker.close_connection(connection);
    Ok(keys)
}

/// Messages per second through the simulation the page runs: a producer publishing
/// bursts on the virtual clock, consumers that ack each message as they finish it.
fn simulation(clock: &impl Clock, messages: u64) -> Result<Row, String> {
    let mut sim = Simulation::new(1);
    let keys = declare_orders(sim.broker_mut()).map_err(|e| e.to_string())?;
    // A burst per virtual millisecond, as many messages as the target per second.
    let per_ms = (TARGET_MESSAGES_PER_SEC / 1000.0) as u32;
    let producer = ProducerSpec {
        routing_keys: keys,
        burst: per_ms,
        limit: Some(messages),
        ..ProducerSpec::new("producer", "orders", "", 1000.0)
    };
    sim.add_producer(producer)?;
    for region in REGIONS {
        let consumer = ConsumerSpec::new(region, region, PIPELINE_DEPTH as u16, Duration::Fixed(0));
        sim.add_consumer(consumer).map_err(|e| e.to_string())?;
    }
    let deadline = messages.div_ceil(u64::from(per_ms)) * 10;
    let (acked, elapsed_ms) = timed(clock, || {
        while sim.metrics().totals.acked < messages && sim.now() < deadline {
            sim.run_until(sim.now() + 10);
            // The page drains events every frame; so does the bench, or they pile up.
            sim.drain_events();
        }
        sim.metrics().totals.acked
    });
    if acked < messages {
        return Err(format!(
            "the simulation acked {acked} of {messages} messages"
        ));
    }
    Ok(Row {
        workload: "Simulation: publish, deliver, ack".to_string(),
        ops: messages,
        engine: rate(messages, elapsed_ms),
        contrast: None,
    })
}

/// The same path driven by broker methods alone, as a client library would: a window of
/// publishes, then the deliveries taken and acked with one multiple ack per queue. The
/// gap to the simulation row is the cost of the simulation's agenda and bookkeeping.
fn broker_only(clock: &impl Clock, messages: u64) -> Result<Row, String> {
    let mut broker = Broker::new(1);
    let keys = declare_orders(&mut broker).map_err(|e| e.to_string())?;
    let (published, elapsed_ms) = timed(clock, || -> AmqpResult<u64> {
        let connection = broker.open_connection("client");
        let producer = broker.open_channel(connection)?;
        let consumer = broker.open_channel(connection)?;
        for region in REGIONS {
            broker.basic_consume(consumer, region, region, false, false)?;
        }
        let mut acked = 0;
        while acked < messages {
            for n in 0..PIPELINE_DEPTH {
                let publish = Publish {
                    exchange: "orders".into(),
                    routing_key: keys[n % keys.len()].as_str().into(),
                    payload: b"order".to_vec(),
                    ..Default::default()
                };
                broker.basic_publish(producer, publish)?;
            }
            let deliveries = broker.take_deliveries(consumer);
            if let Some(last) = deliveries.last() {
                broker.basic_ack(consumer, last.delivery_tag, true)?;
            }
            acked += deliveries.len() as u64;
            broker.drain_events();
        }
        Ok(acked)
    });
    let acked = published.map_err(|e| e.to_string())?;
    Ok(Row {
        workload: "Broker: publish, deliver, ack".to_string(),
        ops: acked,
        engine: rate(acked, elapsed_ms),
        contrast: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The patterns of the routing vectors, each bound to a queue of its name.
    const PATTERNS: &[&str] = &[
        "#", "#.#", "", "a.#.b", "#.b", "a.*", "*.#", "#.b.#", "a.b", "*",
    ];

    fn bindings() -> Vec<Binding> {
        PATTERNS
            .iter()
            .map(|p| Binding {
                source: "topic".to_string(),
                destination: Destination::Queue(p.to_string()),
                routing_key: p.to_string(),
                arguments: Default::default(),
            })
            .collect()
    }

    /// The patterns matching `key`, after checking that the trie and the naive matcher agree.
    fn matches(key: &str) -> Vec<String> {
        let bindings = bindings();
        let naive = NaiveTopic::new(&bindings);
        check_agreement(&trie_of(&bindings), &naive, &[key.to_string()]).unwrap();
        let mut found = BTreeSet::new();
        naive.route(key, &mut found);
        found.iter().map(|d| d.name().to_string()).collect()
    }

    #[test]
    fn the_empty_key_matches_hash_hash_hash_and_the_empty_pattern_only() {
        assert_eq!(matches(""), ["", "#", "#.#"]);
    }

    #[test]
    fn a_b_matches_a_hash_b_hash_b_a_star_star_hash_and_hash_b_hash() {
        assert_eq!(
            matches("a.b"),
            ["#", "#.#", "#.b", "#.b.#", "*.#", "a.#.b", "a.*", "a.b"]
        );
    }

    #[test]
    fn a_b_c_does_not_match_a_hash_b() {
        assert!(!matches("a.b.c").contains(&"a.#.b".to_string()));
    }

    #[test]
    fn a_small_run_fills_every_row() {
        let clock = || 0.0;
        let size = Size {
            binding_counts: [10, 100, 1_000],
            routes: 600,
            routing_budget_ms: 1_000.0,
            messages: 5_000,
        };
        let table = run(&clock, size).unwrap();
        assert_eq!(table.rows.len(), 5);
        assert!(table.rows[..3].iter().all(|r| r.ops == 600));
        // The broker row acks whole windows of publishes, so it may run past the count.
        assert_eq!(table.rows[3].ops, 5_000);
        assert!(table.rows[4].ops >= 5_000);
    }

    #[test]
    fn the_naive_matcher_agrees_with_the_trie_on_random_bindings() {
        let mut rng = Rng::new(7);
        let bindings = random_bindings(&mut rng, 300);
        let keys: Vec<String> = (0..2000).map(|_| random_key(&mut rng, &bindings)).collect();
        check_agreement(&trie_of(&bindings), &NaiveTopic::new(&bindings), &keys).unwrap();
    }
}
