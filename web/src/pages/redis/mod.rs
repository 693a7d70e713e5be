//! The Redis page: a redis-cli console on one redis-server, and a view of the keyspace of
//! the database that redis-cli has selected, redrawn after every command.

mod key_card;
mod keyspace;

use gloo::timers::callback::Interval;
use scenario::RedisCliSession;
use yew::prelude::*;

use crate::engines::{REDIS, SEED};
use crate::pages::engine::{EngineLayout, PageProps};
use crate::session::{SessionState, virtual_now_ms};

/// The Redis page: a console on a fresh server and its keyspace view.
#[component]
pub fn RedisPage(props: &PageProps) -> Html {
    let state = use_reducer(|| SessionState::new(RedisCliSession::new(SEED)));
    let pattern = use_state(String::new);
    let now_ms = use_state(virtual_now_ms);
    {
        // The clock TTLs count down on; it only redraws, and ticks only while the page is shown.
        let now_ms = now_ms.clone();
        use_effect_with(props.active, move |&active| {
            let interval =
                active.then(|| Interval::new(1000, move || now_ms.set(virtual_now_ms())));
            move || drop(interval)
        });
    }
    // One callback for the page's life, so the clock's ticks do not redraw the console.
    let on_action = {
        let dispatcher = state.dispatcher();
        use_callback((), move |action, _| dispatcher.dispatch(action))
    };
    let on_pattern = {
        let pattern = pattern.clone();
        use_callback((), move |text: String, _| pattern.set(text))
    };
    // A reply just drawn should not wait for the next tick to count down from the right time.
    let now_ms = (*now_ms).max(virtual_now_ms());
    let session = state.session();

    html! {
        <EngineLayout engine={&REDIS} mode={props.mode} active={props.active}
            prompt={state.prompt()} transcript={state.transcript()}
            {on_action}>
            <div class="redis-views">
                { keyspace::keyspace(&session, &pattern, on_pattern, now_ms) }
            </div>
        </EngineLayout>
    }
}
