//! rabbitmqadmin command lines against a simulated broker.

use rabbitmq_sim::{Broker, admin};

use crate::session::ConsoleSession;

/// A rabbitmqadmin-style session on a fresh broker.
pub struct RabbitAdminSession {
    broker: Broker,
}

impl RabbitAdminSession {
    /// A session on a freshly started broker; `seed` drives server-generated names.
    pub fn new(seed: u64) -> Self {
        Self {
            broker: Broker::new(seed),
        }
    }
}

impl ConsoleSession for RabbitAdminSession {
    fn prompt(&self) -> String {
        "rabbitmqadmin>".to_owned()
    }

    fn run_line(&mut self, line: &str, now_ms: u64) -> String {
        admin::run_line(&mut self.broker, line, now_ms)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_declared_queue_receives_what_the_default_exchange_routes_to_it() {
        let mut session = RabbitAdminSession::new(1);
        session.run_line("declare queue name=hello", 0);
        session.run_line(
            "publish exchange=amq.default routing_key=hello payload=hi",
            0,
        );
        let listing = session.run_line("list queues name messages", 0);
        assert!(listing.contains("hello"), "{listing}");
        assert!(listing.contains('1'), "{listing}");
    }
}
