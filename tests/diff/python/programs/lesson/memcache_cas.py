# gets 和 cas: 两个用户同时买最后的商品, 后提交的那个会失败
import fake_memcache as memcache

mc = memcache.Client(['10.211.55.4:12000'], debug=True, cache_cas=True)
mc.set('product_count', '900')

user_a = mc
user_b = memcache.Client(['10.211.55.4:12000'], cache_cas=True)
user_b._data = mc._data                  # 两个客户端连的是同一台服务器
user_b._cas_ids = mc._cas_ids

count_a = int(user_a.gets('product_count'))
count_b = int(user_b.gets('product_count'))
print('A sees', count_a, '| B sees', count_b)
print('A cas ->', user_a.cas('product_count', str(count_a - 1)))
print('B cas ->', user_b.cas('product_count', str(count_b - 1)))
print('now', mc.get('product_count'))
count_b = int(user_b.gets('product_count'))
print('B retries with', count_b, '->', user_b.cas('product_count', str(count_b - 1)))
print('finally', mc.get('product_count'))
