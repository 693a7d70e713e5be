//! One key's card: its type, OBJECT ENCODING, TTL counting down, and a picture of its value
//! drawn the way the lesson explains the type (a list from head to tail, a hash as a table,
//! a set as chips, a sorted set as bars in score order).

use std::collections::BTreeSet;

use scenario::redis_sim::cli::quote_bytes;
use scenario::redis_sim::object::Value;
use yew::prelude::*;

/// How many elements a card draws before it counts the rest: a card stays a glance.
const MAX_ELEMENTS: usize = 20;

/// How many characters of a string or element a card shows before cutting it.
const MAX_CHARS: usize = 48;

/// What a card needs to draw one key.
pub struct KeyCard<'a> {
    /// The key's name.
    pub key: &'a [u8],
    /// Its value, read without touching it.
    pub value: &'a Value,
    /// When it expires on the virtual clock, if it has a TTL.
    pub expire_at: Option<u64>,
    /// The virtual time the TTL counts down to.
    pub now_ms: u64,
    /// The line number, when the latest line wrote or read this key: the card is lit, and
    /// keyed by it so the highlight plays again on every line that touches the key.
    pub lit: Option<u64>,
    /// The elements the latest line wrote or read.
    pub touched: Option<&'a BTreeSet<&'a [u8]>>,
}

/// Bytes as the page names them: printable ASCII as it is, anything else in redis-cli's
/// quoted form, so two different keys never look alike.
pub fn display(bytes: &[u8]) -> String {
    if bytes.iter().all(|b| (0x20..=0x7e).contains(b)) {
        String::from_utf8_lossy(bytes).into_owned()
    } else {
        quote_bytes(bytes)
    }
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

/// The TTL as TTL itself would round it (to the nearest second), or "no TTL".
fn ttl(expire_at: Option<u64>, now_ms: u64) -> (String, &'static str) {
    match expire_at {
        Some(at) => {
            let left_ms = at.saturating_sub(now_ms);
            (format!("TTL {} s", left_ms.div_ceil(1000)), "ttl counting")
        }
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
fn lit(touched: Option<&BTreeSet<&[u8]>>, element: &[u8]) -> Option<&'static str> {
    touched
        .is_some_and(|set| set.contains(element))
        .then_some("touched")
}

/// The picture of a value, by type.
fn picture(value: &Value, touched: Option<&BTreeSet<&[u8]>>) -> Html {
    match value {
        Value::String(s) if s.encoding() == "int" => html! {
            <p class="string-value integer">
                <code>{ display(s.bytes()) }</code>
                <span class="int-mark" title="Stored as a 64-bit integer: INCR works on it in place">
                    { "integer" }</span>
            </p>
        },
        Value::String(s) => html! {
            <p class="string-value"><code>{ preview(s.bytes()) }</code></p>
        },
        Value::List(list) => html! {
            <>
                <div class="list-picture">
                    <span class="end">{ "head" }</span>
                    <ol class="list-cells" aria-label="Items from head to tail">
                        { for list.iter().take(MAX_ELEMENTS).enumerate().map(|(i, item)| html! {
                            <li class={classes!("cell", lit(touched, item))} data-testid="redis-element">
                                <span class="index">{ i }</span><code>{ preview(item) }</code>
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
                                <th scope="row"><code>{ preview(field) }</code></th>
                                <td><code>{ preview(value) }</code></td>
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
                                <code>{ preview(member) }</code>
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
                                <code class="member">{ preview(member) }</code>
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

/// One key's card, as an item of the keyspace's list.
pub fn key_card(card: &KeyCard) -> Html {
    let name = display(card.key);
    let kind = card.value.type_name();
    let encoding = card.value.encoding();
    let (ttl, ttl_class) = ttl(card.expire_at, card.now_ms);
    let yew_key = match card.lit {
        Some(line) => format!("{name}@{line}"),
        None => name.clone(),
    };
    html! {
        <li key={yew_key} class={classes!("key-card", format!("type-{kind}"), card.lit.map(|_| "lit"))}
            data-testid="redis-key" data-key={name.clone()} data-type={kind}
            aria-label={format!("{kind} {name}")}>
            <div class="key-card-head">
                <code class="key-name">{ name }</code>
                <span class="key-type" data-testid="redis-type">{ kind }</span>
            </div>
            <div class="key-card-meta">
                <span class="key-encoding" title="OBJECT ENCODING: how Redis stores this value"
                    data-testid="redis-encoding">{ encoding }</span>
                <span class="key-size">{ size(card.value) }</span>
                <span class={ttl_class} data-testid="redis-ttl">{ ttl }</span>
            </div>
            { picture(card.value, card.touched) }
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
    fn the_ttl_counts_whole_seconds_down_to_zero() {
        assert_eq!(ttl(Some(2_000), 0).0, "TTL 2 s");
        assert_eq!(ttl(Some(2_000), 1_500).0, "TTL 1 s");
        assert_eq!(ttl(None, 0).0, "no TTL");
        assert_eq!(score_text(3.0), "3");
        assert_eq!(score_text(1.5), "1.5");
    }
}
