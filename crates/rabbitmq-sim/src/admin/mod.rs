//! The console dialect: rabbitmqadmin's words with a shell's quoting, plus a few verbs of
//! our own for consumers, the clock and restarts.
//!
//! Each line runs on a fresh channel of the console's own connection, and the channel closes
//! afterwards, so an error closes nothing else (except a connection error, which takes the
//! connection and its exclusive queues with it, as in RabbitMQ). A `consume` line opens a
//! connection of its own for the consumer; later lines name the consumer by its tag.

mod shell;
mod simulation;
mod state;
mod table;

use std::collections::BTreeMap;

use serde_json::Value;

use crate::broker::Broker;
use crate::broker::delivery::Delivery;
use crate::broker::publish::Publish;
use crate::broker::topology::{ExchangeDeclare, QueueDeclare};
use crate::error::AmqpError;
use crate::message::Properties;
use crate::sim::distribution::parse_ms;
use crate::value::{FieldTable, table_from_json};

pub use simulation::run_sim_line;
pub use state::dump_state;

/// The console's help text.
pub const HELP: &str = "\
rabbitmqadmin-style commands (quote like a shell; JSON goes in single quotes):
  declare exchange name=.. type=direct|fanout|topic|headers [durable=true] [auto_delete=false]
                   [internal=false] [arguments='{\"alternate-exchange\":\"ae\"}']
  declare queue name=.. [durable=true] [auto_delete=false] [exclusive=false]
                [arguments='{\"x-max-length\":10}']
  declare binding source=.. destination=.. [destination_type=queue|exchange] [routing_key=..]
                  [arguments='{..}']
  publish exchange=.. routing_key=.. payload=.. [properties='{\"delivery_mode\":2,\"expiration\":\"5000\",\"headers\":{..}}']
          [mandatory=true]
  get queue=.. [ackmode=ack_requeue_true|ack_requeue_false|reject_requeue_true|reject_requeue_false] [count=1]
  purge queue name=..
  delete queue name=.. | delete exchange name=.. | delete binding source=.. destination=..
         [destination_type=queue] [properties_key=..|routing_key=..] [arguments='{..}']
  list queues|exchanges|bindings|consumers [column ...]
playground commands:
  consume queue=.. [consumer_tag=..] [ackmode=manual|auto] [prefetch=0] [exclusive=false]
  ack consumer=.. [delivery_tag=N] [multiple=false]     (no delivery_tag: everything outstanding)
  nack consumer=.. [delivery_tag=N] [multiple=false] [requeue=true]
  reject consumer=.. delivery_tag=N [requeue=true]
  cancel consumer=..          basic.cancel; unacked messages stay with the channel
  close consumer=..           the consumer's connection drops: its unacked messages are requeued
  run 5s | run 250ms          advance the virtual clock (TTLs, queue expiry, simulated clients)
  restart                     stop and start the broker
