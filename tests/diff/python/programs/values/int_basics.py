# 整数: 字面量、转换和布尔值参与运算
print(42, -7, 0)
print(1_000_000, 0x1F, 0o17, 0b1010)
print(type(42).__name__, type(0x1F).__name__)

# int() 把字符串变成整数
print(int('12') + 1)
print(int('  -17  '), int('+5'))
print(int('ff', 16), int('FF', 16), int('777', 8), int('1010', 2))
print(int('z', 36), int('0x1f', 0), int('0b101', 0), int('0o17', 0))
print(int('1_000'))

# int() 截断小数部分(向零取整)
print(int(3.99), int(-3.99), int(0.5), int(-0.5))
print(int(1e20), int(True), int(False))

# 布尔值就是整数
print(True + True, True * 10, False - 1)
print(sum([True, False, True, True]))

# 错误
for text in ['12.5', 'abc', '', '1e3']:
    try:
        int(text)
    except ValueError as e:
        print('ValueError:', e)
try:
    int('12', 1)
except ValueError as e:
    print('ValueError:', e)
try:
    int(None)
except TypeError as e:
    print('TypeError:', e)
