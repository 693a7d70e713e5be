# time.sleep 和用 time.time() 计算经过的时间(只比较, 不打印具体时间)
import time

start = time.time()
time.sleep(0.05)
elapsed = time.time() - start
print('slept at least 0.05 s:', elapsed >= 0.05)
print('but not too long:', elapsed < 5)

t0 = time.time()
time.sleep(0)
print('sleep(0) returns at once:', time.time() - t0 < 5)

begin = time.monotonic()
for _ in range(3):
    time.sleep(0.01)
print('three short sleeps:', time.monotonic() - begin >= 0.03)
print(type(time.time()).__name__, type(time.monotonic()).__name__)
print(time.sleep(0.001))
try:
    time.sleep(-1)
except ValueError as e:
    print('ValueError:', e)
try:
    time.sleep('1')
except TypeError as e:
    print('TypeError:', e)