simulated clients:
  producer name=.. exchange=.. routing_key=k|k1,k2,..|'{kern,auth}.{info,error}' [keys=cycle|random]
           [rate=1] [burst=1] [count=N] [payload='msg {n} {key}'] [persistent=false]
           [mandatory=false] [confirms=false]     ({a,b} groups expand like a shell's: 4 keys here)
  consumer name=.. queue=.. [prefetch=1] [ackmode=manual|auto] [processing=100ms|50..200ms|exp:100ms]
           [nack=0.0] [reject=0.0] [crash=0.0] [crash_at=5s] [reconnect=1s]
  stop producer name=.. | stop consumer name=..
  crash consumer name=..      the consumer's connection drops; it reconnects if reconnect= was given
  close channel consumer=..   the consumer's channel closes, its connection stays: unacked messages
                              are requeued (redelivered); it reopens a channel after reconnect=
                              if that was given, else it stays stopped
  bounded capacity=3 [put_every=10ms] [processing=100ms]
                              the lesson's queue.Queue(maxsize) between two threads, for contrast
  status                      producers, consumers and the bounded queue
  help";

/// A console mistake (as opposed to an AMQP error from the broker).
struct Usage(String);

/// What a line failed with.
enum Failure {
    Usage(Usage),
    Amqp(AmqpError),
}

impl From<AmqpError> for Failure {
    fn from(e: AmqpError) -> Self {
        Failure::Amqp(e)
    }
}

impl From<Usage> for Failure {
    fn from(u: Usage) -> Self {
        Failure::Usage(u)
    }
}

type Outcome = Result<String, Failure>;

/// The `key=value` words of a line.
struct Args {
    values: BTreeMap<String, String>,
}

impl Args {
    fn parse(words: &[String]) -> Result<Args, Usage> {
        let mut values = BTreeMap::new();
        for w in words {
            let Some((k, v)) = w.split_once('=') else {
                return Err(Usage(format!("expected key=value, got \"{w}\"")));
            };
            values.insert(k.to_string(), v.to_string());
        }
        Ok(Args { values })
    }

    fn text(&self, key: &str) -> Option<&str> {
        self.values.get(key).map(String::as_str)
    }

    fn required(&self, key: &str) -> Result<&str, Usage> {
        self.text(key)
            .ok_or_else(|| Usage(format!("mandatory argument \"{key}\" not specified")))
    }

    fn flag(&self, key: &str, default: bool) -> Result<bool, Usage> {
        match self.text(key) {
            None => Ok(default),
            Some(v) if v.eq_ignore_ascii_case("true") => Ok(true),
            Some(v) if v.eq_ignore_ascii_case("false") => Ok(false),
            Some(v) => Err(Usage(format!("{key}: expected true or false, got \"{v}\""))),
        }
    }

    fn number(&self, key: &str) -> Result<Option<u64>, Usage> {
        self.text(key)
            .map(|v| {
                v.parse::<u64>()
                    .map_err(|_| Usage(format!("{key}: expected a number, got \"{v}\"")))
            })
            .transpose()
    }

    fn json_object(&self, key: &str) -> Result<serde_json::Map<String, Value>, Usage> {
        match self.text(key) {
            None => Ok(serde_json::Map::new()),
            Some(v) => match serde_json::from_str::<Value>(v) {
                Ok(Value::Object(m)) => Ok(m),
                Ok(_) => Err(Usage(format!("{key}: expected a JSON object"))),
                Err(e) => Err(Usage(format!("{key}: invalid JSON: {e}"))),
            },
        }
    }

    fn table(&self, key: &str) -> Result<FieldTable, Usage> {
        self.json_object(key).map(|m| table_from_json(&m))
    }
}

/// Runs one console line at virtual time `now_ms` and returns its transcript text
/// (empty for blank lines and comments).
pub fn run_line(broker: &mut Broker, line: &str, now_ms: u64) -> String {
    broker.advance_to(now_ms);
    let words = match shell::split(line) {
        Ok(w) => w,
        Err(e) => return format!("*** Error: {e}"),
    };
    if words.is_empty() {
        return String::new();
    }
    let mut out = match execute(broker, &words) {
        Ok(text) => text,
        Err(Failure::Usage(Usage(text))) => format!("*** Error: {text}"),
        Err(Failure::Amqp(e)) => format!("*** {} {}", e.code, e.text),
    };
    for d in take_all_deliveries(broker) {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&describe_delivery(&d));
    }
    out
}

/// The `connection_name` of the console's connection.
pub const CONNECTION_NAME: &str = "rabbitmqadmin";

/// The `connection_name` of the connections the console opens for its consumers.
pub const CONSUMER_CONNECTION_NAME: &str = "rabbitmqadmin consumer";

/// Collects what the console's consumers received during the line.
fn take_all_deliveries(broker: &mut Broker) -> Vec<Delivery> {
    let channels: Vec<u32> = broker
        .channels_with_deliveries()
        .into_iter()
        .filter(|id| {
            broker
                .channels()
                .get(id)
                .and_then(|c| broker.connections().get(&c.connection))
                .is_some_and(|conn| conn.name == CONSUMER_CONNECTION_NAME)
        })
        .collect();
    channels
        .into_iter()
        .flat_map(|c| broker.take_deliveries(c))
        .collect()
}

fn describe_delivery(d: &Delivery) -> String {
    format!(
        "{} received \"{}\" from {} (delivery_tag={}, redelivered={})",
        d.consumer_tag.as_deref().unwrap_or("?"),
        d.message.payload_text(),
        d.queue,
        d.delivery_tag,
        python_bool(d.message.redelivered)
    )
}

fn python_bool(b: bool) -> &'static str {
    if b { "True" } else { "False" }
}

