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
        }
    }
}

impl Settings {
    /// memcached's start-up checks: the item size limit must fit twice in
    /// the memory limit. The error is memcached's own message.
    pub fn check(&self) -> Result<(), &'static str> {
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
