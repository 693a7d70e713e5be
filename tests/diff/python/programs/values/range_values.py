# range: 惰性的整数序列
r = range(10, 0, -2)
print(r, list(r), len(r))
print(r[0], r[-1], r[2], r[1:3])
print(8 in r, 7 in r, r.index(4), r.count(6))
print(list(range(5)), list(range(2, 5)), list(range(0, 20, 5)))
print(list(range(5, 0)), list(range(-3, 3)), list(range(3, -4, -3)))
print(len(range(0)), len(range(1, 100, 7)), range(0) == range(5, 5))
print(range(0, 10, 2) == range(0, 9, 2), sum(range(101)))
print(list(reversed(range(4))), max(range(7)), min(range(3, 9)))

big = range(10 ** 12)
print(len(big), big[-1], 999999999999 in big)

for bad in (lambda: r[10], lambda: range(1, 10, 0), lambda: r.index(5), lambda: range(1.5)):
    try:
        bad()
    except (IndexError, ValueError, TypeError) as e:
        print(type(e).__name__ + ':', e)
