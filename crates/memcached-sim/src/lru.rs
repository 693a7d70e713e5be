//! The segmented LRU: per slab class, three queues HOT, WARM and COLD.
//!
//! New items enter HOT. The LRU maintainer moves items from the tail of HOT
//! (and WARM) to COLD when a segment grows past its share or its tail gets
//! old; an item fetched twice while in COLD moves to WARM. Evictions take
//! the tail of COLD. Each queue is a doubly linked list over item ids, with
//! the head the most recently linked item.

use crate::slabs::ClassId;

/// Index of an item in the item arena.
pub type ItemId = usize;

/// One of the three LRU segments of a slab class.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Segment {
    /// Recently stored items.
    Hot,
    /// Items that proved active while in COLD.
    Warm,
    /// Items waiting to be evicted unless fetched again.
    Cold,
}

impl Segment {
    /// All segments in `stats items` order.
    pub const ALL: [Segment; 3] = [Segment::Hot, Segment::Warm, Segment::Cold];

    fn index(self) -> usize {
        match self {
            Segment::Hot => 0,
            Segment::Warm => 1,
            Segment::Cold => 2,
        }
    }
}

#[derive(Clone, Copy, Debug, Default)]
struct Link {
    prev: Option<ItemId>,
    next: Option<ItemId>,
}

#[derive(Clone, Copy, Debug, Default)]
struct Queue {
    head: Option<ItemId>,
    tail: Option<ItemId>,
    /// Number of items (`sizes[]`).
    len: u32,
    /// Sum of item sizes (`sizes_bytes[]`).
    bytes: u64,
}

/// The queues of every slab class.
#[derive(Clone, Debug, Default)]
pub struct Lru {
    queues: Vec<[Queue; 3]>,
    links: Vec<Link>,
}

impl Lru {
    fn queue_mut(&mut self, class: ClassId, segment: Segment) -> &mut Queue {
        let class = usize::from(class);
        if self.queues.len() <= class {
            self.queues.resize(class + 1, [Queue::default(); 3]);
        }
        &mut self.queues[class][segment.index()]
    }

    fn queue(&self, class: ClassId, segment: Segment) -> Queue {
        self.queues
            .get(usize::from(class))
            .map(|q| q[segment.index()])
            .unwrap_or_default()
    }

    fn link_mut(&mut self, id: ItemId) -> &mut Link {
        if self.links.len() <= id {
            self.links.resize(id + 1, Link::default());
        }
        &mut self.links[id]
    }

    /// Puts `id` (of `bytes` size) at the head of a queue.
    pub fn push_head(&mut self, id: ItemId, class: ClassId, segment: Segment, bytes: u64) {
        let old_head = self.queue(class, segment).head;
        *self.link_mut(id) = Link {
            prev: None,
            next: old_head,
        };
        if let Some(h) = old_head {
            self.link_mut(h).prev = Some(id);
        }
        let q = self.queue_mut(class, segment);
        q.head = Some(id);
        if q.tail.is_none() {
            q.tail = Some(id);
        }
        q.len += 1;
        q.bytes += bytes;
    }

    /// Takes `id` out of the queue it is in.
    pub fn remove(&mut self, id: ItemId, class: ClassId, segment: Segment, bytes: u64) {
        let Link { prev, next } = *self.link_mut(id);
        match prev {
            Some(p) => self.link_mut(p).next = next,
            None => self.queue_mut(class, segment).head = next,
        }
        match next {
            Some(n) => self.link_mut(n).prev = prev,
            None => self.queue_mut(class, segment).tail = prev,
        }
        *self.link_mut(id) = Link::default();
        let q = self.queue_mut(class, segment);
        q.len = q.len.saturating_sub(1);
        q.bytes = q.bytes.saturating_sub(bytes);
    }

    /// The least recently linked item of a queue.
    pub fn tail(&self, class: ClassId, segment: Segment) -> Option<ItemId> {
        self.queue(class, segment).tail
    }

    /// The item linked just before `id` (towards the head).
    pub fn prev(&self, id: ItemId) -> Option<ItemId> {
        self.links.get(id).and_then(|l| l.prev)
    }

    /// Items in a queue.
    pub fn len(&self, class: ClassId, segment: Segment) -> u32 {
        self.queue(class, segment).len
    }

    /// Bytes of the items in a queue.
    pub fn bytes(&self, class: ClassId, segment: Segment) -> u64 {
        self.queue(class, segment).bytes
    }

    /// Item ids of a queue from head to tail.
    pub fn iter(&self, class: ClassId, segment: Segment) -> impl Iterator<Item = ItemId> + '_ {
        std::iter::successors(self.queue(class, segment).head, move |&id| {
            self.links.get(id).and_then(|l| l.next)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queues_keep_order_and_sizes() {
        let mut lru = Lru::default();
        lru.push_head(0, 1, Segment::Hot, 10);
        lru.push_head(1, 1, Segment::Hot, 20);
        lru.push_head(2, 1, Segment::Hot, 30);
        assert_eq!(lru.iter(1, Segment::Hot).collect::<Vec<_>>(), [2, 1, 0]);
        assert_eq!(lru.tail(1, Segment::Hot), Some(0));
        lru.remove(1, 1, Segment::Hot, 20);
        assert_eq!(lru.iter(1, Segment::Hot).collect::<Vec<_>>(), [2, 0]);
        assert_eq!(
            (lru.len(1, Segment::Hot), lru.bytes(1, Segment::Hot)),
            (2, 40)
        );
        assert_eq!(lru.prev(0), Some(2));
        lru.remove(0, 1, Segment::Hot, 10);
        lru.remove(2, 1, Segment::Hot, 30);
        assert_eq!(lru.tail(1, Segment::Hot), None);
        assert_eq!(lru.len(1, Segment::Cold), 0);
    }
}
