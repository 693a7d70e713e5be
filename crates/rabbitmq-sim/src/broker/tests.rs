//! AMQP methods and the events they emit, as specifications.

use super::*;
use crate::broker::publish::Publish;
use crate::broker::topology::{ExchangeDeclare, QueueDeclare};
use crate::event::{DeadLetterReason, RoutedTo};
use crate::message::Properties;

fn open(b: &mut Broker) -> (u32, u32) {
    let conn = b.open_connection("test");
    let ch = b.open_channel(conn).unwrap_or_default();
    (conn, ch)
}

fn declare(b: &mut Broker, ch: u32, d: QueueDeclare) -> String {
    b.queue_declare(ch, &d)
        .map(|ok| ok.queue)
        .unwrap_or_default()
}

fn queue(name: &str) -> QueueDeclare {
    QueueDeclare {
        queue: name.into(),
        ..QueueDeclare::default()
    }
}

fn publish(
    b: &mut Broker,
    ch: u32,
    exchange: &str,
    key: &str,
    body: &str,
) -> AmqpResult<crate::Published> {
    b.basic_publish(
        ch,
        Publish {
            exchange: exchange.into(),
            routing_key: key.into(),
            payload: body.as_bytes().to_vec(),
            ..Publish::default()
        },
    )
}

#[test]
fn publish_route_deliver_ack_emits_the_events_the_page_animates() {
    let mut b = Broker::new(1);
    let (_, ch) = open(&mut b);
    declare(&mut b, ch, queue("q"));
    let tag = b
        .basic_consume(ch, "q", "c", false, false)
        .unwrap_or_default();
    assert!(publish(&mut b, ch, "", "q", "hi").is_ok());
    assert!(b.basic_ack(ch, 1, false).is_ok());
    let events: Vec<Event> = b
        .drain_events()
        .into_iter()
        .filter(|e| !matches!(e, Event::QueueDeclared { .. } | Event::ConsumerAdded { .. }))
        .collect();
    assert_eq!(
        events,
        [
            Event::Published {
                message: 1,
                channel: ch,
                exchange: "".into(),
                routing_key: "q".into()
            },
            Event::Routed {
                message: 1,
                exchange: "".into(),
                destination: RoutedTo::Queue("q".into())
            },
            Event::Delivered {
                message: 1,
                queue: "q".into(),
                channel: ch,
                consumer_tag: Some(tag.into()),
                delivery_tag: 1,
                redelivered: false
            },
            Event::Acked {
                message: 1,
                queue: "q".into()
            },
        ]
    );
}

#[test]
fn server_named_queues_look_like_rabbitmqs() {
    let mut b = Broker::new(1);
    let (_, ch) = open(&mut b);
    let name = declare(&mut b, ch, queue(""));
    assert!(name.starts_with("amq.gen-"));
    assert_eq!(name.len(), "amq.gen-".len() + 22);
}

#[test]
fn exclusive_queues_belong_to_their_connection() {
    let mut b = Broker::new(1);
    let (owner, ch) = open(&mut b);
    declare(
        &mut b,
        ch,
        QueueDeclare {
            exclusive: true,
            ..queue("mine")
        },
    );
    let (_, other) = open(&mut b);
    let err = b.basic_get(other, "mine", false).err().map(|e| e.code);
    assert_eq!(err, Some(405));
    assert!(
        !b.channels().contains_key(&other),
        "the failing channel is closed"
    );
    b.close_connection(owner);
    assert!(b.queue("mine").is_none());
}

#[test]
fn global_prefetch_limits_the_whole_channel() {
    let mut b = Broker::new(1);
    let (_, ch) = open(&mut b);
    declare(&mut b, ch, queue("a"));
    declare(&mut b, ch, queue("b"));
    for q in ["a", "a", "b", "b"] {
        assert!(publish(&mut b, ch, "", q, "m").is_ok());
    }
    assert!(b.basic_qos(ch, 3, true).is_ok());
    assert!(b.basic_consume(ch, "a", "ca", false, false).is_ok());
    assert!(b.basic_consume(ch, "b", "cb", false, false).is_ok());
    assert_eq!(b.take_deliveries(ch).len(), 3);
    assert!(b.basic_ack(ch, 1, false).is_ok());
    assert_eq!(b.take_deliveries(ch).len(), 1);
}

