"""The real side of the REPL suite: lines typed into Python's interactive console
with python-memcached, against real memcached processes.

Each line goes through code.InteractiveConsole as the `python3` prompt runs it
(`<stdin>` as the file name, expression values echoed by sys.displayhook), with
stdout and stderr captured together in the order they are written, as a
terminal shows them. Tracebacks leave out the frames inside memcache.py: the
engine's REPL models what the library does, not its source lines.
"""

import code
import contextlib
import io
import re
import sys
import traceback

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


class Console(code.InteractiveConsole):
    def __init__(self):
        super().__init__(filename="<stdin>")

    def write(self, data):
        sys.stderr.write(data)

    def showtraceback(self):
        kind, value, tb = sys.exc_info()
        frames = [f for f in traceback.extract_tb(tb.tb_next)
                  if not f.filename.endswith("memcache.py")]
        lines = ["Traceback (most recent call last):\n"]
        lines += traceback.format_list(frames)
        lines += traceback.format_exception_only(kind, value)
        self.write("".join(lines))


def transcript(lines: list[str], real_address: dict[str, str]) -> str:
    """What the REPL prints for `lines`, with each lesson address served by the real
    memcached that `real_address` maps it to."""
    console = Console()
    out = io.StringIO()
    for line in lines:
        typed = ADDRESS.sub(lambda m: repr(real_address[m.group(1)]), line)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            if console.push(typed):
                # The REPL would wait for more lines; the scripts never leave one open.
                console.resetbuffer()
                print("(incomplete input)")
    return out.getvalue()
