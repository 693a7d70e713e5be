# 整数和浮点数混合运算
print(1 + 2.0, 7 / 2, 8 / 2, 7 // 2.0, 2 ** 10, 2 ** -2, 2.0 ** 3)
print(1 == 1.0, 0.5 == 1 / 2, 10 ** 20 == 1e20, 10 ** 23 == 1e23)
print(3 * 0.1, 0.1 * 3 == 0.3, abs(0.1 * 3 - 0.3) < 1e-9)
print(int(2.5 * 2), float(2 ** 100), 2 ** 100 / 2 ** 99)
print(-2 ** 2, (-2) ** 2, 2 ** 3 ** 2, (2 ** 3) ** 2)
print(17 / 4, 17 // 4, 17 % 4, -17 / 4, -17 // 4)
print(1e3, int(1e3), 1_000.0, 3e0)
print(0.1 + 0.2 - 0.3, 1 - 0.9, 100 * 1.1)

# 价格计算: 用整数"分"避免浮点误差
prices = [19.9, 5.5, 0.1, 0.2]
print('float sum:', sum(prices))
cents = [1990, 550, 10, 20]
total = sum(cents)
print('cents sum:', total, '->', f'{total // 100}.{total % 100:02d}')

# 平均分
scores = [88, 92, 79, 95, 60]
average = sum(scores) / len(scores)
print('average:', average, round(average, 1), f'{average:.2f}')
print(max(scores) - min(scores), sorted(scores)[len(scores) // 2])
