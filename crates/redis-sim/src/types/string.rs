//! Strings (t_string.c): SET and its options, GET and friends, counters,
//! ranges and APPEND.

use crate::args;
use crate::bytes::SmallBytes;
use crate::expire::{Expiry, ExpiryKind, parse_expiry_option, resolve_expiry};
use crate::long_double::{self, SumError};
use crate::memory;
use crate::numbers::parse_i64;
use crate::object::Value;
use crate::reply::{Reply, errors};
use crate::{ClientId, Server};

type Result = std::result::Result<Reply, Reply>;

/// Largest string Redis accepts (`proto-max-bulk-len`, 512 MB).
const MAX_STRING: usize = 512 * 1024 * 1024;

/// Largest string this engine will build. It runs in a browser tab, so a
/// 512 MB SETRANGE answers the out-of-memory error a full server would.
const PLAYGROUND_MAX_STRING: usize = 64 * 1024 * 1024;

/// Strings up to this length are stored in one allocation with their header ("embstr").
const EMBSTR_MAX: usize = 44;

/// How Redis stores a string, as OBJECT ENCODING names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StringEncoding {
    /// A 64-bit integer kept as a number.
    Int,
    /// A short string (at most 44 bytes) allocated with its header.
    Embstr,
    /// A separately allocated string, and any string modified in place.
    Raw,
}

/// A string's bytes: kept as given (short ones inline, so reading a small value
/// does not follow a pointer), or in a growable buffer once modified in place.
#[derive(Debug, Clone)]
enum Contents {
    /// Stored as SET and friends received it.
    Fixed(SmallBytes),
    /// Grown or rewritten in place (APPEND, SETRANGE, SETBIT, PFADD...).
    Growable(Vec<u8>),
}

impl Contents {
    fn as_slice(&self) -> &[u8] {
        match self {
            Contents::Fixed(bytes) => bytes,
            Contents::Growable(bytes) => bytes,
        }
    }
}

impl PartialEq for Contents {
    fn eq(&self, other: &Contents) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl Eq for Contents {}

/// A string value with its encoding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StringValue {
    bytes: Contents,
    encoding: StringEncoding,
    /// The sds buffer of a string grown in place: header size and capacity
    /// (MEMORY USAGE counts the spare room Redis keeps after an APPEND).
    buffer: Option<SdsBuffer>,
}

impl Default for StringValue {
    fn default() -> Self {
        StringValue {
            bytes: Contents::Growable(Vec::new()),
            encoding: StringEncoding::Embstr,
            buffer: None,
        }
    }
}

impl StringValue {
    /// `tryObjectEncoding`: what SET stores, an integer when the text is one.
    pub fn encoded(bytes: impl Into<SmallBytes>) -> StringValue {
        let bytes = bytes.into();
        let encoding = if bytes.len() <= 20 && parse_i64(&bytes).is_some() {
            StringEncoding::Int
        } else {
            Self::plain_encoding(&bytes)
        };
        StringValue {
            bytes: Contents::Fixed(bytes),
            encoding,
            buffer: None,
        }
    }

    /// `createStringObject`: what INCRBYFLOAT stores, never an integer.
    pub fn plain(bytes: Vec<u8>) -> StringValue {
        let encoding = Self::plain_encoding(&bytes);
        StringValue {
            bytes: Contents::Fixed(bytes.into()),
            encoding,
            buffer: None,
        }
    }

    fn plain_encoding(bytes: &[u8]) -> StringEncoding {
        if bytes.len() <= EMBSTR_MAX {
            StringEncoding::Embstr
        } else {
            StringEncoding::Raw
        }
    }

    /// The bytes of the string.
    pub fn bytes(&self) -> &[u8] {
        self.bytes.as_slice()
    }

    /// The value as a bulk reply: stored bytes are copied whole, a fixed-size copy for
    /// short ones (GET is the most common command of all).
    pub fn to_bulk(&self) -> Reply {
        match &self.bytes {
            Contents::Fixed(bytes) => Reply::Bulk(bytes.clone()),
            Contents::Growable(bytes) => Reply::bulk(bytes),
        }
    }

