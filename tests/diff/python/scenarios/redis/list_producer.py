import redis

r = redis.Redis()
for i in range(3):
    r.rpush('jobs', 'job-%d' % i)
print('pushed 3 jobs')
