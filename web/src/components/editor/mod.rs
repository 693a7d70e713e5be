//! The program editor: the learner's own Python programs, run in the page's world.
//!
//! Files are tabs (new, rename, delete) and together the folder a program runs in. The
//! text area has line numbers and takes Tab, Shift-Tab and Enter as a code editor does;
//! code pasted with the lesson's printed line numbers loses them. Run starts the file
//! shown as a new process; each process has its own output pane, stdout and stderr as a
//! terminal shows them, and a line in the list of processes saying what it does. When a
//! run fails on the lesson's Python 2, a note beside the output offers to rewrite it.
//!
//! The page owns the world ([`use_python_world`]) so that its other views can draw it;
//! the editor drives it, one frame-sized slice at a time while the page is shown.

pub mod files;
pub mod indent;
pub mod output;
pub mod paste;
pub mod pika0;
pub mod python2;
pub mod scheduler;
mod tokens;
pub mod world;

use std::cell::RefCell;
use std::rc::Rc;

use python::vm::Stream;
use wasm_bindgen::JsCast;
use web_sys::{HtmlDocument, HtmlElement, HtmlInputElement, HtmlTextAreaElement, KeyboardEvent};
use yew::prelude::*;

use crate::animation::{FrameLoop, real_now};
use crate::engines::{EDITOR, SEED, StarterProgram};
use crate::session::virtual_now_ms;
use files::{FOLDER, Folder, NameProblem, Tabs};
use indent::Edit;
use python2::Python2;
use scenario::PikaVersion;
use world::{ProcessState, SharedWorld};

/// Real milliseconds between redraws of the output and the process list while programs
/// run: often enough to read as live, seldom enough to leave frames to the programs.
const VIEW_MS: f64 = 100.0;

/// The page's Python world, made once for the page's life, its folder holding
/// `program`; its clock starts at the wall clock.
#[hook]
pub fn use_python_world(program: &'static StarterProgram) -> SharedWorld {
    (*use_memo((), |()| {
        SharedWorld::new(
            virtual_now_ms() * 1_000_000,
            SEED,
            program.name,
            program.text,
        )
    }))
    .clone()
}

/// Properties of [`ProgramEditor`].
#[derive(Properties, PartialEq)]
pub struct ProgramEditorProps {
    /// The page's world, where the programs run.
    pub world: SharedWorld,
    /// Whether the page is shown: programs run only then, and catch up with the wall
    /// clock when it is shown again.
    pub active: bool,
    /// Called after the world changed (output, a start, an end), at most every
    /// [`VIEW_MS`], for the page's views that draw it.
    #[prop_or_default]
    pub on_change: Callback<()>,
}

