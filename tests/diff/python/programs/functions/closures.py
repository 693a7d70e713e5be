# 闭包: 内层函数记住外层函数的变量
def make_multiplier(factor):
    def multiply(x):
        return x * factor
    return multiply


double = make_multiplier(2)
triple = make_multiplier(3)
print(double(5), triple(5), double(triple(2)))
print(double.__name__)


def make_counter():
    count = 0

    def increment():
        nonlocal count
        count += 1
        return count
    return increment


c1 = make_counter()
c2 = make_counter()
print(c1(), c1(), c1(), c2())

# 晚绑定的坑: 循环中创建的 lambda 都看到最后的 i
funcs = [lambda: i for i in range(3)]
print([f() for f in funcs])
# 用默认参数固定当前的值
funcs = [lambda i=i: i for i in range(3)]
print([f() for f in funcs])


def make_accumulator():
    history = []

    def add(value):
        history.append(value)
        return sum(history), len(history)
    return add


acc = make_accumulator()
acc(10)
acc(20)
print(acc(5))
