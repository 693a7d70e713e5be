# 课程 Memcached 部分的 Python 3 写法: print ret -> print(ret)
# (没有真的 memcached 服务器, 用同目录下的 fake_memcache 模块代替)
import fake_memcache as memcache

mc = memcache.Client(['10.211.55.4:12000'], debug=True)
mc.set("foo", "bar")
ret = mc.get('foo')
print(ret)

print(mc.add('k1', 'v1'), mc.add('k1', 'v2'), mc.get('k1'))      # add: 已存在就失败
print(mc.replace('kkkk', '999'), mc.replace('k1', '999'), mc.get('k1'))
mc.set('key0', 'wupeiqi')
mc.set_multi({'key1': 'val1', 'key2': 'val2'})
print(mc.get_multi(["key1", "key2", "key3"]))
mc.delete('key0')
mc.delete_multi(['key1', 'key2'])
print(mc.get('key0'), mc.get_multi(['key1', 'key2']))
mc.set('k1', 'v1')
mc.append('k1', 'after')
mc.prepend('k1', 'before')
print(mc.get('k1'))
mc.set('k1', '777')
print(mc.incr('k1'), mc.incr('k1', 10), mc.decr('k1'), mc.decr('k1', 10), mc.get('k1'))
print(mc.incr('missing'), mc.decr('k1', 10000))