/// The editor. See the module documentation.
#[component]
pub fn ProgramEditor(props: &ProgramEditorProps) -> Html {
    let tabs = props.world.tabs().clone();
    let redraw = use_force_update();
    let args = use_state(String::new);
    // The run whose output is shown (the newest when none was picked).
    let picked = use_state(|| None::<usize>);
    let paste_note = use_state(|| None::<String>);
    let renaming = use_state(|| None::<(usize, Option<NameProblem>)>);
    let rename_ref = use_node_ref();
    {
        // The name field, once it appears, holds the name selected, ready to be typed over.
        let rename_ref = rename_ref.clone();
        let index = renaming.as_ref().map(|(index, _)| *index);
        use_effect_with(index, move |index| {
            if index.is_some()
                && let Some(input) = rename_ref.cast::<HtmlInputElement>()
            {
                let _ = input.focus();
                input.select();
            }
        });
    }
    // The run whose Python 2 was rewritten, and what the note then says.
    let rewritten = use_state(|| None::<(usize, String)>);
    // Whether the frame loop runs: from Run until no program is left running.
    let ticking = {
        let world = props.world.clone();
        use_state(move || world.borrow().live())
    };
    // Esc was the last key: the next Tab leaves the text area instead of indenting.
    let escaped = use_mut_ref(|| false);
    let gutter_ref = use_node_ref();

    {
        let (world, redraw, on_change) =
            (props.world.clone(), redraw.clone(), props.on_change.clone());
        let ticking_handle = ticking.clone();
        use_effect_with((props.active, *ticking), move |&(active, ticking)| {
            let mut drawn_version = 0;
            let mut drawn_at = 0.0;
            let frames = (active && ticking).then(|| {
                FrameLoop::start(move |now| {
                    let wall_ns = virtual_now_ms() * 1_000_000;
                    let mut clock = real_now;
                    world.borrow_mut().frame(wall_ns, &mut clock);
                    let (version, live) = {
                        let world = world.borrow();
                        (world.version(), world.live())
                    };
                    if version != drawn_version && (now - drawn_at >= VIEW_MS || !live) {
                        drawn_version = version;
                        drawn_at = now;
                        redraw.force_update();
                        on_change.emit(());
                    }
                    if !live {
                        ticking_handle.set(false);
                    }
                })
            });
            move || drop(frames)
        });
    }

    let world = props.world.borrow();
    let runs = world.runs();
    let shown = (*picked).or(runs.len().checked_sub(1));
    let shown_live =
        shown.is_some_and(|run| !matches!(world.state(run), ProcessState::Ended { .. }));

    let start = {
        let (world, tabs, ticking, picked) = (
            props.world.clone(),
            tabs.clone(),
            ticking.clone(),
            picked.clone(),
        );
        let on_change = props.on_change.clone();
        Callback::from(move |(file, args): (String, String)| {
            let run = world.borrow_mut().start(&file, &args, Folder(tabs.clone()));
            picked.set(Some(run));
            ticking.set(true);
            on_change.emit(());
        })
    };
    let on_run = {
        let (start, tabs, args) = (start.clone(), tabs.clone(), args.clone());
        Callback::from(move |_: MouseEvent| {
            start.emit((tabs.borrow().current().name.clone(), (*args).clone()));
        })
    };
    let on_run_again = {
        let (start, world) = (start.clone(), props.world.clone());
        Callback::from(move |_: MouseEvent| {
            let again = shown.map(|run| {
                let world = world.borrow();
                let program = &world.runs()[run];
                (program.file.clone(), program.args.clone())
            });
            if let Some(command) = again {
                start.emit(command);
            }
        })
    };
    let on_stop = {
        let (world, redraw) = (props.world.clone(), redraw.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(run) = shown {
                world.borrow_mut().stop(run, real_now());
                redraw.force_update();
            }
        })
    };
    let on_input_key = {
        let (world, redraw) = (props.world.clone(), redraw.clone());
        Callback::from(move |e: KeyboardEvent| {
            if e.key() != "Enter" {
                return;
            }
            let field = e.target_unchecked_into::<HtmlInputElement>();
            if let Some(run) = shown {
                world.borrow_mut().type_line(run, &field.value());
                field.set_value("");
                redraw.force_update();
            }
        })
    };
    let on_args = {
        let args = args.clone();
        Callback::from(move |e: InputEvent| {
            args.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };

    let on_code_input = {
        let (tabs, redraw) = (tabs.clone(), redraw.clone());
        Callback::from(move |e: InputEvent| {
            let value = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            tabs.borrow_mut().set_text(value);
            redraw.force_update();
        })
    };
    let on_code_key = {
        let (tabs, redraw, escaped) = (tabs.clone(), redraw.clone(), escaped.clone());
        Callback::from(move |e: KeyboardEvent| {
            if e.is_composing() {
                // Enter confirms what an input method (pinyin) composed.
                return;
            }
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            let was_escaped = std::mem::replace(&mut *escaped.borrow_mut(), e.key() == "Escape");
            let plain = !e.ctrl_key() && !e.alt_key() && !e.meta_key();
            let (start, end) = selection(&area);
            let text = area.value();
            let edit = match e.key().as_str() {
                "Tab" if plain && !was_escaped && e.shift_key() => {
                    indent::outdent(&text, start, end)
                }
                "Tab" if plain && !was_escaped => indent::indent(&text, start, end),
                "Enter" if plain && !e.shift_key() => indent::newline(&text, start, end),
                _ => return,
            };
            e.prevent_default();
            apply(&area, &edit);
            tabs.borrow_mut().set_text(area.value());
            redraw.force_update();
        })
    };
    let on_paste = {
        let (tabs, redraw, paste_note) = (tabs.clone(), redraw.clone(), paste_note.clone());
        Callback::from(move |e: Event| {
            let Some(pasted) = e
                .dyn_ref::<web_sys::ClipboardEvent>()
                .and_then(|e| e.clipboard_data())
                .and_then(|data| data.get_data("text/plain").ok())
            else {
                return;
            };
            if let Some(refused) = paste::refusal(pasted.len()) {
                e.prevent_default();
                paste_note.set(Some(refused));
                return;
            }
            let Some(unnumbered) = paste::strip_line_numbers(&pasted) else {
                paste_note.set(None);
                return;
            };
            e.prevent_default();
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            let (start, end) = selection(&area);
            let after = start + indent::utf16_len(&unnumbered.code);
            apply(
                &area,
                &Edit {
                    start,
                    end,
                    insert: unnumbered.code,
                    select: (after, after),
                },
            );
            tabs.borrow_mut().set_text(area.value());
            paste_note.set(Some(format!(
                "{} {}–{}.",
                EDITOR.numbers_taken_off, unnumbered.first, unnumbered.last
            )));
            redraw.force_update();
        })
    };
    let on_scroll = {
        let gutter_ref = gutter_ref.clone();
        Callback::from(move |e: Event| {
            let area: HtmlElement = e.target_unchecked_into();
            if let Some(gutter) = gutter_ref.cast::<HtmlElement>() {
                gutter.set_scroll_top(area.scroll_top());
            }
        })
    };

    let python2 = shown.and_then(|run| {
        fix_note(
            &world,
            run,
            &tabs,
            &props.world,
            &rewritten,
            &redraw,
            &start,
        )
    });

    let tabs_now = tabs.borrow();
    let current = tabs_now.current();
    let line_count = current.text.split('\n').count();
    let gutter: String = (1..=line_count).map(|n| format!("{n}\n")).collect();

    html! {
        <section class="editor-panel" data-panel="editor" data-testid="editor" aria-label={EDITOR.title}>
            <header class="editor-head">
                <h2>{ EDITOR.title }</h2>
                <p class="panel-note">{ EDITOR.intro }</p>
            </header>
            <div class="editor-grid">
                <div class="editor-code">
                    { tab_bar(&tabs, &tabs_now, &renaming, &rename_ref, &redraw, &paste_note) }
                    // Keyed by the file, so another tab's text starts scrolled to its top.
                    <div class="code-area" key={current.name.clone()}>
                        <pre class="gutter" ref={gutter_ref} aria-hidden="true">{ gutter }</pre>
                        <textarea class="code" data-testid="editor-code"
                            aria-label={format!("{} {}", EDITOR.code_label, current.name)}
                            value={current.text.clone()} wrap="off" spellcheck="false"
                            autocomplete="off" autocapitalize="off"
                            oninput={on_code_input} onkeydown={on_code_key} onpaste={on_paste}
                            onscroll={on_scroll} />
                    </div>
                    <p class="editor-hint">{ EDITOR.keys_hint }</p>
                    if let Some(note) = (*paste_note).clone() {
                        <p class="editor-note" role="status" data-testid="editor-paste-note">{ note }</p>
                    }
                    <div class="run-bar">
                        <code class="command" aria-hidden="true">{ format!("$ python3 {}", current.name) }</code>
                        <input class="args" type="text" data-testid="editor-args" aria-label={EDITOR.args_label}
                            placeholder={EDITOR.args_placeholder} value={(*args).clone()} oninput={on_args}
                            autocomplete="off" autocapitalize="off" spellcheck="false" />
                        { pika_switch(&world, &redraw) }
                        <button type="button" class="primary" data-testid="editor-run" title={EDITOR.run_title}
                            onclick={on_run}>{ EDITOR.run }</button>
                        <button type="button" data-testid="editor-stop" title={EDITOR.stop_title}
                            disabled={!shown_live} onclick={on_stop}>{ EDITOR.stop }</button>
                        <button type="button" data-testid="editor-run-again" title={EDITOR.run_again_title}
                            disabled={shown.is_none()} onclick={on_run_again}>{ EDITOR.run_again }</button>
                    </div>
                </div>
                <div class="editor-side">
                    <div class="output-head">
                        <h3>{ EDITOR.output_title }</h3>
                        if let Some(run) = shown {
                            <code>{ runs[run].command() }</code>
                            <span class={classes!("state", state_class(&world.state(run)))} data-testid="output-state">
                                { state_words(&world, run) }
                            </span>
                        }
                    </div>
                    <OutputPane world={props.world.clone()} run={shown} version={world.version()} />
                    if shown_live {
                        <input class="stdin" type="text" data-testid="program-stdin" aria-label={EDITOR.stdin_label}
                            placeholder={EDITOR.stdin_placeholder} onkeydown={on_input_key}
                            autocomplete="off" autocapitalize="off" spellcheck="false" />
                    }
                    { python2.unwrap_or_default() }
                    <div class="processes">
                        <h3>{ EDITOR.processes_title }</h3>
                        if runs.is_empty() {
                            <p class="panel-note">{ EDITOR.no_processes }</p>
                        } else {
                            <ol reversed=true data-testid="processes">
                                { for (0..runs.len()).rev().map(|run| {
                                    let state = world.state(run);
                                    let picked = picked.clone();
                                    html! {
                                        <li>
                                            <button type="button" class="process" data-testid="process"
                                                data-state={state_class(&state)} aria-pressed={(Some(run) == shown).to_string()}
                                                onclick={move |_| picked.set(Some(run))}>
                                                <span class="pid">{ format!("#{}", runs[run].pid + 1) }</span>
                                                <code>{ runs[run].command() }</code>
                                                <span class={classes!("state", state_class(&state))}>{ state_words(&world, run) }</span>
                                            </button>
                                        </li>
                                    }
                                }) }
                            </ol>
                        }
                    </div>
                </div>
            </div>
        </section>
    }
}

/// The tabs, and the buttons that add, rename and delete files.
fn tab_bar(
    tabs: &Rc<RefCell<Tabs>>,
    shown: &Tabs,
    renaming: &UseStateHandle<Option<(usize, Option<NameProblem>)>>,
    rename_ref: &NodeRef,
    redraw: &UseForceUpdateHandle,
    paste_note: &UseStateHandle<Option<String>>,
) -> Html {
    let act = |change: Rc<dyn Fn(&mut Tabs)>| {
        let (tabs, redraw, paste_note) = (tabs.clone(), redraw.clone(), paste_note.clone());
        Callback::from(move |_: MouseEvent| {
            change(&mut tabs.borrow_mut());
            paste_note.set(None);
            redraw.force_update();
        })
    };
    let current = shown.current_index();
    let on_new = act(Rc::new(|tabs: &mut Tabs| {
        tabs.add(EDITOR.new_file_stem);
    }));
    let on_delete = act(Rc::new(move |tabs: &mut Tabs| tabs.delete(current)));
    let on_rename = {
        let renaming = renaming.clone();
        Callback::from(move |_: MouseEvent| renaming.set(Some((current, None))))
    };
    let commit = {
        let (tabs, renaming, redraw) = (tabs.clone(), renaming.clone(), redraw.clone());
        move |index: usize, name: String| match tabs.borrow_mut().rename(index, &name) {
            Ok(()) => {
                renaming.set(None);
                redraw.force_update();
            }
            Err(problem) => renaming.set(Some((index, Some(problem)))),
        }
    };
    let problem = renaming.as_ref().and_then(|(_, problem)| *problem);
    html! {
        <div class="editor-tabs">
            <div class="tab-list" role="tablist" aria-label={EDITOR.files_label}>
                { for shown.files().iter().enumerate().map(|(index, file)| {
                    if renaming.as_ref().is_some_and(|(i, _)| *i == index) {
                        let (on_key, on_blur) = (commit.clone(), commit.clone());
                        let cancel = renaming.clone();
                        html! {
                            <input class="tab-rename" type="text" data-testid="editor-rename-input"
                                aria-label={format!("{} {}", EDITOR.rename, file.name)} value={file.name.clone()}
                                ref={rename_ref.clone()} spellcheck="false" autocapitalize="off"
                                onkeydown={move |e: KeyboardEvent| match e.key().as_str() {
                                    "Enter" => on_key(index, e.target_unchecked_into::<HtmlInputElement>().value()),
                                    "Escape" => cancel.set(None),
                                    _ => {}
                                }}
                                onblur={move |e: FocusEvent| on_blur(index, e.target_unchecked_into::<HtmlInputElement>().value())} />
                        }
                    } else {
                        let select = act(Rc::new(move |tabs: &mut Tabs| tabs.select(index)));
                        let renaming = renaming.clone();
                        html! {
                            <button type="button" role="tab" class="tab" data-testid="editor-tab"
                                aria-selected={(index == current).to_string()} onclick={select}
                                ondblclick={move |_| renaming.set(Some((index, None)))}>
                                { file.name.clone() }
                            </button>
                        }
                    }
                }) }
            </div>
            <button type="button" class="tab-new" data-testid="editor-new" onclick={on_new}>{ EDITOR.new_file }</button>
            <div class="tab-actions">
                <button type="button" data-testid="editor-rename" onclick={on_rename}>{ EDITOR.rename }</button>
                <button type="button" data-testid="editor-delete" onclick={on_delete}
                    disabled={shown.files().len() <= 1}>{ EDITOR.delete }</button>
            </div>
            if let Some(problem) = problem {
                <p class="editor-note error" role="alert">{ match problem {
                    NameProblem::Empty => EDITOR.name_empty,
                    NameProblem::Slash => EDITOR.name_slash,
                    NameProblem::Taken => EDITOR.name_taken,
                } }</p>
            }
        </div>
    }
}

/// Which pika programs import, where the page has a broker: 1.x, or the lesson's 0.x.
fn pika_switch(world: &world::PythonWorld, redraw: &UseForceUpdateHandle) -> Html {
    let Some(pika) = world.pika() else {
        return Html::default();
    };
    let zero = pika.version() == PikaVersion::Zero;
    let onchange = {
        let (pika, redraw) = (pika.clone(), redraw.clone());
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let version = if select.value() == "0" {
                PikaVersion::Zero
            } else {
                PikaVersion::One
            };
            pika.set_version(version);
            redraw.force_update();
        })
    };
    html! {
        <label class="pika-switch">
            { EDITOR.pika_label }
            <select data-testid="pika-version" {onchange}>
                <option value="1" selected={!zero}>{ EDITOR.pika1 }</option>
                <option value="0" selected={zero}>{ EDITOR.pika0_choice }</option>
            </select>
        </label>
    }
}

