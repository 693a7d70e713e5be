//! A page's Python world: one `python::vm::Vm` in which every program the learner runs
//! is a process, as programs started from one terminal share one machine. The editor
//! starts and stops them and shows their output; other views of the page (the RabbitMQ
//! page's bounded queue) read their state.

use std::cell::{Ref, RefCell, RefMut};
use std::rc::Rc;

use python::vm::inspect::QueueView;
use python::vm::native::Wait;
use python::vm::{Files, ModuleProvider, Run, Stream, ThreadState, Vm};
use scenario::Pika;

use super::files::{Folder, Tabs};
use super::output::Output;
use super::scheduler::Scheduler;

/// Real milliseconds a program has to end after Stop's KeyboardInterrupt before it is
/// killed.
pub const STOP_GRACE_MS: f64 = 1000.0;
/// The exit status of a killed program, as a shell reports SIGKILL (128 + 9).
pub const KILLED_STATUS: i32 = 137;

/// One program the learner ran: a process of the world.
#[derive(Debug, Clone)]
pub struct ProgramRun {
    /// Its process in the world.
    pub pid: usize,
    /// The file run.
    pub file: String,
    /// Its arguments, as typed.
    pub args: String,
    /// What it printed.
    pub output: Output,
    /// When Stop was pressed (real ms), if it was.
    stop_pressed: Option<f64>,
    /// Stop had to kill it.
    pub killed: bool,
}

impl ProgramRun {
    /// The command line a terminal would show: `python3 producer.py 3`.
    pub fn command(&self) -> String {
        let args = self.args.trim();
        if args.is_empty() {
            format!("python3 {}", self.file)
        } else {
            format!("python3 {} {args}", self.file)
        }
    }

    /// Whether Stop was pressed.
    pub fn stopping(&self) -> bool {
        self.stop_pressed.is_some()
    }
}

