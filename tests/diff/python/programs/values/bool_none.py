# 真值测试: 哪些值被当作 False
values = [0, 1, -1, 0.0, 0.1, '', ' ', 'False', [], [0], (), {}, {'a': 1}, None, set(), range(0)]
for v in values:
    print(repr(v).ljust(10), bool(v))

print(True == 1, False == 0, isinstance(True, int), issubclass(bool, int))
print(True + 1, True and 'yes', False or 'no', not None)
print(type(True).__name__, type(None).__name__)
print(None == None, None is None, None == 0, None == False)
print(repr(None), str(None), [None, True, False])


def find(items, target):
    for i, item in enumerate(items):
        if item == target:
            return i


result = find(['a', 'b'], 'c')
print(result, result is None)
if not result:
    print('没找到')
print(find(['a', 'b'], 'a'), 'is falsy but found')
