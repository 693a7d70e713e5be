//! The keyspace view: a card per key of the selected database, filtered by a KEYS-style
//! pattern, with what the latest command changed lit and said in words.

use std::collections::{BTreeMap, BTreeSet};

use scenario::RedisCliSession;
use scenario::redis_sim::{Event, Stats, glob};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::key_card::{KeyCard, display, key_card};

/// How many cards the view draws at most: enough to browse, few enough that a database of
/// ten thousand keys redraws every second without stutter. The rest are counted.
const MAX_CARDS: usize = 200;

/// How many keys the "last command" line names before it counts them instead.
const SUMMARY_KEYS: usize = 4;

/// What the latest command did to the database shown.
#[derive(Debug, Default, PartialEq)]
struct Changes<'a> {
    /// Keys created, written or read element by element: their cards are lit.
    changed: BTreeSet<&'a [u8]>,
    /// Elements (list items, fields, members) the command wrote or read, by key.
    touched: BTreeMap<&'a [u8], BTreeSet<&'a [u8]>>,
    /// Keys deleted by the command.
    deleted: Vec<&'a [u8]>,
    /// Keys whose TTL had run out, found by the command.
    expired: Vec<&'a [u8]>,
    /// Keys evicted to make room under `maxmemory`.
    evicted: Vec<&'a [u8]>,
    /// FLUSHDB, FLUSHALL or SWAPDB replaced the whole database.
    replaced: Option<&'static str>,
}

impl Changes<'_> {
    /// Drops what was lit on `key`, which no longer exists.
    fn forget(&mut self, key: &[u8]) {
        self.changed.remove(key);
        self.touched.remove(key);
    }
}

/// Picks out of `events` what happened in database `db`.
fn changes(events: &[Event], db: usize) -> Changes<'_> {
    let mut changes = Changes::default();
    for event in events {
        match event {
            Event::KeyChanged { db: d, key } if *d == db => {
                changes.changed.insert(key);
            }
            Event::ElementTouched {
                db: d,
                key,
                element,
            } if *d == db => {
                changes.changed.insert(key);
                changes.touched.entry(key).or_default().insert(element);
            }
            // A key gone by the end of the command (a pop that emptied it) has no card to
            // light; one created again afterwards (DEL then SET in a MULTI) is lit again.
            Event::KeyDeleted { db: d, key } if *d == db => {
                changes.forget(key);
                changes.deleted.push(key);
            }
            Event::KeyExpired { db: d, key } if *d == db => {
                changes.forget(key);
                changes.expired.push(key);
            }
            Event::KeyEvicted { db: d, key } if *d == db => {
                changes.forget(key);
                changes.evicted.push(key);
            }
            Event::DbFlushed { db: d } if *d == db => changes.replaced = Some("emptied"),
            Event::DbsSwapped { a, b } if *a == db || *b == db => {
                changes.replaced = Some("swapped with another database");
            }
            _ => {}
        }
    }
    changes
}

/// Names a few keys, or counts them with the first and last when there are many.
fn key_list(verb: &str, keys: &[&[u8]]) -> String {
    match (keys.first(), keys.last()) {
        (Some(first), Some(last)) if keys.len() > SUMMARY_KEYS => format!(
            "{verb} {} keys ({} … {})",
            keys.len(),
            display(first),
            display(last)
        ),
        (Some(_), _) => {
            let names: Vec<String> = keys.iter().map(|k| display(k)).collect();
            format!("{verb} {}", names.join(", "))
        }
        _ => String::new(),
    }
}

