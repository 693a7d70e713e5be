//! `playground python`: Python programs as `python3` runs them, one or several at once
//! in one world (one virtual clock, one seed).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::rc::Rc;

use python::vm::{Files, Run, Stream, Vm};
use scenario::memcached_sim::settings::Settings;
use scenario::{Pika, PikaVersion, SharedSimulation, python_memcached, redis_py};

const USAGE: &str = "\
usage: playground python PROGRAM.py [ARGS...]
       playground python --run 'PROGRAM.py ARGS' [--run '...'] [options]
       playground python --ast PROGRAM.py

  PROGRAM.py ARGS   runs one program as `python3 PROGRAM.py ARGS` would, exit status included
  --run 'CMD'       starts a process (words split as a shell splits them); repeatable
  --gap MS          virtual time between two starts (default 1000)
  --quiet MS        stop once nothing was printed for MS after the last start (default 3000)
  --limit MS        stop after MS of virtual time in all (default 60000)
  --seed N          the world's seed (default 0)
  --pika VERSION    the pika the programs are written for: 1 (default, pika 1.4) or 0.10
                    (the call shapes of pika 0.10 to 0.13)
  --status          after each process's output, how it ended: `[exit status N]`, or
                    `[still running]` when the world stopped first
  --ast PROGRAM.py  prints the syntax tree of a program
";

/// The learner's folder: where programs and the modules they import are read.
struct Folder(PathBuf);

impl Files for Folder {
    fn read(&self, path: &str) -> Option<String> {
        std::fs::read_to_string(self.0.join(path)).ok()
    }

    fn folder(&self) -> String {
        self.0.to_string_lossy().into_owned()
    }
}

struct Options {
    runs: Vec<String>,
    program: Vec<String>,
    gap_ms: u64,
    quiet_ms: u64,
    limit_ms: u64,
    seed: u64,
    pika: PikaVersion,
    /// Print how each process of `--run` ended.
    status: bool,
}

impl Options {
    /// A world whose programs can `import pika` and reach one broker of their own, and
    /// `import redis` and `import memcache`, whose servers start where clients name them.
    fn world(&self) -> (Vm, std::rc::Rc<Pika>) {
        let mut vm = Vm::new(start_time_ns(), self.seed);
        let pika = Pika::new(SharedSimulation::new(self.seed), self.pika, self.seed, true);
        vm.providers.push(pika.provider());
        vm.providers.push(redis_py(self.seed, &[]));
        let settings = Settings {
            started_at_ms: vm.now_ns / 1_000_000,
            ..Settings::default()
        };
        vm.providers.push(python_memcached(settings, &[]));
        (vm, pika)
    }
}

