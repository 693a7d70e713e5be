//! Simulation scenarios as specifications.

use super::*;
use crate::broker::topology::QueueDeclare;
use distribution::Duration;

fn with_queue(name: &str) -> Simulation {
    let mut sim = Simulation::new(42);
    let b = sim.broker_mut();
    let conn = b.open_connection("setup");
    let ch = b.open_channel(conn).unwrap_or(0);
    let declared = b.queue_declare(
        ch,
        &QueueDeclare {
            queue: name.into(),
            ..QueueDeclare::default()
        },
    );
    assert!(declared.is_ok());
    b.close_connection(conn);
    sim
}

#[test]
fn a_consumer_keeps_up_with_a_slower_producer() {
    let mut sim = with_queue("work");
    assert!(
        sim.add_producer(ProducerSpec::new("p", "", "work", 10.0))
            .is_ok()
    );
    assert!(
        sim.add_consumer(ConsumerSpec::new("c", "work", 1, Duration::Fixed(20)))
            .is_ok()
    );
    sim.run_until(10_000);
    let totals = sim.metrics().totals;
    assert_eq!(totals.published, 101);
    assert!(totals.acked >= 100);
    assert!(
        sim.broker()
            .queue("work")
            .is_some_and(|q| q.ready.is_empty())
    );
}

#[test]
fn a_slow_consumer_lets_the_queue_grow() {
    let mut sim = with_queue("work");
    assert!(
        sim.add_producer(ProducerSpec::new("p", "", "work", 100.0))
            .is_ok()
    );
    assert!(
        sim.add_consumer(ConsumerSpec::new("c", "work", 1, Duration::Fixed(100)))
            .is_ok()
    );
    sim.run_until(5_000);
    let depth = sim.broker().queue("work").map_or(0, |q| q.ready.len());
    assert!(depth > 400, "depth {depth}");
    assert!(
        sim.metrics()
            .queue_depth
            .get("work")
            .and_then(|s| s.last())
            .is_some_and(|d| d > 400.0)
    );
}

#[test]
fn a_crash_requeues_and_the_reconnected_consumer_sees_redeliveries() {
    let mut sim = with_queue("work");
    let mut producer = ProducerSpec::new("p", "", "work", 0.0);
    producer.burst = 5;
    assert!(sim.add_producer(producer).is_ok());
    let mut spec = ConsumerSpec::new("c", "work", 5, Duration::Fixed(1_000));
    spec.crash_at = Some(500);
    spec.reconnect_after = Some(100);
    assert!(sim.add_consumer(spec).is_ok());
    sim.run_until(550);
    // Crashed at 500 holding all five: they are back in the queue, none unacked.
    let unacked = sim.broker().queue("work").map_or(0, |q| q.unacked);
    assert_eq!(unacked, 0);
    sim.run_until(700);
    let events = sim.drain_events();
    assert!(events.iter().any(|e| matches!(
        e,
        Event::Delivered {
            redelivered: true,
            ..
        }
    )));
    sim.run_until(20_000);
    assert_eq!(sim.metrics().totals.acked, 5);
}

#[test]
fn the_same_seed_replays_the_same_run() {
    let run = || {
        let mut sim = with_queue("work");
        let mut producer = ProducerSpec::new("p", "", "work", 50.0);
        producer.limit = Some(200);
        let _ = sim.add_producer(producer);
        let mut spec = ConsumerSpec::new("c", "work", 3, Duration::Exponential { mean: 15 });
        spec.nack_probability = 0.2;
        spec.crash_probability = 0.01;
        spec.reconnect_after = Some(50);
        let _ = sim.add_consumer(spec);
        sim.run_until(30_000);
        sim.drain_events()
    };
    assert_eq!(run(), run());
}

#[test]
fn producers_carry_on_after_a_broker_restart() {
    let mut sim = with_queue("work");
    assert!(
        sim.add_producer(ProducerSpec::new("p", "", "work", 10.0))
            .is_ok()
    );
    sim.run_until(1_000);
    sim.restart_broker();
    sim.run_until(2_000);
    // The transient queue went with the restart; the producer keeps publishing (unroutable).
    assert!(sim.broker().queue("work").is_none());
    assert_eq!(sim.producers().len(), 1);
    assert!(sim.metrics().totals.published >= 20);
}