fn execute(broker: &mut Broker, words: &[String]) -> Outcome {
    let verb: Vec<&str> = words.iter().take(2).map(String::as_str).collect();
    match verb.as_slice() {
        ["help", ..] => Ok(HELP.to_string()),
        ["list", what, ..] => list(broker, what, &words[2..]),
        ["run", ..] => advance(broker, &words[1..]),
        ["restart", ..] => {
            broker.restart();
            Ok("broker restarted".to_string())
        }
        _ => {
            let (verb, rest) = match verb.as_slice() {
                ["declare" | "delete" | "purge", noun] => {
                    (format!("{} {noun}", verb[0]), &words[2..])
                }
                [single, ..] => (single.to_string(), &words[1..]),
                [] => return Ok(String::new()),
            };
            let args = Args::parse(rest)?;
            match verb.as_str() {
                "consume" => consume(broker, &args),
                "ack" | "nack" | "reject" | "cancel" | "close" => settle(broker, &verb, &args),
                _ => on_fresh_channel(broker, &verb, &args),
            }
        }
    }
}

/// Runs an AMQP-backed verb on a fresh channel of the console's connection (opened when
/// there is none, e.g. after a connection error or a restart).
fn on_fresh_channel(broker: &mut Broker, verb: &str, args: &Args) -> Outcome {
    let existing = broker
        .connections()
        .iter()
        .find(|(_, c)| c.name == CONNECTION_NAME)
        .map(|(id, _)| *id);
    let connection = existing.unwrap_or_else(|| broker.open_connection(CONNECTION_NAME));
    let channel = broker.open_channel(connection)?;
    let result = amqp_verb(broker, channel, verb, args);
    broker.close_channel(channel);
    result
}

fn amqp_verb(broker: &mut Broker, channel: u32, verb: &str, args: &Args) -> Outcome {
    match verb {
        "declare exchange" => {
            let d = ExchangeDeclare {
                exchange: args.required("name")?.to_string(),
                kind: args.required("type")?.to_string(),
                passive: false,
                durable: args.flag("durable", true)?,
                auto_delete: args.flag("auto_delete", false)?,
                internal: args.flag("internal", false)?,
                arguments: args.table("arguments")?,
            };
            broker.exchange_declare(channel, &d)?;
            Ok("exchange declared".to_string())
        }
        "declare queue" => {
            let d = QueueDeclare {
                queue: args.required("name")?.to_string(),
                passive: false,
                durable: args.flag("durable", true)?,
                exclusive: args.flag("exclusive", false)?,
                auto_delete: args.flag("auto_delete", false)?,
                arguments: args.table("arguments")?,
            };
            broker.queue_declare(channel, &d)?;
            Ok("queue declared".to_string())
        }
        "declare binding" => {
            let (source, destination, key, arguments) = binding_args(args)?;
            if args.text("destination_type") == Some("exchange") {
                broker.exchange_bind(channel, destination, source, &key, &arguments)?;
            } else {
                broker.queue_bind(channel, destination, source, &key, &arguments)?;
            }
            Ok("binding declared".to_string())
        }
        "delete exchange" => {
            broker.exchange_delete(channel, args.required("name")?, false)?;
            Ok("exchange deleted".to_string())
        }
        "delete queue" => {
            broker.queue_delete(channel, args.required("name")?, false, false)?;
            Ok("queue deleted".to_string())
        }
        "delete binding" => {
            let (source, destination, key, arguments) = binding_args(args)?;
            if args.text("destination_type") == Some("exchange") {
                broker.exchange_unbind(channel, destination, source, &key, &arguments)?;
            } else {
                broker.queue_unbind(channel, destination, source, &key, &arguments)?;
            }
            Ok("binding deleted".to_string())
        }
        "purge queue" => {
            broker.queue_purge(channel, args.required("name")?)?;
            Ok("queue purged".to_string())
        }
        "publish" => publish(broker, channel, args),
        "get" => get(broker, channel, args),
        other => Err(Usage(format!("unknown command \"{other}\"; try help")).into()),
    }
}

/// source, destination, routing key (rabbitmqadmin's `properties_key` `~` is the empty key)
/// and arguments of a binding line.
fn binding_args(args: &Args) -> Result<(&str, &str, String, FieldTable), Usage> {
    let key = match (args.text("routing_key"), args.text("properties_key")) {
        (Some(k), _) => k.to_string(),
        (None, Some("~")) | (None, None) => String::new(),
        (None, Some(k)) => k.to_string(),
    };
    Ok((
        args.required("source")?,
        args.required("destination")?,
        key,
        args.table("arguments")?,
    ))
}

