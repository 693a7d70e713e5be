#!/bin/sh
# Differential suite of the Python interpreter: every program under programs/ runs
# under python3 and under `playground python`; output and exit status must match.
#
#   tests/diff/python/run.sh path/to/playground [--only PATTERN] [--python3 PATH] [--jobs N]
#
# Prints a unified diff per program that differs and a last line
# `python: N of M programs identical`; exits 1 if any program differs, 2 if it
# cannot run (no such playground, no program matching --only).
# README.md describes the programs' conventions and what is normalised.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
exec python3 "$here/run.py" "$@"
