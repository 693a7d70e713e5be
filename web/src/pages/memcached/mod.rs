//! The Memcached page: a telnet console on one memcached, and views of what that server
//! holds (items, slab memory, counters over time), the CAS race from the lesson played by
//! two more clients of the same server, and the client-side cluster hashing.

mod cas_race;
mod charts;
mod cluster;
mod items;
mod memory;

use scenario::MemcachedTextSession;
use scenario::memcached_sim::Settings;
use yew::prelude::*;

use crate::engines::MEMCACHED;
use crate::pages::engine::{EngineLayout, PageProps};
use crate::route::Mode;
use crate::session::{SessionState, use_session_actions, use_view_clock, virtual_now_ms};

/// The `-m` a fresh page starts memcached with: its default.
const DEFAULT_MEGABYTES: u64 = 64;

/// The Memcached page. Choosing another `-m` restarts memcached: the server below is keyed
/// by its memory limit, so a new limit mounts a fresh server and console, as restarting
/// the process and reconnecting telnet would.
#[component]
pub fn MemcachedPage(props: &PageProps) -> Html {
    let megabytes = use_state(|| DEFAULT_MEGABYTES);
    let on_restart = {
        let megabytes = megabytes.clone();
        Callback::from(move |mb| megabytes.set(mb))
    };
    html! {
        <ServerPage key={*megabytes} megabytes={*megabytes} mode={props.mode}
            active={props.active} {on_restart} />
    }
}

/// Properties of [`ServerPage`].
#[derive(Properties, PartialEq)]
struct ServerPageProps {
    /// The server's `-m`, in megabytes.
    megabytes: u64,
    mode: Mode,
    active: bool,
    /// Restarts memcached with another `-m`.
    on_restart: Callback<u64>,
}

/// One running memcached: its console and every view of it.
#[component]
fn ServerPage(props: &ServerPageProps) -> Html {
    let megabytes = props.megabytes;
    let state = use_reducer(move || {
        SessionState::new(MemcachedTextSession::with_settings(Settings {
            max_bytes: megabytes * 1024 * 1024,
            started_at_ms: virtual_now_ms(),
            ..Settings::default()
        }))
    });
    // Other clients (the CAS race, the load writer) change the server outside the console's
    // reducer; they bump this so the page draws the server again.
    let others = use_state(|| 0_u64);
    let on_changed = {
        let others = others.clone();
        Callback::from(move |()| others.set(*others + 1))
    };
    let now_ms = use_view_clock(props.active);
    let on_action = use_session_actions(&state);
    let server = state.session().server().clone();
    let version = server.exchanges();

    html! {
        <EngineLayout engine={&MEMCACHED} mode={props.mode} active={props.active}
            prompt={state.prompt()} transcript={state.transcript()}
            {on_action}>
            <div class="memcached-views">
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
