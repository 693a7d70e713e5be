//! Where the learner is: the page, from the URL's fragment, and the display mode, from its query.
//! [`Location`] reads both, and the scenario a link carries, once; the app passes it down.
//!
//! Routes live in the fragment (`#/redis`) rather than the path so the app works unchanged
//! from any subfolder of a static host and inside an iframe: the host never sees the route,
//! so it needs no rewrite rules, and relative asset URLs keep resolving.

use std::rc::Rc;

use crate::scenario_link::Scenario;

/// The document's location, parsed once: the app hands each page the parts it needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// The page the fragment names.
    pub route: Route,
    /// Full app or embedded.
    pub mode: Mode,
    /// The lines the fragment asks its page to run, if any.
    pub scenario: Option<Rc<Scenario>>,
}

impl Location {
    /// Reads a location from its fragment (`#/redis?run=...`) and query (`?embed=1`).
    pub fn parse(fragment: &str, query: &str) -> Location {
        Location {
            route: Route::from_fragment(fragment),
            mode: Mode::from_query(query),
            scenario: Scenario::from_fragment(fragment).map(Rc::new),
        }
    }

    /// The document's own location.
    pub fn current() -> Location {
        let location = web_sys::window().map(|window| window.location());
        let read = |part: fn(&web_sys::Location) -> Result<String, wasm_bindgen::JsValue>| {
            location
                .as_ref()
                .and_then(|location| part(location).ok())
                .unwrap_or_default()
        };
        Location::parse(
            &read(web_sys::Location::hash),
            &read(web_sys::Location::search),
        )
    }

    /// The scenario `route` opens with: the link's, when the link names that page.
    pub fn opening(&self, route: Route) -> Option<Rc<Scenario>> {
        (self.route == route)
            .then(|| self.scenario.clone())
            .flatten()
    }
}

/// One page of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    /// The landing view: what each page teaches.
    Home,
    /// The Redis page.
    Redis,
    /// The Memcached page.
    Memcached,
    /// The RabbitMQ page.
    RabbitMq,
    /// A fragment that names no page.
    NotFound,
}

impl Route {
    /// The engine pages, in the order the navigation shows them.
    pub const ENGINES: [Route; 3] = [Route::Redis, Route::Memcached, Route::RabbitMq];

    /// Reads a route from a location fragment such as `#/redis` (the `#` is optional).
    ///
    /// An empty fragment is the landing view; a trailing slash or a query after the page
    /// name (kept for later scenario links, `#/redis?s=...`) does not change the page.
    pub fn from_fragment(fragment: &str) -> Route {
        let path = fragment.trim_start_matches('#');
        let path = path.split(['?', '&']).next().unwrap_or("");
        // A link typed by hand (`#/Redis`) finds its page whatever the case.
        match path.trim_matches('/').to_ascii_lowercase().as_str() {
            "" => Route::Home,
            "redis" => Route::Redis,
            "memcached" => Route::Memcached,
            "rabbitmq" => Route::RabbitMq,
            _ => Route::NotFound,
        }
    }

    /// The fragment that leads to this page, for links.
    pub fn href(self) -> &'static str {
        match self {
            Route::Home | Route::NotFound => "#/",
            Route::Redis => "#/redis",
            Route::Memcached => "#/memcached",
            Route::RabbitMq => "#/rabbitmq",
        }
    }

    /// The page's name as the navigation and the document title show it.
    pub fn title(self) -> &'static str {
        match self {
            Route::Home => "Home",
            Route::Redis => "Redis",
            Route::Memcached => "Memcached",
            Route::RabbitMq => "RabbitMQ",
            Route::NotFound => "Page not found",
        }
    }
}

/// How the app is framed: the full app, or embedded in course notes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// A tab of its own: full header and navigation.
    Full,
    /// `?embed=1`: inside an iframe of course notes, where space is short and the
    /// surrounding page already says where the learner is.
    Embed,
}

impl Mode {
    /// Reads the mode from a location query such as `?embed=1`.
    pub fn from_query(query: &str) -> Mode {
        let embedded = query
            .trim_start_matches('?')
            .split('&')
            .any(|pair| matches!(pair, "embed=1" | "embed=true" | "embed"));
        if embedded { Mode::Embed } else { Mode::Full }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_fragment_is_the_landing_view() {
        assert_eq!(Route::from_fragment(""), Route::Home);
        assert_eq!(Route::from_fragment("#"), Route::Home);
        assert_eq!(Route::from_fragment("#/"), Route::Home);
    }

    #[test]
    fn engine_pages_round_trip_through_their_links() {
        for route in Route::ENGINES {
            assert_eq!(Route::from_fragment(route.href()), route);
        }
    }

    #[test]
    fn trailing_slash_and_query_keep_the_page() {
        assert_eq!(Route::from_fragment("#/redis/"), Route::Redis);
        assert_eq!(Route::from_fragment("#/rabbitmq?s=abc"), Route::RabbitMq);
    }

    #[test]
    fn page_names_ignore_case() {
        assert_eq!(Route::from_fragment("#/REDIS"), Route::Redis);
        assert_eq!(Route::from_fragment("#/RabbitMQ?run=x"), Route::RabbitMq);
    }

    #[test]
    fn unknown_fragment_is_not_found() {
        assert_eq!(Route::from_fragment("#/kafka"), Route::NotFound);
    }

    #[test]
    fn a_location_hands_its_scenario_only_to_the_page_it_names() {
        let location = Location::parse("#/redis?run=PING", "?embed=1");
        assert_eq!(location.route, Route::Redis);
        assert_eq!(location.mode, Mode::Embed);
        assert_eq!(
            location.opening(Route::Redis).map(|s| s.lines.clone()),
            Some(vec!["PING".to_owned()])
        );
        assert_eq!(location.opening(Route::Memcached), None);
    }

    #[test]
    fn embed_query_selects_embed_mode() {
        assert_eq!(Mode::from_query(""), Mode::Full);
        assert_eq!(Mode::from_query("?embed=1"), Mode::Embed);
        assert_eq!(Mode::from_query("?lang=en&embed=1"), Mode::Embed);
        assert_eq!(Mode::from_query("?embed=0"), Mode::Full);
        assert_eq!(Mode::from_query("?embedded=1"), Mode::Full);
    }
}
