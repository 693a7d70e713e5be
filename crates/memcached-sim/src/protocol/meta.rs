//! The meta commands mg, ms, md, ma, mn and me (memcached's
//! `process_mget_command` and friends). A meta command is a two-letter
//! name, a key, then single-letter flags, some with a value glued on
//! (`T30`, `Oopaque`). The reply is a two-letter code followed by the
//! flags that ask for something back.

use crate::arithmetic::DeltaResult;
use crate::clock::RelTime;
use crate::events::Event;
use crate::items::AllocError;
use crate::numbers::{parse_i32, parse_u32, parse_u64};
use crate::protocol::{Flush, KEY_MAX_LENGTH, Next, PendingStore, Response, Tokens, base64};
use crate::server::Server;
use crate::store::{StoreMode, StoreResult};

/// Meta commands take at most this many tokens, counting memcached's terminal token.
const MFLAG_MAX_OPT_LENGTH: usize = 20;
/// Longest opaque (`O`) token echoed back.
const MFLAG_MAX_OPAQUE_LENGTH: usize = 32;

const BAD_FORMAT: &str = "CLIENT_ERROR bad command line format";
const BAD_TOKEN: &str = "CLIENT_ERROR bad token in command line format";
const FLAGS_TOO_LONG: &str = "CLIENT_ERROR options flags too long";
const INVALID_FLAG: &str = "CLIENT_ERROR invalid or duplicate flag";
const OPAQUE_TOO_LONG: &str = "CLIENT_ERROR opaque token too long";

/// Runs a meta command line (the command name is two letters starting with m).
pub fn process(server: &mut Server, t: &Tokens) -> Response {
    match t.get(0) {
        b"mg" => mget(server, t),
        b"ms" => mset(server, t),
        b"md" => mdelete(server, t),
        b"ma" => marithmetic(server, t),
        b"me" => mdebug(server, t),
        _ => Response::line(false, "MN").with_flush(Flush::Now),
    }
}

/// An error line; meta errors are never silenced by `q`.
fn error(text: &str) -> Response {
    Response::line(false, text)
}

/// The flags of a meta command (`struct _meta_flags`).
#[derive(Debug, Default)]
struct Flags {
    /// The key, base64-decoded when `b` was given.
    key: Vec<u8>,
    key_binary: bool,
    no_update: bool,
    vivify: bool,
    value: bool,
    set_stale: bool,
    no_reply: bool,
    has_cas: bool,
    new_ttl: bool,
    mode: Option<u8>,
    exptime: RelTime,
    autoviv_exptime: RelTime,
    recache_time: RelTime,
    client_flags: u32,
    req_cas: u64,
    delta: u64,
    initial: u64,
}

