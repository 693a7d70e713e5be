# 集合运算(字符串集合的顺序每次运行都可能不同, 所以总是排序后再打印)
python_fans = {'张三', '李四', '王五', '赵六'}
redis_fans = {'李四', '赵六', '孙七'}
print('both:', sorted(python_fans & redis_fans), sorted(python_fans.intersection(redis_fans)))
print('either:', sorted(python_fans | redis_fans), sorted(python_fans.union(redis_fans, {'周八'})))
print('only python:', sorted(python_fans - redis_fans), sorted(python_fans.difference(redis_fans)))
print('exactly one:', sorted(python_fans ^ redis_fans), sorted(python_fans.symmetric_difference(redis_fans)))
print({'李四'} <= redis_fans, {'李四'} < redis_fans, redis_fans >= {'孙七'}, redis_fans.issubset(python_fans))
print(python_fans.isdisjoint({'nobody'}), python_fans.issuperset({'张三'}), len(python_fans | redis_fans))

s = set()
s.add(3)
s.add(1)
s.add(3)
s.update([5, 7], (9,))
s.discard(100)
s.remove(7)
print(sorted(s), len(s), 5 in s, 7 in s)
s -= {1}
s |= {2}
s &= {2, 3, 5, 11}
print(sorted(s))
print(sorted(set('mississippi')), len(set([1, 1.0, True])), set() == set(), {1, 2} == {2, 1})
print(sorted({x % 3 for x in range(10)}), sorted(frozenset('aab')), {frozenset({1}): 'ok'}[frozenset({1})])
unique_in_order = list(dict.fromkeys(['b', 'a', 'b', 'c', 'a']))
print(unique_in_order)
try:
    s.remove(42)
except KeyError as e:
    print('KeyError:', e)
try:
    set().pop()
except KeyError as e:
    print('KeyError:', e)
try:
    {1} + {2}
except TypeError as e:
    print('TypeError:', e)
