# 赋值、浅拷贝
original = [1, [2, 3], {'k': 'v'}]
alias = original
shallow1 = original[:]
shallow2 = list(original)
shallow3 = original.copy()

original.append(4)
original[1].append(99)
original[2]['k'] = 'changed'
print(alias)
print(shallow1)
print(shallow2 == shallow3, shallow1 is shallow2, shallow1[1] is original[1])

d = {'name': 'ann', 'tags': ['a']}
d2 = d.copy()
d2['name'] = 'bob'
d2['tags'].append('b')
print(d, d2)
d3 = dict(d)
d3['tags'] = d3['tags'] + ['c']         # 新列表, 不影响 d
print(d['tags'], d3['tags'])

# 手写一个深拷贝
def deep_copy(value):
    if isinstance(value, list):
        return [deep_copy(v) for v in value]
    if isinstance(value, dict):
        return {k: deep_copy(v) for k, v in value.items()}
    return value


nested = {'matrix': [[1, 2], [3, 4]]}
cloned = deep_copy(nested)
cloned['matrix'][0][0] = 100
print(nested, cloned)
s = {1, 2}
s2 = s.copy()
s2.add(3)
print(sorted(s), sorted(s2), (1, [2]) == (1, [2]))
