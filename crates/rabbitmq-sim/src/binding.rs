//! Bindings: the rules that connect an exchange to a queue or to another exchange.

use std::fmt;

use crate::value::FieldTable;

/// Where a binding leads: a queue, or another exchange (exchange-to-exchange binding).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Destination {
    /// A queue, by name.
    Queue(String),
    /// An exchange, by name.
    Exchange(String),
}

impl Destination {
    /// The destination's name.
    pub fn name(&self) -> &str {
        match self {
            Destination::Queue(n) | Destination::Exchange(n) => n,
        }
    }

    /// `queue` or `exchange`, as the management API spells `destination_type`.
    pub fn kind(&self) -> &'static str {
        match self {
            Destination::Queue(_) => "queue",
            Destination::Exchange(_) => "exchange",
        }
    }
}

impl fmt::Display for Destination {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} '{}'", self.kind(), self.name())
    }
}

/// One binding. Two bindings are the same when all four fields are equal.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Binding {
    /// The exchange messages come from.
    pub source: String,
    /// Where matching messages go.
    pub destination: Destination,
    /// The binding key (a pattern for topic exchanges, ignored by fanout and headers).
    pub routing_key: String,
    /// Binding arguments (`x-match` and the header values for headers exchanges).
    pub arguments: FieldTable,
}

/// The destinations reached through a set of bindings, counted, because two bindings
/// that differ only in their arguments lead to the same place and the place stays
/// reachable until both are gone.
#[derive(Debug, Clone, Default)]
pub struct DestinationSet {
    counts: std::collections::BTreeMap<Destination, usize>,
}

impl DestinationSet {
    /// Counts one more binding to `destination`.
    pub fn add(&mut self, destination: &Destination) {
        *self.counts.entry(destination.clone()).or_default() += 1;
    }

    /// Counts one binding fewer to `destination`.
    pub fn remove(&mut self, destination: &Destination) {
        if let Some(n) = self.counts.get_mut(destination) {
            *n -= 1;
            if *n == 0 {
                self.counts.remove(destination);
            }
        }
    }

    /// Whether no binding is left.
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// The reachable destinations, in order.
    pub fn iter(&self) -> impl Iterator<Item = &Destination> {
        self.counts.keys()
    }
}
