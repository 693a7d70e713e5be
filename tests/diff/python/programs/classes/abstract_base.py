# 用 NotImplementedError 约定子类必须实现的方法
class Shape:
    def area(self):
        raise NotImplementedError(f'{type(self).__name__} must implement area()')

    def describe(self):
        return f'{type(self).__name__} with area {self.area():.2f}'


class Circle(Shape):
    def __init__(self, r):
        self.r = r

    def area(self):
        return 3.14159 * self.r ** 2


class Square(Shape):
    def __init__(self, side):
        self.side = side

    def area(self):
        return self.side ** 2


class Triangle(Shape):
    def __init__(self, base, height):
        self.base, self.height = base, height


shapes = [Circle(1), Square(3), Circle(2.5), Triangle(3, 4)]
for shape in shapes:
    try:
        print(shape.describe())
    except NotImplementedError as e:
        print('NotImplementedError:', e)

known = [s for s in shapes if not isinstance(s, Triangle)]
print('total area:', round(sum(s.area() for s in known), 3))
print('largest:', type(max(known, key=lambda s: s.area())).__name__)
print(issubclass(NotImplementedError, RuntimeError))
