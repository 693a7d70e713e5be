import redis

r = redis.Redis()
print('bump', r.incr('counter'))
