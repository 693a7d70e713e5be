//! memcached's text protocol, typed line by line as into `telnet 127.0.0.1 11211`, and the
//! server the page's other clients (the CAS race, the load writer) share with the console.

use std::cell::{Ref, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use memcached_sim::{Connection, Event, Server, Settings, StatsView};

use crate::session::ConsoleSession;

/// What telnet prints when the server closes the connection, e.g. after `quit`.
const CONNECTION_CLOSED: &str = "Connection closed by foreign host.\n";

/// How many stats samples the shared server keeps for the live charts.
pub const SAMPLE_LIMIT: usize = 600;

/// The counters after one exchange, at the virtual time it happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatsSample {
    /// Virtual milliseconds since the Unix epoch.
    pub at_ms: u64,
    /// The server's counters right after the exchange.
    pub stats: StatsView,
}

/// One memcached process that several client connections talk to: the console's telnet,
/// and the page's other clients. It keeps what the views need besides the server itself:
/// the events of the latest exchange (for highlights) and a history of the counters (for
/// the charts). Single-threaded and cheap to clone, as a web page's state is.
#[derive(Clone)]
pub struct SharedServer(Rc<RefCell<Shared>>);

struct Shared {
    server: Server,
    exchanges: u64,
    last_events: Vec<Event>,
    samples: VecDeque<StatsSample>,
}

impl SharedServer {
    /// A freshly started memcached with these settings and no items.
    pub fn new(settings: Settings) -> Self {
        let started = settings.started_at_ms;
        let server = Server::new(settings);
        let first = StatsSample {
            at_ms: started,
            stats: server.stats(),
        };
        SharedServer(Rc::new(RefCell::new(Shared {
            server,
            exchanges: 0,
            last_events: Vec::new(),
            samples: VecDeque::from([first]),
        })))
    }

    /// Sends `input` on `connection` at `now_ms` and returns the server's reply bytes,
    /// recording the exchange's events and a sample of the counters.
    pub fn exchange(&self, connection: &mut Connection, input: &[u8], now_ms: u64) -> Vec<u8> {
        let mut shared = self.0.borrow_mut();
        let reply = connection.feed(&mut shared.server, input, now_ms);
        shared.exchanges += 1;
        shared.last_events = shared.server.drain_events();
        let sample = StatsSample {
            at_ms: now_ms,
            stats: shared.server.stats(),
        };
        if shared.samples.len() == SAMPLE_LIMIT {
            shared.samples.pop_front();
        }
        shared.samples.push_back(sample);
        reply
    }

    /// The server, for views that draw its items, slabs and counters.
    pub fn server(&self) -> Ref<'_, Server> {
        Ref::map(self.0.borrow(), |shared| &shared.server)
    }

    /// How many exchanges the server has answered: a version number for its state.
    pub fn exchanges(&self) -> u64 {
        self.0.borrow().exchanges
    }

    /// What the latest exchange changed, in order.
    pub fn last_events(&self) -> Ref<'_, [Event]> {
        Ref::map(self.0.borrow(), |shared| shared.last_events.as_slice())
    }

    /// The counters after each exchange, oldest first (at most [`SAMPLE_LIMIT`]).
    pub fn samples(&self) -> Vec<StatsSample> {
        self.0.borrow().samples.iter().cloned().collect()
    }
}

impl PartialEq for SharedServer {
    /// The same process, not equal contents: views compare servers by identity.
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// A storage command typed without `<bytes>`, waiting for its data line.
#[derive(Debug, PartialEq, Eq)]
struct OpenStore {
    /// The command's words before `<bytes>`: name, key, flags, exptime.
    head: Vec<String>,
    /// The words after `<bytes>`: the cas unique and `noreply`, as typed.
    tail: Vec<String>,
}

impl OpenStore {
    /// Recognises `set|add|replace|append|prepend <key> <flags> <exptime> [noreply]` and
    /// `cas <key> <flags> <exptime> <cas unique> [noreply]`: the storage commands with
    /// `<bytes>` left out. memcached answers `ERROR` to these forms, so reading them as the
    /// console's shorthand changes no valid exchange.
    fn parse(line: &str) -> Option<OpenStore> {
        let words: Vec<&str> = line.split(' ').filter(|w| !w.is_empty()).collect();
        let number = |w: &str| w.parse::<i64>().is_ok();
        let (fixed, rest) = match *words.first()? {
            "set" | "add" | "replace" | "append" | "prepend" => (4, 0),
            "cas" => (4, 1),
            _ => return None,
        };
        let noreply = words.len() == fixed + rest + 1 && words.last() == Some(&"noreply");
        if words.len() != fixed + rest + usize::from(noreply)
            || !words[2..fixed + rest].iter().all(|w| number(w))
        {
            return None;
        }
        let owned = |ws: &[&str]| ws.iter().map(|w| (*w).to_owned()).collect();
        Some(OpenStore {
            head: owned(&words[..fixed]),
            tail: owned(&words[fixed..]),
        })
    }

