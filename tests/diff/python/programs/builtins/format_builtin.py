# format() 内置函数和 __format__
print(format(3.14159, '.2f'), format(42, '08b'), format(1234567, ','), format('hi', '^6'))
print(format(0.5, '%'), format(255, 'X'), format(12, ''), format(None, ''), format([1], ''))
print(format(-7, '+05d'), format(1e6, '.1e'), format('abc', '.1'), format(3, 'c') == chr(3))
table = [('Python', 3.11), ('Redis', 7.0), ('RabbitMQ', 3.12)]
for name, version in table:
    print(format(name, '<10') + format(version, '>6.2f'))
try:
    format(3.5, 'x')
except ValueError as e:
    print('ValueError:', e)
try:
    format([1], 'd')
except TypeError as e:
    print('TypeError:', e)
