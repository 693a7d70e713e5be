# 运算符重载: __add__、__mul__、__neg__、__bool__、__hash__ ...
class Vector:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __repr__(self):
        return f'Vector({self.x}, {self.y})'

    def __add__(self, other):
        if isinstance(other, Vector):
            return Vector(self.x + other.x, self.y + other.y)
        return NotImplemented

    def __radd__(self, other):        # 让 sum() 从 0 开始也能用
        if other == 0:
            return self
        return NotImplemented

    def __sub__(self, other):
        return Vector(self.x - other.x, self.y - other.y)

    def __mul__(self, k):
        return Vector(self.x * k, self.y * k)

    __rmul__ = __mul__

    def __neg__(self):
        return Vector(-self.x, -self.y)

    def __abs__(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5

    def __bool__(self):
        return bool(self.x or self.y)

    def __eq__(self, other):
        return isinstance(other, Vector) and (self.x, self.y) == (other.x, other.y)

    def __hash__(self):
        return hash((self.x, self.y))


a, b = Vector(1, 2), Vector(3, 4)
print(a + b, b - a, a * 3, 3 * a, -a, abs(b))
print(sum([a, b, Vector(10, 10)]))
print(bool(Vector(0, 0)), bool(a), 'zero' if not Vector(0, 0) else 'nonzero')
print(a == Vector(1, 2), a != b, len({a, Vector(1, 2), b}))
v = a
v += b                                # 没有 __iadd__ 时用 __add__, 生成新对象
print(v, a, v is a)
try:
    a + 1
except TypeError as e:
    print('TypeError:', e)
try:
    a @ b
except TypeError as e:
    print('TypeError:', e)
