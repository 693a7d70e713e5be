//! Redis: SET/GET 50/50 over 100,000 keys, then LPUSH, HSET, ZADD and ZRANGE.
//!
//! The engine runs the commands redis-benchmark sends, with the same keys and values
//! (`key:<12 digits>`, `element:<12 digits>`, the value `xxx`), so the engine's column and
//! redis-benchmark's measure the same work. The engine's figure includes building each
//! command's argv, the part of parsing a request that a real server cannot skip either.

use redis_sim::{Reply, Server};

use crate::{Clock, Rng, Row, Table, measure};

/// Distinct random keys or members (redis-benchmark's `-r`).
pub const KEYSPACE: u64 = 100_000;
/// The ratio over the pipelined real server the engine should reach.
pub const TARGET_RATIO: f64 = 3.0;

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

    /// The next command, as redis-benchmark's template for this test expands it.
    fn command(self, rng: &mut Rng) -> Vec<Vec<u8>> {
        let random = |rng: &mut Rng, prefix: &str| {
            format!("{prefix}{:012}", rng.below(KEYSPACE)).into_bytes()
        };
        let words = |w: &[&str]| w.iter().map(|w| w.as_bytes().to_vec()).collect::<Vec<_>>();
        match self {
            Workload::SetGet if rng.percent(50) => {
                vec![b"SET".to_vec(), random(rng, "key:"), b"xxx".to_vec()]
            }
            Workload::SetGet => vec![b"GET".to_vec(), random(rng, "key:")],
            Workload::Lpush => words(&["LPUSH", "mylist", "xxx"]),
            Workload::Hset => {
                vec![
                    b"HSET".to_vec(),
                    b"myhash".to_vec(),
                    random(rng, "element:"),
                    b"xxx".to_vec(),
                ]
            }
            Workload::Zadd => {
                vec![
                    b"ZADD".to_vec(),
                    b"myzset".to_vec(),
                    b"0".to_vec(),
                    random(rng, "element:"),
                ]
            }
            Workload::Zrange => words(&["ZRANGE", "myzset", "0", "9"]),
        }
    }
}

/// Runs every workload through one engine, in order: (commands run, commands per second).
pub fn run_engine(clock: &impl Clock, size: Size) -> Result<Vec<(u64, f64)>, String> {
    let mut server = Server::new(1);
    let client = server.connect();
    let mut rng = Rng::new(1);
    WORKLOADS
        .iter()
        .map(|&workload| {
            measure(clock, size.commands, size.budget_ms, |i| {
                // The virtual clock moves a millisecond every thousand commands, and each
                // millisecond's events are drained, as the page drains them every frame;
                // left alone they would pile up for the whole run.
                if i.is_multiple_of(1000) {
                    server.drain_events();
                }
                match server.execute(client, workload.command(&mut rng), i / 1000) {
                    Reply::Error(e) => {
                        Err(format!("the engine answered {e} to {}", workload.name()))
                    }
                    _ => Ok(()),
                }
            })
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
            "redis: the engine in-process (one thread, {} commands or {} s per workload){against}",
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
