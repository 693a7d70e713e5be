//! The site header: product name and navigation between the engine pages.

use yew::prelude::*;

use crate::route::{Mode, Route};

/// Properties of [`Header`].
#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    /// The page being shown, marked in the navigation.
    pub route: Route,
    /// Full app or embedded in course notes.
    pub mode: Mode,
}

/// The header. Embedded, it shrinks to the page name and a link that opens the full
/// playground in a tab of its own.
#[component]
pub fn Header(props: &HeaderProps) -> Html {
    if props.mode == Mode::Embed {
        return html! {
            <header class="site-header embed">
                <span class="brand"><Logo />{ props.route.title() }</span>
                <a class="open-full" href={full_app_href(props.route)} target="_blank" rel="noopener"
                    data-testid="open-full">{"Open in Middleware Playground ↗"}</a>
            </header>
        };
    }
    html! {
        <header class="site-header">
            <a class="brand" href={Route::Home.href()} data-testid="brand">
                <Logo />
                <span class="brand-name">{"Middleware Playground"}</span>
            </a>
            <nav aria-label="Engines">
                { for Route::ENGINES.iter().map(|&route| {
                    let current = (route == props.route).then_some("page");
                    html! {
                        <a href={route.href()} aria-current={current}
                            data-testid={format!("nav-{}", route.href().trim_start_matches("#/"))}>
                            { route.title() }
                        </a>
                    }
                }) }
            </nav>
        </header>
    }
}

/// The same page outside the iframe: this document's address without `?embed=1`.
fn full_app_href(route: Route) -> String {
    let path = web_sys::window()
        .and_then(|window| window.location().pathname().ok())
        .unwrap_or_default();
    format!("{path}{}", route.href())
}

/// The product mark: three stacked layers, for cache, store and queue.
#[component]
fn Logo() -> Html {
    html! {
        <svg class="logo" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
            <rect x="3" y="3" width="18" height="5" rx="1.5" class="logo-redis" />
            <rect x="3" y="9.5" width="18" height="5" rx="1.5" class="logo-memcached" />
            <rect x="3" y="16" width="18" height="5" rx="1.5" class="logo-rabbitmq" />
        </svg>
    }
}
