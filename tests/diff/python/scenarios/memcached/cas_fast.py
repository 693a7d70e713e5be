# 用户 B: 在 A 的 gets 和 cas 之间买走一件
import memcache

mc = memcache.Client(['127.0.0.1:11211'], debug=True, cache_cas=True)
v = mc.gets('product_count')
print('B 读到', v)
print('B cas:', mc.cas('product_count', str(int(v) - 1)))