/// What a process is doing, for the list of processes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProcessState {
    /// A thread of it can run.
    Running,
    /// Every live thread of it waits: what on (the `what` of the wait, such as
    /// `Queue.get`) and how many threads, most first.
    Blocked(Vec<(&'static str, usize)>),
    /// It has ended, with this exit status; `killed` when Stop had to kill it.
    Ended { status: i32, killed: bool },
}

/// What a process's live threads are doing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Threads {
    /// How many can run.
    pub running: usize,
    /// What the others wait in (the `what` of their wait, such as `Queue.get`) and how
    /// many, most first.
    pub waiting: Vec<(&'static str, usize)>,
}

/// The world. See the module documentation.
pub struct PythonWorld {
    vm: Vm,
    /// pika over the page's broker, on the RabbitMQ page.
    pika: Option<Rc<Pika>>,
    /// The other client libraries programs import (redis-py, python-memcached), by
    /// module name, over the page's servers.
    libraries: Vec<(&'static str, ModuleProvider)>,
    runs: Vec<ProgramRun>,
    scheduler: Scheduler,
    /// Bumped whenever something a view draws may have changed: a start, a stop,
    /// output, or any code run.
    version: u64,
}

impl PythonWorld {
    /// A world whose clock starts at `now_ns` (virtual nanoseconds since the Unix
    /// epoch) and whose randomness comes from `seed`.
    pub fn new(now_ns: u64, seed: u64) -> PythonWorld {
        PythonWorld {
            vm: Vm::new(now_ns, seed),
            pika: None,
            libraries: Vec::new(),
            runs: Vec::new(),
            scheduler: Scheduler::default(),
            version: 0,
        }
    }

    /// Lets programs `import pika`, over the broker of `pika`, in place of any pika
    /// before (the page's broker started over).
    pub fn attach_pika(&mut self, pika: Rc<Pika>) {
        self.pika = Some(pika);
        self.rebuild_providers();
    }

    /// Lets programs `import name` through `provider` (redis-py over the page's
    /// server), in place of any library of that name before (the server restarted).
    pub fn provide(&mut self, name: &'static str, provider: ModuleProvider) {
        self.libraries.retain(|(library, _)| *library != name);
        self.libraries.push((name, provider));
        self.rebuild_providers();
    }

    fn rebuild_providers(&mut self) {
        let pika = self.pika.iter().map(|pika| pika.provider());
        let others = self.libraries.iter().map(|(_, provider)| provider.clone());
        self.vm.providers = pika.chain(others).collect();
    }

    /// The programs' pika, if the page has a broker.
    pub fn pika(&self) -> Option<&Rc<Pika>> {
        self.pika.as_ref()
    }

    /// What the libraries do around a frame of the programs: pika closes the
    /// connections of ended processes and wakes consumers that have deliveries.
    fn tend_libraries(&mut self) {
        if let Some(pika) = &self.pika {
            pika.tend(&mut self.vm);
        }
    }

    /// Starts `python3 file args` in `folder`; gives the run's index.
    pub fn start(&mut self, file: &str, args: &str, folder: Folder) -> usize {
        let source = folder.read(file).unwrap_or_default();
        let mut argv = vec![file.to_owned()];
        argv.extend(shell_words(args));
        let pid = self.vm.spawn(&source, argv, Rc::new(folder), String::new());
        // Its input line feeds `input()`, which waits for it as a terminal would.
        self.vm.open_stdin(pid);
        self.runs.push(ProgramRun {
            pid,
            file: file.to_owned(),
            args: args.to_owned(),
            output: Output::default(),
            stop_pressed: None,
            killed: false,
        });
        // A syntax error ends it at once; its report is output already.
        self.collect_output();
        self.version += 1;
        self.runs.len() - 1
    }

    /// Stop: KeyboardInterrupt in the program's main thread, as Ctrl-C in its terminal;
    /// a program still running [`STOP_GRACE_MS`] later is killed.
    pub fn stop(&mut self, run: usize, real_ms: f64) {
        let Some(program) = self.runs.get_mut(run) else {
            return;
        };
        if self.vm.process_ended(program.pid) || program.stop_pressed.is_some() {
            return;
        }
        program.stop_pressed = Some(real_ms);
        self.vm.interrupt(program.pid);
        self.version += 1;
    }

    /// A line typed into a run's input: shown in its output, as a terminal echoes it,
    /// and read by the program's `input()`.
    pub fn type_line(&mut self, run: usize, line: &str) {
        let Some(program) = self.runs.get_mut(run) else {
            return;
        };
        if self.vm.process_ended(program.pid) {
            return;
        }
        program.output.push(Stream::Stdout, &format!("{line}\n"));
        self.vm.feed_stdin(program.pid, &format!("{line}\n"));
        self.version += 1;
    }

    /// Runs one animation frame (see [`Scheduler`]): `wall_ns` is the wall clock,
    /// `real_ms` the page's monotonic clock. Gives what the world stopped on.
    pub fn frame(&mut self, wall_ns: u64, real_ms: &mut dyn FnMut() -> f64) -> Run {
        let now = real_ms();
        for program in &mut self.runs {
            let overdue = program
                .stop_pressed
                .is_some_and(|pressed| now - pressed >= STOP_GRACE_MS);
            if overdue && !self.vm.process_ended(program.pid) {
                self.vm.kill(program.pid, KILLED_STATUS);
                program.killed = true;
                self.version += 1;
            }
        }
        self.tend_libraries();
        let frame = self.scheduler.run_frame(&mut self.vm, wall_ns, real_ms);
        self.tend_libraries();
        self.collect_output();
        // Code that ran may have moved queues and threads, even without printing.
        if frame.instructions > 0 {
            self.version += 1;
        }
        frame.state
    }

    /// Moves what the processes printed into their runs' output.
    fn collect_output(&mut self) {
        for program in &mut self.runs {
            for (stream, text) in self.vm.take_output(program.pid) {
                program.output.push(stream, &text);
                self.version += 1;
            }
        }
    }

    /// Every program run, oldest first.
    pub fn runs(&self) -> &[ProgramRun] {
        &self.runs
    }

    /// Whether a program is still running or waiting.
    pub fn live(&self) -> bool {
        self.runs
            .iter()
            .any(|program| !self.vm.process_ended(program.pid))
    }

    /// A number that changes whenever something the views draw has changed.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// What run `run`'s process is doing.
    pub fn state(&self, run: usize) -> ProcessState {
        let program = &self.runs[run];
        if self.vm.process_ended(program.pid) {
            // A killed program's status is the kill's, as a shell reports it, even when
            // its main thread had already finished (and set 0).
            let status = match program.killed {
                true => KILLED_STATUS,
                false => self.vm.processes[program.pid].exit_code.unwrap_or(0),
            };
            return ProcessState::Ended {
                status,
                killed: program.killed,
            };
        }
        let threads = self.threads(run);
        if threads.running > 0 {
            ProcessState::Running
        } else {
            ProcessState::Blocked(threads.waiting)
        }
    }

    /// What the live threads of run `run`'s process are doing.
    pub fn threads(&self, run: usize) -> Threads {
        let pid = self.runs[run].pid;
        let mut threads = Threads::default();
        for thread in self.vm.threads.iter().filter(|t| t.process == pid) {
            match &thread.state {
                ThreadState::Runnable => threads.running += 1,
                ThreadState::Blocked(Wait { what, .. }) => {
                    match threads.waiting.iter_mut().find(|(w, _)| w == what) {
                        Some((_, count)) => *count += 1,
                        None => threads.waiting.push((what, 1)),
                    }
                }
                ThreadState::Finished => {}
            }
        }
        threads
            .waiting
            .sort_by_key(|&(_, count)| std::cmp::Reverse(count));
        threads
    }

    /// The queues of the live programs, newest program first.
    pub fn live_queues(&self) -> Vec<(usize, QueueView)> {
        let queues = self.vm.queues();
        let mut found = Vec::new();
        for (run, program) in self.runs.iter().enumerate().rev() {
            if self.vm.process_ended(program.pid) {
                continue;
            }
            found.extend(
                queues
                    .iter()
                    .filter(|queue| queue.process == program.pid)
                    .map(|queue| (run, queue.clone())),
            );
        }
        found
    }

    /// The name of thread `index` of the world.
    pub fn thread_name(&self, index: usize) -> &str {
        &self.vm.threads[index].name
    }
}

/// A page's world and the editor's files, shared by the editor and the page's views;
/// props compare it by identity. The files live here rather than in the editor so that
/// they outlive it when the page draws it anew (the RabbitMQ page's new seed).
#[derive(Clone)]
pub struct SharedWorld {
    world: Rc<RefCell<PythonWorld>>,
    tabs: Rc<RefCell<Tabs>>,
}

impl SharedWorld {
    /// A new world (see [`PythonWorld::new`]) whose folder holds one file.
    pub fn new(now_ns: u64, seed: u64, file: &str, text: &str) -> SharedWorld {
        SharedWorld {
            world: Rc::new(RefCell::new(PythonWorld::new(now_ns, seed))),
            tabs: Rc::new(RefCell::new(Tabs::new(file, text))),
        }
    }

    /// Reads the world.
    pub fn borrow(&self) -> Ref<'_, PythonWorld> {
        self.world.borrow()
    }

    /// Changes the world.
    pub fn borrow_mut(&self) -> RefMut<'_, PythonWorld> {
        self.world.borrow_mut()
    }

    /// The editor's files.
    pub fn tabs(&self) -> &Rc<RefCell<Tabs>> {
        &self.tabs
    }
}