/// The name the management API, and so rabbitmqadmin, gives the default exchange `""`.
const DEFAULT_EXCHANGE_ALIAS: &str = "amq.default";

fn publish(broker: &mut Broker, channel: u32, args: &Args) -> Outcome {
    let exchange = match args.required("exchange")? {
        DEFAULT_EXCHANGE_ALIAS => "",
        name => name,
    };
    let p = Publish {
        exchange: exchange.into(),
        routing_key: args.required("routing_key")?.into(),
        mandatory: args.flag("mandatory", false)?,
        properties: Properties::from_json(&args.json_object("properties")?),
        payload: args.text("payload").unwrap_or_default().as_bytes().to_vec(),
    };
    let published = broker.basic_publish(channel, p)?;
    Ok(if published.queues.is_empty() {
        "Message published but NOT routed".to_string()
    } else {
        "Message published".to_string()
    })
}

/// rabbitmqadmin's `get`: up to `count` basic.gets, then each message is acked, or
/// rejected with or without requeue, as `ackmode` says (requeued ones come back redelivered).
fn get(broker: &mut Broker, channel: u32, args: &Args) -> Outcome {
    let queue = args.required("queue")?;
    let count = args.number("count")?.unwrap_or(1);
    let ackmode = args.text("ackmode").unwrap_or("ack_requeue_true");
    let requeue = match ackmode {
        "ack_requeue_false" => None,
        "ack_requeue_true" | "reject_requeue_true" => Some(true),
        "reject_requeue_false" => Some(false),
        other => return Err(Usage(format!("unknown ackmode \"{other}\"")).into()),
    };
    let mut got = Vec::new();
    for _ in 0..count {
        match broker.basic_get(channel, queue, requeue.is_none())? {
            Some(d) => got.push(d),
            None => break,
        }
    }
    if let Some(requeue) = requeue {
        for d in &got {
            broker.basic_reject(channel, d.delivery_tag, requeue)?;
        }
    }
    let rows: Vec<Vec<String>> = got
        .iter()
        .map(|d| {
            let props = d.message.properties.to_json();
            vec![
                d.message.routing_key.to_string(),
                d.message.exchange.to_string(),
                d.message_count.to_string(),
                d.message.payload_text(),
                d.message.payload.len().to_string(),
                "string".to_string(),
                if props.as_object().is_some_and(|m| m.is_empty()) {
                    String::new()
                } else {
                    props.to_string()
                },
                python_bool(d.message.redelivered).to_string(),
            ]
        })
        .collect();
    Ok(table::render(
        &[
            "routing_key",
            "exchange",
            "message_count",
            "payload",
            "payload_bytes",
            "payload_encoding",
            "properties",
            "redelivered",
        ],
        &rows,
    ))
}

/// Subscribes a consumer on a connection of its own, which stays open until `close`.
fn consume(broker: &mut Broker, args: &Args) -> Outcome {
    let queue = args.required("queue")?;
    let no_ack = match args.text("ackmode").unwrap_or("manual") {
        "manual" => false,
        "auto" => true,
        other => return Err(Usage(format!("unknown ackmode \"{other}\"")).into()),
    };
    let prefetch = args.number("prefetch")?.unwrap_or(0);
    let prefetch = u16::try_from(prefetch).map_err(|_| Usage("prefetch: at most 65535".into()))?;
    let exclusive = args.flag("exclusive", false)?;
    let connection = broker.open_connection(CONSUMER_CONNECTION_NAME);
    let subscribed = broker.open_channel(connection).and_then(|channel| {
        broker.basic_qos(channel, prefetch, false)?;
        let tag = args.text("consumer_tag").unwrap_or_default();
        broker.basic_consume(channel, queue, tag, no_ack, exclusive)
    });
    match subscribed {
        Ok(tag) => Ok(format!("consumer {tag} started on queue {queue}")),
        Err(e) => {
            broker.close_connection(connection);
            Err(e.into())
        }
    }
}

