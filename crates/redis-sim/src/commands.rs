//! The command table (Redis's `commands.def`): every command's name, arity,
//! flags and handler. Arity lives here, so "wrong number of arguments" is
//! decided in one place for every command, exactly as the real server does.

use std::sync::OnceLock;

use crate::hashing::FxHashMap;
use crate::reply::Reply;
use crate::types::{hash, hyperloglog, list, set, string, zset};
use crate::{
    ClientId, Server, bitops, config, connection, expire, info, introspection, keys, multi, pubsub,
    scan, sort,
};

/// Runs a command: the server, the calling client and the full argv (name included).
/// An `Err` is an error reply, so handlers can use `?` on argument parsing.
pub type Handler = fn(&mut Server, ClientId, &[Vec<u8>]) -> Result<Reply, Reply>;

/// Properties of a command that `processCommand` checks before running it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flags(u8);

impl Flags {
    /// No special treatment.
    pub const NONE: Flags = Flags(0);
    /// Allowed while the client is subscribed (RESP2's restricted context).
    pub const PUBSUB_CONTEXT: Flags = Flags(1);
    /// Runs immediately inside MULTI instead of being queued (EXEC, DISCARD...).
    pub const TRANSACTION_CONTROL: Flags = Flags(2);

    /// Whether every flag of `other` is set.
    pub fn contains(self, other: Flags) -> bool {
        self.0 & other.0 == other.0
    }

    const fn with(self, other: Flags) -> Flags {
        Flags(self.0 | other.0)
    }
}

/// One entry of the table.
#[derive(Debug)]
pub struct Command {
    /// Lower-case name; subcommands are named `container|sub` as in Redis's errors.
    pub name: &'static str,
    /// Exact argument count including the name if positive, minimum if negative.
    pub arity: i32,
    /// See [`Flags`].
    pub flags: Flags,
    /// Runs the command once it is accepted.
    pub handler: Handler,
    /// For container commands (OBJECT, CONFIG...): the subcommands.
    pub subcommands: &'static [Command],
}

const fn cmd(name: &'static str, arity: i32, handler: Handler) -> Command {
    Command {
        name,
        arity,
        flags: Flags::NONE,
        handler,
        subcommands: &[],
    }
}

const fn flagged(name: &'static str, arity: i32, flags: Flags, handler: Handler) -> Command {
    Command {
        name,
        arity,
        flags,
        handler,
        subcommands: &[],
    }
}

/// A container: called without a subcommand it only reports wrong arity.
const fn container(name: &'static str, subcommands: &'static [Command]) -> Command {
    Command {
        name,
        arity: -2,
        flags: Flags::NONE,
        handler: connection::subcommand_required,
        subcommands,
    }
}

/// A container that also runs on its own (COMMAND without a subcommand).
const fn runnable_container(
    name: &'static str,
    arity: i32,
    handler: Handler,
    subcommands: &'static [Command],
) -> Command {
    Command {
        name,
        arity,
        flags: Flags::NONE,
        handler,
        subcommands,
    }
}

const PUBSUB: Flags = Flags::PUBSUB_CONTEXT;
const TX: Flags = Flags::TRANSACTION_CONTROL;