/// What a failed run tripped over that the editor can fix: the lesson's Python 2, or
/// its pika 0.x calls under pika 1.x.
#[derive(Clone, Copy)]
enum Fix {
    Python2(Python2),
    Pika0,
}

impl Fix {
    /// The fix a run's stderr calls for; pika's only where programs have a broker.
    fn of(stderr: &str, world: &world::PythonWorld) -> Option<Fix> {
        if let Some(form) = python2::diagnose(stderr) {
            return Some(Fix::Python2(form));
        }
        (world.pika().is_some() && pika0::diagnose(stderr)).then_some(Fix::Pika0)
    }

    fn rewrite(self, source: &str) -> python2::Rewrite {
        match self {
            Fix::Python2(_) => python2::rewrite_as_python3(source),
            Fix::Pika0 => pika0::rewrite_for_pika1(source),
        }
    }

    /// The note's words, its button's, and what is said once the file was rewritten.
    fn words(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Fix::Python2(Python2::PrintStatement) => {
                (EDITOR.python2_print, EDITOR.rewrite, EDITOR.rewritten)
            }
            Fix::Python2(Python2::QueueModule) => {
                (EDITOR.python2_queue, EDITOR.rewrite, EDITOR.rewritten)
            }
            Fix::Pika0 => (EDITOR.pika0, EDITOR.pika0_rewrite, EDITOR.pika0_rewritten),
        }
    }
}

