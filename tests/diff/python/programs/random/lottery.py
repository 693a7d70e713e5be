# 双色球: 6 个红球(1-33 不重复) + 1 个蓝球(1-16)
import random

random.seed(20170404)
for ticket in range(1, 6):
    reds = sorted(random.sample(range(1, 34), 6))
    blue = random.randint(1, 16)
    print(f'第{ticket}注: 红球 {" ".join(f"{n:02d}" for n in reds)} | 蓝球 {blue:02d}')

draw = set(random.sample(range(1, 34), 6))
mine = set(random.sample(range(1, 34), 6))
print('中了', len(draw & mine), '个红球:', sorted(draw & mine))
