#!/bin/sh
# Differential suites for the memcached engine.
#
#   tests/diff/memcached/run.sh path/to/playground
#
# 1. Protocol: every scripts/*.mc goes to a fresh Debian memcached 1.6.18 on a
#    loopback port and to `playground memcached`; replies must match byte for byte.
# 2. Placement: python-memcached with weighted real servers stores 10,000 keys;
#    each key must sit where `playground memcached place` says.
# 3. REPL: the lesson's python-memcached calls (python/*.repl) typed into Python's
#    interactive console against real servers and into `playground memcached --python`.
# Prints a diff per mismatch and a last line `N passed, M failed`.
set -u
here=$(dirname "$0")
playground=${1:?usage: run.sh path/to/playground}
command -v memcached >/dev/null || { echo "memcached is not installed"; exit 2; }
python3 -c 'import memcache' 2>/dev/null || pip install -q python-memcached >/dev/null 2>&1
exec python3 "$here/suite.py" "$playground"
