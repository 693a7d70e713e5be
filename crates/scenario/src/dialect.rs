//! The console dialects the playground speaks, one per engine page.

use crate::session::ConsoleSession;

/// A way of talking to an engine, named after the real client it imitates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// redis-cli command lines, answered as `redis-cli --no-raw` prints replies.
    RedisCli,
    /// memcached's text protocol, typed as into a telnet connection.
    MemcachedText,
    /// rabbitmqadmin command lines.
    RabbitAdmin,
}

impl Dialect {
    /// A session on a server of the dialect's engine started at virtual time `now_ms`;
    /// `seed` drives the engine's random choices, so the same lines at the same times give
    /// the same transcript.
    pub fn new_session(self, seed: u64, now_ms: u64) -> Box<dyn ConsoleSession> {
        match self {
            Dialect::RedisCli => Box::new(crate::redis::RedisCliSession::new(seed)),
            Dialect::MemcachedText => Box::new(crate::memcached::MemcachedTextSession::new(now_ms)),
            Dialect::RabbitAdmin => Box::new(crate::rabbitmq::RabbitAdminSession::new(seed)),
        }
    }
}
