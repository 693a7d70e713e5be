import redis

r = redis.Redis()
print(r.publish('alerts', 'disk full'))
