# 在函数里给全局变量赋值却忘了 global
counter = 0


def increment():
    counter += 1
    return counter


print('counter is', counter)
increment()
