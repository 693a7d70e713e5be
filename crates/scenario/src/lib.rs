//! Scenarios for the playground: console sessions over the engines, shared by the web app
//! and the `playground` CLI so that both print the same transcript for the same input.

mod memcached;
mod rabbitmq;
mod redis;
mod session;

pub use memcached::MemcachedTextSession;
pub use rabbitmq::RabbitAdminSession;
pub use redis::RedisCliSession;
pub use session::ConsoleSession;
