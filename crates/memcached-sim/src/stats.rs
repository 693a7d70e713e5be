//! Counters under memcached's own names, and the `stats` reports built from
//! them: general, `settings`, `slabs`, `items`, `sizes`.

use std::fmt::Write;

use crate::lru::Segment;
use crate::server::Server;
use crate::slabs::ClassId;

/// memcached's version string.
pub const VERSION: &str = "1.6.18";

/// Counters kept per slab class (`slab_stats` and `itemstats` in memcached),
/// each named after the stat that reports it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct ClassStats {
    pub hits_to_hot: u64,
    pub hits_to_warm: u64,
    pub hits_to_cold: u64,
    pub set_cmds: u64,
    pub delete_hits: u64,
    pub incr_hits: u64,
    pub decr_hits: u64,
    pub cas_hits: u64,
    pub cas_badval: u64,
    pub touch_hits: u64,
    pub evicted: u64,
    pub evicted_nonzero: u64,
    pub evicted_time: u32,
    pub outofmemory: u64,
    pub reclaimed: u64,
    pub expired_unfetched: u64,
    pub evicted_unfetched: u64,
    pub evicted_active: u64,
    pub moves_to_cold: u64,
    pub moves_to_warm: u64,
    pub moves_within_lru: u64,
    pub direct_reclaims: u64,
    pub lrutail_reflocked: u64,
}

impl ClassStats {
    /// get/gets hits on this class, whatever the segment.
    pub fn get_hits(&self) -> u64 {
        self.hits_to_hot + self.hits_to_warm + self.hits_to_cold
    }

    /// Counts a get hit on an item sitting in `segment`.
    pub fn hit(&mut self, segment: Segment) {
        match segment {
            Segment::Hot => self.hits_to_hot += 1,
            Segment::Warm => self.hits_to_warm += 1,
            Segment::Cold => self.hits_to_cold += 1,
        }
    }
}

/// The server-wide counters, each named after the stat that reports it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Stats {
    pub curr_items: u64,
    pub curr_bytes: u64,
    pub total_items: u64,
    pub get_cmds: u64,
    pub get_misses: u64,
    pub get_expired: u64,
    pub get_flushed: u64,
    pub touch_cmds: u64,
    pub touch_misses: u64,
    pub delete_misses: u64,
    pub incr_misses: u64,
    pub decr_misses: u64,
    pub cas_misses: u64,
    pub flush_cmds: u64,
    pub meta_cmds: u64,
    pub store_too_large: u64,
    pub store_no_memory: u64,
    pub bytes_read: u64,
    pub bytes_written: u64,
    pub total_connections: u64,
    pub curr_connections: u64,
    classes: Vec<ClassStats>,
}

impl Stats {
    /// The counters of one class.
    pub fn class(&self, id: ClassId) -> ClassStats {
        self.classes
            .get(usize::from(id))
            .cloned()
            .unwrap_or_default()
    }

    /// The counters of one class, for updating.
    pub fn class_mut(&mut self, id: ClassId) -> &mut ClassStats {
        let id = usize::from(id);
        if self.classes.len() <= id {
            self.classes.resize(id + 1, ClassStats::default());
        }
        &mut self.classes[id]
    }

    /// A per-class counter summed over all classes.
    pub fn sum(&self, field: impl Fn(&ClassStats) -> u64) -> u64 {
        self.classes.iter().map(field).sum()
    }

    /// `get_hits`: hits over all classes.
    pub fn get_hits(&self) -> u64 {
        self.sum(ClassStats::get_hits)
    }

    /// `cmd_set`: storage commands whose data arrived, over all classes.
    pub fn set_cmds(&self) -> u64 {
        self.sum(|c| c.set_cmds)
    }

    /// `stats reset`: zeroes every counter but the ones describing what is
    /// stored now and the connections open now.
    pub fn reset(&mut self) {
        *self = Stats {
            curr_items: self.curr_items,
            curr_bytes: self.curr_bytes,
            curr_connections: self.curr_connections,
            ..Stats::default()
        };
    }
}

/// Appends one `STAT name value` line.
fn stat(out: &mut String, name: &str, value: impl std::fmt::Display) {
    let _ = write!(out, "STAT {name} {value}\r\n");
}

