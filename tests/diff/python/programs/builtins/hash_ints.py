# 整数的哈希值(整数的哈希是确定的; 字符串的哈希每次运行都不同, 不要打印)
for n in (0, 1, 42, -1, -2, 2 ** 61 - 1, 2 ** 61, 2 ** 100, -(2 ** 100)):
    print(f'hash({n}) = {hash(n)}')
print(hash(True), hash(False), hash(1.0), hash(-0.0))
print(hash((1, 2)) == hash((1, 2)), hash(1) == hash(1.0) == hash(True))
print(hash('abc') == hash('abc'), hash(None) == hash(None))
