//! The layout every engine page shares: its title, its console, examples to try, and
//! room below for the page's own views of the engine.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::console::{Console, Transcript};
use crate::engines::{Engine, Example};
use crate::route::Mode;
use crate::session::SessionAction;

/// Properties of [`EngineLayout`].
#[derive(Properties, PartialEq)]
pub struct EngineLayoutProps {
    /// The engine shown.
    pub engine: &'static Engine,
    /// Full app or embedded.
    pub mode: Mode,
    /// Whether the page is the one shown; pages stay mounted while hidden.
    pub active: bool,
    /// The prompt for the next console line.
    pub prompt: AttrValue,
    /// What the console has run so far.
    pub transcript: Rc<Transcript>,
    /// Runs what the learner types or picks.
    pub on_action: Callback<SessionAction>,
    /// The page's own views of the engine, shown under the console.
    #[prop_or_default]
    pub children: Html,
    /// The console's grey hint while typing, for a dialect whose client shows one.
    #[prop_or_default]
    pub hint: Option<Callback<String, Option<String>>>,
    /// The console's Tab completion, for a dialect whose client has it.
    #[prop_or_default]
    pub complete: Option<Callback<String, Vec<String>>>,
    /// A choice of client shown above the examples, for a page whose console speaks
    /// more than one dialect.
    #[prop_or_default]
    pub client_choice: Html,
    /// The examples and console label of the chosen client, when not the engine's own.
    #[prop_or_default]
    pub client: Option<&'static ClientDialect>,
}

/// A console dialect other than the engine's own: its examples and input label.
#[derive(Debug, PartialEq)]
pub struct ClientDialect {
    /// Accessible name of the console input.
    pub console_label: &'static str,
    /// Lines to try, from the lesson.
    pub examples: &'static [Example],
}

/// An engine page's frame. See the module documentation.
#[component]
pub fn EngineLayout(props: &EngineLayoutProps) -> Html {
    let engine = props.engine;
    let input_ref = use_node_ref();
    // Kept from render to render while `on_action` is the same, so the console (and its
    // whole transcript) is redrawn only when its own props change, not at every tick of
    // a page that animates.
    let on_submit = use_callback(props.on_action.clone(), |line: String, on_action| {
        on_action.emit(SessionAction::Run(line))
    });
    let on_clear = use_callback(props.on_action.clone(), |(), on_action| {
        on_action.emit(SessionAction::ClearTranscript)
    });
    let (console_label, examples) = match props.client {
        Some(client) => (client.console_label, client.examples),
        None => (engine.console_label, engine.examples),
    };
    let placeholder = examples
        .first()
        .map(|example| format!("try: {}", example.lines[0]))
        .unwrap_or_default();

    html! {
        <main class={classes!("engine-page", engine.theme_class())} id={props.active.then_some("main")}>
            <div class="page-heading">
                <h1>{ engine.name }</h1>
                <p class="reference">{ engine.promise }</p>
            </div>
            <div class="engine-layout">
                <Console prompt={props.prompt.clone()} transcript={Rc::clone(&props.transcript)}
                    {on_submit} {on_clear} label={console_label}
                    placeholder={placeholder} autofocus={props.active && props.mode == Mode::Full}
                    input_ref={input_ref.clone()} hint={props.hint.clone()}
                    complete={props.complete.clone()} />
                <aside class="examples" aria-labelledby={format!("examples-{}", engine.slug())}>
                    { props.client_choice.clone() }
                    <h2 id={format!("examples-{}", engine.slug())}>{"Try these"}</h2>
                    <ul role="list">
                        { for examples.iter().map(|example| {
                            let lines = example.lines;
                            let onclick = {
                                let on_action = props.on_action.clone();
                                let input_ref = input_ref.clone();
                                Callback::from(move |_: MouseEvent| {
                                    on_action.emit(SessionAction::RunAll(lines));
                                    // Back to the console, to go on typing after the example.
                                    if let Some(input) = input_ref.cast::<web_sys::HtmlElement>() {
                                        let _ = input.focus();
                                    }
                                })
                            };
                            html! {
                                <li>
                                    <button type="button" class="example" {onclick} data-testid="example"
                                        title={format!("Run: {}", lines.join(" ⏎ "))}>
                                        <code>{ lines.join("\n") }</code>
                                        <span class="shows">{ example.shows }</span>
                                    </button>
                                </li>
                            }
                        }) }
                    </ul>
                </aside>
            </div>
            { props.children.clone() }
        </main>
    }
}

/// Properties every engine page takes from the app.
#[derive(Properties, PartialEq)]
pub struct PageProps {
    /// Full app or embedded.
    pub mode: Mode,
    /// Whether the page is the one shown.
    pub active: bool,
}
