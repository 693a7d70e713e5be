# collections.deque: 两端都能快速添加和删除
from collections import deque

d = deque([1, 2, 3])
d.append(4)
d.appendleft(0)
print(d, len(d), d[0], d[-1])
print(d.pop(), d.popleft(), d)
d.extend([4, 5])
d.extendleft([-1, -2])          # 逐个加到左边, 所以顺序反过来
print(d)
d.rotate(2)
print('rotate(2):', d)
d.rotate(-3)
print('rotate(-3):', d)
print(3 in d, d.count(4), d.index(4), list(reversed(d)))
d.remove(4)
d.reverse()
print(d, list(d)[:2])
d.clear()
print(d, bool(d), deque(), deque('abc'), deque(range(3)))
try:
    d.pop()
except IndexError as e:
    print('IndexError:', e)
try:
    deque().popleft()
except IndexError as e:
    print('IndexError:', e)
