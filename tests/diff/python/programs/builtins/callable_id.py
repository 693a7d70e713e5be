# callable 和 id(id 的值每次都不同, 只比较不打印)
class Greeter:
    def __call__(self):
        return 'hi'


class Plain:
    pass


def func():
    pass


for thing in (func, len, Greeter, Greeter(), Plain(), 42, 'str', lambda: 0, print):
    print(type(thing).__name__, callable(thing))

a = [1, 2]
b = a
c = [1, 2]
print(id(a) == id(b), id(a) == id(c), id(a) != id(c))
print(type(id(a)).__name__, id(a) > 0)
x = 'same object'
y = x
print(id(x) == id(y), x is y)
