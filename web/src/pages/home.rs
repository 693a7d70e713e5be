//! The landing view: what the playground is, and what each engine page teaches.

use yew::prelude::*;

use crate::engines::ENGINES;

/// The landing view.
#[component]
pub fn Home() -> Html {
    html! {
        <main class="home" id="main">
            <section class="hero">
                <h1>{"Redis, Memcached and RabbitMQ, running in your browser."}</h1>
                <p class="lede">
                    {"Type the commands from your lesson and get the replies the real servers give, \
                      errors included. Everything runs inside this page: nothing to install, \
                      nothing sent anywhere."}
                </p>
            </section>
            <ul class="engine-cards" role="list">
                { for ENGINES.iter().map(|engine| html! {
                    <li class={classes!("engine-card", engine.theme_class())}>
                        <a href={engine.route.href()} data-testid={format!("card-{}", engine.slug())}>
                            <h2>{ engine.name }</h2>
                            <p>{ engine.teaches[0] }</p>
                            <p>{ engine.teaches[1] }</p>
                            <span class="card-footer">
                                <span class="reference">{ engine.reference }</span>
                                <span class="go" aria-hidden="true">{"Open →"}</span>
                            </span>
                        </a>
                    </li>
                }) }
            </ul>
            <section class="steps" aria-label="How to use the playground">
                <div>
                    <h2>{"1. Open an engine"}</h2>
                    <p>{"Each page starts a fresh server of its own, right in this tab."}</p>
                </div>
                <div>
                    <h2>{"2. Type the lesson's commands"}</h2>
                    <p>{"Or click an example. Up and Down recall earlier lines, Ctrl+L clears."}</p>
                </div>
                <div>
                    <h2>{"3. Trust what you see"}</h2>
                    <p>{"Every build replays test scripts against the real servers and compares the output byte for byte."}</p>
                </div>
            </section>
        </main>
    }
}
