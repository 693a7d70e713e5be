//! Metric series for the live charts, kept in bounded ring buffers so a long run uses
//! constant memory.

use std::collections::{BTreeMap, VecDeque};

/// Samples kept per series.
pub const SERIES_CAPACITY: usize = 600;

/// One series of (virtual time, value) samples; the oldest fall off the front.
#[derive(Debug, Clone, Default)]
pub struct Series {
    samples: VecDeque<(u64, f64)>,
}

impl Series {
    /// Appends a sample, dropping the oldest when full.
    pub fn push(&mut self, at: u64, value: f64) {
        if self.samples.len() == SERIES_CAPACITY {
            self.samples.pop_front();
        }
        self.samples.push_back((at, value));
    }

    /// The samples, oldest first.
    pub fn samples(&self) -> impl Iterator<Item = &(u64, f64)> {
        self.samples.iter()
    }

    /// The latest value.
    pub fn last(&self) -> Option<f64> {
        self.samples.back().map(|s| s.1)
    }
}

/// Counters the simulated clients bump as things happen, turned into rates at each sample.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counters {
    /// Messages published.
    pub published: u64,
    /// Messages received by consumers.
    pub delivered: u64,
    /// Messages acked by consumers.
    pub acked: u64,
    /// Publisher confirms that came back negative.
    pub nacked_by_broker: u64,
    /// Mandatory messages returned.
    pub returned: u64,
}

/// All series: broker-wide rates, and depth and unacked count per queue.
#[derive(Debug, Clone, Default)]
pub struct Metrics {
    /// Totals since the start.
    pub totals: Counters,
    /// Messages published per second.
    pub publish_rate: Series,
    /// Messages delivered per second.
    pub deliver_rate: Series,
    /// Messages acked per second.
    pub ack_rate: Series,
    /// Ready messages per queue.
    pub queue_depth: BTreeMap<String, Series>,
    /// Unacknowledged messages per queue.
    pub queue_unacked: BTreeMap<String, Series>,
    last_sample: (u64, Counters),
}

impl Metrics {
    /// Records rates since the previous sample and the current queue sizes.
    pub fn sample<'a>(&mut self, now: u64, queues: impl Iterator<Item = (&'a str, usize, usize)>) {
        let (then, before) = self.last_sample;
        let seconds = now.saturating_sub(then) as f64 / 1000.0;
        if seconds > 0.0 {
            let rate = |a: u64, b: u64| (a - b) as f64 / seconds;
            self.publish_rate
                .push(now, rate(self.totals.published, before.published));
            self.deliver_rate
                .push(now, rate(self.totals.delivered, before.delivered));
            self.ack_rate
                .push(now, rate(self.totals.acked, before.acked));
        }
        for (name, ready, unacked) in queues {
            self.queue_depth
                .entry(name.to_string())
                .or_default()
                .push(now, ready as f64);
            self.queue_unacked
                .entry(name.to_string())
                .or_default()
                .push(now, unacked as f64);
        }
        self.last_sample = (now, self.totals);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn series_are_bounded() {
        let mut s = Series::default();
        for i in 0..(SERIES_CAPACITY as u64 + 10) {
            s.push(i, i as f64);
        }
        assert_eq!(s.samples().count(), SERIES_CAPACITY);
        assert_eq!(s.samples().next(), Some(&(10, 10.0)));
    }

    #[test]
    fn rates_are_per_second_of_virtual_time() {
        let mut m = Metrics::default();
        m.totals.published = 50;
        m.sample(500, std::iter::empty());
        assert_eq!(m.publish_rate.last(), Some(100.0));
    }
}
