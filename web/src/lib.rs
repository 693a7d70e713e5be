//! Middleware Playground: Redis, Memcached and RabbitMQ in a web page.
//!
//! This crate draws the engine pages; the app (`web/app`) loads each page's code when its
//! route first opens, and the shell (`web/shell/shell.js`) draws the header and the
//! landing view before any wasm arrives. The engines themselves are plain Rust crates.

pub mod animation;
pub mod components;
pub mod embed;
pub mod engines;
pub mod pages;
pub mod route;
pub mod saved;
pub mod scenario_link;
pub mod session;

use yew::Html;

pub use pages::engine::PageProps;

/// What an engine page's code gives the app once loaded: the page's view.
pub type PageView = fn(PageProps) -> Html;
