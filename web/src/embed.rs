//! What an embedded page (`?embed=1`) and the course page around it say to each other,
//! through `postMessage`. Every message is an object whose `type` names it:
//!
//! To the host (the parent window), each with `page` (`"redis"`, `"memcached"`, `"rabbitmq"`):
//! - `playground:ready`: the page is drawn and takes input;
//! - `playground:size`, with `height`: the content's height in CSS pixels, for an iframe
//!   that sizes itself to it;
//! - `playground:state`, with `link`: a console line ran; the link opens the full app and
//!   runs every line the learner ran, as "Share as a link" does.
//!
//! From the host, taken only from the parent window, and ignored unless well formed:
//! - `playground:run`, with `lines` (strings): runs the lines in the page's console, as a
//!   scenario link's lines run (`@py ` for the Python console, `@2 ` for another Redis one).

use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use crate::route::Route;

/// A message to the host.
#[derive(Serialize, Debug, PartialEq)]
#[serde(tag = "type")]
pub enum ToHost<'a> {
    /// The page is drawn and takes input.
    #[serde(rename = "playground:ready")]
    Ready { page: &'a str },
    /// The content's height changed.
    #[serde(rename = "playground:size")]
    Size { page: &'a str, height: u32 },
    /// A console line ran.
    #[serde(rename = "playground:state")]
    State { page: &'a str, link: String },
}

/// A message from the host.
#[derive(Deserialize, Debug, PartialEq)]
#[serde(tag = "type")]
pub enum FromHost {
    /// Lines to run in the page's console.
    #[serde(rename = "playground:run")]
    Run { lines: Vec<String> },
}

/// The name a message gives `route`'s page.
pub fn page_name(route: Route) -> &'static str {
    route.href().trim_start_matches("#/")
}

/// Posts `message` to the parent window; nothing when the page is not in a frame.
pub fn tell_host(message: &ToHost) {
    let Some((_, parent)) = window_and_parent() else {
        return;
    };
    if let Ok(value) = serde_wasm_bindgen::to_value(message) {
        let _ = parent.post_message(&value, "*");
    }
}

/// The host's message in `event`: only one the parent window sent, and well formed.
pub fn from_host(event: &web_sys::MessageEvent) -> Option<FromHost> {
    let (_, parent) = window_and_parent()?;
    let source = event.source()?;
    if !js_sys::Object::is(&source, &parent) {
        return None;
    }
    serde_wasm_bindgen::from_value(event.data()).ok()
}

/// This window and its parent, when it has one (a top-level window is its own parent).
fn window_and_parent() -> Option<(web_sys::Window, web_sys::Window)> {
    let window = web_sys::window()?;
    let parent = window.parent().ok()??;
    (!js_sys::Object::is(&JsValue::from(&window), &JsValue::from(&parent)))
        .then_some((window, parent))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_host_runs_lines_with_a_well_formed_message() {
        let run: FromHost = serde_json::from_str(
            r#"{"type": "playground:run", "lines": ["PING", "@py r.get('a')"]}"#,
        )
        .unwrap();
        assert_eq!(
            run,
            FromHost::Run {
                lines: vec!["PING".into(), "@py r.get('a')".into()]
            }
        );
    }

    #[test]
    fn malformed_messages_are_refused() {
        for text in [
            r#"{"type": "playground:run", "lines": "PING"}"#,
            r#"{"type": "playground:run"}"#,
            r#"{"type": "playground:reset"}"#,
            r#"{"lines": ["PING"]}"#,
            r#"["PING"]"#,
        ] {
            assert!(serde_json::from_str::<FromHost>(text).is_err(), "{text}");
        }
    }

    #[test]
    fn messages_to_the_host_carry_their_type_and_page() {
        let state = ToHost::State {
            page: page_name(Route::Redis),
            link: "https://x/#/redis?run=PING".into(),
        };
        assert_eq!(
            serde_json::to_string(&state).unwrap(),
            r#"{"type":"playground:state","page":"redis","link":"https://x/#/redis?run=PING"}"#
        );
    }
}