/// The note beside the output of a run that failed on the lesson's Python 2 or its
/// pika 0.x, with its one-click rewrite (and, for pika, running it with pika 0.x);
/// after the fix, what was done.
fn fix_note(
    world: &world::PythonWorld,
    run: usize,
    tabs: &Rc<RefCell<Tabs>>,
    shared: &SharedWorld,
    rewritten: &UseStateHandle<Option<(usize, String)>>,
    redraw: &UseForceUpdateHandle,
    start: &Callback<(String, String)>,
) -> Option<Html> {
    if let Some((done_run, message)) = rewritten.as_ref()
        && *done_run == run
    {
        return Some(html! {
            <aside class="python2-note done" data-testid="python2-note" role="status">{ message }</aside>
        });
    }
    if !matches!(world.state(run), ProcessState::Ended { .. }) {
        return None;
    }
    let stderr = world.runs()[run].output.stderr();
    let fix = Fix::of(&stderr, world)?;
    let (says, button, done) = fix.words();
    let file = python2::failing_file(&stderr, FOLDER)
        .filter(|name| tabs.borrow().get(name).is_some())
        .unwrap_or_else(|| world.runs()[run].file.clone());
    let label = format!("{button} ({file})");
    let onclick = {
        let (tabs, rewritten, redraw, shared) = (
            tabs.clone(),
            rewritten.clone(),
            redraw.clone(),
            shared.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let Some(source) = tabs.borrow().get(&file).map(|f| f.text.clone()) else {
                return;
            };
            let rewrite = fix.rewrite(&source);
            let mut tabs_now = tabs.borrow_mut();
            tabs_now.set_text_of(&file, rewrite.source);
            if let Some(index) = tabs_now.files().iter().position(|f| f.name == file) {
                tabs_now.select(index);
            }
            let changes: Vec<String> = rewrite
                .changes
                .iter()
                .map(|(line, old, new)| format!("line {line}: {old} → {new}"))
                .collect();
            let command = shared.borrow().runs()[run].command();
            rewritten.set(Some((
                run,
                format!("{file} {done} {command}\n{}", changes.join("\n")),
            )));
            redraw.force_update();
        })
    };
    let run_with_pika0 = matches!(fix, Fix::Pika0).then(|| {
        let (shared, start) = (shared.clone(), start.clone());
        Callback::from(move |_: MouseEvent| {
            let again = {
                let world = shared.borrow();
                if let Some(pika) = world.pika() {
                    pika.set_version(PikaVersion::Zero);
                }
                let program = &world.runs()[run];
                (program.file.clone(), program.args.clone())
            };
            start.emit(again);
        })
    });
    Some(html! {
        <aside class="python2-note" data-testid="python2-note">
            <p>{ says }</p>
            <button type="button" class="primary" data-testid="python2-rewrite" {onclick}>
                { label }
            </button>
            if let Some(onclick) = run_with_pika0 {
                <button type="button" data-testid="pika0-run" {onclick}>{ EDITOR.pika0_run }</button>
            }
        </aside>
    })
}

