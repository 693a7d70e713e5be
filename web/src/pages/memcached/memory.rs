//! The memory view: memcached's slab allocator as bars. Each class with pages shows its
//! chunk size, its pages, used and free chunks, and how its items sit in the HOT, WARM
//! and COLD segments of its LRU; evictions flash as they happen. A second client, the load
//! writer, fills memory so a small `-m` shows evictions without typing thousands of lines.

use scenario::SharedServer;
use scenario::memcached_sim::{Connection, Event as CacheEvent, SlabClassView};
use yew::prelude::*;

use super::{format_bytes, xorshift};
use crate::session::virtual_now_ms;

/// The `-m` values offered: the default, and two small enough to fill from the page.
const MEGABYTE_CHOICES: [u64; 3] = [64, 8, 2];

/// How many items one click of the load writer stores.
const LOAD_BATCH: usize = 100;

/// The value sizes the load writer offers, in bytes.
const LOAD_SIZES: [usize; 3] = [1024, 10 * 1024, 100 * 1024];

/// Properties of [`MemoryView`].
#[derive(Properties, PartialEq)]
pub struct MemoryViewProps {
    /// The server drawn.
    pub server: SharedServer,
    /// The server's exchange count, so the view redraws after each command.
    pub version: u64,
    /// The server's `-m`, in megabytes.
    pub megabytes: u64,
    /// Restarts memcached with another `-m`.
    pub on_restart: Callback<u64>,
    /// Tells the page the load writer changed the server.
    pub on_changed: Callback<()>,
}

/// The load writer's pipelined request: `count` sets of `size`-byte values under keys
/// numbered from `first`.
fn load_request(first: usize, count: usize, size: usize) -> Vec<u8> {
    let value = "x".repeat(size);
    (first..first + count)
        .map(|n| format!("set load:{n:05} 0 0 {size}\r\n{value}\r\n"))
        .collect::<String>()
        .into_bytes()
}

