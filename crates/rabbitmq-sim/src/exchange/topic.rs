//! The topic exchange: binding keys are dot-separated patterns, `*` is exactly one word
//! and `#` zero or more.
//!
//! As in rabbitmq-server's `rabbit_exchange_type_topic`, bindings live in a trie of words,
//! so routing walks only the branches a routing key can follow instead of testing every
//! binding. The empty key is zero words; `a..b` has an empty middle word.

use std::collections::BTreeSet;
use std::num::NonZeroU32;

use crate::binding::{Binding, Destination, DestinationSet};
use rustc_hash::FxHashMap;

/// A node of the trie, by its index in [`TopicTrie::nodes`].
type NodeId = u32;

/// The root: the node of the empty pattern, never anyone's child.
const ROOT: NodeId = 0;

/// Routing keys of up to this many words are looked up on the stack.
const INLINE_WORDS: usize = 32;

/// An edge to a child node, carrying the fewest and the most further words a pattern
/// through that child takes after it (`u32::MAX` when a `#` follows), so routing skips a
/// child the rest of the key cannot match without reading it. Unbinding does not narrow
/// the bounds back: wider bounds only cost a visit, never a match.
#[derive(Debug, Clone, Copy)]
struct Link {
    /// The child; never the root, so it fits a non-zero id.
    child: NonZeroU32,
    fewest: u32,
    most: u32,
}

impl Link {
    fn new(child: NonZeroU32) -> Link {
        Link {
            child,
            fewest: u32::MAX,
            most: 0,
        }
    }

    fn node(self) -> NodeId {
        self.child.get()
    }

    /// Widens the bounds for one more pattern through the child.
    fn admit(&mut self, (fewest, most): (u32, u32)) {
        self.fewest = self.fewest.min(fewest);
        self.most = self.most.max(most);
    }

    /// Whether some pattern through the child could take exactly `words` further words.
    fn may_take(self, words: usize) -> bool {
        let words = u32::try_from(words).unwrap_or(u32::MAX);
        (self.fewest..=self.most).contains(&words)
    }
}

/// One trie node: the ways to continue, and the destinations of the bindings whose
/// pattern ends here (usually one, stored inline, so a match costs no further read).
#[derive(Debug, Clone, Default)]
struct Node {
    /// The child reached by a `*` word.
    star: Option<Link>,
    /// The child reached by a `#` word.
    hash: Option<Link>,
    /// How many literal-word children it has (the edges live with their words).
    literal_children: u32,
    destinations: DestinationSet,
}

impl Node {
    fn is_empty(&self) -> bool {
        self.star.is_none()
            && self.hash.is_none()
            && self.literal_children == 0
            && self.destinations.is_empty()
    }
}

/// A literal word as the key of [`TopicTrie::words`]: short words (nearly all) are stored
/// in the table itself, so looking a routing key's word up reads no other memory.
#[derive(Debug, Clone)]
enum WordKey {
    Short { len: u8, bytes: [u8; SHORT_WORD] },
    Long(Box<[u8]>),
}

/// The longest word stored inline in its [`WordKey`].
const SHORT_WORD: usize = 22;

impl WordKey {
    fn new(word: &str) -> WordKey {
        let bytes = word.as_bytes();
        match u8::try_from(bytes.len()) {
            Ok(len) if bytes.len() <= SHORT_WORD => {
                let mut inline = [0; SHORT_WORD];
                inline[..bytes.len()].copy_from_slice(bytes);
                WordKey::Short { len, bytes: inline }
            }
            _ => WordKey::Long(bytes.into()),
        }
    }

    fn as_bytes(&self) -> &[u8] {
        match self {
            WordKey::Short { len, bytes } => &bytes[..usize::from(*len)],
            WordKey::Long(bytes) => bytes,
        }
    }
}

// Hashes and compares as its bytes, so the table can be searched with a `&[u8]`.
impl std::hash::Hash for WordKey {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_bytes().hash(state);
    }
}

