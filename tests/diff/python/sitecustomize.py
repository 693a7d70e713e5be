"""Loaded by the scenario suite's virtualenvs at start-up (never by the playground).

The programs connect to `localhost:5672`, as the lesson writes them; the suite's broker
listens on a free port instead, named by PLAYGROUND_AMQP_PORT, so the address lookup
of port 5672 answers with that port. pika 0.13.1 also needs the aliases that Python
3.10 removed from `collections`."""

import collections
import collections.abc
import os
import socket

for _name in ("Callable", "Mapping", "MutableMapping", "Sequence"):
    if not hasattr(collections, _name):
        setattr(collections, _name, getattr(collections.abc, _name))

_PORT = os.environ.get("PLAYGROUND_AMQP_PORT")
if _PORT:
    _getaddrinfo = socket.getaddrinfo

    def _to_test_broker(host, port, *args, **kwargs):
        if port in (5672, "5672"):
            port = int(_PORT)
        return _getaddrinfo(host, port, *args, **kwargs)

    socket.getaddrinfo = _to_test_broker
