//! Pipelining and a connection pool, as the lesson teaches them: what a round trip costs
//! at a latency the learner picks, how many a pipeline saves, and how a few pooled
//! connections serve more requests than they number.

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::world::{MAX_CLIENTS, Pipeline, PoolRequest, WorldAction};

/// How many requests one pool run sends.
const POOL_REQUESTS: usize = 8;

/// Properties of [`PipelineAndPool`].
#[derive(Properties, PartialEq)]
pub struct PipelineProps {
    /// The main console's pipeline.
    pub pipeline: Pipeline,
    /// The requests of the latest pool run.
    pub pool_run: Rc<[PoolRequest]>,
    /// Acts on the world.
    pub on_action: Callback<WorldAction>,
}

/// Round trips saved by sending `commands` in one pipeline, in words and milliseconds.
fn pipeline_figures(commands: usize, latency_ms: u32) -> String {
    let one_by_one = commands as u64 * u64::from(latency_ms);
    format!(
        "{commands} command{} one at a time: {commands} round trip{} = {one_by_one} ms. \
         As one pipeline: 1 round trip = {latency_ms} ms. Saved: {} round trip{}, {} ms.",
        if commands == 1 { "" } else { "s" },
        if commands == 1 { "" } else { "s" },
        commands.saturating_sub(1),
        if commands == 2 { "" } else { "s" },
        one_by_one - u64::from(latency_ms).min(one_by_one),
    )
}

