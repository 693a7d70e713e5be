//! Random operation sequences: the broker never panics, never loses a persistent message
//! in a durable queue, and sets `redelivered` exactly on redeliveries.

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;
use rabbitmq_sim::message::Properties;
use rabbitmq_sim::value::{FieldTable, FieldValue};
use rabbitmq_sim::{
    Broker, Event, ExchangeDeclare, Publish, QueueDeclare, RoutedTo, Simulation, admin,
};

/// One client action.
#[derive(Debug, Clone)]
enum Op {
    OpenChannel,
    DeclareQueue {
        queue: u8,
        limits: bool,
    },
    DeclareExchange {
        exchange: u8,
        kind: u8,
    },
    Bind {
        exchange: u8,
        queue: u8,
        key: u8,
    },
    Unbind {
        exchange: u8,
        queue: u8,
        key: u8,
    },
    Publish {
        exchange: u8,
        key: u8,
        persistent: bool,
        mandatory: bool,
    },
    Get {
        queue: u8,
        no_ack: bool,
    },
    Consume {
        queue: u8,
        prefetch: u8,
        no_ack: bool,
    },
    Ack {
        tag: u8,
        multiple: bool,
    },
    Nack {
        tag: u8,
        multiple: bool,
        requeue: bool,
    },
    Cancel {
        queue: u8,
    },
    Qos {
        prefetch: u8,
        global: bool,
    },
    CloseChannel,
    CloseConnection,
    Advance {
        ms: u16,
    },
    Restart,
    Purge {
        queue: u8,
    },
    DeleteQueue {
        queue: u8,
    },
}

const QUEUES: &[&str] = &["q0", "q1", "q2", ""];
const EXCHANGES: &[&str] = &["", "amq.direct", "amq.topic", "x0", "x1", "amq.bad"];
const KINDS: &[&str] = &["direct", "fanout", "topic", "headers", "bogus"];
const KEYS: &[&str] = &["", "q0", "q1", "a.b", "#", "*.b", "a..b", "q2"];

fn op(lossy: bool) -> impl Strategy<Value = Op> {
    // The default exchange (index 0) half the time, so most publishes reach a queue.
    let exchange = prop_oneof![Just(0u8), 0..6u8];
    let safe = prop_oneof![
        1 => Just(Op::OpenChannel),
        3 => (0..4u8, any::<bool>()).prop_map(move |(queue, limits)| Op::DeclareQueue { queue, limits: limits && lossy }),
        1 => (0..6u8, 0..5u8).prop_map(|(exchange, kind)| Op::DeclareExchange { exchange, kind }),
        2 => (0..6u8, 0..4u8, 0..8u8).prop_map(|(exchange, queue, key)| Op::Bind { exchange, queue, key }),
        1 => (0..6u8, 0..4u8, 0..8u8).prop_map(|(exchange, queue, key)| Op::Unbind { exchange, queue, key }),
        6 => (exchange, 0..8u8, any::<bool>(), any::<bool>()).prop_map(|(exchange, key, persistent, mandatory)| Op::Publish {
            exchange,
            key,
            persistent,
            mandatory
        }),
        3 => (0..4u8).prop_map(|queue| Op::Get { queue, no_ack: false }),
        2 => (0..4u8, 0..3u8).prop_map(|(queue, prefetch)| Op::Consume { queue, prefetch, no_ack: false }),
        3 => (0..5u8, any::<bool>()).prop_map(|(tag, multiple)| Op::Ack { tag, multiple }),
        3 => (0..5u8, any::<bool>()).prop_map(|(tag, multiple)| Op::Nack { tag, multiple, requeue: true }),
        1 => (0..4u8).prop_map(|queue| Op::Cancel { queue }),
        1 => (0..3u8, any::<bool>()).prop_map(|(prefetch, global)| Op::Qos { prefetch, global }),
        1 => Just(Op::CloseChannel),
        1 => Just(Op::CloseConnection),
        1 => (0..2000u16).prop_map(|ms| Op::Advance { ms }),
        1 => Just(Op::Restart),
    ];
    let lossy_ops = prop_oneof![
        (0..4u8, any::<bool>()).prop_map(|(queue, no_ack)| Op::Get { queue, no_ack }),
        (0..4u8, 0..3u8, any::<bool>()).prop_map(|(queue, prefetch, no_ack)| Op::Consume {
            queue,
            prefetch,
            no_ack
        }),
        (0..8u8, any::<bool>(), any::<bool>()).prop_map(|(tag, multiple, requeue)| Op::Nack {
            tag,
            multiple,
            requeue
        }),
        (0..4u8).prop_map(|queue| Op::Purge { queue }),
        (0..4u8).prop_map(|queue| Op::DeleteQueue { queue }),
    ];
    if lossy {
        prop_oneof![4 => safe, 1 => lossy_ops].boxed()
    } else {
        safe.boxed()
    }
}

