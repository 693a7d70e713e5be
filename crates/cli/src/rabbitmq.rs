//! `playground rabbitmq`: the RabbitMQ broker model headless.
//!
//! Reads rabbitmqadmin-style console lines on standard input and prints each line's
//! transcript, exactly as the web console shows it. With `--dump-state`, the broker's
//! exchanges, queues (with their messages) and bindings follow as one JSON line.

use std::io::{BufRead, Write};
use std::process::ExitCode;

use rabbitmq_sim::{Simulation, admin};

const USAGE: &str = "\
usage: playground rabbitmq [--dump-state] [--seed N] < script

Reads rabbitmqadmin-style lines (`playground rabbitmq --help-commands` lists them) and
prints the transcript. --dump-state prints the final broker state as one JSON line;
--seed sets the seed of simulated clients and server-generated names.
";

/// Runs `playground rabbitmq` with the arguments after the engine name.
pub fn run(args: &[String]) -> ExitCode {
    let mut dump_state = false;
    let mut seed = 0u64;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--dump-state" => dump_state = true,
            "--seed" => match rest.next().and_then(|s| s.parse().ok()) {
                Some(s) => seed = s,
                None => return usage_error("--seed takes a number"),
            },
            "--dialect" => match rest.next().map(String::as_str) {
                Some("admin") => {}
                _ => return usage_error("only the admin dialect is available"),
            },
            "-h" | "--help" => {
                print!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            "--help-commands" => {
                println!("{}", admin::HELP);
                return ExitCode::SUCCESS;
            }
            other => return usage_error(&format!("unexpected argument '{other}'")),
        }
    }
    let mut sim = Simulation::new(seed);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for line in std::io::stdin().lock().lines() {
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                eprintln!("playground rabbitmq: reading stdin: {e}");
                return ExitCode::FAILURE;
            }
        };
        let text = admin::run_sim_line(&mut sim, &line);
        // Nobody animates here; keep the event log from growing.
        sim.drain_events();
        if !text.is_empty() && writeln!(out, "{text}").is_err() {
            return ExitCode::FAILURE;
        }
    }
    if dump_state && writeln!(out, "{}", admin::dump_state(sim.broker())).is_err() {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// Prints a usage error and returns the usage exit status.
fn usage_error(message: &str) -> ExitCode {
    eprintln!("playground rabbitmq: {message}\n");
    eprint!("{USAGE}");
    ExitCode::from(2)
}
