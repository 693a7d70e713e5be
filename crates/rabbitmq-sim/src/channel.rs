//! Channels: where a client's consumers, prefetch limits and unacknowledged deliveries live.

use std::collections::VecDeque;
use std::rc::Rc;

use indexmap::IndexMap;

use rustc_hash::FxBuildHasher;

use crate::broker::delivery::Delivery;
use crate::queue::{QueueId, QueuedMessage};

/// A subscription of a channel to a queue.
#[derive(Debug, Clone)]
pub struct Consumer {
    /// The queue it consumes from.
    pub queue: Rc<str>,
    /// That queue's place in the broker (a consumer goes when its queue does).
    pub queue_id: QueueId,
    /// Auto-ack: deliveries count as acknowledged as soon as they are sent.
    pub no_ack: bool,
    /// Exclusive: no other consumer may subscribe to the queue meanwhile.
    pub exclusive: bool,
    /// Most unacknowledged deliveries at once (0 = unlimited), fixed at basic.consume.
    pub prefetch: u16,
    /// Its deliveries not yet acknowledged.
    pub unacked: usize,
}

impl Consumer {
    /// Whether the consumer may take one more message under its own prefetch.
    pub fn has_credit(&self) -> bool {
        self.no_ack || self.prefetch == 0 || self.unacked < usize::from(self.prefetch)
    }
}

/// A delivery waiting for the client's ack, nack or reject.
#[derive(Debug, Clone)]
pub struct Pending {
    /// The queue it came from (and goes back to on requeue).
    pub queue: Rc<str>,
    /// That queue's place in the broker when the message was delivered.
    pub queue_id: QueueId,
    /// Which queue of that name (see [`crate::queue::Queue::incarnation`]).
    pub incarnation: u32,
    /// The consumer it went to; `None` for basic.get.
    pub consumer_tag: Option<Rc<str>>,
    /// The message with its place in the queue.
    pub queued: QueuedMessage,
}

/// A channel's unacknowledged deliveries by delivery tag. Tags are handed out in
/// increasing order and mostly settled in that order, so the deliveries sit in tag order
/// in a ring: adding one appends, settling the oldest pops it, and settling another finds
/// it by binary search and leaves a gap that is dropped when it reaches the front (or
/// when gaps outnumber the deliveries).
#[derive(Debug, Clone, Default)]
pub struct Unacked {
    entries: VecDeque<(u64, Option<Pending>)>,
    len: usize,
}

impl Unacked {
    /// How many deliveries await settling.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether none do.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Where delivery `tag` sits; the oldest, the usual one to settle, is looked at first.
    fn position(&self, tag: u64) -> Option<usize> {
        let at = match self.entries.front() {
            Some((oldest, Some(_))) if *oldest == tag => 0,
            _ => self.entries.binary_search_by_key(&tag, |(t, _)| *t).ok()?,
        };
        self.entries[at].1.is_some().then_some(at)
    }

    /// Whether delivery `tag` awaits settling.
    pub fn contains_key(&self, tag: &u64) -> bool {
        self.position(*tag).is_some()
    }

    /// The delivery with `tag`.
    pub fn get(&self, tag: &u64) -> Option<&Pending> {
        self.entries[self.position(*tag)?].1.as_ref()
    }

    /// The tags, in increasing order.
    pub fn keys(&self) -> impl Iterator<Item = u64> {
        self.iter().map(|(tag, _)| tag)
    }

    /// The deliveries, in tag order.
    pub fn values(&self) -> impl Iterator<Item = &Pending> {
        self.iter().map(|(_, p)| p)
    }

    /// Tags and deliveries, in tag order.
    pub fn iter(&self) -> impl Iterator<Item = (u64, &Pending)> {
        self.entries
            .iter()
            .filter_map(|(tag, p)| Some((*tag, p.as_ref()?)))
    }

    /// Adds a delivery; its tag is newer than every tag held.
    pub(crate) fn insert(&mut self, tag: u64, pending: Pending) {
        debug_assert!(self.entries.back().is_none_or(|(t, _)| *t < tag));
        self.entries.push_back((tag, Some(pending)));
        self.len += 1;
    }

