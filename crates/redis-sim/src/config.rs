//! CONFIG GET and CONFIG SET (config.c) for the parameters this engine
//! models: the thresholds at which small encodings convert (the page lets
//! learners lower them to watch a conversion happen), the memory limit with
//! its eviction policy, and keyspace notifications.

use std::collections::BTreeMap;

use crate::glob;
use crate::numbers::parse_i64;
use crate::reply::Reply;
use crate::{ClientId, Server, Stats};

type Result = std::result::Result<Reply, Reply>;

/// What values a parameter takes; every value is kept as a `u64`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// An integer in an inclusive range.
    Integer { min: u64, max: u64 },
    /// A byte count with an optional unit (`64mb`, `5k`).
    Memory,
    /// One of [`Policy`]'s names, kept as its index.
    Policy,
    /// notify-keyspace-events' class characters, kept as [`notify`] flags.
    Events,
}

/// A tunable parameter: its name, the older name Redis still accepts, its
/// default and its kind.
#[derive(Debug)]
struct Param {
    name: &'static str,
    alias: Option<&'static str>,
    default: u64,
    kind: Kind,
}

/// The range of the size parameters (`size_t` capped at LONG_MAX).
const SIZE: Kind = Kind::Integer {
    min: 0,
    max: i64::MAX as u64,
};

/// The parameters CONFIG knows.
static PARAMS: &[Param] = &[
    // 7.0's built-in default is 512, although the sample redis.conf says 128.
    Param {
        name: "hash-max-listpack-entries",
        alias: Some("hash-max-ziplist-entries"),
        default: 512,
        kind: SIZE,
    },
    Param {
        name: "hash-max-listpack-value",
        alias: Some("hash-max-ziplist-value"),
        default: 64,
        kind: SIZE,
    },
    Param {
        name: "set-max-intset-entries",
        alias: None,
        default: 512,
        kind: SIZE,
    },
    Param {
        name: "zset-max-listpack-entries",
        alias: Some("zset-max-ziplist-entries"),
        default: 128,
        kind: SIZE,
    },
    Param {
        name: "zset-max-listpack-value",
        alias: Some("zset-max-ziplist-value"),
        default: 64,
        kind: SIZE,
    },
    Param {
        name: "maxmemory",
        alias: None,
        default: 0,
        kind: Kind::Memory,
    },
    Param {
        name: "maxmemory-policy",
        alias: None,
        default: 0,
        kind: Kind::Policy,
    },
    Param {
        name: "maxmemory-samples",
        alias: None,
        default: 5,
        kind: Kind::Integer {
            min: 1,
            max: i32::MAX as u64,
        },
    },
    Param {
        name: "notify-keyspace-events",
        alias: None,
        default: 0,
        kind: Kind::Events,
    },
];

/// What to do when a write would pass `maxmemory`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Policy {
    /// Refuse writes with the OOM error.
    NoEviction,
    /// Evict the least recently used key among keys with a TTL.
    VolatileLru,
    /// Evict the least frequently used key among keys with a TTL.
    VolatileLfu,
    /// Evict a random key with a TTL.
    VolatileRandom,
    /// Evict the key with a TTL closest to expiring.
    VolatileTtl,
    /// Evict the least recently used key.
    AllKeysLru,
    /// Evict the least frequently used key.
    AllKeysLfu,
    /// Evict a random key.
    AllKeysRandom,
}

impl Policy {
    /// Every policy in the order of CONFIG SET's error message.
    const ALL: [Policy; 8] = [
        Policy::VolatileLru,
        Policy::VolatileLfu,
        Policy::VolatileRandom,
        Policy::VolatileTtl,
        Policy::AllKeysLru,
        Policy::AllKeysLfu,
        Policy::AllKeysRandom,
        Policy::NoEviction,
    ];