impl PartialEq for WordKey {
    fn eq(&self, other: &WordKey) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl Eq for WordKey {}

impl std::borrow::Borrow<[u8]> for WordKey {
    fn borrow(&self) -> &[u8] {
        self.as_bytes()
    }
}

/// The trie edges labelled with one literal word, by parent node. Most words label one
/// edge, kept inline; a word under many parents gets a table.
#[derive(Debug, Clone)]
enum WordEdges {
    One { parent: NodeId, link: Link },
    Many(FxHashMap<NodeId, Link>),
}

impl WordEdges {
    fn get(&self, node: NodeId) -> Option<Link> {
        match self {
            WordEdges::One { parent, link } => (*parent == node).then_some(*link),
            WordEdges::Many(edges) => edges.get(&node).copied(),
        }
    }

    /// The edge from `node`, or `made` added as that edge.
    fn link_or_insert(&mut self, node: NodeId, made: Link) -> &mut Link {
        if let WordEdges::One { parent, link } = *self
            && parent != node
        {
            *self = WordEdges::Many(FxHashMap::from_iter([(parent, link)]));
        }
        match self {
            WordEdges::One { link, .. } => link,
            WordEdges::Many(edges) => edges.entry(node).or_insert(made),
        }
    }

    /// Removes the edge from `parent`; true if no edge is left.
    fn remove(&mut self, node: NodeId) -> bool {
        match self {
            WordEdges::One { parent, .. } => *parent == node,
            WordEdges::Many(edges) => {
                edges.remove(&node);
                edges.is_empty()
            }
        }
    }
}

/// The bindings of one topic exchange as a trie of pattern words.
///
/// The literal edges are kept by word, as rabbitmq-server's trie tables key them by
/// (node, word): routing looks each word of the routing key up once, and then every node
/// it visits asks that word's (usually one-edge) entry for its child instead of hashing
/// the word again. A word no pattern uses ends the literal branches at once. `*` and `#`
/// edges are fields of the node. Nodes freed by unbinding are reused.
#[derive(Debug, Clone)]
pub struct TopicTrie {
    nodes: Vec<Node>,
    free_nodes: Vec<NodeId>,
    words: FxHashMap<WordKey, WordEdges>,
}

impl Default for TopicTrie {
    fn default() -> TopicTrie {
        TopicTrie {
            nodes: vec![Node::default()],
            free_nodes: Vec::new(),
            words: FxHashMap::default(),
        }
    }
}

/// The words of a key or pattern the way RabbitMQ splits them: `""` has none, `"a..b"`
/// has three.
fn words(key: &str) -> impl Iterator<Item = &str> {
    let mut parts = key.split('.');
    if key.is_empty() {
        parts.next();
    }
    parts
}

/// A step along a pattern: the kind of edge a pattern word follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step<'a> {
    Star,
    Hash,
    Literal(&'a str),
}

/// A pattern's steps with every run of wildcards that holds a `#` rewritten as its `*`s
/// followed by one `#`: both match any run of at least that many words, so `#.#` is `#`
/// and `#.*` is `*.#`. The trie then has fewer wildcard branches to try, and no two `#`
/// in a row, whose every split of the key routing would otherwise visit.
fn steps(pattern: &str) -> Vec<Step<'_>> {
    let mut out = Vec::new();
    let mut hash_pending = false;
    for word in words(pattern) {
        match word {
            "*" => out.push(Step::Star),
            "#" => hash_pending = true,
            literal => {
                if std::mem::take(&mut hash_pending) {
                    out.push(Step::Hash);
                }
                out.push(Step::Literal(literal));
            }
        }
    }
    if hash_pending {
        out.push(Step::Hash);
    }
    out
}

/// The fewest and the most words (`u32::MAX` if unbounded) that `steps` match.
fn length_bounds(steps: &[Step]) -> (u32, u32) {
    let fewest = steps.iter().filter(|s| **s != Step::Hash).count() as u32;
    let most = if steps.contains(&Step::Hash) {
        u32::MAX
    } else {
        fewest
    };
    (fewest, most)
}

