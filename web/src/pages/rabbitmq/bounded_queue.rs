//! The lesson's first model, beside the broker: Python's `queue.Queue(maxsize=N)` between a
//! producer thread and a consumer thread in one process. `put` blocks while the queue is
//! full and `get` while it is empty, so the producer is held to the consumer's pace; there
//! is no broker, no ack and nothing survives the process.
//!
//! While a program run in the page's editor has a queue, the view draws that one instead
//! of the simulation: how full it is, and which of its threads wait in `put` and `get`.

use scenario::rabbitmq_sim::sim::bounded::BoundedQueue;
use yew::prelude::*;

use crate::components::editor::world::PythonWorld;

/// The console line that starts the lesson's queue: three slots, a producer four times
/// faster than the consumer, so the learner sees it block.
pub const START_LINE: &str = "bounded capacity=3 put_every=100ms processing=400ms";

/// What the view shows, copied out of the simulation.
#[derive(Debug, Clone, PartialEq)]
pub struct BoundedFigures {
    /// maxsize.
    pub capacity: usize,
    /// Time between puts when the producer is not blocked, in virtual ms.
    pub put_every: u64,
    /// Item numbers waiting, oldest first.
    pub items: Vec<u64>,
    /// The item the consumer thread took last.
    pub in_hand: Option<u64>,
    /// The producer thread waits in `put`.
    pub producer_blocked: bool,
    /// Items put and got so far.
    pub produced: u64,
    /// Items taken by the consumer so far.
    pub consumed: u64,
    /// Time each thread spent blocked, in virtual ms.
    pub producer_blocked_ms: u64,
    /// Time the consumer waited in `get`.
    pub consumer_blocked_ms: u64,
}

impl BoundedFigures {
    /// The figures of the simulation's bounded queue.
    pub fn of(q: &BoundedQueue) -> BoundedFigures {
        // `consumed` counts the items the consumer has taken; the last one taken is in its
        // hand. With items waiting it is surely working on it (a free consumer takes the
        // next at once); with none, it may be done and waiting in get().
        let in_hand = (q.consumed > 0).then_some(q.consumed);
        BoundedFigures {
            capacity: q.capacity,
            put_every: q.put_every,
            items: q.items.iter().copied().collect(),
            in_hand,
            producer_blocked: q.producer_blocked(),
            produced: q.produced,
            consumed: q.consumed,
            producer_blocked_ms: q.producer_blocked_ms,
            consumer_blocked_ms: q.consumer_blocked_ms,
        }
    }
}

/// A queue of a program the learner runs, as the view draws it.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgramQueue {
    /// The program's command line.
    pub command: String,
    /// The variable holding the queue, and its class (`message`, `Queue`).
    pub name: String,
    pub class: String,
    /// Items held, and the most it holds (None: unbounded).
    pub len: usize,
    pub maxsize: Option<usize>,
    /// Labels of the first items, oldest first.
    pub items: Vec<String>,
    /// Names of the threads waiting in `put` (the queue is full) and in `get` (empty).
    pub blocked_put: Vec<String>,
    pub blocked_get: Vec<String>,
    /// The program's other live threads: how many run, and what the rest wait in.
    pub others_running: usize,
    pub others_waiting: Vec<(&'static str, usize)>,
    /// How many more queues the program has.
    pub more: usize,
}

impl ProgramQueue {
    /// The queue of the newest running program that has one (its first bounded queue,
    /// else its first), if any.
    pub fn of(world: &PythonWorld) -> Option<ProgramQueue> {
        let queues = world.live_queues();
        let (run, _) = queues.first()?;
        let own: Vec<_> = queues
            .iter()
            .filter(|(r, _)| r == run)
            .map(|(_, q)| q)
            .collect();
        let queue = own.iter().find(|q| q.maxsize.is_some()).unwrap_or(&own[0]);
        let names = |threads: &[usize]| -> Vec<String> {
            threads
                .iter()
                .map(|&t| world.thread_name(t).to_owned())
                .collect()
        };
        let threads = world.threads(*run);
        // The threads waiting on this queue are drawn beside it; count the others.
        let others_waiting = threads
            .waiting
            .iter()
            .map(|&(what, count)| {
                let here = match what {
                    "Queue.put" => queue.blocked_put.len(),
                    "Queue.get" => queue.blocked_get.len(),
                    _ => 0,
                };
                (what, count - here)
            })
            .filter(|&(_, count)| count > 0)
            .collect();
        Some(ProgramQueue {
            command: world.runs()[*run].command(),
            name: queue.name.clone(),
            class: queue.class.clone(),
            len: queue.len,
            maxsize: queue.maxsize,
            items: queue.items.clone(),
            blocked_put: names(&queue.blocked_put),
            blocked_get: names(&queue.blocked_get),
            others_running: threads.running,
            others_waiting,
            more: own.len() - 1,
        })
    }
}

