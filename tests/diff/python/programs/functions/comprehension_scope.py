# 推导式有自己的作用域: 循环变量不会泄漏出来
x = 'outer x'
squares = [x * x for x in range(4)]
print(squares, x)

# 但是普通 for 循环的变量会留下来
for y in range(4):
    pass
print('y after for loop:', y)

# 推导式可以读取外面的变量
factor = 3
print([n * factor for n in range(4)])


def make():
    base = 100
    return [base + i for i in range(3)]


print(make())

# 类体里的变量在推导式里(除了第一个 for 的可迭代对象)看不见
class Config:
    size = 3
    items = [i for i in range(size)]
    try:
        doubled = [size * i for i in range(3)]
    except NameError as e:
        print('NameError:', e)


print(Config.items, hasattr(Config, 'doubled'))

# 推导式里的 lambda 都共享同一个变量
funcs = [lambda: n for n in range(3)]
print([f() for f in funcs])
