# pubsub.listen(): 一个生成器, 来一条消息给一条; 收到 3 条就退订
import redis

r = redis.Redis(decode_responses=True)
p = r.pubsub()
p.subscribe('news', 'sports')
count = 0
for message in p.listen():
    print(message)
    if message['type'] == 'message':
        count += 1
        if count == 3:
            p.unsubscribe('news', 'sports')
print('subscribed?', p.subscribed)
