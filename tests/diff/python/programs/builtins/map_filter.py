# map 和 filter 返回惰性的迭代器
nums = [1, 2, 3, 4, 5, 6]
squares = map(lambda x: x * x, nums)
print(type(squares).__name__, list(squares), list(squares))
print(list(map(str, nums)), list(map(int, '1 22 333'.split())), list(map(len, ['a', 'bb'])))
print(list(map(lambda a, b: a * b, [1, 2, 3], [10, 20])), list(map(pow, [2, 3], [3, 2])))
print(list(filter(lambda x: x % 2 == 0, nums)), list(filter(None, [0, 1, '', 'a', None, [], [0]])))
print(list(filter(str.isdigit, ['1', 'a', '22', '3b'])), sum(map(int, '12345')))
words = ['  apple ', 'Banana', '  cherry']
print(list(map(str.strip, words)), sorted(map(str.lower, map(str.strip, words))))
line = '3 4 5'
a, b, c = map(int, line.split())
print(a * b * c)
evens = filter(lambda n: n % 2 == 0, range(10))
print(next(evens), next(evens), list(evens))
try:
    list(map(int, ['1', 'two']))
except ValueError as e:
    print('ValueError:', e)
