//! The server: all state one memcached process holds, shared by its connections.

use std::collections::BTreeMap;

use crate::clock::{Clock, RelTime};
use crate::events::Event;
use crate::items::Item;
use crate::lru::{ItemId, Lru, Segment};
use crate::settings::Settings;
use crate::slabs::{ClassId, Slabs};
use crate::stats::Stats;
use crate::table::Table;

/// One memcached process: items, slabs, LRU, counters and the clock.
#[derive(Clone, Debug)]
pub struct Server {
    pub(crate) settings: Settings,
    pub(crate) clock: Clock,
    pub(crate) slabs: Slabs,
    pub(crate) lru: Lru,
    pub(crate) arena: Arena,
    /// The hash table.
    pub(crate) table: Table,
    pub(crate) stats: Stats,
    /// The global cas counter; the last unique handed out.
    pub(crate) cas_id: u64,
    /// `settings.oldest_live`: items last accessed at or before this are flushed.
    pub(crate) oldest_live: RelTime,
    /// `settings.oldest_cas`: items with a smaller cas are flushed.
    pub(crate) oldest_cas: u64,
    /// `verbosity` level.
    pub(crate) verbosity: u32,
    pub(crate) pending_bumps: Vec<ItemId>,
    /// References held by replies not yet sent, per item (memcached's refcount).
    pub(crate) refs: BTreeMap<ItemId, u32>,
    pub(crate) events: Vec<Event>,
    /// The second at which the LRU maintainer last ran.
    last_juggle: RelTime,
}

impl Server {
    /// A freshly started server with these options and no items.
    pub fn new(settings: Settings) -> Self {
        let clock = Clock::new(settings.started_at_ms);
        Server {
            slabs: Slabs::new(&settings),
            last_juggle: clock.now(),
            clock,
            settings,
            lru: Lru::default(),
            arena: Arena::default(),
            table: Table::default(),
            stats: Stats::default(),
            cas_id: 0,
            oldest_live: 0,
            oldest_cas: 0,
            verbosity: 0,
            pending_bumps: Vec::new(),
            refs: BTreeMap::new(),
            events: Vec::new(),
        }
    }

    /// Moves the virtual clock to `now_ms`. Once per virtual second the LRU
    /// maintainer wakes and rebalances every class, as its thread would.
    pub fn tick(&mut self, now_ms: u64) {
        self.clock.advance_to(now_ms);
        if self.clock.now() != self.last_juggle {
            self.last_juggle = self.clock.now();
            let classes: Vec<ClassId> = self.slabs.classes().map(|(id, _)| id).collect();
            for class in classes {
                self.lru_juggle(class);
            }
        }
    }

    /// Takes the events recorded since the last call.
    pub fn drain_events(&mut self) -> Vec<Event> {
        std::mem::take(&mut self.events)
    }

    /// Every item, in key order (expired items stay until something looks at them).
    pub fn items(&self) -> Vec<ItemView> {
        let mut items: Vec<ItemView> = self
            .table
            .ids()
            .map(|id| ItemView::of(&self.arena[id], &self.clock))
            .collect();
        items.sort_unstable_by(|a, b| a.key.cmp(&b.key));
        items
    }

    /// The item stored under `key`, if any.
    pub fn item(&self, key: &[u8]) -> Option<ItemView> {
        self.table
            .get(&self.arena, key)
            .map(|id| ItemView::of(&self.arena[id], &self.clock))
    }

    /// Every slab class with its memory and LRU occupancy, smallest chunk first.
    pub fn slab_classes(&self) -> Vec<SlabClassView> {
        self.slabs
            .classes()
            .map(|(id, class)| SlabClassView {
                id,
                chunk_size: class.size,
                chunks_per_page: class.perslab,
                pages: class.pages,
                used_chunks: class.used_chunks(),
                free_chunks: class.free_chunks,
                hot: self.lru.len(id, Segment::Hot),
                warm: self.lru.len(id, Segment::Warm),
                cold: self.lru.len(id, Segment::Cold),
                evictions: self.stats.class(id).evicted,
            })
            .collect()
    }

    /// The headline counters, under their `stats` names.
    pub fn stats(&self) -> StatsView {
        StatsView {
            curr_items: self.stats.curr_items,
            total_items: self.stats.total_items,
            bytes: self.stats.curr_bytes,
            limit_maxbytes: self.slabs.mem_limit(),
            total_malloced: self.slabs.total_malloced(),
            get_hits: self.stats.get_hits(),
            get_misses: self.stats.get_misses,
            cmd_get: self.stats.get_cmds,
            cmd_set: self.stats.set_cmds(),
            cas_hits: self.stats.sum(|c| c.cas_hits),
            cas_badval: self.stats.sum(|c| c.cas_badval),
            cas_misses: self.stats.cas_misses,
            evictions: self.stats.sum(|c| c.evicted),
            reclaimed: self.stats.sum(|c| c.reclaimed),
        }
    }

