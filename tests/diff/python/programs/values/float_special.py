# 无穷大和 NaN
inf = float('inf')
nan = float('nan')
print(inf, -inf, nan)
print(float('-inf'), float('Infinity'), float('NaN'))
print(inf > 1e308, -inf < -1e308, inf == inf)
print(inf + 1, inf - inf, inf * 0)
print(nan == nan, nan != nan, nan is nan)
print(1 / inf, -1 / inf)
print(max(3.0, inf), min(-inf, 0))
print(repr(inf), str(nan))
print([inf, nan])

# 浮点数出错的几种情况
tests = [
    lambda: int(inf),
    lambda: int(nan),
    lambda: float('abc'),
    lambda: float(''),
    lambda: float(10 ** 400),
    lambda: 2.0 ** 10000,
    lambda: 10 ** 400 / 1,
    lambda: 0.0 ** -1,
]
for test in tests:
    try:
        print(test())
    except (ValueError, OverflowError, ZeroDivisionError) as e:
        print(type(e).__name__ + ':', e)