/// Five messages in "work", all taken by consumer "c" (prefetch 5, slow), which then has
/// its channel closed at 500 ms.
fn channel_closed_holding_five(reconnect_after: Option<u64>) -> Simulation {
    let mut sim = with_queue("work");
    let mut producer = ProducerSpec::new("p", "", "work", 0.0);
    producer.burst = 5;
    assert!(sim.add_producer(producer).is_ok());
    let mut spec = ConsumerSpec::new("c", "work", 5, Duration::Fixed(1_000));
    spec.reconnect_after = reconnect_after;
    assert!(sim.add_consumer(spec).is_ok());
    sim.run_until(500);
    assert_eq!(sim.broker().queue("work").map(|q| q.unacked), Some(5));
    sim.drain_events();
    assert!(sim.close_consumer_channel("c"));
    sim
}

#[test]
fn closing_a_consumer_channel_requeues_in_order_and_keeps_the_connection() {
    let mut sim = channel_closed_holding_five(None);
    let queue = sim.broker().queue("work").cloned();
    let payloads: Vec<(String, bool)> = queue
        .iter()
        .flat_map(|q| q.ready.iter())
        .map(|m| (m.message.payload_text(), m.message.redelivered))
        .collect();
    let expected: Vec<(String, bool)> = (1..=5).map(|n| (format!("p #{n}"), true)).collect();
    assert_eq!(payloads, expected);
    assert_eq!(queue.map(|q| (q.unacked, q.consumers.len())), Some((0, 0)));
    let c = &sim.consumers()["c"];
    assert_eq!(c.attachment(), consumer::Attachment::ChannelClosed);
    let connection = c.connection;
    assert!(connection.is_some_and(|id| sim.broker().connections().contains_key(&id)));
    let events = sim.drain_events();
    assert_eq!(
        events
            .iter()
            .filter(|e| matches!(e, Event::Requeued { .. }))
            .count(),
        5
    );
    assert!(events.iter().any(|e| matches!(
        e,
        Event::ConsumerRemoved { consumer_tag, .. } if consumer_tag == "c"
    )));
    assert!(events.iter().any(|e| matches!(
        e,
        Event::ChannelClosed {
            reply_code: 200,
            ..
        }
    )));
    // The work it had in hand is dropped: nothing is acked later, and it stays stopped.
    assert!(!sim.close_consumer_channel("c"));
    sim.run_until(10_000);
    assert_eq!(sim.metrics().totals.acked, 0);
    assert_eq!(sim.broker().queue("work").map(|q| q.ready.len()), Some(5));
    assert_eq!(sim.consumers()["c"].connection, connection);
}

#[test]
fn a_consumer_with_a_reconnect_delay_reopens_a_channel_on_the_same_connection() {
    let mut sim = channel_closed_holding_five(Some(100));
    let connection = sim.consumers()["c"].connection;
    sim.run_until(599);
    assert_eq!(
        sim.consumers()["c"].attachment(),
        consumer::Attachment::ChannelClosed
    );
    sim.run_until(600);
    let c = &sim.consumers()["c"];
    assert_eq!(c.attachment(), consumer::Attachment::Subscribed);
    assert_eq!(c.link.map(|(conn, _)| conn), connection);
    let redelivered = sim
        .drain_events()
        .iter()
        .filter(|e| {
            matches!(
                e,
                Event::Delivered {
                    redelivered: true,
                    ..
                }
            )
        })
        .count();
    assert_eq!(redelivered, 5);
    sim.run_until(20_000);
    assert_eq!(sim.metrics().totals.acked, 5);
}

#[test]
fn a_crash_after_a_channel_close_drops_the_connection_too() {
    let mut sim = channel_closed_holding_five(None);
    assert!(sim.crash_consumer("c"));
    assert_eq!(
        sim.consumers()["c"].attachment(),
        consumer::Attachment::Disconnected
    );
    assert!(
        sim.broker()
            .connections()
            .values()
            .all(|c| c.name != "consumer c")
    );
}
