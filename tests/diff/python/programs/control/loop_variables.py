# 循环变量在循环结束后仍然存在
for i in range(3):
    pass
print('after loop i =', i)

# 在循环里修改循环变量不影响下一次
for i in range(3):
    print('i =', i)
    i = 100
print('last i =', i)

# 遍历时不要修改列表: 倒着删或者生成新列表
nums = [1, 2, 2, 3, 2, 4]
for n in nums[:]:
    if n == 2:
        nums.remove(n)
print(nums)
nums = [1, 2, 2, 3, 2, 4]
nums = [n for n in nums if n != 2]
print(nums)

# 遍历字典
prices = {'apple': 5, 'pear': 3, 'grape': 12}
for fruit in prices:
    print(fruit, end=' ')
print()
for fruit, price in prices.items():
    print(f'{fruit:>6}: {price:3d}')
total = 0
for price in prices.values():
    total += price
print('total', total)

# range 的步长
print(list(range(10, 0, -3)), [i * i for i in range(1, 6)])
for _ in range(2):
    print('下划线表示不用的变量')