/// `_meta_flag_preparse`: reads the flags from token `start` on. Each flag
/// may appear once. Returns the error line memcached would send.
fn preparse(server: &Server, t: &Tokens, start: usize) -> Result<Flags, &'static str> {
    let mut f = Flags {
        key: t.get(1).to_vec(),
        delta: 1,
        ..Flags::default()
    };
    let mut seen = [false; 127];
    let mut err: Option<&'static str> = None;
    let mut failed = false;
    for token in t.tokens().iter().skip(start) {
        let flag = token[0];
        if flag >= 127 || seen[usize::from(flag)] {
            return Err("CLIENT_ERROR duplicate flag");
        }
        seen[usize::from(flag)] = true;
        let arg = &token[1..];
        let rel = |v: i32| server.clock.exptime_to_rel(v);
        match flag {
            b'b' => {
                f.key_binary = true;
                match base64::decode(&f.key) {
                    Some(key) => f.key = key,
                    None => {
                        f.key.clear();
                        err = Some("CLIENT_ERROR error decoding key");
                        failed = true;
                    }
                }
            }
            b'N' | b'T' | b'R' => match parse_i32(arg) {
                None => {
                    err = Some(BAD_TOKEN);
                    failed = true;
                }
                Some(v) if flag == b'N' => {
                    f.vivify = true;
                    f.autoviv_exptime = rel(v);
                }
                Some(v) if flag == b'T' => {
                    f.exptime = rel(v);
                    f.new_ttl = true;
                }
                Some(v) => f.recache_time = rel(v),
            },
            b'l' | b'O' | b'P' | b'L' | b'k' | b's' | b't' | b'c' | b'f' | b'h' => {}
            b'v' => f.value = true,
            b'u' => f.no_update = true,
            b'q' => f.no_reply = true,
            b'F' => match parse_u32(arg) {
                Some(v) => f.client_flags = v,
                None => failed = true,
            },
            b'C' => match parse_u64(arg) {
                Some(v) => {
                    f.req_cas = v;
                    f.has_cas = true;
                }
                None => {
                    err = Some(BAD_TOKEN);
                    failed = true;
                }
            },
            b'M' => {
                if token.len() == 2 {
                    f.mode = Some(token[1]);
                } else {
                    err = Some("CLIENT_ERROR incorrect length for M token");
                    failed = true;
                }
            }
            b'J' => match parse_u64(arg) {
                Some(v) => f.initial = v,
                None => {
                    err = Some("CLIENT_ERROR invalid numeric initial value");
                    failed = true;
                }
            },
            b'D' => match parse_u64(arg) {
                Some(v) => f.delta = v,
                None => {
                    err = Some("CLIENT_ERROR invalid numeric delta value");
                    failed = true;
                }
            },
            b'I' => f.set_stale = true,
            _ => return Err("CLIENT_ERROR invalid flag"),
        }
    }
    if failed {
        Err(err.unwrap_or(BAD_FORMAT))
    } else {
        Ok(f)
    }
}

/// The flags after the key that are echoed back whatever the outcome.
enum Echo<'a> {
    Opaque(&'a [u8]),
    Key,
}

/// Collects the `O` and `k` flags, or the opaque-too-long error.
fn echoes<'a>(t: &Tokens<'a>, start: usize) -> Result<Vec<Echo<'a>>, &'static str> {
    let mut out = Vec::new();
    for token in t.tokens().iter().skip(start) {
        match token[0] {
            b'O' if token.len() > MFLAG_MAX_OPAQUE_LENGTH => return Err(OPAQUE_TOO_LONG),
            b'O' => out.push(Echo::Opaque(token)),
            b'k' => out.push(Echo::Key),
            _ => {}
        }
    }
    Ok(out)
}

/// Appends ` k<key>`, base64 with a ` b` after it for binary keys.
fn push_key(line: &mut Vec<u8>, key: &[u8], binary: bool) {
    line.extend_from_slice(b" k");
    if binary {
        line.extend_from_slice(&base64::encode(key));
        line.extend_from_slice(b" b");
    } else {
        line.extend_from_slice(key);
    }
}

/// Appends ` <opaque>`.
fn push_opaque(line: &mut Vec<u8>, opaque: &[u8]) {
    line.push(b' ');
    line.extend_from_slice(opaque);
}

/// Appends the echoed flags.
fn push_echoes(line: &mut Vec<u8>, echoes: &[Echo], key: &[u8], binary: bool) {
    for echo in echoes {
        match echo {
            Echo::Opaque(o) => push_opaque(line, o),
            Echo::Key => push_key(line, key, binary),
        }
    }
}

/// The `t` flag: seconds left, or -1 for never.
fn ttl(exptime: RelTime, now: RelTime) -> String {
    if exptime == 0 {
        "-1".to_string()
    } else {
        exptime.wrapping_sub(now).to_string()
    }
}

