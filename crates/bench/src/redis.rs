//! Redis: SET/GET 50/50 over 100,000 keys, then LPUSH, HSET, ZADD and ZRANGE.
//!
//! The engine runs the commands redis-benchmark sends, with the same keys and values
//! (`key:<12 digits>`, `element:<12 digits>`, the value `xxx`), so the engine's column and
//! redis-benchmark's measure the same work. Like redis-benchmark, the bench encodes each
//! request as RESP once and rewrites its twelve random digits in place per command.
//!
//! The engine's figure includes, per command, what a real server does apart from the
//! network: parsing the RESP request into arguments (copied into buffers kept between
//! commands), looking the command up and running it through `Server::execute_args` (the
//! path `Server::execute` and the console take too) with all its bookkeeping (statistics,
//! WATCH, LRU clock, keyspace notifications when configured), and encoding the reply as
//! RESP into an output buffer that is reused every [`PIPELINE_DEPTH`] commands. It leaves
//! out the socket reads and writes, and the change events only the web page draws
//! (switched off with `Server::record_events`, as for any server nobody draws).

use redis_sim::resp::{self, Request};
use redis_sim::{Reply, Server};

use crate::{Clock, PIPELINE_DEPTH, Rng, Row, Table, measure, median_by};

/// Distinct random keys or members (redis-benchmark's `-r`).
pub const KEYSPACE: u64 = 100_000;
/// The ratio over the pipelined real server the engine should reach.
pub const TARGET_RATIO: f64 = 3.0;
/// Runs of each side, taking turns; each workload's figure is its median run, as one
/// run's figure on a shared machine moves by a tenth from one run to the next.
pub const RUNS: usize = 3;

/// How much work a run does.
#[derive(Clone, Copy, Debug)]
pub struct Size {
    /// Commands per workload.
    pub commands: u64,
    /// Wall-clock milliseconds a workload may take before it is cut short.
    pub budget_ms: f64,
}

impl Size {
    /// The figures: one million commands per workload, five seconds at most.
    pub const FULL: Size = Size {
        commands: 1_000_000,
        budget_ms: 5_000.0,
    };
}

/// The workloads, in the order they run (ZRANGE reads the sorted set ZADD built).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Workload {
    /// `SET key:<n> xxx` and `GET key:<n>`, half each.
    SetGet,
    /// `LPUSH mylist xxx`.
    Lpush,
    /// `HSET myhash element:<n> xxx`.
    Hset,
    /// `ZADD myzset 0 element:<n>`.
    Zadd,
    /// `ZRANGE myzset 0 9`.
    Zrange,
}

/// Every workload, in running order.
pub const WORKLOADS: [Workload; 5] = [
    Workload::SetGet,
    Workload::Lpush,
    Workload::Hset,
    Workload::Zadd,
    Workload::Zrange,
];

impl Workload {
    /// The table row's name.
    pub fn name(self) -> &'static str {
        match self {
            Workload::SetGet => "SET/GET 50/50",
            Workload::Lpush => "LPUSH",
            Workload::Hset => "HSET",
            Workload::Zadd => "ZADD",
            Workload::Zrange => "ZRANGE myzset 0 9",
        }
    }

    /// The requests this test sends, as redis-benchmark writes them (`__rand_int__`
    /// marks the random argument); SET/GET picks one of its two at random.
    fn requests(self) -> Vec<Template> {
        let templates: &[&[&str]] = match self {
            Workload::SetGet => &[
                &["SET", "key:__rand_int__", "xxx"],
                &["GET", "key:__rand_int__"],
            ],
            Workload::Lpush => &[&["LPUSH", "mylist", "xxx"]],
            Workload::Hset => &[&["HSET", "myhash", "element:__rand_int__", "xxx"]],
            Workload::Zadd => &[&["ZADD", "myzset", "0", "element:__rand_int__"]],
            Workload::Zrange => &[&["ZRANGE", "myzset", "0", "9"]],
        };
        templates.iter().map(|words| Template::new(words)).collect()
    }
}

/// One request encoded as RESP once, its random argument's twelve digits rewritten in
/// place for each command: what redis-benchmark does with `-r`.
struct Template {
    bytes: Vec<u8>,
    /// Where the digits of `__rand_int__` are, if the request has one.
    digits: Option<usize>,
}

