# random.choices: 可以重复, 可以指定权重
import random

random.seed(5)
print(random.choices(['a', 'b', 'c'], k=8))
print(random.choices(['red', 'green', 'blue'], weights=[10, 1, 1], k=10))
print(random.choices(range(5), cum_weights=[1, 2, 3, 4, 100], k=6))
tally = {'common': 0, 'rare': 0, 'legend': 0}
for item in random.choices(list(tally), weights=[90, 9, 1], k=1000):
    tally[item] += 1
print(tally)
print(random.getrandbits(8), random.getrandbits(32), random.getrandbits(100))
