//! Items: allocation, linking into the hash table and LRU, lookup with lazy
//! expiry, and the LRU tail walk that moves, reclaims and evicts
//! (memcached's `items.c`).

use crate::clock::RelTime;
use crate::events::Event;
use crate::lru::{ItemId, Segment};
use crate::server::Server;
use crate::slabs::{ClassId, ITEM_HEADER_SIZE};

/// `sizeof(item_chunk)`: the header of each data chunk of a large item.
const ITEM_CHUNK_HEADER_SIZE: u64 = 48;
/// Items an LRU tail walk looks at before giving up.
const TAIL_TRIES: u32 = 5;
/// Times an allocation retries after evicting or moving items.
const ALLOC_TRIES: u32 = 10;

/// One cached item, as stored in a slab chunk. Aligned to and sized within a 64-byte
/// cache line, so a lookup reads an item's fields in one memory access, as memcached's
/// item header is.
#[derive(Clone, Debug, PartialEq, Eq)]
#[repr(align(64))]
pub struct Item {
    /// The key (at most 250 bytes) followed by the value without its
    /// `\r\n`: one allocation, as in a slab chunk, so a lookup that compares
    /// the key has the value at hand.
    bytes: Vec<u8>,
    /// Length of the key at the start of `bytes`.
    nkey: u32,
    /// Opaque client flags.
    pub flags: u32,
    /// Expiration, in seconds since process start; 0 never expires.
    pub exptime: RelTime,
    /// Last access, in seconds since process start.
    pub time: RelTime,
    /// The cas unique, assigned when the item is linked.
    pub cas: u64,
    /// Slab class holding the item.
    pub class: ClassId,
    /// LRU segment holding the item.
    pub segment: Segment,
    /// The item has been fetched at least once.
    pub fetched: bool,
    /// The item was fetched again after its first fetch.
    pub active: bool,
    /// In the hash table and LRU; false once unlinked while a reply still references it.
    pub(crate) linked: bool,
    /// The key arrived base64-encoded (meta `b` flag) and is echoed that way.
    pub key_binary: bool,
    /// Marked stale by meta delete or a stale cas (`I` flag).
    pub stale: bool,
    /// A client has been handed the right to recache it (meta `W` flag).
    pub token_sent: bool,
    /// The chunks of an item larger than the biggest chunk; `None` for an
    /// item in one chunk of `class`, which is most items. Boxed: a thin
    /// pointer keeps the item within its cache line.
    large_chunks: Option<Box<ChunkList>>,
}

impl Item {
    /// The key.
    pub fn key(&self) -> &[u8] {
        &self.bytes[..self.nkey as usize]
    }

    /// The value, without the trailing `\r\n`.
    pub fn data(&self) -> &[u8] {
        &self.bytes[self.nkey as usize..]
    }

    /// Appends bytes to the value as they arrive.
    pub(crate) fn push_data(&mut self, data: &[u8]) {
        self.bytes.extend_from_slice(data);
    }

    /// Replaces the value.
    pub(crate) fn set_data(&mut self, data: &[u8]) {
        self.bytes.truncate(self.nkey as usize);
        self.bytes.extend_from_slice(data);
    }

    /// The slab class of every chunk the item occupies.
    pub(crate) fn chunk_classes(&self) -> &[ClassId] {
        match &self.large_chunks {
            Some(chunks) => &chunks.0,
            None => std::slice::from_ref(&self.class),
        }
    }

    /// `ITEM_ntotal`: header, key with its NUL, flags when non-zero, value with
    /// `\r\n`, and the 8-byte cas. This is what `bytes` and `mem_requested` count.
    pub fn total_size(&self) -> u64 {
        item_size(self.key().len(), self.flags, self.data().len() + 2)
    }
}

/// The slab class of each chunk a large item occupies: a header chunk, then
/// data chunks.
#[derive(Clone, Debug, PartialEq, Eq)]
struct ChunkList(Vec<ClassId>);

/// `item_make_header` + cas: bytes an item needs for this key, flags and
/// value length (`nbytes` includes the `\r\n`).
pub fn item_size(nkey: usize, flags: u32, nbytes: usize) -> u64 {
    let suffix = if flags == 0 { 0 } else { 4 };
    u64::from(ITEM_HEADER_SIZE) + nkey as u64 + 1 + suffix + nbytes as u64 + 8
}

/// Flags for a walk of an LRU tail (`lru_pull_tail`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pull {
    /// Only move and reclaim.
    Juggle,
    /// Evict the COLD tail if nothing else frees memory.
    Evict,
}