    /// `maxmemory-policy`'s value for this policy.
    pub fn name(self) -> &'static str {
        match self {
            Policy::NoEviction => "noeviction",
            Policy::AllKeysLru => "allkeys-lru",
            Policy::AllKeysLfu => "allkeys-lfu",
            Policy::AllKeysRandom => "allkeys-random",
            Policy::VolatileLru => "volatile-lru",
            Policy::VolatileLfu => "volatile-lfu",
            Policy::VolatileRandom => "volatile-random",
            Policy::VolatileTtl => "volatile-ttl",
        }
    }

    /// Whether only keys with a TTL may be evicted.
    pub fn volatile_only(self) -> bool {
        matches!(
            self,
            Policy::VolatileLru
                | Policy::VolatileLfu
                | Policy::VolatileRandom
                | Policy::VolatileTtl
        )
    }

    /// Whether keys carry an access-frequency counter instead of an idle time.
    pub fn is_lfu(self) -> bool {
        matches!(self, Policy::VolatileLfu | Policy::AllKeysLfu)
    }

    /// The value kept in the configuration: 0 is the default, noeviction.
    fn code(self) -> u64 {
        match self {
            Policy::NoEviction => 0,
            other => Policy::ALL
                .iter()
                .position(|p| *p == other)
                .map_or(0, |i| i as u64 + 1),
        }
    }

    fn from_code(code: u64) -> Policy {
        usize::try_from(code)
            .ok()
            .and_then(|i| i.checked_sub(1))
            .and_then(|i| Policy::ALL.get(i).copied())
            .unwrap_or(Policy::NoEviction)
    }
}

/// Keyspace notification classes (`NOTIFY_*` of server.h).
pub mod notify {
    /// `K`: publish on `__keyspace@<db>__:<key>`.
    pub const KEYSPACE: u64 = 1 << 0;
    /// `E`: publish on `__keyevent@<db>__:<event>`.
    pub const KEYEVENT: u64 = 1 << 1;
    /// `g`: generic commands (DEL, EXPIRE, RENAME...).
    pub const GENERIC: u64 = 1 << 2;
    /// `$`: string commands.
    pub const STRING: u64 = 1 << 3;
    /// `l`: list commands.
    pub const LIST: u64 = 1 << 4;
    /// `s`: set commands.
    pub const SET: u64 = 1 << 5;
    /// `h`: hash commands.
    pub const HASH: u64 = 1 << 6;
    /// `z`: sorted set commands.
    pub const ZSET: u64 = 1 << 7;
    /// `x`: a key expired.
    pub const EXPIRED: u64 = 1 << 8;
    /// `e`: a key was evicted.
    pub const EVICTED: u64 = 1 << 9;
    /// `t`: stream commands.
    pub const STREAM: u64 = 1 << 10;
    /// `m`: a read missed its key (not part of `A`).
    pub const KEY_MISS: u64 = 1 << 11;
    /// `d`: module events.
    pub const MODULE: u64 = 1 << 13;
    /// `n`: a key was created (not part of `A`).
    pub const NEW: u64 = 1 << 14;
    /// `A`: every class but `m` and `n`.
    pub const ALL: u64 =
        GENERIC | STRING | LIST | SET | HASH | ZSET | EXPIRED | EVICTED | STREAM | MODULE;

    /// The classes a character names, `None` for a character that names none.
    pub(super) fn class(c: u8) -> Option<u64> {
        Some(match c {
            b'A' => ALL,
            b'g' => GENERIC,
            b'$' => STRING,
            b'l' => LIST,
            b's' => SET,
            b'h' => HASH,
            b'z' => ZSET,
            b'x' => EXPIRED,
            b'e' => EVICTED,
            b'K' => KEYSPACE,
            b'E' => KEYEVENT,
            b't' => STREAM,
            b'm' => KEY_MISS,
            b'd' => MODULE,
            b'n' => NEW,
            _ => return None,
        })
    }

    /// `keyspaceEventsFlagsToString`: `A` stands for all its classes, and
    /// (as in 7.0) `n` is only written when `A` is not.
    pub(super) fn to_text(flags: u64) -> String {
        let mut text = String::new();
        if flags & ALL == ALL {
            text.push('A');
        } else {
            for (flag, c) in [
                (GENERIC, 'g'),
                (STRING, '$'),
                (LIST, 'l'),
                (SET, 's'),
                (HASH, 'h'),
                (ZSET, 'z'),
                (EXPIRED, 'x'),
                (EVICTED, 'e'),
                (STREAM, 't'),
                (MODULE, 'd'),
                (NEW, 'n'),
            ] {
                if flags & flag != 0 {
                    text.push(c);
                }
            }
        }
        for (flag, c) in [(KEYSPACE, 'K'), (KEYEVENT, 'E'), (KEY_MISS, 'm')] {
            if flags & flag != 0 {
                text.push(c);
            }
        }
        text
    }
}

