# module
# 计数器模块: 模块级变量在所有导入它的地方共享
total = 0


class Counter:
    created = 0

    def __init__(self, start=0):
        Counter.created += 1
        self.value = start

    def incr(self, n=1):
        global total
        self.value += n
        total += n
        return self.value

    def decr(self, n=1):
        return self.incr(-n)
