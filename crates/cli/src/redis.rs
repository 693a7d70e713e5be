//! `playground redis`: redis-cli command lines in, `redis-cli --no-raw` output out.
//!
//! Piped into redis-cli, a script is read line by line by its prompt loop:
//! blank lines are skipped, `quit` ends the session, and after SUBSCRIBE the
//! tool only waits for messages. This command behaves the same against a
//! fresh in-process server. `--python` reads redis-py calls instead, as typed
//! into a Python REPL.

use std::io::{Read, Write};
use std::process::ExitCode;

use redis_sim::{Server, cli};
use scenario::PythonRedisSession;

/// The virtual clock of a script starts at this instant (the first millisecond
/// of 2026) and only moves when a blocking command waits out its timeout, so
/// TTLs in transcripts do not depend on machine speed.
const SCRIPT_TIME_MS: u64 = 1_767_225_600_000;

const USAGE: &str = "\
usage: playground redis [--seed N] [--subscriber FILE --subscriber-output FILE] < script
       playground redis [--seed N] --python < python-lines

Reads redis-cli command lines on standard input and prints what
`redis-cli --no-raw` prints for them against a fresh Redis 7.0 server.
  --seed N                 seed for random choices (SPOP, RANDOMKEY...), default 0
  --subscriber FILE        before the script, a second client runs the
                           (P)SUBSCRIBE line in FILE, as a second redis-cli would
  --subscriber-output FILE where that second client's transcript goes
  --python                 each line is typed into a Python 3 REPL with redis-py
                           (`import redis`, `r = redis.Redis(...)`, `r.set(...)`);
                           every host:port a client names is a fresh server
";

/// Runs `playground redis` with the arguments after the engine name.
pub fn run(args: &[String]) -> ExitCode {
    let mut seed = 0;
    let mut subscriber_input = None;
    let mut subscriber_output = None;
    let mut python_lines = false;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "-h" | "--help" => {
                print!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            "--seed" => match rest.next().and_then(|n| n.parse().ok()) {
                Some(n) => seed = n,
                None => {
                    eprint!("playground redis: --seed needs a number\n\n{USAGE}");
                    return ExitCode::from(2);
                }
            },
            "--python" => python_lines = true,
            "--subscriber" | "--subscriber-output" => {
                let Some(path) = rest.next() else {
                    eprint!("playground redis: {arg} needs a file\n\n{USAGE}");
                    return ExitCode::from(2);
                };
                if arg == "--subscriber" {
                    subscriber_input = Some(path.clone());
                } else {
                    subscriber_output = Some(path.clone());
                }
            }
            other => {
                eprint!("playground redis: unknown option '{other}'\n\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    if python_lines {
        return python(seed);
    }
    let mut input = Vec::new();
    if let Err(e) = std::io::stdin().read_to_end(&mut input) {
        eprintln!("playground redis: cannot read standard input: {e}");
        return ExitCode::FAILURE;
    }
    let mut server = Server::new(seed);
    let mut now = SCRIPT_TIME_MS;
    let mut subscriber = match (&subscriber_input, &subscriber_output) {
        (Some(input), Some(_)) => match std::fs::read(input) {
            Ok(line) => {
                let id = server.connect();
                let line = line.split(|&b| b == b'\n').next().unwrap_or_default();
                Some((id, cli::run_line(&mut server, id, line, now).text))
            }
            Err(e) => {
                eprintln!("playground redis: cannot read {input}: {e}");
                return ExitCode::FAILURE;
            }
        },
        (None, None) => None,
        _ => {
            eprint!(
                "playground redis: --subscriber and --subscriber-output go together\n\n{USAGE}"
            );
            return ExitCode::from(2);
        }
    };
    let client = server.connect();
    let mut stdout = std::io::stdout().lock();
    // A final line without a newline still counts; the empty piece after a final newline does not.
    let input = input.strip_suffix(b"\n").unwrap_or(&input);
    for line in input.split(|&b| b == b'\n').filter(|_| !input.is_empty()) {
        let output = cli::run_line(&mut server, client, line, now);
        let mut text = output.text;
        let mut waiting_forever = false;
        if output.blocked {
            // No other client can push: the wait ends at its timeout, if it has one.
            match server.block_deadline(client) {
                Some(deadline) => {
                    server.advance(deadline);
                    text.push_str(&cli::read_reply(&mut server, client, deadline - now));
                    now = deadline;
                }
                None => waiting_forever = true,
            }
        }
        if stdout.write_all(text.as_bytes()).is_err() {
            return ExitCode::FAILURE;
        }
        // The second redis-cli prints every message as it arrives.
        if let Some((id, transcript)) = subscriber.as_mut() {
            for message in server.take_messages(*id) {
                transcript.push_str(&cli::format_reply(&message));
            }
        }
        if output.quit || output.reading_messages || waiting_forever {
            break;
        }
    }
    if stdout.flush().is_err() {
        return ExitCode::FAILURE;
    }
    if let (Some((_, transcript)), Some(path)) = (subscriber, subscriber_output)
        && let Err(e) = std::fs::write(&path, transcript)
    {
        eprintln!("playground redis: cannot write {path}: {e}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// `--python`: runs each stdin line in the redis-py REPL and prints its output.
fn python(seed: u64) -> ExitCode {
    crate::run_repl("redis", &mut PythonRedisSession::new(seed), SCRIPT_TIME_MS)
}
