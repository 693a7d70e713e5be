# center / ljust / rjust / zfill
print('[' + 'hi'.center(10) + ']', '[' + 'hi'.center(9, '*') + ']', '[' + 'hi'.center(1) + ']')
print('[' + 'left'.ljust(10, '.') + ']', '[' + 'right'.rjust(10) + ']', '[' + 'x'.ljust(0) + ']')
print('42'.zfill(5), '-42'.zfill(5), '+7'.zfill(4), 'abc'.zfill(6), '12345'.zfill(3))
print('odd'.center(6, '-'), 'even'.center(7, '-'), 'ab'.center(5, '='))

# 打印表格
rows = [('商品', '数量', '单价'), ('苹果', 3, 5.5), ('香蕉', 12, 2.25), ('西瓜', 1, 30.0)]
for name, qty, price in rows:
    print(str(name).ljust(6), str(qty).rjust(4), str(price).rjust(6))
print('=' * 20)
print('合计'.center(18, '*'))
try:
    'x'.center(5, '--')
except TypeError as e:
    print('TypeError:', e)
