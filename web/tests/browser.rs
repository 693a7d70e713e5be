//! The console component in a real browser: typing, Enter, history and Ctrl+L, through
//! real DOM events. Run with `./x test` (wasm-bindgen-test in headless Chromium).
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;
use std::time::Duration;

use playground_web::components::console::{Console, Entry, Transcript};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlInputElement, KeyboardEvent, KeyboardEventInit};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A console whose "engine" echoes each line back in capitals, with a prompt that counts
/// the lines entered: enough to see the console render what its page gives it.
#[component]
fn EchoConsole() -> Html {
    let transcript = use_state(|| Rc::new(Transcript::default()));
    let count = use_state(|| 0_usize);
    let on_submit = {
        let transcript = transcript.clone();
        let count = count.clone();
        Callback::from(move |line: String| {
            let mut next = Transcript::clone(&transcript);
            next.push(Entry {
                prompt: format!("[{}]>", *count).into(),
                input: line.clone().into(),
                output: format!("{}\n", line.to_uppercase()).into(),
            });
            transcript.set(Rc::new(next));
            count.set(*count + 1);
        })
    };
    let on_clear = {
        let transcript = transcript.clone();
        Callback::from(move |()| transcript.set(Rc::default()))
    };
    html! {
        <Console prompt={format!("[{}]>", *count)} transcript={Rc::clone(&transcript)}
            {on_submit} {on_clear} label="Echo command" />
    }
}

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|window| window.document())
        .expect("a document")
}

/// Mounts a fresh console in its own element and returns that element.
async fn mount() -> Element {
    let root = document().create_element("div").expect("a div");
    document()
        .body()
        .expect("a body")
        .append_child(&root)
        .expect("appended");
    yew::Renderer::<EchoConsole>::with_root(root.clone()).render();
    settle().await;
    root
}

/// Lets yew run its scheduled renders and effects.
async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(20)).await;
}

fn input(root: &Element) -> HtmlInputElement {
    root.query_selector("[data-testid=console-input]")
        .ok()
        .flatten()
        .and_then(|element| element.dyn_into().ok())
        .expect("the console input")
}

async fn press(root: &Element, key: &str, ctrl: bool) {
    let init = KeyboardEventInit::new();
    init.set_key(key);
    init.set_ctrl_key(ctrl);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event =
        KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).expect("an event");
    input(root).dispatch_event(&event).expect("dispatched");
    settle().await;
}

async fn enter_line(root: &Element, line: &str) {
    input(root).set_value(line);
    press(root, "Enter", false).await;
}

fn outputs(root: &Element) -> Vec<String> {
    let list = root
        .query_selector_all(".entry-output")
        .expect("a selector");
    (0..list.length())
        .filter_map(|index| list.item(index))
        .filter_map(|node| node.text_content())
        .collect()
}

fn prompt(root: &Element) -> String {
    root.query_selector(".console-input-line .prompt")
        .ok()
        .flatten()
        .and_then(|element| element.text_content())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn enter_runs_the_line_and_clears_the_input() {
    let root = mount().await;
    enter_line(&root, "ping").await;
    assert_eq!(outputs(&root), ["PING\n"]);
    assert_eq!(input(&root).value(), "");
    assert_eq!(prompt(&root), "[1]>");
}

#[wasm_bindgen_test]
async fn up_and_down_walk_the_history_and_keep_the_draft() {
    let root = mount().await;
    enter_line(&root, "set a 1").await;
    enter_line(&root, "get a").await;
    input(&root).set_value("incr");
    press(&root, "ArrowUp", false).await;
    assert_eq!(input(&root).value(), "get a");
    press(&root, "ArrowUp", false).await;
    assert_eq!(input(&root).value(), "set a 1");
    press(&root, "ArrowDown", false).await;
    press(&root, "ArrowDown", false).await;
    assert_eq!(input(&root).value(), "incr");
}

#[wasm_bindgen_test]
async fn ctrl_l_clears_the_transcript() {
    let root = mount().await;
    enter_line(&root, "one").await;
    enter_line(&root, "two").await;
    assert_eq!(outputs(&root).len(), 2);
    press(&root, "l", true).await;
    assert!(outputs(&root).is_empty());
}

#[wasm_bindgen_test]
async fn the_input_has_an_accessible_name() {
    let root = mount().await;
    assert_eq!(
        input(&root).get_attribute("aria-label").as_deref(),
        Some("Echo command")
    );
}
