//! The server: databases, connected clients, and `processCommand`, the gate
//! every command passes (lookup, arity, pub/sub context, MULTI queueing)
//! before its handler runs.

use std::collections::{BTreeMap, VecDeque};

use indexmap::IndexSet;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use crate::blocking::Blocked;
use crate::commands::{self, Command, Flags, Lookup};
use crate::config::Config;
use crate::db::{DATABASES, Db};
use crate::event::Event;
use crate::multi::{MultiState, WatchedKey};
use crate::object::Value;
use crate::pubsub::Registry;
use crate::reply::Reply;

/// Identifies one connection to the server (what CLIENT ID prints).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClientId(pub u64);

/// One connection's state: each client has its own database, transaction,
/// watches and subscriptions.
#[derive(Debug, Clone, Default)]
pub(crate) struct Client {
    /// Selected database.
    pub db: usize,
    /// CLIENT SETNAME's name.
    pub name: Option<Vec<u8>>,
    /// Set between MULTI and EXEC/DISCARD.
    pub multi: Option<MultiState>,
    /// Keys watched with WATCH.
    pub watched: Vec<WatchedKey>,
    /// A watched key was modified: the next EXEC fails.
    pub watch_dirty: bool,
    /// Subscribed channels, in subscription order.
    pub channels: IndexSet<Vec<u8>>,
    /// Subscribed patterns, in subscription order.
    pub patterns: IndexSet<Vec<u8>>,
    /// Replies and pushed messages sent to this client and not yet read by its console.
    pub inbox: VecDeque<Reply>,
    /// Set while the client waits in BLPOP and friends.
    pub blocked: Option<Blocked>,
    /// Virtual time the connection opened (CLIENT LIST's `age`).
    pub connected_ms: u64,
    /// Virtual time of its latest command (CLIENT LIST's `idle`).
    pub last_command_ms: u64,
    /// Its latest command (CLIENT LIST's `cmd` is its name). A connection mostly sends
    /// the same command again, so its name is compared first, before the table lookup.
    pub last_command: Option<&'static Command>,
}

impl Client {
    /// Whether the client is in the restricted pub/sub context of RESP2.
    pub fn subscribed(&self) -> bool {
        !self.channels.is_empty() || !self.patterns.is_empty()
    }
}

/// What one connection subscribed to, each in subscription order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscriptions {
    /// The subscribed connection.
    pub client: ClientId,
    /// Its channels.
    pub channels: Vec<Vec<u8>>,
    /// Its patterns.
    pub patterns: Vec<Vec<u8>>,
}

/// Running totals for the page's live charts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Commands run (queued commands count when EXEC runs them).
    pub commands: u64,
    /// Keys removed because their TTL ran out.
    pub expired_keys: u64,
    /// Keys removed to stay under `maxmemory`.
    pub evicted_keys: u64,
    /// Connections opened since the server started.
    pub connections: u64,
    /// Error replies sent, including refused commands.
    pub error_replies: u64,
    /// Keys found by the lookups of reading commands.
    pub keyspace_hits: u64,
    /// Keys not found by the lookups of reading commands.
    pub keyspace_misses: u64,
}

/// A Redis 7.0 server: sixteen databases and any number of clients, driven
/// by commands at given virtual times.
#[derive(Debug, Clone)]
pub struct Server {
    pub(crate) dbs: Vec<Db>,
    pub(crate) clients: BTreeMap<ClientId, Client>,
    next_client_id: u64,
    /// All randomness (SPOP, RANDOMKEY...) comes from here, so a seed replays exactly.
    pub(crate) rng: ChaCha8Rng,
    pub(crate) events: Vec<Event>,
    /// Whether change events are kept for [`Server::drain_events`].
    pub(crate) record_events: bool,
    /// The virtual time of the command being executed.
    pub(crate) now_ms: u64,
    pub(crate) stats: Stats,
    pub(crate) pubsub: Registry,
    pub(crate) config: Config,
    /// Blocked clients, longest waiting first: Redis serves them in that order.
    pub(crate) blocked_order: Vec<ClientId>,
    /// EXEC is running queued commands: blocking commands must not wait.
    pub(crate) executing_transaction: bool,
    /// The virtual time of the first command: uptime counts from there.
    pub(crate) started_ms: Option<u64>,
    /// Per-key memory sizes, kept once someone asks for `used_memory`.
    pub(crate) memory: Option<crate::memory::Ledger>,
    /// What the running command's writes announce as keyspace events.
    pub(crate) current_event: Option<(u64, &'static str)>,
    /// The eviction pool and the random policies' next database.
    pub(crate) evictor: crate::evict::Evictor,
}

impl Server {
    /// A fresh server with empty databases; `seed` fixes every random choice.
    pub fn new(seed: u64) -> Server {
        Server {
            dbs: vec![Db::default(); DATABASES],
            clients: BTreeMap::new(),
            next_client_id: 1,
            rng: ChaCha8Rng::seed_from_u64(seed),
            events: Vec::new(),
            record_events: true,
            now_ms: 0,
            stats: Stats::default(),
            pubsub: Registry::default(),
            config: Config::default(),
            blocked_order: Vec::new(),
            executing_transaction: false,
            started_ms: None,
            memory: None,
            current_event: None,
            evictor: crate::evict::Evictor::default(),
        }
    }

