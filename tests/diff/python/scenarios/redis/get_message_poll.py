# get_message(timeout=...) 轮询: 订阅的确认被忽略时也返回 None
import redis

r = redis.Redis()
p = r.pubsub(ignore_subscribe_messages=True)
p.subscribe('alerts')
for attempt in range(3):
    print(attempt, p.get_message(timeout=1.5))
