//! redis-py 8.1 as the module `redis`: `r = redis.Redis(host='10.211.55.4',
//! port=6379)`, `r.set('foo', 'Bar')`, `r.get('foo')`, a `ConnectionPool` shared by
//! clients, pipelines, pub/sub, and the usual commands of a Redis tutorial. Each method
//! sends the command redis-py sends, as one more client of a Redis server (the page's
//! redis-cli consoles and CLIENT LIST see it), and returns what redis-py's response
//! callback makes of the reply.
//!
//! The engine speaks RESP2 only, so the client skips redis-py's `HELLO 3`; the values
//! are the ones redis-py hands out by default (its RESP2-shaped "legacy" responses).

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, VecDeque};
use std::rc::Rc;

use python::modules::{
    Deadline, Held, deadline, forget_deadline, held, method_args, methods, native_of, new_module,
    not_an_integer, registered, registered_class, self_arg, set_native, to_float,
};
use python::value::{Class, Key, Namespace, Value};
use python::vm::exceptions::{attribute_error, error, with_data};
use python::vm::int::{as_int, to_decimal};
use python::vm::native::{Args, NativeObject, PyResult, Signal};
use python::vm::ops::truthy;
use python::vm::repr::repr_str;
use python::vm::{ModuleProvider, Vm};
use redis_sim::{ClientId, Reply};

use super::{
    Body, Prompt, bytes, dict, exception_class, function, instance, library_class, method,
    not_modelled, now_ms, property, raise, text_of, warn,
};
use crate::redis::SharedRedis;
use crate::session::ConsoleSession;

/// Where Debian installs redis-py: the package's `__file__`.
const MODULE_FILE: &str = "/usr/lib/python3/dist-packages/redis/__init__.py";
/// The version `CLIENT SETINFO LIB-VER` announces.
const REDIS_PY_VERSION: &str = "8.1.0";

#[derive(Debug, PartialEq)]
pub struct Method {
    name: &'static str,
    owner: &'static str,
    params: &'static [&'static str],
    required: usize,
    varargs: bool,
    kwargs: bool,
}

const fn signature(
    name: &'static str,
    owner: &'static str,
    params: &'static [&'static str],
    required: usize,
) -> Method {
    Method {
        name,
        owner,
        params,
        required,
        varargs: false,
        kwargs: false,
    }
}

const fn with_varargs(m: Method) -> Method {
    Method { varargs: true, ..m }
}

const fn with_kwargs(m: Method) -> Method {
    Method { kwargs: true, ..m }
}

const KEYS: &str = "BasicKeyCommands";
const HASH: &str = "HashCommands";
const LIST: &str = "ListCommands";
const SET: &str = "SetCommands";
const ZSET: &str = "SortedSetCommands";
const MANAGEMENT: &str = "ManagementCommands";
const SCAN: &str = "ScanCommands";

/// The commands this client knows, with redis-py 8.1's signatures. `incr` and `decr`
/// are redis-py's aliases of `incrby` and `decrby`, so CPython names those.
static METHODS: &[Method] = &[
    signature(
        "set",
        KEYS,
        &[
            "name", "value", "ex", "px", "nx", "xx", "keepttl", "get", "exat", "pxat",
        ],
        2,
    ),
    signature("get", KEYS, &["name"], 1),
    signature("getset", KEYS, &["name", "value"], 2),
    with_varargs(signature("mget", KEYS, &["keys"], 1)),
    signature("mset", KEYS, &["mapping"], 1),
    signature("setnx", KEYS, &["name", "value"], 2),
    signature("setex", KEYS, &["name", "time", "value"], 3),
    signature("append", KEYS, &["key", "value"], 2),
    signature("strlen", KEYS, &["name"], 1),
    signature("setrange", KEYS, &["name", "offset", "value"], 3),
    signature("getrange", KEYS, &["key", "start", "end"], 3),
    signature("incr", KEYS, &["name", "amount"], 1),
    signature("incrby", KEYS, &["name", "amount"], 1),
    signature("decr", KEYS, &["name", "amount"], 1),
    signature("decrby", KEYS, &["name", "amount"], 1),
    signature("incrbyfloat", KEYS, &["name", "amount"], 1),
    with_varargs(signature("delete", KEYS, &[], 0)),
    with_varargs(signature("exists", KEYS, &[], 0)),
    signature("expire", KEYS, &["name", "time", "nx", "xx", "gt", "lt"], 2),
    signature(
        "pexpire",
        KEYS,
        &["name", "time", "nx", "xx", "gt", "lt"],
        2,
    ),
    signature("ttl", KEYS, &["name"], 1),
    signature("pttl", KEYS, &["name"], 1),
    signature("persist", KEYS, &["name"], 1),
    signature("type", KEYS, &["name"], 1),
    with_kwargs(signature("keys", KEYS, &["pattern"], 0)),
    signature("rename", KEYS, &["src", "dst"], 2),
    signature("renamenx", KEYS, &["src", "dst"], 2),
    with_kwargs(signature("dbsize", MANAGEMENT, &[], 0)),
    with_kwargs(signature("flushdb", MANAGEMENT, &["asynchronous"], 0)),
    with_kwargs(signature("flushall", MANAGEMENT, &["asynchronous"], 0)),
    with_kwargs(signature("ping", MANAGEMENT, &[], 0)),
    with_kwargs(signature("echo", MANAGEMENT, &["value"], 1)),
    signature(
        "hset",
        HASH,
        &["name", "key", "value", "mapping", "items"],
        1,
    ),
    signature("hget", HASH, &["name", "key"], 2),
    with_varargs(signature("hmget", HASH, &["name", "keys"], 2)),
    signature("hgetall", HASH, &["name"], 1),
    with_varargs(signature("hdel", HASH, &["name"], 1)),
    signature("hexists", HASH, &["name", "key"], 2),
    signature("hkeys", HASH, &["name"], 1),
    signature("hvals", HASH, &["name"], 1),
    signature("hlen", HASH, &["name"], 1),
    signature("hincrby", HASH, &["name", "key", "amount"], 2),
    with_varargs(signature("lpush", LIST, &["name"], 1)),
    with_varargs(signature("rpush", LIST, &["name"], 1)),
    signature("lpop", LIST, &["name", "count"], 1),
    signature("rpop", LIST, &["name", "count"], 1),
    signature("blpop", LIST, &["keys", "timeout"], 1),
    signature("brpop", LIST, &["keys", "timeout"], 1),
    with_kwargs(signature(
        "scan_iter",
        SCAN,
        &["match", "count", "_type"],
        0,
    )),
    signature(
        "hscan_iter",
        SCAN,
        &["name", "match", "count", "no_values"],
        1,
    ),
    signature("sscan_iter", SCAN, &["name", "match", "count"], 1),
    signature(
        "zscan_iter",
        SCAN,
        &["name", "match", "count", "score_cast_func"],
        1,
    ),
    signature("lrange", LIST, &["name", "start", "end"], 3),
    signature("llen", LIST, &["name"], 1),
    signature("lindex", LIST, &["name", "index"], 2),
    signature("lrem", LIST, &["name", "count", "value"], 3),
    signature("lset", LIST, &["name", "index", "value"], 3),
    signature("ltrim", LIST, &["name", "start", "end"], 3),
    signature("linsert", LIST, &["name", "where", "refvalue", "value"], 4),
    with_varargs(signature("sadd", SET, &["name"], 1)),
    with_varargs(signature("srem", SET, &["name"], 1)),
    signature("smembers", SET, &["name"], 1),
    signature("sismember", SET, &["name", "value"], 2),
    signature("scard", SET, &["name"], 1),
    with_varargs(signature("sinter", SET, &["keys"], 1)),
    with_varargs(signature("sunion", SET, &["keys"], 1)),
    with_varargs(signature("sdiff", SET, &["keys"], 1)),
    signature(
        "zadd",
        ZSET,
        &["name", "mapping", "nx", "xx", "ch", "incr", "gt", "lt"],
        2,
    ),
    signature(
        "zrange",
        ZSET,
        &["name", "start", "end", "desc", "withscores"],
        3,
    ),
    signature(
        "zrevrange",
        ZSET,
        &["name", "start", "end", "withscores"],
        3,
    ),
    signature(
        "zrangebyscore",
        ZSET,
        &["name", "min", "max", "start", "num", "withscores"],
        3,
    ),
    signature("zscore", ZSET, &["name", "value"], 2),
    signature("zincrby", ZSET, &["name", "amount", "value"], 3),
    signature("zcard", ZSET, &["name"], 1),
    signature("zrank", ZSET, &["name", "value"], 2),
    signature("zrevrank", ZSET, &["name", "value"], 2),
    with_varargs(signature("zrem", ZSET, &["name"], 1)),
    signature("zcount", ZSET, &["name", "min", "max"], 3),
    with_kwargs(signature("select", MANAGEMENT, &["index"], 1)),
    with_kwargs(signature(
        "publish",
        "PubSubCommands",
        &["channel", "message"],
        2,
    )),
    with_kwargs(signature(
        "pubsub_channels",
        "PubSubCommands",
        &["pattern"],
        0,
    )),
    with_kwargs(signature("pubsub_numpat", "PubSubCommands", &[], 0)),
    with_kwargs(with_varargs(signature(
        "pubsub_numsub",
        "PubSubCommands",
        &[],
        0,
    ))),
    signature("getdel", KEYS, &["name"], 1),
    with_varargs(signature("unlink", KEYS, &[], 0)),
    signature("hsetnx", HASH, &["name", "key", "value"], 3),
    signature("smove", SET, &["src", "dst", "value"], 3),
    signature("zremrangebyrank", ZSET, &["name", "min", "max"], 3),
    signature(
        "zrevrangebyscore",
        ZSET,
        &["name", "max", "min", "start", "num", "withscores"],
        3,
    ),
    with_kwargs(signature("client_id", MANAGEMENT, &[], 0)),
    with_kwargs(signature("client_setname", MANAGEMENT, &["name"], 1)),
    with_kwargs(signature("client_getname", MANAGEMENT, &[], 0)),
    with_kwargs(signature(
        "client_list",
        MANAGEMENT,
        &["_type", "client_id"],
        0,
    )),
    signature("psetex", KEYS, &["name", "time_ms", "value"], 3),
    signature("msetnx", KEYS, &["mapping"], 1),
    signature("setbit", KEYS, &["name", "offset", "value"], 3),
    signature("getbit", KEYS, &["name", "offset"], 2),
    signature("bitcount", KEYS, &["key", "start", "end", "mode"], 1),
    with_varargs(signature("bitop", KEYS, &["operation", "dest"], 2)),
    signature("move", KEYS, &["name", "db"], 2),
    with_kwargs(signature("randomkey", KEYS, &[], 0)),
    signature(
        "expireat",
        KEYS,
        &["name", "when", "nx", "xx", "gt", "lt"],
        2,
    ),
    signature(
        "pexpireat",
        KEYS,
        &["name", "when", "nx", "xx", "gt", "lt"],
        2,
    ),
    with_kwargs(signature(
        "scan",
        SCAN,
        &["cursor", "match", "count", "_type"],
        0,
    )),
    signature("hmset", HASH, &["name", "mapping"], 2),
    signature("hincrbyfloat", HASH, &["name", "key", "amount"], 2),
    signature(
        "hscan",
        SCAN,
        &["name", "cursor", "match", "count", "no_values"],
        1,
    ),
    signature("hstrlen", HASH, &["name", "key"], 2),
    with_varargs(signature("lpushx", LIST, &["name"], 1)),
    with_varargs(signature("rpushx", LIST, &["name"], 1)),
    signature("rpoplpush", LIST, &["src", "dst"], 2),
    signature(
        "lmove",
        KEYS,
        &["first_list", "second_list", "src", "dest"],
        2,
    ),
    with_varargs(signature("sdiffstore", SET, &["dest", "keys"], 2)),
    with_varargs(signature("sinterstore", SET, &["dest", "keys"], 2)),
    with_varargs(signature("sunionstore", SET, &["dest", "keys"], 2)),
    signature("spop", SET, &["name", "count"], 1),
    signature("srandmember", SET, &["name", "number"], 1),
    signature("sscan", SCAN, &["name", "cursor", "match", "count"], 1),
    with_varargs(signature("smismember", SET, &["name", "values"], 2)),
    signature(
        "zrangebylex",
        ZSET,
        &["name", "min", "max", "start", "num"],
        3,
    ),
    signature(
        "zrevrangebylex",
        ZSET,
        &["name", "max", "min", "start", "num"],
        3,
    ),
    signature("zremrangebyscore", ZSET, &["name", "min", "max"], 3),
    signature("zremrangebylex", ZSET, &["name", "min", "max"], 3),
    signature("zlexcount", ZSET, &["name", "min", "max"], 3),
    signature("zinterstore", ZSET, &["dest", "keys", "aggregate"], 2),
    signature("zunionstore", ZSET, &["dest", "keys", "aggregate"], 2),
    signature("zpopmin", ZSET, &["name", "count"], 1),
    signature("zpopmax", ZSET, &["name", "count"], 1),
    signature("zscan", SCAN, &["name", "cursor", "match", "count"], 1),
    with_kwargs(signature("time", MANAGEMENT, &[], 0)),
    with_kwargs(with_varargs(signature("info", MANAGEMENT, &["section"], 0))),
    with_kwargs(signature("config_resetstat", MANAGEMENT, &[], 0)),
    signature("pipeline", "Redis", &["transaction", "shard_hint"], 0),
    signature("execute", "Pipeline", &["raise_on_error"], 0),
    signature("pubsub", "Redis", &["ignore_subscribe_messages"], 0),
];

