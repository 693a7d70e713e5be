//! The topic trie against the definition: random patterns are bound and unbound, and
//! every routing key finds exactly the patterns that match it word by word.

use std::collections::BTreeSet;

use proptest::prelude::*;
use rabbitmq_sim::binding::{Binding, Destination};
use rabbitmq_sim::exchange::topic::TopicTrie;

/// Whether `pattern` matches `key` by the definition: `*` is one word, `#` zero or more.
fn matches(pattern: &[&str], key: &[&str]) -> bool {
    match pattern.split_first() {
        None => key.is_empty(),
        Some((&"#", rest)) => (0..=key.len()).any(|skip| matches(rest, &key[skip..])),
        Some((word, rest)) => key
            .split_first()
            .is_some_and(|(k, tail)| (*word == "*" || word == k) && matches(rest, tail)),
    }
}

/// A key's words: `""` has none, `"a..b"` has three.
fn words(key: &str) -> Vec<&str> {
    if key.is_empty() {
        Vec::new()
    } else {
        key.split('.').collect()
    }
}

/// Up to five words from a small vocabulary (with the empty word), so patterns share
/// prefixes and keys often match.
fn key(wildcards: bool) -> impl Strategy<Value = String> {
    let word = if wildcards {
        prop_oneof![Just("*"), Just("#"), Just("a"), Just("b"), Just("")].boxed()
    } else {
        prop_oneof![Just("a"), Just("b"), Just("c"), Just("")].boxed()
    };
    prop::collection::vec(word, 0..5).prop_map(|w| w.join("."))
}

fn binding(pattern: &str, queue: u8) -> Binding {
    Binding {
        source: "t".to_string(),
        destination: Destination::Queue(format!("q{queue}")),
        routing_key: pattern.to_string(),
        arguments: Default::default(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    /// Binds patterns (some twice, some to the same queue), unbinds some, and checks
    /// every key against the bindings left.
    #[test]
    fn the_trie_routes_by_the_definition(
        bound in prop::collection::vec((key(true), 0..4u8), 0..30),
        unbound in prop::collection::vec(0..40usize, 0..20),
        keys in prop::collection::vec(key(false), 1..20),
    ) {
        let mut trie = TopicTrie::default();
        let mut live: Vec<Binding> = Vec::new();
        for (pattern, queue) in &bound {
            let b = binding(pattern, *queue);
            trie.add(&b);
            live.push(b);
        }
        for i in unbound {
            if i < live.len() {
                let b = live.swap_remove(i);
                trie.remove(&b);
            }
        }
        for key in &keys {
            let mut found = BTreeSet::new();
            trie.route(key, &mut found);
            let expected: BTreeSet<&Destination> = live
                .iter()
                .filter(|b| matches(&words(&b.routing_key), &words(key)))
                .map(|b| &b.destination)
                .collect();
            prop_assert_eq!(found, expected, "key {:?}", key);
        }
    }
}
