//! The items table: every item the server holds, as `stats cachedump` never quite shows
//! it, with expiry counting down on the virtual clock and the last command's changes lit.

use scenario::SharedServer;
use scenario::memcached_sim::{Event, ItemView, Segment};
use yew::prelude::*;

/// How much of a value the table shows before cutting it.
const VALUE_PREVIEW_CHARS: usize = 32;

/// What the latest command did to a key still in the table.
fn change_of(events: &[Event], key: &[u8]) -> Option<&'static str> {
    events.iter().rev().find_map(|event| match event {
        Event::Stored { key: k, .. } if k == key => Some("stored"),
        Event::Updated { key: k, .. } if k == key => Some("updated"),
        Event::Touched { key: k, .. } if k == key => Some("touched"),
        _ => None,
    })
}

/// How many changes the summary lists one by one before it counts them instead.
const SUMMARY_DETAIL: usize = 4;

/// What an event did, as a verb, with its key.
fn verb(event: &Event) -> (&'static str, &[u8]) {
    match event {
        Event::Stored { key, .. } => ("stored", key),
        Event::Updated { key, .. } => ("updated", key),
        Event::Touched { key, .. } => ("gave a new expiry to", key),
        Event::Deleted { key, .. } => ("deleted", key),
        Event::Evicted { key, .. } => ("evicted", key),
        Event::Expired { key, .. } => ("found expired and freed", key),
        Event::Flushed { key, .. } => ("found flushed and freed", key),
        Event::Moved { key, .. } => ("moved", key),
    }
}

/// One line saying what an event did, where, for the "last command" summary.
fn describe(event: &Event) -> String {
    let (verb, key) = verb(event);
    let key = String::from_utf8_lossy(key);
    match event {
        Event::Stored { class, cas, .. } | Event::Updated { class, cas, .. } => {
            format!("{verb} {key} in class {class} (cas {cas})")
        }
        Event::Evicted { class, .. } => format!("{verb} {key} from the COLD tail of class {class}"),
        Event::Moved { class, to, .. } => {
            format!("{verb} {key} to {} in class {class}", segment_name(*to))
        }
        Event::Touched { .. } => format!("{verb} {key}"),
        Event::Deleted { class, .. }
        | Event::Expired { class, .. }
        | Event::Flushed { class, .. } => {
            format!("{verb} {key} in class {class}")
        }
    }
}

