//! Redis 7.0 engine: keyspace, types, expiry, transactions, pub/sub and
//! redis-cli reply formatting.
//!
//! A [`Server`] holds sixteen databases and any number of clients. Each
//! command runs at a virtual time given by the caller, and randomness comes
//! from a generator seeded at creation, so a script replays identically
//! everywhere. Replies are [`Reply`] values; [`cli`] prints them exactly as
//! `redis-cli --no-raw` does, and [`Server::drain_events`] tells a user
//! interface what changed.
//!
//! ```
//! use redis_sim::{Server, cli};
//!
//! let mut server = Server::new(7);
//! let client = server.connect();
//! let out = cli::run_line(&mut server, client, "SET greeting \"hello world\"", 0);
//! assert_eq!(out.text, "OK\n");
//! assert_eq!(cli::run_line(&mut server, client, "GET greeting", 0).text, "\"hello world\"\n");
//! ```

mod args;
mod bitops;
pub mod blocking;
pub mod bytes;
pub mod cli;
pub mod commands;
pub mod config;
mod connection;
pub mod db;
pub mod docs;
pub mod event;
mod evict;
mod expire;
pub mod glob;
pub mod hashing;
mod info;
pub mod introspection;
mod keys;
pub mod long_double;
pub mod memory;
mod multi;
mod notify;
pub mod numbers;
pub mod object;
mod pubsub;
mod random;
pub mod reply;
pub mod resp;
mod scan;
mod server;
mod sort;
pub mod types;

pub use event::Event;
pub use reply::Reply;
pub use server::{ClientId, Server, Stats, Subscriptions};
