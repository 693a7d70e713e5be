//! The Redis page's state: one redis-server and the redis-cli consoles connected to it
//! (the page's main console is client 1; up to three more open beside it), held by one
//! reducer so that a line typed in one console can print in another (a message to a
//! subscriber, the reply a blocked pop finally got).

use std::cell::RefCell;
use std::rc::Rc;

use scenario::redis_sim::{Event as RedisEvent, Server as RedisServer, Stats};
use scenario::{
    ClientState, ConsoleSession, Interrupted, PythonRedisSession, RESTARTED, RedisCliSession,
    SharedRedis,
};
use yew::prelude::*;

use super::key_index::KeyIndex;
use crate::components::console::{Entry, Transcript};
use crate::scenario_link::PYTHON_PREFIX;
use crate::session::{TypedLines, virtual_now_ms};

/// How many redis-cli consoles the page opens at most: enough for a publisher and
/// subscribers, few enough to sit side by side.
pub const MAX_CLIENTS: usize = 4;

/// The main console's number.
pub const MAIN: usize = 1;

/// One line of a scenario, typed into the console of client `client`.
#[derive(Debug, PartialEq)]
pub struct Step {
    /// The console's number, 1 to [`MAX_CLIENTS`]; missing consoles are opened.
    pub client: usize,
    /// The line typed.
    pub line: &'static str,
}

/// What the learner (or the page's clock) does to the world.
pub enum WorldAction {
    /// Run one line in a console.
    Run { client: usize, line: String },
    /// Run several lines in one console, as an example does.
    RunAll {
        client: usize,
        lines: &'static [&'static str],
    },
    /// Run a scenario's lines across consoles, opening the ones it needs.
    Script(&'static [Step]),
    /// Run lines in the Python console, as typed or from an example.
    RunPython(Vec<String>),
    /// Clear the Python console's transcript.
    ClearPython,
    /// Clear a console's transcript.
    Clear(usize),
    /// Ctrl-C in a console whose redis-cli reads messages after SUBSCRIBE.
    Interrupt(usize),
    /// Open another console, as a new client of the same server.
    Open,
    /// Close a console other than the main one; its connection closes.
    Close(usize),
    /// Virtual time passed with nobody typing: keys expire, waits time out.
    Tick(u64),
    /// Start batching the main console's next lines into a pipeline, or stop and drop it.
    Batch(bool),
    /// Send the batched lines in one write, wrapped in MULTI/EXEC if asked.
    SendPipeline { multi: bool },
    /// Run `requests` requests through a pool of `size` connections.
    RunPool { size: usize, requests: usize },
}

/// The lines batched for the next pipeline, and what the last one sent.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Pipeline {
    /// Lines held back while batching; `None` when not batching.
    pub batched: Option<Vec<String>>,
    /// How many commands the last pipeline sent (MULTI and EXEC included).
    pub last_sent: Option<usize>,
}

/// One request of a pool run: which connection it borrowed, in which round trip, and
/// what the server answered.
#[derive(Clone, Debug, PartialEq)]
pub struct PoolRequest {
    /// CLIENT ID of the connection borrowed.
    pub connection: u64,
    /// The round trip it ran in (0 first): a request waits while every connection is out.
    pub round: usize,
    /// The reply, as redis-cli prints it.
    pub reply: String,
}

/// One redis-cli console: its session and what it shows.
#[derive(Clone)]
pub struct ClientConsole {
    /// Its number on the page (client 1 is the main console).
    pub number: usize,
    session: Rc<RefCell<RedisCliSession>>,
    /// The prompt for its next line.
    pub prompt: AttrValue,
    /// What it printed so far.
    pub transcript: Rc<Transcript>,
    /// What its connection is doing.
    pub state: ClientState,
}

impl ClientConsole {
    fn open(number: usize, session: RedisCliSession) -> Self {
        let mut console = ClientConsole {
            number,
            session: Rc::new(RefCell::new(session)),
            prompt: AttrValue::default(),
            transcript: Rc::default(),
            state: ClientState::default(),
        };
        console.refresh();
        console
    }

    /// Reads the prompt and the connection's state again after the server changed.
    fn refresh(&mut self) {
        let session = self.session.borrow();
        self.prompt = session.prompt().into();
        self.state = session.state();
    }