/// The selection of a text area, in UTF-16 units.
fn selection(area: &HtmlTextAreaElement) -> (usize, usize) {
    let start = area.selection_start().ok().flatten().unwrap_or(0) as usize;
    let end = area.selection_end().ok().flatten().unwrap_or(start as u32) as usize;
    (start, end)
}

/// Makes an edit in a text area through the browser's own typing, so Ctrl+Z undoes it;
/// sets the value directly where the browser cannot.
fn apply(area: &HtmlTextAreaElement, edit: &Edit) {
    let _ = area.set_selection_range(edit.start as u32, edit.end as u32);
    let typed = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.dyn_into::<HtmlDocument>().ok())
        .and_then(|document| {
            document
                .exec_command_with_show_ui_and_value("insertText", false, &edit.insert)
                .ok()
        })
        .unwrap_or(false);
    if !typed {
        let value = area.value();
        let (start, end) = (
            indent::byte_at(&value, edit.start),
            indent::byte_at(&value, edit.end),
        );
        area.set_value(&format!(
            "{}{}{}",
            &value[..start],
            edit.insert,
            &value[end..]
        ));
    }
    let _ = area.set_selection_range(edit.select.0 as u32, edit.select.1 as u32);
}

/// A process's state in a word, as a CSS class and test hook.
fn state_class(state: &ProcessState) -> &'static str {
    match state {
        ProcessState::Running => "running",
        ProcessState::Blocked(_) => "blocked",
        ProcessState::Ended { .. } => "ended",
    }
}

