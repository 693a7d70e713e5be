# 可哈希与不可哈希
print(hash(1) == hash(1.0), hash('a') == hash('a'), hash((1, 2)) == hash((1, 2)))
for value in ([1], {'a': 1}, {1}, (1, [2])):
    try:
        hash(value)
    except TypeError as e:
        print(f'{value!r}: TypeError: {e}')
try:
    {}[[1, 2]] = 'x'
except TypeError as e:
    print('TypeError:', e)
try:
    {['a']}
except TypeError as e:
    print('TypeError:', e)
try:
    [1, 2] in {1: 'x'}
except TypeError as e:
    print('TypeError:', e)
# 把列表变成元组就可以当键了
visited = {tuple([0, 0]): True}
print(visited, (0, 0) in visited, frozenset([1, 2]) in {frozenset([2, 1])})
