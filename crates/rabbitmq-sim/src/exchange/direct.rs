//! The direct exchange: a message goes where the binding key equals its routing key.

use std::collections::BTreeMap;

use crate::binding::{Binding, Destination, DestinationSet};

/// Bindings indexed by key, so routing is one lookup.
#[derive(Debug, Clone, Default)]
pub struct DirectIndex {
    by_key: BTreeMap<String, DestinationSet>,
}

impl DirectIndex {
    /// Indexes a binding.
    pub fn add(&mut self, binding: &Binding) {
        self.by_key
            .entry(binding.routing_key.clone())
            .or_default()
            .add(&binding.destination);
    }

    /// Forgets a binding.
    pub fn remove(&mut self, binding: &Binding) {
        if let Some(set) = self.by_key.get_mut(&binding.routing_key) {
            set.remove(&binding.destination);
            if set.is_empty() {
                self.by_key.remove(&binding.routing_key);
            }
        }
    }

    /// The destinations bound with exactly this key.
    pub fn route<'a>(&'a self, routing_key: &str, out: &mut impl Extend<&'a Destination>) {
        if let Some(set) = self.by_key.get(routing_key) {
            out.extend(set.iter());
        }
    }
}
