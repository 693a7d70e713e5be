# 没有参数的异常: 只打印类名
def check(level):
    if level not in ('info', 'warning', 'error'):
        raise ValueError
    return level


print(check('info'))
check('debug')
