//! Several redis-cli consoles on one server, side by side: each its own connection, with
//! its own database, transaction, subscriptions and waits, and scenarios from the lesson
//! that need more than one client.

use scenario::ClientState;
use scenario::redis_sim::cli::quote_bytes;
use yew::prelude::*;

use super::world::{ClientConsole, MAIN, MAX_CLIENTS, Step, WorldAction};
use crate::components::console::Console;

/// A scenario: lines typed into several consoles in turn.
pub struct Scenario {
    /// What it shows, on its button.
    pub title: &'static str,
    /// The lines, each with the console it is typed in.
    pub steps: &'static [Step],
}

/// The lesson's scenarios between clients.
pub static SCENARIOS: [Scenario; 3] = [
    Scenario {
        title: "pub/sub: one PUBLISH reaches every subscriber",
        steps: &[
            Step {
                client: 2,
                line: "SUBSCRIBE news.tech",
            },
            Step {
                client: 3,
                line: "PSUBSCRIBE news.*",
            },
            Step {
                client: MAIN,
                line: "PUBLISH news.tech \"Redis 7.0 is out\"",
            },
            Step {
                client: MAIN,
                line: "PUBLISH news.sport \"kick-off at 8\"",
            },
        ],
    },
    Scenario {
        title: "a blocking pop waits until another client pushes",
        steps: &[
            Step {
                client: 2,
                line: "BLPOP jobs 0",
            },
            Step {
                client: MAIN,
                line: "RPUSH jobs resize-image",
            },
        ],
    },
    Scenario {
        title: "WATCH: another client's write makes EXEC fail",
        steps: &[
            Step {
                client: MAIN,
                line: "SET balance 100",
            },
            Step {
                client: MAIN,
                line: "WATCH balance",
            },
            Step {
                client: MAIN,
                line: "MULTI",
            },
            Step {
                client: MAIN,
                line: "DECRBY balance 30",
            },
            Step {
                client: 2,
                line: "SET balance 0",
            },
            Step {
                client: MAIN,
                line: "EXEC",
            },
        ],
    },
];

