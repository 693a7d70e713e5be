# 容器的字面量和 repr
print([1, 'a', None, 2.5, True])
print((1,), (), (1, 2), tuple('abc'))
print({}, {'name': '张三', 'age': 18}, {1: 'one', (1, 2): 'pair'})
print(set(), {42}, frozenset(), len({1, 2, 2, 3}))
print([[1, 2], [3, [4, 5]]], ([], {}), {'k': [1, (2, 3)]})
print(list(), tuple(), dict(), str(), int(), float(), bool())
print(['it\'s', "say \"hi\"", '中文', '\n'])
print(range(5), range(1, 10, 2), list(range(3)))
print(type([]).__name__, type(()).__name__, type({}).__name__, type(set()).__name__)

# 一个元素的元组必须有逗号
not_a_tuple = (5)
a_tuple = (5,)
also_tuple = 5,
print(type(not_a_tuple).__name__, type(a_tuple).__name__, also_tuple)

# 字典的键必须可哈希
points = {(0, 0): 'origin', (1, 0): 'east'}
print(points[(0, 0)], points[1, 0])
try:
    bad = {[1, 2]: 'list key'}
except TypeError as e:
    print('TypeError:', e)
try:
    s = {1, [2]}
except TypeError as e:
    print('TypeError:', e)

# 1 和 1.0 和 True 是同一个键
d = {1: 'int'}
d[1.0] = 'float'
d[True] = 'bool'
print(d)
