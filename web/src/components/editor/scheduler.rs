//! How the page runs its Python world without freezing: every animation frame runs the
//! programs for a bounded slice of real time, and their virtual clock follows the wall
//! clock.
//!
//! A busy loop (`while True: pass`) would hold the browser's only thread for ever if it
//! ran to completion, so a frame runs at most [`FRAME_MS`] of instructions and leaves the
//! rest of the frame to drawing. How many instructions that is depends on the device:
//! the scheduler learns it from how long the last slices took.
//!
//! The clock: at the start of a frame the world's clock is moved up to the wall clock
//! (never back), so `time.sleep(1)` takes a second. When every thread waits, the clock
//! jumps to the earliest deadline if the wall clock has passed it, and the frame goes on
//! running; otherwise the frame is over and the world waits for the wall clock.

use python::vm::{NANOS_PER_INSTRUCTION, Run, Vm};

/// Real milliseconds of a frame the programs may use: half of a 60 Hz display's frame.
pub const FRAME_MS: f64 = 8.0;
/// The first guess of how many instructions a millisecond runs, before any slice was
/// timed: low, so a slow device's first frame is not long.
const FIRST_GUESS_PER_MS: f64 = 2_000.0;
/// The fewest instructions a slice runs, so that a frame always gets somewhere.
const LEAST_SLICE: u64 = 1_000;
/// Slices shorter than this (real ms) are timed too coarsely to learn from.
const SHORTEST_TIMED_MS: f64 = 0.5;
/// Weight of the newest measurement in the running average of the speed.
const NEWEST: f64 = 0.3;
/// The most instructions a millisecond is believed to run: far above what the
/// interpreter reaches, but a bound, so a clock that reads the same or coarse values
/// (browsers round `performance.now()`) cannot make the learned speed, and with it one
/// slice, grow without end.
const FASTEST_PER_MS: f64 = 1_000_000.0;

/// What one frame did.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    /// What the world stopped on: `Busy` when the frame's time ran out with threads
    /// still runnable.
    pub state: Run,
    /// How many instructions ran: none when every thread only waited.
    pub instructions: u64,
}

/// The frame-slice scheduler. See the module documentation.
#[derive(Debug, Clone)]
pub struct Scheduler {
    /// Instructions one real millisecond runs, lately.
    per_ms: f64,
}

impl Default for Scheduler {
    fn default() -> Self {
        Scheduler {
            per_ms: FIRST_GUESS_PER_MS,
        }
    }
}

impl Scheduler {
    /// Runs one frame of the world, whose wall clock reads `wall_ns` (virtual
    /// nanoseconds since the Unix epoch); `real_ms` reads a monotonic clock in
    /// milliseconds (the page's `performance.now()`).
    pub fn run_frame(
        &mut self,
        vm: &mut Vm,
        wall_ns: u64,
        real_ms: &mut dyn FnMut() -> f64,
    ) -> Frame {
        vm.advance_to(wall_ns);
        let started = real_ms();
        let mut instructions = 0;
        loop {
            let left_ms = FRAME_MS - (real_ms() - started);
            if left_ms <= 0.0 {
                return Frame {
                    state: Run::Busy,
                    instructions,
                };
            }
            let budget = ((left_ms * self.per_ms) as u64).max(LEAST_SLICE);
            let (clock_before, slice_started) = (vm.now_ns, real_ms());
            let state = vm.run(budget);
            // The world charges NANOS_PER_INSTRUCTION of virtual time per instruction.
            let ran = (vm.now_ns - clock_before) / NANOS_PER_INSTRUCTION;
            self.learn(ran, real_ms() - slice_started);
            instructions += ran;
            match state {
                Run::Busy => {}
                Run::Waiting(Some(deadline)) if deadline <= wall_ns => vm.advance_to(deadline),
                state => {
                    return Frame {
                        state,
                        instructions,
                    };
                }
            }
        }
    }

    /// Instructions a millisecond runs, as measured lately.
    pub fn instructions_per_ms(&self) -> f64 {
        self.per_ms
    }

