//! The engine pages' code, each split into wasm of its own.
//!
//! Each `#[wasm_split]` function below is where a page's code begins: `web/build-app.sh`
//! runs `wasm-split-cli` on the linked app, which moves everything only that function
//! reaches into `split_<page>.wasm`, and code that two or three pages share (the Python
//! interpreter) into chunks of its own, fetched once for all of them. Calling one of these
//! functions fetches its files first; the app's own module keeps what every page needs.
#![allow(unsafe_code)] // the macro links each loader through an `unsafe extern` block

use wasm_split_helpers::{SplitLoaderError, wasm_split};
use yew::html;

use playground_web::PageView;
use playground_web::pages::memcached::MemcachedPage;
use playground_web::pages::rabbitmq::RabbitMqPage;
use playground_web::pages::redis::RedisPage;
use playground_web::route::Route;

#[wasm_split(redis, fallible, preload(preload_redis))]
fn redis() -> Result<PageView, SplitLoaderError> {
    Ok(|page| html! { <RedisPage ..page /> })
}

#[wasm_split(memcached, fallible, preload(preload_memcached))]
fn memcached() -> Result<PageView, SplitLoaderError> {
    Ok(|page| html! { <MemcachedPage ..page /> })
}

#[wasm_split(rabbitmq, fallible, preload(preload_rabbitmq))]
fn rabbitmq() -> Result<PageView, SplitLoaderError> {
    Ok(|page| html! { <RabbitMqPage ..page /> })
}

/// The view of `route`'s engine page, once its code is here; `None` when it could not
/// be fetched, or `route` has no engine page.
pub async fn page(route: Route) -> Option<PageView> {
    match route {
        Route::Redis => redis().await.ok(),
        Route::Memcached => memcached().await.ok(),
        Route::RabbitMq => rabbitmq().await.ok(),
        Route::Home | Route::NotFound => None,
    }
}

/// Fetches every page's code, so the next page opens without waiting. A failure is left
/// for the page to report when it is opened.
pub async fn preload_all() {
    let _ = preload_redis().await;
    let _ = preload_memcached().await;
    let _ = preload_rabbitmq().await;
}
