#!/usr/bin/env python
# -*- coding:utf-8 -*-
import memcache

mc = memcache.Client(['127.0.0.1:11211'], debug=True)
mc.set("foo", "bar")
print(mc.get('foo'))
print(mc.add('k1', 'v1'), mc.add('k1', 'v2'), mc.get('k1'))
print(mc.replace('kkkk', '999'), mc.replace('k1', '999'), mc.get('k1'))
mc.set('key0', 'wupeiqi')
print(mc.set_multi({'key1': 'val1', 'key2': 'val2'}))
print(mc.get('key0'), sorted(mc.get_multi(["key1", "key2", "key3"]).items()))
mc.delete('key0')
print(mc.delete_multi(['key1', 'key2']), mc.get_multi(['key0', 'key1', 'key2']))
mc.set('k1', 'v1')
mc.append('k1', 'after')
mc.prepend('k1', 'before')
print(mc.get('k1'))
mc.set('k1', '777')
print(mc.incr('k1'), mc.incr('k1', 10), mc.decr('k1'), mc.decr('k1', 10), mc.get('k1'))
print(mc.incr('missing'), mc.set('n', 5), mc.incr('n'), mc.get('n'))
mc.set('num', 42)
print(mc.get('num'), type(mc.get('num')).__name__)
