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
mod dots;
mod forms;
mod inspector;
mod layout;
mod pace;
mod topology;
mod traffic;

use std::cell::RefCell;
use std::rc::Rc;

use scenario::{Pika, PikaVersion, RabbitAdminSession, SharedSimulation};
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use crate::animation::{FrameLoop, real_now};
use crate::components::editor::world::SharedWorld;
use crate::components::editor::{ProgramEditor, use_python_world};
use crate::engines::{RABBITMQ, SEED};
use crate::pages::engine::{EngineLayout, PageProps};
use crate::route::Mode;
use crate::scenario_link::Scenario;
use crate::session::{SessionAction, SessionState, use_session_actions};
use bounded_queue::{BoundedFigures, BoundedQueueView, ProgramQueue};
use canvas::{Figures, Pinned, Refresh, SharedStage, ShownFigures, TopologyCanvas};
use charts::{ChartData, RateCharts};
use controls::Controls;
use dots::{Painter, drawing_in_sight};
use forms::Forms;
use inspector::{Details, Inspector};
use pace::Pace;
use topology::{NodeId, Topology, natural_cmp};
use traffic::Traffic;

/// Real milliseconds between redraws of the views (the figures in the nodes in sight, the
/// clock) while the clock runs. The dots move on every frame; numbers that change five
/// times a second can still be read, and redrawing them costs a good part of a frame.
const VIEW_MS: f64 = 200.0;
/// ... and between redraws of the charts, whose lines move slowly at any speed.
const CHARTS_MS: f64 = 600.0;
/// The longest real gap one frame makes up for (a background tab's frames are throttled;
/// coming back should not run minutes of virtual time in one go).
const LONGEST_FRAME_MS: f64 = 250.0;
/// Virtual time one press of the step button runs.
const STEP_MS: u64 = 100;

/// The RabbitMQ page. "Start over" (with the same seed or another) mounts a fresh broker,
/// clients and console: the world below is keyed by its seed and how many times the page
/// started over. Where nodes were dragged is kept, by name.
#[component]
pub fn RabbitMqPage(props: &PageProps) -> Html {
    // A scenario link may name the seed its lines were run with. Each start over counts,
    // so starting over with the same seed still mounts a fresh broker.
    let run = use_state(|| {
        let seed = props
            .opening
            .as_ref()
            .and_then(|scenario| scenario.seed)
            .unwrap_or(SEED);
        (seed, 0_u32)
    });
    let pinned = (*use_memo((), |()| Pinned::default())).clone();
    // The learner's programs outlive a new seed: they are not the broker's.
    let python = use_python_world(&RABBITMQ.program);
    let starts = use_mut_ref(|| 0_u32);
    let on_seed = {
        let (run, starts) = (run.clone(), starts.clone());
        use_callback((), move |seed, ()| {
            *starts.borrow_mut() += 1;
            run.set((seed, *starts.borrow()));
        })
    };
    let (seed, start) = *run;
    html! {
        <World key={format!("{seed}/{start}")} {seed} mode={props.mode} active={props.active}
            opening={props.opening.clone()} {on_seed} {pinned} {python} />
    }
}

/// Properties of [`World`].
#[derive(Properties, PartialEq)]
struct WorldProps {
    /// The simulation's seed.
    seed: u64,
    mode: Mode,
    active: bool,
    opening: Option<Rc<Scenario>>,
    /// Starts over with another seed.
    on_seed: Callback<u64>,
    /// Where dragged nodes were left.
    pinned: Pinned,
    /// The page's Python world: the editor's programs, whose queue the bounded-queue
    /// view draws.
    python: SharedWorld,
}

