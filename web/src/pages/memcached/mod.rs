//! The Memcached page: a console on one memcached, typed as telnet or as the lesson's
//! python-memcached calls, and views of what a server holds (items, slab memory, counters
//! over time), the CAS race from the lesson played by two more clients of the same
//! server, and the client-side cluster hashing.

mod cas_race;
mod charts;
mod cluster;
mod items;
mod memory;

use std::collections::HashMap;
use std::rc::Rc;

use scenario::memcached_sim::Settings;
use scenario::{MemcachedTextSession, PythonMemcachedSession, SharedServer, python_memcached};
use yew::prelude::*;

use crate::components::editor::world::SharedWorld;
use crate::components::editor::{ProgramEditor, use_python_world};
use crate::engines::{Example, MEMCACHED};
use crate::pages::engine::{ClientDialect, EngineLayout, PageProps, client_choice};
use crate::route::Mode;
use crate::scenario_link::{PYTHON_PREFIX, Scenario};
use crate::session::{
    SessionAction, SessionState, TypedLines, use_session_actions, use_view_clock, virtual_now_ms,
};

/// The `-m` a fresh page starts memcached with: its default.
const DEFAULT_MEGABYTES: u64 = 64;

/// Where the page's own memcached listens: telnet talks to it, and so does a
/// python-memcached client that names this address.
const PAGE_SERVER: &str = "127.0.0.1:11211";

/// The lesson's python-memcached calls, in its order.
static PYTHON: ClientDialect = ClientDialect {
    console_label: "Python line (python-memcached)",
    examples: &[
        Example {
            lines: &[
                "import memcache",
                "mc = memcache.Client(['127.0.0.1:11211'], debug=True)",
            ],
            shows: "connect to this page's memcached",
        },
        Example {
            lines: &[
                "mc.set(\"foo\", \"bar\")",
                "ret = mc.get('foo')",
                "print(ret)",
            ],
            shows: "store and read back",
        },
        Example {
            lines: &["mc.add('k1', 'v1')", "mc.add('k1', 'v2')"],
            shows: "add refuses an existing key",
        },
        Example {
            lines: &["mc.replace('kkkk','999')"],
            shows: "replace needs the key to exist",
        },
        Example {
            lines: &[
                "mc.set_multi({'key1': 'val1', 'key2': 'val2'})",
                "mc.get_multi([\"key1\", \"key2\", \"key3\"])",
            ],
            shows: "several keys in one call",
        },
        Example {
            lines: &["mc.set('k1', '777')", "mc.incr('k1', 10)", "mc.decr('k1')"],
            shows: "a counter",
        },
        Example {
            lines: &[
                "mc = memcache.Client(['127.0.0.1:11211'], debug=True, cache_cas=True)",
                "mc.set('product_count', '900')",
                "v = mc.gets('product_count')",
                "mc.cas('product_count', '899')",
            ],
            shows: "gets and cas, as the lesson's shop does",
        },
        Example {
            lines: &[
                "mc = memcache.Client([('1.1.1.1:12000', 1), ('1.1.1.2:12000', 2), ('1.1.1.3:12000', 1)], debug=True)",
                "mc.set('k1', 'v1')",
            ],
            shows: "a weighted cluster of three servers",
        },
    ],
};

/// What the console speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Client {
    /// memcached's text protocol, as typed into `telnet 127.0.0.1 11211`.
    Telnet,
    /// The lesson's python-memcached calls, as typed into `python3`.
    Python,
}

/// The Memcached page. Choosing another `-m` restarts memcached: the server below is keyed
/// by its memory limit, so a new limit mounts a fresh server and console, as restarting
/// the process and reconnecting telnet would.
#[component]
pub fn MemcachedPage(props: &PageProps) -> Html {
    let megabytes = use_state(|| DEFAULT_MEGABYTES);
    // The learner's programs outlive a restart of memcached.
    let python = use_python_world(&MEMCACHED.program);
    let on_restart = {
        let megabytes = megabytes.clone();
        Callback::from(move |mb| megabytes.set(mb))
    };
    html! {
        <ServerPage key={*megabytes} megabytes={*megabytes} mode={props.mode}
            active={props.active} opening={props.opening.clone()} {on_restart} {python} />
    }
}

