#!/usr/bin/env python3
"""Runs each scenario under scenarios/ twice: its programs as separate python3
processes against the real servers (rabbitmq-server, redis-server, memcached), started
GAP apart, and as `playground python --run` processes in one world. Compares what each
process printed, traceback frames of files outside the scenario's folder dropped (the
libraries' own). README.md ("Scenarios") says more.

usage: scenarios.py --playground PATH --port AMQP_PORT --node NODE --venvs DIR
                    [--only PATTERN]
"""

import argparse
import difflib
import os
import selectors
import shlex
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field

from run import environment, without_outside_frames

HERE = os.path.dirname(os.path.abspath(__file__))
SCENARIOS = os.path.join(HERE, "scenarios")
# Between two starts, as the playground's --gap (milliseconds).
GAP_SECONDS = 1.0
# Once every program has started, the scenario ends when nothing was printed for this
# long: the consumers that are still waiting are stopped.
QUIET_SECONDS = 2.0
# No scenario runs longer than this.
LIMIT_SECONDS = 30.0


@dataclass
class Scenario:
    folder: str
    name: str
    commands: list[str]
    pika: str = "1"
    notes: list[str] = field(default_factory=list)


def read_scenario(path: str) -> Scenario:
    """A `.scenario` file: `run CMD` lines, in order, run in the file's folder;
    `# pika: 0.10` names the older pika; other `#` lines are comments."""
    scenario = Scenario(os.path.dirname(path), os.path.relpath(path, SCENARIOS), [])
    with open(path, encoding="utf-8") as file:
        for line in file:
            line = line.strip()
            if line.startswith("# pika:"):
                scenario.pika = line.split(":", 1)[1].strip()
            elif line.startswith("run "):
                scenario.commands.append(line[4:].strip())
    return scenario


def find_scenarios(pattern: str | None) -> list[Scenario]:
    found = []
    for root, _, files in sorted(os.walk(SCENARIOS)):
        for name in files:
            path = os.path.join(root, name)
            if name.endswith(".scenario") and (pattern is None or pattern in path):
                found.append(read_scenario(path))
    return sorted(found, key=lambda s: s.name)


def run_real(scenario: Scenario, python: str, env: dict[str, str]) -> list[bytes]:
    """Each command as a python3 of its own, GAP apart; the ones still running once all
    started and the scenario went quiet are stopped (SIGTERM prints nothing)."""
    selector = selectors.DefaultSelector()
    processes: list[subprocess.Popen] = []
    outputs: list[bytearray] = []
    start = time.monotonic()
    last_output = start
    while True:
        now = time.monotonic()
        if len(processes) < len(scenario.commands) and now >= start + GAP_SECONDS * len(processes):
            words = shlex.split(scenario.commands[len(processes)])
            process = subprocess.Popen(
                [python, *words], cwd=scenario.folder, env=env,
                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                start_new_session=True)
            selector.register(process.stdout, selectors.EVENT_READ, len(processes))
            processes.append(process)
            outputs.append(bytearray())
            last_output = max(last_output, now)
            continue
        all_started = len(processes) == len(scenario.commands)
        running = [p for p in processes if p.poll() is None]
        if all_started and not running and not selector.get_map():
            break
        if all_started and now - last_output >= QUIET_SECONDS:
            break
        if now - start >= LIMIT_SECONDS:
            break
        for key, _ in selector.select(timeout=0.05):
            chunk = os.read(key.fileobj.fileno(), 65536)
            if chunk:
                outputs[key.data].extend(chunk)
                last_output = time.monotonic()
            else:
                selector.unregister(key.fileobj)
    ended = [process.poll() for process in processes]
    for process in processes:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
        process.wait()
    for key in list(selector.get_map().values()):
        outputs[key.data].extend(key.fileobj.read())
    return [bytes(output) + status_line(status) for output, status in zip(outputs, ended)]


def status_line(status: int | None) -> bytes:
    """How a process ended, as `playground python --status` prints it: a signal as a
    shell's $? shows it (128 + its number)."""
    if status is None:
        return b"[still running]\n"
    if status < 0:
        status = 128 - status
    return f"[exit status {status}]\n".encode()