/// The pipeline and pool panel.
#[component]
pub fn PipelineAndPool(props: &PipelineProps) -> Html {
    let latency = use_state(|| 20_u32);
    let multi = use_state(|| false);
    let pool_size = use_state(|| 2_usize);
    let on_latency = {
        let latency = latency.clone();
        Callback::from(move |event: InputEvent| {
            let value = event.target_unchecked_into::<HtmlInputElement>().value();
            latency.set(value.parse().unwrap_or(20));
        })
    };
    let on_multi = {
        let multi = multi.clone();
        Callback::from(move |event: Event| {
            multi.set(event.target_unchecked_into::<HtmlInputElement>().checked());
        })
    };
    let on_batch = props
        .on_action
        .reform(|_: MouseEvent| WorldAction::Batch(true));
    let on_cancel = props
        .on_action
        .reform(|_: MouseEvent| WorldAction::Batch(false));
    let on_send = {
        let multi = *multi;
        props
            .on_action
            .reform(move |_: MouseEvent| WorldAction::SendPipeline { multi })
    };
    let on_pool = {
        let size = *pool_size;
        props
            .on_action
            .reform(move |_: MouseEvent| WorldAction::RunPool {
                size,
                requests: POOL_REQUESTS,
            })
    };
    let batched = props.pipeline.batched.as_deref();
    let batched_count = batched.map_or(0, |lines| lines.len() + if *multi { 2 } else { 0 });
    let rounds = props
        .pool_run
        .iter()
        .map(|r| r.round + 1)
        .max()
        .unwrap_or(0);
    let connections: Vec<u64> = {
        let mut ids: Vec<u64> = props.pool_run.iter().map(|r| r.connection).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    };

    html! {
        <section class="redis-panel pipeline-panel" data-panel="pipeline" aria-labelledby="redis-pipeline-title"
            data-testid="redis-pipeline">
            <h2 id="redis-pipeline-title">{ "Pipelining and a connection pool" }</h2>
            <label class="latency">
                <span>{ format!("Network round trip: {} ms", *latency) }</span>
                <input type="range" min="1" max="200" value={latency.to_string()} oninput={on_latency}
                    data-testid="redis-latency" aria-label="Simulated round-trip latency in milliseconds" />
            </label>
            <div class="pipeline-grid">
                <div>
                    <h3>{ "Pipeline" }</h3>
                    <p class="panel-note">
                        { "Each command waits for its reply: one round trip each. A pipeline writes \
                           the next commands at once and reads all the replies after one round trip." }
                    </p>
                    if let Some(lines) = batched {
                        <p class="panel-note">{ "Type commands in the console above: they are held back." }</p>
                        <ol class="batched" data-testid="redis-batched">
                            if *multi { <li><code>{ "MULTI" }</code></li> }
                            { for lines.iter().map(|line| html! { <li><code>{ line.clone() }</code></li> }) }
                            if *multi { <li><code>{ "EXEC" }</code></li> }
                        </ol>
                        <label class="check">
                            <input type="checkbox" checked={*multi} onchange={on_multi} data-testid="redis-pipeline-multi" />
                            { " wrap in MULTI … EXEC (all or nothing, nothing in between)" }
                        </label>
                        <div class="buttons">
                            <button type="button" class="secondary primary" onclick={on_send}
                                disabled={lines.is_empty()} data-testid="redis-send-pipeline">
                                { format!("Send {batched_count} commands as one pipeline") }</button>
                            <button type="button" class="secondary" onclick={on_cancel}>{ "Cancel" }</button>
                        </div>
                        if !lines.is_empty() {
                            <p class="figures">{ pipeline_figures(batched_count, *latency) }</p>
                        }
                    } else {
                        <button type="button" class="secondary" onclick={on_batch} data-testid="redis-batch">
                            { "Batch the next commands" }</button>
                        if let Some(sent) = props.pipeline.last_sent {
                            <p class="figures" data-testid="redis-pipeline-figures">
                                { format!("Last pipeline: {}", pipeline_figures(sent, *latency)) }</p>
                        }
                    }
                </div>
                <div>
                    <h3>{ "Connection pool" }</h3>
                    <p class="panel-note">
                        { "Opening a connection costs round trips of its own. A pool opens a few once and \
                           lends them: a request borrows one, runs its command, gives it back; when all \
                           are out, the next request waits for one." }
                    </p>
                    <div class="buttons" role="group" aria-label="Connections in the pool">
                        { for (1..=MAX_CLIENTS).map(|size| {
                            let chosen = size == *pool_size;
                            let pool_size = pool_size.clone();
                            let onclick = Callback::from(move |_: MouseEvent| pool_size.set(size));
                            html! {
                                <button type="button" class="secondary" aria-pressed={chosen.to_string()}
                                    {onclick}>{ format!("{size} connection{}", if size == 1 { "" } else { "s" }) }</button>
                            }
                        }) }
                    </div>
                    <button type="button" class="secondary" onclick={on_pool} data-testid="redis-run-pool">
                        { format!("Send {POOL_REQUESTS} requests (INCR pool:requests)") }</button>
                    if !props.pool_run.is_empty() {
                        <table class="pool-run" data-testid="redis-pool-run">
                            <thead><tr><th>{ "connection" }</th>
                                { for (0..rounds).map(|round| html! {
                                    <th>{ format!("{}–{} ms", round as u64 * u64::from(*latency), (round as u64 + 1) * u64::from(*latency)) }</th>
                                }) }
                            </tr></thead>
                            <tbody>
                                { for connections.iter().map(|&id| html! {
                                    <tr><th>{ format!("id {id}") }</th>
                                        { for (0..rounds).map(|round| {
                                            let request = props.pool_run.iter().enumerate()
                                                .find(|(_, r)| r.connection == id && r.round == round);
                                            html! { <td>{ request.map(|(i, r)| format!("request {} → {}", i + 1, r.reply.trim_end())).unwrap_or_default() }</td> }
                                        }) }
                                    </tr>
                                }) }
                            </tbody>
                        </table>
                        <p class="figures" data-testid="redis-pool-figures">
                            { format!("{} requests over {} pooled connection{}: {rounds} round trip{}, {} ms. \
                                       A new connection per request would also pay a connect for each of the {}.",
                                props.pool_run.len(), connections.len(),
                                if connections.len() == 1 { "" } else { "s" },
                                if rounds == 1 { "" } else { "s" },
                                rounds as u64 * u64::from(*latency), props.pool_run.len()) }
                        </p>
                    }
                </div>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pipeline_saves_all_round_trips_but_one() {
        assert_eq!(
            pipeline_figures(5, 20),
            "5 commands one at a time: 5 round trips = 100 ms. As one pipeline: 1 round trip = 20 ms. Saved: 4 round trips, 80 ms."
        );
        assert!(pipeline_figures(1, 20).ends_with("Saved: 0 round trips, 0 ms."));
    }
}
