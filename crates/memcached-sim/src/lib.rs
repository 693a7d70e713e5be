#![warn(missing_docs)]
//! memcached 1.6.18, in pure Rust, for the Middleware Playground.
//!
//! The layout follows memcached's own sources: `slabs` (the slab allocator),
//! `lru` (the segmented LRU), `table` (the key hash table, `assoc.c`),
//! `items` (allocation, lookup, expiry, eviction), `store` and `arithmetic` (what set/add/cas/incr... do),
//! `stats`, and `protocol` (the text and meta protocols). `connection`
//! turns a byte stream into commands; `cluster` holds the client-side key
//! distribution of python-memcached, libketama and pymemcache.
//!
//! Time is a parameter: every call that may look at the clock takes virtual
//! milliseconds since the Unix epoch. Nothing here reads the wall clock or a
//! global random source, so a replay gives the same bytes every time.

pub mod arithmetic;
pub mod clock;
pub mod cluster;
pub mod connection;
pub mod events;
pub mod items;
pub mod lru;
pub mod numbers;
pub mod protocol;
pub mod server;
pub mod settings;
pub mod slabs;
pub mod stats;
pub mod store;
mod table;

pub use connection::Connection;
pub use events::Event;
pub use lru::Segment;
pub use server::{ItemView, Server, SlabClassView, StatsView};
pub use settings::Settings;
