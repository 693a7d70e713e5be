//! Live charts of the server's counters over virtual time, from the samples the shared
//! server records after every exchange.

use std::rc::Rc;

use scenario::memcached_sim::StatsView;
use scenario::{SharedServer, StatsSample};
use yew::prelude::*;

use super::format_bytes;
use crate::components::chart::{LineChart, Series};

/// The shortest span the charts show, so the first commands do not fill the whole width.
const MIN_SPAN_S: f64 = 30.0;

/// One counter as chart points: seconds before now against the counter's value.
fn points(
    samples: &[StatsSample],
    now_ms: u64,
    counter: fn(&StatsView) -> u64,
) -> Rc<[(f64, f64)]> {
    samples
        .iter()
        .map(|s| {
            let seconds = (s.at_ms as f64 - now_ms as f64) / 1000.0;
            (seconds, counter(&s.stats) as f64)
        })
        .collect()
}

/// Counts as whole numbers.
fn format_count(n: f64) -> String {
    format!("{n:.0}")
}

/// Hits and misses, items, bytes and evictions of `server`, side by side, up to `now_ms`.
/// A plain view function: it holds no state, and its page draws it on every tick anyway.
pub fn stats_charts(server: &SharedServer, now_ms: u64) -> Html {
    let samples = server.samples();
    let now = now_ms;
    let span = samples
        .first()
        .map_or(MIN_SPAN_S, |s| {
            (now.saturating_sub(s.at_ms)) as f64 / 1000.0
        })
        .max(MIN_SPAN_S);
    let series = |name: &'static str, class: &'static str, counter: fn(&StatsView) -> u64| Series {
        name: name.into(),
        class: class.into(),
        points: points(&samples, now, counter),
    };
    let x_labels = (
        AttrValue::from(format!("{:.0} s ago", span)),
        AttrValue::from("now"),
    );
    let chart = |title: &'static str,
                 testid: &'static str,
                 lines: Vec<Series>,
                 format_y: fn(f64) -> String| {
        html! {
            <LineChart title={title} series={lines} x_range={(-span, 0.0)} format_y={Callback::from(format_y)}
                x_labels={x_labels.clone()} testid={testid} />
        }
    };

    html! {
        <section class="mc-panel charts-panel" data-panel="charts" aria-labelledby="mc-charts-title" data-testid="mc-charts">
            <h2 id="mc-charts-title">{ "Counters over time" }</h2>
            <p class="panel-note">{ "As " }<code>{"stats"}</code>{ " reports them after each command, on the virtual clock." }</p>
            <div class="charts-grid">
                { chart("get hits and misses", "mc-chart-gets", vec![
                    series("get_hits", "hits", |s| s.get_hits),
                    series("get_misses", "misses", |s| s.get_misses),
                ], format_count) }
                { chart("items", "mc-chart-items", vec![series("curr_items", "items", |s| s.curr_items)], format_count) }
                { chart("bytes", "mc-chart-bytes", vec![series("bytes", "bytes", |s| s.bytes)], format_bytes) }
                { chart("evictions", "mc-chart-evictions", vec![series("evictions", "evictions", |s| s.evictions)], format_count) }
            </div>
        </section>
    }
}
