//! Middleware Playground: Redis, Memcached and RabbitMQ in a web page.
//!
//! [`App`] is the whole single-page app: the header, the landing view and one page per
//! engine. The engines themselves are plain Rust crates; this crate only draws them.

pub mod animation;
pub mod components;
pub mod engines;
pub mod pages;
pub mod route;
pub mod scenario_link;
pub mod session;

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use components::header::Header;
use engines::ENGINES;
use pages::home::Home;
use pages::memcached::MemcachedPage;
use pages::not_found::NotFound;
use pages::rabbitmq::RabbitMqPage;
use pages::redis::RedisPage;
use route::{Mode, Route};

/// The app. It follows the location fragment for the page and the query for the mode.
///
/// Engine pages stay mounted once visited, only hidden, so a learner who looks at another
/// page and comes back finds their session as they left it.
#[component]
pub fn App() -> Html {
    let route = use_state(current_route);
    let mode = use_memo((), |()| current_mode());
    let visited = use_mut_ref(Vec::<Route>::new);

    {
        let route = route.clone();
        use_effect_with((), move |()| {
            let listener = web_sys::window().map(|window| {
                EventListener::new(&window, "hashchange", move |_| {
                    // A scenario link followed from a page already open starts afresh, as
                    // opening it in a new tab would: its lines assume new servers.
                    if scenario_link::Scenario::from_fragment(&current_fragment()).is_some() {
                        if let Some(window) = web_sys::window() {
                            let _ = window.location().reload();
                        }
                        return;
                    }
                    route.set(current_route())
                })
            });
            move || drop(listener)
        });
    }
    use_effect_with(*route, |route| {
        if let Some(document) = web_sys::window().and_then(|window| window.document()) {
            document.set_title(&match route {
                Route::Home => "Middleware Playground".to_owned(),
                page => format!("{} · Middleware Playground", page.title()),
            });
        }
    });

    if !visited.borrow().contains(&route) {
        visited.borrow_mut().push(*route);
    }

    html! {
        <div class={classes!("app", (*mode == Mode::Embed).then_some("embedded"))}>
            <a class="skip-link" href="#main" onclick={Callback::from(skip_to_main)}>{"Skip to content"}</a>
            <Header route={*route} mode={*mode} />
            { match *route {
                Route::Home => html! { <Home /> },
                Route::NotFound => html! { <NotFound /> },
                _ => html! {},
            } }
            { for ENGINES.iter().map(|engine| {
                let active = engine.route == *route;
                let mounted = visited.borrow().contains(&engine.route);
                html! {
                    <div key={engine.name} class="page-slot" hidden={!active}>
                        if mounted {
                            { engine_page(engine.route, *mode, active) }
                        }
                    </div>
                }
            }) }
        </div>
    }
}

/// The page component of an engine route.
fn engine_page(route: Route, mode: Mode, active: bool) -> Html {
    match route {
        Route::Redis => html! { <RedisPage {mode} {active} /> },
        Route::Memcached => html! { <MemcachedPage {mode} {active} /> },
        Route::RabbitMq => html! { <RabbitMqPage {mode} {active} /> },
        Route::Home | Route::NotFound => html! {},
    }
}

/// The document's location fragment, `#` included.
pub fn current_fragment() -> String {
    web_sys::window()
        .and_then(|window| window.location().hash().ok())
        .unwrap_or_default()
}

/// The page named by the document's location fragment.
fn current_route() -> Route {
    Route::from_fragment(&current_fragment())
}

/// The mode named by the document's location query.
fn current_mode() -> Mode {
    let query = web_sys::window()
        .and_then(|window| window.location().search().ok())
        .unwrap_or_default();
    Mode::from_query(&query)
}

/// The skip link moves focus to the visible page without touching the fragment, which
/// holds the route.
fn skip_to_main(event: MouseEvent) {
    event.prevent_default();
    let main = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id("main"))
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(main) = main {
        main.set_tab_index(-1);
        let _ = main.focus();
    }
}
