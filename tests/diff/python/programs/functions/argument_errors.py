# 调用参数不对时的 TypeError
def move(x, y):
    return x + y


def send(message, *, to):
    return message, to


def three(a, b, c):
    return a, b, c


class Point:
    def shift(self, dx):
        return dx


calls = [
    lambda: move(1),
    lambda: move(),
    lambda: move(1, 2, 3),
    lambda: move(1, z=2),
    lambda: move(1, x=2),
    lambda: move(1, 2, y=3),
    lambda: send('hi', 'bob'),
    lambda: send('hi'),
    lambda: send(),
    lambda: three(),
    lambda: three(1),
    lambda: Point().shift(),
    lambda: Point().shift(1, 2),
    lambda: Point.shift(1),
    lambda: Point(1),
]
for call in calls:
    try:
        call()
    except TypeError as e:
        print('TypeError:', e)
