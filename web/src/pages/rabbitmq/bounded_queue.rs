//! The lesson's first model, beside the broker: Python's `queue.Queue(maxsize=N)` between a
//! producer thread and a consumer thread in one process. `put` blocks while the queue is
//! full and `get` while it is empty, so the producer is held to the consumer's pace; there
//! is no broker, no ack and nothing survives the process.

use scenario::rabbitmq_sim::sim::bounded::BoundedQueue;
use yew::prelude::*;

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

/// Properties of [`BoundedQueueView`].
#[derive(Properties, PartialEq)]
pub struct BoundedQueueProps {
    /// The queue, once started.
    pub figures: Option<BoundedFigures>,
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
