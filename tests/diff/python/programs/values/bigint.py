# 大整数: Python 的 int 没有上限
print(2 ** 100)
print(2 ** 64 - 1)
print(-(3 ** 50))
print(10 ** 30 + 1)


def factorial(n):
    result = 1
    for i in range(2, n + 1):
        result *= i
    return result


for n in (10, 20, 25, 30, 50):
    print(f'{n}! =', factorial(n))

# 斐波那契数列的第 100 项
a, b = 0, 1
for _ in range(100):
    a, b = b, a + b
print('fib(100) =', a)

big = 2 ** 100
print(big // 3, big % 3)
print(-big // 7, -big % 7)
print(big * big)
print(pow(3, 200, 1000007))
print(len(str(2 ** 1000)), 'digits in 2**1000')
print(hex(2 ** 80), bin(2 ** 20))
print(factorial(30) // factorial(28))
print(big == 1267650600228229401496703205376, big > 10 ** 30)
print(float(big), big / 3)