    /// The console's hint and Tab completion, from its redis-cli.
    pub fn typing_aids(
        &self,
    ) -> (
        Callback<String, Option<String>>,
        Callback<String, Vec<String>>,
    ) {
        let session = Rc::clone(&self.session);
        let hint = Callback::from(move |input: String| session.borrow().hint(&input));
        let session = Rc::clone(&self.session);
        let complete = Callback::from(move |input: String| session.borrow().complete(&input));
        (hint, complete)
    }

    fn run(&mut self, line: &str, now_ms: u64) {
        let output = self.session.borrow_mut().run_line(line, now_ms);
        self.transcript = transcribed(&self.transcript, &self.prompt, line, output);
    }

    /// Shows a line held back for a pipeline: it prints with its reply once sent.
    fn note(&mut self, line: &str) {
        let mut transcript = Transcript::clone(&self.transcript);
        transcript.push(Entry {
            prompt: self.prompt.clone(),
            input: AttrValue::from(line.to_owned()),
            output: "(held for the pipeline; sent with the others)\n".into(),
        });
        self.transcript = Rc::new(transcript);
    }

    /// Ctrl-C: a redis-cli reading messages drops its connection for a new one and
    /// shows its prompt again; one waiting for a blocked command's reply exits and is
    /// started again. The console says which client it now is.
    fn interrupt(&mut self, now_ms: u64) {
        let Some(interrupted) = self.session.borrow_mut().interrupt(now_ms) else {
            return;
        };
        let id = self.session.borrow().client().0;
        // The terminal echoes ^C; redis-cli then prints how long the command ran, or exits.
        let text = match interrupted {
            Interrupted::Reconnected { ran } => {
                let ran = if ran.is_empty() { "\n".to_owned() } else { ran };
                format!(
                    "^C{ran}(redis-cli closed that connection and opened a new one: client id {id})\n"
                )
            }
            Interrupted::Exited => format!("^C\n{RESTARTED}"),
        };
        let mut transcript = Transcript::clone(&self.transcript);
        transcript.append_output(&text);
        self.transcript = Rc::new(transcript);
    }

    /// Prints what arrived for this console without being typed for.
    fn print_pushed(&mut self, now_ms: u64) {
        let pushed = self.session.borrow_mut().take_pushed(now_ms);
        if !pushed.is_empty() {
            let mut transcript = Transcript::clone(&self.transcript);
            transcript.append_output(&pushed);
            self.transcript = Rc::new(transcript);
        }
    }
}

impl PartialEq for ClientConsole {
    fn eq(&self, other: &Self) -> bool {
        self.number == other.number
            && Rc::ptr_eq(&self.transcript, &other.transcript)
            && self.prompt == other.prompt
            && self.state == other.state
    }
}

/// `transcript` with one more entry: `line` typed at `prompt`, and what it printed.
fn transcribed(
    transcript: &Transcript,
    prompt: &AttrValue,
    line: &str,
    output: String,
) -> Rc<Transcript> {
    let mut transcript = transcript.clone();
    transcript.push(Entry {
        prompt: prompt.clone(),
        input: AttrValue::from(line.to_owned()),
        output: output.into(),
    });
    Rc::new(transcript)
}

/// The lesson's other client: redis-py typed into `python3`, a client of the same server
/// at 127.0.0.1:6379 or at the lesson's address (clients of other addresses get servers
/// of their own).
#[derive(Clone)]
pub struct PythonConsole {
    session: Rc<RefCell<PythonRedisSession>>,
    /// The prompt for its next line.
    pub prompt: AttrValue,
    /// What it printed so far.
    pub transcript: Rc<Transcript>,
}

/// Where the page's server listens, for a redis-py client.
pub const PAGE_SERVER: &str = "127.0.0.1:6379";

/// The lesson's server, as its redis-py code names it. The page's server answers there
/// too, as a server bound to every interface does: redis-cli reaches it on the loopback
/// address from its own machine, the lesson's Python from another one. So lines pasted
/// from the lesson change the keyspace the page draws.
pub const LESSON_SERVER: &str = "10.211.55.4:6379";

impl PythonConsole {
    fn open(seed: u64, shared: &SharedRedis) -> Self {
        let mut session = PythonRedisSession::new(seed);
        session.attach(PAGE_SERVER, shared.clone());
        session.attach(LESSON_SERVER, shared.clone());
        PythonConsole {
            prompt: session.prompt().into(),
            session: Rc::new(RefCell::new(session)),
            transcript: Rc::default(),
        }
    }

