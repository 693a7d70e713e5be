//! The simulation's controls: play, pause, step and speed on the virtual clock, the seed,
//! and restarting the broker (which runs the console's `restart`, so it shows there).

use web_sys::{HtmlFormElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Speeds offered, as multiples of real time.
pub const SPEEDS: [f64; 7] = [0.1, 0.5, 1.0, 2.0, 5.0, 10.0, 100.0];

/// Properties of [`Controls`].
#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    /// Whether the clock is running.
    pub playing: bool,
    /// Virtual milliseconds per real millisecond.
    pub speed: f64,
    /// The simulation's seed.
    pub seed: u64,
    /// Virtual time now, in ms since the simulation started.
    pub clock_ms: u64,
    /// The speed the clock has run at lately (lower than `speed` when the device cannot
    /// simulate that fast).
    pub achieved: f64,
    /// Starts or stops the clock.
    pub on_play: Callback<bool>,
    /// Advances the clock by one step.
    pub on_step: Callback<()>,
    /// Sets the speed.
    pub on_speed: Callback<f64>,
    /// Runs a console line.
    pub on_run: Callback<String>,
    /// Starts over with another seed.
    pub on_seed: Callback<u64>,
}

/// The controls. See the module documentation.
#[component]
pub fn Controls(props: &ControlsProps) -> Html {
    let playing = props.playing;
    let toggle = props.on_play.reform(move |_: MouseEvent| !playing);
    let step = props.on_step.reform(|_: MouseEvent| ());
    let on_speed = {
        let on_speed = props.on_speed.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<HtmlSelectElement>()
                && let Ok(speed) = select.value().parse::<f64>()
            {
                on_speed.emit(speed);
            }
        })
    };
    let restart = props.on_run.reform(|_: MouseEvent| "restart".to_string());
    let on_seed = {
        let on_seed = props.on_seed.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let seed = e
                .target_dyn_into::<HtmlFormElement>()
                .and_then(|form| form.query_selector("[name=seed]").ok().flatten())
                .and_then(|input| wasm_bindgen::JsCast::dyn_into::<HtmlInputElement>(input).ok())
                .and_then(|input| input.value().trim().parse::<u64>().ok());
            if let Some(seed) = seed {
                on_seed.emit(seed);
            }
        })
    };
    html! {
        <section class="rmq-controls" aria-label="Simulation controls" data-testid="rmq-controls">
            <div class="clock-row">
                <button type="button" class="primary" onclick={toggle} data-testid="rmq-play"
                    aria-pressed={playing.to_string()}>
                    { if playing { "‖ Pause" } else { "▶ Play" } }
                </button>
                <button type="button" onclick={step} data-testid="rmq-step" disabled={playing}
                    title="Advance the virtual clock by 100 ms">{ "Step 100 ms" }</button>
                <label>
                    { "Speed " }
                    <select onchange={on_speed} data-testid="rmq-speed" aria-label="Speed">
                        { for SPEEDS.iter().map(|&s| html! {
                            <option value={s.to_string()} selected={s == props.speed}>{ format!("{s}×") }</option>
                        }) }
                    </select>
                </label>
                <span class="clock" data-testid="rmq-clock" aria-live="off">
                    { format!("t = {:.1} s", props.clock_ms as f64 / 1000.0) }
                    if playing && props.speed > 1.0 && props.achieved < props.speed * 0.9 {
                        <span class="behind" data-testid="rmq-behind"
                            title="Simulating the traffic takes longer than the speed asked for allows">
                            { format!(" · running at {:.0}×, as fast as this device can", props.achieved.max(1.0)) }
                        </span>
                    }
                </span>
                <form class="seed" onsubmit={on_seed} data-testid="rmq-seed-form"
                    title="Every random choice comes from the seed: the same seed and the same steps replay the same run">
                    <span data-testid="rmq-seed">{ format!("seed {}", props.seed) }</span>
                    <input name="seed" type="number" min="0" aria-label="New seed"
                        value={props.seed.to_string()} />
                    <button type="submit">{ "Start over" }</button>
                </form>
                <button type="button" onclick={restart} data-testid="rmq-restart"
                    title="rabbitmqctl stop_app, then start_app: durable things survive">
                    { "Restart broker" }
                </button>
            </div>
        </section>
    }
}
