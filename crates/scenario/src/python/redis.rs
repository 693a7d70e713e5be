//! The lesson's redis-py calls, typed into a Python 3 REPL: `import redis`,
//! `r = redis.Redis(host='10.211.55.4', port=6379)`, `r.set('foo', 'Bar')`,
//! `r.get('foo')`, a `ConnectionPool` shared by clients, and the usual commands of a
//! Redis tutorial. Each method sends the command redis-py 8.1 sends, as one more client
//! of a Redis server (the page's redis-cli consoles and CLIENT LIST see it), and the
//! REPL prints what Python prints for the value redis-py's response callback makes of
//! the reply.
//!
//! The engine speaks RESP2 only, so the client skips redis-py's `HELLO 3`; the values
//! are the ones redis-py hands out by default (its RESP2-shaped "legacy" responses).

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use redis_sim::{ClientId, Reply};

use super::{
    Library, PyObject, PythonSession, Raised, error, module_has_no, no_attribute, not_callable,
    repr_float, repr_str,
};
use crate::redis::SharedRedis;

/// A Python value of this REPL.
type Value = super::Value<Object>;
/// An argument of a call.
type Arg = super::Arg<Object>;

/// The version `CLIENT SETINFO LIB-VER` announces.
const REDIS_PY_VERSION: &str = "8.1.0";

/// redis-py's objects.
#[derive(Clone, Debug, PartialEq)]
pub enum Object {
    /// The `redis` module.
    Module,
    /// `redis.Redis` (and its alias `redis.StrictRedis`).
    RedisClass,
    /// `redis.ConnectionPool`.
    PoolClass,
    /// A connection pool, by index.
    Pool(usize),
    /// A `Redis` client, by index.
    Client(usize),
    /// A pipeline, by index.
    Pipeline(usize),
    /// A `PubSub`, by index.
    PubSub(usize),
    /// A bound method of a client or pipeline.
    Method(Box<Object>, &'static Method),
}

/// A method of a client: its name, the class that defines it (CPython names it in
/// argument errors), its parameters after `self`, how many of them have no default,
/// and whether it takes `*args` or `**kwargs`.
#[derive(Debug, PartialEq)]
pub struct Method {
    name: &'static str,
    owner: &'static str,
    params: &'static [&'static str],
    required: usize,
    varargs: bool,
    kwargs: bool,
}

