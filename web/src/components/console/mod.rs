//! The console every engine page plugs its dialect into: an input line with a prompt,
//! the transcript above it, history on Up/Down, Ctrl+L to clear, and a copy button; for a
//! dialect whose client has them, a grey syntax hint while typing and Tab completion. A
//! pasted block runs line by line, as in a terminal (`paste`).
//!
//! The console owns only what is about typing (the input line and its history); the
//! transcript and the prompt come from the page, which owns the engine session.

mod ansi;
mod history;
mod paste;
mod transcript;

use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{JsFuture, spawn_local};
use web_sys::{HtmlElement, HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

pub use history::History;
pub use transcript::{Entry, Transcript};
use transcript::{SHOWN_INPUT_CHARS, SHOWN_OUTPUT_CHARS, SHOWN_OUTPUT_LINES, Shown, shown};

use crate::components::editor::indent::byte_at;
use crate::components::editor::paste::refusal;

/// Properties of [`Console`].
#[derive(Properties, PartialEq)]
pub struct ConsoleProps {
    /// The prompt for the next line, e.g. `127.0.0.1:6379>`.
    pub prompt: AttrValue,
    /// What has been entered and printed so far.
    pub transcript: Rc<Transcript>,
    /// Called with each entered line (possibly empty, as a terminal echoes an empty prompt).
    pub on_submit: Callback<String>,
    /// Called when the learner clears the transcript (Ctrl+L or the Clear button).
    pub on_clear: Callback<()>,
    /// Accessible name of the input, e.g. "Redis command".
    pub label: AttrValue,
    /// Shown in the empty input, e.g. a first command to try.
    #[prop_or_default]
    pub placeholder: AttrValue,
    /// Whether the input takes keyboard focus when the console appears. Off inside an
    /// iframe, where stealing focus would scroll the surrounding course notes.
    #[prop_or(true)]
    pub autofocus: bool,
    /// The input element, for a page that moves focus to it (e.g. after running an example).
    #[prop_or_default]
    pub input_ref: NodeRef,
    /// The grey hint shown after what has been typed (redis-cli's syntax hint), if any.
    #[prop_or_default]
    pub hint: Option<Callback<String, Option<String>>>,
    /// What Tab offers for what has been typed; without it Tab leaves the console.
    #[prop_or_default]
    pub complete: Option<Callback<String, Vec<String>>>,
    /// While set, the client reads no lines (redis-cli printing messages after SUBSCRIBE):
    /// this note stands where the prompt and input were, and Ctrl-C, or the button beside
    /// the note (for touch screens), calls `on_interrupt`.
    #[prop_or_default]
    pub busy: Option<AttrValue>,
    /// Ctrl-C pressed while the client is busy.
    #[prop_or_default]
    pub on_interrupt: Option<Callback<()>>,
}

/// Tab pressed again and again: the candidates shown in turn, then the line as typed,
/// then the first again, as redis-cli's line editor cycles them.
struct Completion {
    typed: String,
    candidates: Vec<String>,
    /// The candidate shown; `candidates.len()` stands for the line as typed.
    shown: usize,
}

impl Completion {
    fn next(&mut self) -> &str {
        self.shown = (self.shown + 1) % (self.candidates.len() + 1);
        self.candidates.get(self.shown).unwrap_or(&self.typed)
    }
}

/// Whether the last copy of the transcript worked, for the button's feedback.
#[derive(Clone, Copy, PartialEq)]
enum CopyState {
    Idle,
    Copied,
    Failed,
}

/// A terminal-like console. See the module documentation.
#[component]
pub fn Console(props: &ConsoleProps) -> Html {
    let input_ref = props.input_ref.clone();
    let scroll_ref = use_node_ref();
    let history = use_mut_ref(History::default);
    let copy_state = use_state(|| CopyState::Idle);
    // What the input holds, for the hint drawn after it.
    let typed = use_state(String::new);
    let completion = use_mut_ref(|| None::<Completion>);
    // Why the last paste was refused, until the next key.
    let notice = use_state(|| None::<String>);
    // Esc, then Tab, always leaves the console: a keyboard user is never held in it.
    let escaped = use_mut_ref(|| false);
    let interrupt_ref = use_node_ref();
    let busy = props.busy.is_some();

    {
        let input_ref = input_ref.clone();
        use_effect_with(props.autofocus, move |autofocus| {
            if *autofocus && let Some(input) = input_ref.cast::<HtmlElement>() {
                let _ = input.focus();
            }
        });
    }
    {
        // The input goes while the client is busy, and the Ctrl-C button with it after:
        // whichever appears takes the focus the other lost, so the keyboard keeps working.
        let input_ref = input_ref.clone();
        let interrupt_ref = interrupt_ref.clone();
        let was_busy = use_mut_ref(|| busy);
        use_effect_with(busy, move |&busy| {
            let changed = *was_busy.borrow() != busy;
            *was_busy.borrow_mut() = busy;
            let focus_lost = web_sys::window()
                .and_then(|window| window.document())
                .is_some_and(|document| {
                    document.active_element().is_none()
                        || document.active_element() == document.body().map(Into::into)
                });
            let next = if busy { interrupt_ref } else { input_ref };
            if changed
                && focus_lost
                && let Some(element) = next.cast::<HtmlElement>()
            {
                let _ = element.focus();
            }
        });
    }
    {
        // Keep the newest output in view, as a terminal does.
        let scroll_ref = scroll_ref.clone();
        use_effect_with(Rc::clone(&props.transcript), move |_| {
            if let Some(scroller) = scroll_ref.cast::<HtmlElement>() {
                scroller.set_scroll_top(scroller.scroll_height());
            }
        });
    }

    let oninput = {
        let typed = typed.clone();
        Callback::from(move |event: InputEvent| {
            typed.set(event.target_unchecked_into::<HtmlInputElement>().value());
        })
    };

    let onkeydown = {
        let input_ref = input_ref.clone();
        let on_submit = props.on_submit.clone();
        let on_clear = props.on_clear.clone();
        let complete = props.complete.clone();
        let typed = typed.clone();
        let escaped = escaped.clone();
        let history = history.clone();
        let notice = notice.clone();
        Callback::from(move |event: KeyboardEvent| {
            let Some(input) = input_ref.cast::<HtmlInputElement>() else {
                return;
            };
            let key = event.key();
            if notice.is_some() {
                notice.set(None);
            }
            let leaving = std::mem::replace(&mut *escaped.borrow_mut(), key == "Escape");
            if key != "Tab" && key != "Shift" {
                // Any other key keeps the candidate shown, as the line editor does.
                completion.borrow_mut().take();
            }
            let show = |text: &str| {
                show_at_end(&input, text);
                typed.set(text.to_owned());
            };
            match key.as_str() {
                // Tab completes a line begun; on an empty line, after Esc, or with Shift it
                // moves focus on, as everywhere else on the page.
                "Tab"
                    if !leaving
                        && !event.shift_key()
                        && !event.alt_key()
                        && !event.ctrl_key()
                        && !event.meta_key()
                        && !input.value().is_empty() =>
                {
                    let Some(complete) = &complete else {
                        return;
                    };
                    event.prevent_default();
                    let mut completion = completion.borrow_mut();
                    match completion.as_mut() {
                        Some(cycle) => show(cycle.next()),
                        None => {
                            let line = input.value();
                            let candidates = complete.emit(line.clone());
                            if let Some(first) = candidates.first() {
                                show(first);
                                *completion = Some(Completion {
                                    typed: line,
                                    candidates,
                                    shown: 0,
                                });
                            }
                        }
                    }
                }
                "Enter" => {
                    event.prevent_default();
                    let line = input.value();
                    show("");
                    history.borrow_mut().record(&line);
                    on_submit.emit(line);
                }
                "ArrowUp" => {
                    event.prevent_default();
                    if let Some(older) = history.borrow_mut().older(&input.value()) {
                        show(older);
                    }
                }
                "ArrowDown" => {
                    event.prevent_default();
                    if let Some(newer) = history.borrow_mut().newer() {
                        show(newer);
                    }
                }
                "l" | "L" if event.ctrl_key() => {
                    event.prevent_default();
                    on_clear.emit(());
                }
                _ => {}
            }
        })
    };

    // A click anywhere in the console types into it (or, while the client is busy, lets
    // Ctrl-C reach it), unless the learner is selecting output to copy.
    let onclick_body = {
        let target = if busy {
            interrupt_ref.clone()
        } else {
            input_ref.clone()
        };
        Callback::from(move |_: MouseEvent| {
            if !selecting()
                && let Some(element) = target.cast::<HtmlElement>()
            {
                let _ = element.focus();
            }
        })
    };
    // Ctrl-C stops a busy client, as in a terminal; with output selected it copies.
    let onkeydown_busy = {
        let on_interrupt = props.on_interrupt.clone().filter(|_| busy);
        Callback::from(move |event: KeyboardEvent| {
            if let Some(on_interrupt) = &on_interrupt
                && event.ctrl_key()
                && event.key().eq_ignore_ascii_case("c")
                && !selecting()
            {
                event.prevent_default();
                on_interrupt.emit(());
            }
        })
    };
    let onclick_interrupt = props
        .on_interrupt
        .clone()
        .map(|on_interrupt| on_interrupt.reform(|_: MouseEvent| ()));

    let onclick_copy = {
        let transcript = Rc::clone(&props.transcript);
        let copy_state = copy_state.clone();
        Callback::from(move |_: MouseEvent| {
            let text = transcript.to_text();
            let copy_state = copy_state.clone();
            spawn_local(async move {
                let copied = match web_sys::window() {
                    Some(window) => {
                        let promise = window.navigator().clipboard().write_text(&text);
                        JsFuture::from(promise).await.is_ok()
                    }
                    None => false,
                };
                copy_state.set(if copied {
                    CopyState::Copied
                } else {
                    CopyState::Failed
                });
            });
        })
    };
    let onclick_clear = {
        let on_clear = props.on_clear.clone();
        let input_ref = input_ref.clone();
        Callback::from(move |_: MouseEvent| {
            on_clear.emit(());
            if let Some(input) = input_ref.cast::<HtmlElement>() {
                let _ = input.focus();
            }
        })
    };
    {
        // The "Copied" feedback fades after a moment.
        let copy_state = copy_state.clone();
        use_effect_with(*copy_state, move |state| {
            let timeout = (*state != CopyState::Idle).then(|| {
                gloo::timers::callback::Timeout::new(1800, move || copy_state.set(CopyState::Idle))
            });
            move || drop(timeout)
        });
    }
    let copy_label = match *copy_state {
        CopyState::Idle => "Copy",
        CopyState::Copied => "Copied",
        CopyState::Failed => "Copy failed",
    };

    let onpaste = {
        let notice = notice.clone();
        let input_ref = input_ref.clone();
        let on_submit = props.on_submit.clone();
        let typed = typed.clone();
        Callback::from(move |event: Event| {
            let text = event
                .dyn_ref::<web_sys::ClipboardEvent>()
                .and_then(web_sys::ClipboardEvent::clipboard_data)
                .and_then(|data| data.get_data("text/plain").ok());
            let (Some(text), Some(input)) = (text, input_ref.cast::<HtmlInputElement>()) else {
                return;
            };
            if let Some(refused) = refusal(text.len()) {
                event.prevent_default();
                notice.set(Some(refused));
                return;
            }
            let value = input.value();
            let at = |position: Option<u32>| {
                byte_at(&value, position.map_or(value.len(), |p| p as usize))
            };
            let (start, end) = (
                at(input.selection_start().ok().flatten()),
                at(input.selection_end().ok().flatten()),
            );
            let Some(pasted) = paste::paste(&value[..start], &text, &value[end..]) else {
                return;
            };
            event.prevent_default();
            for line in pasted.lines {
                history.borrow_mut().record(&line);
                on_submit.emit(line);
            }
            show_at_end(&input, &pasted.typed);
            typed.set(pasted.typed);
        })
    };
    let hint = props
        .hint
        .as_ref()
        .filter(|_| !typed.is_empty())
        .and_then(|hint| hint.emit((*typed).clone()));

    html! {
        <section class="console" aria-label={props.label.clone()} onkeydown={onkeydown_busy}>
            <div class="console-toolbar">
                <span class="console-hint">
                    <kbd>{"↑"}</kbd><kbd>{"↓"}</kbd>{" history · "}
                    if props.complete.is_some() {
                        <kbd>{"Tab"}</kbd>{" complete · "}
                        <kbd>{"Esc"}</kbd>{" "}<kbd>{"Tab"}</kbd>{" leave · "}
                    }
                    <kbd>{"Ctrl"}</kbd>{"+"}<kbd>{"L"}</kbd>{" clear"}
                </span>
                <button type="button" class="ghost" data-testid="console-copy"
                    onclick={onclick_copy} disabled={props.transcript.is_empty()}
                    aria-live="polite">{ copy_label }</button>
                <button type="button" class="ghost" data-testid="console-clear"
                    onclick={onclick_clear} disabled={props.transcript.is_empty()}>{"Clear"}</button>
            </div>
            <div class="console-body" ref={scroll_ref} onclick={onclick_body}>
                <TranscriptView transcript={Rc::clone(&props.transcript)} label={props.label.clone()} />
                if let Some(note) = props.busy.clone() {
                    <div class="console-input-line console-busy" data-testid="console-busy">
                        <span class="transcript-note">{ note }</span>
                        <button type="button" class="ghost" ref={interrupt_ref}
                            onclick={onclick_interrupt} data-testid="console-interrupt"
                            title="Ctrl-C, as in a terminal">{ "Ctrl-C" }</button>
                    </div>
                } else {
                if let Some(refused) = (*notice).clone() {
                    <p class="transcript-note" role="alert" data-testid="console-notice">{ refused }</p>
                }
                <div class="console-input-line">
                    <span class="prompt" aria-hidden="true">{ props.prompt.clone() }</span>
                    <span class="console-input-field">
                        <input ref={input_ref} type="text" data-testid="console-input"
                            aria-label={props.label.clone()} placeholder={props.placeholder.clone()}
                            autocomplete="off" autocapitalize="off" spellcheck="false"
                            {oninput} {onkeydown} {onpaste} />
                        if let Some(hint) = hint {
                            // The typed text, invisible, pushes the hint to just after it.
                            <span class="console-input-hint" aria-hidden="true" data-testid="console-hint">
                                <span class="typed">{ (*typed).clone() }</span>{ hint }
                            </span>
                        }
                    </span>
                </div>
                }
            </div>
        </section>
    }
}

/// Whether the learner has output selected (to copy it) rather than a caret somewhere.
fn selecting() -> bool {
    web_sys::window()
        .and_then(|window| window.get_selection().ok().flatten())
        .is_some_and(|selection| !selection.is_collapsed())
}

/// Puts `text` in the input with the caret after it, as shells do when recalling history.
fn show_at_end(input: &HtmlInputElement, text: &str) {
    input.set_value(text);
    let end = u32::try_from(text.encode_utf16().count()).unwrap_or(u32::MAX);
    let _ = input.set_selection_range(end, end);
}

#[derive(Properties)]
struct TranscriptViewProps {
    transcript: Rc<Transcript>,
    label: AttrValue,
}

impl PartialEq for TranscriptViewProps {
    /// The transcript is replaced, never edited in place, so identity is enough; this keeps
    /// typing in the input from re-rendering a long transcript.
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.transcript, &other.transcript) && self.label == other.label
    }
}