/// mg: fetch with chosen metadata, optionally touching, creating on miss (`N`)
/// and handing out recache tokens (`R`, `W`, `Z`, `X`).
fn mget(server: &mut Server, t: &Tokens) -> Response {
    let n = t.ntokens();
    if n < 3 {
        return error("ERROR");
    }
    if t.get(1).len() > KEY_MAX_LENGTH {
        return error(BAD_FORMAT);
    }
    if n > MFLAG_MAX_OPT_LENGTH {
        return error("CLIENT_ERROR options flags are too long");
    }
    let f = match preparse(server, t, 2) {
        Ok(f) => f,
        Err(e) => return error(e),
    };
    let mut found = server.item_get(&f.key, false);
    let mut created = false;
    if found.is_none()
        && f.vivify
        && let Ok(item) = server.item_alloc(&f.key, 0, 0, 2)
    {
        found = Some(server.item_link_new(item));
        created = true;
    }
    let Some(id) = found else {
        server.stats.get_misses += 1;
        server.stats.get_cmds += 1;
        let echoes = match echoes(t, 2) {
            Ok(e) => e,
            Err(e) => return error(e),
        };
        if f.no_reply {
            return Response::bytes(Vec::new());
        }
        let mut line = b"EN".to_vec();
        push_echoes(&mut line, &echoes, &f.key, f.key_binary);
        line.extend_from_slice(b"\r\n");
        return Response::bytes(line);
    };
    let now = server.clock.now();
    let item = &server.arena[id];
    let mut line = if f.value {
        format!("VA {}", item.data().len()).into_bytes()
    } else {
        b"HD".to_vec()
    };
    let mut won_token = false;
    let mut ttl_set = false;
    for token in t.tokens().iter().skip(2) {
        let item = &mut server.arena[id];
        match token[0] {
            b'T' => {
                ttl_set = true;
                item.exptime = f.exptime;
            }
            b'N' if created => {
                item.exptime = f.autoviv_exptime;
                won_token = true;
            }
            b'R' if !item.token_sent
                && !created
                && item.exptime != 0
                && item.exptime < f.recache_time =>
            {
                won_token = true;
            }
            b's' => line.extend_from_slice(format!(" s{}", item.data().len()).as_bytes()),
            b't' => line.extend_from_slice(format!(" t{}", ttl(item.exptime, now)).as_bytes()),
            b'c' => line.extend_from_slice(format!(" c{}", item.cas).as_bytes()),
            b'f' => line.extend_from_slice(format!(" f{}", item.flags).as_bytes()),
            b'l' => line.extend_from_slice(format!(" l{}", now.wrapping_sub(item.time)).as_bytes()),
            b'h' => line.extend_from_slice(if item.fetched { b" h1" } else { b" h0" }),
            b'O' if token.len() > MFLAG_MAX_OPAQUE_LENGTH => return error(OPAQUE_TOO_LONG),
            b'O' => push_opaque(&mut line, token),
            b'k' => {
                let (key, binary) = (item.key().to_vec(), item.key_binary);
                push_key(&mut line, &key, binary);
            }
            _ => {}
        }
    }
    let item = &mut server.arena[id];
    if item.token_sent {
        line.extend_from_slice(b" Z");
    }
    if item.stale {
        line.extend_from_slice(b" X");
        if !item.token_sent {
            won_token = true;
        }
    }
    if won_token {
        line.extend_from_slice(b" W");
        item.token_sent = true;
    }
    line.extend_from_slice(b"\r\n");
    if f.value {
        line.extend_from_slice(item.data());
        line.extend_from_slice(b"\r\n");
    }
    let (class, segment) = (item.class, item.segment);
    if ttl_set {
        let event = Event::Touched {
            key: item.key().to_vec(),
            class,
        };
        server.events.push(event);
    }
    if !f.no_update {
        server.item_bump(id);
    }
    if ttl_set {
        server.stats.touch_cmds += 1;
        server.stats.class_mut(class).touch_hits += 1;
    } else {
        server.stats.class_mut(class).hit(segment);
        server.stats.get_cmds += 1;
    }
    Response {
        holds: Some(id),
        ..Response::bytes(line)
    }
}

/// What an `ms` reply echoes, in the order the flags were given.
#[derive(Clone, Debug, PartialEq, Eq)]
enum SetEcho {
    Opaque(Vec<u8>),
    Key,
    Cas,
}

