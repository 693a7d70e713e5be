# 位置参数、关键字参数、默认参数
def connect(host, port=6379, db=0, timeout=1.5):
    return f'{host}:{port}/{db} (timeout={timeout})'


print(connect('localhost'))
print(connect('10.211.55.4', 12000))
print(connect('127.0.0.1', db=2))
print(connect(port=5672, host='mq'))
print(connect('h', 1, 2, 3))

# 默认值在定义函数时只计算一次
counter = 10


def show(value=counter):
    return value


counter = 20
print(show(), show(counter))


def describe(name, *, upper=False, sep=': '):
    text = name.upper() if upper else name
    return 'name' + sep + text


print(describe('ann'), describe('ann', upper=True), describe('bob', sep=' = '))


def power(base, exponent=2, /):
    return base ** exponent


print(power(3), power(2, 10))
print(connect.__name__, describe.__name__, (lambda: 0).__name__)
