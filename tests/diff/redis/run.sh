#!/usr/bin/env bash
# Differential suite: every *.redis script here goes through the real
# redis-server (via `redis-cli --no-raw`) and through `playground redis`;
# the two transcripts must be identical, byte for byte. Then the redis-py
# REPL suite (python/suite.py): python/*.repl lines typed into Python's console
# with redis-py (pinned below) against the same server, and into
# `playground redis --python`; each script counts once in the totals. Then
# keyspace_stats.py: which lookups count as keyspace hits and misses.
#
# usage: tests/diff/redis/run.sh path/to/playground
# COMPAT_CASES may name another copy of the resp-compatibility cases; the
# suite's own copy (MIT, tair-opensource/resp-compatibility, licence beside it)
# is in compat/.
set -u

playground=${1:?usage: $0 path/to/playground}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)

# A loopback port nobody listens on.
port=""
for candidate in $(seq 16379 16479); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
        port=$candidate
        break
    fi
done
if [ -z "$port" ]; then
    echo "no free port found" >&2
    exit 2
fi

redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no \
    --daemonize yes --pidfile "$work/redis.pid" --logfile "$work/redis.log" --dir "$work"
stop() {
    redis-cli -p "$port" shutdown nosave >/dev/null 2>&1
    rm -rf "$work"
}
trap stop EXIT

for _ in $(seq 50); do
    redis-cli -p "$port" ping >/dev/null 2>&1 && break
    sleep 0.1
done

passed=0
failed=0
for script in "$here"/*.redis; do
    name=$(basename "$script")
    redis-cli -p "$port" flushall >/dev/null
    # After SUBSCRIBE redis-cli waits for messages forever: the timeout ends it.
    # A sibling .subscriber file holds a (P)SUBSCRIBE line for a second
    # redis-cli that listens while the script runs (keyspace notifications).
    subscriber="${script%.redis}.subscriber"
    if [ -f "$subscriber" ]; then
        timeout 10 redis-cli -p "$port" --no-raw <"$subscriber" >"$work/sub_expected" 2>&1 &
        listener=$!
        sleep 0.5
    fi
    timeout 3 redis-cli -p "$port" --no-raw <"$script" >"$work/expected" 2>&1
    if [ -f "$subscriber" ]; then
        sleep 0.5
        kill "$listener" 2>/dev/null
        wait "$listener" 2>/dev/null
        "$playground" redis --subscriber "$subscriber" --subscriber-output "$work/sub_actual" \
            <"$script" >"$work/actual" 2>&1
        # The listener's transcript is judged with the script's.
        printf '%s\n' "--- listener" >>"$work/expected"
        cat "$work/sub_expected" >>"$work/expected"
        printf '%s\n' "--- listener" >>"$work/actual"
        cat "$work/sub_actual" >>"$work/actual"
    else
        "$playground" redis <"$script" >"$work/actual" 2>&1
    fi
    if cmp -s "$work/expected" "$work/actual"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "--- $name: redis-server (-) vs playground (+)"
        diff -u --label redis-server --label playground "$work/expected" "$work/actual"
    fi
done

# redis-py as the REPL suite was checked against.
redis_py=8.1.0
python3 -c "import redis, sys; sys.exit(redis.__version__ != '$redis_py')" 2>/dev/null ||
    pip install -q "redis==$redis_py" >/dev/null 2>&1
repl_report=$(python3 "$here/python/suite.py" "$playground" "$port")
printf '%s\n' "$repl_report"
repl_counts=$(printf '%s\n' "$repl_report" | sed -n 's/^repl: [0-9]* scripts, \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p')
if [ -n "$repl_counts" ]; then
    passed=$((passed + ${repl_counts% *}))
    failed=$((failed + ${repl_counts#* }))
else
    echo "the redis-py REPL suite did not run"
    failed=$((failed + 1))
fi

# INFO's keyspace_hits and keyspace_misses, case by case; all the cases count once.
stats_report=$(python3 "$here/keyspace_stats.py" "$playground" "$port")
printf '%s\n' "$stats_report"
if printf '%s\n' "$stats_report" | grep -q '^keyspace stats: [0-9]* cases, [0-9]* passed, 0 failed$'; then
    passed=$((passed + 1))
else
    failed=$((failed + 1))
fi

# The public resp-compatibility cases are reported, not judged: commands
# outside the engine's scope are expected to differ.
compat=${COMPAT_CASES:-$here/compat/resp-compatibility-cts.json}
if [ -f "$compat" ]; then
    python3 "$here/compat.py" "$playground" "$port" "$compat"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
