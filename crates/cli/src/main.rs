//! `playground`: the playground's engines, headless.
//!
//! Each engine reads a script on standard input and prints the transcript the real
//! server (through its usual client) would produce, so tests, benchmarks and course
//! authors see exactly what the web console shows.

mod bench;
mod memcached;
mod python;
mod rabbitmq;
mod redis;

use std::io::{BufRead, Write};
use std::process::ExitCode;

use scenario::ConsoleSession;

const USAGE: &str = "\
usage: playground <engine> [options] < script

engines:
  redis       redis-cli command lines in, `redis-cli --no-raw` output out
  memcached   memcached text protocol in, the server's exact bytes out
  rabbitmq    rabbitmqadmin-style lines in, the transcript out (--dump-state)
  python      `playground python PROGRAM.py ARGS`: a program run as python3 runs it
  bench       `playground bench redis|memcached|rabbitmq`: engine speed beside the real server

`playground <engine> --help` lists an engine's options.
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((engine, rest)) = args.split_first() else {
        eprint!("{USAGE}");
        return ExitCode::from(2);
    };
    match engine.as_str() {
        "redis" => redis::run(rest),
        "memcached" => memcached::run(rest),
        "rabbitmq" => rabbitmq::run(rest),
        "python" => python::run(rest),
        "bench" => bench::run(rest),
        "-h" | "--help" | "help" => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        other => {
            eprintln!("playground: unknown engine '{other}'\n");
            eprint!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// Runs each stdin line in `session` at virtual time `now_ms` and prints what it prints:
/// the `--python` mode of the engines whose lesson uses a Python client.
fn run_repl(engine: &str, session: &mut impl ConsoleSession, now_ms: u64) -> ExitCode {
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else {
            eprintln!("playground {engine}: Python lines must be UTF-8 text");
            return ExitCode::FAILURE;
        };
        if stdout
            .write_all(session.run_line(&line, now_ms).as_bytes())
            .is_err()
        {
            return ExitCode::FAILURE;
        }
    }
    if stdout.flush().is_err() {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
