//! The Memcached page.

use scenario::MemcachedTextSession;
use yew::prelude::*;

use crate::engines::MEMCACHED;
use crate::pages::engine::{EngineLayout, PageProps};
use crate::session::{SessionState, virtual_now_ms};

/// The Memcached page: a console on a fresh server.
#[component]
pub fn MemcachedPage(props: &PageProps) -> Html {
    let state = use_reducer(|| SessionState::new(MemcachedTextSession::new(virtual_now_ms())));
    let on_action = {
        let dispatcher = state.dispatcher();
        Callback::from(move |action| dispatcher.dispatch(action))
    };
    html! {
        <EngineLayout engine={&MEMCACHED} mode={props.mode} active={props.active}
            prompt={state.prompt()} transcript={state.transcript()}
            {on_action} />
    }
}
