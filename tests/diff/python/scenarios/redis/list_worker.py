# 用 brpop 等任务, 3 秒没有就结束
import redis

r = redis.Redis()
while True:
    item = r.blpop('jobs', timeout=3)
    if item is None:
        print('no more jobs')
        break
    print('got', item)
