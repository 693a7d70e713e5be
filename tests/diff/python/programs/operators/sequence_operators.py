# 序列的 * 会复制引用: 二维列表的常见坑
grid = [[0] * 3] * 3
grid[0][0] = 1
print(grid)
print(grid[0] is grid[1])

# 正确的写法: 列表推导式每次生成新的行
grid = [[0] * 3 for _ in range(3)]
grid[0][0] = 1
print(grid)
print(grid[0] is grid[1])

# 复制不可变元素没有问题
row = [0] * 5
row[2] = 7
print(row)
print('-' * 10, [None] * 2, (1, 2) * 2, 'ab' * 0, [1] * -1)

# 九宫格
board = [[' '] * 3 for _ in range(3)]
board[1][1] = 'X'
board[0][2] = 'O'
for line in board:
    print('|'.join(line))
print(sum(cell != ' ' for line in board for cell in line), 'cells used')