/// Counts the reply lines of a batch, e.g. `100 × STORED`.
fn reply_summary(reply: &[u8]) -> String {
    let text = String::from_utf8_lossy(reply);
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for line in text.split("\r\n").filter(|l| !l.is_empty()) {
        match counts.iter_mut().find(|(l, _)| *l == line) {
            Some((_, n)) => *n += 1,
            None => counts.push((line, 1)),
        }
    }
    counts
        .iter()
        .map(|(line, n)| format!("{n} × {line}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The load client's keys so far, and its generator for picking keys to read.
struct LoadClient {
    written: usize,
    seed: u64,
}

/// The load client's multi-get of `LOAD_BATCH` keys picked among the `written` so far.
fn read_request(written: usize, seed: &mut u64) -> Vec<u8> {
    let keys: Vec<String> = (0..LOAD_BATCH)
        .map(|_| format!("load:{:05}", xorshift(seed) % written.max(1) as u64))
        .collect();
    format!("get {}\r\n", keys.join(" ")).into_bytes()
}

/// One class's bar, as percentages of its chunks: HOT, WARM, COLD, then free.
fn segments(class: &SlabClassView) -> [(&'static str, &'static str, u32); 4] {
    [
        ("hot", "HOT", class.hot),
        ("warm", "WARM", class.warm),
        ("cold", "COLD", class.cold),
        ("free", "free", class.free_chunks),
    ]
}

/// Slab classes with pages, the memory limit, and the load writer.
#[component]
pub fn MemoryView(props: &MemoryViewProps) -> Html {
    let client = use_mut_ref(|| LoadClient {
        written: 0,
        seed: 0x2545_f491_4f6c_dd1d,
    });
    let last_load = use_state(|| None::<String>);
    let server = props.server.server();
    let classes: Vec<SlabClassView> = server
        .slab_classes()
        .into_iter()
        .filter(|c| c.pages > 0)
        .collect();
    let stats = server.stats();
    let events = props.server.last_events();
    let evicted_in = |id| {
        events
            .iter()
            .filter(|e| matches!(e, CacheEvent::Evicted { class, .. } if *class == id))
            .count()
    };
    let batch_evictions: usize = classes.iter().map(|c| evicted_in(c.id)).sum();
    let limit = stats.limit_maxbytes;
    let malloced_pct = (stats.total_malloced as f64 / limit.max(1) as f64 * 100.0).min(100.0);

    // Writes (`Some(size)`) or reads (`None`) one batch and says what came back.
    let send = |size: Option<usize>| {
        let server = props.server.clone();
        let client = client.clone();
        let last_load = last_load.clone();
        let on_changed = props.on_changed.clone();
        Callback::from(move |_: MouseEvent| {
            let mut client = client.borrow_mut();
            let first = client.written;
            let request = match size {
                Some(size) => {
                    client.written += LOAD_BATCH;
                    load_request(first, LOAD_BATCH, size)
                }
                None => read_request(first, &mut client.seed),
            };
            let reply = server.exchange(&mut Connection::new(), &request, virtual_now_ms());
            last_load.set(Some(match size {
                Some(size) => format!(
                    "set load:{first:05} … load:{:05} ({} each): {}",
                    first + LOAD_BATCH - 1,
                    format_bytes(size as f64),
                    reply_summary(&reply)
                ),
                None => {
                    let hits = String::from_utf8_lossy(&reply).matches("VALUE ").count();
                    format!(
                        "get of {LOAD_BATCH} keys picked among load:00000 … load:{:05}: {hits} hits, {} misses",
                        first.saturating_sub(1),
                        LOAD_BATCH - hits
                    )
                }
            }));
            on_changed.emit(());
        })
    };
    let written = client.borrow().written;

    html! {
        <section class="mc-panel memory-panel" data-panel="memory" aria-labelledby="mc-memory-title" data-testid="mc-memory">
            <h2 id="mc-memory-title">{ "Memory: slab classes" }</h2>
            <p class="panel-note">{ "memcached takes memory in 1 MB pages. Each slab class cuts its pages into \
                chunks of one size (1.25 times the class before), and an item takes a chunk of the smallest \
                class it fits. When no page is left, a new item evicts the oldest COLD item of its class. \
                Restarting with another -m starts an empty server and a new console connection." }</p>
            <div class="memory-controls">
                <span class="limit-choice" role="group" aria-label="Memory limit: choosing one restarts memcached">
                    <span>{ "Restart with" }</span>
                    { for MEGABYTE_CHOICES.iter().map(|&mb| html! {
                        <button type="button" aria-pressed={(mb == props.megabytes).to_string()}
                            data-testid="mc-limit" onclick={props.on_restart.reform(move |_: MouseEvent| mb)}
                            aria-label={format!("Restart memcached with -m {mb}")}>
                            { format!("-m {mb}") }</button>
                    }) }
                </span>
                <span class="load-writer">
                    <span>{ format!("Another client writes {LOAD_BATCH} items of") }</span>
                    { for LOAD_SIZES.iter().map(|&size| html! {
                        <button type="button" onclick={send(Some(size))} data-testid="mc-load"
                            aria-label={format!("Write {LOAD_BATCH} items of {}", format_bytes(size as f64))}>
                            { format_bytes(size as f64) }</button>
                    }) }
                    <button type="button" onclick={send(None)} data-testid="mc-read" disabled={written == 0}
                        aria-label={format!("Read {LOAD_BATCH} of the written items, picked at random")}>
                        { format!("read {LOAD_BATCH} of them") }</button>
                </span>
            </div>
            if let Some(text) = &*last_load {
                <p class="load-result" data-testid="mc-load-result">{ text }</p>
            }
            <div class="malloced" aria-label="Slab pages allocated of the memory limit">
                <div class="malloced-bar"><span style={format!("width:{malloced_pct:.1}%")}></span></div>
                <span>{ format!("{} of {} in 1 MB pages · {} evictions",
                    format_bytes(stats.total_malloced as f64), format_bytes(limit as f64), stats.evictions) }</span>
                if stats.total_malloced > limit {
                    <span class="over-limit" data-testid="mc-over-limit">
                        { "Over the limit? memcached takes memory in whole 1 MB pages, and gives every slab \
                           class its first page even past -m; only a class's later pages must fit." }
                    </span>
                }
                if batch_evictions > 0 {
                    <strong key={props.version} class="eviction-flash" data-testid="mc-evicting">
                        { format!("{batch_evictions} evicted just now") }</strong>
                }
            </div>
            if classes.is_empty() {
                <p class="empty">{ "No slab class has a page yet: memcached takes a 1 MB page for a class when its first item arrives." }</p>
            } else {
                <ul class="slab-classes" role="list">
                    { for classes.iter().map(|class| {
                        let total = (class.chunks_per_page * class.pages).max(1);
                        let flash = evicted_in(class.id) > 0;
                        html! {
                            <li key={format!("{}@{}", class.id, if flash { props.version } else { 0 })}
                                class={classes!("slab-class", flash.then_some("evicting"))}
                                data-testid="mc-slab-class" data-class={class.id.to_string()}>
                                <div class="slab-label">
                                    <strong>{ format!("class {}", class.id) }</strong>
                                    <span>{ format!("{} B chunks · {} page{} × {} · {} used, {} free",
                                        class.chunk_size, class.pages, if class.pages == 1 { "" } else { "s" },
                                        class.chunks_per_page, class.used_chunks, class.free_chunks) }</span>
                                    if class.evictions > 0 {
                                        <span class="evictions">{ format!("{} evicted", class.evictions) }</span>
                                    }
                                </div>
                                <div class="slab-bar" role="img" aria-label={format!(
                                    "class {}: {} HOT, {} WARM, {} COLD, {} free chunks",
                                    class.id, class.hot, class.warm, class.cold, class.free_chunks)}>
                                    { for segments(class).iter().filter(|s| s.2 > 0).map(|&(css, name, n)| html! {
                                        <span class={css} style={format!("flex-grow:{n}")}
                                            title={format!("{name}: {n}")}>
                                            if n * 16 >= total { { format!("{name} {n}") } }
                                        </span>
                                    }) }
                                </div>
                            </li>
                        }
                    }) }
                </ul>
                <p class="legend-note">
                    <span><span class="key hot"></span>{ "HOT: just stored" }</span>
                    <span><span class="key warm"></span>{ "WARM: read again while COLD" }</span>
                    <span><span class="key cold"></span>{ "COLD: evicted first" }</span>
                    <span><span class="key free"></span>{ "free chunks" }</span>
                </p>
            }
        </section>
    }
}
