"""Loaded by the scenario suite's virtualenvs at start-up (never by the playground).

The programs connect to the servers' usual ports (`localhost:5672`, `6379`, `11211`),
as the lesson writes them; the suite's servers listen on free ports instead, named by
PLAYGROUND_PORTS (`5672:40001,6379:40002`), so connections to a usual port go to the
suite's server. pika 0.13.1 also needs the aliases that Python 3.10 removed from
`collections`."""

import collections
import collections.abc
import os
import socket

for _name in ("Callable", "Mapping", "MutableMapping", "Sequence"):
    if not hasattr(collections, _name):
        setattr(collections, _name, getattr(collections.abc, _name))

_PORTS = {
    int(usual): int(ours)
    for usual, ours in (pair.split(":") for pair in os.environ.get("PLAYGROUND_PORTS", "").split(",") if pair)
}

if _PORTS:
    _getaddrinfo = socket.getaddrinfo
    _connect = socket.socket.connect

    def _port(port):
        try:
            return _PORTS.get(int(port), port)
        except (TypeError, ValueError):
            return port

    def _to_suite_server(host, port, *args, **kwargs):
        return _getaddrinfo(host, _port(port), *args, **kwargs)

    def _connect_to_suite_server(self, address):
        if isinstance(address, tuple) and len(address) >= 2:
            address = (address[0], _port(address[1]), *address[2:])
        return _connect(self, address)

    socket.getaddrinfo = _to_suite_server
    socket.socket.connect = _connect_to_suite_server
