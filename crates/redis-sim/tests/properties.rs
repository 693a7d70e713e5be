//! Property tests: random command sequences and random bytes never panic,
//! and the keyspace keeps its invariants whatever the commands did.

use proptest::prelude::*;
use redis_sim::object::Value;
use redis_sim::{Reply, Server, cli};

/// Command names from every family; arguments are drawn from [`word`].
const COMMANDS: &[&str] = &[
    "set",
    "get",
    "del",
    "incr",
    "incrbyfloat",
    "append",
    "setrange",
    "getrange",
    "expire",
    "pexpire",
    "ttl",
    "persist",
    "rename",
    "lpush",
    "rpush",
    "lpop",
    "rpop",
    "lrange",
    "lrem",
    "ltrim",
    "linsert",
    "lmove",
    "hset",
    "hdel",
    "hincrby",
    "hgetall",
    "sadd",
    "srem",
    "smembers",
    "sinterstore",
    "sunionstore",
    "smove",
    "zadd",
    "zincrby",
    "zrem",
    "zrange",
    "zpopmin",
    "zrangebyscore",
    "multi",
    "exec",
    "discard",
    "watch",
    "select",
    "flushdb",
    "swapdb",
    "getex",
    "lpos",
    "object",
    "config",
    "move",
    "publish",
    "subscribe",
    "unsubscribe",
    "spop",
    "srandmember",
    "sintercard",
    "copy",
    "zunionstore",
    "zinterstore",
    "zdiffstore",
    "zrangestore",
    "lmpop",
    "zmpop",
    "zremrangebyscore",
    "zremrangebylex",
    "zremrangebyrank",
    "blpop",
    "brpop",
    "blmove",
    "bzpopmin",
    "blmpop",
];

fn word() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::sample::select(vec![
            "k",
            "l",
            "h",
            "s",
            "z",
            "0",
            "1",
            "-1",
            "2",
            "100",
            "1.5",
            "inf",
            "-inf",
            "(1",
            "[a",
            "+",
            "-",
            "nx",
            "xx",
            "gt",
            "ch",
            "incr",
            "ex",
            "px",
            "get",
            "keepttl",
            "withscores",
            "byscore",
            "rev",
            "limit",
            "left",
            "right",
            "before",
            "encoding",
            "9223372036854775807",
            "-9223372036854775808",
            "rank",
            "count",
            "set-max-intset-entries",
            "hash-max-listpack-entries",
            "zset-max-listpack-entries"
        ])
        .prop_map(|w| w.as_bytes().to_vec()),
        prop::collection::vec(any::<u8>(), 0..70),
    ]
}

fn command() -> impl Strategy<Value = Vec<Vec<u8>>> {
    (
        prop::sample::select(COMMANDS),
        prop::collection::vec(word(), 0..7),
    )
        .prop_map(|(name, args)| {
            let mut argv = vec![name.as_bytes().to_vec()];
            argv.extend(args);
            argv
        })
}

/// The invariants every database keeps after any command.
fn check_invariants(server: &mut Server, now: u64) {
    let client = server.connect();
    let entries = server_config(server, client, now);
    for db in 0..16 {
        server.execute(
            client,
            vec![b"select".to_vec(), db.to_string().into_bytes()],
            now,
        );
        let keys = server.keys(db, now);
        let dbsize = server.execute(client, vec![b"dbsize".to_vec()], now);
        let listed = server.execute(client, vec![b"keys".to_vec(), b"*".to_vec()], now);
        let Reply::Array(listed) = listed else {
            panic!("KEYS answered {listed:?}")
        };
        assert_eq!(listed.len(), keys.len());
        // DBSIZE also counts keys whose TTL passed but that nothing expired yet.
        let Reply::Integer(dbsize) = dbsize else {
            panic!("DBSIZE answered {dbsize:?}")
        };
        assert!(usize::try_from(dbsize).is_ok_and(|n| n >= keys.len()));
        for (key, _) in keys {
            let value = server
                .value(db, &key, now)
                .expect("listed keys have values");
            match value {
                Value::Hash(h) if h.encoding() == "listpack" => {
                    assert!(h.len() <= entries.0);
                    assert!(h.iter().all(|(f, v)| f.len() <= 64 && v.len() <= 64));
                }
                Value::Set(s) if s.encoding() == "intset" => {
                    assert!(s.len() <= entries.1);
                    assert!(
                        s.members()
                            .iter()
                            .all(|m| redis_sim::numbers::parse_i64(m).is_some())
                    );
                }
                Value::ZSet(z) if z.encoding() == "listpack" => {
                    assert!(z.len() <= entries.2);
                    assert!(z.iter().all(|(m, _)| m.len() <= 64));
                }
                Value::List(l) => assert!(!l.is_empty()),
                Value::Hash(h) => assert!(!h.is_empty()),
                Value::Set(s) => assert!(!s.is_empty()),
                Value::ZSet(z) => assert!(!z.is_empty()),
                Value::String(_) => {}
            }
        }
    }
    server.disconnect(client);
}

/// The current hash, intset and zset entry limits, read through CONFIG GET.
fn server_config(
    server: &mut Server,
    client: redis_sim::ClientId,
    now: u64,
) -> (usize, usize, usize) {
    let mut get = |name: &str| {
        let reply = server.execute(
            client,
            vec![
                b"config".to_vec(),
                b"get".to_vec(),
                name.as_bytes().to_vec(),
            ],
            now,
        );
        match reply {
            Reply::Array(items) => match items.get(1) {
                Some(Reply::Bulk(v)) => String::from_utf8_lossy(v).parse().unwrap_or(usize::MAX),
                _ => usize::MAX,
            },
            _ => usize::MAX,
        }
    };
    (
        get("hash-max-listpack-entries"),
        get("set-max-intset-entries"),
        get("zset-max-listpack-entries"),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn random_commands_keep_the_keyspace_consistent(commands in prop::collection::vec((command(), 0u64..3), 1..60)) {
        let mut server = Server::new(7);
        let clients = [server.connect(), server.connect()];
        let mut now = 1_000;
        for (i, (argv, step)) in commands.into_iter().enumerate() {
            now += step * 700;
            server.execute(clients[i % 2], argv, now);
        }
        server.advance(now + 300);
        check_invariants(&mut server, now + 300);
    }

    #[test]
    fn any_typed_line_is_answered_without_panicking(line in prop::collection::vec(any::<u8>(), 0..200)) {
        let mut server = Server::new(3);
        let client = server.connect();
        let out = cli::run_line(&mut server, client, &line, 0);
        prop_assert!(out.text.is_empty() || out.text.ends_with('\n') || out.text.ends_with("\r\n"));
    }
}
