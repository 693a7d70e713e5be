//! Each page's lines, kept in the browser's localStorage as the page runs them, so a reload
//! (or a tab opened again tomorrow) rebuilds the same state by running them again, as a
//! scenario link does. The full app only: an embed shows what its course page asks for.

use crate::route::Route;
use crate::scenario_link::Scenario;

/// Where `route`'s lines are kept.
fn key(route: Route) -> String {
    format!("playground.lines{}", route.href().trim_start_matches('#'))
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The lines `route` ran last time, if any were kept (and can be read back).
pub fn load(route: Route) -> Option<Scenario> {
    let fragment = storage()?.get_item(&key(route)).ok()??;
    Scenario::from_fragment(&fragment)
}

/// Keeps `scenario` as `route`'s lines; an empty one forgets them. A storage that is full
/// or refused only loses the keeping, never the page.
pub fn keep(route: Route, scenario: &Scenario) {
    let Some(storage) = storage() else {
        return;
    };
    let _ = if scenario.lines.is_empty() {
        storage.remove_item(&key(route))
    } else {
        storage.set_item(&key(route), &scenario.to_fragment(route))
    };
}
