# 给函数调用赋值
def get_count():
    return 1


get_count() = 5
