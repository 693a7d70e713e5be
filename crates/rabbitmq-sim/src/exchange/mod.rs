//! Exchanges: where publishers send messages, and the routing rule of each type.

pub mod direct;
pub mod fanout;
pub mod headers;
pub mod topic;

use std::rc::Rc;

use crate::binding::{Binding, Destination};
use crate::error::{AmqpError, AmqpResult};
use crate::table::{Named, Table};
use crate::value::FieldTable;

/// Names a learner might type as an exchange type that are atoms in rabbitmq-server 3.10.8's
/// VM, observed by declaring them through pika (`foo` is one, `baz` is not). The list cannot
/// be complete; other names get the "unknown" text.
const KNOWN_ATOMS: &[&str] = &[
    "all",
    "any",
    "bar",
    "default",
    "error",
    "exchange",
    "false",
    "foo",
    "hash",
    "header",
    "info",
    "local",
    "match",
    "queue",
    "random",
    "test",
    "true",
    "undefined",
];

/// The four exchange types RabbitMQ ships with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ExchangeType {
    /// Routing key equals binding key.
    Direct,
    /// Every binding.
    Fanout,
    /// Binding key is a pattern with `*` and `#`.
    Topic,
    /// Message headers against binding arguments.
    Headers,
}

impl ExchangeType {
    /// Parses a type name; any other name is a connection error in RabbitMQ.
    pub fn parse(name: &str) -> AmqpResult<ExchangeType> {
        match name {
            "direct" => Ok(ExchangeType::Direct),
            "fanout" => Ok(ExchangeType::Fanout),
            "topic" => Ok(ExchangeType::Topic),
            "headers" => Ok(ExchangeType::Headers),
            // RabbitMQ says "invalid" when the name happens to be an atom in its Erlang VM
            // and "unknown" otherwise.
            other if KNOWN_ATOMS.contains(&other) => Err(AmqpError::command_invalid(format!(
                "invalid exchange type '{other}'"
            ))),
            other => Err(AmqpError::command_invalid(format!(
                "unknown exchange type '{other}'"
            ))),
        }
    }

    /// The type's name.
    pub fn as_str(self) -> &'static str {
        match self {
            ExchangeType::Direct => "direct",
            ExchangeType::Fanout => "fanout",
            ExchangeType::Topic => "topic",
            ExchangeType::Headers => "headers",
        }
    }
}

/// The per-type structure that answers "where does this message go?".
#[derive(Debug, Clone)]
enum RoutingIndex {
    Direct(direct::DirectIndex),
    Fanout(fanout::FanoutIndex),
    Topic(topic::TopicTrie),
    Headers(headers::HeadersIndex),
}

/// The declared exchanges, by name.
pub type Exchanges = Table<Exchange>;

impl Named for Exchange {
    fn name(&self) -> &Rc<str> {
        &self.name
    }
}

/// A declared exchange.
#[derive(Debug, Clone)]
pub struct Exchange {
    /// Its name (`""` is the default exchange), shared with the events that mention it.
    pub name: Rc<str>,
    /// Its type.
    pub kind: ExchangeType,
    /// Survives a broker restart.
    pub durable: bool,
    /// Deleted when its last binding (as a source) goes.
    pub auto_delete: bool,
    /// Publishers cannot use it directly; only other exchanges route into it.
    pub internal: bool,
    /// Declaration arguments (`alternate-exchange`).
    pub arguments: FieldTable,
    index: RoutingIndex,
}

impl Exchange {
    /// A new exchange with no bindings.
    pub fn new(
        name: &str,
        kind: ExchangeType,
        durable: bool,
        auto_delete: bool,
        internal: bool,
        arguments: FieldTable,
    ) -> Exchange {
        let index = match kind {
            ExchangeType::Direct => RoutingIndex::Direct(Default::default()),
            ExchangeType::Fanout => RoutingIndex::Fanout(Default::default()),
            ExchangeType::Topic => RoutingIndex::Topic(Default::default()),
            ExchangeType::Headers => RoutingIndex::Headers(Default::default()),
        };
        Exchange {
            name: Rc::from(name),
            kind,
            durable,
            auto_delete,
            internal,
            arguments,
            index,
        }
    }

    /// The alternate exchange named in the arguments, where unroutable messages go.
    pub fn alternate_exchange(&self) -> Option<&str> {
        self.arguments
            .get("alternate-exchange")
            .and_then(|v| v.as_str())
    }

    /// Checks a binding before it is added (only headers exchanges have rules).
    pub fn validate_binding(&self, binding: &Binding) -> AmqpResult<()> {
        match self.kind {
            ExchangeType::Headers => headers::validate(&binding.arguments),
            _ => Ok(()),
        }
    }

    /// Indexes a new binding whose source is this exchange.
    pub fn add_binding(&mut self, binding: &Binding) {
        match &mut self.index {
            RoutingIndex::Direct(i) => i.add(binding),
            RoutingIndex::Fanout(i) => i.add(binding),
            RoutingIndex::Topic(i) => i.add(binding),
            RoutingIndex::Headers(i) => i.add(binding),
        }
    }

    /// Forgets a binding whose source is this exchange.
    pub fn remove_binding(&mut self, binding: &Binding) {
        match &mut self.index {
            RoutingIndex::Direct(i) => i.remove(binding),
            RoutingIndex::Fanout(i) => i.remove(binding),
            RoutingIndex::Topic(i) => i.remove(binding),
            RoutingIndex::Headers(i) => i.remove(binding),
        }
    }

    /// This exchange's own matches for a message, into `out` (not following
    /// exchange-to-exchange bindings or the alternate exchange; the broker does that).
    /// A message has one routing key, or several when the publisher adds `CC`/`BCC` headers.
    pub fn route<'a>(
        &'a self,
        routing_keys: &[&str],
        headers: &FieldTable,
        out: &mut impl Extend<&'a Destination>,
    ) {
        match &self.index {
            RoutingIndex::Direct(i) => routing_keys.iter().for_each(|k| i.route(k, out)),
            RoutingIndex::Fanout(i) => i.route(out),
            RoutingIndex::Topic(i) => routing_keys.iter().for_each(|k| i.route_into(k, out)),
            RoutingIndex::Headers(i) => i.route(headers, out),
        }
    }
}