/// The current value of every parameter, by canonical name.
#[derive(Debug, Clone)]
pub struct Config {
    values: BTreeMap<&'static str, u64>,
    /// notify-keyspace-events, read on every write, kept at hand.
    notify: u64,
    /// maxmemory and maxmemory-policy, read on every command, kept at hand.
    maxmemory: u64,
    policy: Policy,
    /// The hash and sorted set listpack limits, read on every write to one.
    hash_limits: ListpackLimits,
    zset_limits: ListpackLimits,
}

impl Default for Config {
    fn default() -> Self {
        let mut config = Config {
            values: PARAMS.iter().map(|p| (p.name, p.default)).collect(),
            notify: 0,
            maxmemory: 0,
            policy: Policy::NoEviction,
            hash_limits: ListpackLimits::default(),
            zset_limits: ListpackLimits::default(),
        };
        config.cache();
        config
    }
}

impl Config {
    /// A parameter's value by canonical name (0 for a name not in the table).
    pub fn get(&self, name: &str) -> u64 {
        self.values.get(name).copied().unwrap_or_default()
    }

    fn limit(&self, name: &str) -> usize {
        usize::try_from(self.get(name)).unwrap_or(usize::MAX)
    }

    /// Copies the parameters read on every command out of the table.
    fn cache(&mut self) {
        self.notify = self.get("notify-keyspace-events");
        self.maxmemory = self.get("maxmemory");
        self.policy = Policy::from_code(self.get("maxmemory-policy"));
        self.hash_limits = ListpackLimits {
            entries: self.limit("hash-max-listpack-entries"),
            value: self.limit("hash-max-listpack-value"),
        };
        self.zset_limits = ListpackLimits {
            entries: self.limit("zset-max-listpack-entries"),
            value: self.limit("zset-max-listpack-value"),
        };
    }

    /// When a hash outgrows its listpack.
    pub fn hash_limits(&self) -> ListpackLimits {
        self.hash_limits
    }

    /// When a sorted set outgrows its listpack.
    pub fn zset_limits(&self) -> ListpackLimits {
        self.zset_limits
    }

    /// How many integers an intset holds before it becomes a hash table.
    pub fn max_intset_entries(&self) -> usize {
        self.limit("set-max-intset-entries")
    }

    /// The memory limit in bytes; 0 means none.
    pub fn maxmemory(&self) -> u64 {
        self.maxmemory
    }

    /// What happens when a write would pass the memory limit.
    pub fn policy(&self) -> Policy {
        self.policy
    }

    /// How many keys eviction samples to pick one.
    pub fn maxmemory_samples(&self) -> usize {
        self.limit("maxmemory-samples")
    }

    /// The keyspace notification classes switched on ([`notify`] flags).
    pub fn notify_flags(&self) -> u64 {
        self.notify
    }

    /// A parameter's value as CONFIG GET prints it.
    fn text(&self, param: &Param) -> String {
        let value = self.get(param.name);
        match param.kind {
            Kind::Integer { .. } | Kind::Memory => value.to_string(),
            Kind::Policy => Policy::from_code(value).name().to_string(),
            Kind::Events => notify::to_text(value),
        }
    }
}

/// `memtoull`: a byte count with an optional unit (b, k, kb, m, mb, g, gb).
/// As in C, a number too big saturates, the unit's product wraps, and no
/// digits at all mean zero.
fn parse_memory(text: &[u8]) -> Option<u64> {
    let digits_end = text
        .iter()
        .position(|b| !b.is_ascii_digit())
        .unwrap_or(text.len());
    let (digits, unit) = text.split_at(digits_end);
    let multiplier: u64 = match unit.to_ascii_lowercase().as_slice() {
        b"" | b"b" => 1,
        b"k" => 1000,
        b"kb" => 1024,
        b"m" => 1000 * 1000,
        b"mb" => 1024 * 1024,
        b"g" => 1000 * 1000 * 1000,
        b"gb" => 1024 * 1024 * 1024,
        _ => return None,
    };
    if digits.len() >= 128 {
        return None;
    }
    let value = digits.iter().try_fold(0u64, |n, d| {
        n.checked_mul(10)?.checked_add(u64::from(d - b'0'))
    });
    Some(value.unwrap_or(u64::MAX).wrapping_mul(multiplier))
}

