//! Scenario links: a page's fragment can carry the console lines to run when it opens,
//! `#/redis?run=SET%20greeting%20hello%0AGET%20greeting`, so a teacher can put a
//! prepared state in course notes and a learner can share what they did.
//!
//! The lines are percent-encoded UTF-8 joined by line breaks, readable enough to write by
//! hand. A line typed in a page's Python console starts with [`PYTHON_PREFIX`]; `seed=`
//! gives the seed of a page that lets the learner change it (the RabbitMQ simulation's). The engines take their seeds from the page, not the clock, so
//! the same lines give the same replies.

use crate::route::Route;

/// How a link marks a line typed in a page's Python console rather than its own client's.
pub const PYTHON_PREFIX: &str = "@py ";

/// The longest link a page offers to make: browsers and chat tools cut longer URLs.
pub const MAX_LINK_CHARS: usize = 8_000;

/// What a link asks a page to run when it opens.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scenario {
    /// The console lines, in order.
    pub lines: Vec<String>,
    /// The seed the page's engine starts with, when not the page's default.
    pub seed: Option<u64>,
}

impl Scenario {
    /// Reads the scenario of a location fragment such as `#/redis?run=...`; `None` when the
    /// fragment has no lines to run.
    pub fn from_fragment(fragment: &str) -> Option<Scenario> {
        let (_, query) = fragment.split_once('?')?;
        let mut scenario = Scenario::default();
        for pair in query.split('&') {
            match pair.split_once('=') {
                Some(("run", lines)) => {
                    scenario.lines = percent_decode(lines)
                        .split('\n')
                        .map(|line| line.strip_suffix('\r').unwrap_or(line).to_owned())
                        .filter(|line| !line.is_empty())
                        .collect();
                }
                Some(("seed", seed)) => scenario.seed = seed.parse().ok(),
                _ => {}
            }
        }
        (!scenario.lines.is_empty()).then_some(scenario)
    }

    /// The fragment that opens `route` and runs this scenario there.
    pub fn to_fragment(&self, route: Route) -> String {
        let mut fragment = format!(
            "{}?run={}",
            route.href(),
            percent_encode(&self.lines.join("\n"))
        );
        if let Some(seed) = self.seed {
            fragment.push_str(&format!("&seed={seed}"));
        }
        fragment
    }
}

/// Percent-encodes everything but the characters a URL fragment keeps as they are and a
/// reader can read: letters, digits, and `-._~!$'()*,;:@/`. Spaces become `%20`.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~!$'()*,;:@/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Decodes `%XX` escapes (and `+` as a space, as forms write it); a malformed escape is
/// kept as typed, and bytes that are not UTF-8 become U+FFFD.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(high), Some(low)) => {
                    out.push((high * 16 + low) as u8);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' => out.push(b' '),
            other => out.push(other),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(lines: &[&str]) -> Scenario {
        Scenario {
            lines: lines.iter().map(|l| (*l).to_owned()).collect(),
            ..Scenario::default()
        }
    }

    #[test]
    fn a_scenario_survives_its_own_link() {
        let scenario = Scenario {
            lines: vec![
                "SET greeting \"hello world\"".to_owned(),
                "publish exchange=logs routing_key=a.b payload='{\"x\": 1}'".to_owned(),
                "mc.set('k1', 'v1') # 中文".to_owned(),
                "100% & ?=#+".to_owned(),
            ],
            seed: Some(42),
        };
        let fragment = scenario.to_fragment(Route::Memcached);
        assert!(fragment.starts_with("#/memcached?run=SET%20greeting%20%22hello%20world%22%0A"));
        assert!(!fragment[1..].contains('#'), "{fragment}");
        assert_eq!(Route::from_fragment(&fragment), Route::Memcached);
        assert_eq!(Scenario::from_fragment(&fragment), Some(scenario));
    }

    #[test]
    fn hand_written_links_are_read_as_people_write_them() {
        assert_eq!(
            Scenario::from_fragment("#/redis?run=SET+a+1%0D%0AGET a%0A%0A"),
            Some(lines(&["SET a 1", "GET a"]))
        );
        assert_eq!(
            Scenario::from_fragment("#/redis?embed=1&run=PING"),
            Some(lines(&["PING"]))
        );
        assert_eq!(
            Scenario::from_fragment("#/rabbitmq?run=run%205s&seed=7").and_then(|s| s.seed),
            Some(7)
        );
        assert_eq!(
            Scenario::from_fragment("#/rabbitmq?run=run%205s&seed=-1").and_then(|s| s.seed),
            None
        );
    }

    #[test]
    fn no_lines_is_no_scenario() {
        assert_eq!(Scenario::from_fragment("#/redis"), None);
        assert_eq!(Scenario::from_fragment("#/redis?run="), None);
        assert_eq!(Scenario::from_fragment("#/redis?seed=3"), None);
    }

    #[test]
    fn malformed_escapes_are_kept_not_fatal() {
        assert_eq!(
            Scenario::from_fragment("#/redis?run=GET%2"),
            Some(lines(&["GET%2"]))
        );
        assert_eq!(
            Scenario::from_fragment("#/redis?run=%ZZ%"),
            Some(lines(&["%ZZ%"]))
        );
        assert_eq!(
            Scenario::from_fragment("#/redis?run=%FF"),
            Some(lines(&["\u{FFFD}"]))
        );
    }
}
