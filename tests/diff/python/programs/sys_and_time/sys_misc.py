# sys 模块里常用的几个值
import sys

print(sys.version_info[:2] == (3, 11), sys.version_info.major, sys.version_info.minor)
print(sys.version.startswith('3.11'), sys.maxsize == 2 ** 63 - 1)
print(sys.getrecursionlimit())
print(type(sys.argv).__name__, __name__)
print(sys.stdout is not sys.stderr)
