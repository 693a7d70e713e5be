//! How long a simulated consumer takes to process a message.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// A distribution of durations in virtual milliseconds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Duration {
    /// Always the same time.
    Fixed(u64),
    /// Evenly spread between `min` and `max` inclusive.
    Uniform {
        /// Shortest.
        min: u64,
        /// Longest.
        max: u64,
    },
    /// Memoryless with the given mean: mostly short, occasionally long.
    Exponential {
        /// Mean duration.
        mean: u64,
    },
}

impl Duration {
    /// Draws one duration from the scenario's RNG.
    pub fn sample(&self, rng: &mut ChaCha8Rng) -> u64 {
        match *self {
            Duration::Fixed(ms) => ms,
            Duration::Uniform { min, max } if min < max => rng.random_range(min..=max),
            Duration::Uniform { min, .. } => min,
            Duration::Exponential { mean } => {
                let u: f64 = rng.random();
                // 1 - u lies in (0, 1], so the logarithm is finite.
                (-(mean as f64) * (1.0 - u).ln()).round() as u64
            }
        }
    }

    /// Parses `100ms`, `2s`, `50..200ms` (uniform) or `exp:100ms` (exponential).
    pub fn parse(text: &str) -> Option<Duration> {
        if let Some(mean) = text.strip_prefix("exp:") {
            return parse_ms(mean).map(|mean| Duration::Exponential { mean });
        }
        if let Some((a, b)) = text.split_once("..") {
            let max = parse_ms(b)?;
            // The unit of the upper bound applies to a bare lower bound: 50..200ms.
            let min = parse_ms(a).or_else(|| {
                let unit = b.trim_start_matches(|c: char| c.is_ascii_digit());
                parse_ms(&format!("{a}{unit}"))
            })?;
            return (min <= max).then_some(Duration::Uniform { min, max });
        }
        parse_ms(text).map(Duration::Fixed)
    }
}

/// `250ms`, `5s`, `2m` or a bare number of milliseconds.
pub fn parse_ms(spec: &str) -> Option<u64> {
    let (digits, scale) = if let Some(n) = spec.strip_suffix("ms") {
        (n, 1)
    } else if let Some(n) = spec.strip_suffix('s') {
        (n, 1000)
    } else if let Some(n) = spec.strip_suffix('m') {
        (n, 60_000)
    } else {
        (spec, 1)
    };
    digits.parse::<u64>().ok()?.checked_mul(scale)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn parses_the_three_shapes() {
        assert_eq!(Duration::parse("2s"), Some(Duration::Fixed(2000)));
        assert_eq!(
            Duration::parse("50..200ms"),
            Some(Duration::Uniform { min: 50, max: 200 })
        );
        assert_eq!(
            Duration::parse("exp:100ms"),
            Some(Duration::Exponential { mean: 100 })
        );
        assert_eq!(Duration::parse("9..1"), None);
    }

    #[test]
    fn samples_stay_in_range_and_replay() {
        let d = Duration::Uniform { min: 10, max: 20 };
        let mut a = ChaCha8Rng::seed_from_u64(5);
        let mut b = ChaCha8Rng::seed_from_u64(5);
        for _ in 0..100 {
            let x = d.sample(&mut a);
            assert!((10..=20).contains(&x));
            assert_eq!(x, d.sample(&mut b));
        }
    }
}