/// A process's state as the list says it: running; blocked in what (how many threads);
/// or ended, with its exit status.
fn state_words(world: &world::PythonWorld, run: usize) -> String {
    let stopping = world.runs()[run].stopping();
    match world.state(run) {
        ProcessState::Running if stopping => EDITOR.stopping.to_owned(),
        ProcessState::Running => EDITOR.running.to_owned(),
        ProcessState::Blocked(waits) => {
            let waits: Vec<String> = waits
                .iter()
                .map(|(what, threads)| match threads {
                    1 => (*what).to_owned(),
                    n => format!("{what} ×{n}"),
                })
                .collect();
            format!("{} {}", EDITOR.blocked, waits.join(", "))
        }
        ProcessState::Ended { status, killed } => {
            let exited = format!("{} {status}", EDITOR.exited);
            if killed {
                format!("{}, {exited}", EDITOR.killed)
            } else {
                exited
            }
        }
    }
}

/// Properties of [`OutputPane`].
#[derive(Properties, PartialEq)]
struct OutputPaneProps {
    world: SharedWorld,
    /// The run shown.
    run: Option<usize>,
    /// The world's version: the pane is redrawn only when it changes.
    version: u64,
}

/// A run's output, as a terminal shows it: stderr in its own colour. It follows the
/// newest line, unless the learner has scrolled up to read.
#[component]
fn OutputPane(props: &OutputPaneProps) -> Html {
    let pane = use_node_ref();
    let following = use_mut_ref(|| true);
    {
        let (pane, following) = (pane.clone(), following.clone());
        use_effect_with((props.run, props.version), move |_| {
            if *following.borrow()
                && let Some(pane) = pane.cast::<HtmlElement>()
            {
                pane.set_scroll_top(pane.scroll_height());
            }
        });
    }
    let on_scroll = {
        let following = following.clone();
        Callback::from(move |e: Event| {
            let pane: HtmlElement = e.target_unchecked_into();
            *following.borrow_mut() =
                pane.scroll_top() + pane.client_height() >= pane.scroll_height() - 24;
        })
    };
    let world = props.world.borrow();
    let program = props.run.and_then(|run| world.runs().get(run));
    html! {
        <pre class="program-output" ref={pane} data-testid="program-output" role="log"
            aria-label={EDITOR.output_title} tabindex="0" onscroll={on_scroll}>
            { match program {
                None => html! { <span class="placeholder">{ EDITOR.no_output }</span> },
                Some(program) => html! {
                    <>
                        if program.output.dropped_lines() > 0 {
                            <span class="dropped">{ format!("… {} {}\n", program.output.dropped_lines(), EDITOR.lines_not_kept) }</span>
                        }
                        { for program.output.runs().map(|(stream, text)| html! {
                            <span class={match stream { Stream::Stdout => "stdout", Stream::Stderr => "stderr" }}>
                                { text.to_owned() }
                            </span>
                        }) }
                    </>
                },
            } }
        </pre>
    }
}
