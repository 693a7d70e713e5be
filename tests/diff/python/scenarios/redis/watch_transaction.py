# 乐观锁: WATCH 之后有人改了 counter, EXEC 失败, transaction() 重试
import time

import redis

r = redis.Redis(decode_responses=True)
r.set('counter', 10)
attempts = []


def double(pipe):
    value = int(pipe.get('counter'))
    attempts.append(value)
    if len(attempts) == 1:
        time.sleep(1.5)          # 别人在这时改了 counter
    pipe.multi()
    pipe.set('counter', value * 2)


print(r.transaction(double, 'counter'))
print('读到过', attempts, '现在', r.get('counter'))
with r.pipeline() as pipe:
    pipe.watch('counter')
    print(pipe.get('counter'))
    pipe.multi()
    pipe.incr('counter').incr('counter')
    print(pipe.execute())
