# *args 收集多余的位置参数(元组), **kwargs 收集多余的关键字参数(字典)
def total(*numbers):
    print('  numbers =', numbers)
    return sum(numbers)


print(total(), total(1), total(1, 2, 3))
values = [4, 5, 6]
print(total(*values), total(*values, 10))


def log(level, *messages, sep=' ', **fields):
    line = f'[{level}] ' + sep.join(str(m) for m in messages)
    for key, value in fields.items():
        line += f' {key}={value!r}'
    return line


print(log('INFO', 'server', 'started'))
print(log('WARN', 'disk', 92, '%', sep='', host='db1', user='root'))
print(log('ERROR'))

options = {'queue': 'hello', 'durable': True}
print(log('DEBUG', 'declare', **options))


def show_kwargs(**kwargs):
    return kwargs


print(show_kwargs(), show_kwargs(a=1, b=2), type(show_kwargs()).__name__)


def everything(a, b=2, *args, c, d=4, **kwargs):
    return a, b, args, c, d, kwargs


print(everything(1, c=3))
print(everything(1, 2, 3, 4, c=5, e=6))
print(everything(*[1, 2, 3], **{'c': 0, 'z': 9}))
