//! A small line chart in hand-written SVG: counters over virtual time, drawn as steps
//! (a counter holds its value until the next sample), with no charting library to ship.

use std::rc::Rc;

use yew::prelude::*;

/// Width and height of the chart's drawing, in SVG user units; it scales to its box.
const WIDTH: f64 = 320.0;
const HEIGHT: f64 = 120.0;
/// Room on the left for the y-axis labels and at the bottom for the x-axis labels.
const LEFT: f64 = 58.0;
const BOTTOM: f64 = 18.0;

/// One line of a chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// Its name in the legend.
    pub name: AttrValue,
    /// The CSS class that colours it (the page's stylesheet sets `stroke`).
    pub class: AttrValue,
    /// `(x, y)` samples in ascending `x`; the value holds from one sample to the next.
    pub points: Rc<[(f64, f64)]>,
}

/// Properties of [`LineChart`].
#[derive(Properties, PartialEq)]
pub struct LineChartProps {
    /// Title above the chart; also its accessible name.
    pub title: AttrValue,
    /// The lines drawn, all on one y scale.
    pub series: Vec<Series>,
    /// The x range shown, e.g. seconds before now (`-60.0`) to now (`0.0`).
    pub x_range: (f64, f64),
    /// Formats a y value for the axis labels (e.g. bytes as `1.2 MB`).
    pub format_y: Callback<f64, String>,
    /// Labels the two ends of the x axis.
    pub x_labels: (AttrValue, AttrValue),
    /// Test id of the chart's figure.
    #[prop_or_default]
    pub testid: AttrValue,
}

/// Step lines for a few series, with a legend that shows each series' latest value.
#[component]
pub fn LineChart(props: &LineChartProps) -> Html {
    let (x0, x1) = props.x_range;
    let y_max = props
        .series
        .iter()
        .flat_map(|s| s.points.iter().map(|&(_, y)| y))
        .fold(0.0_f64, f64::max)
        .max(1.0);
    let plot_w = WIDTH - LEFT;
    let plot_h = HEIGHT - BOTTOM;
    let sx = |x: f64| LEFT + (x - x0) / (x1 - x0).max(f64::EPSILON) * plot_w;
    let sy = |y: f64| 4.0 + (plot_h - 4.0) * (1.0 - y / y_max);
    let path = |points: &[(f64, f64)]| {
        let mut d = String::new();
        let mut last: Option<f64> = None;
        for &(x, y) in points.iter().filter(|&&(x, _)| x <= x1) {
            let (px, py) = (sx(x.max(x0)), sy(y));
            match last {
                None => d.push_str(&format!("M{px:.1},{py:.1}")),
                Some(_) => d.push_str(&format!("H{px:.1}V{py:.1}")),
            }
            last = Some(y);
        }
        if last.is_some() {
            d.push_str(&format!("H{:.1}", sx(x1)));
        }
        d
    };
    let latest = |s: &Series| s.points.last().map_or(0.0, |&(_, y)| y);

    html! {
        <figure class="line-chart" data-testid={props.testid.clone()}>
            <figcaption>
                <span class="chart-title">{ props.title.clone() }</span>
                <span class="legend">
                    { for props.series.iter().map(|s| html! {
                        <span class={classes!("legend-item", s.class.to_string())}>
                            <span class="swatch" aria-hidden="true"></span>
                            { format!("{} {}", s.name, props.format_y.emit(latest(s))) }
                        </span>
                    }) }
                </span>
            </figcaption>
            <svg viewBox={format!("0 0 {WIDTH} {HEIGHT}")} role="img" aria-label={props.title.clone()}>
                <line class="axis" x1={LEFT.to_string()} x2={WIDTH.to_string()}
                    y1={plot_h.to_string()} y2={plot_h.to_string()} />
                <line class="grid" x1={LEFT.to_string()} x2={WIDTH.to_string()} y1="4" y2="4" />
                <text class="tick" x={(LEFT - 4.0).to_string()} y="8" text-anchor="end">
                    { props.format_y.emit(y_max) }</text>
                <text class="tick" x={(LEFT - 4.0).to_string()} y={plot_h.to_string()} text-anchor="end">{"0"}</text>
                <text class="tick" x={LEFT.to_string()} y={(HEIGHT - 4.0).to_string()}>
                    { props.x_labels.0.clone() }</text>
                <text class="tick" x={WIDTH.to_string()} y={(HEIGHT - 4.0).to_string()} text-anchor="end">
                    { props.x_labels.1.clone() }</text>
                { for props.series.iter().map(|s| html! {
                    <path class={classes!("series", s.class.to_string())} d={path(&s.points)} />
                }) }
            </svg>
        </figure>
    }
}
