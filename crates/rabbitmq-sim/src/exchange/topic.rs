//! The topic exchange: binding keys are dot-separated patterns, `*` is exactly one word
//! and `#` zero or more.
//!
//! As in rabbitmq-server's `rabbit_exchange_type_topic`, bindings live in a trie of words,
//! so routing walks only the branches a routing key can follow instead of testing every
//! binding. The empty key is zero words; `a..b` has an empty middle word.

use std::collections::{BTreeMap, BTreeSet};

use crate::binding::{Binding, Destination, DestinationSet};

/// One trie node: the words that continue a pattern, and the bindings whose pattern ends here.
#[derive(Debug, Clone, Default)]
pub struct TopicTrie {
    edges: BTreeMap<String, TopicTrie>,
    destinations: DestinationSet,
}

/// Splits a key into words the way RabbitMQ does: `""` has no words, `"a..b"` has three.
fn words(key: &str) -> Vec<&str> {
    if key.is_empty() {
        Vec::new()
    } else {
        key.split('.').collect()
    }
}

impl TopicTrie {
    /// Adds a binding under its pattern's path.
    pub fn add(&mut self, binding: &Binding) {
        let mut node = self;
        for word in words(&binding.routing_key) {
            node = node.edges.entry(word.to_string()).or_default();
        }
        node.destinations.add(&binding.destination);
    }

    /// Removes a binding, pruning branches that no longer lead to any binding.
    pub fn remove(&mut self, binding: &Binding) {
        self.remove_path(&words(&binding.routing_key), &binding.destination);
    }

    fn remove_path(&mut self, path: &[&str], destination: &Destination) {
        match path.split_first() {
            None => self.destinations.remove(destination),
            Some((word, rest)) => {
                if let Some(child) = self.edges.get_mut(*word) {
                    child.remove_path(rest, destination);
                    if child.is_empty() {
                        self.edges.remove(*word);
                    }
                }
            }
        }
    }

    fn is_empty(&self) -> bool {
        self.edges.is_empty() && self.destinations.is_empty()
    }

    /// Collects the destinations whose patterns match `routing_key`; each appears once
    /// however many of its bindings match.
    pub fn route<'a>(&'a self, routing_key: &str, out: &mut BTreeSet<&'a Destination>) {
        self.match_words(&words(routing_key), out);
    }

    fn match_words<'a>(&'a self, rest: &[&str], out: &mut BTreeSet<&'a Destination>) {
        match rest.split_first() {
            None => out.extend(self.destinations.iter()),
            Some((word, tail)) => {
                if let Some(child) = self.edges.get(*word) {
                    child.match_words(tail, out);
                }
                if let Some(child) = self.edges.get("*") {
                    child.match_words(tail, out);
                }
            }
        }
        if let Some(hash) = self.edges.get("#") {
            // `#` swallows zero, one, ... all of the remaining words.
            for skip in 0..=rest.len() {
                hash.match_words(&rest[skip..], out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trie(patterns: &[&str]) -> TopicTrie {
        let mut trie = TopicTrie::default();
        for p in patterns {
            trie.add(&Binding {
                source: "t".into(),
                destination: Destination::Queue((*p).into()),
                routing_key: (*p).into(),
                arguments: Default::default(),
            });
        }
        trie
    }

    fn matches(trie: &TopicTrie, key: &str) -> Vec<String> {
        let mut out = BTreeSet::new();
        trie.route(key, &mut out);
        out.iter().map(|d| d.name().to_string()).collect()
    }

    const PATTERNS: &[&str] = &[
        "#", "#.#", "", "a.#.b", "#.b", "a.*", "*.#", "#.b.#", "a.b", "a..b", "*", "a.*.b",
    ];

    #[test]
    fn the_empty_key_matches_hash_hash_hash_and_empty_only() {
        assert_eq!(matches(&trie(PATTERNS), ""), ["", "#", "#.#"]);
    }

    #[test]
    fn rabbitmq_routing_vectors_for_a_b() {
        assert_eq!(
            matches(&trie(PATTERNS), "a.b"),
            ["#", "#.#", "#.b", "#.b.#", "*.#", "a.#.b", "a.*", "a.b"]
        );
    }

    #[test]
    fn a_b_c_does_not_match_a_hash_b() {
        let found = matches(&trie(PATTERNS), "a.b.c");
        assert!(!found.contains(&"a.#.b".to_string()));
        assert_eq!(found, ["#", "#.#", "#.b.#", "*.#"]);
    }

    #[test]
    fn an_empty_middle_word_is_a_word() {
        assert_eq!(
            matches(&trie(PATTERNS), "a..b"),
            ["#", "#.#", "#.b", "#.b.#", "*.#", "a.#.b", "a.*.b", "a..b"]
        );
    }

    #[test]
    fn removing_a_binding_prunes_it() {
        let mut t = trie(&["a.*"]);
        t.remove(&Binding {
            source: "t".into(),
            destination: Destination::Queue("a.*".into()),
            routing_key: "a.*".into(),
            arguments: Default::default(),
        });
        assert!(t.is_empty());
    }
}
