//! A page's engine session and the transcript of what was run against it: the state of
//! one engine page, held by one reducer.
//!
//! The state is generic over the session type so that each page's views can read its
//! engine through the session (`state.session().server()`), while the console sees only
//! the prompt and the transcript.

use std::cell::{Ref, RefCell};
use std::rc::Rc;

use gloo::timers::callback::Interval;
use scenario::ConsoleSession;
use yew::prelude::*;

use crate::components::console::{Entry, Transcript};

/// What the learner does to a page's session.
pub enum SessionAction {
    /// Run one line in the engine's dialect.
    Run(String),
    /// Run several lines in order, as an example does.
    RunAll(&'static [&'static str]),
    /// Run one line of the scenario link the page opened with, written as the page's
    /// Share button writes it (the Redis page prefixes other consoles' lines).
    Replay(String),
    /// Clear the transcript; the engine's state is kept.
    ClearTranscript,
}

/// An engine session with its transcript. Replaced, not edited, on every action, so
/// components that take the transcript re-render only when it changed.
pub struct SessionState<S> {
    session: Rc<RefCell<S>>,
    prompt: AttrValue,
    transcript: Rc<Transcript>,
    /// Every line run since the session opened, kept when the transcript is cleared:
    /// what a scenario link must replay to rebuild the engine's state. Like the
    /// session, one log shared by every state of the page.
    typed: TypedLines,
    /// What the log writes before each of this console's lines, so a page with two
    /// consoles on one log can tell them apart on replay (empty for the page's own).
    link_prefix: &'static str,
}

impl<S: ConsoleSession> SessionState<S> {
    /// The state of a page that has just opened `session`.
    pub fn new(session: S) -> Self {
        Self {
            prompt: session.prompt().into(),
            session: Rc::new(RefCell::new(session)),
            transcript: Rc::default(),
            typed: TypedLines::default(),
            link_prefix: "",
        }
    }

    /// The state of a console whose lines go into `typed`, a log it shares with the
    /// page's other console, each written after `link_prefix`.
    pub fn logging_into(session: S, typed: TypedLines, link_prefix: &'static str) -> Self {
        Self {
            typed,
            link_prefix,
            ..Self::new(session)
        }
    }

    /// The session, for views that draw the engine's state.
    pub fn session(&self) -> Ref<'_, S> {
        self.session.borrow()
    }

    /// The prompt for the next line.
    pub fn prompt(&self) -> AttrValue {
        self.prompt.clone()
    }

    /// What has been run so far.
    pub fn transcript(&self) -> Rc<Transcript> {
        Rc::clone(&self.transcript)
    }

    /// Every line run since the session opened, in order.
    pub fn typed(&self) -> TypedLines {
        self.typed.clone()
    }
}

impl<S: ConsoleSession + 'static> Reducible for SessionState<S> {
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
            self.typed.push(format!("{}{line}", self.link_prefix));
            prompt = session.prompt().into();
        };
        match action {
            SessionAction::Run(line) | SessionAction::Replay(line) => run(&line),
            SessionAction::RunAll(lines) => lines.iter().for_each(|line| run(line)),
            SessionAction::ClearTranscript => transcript.clear(),
        }
        Rc::new(Self {
            session: Rc::clone(&self.session),
            prompt,
            transcript: Rc::new(transcript),
            typed: self.typed.clone(),
            link_prefix: self.link_prefix,
        })
    }
}

/// The log of lines a console has run, for a scenario link. Compared by identity, as a
/// property: the same log, however long it has grown.
#[derive(Clone, Default)]
pub struct TypedLines(Rc<RefCell<Vec<String>>>);

impl TypedLines {
    /// The lines, oldest first.
    pub fn lines(&self) -> Vec<String> {
        self.0.borrow().clone()
    }

    /// Adds a line run.
    pub fn push(&self, line: String) {
        self.0.borrow_mut().push(line);
    }

    /// How many lines have run.
    pub fn len(&self) -> usize {
        self.0.borrow().len()
    }

    /// Whether no line has run yet.
    pub fn is_empty(&self) -> bool {
        self.0.borrow().is_empty()
    }
}

impl PartialEq for TypedLines {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The virtual clock the engines run on. In a live page it follows the wall clock, so TTLs
/// count down in real seconds; engines only ever see it as a number passed in.
pub fn virtual_now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// The callback an engine page hands its console and examples: made once for the page's
/// life, so that redraws of the page (a clock tick) do not redraw the console.
#[hook]
pub fn use_session_actions<S: ConsoleSession + 'static>(
    state: &UseReducerHandle<SessionState<S>>,
) -> Callback<SessionAction> {
    let dispatcher = state.dispatcher();
    use_callback((), move |action, _| dispatcher.dispatch(action))
}

/// The virtual time a page's views count down on (TTLs, exptimes). It redraws the page once
/// a second while the page is shown, and is never behind a reply just drawn.
#[hook]
pub fn use_view_clock(active: bool) -> u64 {
    let now_ms = use_state(virtual_now_ms);
    {
        let now_ms = now_ms.clone();
        use_effect_with(active, move |&active| {
            let interval =
                active.then(|| Interval::new(1000, move || now_ms.set(virtual_now_ms())));
            move || drop(interval)
        });
    }
    (*now_ms).max(virtual_now_ms())
}
