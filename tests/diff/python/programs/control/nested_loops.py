# 九九乘法表
for i in range(1, 10):
    for j in range(1, i + 1):
        print(f'{j}x{i}={i * j:<2}', end=' ')
    print()

# 嵌套循环中 break 只跳出内层
for i in range(3):
    for j in range(3):
        if j == 2:
            break
        print((i, j), end=' ')
print()

# 用标志变量跳出两层
matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
found = None
for r, row in enumerate(matrix):
    for c, value in enumerate(row):
        if value * value > 30:
            found = (r, c)
            break
    if found:
        break
print('first square > 30 at', found)

# 打印三角形
for n in range(1, 5):
    print(' ' * (4 - n) + '*' * (2 * n - 1))
