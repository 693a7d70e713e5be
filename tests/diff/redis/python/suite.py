"""The redis-py REPL suite: each *.repl here holds redis-py calls, one per line,
the lesson's first. They are typed into Python's interactive console with the
real redis-py against the real redis-server on PORT (the lesson's
10.211.55.4:6379 mapped to it, the server flushed before each script) and into
`playground redis --python`; the two transcripts must be identical.

usage: suite.py path/to/playground PORT
Prints a diff per mismatch and a last line `repl: N scripts, P passed, F failed`.
"""

import importlib.util
import os
import subprocess
import sys
import time

here = os.path.dirname(os.path.abspath(__file__))
# Loaded by path: tests/diff on sys.path would make its folders importable
# (`import redis` would find tests/diff/redis) in the console under test.
_spec = importlib.util.spec_from_file_location(
    "python_repl", os.path.join(here, "..", "..", "python_repl.py"))
python_repl = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(python_repl)

# redis-py, with the folder of this script off the path for the same reason.
sys.path = [p for p in sys.path if os.path.abspath(p or ".") != here]
import redis  # noqa: E402

LESSON_HOST = "'10.211.55.4'"
LESSON_PORT = "port=6379"
# A person takes longer than this to type the next line. The real server's pushes
# (a SUBSCRIBE confirmation, a published message) reach the socket in well under it;
# without the pause, `get_message()` typed by a script can look before they arrive
# and find nothing, where the playground, like a learner, always finds them.
TYPING_PAUSE = 0.1


def typed_at(port: int):
    """How a script line is typed into the real REPL: the lesson's address mapped
    to the test server, and a typing pause before a line that reads pushes."""
    def typed(line: str) -> str:
        if "get_message" in line:
            time.sleep(TYPING_PAUSE)
        return line.replace(LESSON_HOST, "'127.0.0.1'").replace(LESSON_PORT, f"port={port}")
    return typed


def main() -> int:
    playground, port = sys.argv[1], int(sys.argv[2])
    flusher = redis.Redis(host="127.0.0.1", port=port)
    passed = failed = 0
    for name in sorted(n for n in os.listdir(here) if n.endswith(".repl")):
        with open(os.path.join(here, name), encoding="utf-8") as f:
            lines = f.read().splitlines()
        flusher.flushall()
        real = python_repl.transcript(
            lines,
            typed_at(port),
            lambda filename: f"{os.sep}redis{os.sep}" in filename,
        )
        ours = subprocess.run(
            [playground, "redis", "--python"], input="\n".join(lines) + "\n",
            capture_output=True, text=True, check=False).stdout
        if python_repl.same(name, "redis-py", real, ours):
            passed += 1
        else:
            failed += 1
    print(f"repl: {passed + failed} scripts, {passed} passed, {failed} failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
