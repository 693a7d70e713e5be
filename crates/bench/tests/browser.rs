//! The bench workloads as wasm in headless Chromium, timed with `performance.now()`.
//! Run by `./x bench` (release build, output not captured); not part of `./x test`.
//!
//! The tests run in a dedicated worker, as a page would run a long computation: a bench
//! holds its thread for many seconds, and on the page's main thread that stalls the
//! renderer until the browser driver gives up on it.
#![cfg(target_arch = "wasm32")]

use playground_bench::{Table, memcached, python, rabbitmq, redis};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::WorkerGlobalScope;

wasm_bindgen_test_configure!(run_in_dedicated_worker);

/// The worker's high-resolution clock, in milliseconds.
fn performance_now() -> f64 {
    js_sys::global()
        .dyn_into::<WorkerGlobalScope>()
        .ok()
        .and_then(|scope| scope.performance())
        .map_or(0.0, |p| p.now())
}

/// Prints a table the way `playground bench` does, marked as the wasm run.
fn print(table: Table) {
    let table = Table {
        title: format!("[wasm, headless Chromium] {}", table.title),
        ..table
    };
    console_log!("{table}");
}

#[wasm_bindgen_test]
fn memcached_get_set() {
    let workload = memcached::Workload::new(memcached::Size::FULL);
    let engine = memcached::run_engine(&performance_now, &workload).unwrap();
    print(memcached::table(&workload, engine, None));
}

#[wasm_bindgen_test]
fn redis_commands() {
    let runs: Vec<_> = (0..redis::RUNS)
        .map(|_| redis::run_engine(&performance_now, redis::Size::FULL).unwrap())
        .collect();
    print(redis::table(
        redis::Size::FULL,
        &redis::median_runs(&runs),
        None,
    ));
}

#[wasm_bindgen_test]
fn rabbitmq_routing_and_delivery() {
    print(rabbitmq::run(&performance_now, rabbitmq::Size::FULL).unwrap());
}

/// CPython's rates from the native run of the same `./x bench`, which passes them in
/// when it builds this harness (space-separated, in `python::WORKLOADS` order).
const CPYTHON_RATES: Option<&str> = option_env!("PLAYGROUND_CPYTHON_RATES");

#[wasm_bindgen_test]
fn python_programs() {
    let rates: Vec<f64> = python::WORKLOADS
        .iter()
        .map(|workload| python::run_engine(&performance_now, workload).unwrap())
        .collect();
    let cpython: Option<Vec<f64>> = CPYTHON_RATES.map(|rates| {
        rates
            .split_whitespace()
            .filter_map(|rate| rate.parse().ok())
            .collect()
    });
    let cpython = cpython.filter(|rates| rates.len() == python::WORKLOADS.len());
    print(python::table(
        &rates,
        cpython.as_deref(),
        python::WASM_TARGET,
        "wasm",
    ));
}
