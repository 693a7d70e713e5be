import memcache

mc = memcache.Client(['127.0.0.1:11211'])
for i in range(3):
    mc.set('news:%d' % i, '第 %d 条新闻' % i, time=60)
mc.set('counter', '0')
print('写好了')