impl TopicTrie {
    fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id as usize]
    }

    fn node_mut(&mut self, id: NodeId) -> &mut Node {
        &mut self.nodes[id as usize]
    }

    /// A fresh node, never the root.
    fn new_node(&mut self) -> NonZeroU32 {
        let id = self.free_nodes.pop().unwrap_or_else(|| {
            self.nodes.push(Node::default());
            (self.nodes.len() - 1) as NodeId
        });
        NonZeroU32::new(id).unwrap_or(NonZeroU32::MIN)
    }

    /// The edge from `node` along a pattern step, if there is one.
    fn link(&self, node: NodeId, step: Step) -> Option<Link> {
        match step {
            Step::Star => self.node(node).star,
            Step::Hash => self.node(node).hash,
            Step::Literal(w) => self.words.get(w.as_bytes())?.get(node),
        }
    }

    /// The edge from `node` along a pattern step, made if missing.
    fn link_mut(&mut self, node: NodeId, step: Step) -> &mut Link {
        let missing = self.link(node, step).is_none();
        // Stands for the new edge; unused when the edge exists.
        let made = Link::new(if missing {
            self.new_node()
        } else {
            NonZeroU32::MIN
        });
        let n = &mut self.nodes[node as usize];
        match step {
            Step::Star => n.star.get_or_insert(made),
            Step::Hash => n.hash.get_or_insert(made),
            Step::Literal(w) => {
                n.literal_children += u32::from(missing);
                self.words
                    .entry(WordKey::new(w))
                    .or_insert(WordEdges::One {
                        parent: node,
                        link: made,
                    })
                    .link_or_insert(node, made)
            }
        }
    }

    /// Adds a binding under its pattern's path.
    pub fn add(&mut self, binding: &Binding) {
        let steps = steps(&binding.routing_key);
        let mut node = ROOT;
        for (i, &step) in steps.iter().enumerate() {
            let link = self.link_mut(node, step);
            link.admit(length_bounds(&steps[i + 1..]));
            node = link.node();
        }
        self.node_mut(node).destinations.add(&binding.destination);
    }

    /// Removes a binding, pruning branches that no longer lead to any binding.
    pub fn remove(&mut self, binding: &Binding) {
        // (parent, step, child) along the pattern.
        let mut path = Vec::new();
        let mut node = ROOT;
        for step in steps(&binding.routing_key) {
            let Some(link) = self.link(node, step) else {
                return;
            };
            path.push((node, step, link.node()));
            node = link.node();
        }
        self.node_mut(node)
            .destinations
            .remove(&binding.destination);
        // Walk back up, unlinking nodes that lead nowhere any more.
        for (parent, step, child) in path.into_iter().rev() {
            if !self.node(child).is_empty() {
                return;
            }
            match step {
                Step::Star => self.node_mut(parent).star = None,
                Step::Hash => self.node_mut(parent).hash = None,
                Step::Literal(w) => {
                    if self
                        .words
                        .get_mut(w.as_bytes())
                        .is_some_and(|edges| edges.remove(parent))
                    {
                        self.words.remove(w.as_bytes());
                    }
                    self.node_mut(parent).literal_children -= 1;
                }
            }
            self.free_nodes.push(child);
        }
    }

    #[cfg(test)]
    fn is_empty(&self) -> bool {
        self.node(ROOT).is_empty()
    }

    /// Collects the destinations whose patterns match `routing_key`; each appears once
    /// however many of its bindings match.
    pub fn route<'a>(&'a self, routing_key: &str, out: &mut BTreeSet<&'a Destination>) {
        self.route_into(routing_key, out);
    }

    /// [`TopicTrie::route`] into any collection; the broker's holds one match without
    /// allocating ([`crate::binding::Matched`]).
    pub(crate) fn route_into<'a>(
        &'a self,
        routing_key: &str,
        out: &mut impl Extend<&'a Destination>,
    ) {
        // Each key word's edges, or `None` for a word no pattern uses.
        let mut inline: [Option<&WordEdges>; INLINE_WORDS] = [None; INLINE_WORDS];
        let mut count = 0;
        let mut split = words(routing_key);
        for (slot, word) in inline.iter_mut().zip(&mut split) {
            *slot = self.words.get(word.as_bytes());
            count += 1;
        }
        if count < INLINE_WORDS {
            self.match_words(ROOT, &inline[..count], out);
        } else {
            let all: Vec<Option<&WordEdges>> = inline
                .into_iter()
                .chain(split.map(|w| self.words.get(w.as_bytes())))
                .collect();
            self.match_words(ROOT, &all, out);
        }
    }

    /// Matches the `rest` of a key's words from `node`, following only the edges whose
    /// bounds allow the words left.
    fn match_words<'a>(
        &'a self,
        node: NodeId,
        rest: &[Option<&WordEdges>],
        out: &mut impl Extend<&'a Destination>,
    ) {
        let n = self.node(node);
        match rest.split_first() {
            None => out.extend(n.destinations.iter()),
            Some((word, tail)) => {
                let literal = if n.literal_children > 0 {
                    word.and_then(|edges| edges.get(node))
                } else {
                    None
                };
                for link in [literal, n.star].into_iter().flatten() {
                    if link.may_take(tail.len()) {
                        self.match_words(link.node(), tail, out);
                    }
                }
            }
        }
        if let Some(hash) = n.hash {
            // `#` swallows zero, one, ... all of the remaining words.
            for skip in 0..=rest.len() {
                if hash.may_take(rest.len() - skip) {
                    self.match_words(hash.node(), &rest[skip..], out);
                }
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
    fn wildcard_runs_are_stored_in_one_shape() {
        let shape = |p: &str| format!("{:?}", steps(p));
        assert_eq!(shape("#.#"), shape("#"));
        assert_eq!(shape("#.*"), shape("*.#"));
        assert_eq!(shape("a.#.*.#.*.b.#.#"), shape("a.*.*.#.b.#"));
        assert_ne!(shape("a.#.b"), shape("a.*.b"));
        assert_eq!(shape(""), "[]");
    }

    #[test]
    fn equivalent_patterns_share_a_node_and_unbind_separately() {
        let mut t = trie(&["#.*", "*.#", "#.#", "#"]);
        assert_eq!(matches(&t, "x"), ["#", "#.#", "#.*", "*.#"]);
        assert_eq!(matches(&t, ""), ["#", "#.#"]);
        t.remove(&binding("#.*"));
        assert_eq!(matches(&t, "x.y"), ["#", "#.#", "*.#"]);
    }

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

    fn binding(pattern: &str) -> Binding {
        Binding {
            source: "t".into(),
            destination: Destination::Queue(pattern.into()),
            routing_key: pattern.into(),
            arguments: Default::default(),
        }
    }

    #[test]
    fn removing_every_binding_prunes_the_trie_and_its_words() {
        let mut t = trie(PATTERNS);
        for p in PATTERNS {
            t.remove(&binding(p));
        }
        assert!(t.is_empty());
        assert!(t.words.is_empty());
        assert_eq!(t.free_nodes.len(), t.nodes.len() - 1);
    }

    #[test]
    fn removing_one_binding_keeps_the_branches_others_share() {
        let mut t = trie(&["a.b.c", "a.b", "a.*.c"]);
        t.remove(&binding("a.b"));
        assert_eq!(matches(&t, "a.b.c"), ["a.*.c", "a.b.c"]);
        assert!(matches(&t, "a.b").is_empty());
        t.remove(&binding("a.b.c"));
        assert_eq!(matches(&t, "a.b.c"), ["a.*.c"]);
        // Nodes freed above are reused.
        t.add(&binding("x.y"));
        assert_eq!(matches(&t, "x.y"), ["x.y"]);
        assert_eq!(matches(&t, "a.x.c"), ["a.*.c"]);
    }

    #[test]
    fn removing_an_unknown_binding_changes_nothing() {
        let mut t = trie(&["a.b"]);
        t.remove(&binding("a.c"));
        t.remove(&binding("a"));
        assert_eq!(matches(&t, "a.b"), ["a.b"]);
    }

    #[test]
    fn long_words_and_shared_words_route_and_unbind() {
        let long = "w".repeat(SHORT_WORD + 1);
        let patterns = [
            format!("a.{long}"),
            format!("b.{long}"),
            format!("{long}.a"),
        ];
        let mut t = trie(&patterns.iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(matches(&t, &format!("b.{long}")), [format!("b.{long}")]);
        assert_eq!(matches(&t, &format!("{long}.a")), [format!("{long}.a")]);
        t.remove(&binding(&patterns[0]));
        assert!(matches(&t, &format!("a.{long}")).is_empty());
        assert_eq!(matches(&t, &format!("b.{long}")), [format!("b.{long}")]);
    }

    #[test]
    fn long_keys_route_like_short_ones() {
        let long = vec!["w"; INLINE_WORDS + 5].join(".");
        let t = trie(&["#.w", "w.#", "*.#.w.w", &long]);
        assert_eq!(matches(&t, &long), ["#.w", "*.#.w.w", "w.#", long.as_str()]);
    }
}
