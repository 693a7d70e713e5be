# with 语句里抛出的异常穿过 __exit__ 继续传播
class Transaction:
    def __enter__(self):
        print('BEGIN')
        return self

    def __exit__(self, exc_type, exc, tb):
        print('ROLLBACK' if exc_type else 'COMMIT')


class InsufficientFunds(Exception):
    pass


def transfer(balance, amount):
    with Transaction():
        if amount > balance:
            raise InsufficientFunds(f'balance {balance} < {amount}')
        print('moved', amount)


transfer(100, 30)
transfer(100, 300)
