# round(): 银行家舍入(四舍六入五成双)
for x in (0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5):
    print(f'round({x}) = {round(x)}')

# 2.675 在二进制里其实比 2.675 小一点
print(round(2.675, 2), round(1.005, 2), round(0.125, 2), round(0.375, 2))
print(round(3.14159, 3), round(2.5, 0), round(-2.5, 0))
print(round(123.456, -1), round(123.456, -2), round(1234, -2), round(1250, -2))
print(round(15, -1), round(25, -1), round(35, -1))
print(round(7), round(7, 1), round(-7, -1))
print(type(round(2.5)).__name__, type(round(2.5, 0)).__name__, type(round(5, 2)).__name__)
print(round(1e16 + 0.5), round(0.1 + 0.2, 10))

try:
    round(float('inf'))
except OverflowError as e:
    print('OverflowError:', e)
try:
    round(float('nan'))
except ValueError as e:
    print('ValueError:', e)
try:
    round('3.5')
except TypeError as e:
    print('TypeError:', e)
