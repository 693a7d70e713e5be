//! Console transcripts as specifications.

use super::*;

/// Runs a script and returns the transcript, one output per non-empty line.
fn transcript(script: &str) -> (Broker, Vec<String>) {
    let mut broker = Broker::new(7);
    let mut out = Vec::new();
    for line in script.lines() {
        let now = broker.now();
        let text = run_line(&mut broker, line, now);
        if !text.is_empty() {
            out.push(text);
        }
    }
    (broker, out)
}

fn ready(broker: &Broker, queue: &str) -> Vec<(String, bool)> {
    broker
        .queue(queue)
        .map(|q| {
            q.ready
                .iter()
                .map(|m| (m.message.payload_text(), m.message.redelivered))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn tutorial_one_hello_world() {
    let (broker, out) = transcript(
        "declare queue name=hello durable=false\n\
         publish exchange= routing_key=hello payload='Hello World!'\n\
         publish exchange= routing_key=nobody payload=x",
    );
    assert_eq!(
        out,
        [
            "queue declared",
            "Message published",
            "Message published but NOT routed"
        ]
    );
    assert_eq!(
        ready(&broker, "hello"),
        [("Hello World!".to_string(), false)]
    );
}

#[test]
fn errors_print_reply_code_and_text() {
    let (_, out) = transcript(
        "declare exchange name=logs type=fanout\n\
         declare exchange name=logs type=direct\n\
         declare exchange name=amq.foo type=direct\n\
         publish exchange=nox routing_key=k payload=x\n\
         declare exchange name=bad type=nonsense\n\
         declare binding source= destination=q",
    );
    assert_eq!(
        out[1..],
        [
            "*** 406 PRECONDITION_FAILED - inequivalent arg 'type' for exchange 'logs' in vhost '/': received 'direct' but current is 'fanout'",
            "*** 403 ACCESS_REFUSED - exchange name 'amq.foo' contains reserved prefix 'amq.*'",
            "*** 404 NOT_FOUND - no exchange 'nox' in vhost '/'",
            "*** 503 COMMAND_INVALID - unknown exchange type 'nonsense'",
            "*** 403 ACCESS_REFUSED - operation not permitted on the default exchange",
        ]
    );
}

#[test]
fn get_with_requeue_marks_redelivered_and_keeps_order() {
    let (broker, out) = transcript(
        "declare queue name=q\n\
         publish exchange= routing_key=q payload=a\n\
         publish exchange= routing_key=q payload=b\n\
         get queue=q ackmode=ack_requeue_true",
    );
    assert!(out[3].contains("| q           |          | 1             | a       |"));
    assert_eq!(
        ready(&broker, "q"),
        [("a".to_string(), true), ("b".to_string(), false)]
    );
}

#[test]
fn topic_routing_through_the_console() {
    let (broker, _) = transcript(
        "declare exchange name=t type=topic\n\
         declare queue name=all\n\
         declare queue name=kern\n\
         declare binding source=t destination=all routing_key='#'\n\
         declare binding source=t destination=kern routing_key='kern.*'\n\
         publish exchange=t routing_key=kern.critical payload=1\n\
         publish exchange=t routing_key=cron.info payload=2",
    );
    assert_eq!(ready(&broker, "all").len(), 2);
    assert_eq!(ready(&broker, "kern"), [("1".to_string(), false)]);
}

#[test]
fn expired_messages_are_dead_lettered_with_x_death() {
    let (broker, _) = transcript(
        "declare exchange name=dlx type=fanout\n\
         declare queue name=dead\n\
         declare binding source=dlx destination=dead\n\
         declare queue name=q arguments='{\"x-message-ttl\":100,\"x-dead-letter-exchange\":\"dlx\"}'\n\
         publish exchange= routing_key=q payload=old\n\
         run 1s",
    );
    assert!(ready(&broker, "q").is_empty());
    let dead = broker
        .queue("dead")
        .and_then(|q| q.ready.front())
        .map(|m| m.message.clone());
    let headers = dead
        .and_then(|m| m.properties.headers.clone())
        .unwrap_or_default();
    assert!(headers.contains_key("x-death"));
    assert_eq!(
        headers.get("x-first-death-reason"),
        Some(&crate::value::FieldValue::LongStr("expired".into()))
    );
}

#[test]
fn consumers_share_round_robin_and_closing_requeues() {
    let (broker, out) = transcript(
        "declare queue name=work\n\
         consume queue=work consumer_tag=c1 prefetch=1\n\
         consume queue=work consumer_tag=c2 prefetch=1\n\
         publish exchange= routing_key=work payload=m1\n\
         publish exchange= routing_key=work payload=m2\n\
         publish exchange= routing_key=work payload=m3\n\
         ack consumer=c1\n\
         close consumer=c2",
    );
    assert!(out[3].ends_with("c1 received \"m1\" from work (delivery_tag=1, redelivered=False)"));
    assert!(out[4].ends_with("c2 received \"m2\" from work (delivery_tag=1, redelivered=False)"));
    assert!(out[6].ends_with("c1 received \"m3\" from work (delivery_tag=2, redelivered=False)"));
    assert_eq!(ready(&broker, "work"), [("m2".to_string(), true)]);
}

#[test]
fn max_length_drop_head_keeps_the_newest() {
    let (broker, _) = transcript(
        "declare queue name=q arguments='{\"x-max-length\":2}'\n\
         publish exchange= routing_key=q payload=1\n\
         publish exchange= routing_key=q payload=2\n\
         publish exchange= routing_key=q payload=3",
    );
    let payloads: Vec<String> = ready(&broker, "q").into_iter().map(|(p, _)| p).collect();
    assert_eq!(payloads, ["2", "3"]);
}

#[test]
fn restart_keeps_durable_things_and_persistent_messages() {
    let (broker, _) = transcript(
        "declare queue name=d durable=true\n\
         declare queue name=t durable=false\n\
         publish exchange= routing_key=d payload=p properties='{\"delivery_mode\":2}'\n\
         publish exchange= routing_key=d payload=t\n\
         restart",
    );
    assert!(broker.queue("t").is_none());
    assert_eq!(ready(&broker, "d"), [("p".to_string(), false)]);
}

#[test]
fn usage_errors_do_not_touch_the_broker() {
    let (_, out) =
        transcript("declare queue\nfrobnicate\npublish exchange=x routing_key=k properties='{'");
    assert_eq!(
        out[0],
        "*** Error: mandatory argument \"name\" not specified"
    );
    assert!(out[1].starts_with("*** Error: unknown command"));
    assert!(out[2].starts_with("*** Error: properties: invalid JSON"));
}

#[test]
fn nack_with_requeue_redelivers_and_keeps_the_unacked_count_right() {
    let (broker, out) = transcript(
        "declare queue name=q\n\
         publish exchange= routing_key=q payload=1\n\
         publish exchange= routing_key=q payload=2\n\
         consume queue=q consumer_tag=c prefetch=2\n\
         nack consumer=c delivery_tag=1",
    );
    assert!(out[4].ends_with("c received \"1\" from q (delivery_tag=3, redelivered=True)"));
    assert_eq!(broker.queue("q").map(|q| q.unacked), Some(2));
}

#[test]
fn exclusive_queues_live_on_the_console_connection() {
    let (broker, out) = transcript(
        "declare queue name=mine durable=false exclusive=true\n\
         consume queue=mine consumer_tag=other\n\
         declare exchange name=x type=nonsense",
    );
    assert!(out[1].starts_with(
        "*** 405 RESOURCE_LOCKED - cannot obtain exclusive access to locked queue 'mine'"
    ));
    assert!(out[2].starts_with("*** 503"));
    assert!(
        broker.queue("mine").is_none(),
        "the connection error took the queue with it"
    );
}

#[test]
fn amq_default_names_the_default_exchange_as_in_the_management_api() {
    let (broker, out) = transcript(
        "declare queue name=hello\n\
         publish exchange=amq.default routing_key=hello payload=hi",
    );
    assert_eq!(out, ["queue declared", "Message published"]);
    assert_eq!(ready(&broker, "hello"), [("hi".to_string(), false)]);
}
