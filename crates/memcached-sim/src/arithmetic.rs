//! incr and decr: 64-bit counters stored as decimal text (memcached's `do_add_delta`).

use crate::events::Event;
use crate::lru::ItemId;
use crate::numbers::parse_u64;
use crate::server::Server;

/// A successful incr or decr.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Delta {
    /// The new value as decimal text.
    pub value: String,
    /// The item's new cas unique.
    pub cas: u64,
    /// The item, when the value was rewritten in place; `None` when a new
    /// item replaced it.
    pub in_place: Option<ItemId>,
}

/// The outcome of an incr or decr.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeltaResult {
    /// The value changed.
    Ok(Delta),
    /// The value is not a decimal number.
    NonNumeric,
    /// No memory for a longer value.
    OutOfMemory,
    /// No such key.
    NotFound,
    /// The cas unique did not match (meta arithmetic only).
    CasMismatch,
}

impl Server {
    /// Adds or subtracts `delta`. incr wraps at 2^64; decr stops at 0. When the
    /// new number is no longer than the old text, memcached overwrites it in
    /// place and pads with spaces (so decr of "10" stores "9 "); otherwise it
    /// stores a new item. Either way the item gets a new cas unique.
    pub(crate) fn add_delta(
        &mut self,
        key: &[u8],
        incr: bool,
        delta: u64,
        req_cas: u64,
    ) -> DeltaResult {
        let Some(id) = self.item_get(key, false) else {
            return DeltaResult::NotFound;
        };
        let item = &self.arena[id];
        if item.data().is_empty() {
            return DeltaResult::NonNumeric;
        }
        if req_cas != 0 && item.cas != req_cas {
            return DeltaResult::CasMismatch;
        }
        // The value is followed by "\r\n" in memory, which ends the number.
        let mut text = item.data().to_vec();
        text.extend_from_slice(b"\r\n");
        let Some(value) = parse_u64(&text) else {
            return DeltaResult::NonNumeric;
        };
        let value = if incr {
            value.wrapping_add(delta)
        } else {
            value.saturating_sub(delta)
        };
        let class = item.class;
        let counters = self.stats.class_mut(class);
        if incr {
            counters.incr_hits += 1;
        } else {
            counters.decr_hits += 1;
        }
        let digits = value.to_string();
        // memcached rewrites in place only when nothing else references the item.
        if digits.len() <= self.arena[id].data().len() && !self.item_is_referenced(id) {
            let cas = self.next_cas();
            let item = &mut self.arena[id];
            let width = item.data().len();
            item.cas = cas;
            item.set_data(format!("{digits:<width$}").as_bytes());
            self.events.push(Event::Updated {
                key: key.to_vec(),
                class,
                cas,
            });
            self.item_update(id);
            return DeltaResult::Ok(Delta {
                value: digits,
                cas,
                in_place: Some(id),
            });
        }
        let (flags, exptime) = (self.arena[id].flags, self.arena[id].exptime);
        let Ok(mut new_item) = self.item_alloc(key, flags, exptime, digits.len() + 2) else {
            return DeltaResult::OutOfMemory;
        };
        new_item.set_data(digits.as_bytes());
        let new_id = self.item_replace(id, new_item);
        let cas = self.arena[new_id].cas;
        DeltaResult::Ok(Delta {
            value: digits,
            cas,
            in_place: None,
        })
    }
}
