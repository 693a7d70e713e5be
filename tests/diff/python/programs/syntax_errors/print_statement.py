# 课程里的 Python 2 写法: print 语句(整个程序一行也不会运行)
import memcache

mc = memcache.Client(['10.211.55.4:12000'], debug=True)
mc.set("foo", "bar")
ret = mc.get('foo')
print ret
