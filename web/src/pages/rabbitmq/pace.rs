//! How much virtual time each animation frame runs. At the chosen speed, a frame of
//! real time is worth `elapsed × speed` virtual milliseconds; but simulating them takes
//! real time too, and at 100× with heavy traffic a frame could take longer than the
//! frame itself, which makes the next frame owe even more. So the work per frame has a
//! budget: when the simulation cannot keep up, the clock runs as fast as the device
//! allows, and the page says at what speed.
//!
//! The budget itself gives way when frames come late: drawing, the browser's own work and
//! other programs share the frame with the simulation, and a missed frame shows as a
//! stutter where a slower clock does not.

/// Real milliseconds of simulation a frame may spend at most; the rest of a display's 16.7 is
/// for drawing the dots and for the browser, which needs a few of its own.
const MOST_MS: f64 = 6.0;
/// ... and at least, however late frames come: the clock never stops.
const LEAST_MS: f64 = 2.0;
/// A frame later than this after the last one (ms) was missed: a display's frame is 16.7.
const LATE_MS: f64 = 20.0;
/// How the budget shrinks after a missed frame, and grows back after one on time.
const SHRINK: f64 = 0.75;
const GROW_MS: f64 = 0.25;
/// Weight of the newest measurement in the running averages.
const NEWEST: f64 = 0.2;

/// The clock's pace. See the module documentation.
#[derive(Debug, Clone, Default)]
pub struct Pace {
    /// Virtual milliseconds owed (a frame at 0.1× is worth less than one).
    owed: f64,
    /// Real milliseconds one virtual millisecond has cost lately (0 until measured).
    cost: f64,
    /// Virtual milliseconds run per real millisecond lately.
    achieved: f64,
    /// The speed asked for last; a new one starts the average of `achieved` afresh.
    asked: f64,
    /// Real milliseconds of simulation the next frame may spend (0: not yet set).
    budget: f64,
}

impl Pace {
    /// The whole virtual milliseconds to run for a frame `elapsed` real ms after the last
    /// one, at `speed`. Time beyond the budget is given up, not carried over.
    pub fn slice(&mut self, elapsed: f64, speed: f64) -> u64 {
        if speed != self.asked {
            self.asked = speed;
            self.achieved = 0.0;
        }
        self.owed += elapsed * speed;
        self.budget = if self.budget == 0.0 {
            MOST_MS
        } else if elapsed > LATE_MS {
            (self.budget * SHRINK).max(LEAST_MS)
        } else {
            (self.budget + GROW_MS).min(MOST_MS)
        };
        let affordable = if self.cost > 0.0 {
            (self.budget / self.cost).max(1.0)
        } else {
            f64::INFINITY
        };
        let run = self.owed.min(affordable).floor();
        self.owed = if self.owed > affordable {
            0.0
        } else {
            self.owed - run
        };
        let speed_now = if elapsed > 0.0 { run / elapsed } else { speed };
        self.achieved = blend(self.achieved, speed_now);
        run as u64
    }

    /// Records that running `virtual_ms` took `spent_ms` of real time.
    pub fn record(&mut self, virtual_ms: u64, spent_ms: f64) {
        // Short runs are timed too coarsely to learn from.
        if virtual_ms > 0 && spent_ms >= 1.0 {
            self.cost = blend(self.cost, spent_ms / virtual_ms as f64);
        }
    }

    /// The speed the clock has run at lately, as a multiple of real time.
    pub fn achieved(&self) -> f64 {
        self.achieved
    }
}

/// A running average: `old` moved towards `new`, or `new` if there is no `old` yet.
fn blend(old: f64, new: f64) -> f64 {
    if old > 0.0 {
        old + NEWEST * (new - old)
    } else {
        new
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slow_speed_accumulates_fractions_of_a_millisecond() {
        let mut pace = Pace::default();
        let ran: u64 = (0..60).map(|_| pace.slice(1000.0 / 60.0, 0.1)).sum();
        assert!(
            (99..=100).contains(&ran),
            "0.1x for a second runs 100 ms: {ran}"
        );
    }

    #[test]
    fn the_clock_keeps_up_while_the_simulation_is_cheap() {
        let mut pace = Pace::default();
        for _ in 0..30 {
            let run = pace.slice(16.0, 10.0);
            assert_eq!(run, 160);
            pace.record(run, 2.0);
        }
        assert!((pace.achieved() - 10.0).abs() < 0.01);
    }

    #[test]
    fn missed_frames_shrink_the_budget_and_frames_on_time_restore_it() {
        let mut pace = Pace::default();
        // A virtual millisecond costs a real tenth of one: 6 ms of budget runs 60.
        pace.slice(16.0, 100.0);
        pace.record(60, 6.0);
        let late: Vec<u64> = (0..10).map(|_| pace.slice(33.0, 100.0)).collect();
        assert!(late.windows(2).all(|w| w[1] <= w[0]), "{late:?}");
        assert_eq!(*late.last().unwrap(), 20, "down to the least budget, 2 ms");
        let on_time: Vec<u64> = (0..40).map(|_| pace.slice(16.0, 100.0)).collect();
        assert_eq!(*on_time.last().unwrap(), 60, "back to 6 ms: {on_time:?}");
    }

    #[test]
    fn an_expensive_simulation_is_held_to_the_budget() {
        let mut pace = Pace::default();
        // 100x, and a virtual millisecond costs a real tenth of one: 1,600 ms a frame
        // would take 160 ms; the budget allows 60.
        let first = pace.slice(16.0, 100.0);
        pace.record(first, first as f64 / 10.0);
        let mut last = 0;
        for _ in 0..60 {
            last = pace.slice(16.0, 100.0);
            pace.record(last, last as f64 / 10.0);
        }
        assert_eq!(last, 60);
        assert!((pace.achieved() - 3.75).abs() < 0.1, "{}", pace.achieved());
    }
}
