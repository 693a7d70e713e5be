# 用户 A: gets 之后想了 1.5 秒再 cas
import time
import memcache

mc = memcache.Client(['127.0.0.1:11211'], debug=True, cache_cas=True)
mc.set('product_count', '900')
v = mc.gets('product_count')
print('A 读到', v)
time.sleep(1.5)
print('A cas:', mc.cas('product_count', str(int(v) - 1)))
print('A 再读', mc.get('product_count'))
