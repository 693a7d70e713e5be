# 语法错误在文件的最后: 前面的代码也不会运行
def producer(i):
    print('producing', i)


def consumer(i):
    print('consuming', i)


producer(1)
consumer(1)
while True
    pass
