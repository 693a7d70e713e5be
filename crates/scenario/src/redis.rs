//! redis-cli command lines, answered as `redis-cli --no-raw` prints replies, from any
//! number of redis-cli processes connected to one redis-server.

use std::cell::{Ref, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use redis_sim::{ClientId, Event, Reply, Server, cli};

use crate::session::ConsoleSession;

/// How many samples of the counters the shared server keeps for the live charts.
pub const REDIS_SAMPLE_LIMIT: usize = 300;

/// How much virtual time one call of [`SharedRedis::advance`] catches up at most. The
/// active expiry cycle runs ten times per virtual second, so a page that was hidden for an
/// hour does not freeze running thirty-six thousand cycles when it is shown again.
pub const MAX_CATCH_UP_MS: u64 = 5_000;

/// The server's counters at one moment of virtual time, for the live charts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RedisSample {
    /// Virtual milliseconds since the Unix epoch.
    pub at_ms: u64,
    /// Commands processed since the server started (INFO's `total_commands_processed`).
    pub commands: u64,
    /// Keys in all databases.
    pub keys: u64,
    /// Keys removed because their TTL ran out (INFO's `expired_keys`).
    pub expired_keys: u64,
    /// Keys removed to stay under `maxmemory` (INFO's `evicted_keys`).
    pub evicted_keys: u64,
    /// INFO's `used_memory`, in bytes.
    pub used_memory: u64,
    /// Keys reading commands found (INFO's `keyspace_hits`).
    pub keyspace_hits: u64,
    /// Keys reading commands did not find (INFO's `keyspace_misses`).
    pub keyspace_misses: u64,
    /// Open connections (INFO's `connected_clients`).
    pub connected_clients: u64,
}

/// One PUBLISH of the latest line: who sent it, where, and who got it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Delivery {
    /// The client that published.
    pub publisher: ClientId,
    /// The channel published to.
    pub channel: Vec<u8>,
    /// The clients that received the message, in delivery order.
    pub receivers: Vec<ClientId>,
}

/// One redis-server that several redis-cli processes talk to, with what the page's views
/// need besides the server: the latest line's events and deliveries (for highlights and
/// animations) and a history of the counters (for the charts). Single-threaded and cheap to
/// clone, as a web page's state is.
#[derive(Clone)]
pub struct SharedRedis(Rc<RefCell<Shared>>);

struct Shared {
    server: Server,
    /// What the latest line changed; drained after every line so events never pile up.
    last_events: Vec<Event>,
    /// The PUBLISHes of the latest line.
    deliveries: Vec<Delivery>,
    /// The latest events came from time passing (active expiry), not from a line.
    events_from_clock: bool,
    /// Lines run so far, by any client: views key their highlights by it.
    lines_run: u64,
    /// How far the server's clock has gone, by a line or the active expiry cycle, in
    /// virtual milliseconds; `None` before the first line.
    advanced_to: Option<u64>,
    samples: VecDeque<RedisSample>,
}

impl SharedRedis {
    /// A freshly started redis-server whose random choices follow `seed`.
    pub fn new(seed: u64) -> Self {
        SharedRedis(Rc::new(RefCell::new(Shared {
            server: Server::new(seed),
            last_events: Vec::new(),
            deliveries: Vec::new(),
            events_from_clock: false,
            lines_run: 0,
            advanced_to: None,
            samples: VecDeque::new(),
        })))
    }

