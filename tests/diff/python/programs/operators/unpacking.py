# 序列解包
a, b, c = 1, 2, 3
print(a, b, c)
a, b = b, a
print('swapped:', a, b)
x, y = 'hi'
print(x, y)
(p, q), r = (1, 2), 3
print(p, q, r)

# 星号收集剩下的元素(总是得到列表)
first, *rest = [10, 20, 30, 40]
print(first, rest)
*init, last = 'hello'
print(init, last)
head, *middle, tail = range(6)
print(head, middle, tail)
a, *b = [1]
print(a, b)

# for 循环里解包
pairs = [('张三', 90), ('李四', 85)]
for name, score in pairs:
    print(name, score)
for index, (name, score) in enumerate(pairs, 1):
    print(index, name, score)

# 调用时解包, 以及字面量里的 * 和 **
nums = [3, 1, 2]
print(*nums, sep=' | ')
print(max(*nums), [*nums, *'ab'], (*nums,), {*nums} == {1, 2, 3})
defaults = {'host': 'localhost', 'port': 6379}
custom = {'port': 6380, 'db': 1}
print({**defaults, **custom})

# 数量不对会报错
for attempt in ('a, b = [1, 2, 3]', 'a, b, c = [1, 2]', 'a, *b, c = [1]'):
    try:
        if attempt.startswith('a, b ='):
            a, b = [1, 2, 3]
        elif attempt.startswith('a, b, c'):
            a, b, c = [1, 2]
        else:
            a, *b, c = [1]
    except ValueError as e:
        print(attempt, '->', e)
try:
    a, b = 5
except TypeError as e:
    print('TypeError:', e)