    /// OBJECT ENCODING's answer.
    pub fn encoding(&self) -> &'static str {
        match self.encoding {
            StringEncoding::Int => "int",
            StringEncoding::Embstr => "embstr",
            StringEncoding::Raw => "raw",
        }
    }

    /// A string built by a command that allocates it directly (BITOP): always "raw".
    pub fn raw(bytes: Vec<u8>) -> StringValue {
        StringValue {
            bytes: Contents::Growable(bytes),
            encoding: StringEncoding::Raw,
            buffer: None,
        }
    }

    /// Bytes to modify in place, with room for `len` of them; the string
    /// becomes "raw" and its buffer grows as `sdsMakeRoomFor` grows it.
    pub(crate) fn grown_to(&mut self, len: usize) -> &mut Vec<u8> {
        let buffer = match (self.encoding, self.buffer) {
            // A key created by SETRANGE or SETBIT starts at the size asked for.
            (_, None) if self.bytes().is_empty() => SdsBuffer::exact(len),
            (StringEncoding::Raw, Some(buffer)) => buffer,
            // An int or embstr value is first copied into an exact-size buffer.
            _ => SdsBuffer::exact(self.bytes().len()),
        };
        self.buffer = Some(buffer.make_room(len));
        self.encoding = StringEncoding::Raw;
        if let Contents::Fixed(fixed) = &self.bytes {
            self.bytes = Contents::Growable(fixed.to_vec());
        }
        match &mut self.bytes {
            Contents::Growable(bytes) => bytes,
            Contents::Fixed(_) => unreachable!("made growable just above"),
        }
    }

    /// The bytes allocated for the string's buffer, when it was grown in place.
    pub fn buffer_allocation(&self) -> Option<usize> {
        self.buffer.map(SdsBuffer::allocation)
    }
}

/// An sds string buffer: its header size and how many bytes it can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct SdsBuffer {
    header: usize,
    capacity: usize,
}

impl SdsBuffer {
    /// `sdsnewlen`: the smallest header for `len`, and the room jemalloc's
    /// rounding leaves (none for the 1-byte header, which has no length field).
    fn exact(len: usize) -> SdsBuffer {
        let header = memory::sds_header(len);
        let capacity = if header == 1 {
            len
        } else {
            memory::allocation(header + len + 1) - header - 1
        };
        SdsBuffer { header, capacity }
    }

    /// `sdsMakeRoomFor`: nothing if `len` fits, otherwise twice `len` (or
    /// 1 MB more past 1 MB), never with the 1-byte header.
    fn make_room(self, len: usize) -> SdsBuffer {
        if len <= self.capacity {
            return self;
        }
        const MAX_PREALLOC: usize = 1024 * 1024;
        let wanted = if len < MAX_PREALLOC {
            len * 2
        } else {
            len + MAX_PREALLOC
        };
        let header = memory::sds_header(wanted).max(3);
        SdsBuffer {
            header,
            capacity: memory::allocation(header + wanted + 1) - header - 1,
        }
    }

    fn allocation(self) -> usize {
        memory::allocation(self.header + self.capacity + 1)
    }
}

/// The string under `key` for a command that reads it, `None` if absent, WRONGTYPE
/// for other types.
pub(crate) fn read_string(
    server: &mut Server,
    client: ClientId,
    key: &[u8],
) -> std::result::Result<Option<Vec<u8>>, Reply> {
    Ok(server
        .read::<StringValue>(client, key)?
        .map(|s| s.bytes().to_vec()))
}

/// Stores a fresh string the way SET does (TTL dropped unless `keep_ttl`).
fn store_string(
    server: &mut Server,
    client: ClientId,
    key: &[u8],
    value: StringValue,
    keep_ttl: bool,
) {
    let db = server.db_index(client);
    server.store(db, key, Value::String(value), keep_ttl);
}

/// The options SET accepts after the value.
#[derive(Debug, Default)]
struct SetOptions {
    nx: bool,
    xx: bool,
    get: bool,
    keep_ttl: bool,
    expiry: Option<Expiry>,
}

