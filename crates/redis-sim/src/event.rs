//! What changed, reported after each command so the page can animate it
//! without diffing the whole keyspace.

use crate::ClientId;

/// One change to the server's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A key was created or its value or TTL changed.
    KeyChanged {
        /// Database number.
        db: usize,
        /// The key.
        key: Vec<u8>,
    },
    /// An element inside a key was written or read by a command (list item,
    /// hash field, set member, sorted set member): the page highlights it.
    ElementTouched {
        /// Database number.
        db: usize,
        /// The key holding the element.
        key: Vec<u8>,
        /// The element, field or member.
        element: Vec<u8>,
    },
    /// A key was deleted by a command (DEL, a pop that emptied it, RENAME's source...).
    KeyDeleted {
        /// Database number.
        db: usize,
        /// The key.
        key: Vec<u8>,
    },
    /// A key's TTL ran out on the virtual clock.
    KeyExpired {
        /// Database number.
        db: usize,
        /// The key.
        key: Vec<u8>,
    },
    /// A key was evicted to bring memory back under `maxmemory`.
    KeyEvicted {
        /// Database number.
        db: usize,
        /// The key.
        key: Vec<u8>,
    },
    /// A whole database was emptied (FLUSHDB, or every database for FLUSHALL).
    DbFlushed {
        /// Database number.
        db: usize,
    },
    /// SWAPDB exchanged two databases.
    DbsSwapped {
        /// One database.
        a: usize,
        /// The other.
        b: usize,
    },
    /// PUBLISH delivered a message.
    Published {
        /// The channel published to.
        channel: Vec<u8>,
        /// The clients that received it, in delivery order.
        receivers: Vec<ClientId>,
    },
}
