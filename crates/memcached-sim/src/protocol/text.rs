//! The classic text protocol: one command line in, one reply out
//! (memcached's `proto_text.c`, `process_command_ascii` and friends).

use crate::arithmetic::DeltaResult;
use crate::events::Event;
use crate::items::AllocError;
use crate::numbers::{parse_f64, parse_i32, parse_u32, parse_u64, push_decimal};
use crate::protocol::{Flush, KEY_MAX_LENGTH, Next, PendingStore, Response, Tokens, meta};
use crate::server::Server;
use crate::stats::VERSION;
use crate::store::StoreMode;

/// Highest `verbosity` level memcached keeps.
const MAX_VERBOSITY_LEVEL: u32 = 2;

const BAD_FORMAT: &str = "CLIENT_ERROR bad command line format";
const BAD_EXPTIME: &str = "CLIENT_ERROR invalid exptime argument";

/// Runs one command line (without its line ending) and returns the reply.
pub fn process_command(server: &mut Server, line: &[u8]) -> Response {
    let t = Tokens::split(line);
    let n = t.ntokens();
    let cmd = t.get(0);
    if n < 2 || cmd.len() < 2 {
        return Response::line(false, "ERROR");
    }
    let error = || Response::line(false, "ERROR");
    match cmd {
        [b'm', b'g' | b's' | b'd' | b'a' | b'n' | b'e'] => meta::process(server, &t),
        [b'm', _] => error(),
        b"get" | b"bget" if n >= 3 => process_get(server, &t, false, false),
        b"gets" if n >= 3 => process_get(server, &t, true, false),
        b"gat" if n >= 3 => process_get(server, &t, false, true),
        b"gats" if n >= 3 => process_get(server, &t, true, true),
        b"set" | b"add" | b"append" | b"replace" | b"prepend" if n == 6 || n == 7 => {
            let mode = match cmd {
                b"set" => StoreMode::Set,
                b"add" => StoreMode::Add,
                b"append" => StoreMode::Append,
                b"replace" => StoreMode::Replace,
                _ => StoreMode::Prepend,
            };
            process_update(server, &t, mode)
        }
        b"cas" if n == 7 || n == 8 => process_update(server, &t, StoreMode::Cas),
        b"incr" if n == 4 || n == 5 => process_arithmetic(server, &t, true),
        b"decr" if n == 4 || n == 5 => process_arithmetic(server, &t, false),
        b"delete" if (3..=5).contains(&n) => process_delete(server, &t),
        b"touch" if n == 4 || n == 5 => process_touch(server, &t),
        b"stats" => process_stats(server, &t),
        b"flush_all" if (2..=4).contains(&n) => process_flush_all(server, &t),
        b"version" => Response::line(false, &format!("VERSION {VERSION}")),
        b"quit" => Response::bytes(Vec::new())
            .with_flush(Flush::Now)
            .then(Next::Close),
        b"verbosity" if n == 3 || n == 4 => process_verbosity(server, &t),
        b"shutdown" => Response::line(false, "ERROR: shutdown not enabled"),
        b"cache_memlimit" if n == 3 || n == 4 => process_memlimit(&t),
        b"slabs" if n >= 4 && t.get(1) == b"automove" => process_slabs_automove(server, &t),
        b"lru" if n >= 3 => process_lru(server, &t),
        // An HTTP request line: memcached hangs up without sending what is queued.
        _ if t.last().starts_with(b"HTTP/") && !is_known(cmd) => Response::bytes(Vec::new())
            .with_flush(Flush::DropUnsent)
            .then(Next::Close),
        _ => error(),
    }
}

/// Commands memcached recognises by name, whose wrong arity answers ERROR
/// rather than falling through to the HTTP check.
fn is_known(cmd: &[u8]) -> bool {
    matches!(cmd[0], b'g' | b's' | b'a' | b'c' | b'i' | b'd' | b't')
        || matches!(
            cmd,
            b"replace"
                | b"prepend"
                | b"bget"
                | b"flush_all"
                | b"version"
                | b"quit"
                | b"verbosity"
                | b"lru_crawler"
                | b"watch"
                | b"lru"
        )
}

/// `noreply` as the last token.
fn noreply(t: &Tokens) -> bool {
    t.last() == b"noreply"
}

/// The key token, checked for length.
fn key<'a>(t: &Tokens<'a>, i: usize) -> Option<&'a [u8]> {
    let key = t.get(i);
    (key.len() <= KEY_MAX_LENGTH).then_some(key)
}

