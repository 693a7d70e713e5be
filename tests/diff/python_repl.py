"""The real side of the REPL suites: lines typed into Python's interactive console
with a client library installed, against real servers.

Each line goes through code.InteractiveConsole as the `python3` prompt runs it
(`<stdin>` as the file name, expression values echoed by sys.displayhook), with
stdout and stderr captured together in the order they are written, as a
terminal shows them. Tracebacks leave out the frames inside the library: the
engine's REPL models what the library does, not its source lines.
"""

import code
import codeop
import contextlib
import difflib
import io
import sys
import traceback
from typing import Callable


class Console(code.InteractiveConsole):
    def __init__(self, in_library: Callable[[str], bool]):
        # The prompt runs lines in __main__, where Python's default filters show
        # DeprecationWarnings (redis-py's hmset raises one).
        super().__init__(locals={"__name__": "__main__", "__doc__": None}, filename="<stdin>")
        self.compile = compile_line
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


def compile_line(source: str, filename: str, symbol: str):
    """Compiles a line as python3's own prompt does: None when more lines are due.

    codeop's check for incomplete input, which InteractiveConsole uses, does the same
    trial compiles inside `warnings.catch_warnings()`, and changing the filters makes
    Python forget which warnings it has shown: the prompt shows redis-py's
    DeprecationWarning once a session, the console every time. The scripts' lines
    raise no warnings when compiled, so the trials need no filter."""
    if all(not line.strip() or line.strip().startswith("#") for line in source.split("\n")):
        source = "pass"
    flags = codeop.PyCF_DONT_IMPLY_DEDENT
    trial = flags | codeop.PyCF_ALLOW_INCOMPLETE_INPUT
    try:
        return compile(source, filename, symbol, trial, True)
    except SyntaxError:
        try:
            compile(source + "\n", filename, symbol, trial, True)
            return None
        except SyntaxError as e:
            if "incomplete input" in str(e):
                return None
    # The error the prompt shows, worded as for complete input.
    return compile(source, filename, symbol, flags, True)


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