    /// The server, for views that draw its keyspace.
    pub fn server(&self) -> Ref<'_, Server> {
        Ref::map(self.0.borrow(), |shared| &shared.server)
    }

    /// The change events of the latest line, so a view can light what it touched.
    pub fn last_events(&self) -> Ref<'_, [Event]> {
        Ref::map(self.0.borrow(), |shared| shared.last_events.as_slice())
    }

    /// Whether [`SharedRedis::last_events`] came from time passing (keys the active expiry
    /// cycle removed) rather than from the latest line.
    pub fn events_from_clock(&self) -> bool {
        self.0.borrow().events_from_clock
    }

    /// The messages the latest line published, so a view can send them on their way.
    pub fn deliveries(&self) -> Ref<'_, [Delivery]> {
        Ref::map(self.0.borrow(), |shared| shared.deliveries.as_slice())
    }

    /// How many lines have been run by all clients; it changes on every line.
    pub fn lines_run(&self) -> u64 {
        self.0.borrow().lines_run
    }

    /// The counters sampled so far, oldest first (at most [`REDIS_SAMPLE_LIMIT`]).
    pub fn samples(&self) -> Vec<RedisSample> {
        self.0.borrow().samples.iter().copied().collect()
    }

    /// Lets virtual time pass up to `now_ms` with nobody typing: Redis's active expiry
    /// removes keys whose TTL ran out and blocked clients time out. At most
    /// [`MAX_CATCH_UP_MS`] is run per call; a later call goes on from there. Then the
    /// counters are sampled for the charts.
    ///
    /// The server's clock starts with its first command: before it there is nothing to
    /// expire, and running the cycle from the epoch would never end.
    pub fn advance(&self, now_ms: u64) {
        let mut shared = self.0.borrow_mut();
        let to = match shared.advanced_to {
            Some(from) => {
                let to = now_ms.clamp(from, from.saturating_add(MAX_CATCH_UP_MS));
                shared.server.advance(to);
                shared.advanced_to = Some(to);
                to
            }
            None => now_ms,
        };
        // Expiry by the cycle is news for the keyspace view, as a command's changes are.
        let events = shared.server.drain_events();
        if !events.is_empty() {
            shared.last_events = events;
            shared.deliveries.clear();
            shared.events_from_clock = true;
        }
        shared.sample(to);
    }

    /// Runs one line for `client` and keeps its events and deliveries for the views.
    fn run_line(&self, client: ClientId, line: &str, now_ms: u64) -> cli::LineOutput {
        let mut shared = self.0.borrow_mut();
        let output = cli::run_line(&mut shared.server, client, line, now_ms);
        shared.keep_news(client, now_ms);
        output
    }

    /// Runs one command a client library sent for `client` (redis-py's, say) and keeps
    /// its events and deliveries for the views, as a typed line's are.
    pub(crate) fn execute(&self, client: ClientId, argv: Vec<Vec<u8>>, now_ms: u64) -> Reply {
        let mut shared = self.0.borrow_mut();
        let reply = shared.server.execute(client, argv, now_ms);
        shared.keep_news(client, now_ms);
        reply
    }

    /// Opens a new client connection.
    pub(crate) fn connect(&self) -> ClientId {
        self.0.borrow_mut().server.connect()
    }

    /// Closes a client connection, dropping its subscriptions, watches and waits.
    pub(crate) fn disconnect(&self, client: ClientId) {
        self.0.borrow_mut().server.disconnect(client);
    }

    /// Takes what the server pushed to a subscribed client (published messages) and
    /// its reader has not read yet.
    pub(crate) fn take_messages(&self, client: ClientId) -> Vec<Reply> {
        self.0.borrow_mut().server.take_messages(client)
    }
}

impl Shared {
    /// Keeps what the command `client` just ran changed, for the views.
    fn keep_news(&mut self, client: ClientId, now_ms: u64) {
        // The server's clock is now at least here: the cycle goes on from it.
        self.advanced_to = Some(self.advanced_to.map_or(now_ms, |at| at.max(now_ms)));
        let events = self.server.drain_events();
        self.deliveries = events
            .iter()
            .filter_map(|event| match event {
                Event::Published { channel, receivers } => Some(Delivery {
                    publisher: client,
                    channel: channel.clone(),
                    receivers: receivers.clone(),
                }),
                _ => None,
            })
            .collect();
        self.last_events = events;
        self.events_from_clock = false;
        self.lines_run += 1;
    }

    fn sample(&mut self, at_ms: u64) {
        let stats = self.server.stats();
        let keys = self.server.key_count() as u64;
        if self.samples.len() == REDIS_SAMPLE_LIMIT {
            self.samples.pop_front();
        }
        self.samples.push_back(RedisSample {
            at_ms,
            commands: stats.commands,
            keys,
            expired_keys: stats.expired_keys,
            evicted_keys: stats.evicted_keys,
            used_memory: self.server.used_memory(),
            keyspace_hits: stats.keyspace_hits,
            keyspace_misses: stats.keyspace_misses,
            connected_clients: self.server.connected_clients() as u64,
        });
    }
}

