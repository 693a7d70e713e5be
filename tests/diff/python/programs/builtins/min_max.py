# min 和 max
print(max(3, 7, 5), min(3, 7, 5), max([1, 9, 2]), min('hello'), max('apple', 'banana'))
words = ['kiwi', 'banana', 'fig', 'cherry']
print(max(words, key=len), min(words, key=len), max(words), min(words, key=lambda w: w[-1]))
scores = {'张三': 88, '李四': 95, '王五': 72}
print(max(scores), max(scores, key=scores.get), min(scores.values()), max(scores.items(), key=lambda kv: kv[1]))
print(max([], default=None), min([], default='empty'), max([5], default=0))
print(max([1, 5, 5, 2], key=lambda x: -x), max([(1, 'b'), (1, 'a')]), max(True, 2, 1.5))
# 一样大的时候返回第一个
print(max(['aa', 'bb', 'cc'], key=len), min(['aa', 'bb', 'cc'], key=len))
for args in ([], [[]]):
    try:
        print(max(*args))
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ':', e)
try:
    min(1, 'a')
except TypeError as e:
    print('TypeError:', e)
try:
    min([])
except ValueError as e:
    print('ValueError:', e)
