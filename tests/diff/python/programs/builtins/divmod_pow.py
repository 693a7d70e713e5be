# divmod 和 pow
print(divmod(17, 5), divmod(-17, 5), divmod(17, -5), divmod(17.5, 5), divmod(-0.5, 2))
minutes, seconds = divmod(3725, 60)
hours, minutes = divmod(minutes, 60)
print(f'{hours:02d}:{minutes:02d}:{seconds:02d}')
print(pow(2, 10), pow(2, -1), pow(2.5, 2), pow(0, 0), pow(-8, 2), pow(10, 20))
print(pow(2, 10, 1000), pow(3, 200, 13), pow(7, -1, 10), pow(5, 0, 1), pow(-3, 3, 7))
print(2 ** 0.5, pow(4, 0.5), 10 ** -1, (-2) ** 3)
for bad in (lambda: pow(2, 3, 0), lambda: pow(2, -1, 4), lambda: pow(2.0, 3, 5), lambda: divmod(5, 0)):
    try:
        bad()
    except (ValueError, TypeError, ZeroDivisionError) as e:
        print(type(e).__name__ + ':', e)