pub fn run(args: &[String]) -> ExitCode {
    let mut options = Options {
        runs: Vec::new(),
        program: Vec::new(),
        gap_ms: 1000,
        quiet_ms: 3000,
        limit_ms: 60_000,
        seed: 0,
        pika: PikaVersion::One,
        status: false,
    };
    let mut i = 0;
    while i < args.len() {
        let arg = args[i].as_str();
        if !options.program.is_empty() {
            options.program.push(arg.to_owned());
            i += 1;
            continue;
        }
        let value = args.get(i + 1).cloned();
        let number = || value.as_deref().and_then(|v| v.parse::<u64>().ok());
        match arg {
            "-h" | "--help" => {
                print!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            "--ast" => return ast(value.as_deref()),
            "--status" => {
                options.status = true;
                i += 1;
            }
            "--pika" => {
                options.pika = match value.as_deref() {
                    Some("1" | "1.x" | "1.4") => PikaVersion::One,
                    Some("0" | "0.x" | "0.10" | "0.11" | "0.12" | "0.13") => PikaVersion::Zero,
                    _ => {
                        eprintln!("playground python: --pika takes 1 or 0.10");
                        return ExitCode::from(2);
                    }
                };
                i += 2;
            }
            "--run" | "--gap" | "--quiet" | "--limit" | "--seed" => {
                if value.is_none() {
                    eprintln!("playground python: {arg} needs a value\n");
                    eprint!("{USAGE}");
                    return ExitCode::from(2);
                }
                match arg {
                    "--run" => options.runs.push(value.unwrap_or_default()),
                    _ => {
                        let Some(n) = number() else {
                            eprintln!("playground python: {arg} takes a number");
                            return ExitCode::from(2);
                        };
                        match arg {
                            "--gap" => options.gap_ms = n,
                            "--quiet" => options.quiet_ms = n,
                            "--limit" => options.limit_ms = n,
                            _ => options.seed = n,
                        }
                    }
                }
                i += 2;
            }
            _ => {
                options.program.push(arg.to_owned());
                i += 1;
            }
        }
    }
    match (options.runs.is_empty(), options.program.is_empty()) {
        (true, false) => run_program(&options),
        (false, true) => run_world(&options),
        _ => {
            eprint!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn ast(path: Option<&str>) -> ExitCode {
    let Some(path) = path else {
        eprint!("{USAGE}");
        return ExitCode::from(2);
    };
    let Ok(source) = std::fs::read_to_string(path) else {
        eprintln!("playground python: cannot read {path}");
        return ExitCode::from(2);
    };
    match python::syntax::parse_module(&source) {
        Ok(module) => {
            print!("{}", python::syntax::dump(&module));
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprint!("{}", error.report(path, &source));
            ExitCode::from(1)
        }
    }
}

/// The wall clock at start, as the world's first virtual time: an input, like the seed.
fn start_time_ns() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64)
}

fn folder() -> PathBuf {
    std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."))
}

/// Reads a program as python3 does, or says what python3 says when it cannot.
fn read_program(name: &str) -> Result<String, String> {
    let path = folder().join(name);
    std::fs::read_to_string(&path).map_err(|_| {
        format!(
            "python3: can't open file '{}': [Errno 2] No such file or directory\n",
            path.to_string_lossy()
        )
    })
}

fn stdin_text() -> String {
    use std::io::Read;
    let mut text = String::new();
    let _ = std::io::stdin().read_to_string(&mut text);
    text
}

/// One program, its output written as it comes, its exit status returned.
fn run_program(options: &Options) -> ExitCode {
    let source = match read_program(&options.program[0]) {
        Ok(source) => source,
        Err(message) => {
            eprint!("{message}");
            return ExitCode::from(2);
        }
    };
    let (mut vm, pika) = options.world();
    let start = vm.now_ns;
    let pid = vm.spawn(
        &source,
        options.program.clone(),
        Rc::new(Folder(folder())),
        stdin_text(),
    );
    let limit = start + options.limit_ms * 1_000_000;
    let mut stdout = std::io::stdout().lock();
    let mut stderr = std::io::stderr().lock();
    loop {
        let state = vm.run(200_000);
        pika.close_ended(&mut vm);
        for (stream, text) in vm.take_output(pid) {
            let _ = match stream {
                Stream::Stdout => stdout
                    .write_all(text.as_bytes())
                    .and_then(|()| stdout.flush()),
                Stream::Stderr => stderr
                    .write_all(text.as_bytes())
                    .and_then(|()| stderr.flush()),
            };
        }
        match state {
            Run::Busy => {}
            Run::Done => break,
            Run::Waiting(Some(deadline)) if deadline <= limit => vm.advance_to(deadline),
            Run::Waiting(_) => {
                let _ = writeln!(
                    stderr,
                    "playground: every thread of {} waits forever (python3 would hang here)",
                    options.program[0]
                );
                return ExitCode::from(124);
            }
        }
        if vm.now_ns > limit {
            let _ = writeln!(
                stderr,
                "playground: stopped after {} ms of virtual time",
                options.limit_ms
            );
            return ExitCode::from(124);
        }
    }
    let code = vm.processes[pid].exit_code.unwrap_or(0);
    ExitCode::from(code.clamp(0, 255) as u8)
}

/// Several processes in one world, started `gap` apart; each one's output printed
/// after a `==> CMD <==` line once the world stops.
fn run_world(options: &Options) -> ExitCode {
    let (mut vm, pika) = options.world();
    let start = vm.now_ns;
    let ms = 1_000_000;
    let limit = start + options.limit_ms * ms;
    let mut outputs: Vec<String> = Vec::new();
    let mut pids: Vec<Option<usize>> = Vec::new();
    let mut last_print = start;
    let mut spawned = 0;
    let files: Rc<dyn Files> = Rc::new(Folder(folder()));
    loop {
        while spawned < options.runs.len()
            && vm.now_ns >= start + spawned as u64 * options.gap_ms * ms
        {
            let words = split_words(&options.runs[spawned]);
            let words = if words.is_empty() {
                vec![String::new()]
            } else {
                words
            };
            let pid = match read_program(&words[0]) {
                Ok(source) => Some(vm.spawn(&source, words, files.clone(), String::new())),
                Err(message) => {
                    outputs.push(message);
                    None
                }
            };
            if pid.is_some() {
                outputs.push(String::new());
            }
            pids.push(pid);
            spawned += 1;
            last_print = last_print.max(vm.now_ns);
        }
        let state = vm.run(200_000);
        pika.close_ended(&mut vm);
        for (i, pid) in pids.iter().enumerate() {
            if let Some(pid) = pid {
                for (_, text) in vm.take_output(*pid) {
                    outputs[i].push_str(&text);
                    last_print = vm.now_ns;
                }
            }
        }
        let all_started = spawned == options.runs.len();
        let next_start = (!all_started).then(|| start + spawned as u64 * options.gap_ms * ms);
        let quiet_end = last_print + options.quiet_ms * ms;
        if all_started && (matches!(state, Run::Done) || vm.now_ns >= quiet_end) {
            break;
        }
        if vm.now_ns >= limit {
            break;
        }
        match state {
            Run::Busy => {}
            Run::Done | Run::Waiting(_) => {
                let deadline = match state {
                    Run::Waiting(deadline) => deadline,
                    _ => None,
                };
                let mut next = [
                    deadline,
                    next_start,
                    all_started.then_some(quiet_end),
                    Some(limit),
                ]
                .into_iter()
                .flatten()
                .min()
                .unwrap_or(limit);
                next = next.max(vm.now_ns + 1);
                vm.advance_to(next);
            }
        }
    }
    let mut stdout = std::io::stdout().lock();
    for ((spec, output), pid) in options.runs.iter().zip(&outputs).zip(&pids) {
        let _ = writeln!(stdout, "==> {spec} <==");
        let _ = stdout.write_all(output.as_bytes());
        if options.status {
            let ended = match pid {
                Some(pid) if vm.process_ended(*pid) => vm.processes[*pid].exit_code,
                Some(_) => None,
                // python3 could not open the file.
                None => Some(2),
            };
            let _ = match ended {
                Some(code) => writeln!(stdout, "[exit status {code}]"),
                None => writeln!(stdout, "[still running]"),
            };
        }
    }
    let _ = stdout.flush();
    ExitCode::SUCCESS
}

/// Splits a command line into words as a POSIX shell does (quotes and backslashes).
fn split_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                for c in chars.by_ref() {
                    if c == '\'' {
                        break;
                    }
                    word.push(c);
                }
            }
            '"' => {
                in_word = true;
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => match chars.next() {
                            Some(next @ ('"' | '\\' | '$' | '`')) => word.push(next),
                            Some(next) => {
                                word.push('\\');
                                word.push(next);
                            }
                            None => word.push('\\'),
                        },
                        c => word.push(c),
                    }
                }
            }
            '\\' => {
                in_word = true;
                if let Some(next) = chars.next() {
                    word.push(next);
                }
            }
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                word.push(c);
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
    use super::split_words;

    #[test]
    fn words_split_as_a_shell_splits_them() {
        assert_eq!(
            split_words("emit_log.py 'a b' c"),
            ["emit_log.py", "a b", "c"]
        );
        assert_eq!(
            split_words(r#"x.py "say \"hi\"" d\ e"#),
            ["x.py", "say \"hi\"", "d e"]
        );
        assert_eq!(split_words("  "), Vec::<String>::new());
        assert_eq!(split_words("x.py ''"), ["x.py", ""]);
    }
}