const fn method(
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
    method(
        "set",
        KEYS,
        &[
            "name", "value", "ex", "px", "nx", "xx", "keepttl", "get", "exat", "pxat",
        ],
        2,
    ),
    method("get", KEYS, &["name"], 1),
    method("getset", KEYS, &["name", "value"], 2),
    with_varargs(method("mget", KEYS, &["keys"], 1)),
    method("mset", KEYS, &["mapping"], 1),
    method("setnx", KEYS, &["name", "value"], 2),
    method("setex", KEYS, &["name", "time", "value"], 3),
    method("append", KEYS, &["key", "value"], 2),
    method("strlen", KEYS, &["name"], 1),
    method("setrange", KEYS, &["name", "offset", "value"], 3),
    method("getrange", KEYS, &["key", "start", "end"], 3),
    method("incr", KEYS, &["name", "amount"], 1),
    method("incrby", KEYS, &["name", "amount"], 1),
    method("decr", KEYS, &["name", "amount"], 1),
    method("decrby", KEYS, &["name", "amount"], 1),
    method("incrbyfloat", KEYS, &["name", "amount"], 1),
    with_varargs(method("delete", KEYS, &[], 0)),
    with_varargs(method("exists", KEYS, &[], 0)),
    method("expire", KEYS, &["name", "time", "nx", "xx", "gt", "lt"], 2),
    method(
        "pexpire",
        KEYS,
        &["name", "time", "nx", "xx", "gt", "lt"],
        2,
    ),
    method("ttl", KEYS, &["name"], 1),
    method("pttl", KEYS, &["name"], 1),
    method("persist", KEYS, &["name"], 1),
    method("type", KEYS, &["name"], 1),
    with_kwargs(method("keys", KEYS, &["pattern"], 0)),
    method("rename", KEYS, &["src", "dst"], 2),
    method("renamenx", KEYS, &["src", "dst"], 2),
    with_kwargs(method("dbsize", MANAGEMENT, &[], 0)),
    with_kwargs(method("flushdb", MANAGEMENT, &["asynchronous"], 0)),
    with_kwargs(method("flushall", MANAGEMENT, &["asynchronous"], 0)),
    with_kwargs(method("ping", MANAGEMENT, &[], 0)),
    with_kwargs(method("echo", MANAGEMENT, &["value"], 1)),
    method(
        "hset",
        HASH,
        &["name", "key", "value", "mapping", "items"],
        1,
    ),
    method("hget", HASH, &["name", "key"], 2),
    with_varargs(method("hmget", HASH, &["name", "keys"], 2)),
    method("hgetall", HASH, &["name"], 1),
    with_varargs(method("hdel", HASH, &["name"], 1)),
    method("hexists", HASH, &["name", "key"], 2),
    method("hkeys", HASH, &["name"], 1),
    method("hvals", HASH, &["name"], 1),
    method("hlen", HASH, &["name"], 1),
    method("hincrby", HASH, &["name", "key", "amount"], 2),
    with_varargs(method("lpush", LIST, &["name"], 1)),
    with_varargs(method("rpush", LIST, &["name"], 1)),
    method("lpop", LIST, &["name", "count"], 1),
    method("rpop", LIST, &["name", "count"], 1),
    method("lrange", LIST, &["name", "start", "end"], 3),
    method("llen", LIST, &["name"], 1),
    method("lindex", LIST, &["name", "index"], 2),
    method("lrem", LIST, &["name", "count", "value"], 3),
    method("lset", LIST, &["name", "index", "value"], 3),
    method("ltrim", LIST, &["name", "start", "end"], 3),
    method("linsert", LIST, &["name", "where", "refvalue", "value"], 4),
    with_varargs(method("sadd", SET, &["name"], 1)),
    with_varargs(method("srem", SET, &["name"], 1)),
    method("smembers", SET, &["name"], 1),
    method("sismember", SET, &["name", "value"], 2),
    method("scard", SET, &["name"], 1),
    with_varargs(method("sinter", SET, &["keys"], 1)),
    with_varargs(method("sunion", SET, &["keys"], 1)),
    with_varargs(method("sdiff", SET, &["keys"], 1)),
    method(
        "zadd",
        ZSET,
        &["name", "mapping", "nx", "xx", "ch", "incr", "gt", "lt"],
        2,
    ),
    method(
        "zrange",
        ZSET,
        &["name", "start", "end", "desc", "withscores"],
        3,
    ),
    method(
        "zrevrange",
        ZSET,
        &["name", "start", "end", "withscores"],
        3,
    ),
    method(
        "zrangebyscore",
        ZSET,
        &["name", "min", "max", "start", "num", "withscores"],
        3,
    ),
    method("zscore", ZSET, &["name", "value"], 2),
    method("zincrby", ZSET, &["name", "amount", "value"], 3),
    method("zcard", ZSET, &["name"], 1),
    method("zrank", ZSET, &["name", "value"], 2),
    method("zrevrank", ZSET, &["name", "value"], 2),
    with_varargs(method("zrem", ZSET, &["name"], 1)),
    method("zcount", ZSET, &["name", "min", "max"], 3),
    with_kwargs(method("select", MANAGEMENT, &["index"], 1)),
    with_kwargs(method(
        "publish",
        "PubSubCommands",
        &["channel", "message"],
        2,
    )),
    with_kwargs(method("pubsub_channels", "PubSubCommands", &["pattern"], 0)),
    with_kwargs(method("pubsub_numpat", "PubSubCommands", &[], 0)),
    with_kwargs(with_varargs(method(
        "pubsub_numsub",
        "PubSubCommands",
        &[],
        0,
    ))),
    method("getdel", KEYS, &["name"], 1),
    with_varargs(method("unlink", KEYS, &[], 0)),
    method("hsetnx", HASH, &["name", "key", "value"], 3),
    method("smove", SET, &["src", "dst", "value"], 3),
    method("zremrangebyrank", ZSET, &["name", "min", "max"], 3),
    method(
        "zrevrangebyscore",
        ZSET,
        &["name", "max", "min", "start", "num", "withscores"],
        3,
    ),
    with_kwargs(method("client_id", MANAGEMENT, &[], 0)),
    with_kwargs(method("client_setname", MANAGEMENT, &["name"], 1)),
    with_kwargs(method("client_getname", MANAGEMENT, &[], 0)),
    with_kwargs(method(
        "client_list",
        MANAGEMENT,
        &["_type", "client_id"],
        0,
    )),
    method("psetex", KEYS, &["name", "time_ms", "value"], 3),
    method("msetnx", KEYS, &["mapping"], 1),
    method("setbit", KEYS, &["name", "offset", "value"], 3),
    method("getbit", KEYS, &["name", "offset"], 2),
    method("bitcount", KEYS, &["key", "start", "end", "mode"], 1),
    with_varargs(method("bitop", KEYS, &["operation", "dest"], 2)),
    method("move", KEYS, &["name", "db"], 2),
    with_kwargs(method("randomkey", KEYS, &[], 0)),
    method(
        "expireat",
        KEYS,
        &["name", "when", "nx", "xx", "gt", "lt"],
        2,
    ),
    method(
        "pexpireat",
        KEYS,
        &["name", "when", "nx", "xx", "gt", "lt"],
        2,
    ),
    with_kwargs(method(
        "scan",
        SCAN,
        &["cursor", "match", "count", "_type"],
        0,
    )),
    method("hmset", HASH, &["name", "mapping"], 2),
    method("hincrbyfloat", HASH, &["name", "key", "amount"], 2),
    method(
        "hscan",
        SCAN,
        &["name", "cursor", "match", "count", "no_values"],
        1,
    ),
    method("hstrlen", HASH, &["name", "key"], 2),
    with_varargs(method("lpushx", LIST, &["name"], 1)),
    with_varargs(method("rpushx", LIST, &["name"], 1)),
    method("rpoplpush", LIST, &["src", "dst"], 2),
    method(
        "lmove",
        KEYS,
        &["first_list", "second_list", "src", "dest"],
        2,
    ),
    with_varargs(method("sdiffstore", SET, &["dest", "keys"], 2)),
    with_varargs(method("sinterstore", SET, &["dest", "keys"], 2)),
    with_varargs(method("sunionstore", SET, &["dest", "keys"], 2)),
    method("spop", SET, &["name", "count"], 1),
    method("srandmember", SET, &["name", "number"], 1),
    method("sscan", SCAN, &["name", "cursor", "match", "count"], 1),
    with_varargs(method("smismember", SET, &["name", "values"], 2)),
    method(
        "zrangebylex",
        ZSET,
        &["name", "min", "max", "start", "num"],
        3,
    ),
    method(
        "zrevrangebylex",
        ZSET,
        &["name", "max", "min", "start", "num"],
        3,
    ),
    method("zremrangebyscore", ZSET, &["name", "min", "max"], 3),
    method("zremrangebylex", ZSET, &["name", "min", "max"], 3),
    method("zlexcount", ZSET, &["name", "min", "max"], 3),
    method("zinterstore", ZSET, &["dest", "keys", "aggregate"], 2),
    method("zunionstore", ZSET, &["dest", "keys", "aggregate"], 2),
    method("zpopmin", ZSET, &["name", "count"], 1),
    method("zpopmax", ZSET, &["name", "count"], 1),
    method("zscan", SCAN, &["name", "cursor", "match", "count"], 1),
    with_kwargs(method("time", MANAGEMENT, &[], 0)),
    with_kwargs(with_varargs(method("info", MANAGEMENT, &["section"], 0))),
    with_kwargs(method("config_resetstat", MANAGEMENT, &[], 0)),
    method("pipeline", "Redis", &["transaction", "shard_hint"], 0),
    method("execute", "Pipeline", &["raise_on_error"], 0),
    method("pubsub", "Redis", &["ignore_subscribe_messages"], 0),
];

