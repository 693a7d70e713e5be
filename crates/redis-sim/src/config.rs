//! CONFIG GET and CONFIG SET (config.c) for the parameters this engine
//! models: the thresholds at which small encodings convert, which the page
//! lets learners lower to watch a conversion happen.

use std::collections::BTreeMap;

use crate::glob;
use crate::numbers::parse_i64;
use crate::reply::Reply;
use crate::{ClientId, Server};

type Result = std::result::Result<Reply, Reply>;

/// A tunable parameter: its name, the older name Redis still accepts, and its default.
#[derive(Debug)]
struct Param {
    name: &'static str,
    alias: Option<&'static str>,
    default: u64,
}

/// The parameters CONFIG knows, all non-negative integers in 7.0.
static PARAMS: &[Param] = &[
    // 7.0's built-in default is 512, although the sample redis.conf says 128.
    Param {
        name: "hash-max-listpack-entries",
        alias: Some("hash-max-ziplist-entries"),
        default: 512,
    },
    Param {
        name: "hash-max-listpack-value",
        alias: Some("hash-max-ziplist-value"),
        default: 64,
    },
    Param {
        name: "set-max-intset-entries",
        alias: None,
        default: 512,
    },
    Param {
        name: "zset-max-listpack-entries",
        alias: Some("zset-max-ziplist-entries"),
        default: 128,
    },
    Param {
        name: "zset-max-listpack-value",
        alias: Some("zset-max-ziplist-value"),
        default: 64,
    },
];

/// The current value of every parameter, by canonical name.
#[derive(Debug, Clone)]
pub struct Config {
    values: BTreeMap<&'static str, u64>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            values: PARAMS.iter().map(|p| (p.name, p.default)).collect(),
        }
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

    /// When a hash outgrows its listpack.
    pub fn hash_limits(&self) -> ListpackLimits {
        ListpackLimits {
            entries: self.limit("hash-max-listpack-entries"),
            value: self.limit("hash-max-listpack-value"),
        }
    }

    /// When a sorted set outgrows its listpack.
    pub fn zset_limits(&self) -> ListpackLimits {
        ListpackLimits {
            entries: self.limit("zset-max-listpack-entries"),
            value: self.limit("zset-max-listpack-value"),
        }
    }

    /// How many integers an intset holds before it becomes a hash table.
    pub fn max_intset_entries(&self) -> usize {
        self.limit("set-max-intset-entries")
    }
}

/// The two thresholds of a listpack encoding: more entries than `entries`,
/// or an element longer than `value` bytes, and Redis converts the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    let mut pairs: Vec<(String, u64)> = Vec::new();
    for pattern in &argv[2..] {
        if !pattern.iter().any(|b| matches!(b, b'*' | b'?' | b'[')) {
            if let Some(param) = find(pattern) {
                let name = String::from_utf8_lossy(pattern).into_owned();
                if !pairs.iter().any(|(n, _)| *n == name) {
                    pairs.push((name, server.config.get(param.name)));
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
                pairs.push((name.to_string(), server.config.get(param.name)));
            }
        }
    }
    Ok(Reply::bulks(
        pairs
            .into_iter()
            .flat_map(|(name, value)| [name, value.to_string()]),
    ))
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
        let value = parse_i64(&pair[1])
            .ok_or_else(|| failed("argument couldn't be parsed into an integer"))?;
        let value = u64::try_from(value)
            .map_err(|_| failed("argument must be between 0 and 9223372036854775807 inclusive"))?;
        updates.push((param.name, value));
    }
    for (name, value) in updates {
        server.config.values.insert(name, value);
    }
    Ok(Reply::ok())
}
