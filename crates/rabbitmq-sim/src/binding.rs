//! Bindings: the rules that connect an exchange to a queue or to another exchange.

use std::collections::{BTreeMap, BTreeSet};
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
/// reachable until both are gone. Nearly every set holds one destination, kept inline so
/// routing reads it without following a pointer.
#[derive(Debug, Clone, Default)]
pub enum DestinationSet {
    /// No binding.
    #[default]
    Empty,
    /// One destination and its number of bindings.
    One(Destination, usize),
    /// Several destinations and their numbers of bindings.
    Many(BTreeMap<Destination, usize>),
}

impl DestinationSet {
    /// Counts one more binding to `destination`.
    pub fn add(&mut self, destination: &Destination) {
        match self {
            DestinationSet::Empty => *self = DestinationSet::One(destination.clone(), 1),
            DestinationSet::One(only, n) if only == destination => *n += 1,
            DestinationSet::One(only, n) => {
                let first = (only.clone(), *n);
                *self = DestinationSet::Many(BTreeMap::from([first, (destination.clone(), 1)]));
            }
            DestinationSet::Many(counts) => *counts.entry(destination.clone()).or_default() += 1,
        }
    }

    /// Counts one binding fewer to `destination`.
    pub fn remove(&mut self, destination: &Destination) {
        match self {
            DestinationSet::One(only, n) if only == destination => {
                *n -= 1;
                if *n == 0 {
                    *self = DestinationSet::Empty;
                }
            }
            DestinationSet::Many(counts) => {
                if let Some(n) = counts.get_mut(destination) {
                    *n -= 1;
                    if *n == 0 {
                        counts.remove(destination);
                    }
                }
                if counts.len() == 1
                    && let Some((only, n)) = counts.pop_first()
                {
                    *self = DestinationSet::One(only, n);
                }
            }
            _ => {}
        }
    }

    /// Whether no binding is left.
    pub fn is_empty(&self) -> bool {
        matches!(self, DestinationSet::Empty)
    }

    /// The reachable destinations, in order.
    pub fn iter(&self) -> impl Iterator<Item = &Destination> {
        let (only, many) = match self {
            DestinationSet::Empty => (None, None),
            DestinationSet::One(only, _) => (Some(only), None),
            DestinationSet::Many(counts) => (None, Some(counts.keys())),
        };
        only.into_iter().chain(many.into_iter().flatten())
    }
}

/// The destinations a message matched at one exchange, in order and each once. One
/// destination, the usual case, is held without allocating (routing runs for every message).
#[derive(Debug, Clone, Default)]
pub enum Matched<'a> {
    /// Nothing matched.
    #[default]
    Nothing,
    /// One destination.
    One(&'a Destination),
    /// Several.
    Many(BTreeSet<&'a Destination>),
}

impl<'a> Matched<'a> {
    /// Adds a destination unless it is there already.
    pub fn insert(&mut self, destination: &'a Destination) {
        match self {
            Matched::Nothing => *self = Matched::One(destination),
            Matched::One(only) if std::ptr::eq(*only, destination) || *only == destination => {}
            Matched::One(only) => *self = Matched::Many(BTreeSet::from([*only, destination])),
            Matched::Many(set) => {
                set.insert(destination);
            }
        }
    }

    /// Whether nothing matched.
    pub fn is_empty(&self) -> bool {
        matches!(self, Matched::Nothing)
    }

    /// The destinations, in order.
    pub fn iter(&self) -> impl Iterator<Item = &'a Destination> {
        let (only, many) = match self {
            Matched::Nothing => (None, None),
            Matched::One(only) => (Some(*only), None),
            Matched::Many(set) => (None, Some(set.iter().copied())),
        };
        only.into_iter().chain(many.into_iter().flatten())
    }
}

impl<'a> Extend<&'a Destination> for Matched<'a> {
    fn extend<I: IntoIterator<Item = &'a Destination>>(&mut self, destinations: I) {
        destinations.into_iter().for_each(|d| self.insert(d));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_destination_stays_until_its_last_binding_goes() {
        let (a, b) = (
            Destination::Queue("a".into()),
            Destination::Queue("b".into()),
        );
        let mut set = DestinationSet::default();
        set.add(&b);
        set.add(&a);
        set.add(&b);
        assert_eq!(set.iter().collect::<Vec<_>>(), [&a, &b]);
        set.remove(&a);
        set.remove(&b);
        assert_eq!(set.iter().collect::<Vec<_>>(), [&b]);
        set.remove(&a);
        set.remove(&b);
        assert!(set.is_empty());
        assert_eq!(set.iter().count(), 0);
    }
}
