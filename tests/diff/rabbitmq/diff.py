#!/usr/bin/env python3
"""Runs admin-dialect scripts against a real RabbitMQ (through pika) and against
`playground rabbitmq --dump-state`, and compares the error lines and the final state:
exchanges, queues (with every ready message in order), bindings.

usage: diff.py --port P --node N --playground PATH script.txt...
"""

import argparse
import datetime
import difflib
import json
import shlex
import subprocess
import sys
import time

import pika

PROPERTY_NAMES = ["content_type", "correlation_id", "delivery_mode", "expiration",
                  "headers", "message_id", "priority", "reply_to"]


def plain(value):
    """pika's decoded header values as JSON values (timestamps as seconds, bytes as text)."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, datetime.datetime):
        return int(value.timestamp())
    return value


def rabbitmqctl_table(items):
    """rabbitmqctl's [[key, type, value], ...] tables as plain JSON objects."""
    out = {}
    for key, kind, value in items:
        if kind == "table":
            value = rabbitmqctl_table(value)
        elif kind == "array":
            value = list(value.values()) if isinstance(value, dict) else value
        elif kind == "void":
            value = None  # rabbitmqctl prints Erlang's undefined
        out[key] = value
    return out


class Real:
    """The admin dialect carried out with pika: one connection for the console, a fresh
    channel per line, and a connection of its own for each consumer."""

    def __init__(self, port, node):
        self.port = port
        self.node = node
        self.conn = None
        self.consumers = {}  # tag -> (connection, channel, [delivery tags outstanding])

    def connection(self):
        if self.conn is None or self.conn.is_closed:
            self.conn = pika.BlockingConnection(
                pika.ConnectionParameters("127.0.0.1", self.port, heartbeat=0))
        return self.conn

    def ctl(self, *args):
        return subprocess.run(["rabbitmqctl", "-q", "-n", self.node, *args],
                              check=True, capture_output=True, text=True).stdout

    def line(self, text):
        """Runs one line; returns an error line or None."""
        # Only whole-line comments: shlex would also cut `routing_key=#` short.
        if text.lstrip().startswith("#"):
            return None
        words = shlex.split(text)
        if not words:
            return None
        try:
            self.dispatch(words)
        except pika.exceptions.ChannelClosedByBroker as e:
            return f"*** {e.reply_code} {e.reply_text}"
        except pika.exceptions.ConnectionClosedByBroker as e:
            self.conn = None
            return f"*** {e.reply_code} {e.reply_text}"
        finally:
            self.pump()
        return None

    def pump(self):
        """Lets consumer connections receive what the broker pushed."""
        for conn, _, _ in list(self.consumers.values()):
            if conn.is_open:
                conn.process_data_events(time_limit=0.05)

    def dispatch(self, words):
        if words[0] == "run":
            spec = words[1]
            ms = int(spec[:-2]) if spec.endswith("ms") else int(spec[:-1]) * 1000
            time.sleep(ms / 1000)
            return
        if words[0] == "restart":
            self.ctl("stop_app")
            self.ctl("start_app")
            self.ctl("await_startup")
            self.conn = None
            self.consumers = {}
            return
        verb, rest = (" ".join(words[:2]), words[2:]) if words[0] in ("declare", "delete", "purge") else (words[0], words[1:])
        a = dict(w.split("=", 1) for w in rest)
        flag = lambda k, d: a.get(k, d).lower() == "true"
        table = lambda k: json.loads(a[k]) if k in a else None
        if verb in ("ack", "nack", "reject", "cancel", "close"):
            return self.settle(verb, a)
        if verb == "consume":
            return self.consume(a)
        ch = self.connection().channel()
        if verb == "declare exchange":
            ch.exchange_declare(a["name"], a["type"], durable=flag("durable", "true"),
                                auto_delete=flag("auto_delete", "false"),
                                internal=flag("internal", "false"), arguments=table("arguments"))
        elif verb == "declare queue":
            ch.queue_declare(a["name"], durable=flag("durable", "true"),
                             auto_delete=flag("auto_delete", "false"),
                             exclusive=flag("exclusive", "false"), arguments=table("arguments"))
        elif verb in ("declare binding", "delete binding"):
            key = a.get("routing_key", "" if a.get("properties_key", "~") == "~" else a["properties_key"])
            bind = verb == "declare binding"
            if a.get("destination_type") == "exchange":
                f = ch.exchange_bind if bind else ch.exchange_unbind
                f(a["destination"], a["source"], key, arguments=table("arguments"))
            else:
                f = ch.queue_bind if bind else ch.queue_unbind
                f(a["destination"], a["source"], key, arguments=table("arguments"))
        elif verb == "delete exchange":
            ch.exchange_delete(a["name"])
        elif verb == "delete queue":
            ch.queue_delete(a["name"])
        elif verb == "purge queue":
            ch.queue_purge(a["name"])
        elif verb == "publish":
            p = table("properties") or {}
            props = pika.BasicProperties(**{k: v for k, v in p.items() if k in PROPERTY_NAMES})
            ch.confirm_delivery()
            try:
                ch.basic_publish(a["exchange"], a["routing_key"], a.get("payload", "").encode(),
                                 props, mandatory=flag("mandatory", "false"))
            except (pika.exceptions.UnroutableError, pika.exceptions.NackError):
                pass
        elif verb == "get":
            mode = a.get("ackmode", "ack_requeue_true")
            got = []
            for _ in range(int(a.get("count", "1"))):
                method, _, _ = ch.basic_get(a["queue"], auto_ack=(mode == "ack_requeue_false"))
                if method is None:
                    break
                got.append(method.delivery_tag)
            if mode != "ack_requeue_false":
                for tag in got:
                    ch.basic_reject(tag, requeue=(mode != "reject_requeue_false"))
        else:
            raise SystemExit(f"diff.py: unknown verb {verb}")
        if ch.is_open:
            ch.close()

    def consume(self, a):
        conn = pika.BlockingConnection(pika.ConnectionParameters("127.0.0.1", self.port, heartbeat=0))
        ch = conn.channel()
        tag = a.get("consumer_tag", "")
        ch.basic_qos(prefetch_count=int(a.get("prefetch", "0")))
        outstanding = []
        ch.basic_consume(a["queue"], lambda c, m, p, b: outstanding.append(m.delivery_tag),
                         auto_ack=a.get("ackmode", "manual") == "auto",
                         exclusive=a.get("exclusive", "false") == "true", consumer_tag=tag or None)
        self.consumers[tag] = (conn, ch, outstanding)

    def settle(self, verb, a):
        conn, ch, outstanding = self.consumers[a["consumer"]]
        conn.process_data_events(time_limit=0.05)
        tag = int(a["delivery_tag"]) if "delivery_tag" in a else 0
        multiple = a.get("multiple", "false") == "true" or "delivery_tag" not in a
        requeue = a.get("requeue", "true") == "true"
        if verb == "ack":
            ch.basic_ack(tag, multiple)
        elif verb == "nack":
            ch.basic_nack(tag, multiple, requeue)
        elif verb == "reject":
            ch.basic_reject(tag, requeue)
        elif verb == "cancel":
            ch.basic_cancel(a["consumer"])
        else:
            conn.close()
            del self.consumers[a["consumer"]]
            return
        conn.process_data_events(time_limit=0.05)
        if ch.is_closed:
            # A broker exception on a consumer channel arrives asynchronously.
            raise ch._closing_reason  # pylint: disable=protected-access

    def state(self):
        """Reads the state back: rabbitmqctl for the topology, basic.get for messages."""
        def ctl_json(*args):
            return json.loads(self.ctl(*args, "--formatter", "json") or "[]")
        # Queues and their messages first: TTLs keep running while rabbitmqctl starts.
        queues = ctl_json("list_queues", "name", "durable", "auto_delete", "exclusive", "arguments",
                          "consumers", "messages_unacknowledged")
        for q in queues:
            q["arguments"] = rabbitmqctl_table(q["arguments"])
            q["messages"] = []
            ch = self.connection().channel()
            while True:
                method, props, body = ch.basic_get(q["name"])
                if method is None:
                    break
                properties = {k: plain(getattr(props, k)) for k in PROPERTY_NAMES
                              if getattr(props, k) is not None}
                q["messages"].append({"payload": body.decode("utf-8", "replace"),
                                      "routing_key": method.routing_key, "exchange": method.exchange,
                                      "redelivered": method.redelivered, "properties": properties})
            ch.close()
        exchanges = [dict(x, arguments=rabbitmqctl_table(x["arguments"])) for x in
                     ctl_json("list_exchanges", "name", "type", "durable", "auto_delete", "internal", "arguments")]
        bindings = [{"source": b["source_name"], "destination": b["destination_name"],
                     "destination_type": b["destination_kind"], "routing_key": b["routing_key"],
                     "arguments": rabbitmqctl_table(b["arguments"])} for b in
                    ctl_json("list_bindings", "source_name", "destination_name", "destination_kind",
                             "routing_key", "arguments")]
        return {"exchanges": exchanges, "queues": queues, "bindings": bindings}

    def reset(self, state):
        """Deletes what a script left behind, so the next one starts from a fresh vhost."""
        for conn, _, _ in self.consumers.values():
            if conn.is_open:
                conn.close()
        self.consumers = {}
        ch = self.connection().channel()
        for q in state["queues"]:
            ch.queue_delete(q["name"])
        for x in state["exchanges"]:
            if x["name"] and not x["name"].startswith("amq."):
                ch.exchange_delete(x["name"])
        ch.close()


