//! redis-cli command lines, answered as `redis-cli --no-raw` prints replies.

use redis_sim::{ClientId, Event, Server, cli};

use crate::session::ConsoleSession;

/// redis-cli connected to a fresh redis-server.
pub struct RedisCliSession {
    server: Server,
    client: ClientId,
    /// What the latest line changed, kept for the page's views: the server's events are
    /// drained after every line, so they never pile up when no view reads them.
    last_events: Vec<Event>,
    /// Lines run so far; a view keys its highlights by it so they play again on every line.
    lines_run: u64,
}

impl RedisCliSession {
    /// redis-cli connected to a fresh server whose random choices follow `seed`.
    pub fn new(seed: u64) -> Self {
        let mut server = Server::new(seed);
        let client = server.connect();
        Self {
            server,
            client,
            last_events: Vec::new(),
            lines_run: 0,
        }
    }

    /// The server, for views that draw its keyspace.
    pub fn server(&self) -> &Server {
        &self.server
    }

    /// The database redis-cli has selected: the one its views show.
    pub fn selected_db(&self) -> usize {
        self.server.selected_db(self.client)
    }

    /// The change events of the latest line, so a view can light what it touched.
    pub fn last_events(&self) -> &[Event] {
        &self.last_events
    }

    /// How many lines have been run; it changes on every line, even one that changed nothing.
    pub fn lines_run(&self) -> u64 {
        self.lines_run
    }
}

impl ConsoleSession for RedisCliSession {
    fn prompt(&self) -> String {
        cli::prompt_for(&self.server, self.client)
            .trim_end()
            .to_owned()
    }

    fn run_line(&mut self, line: &str, now_ms: u64) -> String {
        let output = cli::run_line(&mut self.server, self.client, line, now_ms);
        self.last_events = self.server.drain_events();
        self.lines_run += 1;
        if output.quit {
            // redis-cli exits silently; the console starts it again, as a learner would,
            // as a new client of the same server.
            self.client = self.server.connect();
            return "(redis-cli exited; a new redis-cli is connected to the same server)\n"
                .to_owned();
        }
        output.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replies_are_printed_as_redis_cli_prints_them() {
        let mut session = RedisCliSession::new(1);
        assert_eq!(session.run_line("SET greeting \"hello world\"", 0), "OK\n");
        assert_eq!(session.run_line("GET greeting", 0), "\"hello world\"\n");
        assert_eq!(session.run_line("INCR visits", 0), "(integer) 1\n");
    }

    #[test]
    fn the_prompt_follows_the_selected_database() {
        let mut session = RedisCliSession::new(1);
        assert_eq!(session.prompt(), "127.0.0.1:6379>");
        session.run_line("SELECT 2", 0);
        assert_eq!(session.prompt(), "127.0.0.1:6379[2]>");
    }

    #[test]
    fn quit_reconnects_to_the_same_server() {
        let mut session = RedisCliSession::new(1);
        session.run_line("SET k v", 0);
        session.run_line("SELECT 3", 0);
        session.run_line("quit", 0);
        assert_eq!(session.prompt(), "127.0.0.1:6379>");
        assert_eq!(session.run_line("GET k", 0), "\"v\"\n");
    }

    #[test]
    fn the_views_see_what_the_latest_line_changed() {
        let mut session = RedisCliSession::new(1);
        session.run_line("RPUSH tasks write test", 0);
        assert!(session.last_events().contains(&Event::ElementTouched {
            db: 0,
            key: b"tasks".to_vec(),
            element: b"test".to_vec(),
        }));
        session.run_line("GET nothing", 0);
        assert_eq!(session.last_events(), &[]);
        assert_eq!(session.lines_run(), 2);
        session.run_line("SELECT 4", 0);
        assert_eq!(session.selected_db(), 4);
    }
}