impl Server {
    /// The plain `stats` report. Process facts (pid, rusage, libevent) are
    /// those of a typical Debian install.
    pub(crate) fn stats_general(&self) -> String {
        let s = &self.stats;
        let mut o = String::new();
        stat(&mut o, "pid", 4242);
        stat(&mut o, "uptime", self.clock.uptime());
        stat(&mut o, "time", self.clock.unix_now());
        stat(&mut o, "version", VERSION);
        stat(&mut o, "libevent", "2.1.12-stable");
        stat(&mut o, "pointer_size", 64);
        stat(&mut o, "rusage_user", "0.000000");
        stat(&mut o, "rusage_system", "0.000000");
        stat(&mut o, "max_connections", 1024);
        stat(&mut o, "curr_connections", s.curr_connections);
        stat(&mut o, "total_connections", s.total_connections + 1);
        stat(&mut o, "rejected_connections", 0);
        stat(&mut o, "connection_structures", s.curr_connections + 1);
        stat(&mut o, "response_obj_oom", 0);
        stat(&mut o, "response_obj_count", 1);
        stat(&mut o, "response_obj_bytes", 16384);
        stat(&mut o, "read_buf_count", 8);
        stat(&mut o, "read_buf_bytes", 131072);
        stat(&mut o, "read_buf_bytes_free", 49152);
        stat(&mut o, "read_buf_oom", 0);
        stat(&mut o, "reserved_fds", 20);
        stat(&mut o, "cmd_get", s.get_cmds);
        stat(&mut o, "cmd_set", s.set_cmds());
        stat(&mut o, "cmd_flush", s.flush_cmds);
        stat(&mut o, "cmd_touch", s.touch_cmds);
        stat(&mut o, "cmd_meta", s.meta_cmds);
        stat(&mut o, "get_hits", s.get_hits());
        stat(&mut o, "get_misses", s.get_misses);
        stat(&mut o, "get_expired", s.get_expired);
        stat(&mut o, "get_flushed", s.get_flushed);
        stat(&mut o, "delete_misses", s.delete_misses);
        stat(&mut o, "delete_hits", s.sum(|c| c.delete_hits));
        stat(&mut o, "incr_misses", s.incr_misses);
        stat(&mut o, "incr_hits", s.sum(|c| c.incr_hits));
        stat(&mut o, "decr_misses", s.decr_misses);
        stat(&mut o, "decr_hits", s.sum(|c| c.decr_hits));
        stat(&mut o, "cas_misses", s.cas_misses);
        stat(&mut o, "cas_hits", s.sum(|c| c.cas_hits));
        stat(&mut o, "cas_badval", s.sum(|c| c.cas_badval));
        stat(&mut o, "touch_hits", s.sum(|c| c.touch_hits));
        stat(&mut o, "touch_misses", s.touch_misses);
        stat(&mut o, "store_too_large", s.store_too_large);
        stat(&mut o, "store_no_memory", s.store_no_memory);
        stat(&mut o, "auth_cmds", 0);
        stat(&mut o, "auth_errors", 0);
        stat(&mut o, "bytes_read", s.bytes_read);
        stat(&mut o, "bytes_written", s.bytes_written);
        stat(&mut o, "limit_maxbytes", self.slabs.mem_limit());
        for (name, value) in [
            ("accepting_conns", 1),
            ("listen_disabled_num", 0),
            ("time_in_listen_disabled_us", 0),
            ("threads", 4),
            ("conn_yields", 0),
            ("hash_power_level", 16),
            ("hash_bytes", 524288),
            ("hash_is_expanding", 0),
            ("slab_reassign_rescues", 0),
            ("slab_reassign_chunk_rescues", 0),
            ("slab_reassign_evictions_nomem", 0),
            ("slab_reassign_inline_reclaim", 0),
            ("slab_reassign_busy_items", 0),
            ("slab_reassign_busy_deletes", 0),
            ("slab_reassign_running", 0),
            ("slabs_moved", 0),
            ("lru_crawler_running", 0),
            ("lru_crawler_starts", 1),
            ("lru_maintainer_juggles", 0),
            ("malloc_fails", 0),
            ("log_worker_dropped", 0),
            ("log_worker_written", 0),
            ("log_watcher_skipped", 0),
            ("log_watcher_sent", 0),
            ("log_watchers", 0),
            ("unexpected_napi_ids", 0),
            ("round_robin_fallback", 0),
        ] {
            stat(&mut o, name, value);
        }
        stat(&mut o, "bytes", s.curr_bytes);
        stat(&mut o, "curr_items", s.curr_items);
        stat(&mut o, "total_items", s.total_items);
        stat(&mut o, "slab_global_page_pool", 0);
        stat(&mut o, "expired_unfetched", s.sum(|c| c.expired_unfetched));
        stat(&mut o, "evicted_unfetched", s.sum(|c| c.evicted_unfetched));
        stat(&mut o, "evicted_active", s.sum(|c| c.evicted_active));
        stat(&mut o, "evictions", s.sum(|c| c.evicted));
        stat(&mut o, "reclaimed", s.sum(|c| c.reclaimed));
        stat(&mut o, "crawler_reclaimed", 0);
        stat(&mut o, "crawler_items_checked", 0);
        stat(&mut o, "lrutail_reflocked", s.sum(|c| c.lrutail_reflocked));
        stat(&mut o, "moves_to_cold", s.sum(|c| c.moves_to_cold));
        stat(&mut o, "moves_to_warm", s.sum(|c| c.moves_to_warm));
        stat(&mut o, "moves_within_lru", s.sum(|c| c.moves_within_lru));
        stat(&mut o, "direct_reclaims", s.sum(|c| c.direct_reclaims));
        stat(&mut o, "lru_bumps_dropped", 0);
        o.push_str("END\r\n");
        o
    }