    /// Opens a new connection, starting in database 0.
    pub fn connect(&mut self) -> ClientId {
        let id = ClientId(self.next_client_id);
        self.next_client_id += 1;
        self.stats.connections += 1;
        self.clients.insert(
            id,
            Client {
                connected_ms: self.now_ms,
                last_command_ms: self.now_ms,
                ..Client::default()
            },
        );
        id
    }

    /// Closes a connection, dropping its subscriptions and watches.
    pub fn disconnect(&mut self, client: ClientId) {
        self.unsubscribe_all(client);
        self.blocked_order.retain(|c| *c != client);
        self.clients.remove(&client);
    }

    /// The database a client has selected (redis-cli shows it in the prompt).
    pub fn selected_db(&self, client: ClientId) -> usize {
        self.db_index(client)
    }

    /// Whether the client is between MULTI and EXEC (redis-cli's `(TX)` prompt).
    pub fn in_transaction(&self, client: ClientId) -> bool {
        self.clients.get(&client).is_some_and(|c| c.multi.is_some())
    }

    /// Whether the client is subscribed to any channel or pattern.
    pub fn is_subscribed(&self, client: ClientId) -> bool {
        self.clients.get(&client).is_some_and(Client::subscribed)
    }

    /// Every subscribed connection, lowest client id first (for the page's pub/sub view).
    pub fn subscriptions(&self) -> Vec<Subscriptions> {
        let names = |set: &IndexSet<Vec<u8>>| set.iter().cloned().collect();
        self.clients
            .iter()
            .filter(|(_, c)| c.subscribed())
            .map(|(id, c)| Subscriptions {
                client: *id,
                channels: names(&c.channels),
                patterns: names(&c.patterns),
            })
            .collect()
    }

    /// Takes the messages pushed to a subscribed client since the last call.
    pub fn take_messages(&mut self, client: ClientId) -> Vec<Reply> {
        self.clients
            .get_mut(&client)
            .map(|c| c.inbox.drain(..).collect())
            .unwrap_or_default()
    }

    /// The replies and messages sent to a client and not read yet, oldest
    /// first: what a real connection would hold in its receive buffer.
    pub fn connection(&mut self, client: ClientId) -> Option<&mut VecDeque<Reply>> {
        self.clients.get_mut(&client).map(|c| &mut c.inbox)
    }

    /// Counters since the server started.
    pub fn stats(&self) -> Stats {
        self.stats
    }

    /// Takes the change events of the commands run since the last call.
    pub fn drain_events(&mut self) -> Vec<Event> {
        std::mem::take(&mut self.events)
    }

    /// Whether commands keep change events for [`Server::drain_events`]; on by
    /// default. A server nobody draws (a headless one serving RESP) turns them
    /// off, so its writes do not copy every key they touch into an event.
    pub fn record_events(&mut self, on: bool) {
        self.record_events = on;
        if !on {
            self.events = Vec::new();
        }
    }

    /// Keeps the event `make` builds, if events are recorded.
    pub(crate) fn emit(&mut self, make: impl FnOnce() -> Event) {
        if self.record_events {
            self.events.push(make());
        }
    }

    /// The keys of database `db` with their type names, sorted, skipping keys
    /// whose TTL has passed at `now_ms` (for the keyspace view).
    pub fn keys(&self, db: usize, now_ms: u64) -> Vec<(Vec<u8>, &'static str)> {
        let mut keys = self.dbs.get(db).map_or_else(Vec::new, |d| {
            d.entries
                .iter()
                .filter(|(_, e)| e.expire_at.is_none_or(|at| at > now_ms))
                .map(|(k, e)| (k.to_vec(), e.value.type_name()))
                .collect::<Vec<_>>()
        });
        keys.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        keys
    }

    /// How many keys all databases hold, as INFO's keyspace section counts them (keys
    /// past their TTL count until expiry removes them): cheap enough for every chart tick.
    pub fn key_count(&self) -> usize {
        self.dbs.iter().map(|db| db.entries.len()).sum()
    }

    /// How many clients are connected (INFO's `connected_clients`).
    pub fn connected_clients(&self) -> usize {
        self.clients.len()
    }

    /// The value under `key` in database `db` at `now_ms`, without touching
    /// it (for the keyspace view, which must not change idle times or expire keys).
    pub fn value(&self, db: usize, key: &[u8], now_ms: u64) -> Option<&Value> {
        let entry = self.dbs.get(db)?.entries.get(key)?;
        entry
            .expire_at
            .is_none_or(|at| at > now_ms)
            .then_some(&entry.value)
    }

