# 递归
def factorial(n):
    return 1 if n <= 1 else n * factorial(n - 1)


def fib(n, memo={}):
    if n < 2:
        return n
    if n not in memo:
        memo[n] = fib(n - 1) + fib(n - 2)
    return memo[n]


print([factorial(n) for n in range(8)], factorial(40))
print([fib(n) for n in range(15)], fib(200))


def hanoi(n, source, target, spare, moves):
    if n == 0:
        return
    hanoi(n - 1, source, spare, target, moves)
    moves.append(f'{source}->{target}')
    hanoi(n - 1, spare, target, source, moves)


moves = []
hanoi(3, 'A', 'C', 'B', moves)
print(len(moves), moves)


def flatten(items):
    result = []
    for item in items:
        if isinstance(item, list):
            result.extend(flatten(item))
        else:
            result.append(item)
    return result


print(flatten([1, [2, [3, [4, [5]]]], 6, [[7]]]))


def permutations(items):
    if len(items) <= 1:
        return [items]
    result = []
    for i, item in enumerate(items):
        for rest in permutations(items[:i] + items[i + 1:]):
            result.append([item] + rest)
    return result


print([''.join(p) for p in permutations(list('abc'))])


def depth(tree):
    if not isinstance(tree, dict) or not tree:
        return 0
    return 1 + max(depth(child) for child in tree.values())


print(depth({'a': {'b': {'c': {}}, 'd': 1}}))
