//! `playground bench redis`: the engine in-process, beside redis-server driven by
//! redis-benchmark with pipelining when both are installed.

use std::process::Command;

use playground_bench::redis::{
    KEYSPACE, RUNS, Size, WORKLOADS, Workload, median_runs, run_engine, table,
};
use playground_bench::{PIPELINE_DEPTH, Table, grouped, median};

use super::{RealServer, WallClock, installed, version};

/// Runs the redis bench and returns its table; `Err` only when something broke. The
/// engine and the real server take turns, [`RUNS`] times each, so a slow spell of the
/// machine falls on both.
pub fn run(clock: &WallClock) -> Result<Table, String> {
    let size = Size::FULL;
    let real = installed("redis-server") && installed("redis-benchmark");
    if !real {
        println!("redis-server or redis-benchmark is not installed: engine figures only\n");
    }
    let mut engine_runs = Vec::new();
    let mut real_runs = Vec::new();
    for _ in 0..RUNS {
        engine_runs.push(run_engine(clock, size)?);
        if real {
            let results = run_real(size)?;
            real_runs.push(WORKLOADS.map(|w| real_rate(w, &results)));
        }
    }
    let engine = median_runs(&engine_runs);
    if !real {
        return Ok(table(size, &engine, None));
    }
    let name = format!(
        "{} over loopback (redis-benchmark -P {PIPELINE_DEPTH}, 50 clients, -n {})",
        version("redis-server"),
        grouped(size.commands)
    );
    let rates: [Option<f64>; WORKLOADS.len()] = std::array::from_fn(|i| {
        let measured: Vec<f64> = real_runs.iter().filter_map(|run| run[i]).collect();
        (!measured.is_empty()).then(|| median(measured))
    });
    Ok(table(size, &engine, Some((&name, rates))))
}

/// A workload's rate from redis-benchmark's CSV results. The SET/GET mix runs as two
/// tests there; equal numbers of each take the sum of their times.
fn real_rate(workload: Workload, results: &[(String, f64)]) -> Option<f64> {
    let find = |name: &str| results.iter().find(|(n, _)| n == name).map(|(_, r)| *r);
    match workload {
        Workload::SetGet => Some(2.0 / (1.0 / find("SET")? + 1.0 / find("GET")?)),
        Workload::Lpush => find("LPUSH"),
        Workload::Hset => find("HSET"),
        Workload::Zadd => find("ZADD"),
        Workload::Zrange => find("ZRANGE myzset 0 9"),
    }
}

/// Starts redis-server, runs redis-benchmark against it and returns (test name, rate)
/// pairs; the server is killed when this returns.
fn run_real(size: Size) -> Result<Vec<(String, f64)>, String> {
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
        size.commands.to_string(),
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