/// The methods of a `PubSub` this REPL models (no handlers, no `listen()`, which
/// needs a `for` loop).
/// What only a pipeline does: WATCH keys, after which its commands run at once until
/// `multi()` starts buffering them for MULTI/EXEC.
static PIPELINE_METHODS: &[Method] = &[
    with_varargs(signature("watch", "Pipeline", &[], 0)),
    signature("multi", "Pipeline", &[], 0),
    signature("unwatch", "Pipeline", &[], 0),
];

static PUBSUB_METHODS: &[Method] = &[
    with_varargs(signature("subscribe", "PubSub", &[], 0)),
    with_varargs(signature("psubscribe", "PubSub", &[], 0)),
    with_varargs(signature("unsubscribe", "PubSub", &[], 0)),
    with_varargs(signature("punsubscribe", "PubSub", &[], 0)),
    signature(
        "get_message",
        "PubSub",
        &["ignore_subscribe_messages", "timeout"],
        0,
    ),
    signature("close", "PubSub", &[], 0),
    signature("parse_response", "PubSub", &["block", "timeout"], 0),
];

/// The method names CPython reports for redis-py's aliases.
fn qualified_name(m: &Method) -> String {
    let name = match m.name {
        "incr" => "incrby",
        "decr" => "decrby",
        other => other,
    };
    format!("{}.{name}", m.owner)
}

/// What redis-py makes of a command's reply (its response callbacks).
#[derive(Clone, Copy, Debug)]
enum Callback {
    /// The reply as it is: bulk strings as bytes (str when decoding), integers, lists.
    Plain,
    /// `bool(reply)`.
    Bool,
    /// `True` for `OK`.
    Ok,
    /// `SET`: `True` for `OK`, the old value with `get=True`, `None` when not set.
    Set,
    /// A float, or `None` for a nil reply.
    Float,
    /// A Python set of the reply's members.
    Members,
    /// Field and value pairs as a dict.
    Pairs,
    /// Members, or (member, score) tuples with `withscores`.
    Scores { withscores: bool },
    /// `PING`: whether the reply is PONG.
    Pong,
    /// A str whatever the client decodes (`str_if_bytes`).
    Text,
    /// `CLIENT LIST`: a dict of str per connection.
    Clients,
    /// Pairs as tuples (`PUBSUB NUMSUB`: channel and subscribers).
    Tuples,
    /// `SCAN`, `SSCAN`: the next cursor as an int, and the keys or members.
    Scan,
    /// `HSCAN`: the next cursor, and the fields and values as a dict (the fields alone
    /// as a list with `no_values`).
    HashScan { no_values: bool },
    /// `ZSCAN`: the next cursor, and (member, score) tuples.
    SortedSetScan,
    /// `TIME`: seconds and microseconds, as a tuple of ints.
    Time,
    /// `INFO`: its `field:value` lines as a dict.
    Info,
}

/// Every public attribute of `redis.Redis` in redis-py 8.1 (`dir(redis.Redis)`), so
/// that one this REPL does not model says so instead of claiming it does not exist.
const REDIS_ATTRIBUTES: &str = "
    acl_cat acl_deluser acl_dryrun acl_genpass acl_getuser acl_help acl_list acl_load
    acl_log acl_log_reset acl_save acl_setuser acl_users acl_whoami append arcount ardel
    ardelrange arget argetrange argrep arinfo arinsert arlastitems arlen armget armset
    arnext arop arring arscan arseek arset auth bf bgrewriteaof bgsave bitcount bitfield
    bitfield_ro bitop bitpos blmove blmovem blmpop blpop brpop brpoplpush bzmpop
    bzpopmax bzpopmin cf client client_getname client_getredir client_id client_info
    client_kill client_kill_filter client_list client_no_evict client_no_touch
    client_pause client_reply client_setinfo client_setname client_tracking
    client_tracking_off client_tracking_on client_trackinginfo client_unblock
    client_unpause close cluster cms command command_count command_docs command_getkeys
    command_getkeysandflags command_info command_list config_get config_resetstat
    config_rewrite config_set copy dbsize debug_object debug_segfault decr decrby delete
    delex digest digest_local dump echo eval eval_ro evalsha evalsha_ro execute_command
    exists expire expireat expiretime failover fcall fcall_ro flushall flushdb from_pool
    from_url ft function_delete function_dump function_flush function_kill function_list
    function_load function_restore function_stats geoadd geodist geohash geopos
    georadius georadiusbymember geosearch geosearchstore get get_cache
    get_connection_kwargs get_encoder get_retry getbit getdel getex getrange getset hdel
    hello hexists hexpire hexpireat hexpiretime hget hgetall hgetdel hgetex
    himport_discard himport_discard_all himport_discard_all_internal
    himport_discard_internal himport_prepare himport_prepare_internal himport_registry
    himport_set hincrby hincrbyfloat hkeys hlen hmget hmset hotkeys_get hotkeys_reset
    hotkeys_start hotkeys_stop hpersist hpexpire hpexpireat hpexpiretime hpttl
    hrandfield hscan hscan_iter hset hsetex hsetnx hstrlen httl hvals incr incrby
    incrbyfloat increx info json keys keyspace_notifications lastsave latency_doctor
    latency_graph latency_histogram latency_history latency_latest latency_reset lcs
    lindex linsert llen lmove lmovem lmpop load_external_module lock lolwut lpop lpos
    lpush lpushx lrange lrem lset ltrim memory_doctor memory_help memory_malloc_stats
    memory_purge memory_stats memory_usage mget migrate module_list module_load
    module_loadex module_unload monitor move mset msetex msetnx object parse_response
    persist pexpire pexpireat pexpiretime pfadd pfcount pfmerge ping pipeline psetex
    psync pttl publish pubsub pubsub_channels pubsub_numpat pubsub_numsub
    pubsub_shardchannels pubsub_shardnumsub quit randomkey readonly readwrite
    register_script rename renamenx replicaof reset restore role rpop rpoplpush rpush
    rpushx sadd save scan scan_iter scard script_debug script_exists script_flush
    script_kill script_load sdiff sdiffcard sdiffstore select sentinel sentinel_ckquorum
    sentinel_failover sentinel_flushconfig sentinel_get_master_addr_by_name
    sentinel_master sentinel_masters sentinel_monitor sentinel_remove sentinel_reset
    sentinel_sentinels sentinel_set sentinel_slaves set set_response_callback set_retry
    setbit setex setnx setrange shutdown sinter sintercard sinterstore sismember slaveof
    slowlog_get slowlog_len slowlog_reset smembers smismember smove sort sort_ro spop
    spublish srandmember srem sscan sscan_iter stralgo strlen substr sunion sunioncard
    sunionstore swapdb sync tdigest time topk touch transaction ts ttl type unlink
    unwatch vset wait waitaof watch xack xackdel xadd xautoclaim xcfgset xclaim xdel
    xdelex xgroup_create xgroup_createconsumer xgroup_delconsumer xgroup_destroy
    xgroup_setid xinfo_consumers xinfo_groups xinfo_stream xlen xnack xpending
    xpending_range xrange xread xreadgroup xrevrange xtrim zadd zcard zcount zdiff
    zdiffstore zincrby zinter zintercard zinterstore zlexcount zmpop zmscore zpopmax
    zpopmin zrandmember zrange zrangebylex zrangebyscore zrangestore zrank zrem
    zremrangebylex zremrangebyrank zremrangebyscore zrevrange zrevrangebylex
    zrevrangebyscore zrevrank zscan zscan_iter zscore zunion zunionstore
";

/// The public methods of redis-py 8.1's `PubSub`, for the same purpose.
const PUBSUB_ATTRIBUTES: &str = "
    check_health clean_health_check_responses close execute_command get_message
    get_sharded_message handle_message is_health_check_response listen on_connect
    parse_response ping psubscribe punsubscribe reset run_in_thread ssubscribe subscribe
    sunsubscribe unsubscribe
";

/// redis-py 8.1's deprecated methods among those modelled: the name, the advice and
/// the version, as its `deprecated_function` decorator words the warning.
const DEPRECATED: [(&str, &str, &str); 2] = [
    ("hmset", "Use 'hset' instead.", "4.0.0"),
    ("setex", "Use 'set' instead.", "2.6.12"),
];

/// The server address a host and port name: `localhost` is the loopback address.
fn address(host: &str, port: i64) -> String {
    let host = if host == "localhost" {
        "127.0.0.1"
    } else {
        host
    };
    format!("{host}:{port}")
}

/// `redis.exceptions.DataError(message)`, raised.
fn data_error(vm: &mut Vm, message: &str) -> Signal {
    let class = exception(vm, "DataError");
    raise(&class, message)
}

/// `Encoder.encode`: what a Python value is on the wire.
fn encode(vm: &mut Vm, value: &Value) -> PyResult<Vec<u8>> {
    match value {
        Value::Bytes(b) => Ok(b.to_vec()),
        Value::Str(s) => Ok(s.as_bytes().to_vec()),
        Value::Float(x) => Ok(python::text::float::repr_float(*x).into_bytes()),
        Value::Int(_) | Value::BigInt(_) => match as_int(value).map(|n| to_decimal(&n)) {
            Some(Ok(digits)) => Ok(digits.into_bytes()),
            _ => Err(error(vm, "ValueError", "an int too large to write")),
        },
        other => {
            let message = format!(
                "Invalid input of type: '{}'. Convert to a bytes, string, int or float first.",
                other.type_name()
            );
            Err(data_error(vm, &message))
        }
    }
}

/// redis-py's `list_or_args`: a list or tuple first argument stands for its items.
fn list_or_args(first: &Value, rest: &[Value]) -> Vec<Value> {
    let mut items = match first {
        Value::List(items) => items.borrow().clone(),
        Value::Tuple(items) => items.to_vec(),
        other => vec![other.clone()],
    };
    items.extend_from_slice(rest);
    items
}

/// A dict's pairs, as `mapping.items()` reads them.
fn items(vm: &mut Vm, value: &Value) -> PyResult<Vec<(Value, Value)>> {
    match value {
        Value::Dict(pairs) => Ok(pairs
            .borrow()
            .iter()
            .map(|(key, value)| (key.0.clone(), value.clone()))
            .collect()),
        other => Err(attribute_error(vm, other, "items")),
    }
}

