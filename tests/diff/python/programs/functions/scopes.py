# 全局变量、局部变量、global、nonlocal
total = 0


def add_global(n):
    global total
    total += n


add_global(5)
add_global(7)
print('total =', total)

name = 'global'


def outer():
    name = 'outer'

    def inner():
        nonlocal name
        name = 'changed by inner'
    inner()
    return name


print(outer(), name)


def shadow():
    name = 'local'
    return name


print(shadow(), name)


def read_only():
    return name.upper()


print(read_only())

# 赋值让变量成为局部变量, 所以先读会出错
x = 10


def broken():
    print(x)
    x = 20


try:
    broken()
except UnboundLocalError as e:
    print('UnboundLocalError:', e)


def counter_factory():
    counts = {'calls': 0}

    def call():
        counts['calls'] += 1   # 修改对象不需要 nonlocal
        return counts['calls']
    return call


call = counter_factory()
call()
print('calls =', call())