/// Parses SET's options with the same exclusions Redis applies: NX/XX, one
/// kind of expiry, KEEPTTL only without an expiry.
fn parse_set_options(options: &[Vec<u8>]) -> std::result::Result<SetOptions, Reply> {
    let mut parsed = SetOptions::default();
    let mut i = 0;
    while let Some(option) = options.get(i) {
        let next = options.get(i + 1);
        if args::is(option, "nx") && !parsed.xx {
            parsed.nx = true;
        } else if args::is(option, "xx") && !parsed.nx {
            parsed.xx = true;
        } else if args::is(option, "get") {
            parsed.get = true;
        } else if args::is(option, "keepttl") && parsed.expiry.is_none() {
            parsed.keep_ttl = true;
        } else if let Some(expiry) = parse_expiry_option(option, next, parsed.expiry.as_ref())
            && !parsed.keep_ttl
        {
            parsed.expiry = Some(expiry);
            i += 1;
        } else {
            return Err(Reply::error(errors::SYNTAX));
        }
        i += 1;
    }
    Ok(parsed)
}

/// SET key value [NX|XX] [GET] [EX|PX|EXAT|PXAT time|KEEPTTL].
pub fn set(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let options = parse_set_options(&argv[3..])?;
    let expire_at = match &options.expiry {
        Some(expiry) => Some(resolve_expiry(expiry, server.now_ms, "set")?),
        None => None,
    };
    let key = &argv[1];
    let old = if options.get {
        Some(read_string(server, client, key)?)
    } else {
        None
    };
    let db = server.db_index(client);
    if options.nx || options.xx {
        let exists = server.key_exists(db, key);
        if (options.nx && exists) || (options.xx && !exists) {
            return Ok(old.map_or(Reply::Nil, Reply::bulk_or_nil));
        }
    }
    store_string(
        server,
        client,
        key,
        StringValue::encoded(argv[2].as_slice()),
        options.keep_ttl,
    );
    if let Some(at) = expire_at {
        server.set_expire(db, key, at);
    }
    Ok(old.map_or_else(Reply::ok, Reply::bulk_or_nil))
}

/// GET key.
pub fn get(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    Ok(server
        .read::<StringValue>(client, &argv[1])?
        .map_or(Reply::Nil, |s| s.to_bulk()))
}

/// GETSET key value: SET that answers the old value.
pub fn getset(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let old = read_string(server, client, &argv[1])?;
    store_string(
        server,
        client,
        &argv[1],
        StringValue::encoded(argv[2].as_slice()),
        false,
    );
    Ok(Reply::bulk_or_nil(old))
}

/// GETDEL key: GET, then delete the key.
pub fn getdel(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let old = read_string(server, client, &argv[1])?;
    if old.is_some() {
        server.delete(server.db_index(client), &argv[1]);
    }
    Ok(Reply::bulk_or_nil(old))
}

/// GETEX key [EX|PX|EXAT|PXAT time|PERSIST]: GET that also sets or clears the TTL.
pub fn getex(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let mut expiry = None;
    let mut persist = false;
    let mut i = 2;
    while let Some(option) = argv.get(i) {
        if args::is(option, "persist") && expiry.is_none() {
            persist = true;
        } else if let Some(parsed) = parse_expiry_option(option, argv.get(i + 1), expiry.as_ref())
            && !persist
        {
            expiry = Some(parsed);
            i += 1;
        } else {
            return Err(Reply::error(errors::SYNTAX));
        }
        i += 1;
    }
    let expire_at = match &expiry {
        Some(expiry) => Some(resolve_expiry(expiry, server.now_ms, "getex")?),
        None => None,
    };
    let key = &argv[1];
    let Some(value) = read_string(server, client, key)? else {
        return Ok(Reply::Nil);
    };
    let db = server.db_index(client);
    match expire_at {
        Some(at) if at <= server.now_ms => {
            server.delete(db, key);
        }
        Some(at) => server.set_expire(db, key, at),
        None if persist => {
            server.persist(db, key);
        }
        None => {}
    }
    Ok(Reply::bulk(value))
}

