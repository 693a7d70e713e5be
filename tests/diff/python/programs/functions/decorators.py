# 函数装饰器
def log_calls(func):
    def wrapper(*args, **kwargs):
        print(f'-> {func.__name__}{args}')
        result = func(*args, **kwargs)
        print(f'<- {func.__name__} returned {result!r}')
        return result
    return wrapper


@log_calls
def add(a, b):
    return a + b


add(2, 3)
print(add.__name__)   # 没有 functools.wraps, 名字变成 wrapper


def bold(func):
    return lambda: '<b>' + func() + '</b>'


def italic(func):
    return lambda: '<i>' + func() + '</i>'


@bold
@italic
def hello():
    return 'hello'


print(hello())   # 离函数最近的装饰器先包装


# 带参数的装饰器: 先调用得到真正的装饰器
def repeat(times):
    def decorator(func):
        def wrapper(*args):
            return [func(*args) for _ in range(times)]
        return wrapper
    return decorator


@repeat(3)
def greet(name):
    return 'hi ' + name


print(greet('Tom'))


def count_calls(func):
    def wrapper(*args):
        wrapper.calls += 1
        return func(*args)
    wrapper.calls = 0
    return wrapper


@count_calls
def noop():
    pass


for _ in range(4):
    noop()
print('noop called', noop.calls, 'times')
