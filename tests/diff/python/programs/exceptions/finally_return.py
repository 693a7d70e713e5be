# finally 里的 return 会覆盖 try 的 return, 甚至吞掉异常
def which():
    try:
        return 'try'
    finally:
        return 'finally'


def swallow():
    try:
        raise RuntimeError('lost')
    finally:
        return 'exception swallowed'


def counter():
    n = 0
    try:
        n += 1
        return n            # 返回值在这里已经确定
    finally:
        n += 100
        print('  finally sees n =', n)


print(which())
print(swallow())
print(counter())


def nested():
    try:
        try:
            return 'inner'
        finally:
            print('  inner finally')
    finally:
        print('  outer finally')


print(nested())


def loop_finally():
    for i in range(5):
        try:
            if i == 3:
                return f'returned at {i}'
        finally:
            print('  cleanup', i)


print(loop_finally())
