//! Live charts from the simulation's metric series: broker-wide publish, deliver and ack
//! rates, and each queue's ready and unacked counts, over the last stretch of virtual time.

use std::rc::Rc;

use scenario::rabbitmq_sim::Simulation;
use scenario::rabbitmq_sim::sim::metrics::Series as Samples;
use yew::prelude::*;

use crate::components::chart::{LineChart, Series};

/// Seconds of virtual time the charts show.
const SPAN_S: f64 = 30.0;
/// Queues drawn in the depth chart (each has a colour); the busiest are kept.
const QUEUES_DRAWN: usize = 5;

/// What the charts draw, copied out of the simulation so the charts compare cheaply.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartData {
    /// Publish, deliver and ack rates.
    pub rates: Vec<Series>,
    /// Ready and unacked counts of the busiest queues.
    pub depths: Vec<Series>,
}

/// Rate samples averaged over this many (a second): a rate sampled every 100 ms jumps
/// between 0 and 10/s for a producer of 1 message a second.
const RATE_WINDOW: usize = 10;

/// Samples as chart points: seconds before `now_ms` against the value, each the mean of
/// the last `window` samples.
fn points(samples: &Samples, now_ms: u64, window: usize) -> Rc<[(f64, f64)]> {
    let from = now_ms.saturating_sub((SPAN_S * 1000.0) as u64);
    let all: Vec<(u64, f64)> = samples.samples().copied().collect();
    all.iter()
        .enumerate()
        .filter(|(_, (at, _))| *at >= from)
        .map(|(i, &(at, _))| {
            let recent = &all[(i + 1).saturating_sub(window)..=i];
            let mean = recent.iter().map(|s| s.1).sum::<f64>() / recent.len() as f64;
            ((at as f64 - now_ms as f64) / 1000.0, mean)
        })
        .collect()
}

impl ChartData {
    /// The charts' data for `sim` now.
    pub fn of(sim: &Simulation) -> ChartData {
        let m = sim.metrics();
        let now = sim.now();
        let line = |name: &str, class: &str, samples: &Samples, window| Series {
            name: AttrValue::from(name.to_string()),
            class: AttrValue::from(class.to_string()),
            points: points(samples, now, window),
        };
        let mut busiest: Vec<(&String, f64)> = m
            .queue_depth
            .iter()
            .filter(|(name, _)| sim.broker().queue(name).is_some())
            .map(|(name, s)| (name, s.samples().map(|&(_, v)| v).fold(0.0, f64::max)))
            .collect();
        busiest.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
        let mut depths = Vec::new();
        for (i, (name, _)) in busiest.into_iter().take(QUEUES_DRAWN).enumerate() {
            depths.push(line(
                &format!("{name} ready"),
                &format!("queue-{i}"),
                &m.queue_depth[name],
                1,
            ));
            if let Some(unacked) = m.queue_unacked.get(name) {
                depths.push(line(
                    &format!("{name} unacked"),
                    &format!("queue-{i} unacked"),
                    unacked,
                    1,
                ));
            }
        }
        ChartData {
            rates: vec![
                line("publish", "publish", &m.publish_rate, RATE_WINDOW),
                line("deliver", "deliver", &m.deliver_rate, RATE_WINDOW),
                line("ack", "ack", &m.ack_rate, RATE_WINDOW),
            ],
            depths,
        }
    }
}

/// Properties of [`RateCharts`].
#[derive(Properties, PartialEq)]
pub struct RateChartsProps {
    /// What to draw.
    pub data: ChartData,
}

fn rate(v: f64) -> String {
    if v >= 100.0 {
        format!("{v:.0}/s")
    } else {
        format!("{v:.1}/s")
    }
}

fn count(v: f64) -> String {
    format!("{v:.0}")
}

/// The two charts side by side.
#[component]
pub fn RateCharts(props: &RateChartsProps) -> Html {
    let x_labels = (
        AttrValue::from(format!("-{SPAN_S:.0} s")),
        AttrValue::from("now"),
    );
    html! {
        <section class="rmq-panel rmq-charts" data-panel="charts" data-testid="rmq-charts" aria-labelledby="rmq-charts-title">
            <h2 id="rmq-charts-title">{ "Rates and queue depths" }</h2>
            <p class="panel-note">{ "Sampled every 100 ms of virtual time, as the management UI's graphs do every few seconds." }</p>
            <div class="charts-grid">
                <LineChart title="messages per second (mean over 1 s)" series={props.data.rates.clone()}
                    x_range={(-SPAN_S, 0.0)} format_y={Callback::from(rate)}
                    x_labels={x_labels.clone()} testid="rmq-chart-rates" />
                <LineChart title="queue depth (ready, and unacked dashed)" series={props.data.depths.clone()}
                    x_range={(-SPAN_S, 0.0)} format_y={Callback::from(count)}
                    {x_labels} testid="rmq-chart-depths" />
            </div>
        </section>
    }
}
