//! An engine page: its console, speaking the engine's dialect, and examples to try.
//!
//! The page owns the engine session (one reducer holds it) and hands the console only
//! plain data: the prompt and the transcript.

use std::cell::RefCell;
use std::rc::Rc;

use scenario::ConsoleSession;
use yew::prelude::*;

use crate::components::console::{Console, Entry, Transcript};
use crate::engines::Engine;
use crate::route::Mode;

/// What the learner does to the page's session.
pub enum SessionAction {
    /// Run one line in the engine's dialect.
    Run(String),
    /// Run several lines in order, as an example does.
    RunAll(&'static [&'static str]),
    /// Clear the transcript; the engine's state is kept.
    ClearTranscript,
}

/// The page's state: the engine session and the transcript of what was run against it.
pub struct SessionState {
    session: Rc<RefCell<Box<dyn ConsoleSession>>>,
    prompt: AttrValue,
    transcript: Rc<Transcript>,
}

impl SessionState {
    fn new(engine: &Engine) -> Self {
        let session = engine.new_session(virtual_now_ms());
        Self {
            prompt: session.prompt().into(),
            session: Rc::new(RefCell::new(session)),
            transcript: Rc::default(),
        }
    }
}

impl Reducible for SessionState {
    type Action = SessionAction;

    fn reduce(self: Rc<Self>, action: SessionAction) -> Rc<Self> {
        let mut transcript = Transcript::clone(&self.transcript);
        let mut prompt = self.prompt.clone();
        let mut run = |line: &str| {
            let mut session = self.session.borrow_mut();
            let output = session.run_line(line, virtual_now_ms());
            transcript.push(Entry {
                prompt: prompt.clone(),
                input: AttrValue::from(line.to_owned()),
                output: output.into(),
            });
            prompt = session.prompt().into();
        };
        match action {
            SessionAction::Run(line) => run(&line),
            SessionAction::RunAll(lines) => lines.iter().for_each(|line| run(line)),
            SessionAction::ClearTranscript => transcript.clear(),
        }
        Rc::new(Self {
            session: Rc::clone(&self.session),
            prompt,
            transcript: Rc::new(transcript),
        })
    }
}

/// The virtual clock the engines run on. In a live page it follows the wall clock, so TTLs
/// count down in real seconds; engines only ever see it as a number passed in.
fn virtual_now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// Properties of [`EnginePage`].
#[derive(Properties, PartialEq)]
pub struct EnginePageProps {
    /// The engine shown.
    pub engine: &'static Engine,
    /// Full app or embedded.
    pub mode: Mode,
    /// Whether the page is the one shown; pages stay mounted while hidden.
    pub active: bool,
}

/// An engine page. See the module documentation.
#[component]
pub fn EnginePage(props: &EnginePageProps) -> Html {
    let engine = props.engine;
    let state = use_reducer(|| SessionState::new(engine));

    let on_submit = {
        let state = state.dispatcher();
        Callback::from(move |line: String| state.dispatch(SessionAction::Run(line)))
    };
    let on_clear = {
        let state = state.dispatcher();
        Callback::from(move |()| state.dispatch(SessionAction::ClearTranscript))
    };
    let placeholder = engine
        .examples
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
                <Console prompt={state.prompt.clone()} transcript={Rc::clone(&state.transcript)}
                    {on_submit} {on_clear} label={engine.console_label}
                    placeholder={placeholder} autofocus={props.active && props.mode == Mode::Full} />
                <aside class="examples" aria-labelledby="examples-title">
                    <h2 id="examples-title">{"Try these"}</h2>
                    <ul role="list">
                        { for engine.examples.iter().map(|example| {
                            let lines = example.lines;
                            let onclick = {
                                let state = state.dispatcher();
                                Callback::from(move |_: MouseEvent| state.dispatch(SessionAction::RunAll(lines)))
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
        </main>
    }
}
