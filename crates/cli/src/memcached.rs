//! `playground memcached`: the memcached engine headless.
//!
//! Without a subcommand, raw text protocol is read from standard input and
//! the exact bytes a freshly started memcached 1.6.18 would answer are
//! written to standard output. `--python` reads the lesson's python-memcached
//! calls instead, as typed into a Python REPL. `place` prints where a client
//! library would send each key of a cluster.

use std::io::{BufRead, Read, Write};
use std::process::ExitCode;

use memcached_sim::cluster::{Cluster, Distribution, Node};
use memcached_sim::{Connection, Server, Settings};
use scenario::PythonMemcachedSession;

const USAGE: &str = "\
usage: playground memcached [-m MEGABYTES] < protocol-bytes
       playground memcached --python < python-lines
       playground memcached place --client python-memcached|ketama|rendezvous \\
                                  --server HOST:PORT[:WEIGHT] ... < keys

The first form answers raw memcached text protocol as memcached 1.6.18 does.
The second runs each line as a Python 3 REPL with python-memcached would
(`import memcache`, `mc = memcache.Client([...], debug=True)`, `mc.set(...)`)
and prints what the REPL prints, with a fresh memcached at every address named.
The third reads one key a line and prints `KEY HOST:PORT` for each.
";

/// Runs `playground memcached` with the arguments after the engine name.
pub fn run(args: &[String]) -> ExitCode {
    match args.first().map(String::as_str) {
        Some("-h" | "--help") => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some("place") => place(&args[1..]),
        Some("--python") if args.len() == 1 => python(),
        _ => serve(args),
    }
}

/// Prints a usage error and returns the usage exit status.
fn usage_error(message: &str) -> ExitCode {
    eprintln!("playground memcached: {message}\n");
    eprint!("{USAGE}");
    ExitCode::from(2)
}

/// Answers the protocol bytes on stdin as one client connection to a fresh server.
fn serve(args: &[String]) -> ExitCode {
    let mut settings = Settings::default();
    match args {
        [] => {}
        [flag, megabytes] if flag == "-m" => match megabytes.parse::<u64>() {
            Ok(m) if m > 0 => settings.max_bytes = m * 1024 * 1024,
            _ => return usage_error("-m takes a positive number of megabytes"),
        },
        _ => return usage_error("unexpected arguments"),
    }
    if let Err(message) = settings.check() {
        eprintln!("{message}");
        return ExitCode::from(64);
    }
    let mut input = Vec::new();
    if let Err(e) = std::io::stdin().read_to_end(&mut input) {
        eprintln!("playground memcached: reading stdin: {e}");
        return ExitCode::FAILURE;
    }
    let mut server = Server::new(settings);
    let mut connection = Connection::new();
    let out = connection.feed(&mut server, &input, 0);
    let mut stdout = std::io::stdout().lock();
    if stdout
        .write_all(&out)
        .and_then(|()| stdout.flush())
        .is_err()
    {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// `--python`: runs each stdin line in the python-memcached REPL and prints its output.
fn python() -> ExitCode {
    crate::run_repl("memcached", &mut PythonMemcachedSession::new(0), 0)
}

/// `place`: reads keys and prints the server each one goes to.
fn place(args: &[String]) -> ExitCode {
    let mut client = None;
    let mut nodes = Vec::new();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let Some(value) = rest.next() else {
            return usage_error(&format!("{arg} needs a value"));
        };
        match arg.as_str() {
            "--client" => {
                client = Some(match value.as_str() {
                    "python-memcached" => Distribution::PythonMemcached,
                    "ketama" => Distribution::Ketama,
                    "rendezvous" => Distribution::Rendezvous,
                    other => return usage_error(&format!("unknown client '{other}'")),
                })
            }
            "--server" => match parse_node(value) {
                Some(node) => nodes.push(node),
                None => {
                    return usage_error(&format!(
                        "bad server '{value}', expected HOST:PORT[:WEIGHT]"
                    ));
                }
            },
            other => return usage_error(&format!("unknown option '{other}'")),
        }
    }
    let Some(client) = client else {
        return usage_error("place needs --client");
    };
    if nodes.is_empty() {
        return usage_error("place needs at least one --server");
    }
    let cluster = Cluster::new(client, nodes);
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    for line in std::io::stdin().lock().lines() {
        let Ok(key) = line else {
            eprintln!("playground memcached: keys must be UTF-8 text");
            return ExitCode::FAILURE;
        };
        let placed = cluster
            .place(&key, |_| true)
            .map_or("-", |i| cluster.nodes()[i].address.as_str());
        if writeln!(stdout, "{key} {placed}").is_err() {
            return ExitCode::FAILURE;
        }
    }
    if stdout.flush().is_err() {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// `HOST:PORT` or `HOST:PORT:WEIGHT` (weight 1 when left out).
fn parse_node(spec: &str) -> Option<Node> {
    let mut parts = spec.rsplitn(3, ':').collect::<Vec<_>>();
    parts.reverse();
    match parts.as_slice() {
        [host, port] => Some(Node::new(
            format!("{host}:{}", port.parse::<u16>().ok()?),
            1,
        )),
        [host, port, weight] => Some(Node::new(
            format!("{host}:{}", port.parse::<u16>().ok()?),
            weight.parse().ok()?,
        )),
        _ => None,
    }
}