/// SETNX key value: SET NX answering 1 or 0.
pub fn setnx(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let db = server.db_index(client);
    if server.key_exists(db, &argv[1]) {
        return Ok(Reply::Integer(0));
    }
    store_string(
        server,
        client,
        &argv[1],
        StringValue::encoded(argv[2].as_slice()),
        false,
    );
    Ok(Reply::Integer(1))
}

/// SETEX / PSETEX key time value: SET with a relative TTL in the given unit.
fn set_with_ttl(
    server: &mut Server,
    client: ClientId,
    argv: &[Vec<u8>],
    kind: ExpiryKind,
    name: &str,
) -> Result {
    let at = resolve_expiry(
        &Expiry {
            kind,
            value: argv[2].clone(),
        },
        server.now_ms,
        name,
    )?;
    store_string(
        server,
        client,
        &argv[1],
        StringValue::encoded(argv[3].as_slice()),
        false,
    );
    server.set_expire(server.db_index(client), &argv[1], at);
    Ok(Reply::ok())
}

/// SETEX key seconds value.
pub fn setex(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    set_with_ttl(server, client, argv, ExpiryKind::Ex, "setex")
}

/// PSETEX key milliseconds value.
pub fn psetex(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    set_with_ttl(server, client, argv, ExpiryKind::Px, "psetex")
}

/// The key-value pairs of MSET and MSETNX; an odd count is an arity error.
fn pairs<'a>(
    argv: &'a [Vec<u8>],
    name: &str,
) -> std::result::Result<std::slice::ChunksExact<'a, Vec<u8>>, Reply> {
    if argv.len().is_multiple_of(2) {
        return Err(Reply::error(format!(
            "ERR wrong number of arguments for '{name}' command"
        )));
    }
    Ok(argv[1..].chunks_exact(2))
}

/// MSET key value [key value ...].
pub fn mset(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    for pair in pairs(argv, "mset")? {
        store_string(
            server,
            client,
            &pair[0],
            StringValue::encoded(pair[1].as_slice()),
            false,
        );
    }
    Ok(Reply::ok())
}

/// MSETNX key value [key value ...]: all or nothing, only if no key exists.
pub fn msetnx(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let db = server.db_index(client);
    let pairs = pairs(argv, "msetnx")?;
    if pairs.clone().any(|pair| server.key_exists(db, &pair[0])) {
        return Ok(Reply::Integer(0));
    }
    for pair in pairs {
        store_string(
            server,
            client,
            &pair[0],
            StringValue::encoded(pair[1].as_slice()),
            false,
        );
    }
    Ok(Reply::Integer(1))
}

/// MGET key [key ...]: nil for missing keys and for keys of other types.
pub fn mget(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let values = argv[1..]
        .iter()
        .map(|key| Reply::bulk_or_nil(read_string(server, client, key).ok().flatten()));
    Ok(Reply::Array(values.collect()))
}

/// Refuses strings longer than Redis (or this playground) allows.
pub(crate) fn check_length(len: usize) -> std::result::Result<(), Reply> {
    if len > MAX_STRING {
        return Err(Reply::error(
            "ERR string exceeds maximum allowed size (proto-max-bulk-len)",
        ));
    }
    if len > PLAYGROUND_MAX_STRING {
        return Err(Reply::error(
            "OOM command not allowed when used memory > 'maxmemory'.",
        ));
    }
    Ok(())
}

/// APPEND key value: the new length.
pub fn append(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let key = &argv[1];
    let Some(current) = server.read_for_write::<StringValue>(client, key)? else {
        store_string(
            server,
            client,
            key,
            StringValue::encoded(argv[2].as_slice()),
            false,
        );
        return Ok(Reply::count(argv[2].len()));
    };
    check_length(current.bytes().len() + argv[2].len())?;
    let new_len = current.bytes().len() + argv[2].len();
    let bytes = current.grown_to(new_len);
    bytes.extend_from_slice(&argv[2]);
    let len = bytes.len();
    server.changed(client, key);
    Ok(Reply::count(len))
}

/// STRLEN key.
pub fn strlen(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    Ok(Reply::count(
        read_string(server, client, &argv[1])?.map_or(0, |s| s.len()),
    ))
}