/// What the latest exchange changed, in words: each change when there are a few, counted
/// by kind (with the first and last key) when a batch made many.
fn summary(events: &[Event]) -> String {
    let shown: Vec<&Event> = events
        .iter()
        .filter(|e| !matches!(e, Event::Moved { .. }))
        .collect();
    if shown.len() <= SUMMARY_DETAIL {
        return shown
            .iter()
            .map(|e| describe(e))
            .collect::<Vec<_>>()
            .join("; ");
    }
    let mut groups: Vec<(&str, usize, &[u8], &[u8])> = Vec::new();
    for event in shown {
        let (verb, key) = verb(event);
        match groups.iter_mut().find(|g| g.0 == verb) {
            Some(group) => {
                group.1 += 1;
                group.3 = key;
            }
            None => groups.push((verb, 1, key, key)),
        }
    }
    groups
        .iter()
        .map(|&(verb, n, first, last)| match n {
            1 => format!("{verb} {}", String::from_utf8_lossy(first)),
            _ => format!(
                "{verb} {n} items ({} … {})",
                String::from_utf8_lossy(first),
                String::from_utf8_lossy(last)
            ),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A segment's name as `stats items` spells it.
pub fn segment_name(segment: Segment) -> &'static str {
    match segment {
        Segment::Hot => "HOT",
        Segment::Warm => "WARM",
        Segment::Cold => "COLD",
    }
}

/// The value as text, cut to a preview when long.
fn preview(value: &[u8]) -> String {
    let text = String::from_utf8_lossy(value);
    if text.chars().count() > VALUE_PREVIEW_CHARS {
        let cut: String = text.chars().take(VALUE_PREVIEW_CHARS).collect();
        format!("{cut}… ({} bytes)", value.len())
    } else {
        text.into_owned()
    }
}

/// The exptime column: never, seconds left, or expired (memcached frees an expired item
/// only when something next looks at it).
fn expiry(item: &ItemView, now_ms: u64) -> (String, &'static str) {
    if item.exptime_unix == 0 {
        return ("never".to_owned(), "never");
    }
    let left = item.exptime_unix - (now_ms / 1000) as i64;
    if left > 0 {
        (format!("{left} s"), "counting")
    } else {
        ("expired".to_owned(), "expired")
    }
}

/// Every item of `server` in key order, with the latest command's changes highlighted and
/// expiry counted down to `now_ms`. A plain view function: it holds no state, and its page
/// draws it on every command and clock tick anyway.
pub fn items_table(server: &SharedServer, now_ms: u64) -> Html {
    let version = server.exchanges();
    let shared = server;
    let server = shared.server();
    let items = server.items();
    let events = shared.last_events();
    let summary = summary(&events);

    html! {
        <section class="mc-panel items-panel" data-panel="items" aria-labelledby="mc-items-title" data-testid="mc-items">
            <h2 id="mc-items-title">{ format!("Items ({})", items.len()) }</h2>
            <p class="last-change" data-testid="mc-last-change" aria-live="polite">
                if summary.is_empty() {
                    { "The last command changed no item." }
                } else {
                    { format!("Last command: {summary}.") }
                }
            </p>
            if items.is_empty() {
                <p class="empty">{ "No items yet. Try " }<code>{"set greeting 0 0"}</code>
                    { " then " }<code>{"hello"}</code>{ " in the console." }</p>
            } else {
                <div class="table-scroll items-scroll" tabindex="0" aria-label="Items">
                    <table class="items-table">
                        <thead>
                            <tr>
                                <th scope="col">{"key"}</th>
                                <th scope="col">{"value"}</th>
                                <th scope="col" class="num">{"flags"}</th>
                                <th scope="col" class="num">{"exptime"}</th>
                                <th scope="col" class="num">{"cas"}</th>
                                <th scope="col" class="num">{"size"}</th>
                                <th scope="col" class="num">{"class"}</th>
                                <th scope="col">{"LRU"}</th>
                            </tr>
                        </thead>
                        <tbody>
                            { for items.iter().map(|item| {
                                let change = change_of(&events, &item.key);
                                let (exptime, expiry_class) = expiry(item, now_ms);
                                let key = String::from_utf8_lossy(&item.key).into_owned();
                                let preview = preview(&item.value);
                                html! {
                                    // Keyed by the exchange as well, so a row changed again
                                    // is drawn anew and its highlight plays again.
                                    <tr key={format!("{key}@{}", change.map_or(0, |_| version))}
                                        class={classes!(change)} data-testid="mc-item" data-key={key.clone()}>
                                        <th scope="row"><code>{ key }</code></th>
                                        <td class="value" title={preview.clone()}><code>{ preview }</code></td>
                                        <td class="num">{ item.flags }</td>
                                        <td class={classes!("num", expiry_class)} data-testid="mc-exptime">{ exptime }</td>
                                        <td class="num" data-testid="mc-item-cas">{ item.cas }</td>
                                        <td class="num">{ format!("{} B", item.size) }</td>
                                        <td class="num">{ item.class }</td>
                                        <td>{ segment_name(item.segment) }</td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                </div>
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored(key: &str, cas: u64) -> Event {
        Event::Stored {
            key: key.into(),
            class: 1,
            cas,
        }
    }

    #[test]
    fn a_few_changes_are_listed_and_a_batch_is_counted() {
        assert_eq!(summary(&[stored("k", 1)]), "stored k in class 1 (cas 1)");
        let mut batch: Vec<Event> = (0..6).map(|i| stored(&format!("load:{i}"), i)).collect();
        batch.push(Event::Evicted {
            key: b"old".to_vec(),
            class: 12,
        });
        assert_eq!(
            summary(&batch),
            "stored 6 items (load:0 … load:5); evicted old"
        );
        assert_eq!(summary(&[]), "");
    }
}
