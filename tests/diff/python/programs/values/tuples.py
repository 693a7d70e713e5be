# 元组: 不可变的序列
point = (3, 4)
x, y = point
print(point, x, y, point[0], len(point))

record = ('张三', 20, ('北京', '海淀'))
name, age, (city, district) = record
print(name, age, city, district)

t = (1, 2, 3, 2, 1)
print(t.count(1), t.index(3), t + (4,), t * 2, t[::-1])
print((1, 2) < (1, 3), (2,) > (1, 9, 9), (1, 2) == (1, 2), () < (0,))
print(tuple([1, 2]), tuple('hi'), tuple({'a': 1, 'b': 2}))
print(max((3, 'c'), (3, 'a'), (1, 'z')), sorted([(2, 'b'), (1, 'b'), (2, 'a')]))

# 元组不可变, 但里面的列表可以变
holder = ([1], 'x')
holder[0].append(2)
print(holder)
try:
    holder[1] = 'y'
except TypeError as e:
    print('TypeError:', e)
try:
    t.index(99)
except ValueError as e:
    print('ValueError:', e)

# += 对元组会生成新对象
a = (1, 2)
b = a
a += (3,)
print(a, b, a is b)