/// GETRANGE key start end: a substring, with negative offsets from the end.
pub fn getrange(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let (start, end) = (args::int(&argv[2])?, args::int(&argv[3])?);
    let value = read_string(server, client, &argv[1])?.unwrap_or_default();
    let len = i64::try_from(value.len()).unwrap_or(i64::MAX);
    if start < 0 && end < 0 && start > end {
        return Ok(Reply::bulk(""));
    }
    match crate::bitops::clamp(start, end, len) {
        Some((start, end)) => Ok(Reply::bulk(&value[start..=end])),
        None => Ok(Reply::bulk("")),
    }
}

/// SETRANGE key offset value: overwrite from offset, padding with zero bytes.
pub fn setrange(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let offset = usize::try_from(args::int(&argv[2])?)
        .map_err(|_| Reply::error("ERR offset is out of range"))?;
    let (key, patch) = (&argv[1], &argv[3]);
    let current_len = server
        .read_for_write::<StringValue>(client, key)?
        .map(|s| s.bytes().len());
    if patch.is_empty() {
        return Ok(Reply::count(current_len.unwrap_or(0)));
    }
    let end = offset.saturating_add(patch.len());
    check_length(end)?;
    if current_len.is_none() {
        store_string(server, client, key, StringValue::raw(Vec::new()), false);
    }
    let string = server.write::<StringValue>(client, key)?;
    let new_len = string.bytes().len().max(end);
    let bytes = string.grown_to(new_len);
    if bytes.len() < end {
        bytes.resize(end, 0);
    }
    bytes[offset..end].copy_from_slice(patch);
    let len = bytes.len();
    server.changed(client, key);
    Ok(Reply::count(len))
}

/// INCR, DECR, INCRBY, DECRBY: add to the integer in the string, keeping the TTL.
fn incr_by(server: &mut Server, client: ClientId, key: &[u8], delta: i64) -> Result {
    let current = match server.read_for_write::<StringValue>(client, key)? {
        Some(s) => parse_i64(s.bytes()).ok_or_else(|| Reply::error(errors::NOT_INTEGER))?,
        None => 0,
    };
    let value = current
        .checked_add(delta)
        .ok_or_else(|| Reply::error(errors::OVERFLOW))?;
    let db = server.db_index(client);
    let string = StringValue {
        bytes: Contents::Fixed(value.to_string().into_bytes().into()),
        encoding: StringEncoding::Int,
        buffer: None,
    };
    server.store(db, key, Value::String(string), true);
    Ok(Reply::Integer(value))
}

/// INCR key.
pub fn incr(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    incr_by(server, client, &argv[1], 1)
}

/// DECR key.
pub fn decr(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    incr_by(server, client, &argv[1], -1)
}

/// INCRBY key increment.
pub fn incrby(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let delta = args::int(&argv[2])?;
    incr_by(server, client, &argv[1], delta)
}

/// DECRBY key decrement.
pub fn decrby(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let delta = args::int(&argv[2])?;
    let negated = delta
        .checked_neg()
        .ok_or_else(|| Reply::error("ERR decrement would overflow"))?;
    incr_by(server, client, &argv[1], negated)
}

/// The reply for a failed INCRBYFLOAT.
fn float_error(error: SumError) -> Reply {
    match error {
        SumError::FirstNotANumber | SumError::SecondNotANumber => Reply::error(errors::NOT_FLOAT),
        SumError::NotFinite => Reply::error("ERR increment would produce NaN or Infinity"),
    }
}

/// INCRBYFLOAT key increment.
pub fn incrbyfloat(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let key = &argv[1];
    let current = server
        .read_for_write::<StringValue>(client, key)?
        .map(|s| s.bytes().to_vec());
    let sum =
        long_double::add(current.as_deref().unwrap_or(b"0"), &argv[2]).map_err(float_error)?;
    let db = server.db_index(client);
    server.store(
        db,
        key,
        Value::String(StringValue::plain(sum.clone().into_bytes())),
        true,
    );
    Ok(Reply::bulk(sum))
}

/// The most table cells LCS fills here: Redis allows about a billion, more
/// than a browser tab should hold, and answers the same error past its limit.
const MAX_LCS_CELLS: usize = 1 << 24;

