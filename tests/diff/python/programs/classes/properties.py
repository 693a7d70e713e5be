# @property: 像属性一样访问, 背后是方法
class Account:
    def __init__(self, owner, balance=0):
        self.owner = owner
        self._balance = balance

    @property
    def balance(self):
        return self._balance

    @balance.setter
    def balance(self, value):
        if value < 0:
            raise ValueError(f'余额不能为负数: {value}')
        print(f'  balance {self._balance} -> {value}')
        self._balance = value

    @property
    def summary(self):               # 只读属性
        return f'{self.owner}: {self._balance} 元'


acc = Account('小王', 100)
print(acc.balance, acc.summary)
acc.balance = 250
acc.balance += 50
print(acc.summary)
try:
    acc.balance = -1
except ValueError as e:
    print('ValueError:', e)
try:
    acc.summary = 'hacked'
except AttributeError as e:
    print('AttributeError:', e)
print(type(Account.balance).__name__, acc.balance)


class Rectangle:
    def __init__(self, width, height):
        self.width = width
        self.height = height

    @property
    def area(self):
        print('  computing area')
        return self.width * self.height


r = Rectangle(3, 4)
print(r.area, r.area)
r.width = 10
print(r.area)
try:
    del r.area
except AttributeError as e:
    print('AttributeError:', e)