/// One simulation, its console and every view of it.
#[component]
fn World(props: &WorldProps) -> Html {
    let seed = props.seed;
    let state = use_reducer(move || SessionState::new(RabbitAdminSession::new(seed)));
    let sim = state.session().simulation();
    // The programs' pika talks to this broker; its clock stays the page's.
    let pika = (*use_memo((), {
        let sim = sim.clone();
        move |()| Pika::new(sim, PikaVersion::One, seed, false)
    }))
    .clone();
    {
        let (python, pika) = (props.python.clone(), pika.clone());
        use_effect_with((), move |()| python.borrow_mut().attach_pika(pika));
    }
    let traffic = use_mut_ref(Traffic::default);
    let painter = use_mut_ref(Painter::default);
    let pace = use_mut_ref(Pace::default);
    let stage = (*use_memo((), |()| SharedStage::default())).clone();
    let last_topology = use_mut_ref(Rc::<Topology>::default);
    let shown = use_mut_ref(ShownFigures::default);
    // Set by the frame loop for its own redraws; any other redraw refreshes everything.
    let next_refresh = use_mut_ref(|| Refresh::All);
    let charts_drawn = use_mut_ref(|| None::<(f64, ChartData)>);
    let dots = use_node_ref();
    let playing = use_state(|| false);
    let speed = use_state(|| 1.0_f64);
    let selected = use_state(|| None::<NodeId>);
    let fit = use_state(|| false);
    let view = use_force_update();

    let on_action = use_session_actions(&state);
    let on_run = use_callback(on_action.clone(), |line, on_action| {
        on_action.emit(SessionAction::Run(line));
    });
    // On a narrow screen the canvas is far below the examples: one that starts traffic
    // brings it into view, so the learner sees what the example does.
    let on_layout_action = use_callback(on_action.clone(), |action: SessionAction, on_action| {
        let example = matches!(action, SessionAction::RunAll(_));
        on_action.emit(action);
        if example && narrow_screen() {
            scroll_into_view(".page-slot:not([hidden]) .rmq-world");
        }
    });

    // Events from console lines: the transcript is replaced after every line.
    {
        let (sim, traffic, view) = (sim.clone(), Rc::clone(&traffic), view.clone());
        let pika = pika.clone();
        use_effect_with(state.transcript(), move |_| {
            absorb(&sim, &pika, &traffic, real_now());
            view.force_update();
        });
    }
    // The clock: while the page is shown, every animation frame runs the simulation (when
    // playing) for the real time elapsed times the speed, and paints the dots; the views
    // are redrawn every VIEW_MS. Dropping the loop, when any of these change, stops it.
    {
        let (sim, traffic, view) = (sim.clone(), Rc::clone(&traffic), view.clone());
        let pika = pika.clone();
        let (painter, stage, dots) = (Rc::clone(&painter), stage.clone(), dots.clone());
        let (pace, next_refresh) = (Rc::clone(&pace), Rc::clone(&next_refresh));
        use_effect_with(
            (props.active, *playing, *speed),
            move |&(active, playing, speed)| {
                let mut last: Option<f64> = None;
                let mut last_view = 0.0;
                let mut shape = None;
                let frames = active.then(|| {
                    FrameLoop::start(move |now| {
                        let elapsed = last
                            .replace(now)
                            .map_or(0.0, |l| (now - l).clamp(0.0, LONGEST_FRAME_MS));
                        if playing {
                            let mut pace = pace.borrow_mut();
                            let run = pace.slice(elapsed, speed);
                            if run > 0 {
                                let started = real_now();
                                let mut s = sim.borrow_mut();
                                let until = s.now().saturating_add(run);
                                s.run_until(until);
                                pace.record(run, real_now() - started);
                            }
                        }
                        let share = traffic.borrow().sample_every;
                        absorb(&sim, &pika, &traffic, now);
                        // Programs change the topology between console lines, paused or
                        // not: redraw when its shape changed.
                        let shape_now = Some(shape_of(&sim.borrow(), &traffic.borrow()));
                        let reshaped = shape != shape_now;
                        shape = shape_now;
                        let canvas = dots.cast::<HtmlCanvasElement>();
                        if let Some(canvas) = &canvas {
                            painter.borrow_mut().paint(
                                canvas,
                                &stage.0.borrow(),
                                &traffic.borrow(),
                                now,
                            );
                        }
                        let share_changed = traffic.borrow().sample_every != share;
                        if reshaped {
                            view.force_update();
                        } else if share_changed || playing && now - last_view >= VIEW_MS {
                            last_view = now;
                            let sight =
                                canvas.and_then(|c| drawing_in_sight(&c, &stage.0.borrow()));
                            *next_refresh.borrow_mut() = Refresh::InSight(sight);
                            view.force_update();
                        }
                    })
                });
                move || drop(frames)
            },
        );
    }

    let on_play = {
        let playing = playing.clone();
        use_callback((), move |on, ()| playing.set(on))
    };
    let on_step = {
        let (sim, traffic, view) = (sim.clone(), Rc::clone(&traffic), view.clone());
        let pika = pika.clone();
        use_callback((), move |(), ()| {
            {
                let mut s = sim.borrow_mut();
                let until = s.now().saturating_add(STEP_MS);
                s.run_until(until);
            }
            absorb(&sim, &pika, &traffic, real_now());
            view.force_update();
        })
    };
    let on_speed = {
        let speed = speed.clone();
        use_callback((), move |s, ()| speed.set(s))
    };
    let on_select = {
        let selected = selected.clone();
        use_callback((), move |id: NodeId, ()| {
            selected.set(if selected.as_ref() == Some(&id) {
                None
            } else {
                Some(id)
            });
        })
    };
    let toggle_fit = {
        let fit = fit.clone();
        Callback::from(move |_: MouseEvent| fit.set(!*fit))
    };
    let on_close = {
        let selected = selected.clone();
        use_callback((), move |(), ()| selected.set(None))
    };
    let on_python_change = {
        let view = view.clone();
        use_callback((), move |(), ()| view.force_update())
    };

    let s = sim.borrow();
    let t = traffic.borrow();
    let refresh = std::mem::replace(&mut *next_refresh.borrow_mut(), Refresh::All);
    let topology = {
        let mut last = last_topology.borrow_mut();
        *last = Topology::of(&s, &t.seen, &pika.channel_labels(), &last);
        Rc::clone(&last)
    };
    let figures = shown.borrow_mut().refresh(
        &topology,
        Figures::of(&s, &t.seen, &pika.channel_labels(), &topology),
        &stage.0.borrow().corners,
        refresh,
    );
    let details = selected
        .as_ref()
        .and_then(|id| Details::of(&s, &pika.channel_labels(), id));
    let mut exchanges: Vec<String> = s.broker().exchanges().keys().cloned().collect();
    exchanges.sort_by(|a, b| natural_cmp(a, b));
    let mut queues: Vec<String> = s.broker().queues().keys().cloned().collect();
    queues.sort_by(|a, b| natural_cmp(a, b));
    let next_producer = free_name("p", |n| s.producers().contains_key(n));
    let next_consumer = free_name("c", |n| s.consumers().contains_key(n));
    let bounded = s.bounded.as_ref().map(BoundedFigures::of);
    let program_queue = ProgramQueue::of(&props.python.borrow());
    let charts = {
        let mut drawn = charts_drawn.borrow_mut();
        let now = real_now();
        match &*drawn {
            Some((at, data)) if refresh != Refresh::All && now - at < CHARTS_MS => data.clone(),
            _ => drawn.insert((now, ChartData::of(&s))).1.clone(),
        }
    };

    html! {
        <EngineLayout engine={&RABBITMQ} mode={props.mode} active={props.active} opening={props.opening.clone()}
            prompt={state.prompt()} transcript={state.transcript()}
            on_action={on_layout_action} typed={Some(state.typed())} seed={Some(seed)}>
            <div class="rabbitmq-views">
                <section class="rmq-panel rmq-world" data-panel="canvas" aria-labelledby="rmq-world-title">
                    <h2 id="rmq-world-title">{ "The broker, live" }</h2>
                    <Controls playing={*playing} speed={*speed} seed={s.seed()} clock_ms={s.now()}
                        achieved={pace.borrow().achieved()}
                        on_play={on_play.clone()} {on_step} {on_speed} on_run={on_run.clone()}
                        on_seed={props.on_seed.clone()} />
                    <div class="canvas-and-inspector">
                        <div class="canvas-scroll">
                            <TopologyCanvas {topology} figures={Rc::<[Figures]>::from(figures)}
                                sample_every={t.sample_every} selected={(*selected).clone()} {on_select}
                                {stage} pinned={props.pinned.clone()} {dots} fit={*fit} />
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
                        <span>{ "Click a node to inspect it; drag it to move it." }</span>
                        <span class="narrow-only">
                            { if *fit { "Shrunk to the screen." } else { "Scroll the canvas sideways, or" } }
                            <button type="button" class="fit-toggle" onclick={toggle_fit} data-testid="rmq-fit"
                                aria-pressed={fit.to_string()}>
                                { if *fit { "show it readable" } else { "fit it to the screen" } }
                            </button>
                        </span>
                    </p>
                    // After the drawing, so that Play and what it sets moving are seen together.
                    <Forms {exchanges} {queues} {next_producer} {next_consumer} on_run={on_run.clone()} />
                </section>
                // Under the broker it publishes to and consumes from: a program's pika
                // clients are drawn on the canvas above.
                <ProgramEditor world={props.python.clone()} active={props.active} on_change={on_python_change} />
                <RateCharts data={charts} />
                <BoundedQueueView figures={bounded} program={program_queue} on_run={on_run}
                    playing={*playing} on_play={on_play.clone()} />
            </div>
        </EngineLayout>
    }
}

