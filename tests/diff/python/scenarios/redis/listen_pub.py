import redis

r = redis.Redis()
print(r.publish('news', '第一条'), r.publish('weather', 'sunny'), r.publish('sports', 'goal'))
print(r.publish('news', 'last'))
