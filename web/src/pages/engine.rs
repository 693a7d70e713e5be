//! The layout every engine page shares: its title, its console, examples to try, and
//! room below for the page's own views of the engine.

use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use wasm_bindgen_futures::{JsFuture, spawn_local};

use crate::components::console::{Console, Transcript};
use crate::embed::{self, FromHost, ToHost};
use crate::engines::{Engine, Example};
use crate::route::{Mode, Route};
use crate::saved;
use crate::scenario_link::{MAX_LINK_CHARS, Scenario};
use crate::session::{SessionAction, TypedLines};

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
    /// Set while the console's client reads no lines, saying why (see the console's `busy`).
    #[prop_or_default]
    pub busy: Option<AttrValue>,
    /// Ctrl-C pressed in the console while its client is busy.
    #[prop_or_default]
    pub on_interrupt: Option<Callback<()>>,
    /// A choice of client shown above the examples, for a page whose console speaks
    /// more than one dialect.
    #[prop_or_default]
    pub client_choice: Html,
    /// The examples and console label of the chosen client, when not the engine's own.
    #[prop_or_default]
    pub client: Option<&'static ClientDialect>,
    /// Every line the console has run, for a "Share" link that replays them; pages
    /// whose state the console alone does not make leave it out.
    #[prop_or_default]
    pub typed: Option<TypedLines>,
    /// The seed the page's engine runs with, for pages that let the learner change it;
    /// a Share link carries it.
    #[prop_or_default]
    pub seed: Option<u64>,
    /// The scenario the page opened with (see [`PageProps::opening`]).
    #[prop_or_default]
    pub opening: Option<Rc<Scenario>>,
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
    {
        // A scenario link runs its lines once, when the page it names first opens; the
        // page routes each line to the console that ran it.
        let on_action = props.on_action.clone();
        let route = engine.route;
        let opening = props.opening.clone();
        use_effect_with((), move |()| {
            if let Some(scenario) = opening.filter(|_| first_opening(route)) {
                for line in &scenario.lines {
                    on_action.emit(SessionAction::Replay(line.clone()));
                }
            }
        });
    }
    {
        // Each line run is kept for a reload, in the full app; embedded, the course page
        // around hears of it, and the header's "Open in Middleware Playground" link
        // carries the lines along.
        let typed = props.typed.clone();
        let count = typed.as_ref().map_or(0, TypedLines::len);
        let (mode, route, seed) = (props.mode, engine.route, props.seed);
        use_effect_with((count, props.active), move |&(count, active)| {
            if let Some(typed) = typed {
                let scenario = Scenario {
                    lines: typed.lines(),
                    seed,
                };
                match mode {
                    Mode::Full => saved::keep(route, &scenario),
                    Mode::Embed if active && count > 0 => tell_host_state(route, &scenario),
                    Mode::Embed => {}
                }
            }
        });
    }
    {
        // Embedded and shown, the page runs the lines the course page sends.
        let on_action = props.on_action.clone();
        let listen = props.mode == Mode::Embed && props.active;
        use_effect_with(listen, move |&listen| {
            let listener = web_sys::window().filter(|_| listen).map(|window| {
                EventListener::new(&window, "message", move |event| {
                    let host = event
                        .dyn_ref::<web_sys::MessageEvent>()
                        .and_then(embed::from_host);
                    if let Some(FromHost::Run { lines }) = host {
                        for line in lines {
                            on_action.emit(SessionAction::Replay(line));
                        }
                    }
                })
            });
            move || drop(listener)
        });
    }
    // Pages with a seed start over from their own controls (a new world), which also
    // clears what is kept.
    let on_start_over = (props.mode == Mode::Full && props.seed.is_none()).then(|| {
        let route = engine.route;
        Callback::from(move |_: MouseEvent| start_over(route))
    });
    let share_state = use_state(|| None::<String>);
    let on_share = props.typed.clone().map(|typed| {
        let share_state = share_state.clone();
        let route = engine.route;
        let seed = props.seed;
        Callback::from(move |_: MouseEvent| {
            let scenario = Scenario {
                lines: typed.lines(),
                seed,
            };
            share(&scenario, route, share_state.setter());
        })
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
                if let Some(onclick) = on_share {
                    <div class="share">
                        if let Some(onclick) = on_start_over {
                            <button type="button" class="secondary" {onclick} data-testid="start-over"
                                title="Forget what this page ran (it is kept across reloads) and open it fresh">
                                { "Start over" }
                            </button>
                        }
                        <button type="button" class="secondary" {onclick} data-testid="share"
                            title="Put a link in the address bar and the clipboard that opens this page and runs the console's lines again">
                            { "Share as a link" }
                        </button>
                        <span class="share-status" role="status" data-testid="share-status">
                            { (*share_state).clone().unwrap_or_default() }
                        </span>
                    </div>
                }
            </div>
            <div class="engine-layout">
                <div class="layout-console" data-panel="console">
                    <Console prompt={props.prompt.clone()} transcript={Rc::clone(&props.transcript)}
                        {on_submit} {on_clear} label={console_label}
                        placeholder={placeholder} autofocus={props.active && props.mode == Mode::Full}
                        input_ref={input_ref.clone()} hint={props.hint.clone()}
                        complete={props.complete.clone()} busy={props.busy.clone()}
                        on_interrupt={props.on_interrupt.clone()} />
                </div>
                <aside class="examples" data-panel="examples" aria-labelledby={format!("examples-{}", engine.slug())}>
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
                                        // Without scrolling: a page may bring what the
                                        // example changes into view instead.
                                        let options = web_sys::FocusOptions::new();
                                        options.set_prevent_scroll(true);
                                        let _ = input.focus_with_options(&options);
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

thread_local! {
    /// The pages that have run their opening scenario: once per page load, not again when
    /// a page remounts (memcached restarted with another `-m`).
    static OPENED: std::cell::RefCell<Vec<Route>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Whether `route` runs its opening scenario now: only the first time it asks.
fn first_opening(route: Route) -> bool {
    OPENED.with_borrow_mut(|opened| {
        let first = !opened.contains(&route);
        opened.push(route);
        first
    })
}

/// Forgets what `route` ran and opens the app again: that page fresh, the others as kept.
fn start_over(route: Route) {
    saved::keep(route, &Scenario::default());
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Ok(history) = window.history() {
        let _ =
            history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(route.href()));
    }
    let _ = window.location().reload();
}

/// Tells the course page around an embed what the learner ran, and points the header's
/// link to the full app at the same lines.
fn tell_host_state(route: Route, scenario: &Scenario) {
    let fragment = scenario.to_fragment(route);
    // A link too long to follow opens the page without its lines.
    let fragment = if fragment.len() > MAX_LINK_CHARS {
        route.href().to_owned()
    } else {
        fragment
    };
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let path = location.pathname().unwrap_or_default();
    let link = format!("{}{path}{fragment}", location.origin().unwrap_or_default());
    if let Some(open_full) = window
        .document()
        .and_then(|document| document.query_selector(".open-full").ok().flatten())
    {
        let _ = open_full.set_attribute("href", &link);
    }
    embed::tell_host(&ToHost::State {
        page: embed::page_name(route),
        link,
    });
}

/// Puts the scenario's link in the address bar and on the clipboard, and says so.
fn share(scenario: &Scenario, route: Route, say: UseStateSetter<Option<String>>) {
    if scenario.lines.is_empty() {
        say.set(Some(
            "Run something first: the link replays the console's lines.".to_owned(),
        ));
        return;
    }
    let fragment = scenario.to_fragment(route);
    if fragment.len() > MAX_LINK_CHARS {
        say.set(Some(format!(
            "Too long for a link ({} characters, at most {MAX_LINK_CHARS}).",
            fragment.len()
        )));
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    // Replacing the entry changes the address without a hashchange, so nothing reloads.
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&fragment));
    }
    let href = window.location().href().unwrap_or(fragment);
    let count = scenario.lines.len();
    let lines = if count == 1 { "line" } else { "lines" };
    spawn_local(async move {
        let copied = JsFuture::from(window.navigator().clipboard().write_text(&href))
            .await
            .is_ok();
        say.set(Some(if copied {
            format!("Link copied: it opens this page and runs these {count} {lines}.")
        } else {
            format!("The address bar now holds the link; it runs these {count} {lines}.")
        }));
    });
}

/// The switch above the examples between a page's console clients (its server's own
/// client and the lesson's Python library): each option is the client, its label and a
/// title saying what is typed.
pub fn client_choice<C: Copy + PartialEq + 'static>(
    options: [(C, &'static str, &'static str); 2],
    chosen: C,
    choose: UseStateSetter<C>,
) -> Html {
    html! {
        <div class="client-choice" role="group" aria-label="Console client">
            { for options.into_iter().map(|(client, label, title)| {
                let choose = choose.clone();
                html! {
                    <button type="button" aria-pressed={(client == chosen).to_string()}
                        data-testid="client-choice" {title} onclick={move |_| choose.set(client)}>
                        { label }
                    </button>
                }
            }) }
        </div>
    }
}

/// Properties every engine page takes from the app.
#[derive(Properties, PartialEq, Clone)]
pub struct PageProps {
    /// Full app or embedded.
    pub mode: Mode,
    /// Whether the page is the one shown.
    pub active: bool,
    /// The scenario the link that opened the page carries, run once when it first opens.
    #[prop_or_default]
    pub opening: Option<Rc<Scenario>>,
}