impl Server {
    /// `do_item_alloc`: reserves memory for a new, unlinked item whose
    /// `nbytes` (value and `\r\n`) arrive from the client, evicting from
    /// COLD tails when a class is full.
    pub(crate) fn item_alloc(
        &mut self,
        key: &[u8],
        flags: u32,
        exptime: RelTime,
        nbytes: usize,
    ) -> Result<Item, AllocError> {
        self.item_alloc_filled(key, flags, exptime, &[nbytes as u64], Fill::Read)
    }

    /// Like `item_alloc`, for the item append/prepend builds by copying two
    /// values (`copies` holds their lengths) into it.
    pub(crate) fn item_alloc_copied(
        &mut self,
        key: &[u8],
        flags: u32,
        exptime: RelTime,
        copies: [u64; 2],
    ) -> Result<Item, AllocError> {
        self.item_alloc_filled(key, flags, exptime, &copies, Fill::Copy)
    }

    /// Items up to the biggest chunk take one chunk; larger ones take a
    /// header chunk, then data chunks allocated as the data is filled in.
    fn item_alloc_filled(
        &mut self,
        key: &[u8],
        flags: u32,
        exptime: RelTime,
        parts: &[u64],
        fill: Fill,
    ) -> Result<Item, AllocError> {
        let nbytes: u64 = parts.iter().sum();
        let ntotal = item_size(key.len(), flags, nbytes as usize);
        let class = self.slabs.class_for(ntotal).ok_or(AllocError::TooLarge)?;
        let chunks = if ntotal > u64::from(self.settings.slab_chunk_size_max()) {
            let suffix = if flags == 0 { 0 } else { 4 };
            let header = key.len() as u64
                + 1
                + suffix
                + u64::from(ITEM_HEADER_SIZE)
                + ITEM_CHUNK_HEADER_SIZE
                + 8;
            self.alloc_chunks(header, parts, fill)
        } else {
            self.alloc_pull(class).then(Vec::new)
        };
        let Some(chunks) = chunks else {
            self.stats.class_mut(class).outofmemory += 1;
            return Err(AllocError::OutOfMemory);
        };
        let mut bytes = Vec::with_capacity(key.len() + nbytes.saturating_sub(2) as usize);
        bytes.extend_from_slice(key);
        Ok(Item {
            bytes,
            // Keys are at most 250 bytes; a line is far shorter than 4 GB.
            nkey: key.len() as u32,
            flags,
            exptime,
            time: 0,
            cas: 0,
            class,
            segment: Segment::Hot,
            fetched: false,
            active: false,
            linked: false,
            key_binary: false,
            stale: false,
            token_sent: false,
            large_chunks: (!chunks.is_empty()).then(|| Box::new(ChunkList(chunks))),
        })
    }

    /// The chunks of a large item: a header chunk, then data chunks as
    /// `do_item_alloc_chunk` hands them out while the data is filled in.
    /// Each new chunk is sized for what is left of the current part, up to
    /// the biggest chunk; if its class is out of memory, a biggest chunk is
    /// tried instead. Copying (append/prepend) asks for the next chunk as
    /// soon as one is full, even with nothing left to copy, which leaves
    /// empty chunks in class 1, as in memcached.
    fn alloc_chunks(&mut self, header: u64, parts: &[u64], fill: Fill) -> Option<Vec<ClassId>> {
        let chunk_max = u64::from(self.settings.slab_chunk_size_max());
        let mut chunks = Vec::new();
        let header_class = self.slabs.class_for(header)?;
        let mut ok = self.alloc_pull(header_class);
        chunks.push(header_class);
        let mut free = 0;
        for &part in parts {
            let mut remaining = part;
            while ok && remaining > 0 {
                let todo = free.min(remaining);
                free -= todo;
                remaining -= todo;
                if free > 0 || (remaining == 0 && fill == Fill::Read) {
                    continue;
                }
                let size = (remaining + ITEM_CHUNK_HEADER_SIZE).min(chunk_max);
                let mut class = self.slabs.class_for(size).unwrap_or(self.slabs.largest());
                ok = self.alloc_pull(class);
                if !ok && size != chunk_max {
                    class = self.slabs.largest();
                    ok = self.alloc_pull(class);
                }
                chunks.push(class);
                free = size - ITEM_CHUNK_HEADER_SIZE;
            }
        }
        if ok {
            return Some(chunks);
        }
        chunks.pop();
        for class in chunks {
            self.slabs.free(class);
        }
        None
    }

