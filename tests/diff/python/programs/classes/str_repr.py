# __str__ 给人看, __repr__ 给程序员看
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return f'Point({self.x!r}, {self.y!r})'

    def __str__(self):
        return f'({self.x}, {self.y})'


class OnlyRepr:
    def __repr__(self):
        return 'OnlyRepr()'


p = Point(1, 2)
print(p)
print(str(p), repr(p))
print([p, Point(3, 4)])        # 容器里用 repr
print({'origin': Point(0, 0)})
print(f'{p} {p!r} {p!s}')
print('%s %r' % (p, p))
print('{} {!r}'.format(p, p))
print(OnlyRepr(), str(OnlyRepr()), [OnlyRepr()])
print(Point('a', 'b'), repr(Point('a', 'b')))


class Temperature:
    def __init__(self, celsius):
        self.celsius = celsius

    def __str__(self):
        return f'{self.celsius:.1f}°C'

    def __format__(self, spec):
        if spec == 'f':
            return f'{self.celsius * 9 / 5 + 32:.1f}°F'
        return str(self)


t = Temperature(36.6)
print(t, f'{t}', f'{t:f}', format(t, 'f'))
print(repr(t).startswith('<__main__.Temperature object'))