/// The command, as sent, and the callback for a method call.
fn command(vm: &mut Vm, m: &Method, b: &Bound) -> PyResult<(Vec<Vec<u8>>, Callback)> {
    let arg = |name: &str| b.get(m, name).cloned();
    let required = |name: &str| arg(name).unwrap_or(Value::None);
    let word = Value::str;
    let name = m.name;
    let mut argv: Vec<Value> = Vec::new();
    let callback = match name {
        "set" => {
            argv.extend([word("SET"), required("name"), required("value")]);
            if b.flag(m, "nx") {
                argv.push(word("NX"));
            } else if b.flag(m, "xx") {
                argv.push(word("XX"));
            }
            if b.flag(m, "get") {
                argv.push(word("GET"));
            }
            if let Some(ex) = arg("ex") {
                argv.push(word("EX"));
                match ex {
                    Value::Int(_) => argv.push(ex),
                    Value::Str(s) if !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()) => {
                        argv.push(Value::Str(s))
                    }
                    _ => return Err(data_error(vm, "ex must be datetime.timedelta or int")),
                }
            } else if let Some(px) = arg("px") {
                argv.push(word("PX"));
                match px {
                    Value::Int(_) => argv.push(px),
                    _ => return Err(data_error(vm, "px must be datetime.timedelta or int")),
                }
            } else if let Some(at) = arg("exat") {
                argv.extend([word("EXAT"), at]);
            } else if let Some(at) = arg("pxat") {
                argv.extend([word("PXAT"), at]);
            }
            if b.flag(m, "keepttl") {
                argv.push(word("KEEPTTL"));
            }
            if b.flag(m, "get") {
                Callback::Plain
            } else {
                Callback::Set
            }
        }
        "mset" | "msetnx" | "hmset" => {
            argv.push(word(&name.to_ascii_uppercase()));
            if name == "hmset" {
                argv.push(required("name"));
            }
            let mapping = items(vm, &required("mapping"))?;
            if name == "hmset" && mapping.is_empty() {
                return Err(data_error(vm, "'hmset' with 'mapping' of length 0"));
            }
            for (k, v) in mapping {
                argv.extend([k, v]);
            }
            if name == "mset" {
                Callback::Ok
            } else {
                Callback::Bool
            }
        }
        "mget" | "sinter" | "sunion" | "sdiff" => {
            argv.push(word(&name.to_ascii_uppercase()));
            argv.extend(list_or_args(&required("keys"), &b.rest));
            if name == "mget" {
                Callback::Plain
            } else {
                Callback::Members
            }
        }
        "sdiffstore" | "sinterstore" | "sunionstore" | "smismember" => {
            // The destination (or the set asked) first, then the keys or members.
            let (first, list) = (m.params[0], m.params[1]);
            argv.extend([word(&name.to_ascii_uppercase()), required(first)]);
            argv.extend(list_or_args(&required(list), &b.rest));
            Callback::Plain
        }
        "incr" | "incrby" | "decr" | "decrby" | "incrbyfloat" => {
            let (cmd, one, callback) = match name {
                "incr" | "incrby" => ("INCRBY", Value::Int(1), Callback::Plain),
                "decr" | "decrby" => ("DECRBY", Value::Int(1), Callback::Plain),
                _ => ("INCRBYFLOAT", Value::Float(1.0), Callback::Float),
            };
            argv.extend([word(cmd), required("name"), arg("amount").unwrap_or(one)]);
            callback
        }
        "delete" | "exists" | "unlink" => {
            let command = if name == "delete" { "del" } else { name };
            argv.push(word(&command.to_ascii_uppercase()));
            argv.extend(b.rest.iter().cloned());
            Callback::Plain
        }
        "expire" | "pexpire" | "expireat" | "pexpireat" => {
            // The second parameter is `time`, or `when` for the absolute forms.
            argv.extend([
                word(&name.to_ascii_uppercase()),
                required("name"),
                required(m.params[1]),
            ]);
            for option in ["nx", "xx", "gt", "lt"] {
                if b.flag(m, option) {
                    argv.push(word(&option.to_ascii_uppercase()));
                }
            }
            Callback::Bool
        }
        "keys" => {
            argv.extend([word("KEYS"), arg("pattern").unwrap_or(word("*"))]);
            Callback::Plain
        }
        "flushdb" | "flushall" => {
            argv.push(word(&name.to_ascii_uppercase()));
            if b.flag(m, "asynchronous") {
                argv.push(word("ASYNC"));
            }
            Callback::Ok
        }
        "hset" => {
            argv.extend([word("HSET"), required("name")]);
            let (key, mapping, items_arg) = (arg("key"), arg("mapping"), arg("items"));
            if key.is_none() && !b.flag(m, "mapping") && !b.flag(m, "items") {
                return Err(data_error(vm, "'hset' with no key value pairs"));
            }
            if let Some(key) = key {
                argv.extend([key, required("value")]);
            }
            if let Some(mapping) = mapping {
                for (k, v) in items(vm, &mapping)? {
                    argv.extend([k, v]);
                }
            }
            if let Some(more) = items_arg {
                argv.extend(list_or_args(&more, &[]));
            }
            Callback::Plain
        }
        "hmget" => {
            argv.extend([word("HMGET"), required("name")]);
            argv.extend(list_or_args(&required("keys"), &b.rest));
            Callback::Plain
        }
        "hdel" | "lpush" | "rpush" | "lpushx" | "rpushx" | "sadd" | "srem" | "zrem" | "bitop" => {
            argv.push(word(&name.to_ascii_uppercase()));
            // Named parameters first (`name`, or BITOP's operation and destination).
            argv.extend(b.values.iter().flatten().cloned());
            argv.extend(b.rest.iter().cloned());
            Callback::Plain
        }
        "zadd" => {
            let mapping = items(vm, &required("mapping"))?;
            if mapping.is_empty() {
                return Err(data_error(
                    vm,
                    "ZADD requires at least one element/score pair",
                ));
            }
            if b.flag(m, "nx") && b.flag(m, "xx") {
                return Err(data_error(vm, "ZADD allows either 'nx' or 'xx', not both"));
            }
            if b.flag(m, "gt") && b.flag(m, "lt") {
                return Err(data_error(vm, "ZADD allows either 'gt' or 'lt', not both"));
            }
            if b.flag(m, "incr") && mapping.len() != 1 {
                return Err(data_error(
                    vm,
                    "ZADD option 'incr' only works when passing a single element/score pair",
                ));
            }
            argv.extend([word("ZADD"), required("name")]);
            for option in ["nx", "xx", "gt", "lt", "ch", "incr"] {
                if b.flag(m, option) {
                    argv.push(word(&option.to_ascii_uppercase()));
                }
            }
            for (member, score) in mapping {
                argv.extend([score, member]);
            }
            if b.flag(m, "incr") {
                Callback::Float
            } else {
                Callback::Plain
            }
        }
        "zrange" | "zrevrange" => {
            let reverse = name == "zrevrange" || b.flag(m, "desc");
            argv.extend([
                word(if reverse { "ZREVRANGE" } else { "ZRANGE" }),
                required("name"),
                required("start"),
                required("end"),
            ]);
            let withscores = b.flag(m, "withscores");
            if withscores {
                argv.push(word("WITHSCORES"));
            }
            Callback::Scores { withscores }
        }
        "zrangebyscore" | "zrevrangebyscore" | "zrangebylex" | "zrevrangebylex" => {
            let (low, high) = if name.starts_with("zrev") {
                ("max", "min")
            } else {
                ("min", "max")
            };
            argv.extend([
                word(&name.to_ascii_uppercase()),
                required("name"),
                required(low),
                required(high),
            ]);
            match (arg("start"), arg("num")) {
                (Some(start), Some(num)) => argv.extend([word("LIMIT"), start, num]),
                (None, None) => {}
                _ => {
                    return Err(data_error(
                        vm,
                        "``start`` and ``num`` must both be specified",
                    ));
                }
            }
            let withscores = b.flag(m, "withscores");
            if withscores {
                argv.push(word("WITHSCORES"));
            }
            Callback::Scores { withscores }
        }
        "lpop" | "rpop" => {
            argv.extend([word(&name.to_ascii_uppercase()), required("name")]);
            argv.extend(arg("count"));
            Callback::Plain
        }
        "ping" => {
            argv.push(word("PING"));
            Callback::Pong
        }
        "hincrby" | "hincrbyfloat" => {
            let (one, callback) = if name == "hincrby" {
                (Value::Int(1), Callback::Plain)
            } else {
                (Value::Float(1.0), Callback::Float)
            };
            argv.extend([
                word(&name.to_ascii_uppercase()),
                required("name"),
                required("key"),
                arg("amount").unwrap_or(one),
            ]);
            callback
        }
        "bitcount" => {
            argv.extend([word("BITCOUNT"), required("key")]);
            match (arg("start"), arg("end")) {
                (Some(start), Some(end)) => argv.extend([start, end]),
                (None, None) => {}
                _ => return Err(data_error(vm, "Both start and end must be specified")),
            }
            argv.extend(arg("mode"));
            Callback::Plain
        }
        "lmove" => {
            argv.extend([
                word("LMOVE"),
                required("first_list"),
                required("second_list"),
                arg("src").unwrap_or_else(|| word("LEFT")),
                arg("dest").unwrap_or_else(|| word("RIGHT")),
            ]);
            Callback::Plain
        }
        "scan" | "sscan" | "hscan" | "zscan" => {
            argv.push(word(&name.to_ascii_uppercase()));
            if name != "scan" {
                argv.push(required("name"));
            }
            argv.push(arg("cursor").unwrap_or(Value::Int(0)));
            if let Some(pattern) = arg("match") {
                argv.extend([word("MATCH"), pattern]);
            }
            if let Some(count) = arg("count") {
                argv.extend([word("COUNT"), count]);
            }
            if let Some(type_) = arg("_type") {
                argv.extend([word("TYPE"), type_]);
            }
            // redis-py sends NOVALUES for any `no_values` but None, even False, and
            // reads the reply as fields alone only for a true one.
            if b.get(m, "no_values").is_some() {
                argv.push(word("NOVALUES"));
            }
            match name {
                "hscan" => Callback::HashScan {
                    no_values: b.flag(m, "no_values"),
                },
                "zscan" => Callback::SortedSetScan,
                _ => Callback::Scan,
            }
        }
        "zinterstore" | "zunionstore" => {
            // `keys` is a dict of keys to their weights, or any sequence of keys:
            // redis-py takes `len(keys)` and extends with it, so a str is its letters.
            let (keys, weights): (Vec<Value>, Vec<Value>) = match required("keys") {
                Value::Dict(pairs) => pairs
                    .borrow()
                    .iter()
                    .map(|(key, weight)| (key.0.clone(), weight.clone()))
                    .unzip(),
                Value::Str(s) => (
                    s.chars()
                        .map(|c| Value::str(c.encode_utf8(&mut [0; 4])))
                        .collect(),
                    vec![],
                ),
                Value::Bytes(b) => (b.iter().map(|&c| Value::Int(c.into())).collect(), vec![]),
                other => (list_or_args(&other, &[]), Vec::new()),
            };
            argv.extend([
                word(&name.to_ascii_uppercase()),
                required("dest"),
                Value::Int(keys.len() as i64),
            ]);
            argv.extend(keys);
            if !weights.is_empty() {
                argv.push(word("WEIGHTS"));
                argv.extend(weights);
            }
            if let Some(aggregate) = arg("aggregate").filter(|_| b.flag(m, "aggregate")) {
                // `aggregate.upper() in ["SUM", ...]`: bytes never equal those str.
                let known = match &aggregate {
                    Value::Str(a) => {
                        ["SUM", "MIN", "MAX", "COUNT"].contains(&a.to_ascii_uppercase().as_str())
                    }
                    Value::Bytes(_) => false,
                    other => return Err(attribute_error(vm, other, "upper")),
                };
                if !known {
                    return Err(data_error(vm, "aggregate can be sum, min, max or count."));
                }
                argv.extend([word("AGGREGATE"), aggregate]);
            }
            Callback::Plain
        }
        "zpopmin" | "zpopmax" => {
            argv.extend([word(&name.to_ascii_uppercase()), required("name")]);
            argv.extend(arg("count"));
            Callback::Scores { withscores: true }
        }
        "client_id" | "client_setname" | "client_getname" | "client_list" => {
            argv.push(word("CLIENT"));
            argv.push(word(&name["client_".len()..].to_ascii_uppercase()));
            if let Some(type_) = arg("_type") {
                argv.extend([word("TYPE"), type_]);
            }
            if let Some(ids) = arg("client_id").filter(|_| b.flag(m, "client_id")) {
                argv.push(word("ID"));
                argv.extend(list_or_args(&ids, &[]));
            }
            argv.extend(arg("name"));
            match name {
                "client_setname" => Callback::Ok,
                "client_getname" => Callback::Text,
                "client_list" => Callback::Clients,
                _ => Callback::Plain,
            }
        }
        "dbsize" => {
            argv.push(word("DBSIZE"));
            Callback::Plain
        }
        "config_resetstat" => {
            argv.extend([word("CONFIG"), word("RESETSTAT")]);
            Callback::Ok
        }
        "pubsub_channels" | "pubsub_numpat" | "pubsub_numsub" => {
            argv.push(word("PUBSUB"));
            argv.push(word(&name["pubsub_".len()..].to_ascii_uppercase()));
            if name == "pubsub_channels" {
                argv.push(arg("pattern").unwrap_or_else(|| word("*")));
            }
            argv.extend(b.rest.iter().cloned());
            if name == "pubsub_numsub" {
                Callback::Tuples
            } else {
                Callback::Plain
            }
        }
        _ => {
            // The methods whose parameters are the command's arguments, in order,
            // then any further positional ones (INFO's sections).
            argv.push(word(&name.to_ascii_uppercase()));
            argv.extend(b.values.iter().flatten().cloned());
            argv.extend(b.rest.iter().cloned());
            match name {
                "setnx" | "hexists" | "persist" | "renamenx" | "setex" | "psetex" | "smove"
                | "move" => Callback::Bool,
                "time" => Callback::Time,
                "info" => Callback::Info,
                "rename" | "lset" | "ltrim" | "select" => Callback::Ok,
                "zscore" | "zincrby" => Callback::Float,
                "smembers" => Callback::Members,
                "hgetall" => Callback::Pairs,
                _ => Callback::Plain,
            }
        }
    };
    let argv = argv
        .iter()
        .map(|value| encode(vm, value))
        .collect::<PyResult<_>>()?;
    Ok((argv, callback))
}

/// `BaseParser.parse_error`: the exception redis-py raises for an error reply. Codes
/// redis-py knows are taken off the message.
fn response_error(vm: &mut Vm, text: &str) -> Signal {
    let code = text.split(' ').next().unwrap_or_default();
    let kind = match code {
        "ERR" => "ResponseError",
        "EXECABORT" => "ExecAbortError",
        "NOSCRIPT" => "NoScriptError",
        "READONLY" => "ReadOnlyError",
        "OOM" => "OutOfMemoryError",
        "LOADING" => "BusyLoadingError",
        "NOAUTH" | "WRONGPASS" => "AuthenticationError",
        "NOPERM" => "NoPermissionError",
        _ => {
            let class = exception(vm, "ResponseError");
            return raise(&class, text);
        }
    };
    let message = text.get(code.len() + 1..).unwrap_or_default();
    let class = exception(vm, kind);
    raise(&class, message)
}

