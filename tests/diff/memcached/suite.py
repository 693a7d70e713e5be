#!/usr/bin/env python3
"""Differential checks of `playground memcached` against real memcached.

Protocol: each script in scripts/*.mc holds raw protocol bytes. It is sent
on one connection to a freshly started memcached (a new process per script,
so cas uniques start from 1 as they do for `playground memcached`) and to
`playground memcached`; the replies must be byte-identical, except the
values of `STAT` lines that depend on the process or on background threads,
which are compared by name only.

Placement: python-memcached stores 10,000 keys on three real memcached
processes with weights 1, 2 and 3; every key must be found on the server
`playground memcached place --client python-memcached` names.

REPL: each python/*.repl holds the lesson's python-memcached calls, one per
line. They are typed into Python's interactive console (repl.py) against fresh
real memcached processes, one per address the lines name, and into
`playground memcached --python`; the printed text must be identical.
"""

import difflib
import os
import re
import socket
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True

# Stats whose values depend on the process, the wall clock, the connection's
# packetisation or the timing of memcached's background LRU threads.
VOLATILE = {
    "pid", "uptime", "time", "rusage_user", "rusage_system", "libevent",
    "curr_connections", "total_connections", "connection_structures",
    "response_obj_count", "response_obj_bytes", "read_buf_count",
    "read_buf_bytes", "read_buf_bytes_free", "bytes_read", "bytes_written",
    "lru_maintainer_juggles", "lru_crawler_starts", "tcpport", "conn_yields",
    "number_hot", "number_warm", "number_cold", "age_hot", "age_warm", "age",
    "moves_to_cold", "moves_to_warm", "moves_within_lru", "direct_reclaims",
    "hits_to_hot", "hits_to_warm", "hits_to_cold",
}
STAT = re.compile(rb"^STAT (\S+) (.*)$")


def normalise(reply: bytes) -> list[bytes]:
    lines = []
    for line in reply.split(b"\r\n"):
        m = STAT.match(line)
        if m:
            name = m.group(1).split(b":")[-1].decode("latin-1")
            if name in VOLATILE:
                line = b"STAT " + m.group(1) + b" <" + name.encode() + b">"
        lines.append(line)
    return lines


def free_port(start: int = 11311) -> int:
    for port in range(start, 11320):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
                return port
            except OSError:
                continue
    sys.exit("no free port in 11311-11319")


def start_memcached(port: int, extra=()) -> subprocess.Popen:
    proc = subprocess.Popen(
        ["memcached", "-p", str(port), "-U", "0", "-l", "127.0.0.1", "-u", "root", *extra],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            return proc
        except OSError:
            time.sleep(0.02)
    proc.kill()
    sys.exit(f"memcached did not start on port {port}")


def ask_memcached(port: int, data: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port)) as s:
        s.sendall(data)
        s.shutdown(socket.SHUT_WR)
        s.settimeout(5)
        out = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                return out
            out += chunk


def memory_flags(script: bytes) -> list[str]:
    """A script may start with `# -m N` to run both sides with N MB."""
    m = re.match(rb"# -m (\d+)\r?\n", script)
    return ["-m", m.group(1).decode()] if m else []


def all_scripts() -> list[tuple[str, bytes]]:
    """The script files, then the generated scripts."""
    import generated

    scripts = []
    for name in sorted(os.listdir(os.path.join(HERE, "scripts"))):
        if name.endswith(".mc"):
            with open(os.path.join(HERE, "scripts", name), "rb") as f:
                scripts.append((name, f.read()))
    scripts += [(f"generated:{name}", build()) for name, build in generated.SCRIPTS.items()]
    return scripts


