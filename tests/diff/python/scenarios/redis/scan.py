import redis

r = redis.Redis(decode_responses=True)
for i in range(30):
    r.set('user:%02d' % i, i)
r.hset('h', mapping={'f%d' % i: i for i in range(5)})
r.sadd('s', *range(5))
r.zadd('z', {'m%d' % i: i for i in range(5)})
print(sorted(r.scan_iter('user:1*')))
print(sorted(r.hscan_iter('h')))
print(sorted(r.sscan_iter('s')))
print(sorted(r.zscan_iter('z')))
print(sum(1 for _ in r.scan_iter(count=7)))