impl PartialEq for SharedRedis {
    /// The same process, not equal contents: views compare servers by identity.
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// What a client connection is doing, as the page's client headers show it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClientState {
    /// CLIENT ID of the connection.
    pub id: u64,
    /// The selected database.
    pub db: usize,
    /// Between MULTI and EXEC.
    pub in_transaction: bool,
    /// Waiting in BLPOP or another blocking command.
    pub blocked: bool,
    /// Channels subscribed to, in subscription order.
    pub channels: Vec<Vec<u8>>,
    /// Patterns subscribed to, in subscription order.
    pub patterns: Vec<Vec<u8>>,
    /// redis-cli only prints incoming messages and reads no commands until Ctrl-C.
    pub reading_messages: bool,
    /// redis-cli waits for the reply to a blocking command (BLPOP...) and reads no
    /// command until it comes; Ctrl-C makes it exit.
    pub awaiting_reply: bool,
}

/// What Ctrl-C did to a redis-cli that was not at its prompt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Interrupted {
    /// It stopped reading messages and is on a new connection to the same database;
    /// it printed `ran`: how long the command ran, when that was half a second or more.
    Reconnected { ran: String },
    /// It was waiting for a blocking command's reply and exited; the console started it
    /// again, on a new connection.
    Exited,
}

/// What a console says when its redis-cli exited and it started a new one.
pub const RESTARTED: &str = "(redis-cli exited; a new redis-cli is connected to the same server)\n";

/// One redis-cli connected to a redis-server that other redis-cli processes may share.
pub struct RedisCliSession {
    shared: SharedRedis,
    client: ClientId,
    /// When the command this redis-cli waits on blocked, in virtual milliseconds.
    blocked_since: Option<u64>,
    /// The channels and patterns this connection subscribed to, followed from the
    /// commands it sent (the server answers only counts) and dropped whenever the server
    /// says it is no longer subscribed.
    channels: Vec<Vec<u8>>,
    patterns: Vec<Vec<u8>>,
    /// When the line that left redis-cli reading messages (a SUBSCRIBE) was sent, in
    /// virtual milliseconds; `None` while it reads commands.
    reading_since: Option<u64>,
}

impl RedisCliSession {
    /// redis-cli connected to a fresh server whose random choices follow `seed`.
    pub fn new(seed: u64) -> Self {
        Self::connect(&SharedRedis::new(seed))
    }

    /// Another redis-cli, connected to the server `shared`.
    pub fn connect(shared: &SharedRedis) -> Self {
        Self {
            client: shared.connect(),
            shared: shared.clone(),
            blocked_since: None,
            channels: Vec::new(),
            patterns: Vec::new(),
            reading_since: None,
        }
    }

    /// Closes this redis-cli's connection, as closing its window does. The session is
    /// done with: its caller drops it.
    pub fn close(&self) {
        self.shared.disconnect(self.client);
    }

    /// The server this redis-cli is connected to.
    pub fn shared(&self) -> &SharedRedis {
        &self.shared
    }

