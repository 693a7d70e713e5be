# 重试: 失败后等待一小会儿再试(间隔逐渐变长)
import time

attempts = []


def connect(attempt):
    attempts.append(attempt)
    if attempt < 3:
        raise ConnectionError(f'attempt {attempt}: connection refused')
    return 'connected'


delay = 0.005
start = time.time()
for attempt in range(1, 6):
    try:
        print(connect(attempt))
        break
    except ConnectionError as e:
        print(e, f'-> retry in {delay:.3f} s')
        time.sleep(delay)
        delay *= 2
print('attempts:', attempts)
print('waited at least 0.015 s:', time.time() - start >= 0.015)
