# 排序: key、reverse、稳定性
students = [
    ('张三', '一班', 88),
    ('李四', '二班', 95),
    ('王五', '一班', 88),
    ('赵六', '二班', 70),
    ('孙七', '一班', 95),
]
print('by score:', [s[0] for s in sorted(students, key=lambda s: s[2])])
print('by score desc:', [s[0] for s in sorted(students, key=lambda s: s[2], reverse=True)])
# 稳定排序: 分数相同的保持原来的顺序, 即使 reverse=True
print('by class then score desc:', [s[0] for s in sorted(students, key=lambda s: (s[1], -s[2]))])
# 分两次排序: 先按次要键, 再按主要键
step = sorted(students, key=lambda s: s[0])
step = sorted(step, key=lambda s: s[1])
print('two passes:', [s[0] for s in step])

print(sorted([(2, 'b'), (1, 'z'), (2, 'a'), (1, 'a')]))
print(sorted(['banana', 'Apple', 'cherry', 'apple']), sorted(['banana', 'Apple', 'cherry', 'apple'], key=str.lower))
print(sorted([3, 1.5, True, -2]), sorted('hello'), sorted({'b': 1, 'a': 2}))
print(sorted(['10', '9', '100']), sorted(['10', '9', '100'], key=int), sorted([-3, 2, -1], key=abs))
words = ['kiwi', 'fig', 'banana', 'apple', 'date']
words.sort(key=len)
print(words)
words.sort(key=lambda w: (len(w), w), reverse=True)
print(words)
try:
    sorted([3, 'a', 1])
except TypeError as e:
    print('TypeError:', e)
try:
    [{'a': 1}, {'a': 2}].sort()
except TypeError as e:
    print('TypeError:', e)
