//! The Redis page: redis-cli consoles on one redis-server (the main one, and up to three
//! more beside it, or the lesson's redis-py in a Python console), the keyspace of the database the main console has selected, who
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
use scenario::redis_py;
use yew::prelude::*;

use crate::components::editor::{ProgramEditor, use_python_world};
use crate::engines::{Example, REDIS, SEED};
use crate::pages::engine::{ClientDialect, EngineLayout, PageProps, client_choice};
use crate::session::{SessionAction, virtual_now_ms};
use clients::Clients;
use keyspace::Keyspace;
use pipeline::PipelineAndPool;
use world::{LESSON_SERVER, MAIN, PAGE_SERVER, Typed, World, WorldAction};

/// Real milliseconds between two passes of the virtual clock.
const TICK_MS: u32 = 1000;

/// The lesson's redis-py calls, on this page's server.
static REDIS_PY: ClientDialect = ClientDialect {
    console_label: "Python line (redis-py)",
    examples: &[
        Example {
            lines: &[
                "import redis",
                "r = redis.Redis(host='127.0.0.1', port=6379)",
            ],
            shows: "connect to this page's server (the lesson's 10.211.55.4:6379 reaches it too)",
        },
        Example {
            lines: &["r.set('foo', 'Bar')", "print(r.get('foo'))"],
            shows: "store and read back, as the lesson does",
        },
        Example {
            lines: &[
                "pool = redis.ConnectionPool(host='127.0.0.1', port=6379)",
                "r = redis.Redis(connection_pool=pool)",
                "r.client_list()",
            ],
            shows: "a connection pool; the server lists the client",
        },
        Example {
            lines: &["r.incr('visits')", "r.incr('visits', 10)"],
            shows: "a counter",
        },
        Example {
            lines: &[
                "r.hset('user:1', mapping={'name': 'Ada', 'lang': 'Rust'})",
                "r.hgetall('user:1')",
            ],
            shows: "a hash, read back as a dict",
        },
        Example {
            lines: &[
                "p = r.pipeline()",
                "p.set('a', 1)",
                "p.incr('a')",
                "p.execute()",
            ],
            shows: "a pipeline: one round trip",
        },
        Example {
            lines: &[
                "p = r.pubsub()",
                "p.subscribe('fm104.5')",
                "r.publish('fm104.5', 'hello')",
                "p.get_message()",
                "p.get_message()",
            ],
            shows: "pub/sub: subscribe on a connection of its own, publish, read the messages",
        },
        Example {
            lines: &["r.get('foo').decode()"],
            shows: "replies are bytes; decode them to text",
        },
        Example {
            lines: &[
                "r.set('foo', 'Bar')",
                "r.get('foo')",
                "r.get('no-such-key')",
                "r.info('stats')['keyspace_hits']",
                "r.info('stats')['keyspace_misses']",
            ],
            shows: "cache hits and misses, as INFO counts them",
        },
    ],
};

/// What the layout's console speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Client {
    /// redis-cli, client 1.
    Cli,
    /// redis-py in `python3`.
    Python,
}

/// The Redis page: consoles on a fresh server and the views of it.
#[component]
pub fn RedisPage(props: &PageProps) -> Html {
    let world = use_reducer(|| World::new(SEED));
    let programs = use_python_world(&REDIS.program);
    // The editor's programs reach the page's server where redis-py's clients name it.
    {
        let programs = programs.clone();
        use_effect_with(world.shared().clone(), move |shared| {
            let addresses = [
                (PAGE_SERVER, shared.clone()),
                (LESSON_SERVER, shared.clone()),
            ];
            programs
                .borrow_mut()
                .provide("redis", redis_py(SEED, &addresses));
        });
    }
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
                SessionAction::Replay(line) => replay(&line),
                SessionAction::RunAll(lines) => WorldAction::RunAll {
                    client: MAIN,
                    lines,
                },
                SessionAction::ClearTranscript => WorldAction::Clear(MAIN),
            });
        })
    };
    let on_python = {
        let on_world = on_world.clone();
        use_callback((), move |action: SessionAction, _| {
            on_world.emit(match action {
                SessionAction::Run(line) => WorldAction::RunPython(vec![line]),
                SessionAction::RunAll(lines) => {
                    WorldAction::RunPython(lines.iter().map(|l| (*l).to_owned()).collect())
                }
                SessionAction::Replay(line) => replay(&line),
                SessionAction::ClearTranscript => WorldAction::ClearPython,
            });
        })
    };
    // A scenario link whose last line is Python's opens the Python console.
    let client = use_state(|| {
        let last = props
            .opening
            .as_ref()
            .and_then(|scenario| scenario.lines.last().cloned())
            .unwrap_or_default();
        match world::console_of(&last).0 {
            Typed::Python => Client::Python,
            Typed::Cli(_) => Client::Cli,
        }
    });
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

    let python = world.python();
    let (prompt, transcript, on_action, dialect) = match *client {
        Client::Cli => (main.prompt.clone(), main.transcript.clone(), on_main, None),
        Client::Python => (
            python.prompt.clone(),
            python.transcript.clone(),
            on_python,
            Some(&REDIS_PY),
        ),
    };
    // redis-cli's typing aids and Ctrl-C belong to its console only.
    let cli = *client == Client::Cli;
    let choice = client_choice(
        [
            (
                Client::Cli,
                "redis-cli",
                "Redis commands, as typed into redis-cli",
            ),
            (
                Client::Python,
                "redis-py",
                "the lesson's Python calls, as typed into python3",
            ),
        ],
        *client,
        client.setter(),
    );

    html! {
        <EngineLayout engine={&REDIS} mode={props.mode} active={props.active} opening={props.opening.clone()}
            {prompt} {transcript} {on_action} client={dialect} client_choice={choice}
            hint={cli.then_some(hint)} complete={cli.then_some(complete)}
            busy={cli.then(|| clients::busy_note(&main.state)).flatten()}
            on_interrupt={cli.then_some(on_interrupt)} typed={Some(world.typed())}>
            <ProgramEditor world={programs} active={props.active} />
            <div class="redis-views">
                <Keyspace shared={world.shared().clone()} index={Rc::clone(keyspace)} {version}
                    lines_run={world.shared().lines_run()} {db} {now_ms} />
                <Clients clients={world.clients().to_vec()} on_action={on_world.clone()}
                    active={props.active} />
                { pubsub::pubsub_view(
                    &pubsub::subscribers(world.clients(), &world.shared().server()),
                    &deliveries,
                    world.shared().lines_run(),
                ) }
                { charts::live_charts(world.shared(), now_ms) }
                <PipelineAndPool pipeline={world.pipeline().clone()} pool_run={world.pool_run()}
                    on_action={on_world.clone()} />
            </div>
        </EngineLayout>
    }
}

/// The console and line a scenario link's line is for.
fn replay(line: &str) -> WorldAction {
    match world::console_of(line) {
        (Typed::Cli(client), line) => WorldAction::Run {
            client,
            line: line.to_owned(),
        },
        (Typed::Python, line) => WorldAction::RunPython(vec![line.to_owned()]),
    }
}
