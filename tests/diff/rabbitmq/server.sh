# Sourced by the suites that need a real broker: starts Debian's rabbitmq-server under
# a temporary directory on two free loopback ports, waits until it runs, and stops it
# when the sourcing shell exits. Sets AMQP_PORT and NODE.
# usage: PYTHON=python-with-socket . tests/diff/rabbitmq/server.sh

# Two free loopback ports: AMQP and Erlang distribution.
PORTS=$("${PYTHON:-python3}" -c '
import socket
socks = [socket.socket() for _ in range(2)]
for s in socks: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))')
AMQP_PORT=${PORTS% *}
DIST_PORT=${PORTS#* }
NODE="pgdiff$$@localhost"
RABBITMQ_DIR=$(mktemp -d)
chmod 777 "$RABBITMQ_DIR"

stop_rabbitmq() {
    rabbitmqctl -q -n "$NODE" stop >/dev/null 2>&1 || true
    rm -rf "$RABBITMQ_DIR"
}
trap stop_rabbitmq EXIT INT TERM

RABBITMQ_NODENAME="$NODE" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT="$AMQP_PORT" \
RABBITMQ_DIST_PORT="$DIST_PORT" RABBITMQ_MNESIA_BASE="$RABBITMQ_DIR/mnesia" \
RABBITMQ_LOG_BASE="$RABBITMQ_DIR/log" \
    rabbitmq-server >"$RABBITMQ_DIR/server.out" 2>&1 &
# await_startup gives up at once while the node is not reachable yet, so poll it.
TRIES=0
until rabbitmqctl -q -n "$NODE" await_startup --timeout 60 >/dev/null 2>&1; do
    TRIES=$((TRIES + 1))
    if [ "$TRIES" -ge 120 ]; then
        echo "rabbitmq-server did not start:" >&2
        cat "$RABBITMQ_DIR/server.out" "$RABBITMQ_DIR"/log/*.log >&2 2>/dev/null || true
        exit 2
    fi
    sleep 1
done