/// Properties of [`BoundedQueueView`].
#[derive(Properties, PartialEq)]
pub struct BoundedQueueProps {
    /// The queue, once started.
    pub figures: Option<BoundedFigures>,
    /// A running program's queue, drawn instead of the simulation's while there is one.
    #[prop_or_default]
    pub program: Option<ProgramQueue>,
    /// Runs a console line (to start it).
    pub on_run: Callback<String>,
    /// Whether the page's clock runs: the simulated threads only move while it does.
    pub playing: bool,
    /// Starts (or stops) the page's clock.
    pub on_play: Callback<bool>,
}

/// The view. See the module documentation.
#[component]
pub fn BoundedQueueView(props: &BoundedQueueProps) -> Html {
    // Starting the threads starts the clock too: they would sit still otherwise.
    let start = {
        let (on_run, on_play) = (props.on_run.clone(), props.on_play.clone());
        Callback::from(move |_: MouseEvent| {
            on_run.emit(START_LINE.to_string());
            on_play.emit(true);
        })
    };
    let play = props.on_play.reform(|_: MouseEvent| true);
    html! {
        <section class="rmq-panel rmq-bounded" data-panel="queue" data-testid="rmq-bounded" aria-labelledby="rmq-bounded-title">
            <h2 id="rmq-bounded-title">{ "Before the broker: a queue inside one process" }</h2>
            if let Some(program) = &props.program {
                { program_view(program) }
            } else {
            <pre class="snippet"><code>{ "q = queue.Queue(maxsize=3)\n\
    # producer thread           # consumer thread\n\
    q.put(item)  # waits if full  item = q.get()  # waits if empty" }</code></pre>
            { match &props.figures {
                None => html! {
                    <button type="button" onclick={start} data-testid="rmq-bounded-start"
                        title={format!("Runs: {START_LINE}")}>
                        { "Start the producer and consumer threads" }
                    </button>
                },
                Some(f) => html! {
                    <>
                        { view(f) }
                        if !props.playing {
                            <p class="paused-note" data-testid="rmq-bounded-paused">
                                { "The clock is paused, so the threads wait. " }
                                <button type="button" onclick={play}>{ "▶ Play" }</button>
                            </p>
                        }
                    </>
                },
            } }
            }
        </section>
    }
}

fn view(f: &BoundedFigures) -> Html {
    let producer = if f.producer_blocked {
        "blocked in put(): the queue is full".to_string()
    } else {
        format!("putting an item every {} ms", f.put_every)
    };
    let waiting = f.items.is_empty();
    let consumer = match f.in_hand {
        Some(n) if !waiting => format!("working on item {n}"),
        Some(n) => format!("item {n}, then get() waits: the queue is empty"),
        None => "blocked in get(): the queue is empty".to_string(),
    };
    html! {
        <div class="threads">
            <div class={classes!("thread", f.producer_blocked.then_some("blocked"))} data-testid="rmq-bounded-producer">
                <strong>{ "producer thread" }</strong>
                <span>{ producer }</span>
                <small>{ format!("{} put, {:.1} s blocked", f.produced, f.producer_blocked_ms as f64 / 1000.0) }</small>
            </div>
            <ol class="slots" aria-label={format!("queue: {} of {} slots used", f.items.len(), f.capacity)}
                data-testid="rmq-bounded-slots">
                { for (0..f.capacity).map(|i| match f.items.get(i) {
                    Some(n) => html! { <li class="slot full">{ n }</li> },
                    None => html! { <li class="slot" aria-label="empty"></li> },
                }) }
            </ol>
            <div class={classes!("thread", waiting.then_some("blocked"))} data-testid="rmq-bounded-consumer">
                <strong>{ "consumer thread" }</strong>
                <span>{ consumer }</span>
                <small>{ format!("{} taken, {:.1} s waiting", f.consumed, f.consumer_blocked_ms as f64 / 1000.0) }</small>
            </div>
        </div>
    }
}

/// Slots drawn one by one up to this maxsize; a bigger queue is drawn as a gauge.
const MOST_SLOTS: usize = 24;
/// Thread names listed on each side; the rest are counted.
const MOST_NAMES: usize = 8;

