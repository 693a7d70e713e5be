#![warn(missing_docs)]
//! The bench workloads, in one place for both ways they run: `playground bench <engine>`
//! natively, and the browser harness (`tests/browser.rs`) as wasm in headless Chromium.
//!
//! Nothing here reads a clock of its own: `std::time::Instant` panics on wasm32, so the
//! caller passes a [`Clock`] (an `Instant` natively, `performance.now()` in the browser).
//! Each engine's module runs its workloads and returns the rows of its table; the native
//! shell adds the real server's column where one is installed.

pub mod memcached;
pub mod python;
pub mod rabbitmq;
pub mod redis;

use std::fmt;

/// Commands in flight per round trip, for the engines and the real servers alike, so
/// both sides pay for one write and one read per this many commands.
pub const PIPELINE_DEPTH: usize = 64;

/// Milliseconds from some fixed origin, with sub-millisecond precision where the
/// platform has it.
pub trait Clock {
    /// The current reading.
    fn now_ms(&self) -> f64;
}

impl<F: Fn() -> f64> Clock for F {
    fn now_ms(&self) -> f64 {
        self()
    }
}

/// One line of a bench table. Rates are operations per second.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// What was run, in the real system's vocabulary.
    pub workload: String,
    /// Operations the engine ran.
    pub ops: u64,
    /// The engine's rate.
    pub engine: f64,
    /// The contrast's rate on the same workload, when there is one.
    pub contrast: Option<f64>,
}

/// A bench's results: a title, its rows, and lines that follow them (targets, notes).
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// What the table measures and how.
    pub title: String,
    /// Heading of the contrast column.
    pub contrast: String,
    /// One row per workload.
    pub rows: Vec<Row>,
    /// Lines printed under the rows.
    pub notes: Vec<String>,
}

impl Table {
    /// Adds a line saying whether `figure` reached `target`.
    pub fn target(&mut self, target: &str, figure: &str, reached: bool) {
        let verdict = if reached { "reached" } else { "NOT reached" };
        self.notes
            .push(format!("target: {target}: {figure} ({verdict})"));
    }
}

impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}\n", self.title)?;
        let contrast = format!("{} /s", self.contrast);
        writeln!(
            f,
            "{:<34} {:>11} {:>14} {:>22} {:>8}",
            "workload", "ops", "engine /s", contrast, "ratio"
        )?;
        for row in &self.rows {
            let (theirs, ratio) = match row.contrast {
                Some(rate) => (grouped(rate as u64), times(row.engine / rate)),
                None => ("-".to_string(), "-".to_string()),
            };
            writeln!(
                f,
                "{:<34} {:>11} {:>14} {:>22} {:>8}",
                row.workload,
                grouped(row.ops),
                grouped(row.engine as u64),
                theirs,
                ratio
            )?;
        }
        writeln!(f)?;
        for note in &self.notes {
            writeln!(f, "{note}")?;
        }
        Ok(())
    }
}

/// The middle value (the upper one of an even count); 0 for none.
pub fn median(rates: Vec<f64>) -> f64 {
    median_by(rates, |&rate| rate).unwrap_or(0.0)
}

/// The item whose `rate` is the middle one (the upper one of an even count).
pub fn median_by<T: Copy>(mut items: Vec<T>, rate: impl Fn(&T) -> f64) -> Option<T> {
    items.sort_by(|a, b| rate(a).total_cmp(&rate(b)));
    items.get(items.len() / 2).copied()
}

/// A ratio as `1.23x`, with more digits when it is small, so a far-off figure does not
/// read as zero.
pub fn times(ratio: f64) -> String {
    if ratio >= 0.1 {
        format!("{ratio:.2}x")
    } else {
        format!("{ratio:.4}x")
    }
}

/// `1234567` as `1,234,567`, so rates can be read at a glance.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Runs `work` and returns its result and how many milliseconds it took.
pub fn timed<T>(clock: &impl Clock, work: impl FnOnce() -> T) -> (T, f64) {
    let start = clock.now_ms();
    let result = work();
    (result, clock.now_ms() - start)
}

/// Runs `step(0)`, `step(1)`, ... until `ops` steps are done or `budget_ms` has passed,
/// and returns how many ran and their rate per second. A slow engine path thus shows as
/// a low figure over fewer operations instead of a bench that never ends. The clock is
/// read every 256 steps, so reading it does not weigh on the figure.
pub fn measure(
    clock: &impl Clock,
    ops: u64,
    budget_ms: f64,
    mut step: impl FnMut(u64) -> Result<(), String>,
) -> Result<(u64, f64), String> {
    let start = clock.now_ms();
    let mut done = 0;
    while done < ops {
        step(done)?;
        done += 1;
        if done.is_multiple_of(256) && clock.now_ms() - start > budget_ms {
            break;
        }
    }
    Ok((done, rate(done, clock.now_ms() - start)))
}

/// Operations per second from a count and milliseconds.
pub fn rate(ops: u64, elapsed_ms: f64) -> f64 {
    ops as f64 * 1000.0 / elapsed_ms.max(1e-6)
}

/// SplitMix64: a few lines of seeded randomness, so a bench replays the same workload
/// every time without a dependency.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator whose sequence is fixed by `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (the slight modulo bias does not matter for a workload).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    /// True with probability `percent` / 100.
    pub fn percent(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouped_puts_a_comma_every_three_digits() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(1_234_567), "1,234,567");
    }

    #[test]
    fn small_ratios_keep_their_digits() {
        assert_eq!(times(3.456), "3.46x");
        assert_eq!(times(0.00234), "0.0023x");
    }

    #[test]
    fn measure_stops_at_the_budget() {
        // A clock that moves a millisecond per reading: 256 steps per reading.
        let ticks = std::cell::Cell::new(0.0);
        let clock = || {
            ticks.set(ticks.get() + 1.0);
            ticks.get()
        };
        let (done, _) = measure(&clock, 1_000_000, 3.0, |_| Ok(())).unwrap();
        assert_eq!(done, 4 * 256);
    }
}
