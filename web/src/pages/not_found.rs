//! The view for an address that names no page.

use yew::prelude::*;

use crate::route::Route;

/// Says the page does not exist and offers the way back.
#[component]
pub fn NotFound() -> Html {
    html! {
        <main class="not-found" id="main">
            <h1>{"There is no such page."}</h1>
            <p>{"The link may be mistyped or from a newer version of the playground."}</p>
            <p><a href={Route::Home.href()}>{"Back to the start"}</a></p>
        </main>
    }
}