/// get, gets, gat, gats: one VALUE block per key found, then END.
fn process_get(server: &mut Server, t: &Tokens, return_cas: bool, touch: bool) -> Response {
    let mut first_key = 1;
    let mut exptime = 0;
    if touch {
        let Some(e) = parse_i32(t.get(1)) else {
            return Response::line(false, BAD_EXPTIME);
        };
        exptime = server.clock.exptime_to_rel(e);
        first_key = 2;
    }
    let mut out = Vec::new();
    // More keys than one split holds are split again, as memcached does.
    let mut more_keys;
    let mut keys = t.tokens().get(first_key..).unwrap_or(&[]);
    let mut rest = t.rest;
    loop {
        for key in keys {
            if key.len() > KEY_MAX_LENGTH {
                // memcached drops every reply it has not sent yet, this get's included.
                return Response::line(false, BAD_FORMAT).with_flush(Flush::DropUnsent);
            }
            server.fetch_one(key, return_cas, touch.then_some(exptime), &mut out);
        }
        let Some(more) = rest else { break };
        more_keys = Tokens::split(more);
        keys = more_keys.tokens();
        rest = more_keys.rest;
    }
    out.extend_from_slice(b"END\r\n");
    Response::bytes(out).with_flush(Flush::Now)
}

impl Server {
    /// Looks up one key for get/gets/gat/gats, counts the hit or miss, and
    /// appends its VALUE block when found.
    fn fetch_one(&mut self, key: &[u8], return_cas: bool, touch: Option<u32>, out: &mut Vec<u8>) {
        let found = self.item_get(key, true);
        if touch.is_some() {
            self.stats.touch_cmds += 1;
        } else {
            self.stats.get_cmds += 1;
        }
        let Some(id) = found else {
            if touch.is_some() {
                self.stats.touch_misses += 1;
            } else {
                self.stats.get_misses += 1;
            }
            return;
        };
        if let Some(exptime) = touch {
            self.touch_item(id, exptime);
            let class = self.arena[id].class;
            self.stats.class_mut(class).touch_hits += 1;
        } else {
            let (class, segment) = (self.arena[id].class, self.arena[id].segment);
            self.stats.class_mut(class).hit(segment);
        }
        let item = &self.arena[id];
        out.extend_from_slice(b"VALUE ");
        out.extend_from_slice(item.key());
        out.push(b' ');
        push_decimal(out, u64::from(item.flags));
        out.push(b' ');
        push_decimal(out, item.data().len() as u64);
        if return_cas {
            out.push(b' ');
            push_decimal(out, item.cas);
        }
        out.extend_from_slice(b"\r\n");
        out.extend_from_slice(item.data());
        out.extend_from_slice(b"\r\n");
    }
}

/// set, add, replace, append, prepend, cas: allocate the item now, read its data next.
fn process_update(server: &mut Server, t: &Tokens, mode: StoreMode) -> Response {
    let noreply = noreply(t);
    let Some(key) = key(t, 1) else {
        return Response::line(noreply, BAD_FORMAT);
    };
    let (Some(flags), Some(exptime), Some(vlen)) = (
        parse_u32(t.get(2)),
        parse_i32(t.get(3)),
        parse_i32(t.get(4)),
    ) else {
        return Response::line(noreply, BAD_FORMAT);
    };
    let exptime = server.clock.exptime_to_rel(exptime);
    let mut req_cas = 0;
    if mode == StoreMode::Cas {
        let Some(cas) = parse_u64(t.get(5)) else {
            return Response::line(noreply, BAD_FORMAT);
        };
        req_cas = cas;
    }
    if !(0..=i32::MAX - 2).contains(&vlen) {
        return Response::line(noreply, BAD_FORMAT);
    }
    let nbytes = vlen as usize + 2;
    match server.item_alloc(key, flags, exptime, nbytes) {
        Ok(mut item) => {
            item.cas = req_cas;
            Response::bytes(Vec::new()).then(Next::Data(PendingStore {
                item,
                mode,
                nbytes,
                noreply,
                meta: None,
            }))
        }
        Err(error) => {
            let message = match error {
                AllocError::TooLarge => {
                    server.stats.store_too_large += 1;
                    "SERVER_ERROR object too large for cache"
                }
                AllocError::OutOfMemory => {
                    server.stats.store_no_memory += 1;
                    "SERVER_ERROR out of memory storing object"
                }
            };
            // A failed set must not leave the old value readable.
            if mode == StoreMode::Set
                && let Some(id) = server.item_get(key, false)
            {
                server.item_unlink(id);
            }
            Response::line(noreply, message).then(Next::Swallow(nbytes))
        }
    }
}

