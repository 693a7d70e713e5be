//! `playground bench redis`: the engine in-process against redis-server driven by
//! redis-benchmark with pipelining.
//!
//! The engine runs the commands redis-benchmark sends, with the same keys and values
//! (`key:<12 digits>`, `element:<12 digits>`, the value `xxx`), so the two columns measure
//! the same work. The engine's figure includes building each command's argv, the part of
//! parsing a request that a real server cannot skip either.

use std::process::Command;
use std::time::Duration;

use redis_sim::{Reply, Server};

use super::{PIPELINE_DEPTH, RealServer, Rng, Row, installed, measure, print_table, print_target};

/// Commands per workload, as the issue asks.
const COMMANDS: u64 = 1_000_000;
/// Wall-clock time a workload may take in the engine before it is cut short.
const BUDGET: Duration = Duration::from_secs(5);
/// Distinct random keys or members (redis-benchmark's `-r`).
const KEYSPACE: u64 = 100_000;
/// The ratio over the pipelined real server the engine should reach.
const TARGET_RATIO: f64 = 3.0;

/// The workloads, in the order they run (ZRANGE reads the sorted set ZADD built).
#[derive(Clone, Copy)]
enum Workload {
    SetGet,
    Lpush,
    Hset,
    Zadd,
    Zrange,
}

const WORKLOADS: [Workload; 5] = [
    Workload::SetGet,
    Workload::Lpush,
    Workload::Hset,
    Workload::Zadd,
    Workload::Zrange,
];

impl Workload {
    fn name(self) -> &'static str {
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

    /// This workload's rate from redis-benchmark's CSV results. The SET/GET mix runs as
    /// two tests there; equal numbers of each take the sum of their times.
    fn real_rate(self, results: &[(String, f64)]) -> Option<f64> {
        let find = |name: &str| results.iter().find(|(n, _)| n == name).map(|(_, r)| *r);
        match self {
            Workload::SetGet => Some(2.0 / (1.0 / find("SET")? + 1.0 / find("GET")?)),
            Workload::Lpush => find("LPUSH"),
            Workload::Hset => find("HSET"),
            Workload::Zadd => find("ZADD"),
            Workload::Zrange => find("ZRANGE myzset 0 9"),
        }
    }
}

/// Runs the redis bench and prints its table; `Err` only when something broke.
pub fn run() -> Result<(), String> {
    let engine = run_engine()?;
    let real = if installed("redis-server") && installed("redis-benchmark") {
        Some(run_real()?)
    } else {
        println!("redis-server or redis-benchmark is not installed: engine figures only\n");
        None
    };
    let rows: Vec<Row> = WORKLOADS
        .iter()
        .zip(&engine)
        .map(|(w, &(ops, engine))| Row {
            workload: w.name().to_string(),
            ops,
            engine,
            contrast: real.as_deref().and_then(|r| w.real_rate(r)),
        })
        .collect();
    let against = match real {
        Some(_) => format!(
            " vs {} over loopback (redis-benchmark -P {PIPELINE_DEPTH}, 50 clients, -n {})",
            super::version("redis-server"),
            super::grouped(COMMANDS)
        ),
        None => String::new(),
    };
    print_table(
        &format!(
            "redis: the engine in-process (one thread, {} commands or {} s per workload){against}",
            super::grouped(COMMANDS),
            BUDGET.as_secs(),
        ),
        "redis-server",
        &rows,
    );
    let worst = rows
        .iter()
        .filter_map(|r| Some(r.engine / r.contrast?))
        .reduce(f64::min);
    if let Some(worst) = worst {
        print_target(
            &format!("engine >= {TARGET_RATIO}x the pipelined real server on every workload"),
            &format!("lowest ratio {}", super::times(worst)),
            worst >= TARGET_RATIO,
        );
    }
    Ok(())
}

/// Runs every workload through one engine, in order, and returns (commands run, rate).
fn run_engine() -> Result<Vec<(u64, f64)>, String> {
    let mut server = Server::new(1);
    let client = server.connect();
    let mut rng = Rng::new(1);
    WORKLOADS
        .iter()
        .map(|&workload| {
            measure(COMMANDS, BUDGET, |i| {
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

/// Starts redis-server, runs redis-benchmark against it and returns (test name, rate)
/// pairs; the server is killed when this returns.
fn run_real() -> Result<Vec<(String, f64)>, String> {
    let server = RealServer::start("redis-server", |port| {
        [
            "--port",
            &port.to_string(),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ]
        .map(String::from)
        .to_vec()
    })?;
    let common = [
        "-p".to_string(),
        server.port.to_string(),
        "-P".to_string(),
        PIPELINE_DEPTH.to_string(),
        "-r".to_string(),
        KEYSPACE.to_string(),
        "-n".to_string(),
        COMMANDS.to_string(),
        "--csv".to_string(),
    ];
    let mut results = redis_benchmark(&common, &["-t", "set,get,lpush,hset,zadd"])?;
    results.extend(redis_benchmark(&common, &["ZRANGE", "myzset", "0", "9"])?);
    Ok(results)
}

/// One redis-benchmark run; its CSV lines are `"TEST","rps",...` after a header.
fn redis_benchmark(common: &[String], args: &[&str]) -> Result<Vec<(String, f64)>, String> {
    let output = Command::new("redis-benchmark")
        .args(common)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run redis-benchmark: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "redis-benchmark failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let results: Vec<(String, f64)> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| {
            let mut fields = line.split(',').map(|f| f.trim_matches('"'));
            let name = fields.next()?.to_string();
            let rps = fields.next()?.parse().ok()?;
            Some((name, rps))
        })
        .collect();
    if results.is_empty() {
        return Err(format!(
            "no results in redis-benchmark's output: {}",
            String::from_utf8_lossy(&output.stdout)
        ));
    }
    Ok(results)
}
