#!/bin/sh
# Multi-process scenarios: programs that talk to a server, each started a second after
# the one before as a learner starts them in terminals, under python3 against the real
# server and under `playground python --run` against the playground's.
#
#   tests/diff/python/scenarios.sh path/to/playground [--only PATTERN]
#
# README.md ("Scenarios") describes the scenario files and what is compared.
set -eu
PLAYGROUND=$(realpath "${1:?usage: scenarios.sh path/to/playground [--only PATTERN]}")
shift
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
VENVS="$ROOT/target/python-scenarios"

# Two virtualenvs: the clients pip gives today (pika 1.4, redis-py 8.1,
# python-memcached 1.62), and pika 0.13.1 (the call shapes of the lesson).
# sitecustomize.py sends connections to the usual ports to the suite's servers, and gives
# 0.13.1 the collections aliases it needs on Python 3.10 and later.
make_venv() { # name, module to check, requirements...
    venv="$VENVS/$1"
    check=$2
    shift 2
    if ! "$venv/bin/python" -c "import $check" 2>/dev/null; then
        python3 -m venv "$venv"
        "$venv/bin/pip" install -q "$@"
    fi
    site=$("$venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
    cp "$HERE/sitecustomize.py" "$site/sitecustomize.py"
}
make_venv clients 'pika, redis, memcache' 'pika>=1.4,<1.5' 'redis==8.1.0' 'python-memcached==1.62'
make_venv pika0 pika 'pika==0.13.1'

PYTHON="$VENVS/clients/bin/python"
. "$ROOT/tests/diff/rabbitmq/server.sh"

"$VENVS/clients/bin/python" "$HERE/scenarios.py" --playground "$PLAYGROUND" \
    --port "$AMQP_PORT" --node "$NODE" --venvs "$VENVS" "$@"
