"""The real side of the memcached REPL suite: the lines typed into Python's
interactive console (../python_repl.py) with python-memcached, against real
memcached processes, each lesson address mapped to a real server's.
"""

import importlib.util
import os
import re

# Loaded by path: putting tests/diff on sys.path would make its folders importable
# (`import memcached` would find tests/diff/memcached) in the console under test.
_spec = importlib.util.spec_from_file_location(
    "python_repl", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python_repl.py"))
python_repl = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(python_repl)

# A server address in a client's list, as the lesson writes them: 'host:port'.
ADDRESS = re.compile(r"'(\d+\.\d+\.\d+\.\d+:\d+)'")


def addresses(lines: list[str]) -> list[str]:
    """Every server address the lines name, in order of first appearance."""
    seen = []
    for line in lines:
        for address in ADDRESS.findall(line):
            if address not in seen:
                seen.append(address)
    return seen


def transcript(lines: list[str], real_address: dict[str, str]) -> str:
    """What the REPL prints for `lines`, with each lesson address served by the real
    memcached that `real_address` maps it to."""
    return python_repl.transcript(
        lines,
        lambda line: ADDRESS.sub(lambda m: repr(real_address[m.group(1)]), line),
        lambda filename: filename.endswith("memcache.py"),
    )
