# 埃拉托斯特尼筛法
def primes_up_to(limit):
    is_prime = [True] * (limit + 1)
    is_prime[0] = is_prime[1] = False
    for n in range(2, int(limit ** 0.5) + 1):
        if is_prime[n]:
            for multiple in range(n * n, limit + 1, n):
                is_prime[multiple] = False
    return [n for n, flag in enumerate(is_prime) if flag]


primes = primes_up_to(100)
print(primes)
print(len(primes_up_to(10000)), 'primes below 10000')

# 孪生素数
twins = [(p, p + 2) for p in primes if p + 2 in primes]
print(twins)

# 分解质因数
def factorize(n):
    factors = []
    d = 2
    while d * d <= n:
        while n % d == 0:
            factors.append(d)
            n //= d
        d += 1
    if n > 1:
        factors.append(n)
    return factors


for n in (12, 97, 360, 1001, 2 ** 31 - 1, 600851475143):
    print(n, '=', ' x '.join(map(str, factorize(n))))