/// Properties of [`ServerPage`].
#[derive(Properties, PartialEq)]
struct ServerPageProps {
    /// The server's `-m`, in megabytes.
    megabytes: u64,
    mode: Mode,
    active: bool,
    opening: Option<Rc<Scenario>>,
    /// Restarts memcached with another `-m`.
    on_restart: Callback<u64>,
    /// The page's Python world, for the program editor.
    python: SharedWorld,
}

/// One running memcached and its console: telnet or python-memcached, whose clients may
/// also start servers at other addresses. The views show the server the latest line
/// talked to, or the one picked.
#[component]
fn ServerPage(props: &ServerPageProps) -> Html {
    let settings = Settings {
        max_bytes: props.megabytes * 1024 * 1024,
        started_at_ms: virtual_now_ms(),
        ..Settings::default()
    };
    // One log of both consoles' lines, in the order they ran, for the Share link.
    let log = (*use_memo((), |()| TypedLines::default())).clone();
    let telnet = {
        let (settings, log) = (settings.clone(), log.clone());
        use_reducer(move || {
            SessionState::logging_into(MemcachedTextSession::with_settings(settings), log, "")
        })
    };
    // The editor's programs reach this server where the lesson's clients name it.
    {
        let (world, settings) = (props.python.clone(), settings.clone());
        let page_server = telnet.session().server().clone();
        use_effect_with((), move |()| {
            let library = python_memcached(settings, &[(PAGE_SERVER, page_server)]);
            world.borrow_mut().provide("memcache", library);
        });
    }
    let python = {
        let page_server = telnet.session().server().clone();
        let log = log.clone();
        use_reducer(move || {
            let mut session = PythonMemcachedSession::with_settings(settings);
            session.attach(PAGE_SERVER, page_server);
            SessionState::logging_into(session, log, PYTHON_PREFIX)
        })
    };
    // A scenario link whose last line is Python's opens the Python console.
    let client = use_state(|| {
        let last = props
            .opening
            .as_ref()
            .and_then(|scenario| scenario.lines.last().cloned())
            .unwrap_or_default();
        if last.starts_with(PYTHON_PREFIX) {
            Client::Python
        } else {
            Client::Telnet
        }
    });
    // Other clients (the CAS race, the load writer) change the server outside the console's
    // reducer; they bump this so the page draws the server again.
    let others = use_state(|| 0_u64);
    let on_changed = {
        let others = others.clone();
        Callback::from(move |()| others.set(*others + 1))
    };
    let now_ms = use_view_clock(props.active);
    let on_telnet = use_session_actions(&telnet);
    let on_python = use_session_actions(&python);
    let servers: Vec<(String, SharedServer)> = python
        .session()
        .servers()
        .map(|(address, server)| (address.to_owned(), server.clone()))
        .collect();
    let shown = use_mut_ref(|| PAGE_SERVER.to_owned());
    let seen = use_mut_ref(HashMap::<String, u64>::new);
    follow_latest_exchange(&servers, &mut seen.borrow_mut(), &mut shown.borrow_mut());
    let redraw = use_force_update();
    let on_show = {
        let shown = shown.clone();
        Callback::from(move |address: String| {
            *shown.borrow_mut() = address;
            redraw.force_update();
        })
    };
    let shown_address = servers
        .iter()
        .find(|(address, _)| *address == *shown.borrow())
        .map_or(PAGE_SERVER, |(address, _)| address.as_str())
        .to_owned();
    let server = servers
        .iter()
        .find(|(address, _)| *address == shown_address)
        .map_or_else(|| telnet.session().server().clone(), |(_, s)| s.clone());
    let version = server.exchanges();
    let megabytes = props.megabytes;
    let (prompt, transcript, dialect) = match *client {
        Client::Telnet => (telnet.prompt(), telnet.transcript(), None),
        Client::Python => (python.prompt(), python.transcript(), Some(&PYTHON)),
    };
    // What the learner types goes to the console shown; a link's lines to the one that
    // ran them.
    let on_action = use_callback(*client, move |action, client| match action {
        SessionAction::Replay(line) => match line.strip_prefix(PYTHON_PREFIX) {
            Some(line) => on_python.emit(SessionAction::Run(line.to_owned())),
            None => on_telnet.emit(SessionAction::Run(line)),
        },
        action if *client == Client::Python => on_python.emit(action),
        action => on_telnet.emit(action),
    });

    html! {
        <EngineLayout engine={&MEMCACHED} mode={props.mode} active={props.active} opening={props.opening.clone()}
            {prompt} {transcript} {on_action} client={dialect} typed={Some(log)}
            client_choice={client_choice(
                [
                    (Client::Telnet, "telnet", "memcached's text protocol, as typed into telnet"),
                    (Client::Python, "python-memcached", "the lesson's Python calls, as typed into python3"),
                ],
                *client,
                client.setter(),
            )}>
            <ProgramEditor world={props.python.clone()} active={props.active} on_change={on_changed.clone()} />
            if servers.len() > 1 {
                { server_picker(&servers, &shown_address, on_show) }
            }
            <div class="memcached-views" key={shown_address.clone()}>
                { items::items_table(&server, now_ms) }
                <memory::MemoryView server={server.clone()} {version} {megabytes}
                    on_restart={props.on_restart.clone()} on_changed={on_changed.clone()} />
                { charts::stats_charts(&server, now_ms) }
                <cas_race::CasRace server={server.clone()} {on_changed} />
                <cluster::ClusterView {server} {version} />
            </div>
        </EngineLayout>
    }
}