def normalize(state):
    """Orders lists that have no meaningful order and drops wall-clock x-death times."""
    def no_time(props):
        headers = props.get("headers") or {}
        for death in headers.get("x-death", []) or []:
            death.pop("time", None)
        return props
    for q in state["queues"]:
        for m in q["messages"]:
            no_time(m["properties"])
    state["exchanges"].sort(key=lambda x: x["name"])
    state["queues"].sort(key=lambda q: q["name"])
    state["bindings"].sort(key=lambda b: json.dumps(b, sort_keys=True))
    return state


def errors_of(transcript):
    return [l for l in transcript if l.startswith("*** ") and l[4:5].isdigit()]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--node", required=True)
    ap.add_argument("--playground", required=True)
    ap.add_argument("scripts", nargs="+")
    opts = ap.parse_args()
    real = Real(opts.port, opts.node)
    passed = failed = 0
    for path in opts.scripts:
        with open(path) as f:
            lines = f.read().splitlines()
        real_errors = [e for e in (real.line(l) for l in lines) if e]
        real_state = real.state()
        real.reset(real_state)
        run = subprocess.run([opts.playground, "rabbitmq", "--dump-state"], input="\n".join(lines) + "\n",
                             capture_output=True, text=True)
        out = run.stdout.splitlines()
        try:
            ours_state = json.loads(out[-1])
        except (IndexError, json.JSONDecodeError):
            ours_state = {"exchanges": [], "queues": [], "bindings": [], "unparsable": run.stdout + run.stderr}
        want = {"errors": real_errors, **normalize(real_state)}
        have = {"errors": errors_of(out[:-1]), **normalize(ours_state)}
        if want == have:
            passed += 1
            print(f"ok   {path}")
        else:
            failed += 1
            print(f"FAIL {path}")
            a = json.dumps(want, indent=1, sort_keys=True).splitlines()
            b = json.dumps(have, indent=1, sort_keys=True).splitlines()
            sys.stdout.writelines(l + "\n" for l in difflib.unified_diff(a, b, "rabbitmq", "playground", lineterm=""))
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