    /// The server, for views that draw its keyspace.
    pub fn server(&self) -> Ref<'_, Server> {
        self.shared.server()
    }

    /// This connection's id on the server.
    pub fn client(&self) -> ClientId {
        self.client
    }

    /// The database redis-cli has selected: the one its views show.
    pub fn selected_db(&self) -> usize {
        self.shared.server().selected_db(self.client)
    }

    /// The change events of the latest line run by any client.
    pub fn last_events(&self) -> Ref<'_, [Event]> {
        self.shared.last_events()
    }

    /// How many lines all clients have run.
    pub fn lines_run(&self) -> u64 {
        self.shared.lines_run()
    }

    /// What this connection is doing now.
    pub fn state(&self) -> ClientState {
        let server = self.shared.server();
        ClientState {
            id: self.client.0,
            db: server.selected_db(self.client),
            in_transaction: server.in_transaction(self.client),
            blocked: server.is_blocked(self.client),
            channels: self.channels.clone(),
            patterns: self.patterns.clone(),
            reading_messages: self.reading_since.is_some(),
            awaiting_reply: self.blocked_since.is_some(),
        }
    }

    /// Ctrl-C. While redis-cli reads messages, redis-cli 7.0 closes the connection,
    /// opens a new one (selecting the same database again) and shows its prompt. While
    /// it waits for a blocking command's reply, it exits, and the server drops the
    /// waiting client. Does nothing, and returns `None`, at the prompt.
    pub fn interrupt(&mut self, now_ms: u64) -> Option<Interrupted> {
        if self.blocked_since.is_some() {
            self.reconnect();
            return Some(Interrupted::Exited);
        }
        let since = self.reading_since.take()?;
        let db = self.selected_db();
        self.reconnect();
        if db != 0 {
            let select = vec![b"SELECT".to_vec(), db.to_string().into_bytes()];
            self.shared
                .0
                .borrow_mut()
                .server
                .execute(self.client, select, now_ms);
        }
        let ran_ms = now_ms.saturating_sub(since);
        let ran = if ran_ms >= 500 {
            format!("({:.2}s)\n", ran_ms as f64 / 1000.0)
        } else {
            String::new()
        };
        Some(Interrupted::Reconnected { ran })
    }

    /// Drops this connection for a new one to the same server, as a redis-cli that
    /// starts again has.
    fn reconnect(&mut self) {
        self.shared.disconnect(self.client);
        self.client = self.shared.connect();
        self.blocked_since = None;
        self.reading_since = None;
        self.channels.clear();
        self.patterns.clear();
    }

    /// What redis-cli prints without being typed to: the reply a blocked command finally
    /// got (with the time it waited), and the messages that reached a subscribed
    /// connection. Empty when nothing arrived since the last call.
    pub fn take_pushed(&mut self, now_ms: u64) -> String {
        let mut shared = self.shared.0.borrow_mut();
        let server = &mut shared.server;
        let mut text = String::new();
        if let Some(since) = self.blocked_since
            && !server.is_blocked(self.client)
        {
            self.blocked_since = None;
            text.push_str(&cli::read_reply(
                server,
                self.client,
                now_ms.saturating_sub(since),
            ));
        }
        // While subscribed, redis-cli prints every frame as it arrives; otherwise a frame
        // left on the connection answers the next command, as it does in redis-cli.
        if server.is_subscribed(self.client)
            && let Some(connection) = server.connection(self.client)
        {
            for frame in connection.drain(..) {
                text.push_str(&cli::format_reply(&frame));
            }
        }
        text
    }

    /// Follows the subscriptions a line asked for, once the server has run it.
    fn follow_subscriptions(&mut self, argv: &[Vec<u8>], queued: bool) {
        let Some((name, names)) = argv.split_first() else {
            return;
        };
        if !queued {
            match name.to_ascii_lowercase().as_slice() {
                b"subscribe" => add_names(&mut self.channels, names),
                b"psubscribe" => add_names(&mut self.patterns, names),
                b"unsubscribe" => remove_names(&mut self.channels, names),
                b"punsubscribe" => remove_names(&mut self.patterns, names),
                _ => {}
            }
        }
        if !self.shared.server().is_subscribed(self.client) {
            self.channels.clear();
            self.patterns.clear();
        }
    }
}

fn add_names(list: &mut Vec<Vec<u8>>, names: &[Vec<u8>]) {
    for name in names {
        if !list.contains(name) {
            list.push(name.clone());
        }
    }
}

/// UNSUBSCRIBE without names leaves every channel.
fn remove_names(list: &mut Vec<Vec<u8>>, names: &[Vec<u8>]) {
    if names.is_empty() {
        list.clear();
    } else {
        list.retain(|name| !names.contains(name));
    }
}

impl ConsoleSession for RedisCliSession {
    fn prompt(&self) -> String {
        cli::prompt_for(&self.shared.server(), self.client)
            .trim_end()
            .to_owned()
    }

    fn run_line(&mut self, line: &str, now_ms: u64) -> String {
        let queued = self.shared.server().in_transaction(self.client);
        let output = self.shared.run_line(self.client, line, now_ms);
        if let Ok(argv) = cli::split_line(line) {
            self.follow_subscriptions(&argv, queued);
        }
        if output.blocked {
            self.blocked_since = Some(now_ms);
        }
        self.reading_since = output.reading_messages.then_some(now_ms);
        if output.quit {
            // redis-cli exits silently; the console starts it again, as a learner would,
            // as a new client of the same server.
            self.reconnect();
            return RESTARTED.to_owned();
        }
        output.text
    }

