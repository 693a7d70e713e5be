# 列表、字典、集合推导式
squares = [n * n for n in range(10)]
evens = [n for n in range(20) if n % 2 == 0]
print(squares)
print(evens)
print([c.upper() for c in 'hello' if c != 'l'])
print([(x, y) for x in range(3) for y in range(x)])

matrix = [[1, 2, 3], [4, 5, 6]]
print([[row[i] for row in matrix] for i in range(3)])
print([n for row in matrix for n in row])

words = ['apple', 'banana', 'cherry', 'avocado']
lengths = {w: len(w) for w in words}
print(lengths)
by_letter = {w[0]: [x for x in words if x[0] == w[0]] for w in words}
print(by_letter)
inverted = {v: k for k, v in {'a': 1, 'b': 2}.items()}
print(inverted)
print(sorted({len(w) for w in words}), sorted({c for w in words for c in w if c in 'aeiou'}))

scores = {'张三': 88, '李四': 59, '王五': 72}
passed = {name: s for name, s in scores.items() if s >= 60}
print(passed)
print(['pass' if s >= 60 else 'fail' for s in scores.values()])
print([i * j for i in range(1, 4) for j in range(1, 4) if i != j])
print(dict.fromkeys('abc', 0), {i: chr(65 + i) for i in range(5)})