    /// The settings the server was started with.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The current time as memcached sees it, in seconds since process start.
    pub fn current_time(&self) -> RelTime {
        self.clock.now()
    }
}

/// Storage for items, addressed by `ItemId`, with slots reused after removal.
#[derive(Clone, Debug, Default)]
pub(crate) struct Arena {
    slots: Vec<Option<Item>>,
    free: Vec<ItemId>,
}

impl Arena {
    pub(crate) fn insert(&mut self, item: Item) -> ItemId {
        match self.free.pop() {
            Some(id) => {
                self.slots[id] = Some(item);
                id
            }
            None => {
                self.slots.push(Some(item));
                self.slots.len() - 1
            }
        }
    }

    pub(crate) fn remove(&mut self, id: ItemId) -> Option<Item> {
        let item = self.slots.get_mut(id)?.take()?;
        self.free.push(id);
        Some(item)
    }

    pub(crate) fn get(&self, id: ItemId) -> Option<&Item> {
        self.slots.get(id)?.as_ref()
    }

    pub(crate) fn get_mut(&mut self, id: ItemId) -> Option<&mut Item> {
        self.slots.get_mut(id)?.as_mut()
    }
}

impl std::ops::Index<ItemId> for Arena {
    type Output = Item;
    fn index(&self, id: ItemId) -> &Item {
        match self.slots.get(id) {
            Some(Some(item)) => item,
            _ => unreachable!("item id {id} used after unlink"),
        }
    }
}

impl std::ops::IndexMut<ItemId> for Arena {
    fn index_mut(&mut self, id: ItemId) -> &mut Item {
        match self.slots.get_mut(id) {
            Some(Some(item)) => item,
            _ => unreachable!("item id {id} used after unlink"),
        }
    }
}

/// An item as the page's items table shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemView {
    /// The key.
    pub key: Vec<u8>,
    /// The value without `\r\n`.
    pub value: Vec<u8>,
    /// Client flags.
    pub flags: u32,
    /// Expiration as a Unix time on the virtual clock; 0 never expires.
    pub exptime_unix: i64,
    /// The cas unique.
    pub cas: u64,
    /// Bytes the item takes (`ITEM_ntotal`).
    pub size: u64,
    /// Slab class holding it.
    pub class: ClassId,
    /// LRU segment holding it.
    pub segment: Segment,
}

impl ItemView {
    fn of(item: &Item, clock: &Clock) -> Self {
        let exptime_unix = if item.exptime == 0 {
            0
        } else {
            clock.to_unix(item.exptime)
        };
        ItemView {
            key: item.key().to_vec(),
            value: item.data().to_vec(),
            flags: item.flags,
            exptime_unix,
            cas: item.cas,
            size: item.total_size(),
            class: item.class,
            segment: item.segment,
        }
    }
}

/// A slab class as the memory view draws it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SlabClassView {
    /// Class number, from 1.
    pub id: ClassId,
    /// Bytes per chunk.
    pub chunk_size: u32,
    /// Chunks per 1 MB page.
    pub chunks_per_page: u32,
    /// Pages assigned.
    pub pages: u32,
    /// Chunks holding items.
    pub used_chunks: u32,
    /// Chunks free in assigned pages.
    pub free_chunks: u32,
    /// Items in HOT.
    pub hot: u32,
    /// Items in WARM.
    pub warm: u32,
    /// Items in COLD.
    pub cold: u32,
    /// Items evicted from this class so far.
    pub evictions: u64,
}

/// The counters the live charts plot, named as in `stats`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatsView {
    /// Items stored now.
    pub curr_items: u64,
    /// Items ever stored.
    pub total_items: u64,
    /// Bytes used by items now.
    pub bytes: u64,
    /// The `-m` memory limit.
    pub limit_maxbytes: u64,
    /// Bytes of slab pages allocated.
    pub total_malloced: u64,
    /// Keys found by get/gets.
    pub get_hits: u64,
    /// Keys not found by get/gets.
    pub get_misses: u64,
    /// Keys requested by get/gets.
    pub cmd_get: u64,
    /// Storage commands that sent data.
    pub cmd_set: u64,
    /// cas commands that stored.
    pub cas_hits: u64,
    /// cas commands refused because the item changed.
    pub cas_badval: u64,
    /// cas commands on missing keys.
    pub cas_misses: u64,
    /// Items evicted to make room.
    pub evictions: u64,
    /// Expired items whose memory was reused.
    pub reclaimed: u64,
}