/// Drives a broker with one client whose current channel is replaced when it closes.
struct Client {
    broker: Broker,
    connection: u32,
    channel: u32,
}

impl Client {
    fn new() -> Client {
        let mut broker = Broker::new(1);
        let connection = broker.open_connection("proptest");
        let channel = broker.open_channel(connection).unwrap_or(0);
        Client {
            broker,
            connection,
            channel,
        }
    }

    /// Reopens the connection or channel if an exception or restart closed them.
    fn ensure_open(&mut self) {
        if !self.broker.connections().contains_key(&self.connection) {
            self.connection = self.broker.open_connection("proptest");
        }
        if !self.broker.channels().contains_key(&self.channel) {
            self.channel = self.broker.open_channel(self.connection).unwrap_or(0);
        }
    }

    fn apply(&mut self, op: &Op) {
        self.ensure_open();
        let (b, ch) = (&mut self.broker, self.channel);
        let durable = FieldTable::new();
        // Results are deliberately ignored: errors are part of the exploration.
        match *op {
            Op::OpenChannel => {
                if let Ok(c) = b.open_channel(self.connection) {
                    self.channel = c;
                }
            }
            Op::DeclareQueue { queue, limits } => {
                let mut arguments = durable;
                if limits {
                    arguments.insert("x-max-length".into(), FieldValue::SignedInt(2));
                    arguments.insert("x-message-ttl".into(), FieldValue::SignedInt(500));
                    arguments.insert(
                        "x-dead-letter-exchange".into(),
                        FieldValue::LongStr("x0".into()),
                    );
                }
                let _ = b.queue_declare(
                    ch,
                    &QueueDeclare {
                        queue: QUEUES[usize::from(queue)].into(),
                        durable: true,
                        arguments,
                        ..QueueDeclare::default()
                    },
                );
            }
            Op::DeclareExchange { exchange, kind } => {
                let _ = b.exchange_declare(
                    ch,
                    &ExchangeDeclare {
                        exchange: EXCHANGES[usize::from(exchange)].into(),
                        kind: KINDS[usize::from(kind)].into(),
                        durable: true,
                        ..ExchangeDeclare::default()
                    },
                );
            }
            Op::Bind {
                exchange,
                queue,
                key,
            } => {
                let _ = b.queue_bind(
                    ch,
                    QUEUES[usize::from(queue)],
                    EXCHANGES[usize::from(exchange)],
                    KEYS[usize::from(key)],
                    &FieldTable::new(),
                );
            }
            Op::Unbind {
                exchange,
                queue,
                key,
            } => {
                let _ = b.queue_unbind(
                    ch,
                    QUEUES[usize::from(queue)],
                    EXCHANGES[usize::from(exchange)],
                    KEYS[usize::from(key)],
                    &FieldTable::new(),
                );
            }
            Op::Publish {
                exchange,
                key,
                persistent,
                mandatory,
            } => {
                let _ = b.basic_publish(
                    ch,
                    Publish {
                        exchange: EXCHANGES[usize::from(exchange)].into(),
                        routing_key: KEYS[usize::from(key)].into(),
                        mandatory,
                        properties: Properties {
                            delivery_mode: Some(if persistent { 2 } else { 1 }),
                            ..Properties::default()
                        },
                        payload: b"m".to_vec(),
                    },
                );
            }
            Op::Get { queue, no_ack } => {
                let _ = b.basic_get(ch, QUEUES[usize::from(queue)], no_ack);
            }
            Op::Consume {
                queue,
                prefetch,
                no_ack,
            } => {
                let _ = b.basic_qos(ch, u16::from(prefetch), false);
                let _ = b.basic_consume(ch, QUEUES[usize::from(queue)], "", no_ack, false);
            }
            Op::Ack { tag, multiple } => {
                let _ = b.basic_ack(ch, u64::from(tag), multiple);
            }
            Op::Nack {
                tag,
                multiple,
                requeue,
            } => {
                let _ = b.basic_nack(ch, u64::from(tag), multiple, requeue);
            }
            Op::Cancel { queue } => {
                let tags: Vec<String> = b
                    .channels()
                    .get(&ch)
                    .map(|c| {
                        c.consumers
                            .iter()
                            .filter(|(_, k)| *k.queue == *QUEUES[usize::from(queue)])
                            .map(|(t, _)| t.to_string())
                            .collect()
                    })
                    .unwrap_or_default();
                for t in tags {
                    let _ = b.basic_cancel(ch, &t);
                }
            }
            Op::Qos { prefetch, global } => {
                let _ = b.basic_qos(ch, u16::from(prefetch), global);
            }
            Op::CloseChannel => b.close_channel(ch),
            Op::CloseConnection => b.close_connection(self.connection),
            Op::Advance { ms } => {
                let t = b.now() + u64::from(ms);
                b.advance_to(t);
            }
            Op::Restart => b.restart(),
            Op::Purge { queue } => {
                let _ = b.queue_purge(ch, QUEUES[usize::from(queue)]);
            }
            Op::DeleteQueue { queue } => {
                let _ = b.queue_delete(ch, QUEUES[usize::from(queue)], false, false);
            }
        }
    }
}

