import memcache

mc = memcache.Client(['127.0.0.1:11211'])
print(sorted(mc.get_multi(['news:0', 'news:1', 'news:2', 'news:3']).items()))
print(mc.incr('counter', 5), mc.get('counter'))