/// incr and decr.
fn process_arithmetic(server: &mut Server, t: &Tokens, incr: bool) -> Response {
    let noreply = noreply(t);
    let Some(key) = key(t, 1) else {
        return Response::line(noreply, BAD_FORMAT);
    };
    let Some(delta) = parse_u64(t.get(2)) else {
        return Response::line(noreply, "CLIENT_ERROR invalid numeric delta argument");
    };
    match server.add_delta(key, incr, delta, 0) {
        DeltaResult::Ok(delta) => Response::line(noreply, &delta.value),
        DeltaResult::NonNumeric => Response::line(
            noreply,
            "CLIENT_ERROR cannot increment or decrement non-numeric value",
        ),
        DeltaResult::OutOfMemory => Response::line(noreply, "SERVER_ERROR out of memory"),
        DeltaResult::NotFound | DeltaResult::CasMismatch => {
            if incr {
                server.stats.incr_misses += 1;
            } else {
                server.stats.decr_misses += 1;
            }
            Response::line(noreply, "NOT_FOUND")
        }
    }
}

/// delete: the only extra arguments allowed are a legacy hold time of 0 and noreply.
fn process_delete(server: &mut Server, t: &Tokens) -> Response {
    let n = t.ntokens();
    let mut noreply = false;
    if n > 3 {
        let hold_is_zero = t.get(2) == b"0";
        noreply = self::noreply(t);
        let valid = (n == 4 && (hold_is_zero || noreply)) || (n == 5 && hold_is_zero && noreply);
        if !valid {
            return Response::line(
                noreply,
                "CLIENT_ERROR bad command line format.  Usage: delete <key> [noreply]",
            );
        }
    }
    let Some(key) = key(t, 1) else {
        return Response::line(noreply, BAD_FORMAT);
    };
    match server.item_get(key, false) {
        Some(id) => {
            let class = server.arena[id].class;
            server.stats.class_mut(class).delete_hits += 1;
            server.unlink_with(id, |key, class| Event::Deleted { key, class });
            Response::line(noreply, "DELETED")
        }
        None => {
            server.stats.delete_misses += 1;
            Response::line(noreply, "NOT_FOUND")
        }
    }
}

/// touch: a new expiration time without fetching the value.
fn process_touch(server: &mut Server, t: &Tokens) -> Response {
    let noreply = noreply(t);
    let Some(key) = key(t, 1) else {
        return Response::line(noreply, BAD_FORMAT);
    };
    let Some(exptime) = parse_i32(t.get(2)) else {
        return Response::line(noreply, BAD_EXPTIME);
    };
    let exptime = server.clock.exptime_to_rel(exptime);
    server.stats.touch_cmds += 1;
    match server.item_get(key, true) {
        Some(id) => {
            server.touch_item(id, exptime);
            let class = server.arena[id].class;
            server.stats.class_mut(class).touch_hits += 1;
            Response::line(noreply, "TOUCHED")
        }
        None => {
            server.stats.touch_misses += 1;
            Response::line(noreply, "NOT_FOUND")
        }
    }
}

/// flush_all [delay] [noreply]: invalidates every item now or at a later second.
fn process_flush_all(server: &mut Server, t: &Tokens) -> Response {
    let noreply = noreply(t);
    server.stats.flush_cmds += 1;
    let mut exptime = 0;
    if t.ntokens() != if noreply { 3 } else { 2 } {
        match parse_i32(t.get(1)) {
            Some(e) => exptime = e,
            None => return Response::line(noreply, BAD_EXPTIME),
        }
    }
    let new_oldest = if exptime > 0 {
        server.clock.realtime(i64::from(exptime))
    } else {
        server.clock.now()
    };
    server.oldest_live = new_oldest.wrapping_sub(1);
    if server.oldest_live <= server.clock.now() {
        server.oldest_cas = server.next_cas();
    }
    Response::line(noreply, "OK")
}

/// verbosity: accepted and clamped; it only affects the server's log.
fn process_verbosity(server: &mut Server, t: &Tokens) -> Response {
    let noreply = noreply(t);
    let Some(level) = parse_u32(t.get(1)) else {
        return Response::line(noreply, BAD_FORMAT);
    };
    server.verbosity = level.min(MAX_VERBOSITY_LEVEL);
    Response::line(noreply, "OK")
}

