//! The Redis page.

use scenario::RedisCliSession;
use yew::prelude::*;

use crate::engines::{REDIS, SEED};
use crate::pages::engine::{EngineLayout, PageProps};
use crate::session::SessionState;

/// The Redis page: a console on a fresh server.
#[component]
pub fn RedisPage(props: &PageProps) -> Html {
    let state = use_reducer(|| SessionState::new(RedisCliSession::new(SEED)));
    let on_action = {
        let dispatcher = state.dispatcher();
        Callback::from(move |action| dispatcher.dispatch(action))
    };
    html! {
        <EngineLayout engine={&REDIS} mode={props.mode} active={props.active}
            prompt={state.prompt()} transcript={state.transcript()}
            {on_action} />
    }
}
