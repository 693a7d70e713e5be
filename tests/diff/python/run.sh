#!/bin/sh
# Differential suite of the Python interpreter: every program under programs/ runs
# under python3 and under `playground python`; output and exit status must match.
#
#   tests/diff/python/run.sh path/to/playground [--only PATTERN] [--python3 PATH] [--jobs N]
#
# Prints a unified diff per program that differs and a last line
# `python: N of M programs identical`; exits 1 if any program differs, 2 if it
# cannot run (no such playground, no program matching --only).
# Then, when given only the playground, the multi-process scenarios against the real
# servers (scenarios.sh). README.md describes the programs' conventions and what is
# normalised.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
status=0
python3 "$here/run.py" "$@" || status=$?
if [ "$#" -eq 1 ]; then
    "$here/scenarios.sh" "$1" || {
        code=$?
        [ "$code" -gt "$status" ] && status=$code
    }
fi
exit "$status"