    fn run(&mut self, line: &str, now_ms: u64) {
        let output = self.session.borrow_mut().run_line(line, now_ms);
        self.transcript = transcribed(&self.transcript, &self.prompt, line, output);
        self.prompt = self.session.borrow().prompt().into();
    }
}

/// The server and its consoles. Replaced, not edited, on every action.
pub struct World {
    shared: SharedRedis,
    clients: Vec<ClientConsole>,
    /// The main console's pipeline.
    pipeline: Pipeline,
    /// The pool's connections: clients of the server that no console shows.
    pool: Rc<RefCell<Vec<RedisCliSession>>>,
    /// The requests of the latest pool run.
    pool_run: Rc<[PoolRequest]>,
    /// The keys of the database the main console has selected, followed line by line for
    /// the keyspace view.
    keyspace: Rc<RefCell<KeyIndex>>,
    /// The virtual time of the latest action.
    now_ms: u64,
    /// The redis-py console.
    python: PythonConsole,
    /// Every line the consoles ran, as a scenario link writes them ([`link_line`]).
    typed: TypedLines,
}

/// The console a line was typed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Typed {
    /// A redis-cli console, by number.
    Cli(usize),
    /// The redis-py console.
    Python,
}

/// A console's line as a scenario link holds it: the main console's as typed, another
/// console's after `@N ` (`@2 SUBSCRIBE news`), the Python console's after `@py `. A main
/// line that itself starts with `@` is written `@1 ...`, so every line reads back to the
/// console that ran it.
pub fn link_line(console: Typed, line: &str) -> String {
    match console {
        Typed::Cli(MAIN) if !line.starts_with('@') => line.to_owned(),
        Typed::Cli(number) => format!("@{number} {line}"),
        Typed::Python => format!("{PYTHON_PREFIX}{line}"),
    }
}

/// The console and line of a scenario link's line (see [`link_line`]).
pub fn console_of(link_line: &str) -> (Typed, &str) {
    if let Some(line) = link_line.strip_prefix(PYTHON_PREFIX) {
        return (Typed::Python, line);
    }
    link_line
        .strip_prefix('@')
        .and_then(|rest| rest.split_once(' '))
        .and_then(|(number, line)| {
            let number = number.parse().ok()?;
            (1..=MAX_CLIENTS)
                .contains(&number)
                .then_some((Typed::Cli(number), line))
        })
        .unwrap_or((Typed::Cli(MAIN), link_line))
}

impl World {
    /// A fresh server with the main console connected.
    pub fn new(seed: u64) -> Self {
        let session = RedisCliSession::new(seed);
        let shared = session.shared().clone();
        let python = PythonConsole::open(seed, &shared);
        let now_ms = virtual_now_ms();
        shared.advance(now_ms);
        let world = World {
            shared,
            clients: vec![ClientConsole::open(MAIN, session)],
            pipeline: Pipeline::default(),
            pool: Rc::default(),
            pool_run: Rc::from([]),
            keyspace: Rc::default(),
            now_ms,
            python,
            typed: TypedLines::default(),
        };
        world.follow_keyspace(now_ms);
        world
    }

    /// The redis-py console.
    pub fn python(&self) -> &PythonConsole {
        &self.python
    }

    /// Every line the consoles ran, for the Share link.
    pub fn typed(&self) -> TypedLines {
        self.typed.clone()
    }

    /// The server every console is connected to.
    pub fn shared(&self) -> &SharedRedis {
        &self.shared
    }

    /// The consoles, main first.
    pub fn clients(&self) -> &[ClientConsole] {
        &self.clients
    }

    /// The main console.
    pub fn main(&self) -> &ClientConsole {
        &self.clients[0]
    }