    /// `stats settings`: the start-up options.
    pub(crate) fn stats_settings(&self) -> String {
        let st = &self.settings;
        let mut o = String::new();
        stat(&mut o, "maxbytes", st.max_bytes);
        stat(&mut o, "maxconns", 1024);
        stat(&mut o, "tcpport", st.tcp_port);
        stat(&mut o, "udpport", 0);
        stat(&mut o, "inter", "127.0.0.1");
        stat(&mut o, "verbosity", self.verbosity);
        stat(&mut o, "oldest", self.oldest_live);
        stat(&mut o, "evictions", "on");
        stat(&mut o, "domain_socket", "NULL");
        stat(&mut o, "umask", 700);
        stat(&mut o, "shutdown_command", "no");
        stat(&mut o, "growth_factor", format!("{:.2}", st.growth_factor));
        stat(&mut o, "chunk_size", st.chunk_size);
        for (name, value) in [
            ("num_threads", "4"),
            ("num_threads_per_udp", "4"),
            ("stat_key_prefix", ":"),
            ("detail_enabled", "no"),
            ("reqs_per_event", "20"),
            ("cas_enabled", "yes"),
            ("tcp_backlog", "1024"),
            ("binding_protocol", "auto-negotiate"),
            ("auth_enabled_sasl", "no"),
            ("auth_enabled_ascii", "no"),
        ] {
            stat(&mut o, name, value);
        }
        stat(&mut o, "item_size_max", st.item_size_max);
        for (name, value) in [
            ("maxconns_fast", "yes"),
            ("hashpower_init", "0"),
            ("slab_reassign", "yes"),
        ] {
            stat(&mut o, name, value);
        }
        stat(&mut o, "slab_automove", st.slab_automove);
        stat(
            &mut o,
            "slab_automove_ratio",
            format!("{:.2}", st.slab_automove_ratio),
        );
        stat(&mut o, "slab_automove_window", 30);
        stat(&mut o, "slab_chunk_max", st.slab_chunk_size_max());
        for (name, value) in [
            ("lru_crawler", "yes"),
            ("lru_crawler_sleep", "100"),
            ("lru_crawler_tocrawl", "0"),
            ("tail_repair_time", "0"),
            ("flush_enabled", "yes"),
            ("dump_enabled", "yes"),
            ("hash_algorithm", "murmur3"),
            ("lru_maintainer_thread", "yes"),
            ("lru_segmented", "yes"),
        ] {
            stat(&mut o, name, value);
        }
        stat(&mut o, "hot_lru_pct", st.hot_lru_pct);
        stat(&mut o, "warm_lru_pct", st.warm_lru_pct);
        stat(
            &mut o,
            "hot_max_factor",
            format!("{:.2}", st.hot_max_factor),
        );
        stat(
            &mut o,
            "warm_max_factor",
            format!("{:.2}", st.warm_max_factor),
        );
        for (name, value) in [
            ("temp_lru", "no"),
            ("temporary_ttl", "61"),
            ("idle_timeout", "0"),
            ("watcher_logbuf_size", "262144"),
            ("worker_logbuf_size", "65536"),
            ("read_buf_mem_limit", "0"),
            ("track_sizes", "no"),
            ("inline_ascii_response", "no"),
            ("ext_item_size", "512"),
            ("ext_item_age", "4294967295"),
            ("ext_low_ttl", "0"),
            ("ext_recache_rate", "2000"),
            ("ext_wbuf_size", "4194304"),
            ("ext_compact_under", "0"),
            ("ext_drop_under", "0"),
            ("ext_max_sleep", "1000000"),
            ("ext_max_frag", "0.80"),
            ("slab_automove_freeratio", "0.010"),
            ("ext_drop_unread", "no"),
            ("ssl_enabled", "no"),
            ("ssl_chain_cert", "(null)"),
            ("ssl_key", "(null)"),
            ("ssl_verify_mode", "0"),
            ("ssl_keyformat", "1"),
            ("ssl_ciphers", "NULL"),
            ("ssl_ca_cert", "NULL"),
            ("ssl_wbuf_size", "16384"),
            ("ssl_session_cache", "no"),
            ("ssl_kernel_tls", "no"),
            ("ssl_min_version", "tlsv1.2"),
            ("num_napi_ids", "(null)"),
            ("memory_file", "(null)"),
        ] {
            stat(&mut o, name, value);
        }
        o.push_str("END\r\n");
        o
    }

