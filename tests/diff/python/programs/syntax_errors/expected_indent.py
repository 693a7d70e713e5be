# if 后面没有缩进的代码块
def check(n):
    if n > 0:
    print('positive')