#[test]
fn exclusive_consumers_keep_others_out() {
    let mut b = Broker::new(1);
    let (_, ch) = open(&mut b);
    declare(&mut b, ch, queue("q"));
    assert!(b.basic_consume(ch, "q", "only", false, true).is_ok());
    let (_, other) = open(&mut b);
    let err = b
        .basic_consume(other, "q", "", false, false)
        .err()
        .map(|e| e.text);
    assert_eq!(
        err.as_deref(),
        Some("ACCESS_REFUSED - queue 'q' in vhost '/' in exclusive use")
    );
}

#[test]
fn confirms_nack_what_a_full_queue_refuses() {
    let mut b = Broker::new(1);
    let (_, ch) = open(&mut b);
    let mut args = FieldTable::new();
    args.insert(
        "x-max-length".into(),
        crate::value::FieldValue::SignedInt(1),
    );
    args.insert(
        "x-overflow".into(),
        crate::value::FieldValue::LongStr("reject-publish".into()),
    );
    declare(
        &mut b,
        ch,
        QueueDeclare {
            arguments: args,
            ..queue("q")
        },
    );
    assert!(b.confirm_select(ch).is_ok());
    let first = publish(&mut b, ch, "", "q", "1")
        .ok()
        .and_then(|p| p.confirm);
    let second = publish(&mut b, ch, "", "q", "2")
        .ok()
        .and_then(|p| p.confirm);
    assert_eq!((first, second), (Some((1, true)), Some((2, false))));
}

#[test]
fn restart_brings_unacked_persistent_messages_back_redelivered() {
    let mut b = Broker::new(1);
    let (_, ch) = open(&mut b);
    declare(
        &mut b,
        ch,
        QueueDeclare {
            durable: true,
            ..queue("d")
        },
    );
    for body in ["p1", "p2"] {
        let persistent = Publish {
            routing_key: "d".into(),
            payload: body.as_bytes().to_vec(),
            properties: Properties {
                delivery_mode: Some(2),
                ..Properties::default()
            },
            ..Publish::default()
        };
        assert!(b.basic_publish(ch, persistent).is_ok());
    }
    assert!(publish(&mut b, ch, "", "d", "transient").is_ok());
    assert!(b.basic_get(ch, "d", false).is_ok_and(|d| d.is_some()));
    b.restart();
    let left: Vec<(String, bool)> = b
        .queue("d")
        .map(|q| {
            q.ready
                .iter()
                .map(|m| (m.message.payload_text(), m.message.redelivered))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(left, [("p1".to_string(), true), ("p2".to_string(), false)]);
    assert!(b.connections().is_empty());
}

#[test]
fn alternate_and_dead_letter_paths_are_visible_in_events() {
    let mut b = Broker::new(1);
    let (_, ch) = open(&mut b);
    let fanout = |name: &str| ExchangeDeclare {
        exchange: name.into(),
        kind: "fanout".into(),
        ..ExchangeDeclare::default()
    };
    assert!(b.exchange_declare(ch, &fanout("ae")).is_ok());
    let mut main = fanout("main");
    main.kind = "direct".into();
    main.arguments.insert(
        "alternate-exchange".into(),
        crate::value::FieldValue::LongStr("ae".into()),
    );
    assert!(b.exchange_declare(ch, &main).is_ok());
    let mut args = FieldTable::new();
    args.insert(
        "x-dead-letter-exchange".into(),
        crate::value::FieldValue::LongStr("".into()),
    );
    args.insert(
        "x-dead-letter-routing-key".into(),
        crate::value::FieldValue::LongStr("dead".into()),
    );
    declare(
        &mut b,
        ch,
        QueueDeclare {
            arguments: args,
            ..queue("caught")
        },
    );
    declare(&mut b, ch, queue("dead"));
    assert!(
        b.queue_bind(ch, "caught", "ae", "", &FieldTable::new())
            .is_ok()
    );
    assert!(publish(&mut b, ch, "main", "nobody", "m").is_ok());
    assert!(b.basic_get(ch, "caught", false).is_ok());
    assert!(b.basic_reject(ch, 1, false).is_ok());
    let events = b.drain_events();
    assert!(events.contains(&Event::Routed {
        message: 1,
        exchange: "main".into(),
        destination: RoutedTo::Exchange("ae".into())
    }));
    assert!(events.contains(&Event::DeadLettered {
        message: 1,
        queue: "caught".into(),
        exchange: "".into(),
        reason: DeadLetterReason::Rejected
    }));
    assert_eq!(b.queue("dead").map(|q| q.ready.len()), Some(1));
}
