# 既能直接运行、又能被导入的模块: 用 if __name__ == '__main__' 区分
def add(a, b):
    return a + b


def mul(a, b):
    return a * b


print('calc loaded, __name__ =', __name__)

if __name__ == '__main__':
    print('running calc as a program')
    print(add(2, 3), mul(4, 5))