    /// `do_item_alloc_pull`: takes a chunk of `class`, evicting from COLD (or
    /// pushing HOT into COLD) and retrying up to ten times.
    fn alloc_pull(&mut self, class: ClassId) -> bool {
        let mut tries = 0;
        let mut allocated = false;
        while tries < ALLOC_TRIES {
            if self.slabs.alloc(class) {
                allocated = true;
                break;
            }
            if tries == 0 {
                // Under memory pressure the LRU maintainer thread runs
                // constantly, so COLD is already balanced when a client
                // needs room.
                self.lru_juggle(class);
            }
            if self.lru_pull_tail(class, Segment::Cold, 0, Pull::Evict, 0) == 0 {
                self.lru_pull_tail(class, Segment::Hot, 0, Pull::Juggle, 0);
            }
            tries += 1;
        }
        self.stats.class_mut(class).direct_reclaims += u64::from(tries);
        allocated
    }

    /// Gives back the chunks of an item that was never linked.
    pub(crate) fn item_free(&mut self, item: &Item) {
        for &class in item.chunk_classes() {
            self.slabs.free(class);
        }
    }

    /// The next cas unique from the global counter (`get_cas_id`).
    pub(crate) fn next_cas(&mut self) -> u64 {
        self.cas_id += 1;
        self.cas_id
    }

    /// `do_item_link`: makes the item visible under its key, at the head of
    /// HOT, with a fresh cas unique.
    pub(crate) fn item_link(&mut self, mut item: Item) -> ItemId {
        item.time = self.clock.now();
        item.cas = self.next_cas();
        item.segment = Segment::Hot;
        item.linked = true;
        let size = item.total_size();
        self.stats.curr_bytes += size;
        self.stats.curr_items += 1;
        self.stats.total_items += 1;
        let class = item.class;
        let id = self.arena.insert(item);
        self.table.insert(&self.arena, id);
        self.lru.push_head(id, class, Segment::Hot, size);
        id
    }

    /// `do_item_unlink`: removes the item from the table and its LRU. Its
    /// chunks are freed now, or when the last queued reply that references
    /// it has been sent.
    /// Returns false when the item was not linked.
    pub(crate) fn item_unlink(&mut self, id: ItemId) -> bool {
        let Some(item) = self.arena.get_mut(id).filter(|item| item.linked) else {
            return false;
        };
        item.linked = false;
        let (class, segment, size) = (item.class, item.segment, item.total_size());
        self.stats.curr_bytes = self.stats.curr_bytes.saturating_sub(size);
        self.stats.curr_items = self.stats.curr_items.saturating_sub(1);
        self.table.remove(&self.arena, id);
        self.lru.remove(id, class, segment, size);
        if !self.refs.contains_key(&id)
            && let Some(item) = self.arena.remove(id)
        {
            self.item_free(&item);
        }
        true
    }

    /// A queued reply references the item: it stays in memory until sent.
    pub(crate) fn item_ref(&mut self, id: ItemId) {
        *self.refs.entry(id).or_default() += 1;
    }

    /// A reply referencing the item was sent; an unlinked item with no
    /// references left gives its chunks back.
    pub(crate) fn item_release(&mut self, id: ItemId) {
        let Some(count) = self.refs.get_mut(&id) else {
            return;
        };
        *count -= 1;
        if *count > 0 {
            return;
        }
        self.refs.remove(&id);
        if self.arena.get_mut(id).is_some_and(|item| !item.linked)
            && let Some(item) = self.arena.remove(id)
        {
            self.item_free(&item);
        }
    }

    /// Whether a queued reply still references the item.
    pub(crate) fn item_is_referenced(&self, id: ItemId) -> bool {
        self.refs.contains_key(&id)
    }

    /// `item_replace`: unlinks the old item and links the new one.
    pub(crate) fn item_replace(&mut self, old: ItemId, new: Item) -> ItemId {
        self.item_unlink(old);
        let id = self.item_link(new);
        let item = &self.arena[id];
        self.events.push(Event::Updated {
            key: item.key().to_vec(),
            class: item.class,
            cas: item.cas,
        });
        id
    }

    /// Links an item under a key that had none, and reports it.
    pub(crate) fn item_link_new(&mut self, item: Item) -> ItemId {
        let id = self.item_link(item);
        let item = &self.arena[id];
        self.events.push(Event::Stored {
            key: item.key().to_vec(),
            class: item.class,
            cas: item.cas,
        });
        id
    }

