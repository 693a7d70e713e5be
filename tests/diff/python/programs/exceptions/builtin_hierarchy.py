# 内置异常的层次结构
def chain(cls):
    names = []
    while cls is not object:
        names.append(cls.__name__)
        cls = cls.__base__
    return ' -> '.join(names)


for cls in (ZeroDivisionError, KeyError, IndexError, ValueError, UnicodeDecodeError,
            ModuleNotFoundError, FileNotFoundError, NotImplementedError, RecursionError,
            UnboundLocalError, StopIteration, KeyboardInterrupt, SystemExit, AssertionError,
            AttributeError, TypeError, OverflowError, TimeoutError):
    print(chain(cls))

# 用基类一次捕获一类错误
for action in (lambda: [][1], lambda: {}['x'], lambda: 1 / 0, lambda: 2.0 ** 5000):
    try:
        action()
    except LookupError as e:
        print('LookupError family:', type(e).__name__, e)
    except ArithmeticError as e:
        print('ArithmeticError family:', type(e).__name__, e)
