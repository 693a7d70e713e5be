# type() 和类名
class Message:
    def send(self):
        return 'sent'


class Urgent(Message):
    pass


m = Urgent()
print(type(m).__name__, m.__class__.__name__, type(m) is Urgent)
print(Message, Urgent, type(m))
print(type(1), type('a'), type(None), type([]), type(len))
print(type(print).__name__, type(type).__name__, type(Message).__name__)


def f():
    pass


def g():
    yield


print(type(f).__name__, type(g()).__name__, type(lambda: 0).__name__)
print(type(m.send).__name__, type(Message.send).__name__, type(range(3)).__name__, type(iter([])).__name__)
print(type(zip()).__name__, type(map(str, [])).__name__, type({}.keys()).__name__)
for value in (1, 1.0, 'x', b'x', [1], (1,), {1: 1}, {1}, None, True, Urgent):
    print(f'{value!r:>24} -> {type(value).__name__}')
print(Urgent.__qualname__, Message.__module__, __name__)


class Outer:
    class Inner:
        pass


print(Outer.Inner.__name__, Outer.Inner.__qualname__, Outer.Inner)
