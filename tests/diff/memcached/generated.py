"""Scripts too large or too regular to keep as files.

Each function returns the raw protocol bytes of one script; the suite runs
them exactly like the files in scripts/. A script may start with `# -m N`
to run both servers with N megabytes of item memory.
"""


def lines(*parts: bytes) -> bytes:
    return b"".join(p + b"\r\n" for p in parts)


def store(key: bytes, value: bytes, extra: bytes = b"", flags: int = 0) -> bytes:
    return lines(b"set %s %d 0 %d%s" % (key, flags, len(value), extra), value)


def large_values() -> bytes:
    """The 1 MB item limit counts the header, key and cas; refused data is swallowed."""
    out = lines(b"set a 0 0 1048576") + b"x" * 1048576 + b"\r\n" + lines(b"get a")
    for n in (1048576 - 60, 1048576 - 59):  # largest value that fits for key 'k', and one more
        out += store(b"k", b"y" * n)
    out += lines(b"get nothing") + store(b"small", b"z") + store(b"k", b"q" * 600000)
    out += lines(b"stats slabs", b"stats items")
    out += store(b"k", b"z" * 2000000) + lines(b"get k small")
    out += store(b"k", b"z" * 2000000, b" noreply") + lines(b"get k small", b"stats")
    return out


def eviction() -> bytes:
    """50 KB values in 2 MB: the COLD tail is evicted, oldest first."""
    out = lines(b"# -m 2")
    for i in range(60):
        out += store(b"key%d" % i, b"v" * 50000)
    out += lines(b"get key0 key1 key50 key59")
    for i in range(40):
        out += store(b"small%d" % i, b"s" * 100)
    return out + lines(b"get small0", b"stats slabs", b"stats items", b"stats")


def lru() -> bytes:
    """12,000 small items in 2 MB, with some fetched twice (ACTIVE) on the way."""
    out = lines(b"# -m 2")
    for i in range(12000):
        out += store(b"k%d" % i, b"0123456789")
        if i == 100:
            out += lines(b"get k1 k2 k3", b"get k1 k2")
        if i == 5000:
            out += lines(b"mg k4 v", b"mg k4 v")
    return out + lines(b"get k0 k1 k2 k3 k4 k5 k11999", b"stats slabs", b"stats items", b"stats")


def large_items() -> bytes:
    """Items over 512 KB are split into chunks; append/prepend copy them chunk by chunk."""
    out = store(b"big", b"a" * 600000, flags=3)
    out += lines(b"append big 0 0 5", b"TAILS", b"prepend big 0 0 5", b"HEADS", b"gets big", b"incr big 1")
    for n in (524000, 524150, 524226, 524227, 524300):
        out += store(b"edge%d" % n, b"e" * n)
    out += lines(b"stats slabs", b"stats items", b"delete big", b"stats slabs")
    out += store(b"big", b"z" * 1048000) + store(b"big", b"z" * 1048500)
    return out + lines(b"get big", b"stats")


SCRIPTS = {
    "large-values": large_values,
    "eviction": eviction,
    "lru": lru,
    "large-items": large_items,
}
