//! One key's card: its type, OBJECT ENCODING, TTL counting down, and a picture of its value
//! drawn the way the lesson explains the type (a list from head to tail, a hash as a table,
//! a set as chips, a sorted set as bars in score order).

use std::collections::BTreeSet;
use std::rc::Rc;

use scenario::SharedRedis;
use scenario::redis_sim::cli::quote_bytes;
use scenario::redis_sim::object::Value;
use yew::prelude::*;

/// How many elements a card draws before it counts the rest: a card stays a glance.
const MAX_ELEMENTS: usize = 20;

/// How many characters of a string or element a card shows before cutting it.
const MAX_CHARS: usize = 48;

/// Properties of [`KeyCard`]: everything that changes what a card shows, so a card whose
/// key no line touched is not drawn again.
#[derive(Properties)]
pub struct KeyCardProps {
    /// The server holding the key.
    pub shared: SharedRedis,
    /// The key's database.
    pub db: usize,
    /// The key's name.
    pub name: Rc<[u8]>,
    /// The line that last wrote or read the key: its value may have changed since.
    pub revision: u64,
    /// Seconds to live as TTL rounds them, if the key has a TTL.
    pub ttl_s: Option<u64>,
    /// The latest line wrote or read this key: the card is lit.
    pub lit: bool,
    /// The elements the latest line wrote or read.
    pub touched: Option<Rc<BTreeSet<Vec<u8>>>>,
    /// The virtual time the value is read at. Not compared: it decides only whether the key
    /// still lives, which the keyspace checks before drawing the card.
    pub now_ms: u64,
}

impl PartialEq for KeyCardProps {
    fn eq(&self, other: &Self) -> bool {
        self.shared == other.shared
            && (
                self.db,
                &self.name,
                self.revision,
                self.ttl_s,
                self.lit,
                &self.touched,
            ) == (
                other.db,
                &other.name,
                other.revision,
                other.ttl_s,
                other.lit,
                &other.touched,
            )
    }
}

/// Bytes as the page names them: text (UTF-8 without control characters, so `张三` reads
/// as itself) as it is, anything else in redis-cli's quoted form, so two different keys
/// never look alike. The console keeps redis-cli's own escaping; [`raw`] shows it on hover.
pub fn display(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) if !text.chars().any(char::is_control) => text.to_owned(),
        _ => quote_bytes(bytes),
    }
}

/// redis-cli's quoted form of bytes shown decoded (not plain ASCII), for a hover title.
pub fn raw(bytes: &[u8]) -> Option<String> {
    (!bytes.iter().all(|b| (0x20..=0x7e).contains(b))).then(|| quote_bytes(bytes))
}

/// [`display`], cut to [`MAX_CHARS`] with the full length said, for values inside a card.
fn preview(bytes: &[u8]) -> String {
    let text = display(bytes);
    if text.chars().count() > MAX_CHARS {
        let cut: String = text.chars().take(MAX_CHARS).collect();
        format!("{cut}… ({} bytes)", bytes.len())
    } else {
        text
    }
}

/// Seconds left before `expire_at`, rounded up as the card counts them down to zero.
pub fn seconds_left(expire_at: u64, now_ms: u64) -> u64 {
    expire_at.saturating_sub(now_ms).div_ceil(1000)
}

/// The TTL in whole seconds, or "no TTL".
fn ttl(ttl_s: Option<u64>) -> (String, &'static str) {
    match ttl_s {
        Some(seconds) => (format!("TTL {seconds} s"), "ttl counting"),
        None => ("no TTL".to_owned(), "ttl"),
    }
}

/// A score as ZSCORE prints it for round numbers, and in full otherwise.
fn score_text(score: f64) -> String {
    if score.is_finite() && score.fract() == 0.0 && score.abs() < 1e15 {
        format!("{score:.0}")
    } else {
        score.to_string()
    }
}

/// "… and N more", when a picture drew only part of a value.
fn more(total: usize, what: &str) -> Html {
    html! {
        if total > MAX_ELEMENTS {
            <p class="more-elements">{ format!("… and {} more {what}", total - MAX_ELEMENTS) }</p>
        }
    }
}

/// Whether the latest line wrote or read `element`.
fn lit(touched: Option<&BTreeSet<Vec<u8>>>, element: &[u8]) -> Option<&'static str> {
    touched
        .is_some_and(|set| set.contains(element))
        .then_some("touched")
}

