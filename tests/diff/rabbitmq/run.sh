#!/bin/sh
# Differential suite: every scripts/*.txt against Debian's rabbitmq-server (through pika)
# and against `playground rabbitmq --dump-state`.
# usage: tests/diff/rabbitmq/run.sh path/to/playground [script.txt ...]
set -eu
PLAYGROUND=$(realpath "${1:?usage: run.sh path/to/playground [script.txt ...]}")
shift
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
VENV="$ROOT/target/rabbitmq-diff-venv"
if ! "$VENV/bin/python" -c 'import pika' 2>/dev/null; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q 'pika>=1,<2'
fi

# Two free loopback ports: AMQP and Erlang distribution.
PORTS=$("$VENV/bin/python" -c '
import socket
socks = [socket.socket() for _ in range(2)]
for s in socks: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))')
AMQP_PORT=${PORTS% *}
DIST_PORT=${PORTS#* }
NODE="pgdiff$$@localhost"
DIR=$(mktemp -d)
chmod 777 "$DIR"

stop() {
    rabbitmqctl -q -n "$NODE" stop >/dev/null 2>&1 || true
    rm -rf "$DIR"
}
trap stop EXIT INT TERM

RABBITMQ_NODENAME="$NODE" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT="$AMQP_PORT" \
RABBITMQ_DIST_PORT="$DIST_PORT" RABBITMQ_MNESIA_BASE="$DIR/mnesia" RABBITMQ_LOG_BASE="$DIR/log" \
    rabbitmq-server >"$DIR/server.out" 2>&1 &
# await_startup gives up at once while the node is not reachable yet, so poll it.
TRIES=0
until rabbitmqctl -q -n "$NODE" await_startup --timeout 60 >/dev/null 2>&1; do
    TRIES=$((TRIES + 1))
    if [ "$TRIES" -ge 120 ]; then
        echo "rabbitmq-server did not start:" >&2
        cat "$DIR/server.out" "$DIR"/log/*.log >&2 2>/dev/null || true
        exit 2
    fi
    sleep 1
done

if [ "$#" -eq 0 ]; then
    set -- "$HERE"/scripts/*.txt
fi
"$VENV/bin/python" "$HERE/diff.py" --port "$AMQP_PORT" --node "$NODE" --playground "$PLAYGROUND" "$@"
