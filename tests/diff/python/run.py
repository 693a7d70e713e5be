#!/usr/bin/env python3
"""Differential suite: each program under programs/ runs under CPython 3.11 (`python3`)
and under `playground python`; the two must print the same bytes and end with the same
exit status.

Both runs get the program's absolute path (tracebacks name it), its folder as the
working directory (so `import helper` finds the learner's own module there), the
arguments of its `# argv:` first line, its `.stdin` file as standard input, and stdout
and stderr merged into one pipe in the order they were written. Tracebacks lose the
frames of files outside the program's folder (queue.py, threading.py, ...): the
playground models those modules and leaves their frames out. README.md has the
details.

usage: run.py PLAYGROUND [--only PATTERN] [--python3 PATH] [--jobs N]
"""

import argparse
import concurrent.futures
import difflib
import fnmatch
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAMS = os.path.join(HERE, "programs")
TIMEOUT_SECONDS = 10

# First-line comments: a helper imported by programs, or a program's arguments.
MODULE_MARK = "# module"
ARGV_MARK = "# argv:"

# A traceback frame's first line; its source line and caret line follow, indented more.
FRAME = re.compile(r'  File "(?P<file>[^"\n]*)", line \d+, in ')
FRAME_DETAIL = "    "


@dataclass
class Program:
    """One test program: where it is and what it is given."""

    path: str
    name: str
    argv: list[str]
    stdin: bytes


@dataclass
class Outcome:
    """What one interpreter did with a program: its merged output and how it ended
    (the exit status as a shell reports it, or None after the timeout)."""

    output: bytes
    status: int | None


def find_programs(pattern: str | None) -> list[Program]:
    """Every program under programs/, in path order; with `pattern`, those whose path
    (relative to programs/) contains it or matches it as a glob."""
    programs = []
    for folder, subfolders, files in os.walk(PROGRAMS):
        subfolders.sort()
        for file in sorted(files):
            if not file.endswith(".py"):
                continue
            path = os.path.join(folder, file)
            name = os.path.relpath(path, PROGRAMS)
            if pattern and pattern not in name and not fnmatch.fnmatch(name, pattern):
                continue
            with open(path, encoding="utf-8") as source:
                first_line = source.readline().strip()
            if first_line == MODULE_MARK:
                continue
            argv = []
            if first_line.startswith(ARGV_MARK):
                argv = shlex.split(first_line[len(ARGV_MARK):])
            stdin_path = path[: -len(".py")] + ".stdin"
            stdin = b""
            if os.path.exists(stdin_path):
                with open(stdin_path, "rb") as stdin_file:
                    stdin = stdin_file.read()
            programs.append(Program(path, name, argv, stdin))
    return programs


def environment() -> dict[str, str]:
    """The environment of both interpreters: this one's, without the caller's PYTHON*
    settings (PYTHONOPTIMIZE would drop asserts, PYTHONWARNINGS would add lines), with
    unbuffered output (so stdout and stderr interleave as written), a fixed hash seed,
    no __pycache__ folders beside the helper modules, and UTF-8 stdio whatever the
    locale."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.update(
        PYTHONUNBUFFERED="1",
        PYTHONHASHSEED="0",
        PYTHONDONTWRITEBYTECODE="1",
        PYTHONIOENCODING="utf-8",
    )
    return env


def run(interpreter: list[str], program: Program, env: dict[str, str]) -> Outcome:
    """Runs `interpreter PROGRAM ARGS` in the program's folder."""
    process = subprocess.Popen(
        [*interpreter, program.path, *program.argv],
        cwd=os.path.dirname(program.path),
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        # Its own process group, so that a timeout ends whatever it started too.
        start_new_session=True,
    )
    try:
        output, _ = process.communicate(program.stdin, timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        output, _ = process.communicate()
        return Outcome(output, None)
    status = process.returncode
    # Killed by a signal (CPython ends so after an uncaught KeyboardInterrupt):
    # 128 + the signal's number, as a shell's $? shows it.
    if status < 0:
        status = 128 - status
    return Outcome(output, status)


def without_outside_frames(output: bytes, folder: str) -> bytes:
    """The output without the traceback frames of files outside `folder`: each such
    `  File "...", line N, in f` line goes, with the source and caret lines under it."""
    kept = []
    dropping = False
    for line in output.decode("utf-8", "surrogateescape").split("\n"):
        frame = FRAME.match(line)
        if frame:
            dropping = not frame["file"].startswith(folder + os.sep)
        elif not line.startswith(FRAME_DETAIL):
            dropping = False
        if not dropping:
            kept.append(line)
    return "\n".join(kept).encode("utf-8", "surrogateescape")


def transcript(outcome: Outcome) -> list[str]:
    """The outcome as lines for a diff: the output, then how the program ended."""
    text = outcome.output.decode("utf-8", "backslashreplace")
    lines = [line + "\n" for line in text.split("\n")]
    if text.endswith("\n") or not text:
        lines.pop()
    else:
        lines.append("[no newline at the end]\n")
    if outcome.status is None:
        lines.append(f"[timed out after {TIMEOUT_SECONDS} s]\n")
    else:
        lines.append(f"[exit status {outcome.status}]\n")
    return lines


def compare(program: Program, python3: str, playground: str, env: dict[str, str]) -> str:
    """Runs the program under both interpreters; returns "" when they agree, else a
    report with the unified diff."""
    folder = os.path.dirname(program.path)
    real = run([python3], program, env)
    ours = run([playground, "python"], program, env)
    # The playground prints no such frames; filtering its output too lets a stand-in
    # that runs python3 itself check the harness.
    real.output = without_outside_frames(real.output, folder)
    ours.output = without_outside_frames(ours.output, folder)
    if real == ours and real.status is not None:
        return ""
    header = f"--- {program.name}: python3 (-) vs playground (+)\n"
    diff = difflib.unified_diff(transcript(real), transcript(ours), "python3", "playground")
    return header + ("".join(diff) or "(the same lines; the bytes differ)\n")


def executable(name: str) -> str:
    """The absolute path of a program given by path or by name on PATH (the runs
    change directory)."""
    path = shutil.which(name)
    if path is None:
        print(f"run.py: {name} is not an executable", file=sys.stderr)
        sys.exit(2)
    return os.path.abspath(path)


def main() -> int:
    """Runs the selected programs, prints the report, returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("playground", help="path of the playground binary")
    parser.add_argument("--only", metavar="PATTERN",
                        help="run the programs whose path under programs/ contains PATTERN "
                             "or matches it as a glob (queue/, 'classes/*property*')")
    parser.add_argument("--python3", metavar="PATH", default="python3",
                        help="the CPython 3.11 to compare with (default: python3)")
    parser.add_argument("--jobs", metavar="N", type=int, default=(os.cpu_count() or 1) * 2,
                        help="programs run at once (default: twice the CPU count)")
    args = parser.parse_args()
    python3 = executable(args.python3)
    playground = executable(args.playground)
    programs = find_programs(args.only)
    if not programs:
        print(f"python: no program matches {args.only!r}", file=sys.stderr)
        return 2
    env = environment()
    identical = 0
    with concurrent.futures.ThreadPoolExecutor(max(1, args.jobs)) as pool:
        reports = pool.map(lambda p: compare(p, python3, playground, env), programs)
        for report in reports:
            if report:
                sys.stdout.write(report)
                sys.stdout.flush()
            else:
                identical += 1
    print(f"python: {identical} of {len(programs)} programs identical")
    return 0 if identical == len(programs) else 1


if __name__ == "__main__":
    sys.exit(main())
