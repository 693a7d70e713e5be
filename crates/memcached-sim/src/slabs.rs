//! The slab allocator: memory cut into 1 MB pages, each page cut into
//! equal chunks for one slab class. An item lives in the smallest class
//! whose chunk fits it, so a 61-byte item still takes a 96-byte chunk.

use crate::settings::Settings;

/// Size of memcached's item header (`sizeof(item)` on 64-bit builds).
pub const ITEM_HEADER_SIZE: u32 = 48;

/// Chunk sizes are rounded up to a multiple of this.
const CHUNK_ALIGN_BYTES: u32 = 8;

/// memcached's fixed upper bound on the number of slab classes.
const MAX_NUMBER_OF_SLAB_CLASSES: usize = 64;

/// Identifier of a slab class; classes are numbered from 1 as in `stats slabs`.
pub type ClassId = u8;

/// One slab class: a chunk size and the pages assigned to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SlabClass {
    /// Bytes per chunk.
    pub size: u32,
    /// Chunks per page.
    pub perslab: u32,
    /// Pages assigned to this class so far.
    pub pages: u32,
    /// Chunks on the free list.
    pub free_chunks: u32,
}

impl SlabClass {
    /// Chunks handed out to items.
    pub fn used_chunks(&self) -> u32 {
        self.pages * self.perslab - self.free_chunks
    }
}

/// All slab classes and the memory budget they share.
#[derive(Clone, Debug)]
pub struct Slabs {
    /// Index 0 is unused so that a `ClassId` indexes directly.
    classes: Vec<SlabClass>,
    page_size: u32,
    mem_limit: u64,
    mem_malloced: u64,
    item_size_max: u32,
}

impl Slabs {
    /// Builds the classes as `slabs_init()` does: start at header + `chunk_size`,
    /// multiply by the factor, align to 8, until half a page; the last class is
    /// exactly half a page.
    pub fn new(settings: &Settings) -> Self {
        let page_size = settings.item_size_max;
        let chunk_max = settings.slab_chunk_size_max();
        let factor = if settings.growth_factor > 1.0 {
            settings.growth_factor
        } else {
            1.25
        };
        let mut classes = vec![SlabClass {
            size: 0,
            perslab: 0,
            pages: 0,
            free_chunks: 0,
        }];
        let mut size = ITEM_HEADER_SIZE + settings.chunk_size;
        while classes.len() < MAX_NUMBER_OF_SLAB_CLASSES - 1 {
            if f64::from(size) >= f64::from(chunk_max) / factor {
                break;
            }
            if !size.is_multiple_of(CHUNK_ALIGN_BYTES) {
                size += CHUNK_ALIGN_BYTES - size % CHUNK_ALIGN_BYTES;
            }
            classes.push(SlabClass {
                size,
                perslab: page_size / size,
                pages: 0,
                free_chunks: 0,
            });
            size = (f64::from(size) * factor) as u32;
        }
        classes.push(SlabClass {
            size: chunk_max,
            perslab: page_size / chunk_max.max(1),
            pages: 0,
            free_chunks: 0,
        });
        Slabs {
            classes,
            page_size,
            mem_limit: settings.max_bytes,
            mem_malloced: 0,
            item_size_max: settings.item_size_max,
        }
    }

    /// The largest class id.
    pub fn largest(&self) -> ClassId {
        (self.classes.len() - 1) as ClassId
    }

    /// `slabs_clsid()`: the class for an item of `size` bytes, or `None` when
    /// the item is larger than the item size limit.
    pub fn class_for(&self, size: u64) -> Option<ClassId> {
        if size == 0 || size > u64::from(self.item_size_max) {
            return None;
        }
        let id = (1..self.classes.len())
            .find(|&id| size <= u64::from(self.classes[id].size))
            .unwrap_or(self.classes.len() - 1);
        Some(id as ClassId)
    }

    /// One class, by id (id 0 and unknown ids read as an empty class).
    pub fn class(&self, id: ClassId) -> &SlabClass {
        self.classes
            .get(usize::from(id))
            .unwrap_or(&self.classes[0])
    }

    /// Every class with its id, smallest chunk first.
    pub fn classes(&self) -> impl Iterator<Item = (ClassId, &SlabClass)> {
        self.classes
            .iter()
            .enumerate()
            .skip(1)
            .map(|(id, c)| (id as ClassId, c))
    }

    /// Bytes of pages allocated so far (`total_malloced`).
    pub fn total_malloced(&self) -> u64 {
        self.mem_malloced
    }

    /// The memory limit (`limit_maxbytes`).
    pub fn mem_limit(&self) -> u64 {
        self.mem_limit
    }

    /// `slabs_alloc()`: takes a chunk of class `id`, adding a page when the
    /// free list is empty. Fails when the memory limit is reached; a class
    /// always gets its first page, even past the limit, as in memcached.
    pub fn alloc(&mut self, id: ClassId) -> bool {
        let page_size = u64::from(self.page_size);
        let Some(class) = self.classes.get_mut(usize::from(id)) else {
            return false;
        };
        if class.free_chunks == 0 {
            if class.pages > 0 && self.mem_malloced + page_size > self.mem_limit {
                return false;
            }
            class.pages += 1;
            class.free_chunks += class.perslab;
            self.mem_malloced += page_size;
        }
        class.free_chunks -= 1;
        true
    }

    /// `slabs_free()`: returns a chunk to its class's free list.
    pub fn free(&mut self, id: ClassId) {
        if let Some(class) = self.classes.get_mut(usize::from(id)) {
            class.free_chunks += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_classes_match_memcached() {
        let slabs = Slabs::new(&Settings::default());
        let sizes: Vec<u32> = slabs.classes().map(|(_, c)| c.size).take(5).collect();
        assert_eq!(sizes, [96, 120, 152, 192, 240]);
        assert_eq!(slabs.largest(), 39);
        assert_eq!(slabs.class(39).size, 524288);
        assert_eq!(slabs.class(1).perslab, 10922);
        assert_eq!(slabs.class_for(61), Some(1));
        assert_eq!(slabs.class_for(97), Some(2));
        assert_eq!(slabs.class_for(1024 * 1024 + 1), None);
    }

    #[test]
    fn first_page_is_granted_past_the_limit() {
        let settings = Settings {
            max_bytes: 1024 * 1024,
            ..Settings::default()
        };
        let mut slabs = Slabs::new(&settings);
        assert!(slabs.alloc(1));
        assert!(slabs.alloc(2));
        assert_eq!(slabs.total_malloced(), 2 * 1024 * 1024);
        assert!((1..10922).all(|_| slabs.alloc(1)));
        assert!(!slabs.alloc(1));
        slabs.free(1);
        assert!(slabs.alloc(1));
    }
}