/// The scrollback: each entry's prompt and input, then its output.
#[component]
fn TranscriptView(props: &TranscriptViewProps) -> Html {
    let dropped = props.transcript.dropped();
    html! {
        <div class="transcript" role="log" aria-live="polite"
            aria-label={format!("{} output", props.label)} data-testid="console-transcript">
            if dropped > 0 {
                <p class="transcript-note">{ format!("{dropped} earlier entries are no longer shown.") }</p>
            }
            { for props.transcript.entries().map(|entry| html! {
                <div class="entry">
                    if !(entry.prompt.is_empty() && entry.input.is_empty()) {
                        <div class="entry-input"><span class="prompt">{ entry.prompt.clone() }</span>{" "}
                            { drawn(&entry.input, usize::MAX, SHOWN_INPUT_CHARS, |text| html! { { text } }) }
                        </div>
                    }
                    if !entry.output.is_empty() {
                        <pre class="entry-output">
                            { drawn(&entry.output, SHOWN_OUTPUT_LINES, SHOWN_OUTPUT_CHARS, output) }
                        </pre>
                    }
                </div>
            }) }
        </div>
    }
}

/// What the scrollback draws of `text`, each part drawn by `draw`: all of it (shared, not
/// copied) or its start, a note of what is left out, and its end.
fn drawn(
    text: &AttrValue,
    max_lines: usize,
    max_chars: usize,
    draw: fn(AttrValue) -> Html,
) -> Html {
    match shown(text, max_lines, max_chars) {
        Shown {
            left_out: Some(note),
            head,
            tail,
        } => html! {
            <>
                { draw(head.to_owned().into()) }
                <span class="transcript-note">{ note }</span>
                { draw(tail.to_owned().into()) }
            </>
        },
        Shown { left_out: None, .. } => draw(text.clone()),
    }
}

/// A client's output, its escape codes drawn as a terminal draws them.
fn output(text: AttrValue) -> Html {
    if !text.contains('\x1b') {
        return html! { { text } };
    }
    html! {
        { for ansi::runs(&text).into_iter().map(|(style, piece)| {
            if style == ansi::Style::default() {
                html! { { piece } }
            } else {
                html! { <span class={style.classes()}>{ piece }</span> }
            }
        }) }
    }
}
