# isinstance、type、issubclass
values = [1, 2.0, 'three', [4], (5,), {6: 6}, {7}, None, True, b'8']
for v in values:
    kinds = [t.__name__ for t in (int, float, str, list, tuple, dict, set, bool, bytes) if isinstance(v, t)]
    print(f'{v!r:>10} type={type(v).__name__:<8} isinstance of {kinds}')
print(isinstance(True, int), type(True) == int, type(True) is bool)
print(isinstance(3, (int, float)), isinstance('x', (int, float)), isinstance(None, type(None)))
print(issubclass(bool, int), issubclass(int, object), issubclass(str, (int, str)))


def describe(value):
    if isinstance(value, bool):
        return 'a bool'
    if isinstance(value, (int, float)):
        return 'a number'
    if isinstance(value, str):
        return 'a string'
    if isinstance(value, (list, tuple)):
        return f'a sequence of {len(value)}'
    return 'something else'


print([describe(v) for v in (True, 3, 2.5, 'x', [1, 2], (), None)])
try:
    isinstance(3, 'int')
except TypeError as e:
    print('TypeError:', e)
