# range 的各种用法
print(list(range(5)), list(range(1, 6)), list(range(0, 10, 3)), list(range(10, 0, -3)))
print(list(range(-5, 0)), list(range(5, -6, -5)), list(range(0)), list(range(3, 3)))
r = range(0, 100, 7)
print(len(r), r[0], r[5], r[-1], r[-2], 49 in r, 50 in r, r.index(49))
print(list(r[2:5]), r[::-1][:3], list(r[::-1][:3]))
countdown = range(10, 0, -1)
print(len(countdown), list(countdown)[:3], 1 in countdown, 0 in countdown)
for i in range(len('abc')):
    print(i, 'abc'[i])
print(sum(range(1, 11)), max(range(10, 0, -2)), sorted(range(3), reverse=True))
print(range(3) == range(0, 3, 1), range(0) == range(2, 2), list(map(str, range(3))))
try:
    range(1, 2, 3, 4)
except TypeError as e:
    print('TypeError:', e)
try:
    range('5')
except TypeError as e:
    print('TypeError:', e)