/// Names in redis-cli's quoting when they need it.
fn names(list: &[Vec<u8>]) -> String {
    list.iter()
        .map(|name| {
            if name.iter().all(|b| b.is_ascii_graphic()) {
                String::from_utf8_lossy(name).into_owned()
            } else {
                quote_bytes(name)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// What a console shows instead of its prompt while redis-cli reads messages or waits
/// for a blocking command's reply.
pub fn busy_note(state: &ClientState) -> Option<AttrValue> {
    if state.reading_messages {
        Some(AttrValue::from(
            "Subscribed: redis-cli only prints messages now, and takes no command. Ctrl-C ends it.",
        ))
    } else if state.awaiting_reply {
        Some(AttrValue::from(
            "Blocked: redis-cli waits for the reply and takes no command until it comes. Another client's push ends the wait; Ctrl-C exits redis-cli.",
        ))
    } else {
        None
    }
}

/// What a connection is doing, as badges: database, transaction, subscriptions, wait.
pub fn badges(state: &ClientState) -> Html {
    html! {
        <span class="client-badges" data-testid="redis-client-state">
            <span class="badge">{ format!("id {}", state.id) }</span>
            <span class="badge">{ format!("db {}", state.db) }</span>
            if state.in_transaction {
                <span class="badge tx" title="Between MULTI and EXEC: commands are queued">{ "MULTI" }</span>
            }
            if !state.channels.is_empty() {
                <span class="badge sub" title="Subscribed channels">{ format!("subscribed: {}", names(&state.channels)) }</span>
            }
            if !state.patterns.is_empty() {
                <span class="badge sub" title="Subscribed patterns">{ format!("patterns: {}", names(&state.patterns)) }</span>
            }
            if state.blocked {
                <span class="badge blocked" title="Waiting in a blocking command">{ "blocked" }</span>
            }
        </span>
    }
}

/// Properties of [`Clients`].
#[derive(Properties, PartialEq)]
pub struct ClientsProps {
    /// Every console, the main one first.
    pub clients: Vec<ClientConsole>,
    /// Acts on the world.
    pub on_action: Callback<WorldAction>,
    /// Whether the page is shown (a new console takes focus only then).
    pub active: bool,
}

/// The clients panel: the main console's state, the other consoles, and the scenarios.
#[component]
pub fn Clients(props: &ClientsProps) -> Html {
    let on_open = props.on_action.reform(|_: MouseEvent| WorldAction::Open);
    let full = props.clients.len() >= MAX_CLIENTS;
    html! {
        <section class="redis-panel clients-panel" data-panel="clients" aria-labelledby="redis-clients-title"
            data-testid="redis-clients">
            <div class="panel-head">
                <h2 id="redis-clients-title">{ "Clients" }</h2>
                <button type="button" class="secondary" onclick={on_open} disabled={full}
                    data-testid="redis-open-client">
                    { if full { "Four clients open" } else { "Open another client" } }
                </button>
            </div>
            <p class="panel-note">
                { "Each console is its own redis-cli, with its own connection to the same server: \
                   its own database, transaction, subscriptions and waits." }
            </p>
            <ul class="client-list" role="list">
                { for props.clients.iter().filter(|c| c.number == MAIN).map(|c| html! {
                    <li data-testid="redis-client-row" data-client={c.number.to_string()}>
                        <strong>{ "client 1 (the console above)" }</strong>{ badges(&c.state) }
                    </li>
                }) }
            </ul>
            <div class="scenarios" role="group" aria-label="Scenarios between clients">
                { for SCENARIOS.iter().map(|scenario| {
                    let steps = scenario.steps;
                    let onclick = props.on_action.reform(move |_: MouseEvent| WorldAction::Script(steps));
                    html! {
                        <button type="button" class="example scenario" {onclick} data-testid="redis-scenario"
                            title={steps.iter().map(|s| format!("client {}: {}", s.client, s.line)).collect::<Vec<_>>().join("\n")}>
                            <span class="shows">{ scenario.title }</span>
                        </button>
                    }
                }) }
            </div>
            if props.clients.len() > 1 {
                <div class="client-consoles">
                    { for props.clients.iter().filter(|c| c.number != MAIN).map(|c| {
                        html! { <ClientPane key={c.number} console={c.clone()}
                            on_action={props.on_action.clone()} active={props.active} /> }
                    }) }
                </div>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ClientPaneProps {
    console: ClientConsole,
    on_action: Callback<WorldAction>,
    active: bool,
}

/// One more console, with its connection's state and a button to close it.
#[component]
fn ClientPane(props: &ClientPaneProps) -> Html {
    let number = props.console.number;
    let on_submit = {
        let on_action = props.on_action.clone();
        use_callback(number, move |line: String, &number| {
            on_action.emit(WorldAction::Run {
                client: number,
                line,
            });
        })
    };
    let on_clear = {
        let on_action = props.on_action.clone();
        use_callback(number, move |(), &number| {
            on_action.emit(WorldAction::Clear(number))
        })
    };
    // Made once: a pane's redis-cli lives as long as the pane.
    let (hint, complete) = {
        let aids = props.console.typing_aids();
        use_memo((), move |_| aids).as_ref().clone()
    };
    let on_interrupt = {
        let on_action = props.on_action.clone();
        use_callback(number, move |(), &number| {
            on_action.emit(WorldAction::Interrupt(number))
        })
    };
    let on_close = props
        .on_action
        .reform(move |_: MouseEvent| WorldAction::Close(number));
    html! {
        <div class="client-pane" data-testid="redis-client" data-client={number.to_string()}>
            <div class="client-pane-head">
                <strong>{ format!("client {number}") }</strong>
                { badges(&props.console.state) }
                <button type="button" class="ghost close" onclick={on_close}
                    aria-label={format!("Close client {number}")} data-testid="redis-close-client">{ "×" }</button>
            </div>
            <Console prompt={props.console.prompt.clone()} transcript={props.console.transcript.clone()}
                {on_submit} {on_clear} label={format!("Redis command, client {number}")}
                autofocus={props.active} hint={Some(hint)} complete={Some(complete)}
                busy={busy_note(&props.console.state)} on_interrupt={Some(on_interrupt)} />
        </div>
    }
}
