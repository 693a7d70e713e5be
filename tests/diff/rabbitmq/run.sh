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

PYTHON="$VENV/bin/python"
. "$HERE/server.sh"

if [ "$#" -eq 0 ]; then
    set -- "$HERE"/scripts/*.txt
fi
"$VENV/bin/python" "$HERE/diff.py" --port "$AMQP_PORT" --node "$NODE" --playground "$PLAYGROUND" "$@"