    /// The command as the protocol wants it, with the data line's length filled in.
    fn canonical(&self, data: &str) -> String {
        let mut words = self.head.clone();
        words.push(data.len().to_string());
        words.extend(self.tail.iter().cloned());
        words.join(" ")
    }
}

/// A telnet-style connection to a memcached. Each typed line is sent with the protocol's
/// `\r\n`; the server's `\r\n` line ends are shown as plain line breaks, as a terminal
/// shows them.
///
/// One convenience differs from telnet: a storage command typed without `<bytes>` takes
/// the next line as its data block, and the console sends the canonical command with the
/// length filled in, echoing it so the learner sees what went over the wire.
pub struct MemcachedTextSession {
    server: SharedServer,
    connection: Connection,
    open_store: Option<OpenStore>,
}

impl MemcachedTextSession {
    /// A connection to a memcached with default settings (64 MB), started at `now_ms`.
    pub fn new(now_ms: u64) -> Self {
        Self::with_settings(Settings {
            started_at_ms: now_ms,
            ..Settings::default()
        })
    }

    /// A connection to a memcached started with `settings` (e.g. a small `-m`).
    pub fn with_settings(settings: Settings) -> Self {
        Self {
            server: SharedServer::new(settings),
            connection: Connection::new(),
            open_store: None,
        }
    }

    /// The server this console talks to, for views and for other clients.
    pub fn server(&self) -> &SharedServer {
        &self.server
    }

    fn send(&mut self, bytes: &[u8], now_ms: u64) -> String {
        if self.connection.is_closed() {
            // Typing again after `quit` is opening a new connection to the same server.
            self.connection = Connection::new();
        }
        let response = self.server.exchange(&mut self.connection, bytes, now_ms);
        let mut text = String::from_utf8_lossy(&response).replace("\r\n", "\n");
        if self.connection.is_closed() {
            text.push_str(CONNECTION_CLOSED);
        }
        text
    }
}

impl ConsoleSession for MemcachedTextSession {
    fn prompt(&self) -> String {
        if self.open_store.is_some() {
            "data>".to_owned()
        } else {
            ">".to_owned()
        }
    }

    fn run_line(&mut self, line: &str, now_ms: u64) -> String {
        if let Some(open) = self.open_store.take() {
            let command = open.canonical(line);
            let reply = self.send(format!("{command}\r\n{line}\r\n").as_bytes(), now_ms);
            return format!("sent: {command}\n{reply}");
        }
        if let Some(open) = OpenStore::parse(line) {
            self.open_store = Some(open);
            return String::new();
        }
        self.send(format!("{line}\r\n").as_bytes(), now_ms)
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

    #[test]
    fn a_storage_command_without_bytes_gets_the_data_line_length() {
        let mut session = MemcachedTextSession::new(NOW);
        assert_eq!(session.run_line("set product_count 0 0", NOW), "");
        assert_eq!(session.prompt(), "data>");
        assert_eq!(
            session.run_line("900", NOW),
            "sent: set product_count 0 0 3\nSTORED\n"
        );
        assert_eq!(session.prompt(), ">");
        assert_eq!(
            session.run_line("append product_count 0 0 noreply", NOW),
            ""
        );
        assert_eq!(
            session.run_line("!", NOW),
            "sent: append product_count 0 0 1 noreply\n"
        );
        assert_eq!(
            session.run_line("get product_count", NOW),
            "VALUE product_count 0 4\n900!\nEND\n"
        );
    }

    #[test]
    fn cas_without_bytes_keeps_its_unique_after_the_length() {
        let mut session = MemcachedTextSession::new(NOW);
        session.run_line("set k 0 0", NOW);
        session.run_line("900", NOW);
        assert_eq!(session.run_line("gets k", NOW), "VALUE k 0 3 1\n900\nEND\n");
        session.run_line("cas k 0 0 1", NOW);
        assert_eq!(
            session.run_line("899", NOW),
            "sent: cas k 0 0 3 1\nSTORED\n"
        );
        session.run_line("cas k 0 0 1", NOW);
        assert_eq!(
            session.run_line("898", NOW),
            "sent: cas k 0 0 3 1\nEXISTS\n"
        );
    }

    #[test]
    fn other_malformed_storage_lines_keep_memcached_answers() {
        let mut session = MemcachedTextSession::new(NOW);
        assert_eq!(session.run_line("set k 0", NOW), "ERROR\n");
        assert_eq!(
            session.run_line("set k x 0", NOW),
            "ERROR\n",
            "a non-numeric flag is not the shorthand"
        );
        assert_eq!(session.prompt(), ">");
    }

    #[test]
    fn other_clients_share_the_server_and_the_events_of_the_last_exchange() {
        let mut session = MemcachedTextSession::new(NOW);
        session.run_line("set k 0 0 1", NOW);
        session.run_line("v", NOW);
        assert!(matches!(
            &session.server().last_events()[..],
            [Event::Stored { key, .. }] if key == b"k"
        ));
        let mut other = Connection::new();
        let reply = session
            .server()
            .exchange(&mut other, b"delete k\r\n", NOW + 1000);
        assert_eq!(reply, b"DELETED\r\n");
        assert_eq!(session.run_line("get k", NOW + 2000), "END\n");
        let samples = session.server().samples();
        assert_eq!(samples.first().map(|s| s.at_ms), Some(NOW));
        assert_eq!(samples.last().map(|s| s.stats.get_misses), Some(1));
        assert_eq!(session.server().exchanges(), 4);
    }
}
