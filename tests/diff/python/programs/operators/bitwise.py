# 位运算
a, b = 0b1100, 0b1010
print(bin(a & b), bin(a | b), bin(a ^ b), bin(~a), ~a)
print(a & b, a | b, a ^ b, a << 2, a >> 2)
print(1 << 10, 1 << 100, -1 >> 3, -16 >> 2, -1 << 4, ~0, ~-1)
print(255 & 0x0F, 0xF0 | 0x0F, 6 ^ 6, 5 ^ 0)

# 用位标志表示权限
READ, WRITE, EXEC = 4, 2, 1
perm = READ | WRITE
print('can read:', bool(perm & READ), 'can exec:', bool(perm & EXEC))
perm |= EXEC
perm &= ~WRITE
print('perm =', perm, oct(perm), format(perm, '03b'))

# 判断奇偶、2 的幂
for n in (1, 6, 8, 12, 1024):
    print(n, 'odd' if n & 1 else 'even', 'power of two' if n & (n - 1) == 0 else '')

# 交换两个数(异或技巧)
x, y = 7, 9
x ^= y
y ^= x
x ^= y
print(x, y)
print(True & False, True | False, True ^ True, type(True & True).__name__)

try:
    print(1 << -1)
except ValueError as e:
    print('ValueError:', e)
try:
    print(1.5 & 1)
except TypeError as e:
    print('TypeError:', e)
