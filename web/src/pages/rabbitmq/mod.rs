//! The RabbitMQ page: a rabbitmqadmin console on a simulated broker, and around it the
//! simulation drawn live: the topology canvas with messages travelling, the controls of
//! the virtual clock and the clients, the inspector, the charts, and the lesson's
//! in-process bounded queue for contrast.
//!
//! The console and the views share one [`SharedSimulation`]: console lines change it
//! through the session's reducer; the clock's timer and the step button run it directly.
//! After either, the broker's events become dots on the canvas.

mod bounded_queue;
mod canvas;
mod charts;
mod controls;
mod inspector;
mod layout;
mod topology;
mod traffic;

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Interval;
use scenario::{RabbitAdminSession, SharedSimulation};
use yew::prelude::*;

use crate::engines::{RABBITMQ, SEED};
use crate::pages::engine::{EngineLayout, PageProps};
use crate::route::Mode;
use crate::session::{SessionAction, SessionState, use_session_actions, virtual_now_ms};
use bounded_queue::{BoundedFigures, BoundedQueueView};
use canvas::{Figures, TopologyCanvas};
use charts::{ChartData, RateCharts};
use controls::Controls;
use inspector::{Details, Inspector};
use topology::{NodeId, Topology};
use traffic::Traffic;

/// Real milliseconds between frames while the clock runs or dots fly.
const FRAME_MS: u32 = 50;
/// The longest real gap one frame makes up for (a background tab's timer is throttled;
/// coming back should not run minutes of virtual time in one go).
const LONGEST_FRAME_MS: f64 = 250.0;
/// Virtual time one press of the step button runs.
const STEP_MS: u64 = 100;

/// The RabbitMQ page. Choosing another seed starts over: the world below is keyed by its
/// seed, so a new seed mounts a fresh broker, clients and console.
#[component]
pub fn RabbitMqPage(props: &PageProps) -> Html {
    let seed = use_state(|| SEED);
    let on_seed = {
        let seed = seed.clone();
        Callback::from(move |s| seed.set(s))
    };
    html! {
        <World key={*seed} seed={*seed} mode={props.mode} active={props.active} {on_seed} />
    }
}

/// Properties of [`World`].
#[derive(Properties, PartialEq)]
struct WorldProps {
    /// The simulation's seed.
    seed: u64,
    mode: Mode,
    active: bool,
    /// Starts over with another seed.
    on_seed: Callback<u64>,
}

