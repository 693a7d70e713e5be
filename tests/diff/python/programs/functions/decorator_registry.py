# 装饰器用来注册处理函数(消息路由), 也可以装饰类
handlers = {}


def on(routing_key):
    def register(func):
        handlers[routing_key] = func
        return func
    return register


@on('order.created')
def created(body):
    return f'new order {body}'


@on('order.paid')
def paid(body):
    return f'order {body} paid'


for key, body in [('order.created', 1001), ('order.paid', 1001), ('order.lost', 7)]:
    handler = handlers.get(key)
    print(key, '=>', handler(body) if handler else 'no handler')
print(list(handlers))

# 类装饰器: 接收类, 返回(修改过的)类
registry = []


def register_class(cls):
    registry.append(cls.__name__)
    cls.registered = True
    return cls


def add_describe(cls):
    def describe(self):
        return f'{type(self).__name__}: {self.title}'
    cls.describe = describe
    return cls


@register_class
@add_describe
class Task:
    def __init__(self, title):
        self.title = title


@register_class
class Worker:
    pass


print(registry, Task.registered, Worker.registered)
print(Task('wash').describe())
