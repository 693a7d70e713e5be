# __iter__ 和 __next__: 自己写迭代器
class Countdown:
    def __init__(self, start):
        self.current = start

    def __iter__(self):
        return self

    def __next__(self):
        if self.current <= 0:
            raise StopIteration
        value = self.current
        self.current -= 1
        return value


for n in Countdown(3):
    print(n)
it = Countdown(2)
print(next(it), next(it), next(it, 'finished'))
print(list(it))                       # 迭代器只能用一次


# 可迭代对象每次返回新的迭代器, 可以反复遍历
class Range2D:
    def __init__(self, rows, cols):
        self.rows, self.cols = rows, cols

    def __iter__(self):
        for r in range(self.rows):
            for c in range(self.cols):
                yield r, c


area = Range2D(2, 3)
print(list(area))
print(len(list(area)), max(area), (1, 1) in area)
print(sum(r * c for r, c in area))


class Fib:
    def __init__(self, limit):
        self.limit = limit

    def __iter__(self):
        a, b = 0, 1
        while a < self.limit:
            yield a
            a, b = b, a + b


print(list(Fib(50)), sorted(Fib(20), reverse=True))
print(dict(zip('abc', Fib(100))), list(enumerate(Fib(3))))
try:
    iter(5)
except TypeError as e:
    print('TypeError:', e)
try:
    next([1, 2])
except TypeError as e:
    print('TypeError:', e)