/// One simulation, its console and every view of it.
#[component]
fn World(props: &WorldProps) -> Html {
    let seed = props.seed;
    let state = use_reducer(move || SessionState::new(RabbitAdminSession::new(seed)));
    let sim = state.session().simulation();
    let traffic = use_mut_ref(Traffic::default);
    let playing = use_state(|| false);
    let speed = use_state(|| 1.0_f64);
    let selected = use_state(|| None::<NodeId>);
    let frame = use_force_update();

    let on_action = use_session_actions(&state);
    let on_run = on_action.reform(SessionAction::Run);

    // Events from console lines: the transcript is replaced after every line.
    {
        let (sim, traffic, frame) = (sim.clone(), Rc::clone(&traffic), frame.clone());
        use_effect_with(state.transcript(), move |_| {
            absorb(&sim, &traffic, virtual_now_ms() as f64);
            frame.force_update();
        });
    }
    // The clock: while the page is shown, a timer runs the simulation (when playing) and
    // moves the dots. Dropping the interval, when any of these change, stops it.
    {
        let (sim, traffic, frame) = (sim.clone(), Rc::clone(&traffic), frame.clone());
        use_effect_with(
            (props.active, *playing, *speed),
            move |&(active, playing, speed)| {
                let last = RefCell::new(virtual_now_ms() as f64);
                let interval = active.then(|| {
                    Interval::new(FRAME_MS, move || {
                        let now = virtual_now_ms() as f64;
                        let elapsed = (now - last.replace(now)).clamp(0.0, LONGEST_FRAME_MS);
                        if playing {
                            let mut s = sim.borrow_mut();
                            let until = s
                                .now()
                                .saturating_add((elapsed * speed).round().max(1.0) as u64);
                            s.run_until(until);
                        }
                        let idle = !playing && traffic.borrow().flights.is_empty();
                        if !idle {
                            absorb(&sim, &traffic, now);
                            frame.force_update();
                        }
                    })
                });
                move || drop(interval)
            },
        );
    }

    let on_play = {
        let playing = playing.clone();
        Callback::from(move |on| playing.set(on))
    };
    let on_step = {
        let (sim, traffic, frame) = (sim.clone(), Rc::clone(&traffic), frame.clone());
        Callback::from(move |()| {
            {
                let mut s = sim.borrow_mut();
                let until = s.now().saturating_add(STEP_MS);
                s.run_until(until);
            }
            absorb(&sim, &traffic, virtual_now_ms() as f64);
            frame.force_update();
        })
    };
    let on_speed = {
        let speed = speed.clone();
        Callback::from(move |s| speed.set(s))
    };
    let on_select = {
        let selected = selected.clone();
        Callback::from(move |id: NodeId| {
            let again = selected.as_ref() == Some(&id);
            selected.set((!again).then_some(id));
        })
    };
    let on_close = {
        let selected = selected.clone();
        Callback::from(move |()| selected.set(None))
    };

    let s = sim.borrow();
    let t = traffic.borrow();
    let topology = Topology::of(&s, &t.seen);
    let figures = Figures::of(&s, &topology);
    let details = selected.as_ref().and_then(|id| Details::of(&s, id));
    let exchanges: Vec<String> = s.broker().exchanges().keys().cloned().collect();
    let queues: Vec<String> = s.broker().queues().keys().cloned().collect();
    let next_producer = free_name("p", |n| s.producers().contains_key(n));
    let next_consumer = free_name("c", |n| s.consumers().contains_key(n));
    let bounded = s.bounded.as_ref().map(BoundedFigures::of);
    let charts = ChartData::of(&s);

    html! {
        <EngineLayout engine={&RABBITMQ} mode={props.mode} active={props.active}
            prompt={state.prompt()} transcript={state.transcript()}
            {on_action}>
            <div class="rabbitmq-views">
                <section class="rmq-panel rmq-world" aria-labelledby="rmq-world-title">
                    <h2 id="rmq-world-title">{ "The broker, live" }</h2>
                    <Controls playing={*playing} speed={*speed} seed={s.seed()} clock_ms={s.now()}
                        {exchanges} {queues} {next_producer} {next_consumer}
                        {on_play} {on_step} {on_speed} on_run={on_run.clone()}
                        on_seed={props.on_seed.clone()} />
                    <div class="canvas-and-inspector">
                        <div class="canvas-scroll">
                            <TopologyCanvas topology={topology} {figures}
                                flights={t.flights.iter().cloned().collect::<Vec<_>>()}
                                sample_every={t.sample_every} now={virtual_now_ms() as f64}
                                selected={(*selected).clone()} {on_select} />
                        </div>
                        if let Some(details) = details {
                            <Inspector {details} on_run={on_run.clone()} {on_close} />
                        }
                    </div>
                    <p class="canvas-legend">
                        <span><span class="key ready"></span>{ "ready" }</span>
                        <span><span class="key unacked"></span>{ "unacked" }</span>
                        <span><span class="key slot"></span>{ "prefetch window" }</span>
                        <span><span class="key dot"></span>{ "a message, coloured by routing key" }</span>
                        <span><span class="key lost"></span>{ "dropped, expired or unroutable" }</span>
                        <span><span class="key transient"></span>{ "transient: gone after a restart" }</span>
                        <span>{ "Click a node to inspect it." }</span>
                        <span class="narrow-only">{ "Scroll the canvas sideways to see it all." }</span>
                    </p>
                </section>
                <RateCharts data={charts} />
                <BoundedQueueView figures={bounded} on_run={on_run} />
            </div>
        </EngineLayout>
    }
}

/// Moves the broker's new events into the dots on the canvas.
fn absorb(sim: &SharedSimulation, traffic: &RefCell<Traffic>, now: f64) {
    let events = sim.borrow_mut().drain_events();
    traffic.borrow_mut().absorb(events, &sim.borrow(), now);
}

/// The first of `p1`, `p2`, ... not taken.
fn free_name(prefix: &str, taken: impl Fn(&str) -> bool) -> String {
    (1..)
        .map(|i| format!("{prefix}{i}"))
        .find(|name| !taken(name))
        .unwrap_or_default()
}
