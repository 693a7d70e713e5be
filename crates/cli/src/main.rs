//! `playground`: the playground's engines, headless.
//!
//! Each engine reads a script on standard input and prints the transcript the real
//! server (through its usual client) would produce, so tests, benchmarks and course
//! authors see exactly what the web console shows.

mod bench;
mod memcached;
mod rabbitmq;
mod redis;

use std::process::ExitCode;

const USAGE: &str = "\
usage: playground <engine> [options] < script

engines:
  redis       redis-cli command lines in, `redis-cli --no-raw` output out
  memcached   memcached text protocol in, the server's exact bytes out
  rabbitmq    rabbitmqadmin-style lines in, the transcript out (--dump-state)
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
