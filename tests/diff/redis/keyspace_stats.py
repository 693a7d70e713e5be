"""Keyspace hits and misses: which lookups count, command by command.

INFO stats' keyspace_hits and keyspace_misses count the keys read commands look up
(a write's lookup counts for neither). INFO's other fields differ from the real
server's (pids, memory), so the .redis scripts cannot compare them; this check runs
each case on both servers and compares the two counters alone.

A case is the set-up lines, then the line whose lookups are counted. Each runs on
a flushed server after CONFIG RESETSTAT.

usage: keyspace_stats.py path/to/playground PORT
Prints each mismatch and a last line `keyspace stats: N cases, P passed, F failed`.
"""

import shlex
import subprocess
import sys

import redis

SETUP = [
    "SET s 10", "RPUSH l a b c", "HSET h f v g w", "SADD st a b c", "SADD st2 b",
    "ZADD z 1 a 2 b", "PFADD hll x y", "SET pattern:a 1",
]

# Each line runs once with SETUP done and once on an empty database.
LINES = [
    # strings
    "GET s", "MGET s nope s2", "STRLEN s", "GETRANGE s 0 1", "GETSET s 1", "GETDEL s",
    "GETEX s", "GETEX s PX 100000", "SET s 5 GET", "SET s 5", "SET s 5 NX", "SET s 5 XX",
    "SETNX s 1", "MSETNX s 1 t 2", "APPEND s x", "SETRANGE s 0 x", "INCR s",
    "INCRBYFLOAT s 1.5", "LCS s s2", "SETBIT s 1 1", "GETBIT s 1", "BITCOUNT s",
    "BITPOS s 1", "BITOP OR dest s s2",
    # keys
    "EXISTS s nope", "TYPE s", "TTL s", "PTTL s", "EXPIRETIME s", "OBJECT ENCODING s",
    "OBJECT IDLETIME s", "OBJECT FREQ s", "MEMORY USAGE s", "TOUCH s nope", "DEL s",
    "UNLINK s", "EXPIRE s 100", "PERSIST s", "RENAME s s3", "RENAMENX s s3",
    "MOVE s 1", "COPY s s3", "KEYS *", "SCAN 0", "RANDOMKEY", "DBSIZE",
    "SORT l ALPHA", "SORT l BY pattern:* ALPHA", "SORT l ALPHA GET pattern:*",
    "SORT_RO l ALPHA", "SORT l ALPHA STORE dest",
    # lists
    "LLEN l", "LRANGE l 0 -1", "LINDEX l 0", "LPOS l b", "LPUSH l x", "LPUSHX l x",
    "RPUSHX l x", "LPOP l", "RPOP l 2", "LSET l 0 x", "LTRIM l 0 1", "LREM l 0 a",
    "LINSERT l BEFORE a x", "LMOVE l l2 LEFT RIGHT", "RPOPLPUSH l l2", "LMPOP 1 l LEFT",
    "BLPOP l 1", "BLMOVE l l2 LEFT LEFT 1",
    # hashes
    "HGET h f", "HMGET h f x", "HGETALL h", "HKEYS h", "HVALS h", "HLEN h", "HEXISTS h f",
    "HSTRLEN h f", "HRANDFIELD h", "HSCAN h 0", "HSET h x y", "HSETNX h f v", "HDEL h f",
    "HINCRBY h n 1", "HINCRBYFLOAT h n 1",
    # sets
    "SMEMBERS st", "SCARD st", "SISMEMBER st a", "SMISMEMBER st a x", "SRANDMEMBER st",
    "SSCAN st 0", "SINTER st st2", "SUNION st st2", "SDIFF st st2", "SINTERCARD 2 st st2",
    "SINTERSTORE d st st2", "SUNIONSTORE d st st2", "SDIFFSTORE d st st2", "SADD st x",
    "SREM st a", "SPOP st", "SMOVE st st2 a",
    # sorted sets
    "ZSCORE z a", "ZMSCORE z a x", "ZCARD z", "ZCOUNT z 0 5", "ZLEXCOUNT z - +",
    "ZRANK z a", "ZREVRANK z a", "ZRANGE z 0 -1", "ZRANGEBYSCORE z 0 5",
    "ZRANGESTORE d z 0 -1", "ZRANDMEMBER z", "ZSCAN z 0", "ZUNION 2 z z2",
    "ZINTERSTORE d 2 z z2", "ZDIFF 2 z z2", "ZADD z 3 c", "ZINCRBY z 1 a", "ZREM z a",
    "ZPOPMIN z", "ZMPOP 1 z MIN", "BZPOPMIN z 1", "ZREMRANGEBYRANK z 0 0",
    # HyperLogLog
    "PFCOUNT hll", "PFCOUNT hll s2", "PFADD hll z", "PFMERGE hll2 hll",
    # transactions and friends
    "WATCH s",
]


def counters(info: str) -> tuple[int, int]:
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    return int(fields["keyspace_hits"]), int(fields["keyspace_misses"])


def real(client: redis.Redis, setup: list[str], line: str) -> tuple[int, int]:
    client.flushall()
    for command in setup:
        client.execute_command(*shlex.split(command))
    client.config_resetstat()
    try:
        client.execute_command(*shlex.split(line))
    except redis.ResponseError:
        pass
    stats = client.info("stats")
    return stats["keyspace_hits"], stats["keyspace_misses"]


def ours(playground: str, setup: list[str], line: str) -> tuple[int, int]:
    script = "\n".join(setup + ["CONFIG RESETSTAT", line, "INFO stats"]) + "\n"
    out = subprocess.run([playground, "redis"], input=script, capture_output=True,
                         text=True, check=False).stdout
    # The INFO reply is the last one: from its "# Stats" header on.
    return counters(out[out.rindex("# Stats"):])


def main() -> int:
    playground, port = sys.argv[1], int(sys.argv[2])
    client = redis.Redis(host="127.0.0.1", port=port)
    passed = failed = 0
    for setup in (SETUP, []):
        for line in LINES:
            expected, actual = real(client, setup, line), ours(playground, setup, line)
            if expected == actual:
                passed += 1
            else:
                failed += 1
                state = "with keys" if setup else "on an empty database"
                print(f"--- {line} ({state}): redis-server (hits, misses) {expected}, "
                      f"playground {actual}")
    print(f"keyspace stats: {passed + failed} cases, {passed} passed, {failed} failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