    /// `do_item_touch`: sets an item's expiration time.
    pub(crate) fn touch_item(&mut self, id: ItemId, exptime: RelTime) {
        let item = &mut self.arena[id];
        item.exptime = exptime;
        let event = Event::Touched {
            key: item.key().to_vec(),
            class: item.class,
        };
        self.events.push(event);
    }

    /// `item_is_flushed`: whether a `flush_all` that has taken effect covers the item.
    fn item_is_flushed(&self, item: &Item) -> bool {
        let oldest_live = self.oldest_live;
        if oldest_live == 0 || oldest_live > self.clock.now() {
            return false;
        }
        item.time <= oldest_live
            || (self.oldest_cas != 0 && item.cas != 0 && item.cas < self.oldest_cas)
    }

    /// `do_item_get`: looks a key up, removing it instead when it has expired
    /// or been flushed. With `bump`, records the fetch for the LRU.
    pub(crate) fn item_get(&mut self, key: &[u8], bump: bool) -> Option<ItemId> {
        let id = self.table.get(&self.arena, key)?;
        let item = &self.arena[id];
        let now = self.clock.now();
        if self.item_is_flushed(item) {
            self.stats.get_flushed += 1;
            self.unlink_with(id, |key, class| Event::Flushed { key, class });
            return None;
        }
        if item.exptime != 0 && item.exptime <= now {
            self.stats.get_expired += 1;
            self.unlink_with(id, |key, class| Event::Expired { key, class });
            return None;
        }
        if bump {
            self.item_bump(id);
        }
        Some(id)
    }

    /// Unlinks an item and reports why.
    pub(crate) fn unlink_with(
        &mut self,
        id: ItemId,
        event: impl FnOnce(Vec<u8>, ClassId) -> Event,
    ) {
        let Some(item) = self.arena.get(id) else {
            return;
        };
        let (key, class) = (item.key().to_vec(), item.class);
        if self.item_unlink(id) {
            self.events.push(event(key, class));
        }
    }

    /// `do_item_bump`: the first fetch marks an item FETCHED, the next marks it
    /// ACTIVE. An ACTIVE item in COLD is queued to move to WARM, which the LRU
    /// maintainer does right after the command.
    pub(crate) fn item_bump(&mut self, id: ItemId) {
        let now = self.clock.now();
        let item = &mut self.arena[id];
        if item.active {
            return;
        }
        if !item.fetched {
            item.fetched = true;
        } else {
            item.active = true;
            if item.segment == Segment::Cold {
                self.pending_bumps.push(id);
            } else {
                item.time = now;
            }
        }
    }

    /// Applies the queued COLD bumps (`do_item_update` from the bump buffer):
    /// each still-ACTIVE COLD item moves to the head of WARM.
    pub(crate) fn apply_bumps(&mut self) {
        for id in std::mem::take(&mut self.pending_bumps) {
            let now = self.clock.now();
            let Some(item) = self.arena.get_mut(id) else {
                continue;
            };
            item.time = now;
            if item.segment == Segment::Cold && item.active {
                item.active = false;
                self.move_segment(id, Segment::Warm);
            }
        }
    }

    /// `do_item_update`: refreshes an item's access time; an ACTIVE COLD item moves to WARM.
    pub(crate) fn item_update(&mut self, id: ItemId) {
        let now = self.clock.now();
        let item = &mut self.arena[id];
        item.time = now;
        if item.segment == Segment::Cold && item.active {
            item.active = false;
            self.move_segment(id, Segment::Warm);
        }
    }

    /// Relinks an item at the head of another segment of its class.
    fn move_segment(&mut self, id: ItemId, to: Segment) {
        let item = &mut self.arena[id];
        let (class, from, size) = (item.class, item.segment, item.total_size());
        item.segment = to;
        let key = item.key().to_vec();
        self.lru.remove(id, class, from, size);
        self.lru.push_head(id, class, to, size);
        self.events.push(Event::Moved { key, class, to });
    }