/// A running program's queue: its threads blocked in put, the queue, those in get.
fn program_view(q: &ProgramQueue) -> Html {
    let fill = match q.maxsize {
        Some(max) => format!("{} of {max} items", q.len),
        None => format!("{} items (no maxsize)", q.len),
    };
    let full = q.maxsize.is_some_and(|max| q.len >= max);
    let side = |title: &str, names: &[String], testid: &'static str| {
        let shown = names.iter().take(MOST_NAMES);
        let rest = names.len().saturating_sub(MOST_NAMES);
        html! {
            <div class={classes!("thread", "waiters", (!names.is_empty()).then_some("blocked"))} data-testid={testid}>
                <strong>{ format!("{title}: {}", names.len()) }</strong>
                <ul class="names">
                    { for shown.map(|name| html! { <li>{ name }</li> }) }
                    if rest > 0 {
                        <li class="more">{ format!("+{rest} more") }</li>
                    }
                </ul>
            </div>
        }
    };
    let queue = match q.maxsize {
        Some(max) if max <= MOST_SLOTS => html! {
            <ol class="slots" aria-label={format!("queue: {fill}")} data-testid="rmq-bounded-slots">
                { for (0..max).map(|i| match q.items.get(i) {
                    Some(label) => html! { <li class="slot full">{ label }</li> },
                    None => html! { <li class="slot" aria-label="empty"></li> },
                }) }
            </ol>
        },
        Some(max) => {
            let percent = q.len.min(max) * 100 / max;
            html! {
                <div class="gauge" role="meter" aria-valuemin="0" aria-valuemax={max.to_string()}
                    aria-valuenow={q.len.to_string()} aria-label="items in the queue" data-testid="rmq-bounded-gauge">
                    <span class="gauge-fill" style={format!("width: {percent}%")}></span>
                </div>
            }
        }
        // Unbounded: no slots to draw, only the items, oldest first.
        None => html! {
            <ol class="slots" aria-label={format!("queue: {fill}")} data-testid="rmq-bounded-slots">
                { for q.items.iter().take(MOST_SLOTS).map(|label| html! { <li class="slot full">{ label }</li> }) }
                if q.len > MOST_SLOTS {
                    <li class="slot">{ format!("+{}", q.len - MOST_SLOTS) }</li>
                }
            </ol>
        },
    };
    html! {
        <div class="program-queue" data-testid="rmq-bounded-program">
            <p class="panel-note">
                <code>{ &q.command }</code>{ ": " }<code>{ format!("{} = queue.{}", q.name, q.class) }</code>
                { if q.more > 0 { format!(" (and {} more queues)", q.more) } else { String::new() } }
            </p>
            <div class="threads">
                { side("blocked in put()", &q.blocked_put, "rmq-bounded-putters") }
                <div class={classes!("queue-fill", full.then_some("full"))}>
                    { queue }
                    <span class="fill" data-testid="rmq-bounded-fill">{ fill }</span>
                </div>
                { side("blocked in get()", &q.blocked_get, "rmq-bounded-getters") }
            </div>
            <p class="panel-note" data-testid="rmq-bounded-others">{ others(q) }</p>
        </div>
    }
}

/// The program's other threads in words: `other threads: 2 running, 20 in time.sleep`.
fn others(q: &ProgramQueue) -> String {
    let mut parts = Vec::new();
    if q.others_running > 0 {
        parts.push(format!("{} running", q.others_running));
    }
    parts.extend(
        q.others_waiting
            .iter()
            .map(|(what, count)| format!("{count} in {what}")),
    );
    if parts.is_empty() {
        "No other threads.".to_owned()
    } else {
        format!("Other threads: {}.", parts.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::rc::Rc;

    use super::*;
    use crate::components::editor::files::{Folder, Tabs};

    const WALL: u64 = 1_780_000_000_000_000_000;

    #[test]
    fn a_running_programs_queue_is_drawn_with_its_waiting_threads() {
        let mut world = PythonWorld::new(WALL, 1);
        let program = "import queue, threading, time\n\
                       jobs = queue.Queue(2)\n\
                       def producer():\n    while True:\n        jobs.put('job')\n\
                       for i in range(3):\n    threading.Thread(target=producer).start()\n\
                       threading.Thread(target=time.sleep, args=(60,)).start()\n";
        let tabs = Tabs::new("lesson.py", program);
        world.start("lesson.py", "", Folder(Rc::new(RefCell::new(tabs))));
        let mut real = 0.0;
        let mut clock = move || {
            real += 0.01;
            real
        };
        world.frame(WALL, &mut clock);
        let shown = ProgramQueue::of(&world).expect("a queue");
        assert_eq!(
            shown,
            ProgramQueue {
                command: "python3 lesson.py".to_owned(),
                name: "jobs".to_owned(),
                class: "Queue".to_owned(),
                len: 2,
                maxsize: Some(2),
                items: vec!["'job'".to_owned(), "'job'".to_owned()],
                blocked_put: vec![
                    "Thread-1 (producer)".to_owned(),
                    "Thread-2 (producer)".to_owned(),
                    "Thread-3 (producer)".to_owned()
                ],
                blocked_get: vec![],
                others_running: 0,
                others_waiting: vec![("time.sleep", 1)],
                more: 0,
            }
        );
        assert_eq!(others(&shown), "Other threads: 1 in time.sleep.");
    }

    #[test]
    fn without_a_running_program_the_simulation_is_drawn() {
        let mut world = PythonWorld::new(WALL, 1);
        assert_eq!(ProgramQueue::of(&world), None);
        let tabs = Tabs::new("done.py", "import queue\nq = queue.Queue(3)\nq.put(1)\n");
        world.start("done.py", "", Folder(Rc::new(RefCell::new(tabs))));
        let mut real = 0.0;
        let mut clock = move || {
            real += 0.01;
            real
        };
        world.frame(WALL, &mut clock);
        assert!(!world.live());
        assert_eq!(ProgramQueue::of(&world), None, "it ended");
    }
}