/// The exceptions of `redis.exceptions` this client raises, each with its base.
const EXCEPTIONS: [(&str, &str); 15] = [
    ("RedisError", "Exception"),
    ("ConnectionError", "RedisError"),
    ("TimeoutError", "RedisError"),
    ("AuthenticationError", "ConnectionError"),
    ("BusyLoadingError", "ConnectionError"),
    ("InvalidResponse", "RedisError"),
    ("ResponseError", "RedisError"),
    ("DataError", "RedisError"),
    ("PubSubError", "RedisError"),
    ("WatchError", "RedisError"),
    ("NoScriptError", "ResponseError"),
    ("OutOfMemoryError", "ResponseError"),
    ("ExecAbortError", "ResponseError"),
    ("ReadOnlyError", "ResponseError"),
    ("NoPermissionError", "ResponseError"),
];

/// `redis.exceptions.<name>`, made once per VM.
fn exception(vm: &mut Vm, name: &str) -> Rc<Class> {
    registered_class(vm, &format!("redis.exceptions.{name}"), |vm| {
        let base = match EXCEPTIONS.iter().find(|(error, _)| *error == name) {
            Some((_, "Exception")) | None => vm.types.exception("Exception"),
            Some((_, base)) => exception(vm, base),
        };
        exception_class(name, name, "redis.exceptions", &base)
    })
}

/// redis-py and the Redis servers its clients talk to.
struct RedisPy {
    /// Seeds the random choices of servers started when a client first names them.
    seed: u64,
    /// The servers by address (each address one server, shared by its clients).
    servers: RefCell<BTreeMap<String, SharedRedis>>,
}

impl RedisPy {
    /// The server at `address`, started when first named.
    fn server_at(&self, address: &str) -> SharedRedis {
        self.servers
            .borrow_mut()
            .entry(address.to_owned())
            .or_insert_with(|| SharedRedis::new(self.seed))
            .clone()
    }

    /// What a PubSub waiting for a message waits on: anything this library sends may
    /// have published one, and so may the page's consoles between two lines.
    fn news(&self) -> usize {
        self as *const RedisPy as usize
    }
}

/// `import redis` over `library`.
fn provider(library: &Rc<RedisPy>) -> ModuleProvider {
    let library = library.clone();
    Rc::new(move |vm, name| (name == "redis").then(|| module(vm, &library)))
}

/// redis-py for programs (`playground python`, a page's editor): the `attached` servers
/// answer at their addresses (a page's own), and a Redis server starts at each other
/// address a client first names, shared by every process of the world; `seed` drives
/// those servers' random choices.
pub fn redis_py(seed: u64, attached: &[(&str, SharedRedis)]) -> ModuleProvider {
    let servers = attached
        .iter()
        .map(|(address, server)| ((*address).to_owned(), server.clone()))
        .collect();
    provider(&Rc::new(RedisPy {
        seed,
        servers: RefCell::new(servers),
    }))
}

/// A Python 3 REPL with redis-py installed, and a Redis server listening on every
/// address a client names (each address is one server, shared by its clients).
pub struct PythonRedisSession {
    prompt: Prompt,
    library: Rc<RedisPy>,
}

impl PythonRedisSession {
    /// A fresh interpreter; servers a client names are started with random choices
    /// that follow `seed`.
    pub fn new(seed: u64) -> Self {
        let library = Rc::new(RedisPy {
            seed,
            servers: RefCell::default(),
        });
        PythonRedisSession {
            prompt: Prompt::new(0, seed, provider(&library)),
            library,
        }
    }

    /// Puts an already running server at `address`, so clients that name it are
    /// clients of that server, beside its other clients (the page's consoles).
    pub fn attach(&mut self, address: &str, server: SharedRedis) {
        self.library
            .servers
            .borrow_mut()
            .insert(address.to_owned(), server);
    }

    /// The server listening on `address`, for views of what a client stored there.
    pub fn server(&self, address: &str) -> Option<SharedRedis> {
        self.library.servers.borrow().get(address).cloned()
    }

    /// Every address a server listens on, in order, with its server.
    pub fn servers(&self) -> impl Iterator<Item = (String, SharedRedis)> {
        self.library.servers.borrow().clone().into_iter()
    }
}

impl ConsoleSession for PythonRedisSession {
    fn prompt(&self) -> String {
        self.prompt.prompt()
    }

    /// Runs one typed line and returns what python3 prints for it. A PubSub waiting
    /// for a message looks again first: the page's consoles may have published one.
    fn run_line(&mut self, line: &str, now_ms: u64) -> String {
        self.prompt.notify(self.library.news());
        self.prompt.run_line(line, now_ms)
    }
}

/// The module `redis` for the process importing it, with `redis.exceptions`.
fn module(vm: &mut Vm, library: &Rc<RedisPy>) -> Value {
    let module = new_module("redis", None);
    module.set("__file__", Value::str(MODULE_FILE));
    module.set("__version__", Value::str(REDIS_PY_VERSION));
    let redis = classes(vm, library).redis;
    module.set("Redis", Value::Class(redis.clone()));
    module.set("StrictRedis", Value::Class(redis));
    module.set("ConnectionPool", Value::Class(classes(vm, library).pool));
    let exceptions = new_module("redis.exceptions", None);
    exceptions.set(
        "__file__",
        Value::str(&MODULE_FILE.replace("__init__", "exceptions")),
    );
    for (name, _) in EXCEPTIONS {
        let class = Value::Class(exception(vm, name));
        module.set(name, class.clone());
        exceptions.set(name, class);
    }
    module.set("exceptions", Value::Module(exceptions));
    Value::Module(module)
}

/// redis-py's classes, made once per VM.
struct Classes {
    redis: Rc<Class>,
    pool: Rc<Class>,
    pipeline: Rc<Class>,
    pubsub: Rc<Class>,
}

fn classes(vm: &mut Vm, library: &Rc<RedisPy>) -> Classes {
    let Value::Tuple(all) = registered(vm, "redis", |vm| make_classes(vm, library)) else {
        unreachable!("redis-py's classes are registered as a tuple")
    };
    let class = |i: usize| match &all[i] {
        Value::Class(class) => class.clone(),
        _ => unreachable!("a tuple of classes"),
    };
    Classes {
        redis: class(0),
        pool: class(1),
        pipeline: class(2),
        pubsub: class(3),
    }
}

fn make_classes(vm: &mut Vm, library: &Rc<RedisPy>) -> Value {
    // `execute` is a pipeline's; a pipeline makes no pipelines or PubSubs here.
    let redis = command_class(vm, "Redis", METHODS, REDIS_ATTRIBUTES, &["execute"]);
    let pipeline = command_class(
        vm,
        "Pipeline",
        METHODS,
        REDIS_ATTRIBUTES,
        // What waits or iterates runs at once on the client, not queued in a pipeline.
        &[
            "pipeline",
            "pubsub",
            "blpop",
            "brpop",
            "scan_iter",
            "hscan_iter",
            "sscan_iter",
            "zscan_iter",
        ],
    );
    pipeline.dict.borrow_mut().extend(methods(
        "Pipeline",
        &[("__enter__", pipeline_enter), ("__exit__", pipeline_exit)],
    ));
    for m in PIPELINE_METHODS {
        let body: Body = Rc::new(move |vm, args| call_method(vm, m, args));
        let value = method(vm, &qualified_name(m), body);
        pipeline.dict.borrow_mut().insert(Rc::from(m.name), value);
    }
    let pubsub = command_class(vm, "PubSub", PUBSUB_METHODS, PUBSUB_ATTRIBUTES, &[]);
    written_in_python(vm, &redis, &pubsub);
    let mut dict = Namespace::default();
    let (for_redis, for_pool) = (library.clone(), library.clone());
    let init: Body = Rc::new(move |vm, args| redis_init(vm, &for_redis, args));
    redis
        .dict
        .borrow_mut()
        .insert(Rc::from("__init__"), function(vm, "Redis.__init__", init));
    let init: Body = Rc::new(move |vm, args| pool_init(vm, &for_pool, args));
    dict.insert(
        Rc::from("__init__"),
        function(vm, "ConnectionPool.__init__", init),
    );
    let pool = library_class(vm, "ConnectionPool", "redis.connection", dict);
    let all = [redis, pool, pipeline, pubsub];
    Value::tuple(all.into_iter().map(Value::Class).collect())
}

/// What of redis-py is written in Python here (`redis_py/client.py`: `listen`, a
/// generator, and `transaction`, which calls the learner's function between commands),
/// put into the classes the model writes in Rust; and the `subscribed` property
/// `listen` reads.
fn written_in_python(vm: &mut Vm, redis: &Rc<Class>, pubsub: &Rc<Class>) {
    let subscribed: Body = Rc::new(|_, args| {
        let this = args.positional.into_iter().next().unwrap_or_default();
        let on = state::<PubSub>(&this).is_some_and(|p| p.state.borrow().subscribed);
        Ok(Value::Bool(on))
    });
    let subscribed = property(vm, "PubSub.subscribed", subscribed);
    pubsub
        .dict
        .borrow_mut()
        .insert(Rc::from("subscribed"), subscribed);
    let module = Rc::new(python::value::Module::new("redis.client"));
    let source = include_str!("redis_py/client.py");
    // The source is this crate's own: it always compiles and defines both classes.
    if python::vm::import::run_library(vm, &module, "redis/client.py", source).is_err() {
        return;
    }
    for (name, class) in [("Redis", redis), ("PubSub", pubsub)] {
        let Some(Value::Class(written)) = module.get(name) else {
            continue;
        };
        let methods = written.dict.borrow().clone();
        for (name, value) in methods {
            if !name.starts_with("__") {
                class.dict.borrow_mut().insert(name, value);
            }
        }
    }
}

/// A class of `redis.client` whose methods are `modelled` (less `left_out`) and whose
/// other public names, `real`, say they are not modelled.
fn command_class(
    vm: &mut Vm,
    name: &str,
    modelled: &'static [Method],
    real: &str,
    left_out: &[&str],
) -> Rc<Class> {
    let mut dict = Namespace::default();
    for m in modelled.iter().filter(|m| !left_out.contains(&m.name)) {
        let body: Body = Rc::new(move |vm, args| call_method(vm, m, args));
        dict.insert(Rc::from(m.name), method(vm, &qualified_name(m), body));
    }
    for attribute in real.split_whitespace() {
        if dict.contains_key(attribute) {
            continue;
        }
        let message = format!(
            "this playground's redis-py does not model {name}.{attribute}; \
             the redis-cli console takes every command"
        );
        let qualname = format!("{name}.{attribute}");
        dict.insert(Rc::from(attribute), not_modelled(vm, &qualname, message));
    }
    library_class(vm, name, "redis.client", dict)
}

/// `with r.pipeline() as pipe:` gives the pipeline itself.
fn pipeline_enter(vm: &mut Vm, args: Args) -> PyResult {
    self_arg(vm, &args, "__enter__")
}

/// The end of a `with` block: the pipeline forgets what it queued (`Pipeline.reset`).
fn pipeline_exit(vm: &mut Vm, args: Args) -> PyResult {
    let this = self_arg(vm, &args, "__exit__")?;
    let pipeline = held::<Pipeline>(vm, &this, "Pipeline", "__exit__")?;
    pipeline.reset(vm)?;
    Ok(Value::None)
}

/// The Rust state of an object of these classes, if `value` is one with state `T`.
fn state<T: 'static>(value: &Value) -> Option<Held<T>> {
    native_of(value).and_then(Held::downcast)
}

/// A `ConnectionPool`: where its connection goes, and that connection once a command
/// needed it (redis-py connects lazily).
struct Pool {
    class: Rc<Class>,
    library: Rc<RedisPy>,
    host: String,
    port: i64,
    db: i64,
    decode_responses: bool,
    connection: Cell<Option<ClientId>>,
}

/// A `Redis` client: its pool, a `ConnectionPool` object.
struct RedisClient {
    class: Rc<Class>,
    pool: Value,
}

/// A queued pipeline: its client's pool and its commands with their callbacks.
struct Pipeline {
    class: Rc<Class>,
    pool: Value,
    transaction: bool,
    commands: RefCell<Vec<(Vec<Vec<u8>>, Callback)>>,
    /// After `watch()` and before `multi()`: commands run at once, as on the client.
    watching: Cell<bool>,
    /// `multi()` was called: the commands since are the transaction's.
    explicit_multi: Cell<bool>,
}

impl Pipeline {
    /// Back to a fresh pipeline after EXEC or the end of a `with` block
    /// (`Pipeline.reset`): nothing queued, nothing watched.
    fn reset(&self, vm: &mut Vm) -> PyResult<()> {
        self.commands.borrow_mut().clear();
        self.explicit_multi.set(false);
        if self.watching.replace(false) {
            pool_of(vm, &self.pool)?.send(vm, vec![b"UNWATCH".to_vec()]);
        }
        Ok(())
    }
}

/// A `PubSub`: a connection of its own, taken from its client's pool when it first
/// sends, and redis-py's bookkeeping of what it subscribed to.
struct PubSub {
    class: Rc<Class>,
    pool: Value,
    ignore_subscribe_messages: bool,
    state: RefCell<Subscriptions>,
}