    fn hint(&self, input: &str) -> Option<String> {
        cli::hint(input)
    }

    fn complete(&self, input: &str) -> Vec<String> {
        cli::complete(input)
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
    fn typing_gets_redis_clis_hint_and_completions() {
        let session = RedisCliSession::new(1);
        assert_eq!(
            session.hint("SET").as_deref(),
            Some(
                " key value [NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]"
            )
        );
        assert!(session.complete("getr").contains(&"GETRANGE".to_owned()));
    }

    #[test]
    fn quit_reconnects_to_the_same_server() {
        let mut session = RedisCliSession::new(1);
        session.run_line("SET k v", 0);
        session.run_line("SELECT 3", 0);
        let first = session.client();
        session.run_line("quit", 0);
        assert_eq!(session.prompt(), "127.0.0.1:6379>");
        assert_eq!(session.run_line("GET k", 0), "\"v\"\n");
        assert_ne!(session.client(), first);
        assert_eq!(session.run_line("CLIENT ID", 0), "(integer) 2\n");
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
        assert_eq!(&*session.last_events(), &[]);
        assert_eq!(session.lines_run(), 2);
        session.run_line("SELECT 4", 0);
        assert_eq!(session.selected_db(), 4);
    }

    #[test]
    fn a_subscriber_prints_what_another_client_publishes() {
        let mut subscriber = RedisCliSession::new(1);
        let mut publisher = RedisCliSession::connect(subscriber.shared());
        subscriber.run_line("SUBSCRIBE news", 0);
        subscriber.run_line("PSUBSCRIBE n*", 0);
        assert_eq!(subscriber.state().channels, [b"news".to_vec()]);
        assert_eq!(subscriber.state().patterns, [b"n*".to_vec()]);
        assert_eq!(subscriber.take_pushed(0), "");
        assert_eq!(publisher.run_line("PUBLISH news hi", 0), "(integer) 2\n");
        assert_eq!(
            &*publisher.shared().deliveries(),
            &[Delivery {
                publisher: publisher.client(),
                channel: b"news".to_vec(),
                receivers: vec![subscriber.client(), subscriber.client()],
            }]
        );
        let pushed = subscriber.take_pushed(0);
        assert!(pushed.starts_with("1) \"message\"\n2) \"news\"\n3) \"hi\"\n"));
        assert!(pushed.contains("1) \"pmessage\"\n2) \"n*\""));
        subscriber.run_line("UNSUBSCRIBE", 0);
        assert_eq!(subscriber.state().channels, Vec::<Vec<u8>>::new());
        subscriber.run_line("RESET", 0);
        assert_eq!(
            subscriber.state(),
            ClientState {
                id: subscriber.client().0,
                ..ClientState::default()
            }
        );
    }

    #[test]
    fn ctrl_c_ends_reading_messages_on_a_new_connection_to_the_same_database() {
        let mut subscriber = RedisCliSession::new(1);
        let mut publisher = RedisCliSession::connect(subscriber.shared());
        assert_eq!(
            subscriber.interrupt(0),
            None,
            "at the prompt there is nothing to stop"
        );
        subscriber.run_line("SELECT 2", 0);
        subscriber.run_line("SUBSCRIBE news", 1_000);
        assert!(subscriber.state().reading_messages);
        let old = subscriber.client();
        assert_eq!(
            subscriber.interrupt(2_570),
            Some(Interrupted::Reconnected {
                ran: "(1.57s)\n".to_owned()
            })
        );
        let state = subscriber.state();
        assert!(!state.reading_messages && state.channels.is_empty());
        assert_ne!(state.id, old.0, "a new connection");
        assert_eq!(
            (state.db, subscriber.prompt().as_str()),
            (2, "127.0.0.1:6379[2]>")
        );
        assert_eq!(
            publisher.run_line("PUBLISH news hi", 2_600),
            "(integer) 0\n"
        );
        assert_eq!(publisher.run_line("CLIENT LIST", 2_600).lines().count(), 2);
        subscriber.run_line("PSUBSCRIBE n*", 3_000);
        assert_eq!(
            subscriber.interrupt(3_100),
            Some(Interrupted::Reconnected { ran: String::new() }),
            "under half a second"
        );
    }

    #[test]
    fn a_blocked_pop_is_released_by_another_clients_push() {
        let mut waiter = RedisCliSession::new(1);
        let mut pusher = RedisCliSession::connect(waiter.shared());
        assert_eq!(waiter.run_line("BLPOP jobs 0", 1_000), "");
        assert!(waiter.state().blocked);
        assert_eq!(waiter.take_pushed(1_200), "");
        pusher.run_line("RPUSH jobs build", 3_000);
        assert!(!waiter.state().blocked);
        assert!(
            waiter.state().awaiting_reply,
            "until redis-cli prints the reply"
        );
        assert_eq!(
            waiter.take_pushed(3_000),
            "1) \"jobs\"\n2) \"build\"\n(2.00s)\n"
        );
        assert!(!waiter.state().awaiting_reply);
    }

    #[test]
    fn ctrl_c_while_a_pop_waits_exits_redis_cli_and_the_server_forgets_the_wait() {
        let mut waiter = RedisCliSession::new(1);
        let mut pusher = RedisCliSession::connect(waiter.shared());
        waiter.run_line("SELECT 3", 0);
        waiter.run_line("BLPOP jobs 0", 1_000);
        let old = waiter.client();
        assert_eq!(waiter.interrupt(1_500), Some(Interrupted::Exited));
        let state = waiter.state();
        assert!(!state.awaiting_reply && !state.blocked);
        assert_ne!(state.id, old.0);
        assert_eq!(
            waiter.prompt(),
            "127.0.0.1:6379>",
            "a new redis-cli starts in db 0"
        );
        pusher.run_line("SELECT 3", 1_600);
        assert_eq!(pusher.run_line("RPUSH jobs build", 1_600), "(integer) 1\n");
        assert_eq!(
            pusher.run_line("LLEN jobs", 1_600),
            "(integer) 1\n",
            "nobody took it"
        );
        assert_eq!(waiter.take_pushed(1_700), "");
    }

    #[test]
    fn a_closed_client_leaves_the_server() {
        let mut first = RedisCliSession::new(1);
        let mut second = RedisCliSession::connect(first.shared());
        first.run_line("SUBSCRIBE news", 0);
        assert_eq!(second.run_line("PUBLISH news hi", 0), "(integer) 1\n");
        first.close();
        assert_eq!(second.run_line("PUBLISH news hi", 0), "(integer) 0\n");
    }

    #[test]
    fn a_fresh_server_starts_its_clock_at_the_first_time_it_sees() {
        let mut session = RedisCliSession::new(1);
        let now = 1_800_000_000_000;
        session.shared().advance(now);
        session.run_line("SET k v PX 100", now + 10);
        session.shared().advance(now + 1_000);
        assert_eq!(session.server().stats().expired_keys, 1);
    }

    #[test]
    fn time_passing_expires_keys_and_is_sampled_in_bounded_steps() {
        let mut session = RedisCliSession::new(1);
        let shared = session.shared().clone();
        shared.advance(10_000);
        session.run_line("SET k v PX 500", 10_000);
        shared.advance(11_000);
        assert_eq!(shared.server().stats().expired_keys, 1);
        assert!(shared.last_events().contains(&Event::KeyExpired {
            db: 0,
            key: b"k".to_vec(),
        }));
        assert!(shared.events_from_clock());
        session.run_line("GET k", 11_000);
        assert!(!shared.events_from_clock());
        shared.advance(11_000 + 3 * MAX_CATCH_UP_MS);
        let samples = shared.samples();
        assert_eq!(
            samples.iter().map(|s| s.at_ms).collect::<Vec<_>>(),
            [10_000, 11_000, 11_000 + MAX_CATCH_UP_MS]
        );
        assert_eq!(samples[1].commands, 1);
        assert_eq!(samples[1].expired_keys, 1);
        assert!(samples[0].used_memory > 0);
    }
}