    /// The main console's session, for the views that follow its database.
    pub fn main_session(&self) -> std::cell::Ref<'_, RedisCliSession> {
        self.clients[0].session.borrow()
    }

    /// The main console's pipeline.
    pub fn pipeline(&self) -> &Pipeline {
        &self.pipeline
    }

    /// The requests of the latest pool run, in order.
    pub fn pool_run(&self) -> Rc<[PoolRequest]> {
        Rc::clone(&self.pool_run)
    }

    /// The keys of the database the main console has selected.
    pub fn keyspace(&self) -> &Rc<RefCell<KeyIndex>> {
        &self.keyspace
    }

    /// The virtual time of the latest action.
    pub fn now_ms(&self) -> u64 {
        self.now_ms
    }

    fn console(&mut self, number: usize) -> Option<&mut ClientConsole> {
        self.clients.iter_mut().find(|c| c.number == number)
    }

    /// Opens the lowest free console number; none past [`MAX_CLIENTS`].
    fn open(&mut self) -> Option<usize> {
        let number = (1..=MAX_CLIENTS).find(|n| !self.clients.iter().any(|c| c.number == *n))?;
        let session = RedisCliSession::connect(&self.shared);
        let at = self.clients.partition_point(|c| c.number < number);
        self.clients
            .insert(at, ClientConsole::open(number, session));
        Some(number)
    }

    fn close(&mut self, number: usize) {
        if number == MAIN {
            return;
        }
        if let Some(at) = self.clients.iter().position(|c| c.number == number) {
            // The previous state shares the session until the page redraws, so the
            // connection is closed now rather than when the last handle goes.
            self.clients.remove(at).session.borrow().close();
        }
    }

    fn run(&mut self, number: usize, line: &str, now_ms: u64) {
        while self.console(number).is_none() && number <= MAX_CLIENTS {
            if self.open().is_none() {
                return;
            }
        }
        // redis-cli's own `clear` wipes its screen; the server never sees it, and the state
        // it made does not change, so a link leaves it out.
        if line.trim().eq_ignore_ascii_case("clear") {
            if let Some(console) = self.console(number) {
                console.transcript = Rc::default();
            }
            return;
        }
        self.typed.push(link_line(Typed::Cli(number), line));
        if let Some(console) = self.console(number) {
            // A redis-cli reading messages or waiting for a reply takes no line: a
            // scenario or an example typed there presses Ctrl-C first, as a learner would.
            if console.state.reading_messages || console.state.awaiting_reply {
                console.interrupt(now_ms);
            }
            console.run(line, now_ms);
        }
        self.follow_keyspace(now_ms);
        self.settle(now_ms);
    }

    /// Brings the keyspace's index up to date with the latest line's (or the clock's)
    /// changes, in the database the main console now has selected.
    fn follow_keyspace(&self, now_ms: u64) {
        self.update_keyspace(now_ms, KeyIndex::follow);
    }

    /// Follows what clients outside the page's consoles did since the last line.
    fn catch_up_keyspace(&self, now_ms: u64) {
        self.update_keyspace(now_ms, KeyIndex::catch_up);
    }

    /// Brings the keyspace view's index up to the server's latest line with `how`.
    fn update_keyspace(
        &self,
        now_ms: u64,
        how: fn(&mut KeyIndex, &RedisServer, usize, &[RedisEvent], u64, u64),
    ) {
        let db = self.main_session().selected_db();
        let server = self.shared.server();
        let events = self.shared.last_events();
        let line = self.shared.lines_run();
        how(
            &mut self.keyspace.borrow_mut(),
            &server,
            db,
            &events,
            line,
            now_ms,
        );
    }

    fn run_python(&mut self, line: &str, now_ms: u64) {
        self.typed.push(link_line(Typed::Python, line));
        self.python.run(line, now_ms);
        self.follow_keyspace(now_ms);
        self.settle(now_ms);
    }

    /// Runs `requests` INCRs through a pool of `size` connections: request i borrows
    /// connection i mod size, in round trip i div size, and gives it back.
    fn run_pool(&mut self, size: usize, requests: usize, now_ms: u64) {
        let size = size.clamp(1, MAX_CLIENTS);
        let mut pool = self.pool.borrow_mut();
        while pool.len() > size {
            if let Some(connection) = pool.pop() {
                connection.close();
            }
        }
        while pool.len() < size {
            pool.push(RedisCliSession::connect(&self.shared));
        }
        let run: Vec<PoolRequest> = (0..requests)
            .map(|i| {
                let connection = &mut pool[i % size];
                let request = PoolRequest {
                    connection: connection.client().0,
                    round: i / size,
                    reply: connection.run_line("INCR pool:requests", now_ms),
                };
                self.follow_keyspace(now_ms);
                request
            })
            .collect();
        drop(pool);
        self.pool_run = run.into();
        self.settle(now_ms);
    }

    /// After the server changed: every console prints what reached it and reads its
    /// prompt and state again.
    fn settle(&mut self, now_ms: u64) {
        for console in &mut self.clients {
            console.print_pushed(now_ms);
            console.refresh();
        }
    }
}

impl Reducible for World {
    type Action = WorldAction;