/// How an `ms` reply line is written once its data has been stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MetaSet {
    echoes: Vec<SetEcho>,
    /// `I`: a cas older than the item's still stores, marking it stale.
    pub set_stale: bool,
}

impl MetaSet {
    /// The reply line for a finished `ms` (`_finalize_mset`); `q` hides only `HD`.
    pub fn reply(
        &self,
        result: StoreResult,
        cas: u64,
        key: &[u8],
        key_binary: bool,
        quiet: bool,
    ) -> Vec<u8> {
        let code: &[u8] = match result {
            StoreResult::Stored if quiet => return Vec::new(),
            StoreResult::Stored => b"HD",
            StoreResult::Exists => b"EX",
            StoreResult::NotFound => b"NF",
            StoreResult::NotStored => b"NS",
        };
        let mut line = code.to_vec();
        for echo in &self.echoes {
            match echo {
                SetEcho::Opaque(o) => push_opaque(&mut line, o),
                SetEcho::Key => push_key(&mut line, key, key_binary),
                SetEcho::Cas => line.extend_from_slice(format!(" c{cas}").as_bytes()),
            }
        }
        line.extend_from_slice(b"\r\n");
        line
    }
}

/// ms: store with flags; `M` picks add/append/prepend/replace, `C` makes it a cas.
fn mset(server: &mut Server, t: &Tokens) -> Response {
    let n = t.ntokens();
    if n < 3 {
        return error("ERROR");
    }
    if t.get(1).len() > KEY_MAX_LENGTH || n == 3 {
        return error(BAD_FORMAT);
    }
    if n > MFLAG_MAX_OPT_LENGTH {
        return error(FLAGS_TOO_LONG);
    }
    let Some(vlen) = parse_i32(t.get(2)).filter(|v| (0..=i32::MAX - 2).contains(v)) else {
        return error(BAD_FORMAT);
    };
    let nbytes = vlen as usize + 2;
    let refuse = |text: &str| error(text).then(Next::Swallow(nbytes));
    let f = match preparse(server, t, 3) {
        Ok(f) => f,
        Err(e) => return refuse(e),
    };
    let mut echoes = Vec::new();
    let mut opaque_error = false;
    for token in t.tokens().iter().skip(2) {
        match token[0] {
            b'O' if token.len() > MFLAG_MAX_OPAQUE_LENGTH => opaque_error = true,
            b'O' => echoes.push(SetEcho::Opaque(token.to_vec())),
            b'k' => echoes.push(SetEcho::Key),
            b'c' => echoes.push(SetEcho::Cas),
            _ => {}
        }
    }
    let mut mode = match f.mode {
        None | Some(b'S') => StoreMode::Set,
        Some(b'E') => StoreMode::Add,
        Some(b'A') => StoreMode::Append,
        Some(b'P') => StoreMode::Prepend,
        Some(b'R') => StoreMode::Replace,
        Some(_) => return refuse("CLIENT_ERROR invalid mode for ms M token"),
    };
    if f.has_cas && matches!(mode, StoreMode::Set | StoreMode::Replace) {
        mode = StoreMode::Cas;
    }
    if opaque_error {
        return refuse(OPAQUE_TOO_LONG);
    }
    match server.item_alloc(&f.key, f.client_flags, f.exptime, nbytes) {
        Ok(mut item) => {
            item.cas = f.req_cas;
            item.key_binary = f.key_binary;
            let meta = MetaSet {
                echoes,
                set_stale: f.set_stale && mode == StoreMode::Cas,
            };
            let store = PendingStore {
                item,
                mode,
                nbytes,
                noreply: f.no_reply,
                meta: Some(meta),
            };
            Response::bytes(Vec::new()).then(Next::Data(store))
        }
        Err(e) => {
            let text = match e {
                AllocError::TooLarge => {
                    server.stats.store_too_large += 1;
                    "SERVER_ERROR object too large for cache"
                }
                AllocError::OutOfMemory => {
                    server.stats.store_no_memory += 1;
                    "SERVER_ERROR out of memory storing object"
                }
            };
            if let Some(id) = server.item_get(&f.key, false) {
                server.item_unlink(id);
            }
            refuse(text)
        }
    }
}

