import sys

# 递归太深会抛出 RecursionError(默认上限 1000 层)
print('limit:', sys.getrecursionlimit())


def countdown(n):
    return countdown(n + 1)


try:
    countdown(0)
except RecursionError as e:
    print('RecursionError:', e)

deepest = 0


def dive(level):
    global deepest
    deepest = level
    dive(level + 1)


try:
    dive(1)
except RecursionError:
    # 模块本身占一层, 所以函数最多进到第 999 层
    print('deepest level reached:', deepest)


# 改成循环就没有这个问题
def sum_to(n):
    total = 0
    while n > 0:
        total += n
        n -= 1
    return total


print(sum_to(100000))
print(issubclass(RecursionError, RuntimeError))