    fn reduce(self: Rc<Self>, action: WorldAction) -> Rc<Self> {
        let mut world = World {
            shared: self.shared.clone(),
            clients: self.clients.clone(),
            pipeline: self.pipeline.clone(),
            pool: Rc::clone(&self.pool),
            pool_run: Rc::clone(&self.pool_run),
            keyspace: Rc::clone(&self.keyspace),
            now_ms: self.now_ms,
            python: self.python.clone(),
            typed: self.typed.clone(),
        };
        let now_ms = virtual_now_ms().max(self.now_ms);
        match action {
            WorldAction::Run { client, line } => {
                if client == MAIN && world.pipeline.batched.is_some() {
                    // Held back, as a client library holds a pipeline's commands.
                    if let Some(console) = world.console(MAIN) {
                        console.note(&line);
                    }
                    world.pipeline.batched.get_or_insert_default().push(line);
                } else {
                    world.run(client, &line, now_ms);
                }
            }
            WorldAction::Batch(on) => {
                world.pipeline.batched = on.then(Vec::new);
            }
            WorldAction::SendPipeline { multi } => {
                let batched = world.pipeline.batched.take().unwrap_or_default();
                let mut lines: Vec<&str> = batched.iter().map(String::as_str).collect();
                if multi {
                    lines.insert(0, "MULTI");
                    lines.push("EXEC");
                }
                for line in &lines {
                    world.run(MAIN, line, now_ms);
                }
                world.pipeline.last_sent = Some(lines.len());
            }
            WorldAction::RunPool { size, requests } => world.run_pool(size, requests, now_ms),
            WorldAction::RunAll { client, lines } => {
                for line in lines {
                    world.run(client, line, now_ms);
                }
            }
            WorldAction::Script(steps) => {
                for step in steps {
                    world.run(step.client, step.line, now_ms);
                }
            }
            WorldAction::RunPython(lines) => {
                for line in &lines {
                    world.run_python(line, now_ms);
                }
            }
            WorldAction::ClearPython => world.python.transcript = Rc::default(),
            WorldAction::Clear(number) => {
                if let Some(console) = world.console(number) {
                    console.transcript = Rc::default();
                }
            }
            WorldAction::Interrupt(number) => {
                if let Some(console) = world.console(number) {
                    console.interrupt(now_ms);
                }
                world.follow_keyspace(now_ms);
                world.settle(now_ms);
            }
            WorldAction::Open => {
                world.open();
            }
            WorldAction::Close(number) => {
                world.close(number);
                world.settle(now_ms);
            }
            WorldAction::Tick(at_ms) => {
                let at_ms = at_ms.max(self.now_ms);
                let removed = |stats: Stats| (stats.expired_keys, stats.evicted_keys);
                let before = removed(world.shared.server().stats());
                world.shared.advance(at_ms);
                // The latest events are the clock's only if it removed keys; otherwise they
                // are a line's, already followed.
                if removed(world.shared.server().stats()) != before {
                    world.follow_keyspace(at_ms);
                } else {
                    // The editor's programs run commands between the page's lines.
                    world.catch_up_keyspace(at_ms);
                }
                world.settle(at_ms);
                world.now_ms = at_ms;
                return Rc::new(world);
            }
        }
        world.now_ms = now_ms;
        Rc::new(world)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_lines_read_back_to_the_console_that_ran_them() {
        for (console, line) in [
            (Typed::Cli(MAIN), "SET greeting hello"),
            (Typed::Cli(2), "SUBSCRIBE news"),
            (
                Typed::Cli(MAIN),
                "@2 is how a main line starting with @ looks",
            ),
            (Typed::Cli(4), "@"),
            (Typed::Cli(MAIN), ""),
            (Typed::Python, "r.set('foo', 'Bar')"),
            (Typed::Cli(MAIN), "@py PING"),
        ] {
            assert_eq!(console_of(&link_line(console, line)), (console, line));
        }
        assert_eq!(link_line(Typed::Cli(MAIN), "PING"), "PING");
        assert_eq!(link_line(Typed::Cli(3), "PING"), "@3 PING");
    }

    #[test]
    fn hand_written_prefixes_outside_the_consoles_stay_main_lines() {
        for line in ["@9 PING", "@x PING", "@2", "@py", "@pyPING"] {
            assert_eq!(console_of(line), (Typed::Cli(MAIN), line));
        }
    }
}
