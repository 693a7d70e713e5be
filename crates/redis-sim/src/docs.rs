//! The documentation of every command the engine implements: the syntax
//! redis-cli 7.0 shows in `HELP` and in its grey inline hint, the group, the
//! version that introduced it, a one-line summary, and the metadata COMMAND
//! INFO and COMMAND DOCS report.
//!
//! redis-cli 7.0 builds its help from the server's COMMAND DOCS when it is
//! connected, so the syntax here is what it renders from the argument tree
//! (the tests check that rendering against [`CommandDoc::params`]).

use crate::reply::Reply;

/// The documentation of one command or subcommand.
#[derive(Debug)]
pub struct CommandDoc {
    /// Lower-case name; subcommands are `container|sub` as in the command table.
    pub name: &'static str,
    /// The group HELP shows and `HELP @group` filters on (`string`, `sorted-set`...).
    pub group: &'static str,
    /// The Redis version that introduced the command.
    pub since: &'static str,
    /// The argument syntax redis-cli shows after the name.
    pub params: &'static str,
    /// What the command does, in one line.
    pub summary: &'static str,
    /// COMMAND INFO's fields after the arity, in the notation [`parse_notation`] reads:
    /// flags, first key, last key, key step, ACL categories, tips, key specs.
    pub info: &'static str,
    /// COMMAND DOCS's argument tree, in the same notation.
    pub arguments: &'static str,
}

impl CommandDoc {
    /// The name as redis-cli shows it: upper case, a space before a subcommand.
    pub fn display_name(&self) -> String {
        self.name.replace('|', " ").to_ascii_uppercase()
    }

    /// The words of the display name (`["CONFIG", "GET"]`).
    pub fn words(&self) -> impl Iterator<Item = &'static str> {
        self.name.split('|')
    }
}

const fn doc(
    name: &'static str,
    group: &'static str,
    since: &'static str,
    params: &'static str,
    summary: &'static str,
    info: &'static str,
    arguments: &'static str,
) -> CommandDoc {
    CommandDoc {
        name,
        group,
        since,
        params,
        summary,
        info,
        arguments,
    }
}

/// Commands 7.0 still runs but documents as deprecated, with the version
/// that deprecated them (COMMAND DOCS's `deprecated_since`).
pub static DEPRECATED: &[(&str, &str)] = &[
    ("brpoplpush", "6.2.0"),
    ("getset", "6.2.0"),
    ("hmset", "4.0.0"),
    ("rpoplpush", "6.2.0"),
    ("substr", "2.0.0"),
    ("zrangebylex", "6.2.0"),
    ("zrangebyscore", "6.2.0"),
    ("zrevrange", "6.2.0"),
    ("zrevrangebylex", "6.2.0"),
    ("zrevrangebyscore", "6.2.0"),
];

/// The documentation of a command or subcommand by its table name, any case.
pub fn find(name: &str) -> Option<&'static CommandDoc> {
    DOCS.iter().find(|d| d.name.eq_ignore_ascii_case(name))
}

/// Every entry in the order redis-cli keeps its help table: by display name.
pub fn sorted() -> Vec<&'static CommandDoc> {
    let mut entries: Vec<&'static CommandDoc> = DOCS.iter().collect();
    entries.sort_by_cached_key(|d| d.display_name());
    entries
}

/// The command groups that have at least one documented command, sorted.
pub fn groups() -> Vec<&'static str> {
    let mut groups: Vec<&'static str> = DOCS.iter().map(|d| d.group).collect();
    groups.sort_unstable();
    groups.dedup();
    groups
}

/// Reads the compact notation of [`CommandDoc::info`] and
/// [`CommandDoc::arguments`]: `[...]` is an array, `+word` a status, an
/// integer an integer, a bare word or `"quoted text"` a bulk string.
pub fn parse_notation(text: &str) -> Vec<Reply> {
    let mut stack: Vec<Vec<Reply>> = vec![Vec::new()];
    let mut rest = text.trim_start();
    while let Some(first) = rest.chars().next() {
        let taken = match first {
            '[' => {
                stack.push(Vec::new());
                1
            }
            ']' => {
                let done = stack.pop().unwrap_or_default();
                match stack.last_mut() {
                    Some(parent) => parent.push(Reply::Array(done)),
                    None => stack.push(vec![Reply::Array(done)]),
                }
                1
            }
            '"' => {
                let end = rest[1..].find('"').map_or(rest.len(), |i| i + 2);
                let inner = rest.get(1..end.saturating_sub(1)).unwrap_or_default();
                push(&mut stack, Reply::bulk(inner));
                end
            }
            _ => {
                let end = rest
                    .find(|c: char| c.is_whitespace() || c == ']' || c == '[')
                    .unwrap_or(rest.len());
                let word = &rest[..end];
                let reply = if let Some(status) = word.strip_prefix('+') {
                    Reply::Status(status.to_string().into())
                } else if let Ok(n) = word.parse::<i64>() {
                    Reply::Integer(n)
                } else {
                    Reply::bulk(word)
                };
                push(&mut stack, reply);
                end.max(1)
            }
        };
        rest = rest[taken..].trim_start();
    }
    stack.into_iter().flatten().collect()
}

fn push(stack: &mut [Vec<Reply>], reply: Reply) {
    if let Some(top) = stack.last_mut() {
        top.push(reply);
    }
}

