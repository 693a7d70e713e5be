# sum、abs、round
print(sum([1, 2, 3]), sum([1, 2, 3], 10), sum([]), sum(range(101)), sum([0.1] * 10))
print(sum([[1], [2, 3]], []), sum([0.5, 0.25], 1), sum(x * x for x in range(4)), sum([True, True]))
print(abs(-5), abs(3.5), abs(-0.0), abs(0), abs(-2 ** 100), abs(True))
print(round(3.14159, 2), round(-2.5), round(1234.5678, -2), round(7, -1), round(0.5 + 1))
amounts = [19.99, 5.01, 0.1, 0.2]
print(sum(amounts), round(sum(amounts), 2), f'{sum(amounts):.2f}')
try:
    sum(['a', 'b'], '')
except TypeError as e:
    print('TypeError:', e)
try:
    sum(['a', 'b'])
except TypeError as e:
    print('TypeError:', e)
try:
    abs('x')
except TypeError as e:
    print('TypeError:', e)
