# 导入 calc 时, 它的 if __name__ == '__main__' 部分不会执行
import calc

print('calc.__name__ =', calc.__name__, '| my __name__ =', __name__)
print(calc.add(1, 2), calc.mul(3, 4))