/// The verbs that act on an existing consumer, found by its tag.
fn settle(broker: &mut Broker, verb: &str, args: &Args) -> Outcome {
    let tag = args.required("consumer")?;
    let found = broker
        .channels()
        .iter()
        .find(|(_, c)| c.consumers.contains_key(tag))
        .map(|(id, c)| (*id, c.connection));
    let Some((channel, connection)) = found else {
        return Err(Usage(format!("no consumer \"{tag}\"")).into());
    };
    let delivery_tag = args.number("delivery_tag")?;
    let multiple = args.flag("multiple", false)? || delivery_tag.is_none();
    let requeue = args.flag("requeue", true)?;
    let tag_or_all = delivery_tag.unwrap_or(0);
    match verb {
        "ack" => broker.basic_ack(channel, tag_or_all, multiple)?,
        "nack" => broker.basic_nack(channel, tag_or_all, multiple, requeue)?,
        "reject" => {
            let Some(t) = delivery_tag else {
                return Err(
                    Usage("mandatory argument \"delivery_tag\" not specified".into()).into(),
                );
            };
            broker.basic_reject(channel, t, requeue)?;
        }
        "cancel" => broker.basic_cancel(channel, tag)?,
        _ => broker.close_connection(connection),
    }
    Ok(format!("{verb} done"))
}

/// `run 5s`: moves the virtual clock forward.
fn advance(broker: &mut Broker, words: &[String]) -> Outcome {
    let Some(spec) = words.first() else {
        return Err(Usage("run needs a duration such as 5s or 250ms".into()).into());
    };
    let ms = parse_ms(spec).ok_or_else(|| Usage(format!("bad duration \"{spec}\"")))?;
    let target = broker.now().saturating_add(ms);
    broker.advance_to(target);
    Ok(format!("clock at {target} ms"))
}

/// `list ...`, with rabbitmqadmin's default columns or the ones named.
fn list(broker: &Broker, what: &str, columns: &[String]) -> Outcome {
    let (defaults, rows): (&[&str], Vec<BTreeMap<&str, String>>) = match what {
        "queues" => (
            &["name", "messages"],
            broker
                .queues()
                .values()
                .map(|q| {
                    BTreeMap::from([
                        ("name", q.name.to_string()),
                        ("messages", (q.ready.len() + q.unacked).to_string()),
                        ("messages_ready", q.ready.len().to_string()),
                        ("messages_unacknowledged", q.unacked.to_string()),
                        ("consumers", q.consumers.len().to_string()),
                        ("durable", python_bool(q.durable).to_string()),
                        ("auto_delete", python_bool(q.auto_delete).to_string()),
                        (
                            "arguments",
                            crate::value::table_to_json(&q.arguments).to_string(),
                        ),
                    ])
                })
                .collect(),
        ),
        "exchanges" => (
            &["name", "type"],
            broker
                .exchanges()
                .values()
                .map(|x| {
                    BTreeMap::from([
                        ("name", x.name.to_string()),
                        ("type", x.kind.as_str().to_string()),
                        ("durable", python_bool(x.durable).to_string()),
                        ("auto_delete", python_bool(x.auto_delete).to_string()),
                        ("internal", python_bool(x.internal).to_string()),
                        (
                            "arguments",
                            crate::value::table_to_json(&x.arguments).to_string(),
                        ),
                    ])
                })
                .collect(),
        ),
        "bindings" => (
            &["source", "destination", "routing_key"],
            broker
                .listed_bindings()
                .iter()
                .map(|b| {
                    BTreeMap::from([
                        ("source", b.source.clone()),
                        ("destination", b.destination.name().to_string()),
                        ("destination_type", b.destination.kind().to_string()),
                        ("routing_key", b.routing_key.clone()),
                        (
                            "arguments",
                            crate::value::table_to_json(&b.arguments).to_string(),
                        ),
                    ])
                })
                .collect(),
        ),
        "consumers" => (
            &["queue", "consumer_tag", "ack_required", "prefetch_count"],
            broker
                .channels()
                .values()
                .flat_map(|c| c.consumers.iter())
                .map(|(tag, k)| {
                    BTreeMap::from([
                        ("queue", k.queue.to_string()),
                        ("consumer_tag", tag.to_string()),
                        ("ack_required", python_bool(!k.no_ack).to_string()),
                        ("prefetch_count", k.prefetch.to_string()),
                        ("messages_unacknowledged", k.unacked.to_string()),
                    ])
                })
                .collect(),
        ),
        other => return Err(Usage(format!("cannot list \"{other}\"")).into()),
    };
    let headers: Vec<&str> = if columns.is_empty() {
        defaults.to_vec()
    } else {
        columns.iter().map(String::as_str).collect()
    };
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            headers
                .iter()
                .map(|h| r.get(h).cloned().unwrap_or_default())
                .collect()
        })
        .collect();
    Ok(table::render(&headers, &cells))
}

#[cfg(test)]
mod tests;
