# any 和 all
print(any([False, 0, '', None]), any([0, 1]), any([]), all([]), all([1, 'x', [0]]), all([1, 0]))
nums = [2, 4, 6, 7]
print(all(n % 2 == 0 for n in nums), any(n % 2 for n in nums), any(n > 10 for n in nums))
passwords = ['abc', 'Secret123', 'password1']
for p in passwords:
    checks = [len(p) >= 8, any(c.isdigit() for c in p), any(c.isupper() for c in p)]
    print(p, checks, 'strong' if all(checks) else 'weak')


def noisy(value):
    print('  checking', value)
    return value


print(any(noisy(v) for v in [0, 3, 0, 5]))   # 找到第一个真值就停
print(all(noisy(v) for v in [1, 0, 2]))      # 找到第一个假值就停