    /// `lru_pull_tail`: looks at up to five items from the tail of one segment,
    /// reclaiming expired ones, moving HOT/WARM tails to COLD when the segment
    /// is over its limit or too old, rescuing ACTIVE items, and with
    /// `Pull::Evict` evicting the COLD tail. Returns how many items it removed or moved.
    fn lru_pull_tail(
        &mut self,
        class: ClassId,
        segment: Segment,
        total_bytes: u64,
        pull: Pull,
        max_age: RelTime,
    ) -> u32 {
        let mut removed = 0;
        let mut search = self.lru.tail(class, segment);
        let mut tries = TAIL_TRIES;
        let now = self.clock.now();
        while tries > 0 {
            let Some(id) = search else { break };
            tries -= 1;
            search = self.lru.prev(id);
            if self.item_is_referenced(id) {
                // A queued reply holds the item: it can still be unlinked,
                // but its memory is only reusable once the reply is sent.
                self.stats.class_mut(class).lrutail_reflocked += 1;
            }
            let item = &self.arena[id];
            if (item.exptime != 0 && item.exptime < now) || self.item_is_flushed(item) {
                let counters = self.stats.class_mut(class);
                counters.reclaimed += 1;
                if !item.fetched {
                    counters.expired_unfetched += 1;
                }
                self.unlink_with(id, |key, class| Event::Expired { key, class });
                removed += 1;
                continue;
            }
            match segment {
                Segment::Hot | Segment::Warm => {
                    let pct = if segment == Segment::Hot {
                        self.settings.hot_lru_pct
                    } else {
                        self.settings.warm_lru_pct
                    };
                    let limit = total_bytes * u64::from(pct) / 100;
                    if item.active {
                        self.arena[id].active = false;
                        removed += 1;
                        if segment == Segment::Warm {
                            // Rescued to the head of WARM; keep walking the tail.
                            self.stats.class_mut(class).moves_within_lru += 1;
                            self.move_segment(id, Segment::Warm);
                            continue;
                        }
                        self.stats.class_mut(class).moves_to_warm += 1;
                        self.move_segment(id, Segment::Warm);
                    } else if self.lru.bytes(class, segment) > limit
                        || now.saturating_sub(item.time) > max_age
                    {
                        self.stats.class_mut(class).moves_to_cold += 1;
                        self.move_segment(id, Segment::Cold);
                        removed += 1;
                    }
                }
                Segment::Cold => {
                    if pull == Pull::Evict {
                        let counters = self.stats.class_mut(class);
                        counters.evicted += 1;
                        counters.evicted_time = now.saturating_sub(item.time);
                        if item.exptime != 0 {
                            counters.evicted_nonzero += 1;
                        }
                        if !item.fetched {
                            counters.evicted_unfetched += 1;
                        }
                        if item.active {
                            counters.evicted_active += 1;
                        }
                        self.unlink_with(id, |key, class| Event::Evicted { key, class });
                        removed += 1;
                    } else if item.active {
                        self.stats.class_mut(class).moves_to_warm += 1;
                        self.arena[id].active = false;
                        self.move_segment(id, Segment::Warm);
                        removed += 1;
                    }
                }
            }
            break;
        }
        removed
    }

    /// `lru_maintainer_juggle`: what the LRU maintainer thread does to one
    /// class each time it wakes up: balance HOT and WARM into COLD and
    /// reclaim expired tails.
    pub(crate) fn lru_juggle(&mut self, class: ClassId) {
        let now = self.clock.now();
        let cold_age = self
            .lru
            .tail(class, Segment::Cold)
            .map_or(0, |id| now.saturating_sub(self.arena[id].time));
        let hot_age = (f64::from(cold_age) * self.settings.hot_max_factor) as RelTime;
        let warm_age = (f64::from(cold_age) * self.settings.warm_max_factor) as RelTime;
        let total_bytes: u64 = Segment::ALL.iter().map(|&s| self.lru.bytes(class, s)).sum();
        for _ in 0..500 {
            let mut more =
                self.lru_pull_tail(class, Segment::Hot, total_bytes, Pull::Juggle, hot_age) > 0
                    || self.lru_pull_tail(
                        class,
                        Segment::Warm,
                        total_bytes,
                        Pull::Juggle,
                        warm_age,
                    ) > 0;
            more |= self.lru_pull_tail(class, Segment::Cold, total_bytes, Pull::Juggle, 0) > 0;
            if !more {
                break;
            }
        }
    }
}

/// How a large item's data chunks are filled, which decides when the
/// next chunk is allocated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fill {
    /// Read from the client: a chunk is added only while data remains.
    Read,
    /// Copied from other items: a chunk is added whenever one fills up.
    Copy,
}

/// Why an item could not be allocated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AllocError {
    /// Larger than the item size limit.
    TooLarge,
    /// No chunk could be freed in its class.
    OutOfMemory,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_item_fits_one_cache_line() {
        assert_eq!(std::mem::size_of::<Option<Item>>(), 64);
    }
}
