//! How much virtual time each animation frame runs. At the chosen speed, a frame of
//! real time is worth `elapsed × speed` virtual milliseconds; but simulating them takes
//! real time too, and at 100× with heavy traffic a frame could take longer than the
//! frame itself, which makes the next frame owe even more. So the work per frame has a
//! budget: when the simulation cannot keep up, the clock runs as fast as the device
//! allows, and the page says at what speed.

/// Real milliseconds of simulation a frame may spend; the rest is for drawing.
const BUDGET_MS: f64 = 8.0;
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
        let affordable = if self.cost > 0.0 {
            (BUDGET_MS / self.cost).max(1.0)
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
    fn an_expensive_simulation_is_held_to_the_budget() {
        let mut pace = Pace::default();
        // 100x, and a virtual millisecond costs a real tenth of one: 1,600 ms a frame
        // would take 160 ms; the budget allows 80.
        let first = pace.slice(16.0, 100.0);
        pace.record(first, first as f64 / 10.0);
        let mut last = 0;
        for _ in 0..60 {
            last = pace.slice(16.0, 100.0);
            pace.record(last, last as f64 / 10.0);
        }
        assert_eq!(last, 80);
        assert!((pace.achieved() - 5.0).abs() < 0.1, "{}", pace.achieved());
    }
}
