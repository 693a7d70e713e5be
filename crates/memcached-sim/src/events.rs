//! What changed inside the server, for the page to animate.

use crate::lru::Segment;
use crate::slabs::ClassId;

/// One change to the cache, in the order it happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// A key that was absent now has an item.
    Stored {
        key: Vec<u8>,
        class: ClassId,
        cas: u64,
    },
    /// A key's item was replaced or changed in place (set, append, incr, ...).
    Updated {
        key: Vec<u8>,
        class: ClassId,
        cas: u64,
    },
    /// A key's expiration time changed (touch, gat).
    Touched { key: Vec<u8>, class: ClassId },
    /// A client deleted the item.
    Deleted { key: Vec<u8>, class: ClassId },
    /// The item was pushed out of the COLD tail to make room.
    Evicted { key: Vec<u8>, class: ClassId },
    /// The item was found past its expiration time and removed.
    Expired { key: Vec<u8>, class: ClassId },
    /// The item was found invalidated by `flush_all` and removed.
    Flushed { key: Vec<u8>, class: ClassId },
    /// The LRU maintainer moved the item to another segment.
    Moved {
        key: Vec<u8>,
        class: ClassId,
        to: Segment,
    },
}
