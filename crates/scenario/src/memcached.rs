//! memcached's text protocol, typed line by line as into `telnet 127.0.0.1 11211`.

use memcached_sim::{Connection, Server, Settings};

use crate::session::ConsoleSession;

/// What telnet prints when the server closes the connection, e.g. after `quit`.
const CONNECTION_CLOSED: &str = "Connection closed by foreign host.\n";

/// A telnet-style connection to a fresh memcached. Each typed line is sent with the
/// protocol's `\r\n`; the server's `\r\n` line ends are shown as plain line breaks, as a
/// terminal shows them.
pub struct MemcachedTextSession {
    server: Server,
    connection: Connection,
}

impl MemcachedTextSession {
    /// A connection to a memcached with default settings (64 MB), started at `now_ms`.
    pub fn new(now_ms: u64) -> Self {
        let settings = Settings {
            started_at_ms: now_ms,
            ..Settings::default()
        };
        Self {
            server: Server::new(settings),
            connection: Connection::new(),
        }
    }
}

impl ConsoleSession for MemcachedTextSession {
    fn prompt(&self) -> String {
        ">".to_owned()
    }

    fn run_line(&mut self, line: &str, now_ms: u64) -> String {
        if self.connection.is_closed() {
            // Typing again after `quit` is opening a new connection to the same server.
            self.connection = Connection::new();
        }
        let request = format!("{line}\r\n");
        let response = self
            .connection
            .feed(&mut self.server, request.as_bytes(), now_ms);
        let mut text = String::from_utf8_lossy(&response).replace("\r\n", "\n");
        if self.connection.is_closed() {
            text.push_str(CONNECTION_CLOSED);
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 1_780_000_000_000;

    #[test]
    fn a_storage_command_takes_its_data_block_on_the_next_line() {
        let mut session = MemcachedTextSession::new(NOW);
        assert_eq!(session.run_line("set greeting 0 0 5", NOW), "");
        assert_eq!(session.run_line("hello", NOW), "STORED\n");
        assert_eq!(
            session.run_line("get greeting", NOW),
            "VALUE greeting 0 5\nhello\nEND\n"
        );
    }

    #[test]
    fn quit_closes_and_the_next_line_reconnects_to_the_same_server() {
        let mut session = MemcachedTextSession::new(NOW);
        session.run_line("set k 0 0 1", NOW);
        session.run_line("v", NOW);
        assert_eq!(session.run_line("quit", NOW), CONNECTION_CLOSED);
        assert_eq!(session.run_line("get k", NOW), "VALUE k 0 1\nv\nEND\n");
    }
}
