//! The keyspace view: a card per key of the selected database, filtered by a KEYS-style
//! pattern and paged, with what the latest command changed lit and said in words.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use scenario::SharedRedis;
use scenario::redis_sim::{Event, Stats};
use web_sys::{Element, HtmlInputElement};
use yew::prelude::*;

use super::key_card::{KeyCard, display, seconds_left};
use super::key_index::KeyIndex;

/// How many cards the view draws at a time: a page to browse; the other pages are a
/// button away.
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
/// database (INFO keyspace's `keys` and `expires`), and the server's totals, among them
/// how often reading commands found their key (a cache's hit ratio).
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
            { stat("read hits", "keyspace_hits", stats.keyspace_hits) }
            { stat("read misses", "keyspace_misses", stats.keyspace_misses) }
        </dl>
    }
}

/// Properties of [`Keyspace`].
#[derive(Properties)]
pub struct KeyspaceProps {
    /// The server.
    pub shared: SharedRedis,
    /// The keys of the database shown, kept up to date line by line by the page's world.
    pub index: Rc<RefCell<KeyIndex>>,
    /// The index's [`KeyIndex::version`] when the page drew: the index is edited in place,
    /// so this is what tells one drawing from the next.
    pub version: u64,
    /// Lines run so far by any client: the lit cards and the counters follow it.
    pub lines_run: u64,
    /// The database shown: the one the main console has selected.
    pub db: usize,
    /// The virtual time TTLs count down to.
    pub now_ms: u64,
}

impl PartialEq for KeyspaceProps {
    fn eq(&self, other: &Self) -> bool {
        self.shared == other.shared
            && Rc::ptr_eq(&self.index, &other.index)
            && (self.version, self.lines_run, self.db, self.now_ms)
                == (other.version, other.lines_run, other.db, other.now_ms)
    }
}

/// The keyspace of the database the main console has selected: keys matching the
/// filter's pattern (all when empty) drawn as cards, a page of [`MAX_CARDS`] at a time.
/// Only cards whose key a line touched, or whose TTL ticked, are drawn again.
#[component]
pub fn Keyspace(props: &KeyspaceProps) -> Html {
    let pattern = use_state(String::new);
    let first = use_state(|| 0_usize);
    let section_ref = use_node_ref();
    let index = props.index.borrow();
    let now_ms = props.now_ms;
    let db = props.db;
    // Worked out again only when the pattern changes or a key comes or goes.
    let matching = use_memo(((*pattern).clone(), index.membership()), |(pattern, _)| {
        (!pattern.is_empty()).then(|| index.matching(pattern.as_bytes()))
    });
    let server = props.shared.server();
    let total = index.live(now_ms);
    let expires = index.expires(now_ms);
    let count = match matching.as_ref() {
        Some(keys) => keys.len() - index.dead(now_ms, pattern.as_bytes()),
        None => total,
    };
    let events = props.shared.last_events();
    let changes = changes(&events, db);
    let summary = summary(&changes);
    let first_shown = if *first < count { *first } else { 0 };
    let keys: Box<dyn Iterator<Item = &Rc<[u8]>>> = match matching.as_ref() {
        Some(keys) => Box::new(keys.iter()),
        None => Box::new(index.keys()),
    };
    let cards: Vec<Html> =
        keys.filter(|key| index.is_live(key, now_ms))
            .skip(first_shown)
            .take(MAX_CARDS)
            .map(|key| {
                let name = display(key);
                let lit = changes
                    .changed
                    .contains(&key[..])
                    .then_some(props.lines_run);
                // Keyed by the line too when lit, so the highlight plays again on every line
                // that touches the key.
                let yew_key = match lit {
                    Some(line) => format!("{name}@{line}"),
                    None => name,
                };
                let touched = changes.touched.get(&key[..]).map(|elements| {
                    Rc::new(elements.iter().map(|element| element.to_vec()).collect())
                });
                html! {
                    <KeyCard key={yew_key} shared={props.shared.clone()} {db} name={Rc::clone(key)}
                        revision={index.revision(key).unwrap_or_default()}
                        ttl_s={index.expire_at(key).map(|at| seconds_left(at, now_ms))}
                        lit={lit.is_some()} {touched} {now_ms} />
                }
            })
            .collect();
    let shown = cards.len();
    let on_pattern = {
        let pattern = pattern.clone();
        let first = first.clone();
        Callback::from(move |event: InputEvent| {
            pattern.set(event.target_unchecked_into::<HtmlInputElement>().value());
            first.set(0);
        })
    };
    // Turning the page from the pager at the bottom brings the new page's first cards
    // into view.
    let turn = |to: usize| {
        let first = first.clone();
        let section_ref = section_ref.clone();
        Callback::from(move |_: MouseEvent| {
            first.set(to);
            if let Some(section) = section_ref.cast::<Element>()
                && section.get_bounding_client_rect().top() < 0.0
            {
                section.scroll_into_view_with_bool(true);
            }
        })
    };
    let plural = if total == 1 { "" } else { "s" };

    html! {
        <section class="redis-panel keyspace" data-panel="keyspace" aria-labelledby="redis-keyspace-title" ref={section_ref.clone()}
            data-testid="redis-keyspace" data-db={db.to_string()}>
            <div class="keyspace-head">
                <h2 id="redis-keyspace-title">{ format!("Keyspace of db {db}") }</h2>
                <label class="keyspace-filter">
                    <span>{ "Filter" }</span>
                    <input type="search" value={(*pattern).clone()} oninput={on_pattern}
                        placeholder="pattern, as KEYS: user:*" spellcheck="false"
                        autocomplete="off" aria-label="Filter keys by pattern, as KEYS matches them"
                        data-testid="redis-filter" />
                </label>
            </div>
            { stats_strip(server.stats(), total, expires) }
            if !pattern.is_empty() {
                <p class="keyspace-count" data-testid="redis-key-count">
                    { format!("{count} of {total} key{plural} match {}", *pattern) }
                </p>
            }
            <p class="last-change" data-testid="redis-last-change" aria-live="polite">
                if summary.is_empty() {
                    { "The last command changed no key here." }
                } else if props.shared.events_from_clock() {
                    { format!("Active expiry (no command): {summary}.") }
                } else {
                    { format!("Last command: {summary}.") }
                }
            </p>
            if total == 0 {
                <p class="empty">{ "No keys in this database yet. Try " }
                    <code>{ "SET greeting hello" }</code>{ " or " }
                    <code>{ "RPUSH tasks write test ship" }</code>{ " in the console." }</p>
            } else if count == 0 {
                <p class="empty">{ "No key matches this pattern." }</p>
            } else {
                <ul class="key-cards" role="list" aria-label="Keys">{ cards }</ul>
                if count > shown {
                    <nav class="key-pages" aria-label="Pages of keys">
                        <button type="button" class="secondary" data-testid="redis-previous-keys"
                            disabled={first_shown == 0}
                            onclick={turn(first_shown.saturating_sub(MAX_CARDS))}>{ "← Previous" }</button>
                        <p class="more-keys" data-testid="redis-more-keys">
                            { format!("Keys {}–{} of {count}, in KEYS order; {} more keys on the other pages.",
                                first_shown + 1, first_shown + shown, count - shown) }
                        </p>
                        <button type="button" class="secondary" data-testid="redis-next-keys"
                            disabled={first_shown + shown >= count}
                            onclick={turn(first_shown + MAX_CARDS)}>{ "Next →" }</button>
                    </nav>
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
