//! The RabbitMq page.

use scenario::RabbitAdminSession;
use yew::prelude::*;

use crate::engines::{RABBITMQ, SEED};
use crate::pages::engine::{EngineLayout, PageProps};
use crate::session::SessionState;

/// The RabbitMq page: a console on a fresh server.
#[component]
pub fn RabbitMqPage(props: &PageProps) -> Html {
    let state = use_reducer(|| SessionState::new(RabbitAdminSession::new(SEED)));
    let on_action = {
        let dispatcher = state.dispatcher();
        Callback::from(move |action| dispatcher.dispatch(action))
    };
    html! {
        <EngineLayout engine={&RABBITMQ} mode={props.mode} active={props.active}
            prompt={state.prompt()} transcript={state.transcript()}
            {on_action} />
    }
}