/// The methods of a `PubSub` this REPL models (no handlers, no `listen()`, which
/// needs a `for` loop).
static PUBSUB_METHODS: &[Method] = &[
    with_varargs(method("subscribe", "PubSub", &[], 0)),
    with_varargs(method("psubscribe", "PubSub", &[], 0)),
    with_varargs(method("unsubscribe", "PubSub", &[], 0)),
    with_varargs(method("punsubscribe", "PubSub", &[], 0)),
    method(
        "get_message",
        "PubSub",
        &["ignore_subscribe_messages", "timeout"],
        0,
    ),
    method("close", "PubSub", &[], 0),
    method("parse_response", "PubSub", &["block", "timeout"], 0),
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

impl PyObject for Object {
    fn repr(&self) -> String {
        match self {
            Object::Module => {
                "<module 'redis' from '/usr/lib/python3/dist-packages/redis/__init__.py'>"
                    .to_owned()
            }
            Object::RedisClass => "<class 'redis.client.Redis'>".to_owned(),
            Object::PoolClass => "<class 'redis.connection.ConnectionPool'>".to_owned(),
            Object::Pool(_) => "<redis.connection.ConnectionPool object>".to_owned(),
            Object::Client(_) => "<redis.client.Redis object>".to_owned(),
            Object::Pipeline(_) => "<redis.client.Pipeline object>".to_owned(),
            Object::PubSub(_) => "<redis.client.PubSub object>".to_owned(),
            Object::Method(owner, m) => {
                format!("<bound method {} of {}>", qualified_name(m), owner.repr())
            }
        }
    }

    fn type_name(&self) -> String {
        match self {
            Object::Module => "module",
            Object::RedisClass | Object::PoolClass => "type",
            Object::Pool(_) => "ConnectionPool",
            Object::Client(_) => "Redis",
            Object::Pipeline(_) => "Pipeline",
            Object::PubSub(_) => "PubSub",
            Object::Method(..) => "method",
        }
        .to_owned()
    }
}

/// A `ConnectionPool`: where its connection goes, and that connection once a command
/// needed it (redis-py connects lazily).
struct Pool {
    host: String,
    port: i64,
    db: i64,
    decode_responses: bool,
    connection: Option<ClientId>,
}

/// A queued pipeline: its client and its commands with their callbacks.
struct Pipeline {
    client: usize,
    transaction: bool,
    commands: Vec<(Vec<Vec<u8>>, Callback)>,
}

/// A `PubSub`: a connection of its own, taken from its client's pool when it first
/// sends, and redis-py's bookkeeping of what it subscribed to.
#[derive(Default)]
struct PubSub {
    pool: usize,
    connection: Option<ClientId>,
    /// redis-py's `subscribed_event`: set by a subscribe, cleared once the reply to the
    /// last unsubscribe is read. While it is clear, `get_message()` reads nothing.
    subscribed: bool,
    channels: Vec<Vec<u8>>,
    patterns: Vec<Vec<u8>>,
    unsubscribing_channels: Vec<Vec<u8>>,
    unsubscribing_patterns: Vec<Vec<u8>>,
    ignore_subscribe_messages: bool,
    /// What the server sent on the connection and `get_message()` has not read yet.
    unread: VecDeque<Reply>,
}

impl PubSub {
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

/// redis-py and the Redis servers its clients talk to.
pub struct RedisPy {
    /// Seeds the random choices of servers started when a client first names them.
    seed: u64,
    servers: BTreeMap<String, SharedRedis>,
    pools: Vec<Pool>,
    /// Each client's pool.
    clients: Vec<usize>,
    pipelines: Vec<Pipeline>,
    pubsubs: Vec<PubSub>,
    /// The deprecated methods whose warning was shown: Python's warning registry
    /// shows each once a session, for the first call.
    warned: BTreeSet<&'static str>,
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

/// The error for a real redis-py attribute this REPL does not model.
fn not_modelled(type_name: &str, name: &str) -> Raised {
    error(
        "NotImplementedError",
        format!(
            "this playground's redis-py does not model {type_name}.{name}; \
             the redis-cli console takes every command"
        ),
    )
}

/// redis-py 8.1's deprecated methods among those modelled: the name, the advice and
/// the version, as its `deprecated_function` decorator words the warning.
const DEPRECATED: [(&str, &str, &str); 2] = [
    ("hmset", "Use 'hset' instead.", "4.0.0"),
    ("setex", "Use 'set' instead.", "2.6.12"),
];

/// What Python's default warning filter prints to stderr the first time a line typed
/// at the prompt calls a deprecated method.
fn deprecation_warning(name: &str, advice: &str, version: &str) -> String {
    format!(
        "<stdin>:1: DeprecationWarning: Call to deprecated {name}. ({advice}) \
         -- Deprecated since version {version}.\n"
    )
}

/// A Python 3 REPL with redis-py installed, and a Redis server listening on every
/// address a client names (each address is one server, shared by its clients).
pub type PythonRedisSession = PythonSession<RedisPy>;

impl PythonRedisSession {
    /// A fresh interpreter; servers a client names are started with random choices
    /// that follow `seed`.
    pub fn new(seed: u64) -> Self {
        Self::with_library(RedisPy {
            seed,
            servers: BTreeMap::new(),
            pools: Vec::new(),
            clients: Vec::new(),
            pipelines: Vec::new(),
            pubsubs: Vec::new(),
            warned: BTreeSet::new(),
        })
    }
}

/// The server address a host and port name: `localhost` is the loopback address.
fn address(host: &str, port: i64) -> String {
    let host = if host == "localhost" {
        "127.0.0.1"
    } else {
        host
    };
    format!("{host}:{port}")
}

/// The arguments of a call matched to a method's parameters, as CPython matches them.
struct Bound {
    values: Vec<Option<Value>>,
    rest: Vec<Value>,
}

impl Bound {
    fn get(&self, m: &Method, name: &str) -> Option<&Value> {
        let i = m.params.iter().position(|p| *p == name)?;
        self.values[i].as_ref().filter(|v| **v != Value::None)
    }

    fn flag(&self, m: &Method, name: &str) -> bool {
        self.get(m, name).is_some_and(Value::truthy)
    }
}

fn bind(m: &Method, args: Vec<Arg>) -> Result<Bound, Raised> {
    let qualname = qualified_name(m);
    let mut values: Vec<Option<Value>> = vec![None; m.params.len()];
    let mut rest = Vec::new();
    let mut given = 0;
    for (keyword, value) in args {
        match keyword {
            None => {
                if given < m.params.len() {
                    values[given] = Some(value);
                } else {
                    rest.push(value);
                }
                given += 1;
            }
            Some(name) => match m.params.iter().position(|p| *p == name) {
                Some(i) if values[i].is_some() => {
                    return Err(error(
                        "TypeError",
                        format!(
                            "{qualname}() got multiple values for argument {}",
                            repr_str(&name)
                        ),
                    ));
                }
                Some(i) => values[i] = Some(value),
                None if m.kwargs => {}
                None => {
                    return Err(error(
                        "TypeError",
                        format!(
                            "{qualname}() got an unexpected keyword argument {}",
                            repr_str(&name)
                        ),
                    ));
                }
            },
        }
    }
    if !m.varargs && given > m.params.len() {
        let takes = if m.required == m.params.len() {
            format!("{}", m.params.len() + 1)
        } else {
            format!("from {} to {}", m.required + 1, m.params.len() + 1)
        };
        let plural = if takes == "1" { "" } else { "s" };
        return Err(error(
            "TypeError",
            format!(
                "{qualname}() takes {takes} positional argument{plural} but {} were given",
                given + 1
            ),
        ));
    }
    let missing: Vec<String> = m.params[..m.required]
        .iter()
        .zip(&values)
        .filter(|(_, v)| v.is_none())
        .map(|(p, _)| repr_str(p))
        .collect();
    if !missing.is_empty() {
        let names = match missing.as_slice() {
            [one] => one.clone(),
            [first, second] => format!("{first} and {second}"),
            [init @ .., last] => format!("{}, and {last}", init.join(", ")),
            [] => String::new(),
        };
        let plural = if missing.len() == 1 { "" } else { "s" };
        return Err(error(
            "TypeError",
            format!(
                "{qualname}() missing {} required positional argument{plural}: {names}",
                missing.len()
            ),
        ));
    }
    Ok(Bound { values, rest })
}

fn data_error(message: impl Into<String>) -> Raised {
    error("redis.exceptions.DataError", message)
}

/// `Encoder.encode`: what a Python value is on the wire.
fn encode(value: &Value) -> Result<Vec<u8>, Raised> {
    match value {
        Value::Bytes(b) => Ok(b.clone()),
        Value::Str(s) => Ok(s.clone().into_bytes()),
        Value::Int(n) => Ok(n.to_string().into_bytes()),
        Value::Float(x) => Ok(repr_float(*x).into_bytes()),
        other => Err(data_error(format!(
            "Invalid input of type: {}. Convert to a bytes, string, int or float first.",
            repr_str(&other.type_name())
        ))),
    }
}

/// redis-py's `list_or_args`: a list or tuple first argument stands for its items.
fn list_or_args(first: &Value, rest: &[Value]) -> Vec<Value> {
    let mut items = match first {
        Value::List(items) | Value::Tuple(items) => items.clone(),
        other => vec![other.clone()],
    };
    items.extend_from_slice(rest);
    items
}

/// A dict's pairs, as `mapping.items()` reads them.
fn items(value: &Value) -> Result<Vec<(Value, Value)>, Raised> {
    match value {
        Value::Dict(pairs) => Ok(pairs.clone()),
        other => Err(error(
            "AttributeError",
            format!(
                "{} object has no attribute 'items'",
                repr_str(&other.type_name())
            ),
        )),
    }
}

/// The command (as Python values, encoded later) and callback for a method call.
fn command(m: &Method, b: &Bound) -> Result<(Vec<Value>, Callback), Raised> {
    let arg = |name: &str| b.get(m, name).cloned();
    let required = |name: &str| arg(name).unwrap_or(Value::None);
    let word = |w: &str| Value::Str(w.to_owned());
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
                    _ => return Err(data_error("ex must be datetime.timedelta or int")),
                }
            } else if let Some(px) = arg("px") {
                argv.push(word("PX"));
                match px {
                    Value::Int(_) => argv.push(px),
                    _ => return Err(data_error("px must be datetime.timedelta or int")),
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
            let mapping = items(&required("mapping"))?;
            if name == "hmset" && mapping.is_empty() {
                return Err(data_error("'hmset' with 'mapping' of length 0"));
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
            if key.is_none()
                && mapping.as_ref().is_none_or(|v| !v.truthy())
                && items_arg.as_ref().is_none_or(|v| !v.truthy())
            {
                return Err(data_error("'hset' with no key value pairs"));
            }
            if let Some(key) = key {
                argv.extend([key, required("value")]);
            }
            if let Some(mapping) = mapping {
                for (k, v) in items(&mapping)? {
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
            let mapping = items(&required("mapping"))?;
            if mapping.is_empty() {
                return Err(data_error("ZADD requires at least one element/score pair"));
            }
            if b.flag(m, "nx") && b.flag(m, "xx") {
                return Err(data_error("ZADD allows either 'nx' or 'xx', not both"));
            }
            if b.flag(m, "gt") && b.flag(m, "lt") {
                return Err(data_error("ZADD allows either 'gt' or 'lt', not both"));
            }
            if b.flag(m, "incr") && mapping.len() != 1 {
                return Err(data_error(
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
                    return Err(data_error("``start`` and ``num`` must both be specified"));
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
                _ => return Err(data_error("Both start and end must be specified")),
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
                Value::Dict(pairs) => pairs.into_iter().unzip(),
                Value::Str(s) => (s.chars().map(|c| Value::Str(c.into())).collect(), vec![]),
                Value::Bytes(b) => (
                    b.into_iter().map(|c| Value::Int(c.into())).collect(),
                    vec![],
                ),
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
            if let Some(aggregate) = arg("aggregate").filter(Value::truthy) {
                // `aggregate.upper() in ["SUM", ...]`: bytes never equal those str.
                let known = match &aggregate {
                    Value::Str(a) => {
                        ["SUM", "MIN", "MAX", "COUNT"].contains(&a.to_ascii_uppercase().as_str())
                    }
                    Value::Bytes(_) => false,
                    other => return Err(no_attribute(&other.type_name(), "upper")),
                };
                if !known {
                    return Err(data_error("aggregate can be sum, min, max or count."));
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
            if let Some(ids) = arg("client_id").filter(Value::truthy) {
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
    Ok((argv, callback))
}

/// `BaseParser.parse_error`: the exception redis-py raises for an error reply. Codes
/// redis-py knows are taken off the message.
fn response_error(text: &str) -> Raised {
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
        _ => return error("redis.exceptions.ResponseError", text),
    };
    let message = text.get(code.len() + 1..).unwrap_or_default();
    error(&format!("redis.exceptions.{kind}"), message)
}

impl RedisPy {
    fn server_at(&mut self, address: &str) -> SharedRedis {
        let seed = self.seed;
        self.servers
            .entry(address.to_owned())
            .or_insert_with(|| SharedRedis::new(seed))
            .clone()
    }

    /// A pool from `ConnectionPool(...)` or `Redis(...)` keywords.
    fn new_pool(&mut self, m: &Method, b: &Bound) -> Result<usize, Raised> {
        let text = |v: Option<&Value>, default: &str| match v {
            Some(Value::Str(s)) => Ok(s.clone()),
            None => Ok(default.to_owned()),
            Some(other) => Err(error(
                "TypeError",
                format!("str expected, not {}", other.type_name()),
            )),
        };
        let number = |v: Option<&Value>, default: i64| match v {
            Some(Value::Int(n)) => Ok(*n),
            Some(Value::Str(s)) => s.parse().map_err(|_| {
                error(
                    "ValueError",
                    format!("invalid literal for int() with base 10: {}", repr_str(s)),
                )
            }),
            None => Ok(default),
            Some(other) => Err(error(
                "TypeError",
                format!(
                    "'{}' object cannot be interpreted as an integer",
                    other.type_name()
                ),
            )),
        };
        self.pools.push(Pool {
            host: text(b.get(m, "host"), "localhost")?,
            port: number(b.get(m, "port"), 6379)?,
            db: number(b.get(m, "db"), 0)?,
            decode_responses: b.flag(m, "decode_responses"),
            connection: None,
        });
        Ok(self.pools.len() - 1)
    }

    /// The pool's connection, opened (with redis-py's handshake) on first use.
    fn connection(&mut self, pool: usize, now_ms: u64) -> (SharedRedis, ClientId) {
        let server = self.pool_server(pool);
        if let Some(client) = self.pools[pool].connection {
            return (server, client);
        }
        let client = self.connect(pool, now_ms);
        self.pools[pool].connection = Some(client);
        (server, client)
    }

    /// The server a pool's connections go to.
    fn pool_server(&mut self, pool: usize) -> SharedRedis {
        let address = address(&self.pools[pool].host, self.pools[pool].port);
        self.server_at(&address)
    }

    /// A new connection of the pool, after redis-py's handshake.
    fn connect(&mut self, pool: usize, now_ms: u64) -> ClientId {
        let server = self.pool_server(pool);
        let client = server.connect();
        // Redis 7.0 refuses CLIENT SETINFO; redis-py ignores that.
        for (field, value) in [("LIB-NAME", "redis-py"), ("LIB-VER", REDIS_PY_VERSION)] {
            let setinfo = ["CLIENT", "SETINFO", field, value].map(|w| w.as_bytes().to_vec());
            server.execute(client, setinfo.to_vec(), now_ms);
        }
        let db = self.pools[pool].db;
        if db != 0 {
            server.execute(
                client,
                vec![b"SELECT".to_vec(), db.to_string().into_bytes()],
                now_ms,
            );
        }
        client
    }

    /// Sends one command on the pool's connection and returns the raw reply.
    fn send(&mut self, pool: usize, argv: Vec<Vec<u8>>, now_ms: u64) -> Reply {
        let (server, client) = self.connection(pool, now_ms);
        server.execute(client, argv, now_ms)
    }

    fn call_method(
        &mut self,
        owner: Object,
        m: &'static Method,
        args: Vec<Arg>,
        now_ms: u64,
    ) -> Result<Value, Raised> {
        let b = bind(m, args)?;
        match (owner, m.name) {
            (Object::Client(client), "pipeline") => {
                self.pipelines.push(Pipeline {
                    client,
                    transaction: b.get(m, "transaction").is_none_or(Value::truthy),
                    commands: Vec::new(),
                });
                Ok(Value::Object(Object::Pipeline(self.pipelines.len() - 1)))
            }
            (Object::Pipeline(pipeline), "execute") => self.execute(pipeline, now_ms),
            (Object::Client(client), "pubsub") => {
                self.pubsubs.push(PubSub {
                    pool: self.clients[client],
                    ignore_subscribe_messages: b.flag(m, "ignore_subscribe_messages"),
                    ..PubSub::default()
                });
                Ok(Value::Object(Object::PubSub(self.pubsubs.len() - 1)))
            }
            (Object::PubSub(pubsub), _) => self.pubsub_method(pubsub, m, &b, now_ms),
            (Object::Client(client), _) => {
                let (argv, callback) = command(m, &b)?;
                let argv = argv.iter().map(encode).collect::<Result<Vec<_>, _>>()?;
                let pool = self.clients[client];
                let reply = self.send(pool, argv, now_ms);
                self.respond(pool, reply, callback)
            }
            (Object::Pipeline(pipeline), _) => {
                let (argv, callback) = command(m, &b)?;
                let argv = argv.iter().map(encode).collect::<Result<Vec<_>, _>>()?;
                self.pipelines[pipeline].commands.push((argv, callback));
                Ok(Value::Object(Object::Pipeline(pipeline)))
            }
            (other, _) => Err(not_callable(&other.type_name())),
        }
    }

    /// A `PubSub` method: subscribing sends at once and reads nothing, as redis-py does;
    /// `get_message()` reads what arrived since, one reply at a time.
    fn pubsub_method(
        &mut self,
        pubsub: usize,
        m: &Method,
        b: &Bound,
        now_ms: u64,
    ) -> Result<Value, Raised> {
        let names = b.rest.iter().map(encode).collect::<Result<Vec<_>, _>>()?;
        let state = &mut self.pubsubs[pubsub];
        match m.name {
            "subscribe" | "psubscribe" => {
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
                let (subscribed, unsubscribing) = state.names(m.name == "punsubscribe");
                // Without names, every name subscribed to is on its way out.
                unsubscribing.extend(if names.is_empty() {
                    subscribed.clone()
                } else {
                    names.clone()
                });
            }
            "get_message" => {
                return self.get_message(pubsub, b.flag(m, "ignore_subscribe_messages"));
            }
            "parse_response" => {
                // `block=True` unless given, even as None (falsy).
                let given = m.params.iter().position(|p| *p == "block");
                let block = given
                    .and_then(|i| b.values[i].as_ref())
                    .is_none_or(Value::truthy);
                return self.parse_response(pubsub, block);
            }
            "close" => {
                // The connection is closed and forgotten; the PubSub may subscribe again.
                let closed = std::mem::replace(
                    state,
                    PubSub {
                        pool: state.pool,
                        ignore_subscribe_messages: state.ignore_subscribe_messages,
                        ..PubSub::default()
                    },
                );
                if let Some(client) = closed.connection {
                    self.pool_server(closed.pool).disconnect(client);
                }
                return Ok(Value::None);
            }
            other => return Err(no_attribute("PubSub", other)),
        }
        let mut argv = vec![m.name.to_ascii_uppercase().into_bytes()];
        argv.extend(names);
        let (server, client) = self.pubsub_connection(pubsub, now_ms);
        let reply = server.execute(client, argv, now_ms);
        let state = &mut self.pubsubs[pubsub];
        state.unread.extend(server.take_messages(client));
        match reply {
            Reply::Frames(frames) => state.unread.extend(frames),
            other => state.unread.push_back(other),
        }
        Ok(Value::None)
    }

    /// The PubSub's connection: on first use, the pool's idle connection if it has one
    /// (redis-py hands that out, and the client then opens another), else a new one.
    fn pubsub_connection(&mut self, pubsub: usize, now_ms: u64) -> (SharedRedis, ClientId) {
        let pool = self.pubsubs[pubsub].pool;
        let server = self.pool_server(pool);
        if let Some(client) = self.pubsubs[pubsub].connection {
            return (server, client);
        }
        let client = match self.pools[pool].connection.take() {
            Some(idle) => idle,
            None => self.connect(pool, now_ms),
        };
        self.pubsubs[pubsub].connection = Some(client);
        (server, client)
    }

    /// What the server sent on the PubSub's connection since it last looked, queued to
    /// be read.
    fn receive(&mut self, pubsub: usize) {
        if let Some(client) = self.pubsubs[pubsub].connection {
            let server = self.pool_server(self.pubsubs[pubsub].pool);
            let arrived = server.take_messages(client);
            self.pubsubs[pubsub].unread.extend(arrived);
        }
    }

    /// `PubSub.parse_response()`: the next reply read from the connection, as the raw
    /// list the server sent (the referenced tutorial's way to read messages). With
    /// nothing to read, the real call waits until something arrives, which a line in
    /// this console cannot do.
    fn parse_response(&mut self, pubsub: usize, block: bool) -> Result<Value, Raised> {
        if self.pubsubs[pubsub].connection.is_none() {
            return Err(error(
                "RuntimeError",
                "pubsub connection not set: did you forget to call subscribe() or psubscribe()?",
            ));
        }
        self.receive(pubsub);
        let decode = self.pools[self.pubsubs[pubsub].pool].decode_responses;
        match self.pubsubs[pubsub].unread.pop_front() {
            Some(reply) => plain(reply, decode),
            None if block => Err(error(
                "NotImplementedError",
                "parse_response() would wait here until a message arrives, and this console \
                 cannot wait: publish first, or call get_message(), which returns None while \
                 nothing has arrived",
            )),
            None => Ok(Value::None),
        }
    }

    /// `PubSub.get_message()`: the next reply read from the connection as a message
    /// dict, or `None` when nothing arrived (or nothing is subscribed).
    fn get_message(&mut self, pubsub: usize, ignore: bool) -> Result<Value, Raised> {
        let decode = self.pools[self.pubsubs[pubsub].pool].decode_responses;
        if !self.pubsubs[pubsub].subscribed {
            return Ok(Value::None);
        }
        self.receive(pubsub);
        let state = &mut self.pubsubs[pubsub];
        let Some(reply) = state.unread.pop_front() else {
            return Ok(Value::None);
        };
        let Value::List(mut parts) = plain(reply, decode)? else {
            return Ok(Value::None);
        };
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
                .and_then(|c| encode(c).ok())
                .unwrap_or_default();
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
        if !is_message && (ignore || state.ignore_subscribe_messages) {
            return Ok(Value::None);
        }
        let field = |name: &str| Value::Str(name.to_owned());
        Ok(Value::Dict(vec![
            (field("type"), Value::Str(kind)),
            (field("pattern"), pattern.unwrap_or(Value::None)),
            (field("channel"), channel.unwrap_or(Value::None)),
            (field("data"), data.unwrap_or(Value::None)),
        ]))
    }

    /// `Pipeline.execute`: the queued commands in one go (in MULTI/EXEC unless the
    /// pipeline is not a transaction), their results through their callbacks; the first
    /// error is raised, annotated with its command.
    fn execute(&mut self, pipeline: usize, now_ms: u64) -> Result<Value, Raised> {
        let commands = std::mem::take(&mut self.pipelines[pipeline].commands);
        if commands.is_empty() {
            return Ok(Value::List(Vec::new()));
        }
        let pool = self.clients[self.pipelines[pipeline].client];
        let replies: Vec<Reply> = if self.pipelines[pipeline].transaction {
            self.send(pool, vec![b"MULTI".to_vec()], now_ms);
            let mut queue_error = None;
            for (i, (argv, _)) in commands.iter().enumerate() {
                if let Reply::Error(text) = self.send(pool, argv.clone(), now_ms) {
                    queue_error.get_or_insert((i, text));
                }
            }
            let exec = self.send(pool, vec![b"EXEC".to_vec()], now_ms);
            if let Some((i, text)) = queue_error {
                return Err(annotate(response_error(&text), i, &commands[i].0));
            }
            match exec {
                Reply::Array(replies) => replies,
                Reply::NilArray => {
                    return Err(error(
                        "redis.exceptions.WatchError",
                        "Watched variable changed.",
                    ));
                }
                Reply::Error(text) => return Err(response_error(&text)),
                other => vec![other],
            }
        } else {
            commands
                .iter()
                .map(|(argv, _)| self.send(pool, argv.clone(), now_ms))
                .collect()
        };
        let mut results = Vec::new();
        for (i, (reply, (argv, callback))) in replies.into_iter().zip(&commands).enumerate() {
            match self.respond(pool, reply, *callback) {
                Ok(value) => results.push(value),
                Err(raised) => return Err(annotate(raised, i, argv)),
            }
        }
        Ok(Value::List(results))
    }

    /// A reply as Python sees it: raw conversion, then the command's callback.
    fn respond(&self, pool: usize, reply: Reply, callback: Callback) -> Result<Value, Raised> {
        let decode = self.pools[pool].decode_responses;
        Ok(shape(callback, plain(reply, decode)?))
    }
}

/// What redis-py's response callback makes of a reply.
fn shape(callback: Callback, value: Value) -> Value {
    let float = |v: &Value| text_of(v).and_then(|t| t.parse().ok()).map(Value::Float);
    match (callback, value) {
        (Callback::Plain, value) => value,
        (Callback::Bool, value) => Value::Bool(value.truthy()),
        (Callback::Ok | Callback::Set, Value::None) => Value::None,
        (Callback::Ok | Callback::Set, _) => Value::Bool(true),
        (Callback::Float, Value::None) => Value::None,
        (Callback::Float, value) => float(&value).unwrap_or(value),
        (Callback::Members, Value::List(items)) => Value::Set(items),
        (Callback::Pairs, Value::List(items)) => Value::Dict(
            items
                .chunks(2)
                .filter_map(|pair| match pair {
                    [k, v] => Some((k.clone(), v.clone())),
                    _ => None,
                })
                .collect(),
        ),
        (Callback::Scores { withscores: true }, Value::List(items)) => Value::List(
            items
                .chunks(2)
                .filter_map(|pair| match pair {
                    [member, score] => Some(Value::Tuple(vec![
                        member.clone(),
                        float(score).unwrap_or(Value::None),
                    ])),
                    _ => None,
                })
                .collect(),
        ),
        (Callback::Tuples, Value::List(items)) => Value::List(
            items
                .chunks(2)
                .filter_map(|pair| match pair {
                    [first, second] => Some(Value::Tuple(vec![first.clone(), second.clone()])),
                    _ => None,
                })
                .collect(),
        ),
        (Callback::Text, value) => text_of(&value).map_or(value, Value::Str),
        (Callback::Clients, value) => Value::List(
            text_of(&value)
                .unwrap_or_default()
                .lines()
                .map(client_fields)
                .filter(Value::truthy)
                .collect(),
        ),
        (Callback::Pong, value) => Value::Bool(text_of(&value).as_deref() == Some("PONG")),
        (
            callback @ (Callback::Scan | Callback::HashScan { .. } | Callback::SortedSetScan),
            Value::List(mut parts),
        ) if parts.len() == 2 => {
            let found = parts.pop().unwrap_or(Value::None);
            let cursor = int(&parts[0]);
            let found = match (callback, found) {
                (Callback::HashScan { no_values: false }, Value::List(items)) => {
                    shape(Callback::Pairs, Value::List(items))
                }
                (Callback::SortedSetScan, Value::List(items)) => {
                    shape(Callback::Scores { withscores: true }, Value::List(items))
                }
                (_, found) => found,
            };
            Value::Tuple(vec![cursor, found])
        }
        (Callback::Time, Value::List(parts)) => Value::Tuple(parts.iter().map(int).collect()),
        (Callback::Info, value) => parse_info(&text_of(&value).unwrap_or_default()),
        (_, value) => value,
    }
}

/// redis-py's `parse_info`: INFO's `field:value` lines (section headers left out) as a
/// dict, each value read as a number, a list or a dict of `k=v` items where it can be.
fn parse_info(text: &str) -> Value {
    let mut info: Vec<(Value, Value)> = Vec::new();
    let mut set = |key: &str, value: Value| {
        let key = Value::Str(key.to_owned());
        match info.iter_mut().find(|(k, _)| *k == key) {
            Some((_, old)) => *old = value,
            None => info.push((key, value)),
        }
    };
    let mut modules = Vec::new();
    let mut raw = Vec::new();
    for line in text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        match line.split_once(':') {
            Some(("module", value)) => modules.push(info_value(value)),
            Some((key, value)) => set(key, info_value(value)),
            None => raw.push(Value::Str(line.to_owned())),
        }
    }
    if !modules.is_empty() {
        set("modules", Value::List(modules));
    }
    if !raw.is_empty() {
        set("__raw__", Value::List(raw));
    }
    Value::Dict(info)
}

/// One INFO value as `parse_info` reads it: an int, a float, a str, a list of values
/// split on commas, or a dict of `k=v` items (an item without `=` maps to True).
fn info_value(value: &str) -> Value {
    let text = || Value::Str(value.to_owned());
    if !value.contains('=') && !value.contains(',') {
        if value.contains('.') {
            value.parse().map_or_else(|_| text(), Value::Float)
        } else {
            value.parse().map_or_else(|_| text(), Value::Int)
        }
    } else if !value.contains('=') {
        Value::List(
            value
                .split(',')
                .filter(|v| !v.is_empty())
                .map(info_value)
                .collect(),
        )
    } else {
        Value::Dict(
            value
                .split(',')
                .filter(|item| !item.is_empty())
                .map(|item| match item.rsplit_once('=') {
                    Some((k, v)) => (Value::Str(k.to_owned()), info_value(v)),
                    None => (Value::Str(item.to_owned()), Value::Bool(true)),
                })
                .collect(),
        )
    }
}

/// `int(value)` of a reply's digits, as bytes or str.
fn int(value: &Value) -> Value {
    text_of(value)
        .and_then(|t| t.parse().ok())
        .map_or(Value::None, Value::Int)
}

/// `Pipeline.annotate_exception`: which command of the pipeline failed.
fn annotate(raised: Raised, index: usize, argv: &[Vec<u8>]) -> Raised {
    match raised {
        Raised::Error(kind, message) => {
            let command: Vec<String> = argv
                .iter()
                .map(|a| String::from_utf8_lossy(a).into_owned())
                .collect();
            Raised::Error(
                kind,
                format!(
                    "Command # {} ({}) of pipeline caused error: {message}",
                    index + 1,
                    command.join(" ")
                ),
            )
        }
        syntax => syntax,
    }
}

/// One line of CLIENT LIST as redis-py's `parse_client_list` reads it: `key=value`
/// words, a word without `=` continuing the value before it.
fn client_fields(line: &str) -> Value {
    let mut fields: Vec<(Value, Value)> = Vec::new();
    for word in line.split(' ') {
        match (word.split_once('='), fields.last_mut()) {
            (Some((key, value)), _) => {
                let key = Value::Str(key.to_owned());
                let value = Value::Str(value.to_owned());
                match fields.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, old)) => *old = value,
                    None => fields.push((key, value)),
                }
            }
            (None, Some((_, Value::Str(value)))) => {
                value.push(' ');
                value.push_str(word);
            }
            (None, _) => {}
        }
    }
    Value::Dict(fields)
}

/// The text of a str or bytes reply.
fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::Bytes(b) => Some(String::from_utf8_lossy(b).into_owned()),
        Value::Str(s) => Some(s.clone()),
        _ => None,
    }
}

/// A reply as redis-py's parser hands it to callbacks; an error reply raises.
fn plain(reply: Reply, decode: bool) -> Result<Value, Raised> {
    let text = |bytes: Vec<u8>| {
        if decode {
            Value::Str(String::from_utf8_lossy(&bytes).into_owned())
        } else {
            Value::Bytes(bytes)
        }
    };
    Ok(match reply {
        Reply::Status(s) => text(s.as_bytes().to_vec()),
        Reply::Error(message) => return Err(response_error(&message)),
        Reply::Integer(n) => Value::Int(n),
        Reply::Bulk(bytes) => text(bytes.to_vec()),
        Reply::Nil | Reply::NilArray => Value::None,
        Reply::Array(items) | Reply::Frames(items) => Value::List(
            items
                .into_iter()
                .map(|item| plain(item, decode))
                .collect::<Result<_, _>>()?,
        ),
    })
}

/// `Redis.__init__`'s parameters this client reads, in redis-py's order.
static REDIS_INIT: Method = method(
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
static POOL_INIT: Method = with_kwargs(method(
    "__init__",
    "ConnectionPool",
    &["host", "port", "db", "decode_responses"],
    0,
));

impl Library for RedisPy {
    type Object = Object;
    type Server = SharedRedis;

    fn servers(&self) -> &BTreeMap<String, SharedRedis> {
        &self.servers
    }

    fn servers_mut(&mut self) -> &mut BTreeMap<String, SharedRedis> {
        &mut self.servers
    }

    fn import(&mut self, module: &str) -> Option<Value> {
        (module == "redis").then_some(Value::Object(Object::Module))
    }

    fn attribute(&mut self, object: &Object, name: &str) -> Result<Value, Raised> {
        let found = match (object, name) {
            (Object::Module, "Redis" | "StrictRedis") => Some(Object::RedisClass),
            (Object::Module, "ConnectionPool") => Some(Object::PoolClass),
            // `execute` is a pipeline's; pipelines are made from clients only here.
            (Object::Client(_), "execute") | (Object::Pipeline(_), "pipeline") => None,
            // `pubsub` is a client's; pipelines are made from clients only here.
            (Object::Pipeline(_), "pubsub") => None,
            (Object::Client(_) | Object::Pipeline(_), _) => METHODS
                .iter()
                .find(|m| m.name == name)
                .map(|m| Object::Method(Box::new(object.clone()), m)),
            (Object::PubSub(_), _) => PUBSUB_METHODS
                .iter()
                .find(|m| m.name == name)
                .map(|m| Object::Method(Box::new(object.clone()), m)),
            _ => None,
        };
        found.map(Value::Object).ok_or_else(|| {
            let real = match object {
                Object::Client(_) | Object::Pipeline(_) => REDIS_ATTRIBUTES,
                Object::PubSub(_) => PUBSUB_ATTRIBUTES,
                _ => "",
            };
            match object {
                Object::Module => module_has_no("redis", name),
                other if real.split_whitespace().any(|n| n == name) => {
                    not_modelled(&other.type_name(), name)
                }
                other => no_attribute(&other.type_name(), name),
            }
        })
    }

    fn call(
        &mut self,
        object: Object,
        args: Vec<Arg>,
        now_ms: u64,
        out: &mut String,
    ) -> Result<Value, Raised> {
        match object {
            Object::RedisClass => {
                let b = bind(&REDIS_INIT, args)?;
                let pool = match b.get(&REDIS_INIT, "connection_pool") {
                    Some(Value::Object(Object::Pool(pool))) => *pool,
                    Some(other) => {
                        return Err(error(
                            "AttributeError",
                            format!(
                                "{} object has no attribute 'get_encoder'",
                                repr_str(&other.type_name())
                            ),
                        ));
                    }
                    None => self.new_pool(&REDIS_INIT, &b)?,
                };
                self.clients.push(pool);
                Ok(Value::Object(Object::Client(self.clients.len() - 1)))
            }
            Object::PoolClass => {
                if args.iter().any(|(keyword, _)| keyword.is_none()) {
                    return Err(error(
                        "TypeError",
                        "this playground's ConnectionPool takes keyword arguments only",
                    ));
                }
                let b = bind(&POOL_INIT, args)?;
                let pool = self.new_pool(&POOL_INIT, &b)?;
                Ok(Value::Object(Object::Pool(pool)))
            }
            Object::Method(owner, m) => {
                // The decorator warns before the call binds its arguments.
                let deprecated = DEPRECATED.iter().find(|(name, ..)| *name == m.name);
                if let Some(&(name, advice, version)) = deprecated
                    && self.warned.insert(name)
                {
                    out.push_str(&deprecation_warning(name, advice, version));
                }
                self.call_method(*owner, m, args, now_ms)
            }
            other => Err(not_callable(&other.type_name())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::redis::RedisCliSession;
    use crate::session::ConsoleSession;

    const NOW: u64 = 1_780_000_000_000;

    /// Runs lines and returns the transcript as the REPL shows it.
    fn repl(session: &mut PythonRedisSession, lines: &[&str]) -> String {
        lines
            .iter()
            .map(|line| format!(">>> {line}\n{}", session.run_line(line, NOW)))
            .collect()
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
        let (server, client) = session.library.connection(0, NOW);
        server.execute(client, vec![b"WATCH".to_vec(), b"w".to_vec()], NOW);
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
        assert_eq!(session.run_line("r.set('k', 'v')", NOW), "True\n");
    }

    #[test]
    fn statements_outside_the_model_say_so_instead_of_a_name_error() {
        let mut session = PythonRedisSession::new(0);
        session.run_line("import redis", NOW);
        let out = session.run_line("for k in r.scan_iter():", NOW);
        assert!(
            out.ends_with("NotImplementedError: this console runs one expression, assignment or `import module` a line; 'for' statements are not modelled\n"),
            "{out}"
        );
        assert!(
            session
                .run_line("from redis import Redis", NOW)
                .contains("'from' statements")
        );
        assert!(
            session
                .run_line("format", NOW)
                .contains("NameError: name 'format' is not defined")
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
                "r.scan_iter()",
                "r.pipeline().hscan_iter('h')",
                "r.pubsub().listen()",
                "r.nothing",
            ],
        );
        for modelled_elsewhere in ["Redis.scan_iter", "Pipeline.hscan_iter", "PubSub.listen"] {
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
    fn parse_response_reads_what_arrived_and_says_so_instead_of_waiting_for_ever() {
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
            out.ends_with("NotImplementedError: parse_response() would wait here until a message arrives, and this console cannot wait: publish first, or call get_message(), which returns None while nothing has arrived\n"),
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