/// What a PubSub knows of its connection.
#[derive(Default)]
struct Subscriptions {
    connection: Option<ClientId>,
    /// redis-py's `subscribed_event`: set by a subscribe, cleared once the reply to the
    /// last unsubscribe is read. While it is clear, `get_message()` reads nothing.
    subscribed: bool,
    channels: Vec<Vec<u8>>,
    patterns: Vec<Vec<u8>>,
    unsubscribing_channels: Vec<Vec<u8>>,
    unsubscribing_patterns: Vec<Vec<u8>>,
    /// What the server sent on the connection and has not been read yet.
    unread: VecDeque<Reply>,
}

impl Subscriptions {
    /// The channels (or patterns) subscribed to, and those an unsubscribe is on its way
    /// out for.
    fn names(&mut self, patterns: bool) -> (&mut Vec<Vec<u8>>, &mut Vec<Vec<u8>>) {
        if patterns {
            (&mut self.patterns, &mut self.unsubscribing_patterns)
        } else {
            (&mut self.channels, &mut self.unsubscribing_channels)
        }
    }
}

/// Each kind of object is a [`NativeObject`] with its class.
macro_rules! native_object {
    ($($kind:ty),*) => {$(
        impl NativeObject for $kind {
            fn class(&self) -> Rc<Class> {
                self.class.clone()
            }

            fn as_any(&self) -> &dyn std::any::Any {
                self
            }
        }
    )*};
}

native_object!(Pool, Pipeline, PubSub);

impl NativeObject for RedisClient {
    fn class(&self) -> Rc<Class> {
        self.class.clone()
    }