def protocol_suite(playground: str) -> tuple[int, int]:
    scripts = all_scripts()
    passed = failed = lines = 0
    for name, script in scripts:
        flags = memory_flags(script)
        lines += script.count(b"\n")
        ours = subprocess.run([playground, "memcached", *flags], input=script,
                              capture_output=True, check=False).stdout
        b = normalise(ours)
        # memcached's LRU maintainer thread briefly holds references to
        # items: that shows in chunk counts, and an incr that meets such a
        # reference allocates a new item (total_items + 1) instead of
        # rewriting the number in place. The engine answers as a quiet
        # server does, so the real server gets five tries (a busy machine
        # makes the race common).
        for _ in range(5):
            port = free_port()
            proc = start_memcached(port, flags)
            try:
                real = ask_memcached(port, script)
            finally:
                proc.kill()
                proc.wait()
            a = normalise(real)
            if a == b:
                break
        if a == b:
            passed += 1
        else:
            failed += 1
            print(f"--- {name}: memcached 1.6.18 vs playground")
            for d in difflib.unified_diff([x.decode("latin-1") for x in a],
                                          [x.decode("latin-1") for x in b],
                                          "memcached", "playground", lineterm="", n=2):
                print(d)
    print(f"protocol: {lines} lines in {len(scripts)} scripts, {passed} passed, {failed} failed")
    return passed, failed


def placement_keys() -> list[str]:
    keys = []
    for i in range(10_000):
        kind = i % 4
        if kind == 0:
            keys.append(f"key{i}")
        elif kind == 1:
            keys.append(f"user:{i}:profile")
        elif kind == 2:
            keys.append(f"product_count_{i * 7919}")
        else:
            keys.append(f"k{i}-\u00e9t\u00e9")
    return keys


def placement_suite(playground: str) -> tuple[int, int]:
    import memcache

    weights = [1, 2, 3]
    procs, servers = [], []
    port = 11311
    try:
        for weight in weights:
            port = free_port(port)
            procs.append(start_memcached(port))
            servers.append((f"127.0.0.1:{port}", weight))
            port += 1
        keys = placement_keys()
        client = memcache.Client(servers)
        for key in keys:
            client.set(key, "1")
        actual = {}
        for address, _ in servers:
            single = memcache.Client([address])
            for key in single.get_multi(keys):
                actual[key] = address
            single.disconnect_all()
        client.disconnect_all()
    finally:
        for proc in procs:
            proc.kill()
            proc.wait()
    args = [playground, "memcached", "place", "--client", "python-memcached"]
    for address, weight in servers:
        args += ["--server", f"{address}:{weight}"]
    out = subprocess.run(args, input="\n".join(keys) + "\n", capture_output=True,
                         text=True, check=False).stdout
    predicted = dict(line.rsplit(" ", 1) for line in out.splitlines())
    agree = sum(1 for key in keys if actual.get(key) is not None and predicted.get(key) == actual[key])
    print(f"placement: {agree} of {len(keys)} keys where python-memcached put them")
    if agree == len(keys):
        return 1, 0
    wrong = [k for k in keys if predicted.get(k) != actual.get(k)][:10]
    for key in wrong:
        print(f"  {key}: memcached has it on {actual.get(key)}, playground says {predicted.get(key)}")
    return 0, 1


def repl_suite(playground: str) -> tuple[int, int]:
    import repl

    folder = os.path.join(HERE, "python")
    passed = failed = 0
    for name in sorted(n for n in os.listdir(folder) if n.endswith(".repl")):
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            script = f.read()
        lines = script.splitlines()
        procs, real_address = [], {}
        port = 11311
        try:
            for address in repl.addresses(lines):
                port = free_port(port)
                procs.append(start_memcached(port))
                real_address[address] = f"127.0.0.1:{port}"
                port += 1
            real = repl.transcript(lines, real_address)
        finally:
            for proc in procs:
                proc.kill()
                proc.wait()
        ours = subprocess.run([playground, "memcached", "--python"], input=script,
                              capture_output=True, text=True, check=False).stdout
        if repl.python_repl.same(name, "python-memcached", real, ours):
            passed += 1
        else:
            failed += 1
    print(f"repl: {passed + failed} scripts, {passed} passed, {failed} failed")
    return passed, failed


def main() -> int:
    playground = sys.argv[1]
    p1, f1 = protocol_suite(playground)
    p2, f2 = placement_suite(playground)
    p3, f3 = repl_suite(playground)
    print(f"{p1 + p2 + p3} passed, {f1 + f2 + f3} failed")
    return 1 if f1 + f2 + f3 else 0


if __name__ == "__main__":
    sys.exit(main())
