# maxlen: 满了以后从另一端挤出旧元素(最近 N 条记录)
from collections import deque

recent = deque(maxlen=3)
for page in ['home', 'news', 'sports', 'weather', 'mail']:
    recent.append(page)
    print(f'visit {page:<8} recent = {list(recent)}')
print(recent, recent.maxlen)
recent.appendleft('first')
print(recent)
recent.extend(['x', 'y'])
print(recent)
print(deque([1, 2, 3, 4, 5], maxlen=2), deque(maxlen=0), deque('ab').maxlen)

# 滑动窗口平均值
window = deque(maxlen=3)
for value in [10, 20, 30, 40, 50]:
    window.append(value)
    print(value, '->', sum(window) / len(window))


def tail(lines, n):
    return list(deque(lines, maxlen=n))


print(tail(['l1', 'l2', 'l3', 'l4'], 2))
