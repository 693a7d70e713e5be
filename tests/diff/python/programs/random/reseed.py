# 同一个种子产生同样的序列
import random

random.seed(2017)
first = [random.randint(1, 100) for _ in range(8)]
random.seed(2017)
second = [random.randint(1, 100) for _ in range(8)]
print(first)
print(first == second)
random.seed(7)
print([random.randint(0, 9) for _ in range(10)])
random.seed(0)
print(random.random(), random.random())
random.seed(123456789)
print(random.randrange(1000000), random.randrange(-50, 50))
random.seed(2 ** 70 + 3)
print(random.random(), random.randint(10 ** 20, 10 ** 21))
random.seed(-5)
print(random.random())
