# enumerate 和 zip
fruits = ['apple', 'banana', 'cherry']
for i, fruit in enumerate(fruits):
    print(i, fruit)
for rank, fruit in enumerate(fruits, start=1):
    print(f'#{rank} {fruit}')
print(list(enumerate('ab', 10)), dict(enumerate(fruits)))

prices = [5, 3]
counts = [10, 20, 30]
print(list(zip(fruits, prices)))
print(list(zip(fruits, prices, counts)), list(zip()), list(zip('abc')))
for fruit, price, count in zip(fruits, prices, counts):
    print(f'{fruit}: {price} x {count} = {price * count}')
names, ages = zip(*[('ann', 30), ('bob', 25)])
print(names, ages)
print(dict(zip(fruits, range(100))))
matrix = [[1, 2, 3], [4, 5, 6]]
print([list(col) for col in zip(*matrix)])
try:
    list(zip(fruits, prices, strict=True))
except ValueError as e:
    print('ValueError:', e)
e = enumerate(['x', 'y'])
print(next(e), next(e), next(e, 'done'))
