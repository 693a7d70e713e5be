# 生成器表达式: 和列表推导式一样的写法, 但是惰性计算
nums = [3, 8, 1, 9, 4]
print(sum(x * x for x in nums))
print(max(x for x in nums if x % 2 == 0))
print(any(x > 8 for x in nums), all(x > 0 for x in nums))
print(','.join(str(x) for x in sorted(nums)))
print(tuple(x * 2 for x in nums), sorted((x for x in nums), reverse=True))

squares = (x * x for x in range(5))
print(type(squares).__name__)
print(next(squares), next(squares), list(squares), list(squares))


def noisy(values):
    for v in values:
        print('  producing', v)
        yield v


# 只会计算到第一个满足条件的值
lazy = (v * 10 for v in noisy([1, 2, 3, 4]))
print('created, nothing computed yet')
for result in lazy:
    print('got', result)
    if result >= 20:
        break
print('first big:', next(v for v in noisy([5, 50, 500]) if v > 10))
print('none found:', next((v for v in [1, 2] if v > 10), 'default'))
