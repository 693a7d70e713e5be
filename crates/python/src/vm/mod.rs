//! The virtual machine: processes and their green threads in one world, one virtual
//! clock, and a deterministic scheduler.
//!
//! A world runs any number of processes (programs). Each process has threads; each
//! thread a stack of frames. The scheduler runs one runnable thread at a time for a
//! slice of instructions, round-robin in thread order, so the same programs and seed
//! give the same interleaving everywhere. Running code costs virtual time (a fixed
//! cost per instruction), and when every thread waits the clock jumps to the earliest
//! deadline. A blocking call (`queue.get`, `time.sleep`, `Lock.acquire`) never holds
//! the host: it parks its thread and is retried when the thread is woken.

pub mod attr;
pub mod call;
pub mod eval;
pub mod exceptions;
pub mod frame;
pub mod import;
pub mod inspect;
pub mod int;
pub mod iter;
pub mod native;
pub mod ops;
pub mod repr;
pub mod types;

use std::collections::HashMap;
use std::rc::Rc;

use crate::compile::{self, Mode};
use crate::syntax;
use crate::text::random::Random;
use crate::value::{Module, Value};
use frame::{Frame, OnReturn};
use native::{Signal, Wait};
use types::Types;

/// Virtual nanoseconds one bytecode instruction costs: about what CPython 3.11 spends on
/// a simple one, so a program's `time.time()` moves as a learner expects.
pub const NANOS_PER_INSTRUCTION: u64 = 20;
/// Instructions a thread runs before the scheduler moves to the next one: CPython's
/// switch interval of 5 ms at [`NANOS_PER_INSTRUCTION`], so programs interleave as
/// coarsely as they do under python3 (a thread rarely loses its turn mid-statement).
const SLICE: u64 = 250_000;
/// CPython's default recursion limit.
pub const RECURSION_LIMIT: usize = 1_000;
/// How deep Rust code may call back into Python (a `__repr__` calling `repr`…): each
/// level holds about 6.5 KB of the host's stack in a release build (45 KB unoptimised),
/// and a browser gives wasm 1 MB.
pub const NESTED_LIMIT: usize = 64;

/// Where a process reads the learner's files: its program and the modules it imports.
pub trait Files {
    /// The text of the file at `path` (relative to the process's folder), if it exists.
    fn read(&self, path: &str) -> Option<String>;
    /// The folder, absolute, as tracebacks print file names.
    fn folder(&self) -> String;
}