/// Console lines that drive simulated clients, crashes and restarts.
fn sim_line() -> impl Strategy<Value = String> {
    prop_oneof![
        (0..3u8).prop_map(|q| format!("declare queue name=q{q} durable={}", q % 2 == 0)),
        (0..3u8, 0..3u8, 1..300u16)
            .prop_map(|(p, q, r)| format!("producer name=p{p} exchange= routing_key=q{q} rate={r} persistent=true")),
        (0..3u8, 0..3u8, 0..4u8, any::<bool>()).prop_map(|(c, q, prefetch, auto)| format!(
            "consumer name=c{c} queue=q{q} prefetch={prefetch} processing=exp:50ms nack=0.2 reject=0.1 crash=0.05 reconnect=200ms ackmode={}",
            if auto { "auto" } else { "manual" }
        )),
        (0..3u8).prop_map(|c| format!("crash consumer name=c{c}")),
        (0..3u8).prop_map(|c| format!("close channel consumer=c{c}")),
        (0..3u8).prop_map(|c| format!("stop consumer name=c{c}")),
        (0..3u8).prop_map(|p| format!("stop producer name=p{p}")),
        (1..3000u16).prop_map(|ms| format!("run {ms}ms")),
        Just("restart".to_string()),
        (0..3u8).prop_map(|q| format!("delete queue name=q{q}")),
        Just("bounded capacity=2 put_every=5ms processing=exp:20ms".to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Without operations that legitimately discard messages, every persistent message that
    /// reached a durable queue is acked exactly once or is still there, and `redelivered`
    /// is set exactly when the message was delivered before.
    #[test]
    fn no_persistent_message_is_lost(ops in prop::collection::vec(op(false), 1..80)) {
        let mut client = Client::new();
        let mut persistent = BTreeSet::new();
        let mut routed: BTreeSet<(u64, String)> = BTreeSet::new();
        let mut acked: BTreeMap<(u64, String), u32> = BTreeMap::new();
        let mut delivered: BTreeSet<(u64, String)> = BTreeSet::new();
        for op in &ops {
            client.apply(op);
            for event in client.broker.drain_events() {
                match event {
                    Event::Published { message, .. } => {
                        if matches!(op, Op::Publish { persistent: true, .. }) {
                            persistent.insert(message);
                        }
                    }
                    Event::Routed { message, destination: RoutedTo::Queue(q), .. } if persistent.contains(&message) => {
                        routed.insert((message, q.to_string()));
                    }
                    Event::Acked { message, queue } => *acked.entry((message, queue.to_string())).or_default() += 1,
                    Event::Delivered { message, queue, redelivered, .. } => {
                        let key = (message, queue.to_string());
                        let before = !delivered.insert(key.clone());
                        prop_assert_eq!(redelivered, before, "redelivered flag of {:?}", key);
                    }
                    _ => {}
                }
            }
        }
        let b = &client.broker;
        for key in &routed {
            let (id, q) = key;
            let ready = b.queue(q).map_or(0, |queue| queue.ready.iter().filter(|m| m.message.id == *id).count());
            let unacked = b.channels().values().flat_map(|c| c.unacked.values()).filter(|p| *p.queue == **q && p.queued.message.id == *id).count();
            let acks = acked.get(key).copied().unwrap_or(0) as usize;
            prop_assert_eq!(ready + unacked + acks, 1, "message {} in {}: ready {} unacked {} acks {}", id, q, ready, unacked, acks);
        }
    }

    /// Anything goes (limits, TTLs, purges, deletes, auto-ack): no panic, and the queues'
    /// unacknowledged counts agree with the channels.
    #[test]
    fn random_sequences_never_panic(ops in prop::collection::vec(op(true), 1..120)) {
        let mut client = Client::new();
        for op in &ops {
            client.apply(op);
            let b = &client.broker;
            for (name, q) in b.queues() {
                let held = b
                    .channels()
                    .values()
                    .flat_map(|c| c.unacked.values())
                    .filter(|p| *p.queue == **name && p.incarnation == q.incarnation)
                    .count();
                prop_assert_eq!(q.unacked, held, "unacked count of {} after {:?}", name, op);
            }
        }
        let _ = admin::dump_state(&client.broker);
    }

    /// Simulated producers and consumers that nack, reject, crash, have their channels
    /// closed, reconnect and live through restarts never panic the broker, never unbalance
    /// its unacked counts, and hold only connections and channels the broker has open.
    #[test]
    fn simulated_clients_never_panic(lines in prop::collection::vec(sim_line(), 1..40)) {
        let mut sim = Simulation::new(11);
        for line in &lines {
            let _ = admin::run_sim_line(&mut sim, line);
            let b = sim.broker();
            for (name, q) in b.queues() {
                let held = b
                    .channels()
                    .values()
                    .flat_map(|c| c.unacked.values())
                    .filter(|p| *p.queue == **name && p.incarnation == q.incarnation)
                    .count();
                prop_assert_eq!(q.unacked, held, "unacked count of {} after {}", name, line);
            }
            for c in sim.consumers().values() {
                if let Some((connection, channel)) = c.link {
                    prop_assert_eq!(c.connection, Some(connection));
                    prop_assert!(b.channels().contains_key(&channel), "{} lost its channel after {}", c.spec.name, line);
                }
                if let Some(connection) = c.connection {
                    prop_assert!(b.connections().contains_key(&connection), "{} lost its connection after {}", c.spec.name, line);
                }
            }
        }
    }

    /// Arbitrary console input never panics.
    #[test]
    fn console_lines_never_panic(lines in prop::collection::vec("[a-z_=' {}\":0-9.#*-]{0,60}", 1..30)) {
        let mut broker = Broker::new(3);
        for (i, line) in lines.iter().enumerate() {
            let _ = admin::run_line(&mut broker, line, i as u64 * 100);
        }
    }
}
