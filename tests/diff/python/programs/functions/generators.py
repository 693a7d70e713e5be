# 生成器: 用 yield 一次产出一个值
def countdown(n):
    print('  start')
    while n > 0:
        yield n
        n -= 1
    print('  done')


gen = countdown(3)
print(type(gen).__name__)
print(next(gen))
print(next(gen))
print(list(gen))
print(list(gen))
try:
    next(gen)
except StopIteration:
    print('StopIteration: generator is exhausted')


def fibonacci():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


fib = fibonacci()
print([next(fib) for _ in range(12)])
for value in fibonacci():
    if value > 100:
        break
    print(value, end=' ')
print()


def read_chunks(text, size):
    for start in range(0, len(text), size):
        yield text[start:start + size]


print(list(read_chunks('abcdefghij', 3)))
print(sum(1 for _ in read_chunks('x' * 100, 7)))


def with_return():
    yield 1
    return 'result'


g = with_return()
next(g)
try:
    next(g)
except StopIteration as e:
    print('return value:', e.value)