/// Every command the engine knows.
pub static COMMANDS: &[Command] = &[
    // Connection and server.
    flagged("ping", -1, PUBSUB, connection::ping),
    cmd("echo", 2, connection::echo),
    cmd("select", 2, connection::select),
    cmd("swapdb", 3, connection::swapdb),
    cmd("dbsize", 1, connection::dbsize),
    cmd("flushdb", -1, connection::flushdb),
    cmd("flushall", -1, connection::flushall),
    cmd("time", 1, connection::time),
    cmd("info", -1, info::info),
    flagged("reset", 1, PUBSUB.with(TX), connection::reset),
    container(
        "client",
        &[
            cmd("client|id", 2, connection::client_id),
            cmd("client|setname", 3, connection::client_setname),
            cmd("client|getname", 2, connection::client_getname),
            cmd("client|list", -2, info::client_list),
            cmd("client|info", 2, info::client_info),
        ],
    ),
    container(
        "object",
        &[
            cmd("object|encoding", 3, keys::object_encoding),
            cmd("object|idletime", 3, keys::object_idletime),
            cmd("object|freq", 3, keys::object_freq),
        ],
    ),
    container(
        "config",
        &[
            cmd("config|get", -3, config::config_get),
            cmd("config|resetstat", 2, config::config_resetstat),
            cmd("config|set", -4, config::config_set),
        ],
    ),
    runnable_container(
        "command",
        -1,
        introspection::command,
        &[
            cmd("command|count", 2, introspection::command_count),
            cmd("command|list", -2, introspection::command_list),
            cmd("command|info", -2, introspection::command_info),
            cmd("command|docs", -2, introspection::command_docs),
        ],
    ),
    container("memory", &[cmd("memory|usage", -3, info::memory_usage)]),
    // Keys.
    cmd("del", -2, keys::del),
    cmd("unlink", -2, keys::del),
    cmd("exists", -2, keys::exists),
    cmd("type", 2, keys::type_),
    cmd("keys", 2, keys::keys),
    cmd("rename", 3, keys::rename),
    cmd("renamenx", 3, keys::renamenx),
    cmd("move", 3, keys::move_),
    cmd("copy", -3, keys::copy),
    cmd("touch", -2, keys::touch),
    cmd("randomkey", 1, keys::randomkey),
    cmd("scan", -2, scan::scan),
    cmd("sscan", -3, scan::sscan),
    cmd("hscan", -3, scan::hscan),
    cmd("zscan", -3, scan::zscan),
    cmd("sort", -2, sort::sort),
    cmd("sort_ro", -2, sort::sort_ro),
    // Expiry.
    cmd("expire", -3, expire::expire),
    cmd("pexpire", -3, expire::pexpire),
    cmd("expireat", -3, expire::expireat),
    cmd("pexpireat", -3, expire::pexpireat),
    cmd("ttl", 2, expire::ttl),
    cmd("pttl", 2, expire::pttl),
    cmd("expiretime", 2, expire::expiretime),
    cmd("pexpiretime", 2, expire::pexpiretime),
    cmd("persist", 2, expire::persist),
    // Strings.
    cmd("set", -3, string::set),
    cmd("get", 2, string::get),
    cmd("getset", 3, string::getset),
    cmd("getdel", 2, string::getdel),
    cmd("getex", -2, string::getex),
    cmd("setnx", 3, string::setnx),
    cmd("setex", 4, string::setex),
    cmd("psetex", 4, string::psetex),
    cmd("mset", -3, string::mset),
    cmd("msetnx", -3, string::msetnx),
    cmd("mget", -2, string::mget),
    cmd("append", 3, string::append),
    cmd("strlen", 2, string::strlen),
    cmd("getrange", 4, string::getrange),
    cmd("substr", 4, string::getrange),
    cmd("setrange", 4, string::setrange),
    cmd("incr", 2, string::incr),
    cmd("decr", 2, string::decr),
    cmd("incrby", 3, string::incrby),
    cmd("decrby", 3, string::decrby),
    cmd("incrbyfloat", 3, string::incrbyfloat),
    cmd("lcs", -3, string::lcs),
    // Bitmaps.
    cmd("setbit", 4, bitops::setbit),
    cmd("getbit", 3, bitops::getbit),
    cmd("bitcount", -2, bitops::bitcount),
    cmd("bitpos", -3, bitops::bitpos),
    cmd("bitop", -4, bitops::bitop),
    // Lists.
    cmd("lpush", -3, list::lpush),
    cmd("rpush", -3, list::rpush),
    cmd("lpushx", -3, list::lpushx),
    cmd("rpushx", -3, list::rpushx),
    cmd("lpop", -2, list::lpop),
    cmd("rpop", -2, list::rpop),
    cmd("llen", 2, list::llen),
    cmd("lrange", 4, list::lrange),
    cmd("lindex", 3, list::lindex),
    cmd("lset", 4, list::lset),
    cmd("linsert", 5, list::linsert),
    cmd("lrem", 4, list::lrem),
    cmd("ltrim", 4, list::ltrim),
    cmd("lpos", -3, list::lpos),
    cmd("lmove", 5, list::lmove),
    cmd("rpoplpush", 3, list::rpoplpush),
    cmd("lmpop", -4, list::lmpop),
    cmd("blpop", -3, list::blpop),
    cmd("brpop", -3, list::brpop),
    cmd("blmove", 6, list::blmove),
    cmd("brpoplpush", 4, list::brpoplpush),
    cmd("blmpop", -5, list::blmpop),
    // Hashes.
    cmd("hset", -4, hash::hset),
    cmd("hmset", -4, hash::hmset),
    cmd("hsetnx", 4, hash::hsetnx),
    cmd("hget", 3, hash::hget),
    cmd("hmget", -3, hash::hmget),
    cmd("hdel", -3, hash::hdel),
    cmd("hlen", 2, hash::hlen),
    cmd("hstrlen", 3, hash::hstrlen),
    cmd("hexists", 3, hash::hexists),
    cmd("hkeys", 2, hash::hkeys),
    cmd("hvals", 2, hash::hvals),
    cmd("hgetall", 2, hash::hgetall),
    cmd("hincrby", 4, hash::hincrby),
    cmd("hincrbyfloat", 4, hash::hincrbyfloat),
    cmd("hrandfield", -2, hash::hrandfield),
    // Sets.
    cmd("sadd", -3, set::sadd),
    cmd("srem", -3, set::srem),
    cmd("smembers", 2, set::smembers),
    cmd("sismember", 3, set::sismember),
    cmd("smismember", -3, set::smismember),
    cmd("scard", 2, set::scard),
    cmd("smove", 4, set::smove),
    cmd("sinter", -2, set::sinter),
    cmd("sunion", -2, set::sunion),
    cmd("sdiff", -2, set::sdiff),
    cmd("sinterstore", -3, set::sinterstore),
    cmd("sunionstore", -3, set::sunionstore),
    cmd("sdiffstore", -3, set::sdiffstore),
    cmd("sintercard", -3, set::sintercard),
    cmd("spop", -2, set::spop),
    cmd("srandmember", -2, set::srandmember),
    // Sorted sets.
    cmd("zadd", -4, zset::zadd),
    cmd("zincrby", 4, zset::zincrby),
    cmd("zrem", -3, zset::zrem),
    cmd("zscore", 3, zset::zscore),
    cmd("zmscore", -3, zset::zmscore),
    cmd("zcard", 2, zset::zcard),
    cmd("zrank", 3, zset::zrank),
    cmd("zrevrank", 3, zset::zrevrank),
    cmd("zcount", 4, zset::zcount),
    cmd("zrange", -4, zset::zrange),
    cmd("zrevrange", -4, zset::zrevrange),
    cmd("zrangebyscore", -4, zset::zrangebyscore),
    cmd("zrevrangebyscore", -4, zset::zrevrangebyscore),
    cmd("zpopmin", -2, zset::zpopmin),
    cmd("zpopmax", -2, zset::zpopmax),
    cmd("zrangestore", -5, zset::zrangestore),
    cmd("zrangebylex", -4, zset::zrangebylex),
    cmd("zrevrangebylex", -4, zset::zrevrangebylex),
    cmd("zlexcount", 4, zset::zlexcount),
    cmd("zremrangebyrank", 4, zset::zremrangebyrank),
    cmd("zremrangebyscore", 4, zset::zremrangebyscore),
    cmd("zremrangebylex", 4, zset::zremrangebylex),
    cmd("zunion", -3, zset::zunion),
    cmd("zinter", -3, zset::zinter),
    cmd("zdiff", -3, zset::zdiff),
    cmd("zunionstore", -4, zset::zunionstore),
    cmd("zinterstore", -4, zset::zinterstore),
    cmd("zdiffstore", -4, zset::zdiffstore),
    cmd("zintercard", -3, zset::zintercard),
    cmd("zmpop", -4, zset::zmpop),
    cmd("zrandmember", -2, zset::zrandmember),
    cmd("bzpopmin", -3, zset::bzpopmin),
    cmd("bzpopmax", -3, zset::bzpopmax),
    cmd("bzmpop", -5, zset::bzmpop),
    // HyperLogLog.
    cmd("pfadd", -2, hyperloglog::pfadd),
    cmd("pfcount", -2, hyperloglog::pfcount),
    cmd("pfmerge", -2, hyperloglog::pfmerge),
    // Transactions.
    flagged("multi", 1, TX, multi::multi),
    flagged("exec", 1, TX, multi::exec),
    flagged("discard", 1, TX, multi::discard),
    flagged("watch", -2, TX, multi::watch),
    cmd("unwatch", 1, multi::unwatch),
    // Pub/sub.
    flagged("subscribe", -2, PUBSUB, pubsub::subscribe),
    flagged("unsubscribe", -1, PUBSUB, pubsub::unsubscribe),
    flagged("psubscribe", -2, PUBSUB, pubsub::psubscribe),
    flagged("punsubscribe", -1, PUBSUB, pubsub::punsubscribe),
    cmd("publish", 3, pubsub::publish),
    container(
        "pubsub",
        &[
            cmd("pubsub|channels", -2, pubsub::pubsub_channels),
            cmd("pubsub|numsub", -2, pubsub::pubsub_numsub),
            cmd("pubsub|numpat", 2, pubsub::pubsub_numpat),
        ],
    ),
];