/// The picture of a value, by type.
fn picture(value: &Value, touched: Option<&BTreeSet<Vec<u8>>>) -> Html {
    match value {
        Value::String(s) if s.encoding() == "int" => html! {
            <p class="string-value integer">
                <code>{ display(s.bytes()) }</code>
                <span class="int-mark" title="Stored as a 64-bit integer: INCR works on it in place">
                    { "integer" }</span>
            </p>
        },
        Value::String(s) => html! {
            <p class="string-value"><code title={raw(s.bytes())}>{ preview(s.bytes()) }</code></p>
        },
        Value::List(list) => html! {
            <>
                <div class="list-picture">
                    <span class="end">{ "head" }</span>
                    <ol class="list-cells" aria-label="Items from head to tail">
                        { for list.iter().take(MAX_ELEMENTS).enumerate().map(|(i, item)| html! {
                            <li class={classes!("cell", lit(touched, item))} data-testid="redis-element">
                                <span class="index">{ i }</span><code title={raw(item)}>{ preview(item) }</code>
                            </li>
                        }) }
                    </ol>
                    if list.len() <= MAX_ELEMENTS { <span class="end">{ "tail" }</span> }
                </div>
                { more(list.len(), "items to the tail") }
            </>
        },
        Value::Hash(hash) => html! {
            <>
                <table class="hash-table">
                    <thead><tr><th scope="col">{ "field" }</th><th scope="col">{ "value" }</th></tr></thead>
                    <tbody>
                        { for hash.iter().take(MAX_ELEMENTS).map(|(field, value)| html! {
                            <tr class={classes!(lit(touched, field))} data-testid="redis-element">
                                <th scope="row"><code title={raw(field)}>{ preview(field) }</code></th>
                                <td><code title={raw(value)}>{ preview(value) }</code></td>
                            </tr>
                        }) }
                    </tbody>
                </table>
                { more(hash.len(), "fields") }
            </>
        },
        Value::Set(set) => {
            let members = set.members();
            html! {
                <>
                    <ul class="set-chips" aria-label="Members">
                        { for members.iter().take(MAX_ELEMENTS).map(|member| html! {
                            <li class={classes!("chip", lit(touched, member))} data-testid="redis-element">
                                <code title={raw(member)}>{ preview(member) }</code>
                            </li>
                        }) }
                    </ul>
                    { more(members.len(), "members") }
                </>
            }
        }
        Value::ZSet(zset) => {
            // Bars start at zero (or at the lowest score, when scores go below zero), so
            // their lengths compare as the scores do.
            let finite = zset.iter().map(|(_, s)| s).filter(|s| s.is_finite());
            let (low, high) = finite.fold((0.0_f64, 0.0_f64), |(lo, hi), s| (lo.min(s), hi.max(s)));
            let span = high - low;
            let width = |score: f64| {
                let share = if span > 0.0 {
                    (score.clamp(low, high) - low) / span
                } else {
                    1.0
                };
                format!("width: {:.1}%", 2.0 + share * 98.0)
            };
            html! {
                <>
                    <ol class="zset-bars" aria-label="Members by score, lowest first">
                        { for zset.iter().take(MAX_ELEMENTS).map(|(member, score)| html! {
                            <li class={classes!("bar-row", lit(touched, member))} data-testid="redis-element">
                                <code class="member" title={raw(member)}>{ preview(member) }</code>
                                <span class="bar-track"><span class="bar" style={width(score)}></span></span>
                                <span class="score">{ score_text(score) }</span>
                            </li>
                        }) }
                    </ol>
                    { more(zset.len(), "members") }
                </>
            }
        }
    }
}

/// How big the value is, in the unit its type counts: STRLEN, LLEN, HLEN, SCARD, ZCARD.
fn size(value: &Value) -> String {
    let (n, unit) = match value {
        Value::String(s) => (s.bytes().len(), "byte"),
        Value::List(l) => (l.len(), "item"),
        Value::Hash(h) => (h.len(), "field"),
        Value::Set(s) => (s.len(), "member"),
        Value::ZSet(z) => (z.len(), "member"),
    };
    format!("{n} {unit}{}", if n == 1 { "" } else { "s" })
}

/// One key's card, as an item of the keyspace's list; nothing once the key is gone.
#[component]
pub fn KeyCard(props: &KeyCardProps) -> Html {
    let server = props.shared.server();
    let Some(value) = server.value(props.db, &props.name, props.now_ms) else {
        return Html::default();
    };
    let name = display(&props.name);
    let kind = value.type_name();
    let (ttl, ttl_class) = ttl(props.ttl_s);
    html! {
        <li class={classes!("key-card", format!("type-{kind}"), props.lit.then_some("lit"))}
            data-testid="redis-key" data-key={name.clone()} data-type={kind}
            aria-label={format!("{kind} {name}")}>
            <div class="key-card-head">
                <code class="key-name" title={raw(&props.name)}>{ name }</code>
                <span class="key-type" data-testid="redis-type">{ kind }</span>
            </div>
            <div class="key-card-meta">
                <span class="key-encoding" title="OBJECT ENCODING: how Redis stores this value"
                    data-testid="redis-encoding">{ value.encoding() }</span>
                <span class="key-size">{ size(value) }</span>
                <span class={ttl_class} data-testid="redis-ttl">{ ttl }</span>
            </div>
            { picture(value, props.touched.as_deref()) }
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_keys_are_shown_as_redis_cli_quotes_them() {
        assert_eq!(display(b"user:1"), "user:1");
        assert_eq!(display(b"a\nb"), "\"a\\nb\"");
        assert_eq!(display(b"\xff"), "\"\\xff\"");
    }

    #[test]
    fn text_reads_as_itself_with_redis_clis_bytes_on_hover() {
        let name = "张三".as_bytes();
        assert_eq!(display(name), "张三");
        assert_eq!(
            raw(name).as_deref(),
            Some("\"\\xe5\\xbc\\xa0\\xe4\\xb8\\x89\"")
        );
        assert_eq!(raw(b"user:1"), None);
    }

    #[test]
    fn long_values_are_cut_with_their_length() {
        let long = vec![b'x'; 100];
        assert_eq!(
            preview(&long),
            format!("{}… (100 bytes)", "x".repeat(MAX_CHARS))
        );
    }

    #[test]
    fn ttls_and_scores_read_as_redis_cli_prints_them() {
        assert_eq!(seconds_left(2_000, 0), 2);
        assert_eq!(seconds_left(2_000, 1_500), 1);
        assert_eq!(ttl(Some(2)).0, "TTL 2 s");
        assert_eq!(ttl(None).0, "no TTL");
        assert_eq!(score_text(3.0), "3");
        assert_eq!(score_text(1.5), "1.5");
    }
}
