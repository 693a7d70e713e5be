//! The simulation's controls: play, pause, step and speed on the virtual clock; small forms
//! that add a producer or a consumer; restarting the broker. Forms do not change the
//! simulation themselves: they run the console line that does, so the learner sees the
//! command and can type it next time.

use web_sys::{HtmlInputElement, HtmlSelectElement};
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
    /// Exchanges a producer can publish to.
    pub exchanges: Vec<String>,
    /// Queues a consumer can consume from.
    pub queues: Vec<String>,
    /// Name for the next producer.
    pub next_producer: String,
    /// Name for the next consumer.
    pub next_consumer: String,
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

/// Quotes a value for the console's shell-like line, only when it needs it.
pub fn quote(value: &str) -> String {
    let plain = !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-*#,:/".contains(c))
        && !value.starts_with('#');
    if plain {
        value.to_string()
    } else {
        format!("'{}'", value.replace('\'', r"'\''"))
    }
}

/// The value of a form control found by its name.
fn field(form: &web_sys::HtmlFormElement, name: &str) -> String {
    use wasm_bindgen::JsCast;
    let Ok(Some(element)) = form.query_selector(&format!("[name={name}]")) else {
        return String::new();
    };
    match element.dyn_into::<HtmlInputElement>() {
        Ok(input) => input.value(),
        Err(element) => element
            .dyn_into::<HtmlSelectElement>()
            .map(|select| select.value())
            .unwrap_or_default(),
    }
}

/// A form's submit handler that builds a console line from the form's fields.
fn submitter(
    on_run: &Callback<String>,
    build: fn(&web_sys::HtmlFormElement) -> String,
) -> Callback<SubmitEvent> {
    let on_run = on_run.clone();
    Callback::from(move |e: SubmitEvent| {
        e.prevent_default();
        if let Some(form) = e.target_dyn_into::<web_sys::HtmlFormElement>() {
            on_run.emit(build(&form));
        }
    })
}

/// The console line a producer form stands for.
fn producer_line(form: &web_sys::HtmlFormElement) -> String {
    format!(
        "producer name={} exchange={} routing_key={} rate={}",
        quote(&field(form, "name")),
        quote(&field(form, "exchange")),
        quote(&field(form, "routing_key")),
        quote(&field(form, "rate")),
    )
}

/// The console line a consumer form stands for.
fn consumer_line(form: &web_sys::HtmlFormElement) -> String {
    format!(
        "consumer name={} queue={} prefetch={} processing={} ackmode={}",
        quote(&field(form, "name")),
        quote(&field(form, "queue")),
        quote(&field(form, "prefetch")),
        quote(&field(form, "processing")),
        quote(&field(form, "ackmode")),
    )
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
            let form = e.target_dyn_into::<web_sys::HtmlFormElement>();
            if let Some(seed) = form.and_then(|f| field(&f, "seed").parse::<u64>().ok()) {
                on_seed.emit(seed);
            }
        })
    };
    // Options are marked selected explicitly: left to the browser, the pick depends on the
    // order yew inserts them in (the last option, as it turns out). A learner's own
    // exchange is the likelier target than the default one.
    let default_exchange = props
        .exchanges
        .iter()
        .find(|x| !x.is_empty() && !x.starts_with("amq."))
        .cloned()
        .unwrap_or_default();

    html! {
        <section class="rmq-controls" aria-label="Simulation controls" data-testid="rmq-controls">
            <div class="clock-row">
                <button type="button" class="primary" onclick={toggle} data-testid="rmq-play"
                    aria-pressed={playing.to_string()}>
                    { if playing { "⏸ Pause" } else { "▶ Play" } }
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
            <div class="forms">
                <form class="add-form" onsubmit={submitter(&props.on_run, producer_line)}
                    data-testid="rmq-add-producer" aria-label="Add a producer">
                    <h3>{ "Add a producer" }</h3>
                    <input type="hidden" name="name" value={props.next_producer.clone()} />
                    <label>{ "exchange" }
                        <select name="exchange">
                            { for props.exchanges.iter().map(|x| html! {
                                <option value={x.clone()} selected={*x == default_exchange}>
                                    { if x.is_empty() { "(AMQP default)" } else { x } }</option>
                            }) }
                        </select>
                    </label>
                    <label>{ "routing key(s)" }
                        <input name="routing_key" placeholder="e.g. hello, or kern.info,cron.error" />
                    </label>
                    <label>{ "msg/s" }
                        <input name="rate" type="number" min="0" max="10000" step="any" value="2" />
                    </label>
                    <button type="submit">{ format!("Start {}", props.next_producer) }</button>
                </form>
                <form class="add-form" onsubmit={submitter(&props.on_run, consumer_line)}
                    data-testid="rmq-add-consumer" aria-label="Add a consumer">
                    <h3>{ "Add a consumer" }</h3>
                    <input type="hidden" name="name" value={props.next_consumer.clone()} />
                    <label>{ "queue" }
                        <select name="queue" disabled={props.queues.is_empty()}>
                            { for props.queues.iter().enumerate().map(|(i, q)| html! {
                                <option value={q.clone()} selected={i == 0}>{ q }</option>
                            }) }
                        </select>
                    </label>
                    <label>{ "prefetch" }
                        <input name="prefetch" type="number" min="0" max="65535" value="1" />
                    </label>
                    <label>{ "work per msg" }
                        <input name="processing" value="500ms" aria-describedby="rmq-processing-help" />
                    </label>
                    <label>{ "ack" }
                        <select name="ackmode">
                            <option value="manual" selected=true>{ "manual" }</option>
                            <option value="auto">{ "auto" }</option>
                        </select>
                    </label>
                    <button type="submit" disabled={props.queues.is_empty()}>
                        { format!("Start {}", props.next_consumer) }</button>
                    <p class="hint" id="rmq-processing-help">{ "e.g. 200ms, 1s, or 100ms..2s for a random time" }</p>
                </form>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_quoted_only_when_the_console_needs_it() {
        assert_eq!(quote("kern.*"), "kern.*");
        assert_eq!(quote("a,b"), "a,b");
        assert_eq!(quote(""), "''");
        assert_eq!(quote("#"), "'#'");
        assert_eq!(quote("it's"), r"'it'\''s'");
        assert_eq!(quote("two words"), "'two words'");
    }
}
