//! The Redis page: a redis-cli console on one redis-server, and a view of the keyspace of
//! the database that redis-cli has selected, redrawn after every command.

mod key_card;
mod keyspace;

use scenario::RedisCliSession;
use yew::prelude::*;

use crate::engines::{REDIS, SEED};
use crate::pages::engine::{EngineLayout, PageProps};
use crate::session::{SessionState, use_session_actions, use_view_clock};

/// The Redis page: a console on a fresh server and its keyspace view.
#[component]
pub fn RedisPage(props: &PageProps) -> Html {
    let state = use_reducer(|| SessionState::new(RedisCliSession::new(SEED)));
    let pattern = use_state(String::new);
    let now_ms = use_view_clock(props.active);
    let on_action = use_session_actions(&state);
    let on_pattern = {
        let pattern = pattern.clone();
        use_callback((), move |text: String, _| pattern.set(text))
    };
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
