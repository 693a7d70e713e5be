# 比较运算符可以连写: a < b < c 等价于 a < b and b < c
x = 5
print(1 < x < 10, 1 < x > 3, 0 <= x <= 4, x == 5 == 5.0)
print(1 < 2 < 3 < 4 < 5, 1 < 3 < 2, 3 > 2 == 2)


def value(v, label):
    print('  evaluating', label)
    return v


# 第一个比较为假时, 后面的不再计算
print(value(3, 'a') < value(1, 'b') < value(2, 'c'))
print(value(1, 'a') < value(2, 'b') < value(3, 'c'))

# 字符串按字符编码逐个比较
print('apple' < 'banana', 'apple' < 'Apple', 'a' < 'B', 'abc' < 'abd', 'ab' < 'abc')
print('Z' < 'a', '10' < '9', '中' > 'z', ord('中'), ord('z'))
# 列表和元组也逐个元素比较
print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], (2, 'a') > (1, 'z'), [3] > [2, 9])
print(1 == 1.0, 1 != '1', [1, 2] == [1, 2], (1, 2) == [1, 2], None != 0)

# 不同类型不能比较大小
for left, right in ((1, '1'), ([1], (1,)), (None, 0), ('a', 1.5)):
    try:
        print(left < right)
    except TypeError as e:
        print('TypeError:', e)
try:
    print({1: 2} < {3: 4})
except TypeError as e:
    print('TypeError:', e)
