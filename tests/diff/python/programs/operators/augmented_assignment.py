# 增强赋值
n = 10
n += 5
n -= 3
n *= 2
print(n)
n /= 4
print(n)
n //= 2
print(n)
n **= 3
n %= 7
print(n)
bits = 1
bits <<= 4
bits |= 3
bits ^= 1
bits >>= 1
bits &= 0b101
print(bits)

# 列表的 += 会原地修改, 所有引用都能看到
shopping = ['milk']
alias = shopping
shopping += ['eggs', 'bread']
print(shopping, alias, shopping is alias)
# 而 a = a + b 会生成新列表
shopping = shopping + ['tea']
print(shopping, alias, shopping is alias)

# += 可以接任何可迭代对象, + 不行
letters = ['a']
letters += 'bc'
letters += ('d',)
print(letters)
try:
    letters = letters + 'ef'
except TypeError as e:
    print('TypeError:', e)

# 字符串和元组的 += 总是生成新对象
s = t = 'ab'
s += 'c'
print(s, t)
row = [0] * 3
row *= 2
print(row)


def add_item(basket):
    basket += ['apple']


mine = []
add_item(mine)
add_item(mine)
print(mine)