    /// Records that `instructions` took `spent_ms` of real time.
    fn learn(&mut self, instructions: u64, spent_ms: f64) {
        if spent_ms >= SHORTEST_TIMED_MS && instructions > 0 {
            // A browser's clock is coarse: one slice that seemed very fast must not make
            // the next slice so long that it freezes the page, so the speed at most
            // doubles a slice.
            let measured = (instructions as f64 / spent_ms).min(2.0 * self.per_ms);
            self.per_ms = (self.per_ms + NEWEST * (measured - self.per_ms)).min(FASTEST_PER_MS);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use python::vm::{EmptyFolder, Stream};

    use super::*;

    const SECOND: u64 = 1_000_000_000;
    /// A wall clock in the year 2026, in nanoseconds.
    const WALL: u64 = 1_780_000_000 * SECOND;

    fn world(source: &str) -> (Vm, usize) {
        let mut vm = Vm::new(WALL, 1);
        let pid = vm.spawn(
            source,
            vec!["main.py".to_owned()],
            Rc::new(EmptyFolder("/home/learner")),
            String::new(),
        );
        (vm, pid)
    }

    /// A real clock that moves on by `step_ms` every time it is read.
    fn ticking(step_ms: f64) -> impl FnMut() -> f64 {
        let mut now = 0.0;
        move || {
            now += step_ms;
            now
        }
    }

    fn stdout(vm: &mut Vm, pid: usize) -> String {
        vm.take_output(pid)
            .into_iter()
            .filter(|(stream, _)| *stream == Stream::Stdout)
            .map(|(_, text)| text)
            .collect()
    }

    #[test]
    fn a_busy_loop_never_holds_the_page_past_its_frame() {
        let (mut vm, pid) = world("n = 0\nwhile True:\n    n += 1\n");
        // A clock that moves 1 ms each time the scheduler reads it: however busy the
        // program, the frame ends once its time is up (no wall clock, so no flakes).
        let mut clock = ticking(1.0);
        let mut scheduler = Scheduler::default();
        for _ in 0..12 {
            let before = clock();
            let frame = scheduler.run_frame(&mut vm, WALL, &mut clock);
            assert_eq!(frame.state, Run::Busy);
            assert!(frame.instructions > 0);
            let spent = clock() - before;
            assert!(
                spent <= FRAME_MS + 6.0,
                "a frame read the clock for {spent} ms"
            );
        }
        assert!(!vm.process_ended(pid));
        assert!(vm.now_ns > WALL, "instructions ran and cost virtual time");
    }

    #[test]
    fn the_scheduler_learns_how_fast_the_device_runs() {
        let mut scheduler = Scheduler::default();
        for _ in 0..40 {
            scheduler.learn(10_000, 2.0);
        }
        let learned = scheduler.instructions_per_ms();
        assert!((learned - 5_000.0).abs() < 1.0, "{learned}");
        // Slices too short to time teach nothing; one that seems very fast at most
        // doubles the speed.
        scheduler.learn(1_000_000, 0.1);
        assert_eq!(scheduler.instructions_per_ms(), learned);
        scheduler.learn(100_000_000, 1.0);
        assert!(scheduler.instructions_per_ms() <= 2.0 * learned);
        // However often a slice seems fast, the speed stays bounded.
        for _ in 0..200 {
            scheduler.learn(u64::MAX, 1.0);
        }
        assert_eq!(scheduler.instructions_per_ms(), FASTEST_PER_MS);
    }

    #[test]
    fn a_program_that_prints_and_ends_is_done_within_a_frame() {
        let (mut vm, pid) = world("for i in range(3):\n    print(i)\n");
        let mut clock = ticking(0.01);
        let mut scheduler = Scheduler::default();
        assert_eq!(
            scheduler.run_frame(&mut vm, WALL, &mut clock).state,
            Run::Done
        );
        assert_eq!(stdout(&mut vm, pid), "0\n1\n2\n");
        assert_eq!(vm.processes[pid].exit_code, Some(0));
    }

    #[test]
    fn a_sleep_lasts_until_the_wall_clock_reaches_its_end() {
        let (mut vm, pid) = world("import time\nprint('a')\ntime.sleep(1)\nprint('b')\n");
        let mut clock = ticking(0.01);
        let mut scheduler = Scheduler::default();
        let state = scheduler.run_frame(&mut vm, WALL, &mut clock).state;
        let Run::Waiting(Some(deadline)) = state else {
            panic!("sleeping: {state:?}");
        };
        assert!(deadline >= WALL + SECOND, "the deadline is a second on");
        assert_eq!(stdout(&mut vm, pid), "a\n");
        // Half a second later by the wall clock, it still sleeps, and the world's clock
        // has followed the wall clock.
        let half = WALL + SECOND / 2;
        assert_eq!(
            scheduler.run_frame(&mut vm, half, &mut clock),
            Frame {
                state: Run::Waiting(Some(deadline)),
                instructions: 0
            },
            "nothing ran"
        );
        assert!(vm.now_ns >= half && vm.now_ns < deadline);
        assert_eq!(stdout(&mut vm, pid), "");
        // Once the wall clock has passed the deadline, the frame wakes it and runs on.
        let later = WALL + 2 * SECOND;
        assert_eq!(
            scheduler.run_frame(&mut vm, later, &mut clock).state,
            Run::Done
        );
        assert_eq!(stdout(&mut vm, pid), "b\n");
    }

    #[test]
    fn after_a_pause_the_world_goes_on_at_the_wall_clocks_pace() {
        // Ten short sleeps; the frames stop for five seconds after the first began (a
        // tab in the background): the first sleep ends, and the next ones take their
        // own time again, from the wall clock's now.
        let (mut vm, pid) =
            world("import time\nfor i in range(10):\n    time.sleep(0.1)\n    print(i, end=' ')\n");
        let mut clock = ticking(0.01);
        let mut scheduler = Scheduler::default();
        assert!(matches!(
            scheduler.run_frame(&mut vm, WALL, &mut clock).state,
            Run::Waiting(Some(_))
        ));
        let back = WALL + 5 * SECOND;
        let Run::Waiting(Some(deadline)) = scheduler.run_frame(&mut vm, back, &mut clock).state
        else {
            panic!("the second sleep has begun");
        };
        assert_eq!(stdout(&mut vm, pid), "0 ");
        assert!(
            deadline >= back + SECOND / 10,
            "it ends 0.1 s after the wall clock's now"
        );
    }

    #[test]
    fn threads_blocked_for_good_leave_the_world_waiting_with_no_deadline() {
        let (mut vm, _) = world("import queue\nq = queue.Queue()\nq.get()\n");
        let mut clock = ticking(0.01);
        let mut scheduler = Scheduler::default();
        assert_eq!(
            scheduler.run_frame(&mut vm, WALL, &mut clock).state,
            Run::Waiting(None)
        );
    }
}