impl PartialEq for SharedWorld {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.world, &other.world)
    }
}

/// Splits an arguments field into words as a shell does: at spaces, except inside
/// single or double quotes.
pub fn shell_words(args: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut quote: Option<char> = None;
    for c in args.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                in_word = true;
            }
            (None, c) if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            (None, c) => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(word);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    const WALL: u64 = 1_780_000_000_000_000_000;
    const SECOND: u64 = 1_000_000_000;

    fn folder(files: &[(&str, &str)]) -> Folder {
        let mut tabs = Tabs::new(files[0].0, files[0].1);
        for (name, text) in &files[1..] {
            let added = tabs.add(name.trim_end_matches(".py"));
            tabs.set_text_of(&added, (*text).to_owned());
        }
        Folder(Rc::new(RefCell::new(tabs)))
    }

    /// Frames until nothing is left to run, the wall clock moving a second a frame.
    fn run_out(world: &mut PythonWorld) {
        let mut real = 0.0;
        let mut clock = move || {
            real += 0.01;
            real
        };
        for frame in 0..60 {
            if world.frame(WALL + frame * SECOND, &mut clock) == Run::Done {
                return;
            }
        }
    }

    fn text(program: &ProgramRun) -> String {
        program.output.runs().map(|(_, text)| text).collect()
    }

    #[test]
    fn a_program_imports_a_module_from_another_tab() {
        let mut world = PythonWorld::new(WALL, 1);
        let files = folder(&[
            (
                "main.py",
                "import sys\nimport helper\nprint(helper.greet(sys.argv[1:]))\n",
            ),
            (
                "helper.py",
                "def greet(names):\n    return 'hello ' + ', '.join(names)\n",
            ),
        ]);
        let run = world.start("main.py", "Ada 'Grace Hopper'", files);
        run_out(&mut world);
        let program = &world.runs()[run];
        assert_eq!(program.command(), "python3 main.py Ada 'Grace Hopper'");
        assert_eq!(text(program), "hello Ada, Grace Hopper\n");
        assert_eq!(
            world.state(run),
            ProcessState::Ended {
                status: 0,
                killed: false
            }
        );
    }

    #[test]
    fn a_syntax_error_ends_the_run_at_once_with_python3s_report() {
        let mut world = PythonWorld::new(WALL, 1);
        let run = world.start(
            "main.py",
            "",
            folder(&[("main.py", "ret = 1\nprint ret\n")]),
        );
        // python3 3.11's output for this program.
        assert_eq!(
            world.runs()[run].output.stderr(),
            "  File \"/home/learner/main.py\", line 2\n    print ret\n    ^^^^^^^^^\nSyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?\n"
        );
        assert_eq!(
            world.state(run),
            ProcessState::Ended {
                status: 1,
                killed: false
            }
        );
        assert!(!world.live());
    }

    #[test]
    fn the_process_list_says_what_blocked_threads_wait_for() {
        let mut world = PythonWorld::new(WALL, 1);
        let program = "import queue, threading\nq = queue.Queue(2)\n\
                       def producer():\n    while True:\n        q.put(1)\n\
                       for i in range(3):\n    threading.Thread(target=producer).start()\n";
        let run = world.start("main.py", "", folder(&[("main.py", program)]));
        run_out(&mut world);
        assert_eq!(
            world.state(run),
            ProcessState::Blocked(vec![("Queue.put", 3)])
        );
        assert_eq!(
            world.threads(run),
            Threads {
                running: 0,
                waiting: vec![("Queue.put", 3)]
            }
        );
        let queues = world.live_queues();
        assert_eq!(queues.len(), 1);
        assert_eq!((queues[0].0, queues[0].1.len), (run, 2));
        assert_eq!(
            world.thread_name(queues[0].1.blocked_put[0]),
            "Thread-1 (producer)"
        );
    }

    #[test]
    fn stop_interrupts_and_kills_what_does_not_end() {
        let mut world = PythonWorld::new(WALL, 1);
        let looping = "while True:\n    pass\n";
        let stubborn = "while True:\n    try:\n        while True:\n            pass\n    except KeyboardInterrupt:\n        pass\n";
        // Its main thread is done; a thread of it waits for ever.
        let waiting =
            "import queue, threading\nthreading.Thread(target=queue.Queue().get).start()\n";
        let files = folder(&[
            ("loop.py", looping),
            ("stubborn.py", stubborn),
            ("waiting.py", waiting),
        ]);
        let first = world.start("loop.py", "", files.clone());
        let second = world.start("stubborn.py", "", files.clone());
        let third = world.start("waiting.py", "", files);
        // The page's clock: real time, which the test can move on.
        let (start, skipped) = (std::time::Instant::now(), std::cell::Cell::new(0.0));
        let mut clock = || start.elapsed().as_secs_f64() * 1000.0 + skipped.get();
        // The two loops share the frames with it: a few frames until it waits.
        for _ in 0..20 {
            world.frame(WALL, &mut clock);
        }
        assert_eq!(world.state(first), ProcessState::Running);
        assert_eq!(
            world.state(third),
            ProcessState::Blocked(vec![("Queue.get", 1)])
        );
        for run in [first, second, third] {
            world.stop(run, clock());
        }
        world.frame(WALL, &mut clock);
        // python3 3.11 reports Ctrl-C in this loop as a traceback (at `while True:`)
        // ending in KeyboardInterrupt, and exits with status 130.
        let stderr = world.runs()[first].output.stderr();
        assert!(stderr.starts_with(
            "Traceback (most recent call last):\n  File \"/home/learner/loop.py\", line "
        ));
        assert!(stderr.ends_with("\nKeyboardInterrupt\n"), "{stderr}");
        assert_eq!(
            world.state(first),
            ProcessState::Ended {
                status: 130,
                killed: false
            }
        );
        assert_eq!(
            world.state(second),
            ProcessState::Running,
            "it caught the interrupt"
        );
        skipped.set(STOP_GRACE_MS);
        world.frame(WALL, &mut clock);
        for run in [second, third] {
            assert_eq!(
                world.state(run),
                ProcessState::Ended {
                    status: KILLED_STATUS,
                    killed: true
                }
            );
        }
        assert!(!world.live());
    }

    #[test]
    fn arguments_split_as_a_shell_splits_them() {
        assert_eq!(shell_words("info 'hello world'"), ["info", "hello world"]);
        assert_eq!(shell_words(r#"  a "b c"d  '' "#), ["a", "b cd", ""]);
        assert!(shell_words("   ").is_empty());
    }
}
