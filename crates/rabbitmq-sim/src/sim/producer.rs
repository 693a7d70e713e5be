//! Simulated producers: publish on a schedule to an exchange with one key or a set of keys.

use std::fmt::Write;
use std::rc::Rc;

use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// How a producer with several routing keys picks one per message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KeyChoice {
    /// In turn.
    #[default]
    Cycle,
    /// Uniformly at random (from the scenario's RNG).
    Random,
}

/// The most routing keys one producer's key pattern may stand for.
pub const MAX_KEYS: usize = 1000;

/// The routing keys a producer's key pattern stands for: keys separated by commas, each
/// of which may hold `{a,b,..}` groups that take each alternative in turn, as a shell
/// expands them, so `{kern,auth}.{info,error},cron` is five keys (`kern.info`,
/// `kern.error`, `auth.info`, `auth.error`, `cron`). Groups do not nest.
pub fn expand_keys(pattern: &str) -> Result<Vec<String>, String> {
    let mut keys = Vec::new();
    for key in split_outside_braces(pattern)? {
        let mut expanded = vec![String::new()];
        let mut rest = key;
        while let Some(open) = rest.find('{') {
            let close = rest[open..]
                .find('}')
                .map(|i| open + i)
                .ok_or_else(|| format!("unclosed {{ in routing key pattern \"{pattern}\""))?;
            let literal = &rest[..open];
            let choices: Vec<&str> = rest[open + 1..close].split(',').collect();
            if expanded.len().saturating_mul(choices.len()) > MAX_KEYS {
                return Err(format!(
                    "the routing key pattern stands for more than {MAX_KEYS} keys"
                ));
            }
            expanded = expanded
                .iter()
                .flat_map(|start| choices.iter().map(move |c| format!("{start}{literal}{c}")))
                .collect();
            rest = &rest[close + 1..];
        }
        keys.extend(expanded.into_iter().map(|k| k + rest));
        if keys.len() > MAX_KEYS {
            return Err(format!(
                "the routing key pattern stands for more than {MAX_KEYS} keys"
            ));
        }
    }
    Ok(keys)
}

