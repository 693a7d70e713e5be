//! `playground bench <engine>`: how fast each engine runs natively, beside the real server.
//!
//! The workloads live in the `playground-bench` crate, which the browser harness runs as
//! wasm too; this shell gives them a wall clock and adds what only a native process can
//! measure: the real servers over loopback. Every bench prints the same table: a workload,
//! how many operations it ran, the engine's rate, the contrast's rate (the real server, or
//! for topic routing a naive matcher) and engine / contrast.
//!
//! A missing target is a finding, not a failure: the exit status is non-zero only when
//! something went wrong (a server would not start, an engine answered an error).

mod memcached;
mod python;
mod redis;

use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::process::{Child, Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use playground_bench::Clock;

const USAGE: &str = "\
usage: playground bench <engine>

  redis       SET/GET, LPUSH, HSET, ZADD, ZRANGE in-process, beside redis-server
              driven by redis-benchmark -P 64
  memcached   get/set 90/10 through the text protocol, beside memcached over loopback
  python      a loop-heavy program and a Queue producer/consumer, beside python3
  rabbitmq    topic routing at 100, 10,000 and 100,000 bindings beside a naive
              matcher, and simulated publish-deliver-ack throughput

A real server is measured when it is installed; otherwise the engine figures stand alone.
";

/// Runs the bench named by `args[0]`.
pub fn run(args: &[String]) -> ExitCode {
    let clock = WallClock(Instant::now());
    let result = match args.first().map(String::as_str) {
        Some("redis") => redis::run(&clock),
        Some("memcached") => memcached::run(&clock),
        Some("python") => python::run(&clock),
        Some("rabbitmq") => {
            playground_bench::rabbitmq::run(&clock, playground_bench::rabbitmq::Size::FULL)
        }
        Some("-h" | "--help") => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(table) => {
            print!("{table}");
            ExitCode::SUCCESS
        }
        Err(why) => {
            eprintln!("playground bench: {why}");
            ExitCode::FAILURE
        }
    }
}

/// Milliseconds since the bench started, from the monotonic clock.
struct WallClock(Instant);

impl Clock for WallClock {
    fn now_ms(&self) -> f64 {
        self.0.elapsed().as_secs_f64() * 1000.0
    }
}

/// Whether `program` is on the PATH.
fn installed(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()))
}

/// A real server started for a bench on a free loopback port, killed (by its process id)
/// when dropped, so an early return cannot leave it running.
struct RealServer {
    child: Child,
    /// The loopback port it listens on.
    port: u16,
}

impl RealServer {
    /// Starts `program` with the arguments `args(port)` and waits until it accepts
    /// connections.
    fn start(program: &str, args: impl FnOnce(u16) -> Vec<String>) -> Result<RealServer, String> {
        let port = free_port()?;
        let child = Command::new(program)
            .args(args(port))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start {program}: {e}"))?;
        let server = RealServer { child, port };
        let deadline = Instant::now() + Duration::from_secs(5);
        while TcpStream::connect((Ipv4Addr::LOCALHOST, port)).is_err() {
            if Instant::now() > deadline {
                return Err(format!(
                    "{program} did not listen on port {port} within 5 s"
                ));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        Ok(server)
    }
}

impl Drop for RealServer {
    fn drop(&mut self) {
        // Child::kill signals this process id only; wait reaps it.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A loopback port nobody listens on right now (the OS picks it).
fn free_port() -> Result<u16, String> {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| format!("no free loopback port: {e}"))
}

/// `program` and its version number from `program --version`, to name the real server
/// in a table title: `memcached 1.6.18`, `redis-server 7.0.15` (Redis prints `v=7.0.15`).
fn version(program: &str) -> String {
    let output = Command::new(program)
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    match output
        .split_whitespace()
        .map(|word| word.trim_start_matches("v="))
        .find(|word| word.starts_with(|c: char| c.is_ascii_digit()) && word.contains('.'))
    {
        Some(number) => format!("{program} {number}"),
        None => program.to_string(),
    }
}
