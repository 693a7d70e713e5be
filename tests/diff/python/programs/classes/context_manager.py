# __enter__ 和 __exit__: with 语句
class Connection:
    def __init__(self, host):
        self.host = host
        self.open = False

    def __enter__(self):
        print(f'connect to {self.host}')
        self.open = True
        return self

    def __exit__(self, exc_type, exc, tb):
        self.open = False
        if exc_type is None:
            print('close (no error)')
        else:
            print(f'close after {exc_type.__name__}: {exc}')
        return False          # 不吞掉异常


with Connection('localhost') as conn:
    print('working, open =', conn.open)
print('after with, open =', conn.open)

try:
    with Connection('10.211.55.4') as conn:
        print('sending...')
        raise ConnectionError('connection reset')
        print('never printed')
except ConnectionError as e:
    print('caught outside:', e)


class Suppress:
    def __init__(self, *kinds):
        self.kinds = kinds

    def __enter__(self):
        return 'the value of as'

    def __exit__(self, exc_type, exc, tb):
        return exc_type is not None and issubclass(exc_type, self.kinds)


with Suppress(KeyError, ZeroDivisionError) as value:
    print(value)
    {}['missing']
print('KeyError was suppressed')

with Suppress(ZeroDivisionError), Connection('two managers'):
    print(1 / 0)
print('still running')


def use(manager):
    with manager:
        return 'returned inside with'


print(use(Connection('return test')))