/// LCS key1 key2 [LEN] [IDX] [MINMATCHLEN len] [WITHMATCHLEN]: the longest
/// common subsequence of two strings, its length, or the matching ranges.
pub fn lcs(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let (a, b) = match (
        read_string(server, client, &argv[1]),
        read_string(server, client, &argv[2]),
    ) {
        (Ok(a), Ok(b)) => (a.unwrap_or_default(), b.unwrap_or_default()),
        _ => {
            return Err(Reply::error(
                "ERR The specified keys must contain string values",
            ));
        }
    };
    let (mut len_only, mut idx, mut with_match_len, mut min_match_len) =
        (false, false, false, 0usize);
    let mut i = 3;
    while let Some(option) = argv.get(i) {
        if args::is(option, "idx") {
            idx = true;
        } else if args::is(option, "len") {
            len_only = true;
        } else if args::is(option, "withmatchlen") {
            with_match_len = true;
        } else if args::is(option, "minmatchlen") && i + 1 < argv.len() {
            min_match_len = usize::try_from(args::int(&argv[i + 1])?.max(0)).unwrap_or(usize::MAX);
            i += 1;
        } else {
            return Err(Reply::error(errors::SYNTAX));
        }
        i += 1;
    }
    if idx && len_only {
        return Err(Reply::error(
            "ERR If you want both the length and indexes, please just use IDX.",
        ));
    }
    let (rows, cols) = (a.len() + 1, b.len() + 1);
    if rows
        .checked_mul(cols)
        .is_none_or(|cells| cells > MAX_LCS_CELLS)
    {
        return Err(Reply::error(
            "ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len",
        ));
    }
    // table[i * cols + j]: LCS length of a[..i] and b[..j].
    let mut table = vec![0u32; rows * cols];
    for i in 1..rows {
        for j in 1..cols {
            table[i * cols + j] = if a[i - 1] == b[j - 1] {
                table[(i - 1) * cols + j - 1] + 1
            } else {
                table[(i - 1) * cols + j].max(table[i * cols + j - 1])
            };
        }
    }
    let total = table[rows * cols - 1];
    if len_only {
        return Ok(Reply::Integer(i64::from(total)));
    }
    // Walk back from the end, collecting the subsequence and its contiguous ranges.
    let (mut i, mut j) = (a.len(), b.len());
    let mut sequence = Vec::new();
    let mut ranges = Vec::new();
    let mut current: Option<(usize, usize, usize, usize)> = None;
    let emit = |range: (usize, usize, usize, usize), ranges: &mut Vec<Reply>| {
        let (a_start, a_end, b_start, b_end) = range;
        let length = a_end - a_start + 1;
        if length >= min_match_len {
            let mut item = vec![Reply::Array(vec![
                Reply::count(a_start),
                Reply::count(a_end),
            ])];
            item.push(Reply::Array(vec![
                Reply::count(b_start),
                Reply::count(b_end),
            ]));
            if with_match_len {
                item.push(Reply::count(length));
            }
            ranges.push(Reply::Array(item));
        }
    };
    while i > 0 && j > 0 {
        if a[i - 1] == b[j - 1] {
            sequence.push(a[i - 1]);
            let range = match current {
                Some((a_start, a_end, b_start, b_end)) if a_start == i && b_start == j => {
                    (i - 1, a_end, j - 1, b_end)
                }
                _ => (i - 1, i - 1, j - 1, j - 1),
            };
            (i, j) = (i - 1, j - 1);
            if i == 0 || j == 0 {
                emit(range, &mut ranges);
                current = None;
            } else {
                current = Some(range);
            }
        } else {
            if table[(i - 1) * cols + j] > table[i * cols + j - 1] {
                i -= 1;
            } else {
                j -= 1;
            }
            if let Some(range) = current.take() {
                emit(range, &mut ranges);
            }
        }
    }
    if !idx {
        sequence.reverse();
        return Ok(Reply::Bulk(sequence.into()));
    }
    Ok(Reply::Array(vec![
        Reply::bulk("matches"),
        Reply::Array(ranges),
        Reply::bulk("len"),
        Reply::Integer(i64::from(total)),
    ]))
}