/// Every command and subcommand the engine implements, by name.
pub static DOCS: &[CommandDoc] = &[
    doc(
        "append",
        "string",
        "2.0.0",
        "key value",
        "Adds bytes to the end of a string, creating it if needed.",
        "[+write +denyoom +fast] 1 1 1 [+@write +@string +@fast] [] [[flags [+RW +insert] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name value type string]]",
    ),
    doc(
        "bitcount",
        "bitmap",
        "2.6.0",
        "key [start end [BYTE|BIT]]",
        "Counts the set bits of a string, optionally in a range.",
        "[+readonly] 1 1 1 [+@read +@bitmap +@slow] [] [[flags [+RO +access] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name index type block flags [+optional] arguments [[name start type integer] [name end type integer] [name index_unit type oneof since \"7.0.0\" flags [+optional] arguments [[name byte type pure-token token BYTE] [name bit type pure-token token BIT]]]]]]",
    ),
    doc(
        "bitop",
        "bitmap",
        "2.6.0",
        "operation destkey key [key ...]",
        "Combines strings bit by bit (AND, OR, XOR, NOT) into a new key.",
        "[+write +denyoom] 2 -1 1 [+@write +@bitmap +@slow] [] [[flags [+OW +update] begin_search [type index spec [index 2]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]] [flags [+RO +access] begin_search [type index spec [index 3]] find_keys [type range spec [lastkey -1 keystep 1 limit 0]]]]",
        "[[name operation type string] [name destkey type key key_spec_index 0] [name key type key key_spec_index 1 flags [+multiple]]]",
    ),
    doc(
        "bitpos",
        "bitmap",
        "2.8.7",
        "key bit [start [end [BYTE|BIT]]]",
        "Finds the first bit set to 0 or 1 in a string.",
        "[+readonly] 1 1 1 [+@read +@bitmap +@slow] [] [[flags [+RO +access] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name bit type integer] [name index type block flags [+optional] arguments [[name start type integer] [name end_index type block flags [+optional] arguments [[name end type integer] [name index_unit type oneof since \"7.0.0\" flags [+optional] arguments [[name byte type pure-token token BYTE] [name bit type pure-token token BIT]]]]]]]]",
    ),
    doc(
        "blmove",
        "list",
        "6.2.0",
        "source destination LEFT|RIGHT LEFT|RIGHT timeout",
        "Moves an element between lists, waiting for the source to have one.",
        "[+write +denyoom +noscript +blocking] 1 2 1 [+@write +@list +@slow +@blocking] [] [[flags [+RW +access +delete] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]] [flags [+RW +insert] begin_search [type index spec [index 2]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name source type key key_spec_index 0] [name destination type key key_spec_index 1] [name wherefrom type oneof arguments [[name left type pure-token token LEFT] [name right type pure-token token RIGHT]]] [name whereto type oneof arguments [[name left type pure-token token LEFT] [name right type pure-token token RIGHT]]] [name timeout type double]]",
    ),
    doc(
        "blmpop",
        "list",
        "7.0.0",
        "timeout numkeys key [key ...] LEFT|RIGHT [COUNT count]",
        "Pops elements from the first non-empty list, waiting if all are empty.",
        "[+write +blocking +movablekeys] 0 0 0 [+@write +@list +@slow +@blocking] [] [[flags [+RW +access +delete] begin_search [type index spec [index 2]] find_keys [type keynum spec [keynumidx 0 firstkey 1 keystep 1]]]]",
        "[[name timeout type double] [name numkeys type integer] [name key type key key_spec_index 0 flags [+multiple]] [name where type oneof arguments [[name left type pure-token token LEFT] [name right type pure-token token RIGHT]]] [name count type integer token COUNT flags [+optional]]]",
    ),
    doc(
        "blpop",
        "list",
        "2.0.0",
        "key [key ...] timeout",
        "Pops from the head of the first non-empty list, waiting if all are empty.",
        "[+write +noscript +blocking] 1 -2 1 [+@write +@list +@slow +@blocking] [] [[flags [+RW +access +delete] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey -2 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0 flags [+multiple]] [name timeout type double]]",
    ),
    doc(
        "brpop",
        "list",
        "2.0.0",
        "key [key ...] timeout",
        "Pops from the tail of the first non-empty list, waiting if all are empty.",
        "[+write +noscript +blocking] 1 -2 1 [+@write +@list +@slow +@blocking] [] [[flags [+RW +access +delete] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey -2 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0 flags [+multiple]] [name timeout type double]]",
    ),
    doc(
        "brpoplpush",
        "list",
        "2.2.0",
        "source destination timeout",
        "Moves a list's tail to another list's head, waiting if the source is empty.",
        "[+write +denyoom +noscript +blocking] 1 2 1 [+@write +@list +@slow +@blocking] [] [[flags [+RW +access +delete] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]] [flags [+RW +insert] begin_search [type index spec [index 2]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name source type key key_spec_index 0] [name destination type key key_spec_index 1] [name timeout type double]]",
    ),
    doc(
        "bzmpop",
        "sorted-set",
        "7.0.0",
        "timeout numkeys key [key ...] MIN|MAX [COUNT count]",
        "Pops members from the first non-empty sorted set, waiting if all are empty.",
        "[+write +blocking +movablekeys] 0 0 0 [+@write +@sortedset +@slow +@blocking] [] [[flags [+RW +access +delete] begin_search [type index spec [index 2]] find_keys [type keynum spec [keynumidx 0 firstkey 1 keystep 1]]]]",
        "[[name timeout type double] [name numkeys type integer] [name key type key key_spec_index 0 flags [+multiple]] [name where type oneof arguments [[name min type pure-token token MIN] [name max type pure-token token MAX]]] [name count type integer token COUNT flags [+optional]]]",
    ),
    doc(
        "bzpopmax",
        "sorted-set",
        "5.0.0",
        "key [key ...] timeout",
        "Pops the highest-scored member, waiting if all the sorted sets are empty.",
        "[+write +noscript +blocking +fast] 1 -2 1 [+@write +@sortedset +@fast +@blocking] [] [[flags [+RW +access +delete] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey -2 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0 flags [+multiple]] [name timeout type double]]",
    ),
    doc(
        "bzpopmin",
        "sorted-set",
        "5.0.0",
        "key [key ...] timeout",
        "Pops the lowest-scored member, waiting if all the sorted sets are empty.",
        "[+write +noscript +blocking +fast] 1 -2 1 [+@write +@sortedset +@fast +@blocking] [] [[flags [+RW +access +delete] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey -2 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0 flags [+multiple]] [name timeout type double]]",
    ),
    doc(
        "client",
        "connection",
        "2.4.0",
        "",
        "Groups the commands that inspect and tune client connections.",
        "[] 0 0 0 [+@slow] [] []",
        "[]",
    ),
    doc(
        "client|getname",
        "connection",
        "2.6.9",
        "",
        "Tells the name given to this connection, if any.",
        "[+noscript +loading +stale] 0 0 0 [+@slow +@connection] [] []",
        "[]",
    ),
    doc(
        "client|id",
        "connection",
        "5.0.0",
        "",
        "Tells the id the server gave this connection.",
        "[+noscript +loading +stale] 0 0 0 [+@slow +@connection] [] []",
        "[]",
    ),
    doc(
        "client|info",
        "connection",
        "6.2.0",
        "",
        "Describes this connection in CLIENT LIST's line format.",
        "[+noscript +loading +stale] 0 0 0 [+@slow +@connection] [nondeterministic_output] []",
        "[]",
    ),
    doc(
        "client|list",
        "connection",
        "2.4.0",
        "[TYPE NORMAL|MASTER|REPLICA|PUBSUB] [ID client-id [client-id ...]]",
        "Lists the connected clients, one line of fields each.",
        "[+admin +noscript +loading +stale] 0 0 0 [+@admin +@slow +@dangerous +@connection] [nondeterministic_output] []",
        "[[name normal_master_replica_pubsub type oneof token TYPE since \"5.0.0\" flags [+optional] arguments [[name normal type pure-token token NORMAL] [name master type pure-token token MASTER] [name replica type pure-token token REPLICA] [name pubsub type pure-token token PUBSUB]]] [name id type block token ID since \"6.2.0\" flags [+optional] arguments [[name client-id type integer flags [+multiple]]]]]",
    ),
    doc(
        "client|setname",
        "connection",
        "2.6.9",
        "connection-name",
        "Gives this connection a name, shown in CLIENT LIST.",
        "[+noscript +loading +stale] 0 0 0 [+@slow +@connection] [] []",
        "[[name connection-name type string]]",
    ),
    doc(
        "command",
        "server",
        "2.8.13",
        "",
        "Describes every command the server knows.",
        "[+loading +stale] 0 0 0 [+@slow +@connection] [nondeterministic_output_order] []",
        "[]",
    ),
    doc(
        "command|count",
        "server",
        "2.8.13",
        "",
        "Counts the commands the server knows.",
        "[+loading +stale] 0 0 0 [+@slow +@connection] [] []",
        "[]",
    ),
    doc(
        "command|docs",
        "server",
        "7.0.0",
        "[command-name [command-name ...]]",
        "Gives the documentation of the named commands, or of all of them.",
        "[+loading +stale] 0 0 0 [+@slow +@connection] [nondeterministic_output_order] []",
        "[[name command-name type string flags [+optional +multiple]]]",
    ),
    doc(
        "command|info",
        "server",
        "2.8.13",
        "[command-name [command-name ...]]",
        "Describes the named commands: arity, flags, key positions.",
        "[+loading +stale] 0 0 0 [+@slow +@connection] [nondeterministic_output_order] []",
        "[[name command-name type string flags [+optional +multiple]]]",
    ),
    doc(
        "command|list",
        "server",
        "7.0.0",
        "[FILTERBY MODULE module-name|ACLCAT category|PATTERN pattern]",
        "Lists the names of the commands, optionally filtered.",
        "[+loading +stale] 0 0 0 [+@slow +@connection] [nondeterministic_output_order] []",
        "[[name filterby type oneof token FILTERBY flags [+optional] arguments [[name module-name type string token MODULE] [name category type string token ACLCAT] [name pattern type pattern token PATTERN]]]]",
    ),
    doc(
        "config",
        "server",
        "2.0.0",
        "",
        "Groups the commands that read and change server parameters.",
        "[] 0 0 0 [+@slow] [] []",
        "[]",
    ),
    doc(
        "config|get",
        "server",
        "2.0.0",
        "parameter [parameter ...]",
        "Reads server parameters whose names match the given patterns.",
        "[+admin +noscript +loading +stale] 0 0 0 [+@admin +@slow +@dangerous] [] []",
        "[[name parameter type block flags [+multiple] arguments [[name parameter type string]]]]",
    ),
    doc(
        "config|set",
        "server",
        "2.0.0",
        "parameter value [parameter value ...]",
        "Changes server parameters while the server runs.",
        "[+admin +noscript +loading +stale] 0 0 0 [+@admin +@slow +@dangerous] [request_policy:all_nodes response_policy:all_succeeded] []",
        "[[name parameter_value type block flags [+multiple] arguments [[name parameter type string] [name value type string]]]]",
    ),
    doc(
        "config|resetstat",
        "server",
        "2.0.0",
        "",
        "Sets the counters INFO reports back to zero: commands, connections, hits and misses, expired and evicted keys, error replies.",
        "[+admin +noscript +loading +stale] 0 0 0 [+@admin +@slow +@dangerous] [] []",
        "[]",
    ),
    doc(
        "copy",
        "generic",
        "6.2.0",
        "source destination [DB destination-db] [REPLACE]",
        "Duplicates a key's value under another name, possibly in another database.",
        "[+write +denyoom] 1 2 1 [+@keyspace +@write +@slow] [] [[flags [+RO +access] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]] [flags [+OW +update] begin_search [type index spec [index 2]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name source type key key_spec_index 0] [name destination type key key_spec_index 1] [name destination-db type integer token DB flags [+optional]] [name replace type pure-token token REPLACE flags [+optional]]]",
    ),
    doc(
        "dbsize",
        "server",
        "1.0.0",
        "",
        "Counts the keys in the selected database.",
        "[+readonly +fast] 0 0 0 [+@keyspace +@read +@fast] [request_policy:all_shards response_policy:agg_sum] []",
        "[]",
    ),
    doc(
        "decr",
        "string",
        "1.0.0",
        "key",
        "Subtracts one from the integer stored in a string.",
        "[+write +denyoom +fast] 1 1 1 [+@write +@string +@fast] [] [[flags [+RW +access +update] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0]]",
    ),
    doc(
        "decrby",
        "string",
        "1.0.0",
        "key decrement",
        "Subtracts an integer from the integer stored in a string.",
        "[+write +denyoom +fast] 1 1 1 [+@write +@string +@fast] [] [[flags [+RW +access +update] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name decrement type integer]]",
    ),
    doc(
        "del",
        "generic",
        "1.0.0",
        "key [key ...]",
        "Removes keys, whatever their type.",
        "[+write] 1 -1 1 [+@keyspace +@write +@slow] [request_policy:multi_shard response_policy:agg_sum] [[flags [+RM +delete] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey -1 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0 flags [+multiple]]]",
    ),
    doc(
        "discard",
        "transactions",
        "2.0.0",
        "",
        "Drops the queued commands of a transaction.",
        "[+noscript +loading +stale +fast +allow_busy] 0 0 0 [+@fast +@transaction] [] []",
        "[]",
    ),
    doc(
        "echo",
        "connection",
        "1.0.0",
        "message",
        "Answers with the message it was sent.",
        "[+loading +stale +fast] 0 0 0 [+@fast +@connection] [] []",
        "[[name message type string]]",
    ),
    doc(
        "exec",
        "transactions",
        "1.2.0",
        "",
        "Runs the queued commands of a transaction as one step.",
        "[+noscript +loading +stale +skip_slowlog] 0 0 0 [+@slow +@transaction] [] []",
        "[]",
    ),
    doc(
        "exists",
        "generic",
        "1.0.0",
        "key [key ...]",
        "Counts how many of the given keys exist.",
        "[+readonly +fast] 1 -1 1 [+@keyspace +@read +@fast] [request_policy:multi_shard response_policy:agg_sum] [[flags [+RO] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey -1 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0 flags [+multiple]]]",
    ),
    doc(
        "expire",
        "generic",
        "1.0.0",
        "key seconds [NX|XX|GT|LT]",
        "Sets a key to expire after a number of seconds.",
        "[+write +fast] 1 1 1 [+@keyspace +@write +@fast] [] [[flags [+RW +update] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name seconds type integer] [name condition type oneof since \"7.0.0\" flags [+optional] arguments [[name nx type pure-token token NX] [name xx type pure-token token XX] [name gt type pure-token token GT] [name lt type pure-token token LT]]]]",
    ),
    doc(
        "expireat",
        "generic",
        "1.2.0",
        "key unix-time-seconds [NX|XX|GT|LT]",
        "Sets a key to expire at a Unix time in seconds.",
        "[+write +fast] 1 1 1 [+@keyspace +@write +@fast] [] [[flags [+RW +update] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name unix-time-seconds type unix-time] [name condition type oneof since \"7.0.0\" flags [+optional] arguments [[name nx type pure-token token NX] [name xx type pure-token token XX] [name gt type pure-token token GT] [name lt type pure-token token LT]]]]",
    ),
    doc(
        "expiretime",
        "generic",
        "7.0.0",
        "key",
        "Tells the Unix time in seconds at which a key expires.",
        "[+readonly +fast] 1 1 1 [+@keyspace +@read +@fast] [] [[flags [+RO +access] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0]]",
    ),
    doc(
        "flushall",
        "server",
        "1.0.0",
        "[ASYNC|SYNC]",
        "Deletes every key in every database.",
        "[+write] 0 0 0 [+@keyspace +@write +@slow +@dangerous] [request_policy:all_shards response_policy:all_succeeded] []",
        "[[name async type oneof flags [+optional] arguments [[name async type pure-token token ASYNC since \"4.0.0\"] [name sync type pure-token token SYNC since \"6.2.0\"]]]]",
    ),
    doc(
        "flushdb",
        "server",
        "1.0.0",
        "[ASYNC|SYNC]",
        "Deletes every key in the selected database.",
        "[+write] 0 0 0 [+@keyspace +@write +@slow +@dangerous] [request_policy:all_shards response_policy:all_succeeded] []",
        "[[name async type oneof flags [+optional] arguments [[name async type pure-token token ASYNC since \"4.0.0\"] [name sync type pure-token token SYNC since \"6.2.0\"]]]]",
    ),
    doc(
        "get",
        "string",
        "1.0.0",
        "key",
        "Reads the string stored under a key.",
        "[+readonly +fast] 1 1 1 [+@read +@string +@fast] [] [[flags [+RO +access] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0]]",
    ),
    doc(
        "getbit",
        "bitmap",
        "2.2.0",
        "key offset",
        "Reads one bit of a string.",
        "[+readonly +fast] 1 1 1 [+@read +@bitmap +@fast] [] [[flags [+RO +access] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name offset type integer]]",
    ),
    doc(
        "getdel",
        "string",
        "6.2.0",
        "key",
        "Reads a string and deletes its key.",
        "[+write +fast] 1 1 1 [+@write +@string +@fast] [] [[flags [+RW +access +delete] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0]]",
    ),
    doc(
        "getex",
        "string",
        "6.2.0",
        "key [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|PERSIST]",
        "Reads a string and changes or removes the key's expiry.",
        "[+write +fast] 1 1 1 [+@write +@string +@fast] [] [[notes \"RW and UPDATE because it changes the TTL\" flags [+RW +access +update] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name expiration type oneof flags [+optional] arguments [[name seconds type integer token EX] [name milliseconds type integer token PX] [name unix-time-seconds type unix-time token EXAT] [name unix-time-milliseconds type unix-time token PXAT] [name persist type pure-token token PERSIST]]]]",
    ),
    doc(
        "getrange",
        "string",
        "2.4.0",
        "key start end",
        "Reads part of a string, by byte positions.",
        "[+readonly] 1 1 1 [+@read +@string +@slow] [] [[flags [+RO +access] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name start type integer] [name end type integer]]",
    ),
    doc(
        "getset",
        "string",
        "1.0.0",
        "key value",
        "Stores a new string and answers the one it replaced.",
        "[+write +denyoom +fast] 1 1 1 [+@write +@string +@fast] [] [[flags [+RW +access +update] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name value type string]]",
    ),
    doc(
        "hdel",
        "hash",
        "2.0.0",
        "key field [field ...]",
        "Removes fields from a hash.",
        "[+write +fast] 1 1 1 [+@write +@hash +@fast] [] [[flags [+RW +delete] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name field type string flags [+multiple]]]",
    ),
    doc(
        "hexists",
        "hash",
        "2.0.0",
        "key field",
        "Tells whether a hash has a field.",
        "[+readonly +fast] 1 1 1 [+@read +@hash +@fast] [] [[flags [+RO] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name field type string]]",
    ),
    doc(
        "hget",
        "hash",
        "2.0.0",
        "key field",
        "Reads one field of a hash.",
        "[+readonly +fast] 1 1 1 [+@read +@hash +@fast] [] [[flags [+RO +access] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name field type string]]",
    ),
    doc(
        "hgetall",
        "hash",
        "2.0.0",
        "key",
        "Lists every field and value of a hash.",
        "[+readonly] 1 1 1 [+@read +@hash +@slow] [nondeterministic_output_order] [[flags [+RO +access] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0]]",
    ),
    doc(
        "hincrby",
        "hash",
        "2.0.0",
        "key field increment",
        "Adds an integer to a hash field's integer value.",
        "[+write +denyoom +fast] 1 1 1 [+@write +@hash +@fast] [] [[flags [+RW +access +update] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name field type string] [name increment type integer]]",
    ),
    doc(
        "hincrbyfloat",
        "hash",
        "2.6.0",
        "key field increment",
        "Adds a decimal number to a hash field's numeric value.",
        "[+write +denyoom +fast] 1 1 1 [+@write +@hash +@fast] [] [[flags [+RW +access +update] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name field type string] [name increment type double]]",
    ),
    doc(
        "hkeys",
        "hash",
        "2.0.0",
        "key",
        "Lists the field names of a hash.",
        "[+readonly] 1 1 1 [+@read +@hash +@slow] [nondeterministic_output_order] [[flags [+RO +access] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0]]",
    ),
    doc(
        "hlen",
        "hash",
        "2.0.0",
        "key",
        "Tells how many fields a hash has.",
        "[+readonly +fast] 1 1 1 [+@read +@hash +@fast] [] [[flags [+RO] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0]]",
    ),
    doc(
        "hmget",
        "hash",
        "2.0.0",
        "key field [field ...]",
        "Reads several fields of a hash.",
        "[+readonly +fast] 1 1 1 [+@read +@hash +@fast] [] [[flags [+RO +access] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name field type string flags [+multiple]]]",
    ),
    doc(
        "hmset",
        "hash",
        "2.0.0",
        "key field value [field value ...]",
        "Sets fields of a hash (older form of HSET).",
        "[+write +denyoom +fast] 1 1 1 [+@write +@hash +@fast] [] [[flags [+RW +update] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name field_value type block flags [+multiple] arguments [[name field type string] [name value type string]]]]",
    ),
    doc(
        "hrandfield",
        "hash",
        "6.2.0",
        "key [count [WITHVALUES]]",
        "Picks random fields of a hash, optionally with their values.",
        "[+readonly] 1 1 1 [+@read +@hash +@slow] [nondeterministic_output] [[flags [+RO +access] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name options type block flags [+optional] arguments [[name count type integer] [name withvalues type pure-token token WITHVALUES flags [+optional]]]]]",
    ),
    doc(
        "hscan",
        "hash",
        "2.8.0",
        "key cursor [MATCH pattern] [COUNT count]",
        "Walks a hash's fields and values a batch at a time with a cursor.",
        "[+readonly] 1 1 1 [+@read +@hash +@slow] [nondeterministic_output] [[flags [+RO +access] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name cursor type integer] [name pattern type pattern token MATCH flags [+optional]] [name count type integer token COUNT flags [+optional]]]",
    ),
    doc(
        "hset",
        "hash",
        "2.0.0",
        "key field value [field value ...]",
        "Sets fields of a hash, creating it if needed.",
        "[+write +denyoom +fast] 1 1 1 [+@write +@hash +@fast] [] [[flags [+RW +update] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name field_value type block flags [+multiple] arguments [[name field type string] [name value type string]]]]",
    ),
    doc(
        "hsetnx",
        "hash",
        "2.0.0",
        "key field value",
        "Sets a hash field only if it does not exist yet.",
        "[+write +denyoom +fast] 1 1 1 [+@write +@hash +@fast] [] [[flags [+RW +insert] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name field type string] [name value type string]]",
    ),
    doc(
        "hstrlen",
        "hash",
        "3.2.0",
        "key field",
        "Tells the length in bytes of a hash field's value.",
        "[+readonly +fast] 1 1 1 [+@read +@hash +@fast] [] [[flags [+RO] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name field type string]]",
    ),
    doc(
        "hvals",
        "hash",
        "2.0.0",
        "key",
        "Lists the values of a hash.",
        "[+readonly] 1 1 1 [+@read +@hash +@slow] [nondeterministic_output_order] [[flags [+RO +access] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0]]",
    ),
    doc(
        "incr",
        "string",
        "1.0.0",
        "key",
        "Adds one to the integer stored in a string.",
        "[+write +denyoom +fast] 1 1 1 [+@write +@string +@fast] [] [[flags [+RW +access +update] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0]]",
    ),
    doc(
        "incrby",
        "string",
        "1.0.0",
        "key increment",
        "Adds an integer to the integer stored in a string.",
        "[+write +denyoom +fast] 1 1 1 [+@write +@string +@fast] [] [[flags [+RW +access +update] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name increment type integer]]",
    ),
    doc(
        "incrbyfloat",
        "string",
        "2.6.0",
        "key increment",
        "Adds a decimal number to the number stored in a string.",
        "[+write +denyoom +fast] 1 1 1 [+@write +@string +@fast] [] [[flags [+RW +access +update] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name increment type double]]",
    ),
    doc(
        "info",
        "server",
        "1.0.0",
        "[section [section ...]]",
        "Reports the server's state and counters, section by section.",
        "[+loading +stale] 0 0 0 [+@slow +@dangerous] [nondeterministic_output request_policy:all_shards response_policy:special] []",
        "[[name section type string flags [+optional +multiple]]]",
    ),
    doc(
        "keys",
        "generic",
        "1.0.0",
        "pattern",
        "Lists every key whose name matches a glob pattern.",
        "[+readonly] 0 0 0 [+@keyspace +@read +@slow +@dangerous] [request_policy:all_shards nondeterministic_output_order] []",
        "[[name pattern type pattern]]",
    ),
    doc(
        "lcs",
        "string",
        "7.0.0",
        "key1 key2 [LEN] [IDX] [MINMATCHLEN len] [WITHMATCHLEN]",
        "Finds the longest common subsequence of two strings.",
        "[+readonly] 1 2 1 [+@read +@string +@slow] [] [[flags [+RO +access] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 1 keystep 1 limit 0]]]]",
        "[[name key1 type key key_spec_index 0] [name key2 type key key_spec_index 0] [name len type pure-token token LEN flags [+optional]] [name idx type pure-token token IDX flags [+optional]] [name len type integer token MINMATCHLEN flags [+optional]] [name withmatchlen type pure-token token WITHMATCHLEN flags [+optional]]]",
    ),
    doc(
        "lindex",
        "list",
        "1.0.0",
        "key index",
        "Reads the element at a position in a list.",
        "[+readonly] 1 1 1 [+@read +@list +@slow] [] [[flags [+RO +access] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name index type integer]]",
    ),
    doc(
        "linsert",
        "list",
        "2.2.0",
        "key BEFORE|AFTER pivot element",
        "Inserts an element before or after another one in a list.",
        "[+write +denyoom] 1 1 1 [+@write +@list +@slow] [] [[flags [+RW +insert] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name where type oneof arguments [[name before type pure-token token BEFORE] [name after type pure-token token AFTER]]] [name pivot type string] [name element type string]]",
    ),
    doc(
        "llen",
        "list",
        "1.0.0",
        "key",
        "Tells how many elements a list has.",
        "[+readonly +fast] 1 1 1 [+@read +@list +@fast] [] [[flags [+RO] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0]]",
    ),
    doc(
        "lmove",
        "list",
        "6.2.0",
        "source destination LEFT|RIGHT LEFT|RIGHT",
        "Moves an element from one end of a list to an end of another.",
        "[+write +denyoom] 1 2 1 [+@write +@list +@slow] [] [[flags [+RW +access +delete] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]] [flags [+RW +insert] begin_search [type index spec [index 2]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name source type key key_spec_index 0] [name destination type key key_spec_index 1] [name wherefrom type oneof arguments [[name left type pure-token token LEFT] [name right type pure-token token RIGHT]]] [name whereto type oneof arguments [[name left type pure-token token LEFT] [name right type pure-token token RIGHT]]]]",
    ),
    doc(
        "lmpop",
        "list",
        "7.0.0",
        "numkeys key [key ...] LEFT|RIGHT [COUNT count]",
        "Pops elements from the first non-empty list among several.",
        "[+write +movablekeys] 0 0 0 [+@write +@list +@slow] [] [[flags [+RW +access +delete] begin_search [type index spec [index 1]] find_keys [type keynum spec [keynumidx 0 firstkey 1 keystep 1]]]]",
        "[[name numkeys type integer] [name key type key key_spec_index 0 flags [+multiple]] [name where type oneof arguments [[name left type pure-token token LEFT] [name right type pure-token token RIGHT]]] [name count type integer token COUNT flags [+optional]]]",
    ),
    doc(
        "lpop",
        "list",
        "1.0.0",
        "key [count]",
        "Removes and answers elements from the head of a list.",
        "[+write +fast] 1 1 1 [+@write +@list +@fast] [] [[flags [+RW +access +delete] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name count type integer since \"6.2.0\" flags [+optional]]]",
    ),
    doc(
        "lpos",
        "list",
        "6.0.6",
        "key element [RANK rank] [COUNT num-matches] [MAXLEN len]",
        "Finds the positions of an element in a list.",
        "[+readonly] 1 1 1 [+@read +@list +@slow] [] [[flags [+RO +access] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name element type string] [name rank type integer token RANK flags [+optional]] [name num-matches type integer token COUNT flags [+optional]] [name len type integer token MAXLEN flags [+optional]]]",
    ),
    doc(
        "lpush",
        "list",
        "1.0.0",
        "key element [element ...]",
        "Adds elements at the head of a list, creating it if needed.",
        "[+write +denyoom +fast] 1 1 1 [+@write +@list +@fast] [] [[flags [+RW +insert] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name element type string flags [+multiple]]]",
    ),
    doc(
        "lpushx",
        "list",
        "2.2.0",
        "key element [element ...]",
        "Adds elements at the head of a list only if the list exists.",
        "[+write +denyoom +fast] 1 1 1 [+@write +@list +@fast] [] [[flags [+RW +insert] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name element type string flags [+multiple]]]",
    ),
    doc(
        "lrange",
        "list",
        "1.0.0",
        "key start stop",
        "Reads the elements of a list between two positions.",
        "[+readonly] 1 1 1 [+@read +@list +@slow] [] [[flags [+RO +access] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name start type integer] [name stop type integer]]",
    ),
    doc(
        "lrem",
        "list",
        "1.0.0",
        "key count element",
        "Removes occurrences of an element from a list.",
        "[+write] 1 1 1 [+@write +@list +@slow] [] [[flags [+RW +delete] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name count type integer] [name element type string]]",
    ),
    doc(
        "lset",
        "list",
        "1.0.0",
        "key index element",
        "Replaces the element at a position in a list.",
        "[+write +denyoom] 1 1 1 [+@write +@list +@slow] [] [[flags [+RW +update] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name index type integer] [name element type string]]",
    ),
    doc(
        "ltrim",
        "list",
        "1.0.0",
        "key start stop",
        "Keeps only the elements of a list between two positions.",
        "[+write] 1 1 1 [+@write +@list +@slow] [] [[flags [+RW +delete] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name start type integer] [name stop type integer]]",
    ),
    doc(
        "memory",
        "server",
        "4.0.0",
        "",
        "Groups the commands about memory use.",
        "[] 0 0 0 [+@slow] [] []",
        "[]",
    ),
    doc(
        "memory|usage",
        "server",
        "4.0.0",
        "key [SAMPLES count]",
        "Estimates the bytes a key and its value take in memory.",
        "[+readonly] 2 2 1 [+@read +@slow] [] [[flags [+RO] begin_search [type index spec [index 2]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name count type integer token SAMPLES flags [+optional]]]",
    ),
    doc(
        "mget",
        "string",
        "1.0.0",
        "key [key ...]",
        "Reads the strings of several keys in one step.",
        "[+readonly +fast] 1 -1 1 [+@read +@string +@fast] [request_policy:multi_shard] [[flags [+RO +access] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey -1 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0 flags [+multiple]]]",
    ),
    doc(
        "move",
        "generic",
        "1.0.0",
        "key db",
        "Moves a key to another database.",
        "[+write +fast] 1 1 1 [+@keyspace +@write +@fast] [] [[flags [+RW +access +update] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name db type integer]]",
    ),
    doc(
        "mset",
        "string",
        "1.0.1",
        "key value [key value ...]",
        "Stores several strings in one step.",
        "[+write +denyoom] 1 -1 2 [+@write +@string +@slow] [request_policy:multi_shard response_policy:all_succeeded] [[flags [+OW +update] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey -1 keystep 2 limit 0]]]]",
        "[[name key_value type block flags [+multiple] arguments [[name key type key key_spec_index 0] [name value type string]]]]",
    ),
    doc(
        "msetnx",
        "string",
        "1.0.1",
        "key value [key value ...]",
        "Stores several strings only if none of their keys exist.",
        "[+write +denyoom] 1 -1 2 [+@write +@string +@slow] [request_policy:multi_shard response_policy:agg_min] [[flags [+OW +insert] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey -1 keystep 2 limit 0]]]]",
        "[[name key_value type block flags [+multiple] arguments [[name key type key key_spec_index 0] [name value type string]]]]",
    ),
    doc(
        "multi",
        "transactions",
        "1.2.0",
        "",
        "Starts a transaction: later commands queue until EXEC.",
        "[+noscript +loading +stale +fast +allow_busy] 0 0 0 [+@fast +@transaction] [] []",
        "[]",
    ),
    doc(
        "object",
        "generic",
        "2.2.3",
        "",
        "Groups the commands that look inside a key's stored value.",
        "[] 0 0 0 [+@slow] [] []",
        "[]",
    ),
    doc(
        "object|encoding",
        "generic",
        "2.2.3",
        "key",
        "Tells how the server stores a key's value internally.",
        "[+readonly] 2 2 1 [+@keyspace +@read +@slow] [nondeterministic_output] [[flags [+RO] begin_search [type index spec [index 2]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0]]",
    ),
    doc(
        "object|freq",
        "generic",
        "4.0.0",
        "key",
        "Tells a key's access-frequency counter, used by the LFU policies.",
        "[+readonly] 2 2 1 [+@keyspace +@read +@slow] [nondeterministic_output] [[flags [+RO] begin_search [type index spec [index 2]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0]]",
    ),
    doc(
        "object|idletime",
        "generic",
        "2.2.3",
        "key",
        "Tells how many seconds have passed since a key was last used.",
        "[+readonly] 2 2 1 [+@keyspace +@read +@slow] [nondeterministic_output] [[flags [+RO] begin_search [type index spec [index 2]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0]]",
    ),
    doc(
        "persist",
        "generic",
        "2.2.0",
        "key",
        "Removes a key's expiry so it lives until deleted.",
        "[+write +fast] 1 1 1 [+@keyspace +@write +@fast] [] [[flags [+RW +update] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0]]",
    ),
    doc(
        "pexpire",
        "generic",
        "2.6.0",
        "key milliseconds [NX|XX|GT|LT]",
        "Sets a key to expire after a number of milliseconds.",
        "[+write +fast] 1 1 1 [+@keyspace +@write +@fast] [] [[flags [+RW +update] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name milliseconds type integer] [name condition type oneof since \"7.0.0\" flags [+optional] arguments [[name nx type pure-token token NX] [name xx type pure-token token XX] [name gt type pure-token token GT] [name lt type pure-token token LT]]]]",
    ),
    doc(
        "pexpireat",
        "generic",
        "2.6.0",
        "key unix-time-milliseconds [NX|XX|GT|LT]",
        "Sets a key to expire at a Unix time in milliseconds.",
        "[+write +fast] 1 1 1 [+@keyspace +@write +@fast] [] [[flags [+RW +update] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name unix-time-milliseconds type unix-time] [name condition type oneof since \"7.0.0\" flags [+optional] arguments [[name nx type pure-token token NX] [name xx type pure-token token XX] [name gt type pure-token token GT] [name lt type pure-token token LT]]]]",
    ),
    doc(
        "pexpiretime",
        "generic",
        "7.0.0",
        "key",
        "Tells the Unix time in milliseconds at which a key expires.",
        "[+readonly +fast] 1 1 1 [+@keyspace +@read +@fast] [] [[flags [+RO +access] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0]]",
    ),
    doc(
        "pfadd",
        "hyperloglog",
        "2.8.9",
        "key [element [element ...]]",
        "Adds elements to a HyperLogLog, an approximate distinct counter.",
        "[+write +denyoom +fast] 1 1 1 [+@write +@hyperloglog +@fast] [] [[flags [+RW +insert] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name element type string flags [+optional +multiple]]]",
    ),
    doc(
        "pfcount",
        "hyperloglog",
        "2.8.9",
        "key [key ...]",
        "Estimates how many distinct elements HyperLogLogs have seen.",
        "[+readonly] 1 -1 1 [+@read +@hyperloglog +@slow] [] [[notes \"RW because it may change the internal representation of the key, and propagate to replicas\" flags [+RW +access] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey -1 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0 flags [+multiple]]]",
    ),
    doc(
        "pfmerge",
        "hyperloglog",
        "2.8.9",
        "destkey sourcekey [sourcekey ...]",
        "Combines HyperLogLogs into one that counts their union.",
        "[+write +denyoom] 1 -1 1 [+@write +@hyperloglog +@slow] [] [[flags [+RW +access +insert] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]] [flags [+RO +access] begin_search [type index spec [index 2]] find_keys [type range spec [lastkey -1 keystep 1 limit 0]]]]",
        "[[name destkey type key key_spec_index 0] [name sourcekey type key key_spec_index 1 flags [+multiple]]]",
    ),
    doc(
        "ping",
        "connection",
        "1.0.0",
        "[message]",
        "Checks the connection: answers PONG, or echoes the given message.",
        "[+fast] 0 0 0 [+@fast +@connection] [request_policy:all_shards response_policy:all_succeeded] []",
        "[[name message type string flags [+optional]]]",
    ),
    doc(
        "psetex",
        "string",
        "2.6.0",
        "key milliseconds value",
        "Stores a string that expires after a number of milliseconds.",
        "[+write +denyoom] 1 1 1 [+@write +@string +@slow] [] [[flags [+OW +update] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name milliseconds type integer] [name value type string]]",
    ),
    doc(
        "psubscribe",
        "pubsub",
        "2.0.0",
        "pattern [pattern ...]",
        "Listens for messages on every channel matching glob patterns.",
        "[+pubsub +noscript +loading +stale] 0 0 0 [+@pubsub +@slow] [] []",
        "[[name pattern type block flags [+multiple] arguments [[name pattern type pattern]]]]",
    ),
    doc(
        "pttl",
        "generic",
        "2.6.0",
        "key",
        "Tells how many milliseconds a key has left to live.",
        "[+readonly +fast] 1 1 1 [+@keyspace +@read +@fast] [nondeterministic_output] [[flags [+RO +access] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0]]",
    ),
    doc(
        "publish",
        "pubsub",
        "2.0.0",
        "channel message",
        "Sends a message to the listeners of a channel.",
        "[+pubsub +loading +stale +fast] 0 0 0 [+@pubsub +@fast] [] []",
        "[[name channel type string] [name message type string]]",
    ),
    doc(
        "pubsub",
        "pubsub",
        "2.8.0",
        "",
        "Groups the commands that inspect publish/subscribe state.",
        "[] 0 0 0 [+@slow] [] []",
        "[]",
    ),
    doc(
        "pubsub|channels",
        "pubsub",
        "2.8.0",
        "[pattern]",
        "Lists the channels that have listeners.",
        "[+pubsub +loading +stale] 0 0 0 [+@pubsub +@slow] [] []",
        "[[name pattern type pattern flags [+optional]]]",
    ),
    doc(
        "pubsub|numpat",
        "pubsub",
        "2.8.0",
        "",
        "Counts the patterns that clients listen on.",
        "[+pubsub +loading +stale] 0 0 0 [+@pubsub +@slow] [] []",
        "[]",
    ),
    doc(
        "pubsub|numsub",
        "pubsub",
        "2.8.0",
        "[channel [channel ...]]",
        "Counts the listeners of channels.",
        "[+pubsub +loading +stale] 0 0 0 [+@pubsub +@slow] [] []",
        "[[name channel type string flags [+optional +multiple]]]",
    ),
    doc(
        "punsubscribe",
        "pubsub",
        "2.0.0",
        "[pattern [pattern ...]]",
        "Stops listening on patterns, or on all of them.",
        "[+pubsub +noscript +loading +stale] 0 0 0 [+@pubsub +@slow] [] []",
        "[[name pattern type pattern flags [+optional +multiple]]]",
    ),
    doc(
        "randomkey",
        "generic",
        "1.0.0",
        "",
        "Picks a random key from the selected database.",
        "[+readonly] 0 0 0 [+@keyspace +@read +@slow] [request_policy:all_shards nondeterministic_output] []",
        "[]",
    ),
    doc(
        "rename",
        "generic",
        "1.0.0",
        "key newkey",
        "Gives a key a new name, replacing any key already there.",
        "[+write] 1 2 1 [+@keyspace +@write +@slow] [] [[flags [+RW +access +delete] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]] [flags [+OW +update] begin_search [type index spec [index 2]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name newkey type key key_spec_index 1]]",
    ),
    doc(
        "renamenx",
        "generic",
        "1.0.0",
        "key newkey",
        "Gives a key a new name only if that name is free.",
        "[+write +fast] 1 2 1 [+@keyspace +@write +@fast] [] [[flags [+RW +access +delete] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]] [flags [+OW +insert] begin_search [type index spec [index 2]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name newkey type key key_spec_index 1]]",
    ),
    doc(
        "reset",
        "connection",
        "6.2.0",
        "",
        "Returns the connection to its freshly connected state.",
        "[+noscript +loading +stale +fast +no_auth +allow_busy] 0 0 0 [+@fast +@connection] [] []",
        "[]",
    ),
    doc(
        "rpop",
        "list",
        "1.0.0",
        "key [count]",
        "Removes and answers elements from the tail of a list.",
        "[+write +fast] 1 1 1 [+@write +@list +@fast] [] [[flags [+RW +access +delete] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name count type integer since \"6.2.0\" flags [+optional]]]",
    ),
    doc(
        "rpoplpush",
        "list",
        "1.2.0",
        "source destination",
        "Moves the tail element of a list to the head of another.",
        "[+write +denyoom] 1 2 1 [+@write +@list +@slow] [] [[flags [+RW +access +delete] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]] [flags [+RW +insert] begin_search [type index spec [index 2]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name source type key key_spec_index 0] [name destination type key key_spec_index 1]]",
    ),
    doc(
        "rpush",
        "list",
        "1.0.0",
        "key element [element ...]",
        "Adds elements at the tail of a list, creating it if needed.",
        "[+write +denyoom +fast] 1 1 1 [+@write +@list +@fast] [] [[flags [+RW +insert] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name element type string flags [+multiple]]]",
    ),
    doc(
        "rpushx",
        "list",
        "2.2.0",
        "key element [element ...]",
        "Adds elements at the tail of a list only if the list exists.",
        "[+write +denyoom +fast] 1 1 1 [+@write +@list +@fast] [] [[flags [+RW +insert] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name element type string flags [+multiple]]]",
    ),
    doc(
        "sadd",
        "set",
        "1.0.0",
        "key member [member ...]",
        "Adds members to a set, creating it if needed.",
        "[+write +denyoom +fast] 1 1 1 [+@write +@set +@fast] [] [[flags [+RW +insert] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name member type string flags [+multiple]]]",
    ),
    doc(
        "scan",
        "generic",
        "2.8.0",
        "cursor [MATCH pattern] [COUNT count] [TYPE type]",
        "Walks the keyspace a batch at a time with a cursor.",
        "[+readonly] 0 0 0 [+@keyspace +@read +@slow] [nondeterministic_output request_policy:special] []",
        "[[name cursor type integer] [name pattern type pattern token MATCH flags [+optional]] [name count type integer token COUNT flags [+optional]] [name type type string token TYPE since \"6.0.0\" flags [+optional]]]",
    ),
    doc(
        "scard",
        "set",
        "1.0.0",
        "key",
        "Tells how many members a set has.",
        "[+readonly +fast] 1 1 1 [+@read +@set +@fast] [] [[flags [+RO] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0]]",
    ),
    doc(
        "sdiff",
        "set",
        "1.0.0",
        "key [key ...]",
        "Answers the members of the first set that no other given set has.",
        "[+readonly] 1 -1 1 [+@read +@set +@slow] [nondeterministic_output_order] [[flags [+RO +access] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey -1 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0 flags [+multiple]]]",
    ),
    doc(
        "sdiffstore",
        "set",
        "1.0.0",
        "destination key [key ...]",
        "Stores the difference of sets in a key.",
        "[+write +denyoom] 1 -1 1 [+@write +@set +@slow] [] [[flags [+OW +update] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]] [flags [+RO +access] begin_search [type index spec [index 2]] find_keys [type range spec [lastkey -1 keystep 1 limit 0]]]]",
        "[[name destination type key key_spec_index 0] [name key type key key_spec_index 1 flags [+multiple]]]",
    ),
    doc(
        "select",
        "connection",
        "1.0.0",
        "index",
        "Switches this connection to another numbered database.",
        "[+loading +stale +fast] 0 0 0 [+@fast +@connection] [] []",
        "[[name index type integer]]",
    ),
    doc(
        "set",
        "string",
        "1.0.0",
        "key value [NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]",
        "Stores a string under a key, with optional conditions and expiry.",
        "[+write +denyoom] 1 1 1 [+@write +@string +@slow] [] [[notes \"RW and ACCESS due to the optional `GET` argument\" flags [+RW +access +update +variable_flags] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name value type string] [name condition type oneof since \"2.6.12\" flags [+optional] arguments [[name nx type pure-token token NX] [name xx type pure-token token XX]]] [name get type pure-token token GET since \"6.2.0\" flags [+optional]] [name expiration type oneof flags [+optional] arguments [[name seconds type integer token EX since \"2.6.12\"] [name milliseconds type integer token PX since \"2.6.12\"] [name unix-time-seconds type unix-time token EXAT since \"6.2.0\"] [name unix-time-milliseconds type unix-time token PXAT since \"6.2.0\"] [name keepttl type pure-token token KEEPTTL since \"6.0.0\"]]]]",
    ),
    doc(
        "setbit",
        "bitmap",
        "2.2.0",
        "key offset value",
        "Sets or clears one bit of a string.",
        "[+write +denyoom] 1 1 1 [+@write +@bitmap +@slow] [] [[flags [+RW +access +update] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name offset type integer] [name value type integer]]",
    ),
    doc(
        "setex",
        "string",
        "2.0.0",
        "key seconds value",
        "Stores a string that expires after a number of seconds.",
        "[+write +denyoom] 1 1 1 [+@write +@string +@slow] [] [[flags [+OW +update] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name seconds type integer] [name value type string]]",
    ),
    doc(
        "setnx",
        "string",
        "1.0.0",
        "key value",
        "Stores a string only if the key does not exist yet.",
        "[+write +denyoom +fast] 1 1 1 [+@write +@string +@fast] [] [[flags [+OW +insert] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name value type string]]",
    ),
    doc(
        "setrange",
        "string",
        "2.2.0",
        "key offset value",
        "Overwrites part of a string starting at a byte offset.",
        "[+write +denyoom] 1 1 1 [+@write +@string +@slow] [] [[flags [+RW +update] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name offset type integer] [name value type string]]",
    ),
    doc(
        "sinter",
        "set",
        "1.0.0",
        "key [key ...]",
        "Answers the members common to all the given sets.",
        "[+readonly] 1 -1 1 [+@read +@set +@slow] [nondeterministic_output_order] [[flags [+RO +access] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey -1 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0 flags [+multiple]]]",
    ),
    doc(
        "sintercard",
        "set",
        "7.0.0",
        "numkeys key [key ...] [LIMIT limit]",
        "Counts the members common to all the given sets.",
        "[+readonly +movablekeys] 0 0 0 [+@read +@set +@slow] [] [[flags [+RO +access] begin_search [type index spec [index 1]] find_keys [type keynum spec [keynumidx 0 firstkey 1 keystep 1]]]]",
        "[[name numkeys type integer] [name key type key key_spec_index 0 flags [+multiple]] [name limit type integer token LIMIT flags [+optional]]]",
    ),
    doc(
        "sinterstore",
        "set",
        "1.0.0",
        "destination key [key ...]",
        "Stores the intersection of sets in a key.",
        "[+write +denyoom] 1 -1 1 [+@write +@set +@slow] [] [[flags [+RW +update] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]] [flags [+RO +access] begin_search [type index spec [index 2]] find_keys [type range spec [lastkey -1 keystep 1 limit 0]]]]",
        "[[name destination type key key_spec_index 0] [name key type key key_spec_index 1 flags [+multiple]]]",
    ),
    doc(
        "sismember",
        "set",
        "1.0.0",
        "key member",
        "Tells whether a value is a member of a set.",
        "[+readonly +fast] 1 1 1 [+@read +@set +@fast] [] [[flags [+RO] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name member type string]]",
    ),
    doc(
        "smembers",
        "set",
        "1.0.0",
        "key",
        "Lists every member of a set.",
        "[+readonly] 1 1 1 [+@read +@set +@slow] [nondeterministic_output_order] [[flags [+RO +access] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0]]",
    ),
    doc(
        "smismember",
        "set",
        "6.2.0",
        "key member [member ...]",
        "Tells for each value whether it is a member of a set.",
        "[+readonly +fast] 1 1 1 [+@read +@set +@fast] [] [[flags [+RO +access] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name member type string flags [+multiple]]]",
    ),
    doc(
        "smove",
        "set",
        "1.0.0",
        "source destination member",
        "Moves a member from one set to another.",
        "[+write +fast] 1 2 1 [+@write +@set +@fast] [] [[flags [+RW +access +delete] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]] [flags [+RW +insert] begin_search [type index spec [index 2]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name source type key key_spec_index 0] [name destination type key key_spec_index 1] [name member type string]]",
    ),
    doc(
        "sort",
        "generic",
        "1.0.0",
        "key [BY pattern] [LIMIT offset count] [GET pattern [GET pattern ...]] [ASC|DESC] [ALPHA] [STORE destination]",
        "Sorts a list, set or sorted set, optionally by external keys, and may store the result.",
        "[+write +denyoom +movablekeys] 1 1 1 [+@write +@set +@sortedset +@list +@slow +@dangerous] [] [[flags [+RO +access] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]] [notes \"For the optional BY/GET keyword. It is marked 'unknown' because the key names derive from the content of the key we sort\" flags [+RO +access] begin_search [type unknown spec []] find_keys [type unknown spec []]] [notes \"For the optional STORE keyword. It is marked 'unknown' because the keyword can appear anywhere in the argument array\" flags [+OW +update] begin_search [type unknown spec []] find_keys [type unknown spec []]]]",
        "[[name key type key key_spec_index 0] [name pattern type pattern key_spec_index 1 token BY flags [+optional]] [name offset_count type block token LIMIT flags [+optional] arguments [[name offset type integer] [name count type integer]]] [name pattern type pattern key_spec_index 1 token GET flags [+optional +multiple +multiple_token]] [name order type oneof flags [+optional] arguments [[name asc type pure-token token ASC] [name desc type pure-token token DESC]]] [name sorting type pure-token token ALPHA flags [+optional]] [name destination type key key_spec_index 2 token STORE flags [+optional]]]",
    ),
    doc(
        "sort_ro",
        "generic",
        "7.0.0",
        "key [BY pattern] [LIMIT offset count] [GET pattern [GET pattern ...]] [ASC|DESC] [ALPHA]",
        "Sorts a list, set or sorted set without storing anything.",
        "[+readonly +movablekeys] 1 1 1 [+@read +@set +@sortedset +@list +@slow +@dangerous] [] [[flags [+RO +access] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]] [notes \"For the optional BY/GET keyword. It is marked 'unknown' because the key names derive from the content of the key we sort\" flags [+RO +access] begin_search [type unknown spec []] find_keys [type unknown spec []]]]",
        "[[name key type key key_spec_index 0] [name pattern type pattern key_spec_index 1 token BY flags [+optional]] [name offset_count type block token LIMIT flags [+optional] arguments [[name offset type integer] [name count type integer]]] [name pattern type pattern key_spec_index 1 token GET flags [+optional +multiple +multiple_token]] [name order type oneof flags [+optional] arguments [[name asc type pure-token token ASC] [name desc type pure-token token DESC]]] [name sorting type pure-token token ALPHA flags [+optional]]]",
    ),
    doc(
        "spop",
        "set",
        "1.0.0",
        "key [count]",
        "Removes and answers random members of a set.",
        "[+write +fast] 1 1 1 [+@write +@set +@fast] [nondeterministic_output] [[flags [+RW +access +delete] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name count type integer since \"3.2.0\" flags [+optional]]]",
    ),
    doc(
        "srandmember",
        "set",
        "1.0.0",
        "key [count]",
        "Picks random members of a set without removing them.",
        "[+readonly] 1 1 1 [+@read +@set +@slow] [nondeterministic_output] [[flags [+RO +access] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name count type integer since \"2.6.0\" flags [+optional]]]",
    ),
    doc(
        "srem",
        "set",
        "1.0.0",
        "key member [member ...]",
        "Removes members from a set.",
        "[+write +fast] 1 1 1 [+@write +@set +@fast] [] [[flags [+RW +delete] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name member type string flags [+multiple]]]",
    ),
    doc(
        "sscan",
        "set",
        "2.8.0",
        "key cursor [MATCH pattern] [COUNT count]",
        "Walks a set's members a batch at a time with a cursor.",
        "[+readonly] 1 1 1 [+@read +@set +@slow] [nondeterministic_output] [[flags [+RO +access] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name cursor type integer] [name pattern type pattern token MATCH flags [+optional]] [name count type integer token COUNT flags [+optional]]]",
    ),
    doc(
        "strlen",
        "string",
        "2.2.0",
        "key",
        "Tells the length in bytes of a string.",
        "[+readonly +fast] 1 1 1 [+@read +@string +@fast] [] [[flags [+RO] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0]]",
    ),
    doc(
        "subscribe",
        "pubsub",
        "2.0.0",
        "channel [channel ...]",
        "Listens for messages published on channels.",
        "[+pubsub +noscript +loading +stale] 0 0 0 [+@pubsub +@slow] [] []",
        "[[name channel type string flags [+multiple]]]",
    ),
    doc(
        "substr",
        "string",
        "1.0.0",
        "key start end",
        "Reads part of a string, by byte positions (older name of GETRANGE).",
        "[+readonly] 1 1 1 [+@read +@string +@slow] [] [[flags [+RO +access] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name start type integer] [name end type integer]]",
    ),
    doc(
        "sunion",
        "set",
        "1.0.0",
        "key [key ...]",
        "Answers the members of any of the given sets.",
        "[+readonly] 1 -1 1 [+@read +@set +@slow] [nondeterministic_output_order] [[flags [+RO +access] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey -1 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0 flags [+multiple]]]",
    ),
    doc(
        "sunionstore",
        "set",
        "1.0.0",
        "destination key [key ...]",
        "Stores the union of sets in a key.",
        "[+write +denyoom] 1 -1 1 [+@write +@set +@slow] [] [[flags [+OW +update] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]] [flags [+RO +access] begin_search [type index spec [index 2]] find_keys [type range spec [lastkey -1 keystep 1 limit 0]]]]",
        "[[name destination type key key_spec_index 0] [name key type key key_spec_index 1 flags [+multiple]]]",
    ),
    doc(
        "swapdb",
        "server",
        "4.0.0",
        "index1 index2",
        "Exchanges the contents of two databases for every client at once.",
        "[+write +fast] 0 0 0 [+@keyspace +@write +@fast +@dangerous] [] []",
        "[[name index1 type integer] [name index2 type integer]]",
    ),
    doc(
        "time",
        "server",
        "2.6.0",
        "",
        "Tells the server's clock as seconds and microseconds.",
        "[+loading +stale +fast] 0 0 0 [+@fast] [nondeterministic_output] []",
        "[]",
    ),
    doc(
        "touch",
        "generic",
        "3.2.1",
        "key [key ...]",
        "Marks keys as just used and counts those that exist.",
        "[+readonly +fast] 1 -1 1 [+@keyspace +@read +@fast] [request_policy:multi_shard response_policy:agg_sum] [[flags [+RO] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey -1 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0 flags [+multiple]]]",
    ),
    doc(
        "ttl",
        "generic",
        "1.0.0",
        "key",
        "Tells how many seconds a key has left to live.",
        "[+readonly +fast] 1 1 1 [+@keyspace +@read +@fast] [nondeterministic_output] [[flags [+RO +access] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0]]",
    ),
    doc(
        "type",
        "generic",
        "1.0.0",
        "key",
        "Tells the type of the value held at a key.",
        "[+readonly +fast] 1 1 1 [+@keyspace +@read +@fast] [] [[flags [+RO] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0]]",
    ),
    doc(
        "unlink",
        "generic",
        "4.0.0",
        "key [key ...]",
        "Removes keys; the memory is reclaimed in the background.",
        "[+write +fast] 1 -1 1 [+@keyspace +@write +@fast] [request_policy:multi_shard response_policy:agg_sum] [[flags [+RM +delete] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey -1 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0 flags [+multiple]]]",
    ),
    doc(
        "unsubscribe",
        "pubsub",
        "2.0.0",
        "[channel [channel ...]]",
        "Stops listening on channels, or on all of them.",
        "[+pubsub +noscript +loading +stale] 0 0 0 [+@pubsub +@slow] [] []",
        "[[name channel type string flags [+optional +multiple]]]",
    ),
    doc(
        "unwatch",
        "transactions",
        "2.2.0",
        "",
        "Forgets every key watched by this connection.",
        "[+noscript +loading +stale +fast +allow_busy] 0 0 0 [+@fast +@transaction] [] []",
        "[]",
    ),
    doc(
        "watch",
        "transactions",
        "2.2.0",
        "key [key ...]",
        "Makes the next EXEC fail if any of these keys changes first.",
        "[+noscript +loading +stale +fast +allow_busy] 1 -1 1 [+@fast +@transaction] [] [[flags [+RO] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey -1 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0 flags [+multiple]]]",
    ),
    doc(
        "zadd",
        "sorted-set",
        "1.2.0",
        "key [NX|XX] [GT|LT] [CH] [INCR] score member [score member ...]",
        "Adds members with scores to a sorted set, or updates their scores.",
        "[+write +denyoom +fast] 1 1 1 [+@write +@sortedset +@fast] [] [[flags [+RW +update] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name condition type oneof since \"3.0.2\" flags [+optional] arguments [[name nx type pure-token token NX] [name xx type pure-token token XX]]] [name comparison type oneof since \"6.2.0\" flags [+optional] arguments [[name gt type pure-token token GT] [name lt type pure-token token LT]]] [name change type pure-token token CH since \"3.0.2\" flags [+optional]] [name increment type pure-token token INCR since \"3.0.2\" flags [+optional]] [name score_member type block flags [+multiple] arguments [[name score type double] [name member type string]]]]",
    ),
    doc(
        "zcard",
        "sorted-set",
        "1.2.0",
        "key",
        "Tells how many members a sorted set has.",
        "[+readonly +fast] 1 1 1 [+@read +@sortedset +@fast] [] [[flags [+RO] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0]]",
    ),
    doc(
        "zcount",
        "sorted-set",
        "2.0.0",
        "key min max",
        "Counts the members of a sorted set with scores in a range.",
        "[+readonly +fast] 1 1 1 [+@read +@sortedset +@fast] [] [[flags [+RO +access] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name min type double] [name max type double]]",
    ),
    doc(
        "zdiff",
        "sorted-set",
        "6.2.0",
        "numkeys key [key ...] [WITHSCORES]",
        "Answers the members of the first sorted set that the others lack.",
        "[+readonly +movablekeys] 0 0 0 [+@read +@sortedset +@slow] [] [[flags [+RO +access] begin_search [type index spec [index 1]] find_keys [type keynum spec [keynumidx 0 firstkey 1 keystep 1]]]]",
        "[[name numkeys type integer] [name key type key key_spec_index 0 flags [+multiple]] [name withscores type pure-token token WITHSCORES flags [+optional]]]",
    ),
    doc(
        "zdiffstore",
        "sorted-set",
        "6.2.0",
        "destination numkeys key [key ...]",
        "Stores the difference of sorted sets in a key.",
        "[+write +denyoom +movablekeys] 1 1 1 [+@write +@sortedset +@slow] [] [[flags [+OW +update] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]] [flags [+RO +access] begin_search [type index spec [index 2]] find_keys [type keynum spec [keynumidx 0 firstkey 1 keystep 1]]]]",
        "[[name destination type key key_spec_index 0] [name numkeys type integer] [name key type key key_spec_index 1 flags [+multiple]]]",
    ),
    doc(
        "zincrby",
        "sorted-set",
        "1.2.0",
        "key increment member",
        "Adds to the score of a sorted set member.",
        "[+write +denyoom +fast] 1 1 1 [+@write +@sortedset +@fast] [] [[flags [+RW +access +update] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name increment type integer] [name member type string]]",
    ),
    doc(
        "zinter",
        "sorted-set",
        "6.2.0",
        "numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE SUM|MIN|MAX] [WITHSCORES]",
        "Answers the intersection of sorted sets, combining scores.",
        "[+readonly +movablekeys] 0 0 0 [+@read +@sortedset +@slow] [] [[flags [+RO +access] begin_search [type index spec [index 1]] find_keys [type keynum spec [keynumidx 0 firstkey 1 keystep 1]]]]",
        "[[name numkeys type integer] [name key type key key_spec_index 0 flags [+multiple]] [name weight type integer token WEIGHTS flags [+optional +multiple]] [name aggregate type oneof token AGGREGATE flags [+optional] arguments [[name sum type pure-token token SUM] [name min type pure-token token MIN] [name max type pure-token token MAX]]] [name withscores type pure-token token WITHSCORES flags [+optional]]]",
    ),
    doc(
        "zintercard",
        "sorted-set",
        "7.0.0",
        "numkeys key [key ...] [LIMIT limit]",
        "Counts the members common to all the given sorted sets.",
        "[+readonly +movablekeys] 0 0 0 [+@read +@sortedset +@slow] [] [[flags [+RO +access] begin_search [type index spec [index 1]] find_keys [type keynum spec [keynumidx 0 firstkey 1 keystep 1]]]]",
        "[[name numkeys type integer] [name key type key key_spec_index 0 flags [+multiple]] [name limit type integer token LIMIT flags [+optional]]]",
    ),
    doc(
        "zinterstore",
        "sorted-set",
        "2.0.0",
        "destination numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE SUM|MIN|MAX]",
        "Stores the intersection of sorted sets in a key.",
        "[+write +denyoom +movablekeys] 1 1 1 [+@write +@sortedset +@slow] [] [[flags [+OW +update] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]] [flags [+RO +access] begin_search [type index spec [index 2]] find_keys [type keynum spec [keynumidx 0 firstkey 1 keystep 1]]]]",
        "[[name destination type key key_spec_index 0] [name numkeys type integer] [name key type key key_spec_index 1 flags [+multiple]] [name weight type integer token WEIGHTS flags [+optional +multiple]] [name aggregate type oneof token AGGREGATE flags [+optional] arguments [[name sum type pure-token token SUM] [name min type pure-token token MIN] [name max type pure-token token MAX]]]]",
    ),
    doc(
        "zlexcount",
        "sorted-set",
        "2.8.9",
        "key min max",
        "Counts the members of a sorted set in a range of names.",
        "[+readonly +fast] 1 1 1 [+@read +@sortedset +@fast] [] [[flags [+RO +access] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name min type string] [name max type string]]",
    ),
    doc(
        "zmpop",
        "sorted-set",
        "7.0.0",
        "numkeys key [key ...] MIN|MAX [COUNT count]",
        "Pops the lowest or highest members from the first non-empty sorted set.",
        "[+write +movablekeys] 0 0 0 [+@write +@sortedset +@slow] [] [[flags [+RW +access +delete] begin_search [type index spec [index 1]] find_keys [type keynum spec [keynumidx 0 firstkey 1 keystep 1]]]]",
        "[[name numkeys type integer] [name key type key key_spec_index 0 flags [+multiple]] [name where type oneof arguments [[name min type pure-token token MIN] [name max type pure-token token MAX]]] [name count type integer token COUNT flags [+optional]]]",
    ),
    doc(
        "zmscore",
        "sorted-set",
        "6.2.0",
        "key member [member ...]",
        "Reads the scores of several sorted set members.",
        "[+readonly +fast] 1 1 1 [+@read +@sortedset +@fast] [] [[flags [+RO +access] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name member type string flags [+multiple]]]",
    ),
    doc(
        "zpopmax",
        "sorted-set",
        "5.0.0",
        "key [count]",
        "Removes and answers the members with the highest scores.",
        "[+write +fast] 1 1 1 [+@write +@sortedset +@fast] [] [[flags [+RW +access +delete] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name count type integer flags [+optional]]]",
    ),
    doc(
        "zpopmin",
        "sorted-set",
        "5.0.0",
        "key [count]",
        "Removes and answers the members with the lowest scores.",
        "[+write +fast] 1 1 1 [+@write +@sortedset +@fast] [] [[flags [+RW +access +delete] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name count type integer flags [+optional]]]",
    ),
    doc(
        "zrandmember",
        "sorted-set",
        "6.2.0",
        "key [count [WITHSCORES]]",
        "Picks random members of a sorted set, optionally with scores.",
        "[+readonly] 1 1 1 [+@read +@sortedset +@slow] [nondeterministic_output] [[flags [+RO +access] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name options type block flags [+optional] arguments [[name count type integer] [name withscores type pure-token token WITHSCORES flags [+optional]]]]]",
    ),
    doc(
        "zrange",
        "sorted-set",
        "1.2.0",
        "key start stop [BYSCORE|BYLEX] [REV] [LIMIT offset count] [WITHSCORES]",
        "Reads members of a sorted set by position, score or name range.",
        "[+readonly] 1 1 1 [+@read +@sortedset +@slow] [] [[flags [+RO +access] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name start type string] [name stop type string] [name sortby type oneof since \"6.2.0\" flags [+optional] arguments [[name byscore type pure-token token BYSCORE] [name bylex type pure-token token BYLEX]]] [name rev type pure-token token REV since \"6.2.0\" flags [+optional]] [name offset_count type block token LIMIT since \"6.2.0\" flags [+optional] arguments [[name offset type integer] [name count type integer]]] [name withscores type pure-token token WITHSCORES flags [+optional]]]",
    ),
    doc(
        "zrangebylex",
        "sorted-set",
        "2.8.9",
        "key min max [LIMIT offset count]",
        "Reads the members of a sorted set in a range of names.",
        "[+readonly] 1 1 1 [+@read +@sortedset +@slow] [] [[flags [+RO +access] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name min type string] [name max type string] [name offset_count type block token LIMIT flags [+optional] arguments [[name offset type integer] [name count type integer]]]]",
    ),
    doc(
        "zrangebyscore",
        "sorted-set",
        "1.0.5",
        "key min max [WITHSCORES] [LIMIT offset count]",
        "Reads the members of a sorted set with scores in a range.",
        "[+readonly] 1 1 1 [+@read +@sortedset +@slow] [] [[flags [+RO +access] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name min type double] [name max type double] [name withscores type pure-token token WITHSCORES since \"2.0.0\" flags [+optional]] [name offset_count type block token LIMIT flags [+optional] arguments [[name offset type integer] [name count type integer]]]]",
    ),
    doc(
        "zrangestore",
        "sorted-set",
        "6.2.0",
        "dst src min max [BYSCORE|BYLEX] [REV] [LIMIT offset count]",
        "Stores a range of a sorted set in another key.",
        "[+write +denyoom] 1 2 1 [+@write +@sortedset +@slow] [] [[flags [+OW +update] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]] [flags [+RO +access] begin_search [type index spec [index 2]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name dst type key key_spec_index 0] [name src type key key_spec_index 1] [name min type string] [name max type string] [name sortby type oneof flags [+optional] arguments [[name byscore type pure-token token BYSCORE] [name bylex type pure-token token BYLEX]]] [name rev type pure-token token REV flags [+optional]] [name offset_count type block token LIMIT flags [+optional] arguments [[name offset type integer] [name count type integer]]]]",
    ),
    doc(
        "zrank",
        "sorted-set",
        "2.0.0",
        "key member",
        "Tells a member's position in a sorted set, lowest score first.",
        "[+readonly +fast] 1 1 1 [+@read +@sortedset +@fast] [] [[flags [+RO +access] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name member type string]]",
    ),
    doc(
        "zrem",
        "sorted-set",
        "1.2.0",
        "key member [member ...]",
        "Removes members from a sorted set.",
        "[+write +fast] 1 1 1 [+@write +@sortedset +@fast] [] [[flags [+RW +delete] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name member type string flags [+multiple]]]",
    ),
    doc(
        "zremrangebylex",
        "sorted-set",
        "2.8.9",
        "key min max",
        "Removes the members of a sorted set in a range of names.",
        "[+write] 1 1 1 [+@write +@sortedset +@slow] [] [[flags [+RW +delete] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name min type string] [name max type string]]",
    ),
    doc(
        "zremrangebyrank",
        "sorted-set",
        "2.0.0",
        "key start stop",
        "Removes the members of a sorted set between two positions.",
        "[+write] 1 1 1 [+@write +@sortedset +@slow] [] [[flags [+RW +delete] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name start type integer] [name stop type integer]]",
    ),
    doc(
        "zremrangebyscore",
        "sorted-set",
        "1.2.0",
        "key min max",
        "Removes the members of a sorted set with scores in a range.",
        "[+write] 1 1 1 [+@write +@sortedset +@slow] [] [[flags [+RW +delete] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name min type double] [name max type double]]",
    ),
    doc(
        "zrevrange",
        "sorted-set",
        "1.2.0",
        "key start stop [WITHSCORES]",
        "Reads members of a sorted set by position, highest score first.",
        "[+readonly] 1 1 1 [+@read +@sortedset +@slow] [] [[flags [+RO +access] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name start type integer] [name stop type integer] [name withscores type pure-token token WITHSCORES flags [+optional]]]",
    ),
    doc(
        "zrevrangebylex",
        "sorted-set",
        "2.8.9",
        "key max min [LIMIT offset count]",
        "Reads the members in a range of names, in reverse order.",
        "[+readonly] 1 1 1 [+@read +@sortedset +@slow] [] [[flags [+RO +access] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name max type string] [name min type string] [name offset_count type block token LIMIT flags [+optional] arguments [[name offset type integer] [name count type integer]]]]",
    ),
    doc(
        "zrevrangebyscore",
        "sorted-set",
        "2.2.0",
        "key max min [WITHSCORES] [LIMIT offset count]",
        "Reads the members with scores in a range, highest score first.",
        "[+readonly] 1 1 1 [+@read +@sortedset +@slow] [] [[flags [+RO +access] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name max type double] [name min type double] [name withscores type pure-token token WITHSCORES flags [+optional]] [name offset_count type block token LIMIT flags [+optional] arguments [[name offset type integer] [name count type integer]]]]",
    ),
    doc(
        "zrevrank",
        "sorted-set",
        "2.0.0",
        "key member",
        "Tells a member's position in a sorted set, highest score first.",
        "[+readonly +fast] 1 1 1 [+@read +@sortedset +@fast] [] [[flags [+RO +access] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name member type string]]",
    ),
    doc(
        "zscan",
        "sorted-set",
        "2.8.0",
        "key cursor [MATCH pattern] [COUNT count]",
        "Walks a sorted set's members and scores a batch at a time with a cursor.",
        "[+readonly] 1 1 1 [+@read +@sortedset +@slow] [nondeterministic_output] [[flags [+RO +access] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name cursor type integer] [name pattern type pattern token MATCH flags [+optional]] [name count type integer token COUNT flags [+optional]]]",
    ),
    doc(
        "zscore",
        "sorted-set",
        "1.2.0",
        "key member",
        "Reads the score of a sorted set member.",
        "[+readonly +fast] 1 1 1 [+@read +@sortedset +@fast] [] [[flags [+RO +access] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]]]",
        "[[name key type key key_spec_index 0] [name member type string]]",
    ),
    doc(
        "zunion",
        "sorted-set",
        "6.2.0",
        "numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE SUM|MIN|MAX] [WITHSCORES]",
        "Answers the union of sorted sets, combining scores.",
        "[+readonly +movablekeys] 0 0 0 [+@read +@sortedset +@slow] [] [[flags [+RO +access] begin_search [type index spec [index 1]] find_keys [type keynum spec [keynumidx 0 firstkey 1 keystep 1]]]]",
        "[[name numkeys type integer] [name key type key key_spec_index 0 flags [+multiple]] [name weight type integer token WEIGHTS flags [+optional +multiple]] [name aggregate type oneof token AGGREGATE flags [+optional] arguments [[name sum type pure-token token SUM] [name min type pure-token token MIN] [name max type pure-token token MAX]]] [name withscores type pure-token token WITHSCORES flags [+optional]]]",
    ),
    doc(
        "zunionstore",
        "sorted-set",
        "2.0.0",
        "destination numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE SUM|MIN|MAX]",
        "Stores the union of sorted sets in a key.",
        "[+write +denyoom +movablekeys] 1 1 1 [+@write +@sortedset +@slow] [] [[flags [+OW +update] begin_search [type index spec [index 1]] find_keys [type range spec [lastkey 0 keystep 1 limit 0]]] [flags [+RO +access] begin_search [type index spec [index 2]] find_keys [type keynum spec [keynumidx 0 firstkey 1 keystep 1]]]]",
        "[[name destination type key key_spec_index 0] [name numkeys type integer] [name key type key key_spec_index 1 flags [+multiple]] [name weight type integer token WEIGHTS flags [+optional +multiple]] [name aggregate type oneof token AGGREGATE flags [+optional] arguments [[name sum type pure-token token SUM] [name min type pure-token token MIN] [name max type pure-token token MAX]]]]",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::COMMANDS;

    /// redis-cli's `cliConcatArguments`: how it renders an argument tree as syntax.
    fn render(args: &[Reply], separator: &str) -> String {
        let parts: Vec<String> = args.iter().map(render_argument).collect();
        parts.join(separator)
    }

    fn render_argument(arg: &Reply) -> String {
        let Reply::Array(fields) = arg else {
            return String::new();
        };
        let field = |key: &str| {
            fields
                .chunks(2)
                .find(|pair| pair[0] == Reply::bulk(key))
                .map(|pair| pair[1].clone())
        };
        let text = |key: &str| match field(key) {
            Some(Reply::Bulk(b)) => String::from_utf8_lossy(&b).into_owned(),
            _ => String::new(),
        };
        let flags = match field("flags") {
            Some(Reply::Array(flags)) => flags,
            _ => Vec::new(),
        };
        let has = |flag: &str| flags.contains(&Reply::Status(flag.to_string().into()));
        let kind = text("type");
        let children = match field("arguments") {
            Some(Reply::Array(children)) => children,
            _ => Vec::new(),
        };
        let repeat = match kind.as_str() {
            "oneof" => render(&children, "|"),
            "block" => render(&children, " "),
            "pure-token" => String::new(),
            _ => text("name"),
        };
        let mut token = text("token");
        if !token.is_empty() && kind != "pure-token" {
            token.push(' ');
        }
        let mut out = format!("{token}{repeat}");
        if has("multiple") {
            let again = if has("multiple_token") {
                token.as_str()
            } else {
                ""
            };
            out.push_str(&format!(" [{again}{repeat} ...]"));
        }
        if has("optional") {
            out = format!("[{out}]");
        }
        out
    }

    #[test]
    fn params_are_what_redis_cli_renders_from_the_arguments() {
        for doc in DOCS {
            let rendered = match parse_notation(doc.arguments).as_slice() {
                [Reply::Array(args)] => render(args, " "),
                other => panic!("{}: arguments are not one array: {other:?}", doc.name),
            };
            assert_eq!(rendered, doc.params, "{}", doc.name);
        }
    }

    #[test]
    fn every_command_has_docs_and_every_doc_a_command() {
        let commands: Vec<&str> = COMMANDS
            .iter()
            .flat_map(|c| std::iter::once(c).chain(c.subcommands))
            .map(|c| c.name)
            .collect();
        for name in &commands {
            assert!(find(name).is_some(), "{name} has no docs");
        }
        for doc in DOCS {
            assert!(
                commands.contains(&doc.name),
                "{} is not a command",
                doc.name
            );
        }
    }

    #[test]
    fn notation_reads_nested_arrays_statuses_integers_and_quoted_text() {
        assert_eq!(
            parse_notation(r#"[+write] -1 [name "a b"]"#),
            [
                Reply::Array(vec![Reply::Status("write".into())]),
                Reply::Integer(-1),
                Reply::Array(vec![Reply::bulk("name"), Reply::bulk("a b")]),
            ]
        );
        // Unbalanced text must not panic; what it yields does not matter.
        parse_notation("]] [\"");
    }
}