/// The checks md and ma make, in memcached's order, before acting: a key, its length, the
/// number of flags, and flags that parse. The error is the line to answer.
fn header(server: &Server, t: &Tokens) -> Result<Flags, &'static str> {
    let n = t.ntokens();
    if n < 3 {
        return Err("ERROR");
    }
    if t.get(1).len() > KEY_MAX_LENGTH {
        return Err(BAD_FORMAT);
    }
    if n > MFLAG_MAX_OPT_LENGTH {
        return Err(FLAGS_TOO_LONG);
    }
    preparse(server, t, 2).map_err(|_| INVALID_FLAG)
}

/// md: delete, or with `I` mark stale instead; `C` requires a matching cas.
fn mdelete(server: &mut Server, t: &Tokens) -> Response {
    let f = match header(server, t) {
        Ok(f) => f,
        Err(line) => return error(line),
    };
    let echoes = match echoes(t, 2) {
        Ok(e) => e,
        Err(e) => return error(e),
    };
    let code: &[u8] = match server.item_get(&f.key, false) {
        Some(id) if f.has_cas && server.arena[id].cas != f.req_cas => {
            server.stats.delete_misses += 1;
            b"EX"
        }
        Some(id) => {
            if f.set_stale {
                let cas = server.next_cas();
                let item = &mut server.arena[id];
                if f.new_ttl {
                    item.exptime = f.exptime;
                }
                item.stale = true;
                item.token_sent = false;
                item.cas = cas;
                let event = Event::Updated {
                    key: item.key().to_vec(),
                    class: item.class,
                    cas,
                };
                server.events.push(event);
            } else {
                let class = server.arena[id].class;
                server.stats.class_mut(class).delete_hits += 1;
                server.unlink_with(id, |key, class| Event::Deleted { key, class });
            }
            if f.no_reply {
                return Response::bytes(Vec::new());
            }
            b"HD"
        }
        None => {
            server.stats.delete_misses += 1;
            b"NF"
        }
    };
    let mut line = code.to_vec();
    push_echoes(&mut line, &echoes, &f.key, f.key_binary);
    line.extend_from_slice(b"\r\n");
    Response::bytes(line)
}

