# random: 固定种子后, 每次运行的结果都一样
import random

random.seed(42)
print([random.random() for _ in range(3)])
print([random.randint(1, 6) for _ in range(10)])
print(random.choice(['石头', '剪刀', '布']), random.choice('abcdef'), random.choice(range(100)))
cards = list(range(1, 11))
random.shuffle(cards)
print(cards)
print(random.sample(range(100), 5), random.sample(['a', 'b', 'c', 'd'], 2))
print(random.uniform(1, 10), random.uniform(5, -5))
print(random.randrange(10), random.randrange(0, 100, 5), random.randrange(10, 0, -3))
print(round(random.random(), 4), f'{random.uniform(0, 1):.6f}')
