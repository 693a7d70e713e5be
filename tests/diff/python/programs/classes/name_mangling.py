# 私有属性: 以两个下划线开头的名字会被改写成 _类名__名字
class BankAccount:
    def __init__(self, owner, pin):
        self.owner = owner
        self._note = '约定俗成的"内部"属性, 仍可访问'
        self.__pin = pin

    def check(self, pin):
        return pin == self.__pin

    def __secret(self):
        return 'secret method'

    def reveal(self):
        return self.__secret()


acc = BankAccount('小李', 1234)
print(acc.owner, acc._note)
print(acc.check(1111), acc.check(1234), acc.reveal())
print(acc._BankAccount__pin, sorted(k for k in acc.__dict__))
try:
    print(acc.__pin)
except AttributeError as e:
    print('AttributeError:', e)
try:
    acc.__secret()
except AttributeError as e:
    print('AttributeError:', e)

# 在外面赋值 acc.__pin 只是新建了一个普通属性
acc.__pin = 0
print(acc.check(0), acc.check(1234), acc.__pin)


# 子类里的 __x 和父类里的 __x 互不干扰
class Base:
    def __init__(self):
        self.__value = 'base'

    def base_value(self):
        return self.__value


class Child(Base):
    def __init__(self):
        super().__init__()
        self.__value = 'child'

    def child_value(self):
        return self.__value


c = Child()
print(c.base_value(), c.child_value(), sorted(c.__dict__))