    /// When `key` in database `db` expires, in virtual milliseconds, if it has a TTL.
    pub fn expire_at(&self, db: usize, key: &[u8]) -> Option<u64> {
        self.dbs.get(db)?.entries.get(key)?.expire_at
    }

    /// Runs one command for `client` at virtual time `now_ms` and returns its reply.
    ///
    /// This is `processCommand`: find the command, check its arity, enforce the
    /// pub/sub context, queue it inside MULTI, and only then run it. A command
    /// that blocks (or arrives while its client is blocked) answers an empty
    /// [`Reply::Frames`]; its reply arrives later on [`Server::connection`].
    pub fn execute(&mut self, client: ClientId, argv: Vec<Vec<u8>>, now_ms: u64) -> Reply {
        self.execute_args(client, &argv, now_ms)
    }

    /// [`Server::execute`] on borrowed arguments, for callers that keep their
    /// argument buffers between commands (a connection parsing RESP does); the
    /// arguments are copied only when the command is queued or held.
    pub fn execute_args(&mut self, client: ClientId, argv: &[Vec<u8>], now_ms: u64) -> Reply {
        if !self.clients.contains_key(&client) {
            return Reply::error("ERR unknown client");
        }
        self.now_ms = self.now_ms.max(now_ms);
        self.started_ms.get_or_insert(self.now_ms);
        self.time_out_blocked(self.now_ms);
        // The client's state, read once: nothing below changes it before the command runs.
        let (blocked, subscribed, queueing, last) =
            self.clients
                .get(&client)
                .map_or((false, false, false, None), |c| {
                    (
                        c.blocked.is_some(),
                        c.subscribed(),
                        c.multi.is_some(),
                        c.last_command,
                    )
                });
        if blocked && self.hold_if_blocked(client, argv) {
            return Reply::Frames(Vec::new());
        }
        // A subcommand's name (`config|get`) never equals a first argument.
        let repeated = last.filter(|c| {
            argv.first()
                .is_some_and(|name| name.eq_ignore_ascii_case(c.name.as_bytes()))
        });
        let command = match repeated.map_or_else(|| commands::lookup(argv), Lookup::Found) {
            Lookup::Found(command) => command,
            Lookup::Rejected(error) => return self.reject(client, error),
        };
        if let Some(error) = arity_error(command, argv.len()) {
            return self.reject(client, error);
        }
        if self.out_of_memory(client, command.name) {
            return self.reject(client, crate::evict::OOM.to_string());
        }
        if subscribed && !command.flags.contains(Flags::PUBSUB_CONTEXT) {
            return self.reject(
                client,
                format!(
                    "ERR Can't execute '{}': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context",
                    command.name
                ),
            );
        }
        if queueing && !command.flags.contains(Flags::TRANSACTION_CONTROL) {
            if let Some(multi) = self.clients.get_mut(&client).and_then(|c| c.multi.as_mut()) {
                multi.queue.push(argv.to_vec());
            }
            return Reply::Status("QUEUED".into());
        }
        let reply = self.call(client, command, argv);
        // A push may have given a blocked client what it waits for.
        self.serve_blocked();
        reply
    }

    /// Runs a command that passed the checks (EXEC calls this for each queued command).
    pub(crate) fn call(
        &mut self,
        client: ClientId,
        command: &'static Command,
        argv: &[Vec<u8>],
    ) -> Reply {
        self.stats.commands += 1;
        let now = self.now_ms;
        if let Some(c) = self.clients.get_mut(&client) {
            c.last_command_ms = now;
            c.last_command = Some(command);
        }
        self.current_event = if self.config.notify_flags() == 0 {
            None
        } else {
            crate::notify::default_event(command.name)
        };
        let reply = (command.handler)(self, client, argv).unwrap_or_else(|error| error);
        if reply.is_error() {
            self.stats.error_replies += 1;
        }
        reply
    }

    /// A command refused before running: inside MULTI this also dooms the
    /// transaction to EXECABORT.
    fn reject(&mut self, client: ClientId, error: String) -> Reply {
        if let Some(multi) = self.clients.get_mut(&client).and_then(|c| c.multi.as_mut()) {
            multi.aborted = true;
        }
        self.stats.error_replies += 1;
        Reply::Error(sanitize_error(error))
    }
}

/// The table's arity rule: positive means exactly, negative means at least.
fn arity_error(command: &Command, argc: usize) -> Option<String> {
    let argc = i64::try_from(argc).unwrap_or(i64::MAX);
    let arity = i64::from(command.arity);
    let wrong = if arity >= 0 {
        argc != arity
    } else {
        argc < -arity
    };
    wrong.then(|| {
        format!(
            "ERR wrong number of arguments for '{}' command",
            command.name
        )
    })
}

/// Error replies are single lines: Redis turns CR and LF into spaces.
fn sanitize_error(error: String) -> String {
    error.replace(['\r', '\n'], " ")
}