/// cache_memlimit: this engine's memory limit is fixed at start-up, so only
/// the argument checks are answered as memcached answers them.
fn process_memlimit(t: &Tokens) -> Response {
    let noreply = noreply(t);
    match parse_u32(t.get(1)) {
        None => Response::line(noreply, "ERROR"),
        Some(m) if m < 8 => Response::line(
            noreply,
            "MEMLIMIT_TOO_SMALL cannot set maxbytes to less than 8m",
        ),
        Some(m) if m > 1_000_000_000 => Response::line(
            noreply,
            "MEMLIMIT_ADJUST_FAILED input value is megabytes not bytes",
        ),
        Some(_) => Response::line(
            noreply,
            "MEMLIMIT_ADJUST_FAILED out of bounds or unable to adjust",
        ),
    }
}

/// slabs automove <0|1|2> | ratio <r>: settings of the page mover.
fn process_slabs_automove(server: &mut Server, t: &Tokens) -> Response {
    let noreply = noreply(t);
    if t.get(2) == b"ratio" {
        match parse_f64(t.get(3)) {
            Some(ratio) if t.ntokens() >= 5 => server.settings.slab_automove_ratio = ratio,
            _ => return Response::line(noreply, "ERROR"),
        }
    } else {
        match parse_u32(t.get(2)) {
            None => return Response::line(noreply, BAD_FORMAT),
            Some(level @ 0..=2) => server.settings.slab_automove = level,
            Some(_) => return Response::line(noreply, "ERROR"),
        }
    }
    Response::line(noreply, "OK")
}

/// lru tune <hot pct> <warm pct> <hot factor> <warm factor>: resizes the
/// segments. (`lru mode` and `lru temp_ttl` are not modelled.)
fn process_lru(server: &mut Server, t: &Tokens) -> Response {
    let noreply = noreply(t);
    if t.get(1) != b"tune" || t.ntokens() < 7 {
        return Response::line(noreply, "ERROR");
    }
    let (Some(hot), Some(warm), Some(hot_factor), Some(warm_factor)) = (
        parse_u32(t.get(2)),
        parse_u32(t.get(3)),
        parse_f64(t.get(4)),
        parse_f64(t.get(5)),
    ) else {
        return Response::line(noreply, "ERROR");
    };
    if hot.wrapping_add(warm) > 80 {
        return Response::line(noreply, "ERROR hot and warm pcts must not exceed 80");
    }
    if warm_factor <= 0.0 || hot_factor <= 0.0 {
        return Response::line(noreply, "ERROR hot/warm age factors must be greater than 0");
    }
    let st = &mut server.settings;
    (
        st.hot_lru_pct,
        st.warm_lru_pct,
        st.hot_max_factor,
        st.warm_max_factor,
    ) = (hot, warm, hot_factor, warm_factor);
    Response::line(noreply, "OK")
}

/// stats and its sub-reports.
fn process_stats(server: &mut Server, t: &Tokens) -> Response {
    let report = match t.get(1) {
        b"" if t.ntokens() == 2 => server.stats_general(),
        b"reset" => {
            server.stats.reset();
            return Response::line(false, "RESET");
        }
        b"detail" => {
            let reply = match t.get(2) {
                b"on" | b"off" => "OK",
                b"dump" => return Response::line(false, "END"),
                _ => "CLIENT_ERROR usage: stats detail on|off|dump",
            };
            return Response::line(false, reply);
        }
        b"settings" => server.stats_settings(),
        b"cachedump" => {
            if t.ntokens() < 5 {
                return Response::line(false, "CLIENT_ERROR bad command line");
            }
            let (Some(class), Some(limit)) = (parse_u32(t.get(2)), parse_u32(t.get(3))) else {
                return Response::line(false, BAD_FORMAT);
            };
            match u8::try_from(class) {
                Ok(class) if class < 64 => return Response::bytes(server.cachedump(class, limit)),
                _ => return Response::line(false, "CLIENT_ERROR Illegal slab id"),
            }
        }
        b"slabs" => server.stats_slabs(),
        b"items" => server.stats_items(),
        b"sizes" => "STAT sizes_status disabled\r\nEND\r\n".to_string(),
        _ => return Response::line(false, "ERROR"),
    };
    Response::bytes(report.into_bytes())
}