/// Moves the broker's new events into the dots on the canvas.
fn absorb(sim: &SharedSimulation, pika: &Pika, traffic: &RefCell<Traffic>, now: f64) {
    let events = sim.borrow_mut().drain_events();
    traffic
        .borrow_mut()
        .absorb(events, &sim.borrow(), &pika.channel_labels(), now);
}

/// What the canvas's graph is made of, counted: when it changes, the canvas must be
/// drawn again (a program consumed or published; the console's lines redraw anyway).
fn shape_of(sim: &scenario::rabbitmq_sim::Simulation, traffic: &Traffic) -> [usize; 6] {
    let broker = sim.broker();
    [
        broker.channels().len(),
        broker.channels().values().map(|c| c.consumers.len()).sum(),
        broker.queues().len(),
        broker.exchanges().len(),
        broker.bindings().len(),
        traffic
            .seen
            .program_publishes
            .values()
            .map(|routes| routes.len())
            .sum::<usize>()
            + traffic.seen.exchanges.len(),
    ]
}

/// The first of `p1`, `p2`, ... not taken.
fn free_name(prefix: &str, taken: impl Fn(&str) -> bool) -> String {
    (1..)
        .map(|i| format!("{prefix}{i}"))
        .find(|name| !taken(name))
        .unwrap_or_default()
}

/// Whether the page is laid out in one column (phones, narrow frames).
fn narrow_screen() -> bool {
    web_sys::window()
        .and_then(|window| window.match_media("(max-width: 860px)").ok().flatten())
        .is_some_and(|query| query.matches())
}

/// Scrolls the element `selector` finds to the top of the screen, smoothly.
fn scroll_into_view(selector: &str) {
    let element = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.query_selector(selector).ok().flatten());
    if let Some(element) = element {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_behavior(web_sys::ScrollBehavior::Smooth);
        element.scroll_into_view_with_scroll_into_view_options(&options);
    }
}
