# sorted 和 reversed
data = [5, 3, 8, 1, 9, 2]
print(sorted(data), sorted(data, reverse=True), data)
print(list(reversed(data)), data[::-1], list(reversed('abc')), list(reversed(range(3))))
print(list(reversed({'a': 1, 'b': 2})), list(reversed((1, 2, 3))))
r = reversed([1, 2, 3])
print(type(r).__name__, next(r), list(r), list(r))
print(sorted('Hello World'), sorted('Hello World', key=str.lower))
print(sorted([('b', 2), ('a', 2), ('c', 1)], key=lambda p: p[1]))
print(sorted({'x': 3, 'y': 1}.items(), key=lambda kv: kv[1]), sorted([]), sorted(()))
print(''.join(sorted('python')), ''.join(reversed('python')))
try:
    reversed({1, 2})
except TypeError as e:
    print('TypeError:', e)
try:
    sorted([1, 2], key=len)
except TypeError as e:
    print('TypeError:', e)