/// What the latest command did, in words, for learners who miss a card vanishing.
fn summary(changes: &Changes) -> String {
    let changed: Vec<&[u8]> = changes.changed.iter().copied().collect();
    let parts = [
        changes
            .replaced
            .map(|what| format!("this database was {what}"))
            .unwrap_or_default(),
        key_list("wrote or read", &changed),
        key_list("deleted", &changes.deleted),
        key_list("found expired and removed", &changes.expired),
        key_list("evicted to stay under maxmemory", &changes.evicted),
    ];
    parts
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

/// Counters a learner can also read with DBSIZE and INFO: keys and keys with a TTL in this
/// database (INFO keyspace's `keys` and `expires`), and the server's totals.
fn stats_strip(stats: Stats, keys: usize, expires: usize) -> Html {
    let stat = |label: &'static str, info: &'static str, value: u64| {
        html! {
            <div title={info}>
                <dt>{ label }</dt>
                <dd data-testid="redis-stat" data-stat={info}>{ value }</dd>
            </div>
        }
    };
    html! {
        <dl class="keyspace-stats" aria-label="Counters">
            { stat("keys", "keys", keys as u64) }
            { stat("with a TTL", "expires", expires as u64) }
            { stat("commands processed", "total_commands_processed", stats.commands) }
            { stat("keys expired", "expired_keys", stats.expired_keys) }
        </dl>
    }
}

/// The keyspace of the database `session` has selected at `now_ms`, keys matching
/// `pattern` (all when empty) drawn as cards. A plain view function: the page owns the
/// pattern and the clock, and redraws on every command and tick anyway.
pub fn keyspace(
    session: &RedisCliSession,
    pattern: &str,
    on_pattern: Callback<String>,
    now_ms: u64,
) -> Html {
    let server = session.server();
    let db = session.selected_db();
    let keys = server.keys(db, now_ms);
    let total = keys.len();
    let matching: Vec<&[u8]> = keys
        .iter()
        .map(|(key, _)| key.as_slice())
        .filter(|key| pattern.is_empty() || glob::matches(pattern.as_bytes(), key, false))
        .collect();
    let expires = keys
        .iter()
        .filter(|(key, _)| server.expire_at(db, key).is_some())
        .count();
    let events = session.last_events();
    let changes = changes(&events, db);
    let summary = summary(&changes);
    let version = session.lines_run();
    let oninput = on_pattern
        .reform(|event: InputEvent| event.target_unchecked_into::<HtmlInputElement>().value());
    let shown = matching.len().min(MAX_CARDS);
    let plural = if total == 1 { "" } else { "s" };

    html! {
        <section class="redis-panel keyspace" aria-labelledby="redis-keyspace-title"
            data-testid="redis-keyspace" data-db={db.to_string()}>
            <div class="keyspace-head">
                <h2 id="redis-keyspace-title">{ format!("Keyspace of db {db}") }</h2>
                <label class="keyspace-filter">
                    <span>{ "Filter" }</span>
                    <input type="search" value={pattern.to_owned()} {oninput}
                        placeholder="pattern, as KEYS: user:*" spellcheck="false"
                        autocomplete="off" aria-label="Filter keys by pattern, as KEYS matches them"
                        data-testid="redis-filter" />
                </label>
            </div>
            { stats_strip(server.stats(), total, expires) }
            if !pattern.is_empty() {
                <p class="keyspace-count" data-testid="redis-key-count">
                    { format!("{} of {total} key{plural} match {pattern}", matching.len()) }
                </p>
            }
            <p class="last-change" data-testid="redis-last-change" aria-live="polite">
                if summary.is_empty() {
                    { "The last command changed no key here." }
                } else if session.shared().events_from_clock() {
                    { format!("Active expiry (no command): {summary}.") }
                } else {
                    { format!("Last command: {summary}.") }
                }
            </p>
            if total == 0 {
                <p class="empty">{ "No keys in this database yet. Try " }
                    <code>{ "SET greeting hello" }</code>{ " or " }
                    <code>{ "RPUSH tasks write test ship" }</code>{ " in the console." }</p>
            } else if matching.is_empty() {
                <p class="empty">{ "No key matches this pattern." }</p>
            } else {
                <ul class="key-cards" role="list" aria-label="Keys">
                    { for matching[..shown].iter().filter_map(|&key| {
                        let value = server.value(db, key, now_ms)?;
                        Some(key_card(&KeyCard {
                            key,
                            value,
                            expire_at: server.expire_at(db, key),
                            now_ms,
                            lit: changes.changed.contains(key).then_some(version),
                            touched: changes.touched.get(key),
                        }))
                    }) }
                </ul>
                if matching.len() > shown {
                    <p class="more-keys" data-testid="redis-more-keys">
                        { format!("… and {} more keys not drawn; narrow the filter to see them.",
                            matching.len() - shown) }
                    </p>
                }
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn changed(key: &str) -> Event {
        Event::KeyChanged {
            db: 0,
            key: key.into(),
        }
    }

    #[test]
    fn only_the_shown_database_counts() {
        let events = [
            changed("a"),
            Event::KeyDeleted {
                db: 1,
                key: b"b".to_vec(),
            },
            Event::ElementTouched {
                db: 0,
                key: b"list".to_vec(),
                element: b"x".to_vec(),
            },
        ];
        let seen = changes(&events, 0);
        assert_eq!(summary(&seen), "wrote or read a, list");
        assert_eq!(seen.touched[&b"list"[..]].len(), 1);
        assert_eq!(summary(&changes(&events, 1)), "deleted b");
    }

    #[test]
    fn a_key_a_command_emptied_is_only_said_deleted() {
        let events = [
            Event::ElementTouched {
                db: 0,
                key: b"tasks".to_vec(),
                element: b"ship".to_vec(),
            },
            Event::KeyDeleted {
                db: 0,
                key: b"tasks".to_vec(),
            },
        ];
        let seen = changes(&events, 0);
        assert_eq!(summary(&seen), "deleted tasks");
        assert!(seen.touched.is_empty());
    }

    #[test]
    fn many_keys_are_counted() {
        let events: Vec<Event> = (0..6).map(|i| changed(&format!("k{i}"))).collect();
        assert_eq!(
            summary(&changes(&events, 0)),
            "wrote or read 6 keys (k0 … k5)"
        );
        assert_eq!(
            summary(&changes(&[Event::DbFlushed { db: 0 }], 0)),
            "this database was emptied"
        );
    }

    #[test]
    fn evicted_keys_are_said_so() {
        let events = [Event::KeyEvicted {
            db: 0,
            key: b"old".to_vec(),
        }];
        assert_eq!(
            summary(&changes(&events, 0)),
            "evicted to stay under maxmemory old"
        );
    }
}
