//! Start-up options, the ones `memcached -m -f -n -I` would take.

/// The default start time: 2024-01-01T00:00:00Z.
pub const DEFAULT_START_MS: u64 = 1_704_067_200_000;

/// The options a memcached process is started with.
///
/// The defaults are those of `memcached` with no flags: 64 MB of item memory,
/// growth factor 1.25, a 48-byte minimum item and 1 MB slab pages.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// `-m`: bytes of slab pages the server may allocate for items.
    pub max_bytes: u64,
    /// `-f`: how much larger each slab class's chunk is than the one before.
    pub growth_factor: f64,
    /// `-n`: minimum space for key, flags and value in the smallest chunk.
    pub chunk_size: u32,
    /// `-I`: the size of a slab page, and the largest item that fits.
    pub item_size_max: u32,
    /// Virtual time (ms since the Unix epoch) at which the process starts.
    /// It must be a plausible present-day time: memcached tells relative
    /// from absolute expiration times by comparing with it.
    pub started_at_ms: u64,
    /// The port `stats settings` reports as `tcpport`.
    pub tcp_port: u16,
    /// Share (percent) of a class's bytes HOT may hold (`lru tune`).
    pub hot_lru_pct: u32,
    /// Share (percent) of a class's bytes WARM may hold (`lru tune`).
    pub warm_lru_pct: u32,
    /// HOT items older than this times the COLD tail's age move to COLD.
    pub hot_max_factor: f64,
    /// WARM items older than this times the COLD tail's age move to COLD.
    pub warm_max_factor: f64,
    /// `slabs automove` level (0 off, 1 background, 2 on every eviction);
    /// reported only, the page mover is not modelled.
    pub slab_automove: u32,
    /// `slabs automove ratio`.
    pub slab_automove_ratio: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            max_bytes: 64 * 1024 * 1024,
            growth_factor: 1.25,
            chunk_size: 48,
            item_size_max: 1024 * 1024,
            started_at_ms: DEFAULT_START_MS,
            tcp_port: 11211,
            hot_lru_pct: 20,
            warm_lru_pct: 40,
            hot_max_factor: 0.2,
            warm_max_factor: 2.0,
            slab_automove: 1,
            slab_automove_ratio: 0.8,
        }
    }
}

impl Settings {
    /// memcached's start-up checks, with its own messages. (`Server::new`
    /// does not refuse bad settings: it uses factor 1.25 for a factor of 1
    /// or less.)
    pub fn check(&self) -> Result<(), &'static str> {
        if self.growth_factor <= 1.0 {
            return Err("Factor must be greater than 1");
        }
        if self.chunk_size == 0 {
            return Err("Chunk size must be greater than 0");
        }
        if u64::from(self.item_size_max) > self.max_bytes / 2 {
            return Err("Cannot set item size limit higher than 1/2 of memory max.");
        }
        Ok(())
    }

    /// Largest chunk a slab class hands out; bigger items are split in chunks.
    pub fn slab_chunk_size_max(&self) -> u32 {
        self.item_size_max / 2
    }
}
