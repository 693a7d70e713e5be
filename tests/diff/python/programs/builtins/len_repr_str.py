# len、repr、str
print(len('hello'), len('中文'), len([1, [2, 3]]), len({}), len({'a': 1}), len(range(5)), len(b'ab'))
print(len(()), len((1,)), len(set('aab')), len(''), len(' '))
values = ['text', "it's", 42, 3.0, None, [1, 'a'], {'k': 'v'}, (1,), b'\x00', '中', '\t']
for v in values:
    print(f'str={str(v):<12} repr={repr(v)}')
print(str('a') == repr('a'), str(1) == repr(1), repr(repr('x')))
nested = {'list': ['a', "b'c"], 'tuple': ('x',), 'none': None}
print(str(nested) == repr(nested), nested)
try:
    len(42)
except TypeError as e:
    print('TypeError:', e)
try:
    len(x for x in 'ab')
except TypeError as e:
    print('TypeError:', e)
