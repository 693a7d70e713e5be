//! Scenarios for the playground: console sessions over the engines, shared by the web app
//! and the `playground` CLI so that both print the same transcript for the same input.

mod memcached;
mod python;
mod rabbitmq;
mod redis;
mod session;

pub use memcached::{MemcachedTextSession, SAMPLE_LIMIT, SharedServer, StatsSample};
pub use python::memcache::{PythonMemcachedSession, python_memcached};
pub use python::pika::{Pika, PikaVersion};
pub use python::redis::{PythonRedisSession, redis_py};
pub use rabbitmq::{RabbitAdminSession, SharedSimulation};
pub use redis::{
    ClientState, Delivery, Interrupted, MAX_CATCH_UP_MS, REDIS_SAMPLE_LIMIT, RESTARTED,
    RedisCliSession, RedisSample, SharedRedis,
};
pub use session::ConsoleSession;

/// The memcached engine, whose types [`SharedServer`] hands to the page's views.
pub use memcached_sim;
/// The RabbitMQ engine, whose types [`SharedSimulation`] hands to the page's views.
pub use rabbitmq_sim;
/// The Redis engine, whose keyspace and events [`RedisCliSession`] hands to the page's views.
pub use redis_sim;