/// Splits a key pattern at the commas that are not inside a `{..}` group.
fn split_outside_braces(pattern: &str) -> Result<Vec<&str>, String> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0u32, 0);
    for (i, c) in pattern.char_indices() {
        match c {
            '{' if depth == 0 => depth = 1,
            '{' => return Err(format!("nested {{ in routing key pattern \"{pattern}\"")),
            '}' if depth == 0 => {
                return Err(format!("unopened }} in routing key pattern \"{pattern}\""));
            }
            '}' => depth = 0,
            ',' if depth == 0 => {
                parts.push(&pattern[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&pattern[start..]);
    Ok(parts)
}

/// What a producer does.
#[derive(Debug, Clone, PartialEq)]
pub struct ProducerSpec {
    /// Its name, unique among producers.
    pub name: String,
    /// Exchange to publish to.
    pub exchange: String,
    /// Routing keys to use (at least one; the empty key is a key); see [`expand_keys`]
    /// for writing many at once.
    pub routing_keys: Vec<String>,
    /// How to pick among several keys.
    pub key_choice: KeyChoice,
    /// Publishes per second of virtual time; 0 sends one burst only.
    pub rate_per_sec: f64,
    /// Messages per publish tick.
    pub burst: u32,
    /// Stop after this many messages.
    pub limit: Option<u64>,
    /// Body template: `{n}` is the message number, `{key}` the routing key, `{producer}` the name.
    pub body: String,
    /// delivery_mode 2.
    pub persistent: bool,
    /// Ask for basic.return when unroutable.
    pub mandatory: bool,
    /// Use publisher confirms.
    pub confirms: bool,
}

impl ProducerSpec {
    /// A producer of `rate` messages a second with one key and the default template.
    pub fn new(name: &str, exchange: &str, routing_key: &str, rate_per_sec: f64) -> ProducerSpec {
        ProducerSpec {
            name: name.to_string(),
            exchange: exchange.to_string(),
            routing_keys: vec![routing_key.to_string()],
            key_choice: KeyChoice::Cycle,
            rate_per_sec,
            burst: 1,
            limit: None,
            body: "{producer} #{n}".to_string(),
            persistent: false,
            mandatory: false,
            confirms: false,
        }
    }

    /// Whether it publishes ticks at its rate, rather than one burst.
    pub fn paced(&self) -> bool {
        self.rate_per_sec > 0.0
    }
}

/// A running producer: its spec, its channel and how far it got.
#[derive(Debug, Clone)]
pub struct Producer {
    /// What it does.
    pub spec: ProducerSpec,
    /// Its connection.
    pub connection: u32,
    /// Its channel.
    pub channel: u32,
    /// Messages published so far.
    pub sent: u64,
    /// When its first tick ran, and how many ticks have run since: tick `k` falls due
    /// `k × 1000 / rate` ms after the first, so a rate that does not divide a second, or is
    /// above one tick a millisecond, is kept exactly.
    started_ms: Option<u64>,
    ticks: u64,
    /// The spec's exchange and routing keys as shared strings, so a publish copies none.
    exchange: Rc<str>,
    keys: Vec<Rc<str>>,
}

impl Producer {
    /// A producer that has sent nothing yet, publishing on `channel`.
    pub fn new(spec: ProducerSpec, connection: u32, channel: u32) -> Producer {
        Producer {
            exchange: spec.exchange.as_str().into(),
            keys: spec
                .routing_keys
                .iter()
                .map(|k| k.as_str().into())
                .collect(),
            spec,
            connection,
            channel,
            sent: 0,
            started_ms: None,
            ticks: 0,
        }
    }

    /// The ticks that fall due at `now_ms` (at least one: this one), counted as run.
    pub fn take_due_ticks(&mut self, now_ms: u64) -> u64 {
        let started = *self.started_ms.get_or_insert(now_ms);
        let due = if self.spec.paced() {
            let elapsed = now_ms.saturating_sub(started) as f64;
            (elapsed * self.spec.rate_per_sec / 1000.0).floor() as u64 + 1
        } else {
            1
        };
        let ticks = due.saturating_sub(self.ticks).max(1);
        self.ticks += ticks;
        ticks
    }

    /// When its next tick falls due, if it is paced: never before `after_ms`.
    pub fn next_tick_ms(&self, after_ms: u64) -> Option<u64> {
        let started = self.started_ms?;
        self.spec.paced().then(|| {
            let due = started + (self.ticks as f64 * 1000.0 / self.spec.rate_per_sec).ceil() as u64;
            due.max(after_ms)
        })
    }

    /// The exchange it publishes to.
    pub fn exchange(&self) -> &Rc<str> {
        &self.exchange
    }

    /// The routing key for the next message.
    pub fn next_key(&self, rng: &mut ChaCha8Rng) -> Rc<str> {
        let keys = &self.keys;
        let i = match self.spec.key_choice {
            _ if keys.len() <= 1 => 0,
            KeyChoice::Cycle => (self.sent % keys.len() as u64) as usize,
            KeyChoice::Random => rng.random_range(0..keys.len()),
        };
        keys.get(i).cloned().unwrap_or_else(|| Rc::from(""))
    }

    /// The body of message number `n` with routing key `key`: the template with `{n}`,
    /// `{key}` and `{producer}` filled in, in one pass (this runs for every message).
    pub fn body(&self, n: u64, key: &str) -> Vec<u8> {
        let template = &self.spec.body;
        let mut out = String::with_capacity(template.len() + 16);
        let mut rest = template.as_str();
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open..];
            let used = if after.starts_with("{n}") {
                // Writing to a String cannot fail.
                let _ = write!(out, "{n}");
                3
            } else if after.starts_with("{key}") {
                out.push_str(key);
                5
            } else if after.starts_with("{producer}") {
                out.push_str(&self.spec.name);
                10
            } else {
                out.push('{');
                1
            };
            rest = &after[used..];
        }
        out.push_str(rest);
        out.into_bytes()
    }

    /// Whether it has sent all it should.
    pub fn finished(&self) -> bool {
        self.spec.limit.is_some_and(|l| self.sent >= l)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_patterns_expand_like_a_shell() {
        assert_eq!(
            expand_keys("{kern,auth}.{info,error},cron"),
            Ok(vec![
                "kern.info".to_string(),
                "kern.error".to_string(),
                "auth.info".to_string(),
                "auth.error".to_string(),
                "cron".to_string(),
            ])
        );
        assert_eq!(expand_keys(""), Ok(vec![String::new()]));
        assert_eq!(
            expand_keys("a,,b.{x,}"),
            Ok(vec!["a", "", "b.x", "b."]
                .into_iter()
                .map(String::from)
                .collect())
        );
    }

    #[test]
    fn bad_key_patterns_are_refused() {
        assert!(expand_keys("{a,b").unwrap_err().contains("unclosed {"));
        assert!(expand_keys("a}").unwrap_err().contains("unopened }"));
        assert!(expand_keys("{a,{b}}").unwrap_err().contains("nested {"));
        let huge = "{0,1,2,3,4,5,6,7,8,9}".repeat(4);
        assert!(
            expand_keys(&huge)
                .unwrap_err()
                .contains("more than 1000 keys")
        );
        let many = vec!["k"; MAX_KEYS + 1].join(",");
        assert!(expand_keys(&many).is_err());
    }

    #[test]
    fn the_rate_is_kept_above_a_tick_a_millisecond_and_between_whole_milliseconds() {
        // One tick at the start, then `rate` a second: by the end of the span, inclusive.
        for (rate, over_ms, expected) in [
            (10_000.0, 1_000, 10_001),
            (300.0, 1_000, 301),
            (3.0, 10_000, 31),
        ] {
            let mut p = Producer::new(ProducerSpec::new("p", "", "k", rate), 1, 2);
            let (mut now, mut sent) = (0, 0);
            while now <= over_ms {
                sent += p.take_due_ticks(now);
                now = p.next_tick_ms(now + 1).unwrap();
            }
            assert_eq!(sent, expected, "{rate} msg/s for {over_ms} ms");
        }
        let mut burst = Producer::new(ProducerSpec::new("p", "", "k", 0.0), 1, 2);
        assert_eq!(
            (burst.take_due_ticks(5), burst.next_tick_ms(6)),
            (1, None),
            "a single burst"
        );
    }

    #[test]
    fn the_body_template_is_filled_in() {
        let mut spec = ProducerSpec::new("p1", "logs", "k", 1.0);
        spec.body = "{producer} #{n} to {key} {other} {".to_string();
        let p = Producer::new(spec, 1, 2);
        assert_eq!(
            p.body(7, "kern.info"),
            b"p1 #7 to kern.info {other} {".to_vec()
        );
    }
}
