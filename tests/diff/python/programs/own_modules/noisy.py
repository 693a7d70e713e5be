# module
# 导入时会打印的模块: 不管导入几次, 模块里的代码只执行一次
print('noisy 模块被导入了, __name__ =', __name__)
loaded_times = 1


def hello():
    return 'hello from noisy'
