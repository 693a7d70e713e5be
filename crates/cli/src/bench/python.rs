//! `playground bench python`: the interpreter beside CPython 3.11 on the same programs.
//!
//! CPython's time is its whole run of the program less the run of an empty program
//! (interpreter start-up), each the median of three; the engine's is its median of three
//! runs in a fresh world.

use std::process::Command;
use std::time::Instant;

use playground_bench::python::{NATIVE_TARGET, WORKLOADS, Workload, run_engine, table};
use playground_bench::{Clock, Table, median};

const RUNS: usize = 3;

pub fn run(clock: &impl Clock) -> Result<Table, String> {
    let mut rates = Vec::new();
    for workload in &WORKLOADS {
        let runs: Result<Vec<f64>, String> =
            (0..RUNS).map(|_| run_engine(clock, workload)).collect();
        rates.push(median(runs?));
    }
    let cpython = if super::installed("python3") {
        Some(cpython_rates()?)
    } else {
        None
    };
    Ok(table(&rates, cpython.as_deref(), NATIVE_TARGET, "native"))
}

/// Seconds python3 takes to run `source` from a file, start-up included.
fn python3_seconds(file: &std::path::Path) -> Result<f64, String> {
    let start = Instant::now();
    let output = Command::new("python3")
        .arg(file)
        .output()
        .map_err(|e| format!("cannot run python3: {e}"))?;
    if !output.status.success() {
        return Err(format!("python3 {} failed", file.display()));
    }
    Ok(start.elapsed().as_secs_f64())
}

fn cpython_rates() -> Result<Vec<f64>, String> {
    let folder = std::env::temp_dir().join(format!("playground-bench-{}", std::process::id()));
    std::fs::create_dir_all(&folder).map_err(|e| e.to_string())?;
    let empty = folder.join("empty.py");
    std::fs::write(&empty, "").map_err(|e| e.to_string())?;
    let measure = |file: &std::path::Path| -> Result<f64, String> {
        let runs: Result<Vec<f64>, String> = (0..RUNS).map(|_| python3_seconds(file)).collect();
        Ok(median(runs?))
    };
    let startup = measure(&empty)?;
    let mut rates = Vec::new();
    for workload in &WORKLOADS {
        let file = write(&folder, workload)?;
        let seconds = (measure(&file)? - startup).max(1e-6);
        rates.push(workload.ops as f64 / seconds);
    }
    let _ = std::fs::remove_dir_all(&folder);
    Ok(rates)
}

fn write(folder: &std::path::Path, workload: &Workload) -> Result<std::path::PathBuf, String> {
    let file = folder.join(workload.file);
    std::fs::write(&file, workload.source).map_err(|e| e.to_string())?;
    Ok(file)
}
