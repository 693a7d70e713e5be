//! Python: a loop-heavy program and a producer/consumer on a `queue.Queue`, run by the
//! playground's interpreter and, for the contrast, by CPython 3.11 (the native shell
//! runs `python3` on the same files).
//!
//! Both programs print a checksum, so a fast wrong answer does not pass as a result.

use std::rc::Rc;

use python::vm::{EmptyFolder, Run, Stream, Vm};

use crate::{Clock, Row, Table, timed};

/// One program and what it must print.
#[derive(Clone, Copy, Debug)]
pub struct Workload {
    /// What it does, in a learner's words.
    pub name: &'static str,
    /// Its file name, for the contrast's copy.
    pub file: &'static str,
    /// The program.
    pub source: &'static str,
    /// The operations it does: loop iterations, or items through the queue.
    pub ops: u64,
    /// What python3 prints for it.
    pub expected: &'static str,
}

/// The two workloads.
pub const WORKLOADS: [Workload; 2] = [
    Workload {
        name: "loop: arithmetic, dict, list (1M)",
        file: "loop.py",
        source: include_str!("loop.py"),
        ops: 1_000_000,
        expected: "4999995 97 10310 50\n",
    },
    Workload {
        name: "producer/consumer, Queue(100)",
        file: "producer_consumer.py",
        source: include_str!("producer_consumer.py"),
        ops: 100_000,
        expected: "4999950000\n",
    },
];

/// The ratio over CPython the native build should reach.
pub const NATIVE_TARGET: f64 = 0.5;
/// The ratio over CPython the wasm build should reach.
pub const WASM_TARGET: f64 = 0.25;

/// Runs `workload` to its end in a fresh world; returns its rate (operations per second)
/// once its output is checked.
pub fn run_engine(clock: &impl Clock, workload: &Workload) -> Result<f64, String> {
    let (output, ms) = timed(clock, || {
        let mut vm = Vm::new(0, 0);
        let pid = vm.spawn(
            workload.source,
            vec![workload.file.to_owned()],
            Rc::new(EmptyFolder("/bench")),
            String::new(),
        );
        loop {
            match vm.run(1_000_000) {
                Run::Busy => {}
                Run::Done => break,
                Run::Waiting(Some(deadline)) => vm.advance_to(deadline),
                Run::Waiting(None) => break,
            }
        }
        let output: String = vm
            .take_output(pid)
            .into_iter()
            .map(|(stream, text)| match stream {
                Stream::Stdout => text,
                Stream::Stderr => format!("[stderr] {text}"),
            })
            .collect();
        output
    });
    if output != workload.expected {
        return Err(format!(
            "{} printed {output:?}, python3 prints {:?}",
            workload.file, workload.expected
        ));
    }
    Ok(workload.ops as f64 / (ms / 1000.0).max(1e-9))
}

/// The table of the engine's rates, with CPython's where the caller measured them.
pub fn table(rates: &[f64], cpython: Option<&[f64]>, target: f64, build: &str) -> Table {
    let rows: Vec<Row> = WORKLOADS
        .iter()
        .enumerate()
        .map(|(i, workload)| Row {
            workload: workload.name.to_owned(),
            ops: workload.ops,
            engine: rates[i],
            contrast: cpython.map(|c| c[i]),
        })
        .collect();
    let mut table = Table {
        title: format!(
            "python: the playground's interpreter ({build}) beside CPython 3.11, operations per second"
        ),
        contrast: "CPython 3.11".to_owned(),
        rows,
        notes: Vec::new(),
    };
    if let Some(cpython) = cpython {
        let figures: Vec<String> = cpython.iter().map(|rate| format!("{rate:.0}")).collect();
        table
            .notes
            .push(format!("cpython rates: {}", figures.join(" ")));
        for (i, workload) in WORKLOADS.iter().enumerate() {
            let ratio = rates[i] / cpython[i];
            table.target(
                &format!("{} at least {target}x CPython", workload.name),
                &crate::times(ratio),
                ratio >= target,
            );
        }
    }
    table
}
