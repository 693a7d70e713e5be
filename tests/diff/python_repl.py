"""The real side of the REPL suites: lines typed into Python's interactive console
with a client library installed, against real servers.

Each line goes through code.InteractiveConsole as the `python3` prompt runs it
(`<stdin>` as the file name, expression values echoed by sys.displayhook), with
stdout and stderr captured together in the order they are written, as a
terminal shows them. Exceptions print as python3's prompt prints them, "Did you
mean" suggestions included, but their tracebacks leave out the frames inside the
library: the engine's REPL models what the library does, not its source lines.
"""

import code
import codeop
import contextlib
import difflib
import io
import sys
import types
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
        """Prints the exception as python3's prompt does (sys.excepthook, with its
        "Did you mean" suggestions), less the frames inside the library."""
        kind, value, tb = sys.exc_info()
        seen = set()
        chained = value.__cause__ or value.__context__
        while chained is not None and id(chained) not in seen:
            seen.add(id(chained))
            chained.__traceback__ = self.outside_library(chained.__traceback__)
            chained = chained.__cause__ or chained.__context__
        # The hook prints the exception's own __traceback__.
        value.__traceback__ = self.outside_library(tb.tb_next)
        sys.__excepthook__(kind, value, value.__traceback__)

    def outside_library(self, tb):
        """The traceback `tb` without its frames in the library's files."""
        kept = []
        while tb is not None:
            if not self.in_library(tb.tb_frame.f_code.co_filename):
                kept.append(tb)
            tb = tb.tb_next
        rebuilt = None
        for entry in reversed(kept):
            rebuilt = types.TracebackType(rebuilt, entry.tb_frame, entry.tb_lasti, entry.tb_lineno)
        return rebuilt


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
    more = False
    for line in lines:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            # True while a compound statement or an open bracket waits for more lines.
            more = console.push(typed(line))
    if more:
        # The REPL would wait for more lines; the scripts never leave one open.
        out.write("(incomplete input)\n")
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
