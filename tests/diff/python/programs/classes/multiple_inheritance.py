# 多重继承和 MRO: super() 按 MRO 顺序找下一个类
class Base:
    def __init__(self):
        print('  Base.__init__')

    def hello(self):
        return ['Base']


class Left(Base):
    def __init__(self):
        print('  Left.__init__')
        super().__init__()

    def hello(self):
        return ['Left'] + super().hello()


class Right(Base):
    def __init__(self):
        print('  Right.__init__')
        super().__init__()

    def hello(self):
        return ['Right'] + super().hello()


class Child(Left, Right):
    def __init__(self):
        print('  Child.__init__')
        super().__init__()


print([c.__name__ for c in Child.__mro__])
c = Child()
print(c.hello())


class JsonMixin:
    def to_json(self):
        parts = [f'"{k}": {v!r}' for k, v in self.__dict__.items()]
        return '{' + ', '.join(parts) + '}'


class ReprMixin:
    def __repr__(self):
        return f'{type(self).__name__}({self.__dict__})'


class User(JsonMixin, ReprMixin):
    def __init__(self, name, age):
        self.name = name
        self.age = age


u = User('ann', 30)
print(u.to_json(), u)
print(isinstance(u, JsonMixin), [k.__name__ for k in User.__mro__])
try:
    class Impossible(Base, Left):
        pass
except TypeError as e:
    print('TypeError:', e)