    /// Takes the delivery with `tag` out.
    pub(crate) fn remove(&mut self, tag: &u64) -> Option<Pending> {
        let at = self.position(*tag)?;
        let pending = self.entries[at].1.take();
        self.len -= 1;
        while self.entries.front().is_some_and(|(_, p)| p.is_none()) {
            self.entries.pop_front();
        }
        if self.entries.len() > 2 * self.len + 16 {
            self.entries.retain(|(_, p)| p.is_some());
        }
        pending
    }
}

/// An open channel.
#[derive(Debug, Clone)]
pub struct Channel {
    /// The connection it belongs to.
    pub connection: u32,
    /// basic.qos global=false: the prefetch given to consumers created from now on.
    pub consumer_prefetch: u16,
    /// basic.qos global=true: most unacknowledged deliveries on the whole channel (0 = unlimited).
    pub channel_prefetch: u16,
    /// Consumers by tag, in subscription order.
    pub consumers: IndexMap<Rc<str>, Consumer, FxBuildHasher>,
    /// Unacknowledged deliveries by delivery tag.
    pub unacked: Unacked,
    /// Publisher confirms are on (confirm.select).
    pub confirming: bool,
    /// Sequence number of the last published message under confirms.
    pub publish_seq: u64,
    /// Deliveries pushed to this channel's consumers that the client has not taken yet.
    pub inbox: Vec<Delivery>,
    next_delivery_tag: u64,
}

impl Channel {
    /// A freshly opened channel.
    pub fn new(connection: u32) -> Channel {
        Channel {
            connection,
            consumer_prefetch: 0,
            channel_prefetch: 0,
            consumers: IndexMap::default(),
            unacked: Unacked::default(),
            confirming: false,
            publish_seq: 0,
            inbox: Vec::new(),
            next_delivery_tag: 1,
        }
    }

    /// The consumer with `tag`. The tags the broker passes around share the channel's
    /// own string, so the first few consumers are matched by pointer before hashing.
    pub fn consumer(&self, tag: &Rc<str>) -> Option<&Consumer> {
        let at = self.consumer_index(tag)?;
        self.consumers.get_index(at).map(|(_, c)| c)
    }

    /// The consumer with `tag`, to change its counts.
    pub fn consumer_mut(&mut self, tag: &Rc<str>) -> Option<&mut Consumer> {
        let at = self.consumer_index(tag)?;
        self.consumers.get_index_mut(at).map(|(_, c)| c)
    }

    fn consumer_index(&self, tag: &Rc<str>) -> Option<usize> {
        /// How many consumers are compared by pointer before the tag is hashed.
        const BY_POINTER: usize = 4;
        let by_pointer = self
            .consumers
            .keys()
            .take(BY_POINTER)
            .position(|k| Rc::ptr_eq(k, tag));
        by_pointer.or_else(|| self.consumers.get_index_of(tag))
    }

    /// Hands out the next delivery tag (they count from 1 per channel).
    pub fn take_delivery_tag(&mut self) -> u64 {
        let tag = self.next_delivery_tag;
        self.next_delivery_tag += 1;
        tag
    }

    /// Whether the channel-wide prefetch leaves room for one more delivery.
    pub fn has_credit(&self) -> bool {
        self.channel_prefetch == 0 || self.unacked.len() < usize::from(self.channel_prefetch)
    }

    /// The delivery tags an ack/nack/reject refers to, or `None` if the tag is unknown.
    /// With `multiple`, every tag up to and including it; tag 0 with `multiple` means all.
    pub fn select(&self, delivery_tag: u64, multiple: bool) -> Option<Vec<u64>> {
        if multiple && delivery_tag == 0 {
            return Some(self.unacked.keys().collect());
        }
        if !self.unacked.contains_key(&delivery_tag) {
            return None;
        }
        if multiple {
            Some(
                self.unacked
                    .keys()
                    .take_while(|t| *t <= delivery_tag)
                    .collect(),
            )
        } else {
            Some(vec![delivery_tag])
        }
    }
}