def run_playground(scenario: Scenario, playground: str, env: dict[str, str]) -> list[bytes]:
    """The commands as processes of one `playground python --run` world."""
    args = [playground, "python", "--gap", str(int(GAP_SECONDS * 1000)),
            "--quiet", str(int(QUIET_SECONDS * 1000)), "--pika", scenario.pika, "--status"]
    for command in scenario.commands:
        args += ["--run", command]
    done = subprocess.run(args, cwd=scenario.folder, env=env, capture_output=True,
                          timeout=LIMIT_SECONDS * 2)
    outputs: list[bytearray] = []
    for line in done.stdout.splitlines(keepends=True):
        index = len(outputs)
        if index < len(scenario.commands) and line == f"==> {scenario.commands[index]} <==\n".encode():
            outputs.append(bytearray())
        elif outputs:
            outputs[-1].extend(line)
    if done.returncode != 0 or len(outputs) != len(scenario.commands):
        return [done.stdout + done.stderr] + [b""] * (len(scenario.commands) - 1)
    return [bytes(output) for output in outputs]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_servers() -> tuple[dict[int, int], list[subprocess.Popen]]:
    """redis-server 7.0 and memcached 1.6.18 on free loopback ports: the usual port of
    each, mapped to the one it got."""
    redis_port, memcached_port = free_port(), free_port()
    servers = [
        subprocess.Popen(["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1",
                          "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL),
        subprocess.Popen(["memcached", "-p", str(memcached_port), "-U", "0", "-l", "127.0.0.1",
                          "-u", "root"], stdout=subprocess.DEVNULL),
    ]
    for port in (redis_port, memcached_port):
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
    return {6379: redis_port, 11211: memcached_port}, servers


def reset_servers(ports: dict[int, int]) -> None:
    """Empties Redis and memcached between scenarios."""
    for usual, command in ((6379, b"*1\r\n$8\r\nFLUSHALL\r\n"), (11211, b"flush_all\r\n")):
        with socket.create_connection(("127.0.0.1", ports[usual])) as server:
            server.sendall(command)
            server.recv(64)


def reset_broker(node: str, port: int) -> None:
    """Deletes what a scenario declared, so the next one starts on an empty broker."""
    import pika

    def names(kind: str) -> list[str]:
        out = subprocess.run(["rabbitmqctl", "-q", "-n", node, f"list_{kind}", "name"],
                             check=True, capture_output=True, text=True).stdout
        return [line for line in out.splitlines()[1:] if line]

    queues = names("queues")
    exchanges = [n for n in names("exchanges") if n and not n.startswith("amq.")]
    if not queues and not exchanges:
        return
    connection = pika.BlockingConnection(pika.ConnectionParameters("127.0.0.1", port))
    channel = connection.channel()
    for queue in queues:
        channel.queue_delete(queue)
    for exchange in exchanges:
        channel.exchange_delete(exchange)
    connection.close()


def compare(scenario: Scenario, real: list[bytes], ours: list[bytes]) -> str:
    report = []
    for command, expected, got in zip(scenario.commands, real, ours):
        expected = without_outside_frames(expected, scenario.folder)
        got = without_outside_frames(got, scenario.folder)
        if expected != got:
            diff = difflib.unified_diff(
                expected.decode("utf-8", "backslashreplace").splitlines(keepends=True),
                got.decode("utf-8", "backslashreplace").splitlines(keepends=True),
                f"python3 {command}", f"playground {command}")
            report.append("".join(diff))
    return "".join(report)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--playground", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--node", required=True)
    parser.add_argument("--venvs", required=True)
    parser.add_argument("--only")
    options = parser.parse_args()
    scenarios = find_scenarios(options.only)
    if not scenarios:
        print("no scenario matches", file=sys.stderr)
        return 2
    ports, servers = start_servers()
    ports[5672] = options.port
    env = environment()
    env["PLAYGROUND_PORTS"] = ",".join(f"{usual}:{ours}" for usual, ours in ports.items())
    same = 0
    for scenario in scenarios:
        reset_broker(options.node, options.port)
        reset_servers(ports)
        venv = "clients" if scenario.pika.startswith("1") else "pika0"
        python = os.path.join(options.venvs, venv, "bin", "python")
        real = run_real(scenario, python, env)
        ours = run_playground(scenario, options.playground, env)
        report = compare(scenario, real, ours)
        if report:
            print(f"--- {scenario.name}: differs\n{report}")
        else:
            same += 1
    for server in servers:
        server.terminate()
        server.wait()
    print(f"python scenarios: {same} of {len(scenarios)} identical")
    return 0 if same == len(scenarios) else 1


if __name__ == "__main__":
    sys.exit(main())