/// What looking up an argv in the table found.
#[derive(Debug)]
pub enum Lookup {
    /// The command (or subcommand) to run.
    Found(&'static Command),
    /// No such command: the error Redis answers.
    Rejected(String),
}

/// Finds the command for `argv`, descending into containers like Redis 7.0.
pub fn lookup(argv: &[Vec<u8>]) -> Lookup {
    let name = argv.first().map(Vec::as_slice).unwrap_or_default();
    let Some(command) = find_top_level(name) else {
        return Lookup::Rejected(unknown_command(argv));
    };
    if command.subcommands.is_empty() || argv.len() < 2 {
        return Lookup::Found(command);
    }
    let sub = argv.get(1).map(Vec::as_slice).unwrap_or_default();
    let prefix_len = command.name.len() + 1;
    match command
        .subcommands
        .iter()
        .find(|s| s.name.as_bytes()[prefix_len..].eq_ignore_ascii_case(sub))
    {
        Some(sub) => Lookup::Found(sub),
        None => Lookup::Rejected(format!(
            "ERR unknown subcommand '{}'. Try {} HELP.",
            c_string(sub, 128),
            command.name.to_ascii_uppercase()
        )),
    }
}

/// A top-level command by name, any case: a hash lookup on the packed name,
/// since every command the server runs starts here.
fn find_top_level(name: &[u8]) -> Option<&'static Command> {
    static INDEX: OnceLock<FxHashMap<u128, &'static Command>> = OnceLock::new();
    let index = INDEX.get_or_init(|| {
        COMMANDS
            .iter()
            .filter_map(|c| Some((name_key(c.name.as_bytes())?, c)))
            .collect()
    });
    let command = index.get(&name_key(name)?)?;
    // The packing pads with NUL bytes: `get\0` packs as `get` does, and is no command.
    (command.name.len() == name.len()).then_some(*command)
}

