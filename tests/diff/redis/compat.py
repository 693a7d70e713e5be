#!/usr/bin/env python3
"""Runs the public resp-compatibility cases through redis-cli and `playground redis`.

Each case (Redis 7.0 or older, not needing a cluster) runs on a flushed
database against the real server and on a fresh engine; the transcripts are
compared byte for byte. Commands outside the engine's scope (streams, GEO,
scripting...) are expected to differ: this prints how many cases are
identical and names the others, and does not decide the suite's verdict.

usage: compat.py PLAYGROUND PORT CASES.json
"""

import json
import subprocess
import sys


def version(text):
    return tuple(int(part) for part in text.split("."))


def transcript(argv, script):
    try:
        done = subprocess.run(argv, input=script, capture_output=True, timeout=3)
        return done.stdout
    except subprocess.TimeoutExpired as expired:
        # redis-cli waits forever after SUBSCRIBE or a blocking pop without timeout.
        return expired.stdout or b""


def main():
    playground, port, cases_path = sys.argv[1], sys.argv[2], sys.argv[3]
    with open(cases_path, encoding="utf-8") as f:
        cases = json.load(f)
    chosen = [
        c for c in cases
        if version(c["since"]) <= (7, 0, 0)
        and "cluster" not in (c.get("tags") or [])
        and not c.get("skipped")
        and not c.get("command_binary")
    ]
    different = []
    for case in chosen:
        script = ("\n".join(case["command"]) + "\n").encode()
        subprocess.run(["redis-cli", "-p", port, "flushall"], capture_output=True)
        real = transcript(["redis-cli", "-p", port, "--no-raw"], script)
        ours = transcript([playground, "redis"], script)
        if real != ours:
            different.append(case["name"])
    identical = len(chosen) - len(different)
    print(f"compat: {identical} of {len(chosen)} resp-compatibility cases identical")
    for name in different:
        print(f"compat: differs: {name}")


if __name__ == "__main__":
    main()