/// ma: incr (default) or decr (`MD`) by `D` (default 1); `N` creates a
/// missing counter at `J`.
fn marithmetic(server: &mut Server, t: &Tokens) -> Response {
    let f = match header(server, t) {
        Ok(f) => f,
        Err(line) => return error(line),
    };
    let incr = match f.mode {
        None | Some(b'I' | b'+') => true,
        Some(b'D' | b'-') => false,
        Some(_) => return error("CLIENT_ERROR invalid mode for ma M token"),
    };
    let now = server.clock.now();
    let mut line = Vec::new();
    let held = match server.add_delta(&f.key, incr, f.delta, f.req_cas) {
        DeltaResult::Ok(delta) => {
            if f.no_reply {
                return Response::bytes(Vec::new());
            }
            // When a longer number replaced the item, memcached keeps
            // describing the old one: same cas and expiry, but changes to it
            // (T) are lost.
            let exptime = server
                .table
                .get(&server.arena, &f.key)
                .map_or(0, |id| server.arena[id].exptime);
            Some(Held {
                live: delta.in_place,
                cas: delta.cas,
                exptime,
                value: delta.value,
                created: false,
            })
        }
        DeltaResult::NonNumeric => {
            return error("CLIENT_ERROR cannot increment or decrement non-numeric value");
        }
        DeltaResult::OutOfMemory => return error("SERVER_ERROR out of memory"),
        DeltaResult::NotFound if f.vivify => {
            let digits = f.initial.to_string();
            let Ok(mut item) = server.item_alloc(&f.key, 0, 0, digits.len() + 2) else {
                return error("SERVER_ERROR Out of memory allocating new item");
            };
            item.push_data(digits.as_bytes());
            let (_, cas) = server.store_item(item, StoreMode::Add, false);
            let live = server.table.get(&server.arena, &f.key);
            Some(Held {
                live,
                cas,
                exptime: 0,
                value: digits,
                created: true,
            })
        }
        DeltaResult::NotFound => {
            if incr {
                server.stats.incr_misses += 1;
            } else {
                server.stats.decr_misses += 1;
            }
            line.extend_from_slice(b"NF");
            None
        }
        DeltaResult::CasMismatch => {
            line.extend_from_slice(b"EX");
            None
        }
    };
    let Some(mut held) = held else {
        let echoes = match echoes(t, 2) {
            Ok(e) => e,
            Err(e) => return error(e),
        };
        push_echoes(&mut line, &echoes, &f.key, f.key_binary);
        line.extend_from_slice(b"\r\n");
        return Response::bytes(line);
    };
    line = if f.value {
        format!("VA {}", held.value.len()).into_bytes()
    } else {
        b"HD".to_vec()
    };
    for token in t.tokens().iter().skip(2) {
        match token[0] {
            b'c' => line.extend_from_slice(format!(" c{}", held.cas).as_bytes()),
            b't' => line.extend_from_slice(format!(" t{}", ttl(held.exptime, now)).as_bytes()),
            b'T' => held.set_exptime(server, f.exptime),
            b'N' if held.created => held.set_exptime(server, f.autoviv_exptime),
            b'O' if token.len() > MFLAG_MAX_OPAQUE_LENGTH => return error(OPAQUE_TOO_LONG),
            b'O' => push_opaque(&mut line, token),
            b'k' => push_key(&mut line, &f.key, f.key_binary),
            _ => {}
        }
    }
    line.extend_from_slice(b"\r\n");
    if f.value {
        line.extend_from_slice(held.value.as_bytes());
        line.extend_from_slice(b"\r\n");
    }
    Response::bytes(line)
}

/// The counter item an `ma` reply describes.
struct Held {
    /// The stored item, when the reply's item is still the stored one.
    live: Option<usize>,
    cas: u64,
    exptime: RelTime,
    value: String,
    created: bool,
}

impl Held {
    /// Sets the expiry of the described item (and of the stored one, if it is the same).
    fn set_exptime(&mut self, server: &mut Server, exptime: RelTime) {
        self.exptime = exptime;
        if let Some(id) = self.live {
            server.touch_item(id, exptime);
        }
    }
}

/// me: memcached's debug view of one item.
fn mdebug(server: &mut Server, t: &Tokens) -> Response {
    if t.ntokens() < 3 || t.get(1).len() > KEY_MAX_LENGTH {
        return Response::line(false, BAD_FORMAT);
    }
    let mut key = t.get(1).to_vec();
    if t.ntokens() >= 4 && t.get(2) == b"b" {
        match base64::decode(&key) {
            Some(decoded) => key = decoded,
            None => return Response::line(false, BAD_FORMAT),
        }
    }
    server.stats.meta_cmds += 1;
    let Some(id) = server.item_get(&key, false) else {
        return Response::line(false, "EN");
    };
    let now = server.clock.now();
    let item = &server.arena[id];
    let mut line = b"ME ".to_vec();
    if item.key_binary {
        line.extend_from_slice(&base64::encode(item.key()));
    } else {
        line.extend_from_slice(item.key());
    }
    // memcached prints the unsigned difference as a signed int.
    let exp = if item.exptime == 0 {
        -1
    } else {
        now.wrapping_sub(item.exptime) as i32
    };
    let fetch = if item.fetched { "yes" } else { "no" };
    let rest = format!(
        " exp={exp} la={} cas={} fetch={fetch} cls={} size={}\r\n",
        now.wrapping_sub(item.time),
        item.cas,
        item.class,
        item.total_size()
    );
    line.extend_from_slice(rest.as_bytes());
    Response::bytes(line)
}
