"""The real side of the REPL suites: lines typed into Python's interactive console
with a client library installed, against real servers.

Each line goes through code.InteractiveConsole as the `python3` prompt runs it
(`<stdin>` as the file name, expression values echoed by sys.displayhook), with
stdout and stderr captured together in the order they are written, as a
terminal shows them. Tracebacks leave out the frames inside the library: the
engine's REPL models what the library does, not its source lines.
"""

import code
import contextlib
import difflib
import io
import sys
import traceback
from typing import Callable


class Console(code.InteractiveConsole):
    def __init__(self, in_library: Callable[[str], bool]):
        super().__init__(filename="<stdin>")
        self.in_library = in_library

    def write(self, data):
        sys.stderr.write(data)

    def showtraceback(self):
        kind, value, tb = sys.exc_info()
        frames = [f for f in traceback.extract_tb(tb.tb_next)
                  if not self.in_library(f.filename)]
        lines = ["Traceback (most recent call last):\n"]
        lines += traceback.format_list(frames)
        lines += traceback.format_exception_only(kind, value)
        self.write("".join(lines))


def transcript(lines: list[str], typed: Callable[[str], str],
               in_library: Callable[[str], bool]) -> str:
    """What the REPL prints for `lines`, each typed as `typed(line)`; frames in files
    for which `in_library` holds are left out of tracebacks."""
    console = Console(in_library)
    out = io.StringIO()
    for line in lines:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            if console.push(typed(line)):
                # The REPL would wait for more lines; the scripts never leave one open.
                console.resetbuffer()
                print("(incomplete input)")
    return out.getvalue()


def same(name: str, library: str, real: str, ours: str) -> bool:
    """Whether the two transcripts of script `name` are identical; prints a diff (the
    real `library`'s lines as -, the playground's as +) when they are not."""
    if real == ours:
        return True
    print(f"--- {name}: {library} (-) vs playground (+)")
    sys.stdout.writelines(difflib.unified_diff(
        real.splitlines(keepends=True), ours.splitlines(keepends=True),
        library, "playground"))
    return False
