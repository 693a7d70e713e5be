//! What changed inside the server, for the page to animate.
//!
//! Every variant names the item's key and the slab class it lives (or
//! lived) in, so the memory view can flash the right bar.

use crate::lru::Segment;
use crate::slabs::ClassId;

/// One change to the cache, in the order it happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// A key that was absent now has an item.
    Stored {
        /// The item's key.
        key: Vec<u8>,
        /// Its slab class.
        class: ClassId,
        /// Its new cas unique.
        cas: u64,
    },
    /// A key's item was replaced or changed in place (set, append, incr, ...).
    Updated {
        /// The item's key.
        key: Vec<u8>,
        /// Its slab class (of the new item when it was replaced).
        class: ClassId,
        /// Its new cas unique.
        cas: u64,
    },
    /// A key's expiration time changed (touch, gat, mg T).
    Touched {
        /// The item's key.
        key: Vec<u8>,
        /// Its slab class.
        class: ClassId,
    },
    /// A client deleted the item.
    Deleted {
        /// The item's key.
        key: Vec<u8>,
        /// The slab class it was in.
        class: ClassId,
    },
    /// The item was pushed out of the COLD tail to make room.
    Evicted {
        /// The item's key.
        key: Vec<u8>,
        /// The slab class it was in.
        class: ClassId,
    },
    /// The item was found past its expiration time and removed.
    Expired {
        /// The item's key.
        key: Vec<u8>,
        /// The slab class it was in.
        class: ClassId,
    },
    /// The item was found invalidated by `flush_all` and removed.
    Flushed {
        /// The item's key.
        key: Vec<u8>,
        /// The slab class it was in.
        class: ClassId,
    },
    /// The LRU moved the item to another segment of its class.
    Moved {
        /// The item's key.
        key: Vec<u8>,
        /// Its slab class.
        class: ClassId,
        /// The segment it is in now.
        to: Segment,
    },
}
