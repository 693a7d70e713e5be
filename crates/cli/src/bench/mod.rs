//! `playground bench <engine>`: how fast each engine runs natively, beside the real server.
//!
//! Every bench prints the same table: a workload, how many operations it ran, the engine's
//! rate, the contrast's rate (the real server over loopback, or for topic routing a naive
//! matcher) and engine / contrast. Wall-clock time is read here, in the native shell only;
//! the engines themselves are fed a virtual clock that the benches advance.
//!
//! A missing target is a finding, not a failure: the exit status is non-zero only when
//! something went wrong (a server would not start, an engine answered an error).

mod memcached;
mod rabbitmq;
mod redis;

use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::process::{Child, Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

const USAGE: &str = "\
usage: playground bench <engine>

  redis       SET/GET, LPUSH, HSET, ZADD, ZRANGE in-process, beside redis-server
              driven by redis-benchmark -P 64
  memcached   get/set 90/10 through the text protocol, beside memcached over loopback
  rabbitmq    topic routing at 100, 10,000 and 100,000 bindings beside a naive
              matcher, and simulated publish-deliver-ack throughput

A real server is measured when it is installed; otherwise the engine figures stand alone.
";

/// Commands in flight per round trip, for the engines and the real servers alike, so
/// both sides pay for one write and one read per this many commands.
pub const PIPELINE_DEPTH: usize = 64;

/// Runs the bench named by `args[0]`.
pub fn run(args: &[String]) -> ExitCode {
    let result = match args.first().map(String::as_str) {
        Some("redis") => redis::run(),
        Some("memcached") => memcached::run(),
        Some("rabbitmq") => rabbitmq::run(),
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
        Ok(()) => ExitCode::SUCCESS,
        Err(why) => {
            eprintln!("playground bench: {why}");
            ExitCode::FAILURE
        }
    }
}

/// One line of a bench table. Rates are operations per second.
pub struct Row {
    /// What was run, in the real system's vocabulary.
    pub workload: String,
    /// Operations the engine ran.
    pub ops: u64,
    /// The engine's rate.
    pub engine: f64,
    /// The contrast's rate on the same workload, when there is one.
    pub contrast: Option<f64>,
}

/// Prints `rows` under `title`, the contrast column headed `contrast`.
pub fn print_table(title: &str, contrast: &str, rows: &[Row]) {
    println!("{title}\n");
    let contrast = format!("{contrast} /s");
    println!(
        "{:<34} {:>11} {:>14} {:>22} {:>8}",
        "workload", "ops", "engine /s", contrast, "ratio"
    );
    for row in rows {
        let (theirs, ratio) = match row.contrast {
            Some(rate) => (grouped(rate as u64), times(row.engine / rate)),
            None => ("-".to_string(), "-".to_string()),
        };
        println!(
            "{:<34} {:>11} {:>14} {:>22} {:>8}",
            row.workload,
            grouped(row.ops),
            grouped(row.engine as u64),
            theirs,
            ratio
        );
    }
    println!();
}

/// Prints a target and whether this run reached it.
pub fn print_target(target: &str, figure: &str, reached: bool) {
    let verdict = if reached { "reached" } else { "NOT reached" };
    println!("target: {target}: {figure} ({verdict})");
}

/// A ratio as `1.23x`, with more digits when it is small, so a far-off figure does not
/// read as zero.
pub fn times(ratio: f64) -> String {
    if ratio >= 0.1 {
        format!("{ratio:.2}x")
    } else {
        format!("{ratio:.4}x")
    }
}

/// `1234567` as `1,234,567`, so rates can be read at a glance.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Runs `work` and returns its result and how long it took.
pub fn timed<T>(work: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let result = work();
    (result, start.elapsed())
}

/// Runs `step(0)`, `step(1)`, ... until `ops` steps are done or `budget` has passed, and
/// returns how many ran and their rate per second. A slow engine path thus shows as a low
/// figure over fewer operations instead of a bench that never ends. The clock is read
/// every 256 steps, so reading it does not weigh on the figure.
pub fn measure(
    ops: u64,
    budget: Duration,
    mut step: impl FnMut(u64) -> Result<(), String>,
) -> Result<(u64, f64), String> {
    let start = Instant::now();
    let mut done = 0;
    while done < ops {
        step(done)?;
        done += 1;
        if done.is_multiple_of(256) && start.elapsed() > budget {
            break;
        }
    }
    Ok((done, rate(done, start.elapsed())))
}

/// Operations per second.
pub fn rate(ops: u64, elapsed: Duration) -> f64 {
    ops as f64 / elapsed.as_secs_f64().max(1e-9)
}

/// SplitMix64: a few lines of seeded randomness, so a bench replays the same workload
/// every time without a dependency.
pub struct Rng(u64);

impl Rng {
    /// A generator whose sequence is fixed by `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (the slight modulo bias does not matter for a workload).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    /// True with probability `percent` / 100.
    pub fn percent(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// Whether `program` is on the PATH.
pub fn installed(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()))
}

/// A real server started for a bench on a free loopback port, killed (by its process id)
/// when dropped, so an early return cannot leave it running.
pub struct RealServer {
    child: Child,
    /// The loopback port it listens on.
    pub port: u16,
}

impl RealServer {
    /// Starts `program` with the arguments `args(port)` and waits until it accepts
    /// connections.
    pub fn start(
        program: &str,
        args: impl FnOnce(u16) -> Vec<String>,
    ) -> Result<RealServer, String> {
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
pub fn version(program: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouped_puts_a_comma_every_three_digits() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(1_234_567), "1,234,567");
    }

    #[test]
    fn small_ratios_keep_their_digits() {
        assert_eq!(times(3.456), "3.46x");
        assert_eq!(times(0.00234), "0.0023x");
    }
}