/// A name of at most sixteen bytes, lower-cased and packed into one integer, first byte
/// lowest. Built in registers: copying the name into a buffer and reading it back whole
/// stalled on the copy.
fn name_key(name: &[u8]) -> Option<u128> {
    (name.len() <= 16).then(|| {
        name.iter().rev().fold(0, |packed, byte| {
            packed << 8 | u128::from(byte.to_ascii_lowercase())
        })
    })
}

/// "unknown command", quoting the arguments until 128 bytes of them are shown.
fn unknown_command(argv: &[Vec<u8>]) -> String {
    let name = argv.first().map(Vec::as_slice).unwrap_or_default();
    let mut args = String::new();
    for arg in argv.iter().skip(1) {
        if args.len() >= 128 {
            break;
        }
        args.push_str(&format!("'{}' ", c_string(arg, 128 - args.len())));
    }
    format!(
        "ERR unknown command '{}', with args beginning with: {args}",
        c_string(name, 128)
    )
}

/// An argument as C's `%.Ns` prints it: cut at a NUL byte or after `max` bytes.
fn c_string(bytes: &[u8], max: usize) -> String {
    let bytes = bytes.split(|&b| b == 0).next().unwrap_or_default();
    String::from_utf8_lossy(&bytes[..bytes.len().min(max)]).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_lower_case() {
        let mut names: Vec<&str> = COMMANDS
            .iter()
            .flat_map(|c| std::iter::once(c).chain(c.subcommands))
            .map(|c| c.name)
            .collect();
        assert!(names.iter().all(|n| *n == n.to_ascii_lowercase()));
        let total = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), total);
    }

    #[test]
    fn every_name_has_its_own_key_and_is_found_in_any_case() {
        for command in COMMANDS {
            assert!(
                name_key(command.name.as_bytes()).is_some(),
                "{}",
                command.name
            );
            let shouted = command.name.to_ascii_uppercase();
            assert!(std::ptr::eq(
                find_top_level(shouted.as_bytes()).unwrap(),
                command
            ));
        }
        assert!(find_top_level(b"get\0").is_none());
        assert!(find_top_level(b"zrevrangebyscorez").is_none());
    }

    #[test]
    fn subcommands_are_named_after_their_container() {
        for command in COMMANDS {
            for sub in command.subcommands {
                assert!(
                    sub.name.starts_with(&format!("{}|", command.name)),
                    "{}",
                    sub.name
                );
            }
        }
    }
}
