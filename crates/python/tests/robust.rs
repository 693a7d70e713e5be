//! No input makes the interpreter panic or run away: the differential suite's programs,
//! mutated at random, and random bytes, each run under an instruction budget.

use std::rc::Rc;

use proptest::prelude::*;
use python::vm::{EmptyFolder, Run, Vm};

/// The suite's programs, read once.
fn programs() -> &'static [String] {
    static PROGRAMS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    PROGRAMS.get_or_init(|| {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/diff/python/programs");
        let mut found = Vec::new();
        let mut folders = vec![root];
        while let Some(folder) = folders.pop() {
            let Ok(entries) = std::fs::read_dir(&folder) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    folders.push(path);
                } else if path.extension().is_some_and(|e| e == "py")
                    && let Ok(text) = std::fs::read_to_string(&path)
                {
                    found.push(text);
                }
            }
        }
        found.sort();
        found
    })
}

/// Runs `source` for at most `budget` instructions and a minute of virtual time, on a
/// thread with the stack an unoptimised build needs for the deepest nesting allowed.
fn run(source: &str, budget: u64) {
    let source = source.to_owned();
    std::thread::Builder::new()
        .stack_size(16 << 20)
        .spawn(move || run_here(&source, budget))
        .expect("a thread")
        .join()
        .expect("no panic");
}

fn run_here(source: &str, budget: u64) {
    let mut vm = Vm::new(1_700_000_000_000_000_000, 7);
    vm.spawn(
        source,
        vec!["prog.py".to_owned()],
        Rc::new(EmptyFolder("/robust")),
        "line\n".to_owned(),
    );
    let limit = vm.now_ns + 60_000_000_000;
    let mut left = budget;
    while left > 0 {
        match vm.run(10_000) {
            Run::Done | Run::Waiting(None) => return,
            Run::Waiting(Some(deadline)) if deadline > limit => return,
            Run::Waiting(Some(deadline)) => vm.advance_to(deadline),
            Run::Busy => {}
        }
        left = left.saturating_sub(10_000);
    }
}

/// One edit of a program's text.
#[derive(Clone, Debug)]
enum Mutation {
    DeleteChar(usize),
    InsertChar(usize, char),
    DuplicateLine(usize),
    DeleteLine(usize),
    SwapLines(usize, usize),
}

fn mutate(source: &str, mutations: &[Mutation]) -> String {
    let mut text: Vec<char> = source.chars().collect();
    for mutation in mutations {
        match *mutation {
            Mutation::DeleteChar(at) if !text.is_empty() => {
                text.remove(at % text.len());
            }
            Mutation::InsertChar(at, c) => {
                let at = at % (text.len() + 1);
                text.insert(at, c);
            }
            Mutation::DuplicateLine(n) | Mutation::DeleteLine(n) | Mutation::SwapLines(n, _) => {
                let joined: String = text.iter().collect();
                let mut lines: Vec<&str> = joined.lines().collect();
                if lines.is_empty() {
                    continue;
                }
                let i = n % lines.len();
                match *mutation {
                    Mutation::DuplicateLine(_) => lines.insert(i, lines[i]),
                    Mutation::DeleteLine(_) => {
                        lines.remove(i);
                    }
                    Mutation::SwapLines(_, m) => {
                        let j = m % lines.len();
                        lines.swap(i, j);
                    }
                    _ => {}
                }
                text = lines.join("\n").chars().collect();
            }
            _ => {}
        }
    }
    text.into_iter().collect()
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let chars = prop::sample::select(vec![
        ' ', '\n', '\t', '(', ')', '[', ']', '{', '}', ':', ',', '.', '=', '*', '"', '\'', '#',
        '\\', 'x', '0', '中', '，', '\0', '@', '-', '%', 'f',
    ]);
    prop_oneof![
        any::<usize>().prop_map(Mutation::DeleteChar),
        (any::<usize>(), chars).prop_map(|(at, c)| Mutation::InsertChar(at, c)),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        any::<usize>().prop_map(Mutation::DeleteLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn mutated_suite_programs_never_panic(
        index in any::<usize>(),
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let programs = programs();
        prop_assume!(!programs.is_empty());
        let source = mutate(&programs[index % programs.len()], &mutations);
        run(&source, 300_000);
    }

    #[test]
    fn random_text_never_panics(source in "[ -~\\n\\t中，]{0,200}") {
        run(&source, 100_000);
    }
}

#[test]
fn every_suite_program_runs_without_panicking() {
    for source in programs() {
        run(source, 2_000_000);
    }
}

#[test]
fn deep_nesting_is_a_syntax_error_not_a_stack_overflow() {
    run(
        &format!("x = {}1{}", "(".repeat(5000), ")".repeat(5000)),
        10_000,
    );
    run(&format!("x = {}1", "-".repeat(50_000)), 10_000);
    run(&format!("x = {}", "[".repeat(100_000)), 10_000);
    run(&format!("x = {}1", "not ".repeat(50_000)), 10_000);
    run(&format!("x = {}1", "lambda: ".repeat(5_000)), 10_000);
    run(&format!("x = {}1", "~".repeat(50_000)), 10_000);
}

#[test]
fn runaway_recursion_is_a_recursion_error() {
    run("def f(n):\n    return f(n + 1)\nf(0)\n", 10_000_000);
    run(
        "class A:\n    def __repr__(self):\n        return repr(self)\nrepr(A())\n",
        10_000_000,
    );
}
