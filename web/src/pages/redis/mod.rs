//! The Redis page: redis-cli consoles on one redis-server (the main one, and up to three
//! more beside it), the keyspace of the database the main console has selected, who
//! listens where in pub/sub, the server's counters over time, and pipelining and a
//! connection pool.
//!
//! A timer lets virtual time pass while the page is shown: the server's active expiry
//! removes keys whose TTL ran out without anyone typing, and the charts get a sample.

mod charts;
mod clients;
mod key_card;
mod key_index;
mod keyspace;
mod pipeline;
mod pubsub;
mod world;

use std::rc::Rc;

use gloo::timers::callback::Interval;
use yew::prelude::*;

use crate::engines::{REDIS, SEED};
use crate::pages::engine::{EngineLayout, PageProps};
use crate::session::{SessionAction, virtual_now_ms};
use clients::Clients;
use keyspace::Keyspace;
use pipeline::PipelineAndPool;
use world::{MAIN, World, WorldAction};

/// Real milliseconds between two passes of the virtual clock.
const TICK_MS: u32 = 1000;

/// The Redis page: consoles on a fresh server and the views of it.
#[component]
pub fn RedisPage(props: &PageProps) -> Html {
    let world = use_reducer(|| World::new(SEED));
    {
        let dispatcher = world.dispatcher();
        use_effect_with(props.active, move |&active| {
            let interval = active.then(|| {
                Interval::new(TICK_MS, move || {
                    dispatcher.dispatch(WorldAction::Tick(virtual_now_ms()));
                })
            });
            move || drop(interval)
        });
    }
    let on_world = {
        let dispatcher = world.dispatcher();
        use_callback((), move |action, _| dispatcher.dispatch(action))
    };
    // The layout's console and examples are client 1's.
    let on_main = {
        let on_world = on_world.clone();
        use_callback((), move |action: SessionAction, _| {
            on_world.emit(match action {
                SessionAction::Run(line) => WorldAction::Run { client: MAIN, line },
                SessionAction::RunAll(lines) => WorldAction::RunAll {
                    client: MAIN,
                    lines,
                },
                SessionAction::ClearTranscript => WorldAction::Clear(MAIN),
            });
        })
    };
    let on_interrupt = {
        let on_world = on_world.clone();
        use_callback((), move |(), _| on_world.emit(WorldAction::Interrupt(MAIN)))
    };
    // Made once: client 1's redis-cli lives as long as the page.
    let (hint, complete) = {
        let aids = world.main().typing_aids();
        use_memo((), move |_| aids).as_ref().clone()
    };
    let now_ms = world.now_ms().max(virtual_now_ms());
    let main = world.main();
    let db = world.main_session().selected_db();
    let keyspace = world.keyspace();
    let version = keyspace.borrow().version();
    let deliveries = world.shared().deliveries();

    html! {
        <EngineLayout engine={&REDIS} mode={props.mode} active={props.active}
            prompt={main.prompt.clone()} transcript={main.transcript.clone()}
            on_action={on_main} hint={Some(hint)} complete={Some(complete)}
            busy={clients::busy_note(&main.state)} on_interrupt={Some(on_interrupt)}>
            <div class="redis-views">
                <Keyspace shared={world.shared().clone()} index={Rc::clone(keyspace)} {version}
                    lines_run={world.shared().lines_run()} {db} {now_ms} />
                <Clients clients={world.clients().to_vec()} on_action={on_world.clone()}
                    active={props.active} />
                { pubsub::pubsub_view(world.clients(), &deliveries, world.shared().lines_run()) }
                { charts::live_charts(world.shared(), now_ms) }
                <PipelineAndPool pipeline={world.pipeline().clone()} pool_run={world.pool_run()}
                    on_action={on_world.clone()} />
            </div>
        </EngineLayout>
    }
}
