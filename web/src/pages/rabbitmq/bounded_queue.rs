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
}

/// The view. See the module documentation.
#[component]
pub fn BoundedQueueView(props: &BoundedQueueProps) -> Html {
    let start = props.on_run.reform(|_: MouseEvent| START_LINE.to_string());
    html! {
        <section class="rmq-panel rmq-bounded" data-testid="rmq-bounded" aria-labelledby="rmq-bounded-title">
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
                Some(f) => view(f),
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
        Some(max) => format!("{} of {max}", q.len),
        None => format!("{} (unbounded)", q.len),
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
            <ol class="slots" aria-label={format!("queue: {fill} slots used")} data-testid="rmq-bounded-slots">
                { for (0..max).map(|i| match q.items.get(i) {
                    Some(label) => html! { <li class="slot full">{ label }</li> },
                    None => html! { <li class="slot" aria-label="empty"></li> },
                }) }
            </ol>
        },
        _ => {
            let max = q.maxsize.unwrap_or(q.len.max(1));
            let percent = (q.len.min(max) * 100 / max.max(1)).min(100);
            html! {
                <div class="gauge" role="meter" aria-valuemin="0" aria-valuemax={max.to_string()}
                    aria-valuenow={q.len.to_string()} aria-label="items in the queue" data-testid="rmq-bounded-gauge">
                    <span class="gauge-fill" style={format!("width: {percent}%")}></span>
                </div>
            }
        }
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
                    <span class="fill" data-testid="rmq-bounded-fill">{ format!("{fill} items") }</span>
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