/// Points `shown` at the first server whose exchange count moved since the last render
/// (the one the latest line, or another client, talked to) and remembers the counts.
fn follow_latest_exchange(
    servers: &[(String, SharedServer)],
    seen: &mut HashMap<String, u64>,
    shown: &mut String,
) {
    if let Some((address, _)) = servers
        .iter()
        .find(|(address, server)| seen.get(address) != Some(&server.exchanges()))
    {
        shown.clone_from(address);
    }
    seen.clear();
    seen.extend(servers.iter().map(|(a, s)| (a.clone(), s.exchanges())));
}

/// Which server the views show, when python-memcached clients started more than one.
fn server_picker(
    servers: &[(String, SharedServer)],
    shown: &str,
    on_show: Callback<String>,
) -> Html {
    html! {
        <div class="server-picker" role="group" aria-label="Server shown">
            <span class="label">{ "Showing the memcached at" }</span>
            { for servers.iter().map(|(address, server)| {
                let on_show = on_show.clone();
                let pick = address.clone();
                let items = server.server().stats().curr_items;
                html! {
                    <button type="button" class="secondary" aria-pressed={(address == shown).to_string()}
                        data-testid="mc-shown-server" onclick={move |_| on_show.emit(pick.clone())}>
                        <code>{ address }</code>
                        { if address == PAGE_SERVER { " (telnet's)" } else { "" } }
                        <span class="count">{ format!("{items} item{}", if items == 1 { "" } else { "s" }) }</span>
                    </button>
                }
            }) }
        </div>
    }
}

/// A small xorshift generator: the page's simulated clients pick keys that look random
/// but are the same for every learner, as a replay must be.
fn xorshift(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

/// Shows bytes as memcached's operators read them: B, KB, MB (powers of 1024).
fn format_bytes(bytes: f64) -> String {
    match bytes {
        b if b >= 1024.0 * 1024.0 => format!("{:.1} MB", b / 1024.0 / 1024.0),
        b if b >= 1024.0 => format!("{:.1} KB", b / 1024.0),
        b => format!("{b:.0} B"),
    }
}
