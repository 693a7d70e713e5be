//! Live charts of the server on the virtual clock, from the samples the shared server
//! takes each time virtual time passes: commands per second, keys, memory, expired and
//! evicted keys, the reads that found their key or not, and the open connections.

use std::rc::Rc;

use scenario::{RedisSample, SharedRedis};
use yew::prelude::*;

use crate::components::chart::{LineChart, Series};

/// The span the charts show, in seconds before now.
const SPAN_S: f64 = 60.0;

/// Seconds before `now_ms` of a sample.
fn seconds_before(sample: &RedisSample, now_ms: u64) -> f64 {
    (sample.at_ms as f64 - now_ms as f64) / 1000.0
}

/// A counter's value at each sample.
fn counter(
    samples: &[RedisSample],
    now_ms: u64,
    value: fn(&RedisSample) -> u64,
) -> Rc<[(f64, f64)]> {
    samples
        .iter()
        .map(|s| (seconds_before(s, now_ms), value(s) as f64))
        .collect()
}

/// Commands per second between consecutive samples, held from the earlier sample on.
fn command_rate(samples: &[RedisSample], now_ms: u64) -> Rc<[(f64, f64)]> {
    samples
        .windows(2)
        .filter(|pair| pair[1].at_ms > pair[0].at_ms)
        .map(|pair| {
            let seconds = (pair[1].at_ms - pair[0].at_ms) as f64 / 1000.0;
            let commands = pair[1].commands.saturating_sub(pair[0].commands) as f64;
            (seconds_before(&pair[0], now_ms), commands / seconds)
        })
        .collect()
}

/// Bytes as INFO's `used_memory_human` rounds them.
fn format_bytes(bytes: f64) -> String {
    match bytes {
        b if b >= 1024.0 * 1024.0 => format!("{:.2}M", b / 1024.0 / 1024.0),
        b if b >= 1024.0 => format!("{:.2}K", b / 1024.0),
        b => format!("{b:.0}B"),
    }
}

fn format_count(n: f64) -> String {
    if n.fract() == 0.0 || n >= 100.0 {
        format!("{n:.0}")
    } else {
        format!("{n:.1}")
    }
}

/// The charts of `shared` up to `now_ms`. A plain view function, drawn on every tick.
pub fn live_charts(shared: &SharedRedis, now_ms: u64) -> Html {
    let samples = shared.samples();
    let x_labels = (
        AttrValue::from(format!("{SPAN_S:.0} s ago")),
        AttrValue::from("now"),
    );
    let series = |name: &'static str, class: &'static str, points: Rc<[(f64, f64)]>| Series {
        name: name.into(),
        class: class.into(),
        points,
    };
    let chart = |title: &'static str,
                 testid: &'static str,
                 lines: Vec<Series>,
                 format_y: fn(f64) -> String| {
        html! {
            <LineChart title={title} series={lines} x_range={(-SPAN_S, 0.0)}
                format_y={Callback::from(format_y)} x_labels={x_labels.clone()} testid={testid} />
        }
    };
    html! {
        <section class="redis-panel charts-panel" data-panel="charts" aria-labelledby="redis-charts-title" data-testid="redis-charts">
            <h2 id="redis-charts-title">{ "Server over time" }</h2>
            <p class="panel-note">
                { "Sampled every second of the virtual clock, as " }<code>{ "INFO stats" }</code>
                { ", " }<code>{ "INFO memory" }</code>{ " and " }<code>{ "INFO clients" }</code>
                { " would report them. Keys with a TTL expire on \
                   their own: the server's active expiry runs ten times a second." }
            </p>
            <div class="charts-grid">
                { chart("commands per second", "redis-chart-commands",
                    vec![series("commands/s", "commands", command_rate(&samples, now_ms))], format_count) }
                { chart("keys, all databases", "redis-chart-keys",
                    vec![series("keys", "keys", counter(&samples, now_ms, |s| s.keys))], format_count) }
                { chart("memory", "redis-chart-memory",
                    vec![series("used_memory", "memory", counter(&samples, now_ms, |s| s.used_memory))],
                    format_bytes) }
                { chart("keys expired and evicted", "redis-chart-expired",
                    vec![series("expired_keys", "expired", counter(&samples, now_ms, |s| s.expired_keys)),
                         series("evicted_keys", "evicted", counter(&samples, now_ms, |s| s.evicted_keys))], format_count) }
                { chart("reads: key found or not", "redis-chart-hits",
                    vec![series("keyspace_hits", "hits", counter(&samples, now_ms, |s| s.keyspace_hits)),
                         series("keyspace_misses", "misses", counter(&samples, now_ms, |s| s.keyspace_misses))], format_count) }
                { chart("connected clients", "redis-chart-clients",
                    vec![series("connected_clients", "clients", counter(&samples, now_ms, |s| s.connected_clients))],
                    format_count) }
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(at_ms: u64, commands: u64) -> RedisSample {
        RedisSample {
            at_ms,
            commands,
            keys: 0,
            expired_keys: 0,
            evicted_keys: 0,
            used_memory: 0,
            keyspace_hits: 0,
            keyspace_misses: 0,
            connected_clients: 0,
        }
    }

    #[test]
    fn the_rate_is_commands_over_the_time_between_samples() {
        let samples = [
            sample(1_000, 0),
            sample(2_000, 4),
            sample(2_000, 9),
            sample(4_000, 10),
        ];
        assert_eq!(&*command_rate(&samples, 4_000), &[(-3.0, 4.0), (-2.0, 0.5)]);
    }
}