    /// `stats slabs`: every class that has pages, then the totals.
    pub(crate) fn stats_slabs(&self) -> String {
        let mut o = String::new();
        let mut active = 0;
        for (id, class) in self.slabs.classes() {
            if class.pages == 0 {
                continue;
            }
            active += 1;
            let c = self.stats.class(id);
            let mut num = |name: &str, value: u64| {
                let _ = write!(o, "STAT {id}:{name} {value}\r\n");
            };
            num("chunk_size", class.size.into());
            num("chunks_per_page", class.perslab.into());
            num("total_pages", class.pages.into());
            num(
                "total_chunks",
                u64::from(class.pages) * u64::from(class.perslab),
            );
            num("used_chunks", class.used_chunks().into());
            num("free_chunks", class.free_chunks.into());
            num("free_chunks_end", 0);
            num("get_hits", c.get_hits());
            num("cmd_set", c.set_cmds);
            num("delete_hits", c.delete_hits);
            num("incr_hits", c.incr_hits);
            num("decr_hits", c.decr_hits);
            num("cas_hits", c.cas_hits);
            num("cas_badval", c.cas_badval);
            num("touch_hits", c.touch_hits);
        }
        stat(&mut o, "active_slabs", active);
        stat(&mut o, "total_malloced", self.slabs.total_malloced());
        o.push_str("END\r\n");
        o
    }

    /// `stats cachedump <class> <limit>`: keys in the class's COLD segment,
    /// most recent first, with value length and absolute expiry (0 = never).
    pub(crate) fn cachedump(&self, class: ClassId, limit: u32) -> Vec<u8> {
        let mut o = Vec::new();
        let items = self
            .lru
            .iter(class, Segment::Cold)
            .map(|id| &self.arena[id])
            .filter(|item| !item.key_binary);
        for item in items.take(if limit == 0 {
            usize::MAX
        } else {
            limit as usize
        }) {
            let expires = if item.exptime == 0 {
                0
            } else {
                self.clock.to_unix(item.exptime)
            };
            o.extend_from_slice(b"ITEM ");
            o.extend_from_slice(item.key());
            o.extend_from_slice(format!(" [{} b; {expires} s]\r\n", item.data().len()).as_bytes());
        }
        o.extend_from_slice(b"END\r\n");
        o
    }

    /// `stats items`: LRU occupancy and item counters of every class holding items.
    pub(crate) fn stats_items(&self) -> String {
        let mut o = String::new();
        let now = self.clock.now();
        for (id, _) in self.slabs.classes() {
            let [hot, warm, cold] = Segment::ALL.map(|s| self.lru.len(id, s));
            if hot + warm + cold == 0 {
                continue;
            }
            let age = |s: Segment| {
                self.lru
                    .tail(id, s)
                    .map_or(0, |t| now.saturating_sub(self.arena[t].time))
            };
            let c = self.stats.class(id);
            let mem: u64 = Segment::ALL.iter().map(|&s| self.lru.bytes(id, s)).sum();
            let mut num = |name: &str, value: u64| {
                let _ = write!(o, "STAT items:{id}:{name} {value}\r\n");
            };
            num("number", u64::from(hot + warm + cold));
            num("number_hot", hot.into());
            num("number_warm", warm.into());
            num("number_cold", cold.into());
            num("age_hot", age(Segment::Hot).into());
            num("age_warm", age(Segment::Warm).into());
            num("age", age(Segment::Cold).into());
            num("mem_requested", mem);
            num("evicted", c.evicted);
            num("evicted_nonzero", c.evicted_nonzero);
            num("evicted_time", c.evicted_time.into());
            num("outofmemory", c.outofmemory);
            num("tailrepairs", 0);
            num("reclaimed", c.reclaimed);
            num("expired_unfetched", c.expired_unfetched);
            num("evicted_unfetched", c.evicted_unfetched);
            num("evicted_active", c.evicted_active);
            num("crawler_reclaimed", 0);
            num("crawler_items_checked", 0);
            num("lrutail_reflocked", c.lrutail_reflocked);
            num("moves_to_cold", c.moves_to_cold);
            num("moves_to_warm", c.moves_to_warm);
            num("moves_within_lru", c.moves_within_lru);
            num("direct_reclaims", c.direct_reclaims);
            num("hits_to_hot", c.hits_to_hot);
            num("hits_to_warm", c.hits_to_warm);
            num("hits_to_cold", c.hits_to_cold);
            num("hits_to_temp", 0);
        }
        o.push_str("END\r\n");
        o
    }
}
