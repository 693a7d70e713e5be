# @staticmethod 和 @classmethod
class Date:
    created = 0

    def __init__(self, year, month, day):
        self.year, self.month, self.day = year, month, day
        Date.created += 1

    @classmethod
    def from_string(cls, text):          # 另一种构造方式
        year, month, day = map(int, text.split('-'))
        return cls(year, month, day)

    @classmethod
    def how_many(cls):
        return f'{cls.__name__}: {cls.created} created'

    @staticmethod
    def is_leap(year):
        return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)

    def __repr__(self):
        return f'{type(self).__name__}({self.year}, {self.month}, {self.day})'


class ChineseDate(Date):
    def __str__(self):
        return f'{self.year}年{self.month}月{self.day}日'


d = Date.from_string('2017-04-04')
c = ChineseDate.from_string('2024-02-29')   # cls 是子类
print(d, c, repr(c))
print(Date.how_many(), ChineseDate.how_many())
print(Date.is_leap(2000), d.is_leap(1900), ChineseDate.is_leap(2024))
print(Date.is_leap.__name__, type(Date.from_string).__name__)
try:
    Date.from_string('2017/04/04')
except ValueError as e:
    print('ValueError:', e)
