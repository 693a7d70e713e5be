//! The fanout exchange: every bound destination gets a copy, keys are ignored.

use crate::binding::{Binding, Destination, DestinationSet};

/// The bound destinations.
#[derive(Debug, Clone, Default)]
pub struct FanoutIndex {
    destinations: DestinationSet,
}

impl FanoutIndex {
    /// Indexes a binding.
    pub fn add(&mut self, binding: &Binding) {
        self.destinations.add(&binding.destination);
    }

    /// Forgets a binding.
    pub fn remove(&mut self, binding: &Binding) {
        self.destinations.remove(&binding.destination);
    }

    /// All bound destinations.
    pub fn route<'a>(&'a self, out: &mut impl Extend<&'a Destination>) {
        out.extend(self.destinations.iter());
    }
}