impl Template {
    fn new(words: &[&str]) -> Template {
        let mut bytes = format!("*{}\r\n", words.len()).into_bytes();
        let mut digits = None;
        for word in words {
            let word = match word.split_once("__rand_int__") {
                Some((prefix, _)) => {
                    let at = bytes.len() + format!("${}\r\n", prefix.len() + 12).len();
                    digits = Some(at + prefix.len());
                    format!("{prefix}{:012}", 0)
                }
                None => word.to_string(),
            };
            bytes.extend_from_slice(format!("${}\r\n{word}\r\n", word.len()).as_bytes());
        }
        Template { bytes, digits }
    }

    /// The request with a fresh random number in `0..KEYSPACE`.
    fn next(&mut self, rng: &mut Rng) -> &[u8] {
        if let Some(at) = self.digits {
            // Two digits per division, as the client's share of the work should stay small.
            let mut n = rng.below(KEYSPACE);
            for pair in self.bytes[at..at + 12].rchunks_exact_mut(2) {
                let two = (n % 100) as u8;
                pair.copy_from_slice(&[b'0' + two / 10, b'0' + two % 10]);
                n /= 100;
            }
        }
        &self.bytes
    }
}

/// Runs every workload through one engine, in order: (commands run, commands per second).
pub fn run_engine(clock: &impl Clock, size: Size) -> Result<Vec<(u64, f64)>, String> {
    let mut server = Server::new(1);
    // Nobody draws this server, as nobody draws a real one: no change events for a page.
    server.record_events(false);
    let client = server.connect();
    let mut rng = Rng::new(1);
    let mut request = Request::default();
    let mut written = Vec::new();
    WORKLOADS
        .iter()
        .map(|&workload| {
            let mut templates = workload.requests();
            measure(clock, size.commands, size.budget_ms, |i| {
                // A pipeline's replies leave in one write, then the buffer is reused.
                if i.is_multiple_of(PIPELINE_DEPTH as u64) {
                    written.clear();
                }
                let pick = match templates.len() {
                    1 => 0,
                    _ => usize::from(!rng.percent(50)),
                };
                let bytes = templates[pick].next(&mut rng);
                request
                    .parse(bytes)
                    .ok_or_else(|| format!("malformed request for {}", workload.name()))?;
                // The virtual clock moves a millisecond every thousand commands.
                let reply = server.execute_args(client, request.argv(), i / 1000);
                if let Reply::Error(e) = &reply {
                    return Err(format!("the engine answered {e} to {}", workload.name()));
                }
                resp::encode(&reply, &mut written);
                Ok(())
            })
        })
        .collect()
}

/// Each workload's median run (its count and rate) over several runs of [`run_engine`].
pub fn median_runs(runs: &[Vec<(u64, f64)>]) -> Vec<(u64, f64)> {
    (0..WORKLOADS.len())
        .map(|i| {
            let ran = runs.iter().filter_map(|run| run.get(i).copied()).collect();
            median_by(ran, |&(_, rate)| rate).unwrap_or((0, 0.0))
        })
        .collect()
}

/// The engine's table; `real` names the real server's run and gives its rate for each
/// of [`WORKLOADS`], when it was measured.
pub fn table(
    size: Size,
    engine: &[(u64, f64)],
    real: Option<(&str, [Option<f64>; WORKLOADS.len()])>,
) -> Table {
    let rows: Vec<Row> = WORKLOADS
        .iter()
        .zip(engine)
        .enumerate()
        .map(|(i, (&w, &(ops, engine)))| Row {
            workload: w.name().to_string(),
            ops,
            engine,
            contrast: real.and_then(|(_, rates)| rates[i]),
        })
        .collect();
    let against = real.map_or(String::new(), |(name, _)| format!(" vs {name}"));
    let mut table = Table {
        title: format!(
            "redis: the engine in-process (one thread, {} commands or {} s per workload){against}; median of {RUNS} runs, taking turns",
            crate::grouped(size.commands),
            size.budget_ms / 1000.0,
        ),
        contrast: "redis-server".to_string(),
        rows,
        notes: Vec::new(),
    };
    let worst = table
        .rows
        .iter()
        .filter_map(|r| Some(r.engine / r.contrast?))
        .reduce(f64::min);
    if let Some(worst) = worst {
        table.target(
            &format!("engine >= {TARGET_RATIO}x the pipelined real server on every workload"),
            &format!("lowest ratio {}", crate::times(worst)),
            worst >= TARGET_RATIO,
        );
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_workload_runs_without_an_error_reply() {
        let clock = || 0.0;
        let size = Size {
            commands: 300,
            budget_ms: 1_000.0,
        };
        let ran = run_engine(&clock, size).unwrap();
        assert_eq!(ran.len(), WORKLOADS.len());
        assert!(ran.iter().all(|&(ops, _)| ops == 300));
    }
}