    /// `r.connection_pool`.
    fn get_attr(&self, name: &str) -> Option<Value> {
        (name == "connection_pool").then(|| self.pool.clone())
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// The pool's state behind a `ConnectionPool` object.
fn pool_of(vm: &mut Vm, pool: &Value) -> PyResult<Held<Pool>> {
    held(vm, pool, "ConnectionPool", "get_connection")
}

impl Pool {
    /// The server the pool's connections go to.
    fn server(&self) -> SharedRedis {
        let address = address(&self.host, self.port);
        self.library.server_at(&address)
    }

    /// A new connection of the pool, after redis-py's handshake.
    fn connect(&self, vm: &Vm) -> ClientId {
        let server = self.server();
        let client = server.connect();
        // Redis 7.0 refuses CLIENT SETINFO; redis-py ignores that.
        for (field, value) in [("LIB-NAME", "redis-py"), ("LIB-VER", REDIS_PY_VERSION)] {
            let setinfo = ["CLIENT", "SETINFO", field, value].map(|w| w.as_bytes().to_vec());
            server.execute(client, setinfo.to_vec(), now_ms(vm));
        }
        if self.db != 0 {
            let select = vec![b"SELECT".to_vec(), self.db.to_string().into_bytes()];
            server.execute(client, select, now_ms(vm));
        }
        client
    }

    /// The pool's connection, opened on first use.
    fn connection(&self, vm: &Vm) -> (SharedRedis, ClientId) {
        let client = match self.connection.get() {
            Some(client) => client,
            None => {
                let client = self.connect(vm);
                self.connection.set(Some(client));
                client
            }
        };
        (self.server(), client)
    }

    /// Sends one command on the pool's connection and returns the raw reply; a PubSub
    /// waiting for a message looks again.
    fn send(&self, vm: &mut Vm, argv: Vec<Vec<u8>>) -> Reply {
        let (server, client) = self.connection(vm);
        let reply = server.execute(client, argv, now_ms(vm));
        vm.notify(self.library.news());
        reply
    }

    /// A reply as Python sees it: raw conversion, then the command's callback.
    fn respond(&self, vm: &mut Vm, reply: Reply, callback: Callback) -> PyResult {
        let value = plain(vm, reply, self.decode_responses)?;
        shape(vm, callback, value)
    }
}

/// `Redis.__init__`'s parameters this client reads, in redis-py's order.
static REDIS_INIT: Method = signature(
    "__init__",
    "Redis",
    &[
        "host",
        "port",
        "db",
        "password",
        "socket_timeout",
        "socket_connect_timeout",
        "socket_keepalive",
        "socket_keepalive_options",
        "connection_pool",
        "unix_socket_path",
        "encoding",
        "encoding_errors",
        "decode_responses",
    ],
    0,
);

/// `ConnectionPool.__init__` takes the connection's settings as keywords.
static POOL_INIT: Method = with_kwargs(signature(
    "__init__",
    "ConnectionPool",
    &["host", "port", "db", "decode_responses"],
    0,
));

/// `Redis(host='localhost', port=6379, db=0, ..., connection_pool=None, ...,
/// decode_responses=False)`.
fn redis_init(vm: &mut Vm, library: &Rc<RedisPy>, args: Args) -> PyResult {
    let (this, args) = method_args(vm, args, "__init__")?;
    let b = bind(vm, &REDIS_INIT, args)?;
    let pool = match b.get(&REDIS_INIT, "connection_pool") {
        Some(pool) if state::<Pool>(pool).is_some() => pool.clone(),
        Some(other) => return Err(attribute_error(vm, other, "get_encoder")),
        None => {
            let class = classes(vm, library).pool;
            let pool = new_pool(vm, library, &class, &REDIS_INIT, &b)?;
            instance(&class, Rc::new(pool))
        }
    };
    let client = RedisClient {
        class: vm.types.class_of(&this),
        pool,
    };
    set_native(&this, Rc::new(client));
    Ok(Value::None)
}

/// `ConnectionPool(host=..., port=..., db=..., decode_responses=...)`.
fn pool_init(vm: &mut Vm, library: &Rc<RedisPy>, args: Args) -> PyResult {
    let (this, args) = method_args(vm, args, "__init__")?;
    if !args.positional.is_empty() {
        let message = "this playground's ConnectionPool takes keyword arguments only";
        return Err(error(vm, "TypeError", message));
    }
    let b = bind(vm, &POOL_INIT, args)?;
    let class = vm.types.class_of(&this);
    let pool = new_pool(vm, library, &class, &POOL_INIT, &b)?;
    set_native(&this, Rc::new(pool));
    Ok(Value::None)
}

/// A pool of `class` from `ConnectionPool(...)` or `Redis(...)` keywords.
fn new_pool(
    vm: &mut Vm,
    library: &Rc<RedisPy>,
    class: &Rc<Class>,
    m: &Method,
    b: &Bound,
) -> PyResult<Pool> {
    let host = match b.get(m, "host") {
        None => "localhost".to_owned(),
        Some(Value::Str(host)) => host.to_string(),
        Some(other) => {
            let message = format!("str expected, not {}", other.type_name());
            return Err(error(vm, "TypeError", &message));
        }
    };
    let mut number = |name: &str, default: i64| -> PyResult<i64> {
        match b.get(m, name) {
            None => Ok(default),
            Some(Value::Str(s)) => s.parse().map_err(|_| {
                let message = format!("invalid literal for int() with base 10: {}", repr_str(s));
                error(vm, "ValueError", &message)
            }),
            Some(other) => as_int(other)
                .and_then(|n| n.to_i64())
                .ok_or_else(|| not_an_integer(vm, other)),
        }
    };
    let port = number("port", 6379)?;
    let db = number("db", 0)?;
    Ok(Pool {
        class: class.clone(),
        library: library.clone(),
        host,
        port,
        db,
        decode_responses: b.flag(m, "decode_responses"),
        connection: Cell::new(None),
    })
}

/// A call of a method of a client, pipeline or PubSub: the deprecation warning first
/// (redis-py's decorator warns before the call binds its arguments), then its
/// arguments bound as redis-py declares them.
fn call_method(vm: &mut Vm, m: &'static Method, args: Args) -> PyResult {
    if let Some((name, advice, version)) = DEPRECATED.iter().find(|(name, ..)| *name == m.name) {
        let message =
            format!("Call to deprecated {name}. ({advice}) -- Deprecated since version {version}.");
        warn(vm, "DeprecationWarning", &message);
    }
    let (this, args) = method_args(vm, args, m.name)?;
    let b = bind(vm, m, args)?;
    if let Some(client) = state::<RedisClient>(&this) {
        return client_method(vm, &client, m, &b);
    }
    if let Some(pipeline) = state::<Pipeline>(&this) {
        return pipeline_method(vm, &pipeline, this.clone(), m, &b);
    }
    if let Some(pubsub) = state::<PubSub>(&this) {
        return pubsub_method(vm, &pubsub, m, &b);
    }
    let message = format!(
        "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
        m.name,
        m.owner,
        this.type_name()
    );
    Err(error(vm, "TypeError", &message))
}

/// A method of a `Redis` client: `pipeline()` and `pubsub()` make objects, the others
/// send their command at once.
fn client_method(vm: &mut Vm, client: &RedisClient, m: &Method, b: &Bound) -> PyResult {
    let library = pool_of(vm, &client.pool)?.library.clone();
    match m.name {
        "pipeline" => {
            let class = classes(vm, &library).pipeline;
            let transaction = match b.values[0].as_ref() {
                Some(value) => truthy(vm, value)?,
                None => true,
            };
            let pipeline = Pipeline {
                class: class.clone(),
                pool: client.pool.clone(),
                transaction,
                commands: RefCell::default(),
                watching: Cell::new(false),
                explicit_multi: Cell::new(false),
            };
            Ok(instance(&class, Rc::new(pipeline)))
        }
        "pubsub" => {
            let class = classes(vm, &library).pubsub;
            let pubsub = PubSub {
                class: class.clone(),
                pool: client.pool.clone(),
                ignore_subscribe_messages: b.flag(m, "ignore_subscribe_messages"),
                state: RefCell::default(),
            };
            Ok(instance(&class, Rc::new(pubsub)))
        }
        "blpop" | "brpop" => blocking_pop(vm, client, m, b),
        "scan_iter" | "hscan_iter" | "sscan_iter" | "zscan_iter" => scan_iter(vm, client, m, b),
        _ => {
            let (argv, callback) = command(vm, m, b)?;
            let pool = pool_of(vm, &client.pool)?;
            let reply = pool.send(vm, argv);
            pool.respond(vm, reply, callback)
        }
    }
}

/// `scan_iter(match=None, count=None, _type=None)` and `hscan_iter`, `sscan_iter`,
/// `zscan_iter`: what the SCAN of each cursor gives, in order, until the cursor is 0
/// again; `hscan_iter` yields (field, value) pairs. The scans run at once rather than
/// as the iteration asks, so the iterator is over a list.
fn scan_iter(vm: &mut Vm, client: &RedisClient, m: &Method, b: &Bound) -> PyResult {
    let scan_name = m.name.trim_end_matches("_iter");
    let Some(scan) = METHODS.iter().find(|method| method.name == scan_name) else {
        return Err(error(vm, "AttributeError", scan_name));
    };
    let pool = pool_of(vm, &client.pool)?;
    let mut items = Vec::new();
    let mut cursor = Value::Int(0);
    loop {
        // The SCAN method's arguments: those of the iterator, and the cursor.
        let values = scan
            .params
            .iter()
            .map(|param| match *param {
                "cursor" => Some(cursor.clone()),
                param => b.get(m, param).cloned(),
            })
            .collect();
        let truth = scan
            .params
            .iter()
            .map(|param| *param == "no_values" && b.flag(m, "no_values"))
            .collect();
        let scan_args = Bound {
            values,
            truth,
            rest: Vec::new(),
        };
        let (argv, callback) = command(vm, scan, &scan_args)?;
        let reply = pool.send(vm, argv);
        let page = pool.respond(vm, reply, callback)?;
        let [next, found] = python::vm::iter::collect(vm, &page)?
            .try_into()
            .map_err(|_| error(vm, "ValueError", "a SCAN reply is a cursor and a page"))?;
        match &found {
            Value::Dict(dict) if scan_name == "hscan" => items.extend(
                dict.borrow()
                    .entries
                    .iter()
                    .map(|(field, value)| Value::tuple(vec![field.0.clone(), value.clone()])),
            ),
            found => items.extend(python::vm::iter::collect(vm, found)?),
        }
        if matches!(next, Value::Int(0)) {
            break;
        }
        cursor = next;
    }
    python::vm::iter::get_iter(vm, &Value::list(items))
}

/// `blpop(keys, timeout=0)` and `brpop`: the first of `keys` whose list has an item
/// gives it, as `(key, item)`; while all are empty the thread waits, until something
/// this library sends may have pushed one, or `timeout` seconds pass (0: for ever),
/// giving None. Each look is an LPOP (RPOP) of each key in turn, so the server counts
/// those rather than one blocked BLPOP.
fn blocking_pop(vm: &mut Vm, client: &RedisClient, m: &Method, b: &Bound) -> PyResult {
    let keys = match b.get(m, "keys").cloned().unwrap_or_default() {
        key @ (Value::Str(_) | Value::Bytes(_) | Value::Int(_)) => vec![key],
        many => python::vm::iter::collect(vm, &many)?,
    };
    let timeout = match b.get(m, "timeout") {
        None | Some(Value::None) => 0.0,
        Some(seconds) => to_float(vm, seconds)?,
    };
    let pop = if m.name == "blpop" { "LPOP" } else { "RPOP" };
    let pool = pool_of(vm, &client.pool)?;
    for key in &keys {
        let argv = vec![pop.as_bytes().to_vec(), encode(vm, key)?];
        let reply = pool.send(vm, argv.clone());
        if !matches!(reply, Reply::Nil) {
            let key = pool.respond(vm, Reply::bulk(&argv[1]), Callback::Plain)?;
            let item = pool.respond(vm, reply, Callback::Plain)?;
            forget_deadline(vm);
            return Ok(Value::tuple(vec![key, item]));
        }
    }
    let wait = (timeout > 0.0).then_some(timeout);
    match deadline(vm, wait) {
        Deadline::Passed => {
            forget_deadline(vm);
            Ok(Value::None)
        }
        Deadline::At(at) => Err(vm.block(Some(pool.library.news()), at, "Redis.blpop")),
    }
}

/// A method of a pipeline: `watch`, `multi` and `unwatch` act at once, as does any
/// command while watching; other commands are queued for `execute`.
fn pipeline_method(
    vm: &mut Vm,
    pipeline: &Pipeline,
    this: Value,
    m: &Method,
    b: &Bound,
) -> PyResult {
    let pool = pool_of(vm, &pipeline.pool)?;
    match m.name {
        "execute" => execute(vm, pipeline),
        "watch" => {
            if pipeline.explicit_multi.get() {
                let class = exception(vm, "RedisError");
                return Err(raise(&class, "Cannot issue a WATCH after a MULTI"));
            }
            let mut argv = vec![b"WATCH".to_vec()];
            for name in &b.rest {
                argv.push(encode(vm, name)?);
            }
            pipeline.watching.set(true);
            let reply = pool.send(vm, argv);
            pool.respond(vm, reply, Callback::Plain)
        }
        "unwatch" => {
            pipeline.watching.set(false);
            let reply = pool.send(vm, vec![b"UNWATCH".to_vec()]);
            pool.respond(vm, reply, Callback::Plain)
        }
        "multi" => {
            if pipeline.explicit_multi.get() {
                let class = exception(vm, "RedisError");
                return Err(raise(&class, "Cannot issue nested calls to MULTI"));
            }
            if !pipeline.commands.borrow().is_empty() {
                let class = exception(vm, "RedisError");
                return Err(raise(
                    &class,
                    "Commands without an initial WATCH have already been issued",
                ));
            }
            pipeline.explicit_multi.set(true);
            pipeline.watching.set(false);
            Ok(Value::None)
        }
        _ if pipeline.watching.get() => {
            let (argv, callback) = command(vm, m, b)?;
            let reply = pool.send(vm, argv);
            pool.respond(vm, reply, callback)
        }
        _ => {
            let (argv, callback) = command(vm, m, b)?;
            pipeline.commands.borrow_mut().push((argv, callback));
            Ok(this)
        }
    }
}

/// `Pipeline.execute`: the queued commands in one go (in MULTI/EXEC unless the
/// pipeline is not a transaction), their results through their callbacks; the first
/// error is raised, annotated with its command.
fn execute(vm: &mut Vm, pipeline: &Pipeline) -> PyResult {
    let commands = std::mem::take(&mut *pipeline.commands.borrow_mut());
    if commands.is_empty() {
        pipeline.reset(vm)?;
        return Ok(Value::list(Vec::new()));
    }
    let pool = pool_of(vm, &pipeline.pool)?;
    let replies: Vec<Reply> = if pipeline.transaction {
        pool.send(vm, vec![b"MULTI".to_vec()]);
        let mut queue_error = None;
        for (i, (argv, _)) in commands.iter().enumerate() {
            if let Reply::Error(text) = pool.send(vm, argv.clone()) {
                queue_error.get_or_insert((i, text));
            }
        }
        let exec = pool.send(vm, vec![b"EXEC".to_vec()]);
        // EXEC unwatches every key.
        pipeline.watching.set(false);
        pipeline.explicit_multi.set(false);
        if let Some((i, text)) = queue_error {
            let raised = response_error(vm, &text);
            return Err(annotate(raised, i, &commands[i].0));
        }
        match exec {
            Reply::Array(replies) => replies,
            Reply::NilArray => {
                let class = exception(vm, "WatchError");
                return Err(raise(&class, "Watched variable changed."));
            }
            Reply::Error(text) => return Err(response_error(vm, &text)),
            other => vec![other],
        }
    } else {
        commands
            .iter()
            .map(|(argv, _)| pool.send(vm, argv.clone()))
            .collect()
    };
    let mut results = Vec::new();
    for (i, (reply, (argv, callback))) in replies.into_iter().zip(&commands).enumerate() {
        match pool.respond(vm, reply, *callback) {
            Ok(value) => results.push(value),
            Err(raised) => return Err(annotate(raised, i, argv)),
        }
    }
    Ok(Value::list(results))
}

/// A `PubSub` method: subscribing sends at once and reads nothing, as redis-py does;
/// `get_message()` and `parse_response()` read what arrived since, one reply at a time.
fn pubsub_method(vm: &mut Vm, pubsub: &PubSub, m: &Method, b: &Bound) -> PyResult {
    let names = b
        .rest
        .iter()
        .map(|name| encode(vm, name))
        .collect::<PyResult<Vec<_>>>()?;
    match m.name {
        "subscribe" | "psubscribe" => {
            let mut state = pubsub.state.borrow_mut();
            let (subscribed, unsubscribing) = state.names(m.name == "psubscribe");
            for name in &names {
                if !subscribed.contains(name) {
                    subscribed.push(name.clone());
                }
            }
            unsubscribing.retain(|name| !names.contains(name));
            state.subscribed = true;
        }
        "unsubscribe" | "punsubscribe" => {
            let mut state = pubsub.state.borrow_mut();
            let (subscribed, unsubscribing) = state.names(m.name == "punsubscribe");
            // Without names, every name subscribed to is on its way out.
            unsubscribing.extend(if names.is_empty() {
                subscribed.clone()
            } else {
                names.clone()
            });
        }
        "get_message" => return get_message(vm, pubsub, m, b),
        "parse_response" => {
            // `block=True` unless given, even as None (falsy); without blocking, it
            // waits `timeout` seconds at most (0 by default).
            let block = match b.values[0].as_ref() {
                Some(block) => truthy(vm, block)?,
                None => true,
            };
            let timeout = match b.get(m, "timeout") {
                _ if block => None,
                Some(seconds) => Some(to_float(vm, seconds)?),
                None => Some(0.0),
            };
            let decode = pool_of(vm, &pubsub.pool)?.decode_responses;
            if pubsub.state.borrow().connection.is_none() {
                let message = "pubsub connection not set: did you forget to call subscribe() or psubscribe()?";
                return Err(error(vm, "RuntimeError", message));
            }
            return match next_reply(vm, pubsub, timeout)? {
                Some(reply) => plain(vm, reply, decode),
                None => Ok(Value::None),
            };
        }
        _ => {
            // `close()`: the connection is closed and forgotten; the PubSub may
            // subscribe again.
            let closed = std::mem::take(&mut *pubsub.state.borrow_mut());
            if let Some(client) = closed.connection {
                pool_of(vm, &pubsub.pool)?.server().disconnect(client);
            }
            return Ok(Value::None);
        }
    }
    let mut argv = vec![m.name.to_ascii_uppercase().into_bytes()];
    argv.extend(names);
    let (server, client) = pubsub_connection(vm, pubsub)?;
    let reply = server.execute(client, argv, now_ms(vm));
    let mut state = pubsub.state.borrow_mut();
    state.unread.extend(server.take_messages(client));
    match reply {
        Reply::Frames(frames) => state.unread.extend(frames),
        other => state.unread.push_back(other),
    }
    Ok(Value::None)
}

/// The PubSub's connection: on first use, the pool's idle connection if it has one
/// (redis-py hands that out, and the client then opens another), else a new one.
fn pubsub_connection(vm: &mut Vm, pubsub: &PubSub) -> PyResult<(SharedRedis, ClientId)> {
    let pool = pool_of(vm, &pubsub.pool)?;
    let server = pool.server();
    if let Some(client) = pubsub.state.borrow().connection {
        return Ok((server, client));
    }
    let client = match pool.connection.take() {
        Some(idle) => idle,
        None => pool.connect(vm),
    };
    pubsub.state.borrow_mut().connection = Some(client);
    Ok((server, client))
}

/// The next reply read from the PubSub's connection: what arrived since it last
/// looked, else, within `timeout` seconds (None: for ever), what arrives meanwhile.
/// Waiting parks the thread until something this library sends, or a later line of
/// the page, may have published.
fn next_reply(vm: &mut Vm, pubsub: &PubSub, timeout: Option<f64>) -> PyResult<Option<Reply>> {
    let pool = pool_of(vm, &pubsub.pool)?;
    let mut state = pubsub.state.borrow_mut();
    if let Some(client) = state.connection {
        let arrived = pool.server().take_messages(client);
        state.unread.extend(arrived);
    }
    if let Some(reply) = state.unread.pop_front() {
        return Ok(Some(reply));
    }
    match deadline(vm, timeout) {
        Deadline::Passed => Ok(None),
        Deadline::At(at) => Err(vm.block(Some(pool.library.news()), at, "PubSub.parse_response")),
    }
}

/// `PubSub.get_message(ignore_subscribe_messages=False, timeout=0.0)`: the next reply
/// read from the connection as a message dict, or `None` when nothing arrived (or
/// nothing is subscribed).
fn get_message(vm: &mut Vm, pubsub: &PubSub, m: &Method, b: &Bound) -> PyResult {
    if !pubsub.state.borrow().subscribed {
        return Ok(Value::None);
    }
    let timeout = match &b.values[1] {
        None => Some(0.0),
        Some(Value::None) => None,
        Some(seconds) => Some(to_float(vm, seconds)?),
    };
    let decode = pool_of(vm, &pubsub.pool)?.decode_responses;
    let Some(reply) = next_reply(vm, pubsub, timeout)? else {
        return Ok(Value::None);
    };
    let Value::List(parts) = plain(vm, reply, decode)? else {
        return Ok(Value::None);
    };
    let mut parts = parts.borrow().clone();
    let kind = parts.first().and_then(text_of).unwrap_or_default();
    let (pattern, channel, data) = match (kind.as_str(), parts.len()) {
        ("pmessage", 4) => {
            let data = parts.pop();
            let channel = parts.pop();
            (parts.pop(), channel, data)
        }
        (_, 3) => {
            let data = parts.pop();
            (None, parts.pop(), data)
        }
        _ => return Ok(Value::None),
    };
    if matches!(kind.as_str(), "unsubscribe" | "punsubscribe") {
        let name = channel
            .as_ref()
            .and_then(text_of)
            .unwrap_or_default()
            .into_bytes();
        let mut state = pubsub.state.borrow_mut();
        let (subscribed, unsubscribing) = state.names(kind == "punsubscribe");
        if let Some(at) = unsubscribing.iter().position(|n| *n == name) {
            unsubscribing.remove(at);
            subscribed.retain(|n| *n != name);
        }
        if state.channels.is_empty() && state.patterns.is_empty() {
            state.subscribed = false;
        }
    }
    let is_message = matches!(kind.as_str(), "message" | "pmessage");
    if !is_message && (b.flag(m, "ignore_subscribe_messages") || pubsub.ignore_subscribe_messages) {
        return Ok(Value::None);
    }
    Ok(dict([
        (Value::str("type"), Value::str(&kind)),
        (Value::str("pattern"), pattern.unwrap_or_default()),
        (Value::str("channel"), channel.unwrap_or_default()),
        (Value::str("data"), data.unwrap_or_default()),
    ]))
}

/// The arguments of a call matched to a method's parameters, as CPython matches them,
/// with each one's truth value (the flags redis-py tests).
struct Bound {
    values: Vec<Option<Value>>,
    truth: Vec<bool>,
    rest: Vec<Value>,
}

impl Bound {
    /// The argument of parameter `name`, unless it was left out or is None.
    fn get(&self, m: &Method, name: &str) -> Option<&Value> {
        let i = m.params.iter().position(|p| *p == name)?;
        self.values[i]
            .as_ref()
            .filter(|v| !matches!(v, Value::None))
    }

    /// Whether the argument of parameter `name` is true.
    fn flag(&self, m: &Method, name: &str) -> bool {
        m.params
            .iter()
            .position(|p| *p == name)
            .is_some_and(|i| self.truth[i])
    }
}

/// Binds a call's arguments (after `self`) to `m`'s parameters, with CPython's messages
/// for what does not fit.
fn bind(vm: &mut Vm, m: &Method, args: Args) -> PyResult<Bound> {
    let qualname = qualified_name(m);
    let mut values: Vec<Option<Value>> = vec![None; m.params.len()];
    let mut rest = Vec::new();
    let given = args.positional.len();
    for (i, value) in args.positional.into_iter().enumerate() {
        match values.get_mut(i) {
            Some(slot) => *slot = Some(value),
            None => rest.push(value),
        }
    }
    for (name, value) in args.keywords {
        match m.params.iter().position(|p| **p == *name) {
            Some(i) if values[i].is_some() => {
                let message = format!("{qualname}() got multiple values for argument '{name}'");
                return Err(error(vm, "TypeError", &message));
            }
            Some(i) => values[i] = Some(value),
            None if m.kwargs => {}
            None => {
                let message = format!("{qualname}() got an unexpected keyword argument '{name}'");
                return Err(error(vm, "TypeError", &message));
            }
        }
    }
    if !m.varargs && given > m.params.len() {
        let takes = if m.required == m.params.len() {
            format!("{}", m.params.len() + 1)
        } else {
            format!("from {} to {}", m.required + 1, m.params.len() + 1)
        };
        let plural = if takes == "1" { "" } else { "s" };
        let message = format!(
            "{qualname}() takes {takes} positional argument{plural} but {} were given",
            given + 1
        );
        return Err(error(vm, "TypeError", &message));
    }
    let missing: Vec<String> = m.params[..m.required]
        .iter()
        .zip(&values)
        .filter(|(_, v)| v.is_none())
        .map(|(p, _)| format!("'{p}'"))
        .collect();
    if !missing.is_empty() {
        let names = match missing.as_slice() {
            [one] => one.clone(),
            [first, second] => format!("{first} and {second}"),
            [init @ .., last] => format!("{}, and {last}", init.join(", ")),
            [] => String::new(),
        };
        let plural = if missing.len() == 1 { "" } else { "s" };
        let message = format!(
            "{qualname}() missing {} required positional argument{plural}: {names}",
            missing.len()
        );
        return Err(error(vm, "TypeError", &message));
    }
    let mut truth = Vec::with_capacity(values.len());
    for value in &values {
        truth.push(match value {
            Some(value) => truthy(vm, value)?,
            None => false,
        });
    }
    Ok(Bound {
        values,
        truth,
        rest,
    })
}

/// What redis-py's response callback makes of a reply.
fn shape(vm: &mut Vm, callback: Callback, value: Value) -> PyResult {
    let float = |v: &Value| text_of(v).and_then(|t| t.parse().ok()).map(Value::Float);
    let items = match &value {
        Value::List(items) => Some(items.borrow().clone()),
        _ => None,
    };
    Ok(match (callback, items) {
        (Callback::Plain, _) => value,
        (Callback::Bool, _) => Value::Bool(truthy(vm, &value)?),
        (Callback::Ok | Callback::Set, _) if matches!(value, Value::None) => Value::None,
        (Callback::Ok | Callback::Set, _) => Value::Bool(true),
        (Callback::Float, _) => float(&value).unwrap_or(value),
        (Callback::Members, Some(items)) => {
            Value::Set(Rc::new(RefCell::new(items.into_iter().map(Key).collect())))
        }
        (Callback::Pairs, Some(items)) => dict(pairs(items)),
        (Callback::Scores { withscores: true }, Some(items)) => Value::list(
            pairs(items)
                .into_iter()
                .map(|(member, score)| {
                    Value::tuple(vec![member, float(&score).unwrap_or_default()])
                })
                .collect(),
        ),
        (Callback::Tuples, Some(items)) => Value::list(
            pairs(items)
                .into_iter()
                .map(|(first, second)| Value::tuple(vec![first, second]))
                .collect(),
        ),
        (Callback::Text, _) => text_of(&value).map_or(value, |text| Value::str(&text)),
        (Callback::Clients, _) => Value::list(
            text_of(&value)
                .unwrap_or_default()
                .lines()
                .map(client_fields)
                .filter(|fields| !fields.is_empty())
                .map(|fields| {
                    dict(
                        fields
                            .into_iter()
                            .map(|(key, value)| (Value::str(&key), Value::str(&value))),
                    )
                })
                .collect(),
        ),
        (Callback::Pong, _) => Value::Bool(text_of(&value).as_deref() == Some("PONG")),
        (
            callback @ (Callback::Scan | Callback::HashScan { .. } | Callback::SortedSetScan),
            Some(mut parts),
        ) if parts.len() == 2 => {
            let found = parts.pop().unwrap_or_default();
            let cursor = int(&parts[0]);
            let found = match callback {
                Callback::HashScan { no_values: false } => shape(vm, Callback::Pairs, found)?,
                Callback::SortedSetScan => shape(vm, Callback::Scores { withscores: true }, found)?,
                _ => found,
            };
            Value::tuple(vec![cursor, found])
        }
        (Callback::Time, Some(parts)) => Value::tuple(parts.iter().map(int).collect()),
        (Callback::Info, _) => parse_info(&text_of(&value).unwrap_or_default()),
        _ => value,
    })
}

/// A flat reply's items two by two: fields and values, members and scores.
fn pairs(items: Vec<Value>) -> Vec<(Value, Value)> {
    let mut items = items.into_iter();
    let mut pairs = Vec::new();
    while let (Some(first), Some(second)) = (items.next(), items.next()) {
        pairs.push((first, second));
    }
    pairs
}

/// redis-py's `parse_info`: INFO's `field:value` lines (section headers left out) as a
/// dict, each value read as a number, a list or a dict of `k=v` items where it can be.
fn parse_info(text: &str) -> Value {
    let mut info: Vec<(Value, Value)> = Vec::new();
    let mut modules = Vec::new();
    let mut raw = Vec::new();
    for line in text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        match line.split_once(':') {
            Some(("module", value)) => modules.push(info_value(value)),
            Some((key, value)) => info.push((Value::str(key), info_value(value))),
            None => raw.push(Value::str(line)),
        }
    }
    if !modules.is_empty() {
        info.push((Value::str("modules"), Value::list(modules)));
    }
    if !raw.is_empty() {
        info.push((Value::str("__raw__"), Value::list(raw)));
    }
    dict(info)
}

/// One INFO value as `parse_info` reads it: an int, a float, a str, a list of values
/// split on commas, or a dict of `k=v` items (an item without `=` maps to True).
fn info_value(value: &str) -> Value {
    let text = || Value::str(value);
    if !value.contains('=') && !value.contains(',') {
        if value.contains('.') {
            value.parse().map_or_else(|_| text(), Value::Float)
        } else {
            value.parse().map_or_else(|_| text(), Value::Int)
        }
    } else if !value.contains('=') {
        Value::list(
            value
                .split(',')
                .filter(|v| !v.is_empty())
                .map(info_value)
                .collect(),
        )
    } else {
        dict(value.split(',').filter(|item| !item.is_empty()).map(
            |item| match item.rsplit_once('=') {
                Some((k, v)) => (Value::str(k), info_value(v)),
                None => (Value::str(item), Value::Bool(true)),
            },
        ))
    }
}

/// `int(value)` of a reply's digits, as bytes or str.
fn int(value: &Value) -> Value {
    text_of(value)
        .and_then(|t| t.parse().ok())
        .map_or(Value::None, Value::Int)
}

/// `Pipeline.annotate_exception`: which command of the pipeline failed, written into
/// the exception's message.
fn annotate(raised: Signal, index: usize, argv: &[Vec<u8>]) -> Signal {
    if let Signal::Raise(exc) = &raised {
        let command: Vec<String> = argv
            .iter()
            .map(|a| String::from_utf8_lossy(a).into_owned())
            .collect();
        with_data(exc, |data| {
            let message = data.args.first().and_then(text_of).unwrap_or_default();
            let annotated = format!(
                "Command # {} ({}) of pipeline caused error: {message}",
                index + 1,
                command.join(" ")
            );
            match data.args.first_mut() {
                Some(first) => *first = Value::str(&annotated),
                None => data.args.push(Value::str(&annotated)),
            }
        });
    }
    raised
}

/// One line of CLIENT LIST as redis-py's `parse_client_list` reads it: `key=value`
/// words, a word without `=` continuing the value before it.
fn client_fields(line: &str) -> Vec<(String, String)> {
    let mut fields: Vec<(String, String)> = Vec::new();
    for word in line.split(' ') {
        match (word.split_once('='), fields.last_mut()) {
            (Some((key, value)), _) => match fields.iter_mut().find(|(k, _)| k == key) {
                Some((_, old)) => *old = value.to_owned(),
                None => fields.push((key.to_owned(), value.to_owned())),
            },
            (None, Some((_, value))) => {
                value.push(' ');
                value.push_str(word);
            }
            (None, None) => {}
        }
    }
    fields
}

/// A reply as redis-py's parser hands it to callbacks; an error reply raises.
fn plain(vm: &mut Vm, reply: Reply, decode: bool) -> PyResult {
    let text = |data: &[u8]| {
        if decode {
            Value::str(&String::from_utf8_lossy(data))
        } else {
            bytes(data)
        }
    };
    Ok(match reply {
        Reply::Status(s) => text(s.as_bytes()),
        Reply::Error(message) => return Err(response_error(vm, &message)),
        Reply::Integer(n) => Value::Int(n),
        Reply::Bulk(data) => text(&data),
        Reply::Nil | Reply::NilArray => Value::None,
        Reply::Array(items) | Reply::Frames(items) => {
            let mut values = Vec::with_capacity(items.len());
            for item in items {
                values.push(plain(vm, item, decode)?);
            }
            Value::list(values)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::python::tests::transcript;
    use crate::redis::RedisCliSession;

    const NOW: u64 = 1_780_000_000_000;

    /// Runs lines and returns the transcript as the REPL shows it.
    fn repl(session: &mut PythonRedisSession, lines: &[&str]) -> String {
        transcript(session, lines, NOW)
    }

    #[test]
    fn the_lessons_lines() {
        let mut session = PythonRedisSession::new(0);
        assert_eq!(
            repl(
                &mut session,
                &[
                    "import redis",
                    "r = redis.Redis(host='10.211.55.4', port=6379)",
                    "r.set('foo', 'Bar')",
                    "print(r.get('foo'))",
                    "pool = redis.ConnectionPool(host='10.211.55.4', port=6379)",
                    "r = redis.Redis(connection_pool=pool, decode_responses=True)",
                    "r.get('foo')",
                    "redis.StrictRedis(host='10.211.55.4', port=6379, decode_responses=True).get('foo')",
                ]
            ),
            ">>> import redis\n\
             >>> r = redis.Redis(host='10.211.55.4', port=6379)\n\
             >>> r.set('foo', 'Bar')\nTrue\n\
             >>> print(r.get('foo'))\nb'Bar'\n\
             >>> pool = redis.ConnectionPool(host='10.211.55.4', port=6379)\n\
             >>> r = redis.Redis(connection_pool=pool, decode_responses=True)\n\
             >>> r.get('foo')\nb'Bar'\n\
             >>> redis.StrictRedis(host='10.211.55.4', port=6379, decode_responses=True).get('foo')\n'Bar'\n"
        );
    }

    #[test]
    fn replies_take_the_shapes_of_redis_pys_callbacks() {
        let mut session = PythonRedisSession::new(0);
        let out = repl(
            &mut session,
            &[
                "import redis",
                "r = redis.Redis(host='h', port=1)",
                "r.incr('n', 5)",
                "r.expire('n', 10)",
                "r.ttl('n')",
                "r.hset('h', mapping={'a': 1, 'b': 2.5})",
                "r.hgetall('h')",
                "r.zadd('z', {'m': 1.5})",
                "r.zrange('z', 0, -1, withscores=True)",
                "r.sadd('s', 'x')",
                "r.smembers('s')",
                "r.smembers('none')",
                "r.ping()",
            ],
        );
        assert!(
            out.ends_with(
                ">>> r.incr('n', 5)\n5\n\
                 >>> r.expire('n', 10)\nTrue\n\
                 >>> r.ttl('n')\n10\n\
                 >>> r.hset('h', mapping={'a': 1, 'b': 2.5})\n2\n\
                 >>> r.hgetall('h')\n{b'a': b'1', b'b': b'2.5'}\n\
                 >>> r.zadd('z', {'m': 1.5})\n1\n\
                 >>> r.zrange('z', 0, -1, withscores=True)\n[(b'm', 1.5)]\n\
                 >>> r.sadd('s', 'x')\n1\n\
                 >>> r.smembers('s')\n{b'x'}\n\
                 >>> r.smembers('none')\nset()\n\
                 >>> r.ping()\nTrue\n"
            ),
            "{out}"
        );
    }

    #[test]
    fn errors_are_raised_as_redis_py_raises_them() {
        let mut session = PythonRedisSession::new(0);
        let out = repl(
            &mut session,
            &[
                "import redis",
                "r = redis.Redis(host='h', port=1)",
                "r.rpush('l', 'a')",
                "r.incr('l')",
                "r.get('l')",
                "r.set('k', None)",
                "r.set('k')",
                "r.lrange('l', 0, 1, 2)",
            ],
        );
        for expected in [
            "redis.exceptions.ResponseError: WRONGTYPE Operation against a key holding the wrong kind of value\n",
            "redis.exceptions.DataError: Invalid input of type: 'NoneType'. Convert to a bytes, string, int or float first.\n",
            "TypeError: BasicKeyCommands.set() missing 1 required positional argument: 'value'\n",
            "TypeError: ListCommands.lrange() takes 4 positional arguments but 5 were given\n",
        ] {
            assert!(out.contains(expected), "{expected} in {out}");
        }
    }

    #[test]
    fn bytes_decode_to_text_as_python_decodes_utf_8() {
        let mut session = PythonRedisSession::new(0);
        let out = repl(
            &mut session,
            &[
                "import redis",
                "r = redis.Redis(host='h', port=1)",
                "r.set('k', '中文')",
                "r.get('k').decode('utf-8')",
                "r.set('b', b'\\xe4\\xb8')",
                "r.get('b').decode()",
            ],
        );
        assert!(
            out.contains(">>> r.get('k').decode('utf-8')\n'中文'\n"),
            "{out}"
        );
        assert!(
            out.ends_with("UnicodeDecodeError: 'utf-8' codec can't decode bytes in position 0-1: unexpected end of data\n"),
            "{out}"
        );
    }

    #[test]
    fn results_can_be_indexed_and_measured() {
        let mut session = PythonRedisSession::new(0);
        let out = repl(
            &mut session,
            &[
                "import redis",
                "r = redis.Redis(host='h', port=1, decode_responses=True)",
                "r.rpush('l', 'a', 'b')",
                "r.lrange('l', 0, -1)[-1]",
                "len(r.lrange('l', 0, -1))",
                "r.hset('h', 'f', 'v')",
                "r.hgetall('h')['f']",
                "r.hgetall('h')['g']",
                "r.lrange('l', 0, -1)[2]",
            ],
        );
        assert!(
            out.contains(">>> r.lrange('l', 0, -1)[-1]\n'b'\n>>> len(r.lrange('l', 0, -1))\n2\n"),
            "{out}"
        );
        assert!(out.contains(">>> r.hgetall('h')['f']\n'v'\n"), "{out}");
        assert!(out.contains("KeyError: 'g'\n"), "{out}");
        assert!(
            out.ends_with("IndexError: list index out of range\n"),
            "{out}"
        );
    }

    #[test]
    fn a_client_of_an_attached_server_is_one_more_connection_to_it() {
        let shared = SharedRedis::new(0);
        let mut cli = RedisCliSession::connect(&shared);
        let mut session = PythonRedisSession::new(0);
        session.attach("127.0.0.1:6379", shared.clone());
        repl(
            &mut session,
            &[
                "import redis",
                "r = redis.Redis()",
                "r.set('from-python', 1)",
            ],
        );
        assert_eq!(cli.run_line("GET from-python", NOW), "\"1\"\n");
        assert_eq!(cli.run_line("CLIENT LIST", NOW).lines().count(), 2);
        // A key the Python client WATCHes, changed by redis-cli, fails its EXEC.
        cli.run_line("SET w 0", NOW);
        let id: u64 = session
            .run_line("r.client_id()", NOW)
            .trim()
            .parse()
            .unwrap();
        shared.execute(ClientId(id), vec![b"WATCH".to_vec(), b"w".to_vec()], NOW);
        cli.run_line("SET w 1", NOW);
        assert_eq!(
            session.run_line("r.pipeline().set('w', 2).execute()", NOW),
            "Traceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\n\
             redis.exceptions.WatchError: Watched variable changed.\n"
        );
    }

    #[test]
    fn no_line_makes_it_panic() {
        const PIECES: [&str; 29] = [
            "r",
            "p",
            "pubsub",
            "subscribe",
            "psubscribe",
            "unsubscribe",
            "get_message",
            "close",
            ".",
            "set",
            "zadd",
            "hset",
            "pipeline",
            "execute",
            "(",
            ")",
            "[",
            "]",
            "{",
            "}",
            ",",
            ":",
            "=",
            "'k'",
            "1.5",
            "-",
            "9",
            "b'\\xff'",
            "withscores=True",
        ];
        let mut session = PythonRedisSession::new(0);
        session.run_line("import redis", NOW);
        session.run_line("r = redis.Redis(host='h', port=1, db=3)", NOW);
        session.run_line("p = r.pubsub()", NOW);
        for line in crate::python::tests::random_lines(&PIECES, 5000) {
            session.run_line(&line, NOW);
        }
        // A bracket left open is closed by an error, then the prompt is ready again.
        session.run_line(")", NOW);
        assert_eq!(session.run_line("r.set('k', 'v')", NOW), "True\n");
    }

    #[test]
    fn loops_functions_and_classes_run_as_at_python3s_prompt() {
        let mut session = PythonRedisSession::new(0);
        let out = repl(
            &mut session,
            &[
                "import redis",
                "r = redis.Redis(host='10.211.55.4', port=6379, decode_responses=True)",
                "for i in range(3):",
                "    r.set('k%d' % i, i)",
                "",
                "def total():",
                "    return sum(int(r.get(k)) for k in sorted(r.keys('k*')))",
                "",
                "total()",
                "class RedisHelper:",
                "    def __init__(self):",
                "        self.__conn = redis.Redis(host='10.211.55.4')",
                "    def public(self, msg):",
                "        self.__conn.publish('fm104.5', msg)",
                "        return True",
                "",
                "RedisHelper().public('hi')",
            ],
        );
        // python3 3.11 prints the same transcript.
        assert!(
            out.ends_with(
                ">>> for i in range(3):\n...     r.set('k%d' % i, i)\n... \nTrue\nTrue\nTrue\n\
                 >>> def total():\n...     return sum(int(r.get(k)) for k in sorted(r.keys('k*')))\n... \n\
                 >>> total()\n3\n\
                 >>> class RedisHelper:\n...     def __init__(self):\n\
                 ...         self.__conn = redis.Redis(host='10.211.55.4')\n\
                 ...     def public(self, msg):\n...         self.__conn.publish('fm104.5', msg)\n\
                 ...         return True\n... \n\
                 >>> RedisHelper().public('hi')\nTrue\n"
            ),
            "{out}"
        );
    }

    #[test]
    fn real_methods_outside_the_model_say_so_instead_of_an_attribute_error() {
        let mut session = PythonRedisSession::new(0);
        let out = repl(
            &mut session,
            &[
                "import redis",
                "r = redis.Redis()",
                "r.lock('l')",
                "r.pipeline().hscan_iter('h')",
                "r.pubsub().run_in_thread()",
                "r.nothing",
            ],
        );
        for modelled_elsewhere in ["Redis.lock", "Pipeline.hscan_iter", "PubSub.run_in_thread"] {
            assert!(
                out.contains(&format!(
                    "NotImplementedError: this playground's redis-py does not model {modelled_elsewhere}; the redis-cli console takes every command\n"
                )),
                "{out}"
            );
        }
        assert!(
            out.ends_with("AttributeError: 'Redis' object has no attribute 'nothing'\n"),
            "{out}"
        );
    }

    #[test]
    fn parse_response_waits_for_a_message_and_is_interrupted_when_none_can_come() {
        let mut session = PythonRedisSession::new(0);
        let out = repl(
            &mut session,
            &[
                "import redis",
                "r = redis.Redis()",
                "t = r.pubsub()",
                "t.subscribe('news')",
                "t.parse_response()",
                "t.parse_response(block=None)",
                "t.parse_response()",
            ],
        );
        assert!(
            out.contains(">>> t.parse_response()\n[b'subscribe', b'news', 1]\n>>> t.parse_response(block=None)\n>>> "),
            "{out}"
        );
        assert!(
            out.ends_with(&format!(
                "{}Traceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\nKeyboardInterrupt\n",
                crate::python::HANGS
            )),
            "{out}"
        );
    }

    #[test]
    fn a_subscriber_thread_reads_what_the_prompt_publishes() {
        let mut session = PythonRedisSession::new(0);
        let out = repl(
            &mut session,
            &[
                "import redis, threading, time",
                "r = redis.Redis()",
                "p = r.pubsub()",
                "p.subscribe('fm104.5')",
                "def listen():",
                "    p.parse_response()",
                "    print('got', p.parse_response()[2])",
                "",
                "t = threading.Thread(target=listen)",
                "t.start()",
                "r.publish('fm104.5', 'hello')",
                "t.join()",
            ],
        );
        assert!(
            out.ends_with(">>> r.publish('fm104.5', 'hello')\n1\ngot b'hello'\n>>> t.join()\n"),
            "{out}"
        );
    }

    #[test]
    fn a_deprecated_method_warns_once_a_session_before_it_runs() {
        let mut session = PythonRedisSession::new(0);
        let warning = "<stdin>:1: DeprecationWarning: Call to deprecated hmset. (Use 'hset' instead.) -- Deprecated since version 4.0.0.\n";
        session.run_line("import redis", NOW);
        session.run_line("r = redis.Redis()", NOW);
        assert_eq!(
            session.run_line("r.hmset('h', {'a': 1})", NOW),
            format!("{warning}True\n")
        );
        assert_eq!(session.run_line("r.hmset('h', {'b': 2})", NOW), "True\n");
        assert!(
            session
                .run_line("r.setex('k', 10, 'v')", NOW)
                .starts_with("<stdin>:1: DeprecationWarning: Call to deprecated setex.")
        );
    }

    #[test]
    fn a_sleeping_line_runs_on_the_virtual_clock_and_its_threads_on_the_pages() {
        let mut session = PythonRedisSession::new(0);
        let out = repl(
            &mut session,
            &[
                "import redis, threading, time",
                "r = redis.Redis()",
                "r.set('t', 1, ex=10)",
                "time.sleep(3)",
                "r.ttl('t')",
                "def late():",
                "    time.sleep(0.5)",
                "    print('late')",
                "",
                "threading.Thread(target=late).start()",
                "'at once'",
            ],
        );
        // python3 3.11: the key has 7 of its 10 seconds left after the sleep.
        assert!(
            out.contains(">>> time.sleep(3)\n>>> r.ttl('t')\n7\n"),
            "{out}"
        );
        assert!(
            out.ends_with(">>> threading.Thread(target=late).start()\n>>> 'at once'\n'at once'\n"),
            "{out}"
        );
        // Half a second later on the page's clock, the thread has slept its time.
        assert_eq!(session.run_line("None", NOW + 3_600), "late\n");
    }

    #[test]
    fn time_is_the_virtual_clocks_seconds_and_microseconds() {
        let mut session = PythonRedisSession::new(0);
        session.run_line("import redis", NOW);
        session.run_line("r = redis.Redis()", NOW);
        assert_eq!(
            session.run_line("r.time()", NOW + 250),
            "(1780000000, 250000)\n"
        );
    }
}

#[cfg(test)]
mod program_tests {
    use python::vm::{EmptyFolder, Run, Vm};

    use super::*;

    #[test]
    fn blpop_waits_for_another_process_to_push_and_gives_up_after_its_timeout() {
        let mut vm = Vm::new(1_780_000_000_000_000_000, 1);
        vm.providers.push(redis_py(1, &[]));
        let worker = vm.spawn(
            "import redis\nr = redis.Redis()\n\
             print(r.blpop('jobs'))\nprint(r.brpop(['none', 'jobs'], timeout=1))\n",
            vec!["worker.py".to_owned()],
            Rc::new(EmptyFolder("/home/learner")),
            String::new(),
        );
        assert_eq!(
            vm.run(1_000_000),
            Run::Waiting(None),
            "blpop waits for ever"
        );
        vm.spawn(
            "import redis\nredis.Redis().rpush('jobs', 'a')\n",
            vec!["producer.py".to_owned()],
            Rc::new(EmptyFolder("/home/learner")),
            String::new(),
        );
        let state = vm.run(1_000_000);
        assert!(
            matches!(state, Run::Waiting(Some(_))),
            "brpop waits a second"
        );
        if let Run::Waiting(Some(deadline)) = state {
            vm.advance_to(deadline);
        }
        assert_eq!(vm.run(1_000_000), Run::Done);
        let printed: String = vm
            .take_output(worker)
            .into_iter()
            .map(|(_, text)| text)
            .collect();
        assert_eq!(printed, "(b'jobs', b'a')\nNone\n");
    }

    #[test]
    fn the_scan_iterators_go_through_every_cursor() {
        let mut vm = Vm::new(1_780_000_000_000_000_000, 1);
        vm.providers.push(redis_py(1, &[]));
        let pid = vm.spawn(
            "import redis\nr = redis.Redis(decode_responses=True)\n\
             for i in range(40):\n    r.set('k%d' % i, i)\n\
             r.hset('h', mapping={'a': 1, 'b': 2})\n\
             print(len(list(r.scan_iter(count=3))), sorted(r.scan_iter('k1*')))\n\
             print(sorted(r.hscan_iter('h')))\n",
            vec!["scan.py".to_owned()],
            Rc::new(EmptyFolder("/home/learner")),
            String::new(),
        );
        assert_eq!(vm.run(10_000_000), Run::Done);
        let printed: String = vm.take_output(pid).into_iter().map(|(_, t)| t).collect();
        assert_eq!(
            printed,
            "41 ['k1', 'k10', 'k11', 'k12', 'k13', 'k14', 'k15', 'k16', 'k17', 'k18', 'k19']\n\
             [('a', '1'), ('b', '2')]\n"
        );
    }
}
