# 异常对象: str(e)、repr(e)、e.args
errors = [
    ValueError('bad value'),
    ValueError('two', 'args'),
    ValueError(),
    KeyError('missing'),
    KeyError('a', 'b'),
    IndexError(3),
    Exception('中文信息'),
]
for e in errors:
    print(f'{type(e).__name__:<10} str={str(e)!r:<22} args={e.args!r:<24} repr={e!r}')


class AppError(Exception):
    def __init__(self, code, message):
        super().__init__(code, message)
        self.code = code
        self.message = message

    def __str__(self):
        return f'[{self.code}] {self.message}'


try:
    raise AppError(404, 'not found')
except AppError as e:
    print(e, '|', e.args, '|', e.code, '|', repr(e))

# 捕获之后查看异常的类型信息
try:
    [].pop()
except Exception as e:
    print(type(e), type(e).__name__, e.__class__.__mro__[1].__name__)
    print(isinstance(e, LookupError), isinstance(e, Exception), isinstance(e, BaseException))
print(str(KeyError('x')), str(KeyError("it's")), KeyError('x').args[0])