/// Checks one CONFIG SET value against its parameter's kind.
fn parse_value(param: &Param, value: &[u8]) -> std::result::Result<u64, String> {
    match param.kind {
        Kind::Integer { min, max } => {
            let n = parse_i64(value).ok_or("argument couldn't be parsed into an integer")?;
            u64::try_from(n)
                .ok()
                .filter(|n| (min..=max).contains(n))
                .ok_or_else(|| format!("argument must be between {min} and {max} inclusive"))
        }
        Kind::Memory => parse_memory(value).ok_or_else(|| "argument must be a memory value".into()),
        Kind::Policy => Policy::ALL
            .iter()
            .find(|p| p.name().as_bytes().eq_ignore_ascii_case(value))
            .map(|p| p.code())
            .ok_or_else(|| {
                let names: Vec<&str> = Policy::ALL.iter().map(|p| p.name()).collect();
                format!(
                    "argument(s) must be one of the following: {}",
                    names.join(", ")
                )
            }),
        Kind::Events => value.iter().try_fold(0, |flags, &c| {
            notify::class(c)
                .map(|class| flags | class)
                .ok_or_else(|| "Invalid event class character. Use 'Ag$lshzxeKEtmdn'.".to_string())
        }),
    }
}

/// The two thresholds of a listpack encoding: more entries than `entries`,
/// or an element longer than `value` bytes, and Redis converts the value.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListpackLimits {
    /// Most entries a listpack holds.
    pub entries: usize,
    /// Longest element a listpack holds, in bytes.
    pub value: usize,
}

/// The parameter a name (or alias) refers to, ignoring case.
fn find(name: &[u8]) -> Option<&'static Param> {
    PARAMS.iter().find(|p| {
        p.name.as_bytes().eq_ignore_ascii_case(name)
            || p.alias
                .is_some_and(|a| a.as_bytes().eq_ignore_ascii_case(name))
    })
}

/// CONFIG GET parameter [parameter ...]: name-value pairs; an exact name is
/// answered as it was typed, a glob matches canonical names and aliases.
pub fn config_get(server: &mut Server, _: ClientId, argv: &[Vec<u8>]) -> Result {
    let mut pairs: Vec<(String, String)> = Vec::new();
    for pattern in &argv[2..] {
        if !pattern.iter().any(|b| matches!(b, b'*' | b'?' | b'[')) {
            if let Some(param) = find(pattern) {
                let name = String::from_utf8_lossy(pattern).into_owned();
                if !pairs.iter().any(|(n, _)| *n == name) {
                    pairs.push((name, server.config.text(param)));
                }
            }
            continue;
        }
        let names = PARAMS
            .iter()
            .flat_map(|p| std::iter::once((p.name, p)).chain(p.alias.map(|a| (a, p))));
        for (name, param) in names {
            if glob::matches(&pattern.to_ascii_lowercase(), name.as_bytes(), true)
                && !pairs.iter().any(|(n, _)| n == name)
            {
                pairs.push((name.to_string(), server.config.text(param)));
            }
        }
    }
    Ok(Reply::bulks(
        pairs.into_iter().flat_map(|(name, value)| [name, value]),
    ))
}

/// CONFIG RESETSTAT: INFO's counters start again from zero (the command itself is
/// counted after it runs, as Redis counts every command).
pub fn config_resetstat(server: &mut Server, _: ClientId, _: &[Vec<u8>]) -> Result {
    server.stats = Stats::default();
    Ok(Reply::ok())
}

/// CONFIG SET parameter value [parameter value ...]: all or nothing.
pub fn config_set(server: &mut Server, _: ClientId, argv: &[Vec<u8>]) -> Result {
    if !argv.len().is_multiple_of(2) {
        return Err(Reply::error(
            "ERR wrong number of arguments for 'config|set' command",
        ));
    }
    let mut updates: Vec<(&'static str, u64)> = Vec::new();
    for pair in argv[2..].chunks_exact(2) {
        let Some(param) = find(&pair[0]) else {
            return Err(Reply::error(format!(
                "ERR Unknown option or number of arguments for CONFIG SET - '{}'",
                String::from_utf8_lossy(&pair[0])
            )));
        };
        let failed = |why: &str| {
            Reply::error(format!(
                "ERR CONFIG SET failed (possibly related to argument '{}') - {why}",
                String::from_utf8_lossy(&pair[0])
            ))
        };
        if updates.iter().any(|(name, _)| *name == param.name) {
            return Err(failed("duplicate parameter"));
        }
        let value = parse_value(param, &pair[1]).map_err(|why| failed(&why))?;
        updates.push((param.name, value));
    }
    for (name, value) in updates {
        server.config.values.insert(name, value);
    }
    server.config.cache();
    Ok(Reply::ok())
}
