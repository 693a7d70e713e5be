# 掷骰子 6000 次, 统计每个点数出现的次数
import random

random.seed(1)
counts = {face: 0 for face in range(1, 7)}
for _ in range(6000):
    counts[random.randint(1, 6)] += 1
for face, n in counts.items():
    print(face, n, '#' * (n // 50))
print('total', sum(counts.values()))

pairs = {}
for _ in range(1000):
    total = random.randint(1, 6) + random.randint(1, 6)
    pairs[total] = pairs.get(total, 0) + 1
print(sorted(pairs.items()))
print('most common sum:', max(pairs, key=pairs.get))