/// A folder with no files in it, at the path it holds: `import` finds only the
/// standard modules and what providers offer (the consoles' prompt, benchmarks, tests).
pub struct EmptyFolder(pub &'static str);

impl Files for EmptyFolder {
    fn read(&self, _path: &str) -> Option<String> {
        None
    }

    fn folder(&self) -> String {
        self.0.to_owned()
    }
}

/// Which stream a piece of output went to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

/// A running program.
pub struct Process {
    pub argv: Vec<String>,
    pub files: Rc<dyn Files>,
    /// What it printed, in order, not yet taken by the host.
    pub output: Vec<(Stream, String)>,
    /// `sys.modules`
    pub modules: HashMap<Rc<str>, Value>,
    pub stdin: String,
    pub stdin_pos: usize,
    /// More input may come (a page's input pane): `input()` then waits for it instead
    /// of raising EOFError.
    pub stdin_open: bool,
    /// Set once the process has ended.
    pub exit_code: Option<i32>,
    /// Its main thread's index.
    pub main_thread: usize,
    /// The main thread has finished: the process ends when its other non-daemon
    /// threads have.
    pub main_done: bool,
    /// Its `random` module's generator, seeded from the world's seed.
    pub random: Random,
    /// Warnings already shown, as Python's `__warningregistry__` shows each once.
    pub warned: Vec<String>,
    /// Numbers the next `Thread-N` default name.
    pub thread_counter: u64,
    /// Its `__main__` module.
    pub main: Rc<Module>,
    /// python3's `>>>` prompt: each statement runs in a main thread of its own, and
    /// the process lives on after it (until `exit()`).
    pub interactive: bool,
}

/// What a thread is doing.
#[derive(Clone, Debug, PartialEq)]
pub enum ThreadState {
    Runnable,
    Blocked(Wait),
    Finished,
}

/// A green thread.
pub struct Thread {
    pub process: usize,
    pub frames: Vec<Frame>,
    pub state: ThreadState,
    /// The exceptions being handled (innermost last): what bare `raise` re-raises and
    /// what new exceptions chain to.
    pub handling: Vec<Value>,
    /// The deadline of the blocking call being retried, so a retry keeps the first
    /// call's timeout.
    pub deadline: Option<u64>,
    /// The retried call's deadline has passed.
    pub timed_out: bool,
    /// The instruction about to run is a blocked call being retried (so a call with a
    /// side effect before it blocks, as `input`'s prompt, does it once).
    pub retry: bool,
    pub name: Rc<str>,
    /// Its `threading.Thread` object, if it has one.
    pub object: Option<Value>,
    pub daemon: bool,
    pub ident: u64,
    /// An exception to raise at the next instruction (Stop raises KeyboardInterrupt).
    pub interrupt: Option<Value>,
}

/// What [`Vm::run`] stopped on.
#[derive(Clone, Debug, PartialEq)]
pub enum Run {
    /// The budget ran out; more can run at once.
    Busy,
    /// Every thread waits: the earliest deadline, if any (the host advances the clock).
    Waiting(Option<u64>),
    /// Every process has ended.
    Done,
}

/// The world: processes, threads, the clock.
pub struct Vm {
    pub types: Types,
    pub builtins: Rc<Module>,
    /// Virtual nanoseconds since the Unix epoch.
    pub now_ns: u64,
    pub threads: Vec<Thread>,
    /// The thread running now.
    pub current: usize,
    pub processes: Vec<Process>,
    seed: u64,
    next_ident: u64,
    /// The source of every file compiled, for the lines tracebacks show.
    pub sources: HashMap<Rc<str>, Rc<str>>,
    /// How many calls from Rust code into Python are running, one inside another.
    pub nested: usize,
    /// Modules that crates outside this one provide (a client library over their
    /// server), asked in order after the standard ones.
    pub providers: Vec<ModuleProvider>,
    /// The methods of the builtin types looked up so far, by the kind of value and the
    /// name's address in a code object's names (the entry keeps that name alive, so
    /// the address stays its own): `lst.append(x)` in a loop looks up once.
    pub method_cache: rustc_hash::FxHashMap<(u8, usize), (Rc<str>, Option<Value>)>,
}

/// Makes the module of a given name for the running process, or declines with None:
/// how a client library (redis-py over the page's Redis, pika over its broker) plugs in.
pub type ModuleProvider = Rc<dyn Fn(&mut Vm, &str) -> Option<Value>>;

impl Vm {
    /// A world whose clock starts at `now_ns` and whose randomness comes from `seed`.
    pub fn new(now_ns: u64, seed: u64) -> Vm {
        let types = Types::new();
        let builtins = Rc::new(Module::new("builtins"));
        let mut vm = Vm {
            types,
            builtins,
            now_ns,
            threads: Vec::new(),
            current: 0,
            processes: Vec::new(),
            seed,
            next_ident: 140_000_000_000_000,
            sources: HashMap::new(),
            nested: 0,
            providers: Vec::new(),
            method_cache: Default::default(),
        };
        crate::builtins::install(&mut vm);
        vm
    }

    /// Starts `source` as a new process, `python3 argv[0] argv[1..]` run in `files`'s
    /// folder. A syntax error is printed as python3 prints it and ends the process with
    /// status 1 before anything runs.
    pub fn spawn(
        &mut self,
        source: &str,
        argv: Vec<String>,
        files: Rc<dyn Files>,
        stdin: String,
    ) -> usize {
        let path = absolute(&files.folder(), &argv[0]);
        let pid = self.new_process(argv, files, stdin, false);
        let main = self.processes[pid].main.clone();
        main.set("__file__", Value::str(&path));
        self.sources
            .insert(Rc::from(path.as_str()), Rc::from(source));
        match compile_source(source, &path, Mode::File) {
            Ok(code) => self.start_main_thread(pid, code),
            Err(report) => {
                self.processes[pid].output.push((Stream::Stderr, report));
                self.processes[pid].main_done = true;
                self.processes[pid].exit_code = Some(1);
            }
        }
        pid
    }

    /// Starts python3's interactive prompt as a process: nothing runs until
    /// [`Vm::exec_interactive`] gives it a statement.
    pub fn spawn_interactive(&mut self, files: Rc<dyn Files>) -> usize {
        self.new_process(vec![String::new()], files, String::new(), true)
    }

    /// Runs one input of the interactive prompt (what `parse_interactive` accepted) in
    /// its own main thread; a syntax error is printed as the prompt prints it.
    pub fn exec_interactive(&mut self, pid: usize, source: &str) {
        match compile_source(source, "<stdin>", Mode::Interactive) {
            Ok(code) => self.start_main_thread(pid, code),
            Err(report) => self.processes[pid].output.push((Stream::Stderr, report)),
        }
    }

    /// Whether the interactive prompt's last input is still running.
    pub fn interactive_busy(&self, pid: usize) -> bool {
        let main = self.processes[pid].main_thread;
        self.threads
            .get(main)
            .is_some_and(|t| t.process == pid && t.state != ThreadState::Finished)
    }

    fn new_process(
        &mut self,
        argv: Vec<String>,
        files: Rc<dyn Files>,
        stdin: String,
        interactive: bool,
    ) -> usize {
        let pid = self.processes.len();
        let seed = self.seed.wrapping_add(pid as u64);
        let main = Rc::new(Module::new("__main__"));
        main.set("__builtins__", Value::Module(self.builtins.clone()));
        self.processes.push(Process {
            argv,
            files,
            output: Vec::new(),
            modules: HashMap::new(),
            stdin,
            stdin_pos: 0,
            stdin_open: false,
            exit_code: None,
            main_thread: usize::MAX,
            main_done: false,
            random: Random::from_seed_u64(seed),
            warned: Vec::new(),
            thread_counter: 0,
            main: main.clone(),
            interactive,
        });
        self.processes[pid]
            .modules
            .insert(Rc::from("__main__"), Value::Module(main));
        pid
    }

    /// Runs `code` in the process's `__main__` as its main thread.
    fn start_main_thread(&mut self, pid: usize, code: Rc<compile::Code>) {
        let mut frame = Frame::new(code, self.processes[pid].main.clone());
        frame.on_return = OnReturn::ThreadEnd;
        let ident = self.new_ident();
        self.threads.push(Thread {
            process: pid,
            frames: vec![frame],
            state: ThreadState::Runnable,
            handling: Vec::new(),
            deadline: None,
            timed_out: false,
            retry: false,
            name: Rc::from("MainThread"),
            object: None,
            daemon: false,
            ident,
            interrupt: None,
        });
        self.processes[pid].main_thread = self.threads.len() - 1;
    }

    fn new_ident(&mut self) -> u64 {
        self.next_ident += 4096 * 7;
        self.next_ident
    }

    /// Adds a thread to the current process that will call `callable(*args)`.
    pub fn start_thread(
        &mut self,
        callable: Value,
        args: native::Args,
        name: Rc<str>,
        daemon: bool,
        object: Option<Value>,
    ) -> u64 {
        let process = self.threads[self.current].process;
        let ident = self.new_ident();
        let globals = self.threads[self.current]
            .frames
            .last()
            .map(|f| f.globals.clone())
            .unwrap_or_else(|| Rc::new(Module::new("__main__")));
        let frame = eval::bootstrap_frame(callable, args, globals);
        self.threads.push(Thread {
            process,
            frames: vec![frame],
            state: ThreadState::Runnable,
            handling: Vec::new(),
            deadline: None,
            timed_out: false,
            retry: false,
            name,
            object,
            daemon,
            ident,
            interrupt: None,
        });
        ident
    }

    /// The process of the running thread.
    pub fn process(&mut self) -> &mut Process {
        let pid = self.threads[self.current].process;
        &mut self.processes[pid]
    }

    pub fn thread(&mut self) -> &mut Thread {
        &mut self.threads[self.current]
    }

    /// Writes to the running process's stdout or stderr.
    pub fn write(&mut self, stream: Stream, text: &str) {
        let output = &mut self.process().output;
        match output.last_mut() {
            Some((last, buffered)) if *last == stream => buffered.push_str(text),
            _ => output.push((stream, text.to_owned())),
        }
    }

    /// The deadline for a blocking call that waits at most `timeout` seconds: the first
    /// call's, when this is a retry.
    pub fn deadline(&mut self, timeout: Option<f64>) -> Option<u64> {
        if let Some(deadline) = self.thread().deadline {
            return Some(deadline);
        }
        timeout.map(|secs| self.now_ns + (secs.max(0.0) * 1e9) as u64)
    }

    /// Whether the retried blocking call's deadline has passed.
    pub fn timed_out(&mut self) -> bool {
        self.thread().timed_out
    }

    /// Parks the running thread until `on` changes or the deadline passes.
    pub fn block(
        &mut self,
        on: Option<usize>,
        deadline: Option<u64>,
        what: &'static str,
    ) -> Signal {
        Signal::Block(Wait { on, deadline, what })
    }

    /// Wakes the threads waiting on `object`: each retries its call.
    pub fn notify(&mut self, object: usize) {
        for thread in &mut self.threads {
            if let ThreadState::Blocked(wait) = &thread.state
                && wait.on == Some(object)
            {
                thread.state = ThreadState::Runnable;
            }
        }
    }

    /// Runs threads for at most `budget` instructions.
    pub fn run(&mut self, budget: u64) -> Run {
        let mut left = budget;
        loop {
            self.wake_expired();
            let Some(tid) = self.next_runnable() else {
                return self.idle();
            };
            if left == 0 {
                return Run::Busy;
            }
            let slice = left.min(SLICE);
            self.current = tid;
            let used = eval::run_thread(self, slice);
            left = left.saturating_sub(used.max(1));
            self.charge(used);
        }
    }

    fn charge(&mut self, instructions: u64) {
        self.now_ns += instructions * NANOS_PER_INSTRUCTION;
    }

    fn idle(&mut self) -> Run {
        let live = self
            .threads
            .iter()
            .any(|t| t.state != ThreadState::Finished);
        if !live {
            return Run::Done;
        }
        let deadline = self
            .threads
            .iter()
            .filter_map(|t| match &t.state {
                ThreadState::Blocked(wait) => wait.deadline,
                _ => None,
            })
            .min();
        Run::Waiting(deadline)
    }

    /// Moves the clock forward (never back) and wakes the threads whose time came.
    pub fn advance_to(&mut self, now_ns: u64) {
        self.now_ns = self.now_ns.max(now_ns);
        self.wake_expired();
    }

    fn wake_expired(&mut self) {
        let now = self.now_ns;
        for thread in &mut self.threads {
            if let ThreadState::Blocked(wait) = &thread.state
                && wait.deadline.is_some_and(|d| d <= now)
            {
                thread.state = ThreadState::Runnable;
                thread.timed_out = true;
            }
        }
    }

    /// The next runnable thread after the current one, round-robin.
    fn next_runnable(&self) -> Option<usize> {
        let n = self.threads.len();
        (1..=n)
            .map(|i| (self.current + i) % n)
            .find(|&t| self.threads[t].state == ThreadState::Runnable)
    }

    /// Raises KeyboardInterrupt in a process's main thread, as Ctrl-C does.
    pub fn interrupt(&mut self, pid: usize) {
        let main = self.processes[pid].main_thread;
        if main >= self.threads.len() {
            return;
        }
        let exc = exceptions::new_exception(self, "KeyboardInterrupt", Vec::new());
        let thread = &mut self.threads[main];
        if thread.state != ThreadState::Finished {
            thread.interrupt = Some(exc);
            thread.state = ThreadState::Runnable;
        }
    }

    /// Ends a process at once: its threads stop where they are, and its status is the
    /// kill's (even when its main thread had already finished with 0).
    pub fn kill(&mut self, pid: usize, code: i32) {
        let ended = self.process_ended(pid);
        for thread in &mut self.threads {
            if thread.process == pid {
                thread.state = ThreadState::Finished;
                thread.frames.clear();
            }
        }
        let process = &mut self.processes[pid];
        process.main_done = true;
        if !ended {
            process.exit_code = Some(code);
        }
    }

    /// Called when a thread has finished: ends its process once nothing keeps it alive.
    pub fn thread_finished(&mut self, tid: usize) {
        let pid = self.threads[tid].process;
        let object = self.threads[tid].object.clone();
        if let Some(object) = object {
            self.notify(object.identity());
        }
        let process = &mut self.processes[pid];
        if process.main_thread == tid && (!process.interactive || process.exit_code.is_some()) {
            process.main_done = true;
            process.exit_code.get_or_insert(0);
        }
        self.end_process_if_done(pid);
    }

    fn end_process_if_done(&mut self, pid: usize) {
        if !self.processes[pid].main_done {
            return;
        }
        let waiting = self
            .threads
            .iter()
            .any(|t| t.process == pid && !t.daemon && t.state != ThreadState::Finished);
        if !waiting {
            for thread in &mut self.threads {
                if thread.process == pid {
                    thread.state = ThreadState::Finished;
                    thread.frames.clear();
                }
            }
        }
    }

    /// Whether a process has ended (every thread finished).
    pub fn process_ended(&self, pid: usize) -> bool {
        self.processes[pid].main_done
            && self
                .threads
                .iter()
                .all(|t| t.process != pid || t.state == ThreadState::Finished)
    }

    /// What a blocked `input()` of process `pid` waits on.
    pub fn stdin_key(pid: usize) -> usize {
        usize::MAX - pid
    }

    /// Keeps a process's stdin open, so `input()` waits for [`Vm::feed_stdin`].
    pub fn open_stdin(&mut self, pid: usize) {
        self.processes[pid].stdin_open = true;
    }

    /// Text typed into a process's input pane.
    pub fn feed_stdin(&mut self, pid: usize, text: &str) {
        self.processes[pid].stdin.push_str(text);
        self.notify(Vm::stdin_key(pid));
    }

    /// The end of a process's input (Ctrl-D): a waiting `input()` raises EOFError.
    pub fn close_stdin(&mut self, pid: usize) {
        self.processes[pid].stdin_open = false;
        self.notify(Vm::stdin_key(pid));
    }

    /// Takes what a process printed since the last call.
    pub fn take_output(&mut self, pid: usize) -> Vec<(Stream, String)> {
        std::mem::take(&mut self.processes[pid].output)
    }
}

/// Parses and compiles, or gives python3's report of the syntax error.
pub fn compile_source(
    source: &str,
    filename: &str,
    mode: Mode,
) -> Result<Rc<compile::Code>, String> {
    let parsed = match mode {
        Mode::File => syntax::parse_module(source),
        Mode::Interactive => syntax::parse_interactive(source),
    };
    parsed
        .and_then(|module| compile::compile_module(&module, filename, mode))
        .map_err(|error| error.report(filename, source))
}

/// `folder/name`, unless `name` is already absolute.
pub fn absolute(folder: &str, name: &str) -> String {
    if name.starts_with('/') || name.starts_with('<') {
        name.to_owned()
    } else {
        format!("{}/{}", folder.trim_end_matches('/'), name)
    }
}
