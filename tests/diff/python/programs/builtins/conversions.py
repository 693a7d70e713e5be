# 类型转换
print(int('42'), int(3.9), int(-3.9), int(True), int('  7\n'))
print(float('3.5'), float(2), float('1e3'), float(' -0.5 '), float('inf'))
print(str(42), str(3.0), str([1, 'a']), str(None), str(b'x'), str('s'))
print(bool(0), bool(''), bool([]), bool('0'), bool(0.0), bool(-1))
print(list('abc'), list((1, 2)), list({'a': 1, 'b': 2}), list(range(3)), list({'x': 1}.items()))
print(tuple([1, 2]), tuple('hi'), tuple(range(2)))
print(sorted(set([3, 1, 3, 2])), sorted(set('hello')))
print(dict([('a', 1), ('b', 2)]), dict(zip(['x', 'y'], [1, 2])), dict(a=1), dict({'k': 'v'}, extra=0))
print(bytes('abc', 'utf-8'), bytes([104, 105]), list(b'hi'), bytes(2))
print(int('101', 2), int('0o17', 8), hex(255), oct(8), bin(5), int(hex(255), 16))
print(repr(str(1.0)), repr(float('1')), int(float('2.5')), round(float('2.5')))
print(chr(65), ord('A'), str(ord('a')), [ord(c) for c in 'AZaz09'])

for func, arg in [(int, 'abc'), (float, 'x1'), (int, [1]), (dict, [1, 2]), (list, 5), (bytes, 'no encoding')]:
    try:
        func(arg)
    except (ValueError, TypeError) as e:
        print(f'{func.__name__}({arg!r}) -> {type(e).__name__}: {e}')
